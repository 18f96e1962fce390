"""Synthetic evidence for the demo villages, generated from a seed.

BMN: about 200,000 households for Lampang's demo villages and two survey years, with failure
rates that differ between villages (each village has its own development level and its own
weak spots) and improve a little from one year to the next. The households are written as a
Parquet file and imported through the same path as an officer's file. Everything is marked
synthetic (is_demo) and labelled so in the UI.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl

from planlink.areas.models import Area, AreaLevel
from planlink.evidence.engine.bmn import e, p
from planlink.evidence.importers.bmn import BmnOutcome, bmn_import
from planlink.evidence.models import BmnImport, IndicatorEdition

DEMO_YEARS = (2563, 2564)
SEED = 2564


@dataclass(frozen=True)
class Rates:
    """How often a household member is eligible, and how often an eligible one fails."""

    eligible: float  # persons: share of members eligible; households: share of households
    fail: float


# Plausible national-looking rates for the 2560–2564 indicators (synthetic, not official).
RATES: dict[str, Rates] = {
    "1": Rates(0.015, 0.06),
    "2": Rates(0.015, 0.25),
    "3": Rates(0.12, 0.03),
    "4": Rates(1.0, 0.03),
    "5": Rates(1.0, 0.02),
    "6": Rates(0.55, 0.10),
    "7": Rates(0.85, 0.22),
    "8": Rates(1.0, 0.04),
    "9": Rates(1.0, 0.05),
    "10": Rates(1.0, 0.06),
    "11": Rates(1.0, 0.05),
    "12": Rates(1.0, 0.08),
    "13": Rates(1.0, 0.10),
    "14": Rates(1.0, 0.02),
    "15": Rates(0.04, 0.05),
    "16": Rates(0.10, 0.01),
    "17": Rates(0.02, 0.10),
    "18": Rates(0.03, 0.30),
    "19": Rates(0.60, 0.02),
    "20": Rates(0.60, 0.05),
    "21": Rates(0.25, 0.35),
    "22": Rates(1.0, 0.035),
    "23": Rates(1.0, 0.12),
    "24": Rates(0.80, 0.25),
    "25": Rates(0.80, 0.12),
    "26": Rates(0.85, 0.18),
    "27": Rates(0.18, 0.04),
    "28": Rates(0.03, 0.05),
    "29": Rates(0.08, 0.05),
    "30": Rates(1.0, 0.07),
    "31": Rates(1.0, 0.03),
}


def demo_households(
    villages: list[str], codes: list[str], units: dict[str, str], year: int, *, seed: int = SEED
) -> pl.DataFrame:
    """One frame of households for `villages` in `year`, in the household-file shape."""
    rng = np.random.default_rng(seed)
    # Per village: size, development level (lower = more problems), weak spots.
    sizes = rng.integers(50, 360, len(villages))
    level = rng.lognormal(0.0, 0.45, len(villages))
    weak = rng.lognormal(0.0, 0.6, (len(villages), len(codes)))
    improvement = 1.0 - 0.08 * (year - DEMO_YEARS[0])
    year_rng = np.random.default_rng(seed * 31 + year)
    village_col = np.repeat(np.array(villages), sizes)
    village_index = np.repeat(np.arange(len(villages)), sizes)
    n = int(sizes.sum())
    keys = np.concatenate([np.arange(1, s + 1) for s in sizes])
    members_rng = np.random.default_rng(seed + 7)  # the same households both years
    members = np.minimum(1 + members_rng.poisson(2.1, n), 12)
    columns: dict[str, Any] = {
        "รหัสหมู่บ้าน": village_col,
        "รหัสบ้าน": np.char.zfill(keys.astype(str), 4),
        "ปีที่สำรวจ": np.full(n, year),
        "จำนวนสมาชิก": members,
    }
    for j, code in enumerate(codes):
        rates = RATES.get(code, Rates(1.0, 0.05))
        if units[code] == "household":
            eligible = (year_rng.random(n) < rates.eligible).astype(np.int64)
        else:
            eligible = year_rng.binomial(members, rates.eligible)
        fail = np.clip(
            rates.fail * level[village_index] * weak[village_index, j] * improvement, 0, 0.95
        )
        failed = year_rng.binomial(eligible, fail)
        columns[e(code)] = eligible.astype(np.uint8)
        columns[p(code)] = (eligible - failed).astype(np.uint8)
    return pl.DataFrame(columns)


def demo_bmn_load(*, user: Any = None, province_code: str = "52") -> list[BmnOutcome]:
    """Import synthetic BMN for every demo village of the province, for each demo year
    not yet loaded (so re-running the demo is quick)."""
    edition = IndicatorEdition.objects.get(family="bmn", code="2560-2564")
    indicators = list(edition.indicators.order_by("order"))
    codes = [i.code for i in indicators]
    units = {i.code: i.unit for i in indicators}
    villages = list(
        Area.objects.filter(code__startswith=province_code, level=AreaLevel.VILLAGE, is_demo=True)
        .order_by("code")
        .values_list("code", flat=True)
    )
    outcomes = []
    for year in DEMO_YEARS:
        if (
            not villages
            or BmnImport.objects.filter(year=year, is_demo=True, status="active").exists()
        ):
            continue
        frame = demo_households(villages, codes, units, year)
        with tempfile.TemporaryDirectory(prefix="planlink-demo-") as folder:
            path = Path(folder) / f"bmn-{year}-synthetic.parquet"
            frame.write_parquet(path)
            outcomes.append(bmn_import(user=user, path=path, year=year, demo=True))
    return outcomes
