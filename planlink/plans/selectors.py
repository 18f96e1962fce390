"""Reads of plans for pages. Selectors that find plans take the user and return only what
that user may see (accounts.access); the rest read one plan version the caller holds."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from django.db.models import Count, Min, Prefetch, Q
from django.utils import timezone

from planlink.accounts import access, plan_access
from planlink.areas.models import Area, AreaLevel
from planlink.core.collation import ThaiCollate, thai_sorted
from planlink.core.thai import fiscal_year, fiscal_year_bounds
from planlink.frameworks import selectors as framework_selectors
from planlink.frameworks.calendar import StepState, step_state
from planlink.frameworks.models import STEP_SHORT, Step
from planlink.plans.engine.rules import (
    OPEN_STATUSES,
    ItemFacts,
    SelfReliance,
    is_overdue,
    self_reliance,
)
from planlink.plans.models import (
    FundingSource,
    ItemLink,
    ItemStatus,
    LinkKind,
    Mode,
    Plan,
    PlanItem,
    PlanItemBudget,
    PlanLevel,
    PlanSettings,
    PlanVersion,
    ProgressReport,
    VersionStatus,
)


def village_plan(*, user: Any, village: Area) -> Plan | None:
    """The village's latest plan, or None (also when `user` may not see the village)."""
    plans = Plan.objects.filter(area=village, level=PlanLevel.VILLAGE)
    return access.filter_areas(user, plans, field_name="area__code").order_by("-first_year").first()


def draft_for_problems(user: Any, village: Area) -> PlanVersion | None:
    """The village's draft version if `user` may add items to it (from the data pack's
    problems), else None."""
    draft = (
        PlanVersion.objects.select_related("plan")
        .filter(plan__area=village, plan__level=PlanLevel.VILLAGE, status=VersionStatus.DRAFT)
        .first()
    )
    return draft if draft is not None and plan_access.can_edit(user, draft) else None


def overdue_q(today: date) -> Q:
    """engine.rules.is_overdue as a filter on items."""
    return Q(end_date__lt=today, status__in=OPEN_STATUSES)


def current_version(plan: Plan) -> PlanVersion:
    """The draft being worked on, or else the latest version."""
    versions = plan.versions.all()
    return versions.filter(status=VersionStatus.DRAFT).first() or versions.order_by("-number")[0]


def version_items(version: PlanVersion) -> list[PlanItem]:
    """Items with everything a plan page shows, in a fixed number of queries."""
    reports = ProgressReport.objects.order_by("-reported_on", "-id")
    return list(
        version.items.select_related("category", "working_group")
        .prefetch_related(
            Prefetch("budgets", queryset=PlanItemBudget.objects.order_by("fiscal_year")),
            "problems",
            Prefetch("reports", queryset=reports),
        )
        .order_by("priority", "id")
    )


def reliance_from_items(items: list[PlanItem]) -> SelfReliance:
    return self_reliance(
        [
            ItemFacts(i.mode, i.status, sum((b.amount for b in i.budgets.all()), Decimal(0)))
            for i in items
        ],
        PlanSettings.current().self_reliance_threshold,
    )


@dataclass
class CategoryGroup:
    name: str
    modes: list[tuple[str, str, list[PlanItem]]]  # (mode code, label, items)
    count: int = 0


def grouped(items: list[PlanItem]) -> list[CategoryGroup]:
    """Items by development category (vocabulary order), then by mode."""
    by_category: dict[int, dict[str, list[PlanItem]]] = defaultdict(lambda: defaultdict(list))
    names: dict[int, tuple[int, str]] = {}
    for item in items:
        by_category[item.category_id][item.mode].append(item)
        names[item.category_id] = (item.category.order, item.category.name_th)
    groups = []
    for category_id in sorted(by_category, key=lambda c: names[c]):
        modes = [
            (m.value, str(m.label), by_category[category_id][m.value])
            for m in Mode
            if by_category[category_id].get(m.value)
        ]
        groups.append(
            CategoryGroup(names[category_id][1], modes, sum(len(i) for _m, _l, i in modes))
        )
    return groups


@dataclass(frozen=True)
class VillagersDid:
    """What the villagers did themselves (seed item 7), from items and progress reports."""

    self_items: int
    self_done: int
    joint_items: int
    cash_planned: Decimal
    labour_days_planned: Decimal
    in_kind_value_planned: Decimal
    cash_given: Decimal
    labour_days_given: Decimal
    reports: int
    evaluated: int


def villagers_did(items: list[PlanItem]) -> VillagersDid:
    own = [i for i in items if i.mode in (Mode.SELF, Mode.JOINT) and i.status != ItemStatus.DROPPED]
    reports = [r for i in own for r in i.reports.all()]
    return VillagersDid(
        self_items=sum(1 for i in own if i.mode == Mode.SELF),
        self_done=sum(1 for i in own if i.mode == Mode.SELF and i.status == ItemStatus.DONE),
        joint_items=sum(1 for i in own if i.mode == Mode.JOINT),
        cash_planned=sum((i.contribution_cash for i in own), Decimal(0)),
        labour_days_planned=sum((i.contribution_labour_days for i in own), Decimal(0)),
        in_kind_value_planned=sum((i.contribution_in_kind_value for i in own), Decimal(0)),
        cash_given=sum((r.contribution_cash for r in reports), Decimal(0)),
        labour_days_given=sum((r.contribution_labour_days for r in reports), Decimal(0)),
        reports=len(reports),
        evaluated=sum(1 for i in own if hasattr(i, "evaluation")),
    )


# --- Overview of the villages under a tambon, district or province ---------------------------


@dataclass
class VillagePlanRow:
    village: Area
    plan: Plan | None = None
    version: PlanVersion | None = None
    reliance: SelfReliance | None = None
    items: int = 0
    overdue: int = 0
    # Against the province's deadline for reviewing the village plans (None: no deadline).
    review: StepState | None = None

    @property
    def below(self) -> bool:
        return self.reliance is not None and self.reliance.items > 0 and not self.reliance.meets

    @property
    def review_late(self) -> int | None:
        """Days past the review deadline with the plan not reviewed this year, or None."""
        return self.review.late if self.review is not None else None


# The statuses a village plan has once the officer reviewed it.
REVIEWED_STATUSES = (VersionStatus.REVIEWED, VersionStatus.APPROVED, VersionStatus.PUBLISHED)


def _local_day(moment: datetime | None) -> date | None:
    return timezone.localdate(moment) if moment is not None else None


def _year_start(year: int) -> datetime:
    """The first moment of fiscal year `year`, in the local time zone."""
    return timezone.make_aware(datetime.combine(fiscal_year_bounds(year)[0], time.min))


@dataclass
class Overview:
    rows: list[VillagePlanRow] = field(default_factory=list)
    year: int = 0  # the fiscal year whose deadlines apply (today's)
    due: dict[str, date] = field(default_factory=dict)  # step → the province's deadline

    @property
    def below(self) -> list[VillagePlanRow]:
        return [r for r in self.rows if r.below]

    @property
    def without_plan(self) -> list[VillagePlanRow]:
        return [r for r in self.rows if r.plan is None]

    def count(self, status: str) -> int:
        return sum(1 for r in self.rows if r.version is not None and r.version.status == status)


def overview(*, user: Any, area: Area, today: date) -> Overview:
    """Every village under `area` that `user` may see, with its current plan version,
    self-reliance share, overdue items and where it stands against the province's deadline
    for reviewing village plans (this fiscal year's calendar) — five queries whatever the
    number of villages.

    A village plan counts as reviewed for the year when one of its versions was reviewed
    by the officer on a day of this fiscal year (village plans are reviewed every year)."""
    villages = list(
        access.filter_areas(
            user, Area.objects.filter(code__startswith=area.code, level=AreaLevel.VILLAGE)
        ).order_by("code")
    )
    plans = {
        p.area_id: p
        for p in access.filter_areas(
            user,
            Plan.objects.filter(area__code__startswith=area.code, level=PlanLevel.VILLAGE),
            field_name="area__code",
        ).order_by("area_id", "first_year")
    }
    year = fiscal_year(today)
    due = framework_selectors.deadline_dates(province=area.code[:2], fiscal_year=year)
    year_start = fiscal_year_bounds(year)[0]
    versions: dict[int, PlanVersion] = {}
    reviewed: dict[int, date | None] = {}  # plan → the first review of the year (None: no day)
    for candidate in (
        PlanVersion.objects.select_related("plan")
        .filter(plan__in=list(plans.values()))
        .order_by("number")
    ):
        kept = versions.get(candidate.plan_id)
        if kept is None or kept.status != VersionStatus.DRAFT:
            versions[candidate.plan_id] = candidate
        if candidate.status in REVIEWED_STATUSES:
            day = _local_day(candidate.reviewed_at)
            if day is None or day >= year_start:
                earlier = reviewed.get(candidate.plan_id, day)
                reviewed[candidate.plan_id] = (
                    min(day, earlier) if day is not None and earlier is not None else None
                )
    review_due = due.get(Step.VILLAGE_REVIEW)
    counts = (
        PlanItem.objects.filter(version__in=list(versions.values()))
        .exclude(status=ItemStatus.DROPPED)
        .values("version_id", "mode")
        .annotate(
            n=Count("id"),
            overdue=Count("id", filter=overdue_q(today)),
        )
    )
    facts: dict[int, list[ItemFacts]] = defaultdict(list)
    overdue: dict[int, int] = defaultdict(int)
    for row in counts:
        facts[row["version_id"]] += [ItemFacts(row["mode"], "proposed", Decimal(0))] * row["n"]
        overdue[row["version_id"]] += row["overdue"]
    threshold = PlanSettings.current().self_reliance_threshold
    result = Overview(year=year, due=due)
    for village in villages:
        plan = plans.get(village.code)
        version = versions.get(plan.pk) if plan else None
        reliance = self_reliance(facts[version.pk], threshold) if version else None
        done = plan is not None and plan.pk in reviewed
        result.rows.append(
            VillagePlanRow(
                village=village,
                plan=plan,
                version=version,
                reliance=reliance,
                items=reliance.items if reliance else 0,
                overdue=overdue[version.pk] if version else 0,
                review=step_state(review_due, done, reviewed.get(plan.pk) if plan else None, today)
                if review_due is not None
                else None,
            )
        )
    return result


# --- The tambons against the province's calendar ---------------------------------------------

TAMBON_STEPS = (Step.TAMBON_CONSOLIDATION, Step.TAMBON_FORUM, Step.DISTRICT_SUBMISSION)


@dataclass
class TambonProgress:
    """Where a tambon stands against this year's deadlines: its tambon plan consolidated
    (a tambon plan covering the year exists), its civic forum held (the plan approved), its
    projects sent to the district (an item selected for the district plan this year)."""

    code: str
    steps: dict[str, StepState] = field(default_factory=dict)

    @property
    def late(self) -> dict[str, int]:
        return {s: st.late for s, st in self.steps.items() if st.late is not None}

    def rows(self) -> list[tuple[str, str, StepState]]:
        """(step, short label, state) in the order the steps happen, for the pages."""
        return [(s, str(STEP_SHORT[s]), self.steps[s]) for s in TAMBON_STEPS if s in self.steps]


def tambon_progress(
    *, codes: Iterable[str], today: date, due: dict[str, date] | None = None, province: str = ""
) -> dict[str, TambonProgress]:
    """The tambons `codes` against this fiscal year's deadlines of their province (`due`, or
    looked up from `province`). Three queries whatever the number of tambons, none when the
    province set no tambon deadline. Callers pass tambons the user may see."""
    codes = sorted(set(codes))
    if not codes:
        return {}
    year = fiscal_year(today)
    if due is None:
        due = framework_selectors.deadline_dates(
            province=province or codes[0][:2], fiscal_year=year
        )
    wanted = [s for s in TAMBON_STEPS if s in due]
    if not wanted:
        return {}
    plans = list(
        Plan.objects.filter(level=PlanLevel.TAMBON, area_id__in=codes, last_year__gte=year)
        .values_list("pk", "area_id", "created_at")
        .order_by("created_at")
    )
    area_of = {pk: code for pk, code, _at in plans}
    consolidated: dict[str, date] = {}
    for _pk, code, created in plans:
        consolidated.setdefault(code, timezone.localdate(created))
    forum: dict[str, date | None] = {}
    sent: dict[str, date] = {}
    if plans:
        for plan_id, held_on in PlanVersion.objects.filter(
            plan_id__in=list(area_of),
            status__in=[VersionStatus.APPROVED, VersionStatus.PUBLISHED],
        ).values_list("plan_id", "assembly_date"):
            code = area_of[plan_id]
            earlier = forum.get(code, held_on)
            forum[code] = (
                min(held_on, earlier) if held_on is not None and earlier is not None else None
            )
        links = (
            ItemLink.objects.filter(
                kind=LinkKind.SELECTED_FOR,
                source__plan_id__in=list(area_of),
                created_at__gte=_year_start(year),
            )
            .values("source__plan_id")
            .annotate(first=Min("created_at"))
        )
        for link in links:
            code = area_of[link["source__plan_id"]]
            day = timezone.localdate(link["first"])
            sent[code] = min(day, sent.get(code, day))
    done: dict[str, dict[str, date | None]] = {
        Step.TAMBON_CONSOLIDATION: dict(consolidated),
        Step.TAMBON_FORUM: forum,
        Step.DISTRICT_SUBMISSION: dict(sent),
    }
    result = {}
    for code in codes:
        progress = TambonProgress(code)
        for step in wanted:
            finished = done[step]
            progress.steps[step] = step_state(
                due[step], code in finished, finished.get(code), today
            )
        result[code] = progress
    return result


# --- Overviews that scale: the villages rolled up by district → tambon → village -------------

# The statuses a filter may ask for; "none" = villages without a plan yet.
NO_PLAN = "none"


@dataclass(frozen=True)
class OverviewFilters:
    status: str = ""  # "" any, NO_PLAN, or a VersionStatus
    below: bool = False  # only villages below the self-reliance rule
    overdue: bool = False  # only villages with overdue items
    late: bool = False  # only what is late against the province's calendar

    @property
    def active(self) -> bool:
        return bool(self.status or self.below or self.overdue or self.late)

    def keeps(self, row: VillagePlanRow) -> bool:
        if self.status == NO_PLAN and row.plan is not None:
            return False
        if (
            self.status
            and self.status != NO_PLAN
            and (row.version is None or row.version.status != self.status)
        ):
            return False
        if self.below and not row.below:
            return False
        if self.late and row.review_late is None:
            return False
        return not (self.overdue and not row.overdue)


@dataclass
class RollupRow:
    """The villages of one area (a district, a tambon, or the whole overview) counted."""

    area: Area
    villages: int = 0
    without_plan: int = 0
    statuses: dict[str, int] = field(
        default_factory=lambda: dict.fromkeys((s.value for s in VersionStatus), 0)
    )
    judged: int = 0  # villages whose plan has items: the self-reliance rule applies
    below: int = 0
    overdue_items: int = 0
    overdue_villages: int = 0
    review_late: int = 0  # villages not reviewed by the deadline
    tambons_late: dict[str, int] = field(default_factory=dict)  # step → tambons late
    progress: TambonProgress | None = None  # the row's own tambon, when it is one

    def add_tambon(self, progress: TambonProgress) -> None:
        for step in progress.late:
            self.tambons_late[step] = self.tambons_late.get(step, 0) + 1

    @property
    def late_total(self) -> int:
        return self.review_late + sum(self.tambons_late.values())

    def late_counts(self) -> list[tuple[str, str, int]]:
        """(step, short label, how many) of what is late: villages for the review, tambons
        for the tambon steps, in the order the steps happen."""
        found = []
        if self.review_late:
            found.append(
                (Step.VILLAGE_REVIEW.value, str(STEP_SHORT[Step.VILLAGE_REVIEW]), self.review_late)
            )
        for step in TAMBON_STEPS:
            if self.tambons_late.get(step):
                found.append((step.value, str(STEP_SHORT[step]), self.tambons_late[step]))
        return found

    def add(self, row: VillagePlanRow) -> None:
        self.villages += 1
        if row.version is None:
            self.without_plan += 1
        else:
            self.statuses[row.version.status] += 1
        if row.reliance is not None and row.reliance.items:
            self.judged += 1
        if row.below:
            self.below += 1
        if row.overdue:
            self.overdue_items += row.overdue
            self.overdue_villages += 1
        if row.review_late is not None:
            self.review_late += 1

    @property
    def with_plan(self) -> int:
        return self.villages - self.without_plan

    @property
    def below_share(self) -> Decimal | None:
        """Villages below the rule, in % of those it can be judged on; None for none."""
        if not self.judged:
            return None
        return (Decimal(100) * self.below / self.judged).quantize(Decimal("0.1"))

    def status_count(self, status: str) -> int:
        return self.statuses.get(status, 0)

    @property
    def in_review(self) -> int:
        """Submitted to the officer, or reviewed and waiting for the village assembly."""
        return self.statuses[VersionStatus.SUBMITTED] + self.statuses[VersionStatus.REVIEWED]


@dataclass
class Rollup:
    area: Area
    filters: OverviewFilters
    total: RollupRow  # every village under the area (the filters applied)
    children: list[RollupRow] = field(default_factory=list)  # one level down (not at a tambon)
    villages: list[VillagePlanRow] = field(default_factory=list)  # at a tambon: its villages
    hidden_children: int = 0  # children with no village matching the filters
    all_villages: int = 0  # before the filters
    rows: list[VillagePlanRow] = field(default_factory=list)  # every village kept, code order
    year: int = 0  # the fiscal year whose calendar applies
    due: dict[str, date] = field(default_factory=dict)  # step → deadline of that year
    tambons: dict[str, TambonProgress] = field(default_factory=dict)  # every tambon seen
    today: date | None = None

    @property
    def child_level(self) -> int:
        return int(self.area.level) + 1

    @property
    def deadlines(self) -> list[tuple[str, str, date]]:
        """(step, short label, due date) of the year, in the order the steps happen."""
        return [
            (s.value, str(STEP_SHORT[s]), self.due[s.value]) for s in Step if s.value in self.due
        ]

    @property
    def passed(self) -> list[tuple[str, str, date]]:
        """The deadlines already past (someone may be late for them)."""
        return [d for d in self.deadlines if self.today is None or d[2] < self.today]

    @property
    def progress(self) -> TambonProgress | None:
        """At a tambon (or a village): the tambon's own progress."""
        return self.tambons.get(self.area.code[:6]) if self.area.level >= AreaLevel.TAMBON else None


def overview_rollup(
    *, user: Any, area: Area, today: date, filters: OverviewFilters | None = None
) -> Rollup:
    """The villages under a province, district or tambon that `user` may see, counted one
    level down: a province by district, a district by tambon; a tambon lists its villages.
    A fixed number of queries whatever the number of villages (`overview` plus the children)."""
    filters = filters or OverviewFilters()
    found = overview(user=user, area=area, today=today)
    rows = found.rows
    kept = [r for r in rows if filters.keeps(r)]
    result = Rollup(
        area=area,
        filters=filters,
        total=RollupRow(area),
        all_villages=len(rows),
        rows=kept,
        year=found.year,
        due=found.due,
        today=today,
    )
    for row in kept:
        result.total.add(row)
    # The tambons of the villages the user sees (not narrowed by the filters: a tambon's
    # steps do not depend on which of its villages are shown).
    result.tambons = tambon_progress(
        codes={r.village.code[:6] for r in rows}, today=today, due=found.due
    )
    for progress in result.tambons.values():
        result.total.add_tambon(progress)
    if area.level >= AreaLevel.TAMBON:
        result.villages = sorted(kept, key=lambda r: (r.village.moo or 0, r.village.code))
        return result
    children = list(
        access.filter_areas(user, Area.objects.filter(parent=area)).order_by(
            ThaiCollate("name_th"), "code"
        )
    )
    length = len(children[0].code) if children else 0
    by_code = {child.code: RollupRow(child) for child in children}
    for row in kept:
        target = by_code.get(row.village.code[:length])
        if target is not None:
            target.add(row)
    for code, progress in result.tambons.items():
        target = by_code.get(code[:length])
        if target is not None:
            target.add_tambon(progress)
            if length == 6:
                target.progress = progress
    if filters.active:
        result.children = [
            r for r in by_code.values() if r.villages or (filters.late and r.tambons_late)
        ]
        result.hidden_children = len(by_code) - len(result.children)
    else:
        result.children = list(by_code.values())
    return result


@dataclass
class SupportItem:
    item: PlanItem
    overdue: bool
    unnamed: bool  # asks "a local government" without naming which


@dataclass
class SupportVillage:
    village: Area
    version: PlanVersion
    items: list[SupportItem] = field(default_factory=list)

    @property
    def budget(self) -> Decimal:
        return sum((s.item.total_budget for s in self.items), Decimal(0))


@dataclass
class SupportTambon:
    tambon: Area
    villages: list[SupportVillage] = field(default_factory=list)

    @property
    def items(self) -> int:
        return sum(len(v.items) for v in self.villages)

    @property
    def budget(self) -> Decimal:
        return sum((v.budget for v in self.villages), Decimal(0))


@dataclass
class LocalGovernmentRequests:
    tambons: list[SupportTambon]  # every tambon with a village asking, Thai order
    shown: list[SupportVillage]  # the villages listed item by item (all, or one tambon's)
    planned: int  # villages with a plan, of those the user may see
    tambon: Area | None = None  # the tambon chosen
    by_tambon: bool = False  # too many villages for one page: a tambon at a time

    @property
    def villages(self) -> int:
        return sum(len(t.villages) for t in self.tambons)

    @property
    def items(self) -> int:
        return sum(t.items for t in self.tambons)


# A local government covering more villages that ask than this (an อบจ. covers a province)
# lists them a tambon at a time.
REQUESTS_ON_ONE_PAGE = 20


def local_government_requests(
    *, user: Any, local_government: Any, villages: Any, today: date, tambon: str = ""
) -> LocalGovernmentRequests:
    """What the villages covered by `local_government` ask of it: in the current plan version
    of each of `villages` (access.CoveredVillages: what the user may see of it), the items
    done jointly (ทำร่วม) or asking for support (ขอรับการสนับสนุน) whose funding source is a
    local government and whose agency asked is this one (or unnamed). Grouped by tambon and
    village; past REQUESTS_ON_ONE_PAGE villages only `tambon`'s are listed item by item.
    Four queries whatever the number of villages."""
    codes = sorted(villages.visible)
    plans = list(
        access.filter_areas(
            user,
            Plan.objects.filter(area_id__in=codes, level=PlanLevel.VILLAGE).select_related(
                "area__parent"
            ),
            field_name="area__code",
        ).order_by("area_id", "first_year")
    )
    latest = {p.area_id: p for p in plans}  # the latest plan of each village
    versions: dict[int, PlanVersion] = {}
    for candidate in PlanVersion.objects.filter(plan__in=[p.pk for p in latest.values()]).order_by(
        "number"
    ):
        kept = versions.get(candidate.plan_id)
        if kept is None or kept.status != VersionStatus.DRAFT:
            versions[candidate.plan_id] = candidate
    name = " ".join(local_government.name_th.split())
    items = (
        PlanItem.objects.filter(
            version__in=list(versions.values()),
            mode__in=[Mode.REQUEST, Mode.JOINT],
            funding_source=FundingSource.LAO,
        )
        .filter(Q(funding_agency="") | Q(funding_agency__in=[name, local_government.name_th]))
        .exclude(status=ItemStatus.DROPPED)
        .select_related("category")
        .prefetch_related("budgets")
        .order_by("version_id", "priority", "id")
    )
    by_version: dict[int, list[SupportItem]] = defaultdict(list)
    for item in items:
        by_version[item.version_id].append(
            SupportItem(
                item, is_overdue(item.end_date, item.status, today), not item.funding_agency
            )
        )
    tambons: dict[str, SupportTambon] = {}
    for code in sorted(latest):
        plan = latest[code]
        version = versions.get(plan.pk)
        if version is None or not by_version.get(version.pk):
            continue
        version.plan = plan
        parent = plan.area.parent
        assert parent is not None
        tambons.setdefault(parent.code, SupportTambon(parent)).villages.append(
            SupportVillage(plan.area, version, by_version[version.pk])
        )
    ordered = thai_sorted(tambons.values(), key=lambda t: t.tambon.name_th)
    result = LocalGovernmentRequests(tambons=ordered, shown=[], planned=len(latest))
    result.by_tambon = result.villages > REQUESTS_ON_ONE_PAGE
    chosen = tambons.get(tambon)
    if chosen is not None:
        result.tambon, result.shown = chosen.tambon, chosen.villages
    elif not result.by_tambon:
        result.shown = [v for t in ordered for v in t.villages]
    return result
