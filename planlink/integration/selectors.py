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


# --- The forum's results ----------------------------------------------------------------------


@dataclass
class RankedRow:
    item: PlanItem
    rank: int
    points: Decimal
    tie_rule: str | None
    tie_rule_th: str
    households: int
    villages: int
    goes_up: bool  # within the issue's items per tambon that go up to the district


@dataclass
class IssueResult:
    issue: ProvinceIssue
    items: list[PlanItem]
    ranked: list[RankedRow]
    entered: bool  # the tally of this issue is in
    ballots: int = 0  # Borda: ballots entered


def households_affected(
    items: list[PlanItem], by_village: dict[str, dict[str, int]] | None = None
) -> dict[int, int]:
    """Item → households affected by the problems it addresses, in its villages (the
    household-counted problems of each village's latest analysis; a tie rule of the forum).
    `by_village`: the villages' problems read so far, shared between calls."""
    from planlink.evidence.selectors import area_problems

    by_village = {} if by_village is None else by_village
    result: dict[int, int] = {}
    for item in items:
        keys = {p.key for p in item.problems.all()}
        total = 0
        for village in item.villages.all():
            if village.code not in by_village:
                by_village[village.code] = {
                    p.key: p.affected
                    for p in area_problems(area_code=village.code)
                    if p.unit == "household"
                }
            total += sum(n for k, n in by_village[village.code].items() if k in keys)
        result[item.pk] = total
    return result


def forum_results(*, version: PlanVersion) -> list[IssueResult]:
    """Per province issue with items: the forum's ranks by its method, each with the tie rule
    that placed it (integration.engine.forum)."""
    from planlink.integration.engine import forum as engine
    from planlink.integration.models import Forum, ForumMethod
    from planlink.integration.services.forum import issue_items

    forum = Forum.objects.filter(version=version).first()
    issues = framework_selectors.issues_for(
        province=version.plan.area_id[:2], fiscal_year=version.plan.first_year
    )
    tallies = list(forum.tallies.all()) if forum else []
    problems: dict[str, dict[str, int]] = {}  # each village's problems, read once
    results: list[IssueResult] = []
    for issue in issues:
        items = issue_items(version, issue)
        if not items:
            continue
        items = list(
            PlanItem.objects.filter(pk__in=[i.pk for i in items])
            .prefetch_related("problems", "villages")
            .order_by("priority", "id")
        )
        mine = [t for t in tallies if t.issue_id == issue.pk]
        keys = [i.pk for i in items]
        if forum is None or not mine:
            points: dict[int, Decimal] = {}
        elif forum.method == ForumMethod.HANDS:
            points = engine.hands_points({t.item_id: t.value for t in mine})
        elif forum.method == ForumMethod.SCORES:
            by_item: dict[int, dict[str, Decimal]] = defaultdict(dict)
            for t in mine:
                by_item[t.item_id][t.group] = t.value
            points = engine.scores_points(by_item)
        else:
            ballots: dict[int, list[tuple[Decimal, int]]] = defaultdict(list)
            for t in mine:
                ballots[t.ballot].append((t.value, t.item_id))
            points = engine.borda_points(
                ([k for _p, k in sorted(b)] for b in ballots.values()), keys
            )
        households = households_affected(items, problems)
        candidates = [
            engine.Candidate(
                key=i.pk,
                households=households[i.pk],
                villages=len(i.villages.all()),
                order=i.priority,
            )
            for i in items
        ]
        by_pk = {i.pk: i for i in items}
        ranked = (
            [
                RankedRow(
                    item=by_pk[r.key],
                    rank=r.rank,
                    points=r.points,
                    tie_rule=r.tie_rule,
                    tie_rule_th=r.tie_rule_th,
                    households=households[r.key],
                    villages=len(by_pk[r.key].villages.all()),
                    goes_up=r.rank <= issue.items_up,
                )
                for r in engine.rank(candidates, points)
            ]
            if mine
            else []
        )
        results.append(
            IssueResult(
                issue=issue,
                items=items,
                ranked=ranked,
                entered=bool(mine),
                ballots=len({t.ballot for t in mine}) if forum and forum.method == "borda" else 0,
            )
        )
    return results
