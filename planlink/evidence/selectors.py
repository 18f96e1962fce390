"""Reads of evidence for pages, packs and problem analysis: indicator editions, BMN
results, and the stored problem analysis of each area (`area_problems`, `area_analysis`)."""

from __future__ import annotations

from collections.abc import Collection
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db.models import F

from planlink.evidence import codec
from planlink.evidence.engine.bmn import IndicatorInfo, IndicatorResult, indicator_results
from planlink.evidence.engine.problems import Problem
from planlink.evidence.models import (
    BmnResult,
    Indicator,
    IndicatorEdition,
    ProblemAnalysis,
    StoredProblem,
)

if TYPE_CHECKING:
    from planlink.evidence.analysis import Analysis


def edition_indicators(edition: IndicatorEdition) -> list[IndicatorInfo]:
    return [
        IndicatorInfo(
            code=i.code,
            text_th=i.text_th,
            unit=i.unit,
            category_number=i.category_number,
            category_th=i.category_th,
            development_category=i.development_category.code if i.development_category else None,
        )
        for i in Indicator.objects.filter(edition=edition)
        .select_related("development_category")
        .order_by("order")
    ]


def bmn_years(*, area_code: str) -> list[int]:
    return list(
        BmnResult.objects.filter(area_id=area_code).order_by("-year").values_list("year", flat=True)
    )


def bmn_indicator_results(*, area_code: str, year: int) -> list[IndicatorResult]:
    """Every indicator of `area_code` in `year` with the change since the previous survey."""
    row = BmnResult.objects.select_related("edition").filter(area_id=area_code, year=year).first()
    if row is None:
        return []
    previous = (
        BmnResult.objects.filter(area_id=area_code, year__lt=year, edition=row.edition)
        .order_by("-year")
        .values_list("counts", flat=True)
        .first()
    )
    return indicator_results(edition_indicators(row.edition), row.counts, previous)


# --- Stored problem analysis (written by services.problems_refresh) ---------------------------


def _stored(rows: Any, year: int | None) -> ProblemAnalysis | None:
    if year is not None:
        return rows.filter(year=year).first()  # type: ignore[no-any-return]
    return rows.order_by(F("year").desc(nulls_last=True)).first()  # type: ignore[no-any-return]


def _problems(analysis_id: int) -> list[Problem]:
    return [
        Problem(
            key=row.key,
            family=row.family,
            title_th=row.title_th,
            category=row.category or None,
            affected=row.affected,
            base=row.base,
            unit=row.unit,
            share=row.share,
            change=row.change,
            details=codec.decode_tagged(row.details),
            weight=Decimal(row.weight),
        )
        for row in StoredProblem.objects.filter(analysis_id=analysis_id).order_by("rank")
    ]


def _analysis(row: ProblemAnalysis | None) -> Analysis | None:
    from planlink.evidence.analysis import Analysis, Families

    if row is None:
        return None
    return Analysis(
        year=row.year,
        edition_id=row.edition_id,
        rounds=row.rounds,
        families=codec.decode(Families, row.families),
        problems=_problems(row.pk),
        synthetic=row.is_demo,
    )


def area_analysis(*, area_code: str, year: int | None = None) -> Analysis | None:
    """The stored analysis of the area for survey year `year` (None: its newest); None when
    there is none (no evidence in the area, or not that year)."""
    return _analysis(_stored(ProblemAnalysis.objects.filter(area_id=area_code), year))


def area_problems(*, area_code: str, year: int | None = None) -> list[Problem]:
    """The area's ranked problems for survey year `year` (None: its newest), as stored."""
    row = _stored(ProblemAnalysis.objects.filter(area_id=area_code).only("pk", "year"), year)
    return _problems(row.pk) if row is not None else []


def local_government_analysis(
    *, code: str, villages: Collection[str], year: int | None = None
) -> Analysis | None:
    """The stored analysis of the local government, if it was made for exactly `villages`
    (its covered villages when last analysed; a coverage changed since has none)."""
    row = _stored(ProblemAnalysis.objects.filter(local_government_id=code), year)
    if row is None or row.villages != sorted(villages):
        return None
    return _analysis(row)
