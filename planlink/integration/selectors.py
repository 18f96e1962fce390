"""Reads of the tambon level: the tambon plan's page (items by province issue, each with the
village items behind it) in a fixed number of queries, for a user who may see the tambon."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.db.models import Prefetch

from planlink.accounts import access
from planlink.accounts.roles import Capability
from planlink.areas.models import Area
from planlink.frameworks import selectors as framework_selectors
from planlink.frameworks.models import ProvinceIssue
from planlink.integration.models import ReviewEntry, TambonItem
from planlink.integration.services.consolidation import Sources, tambon_sources
from planlink.plans.models import (
    ItemLink,
    ItemStatus,
    LinkKind,
    Plan,
    PlanItem,
    PlanItemBudget,
    PlanLevel,
    PlanVersion,
)
from planlink.plans.selectors import current_version


@dataclass
class Row:
    item: PlanItem
    info: TambonItem | None
    sources: list[PlanItem] = field(default_factory=list)

    @property
    def budget(self) -> Decimal:
        return sum((b.amount for b in self.item.budgets.all()), Decimal(0))

    @property
    def moos(self) -> list[int]:
        return sorted({v.moo for v in self.item.villages.all() if v.moo})

    @property
    def dropped(self) -> bool:
        return self.item.status == ItemStatus.DROPPED


@dataclass
class Section:
    issue: ProvinceIssue | None  # None: not filed under an issue yet
    rows: list[Row]


@dataclass
class TambonPage:
    tambon: Area
    plan: Plan | None
    version: PlanVersion | None
    sources: Sources
    issues: list[ProvinceIssue]
    sections: list[Section] = field(default_factory=list)
    dropped: list[Row] = field(default_factory=list)
    log: list[ReviewEntry] = field(default_factory=list)

    @property
    def rows(self) -> list[Row]:
        return [r for s in self.sections for r in s.rows]

    @property
    def unconfirmed(self) -> int:
        return sum(1 for r in self.rows if r.info is None or r.info.issue_confirmed_at is None)

    @property
    def unaccepted(self) -> int:
        return sum(1 for r in self.rows if r.info is None or r.info.accepted_at is None)

    @property
    def self_done(self) -> int:
        return sum(1 for i in self.sources.items if i.mode == "self")


def tambon_plan_of(tambon: Area, first_year: int | None = None) -> Plan | None:
    plans = Plan.objects.filter(area=tambon, level=PlanLevel.TAMBON)
    if first_year is not None:
        plans = plans.filter(first_year=first_year)
    return plans.order_by("-first_year").first()


def tambon_page(*, user: Any, tambon: Area, first_year: int) -> TambonPage:
    access.require(user, Capability.VIEW_AREA, tambon)
    plan = tambon_plan_of(tambon, first_year)
    version = current_version(plan) if plan else None
    page = TambonPage(
        tambon=tambon,
        plan=plan,
        version=version,
        sources=tambon_sources(tambon=tambon, first_year=first_year),
        issues=list(
            framework_selectors.issues_for(province=tambon.code[:2], fiscal_year=first_year)
        ),
    )
    if version is None:
        return page
    items = list(
        version.items.select_related("lineage__tambon__issue", "category")
        .prefetch_related(
            "villages",
            Prefetch("budgets", queryset=PlanItemBudget.objects.order_by("fiscal_year")),
        )
        .order_by("priority", "id")
    )
    sources = sources_of([i.lineage_id for i in items])
    rows = [
        Row(item=i, info=getattr(i.lineage, "tambon", None), sources=sources.get(i.lineage_id, []))
        for i in items
    ]
    by_issue: dict[int | None, list[Row]] = defaultdict(list)
    for row in rows:
        if row.dropped:
            page.dropped.append(row)
        else:
            by_issue[row.info.issue_id if row.info else None].append(row)
    if by_issue.get(None):
        page.sections.append(Section(None, by_issue[None]))
    page.sections.extend(Section(i, by_issue[i.pk]) for i in page.issues if by_issue.get(i.pk))
    page.log = list(version.review_entries.select_related("actor")[:30])
    return page


def sources_of(targets: list[UUID]) -> dict[UUID, list[PlanItem]]:
    """Tambon item lineage → the latest copies of the village items linked into it."""
    links = list(
        ItemLink.objects.filter(target_id__in=targets, kind=LinkKind.CONSOLIDATED_INTO).values_list(
            "target_id", "source_id"
        )
    )
    latest: dict[UUID, PlanItem] = {}
    for item in (
        PlanItem.objects.filter(lineage_id__in={s for _t, s in links})
        .select_related("version__plan__area")
        .order_by("lineage_id", "-version__number")
    ):
        latest.setdefault(item.lineage_id, item)
    found: dict[UUID, list[PlanItem]] = defaultdict(list)
    for target, source in links:
        if source in latest:
            found[target].append(latest[source])
    for items in found.values():
        items.sort(key=lambda i: (i.version.plan.area_id, i.priority))
    return found
