"""The home page as a to-do list: what is waiting for this user, each line one tap from where
the work is done; and the feed of what happened to the plans they are responsible for.

Lines come from what the user's roles let them do on each village (accounts.access), so the
same plan is "waiting for my review" to its tambon's officer, "returned to me" to its
committee, and a count in "waiting for the officers" to the district office that supervises
both. A fixed number of queries per home area, whatever the number of villages.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from planlink.accounts import access
from planlink.accounts.roles import Capability
from planlink.areas.models import Area, AreaLevel
from planlink.core.models import Job, JobStatus
from planlink.core.templatetags.planlink import be_date
from planlink.frameworks.calendar import StepState
from planlink.frameworks.models import STEP_TAKEN_BY, Step
from planlink.plans import selectors as plan_selectors
from planlink.plans.models import EventKind, PlanComment, PlanEvent, VersionStatus

JOB_DAYS = 7  # finished imports stay on the list this long
PER_GROUP = 8  # lines shown per group; the rest are counted with a link to all of them


@dataclass
class Todo:
    text: str
    url: str
    detail: str = ""
    urgent: bool = False
    since: datetime | None = None


@dataclass
class TodoGroup:
    key: str
    title: str
    todos: list[Todo] = field(default_factory=list)
    more: int = 0
    more_url: str = ""


def _plan_url(code: str) -> str:
    return reverse("plans:plan", kwargs={"code": code})


def _overview_url(code: str, **filters: str) -> str:
    query = "&".join(f"{k}={v}" for k, v in filters.items())
    return reverse("plans:overview", kwargs={"code": code}) + (f"?{query}" if query else "")


# What a supervisor (who takes no step on these plans) is shown: counts, each a link to the
# overview filtered to those villages.
SUPERVISED: tuple[tuple[str, str, dict[str, str]], ...] = (
    (
        "submitted",
        gettext_noop("Waiting for the officers' review: %(n)d plans"),
        {"status": "submitted"},
    ),
    (
        "awaiting_assembly",
        gettext_noop("Reviewed, waiting for the village assembly: %(n)d plans"),
        {"status": "reviewed"},
    ),
    ("no_plan", gettext_noop("Villages without a plan yet: %(n)d"), {"status": "none"}),
    ("below", gettext_noop("Villages below the self-reliance rule: %(n)d"), {"below": "1"}),
    ("overdue", gettext_noop("Villages with overdue items: %(n)d"), {"overdue": "1"}),
)


def todo_groups(*, user: Any, areas: list[Area], today: date | None = None) -> list[TodoGroup]:
    """The user's to-do list, most pressing group first; groups with nothing are left out."""
    today = today or timezone.localdate()
    mine = access.access_for(user)
    groups = {
        key: TodoGroup(key, title)
        for key, title in (
            ("review", _("Plans waiting for your review")),
            ("returned", _("Returned to you for changes")),
            ("deadlines", _("Deadlines of the province's calendar")),
            ("tambon", _("Your tambon community plan")),
            ("district", _("Going up to the district development plan")),
            ("plan", _("Your village plan")),
            ("below", _("Below the self-reliance rule")),
            ("overdue", _("Overdue progress reports")),
            ("supervise", _("In your area")),
            ("jobs", _("Your imports")),
        )
    }
    for area in areas:
        found = plan_selectors.overview(user=user, area=area, today=today)
        rows = found.rows
        groups["deadlines"].todos += _deadline_todos(user, area, found, today)
        groups["tambon"].todos += _tambon_todos(mine, area)
        groups["district"].todos += _district_todos(mine, area)
        drafts = [r.version.pk for r in rows if r.version and r.version.status == "draft"]
        returned = set(
            PlanEvent.objects.filter(version_id__in=drafts, kind=EventKind.RETURNED)
            .values_list("version_id", flat=True)
            .distinct()
        )
        open_comments = dict(
            PlanComment.objects.filter(
                version_id__in=drafts, item__isnull=False, resolved_at__isnull=True
            )
            .values("version_id")
            .annotate(n=Count("id"))
            .values_list("version_id", "n")
        )
        supervised: dict[str, int] = defaultdict(int)
        for row in rows:
            code = row.village.code
            name = row.village.display_name
            version = row.version
            status = version.status if version else None
            edits = mine.can(Capability.EDIT_PLAN, code)
            reviews = mine.can(Capability.REVIEW_PLAN, code)
            records = mine.can(Capability.RECORD_ASSEMBLY, code)
            reports = mine.can(Capability.REPORT_PROGRESS, code)
            if version is None:
                if edits:
                    groups["plan"].todos.append(
                        Todo(
                            _("Start the village plan of %(village)s") % {"village": name},
                            _plan_url(code),
                            _("Begin from the village's problems in its data pack."),
                        )
                    )
                else:
                    supervised["no_plan"] += 1
                continue
            if status == VersionStatus.SUBMITTED:
                if reviews:
                    groups["review"].todos.append(
                        Todo(
                            _("Review the plan of %(village)s") % {"village": name},
                            _plan_url(code),
                            ngettext(
                                "%(n)d project or activity",
                                "%(n)d projects and activities",
                                row.items,
                            )
                            % {"n": row.items},
                            urgent=True,
                            since=version.submitted_at,
                        )
                    )
                elif not edits:
                    supervised["submitted"] += 1
            elif status == VersionStatus.DRAFT and edits:
                comments = open_comments.get(version.pk, 0)
                if version.pk in returned:
                    groups["returned"].todos.append(
                        Todo(
                            _("The officer returned the plan of %(village)s") % {"village": name},
                            _plan_url(code) + "#comments",
                            ngettext(
                                "%(n)d comment to deal with, then submit again.",
                                "%(n)d comments to deal with, then submit again.",
                                comments,
                            )
                            % {"n": comments}
                            if comments
                            else _("Read the officer's note, change the plan, submit again."),
                            urgent=True,
                        )
                    )
                else:
                    groups["plan"].todos.append(
                        Todo(
                            _("Finish the draft of %(village)s and submit it to the officer")
                            % {"village": name},
                            _plan_url(code),
                            ngettext(
                                "%(n)d project or activity so far",
                                "%(n)d projects and activities so far",
                                row.items,
                            )
                            % {"n": row.items},
                        )
                    )
            elif status == VersionStatus.REVIEWED and records:
                groups["plan"].todos.append(
                    Todo(
                        _("Record the village assembly's approval of %(village)s")
                        % {"village": name},
                        _plan_url(code) + "#workflow",
                        _("Reviewed by the officer: hold the assembly, then record its date."),
                        urgent=True,
                    )
                )
            elif status == VersionStatus.APPROVED and records:
                groups["plan"].todos.append(
                    Todo(
                        _("Publish the plan of %(village)s") % {"village": name},
                        _plan_url(code) + "#workflow",
                        _("Approved by the village assembly."),
                    )
                )
            elif status == VersionStatus.REVIEWED:
                supervised["awaiting_assembly"] += 1
            if row.below:
                share = row.reliance.share if row.reliance else None
                if edits or reviews:
                    groups["below"].todos.append(
                        Todo(
                            _("%(village)s: %(share)s%% self-done, below the rule")
                            % {"village": name, "share": share},
                            _plan_url(code),
                            _("Add activities the villagers do themselves")
                            if edits
                            else _("Record the reason when you review, or ask for more"),
                        )
                    )
                else:
                    supervised["below"] += 1
            if row.overdue:
                if reports and (edits or reviews):
                    groups["overdue"].todos.append(
                        Todo(
                            ngettext(
                                "%(village)s: %(n)d item past its planned end",
                                "%(village)s: %(n)d items past their planned end",
                                row.overdue,
                            )
                            % {"village": name, "n": row.overdue},
                            _plan_url(code),
                            _("Report the progress, or mark them done or dropped."),
                        )
                    )
                else:
                    supervised["overdue"] += 1
        for key, text, filters in SUPERVISED:
            if supervised[key]:
                groups["supervise"].todos.append(
                    Todo(
                        _(text) % {"n": supervised[key]},
                        _overview_url(area.code, **filters),
                        str(area.display_name),
                    )
                )
    groups["review"].todos.sort(key=lambda t: t.since or timezone.now())  # oldest first
    groups["jobs"].todos = [_job_todo(job) for job in _recent_jobs(user)]
    result = []
    for group in groups.values():
        if not group.todos:
            continue
        if len(group.todos) > PER_GROUP:
            group.more = len(group.todos) - PER_GROUP
            group.todos = group.todos[:PER_GROUP]
            if areas:
                group.more_url = _overview_url(areas[0].code)
        result.append(group)
    return result


def _when(state: StepState) -> str:
    """ "in 5 days", "today" or "5 days late" for a step that needs attention."""
    if state.late is not None:
        return ngettext("%(n)d day late", "%(n)d days late", state.late) % {"n": state.late}
    if state.due_in == 0:
        return _("due today")
    n = state.due_in or 0
    return ngettext("due in %(n)d day", "due in %(n)d days", n) % {"n": n}


# What the ศอช.ต. is asked to do for each tambon step that is due.
TAMBON_STEP_TEXT = {
    Step.TAMBON_CONSOLIDATION: gettext_noop("Consolidate the tambon plan of %(tambon)s by %(day)s"),
    Step.TAMBON_FORUM: gettext_noop("Hold the tambon civic forum of %(tambon)s by %(day)s"),
    Step.DISTRICT_SUBMISSION: gettext_noop(
        "Send the projects of %(tambon)s to the district by %(day)s"
    ),
}


def _deadline_todos(
    user: Any, area: Area, found: plan_selectors.Overview, today: date
) -> list[Todo]:
    """Steps of the province's calendar that are late or due within SOON_DAYS, for those who
    take them: the officer who reviews the villages' plans, the ศอช.ต. of each tambon."""
    mine = access.access_for(user)
    todos: list[Todo] = []
    review = STEP_TAKEN_BY[Step.VILLAGE_REVIEW]
    mine_rows = [
        r
        for r in found.rows
        if r.review is not None and r.review.needs_attention and mine.can(review, r.village.code)
    ]
    if mine_rows:
        state = mine_rows[0].review
        assert state is not None
        waiting = sum(
            1 for r in mine_rows if r.version is not None and r.version.status == "submitted"
        )
        late = state.late is not None
        todos.append(
            Todo(
                ngettext(
                    "Village plan review, %(when)s: %(n)d village not reviewed yet",
                    "Village plan review, %(when)s: %(n)d villages not reviewed yet",
                    len(mine_rows),
                )
                % {"when": _when(state), "n": len(mine_rows)},
                _overview_url(area.code, **({"late": "1"} if late else {})),
                (
                    ngettext(
                        "Due %(day)s · %(w)d plan is waiting for your review",
                        "Due %(day)s · %(w)d plans are waiting for your review",
                        waiting,
                    )
                    % {"day": be_date(state.due), "w": waiting}
                )
                if waiting
                else _("Due %(day)s · the committees have not submitted them yet")
                % {"day": be_date(state.due)},
                urgent=late,
            )
        )
    tambon_steps = [s for s in TAMBON_STEP_TEXT if s in found.due]
    if not tambon_steps:
        return todos
    tambons = sorted(
        {
            r.village.code[:6]
            for r in found.rows
            if mine.can(STEP_TAKEN_BY[Step.TAMBON_CONSOLIDATION], r.village.code[:6])
        }
    )
    if not tambons:
        return todos
    names = {a.code: a.display_name for a in Area.objects.filter(code__in=tambons)}
    progress = plan_selectors.tambon_progress(codes=tambons, today=today, due=found.due)
    for code in tambons:
        for step, state in progress[code].steps.items():
            if not state.needs_attention:
                continue
            todos.append(
                Todo(
                    _(TAMBON_STEP_TEXT[Step(step)])
                    % {"tambon": names.get(code, code), "day": be_date(state.due)},
                    reverse("integration:tambon_plan", kwargs={"code": code}),
                    _when(state),
                    urgent=state.late is not None,
                )
            )
    return todos


def _district_todos(mine: access.Access, area: Area) -> list[Todo]:
    """After the tambon civic forum: the duplicates to decide and the items to send (the
    tambon's officer and ศอช.ต.); what has arrived (the district administration office)."""
    from planlink.integration.selectors import tambon_plan_of
    from planlink.integration.services.selection import duplicate_summary, tambon_selection

    if area.level == AreaLevel.DISTRICT and mine.can(Capability.EDIT_DISTRICT_PLAN, area.code):
        from planlink.plans.models import ItemLink, Plan

        plans = Plan.objects.filter(area=area, level="district")
        arrived = ItemLink.objects.filter(target__plan__in=plans, kind="selected_for").count()
        if not arrived:
            return []
        url = reverse("integration:district_plan", kwargs={"code": area.code})
        todos = [
            Todo(
                ngettext(
                    "%(n)s item has arrived from the tambons: see what each tambon sent",
                    "%(n)s items have arrived from the tambons: see what each tambon sent",
                    arrived,
                )
                % {"n": arrived},
                url,
                str(area.display_name),
            )
        ]
        return todos + _district_plan_steps(area, plans.order_by("-first_year").first(), url)
    if area.level != AreaLevel.TAMBON or not mine.can(Capability.SEND_TO_DISTRICT, area.code):
        return []
    plan = tambon_plan_of(area)
    if plan is None:
        return []
    version = plan_selectors.current_version(plan)
    if version.status != "approved":
        return []
    name = str(area.display_name)
    summary = duplicate_summary(version)
    if summary.undecided:
        url = reverse("integration:duplicates", kwargs={"code": area.code})
        return [
            Todo(
                ngettext(
                    "Decide %(n)s possible duplicate with other budget sources",
                    "Decide %(n)s possible duplicates with other budget sources",
                    summary.undecided,
                )
                % {"n": summary.undecided},
                f"{url}?year={plan.first_year}",
                name,
            )
        ]
    unsent = [r for r in tambon_selection(version).selected if not r.sent]
    if not unsent:
        return []
    url = reverse("integration:selection", kwargs={"code": area.code})
    return [
        Todo(
            ngettext(
                "Send %(n)s selected item to the district development plan",
                "Send %(n)s selected items to the district development plan",
                len(unsent),
            )
            % {"n": len(unsent)},
            f"{url}?year={plan.first_year}",
            name,
        )
    ]


def _district_plan_steps(area: Area, plan: Any, url: str) -> list[Todo]:
    """The district administration office's next step on its latest district plan."""
    from planlink.integration.services.district import blockers

    if plan is None:
        return []
    version = plan.versions.order_by("-number").first()
    name = str(area.display_name)
    url = f"{url}?year={plan.first_year}"
    if version.status == "approved":
        return [Todo(_("Send the approved district development plan to the province"), url, name)]
    if version.status != "draft":
        return []
    found = blockers(version)
    if found.empty:
        return []
    if found.undecided:
        text = ngettext(
            "Decide %(n)s possible duplicate between tambons in the district plan",
            "Decide %(n)s possible duplicates between tambons in the district plan",
            found.undecided,
        ) % {"n": found.undecided}
        return [Todo(text, f"{url}#duplicates", name)]
    if found.unaligned:
        n = len(found.unaligned)
        text = ngettext(
            "Confirm how %(n)s district plan item serves the provincial development plan",
            "Confirm how %(n)s district plan items serve the provincial development plan",
            n,
        ) % {"n": n}
        return [Todo(text, f"{url}#alignment", name)]
    return [
        Todo(
            _("Record the district committee's approval of the district plan"),
            f"{url}#approve",
            name,
        )
    ]


def _tambon_todos(mine: access.Access, area: Area) -> list[Todo]:
    """The ศอช.ต.'s next step on its tambon plan: consolidate, review, file, the forum."""
    from planlink.integration.models import Forum, TambonItem
    from planlink.integration.selectors import tambon_plan_of

    if area.level != AreaLevel.TAMBON or not mine.can(Capability.EDIT_TAMBON_PLAN, area.code):
        return []
    url = reverse("integration:tambon_plan", kwargs={"code": area.code})
    name = str(area.display_name)
    plan = tambon_plan_of(area)
    if plan is None:
        return [Todo(_("Consolidate the village plans of %(name)s") % {"name": name}, url)]
    version = plan_selectors.current_version(plan)
    if version.status != "draft":
        return []
    kept = TambonItem.objects.filter(
        lineage__items__version=version, lineage__items__status__in=("proposed", "in_progress")
    )
    todos = []
    proposed = kept.filter(accepted_at__isnull=True).count()
    if proposed:
        todos.append(
            Todo(
                ngettext(
                    "Review %(n)s proposed item of the tambon plan",
                    "Review %(n)s proposed items of the tambon plan",
                    proposed,
                )
                % {"n": proposed},
                f"{url}?year={plan.first_year}",
                name,
            )
        )
    unfiled = kept.filter(issue_confirmed_at__isnull=True).count()
    if unfiled:
        todos.append(
            Todo(
                ngettext(
                    "Confirm the province issue of %(n)s item",
                    "Confirm the province issue of %(n)s items",
                    unfiled,
                )
                % {"n": unfiled},
                f"{url}?year={plan.first_year}",
                name,
            )
        )
    forum_url = reverse("integration:forum", kwargs={"code": area.code})
    if todos:
        return todos  # the forum comes once every item is reviewed and filed
    if not Forum.objects.filter(version=version).exists():
        todos.append(
            Todo(_("Record the tambon civic forum"), f"{forum_url}?year={plan.first_year}", name)
        )
    else:
        todos.append(
            Todo(
                _("Enter the forum's tally and record its approval of the plan"),
                f"{forum_url}?year={plan.first_year}",
                name,
            )
        )
    return todos


def _recent_jobs(user: Any) -> QuerySet[Job]:
    since = timezone.now() - timedelta(days=JOB_DAYS)
    return (
        Job.objects.filter(created_by=user)
        .filter(Q(finished_at__gte=since) | Q(finished_at__isnull=True))
        .order_by("-created_at")[:PER_GROUP]
    )


def _job_todo(job: Job) -> Todo:
    url = reverse("job", kwargs={"pk": job.pk})
    if job.status == JobStatus.DONE:
        return Todo(_("Finished: %(title)s") % {"title": job.title}, url, job.message[:120])
    if job.status == JobStatus.REJECTED:
        return Todo(
            _("Refused, fix the file: %(title)s") % {"title": job.title},
            url,
            ngettext("%(n)d problem", "%(n)d problems", job.problem_total)
            % {"n": job.problem_total},
            urgent=True,
        )
    if job.status == JobStatus.FAILED:
        return Todo(_("Failed: %(title)s") % {"title": job.title}, url, urgent=True)
    return Todo(_("Running: %(title)s") % {"title": job.title}, url, job.get_status_display())


# --- The notification feed -----------------------------------------------------------------

EVENT_TEXT = {
    EventKind.SUBMITTED: gettext_noop("%(who)s submitted the plan of %(village)s for review"),
    EventKind.RETURNED: gettext_noop("%(who)s returned the plan of %(village)s for changes"),
    EventKind.REVIEWED: gettext_noop("%(who)s reviewed the plan of %(village)s"),
    EventKind.APPROVED: gettext_noop(
        "%(who)s recorded the village assembly's approval of %(village)s"
    ),
    EventKind.PUBLISHED: gettext_noop("%(who)s published the plan of %(village)s"),
    EventKind.COMMENTED: gettext_noop("%(who)s commented on the plan of %(village)s"),
}


@dataclass
class FeedLine:
    text: str
    note: str
    url: str
    at: datetime
    new: bool


def feed(*, user: Any, limit: int = 20) -> list[FeedLine]:
    """What happened lately to the plans the user acts on: events whose audience is a
    capability the user holds on the plan's area, newest first, not the user's own."""
    wanted = Q(pk__in=[])
    for capability in {str(c) for c in Capability}:
        where = access.area_filter(user, Capability(capability), field_name="area_code")
        if where == Q(pk__in=[]):
            continue
        wanted |= Q(audience=capability) & where
    events = (
        PlanEvent.objects.filter(wanted)
        .exclude(actor=user)
        .select_related("version__plan__area", "actor")
        .order_by("-created_at", "-id")[:limit]
    )
    seen = getattr(user, "notifications_seen_at", None)
    lines = []
    for event in events:
        who = (
            (event.actor.get_full_name() or event.actor.username)
            if event.actor
            else _("The system")  # a command or the demo set-up
        )
        village = event.version.plan.area.display_name
        lines.append(
            FeedLine(
                text=_(EVENT_TEXT[EventKind(event.kind)]) % {"who": who, "village": village},
                note=event.note[:200],
                url=_plan_url(event.area_code)
                + ("#comments" if event.kind in ("returned", "commented") else ""),
                at=event.created_at,
                new=seen is None or event.created_at > seen,
            )
        )
    return lines


def unseen_count(user: Any) -> int:
    return sum(1 for line in feed(user=user) if line.new)


def feed_seen(user: Any) -> None:
    """The user has looked at the feed: what is there now is no longer new."""
    user.notifications_seen_at = timezone.now()
    user.save(update_fields=["notifications_seen_at"])
