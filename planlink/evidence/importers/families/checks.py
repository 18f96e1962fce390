"""Per-cell checks shared by the family importers, each problem by row and column; Thai dates."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from planlink.areas.models import Area, AreaLevel
from planlink.core.progress import Progress, no_progress

# The wide formats need the whole header row (indicator columns are not known before the
# edition is), which `read_table` does not expose; these are its own header search steps.
from planlink.core.tabular import (
    ROW,
    ImportRejected,
    Problem,
    ProblemLog,
    Table,
    integer_text_expr,
)
from planlink.core.thai import (
    BE_OFFSET,
    ThaiValueError,
    parse_budget,
    parse_int,
    to_arabic_digits,
)
from planlink.evidence.importers.families.columns import (
    _KEY_RE,
    MAX_TEXT,
    PROGRESS_EVERY,
    YEAR_MAX,
    YEAR_MIN,
)

_THAI_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("มกราคม", "มค"),
            ("กุมภาพันธ์", "กพ"),
            ("มีนาคม", "มีค"),
            ("เมษายน", "เมย"),
            ("พฤษภาคม", "พค"),
            ("มิถุนายน", "มิย"),
            ("กรกฎาคม", "กค"),
            ("สิงหาคม", "สค"),
            ("กันยายน", "กย"),
            ("ตุลาคม", "ตค"),
            ("พฤศจิกายน", "พย"),
            ("ธันวาคม", "ธค"),
        ),
        start=1,
    )
    for name in names
}


def parse_thai_date(text: str) -> date:
    """A date as officers and spreadsheets write it: 15/03/2566, 15-3-2566, ๑๕/๐๓/๒๕๖๖,
    15 มี.ค. 2566, 15 มีนาคม พ.ศ. 2566, 2023-03-15 (ISO, also with a time). Years from 2400
    are Buddhist Era; 1900–2399 Common Era (a spreadsheet's own dates)."""
    raw = str(text)
    cleaned = to_arabic_digits(raw).strip()
    cleaned = re.sub(r"[T ]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$", "", cleaned).strip()
    compact = re.sub(r"\s+", "", cleaned)
    iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", compact)
    dmy = re.fullmatch(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})", compact)
    named = re.fullmatch(r"(\d{1,2})([^\d]+?)(\d{4})", compact)
    day = month = year = 0
    if iso:
        year, month, day = (int(g) for g in iso.groups())
    elif dmy:
        day, month, year = (int(g) for g in dmy.groups())
    elif named:
        month_word = named.group(2).replace(".", "").removesuffix("พศ")
        day, year = int(named.group(1)), int(named.group(3))
        month = _THAI_MONTHS.get(month_word, 0)
    if year >= YEAR_MIN:
        year -= BE_OFFSET
    try:
        if not 1900 <= year <= 2200:
            raise ValueError(year)
        return date(year, month, day)
    except ValueError as exc:
        raise ThaiValueError(
            th=f"อ่านวันที่ '{raw}' ไม่ได้ ให้เขียนเช่น 15/03/2566 หรือ 2023-03-15",
            en=f"cannot read the date '{raw}'; write it like 15/03/2566 or 2023-03-15",
        ) from exc


class _Rows:
    """Per-cell checks shared by the importers; each adds its problems and returns the value
    (None when bad or blank; a row is clean when it added no problem)."""

    def __init__(
        self,
        table: Table,
        problems: ProblemLog,
        *,
        year: int | None,
        within: str,
        progress: Progress | None = None,
    ) -> None:
        self.progress = progress or no_progress
        self.table = table
        self.problems = problems
        self.year_given = year
        self.within = within
        self.frame = table.frame.with_columns(
            integer_text_expr("village").alias("_village"),
            integer_text_expr("year").alias("_year"),
        )
        codes = self.frame["_village"].drop_nulls().unique().to_list()
        self.known = set(
            Area.objects.filter(level=AreaLevel.VILLAGE, code__in=codes).values_list(
                "code", flat=True
            )
        )

    def records(self) -> Iterable[dict[str, Any]]:
        total = self.frame.height
        self.progress("check", 0, total)
        for index, rec in enumerate(self.frame.iter_rows(named=True), start=1):
            yield rec
            if index % PROGRESS_EVERY == 0:
                self.progress("check", index, total)
        self.progress("check", total, total)

    def bad(self, rec: dict[str, Any], key: str, th: str, en: str) -> None:
        self.problems.note(rec[ROW], self.table.header(key), th, en)

    def village(self, rec: dict[str, Any]) -> str | None:
        code = rec["_village"]
        if code is None:
            self.bad(rec, "village", "ไม่มีรหัสหมู่บ้าน", "the village code is missing")
        elif not re.fullmatch(r"\d{8}", code):
            self.bad(
                rec,
                "village",
                f"รหัสหมู่บ้าน '{rec['village']}' ต้องเป็นตัวเลข 8 หลัก",
                f"village code '{rec['village']}' must be 8 digits",
            )
        elif not code.startswith(self.within):
            self.bad(
                rec,
                "village",
                f"หมู่บ้าน {code} ไม่อยู่ในพื้นที่ {self.within} ที่กำลังนำเข้า",
                f"village {code} is not inside area {self.within}, the area being imported",
            )
        elif code not in self.known:
            self.bad(
                rec,
                "village",
                f"ไม่พบหมู่บ้านรหัส {code} ในระบบ (นำเข้ารายชื่อหมู่บ้านก่อน)",
                f"unknown village {code} (import the village list first)",
            )
        else:
            return str(code)
        return None

    def year(self, rec: dict[str, Any]) -> int | None:
        text = rec["_year"]
        if text is None:
            if self.year_given is not None:
                return self.year_given
            if "year" in self.table.headers:  # else the missing column is reported once
                self.bad(rec, "year", "ไม่มีปี พ.ศ.", "the year (B.E.) is missing")
            return None
        if not re.fullmatch(r"\d+", text):
            self.bad(
                rec,
                "year",
                f"ปี '{rec['year']}' ไม่ใช่ตัวเลข ให้เขียนเป็นปี พ.ศ. เช่น 2566",
                f"year '{rec['year']}' is not a number; write a B.E. year such as 2566",
            )
            return None
        year = int(text)
        if not YEAR_MIN <= year <= YEAR_MAX:
            self.bad(
                rec,
                "year",
                f"ปี {year} ต้องเป็นปี พ.ศ. ({YEAR_MIN}–{YEAR_MAX}) เช่น 2566",
                f"year {year} must be a Buddhist-Era year ({YEAR_MIN}–{YEAR_MAX}) such as 2566",
            )
            return None
        if self.year_given is not None and year != self.year_given:
            self.bad(
                rec,
                "year",
                f"ปี {year} ไม่ตรงกับปีที่นำเข้า {self.year_given}",
                f"year {year} is not the year being imported, {self.year_given}",
            )
            return None
        return year

    def integer(
        self, rec: dict[str, Any], key: str, low: int, high: int, what_th: str, what_en: str
    ) -> int | None:
        text = rec[key]
        if text is None:
            self.bad(rec, key, f"ไม่มี{what_th}", f"the {what_en} is missing")
            return None
        try:
            value = parse_int(text)
        except ThaiValueError as exc:
            self.bad(rec, key, exc.th, exc.en)
            return None
        if not low <= value <= high:
            self.bad(
                rec,
                key,
                f"{what_th} {value} ต้องอยู่ระหว่าง {low:,}–{high:,}",
                f"the {what_en} {value} must be from {low:,} to {high:,}",
            )
            return None
        return value

    def money(
        self,
        rec: dict[str, Any],
        key: str,
        what_th: str,
        what_en: str,
        *,
        required: bool,
        dash_is_zero: bool = False,
    ) -> Decimal | None:
        text = rec[key]
        if dash_is_zero and text is not None and text.strip() in ("-", "–", "—"):
            # Thai ledgers write a dash for nothing in a money column.
            return Decimal("0.00")
        try:
            value = parse_budget(text)
        except ThaiValueError as exc:
            self.bad(rec, key, f"{what_th}: {exc.th}", f"{what_en}: {exc.en}")
            return None
        if value is None and required:
            self.bad(rec, key, f"ไม่มี{what_th}", f"the {what_en} is missing")
        return value

    def text(
        self,
        rec: dict[str, Any],
        key: str,
        what_th: str,
        what_en: str,
        *,
        required: bool = True,
        limit: int = MAX_TEXT,
    ) -> str | None:
        value = re.sub(r"\s+", " ", rec[key] or "").strip()
        if not value:
            if required:
                self.bad(rec, key, f"ไม่มี{what_th}", f"the {what_en} is missing")
            return None
        if len(value) > limit:
            self.bad(
                rec,
                key,
                f"{what_th}ยาวเกิน {limit} ตัวอักษร",
                f"the {what_en} is longer than {limit} characters",
            )
            return None
        return value

    def household(self, rec: dict[str, Any]) -> str | None:
        key = rec["_household"]
        if key is None:
            self.bad(rec, "household", "ไม่มีรหัสบ้าน", "the household key is missing")
        elif not _KEY_RE.fullmatch(key):
            self.bad(
                rec,
                "household",
                f"รหัสบ้าน '{rec['household']}' ต้องเป็นตัวอักษรอังกฤษ ตัวเลข หรือ / . _ - ไม่เกิน 24 ตัว",
                f"household key '{rec['household']}' must be at most 24 letters, digits or / . _ -",
            )
        else:
            return str(key)
        return None

    def duplicate(
        self,
        rec: dict[str, Any],
        key: str,
        seen: dict[Any, int],
        identity: Any,
        what_th: str,
        what_en: str,
    ) -> bool:
        """True (and a problem) if `identity` was already on an earlier row."""
        first = seen.setdefault(identity, rec[ROW])
        if first == rec[ROW]:
            return False
        self.bad(rec, key, f"{what_th}ซ้ำกับแถวที่ {first}", f"{what_en} repeats row {first}")
        return True


def _check_year_argument(year: int | None) -> None:
    if year is not None and not YEAR_MIN <= year <= YEAR_MAX:
        raise ImportRejected(
            [
                Problem(
                    None,
                    None,
                    f"ปีที่ระบุ {year} ต้องเป็นปี พ.ศ. ({YEAR_MIN}–{YEAR_MAX})",
                    f"the year given, {year}, must be a Buddhist-Era year ({YEAR_MIN}–{YEAR_MAX})",
                )
            ]
        )


def _require_year(table: Table, year: int | None, header_row: int, problems: ProblemLog) -> None:
    if year is None and "year" not in table.headers:
        problems.note(
            header_row,
            "ปี",
            "ไม่พบคอลัมน์ปี (พ.ศ.) และไม่ได้ระบุปีที่นำเข้า",
            "no year column, and no year was given to the import",
        )


def _score_level(text: str | None) -> int | None:
    if text is None:
        return None
    try:
        value = parse_int(text)
    except ThaiValueError:
        return None
    return value if value in (1, 2, 3) else None


def _decimal(text: str | None) -> Decimal | None:
    if text is None:
        return None
    cleaned = to_arabic_digits(text).strip()
    if not re.fullmatch(r"\d+(\.\d+)?|\.\d+", cleaned):
        return None
    try:
        return Decimal(cleaned)
    except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
        return None
