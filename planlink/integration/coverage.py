"""Coverage and gaps of a district plan's version, read from the database for the pure
functions of `engine.coverage` (a fixed number of queries)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.db.models import Count

from planlink.areas.models import Area, AreaLevel
from planlink.evidence import selectors as evidence_selectors
from planlink.evidence.models import StoredProblem
from planlink.frameworks.models import FrameworkKind, FrameworkNode, ProvinceIssue
from planlink.integration.engine import coverage as engine
from planlink.integration.models import TambonItem
from planlink.plans.models import (
    AlignmentStatus,
    ItemAlignment,
    ItemLink,
    LinkKind,
    Mode,
    PlanItem,
    PlanLevel,
    PlanVersion,
)


@dataclass
class Coverage:
    matrix: engine.Matrix
    unserved: list[engine.Node]
    unaddressed: list[engine.Problem]
    silent: list[tuple[Area, int]]
    trends: list[tuple[PlanItem, engine.Trend | None]]
    problem_year: int | None


def district_coverage(version: PlanVersion) -> Coverage:
    plan = version.plan
    district = plan.area
    items = list(version.items.prefetch_related("problems").order_by("priority", "pk"))
    lineages = [i.lineage_id for i in items]
    sources: dict[UUID, list[tuple[UUID, str]]] = defaultdict(list)
    for target, source, tambon in ItemLink.objects.filter(
        target_id__in=lineages, kind=LinkKind.SELECTED_FOR
    ).values_list("target_id", "source_id", "source__plan__area_id"):
        sources[target].append((source, tambon))
    issue_of = dict(
        TambonItem.objects.filter(
            lineage_id__in=[s for rows in sources.values() for s, _t in rows],
            issue__isnull=False,
        ).values_list("lineage_id", "issue__number")
    )
    nodes_of: dict[UUID, list[int]] = defaultdict(list)
    for lineage, node in ItemAlignment.objects.filter(
        lineage_id__in=lineages, status=AlignmentStatus.CONFIRMED
    ).values_list("lineage_id", "node_id"):
        nodes_of[lineage].append(node)
    rows = [
        engine.Item(
            key=str(i.pk),
            title=i.title,
            issue=next((issue_of[s] for s, _t in sources[i.lineage_id] if s in issue_of), None),
            tambons=tuple(sorted({t for _s, t in sources[i.lineage_id]})) or (district.code,),
            problems=tuple(p.key for p in i.problems.all()),
            nodes=tuple(nodes_of[i.lineage_id]),
        )
        for i in items
    ]
    issues = list(
        ProvinceIssue.objects.filter(
            province_id=district.code[:2], fiscal_year=plan.first_year
        ).values_list("number", "title")
    )
    tambons = list(
        Area.objects.filter(parent=district, level=AreaLevel.TAMBON)
        .order_by("code")
        .values_list("code", "name_th")
    )
    tambons.append((district.code, "ที่ทำการปกครองอำเภอ"))
    found_matrix = engine.matrix(rows, issues, tambons)
    # The district's own column only when it added items itself.
    if not any(found_matrix.cell(n, district.code) for n, _t in found_matrix.issues):
        found_matrix.tambons = found_matrix.tambons[:-1]
    nodes = [
        engine.Node(n.pk, n.code, n.title)
        for n in FrameworkNode.objects.filter(
            framework__kind__in=[FrameworkKind.PROVINCE, FrameworkKind.PROVINCE_GROUP],
            framework__area_id=district.code[:2],
            framework__first_year__lte=plan.first_year,
            framework__last_year__gte=plan.first_year,
        ).order_by("framework_id", "sort_key")
    ]
    problems = evidence_selectors.area_problems(area_code=district.code)
    ranked = [
        engine.Problem(p.key, p.title_th, n, p.share) for n, p in enumerate(problems, start=1)
    ]
    silent = _silent(district, plan.first_year, lineages)
    return Coverage(
        matrix=found_matrix,
        unserved=engine.unserved(nodes, rows),
        unaddressed=engine.unaddressed(ranked, rows),
        silent=silent,
        trends=_trends(district.code, items, rows),
        problem_year=_latest_year(district.code),
    )


def _silent(district: Area, first_year: int, lineages: list[UUID]) -> list[tuple[Area, int]]:
    """Villages that asked for support (items to request) none of which reached the plan."""
    asked = dict(
        PlanItem.objects.filter(
            version__plan__level=PlanLevel.VILLAGE,
            version__plan__area__code__startswith=district.code,
            version__plan__first_year=first_year,
            mode=Mode.REQUEST,
        )
        .values_list("version__plan__area_id")
        .annotate(n=Count("lineage_id", distinct=True))
    )
    tambon_lineages = ItemLink.objects.filter(
        target_id__in=lineages, kind=LinkKind.SELECTED_FOR
    ).values("source_id")
    reached = set(
        ItemLink.objects.filter(
            target_id__in=tambon_lineages, kind=LinkKind.CONSOLIDATED_INTO
        ).values_list("source__plan__area_id", flat=True)
    )
    rows = engine.silent_villages(asked, reached)
    areas = Area.objects.select_related("parent").in_bulk([code for code, _n in rows])
    return [(areas[code], n) for code, n in rows if code in areas]


def _latest_year(code: str) -> int | None:
    from planlink.evidence.models import ProblemAnalysis

    return (
        ProblemAnalysis.objects.filter(area_id=code)
        .order_by("-year")
        .values_list("year", flat=True)
        .first()
    )


def _trends(
    code: str, items: list[PlanItem], rows: list[engine.Item]
) -> list[tuple[PlanItem, engine.Trend | None]]:
    keys = {k for r in rows for k in r.problems}
    values: dict[str, dict[int, Decimal | None]] = defaultdict(dict)
    titles: dict[str, str] = {}
    for key, year, share, title in StoredProblem.objects.filter(
        analysis__area_id=code, key__in=keys
    ).values_list("key", "analysis__year", "share", "title_th"):
        if year is not None:
            values[key][year] = share
        titles.setdefault(key, title)
    found = engine.trends(rows, dict(values), titles)
    by_key: dict[str, Any] = {str(i.pk): i for i in items}
    return [(by_key[r.key], found[r.key]) for r in rows]
