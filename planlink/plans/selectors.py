"""Reads of plans for pages. Selectors that find plans take the user and return only what
that user may see (accounts.access); the rest read one plan version the caller holds."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Count, Prefetch, Q

from planlink.accounts import access, plan_access
from planlink.areas.models import Area, AreaLevel
from planlink.core.collation import ThaiCollate, thai_sorted
from planlink.plans.engine.rules import (
    OPEN_STATUSES,
    ItemFacts,
    SelfReliance,
    is_overdue,
    self_reliance,
)
from planlink.plans.models import (
    FundingSource,
    ItemStatus,
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

    @property
    def below(self) -> bool:
        return self.reliance is not None and self.reliance.items > 0 and not self.reliance.meets


@dataclass
class Overview:
    rows: list[VillagePlanRow] = field(default_factory=list)

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
    self-reliance share and overdue items — four queries whatever the number of villages."""
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
    versions: dict[int, PlanVersion] = {}
    for candidate in PlanVersion.objects.filter(plan__in=list(plans.values())).order_by("number"):
        kept = versions.get(candidate.plan_id)
        if kept is None or kept.status != VersionStatus.DRAFT:
            versions[candidate.plan_id] = candidate
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
    result = Overview()
    for village in villages:
        plan = plans.get(village.code)
        version = versions.get(plan.pk) if plan else None
        reliance = self_reliance(facts[version.pk], threshold) if version else None
        result.rows.append(
            VillagePlanRow(
                village=village,
                plan=plan,
                version=version,
                reliance=reliance,
                items=reliance.items if reliance else 0,
                overdue=overdue[version.pk] if version else 0,
            )
        )
    return result


# --- Overviews that scale: the villages rolled up by district → tambon → village -------------

# The statuses a filter may ask for; "none" = villages without a plan yet.
NO_PLAN = "none"


@dataclass(frozen=True)
class OverviewFilters:
    status: str = ""  # "" any, NO_PLAN, or a VersionStatus
    below: bool = False  # only villages below the self-reliance rule
    overdue: bool = False  # only villages with overdue items

    @property
    def active(self) -> bool:
        return bool(self.status or self.below or self.overdue)

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

    @property
    def child_level(self) -> int:
        return int(self.area.level) + 1


def overview_rollup(
    *, user: Any, area: Area, today: date, filters: OverviewFilters | None = None
) -> Rollup:
    """The villages under a province, district or tambon that `user` may see, counted one
    level down: a province by district, a district by tambon; a tambon lists its villages.
    A fixed number of queries whatever the number of villages (`overview` plus the children)."""
    filters = filters or OverviewFilters()
    rows = overview(user=user, area=area, today=today).rows
    kept = [r for r in rows if filters.keeps(r)]
    result = Rollup(
        area=area, filters=filters, total=RollupRow(area), all_villages=len(rows), rows=kept
    )
    for row in kept:
        result.total.add(row)
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
    if filters.active:
        result.children = [r for r in by_code.values() if r.villages]
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
