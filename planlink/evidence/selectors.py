"""Reads of evidence for pages, packs and problem analysis."""

from __future__ import annotations

from planlink.evidence.engine.bmn import IndicatorInfo, IndicatorResult, indicator_results
from planlink.evidence.models import BmnResult, Indicator, IndicatorEdition


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
