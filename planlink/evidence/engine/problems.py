"""Problem analysis: one ranked list of an area's problems drawn from every evidence family.

Pure: plain dataclasses in, ranked `Problem`s out. Each problem carries its evidence numbers
(how many are affected out of how many, the share, the change since the previous survey) and
a development category (ด้าน) from the shared vocabulary, so a plan item can point at it.

Ranking: by the share of the units affected (persons, households or villages — the figure a
committee can compare across families), then by how many are affected. Evidence scored per
village (กชช.2ค, GVH) weighs in full only from `village_evidence_full_weight` villages up:
for one village, "1 of 1 villages" is a yes/no, not a 100 % share of a population, and must
not bury the survey's measured shares.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from planlink.evidence.engine.bmn import IndicatorResult, percent


@dataclass(frozen=True)
class Thresholds:
    bmn_min_failed_share: Decimal = Decimal("5")
    bmn_min_failed_count: int = 1
    vbd_problem_level: int = 1
    poor_min_share: Decimal = Decimal("1")
    gvh_low_share: Decimal = Decimal("60")
    accounts_min_share: Decimal = Decimal("10")
    village_evidence_full_weight: int = 10


@dataclass(frozen=True)
class VbdIndicatorFacts:
    code: str
    text_th: str
    category: str | None
    villages_at_or_below: int  # villages scoring at or below the problem level
    villages_assessed: int


@dataclass(frozen=True)
class GvhComponentFacts:
    code: str
    text_th: str
    category: str | None
    villages_low: int  # villages scoring below the low share of the scale's maximum
    villages_assessed: int
    mean_score: Decimal | None
    scale_max: Decimal


@dataclass(frozen=True)
class PoorFacts:
    households: int  # BMN households surveyed
    failing_income: int  # households failing the BMN income indicator
    listed: int = 0  # households on imported poor lists
    income_indicator_text: str = ""


@dataclass(frozen=True)
class AccountsFacts:
    households: int  # households keeping accounts
    over_indebted: int  # debt above the configured multiple of yearly income
    overspending: int  # expenses above income


@dataclass(frozen=True)
class Problem:
    key: str  # stable: "bmn:22", "vbd:1.3", "poor:bmn", "gvh:2", "accounts:debt"
    family: str
    title_th: str
    category: str | None
    affected: int
    base: int
    unit: str  # person / household / village
    share: Decimal | None
    change: Decimal | None = None  # percentage points since the previous survey (BMN)
    details: dict[str, object] = field(default_factory=dict)
    weight: Decimal = Decimal(1)  # how much the share counts in the ranking (see module doc)

    @property
    def rank_key(self) -> tuple[Decimal, int]:
        return ((self.share or Decimal(0)) * self.weight, self.affected)


def analyse(
    *,
    thresholds: Thresholds,
    bmn: Sequence[IndicatorResult] = (),
    poor: PoorFacts | None = None,
    vbd: Sequence[VbdIndicatorFacts] = (),
    gvh: Sequence[GvhComponentFacts] = (),
    accounts: AccountsFacts | None = None,
    poor_category: str = "economy",
    accounts_category: str = "economy",
) -> list[Problem]:
    """Every problem above the thresholds, most severe first."""
    found: list[Problem] = []
    for result in bmn:
        share = result.pct_failed
        if (
            share is not None
            and share >= thresholds.bmn_min_failed_share
            and result.failed >= thresholds.bmn_min_failed_count
        ):
            found.append(
                Problem(
                    key=f"bmn:{result.indicator.code}",
                    family="bmn",
                    title_th=f"จปฐ. ข้อ {result.indicator.code} {result.indicator.text_th}",
                    category=result.indicator.development_category,
                    affected=result.failed,
                    base=result.eligible,
                    unit=result.indicator.unit,
                    share=share,
                    change=result.change_pct_failed,
                    details={
                        "passed": result.passed,
                        "previous_pct_failed": result.previous_pct_failed,
                    },
                )
            )
    if poor is not None and poor.households:
        for key, count, title in (
            (
                "poor:bmn",
                poor.failing_income,
                f"ครัวเรือนรายได้ต่ำกว่าเกณฑ์ จปฐ. ({poor.income_indicator_text})".replace(" ()", ""),
            ),
            ("poor:list", poor.listed, "ครัวเรือนยากจนตามบัญชีรายชื่อที่นำเข้า"),
        ):
            share = percent(count, poor.households)
            if count and share is not None and share >= thresholds.poor_min_share:
                found.append(
                    Problem(
                        key=key,
                        family="poor",
                        title_th=title,
                        category=poor_category,
                        affected=count,
                        base=poor.households,
                        unit="household",
                        share=share,
                    )
                )

    def village_weight(villages: int) -> Decimal:
        full = max(1, thresholds.village_evidence_full_weight)
        return min(Decimal(1), Decimal(villages) / full)

    for facts in vbd:
        share = percent(facts.villages_at_or_below, facts.villages_assessed)
        if facts.villages_at_or_below and share is not None:
            found.append(
                Problem(
                    key=f"vbd:{facts.code}",
                    family="vbd",
                    title_th=(
                        f"กชช.2ค {facts.code} {facts.text_th} "
                        f"(ระดับ {thresholds.vbd_problem_level} ลงมา)"
                    ),
                    category=facts.category,
                    affected=facts.villages_at_or_below,
                    base=facts.villages_assessed,
                    unit="village",
                    share=share,
                    weight=village_weight(facts.villages_assessed),
                )
            )
    for component in gvh:
        share = percent(component.villages_low, component.villages_assessed)
        if component.villages_low and share is not None:
            found.append(
                Problem(
                    key=f"gvh:{component.code}",
                    family="gvh",
                    title_th=f"ความสุขมวลรวมชุมชน: {component.text_th} ต่ำ",
                    category=component.category,
                    affected=component.villages_low,
                    base=component.villages_assessed,
                    unit="village",
                    share=share,
                    details={"mean_score": component.mean_score, "scale_max": component.scale_max},
                    weight=village_weight(component.villages_assessed),
                )
            )
    if accounts is not None and accounts.households:
        for key, count, title in (
            ("accounts:debt", accounts.over_indebted, "ครัวเรือนมีหนี้สินสูงเกินรายได้"),
            ("accounts:spending", accounts.overspending, "ครัวเรือนมีรายจ่ายสูงกว่ารายได้"),
        ):
            share = percent(count, accounts.households)
            if count and share is not None and share >= thresholds.accounts_min_share:
                found.append(
                    Problem(
                        key=key,
                        family="accounts",
                        title_th=title,
                        category=accounts_category,
                        affected=count,
                        base=accounts.households,
                        unit="household",
                        share=share,
                    )
                )
    return sorted(found, key=lambda problem: problem.rank_key, reverse=True)
