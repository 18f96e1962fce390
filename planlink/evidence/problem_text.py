"""Plain Thai words for problems: what a village committee reads on its data pack, in the plan
item it plans from a problem, in the PDF and the XLSX.

An indicator's wording says what *passes* ("ครัวเรือนมีการเก็บออมเงิน"); a problem is its
failure ("ครัวเรือนไม่มีการเก็บออมเงิน"). Each built-in edition file (``data/*.csv``) carries
that failing condition per indicator in its ``problem_th`` column, with ``{threshold}`` for
the indicator's figure (BMN 22: 38,000 baht, configurable in the edition). A text is used
only while the indicator's wording still reads as the file has it: an edition loaded from
another file, or a wording corrected since, falls back to "ยังไม่ผ่านเกณฑ์ …: <wording>", so a
correction always reaches the titles. The other families' problem kinds have their texts here.

`titled` gives the engine's problems these texts (evidence.analysis stores them); no key such
as ``bmn:22`` is ever a problem's title.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cache

from planlink.evidence.editions import BUILTIN_EDITIONS, DATA_DIR
from planlink.evidence.engine.problems import Problem

# The problem kinds of the families without indicators (engine.problems keys).
POOR_BMN = "ครัวเรือนยากจน: รายได้ต่ำกว่าเกณฑ์ จปฐ. {threshold} บาทต่อคนต่อปี"
POOR_BMN_NO_FIGURE = "ครัวเรือนยากจน: รายได้ต่ำกว่าเกณฑ์ จปฐ."
POOR_LIST = "ครัวเรือนอยู่ในบัญชีครัวเรือนยากจน"
ACCOUNTS_DEBT = "ครัวเรือนมีหนี้สินมากกว่ารายได้ทั้งปี"
ACCOUNTS_DEBT_MULTIPLE = "ครัวเรือนมีหนี้สินมากกว่า {multiple} เท่าของรายได้ทั้งปี"
ACCOUNTS_SPENDING = "ครัวเรือนมีรายจ่ายมากกว่ารายได้"

# When an indicator has no written problem text: its wording, said to fail.
FALLBACK = {
    "bmn": "ยังไม่ผ่านเกณฑ์ จปฐ.: {text}",
    "vbd": "ยังเป็นปัญหาของหมู่บ้าน (กชช.2ค): {text}",
    "gvh": "ความสุขมวลรวมชุมชนยังต่ำ: {text}",
}


@dataclass(frozen=True)
class Written:
    indicator_th: str
    problem_th: str
    threshold: str


@cache
def written() -> dict[tuple[str, str, str], Written]:
    """(family, edition code, indicator code) → the built-in file's problem text."""
    found: dict[tuple[str, str, str], Written] = {}
    for builtin in BUILTIN_EDITIONS:
        with (DATA_DIR / builtin.file).open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                text = (row.get("problem_th") or "").strip()
                if text:
                    found[(builtin.family, row["edition"].strip(), row["number"].strip())] = (
                        Written(
                            row["indicator_th"].strip(), text, (row.get("threshold") or "").strip()
                        )
                    )
    return found


def figure(value: Decimal | str | None) -> str:
    """38000 → "38,000"; 1.50 → "1.5"; None or "" → ""."""
    if value in (None, ""):
        return ""
    number = Decimal(str(value)).normalize()
    if number == number.to_integral_value():
        return f"{int(number):,}"
    return f"{number:,f}"


def indicator_problem(
    family: str, edition_code: str, code: str, text_th: str, threshold: Decimal | None = None
) -> str:
    """The failing condition of one indicator, in plain Thai."""
    found = written().get((family, edition_code, code))
    if found is None or found.indicator_th != text_th.strip():
        return FALLBACK.get(family, "{text}").replace("{text}", text_th.strip())
    shown = figure(threshold) or figure(found.threshold)
    return found.problem_th.replace("{threshold}", shown).replace("  ", " ").strip()


@dataclass(frozen=True)
class IndicatorRef:
    """What naming a problem needs of one indicator (read from the Indicator table)."""

    family: str
    edition_id: int
    edition_code: str
    code: str
    text_th: str
    threshold: Decimal | None


class ProblemTexts:
    """Every indicator's problem text, resolved once per analysis run."""

    def __init__(
        self,
        indicators: Iterable[IndicatorRef],
        *,
        income_indicator: dict[int, str],
        debt_to_income: Decimal,
    ) -> None:
        self.by_edition: dict[tuple[int, str], str] = {}
        self.by_family: dict[tuple[str, str], str] = {}
        self.thresholds: dict[tuple[int, str], Decimal | None] = {}
        for ref in indicators:
            text = indicator_problem(
                ref.family, ref.edition_code, ref.code, ref.text_th, ref.threshold
            )
            self.by_edition[(ref.edition_id, ref.code)] = text
            self.by_family[(ref.family, ref.code)] = text
            self.thresholds[(ref.edition_id, ref.code)] = ref.threshold
        self.income_indicator = income_indicator
        self.debt_to_income = debt_to_income

    def title(self, problem: Problem, edition_id: int | None) -> str:
        family, _sep, code = problem.key.partition(":")
        if family == "bmn" and edition_id is not None:
            return self.by_edition.get((edition_id, code), problem.title_th)
        if family in ("vbd", "gvh"):
            return self.by_family.get((family, code), problem.title_th)
        if problem.key == "poor:bmn":
            income = self.income_indicator.get(edition_id) if edition_id is not None else None
            threshold = (
                self.thresholds.get((edition_id, income))
                if edition_id is not None and income
                else None
            )
            if not threshold:
                return POOR_BMN_NO_FIGURE
            return POOR_BMN.replace("{threshold}", figure(threshold))
        if problem.key == "poor:list":
            return POOR_LIST
        if problem.key == "accounts:debt":
            if self.debt_to_income == 1:
                return ACCOUNTS_DEBT
            return ACCOUNTS_DEBT_MULTIPLE.replace("{multiple}", figure(self.debt_to_income))
        if problem.key == "accounts:spending":
            return ACCOUNTS_SPENDING
        return problem.title_th

    def titled(self, problems: Sequence[Problem], edition_id: int | None) -> list[Problem]:
        """The problems with their plain titles, order and figures unchanged."""
        return [replace(p, title_th=self.title(p, edition_id)) for p in problems]
