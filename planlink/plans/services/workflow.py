"""A version through its level's workflow; revisions; the review's facilitators."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils import timezone

from planlink.accounts import plan_access
from planlink.accounts.roles import Capability
from planlink.plans.engine.rules import ItemFacts, SelfReliance, check_transition, self_reliance
from planlink.plans.freetext import refuse_citizen_ids
from planlink.plans.locking import EditConflict, claim, lock_row
from planlink.plans.models import (
    CommentKind,
    EventKind,
    Facilitator,
    MonitoringMember,
    Plan,
    PlanComment,
    PlanEvent,
    PlanItem,
    PlanItemBudget,
    PlanItemProblem,
    PlanLevel,
    PlanSettings,
    PlanVersion,
    VersionKind,
    VersionStatus,
)
from planlink.plans.services.common import (
    _audit,
    items_changed,
)


def reliance_of(version: PlanVersion) -> SelfReliance:
    items = version.items.prefetch_related("budgets")
    facts = [ItemFacts(mode=i.mode, status=i.status, budget=i.total_budget) for i in items]
    return self_reliance(facts, PlanSettings.current().self_reliance_threshold)


class StatusMoved(EditConflict):
    """The version is no longer in the status (or at the edit) the page showed."""


@transaction.atomic
def version_transition(
    *,
    user: Any,
    version: PlanVersion,
    target: str,
    override_reason: str = "",
    note: str = "",
    assembly_date: date | None = None,
    attendance: int | None = None,
    households: int | None = None,
    facilitators: Sequence[tuple[str, str, bool]] | None = None,
    from_status: str | None = None,
    row_version: int | None = None,
) -> PlanVersion:
    """Move a version one step of its level's workflow (village: draft → submitted →
    reviewed → approved → published; a submitted or reviewed one back to draft, with a
    comment), if `user` may take that step (accounts.plan_access.STEPS; PermissionDenied
    otherwise, nothing changed). Returning needs `note` or open item comments; the note is
    kept as the version's comment. Each step leaves a PlanEvent for the people who act next.

    `from_status` and `row_version` are what the page showed (default: those of `version` as
    read); if another session moved or changed the version since, StatusMoved is raised and
    nothing changes — of two officers reviewing at once, one succeeds. `facilitators`, when
    given, replace the version's facilitators in the same transaction. On success `version`
    itself is refreshed."""
    if version.plan.level == PlanLevel.DISTRICT:
        # Approved by the district committee, with its meeting's record
        # (integration.services.district.district_plan_approve / district_plan_send).
        raise ValidationError(
            "แผนพัฒนาอำเภออนุมัติโดยบันทึกมติคณะกรรมการระดับอำเภอ / a district plan is approved "
            "by recording the district committee's resolution"
        )
    if version.plan.level == PlanLevel.TAMBON:
        # Its one step is the civic forum's approval, with the forum's record
        # (integration.services.forum.tambon_plan_approve).
        raise ValidationError(
            "แผนชุมชนระดับตำบลอนุมัติโดยบันทึกประชาคมตำบล / a tambon plan is approved by "
            "recording its civic forum"
        )
    refuse_citizen_ids(
        {
            "note": note,
            "override_reason": override_reason,
            "facilitators": [(n, o) for n, o, _t in facilitators or ()],
        }
    )
    expected_status = from_status or version.status
    loaded = version.row_version if row_version is None else row_version
    moved = PlanVersion.objects.filter(
        pk=version.pk, status=expected_status, row_version=loaded
    ).update(row_version=F("row_version") + 1)
    if not moved:
        current = PlanVersion.objects.filter(pk=version.pk).first()
        raise StatusMoved(
            current,
            f"แผนฉบับนี้ถูกเปลี่ยนไปแล้วหลังจากที่คุณเปิดหน้านี้ (สถานะตอนนี้: "
            f"{current.get_status_display() if current else '—'}) จึงยังไม่ได้ดำเนินการ / "
            "the plan changed after you opened this page, so nothing was done",
        )
    fresh = PlanVersion.objects.select_related("plan__area").get(pk=version.pk)
    # As the page showed it (the update above matched that status): is it a step, and theirs?
    if plan_access.step_capability(fresh.plan.level, fresh.status, target) is None:
        raise ValidationError(f"{fresh.status} → {target} is not a step of the workflow")
    plan_access.require_step(user, fresh, target)
    reliance = reliance_of(fresh)
    caller, version = version, fresh
    if target == VersionStatus.APPROVED:
        if assembly_date is None or attendance is None:
            raise ValidationError(
                "ต้องบันทึกวันประชุมประชาคมและจำนวนผู้เข้าร่วม / "
                "the village assembly's date and attendance are required"
            )
        if assembly_date > timezone.localdate():
            raise ValidationError(
                "วันประชุมประชาคมต้องไม่เป็นวันในอนาคต / the assembly date is in the future"
            )
        version.assembly_date, version.assembly_attendance = assembly_date, attendance
        version.assembly_households = households
    open_item_comments = version.comments.filter(
        item__isnull=False, resolved_at__isnull=True
    ).exists()
    check = check_transition(
        current=version.status,
        target=target,
        reliance=reliance,
        override_reason=override_reason or version.self_reliance_override,
        assembly_recorded=version.assembly_date is not None
        and version.assembly_attendance is not None,
        returned_with_comment=bool(note.strip()) or open_item_comments,
    )
    if not check.allowed:
        raise ValidationError(" ".join(_problem_text(p) for p in check.problems))
    now = timezone.now()
    moved_from = version.status
    if target == VersionStatus.SUBMITTED:
        version.submitted_by, version.submitted_at = user, now
    elif target == VersionStatus.REVIEWED:
        version.reviewed_by, version.reviewed_at = user, now
        version.review_note = note
        if not reliance.meets:
            version.self_reliance_override = override_reason.strip()
    elif target == VersionStatus.DRAFT:
        version.review_note = note
        version.reviewed_by, version.reviewed_at = None, None
    elif target == VersionStatus.PUBLISHED:
        version.published_at = now
    version.status = target
    _audit(version, user, f"{moved_from} → {target}")
    version.save()
    if target in (VersionStatus.DRAFT, VersionStatus.SUBMITTED) and note.strip():
        # The officer's reason for returning it, or the committee's word when sending it.
        said = CommentKind.RETURN if target == VersionStatus.DRAFT else CommentKind.COMMENT
        comment = PlanComment(version=version, kind=said, author=user, text=note.strip())
        _audit(comment, user)
        comment.save()
    kind = EventKind.RETURNED if target == VersionStatus.DRAFT else EventKind(target)
    _event(version, kind, user, note)
    if facilitators is not None:
        _facilitators_replace(version, facilitators)
    caller.refresh_from_db()
    return version


# Who each event is for: the people who act next, or who must know the plan moved on.
EVENT_AUDIENCE = {
    EventKind.SUBMITTED: Capability.REVIEW_PLAN,  # the officer has a plan to review
    EventKind.RETURNED: Capability.EDIT_PLAN,  # the committee has changes to make
    EventKind.REVIEWED: Capability.RECORD_ASSEMBLY,  # the committee calls the assembly
    EventKind.APPROVED: Capability.REVIEW_PLAN,  # the officer sees it approved
    EventKind.PUBLISHED: Capability.REVIEW_PLAN,
}


def _event(
    version: PlanVersion, kind: EventKind, user: Any, note: str = "", audience: str = ""
) -> None:
    PlanEvent.objects.create(
        version=version,
        area_code=version.plan.area_id,
        kind=kind,
        audience=audience or EVENT_AUDIENCE[kind],
        actor=user,
        note=note.strip()[:500],
    )


_PROBLEMS_TH = {
    "the plan has no items": "แผนยังไม่มีโครงการ/กิจกรรม",
    "self-reliance below the threshold needs a recorded reason": (
        "สัดส่วนกิจกรรมที่ทำเองต่ำกว่าเกณฑ์ ต้องบันทึกเหตุผลที่ยอมรับ"
    ),
    "the village assembly's date and attendance are required": (
        "ต้องบันทึกวันประชุมประชาคมและจำนวนผู้เข้าร่วม"
    ),
    "returning a plan needs a comment saying what to change": (
        "การส่งแผนกลับให้แก้ไข ต้องเขียนความเห็นว่าควรแก้ไขอะไร (ที่แผนหรือที่โครงการ)"
    ),
}


def _problem_text(problem: str) -> str:
    thai = _PROBLEMS_TH.get(problem)
    return f"{thai} / {problem}" if thai else problem


def comment_add(
    *, user: Any, version: PlanVersion, text: str, item: PlanItem | None = None
) -> PlanComment:
    """A comment on the version or on one of its items, by its editor or its reviewer
    (accounts.plan_access.can_comment), in any status: the officer writes what to change,
    the committee answers. The others who act on the plan see it in their feed."""
    plan_access.require_comment(user, version.plan)
    if not text.strip():
        raise ValidationError("ความเห็นว่างเปล่า / the comment is empty")
    if item is not None and item.version_id != version.pk:
        raise ValidationError("โครงการนี้ไม่ได้อยู่ในแผนฉบับนี้ / the item is not of this version")
    refuse_citizen_ids({"text": text})
    comment = PlanComment(version=version, item=item, author=user, text=text.strip())
    _audit(comment, user)
    comment.save()
    reviewer = plan_access.is_reviewer(user, version.plan)
    audience = Capability.EDIT_PLAN if reviewer else Capability.REVIEW_PLAN
    _event(version, EventKind.COMMENTED, user, text, audience=audience)
    return comment


def comment_resolve(*, user: Any, comment: PlanComment, resolved: bool = True) -> PlanComment:
    """Mark an item comment as dealt with (or not): the plan's editor or its reviewer."""
    version = comment.version
    plan_access.require_comment(user, version.plan)
    comment.resolved_at = timezone.now() if resolved else None
    comment.resolved_by = user if resolved else None
    _audit(comment, user, "dealt with" if resolved else "reopened")
    comment.save(update_fields=["resolved_at", "resolved_by", "updated_at"])
    return comment


@transaction.atomic
def revision_start(*, user: Any, plan: Plan, kind: str, reason: str) -> PlanVersion:
    """A new draft version copying the latest approved or published version's items."""
    if kind not in (VersionKind.ADDITION, VersionKind.AMENDMENT):
        raise ValidationError("kind must be addition or amendment")
    if not reason.strip():
        raise ValidationError("ต้องระบุเหตุผลของการเพิ่มเติม/แก้ไขแผน / a revision needs a reason")
    plan_access.require_revise(user, plan)
    refuse_citizen_ids({"reason": reason})
    lock_row(Plan, plan.pk)  # two revisions started at once: the second sees the first
    if plan.versions.filter(status=VersionStatus.DRAFT).exists():
        raise ValidationError("มีร่างแผนที่ยังไม่เสร็จอยู่แล้ว / a draft is already open")
    base = (
        plan.versions.filter(status__in=[VersionStatus.APPROVED, VersionStatus.PUBLISHED])
        .order_by("-number")
        .first()
    )
    if base is None:
        raise ValidationError(
            "แผนต้องได้รับอนุมัติก่อนจึงเพิ่มเติม/แก้ไขได้ / only an approved plan can be revised"
        )
    number = (plan.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    draft = PlanVersion(plan=plan, number=number, kind=kind, based_on=base, reason=reason.strip())
    _audit(draft, user)
    try:
        with transaction.atomic():
            draft.save()
    except IntegrityError as exc:  # one draft at a time: another session just started one
        raise ValidationError("มีร่างแผนที่ยังไม่เสร็จอยู่แล้ว / a draft is already open") from exc
    for item in base.items.prefetch_related("budgets", "problems", "villages", "monitors"):
        _copy_item(item, draft, user)
    items_changed(draft)
    return draft


def _copy_item(item: PlanItem, version: PlanVersion, user: Any) -> PlanItem:
    budgets = list(item.budgets.all())
    problems = list(item.problems.all())
    villages = list(item.villages.all())
    monitors = list(item.monitors.all())
    origin_pk = item.pk
    item.pk = None
    item.id = None
    item._state.adding = True
    item.version = version
    item.origin_id = origin_pk
    _audit(item, user, "copied into a revision")
    item.save()
    PlanItemBudget.objects.bulk_create(
        PlanItemBudget(item=item, fiscal_year=b.fiscal_year, amount=b.amount) for b in budgets
    )
    PlanItemProblem.objects.bulk_create(
        PlanItemProblem(
            item=item, key=p.key, title=p.title, survey_year=p.survey_year, share=p.share
        )
        for p in problems
    )
    MonitoringMember.objects.bulk_create(
        MonitoringMember(item=item, name=m.name, role=m.role) for m in monitors
    )
    item.villages.set(villages)
    return item


def facilitators_set(
    *, user: Any, version: PlanVersion, people: Sequence[tuple[str, str, bool]]
) -> None:
    """Replace the facilitators of a version (the web sets them with the review, through
    `version_transition(facilitators=...)`, checked against the version the page showed)."""
    plan_access.require_set_facilitators(user, version.plan)
    refuse_citizen_ids({"facilitators": [(n, o) for n, o, _t in people]})
    with transaction.atomic():
        version.row_version = claim(PlanVersion, version.pk, None).row_version
        _facilitators_replace(version, people)


def _facilitators_replace(version: PlanVersion, people: Sequence[tuple[str, str, bool]]) -> None:
    version.facilitators.all().delete()
    Facilitator.objects.bulk_create(
        Facilitator(version=version, name=n.strip(), organisation=o.strip(), trained=t)
        for n, o, t in people
        if n.strip()
    )
