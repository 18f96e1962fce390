"""Consolidating a tambon's village plans into its tambon community plan (seed item 5.1).

`tambon_consolidate` reads the village plans the tambon's officer has reviewed (or that the
village assemblies approved), runs the pure engine (`engine.consolidate`) and writes what it
proposes into the tambon plan's draft: one tambon item per group, linked (consolidated_into)
to every village item in it, with its explanation and a suggested province issue.

It can run again whenever a village plan changes: village items already consolidated stay
where the ศอช.ต. put them (its merges, splits and drops are kept); a new village item joins the
tambon item its same-need partners are in, or becomes a new tambon item.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch, QuerySet

from planlink.accounts import plan_access
from planlink.areas.models import Area, AreaLevel
from planlink.frameworks import selectors as framework_selectors
from planlink.integration.engine import consolidate as engine
from planlink.integration.engine.issues import IssueWords, suggest_issue
from planlink.integration.models import ReviewAction, ReviewEntry, TambonItem, TambonItemKind
from planlink.plans.models import (
    ItemLineage,
    ItemLink,
    ItemStatus,
    LinkKind,
    Mode,
    Plan,
    PlanItem,
    PlanItemBudget,
    PlanItemProblem,
    PlanLevel,
    PlanVersion,
    VersionStatus,
)
from planlink.plans.services import plan_create
from planlink.plans.services.common import _audit, _require_draft

# A village plan enters consolidation once its officer has reviewed it.
READY = (VersionStatus.REVIEWED, VersionStatus.APPROVED, VersionStatus.PUBLISHED)


@dataclass
class VillageState:
    village: Area
    version: PlanVersion | None  # the version consolidated, None when none is ready
    status: str | None  # the latest version's status (None: no plan)
    sent_up: int = 0  # its joint and request items
    self_done: int = 0  # its self-done items: counted, they stay in the village


@dataclass
class Sources:
    villages: list[VillageState]
    items: list[PlanItem]

    @property
    def waiting(self) -> list[VillageState]:
        return [v for v in self.villages if v.version is None]


@dataclass
class ConsolidationResult:
    plan: Plan
    version: PlanVersion
    created: int = 0  # new tambon items
    joined: int = 0  # village items added to tambon items that were there
    kept: int = 0  # village items already in the tambon plan
    self_done: dict[str, int] = field(default_factory=dict)
    waiting: list[VillageState] = field(default_factory=list)


def _village_versions(tambon: Area, first_year: int) -> QuerySet[PlanVersion]:
    return (
        PlanVersion.objects.filter(
            plan__level=PlanLevel.VILLAGE,
            plan__area__code__startswith=tambon.code,
            plan__first_year__lte=first_year,
            plan__last_year__gte=first_year,
        )
        .select_related("plan__area")
        .order_by("plan__area__code", "-number")
    )


def tambon_sources(*, tambon: Area, first_year: int) -> Sources:
    """The tambon's villages, the version of each that consolidation reads (the latest one
    reviewed or approved) and its items, in a fixed number of queries."""
    villages = list(
        Area.objects.filter(code__startswith=tambon.code, level=AreaLevel.VILLAGE).order_by("code")
    )
    latest: dict[str, PlanVersion] = {}
    ready: dict[str, PlanVersion] = {}
    for version in _village_versions(tambon, first_year):
        code = version.plan.area_id
        latest.setdefault(code, version)
        if version.status in READY:
            ready.setdefault(code, version)
    states = [
        VillageState(
            village=v,
            version=ready.get(v.code),
            status=latest[v.code].status if v.code in latest else None,
        )
        for v in villages
    ]
    items = list(
        PlanItem.objects.filter(version__in=[s.version for s in states if s.version])
        .exclude(status=ItemStatus.DROPPED)
        .select_related("version__plan__area", "category")
        .prefetch_related("budgets", "problems")
        .order_by("version__plan__area__code", "priority")
    )
    by_code = {s.village.code: s for s in states}
    for item in items:
        state = by_code[item.version.plan.area_id]
        if item.mode == Mode.SELF:
            state.self_done += 1
        else:
            state.sent_up += 1
    return Sources(villages=states, items=items)


def _source(item: PlanItem) -> engine.SourceItem:
    village = item.version.plan.area
    return engine.SourceItem(
        key=item.pk,
        village=village.code,
        moo=village.moo or int(village.code[-2:]),
        village_name=village.name_th,
        title=item.title,
        mode=item.mode,
        budget=sum((b.amount for b in item.budgets.all()), Decimal(0)),
        problems=tuple(p.key for p in item.problems.all()),
        category=item.category.name_th if item.category else "",
    )


def tambon_plan_for(*, user: Any, tambon: Area, first_year: int, last_year: int) -> Plan:
    """The tambon's plan whose window starts in `first_year`, created when there is none."""
    plan = Plan.objects.filter(area=tambon, level=PlanLevel.TAMBON, first_year=first_year).first()
    if plan is None:
        plan = plan_create(
            user=user,
            area=tambon,
            level=PlanLevel.TAMBON,
            fiscal_years=range(first_year, last_year + 1),
        )
    return plan


def _draft(plan: Plan) -> PlanVersion:
    version = plan.versions.filter(status=VersionStatus.DRAFT).first()
    if version is None:
        version = plan.versions.order_by("-number").first()
        assert version is not None
        _require_draft(version)  # raises: says how to change an approved plan
    return version


def tambon_consolidate(
    *,
    user: Any,
    tambon: Area,
    first_year: int,
    last_year: int | None = None,
    demo: bool = False,
) -> ConsolidationResult:
    """Consolidate the tambon's ready village plans into its tambon plan's draft."""
    from planlink.integration.proposals import deferred, plan_changed

    with deferred(), transaction.atomic():
        result = _consolidate(
            user=user, tambon=tambon, first_year=first_year, last_year=last_year, demo=demo
        )
        plan_changed(result.plan)
    return result


def _consolidate(
    *, user: Any, tambon: Area, first_year: int, last_year: int | None, demo: bool
) -> ConsolidationResult:
    if tambon.level != AreaLevel.TAMBON:
        raise ValidationError("รวมแผนได้ที่ระดับตำบล / consolidation is done for a tambon")
    plan_access.require_create(user, PlanLevel.TAMBON, tambon.code)
    sources = tambon_sources(tambon=tambon, first_year=first_year)
    windows = [s.version.plan for s in sources.villages if s.version]
    last = last_year or max([p.last_year for p in windows], default=first_year + 2)
    plan = tambon_plan_for(user=user, tambon=tambon, first_year=first_year, last_year=last)
    version = _draft(plan)
    plan_access.require_edit(user, version)
    result = ConsolidationResult(plan=plan, version=version, waiting=sources.waiting)

    by_pk = {item.pk: item for item in sources.items}
    linked = _linked_targets(version, [i.lineage_id for i in sources.items])
    consolidation = engine.consolidate(_source(i) for i in sources.items)
    result.self_done = consolidation.self_done
    issues = [
        IssueWords(id=i.pk, number=i.number, words=tuple(i.keyword_list()))
        for i in framework_selectors.issues_for(province=tambon.code[:2], fiscal_year=first_year)
    ]
    next_priority = (max(version.items.values_list("priority", flat=True), default=0)) + 1
    links: list[ItemLink] = []
    for group in consolidation.groups:
        members = [by_pk[m.key] for m in group.members]
        fresh = [m for m in members if m.lineage_id not in linked]
        result.kept += len(members) - len(fresh)
        if not fresh:
            continue
        targets = Counter(linked[m.lineage_id] for m in members if m.lineage_id in linked)
        if targets:
            target = targets.most_common(1)[0][0]
            result.joined += len(fresh)
            _add_villages(target, fresh)
        else:
            target = _create_item(
                user, version, group, members, next_priority, issues, demo
            ).lineage_id
            next_priority += 1
            result.created += 1
        links.extend(
            ItemLink(
                source_id=m.lineage_id,
                target_id=target,
                kind=LinkKind.CONSOLIDATED_INTO,
                reason=group.explanation,
                created_by=user,
                is_demo=demo,
            )
            for m in fresh
        )
    created = ItemLink.objects.bulk_create(links)
    from planlink.core import audit

    audit.record_bulk(ItemLink, created, user=user, update=False)
    villages_read = len([s for s in sources.villages if s.version])
    ReviewEntry.objects.create(
        version=version,
        action=ReviewAction.CONSOLIDATE,
        actor=user,
        summary=(
            f"รวมแผนจาก {villages_read} หมู่บ้าน: รายการใหม่ {result.created}, "
            f"เพิ่มเข้ารายการเดิม {result.joined}, คงไว้ตามที่ตัดสินแล้ว {result.kept}, "
            f"ทำเอง {sum(result.self_done.values())} รายการ (นับไว้ที่หมู่บ้าน)"
        ),
        items=[],
    )
    return result


def _linked_targets(version: PlanVersion, sources: Sequence[UUID]) -> dict[UUID, UUID]:
    """Village item lineage → the tambon item lineage (of this plan) it went into."""
    return dict(
        ItemLink.objects.filter(
            kind=LinkKind.CONSOLIDATED_INTO,
            source_id__in=sources,
            target__plan_id=version.plan_id,
        ).values_list("source_id", "target_id")
    )


def _mode(members: Sequence[PlanItem]) -> str:
    return Mode.REQUEST if any(m.mode == Mode.REQUEST for m in members) else Mode.JOINT


def _lines(group: engine.Group, members: Sequence[PlanItem]) -> str:
    if group.kind != engine.PROGRAMME:
        return members[0].target
    return "\n".join(
        f"หมู่ที่ {m.version.plan.area.moo} {m.version.plan.area.name_th}: {m.title}"
        for m in sorted(members, key=lambda m: (m.version.plan.area_id, m.priority))
    )


def _create_item(
    user: Any,
    version: PlanVersion,
    group: engine.Group,
    members: Sequence[PlanItem],
    priority: int,
    issues: Sequence[IssueWords],
    demo: bool,
) -> PlanItem:
    first = members[0]
    categories = Counter(m.category_id for m in members)
    lineage = ItemLineage.objects.create(plan_id=version.plan_id)
    item = PlanItem(
        version=version,
        lineage=lineage,
        priority=priority,
        title=group.title[:300],
        mode=_mode(members),
        category_id=categories.most_common(1)[0][0],
        objective=first.objective,
        target=_lines(group, members),
        kpi=first.kpi,
        expected_result=first.expected_result,
        funding_source=first.funding_source,
        funding_agency=first.funding_agency,
        responsible_agency=first.responsible_agency,
        is_demo=demo,
    )
    _audit(item, user, group.explanation)
    item.save()
    years = set(version.plan.years)
    budgets: dict[int, Decimal] = defaultdict(Decimal)
    problems: dict[str, PlanItemProblem] = {}
    for m in members:
        for b in m.budgets.all():
            if b.fiscal_year in years:
                budgets[b.fiscal_year] += b.amount
        for p in m.problems.all():
            problems.setdefault(p.key, p)
    PlanItemBudget.objects.bulk_create(
        PlanItemBudget(item=item, fiscal_year=y, amount=a) for y, a in sorted(budgets.items())
    )
    PlanItemProblem.objects.bulk_create(
        PlanItemProblem(item=item, key=p.key, title=p.title, survey_year=p.survey_year, share=None)
        for p in problems.values()
    )
    _add_villages(lineage.pk, members, item=item)
    suggestion = suggest_issue(
        title=item.title,
        category=first.category.name_th if first.category else "",
        problems=[p.title for p in problems.values()],
        issues=issues,
    )
    TambonItem.objects.create(
        lineage=lineage,
        kind=TambonItemKind.PROGRAMME if group.kind == engine.PROGRAMME else TambonItemKind.NEED,
        explanation=group.explanation,
        suggested_issue_id=suggestion.issue,
        issue_id=suggestion.issue,
        is_demo=demo,
    )
    return item


def _add_villages(
    target: UUID, members: Sequence[PlanItem], *, item: PlanItem | None = None
) -> None:
    """The villages a tambon item covers: those of its village items."""
    if item is None:
        item = PlanItem.objects.filter(lineage_id=target).order_by("-version__number").first()
        if item is None:
            return
    item.villages.add(*Area.objects.filter(code__in={m.version.plan.area_id for m in members}))


def tambon_items(version: PlanVersion) -> QuerySet[PlanItem]:
    """A tambon version's items with what the review page shows."""
    return (
        version.items.select_related("lineage__tambon__issue", "category")
        .prefetch_related(
            "villages",
            Prefetch("budgets", queryset=PlanItemBudget.objects.order_by("fiscal_year")),
        )
        .order_by("priority", "id")
    )
