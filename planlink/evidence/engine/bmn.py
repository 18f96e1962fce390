"""BMN roll-up: pure Polars functions, no ORM.

Household rows → per-village sums → per-area sums at every level (tambon, district,
province). Counts are summed; percentages are computed only at the end from the summed
counts, never averaged.

Frame conventions: ``village`` is the 8-digit code as text; indicator columns are
``e<code>`` (eligible) and ``p<code>`` (passed) for each indicator code of the edition.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

import polars as pl

LEVEL_OF_WIDTH = {8: 4, 6: 3, 4: 2, 2: 1}  # code length → AreaLevel value
SUM_COLUMNS = ("households", "members", "poor")


def e(code: str) -> str:
    return f"e{code}"


def p(code: str) -> str:
    return f"p{code}"


def count_columns(codes: Sequence[str]) -> list[str]:
    return [name for code in codes for name in (e(code), p(code))]


def village_sums(
    households: pl.DataFrame, codes: Sequence[str], income_code: str | None
) -> pl.DataFrame:
    """One row per village: households, members (null when the file has none), poor
    (households eligible for but failing the income indicator) and every e/p summed."""
    has_members = "members" in households.columns and households["members"].null_count() < len(
        households
    )
    poor = (
        ((pl.col(e(income_code)) == 1) & (pl.col(p(income_code)) == 0)).sum().cast(pl.Int64)
        if income_code
        else pl.lit(0, dtype=pl.Int64)
    )
    return households.group_by("village").agg(
        pl.len().cast(pl.Int64).alias("households"),
        (pl.col("members").cast(pl.Int64).sum() if has_members else pl.lit(None, pl.Int64)).alias(
            "members"
        ),
        poor.alias("poor"),
        *(pl.col(c).cast(pl.Int64).sum().alias(c) for c in count_columns(codes)),
    )


def combine_village_sums(parts: Iterable[pl.DataFrame], codes: Sequence[str]) -> pl.DataFrame:
    """Add up partial village sums (one per batch of a large file)."""
    frames = list(parts)
    if not frames:
        return pl.DataFrame(
            schema={
                "village": pl.String,
                **dict.fromkeys(SUM_COLUMNS, pl.Int64),
                **dict.fromkeys(count_columns(codes), pl.Int64),
            }
        )
    stacked = pl.concat(frames, how="vertical_relaxed")
    members_known = stacked["members"].null_count() == 0
    return stacked.group_by("village").agg(
        pl.col("households").sum(),
        pl.col("members").sum() if members_known else pl.lit(None, pl.Int64).alias("members"),
        pl.col("poor").sum(),
        *(pl.col(c).sum() for c in count_columns(codes)),
    )


def rollup(villages: pl.DataFrame, codes: Sequence[str]) -> pl.DataFrame:
    """Village sums → sums for every village, tambon, district and province present.

    Returns ``area``, ``level`` and the summed columns; a level's members are null if any of
    its villages has no member count (a partial sum would mislead).
    """
    value_columns = [*SUM_COLUMNS, *count_columns(codes)]
    levels = []
    for width, level in LEVEL_OF_WIDTH.items():
        grouped = (
            villages.with_columns(pl.col("village").str.slice(0, width).alias("area"))
            .group_by("area")
            .agg(
                *(pl.col(c).sum() for c in value_columns if c != "members"),
                pl.when(pl.col("members").null_count() == 0)
                .then(pl.col("members").sum())
                .otherwise(None)
                .alias("members"),
            )
            .with_columns(pl.lit(level, dtype=pl.Int8).alias("level"))
        )
        levels.append(grouped.select("area", "level", *value_columns))
    return pl.concat(levels).sort("level", "area")


def counts_json_expr(codes: Sequence[str]) -> pl.Expr:
    """The stored form of each row's counts, built in Polars: '{"22": [eligible, passed], ...}'."""
    parts: list[pl.Expr] = []
    for index, code in enumerate(codes):
        parts += [
            pl.lit(("{" if index == 0 else ", ") + f'"{code}": ['),
            pl.col(e(code)).fill_null(0).cast(pl.String),
            pl.lit(", "),
            pl.col(p(code)).fill_null(0).cast(pl.String),
            pl.lit("]"),
        ]
    return pl.concat_str([*parts, pl.lit("}")]) if parts else pl.lit("{}")


def counts_frame(counts_text: pl.Series, codes: Sequence[str]) -> pl.DataFrame:
    """Stored counts (JSON text) back into e/p columns, vectorised."""
    dtype = pl.Struct({code: pl.List(pl.Int64) for code in codes})
    decoded = counts_text.str.json_decode(dtype).struct.unnest()
    return decoded.select(
        expr
        for code in codes
        for expr in (
            pl.col(code).list.get(0, null_on_oob=True).fill_null(0).alias(e(code)),
            pl.col(code).list.get(1, null_on_oob=True).fill_null(0).alias(p(code)),
        )
    )


def add_counts(rows: Iterable[dict[str, list[int]]]) -> dict[str, list[int]]:
    """Sum stored counts (for an ancestor recomputed from its children, or an อปท.'s villages)."""
    total: dict[str, list[int]] = {}
    for counts in rows:
        for code, (eligible, passed) in counts.items():
            current = total.setdefault(code, [0, 0])
            current[0] += eligible
            current[1] += passed
    return total


# --- Reading results ------------------------------------------------------------------------

_ONE = Decimal("0.1")


def percent(part: int, whole: int) -> Decimal | None:
    """part / whole as a percentage with one decimal; None when there is nothing to divide."""
    if whole <= 0:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(_ONE, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class IndicatorInfo:
    code: str
    text_th: str
    unit: str
    category_number: int
    category_th: str
    development_category: str | None = None


@dataclass(frozen=True)
class IndicatorResult:
    indicator: IndicatorInfo
    eligible: int
    passed: int
    previous_eligible: int | None = None
    previous_passed: int | None = None

    @property
    def failed(self) -> int:
        return self.eligible - self.passed

    @property
    def pct_passed(self) -> Decimal | None:
        return percent(self.passed, self.eligible)

    @property
    def pct_failed(self) -> Decimal | None:
        return percent(self.failed, self.eligible)

    @property
    def previous_failed(self) -> int | None:
        if self.previous_eligible is None or self.previous_passed is None:
            return None
        return self.previous_eligible - self.previous_passed

    @property
    def previous_pct_failed(self) -> Decimal | None:
        if self.previous_eligible is None or self.previous_failed is None:
            return None
        return percent(self.previous_failed, self.previous_eligible)

    @property
    def change_pct_failed(self) -> Decimal | None:
        """Change of the failing share in percentage points (negative = improvement)."""
        now, before = self.pct_failed, self.previous_pct_failed
        if now is None or before is None:
            return None
        return now - before


def indicator_results(
    indicators: Sequence[IndicatorInfo],
    counts: dict[str, list[int]],
    previous: dict[str, list[int]] | None = None,
) -> list[IndicatorResult]:
    results = []
    for info in indicators:
        eligible, passed = counts.get(info.code, [0, 0])
        before = (previous or {}).get(info.code)
        results.append(
            IndicatorResult(
                info,
                eligible,
                passed,
                previous_eligible=before[0] if before else None,
                previous_passed=before[1] if before else None,
            )
        )
    return results
