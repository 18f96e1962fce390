"""Household-level BMN rows of one village, read from the import's columnar files.

Only pseudonyms (keyed hashes) exist there; the listing shows a short form of them so a
committee can count and follow households without anyone's name or house number on screen.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

from planlink.evidence.engine.bmn import IndicatorInfo, e, p
from planlink.evidence.models import BmnResult
from planlink.evidence.selectors import edition_indicators
from planlink.evidence.services import evidence_path


@dataclass(frozen=True)
class HouseholdRow:
    pseudonym: str
    members: int | None
    failed: list[str]  # indicator codes this household fails


@dataclass
class HouseholdListing:
    year: int | None
    years: list[int]
    indicator: IndicatorInfo | None
    indicators: list[IndicatorInfo] = field(default_factory=list)
    households: int = 0
    rows: list[HouseholdRow] = field(default_factory=list)


def failing_households(
    *, village: str, year: int | None, indicator: str | None
) -> HouseholdListing:
    results = BmnResult.objects.filter(area_id=village).select_related("source", "edition")
    years = sorted(results.values_list("year", flat=True), reverse=True)
    row = results.filter(year=year).first() if year else results.order_by("-year").first()
    if row is None or row.source is None or not row.source.household_file:
        return HouseholdListing(year=row.year if row else None, years=years, indicator=None)
    infos = edition_indicators(row.edition)
    chosen = next((i for i in infos if i.code == indicator), None)
    folder = evidence_path(row.source.household_file)
    frame = pl.scan_ipc(folder / "*.arrow").filter(pl.col("village") == int(village)).collect()
    codes = [i.code for i in infos]
    failed_lists = frame.select(
        pl.col("household"),
        pl.col("members"),
        pl.concat_list(
            pl.when(pl.col(e(c)) > pl.col(p(c))).then(pl.lit(c)).otherwise(None) for c in codes
        )
        .list.drop_nulls()
        .alias("failed"),
    )
    if chosen is not None:
        failed_lists = failed_lists.filter(pl.col("failed").list.contains(chosen.code))
    else:
        failed_lists = failed_lists.filter(pl.col("failed").list.len() > 0)
    failed_lists = failed_lists.sort(
        pl.col("failed").list.len(), "household", descending=[True, False]
    )
    rows = [
        HouseholdRow(
            pseudonym=f"{rec['household']:016x}"[:8],
            members=rec["members"],
            failed=list(rec["failed"]),
        )
        for rec in failed_lists.iter_rows(named=True)
    ]
    return HouseholdListing(
        year=row.year,
        years=years,
        indicator=chosen,
        indicators=infos,
        households=frame.height,
        rows=rows,
    )
