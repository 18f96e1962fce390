"""What a valid plan file may still have wrong: warnings the user confirms, never refusals.

- the same title twice in the plan (spaces, Thai digits and case ignored);
- an item naming another province explicitly ("จังหวัดเชียงใหม่", "จ.เชียงใหม่") than the one
  of the plan's area;
- a ทำเอง (self-done) item with a year's budget above PlanSettings.self_done_budget_ceiling.

Only rows that add or change an item are warned about: a plan imported again as it is asks
nothing. Each warning names its row and column, in Thai and English, like the problems.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Sequence
from decimal import Decimal
from functools import cache

from planlink.core.tabular import Problem, Table
from planlink.core.thai import format_baht, to_arabic_digits
from planlink.plans.excel.columns import SPECS_BEFORE_BUDGETS, budget_header, header_year
from planlink.plans.excel.export import _item_data
from planlink.plans.excel.reading import _Context, _fingerprint, _Row
from planlink.plans.models import Mode, PlanSettings

# The texts that say what the item does and where (not the agencies: a regional office in
# another province may well be the one asked or responsible).
PLACE_FIELDS = ("title", "description", "objective", "target", "expected_result")
_HEADERS = {spec.key: spec.th for spec in SPECS_BEFORE_BUDGETS}


def import_warnings(table: Table, context: _Context, rows: Sequence[_Row]) -> list[Problem]:
    """The warnings of a file whose every row is valid, by row then column."""
    changed = {row.row for row in rows if _changes(row)}
    if not changed:
        return []
    found = [
        *_repeated_titles(table, rows, changed),
        *_other_provinces(table, context, rows, changed),
        *_self_done_over_ceiling(table, rows, changed),
    ]
    return sorted(found, key=lambda p: (p.row or 0, p.column or ""))


def warnings_digest(warnings: Sequence[Problem]) -> str:
    """A short fingerprint of the warnings shown, which a confirmation must send back."""
    text = "\n".join(str(w) for w in warnings)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _changes(row: _Row) -> bool:
    return row.target is None or _fingerprint(row.data) != _fingerprint(_item_data(row.target))


def _header(table: Table, key: str) -> str:
    return table.header(key) if key in table.headers else _HEADERS.get(key, key)


def title_key(title: str) -> str:
    """Titles compared: Thai digits as Arabic, no spaces at all (Thai spacing varies), one
    Unicode form (ำ typed as ํ + า), case ignored."""
    text = unicodedata.normalize("NFKC", to_arabic_digits(title))
    return re.sub(r"\s+", "", text).casefold()


def _repeated_titles(table: Table, rows: Sequence[_Row], changed: set[int]) -> list[Problem]:
    first: dict[str, _Row] = {}
    found = []
    for row in rows:
        key = title_key(row.data.title)
        if not key:
            continue
        earlier = first.setdefault(key, row)
        if earlier is row or not {earlier.row, row.row} & changed:
            continue
        found.append(
            Problem(
                row.row,
                _header(table, "title"),
                f"ชื่อโครงการซ้ำกับแถว {earlier.row}: '{row.data.title}' "
                "ตรวจว่าไม่ได้ใส่รายการเดียวกันสองครั้ง (ถ้าตั้งใจให้มีสองรายการ นำเข้าต่อได้)",
                f"the title repeats row {earlier.row}: '{row.data.title}'; check the same item "
                "is not in the plan twice (if both are meant, go on)",
            )
        )
    return found


@cache
def _provinces() -> tuple[dict[str, tuple[str, str]], re.Pattern[str]]:
    """Province name (Thai) → (code, English name), and the pattern of an explicit mention:
    "จังหวัด<name>" or "จ.<name>" (the "จ." not inside a Thai word)."""
    import geothai

    names = {p.name_th: (p.code, p.name_en) for p in geothai.provinces()}
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    pattern = re.compile(rf"(?:จังหวัด|(?<![\u0e01-\u0e4e])จ\.)\s*({alternatives})")
    return names, pattern


def _other_provinces(
    table: Table, context: _Context, rows: Sequence[_Row], changed: set[int]
) -> list[Problem]:
    names, pattern = _provinces()
    own_code = context.version.plan.area_id[:2]
    own = next((name for name, (code, _en) in names.items() if code == own_code), None)
    if own is None:  # an area outside the DOPA register (a test tree): nothing to compare
        return []
    found = []
    for row in rows:
        if row.row not in changed:
            continue
        for name in PLACE_FIELDS:
            text = getattr(row.data, name)
            others = []
            for match in pattern.finditer(text):
                province = match.group(1)
                if province != own and province not in others:
                    others.append(province)
            for province in others:
                english = names[province][1]
                found.append(
                    Problem(
                        row.row,
                        _header(table, name),
                        f"ระบุสถานที่ในจังหวัด{province} แต่หมู่บ้านนี้อยู่ในจังหวัด{own} "
                        "ตรวจว่าเป็นรายการของพื้นที่นี้ (อาจคัดลอกมาจากแผนของพื้นที่อื่น)",
                        f"names a place in {english} province, but this plan's area is in "
                        f"{names[own][1]}; check the item belongs here (copied from another "
                        "area's plan?)",
                    )
                )
    return found


def _self_done_over_ceiling(table: Table, rows: Sequence[_Row], changed: set[int]) -> list[Problem]:
    ceiling = PlanSettings.current().self_done_budget_ceiling
    headers = {
        header_year(table.header(key)): table.header(key)
        for key in table.headers
        if key.startswith("budget_")
    }
    found = []
    for row in rows:
        if row.row not in changed or row.data.mode != Mode.SELF:
            continue
        for year, amount in sorted(row.data.budgets.items()):
            if amount is None or amount <= ceiling:
                continue
            found.append(
                Problem(
                    row.row,
                    headers.get(year, budget_header(year)),
                    f"รายการทำเองมีงบประมาณปี {year} {_baht(amount)} บาท เกิน {_baht(ceiling)} "
                    "บาท ที่ตั้งไว้สำหรับรายการที่ชาวบ้านทำเอง ตรวจวิธีดำเนินการ "
                    "(ทำร่วม หรือ ขอรับการสนับสนุน?) และงบประมาณ",
                    f"a self-done item with a {year} budget of {_baht(amount)} baht, above the "
                    f"{_baht(ceiling)} baht set for what villagers do themselves; check the "
                    "mode (joint or request?) and the budget",
                )
            )
    return found


def _baht(amount: Decimal) -> str:
    return format_baht(amount, decimals=0 if amount == amount.to_integral_value() else 2)
