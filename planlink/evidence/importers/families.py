"""Importers of the six other evidence families: กชช.2ค village scores, GVH component scores,
household accounts, community capital, occupation groups and poor-household lists.

Every importer reads the whole file (CSV UTF-8/BOM/cp874 or XLSX, via `read_table`), checks
every row and names each problem by file row and column in Thai and English, and only then
writes in one transaction. The file's (year, village) pairs replace that family's earlier
records of the same pairs; other villages and years are left alone. Household keys are kept
only as keyed hashes, and household files carrying names or citizen IDs are refused unless
those columns are to be dropped. See docs/formats-families.md.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import polars as pl
from django.db import models, transaction

from planlink.areas.models import Area, AreaLevel
from planlink.core.progress import Progress, no_progress
from planlink.core.pseudonym import KEY_PATTERN, as_hex, pseudonymize

# The wide formats need the whole header row (indicator columns are not known before the
# edition is), which `read_table` does not expose; these are its own header search steps.
from planlink.core.tabular import (
    ROW,
    Column,
    ImportRejected,
    Problem,
    ProblemLog,
    Table,
    arabic_digits_expr,
    find_header,
    integer_text_expr,
    normalize_header,
    raw_frame,
    read_table,
)
from planlink.core.thai import (
    BE_OFFSET,
    ThaiValueError,
    parse_budget,
    parse_int,
    to_arabic_digits,
)
from planlink.evidence.models import (
    CapitalKind,
    CommunityCapital,
    Family,
    GvhVillage,
    HouseholdAccount,
    IndicatorEdition,
    OccupationGroup,
    PoorHousehold,
    VbdVillage,
)
from planlink.evidence.services import problems_refresh

YEAR_MIN, YEAR_MAX = 2400, 2700
MAX_TEXT = 255
MAX_LIST_NAME = 100
MAX_HOUSEHOLD_MEMBERS = 99
DEFAULT_LIST_NAME = "imported list"
PROGRESS_EVERY = 2000  # rows between progress reports while checking
HOUSEHOLD_LIMITS = "household"  # file bounds of household-level files (core/filelimits)
_KEY_RE = re.compile(KEY_PATTERN)


@dataclass(frozen=True)
class FamilyOutcome:
    family: str
    rows: int
    villages: int
    created: int  # records written (or that would be, on a dry run)
    replaced: int  # earlier records of the file's (year, village) pairs removed
    dry_run: bool
    years: tuple[int, ...] = ()
    encoding: str = ""
    edition: str | None = None


# --- Columns ------------------------------------------------------------------------------

VILLAGE = Column(
    "village",
    "รหัสหมู่บ้าน",
    "village code",
    aliases=("village_code", "vcode", "รหัสหมู่บ้าน8หลัก", "รหัสหมู่บ้าน 8 หลัก"),
)
HOUSEHOLD = Column(
    "household",
    "รหัสบ้าน",
    "household key",
    aliases=("household_key", "house_code", "hh_key", "hhkey", "รหัสครัวเรือน"),
)
_YEAR_ALIASES = ("year", "ปี", "ปี พ.ศ.", "พ.ศ.", "ปีที่สำรวจ", "ปีสำรวจ", "ปีที่บันทึก")


def _year_column(label_th: str, label_en: str, *extra: str) -> Column:
    # Optional in the header: a file without it takes the year given to the import.
    return Column("year", label_th, label_en, aliases=(*_YEAR_ALIASES, *extra), required=False)


VBD_BASE = (
    VILLAGE,
    _year_column("ปีที่สำรวจ", "survey round", "รอบการสำรวจ", "รอบ", "round", "survey year"),
)
GVH_BASE = (
    VILLAGE,
    _year_column("ปี", "year", "ปีที่ประเมิน"),
    Column(
        "assessed_on",
        "วันที่ประเมิน",
        "assessment date",
        aliases=("วันที่", "วันประเมิน", "date", "assessed_on", "assessment_date"),
        required=False,
    ),
)
ACCOUNT_COLUMNS = (
    VILLAGE,
    HOUSEHOLD,
    _year_column("ปี", "year"),
    Column("members", "จำนวนสมาชิก", "members", aliases=("สมาชิก", "จำนวนคน", "persons")),
    Column("income", "รายได้", "income", aliases=("รายรับ", "รายได้ต่อปี", "รายได้รวม")),
    Column("expense", "รายจ่าย", "expenses", aliases=("expense", "รายจ่ายต่อปี", "รายจ่ายรวม")),
    Column("savings", "เงินออม", "savings", aliases=("การออม", "ออม", "saving")),
    Column("debt", "หนี้สิน", "debt", aliases=("หนี้", "debts", "หนี้สินรวม")),
)
CAPITAL_COLUMNS = (
    VILLAGE,
    _year_column("ปี", "year"),
    Column("kind", "ประเภท", "type", aliases=("ประเภททุน", "kind", "capital type")),
    Column("name", "ชื่อ", "name", aliases=("ชื่อทุน", "รายการ", "ชื่อทุนชุมชน", "item")),
    Column(
        "amount",
        "มูลค่า",
        "amount",
        aliases=("มูลค่า (บาท)", "จำนวนเงิน", "เงินทุน", "value", "amount (baht)"),
        required=False,
    ),
)
GROUP_COLUMNS = (
    VILLAGE,
    _year_column("ปี", "year"),
    Column("name", "ชื่อกลุ่ม", "group", aliases=("กลุ่ม", "กลุ่มอาชีพ", "group name", "name")),
    Column(
        "product",
        "ผลิตภัณฑ์",
        "product",
        aliases=("ผลิตภัณฑ์/บริการ", "สินค้า", "product or service", "service"),
    ),
    Column("members", "จำนวนสมาชิก", "members", aliases=("สมาชิก", "จำนวนคน")),
    Column(
        "revenue",
        "รายได้ต่อปี",
        "yearly revenue",
        aliases=("รายได้", "รายได้กลุ่ม", "ยอดขายต่อปี", "revenue", "yearly_revenue"),
        required=False,
    ),
)
POOR_COLUMNS = (
    VILLAGE,
    HOUSEHOLD,
    _year_column("ปี", "year"),
    Column(
        "list_name",
        "ชื่อรายการ",
        "list",
        aliases=("รายการ", "ชื่อบัญชี", "ทะเบียน", "list name", "list_name"),
        required=False,
    ),
)

# Code, English and Thai words of each kind; officers write whichever their form uses.
_CAPITAL_WORDS: dict[str, tuple[str, ...]] = {
    CapitalKind.FUND: ("fund", "funds", "กองทุน", "เงินทุน", "ทุนการเงิน"),
    CapitalKind.ASSET: ("asset", "assets", "shared asset", "ทรัพย์สิน", "ทรัพย์สินชุมชน"),
    CapitalKind.GROUP: (
        "group",
        "organisation",
        "organization",
        "organisation or group",
        "องค์กร",
        "กลุ่ม",
        "องค์กร/กลุ่ม",
        "องค์กรชุมชน",
    ),
    CapitalKind.NATURAL: (
        "natural",
        "natural resource",
        "natural resources",
        "ทรัพยากรธรรมชาติ",
        "ธรรมชาติ",
    ),
    CapitalKind.CULTURAL: (
        "cultural",
        "culture",
        "culture and wisdom",
        "wisdom",
        "วัฒนธรรม",
        "ภูมิปัญญา",
        "วัฒนธรรม/ภูมิปัญญา",
        "ภูมิปัญญาท้องถิ่น",
    ),
    CapitalKind.HUMAN: ("human", "people", "people and skills", "ทุนมนุษย์", "มนุษย์", "บุคคล"),
}
_CAPITAL_KIND = {
    re.sub(r"\s+", "", word.lower()): str(kind)
    for kind, words in _CAPITAL_WORDS.items()
    for word in (str(kind), *words)
}


def capital_kind(text: str) -> str | None:
    """The CapitalKind code a cell means: the code, an English or Thai word, "ทุน…", or a
    label such as "fund (กองทุน)"; None if it means none."""
    cleaned = re.sub(r"\s+", "", text.lower())
    candidates = [cleaned]
    label = re.fullmatch(r"(.*)\((.*)\)", cleaned)
    if label:
        candidates += [label.group(1), label.group(2)]
    for candidate in candidates:
        for word in (candidate, candidate.removeprefix("ทุน")):
            if word in _CAPITAL_KIND:
                return _CAPITAL_KIND[word]
    return None


# --- Dates --------------------------------------------------------------------------------

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


# --- Problems and row checks ------------------------------------------------------------


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


# --- Reading ----------------------------------------------------------------------------


@dataclass
class _Head:
    """The header row as the file has it: 0-based index, every header, where the wanted
    columns are, and the rows below it (for personal-data checks and year look-ups)."""

    index: int
    headers: list[str]
    positions: dict[str, int]
    body: pl.DataFrame  # columns named by `names`
    names: list[str]  # the headers made unique (blank and repeated ones renamed)

    @property
    def row(self) -> int:
        return self.index + 1


def _head(
    path: Path, original_name: str | None, columns: Sequence[Column], limits: str = "default"
) -> _Head:
    raw, _encoding = raw_frame(path, original_name, limits)
    if raw.height == 0 or raw.width == 0:
        read_table(path, columns, original_name=original_name)  # raises: the file is empty
    raw = raw.with_columns(pl.all().cast(pl.String).str.strip_chars())
    index, positions = find_header(raw, columns)
    if index is None:
        read_table(path, columns, original_name=original_name)  # raises: missing columns
        raise AssertionError("read_table found a header that the header search did not")
    headers = ["" if v is None else str(v) for v in raw.row(index)]
    names: list[str] = []
    for position, header in enumerate(headers):
        name = header or f"_blank{position}"
        names.append(name if name not in names else f"{name}#{position}")
    body = raw.slice(index + 1)
    body.columns = names
    return _Head(index, headers, positions, body, names)


def _household_table(
    path: Path, original_name: str | None, columns: Sequence[Column], drop_personal: bool
) -> Table:
    table = read_table(
        path,
        columns,
        original_name=original_name,
        limits=HOUSEHOLD_LIMITS,
        drop_personal=drop_personal,
    )
    table.frame = table.frame.with_columns(
        arabic_digits_expr("household").str.strip_chars().alias("_household")
    )
    return table


# --- Editions and wide files ----------------------------------------------------------------

_CODE_HEADER = re.compile(
    r"(?:ข้อที่|ข้อ|ตัวชี้วัดที่|ตัวชี้วัด|องค์ประกอบที่|องค์ประกอบ|indicator|component|item|no\.?)?"
    r"(\d+(?:\.\d+)*)"
)


def indicator_code_of(header: str) -> str | None:
    """The indicator code a wide-format header names: "1.1", "ข้อ 1.1", "ข้อ1.1", "๑.๑",
    "องค์ประกอบที่ 2", "indicator 3" …; None for any other header."""
    text = re.sub(r"\s+", "", to_arabic_digits(str(header)).lower())
    match = _CODE_HEADER.fullmatch(text)
    return match.group(1) if match else None


def _editions_for(family: str, years: set[int]) -> list[IndicatorEdition]:
    # Editions bounded by years come before open-ended ones (the built-in sample), newest
    # first: the model's ordering, with NULL years placed the same on SQLite and PostgreSQL.
    editions = list(IndicatorEdition.objects.filter(family=family))
    editions.sort(key=lambda e: (e.first_year is None, -(e.first_year or 0), e.code))
    return [e for e in editions if all(e.covers(y) for y in years)]


def _edition(
    family: str, code: str | None, years: set[int], year_header: str, head_row: int
) -> IndicatorEdition:
    label_th = "กชช.2ค" if family == Family.VBD else "GVH"
    if code:
        edition = IndicatorEdition.objects.filter(family=family, code=code).first()
        if edition is None:
            raise ImportRejected(
                [
                    Problem(
                        None,
                        None,
                        f"ไม่พบชุดตัวชี้วัด {label_th} '{code}'",
                        f"no {label_th} edition '{code}'",
                    )
                ]
            )
        outside = sorted(y for y in years if not edition.covers(y))
        if outside:
            raise ImportRejected(
                [
                    Problem(
                        None,
                        year_header,
                        f"ชุดตัวชี้วัด {code} ใช้กับปี {edition.first_year}–{edition.last_year} ไม่ใช่ปี {outside[0]}",
                        f"edition {code} is for {edition.first_year}–{edition.last_year}, not {outside[0]}",
                    )
                ]
            )
        return edition
    candidates = _editions_for(family, years)
    if candidates:
        return candidates[0]
    shown = ", ".join(map(str, sorted(years)))
    if len(years) > 1 and all(_editions_for(family, {y}) for y in years):
        raise ImportRejected(
            [
                Problem(
                    None,
                    year_header,
                    f"ไฟล์มีหลายปี ({shown}) ที่ใช้ชุดตัวชี้วัด{label_th}ต่างกัน ให้แยกไฟล์ตามปี",
                    f"the file's years ({shown}) use different {label_th} editions; import each year separately",
                )
            ]
        )
    raise ImportRejected(
        [
            Problem(
                head_row,
                year_header,
                f"ยังไม่มีชุดตัวชี้วัด{label_th}สำหรับปี {shown} ให้ผู้ดูแลระบบโหลดชุดตัวชี้วัดก่อน",
                f"no {label_th} edition covers {shown}; an administrator must load it first",
            )
        ]
    )


def _file_years(head: _Head, year: int | None) -> set[int]:
    """The B.E. years the rows give (cells that are not years are reported row by row later)."""
    if year is not None:
        return {year}
    if "year" not in head.positions:
        return set()
    column = head.body.columns[head.positions["year"]]
    texts = head.body.select(integer_text_expr(column)).to_series().drop_nulls().to_list()
    return {int(t) for t in texts if t.isdigit() and YEAR_MIN <= int(t) <= YEAR_MAX}


@dataclass
class _Wide:
    table: Table
    edition: IndicatorEdition
    codes: list[str]  # the edition's indicator codes, in order
    present: list[str]  # those with a column in the file
    head_row: int


def _read_wide(
    path: Path,
    original_name: str | None,
    family: str,
    base: Sequence[Column],
    year: int | None,
    edition_code: str | None,
    problems: ProblemLog,
    drop_personal: bool = False,
) -> _Wide:
    head = _head(path, original_name, base)
    year_header = head.headers[head.positions["year"]] if "year" in head.positions else "ปี"
    edition = _edition(family, edition_code, _file_years(head, year), year_header, head.row)
    indicators = list(edition.indicators.order_by("order"))
    codes = [i.code for i in indicators]
    by_name = _indicator_names(indicators)
    found: dict[str, int] = {}
    unknown: list[str] = []
    for position, header in enumerate(head.headers):
        if not header or position in head.positions.values():
            continue
        code = indicator_code_of(header)
        if code is not None and code not in codes and code.endswith(".0") and code[:-2] in codes:
            code = code[:-2]  # a spreadsheet's number 1 read back as "1.0"
        if code is None:
            code = by_name.get(normalize_header(header))
            if code is None:
                continue  # a column the importer does not need, e.g. the village name
        if code not in codes:
            unknown.append(header)
        elif code in found:
            problems.note(
                head.row,
                header,
                f"มีคอลัมน์ของข้อ {code} ซ้ำกับคอลัมน์ '{head.headers[found[code]]}'",
                f"indicator {code} has a second column; the first is '{head.headers[found[code]]}'",
            )
        else:
            found[code] = position
    for header in unknown:
        problems.note(
            head.row,
            header,
            f"ข้อ '{header}' ไม่มีในชุดตัวชี้วัด {edition.code} (ไฟล์อาจเป็นชุดตัวชี้วัดอื่น)",
            f"'{header}' is not an indicator of edition {edition.code} (the file may be of another edition)",
        )
    for code in codes:
        if code not in found:
            problems.note(
                head.row,
                code,
                f"ไม่มีคอลัมน์ของข้อ {code} ของชุดตัวชี้วัด {edition.code}",
                f"missing the column of indicator {code} of edition {edition.code}",
            )
    # Listed in file order, each indicator column takes its own header even where two
    # headers would read alike once normalised ("1.11" and "11.1").
    wanted = [
        Column(_score_key(code), head.headers[pos], head.headers[pos])
        for code, pos in sorted(found.items(), key=lambda item: item[1])
    ]
    table = read_table(
        path, (*base, *wanted), original_name=original_name, drop_personal=drop_personal
    )
    for problem in table.problems:
        problems.add(problem)
    _require_year(table, year, head.row, problems)
    return _Wide(table, edition, codes, [c for c in codes if c in found], head.row)


def _indicator_names(indicators: Sequence[Any]) -> dict[str, str]:
    """Normalised indicator texts, and category names of one-indicator categories (the GVH
    components), → code: headers may name a component instead of numbering it."""
    per_category: dict[str, list[str]] = defaultdict(list)
    for indicator in indicators:
        per_category[indicator.category_th].append(indicator.code)
    names: dict[str, str] = {}
    for indicator in indicators:
        names[normalize_header(indicator.text_th)] = indicator.code
        if per_category[indicator.category_th] == [indicator.code]:
            for name in (indicator.category_th, indicator.category_en):
                if name:
                    names[normalize_header(name)] = indicator.code
    return names


def _score_key(code: str) -> str:
    return f"score:{code}"


# --- Storing --------------------------------------------------------------------------------


def _store(
    family: str,
    model: type[models.Model],
    year_field: str,
    records: list[Any],
    *,
    rows: int,
    dry_run: bool,
    encoding: str,
    edition: str | None = None,
    scope_field: str | None = None,
    progress: Progress | None = None,
) -> FamilyOutcome:
    """Replace the family's records of the file's (year, village) pairs with `records`,
    atomically. `scope_field` narrows the replacement further (a poor-household list replaces
    only the same list of those villages and years, not the other lists)."""
    villages_by_scope: dict[tuple[int, Any], set[str]] = defaultdict(set)
    for record in records:
        scope = getattr(record, scope_field) if scope_field else None
        villages_by_scope[(getattr(record, year_field), scope)].add(record.village_id)

    def earlier(year: int, scope: Any, villages: set[str]) -> Any:
        lookup: dict[str, Any] = {year_field: year, "village_id__in": villages}
        if scope_field:
            lookup[scope_field] = scope
        return model._default_manager.filter(**lookup)

    report = progress or no_progress
    report("store", 0, 1)
    if dry_run:
        replaced = sum(earlier(y, s, v).count() for (y, s), v in villages_by_scope.items())
    else:
        replaced = 0
        with transaction.atomic():
            for (year, scope), villages in villages_by_scope.items():
                _total, per_model = earlier(year, scope, villages).delete()
                replaced += per_model.get(model._meta.label, 0)
            model._default_manager.bulk_create(records, batch_size=1000)
            problems_refresh(villages={record.village_id for record in records})
    report("store", 1, 1)
    return FamilyOutcome(
        family=family,
        rows=rows,
        villages=len({r.village_id for r in records}),
        created=len(records),
        replaced=replaced,
        dry_run=dry_run,
        years=tuple(sorted({year for year, _scope in villages_by_scope})),
        encoding=encoding,
        edition=edition,
    )


def _hashes(villages: list[str], keys: list[str]) -> list[str]:
    if not villages:
        return []
    return list(
        as_hex(
            pseudonymize(pl.Series(villages, dtype=pl.String), pl.Series(keys, dtype=pl.String))
        ).to_list()
    )


# --- The importers ------------------------------------------------------------------------


def vbd_import(
    *,
    user: Any,
    path: Path | str,
    original_name: str | None = None,
    year: int | None = None,
    within: str = "",
    edition_code: str | None = None,
    dry_run: bool = False,
    demo: bool = False,
    drop_personal_columns: bool = False,
    progress: Progress | None = None,
) -> FamilyOutcome:
    """กชช.2ค village scores (wide: village, survey round, one 1/2/3 column per indicator of
    the edition). Raises ImportRejected, having written nothing, on any problem."""
    _check_year_argument(year)
    (progress or no_progress)("read", 0, 1)
    problems = ProblemLog()
    wide = _read_wide(
        Path(path),
        original_name,
        Family.VBD,
        VBD_BASE,
        year,
        edition_code,
        problems,
        drop_personal=drop_personal_columns,
    )
    check = _Rows(wide.table, problems, year=year, within=within, progress=progress)
    seen: dict[Any, int] = {}
    records: list[VbdVillage] = []
    for rec in check.records():
        before = problems.total
        village, round_year = check.village(rec), check.year(rec)
        if village and round_year:
            check.duplicate(
                rec, "village", seen, (round_year, village), "หมู่บ้านและปีนี้", "this village and year"
            )
        scores: dict[str, int] = {}
        for code in wide.present:
            key = _score_key(code)
            text = rec[key]
            value = _score_level(text)
            if text is None:
                check.bad(
                    rec, key, f"ไม่มีคะแนนข้อ {code}", f"the score of indicator {code} is missing"
                )
            elif value is None:
                check.bad(
                    rec,
                    key,
                    f"คะแนนข้อ {code} ต้องเป็น 1, 2 หรือ 3 (พบ '{text}')",
                    f"the score of indicator {code} must be 1, 2 or 3 (found '{text}')",
                )
            else:
                scores[code] = value
        if problems.total == before and village and round_year:
            records.append(
                VbdVillage(
                    round_year=round_year,
                    edition=wide.edition,
                    village_id=village,
                    scores=scores,
                    is_demo=demo,
                )
            )
    problems.raise_if_any()
    return _store(
        "vbd",
        VbdVillage,
        "round_year",
        records,
        rows=wide.table.frame.height,
        dry_run=dry_run,
        encoding=wide.table.encoding,
        edition=wide.edition.code,
        progress=progress,
    )


def _score_level(text: str | None) -> int | None:
    if text is None:
        return None
    try:
        value = parse_int(text)
    except ThaiValueError:
        return None
    return value if value in (1, 2, 3) else None


def gvh_import(
    *,
    user: Any,
    path: Path | str,
    original_name: str | None = None,
    year: int | None = None,
    within: str = "",
    edition_code: str | None = None,
    dry_run: bool = False,
    demo: bool = False,
    drop_personal_columns: bool = False,
    progress: Progress | None = None,
) -> FamilyOutcome:
    """GVH component scores (wide: village, year, optional assessment date, one column per
    component; values within the edition's scale, decimals allowed)."""
    _check_year_argument(year)
    (progress or no_progress)("read", 0, 1)
    problems = ProblemLog()
    wide = _read_wide(
        Path(path),
        original_name,
        Family.GVH,
        GVH_BASE,
        year,
        edition_code,
        problems,
        drop_personal=drop_personal_columns,
    )
    low = Decimal(str(wide.edition.setting("scale_min", 1)))
    high = Decimal(str(wide.edition.setting("scale_max", 5)))
    check = _Rows(wide.table, problems, year=year, within=within, progress=progress)
    seen: dict[Any, int] = {}
    records: list[GvhVillage] = []
    for rec in check.records():
        before = problems.total
        village, gvh_year = check.village(rec), check.year(rec)
        if village and gvh_year:
            check.duplicate(
                rec, "village", seen, (gvh_year, village), "หมู่บ้านและปีนี้", "this village and year"
            )
        assessed_on = None
        if rec["assessed_on"] is not None:
            try:
                assessed_on = parse_thai_date(rec["assessed_on"])
            except ThaiValueError as exc:
                check.bad(rec, "assessed_on", exc.th, exc.en)
        scores: dict[str, str] = {}
        for code in wide.present:
            key = _score_key(code)
            text = rec[key]
            value = _decimal(text)
            if text is None:
                check.bad(
                    rec,
                    key,
                    f"ไม่มีคะแนนองค์ประกอบ {code}",
                    f"the score of component {code} is missing",
                )
            elif value is None:
                check.bad(
                    rec,
                    key,
                    f"คะแนนองค์ประกอบ {code} '{text}' ไม่ใช่ตัวเลข",
                    f"the score of component {code}, '{text}', is not a number",
                )
            elif not low <= value <= high:
                check.bad(
                    rec,
                    key,
                    f"คะแนนองค์ประกอบ {code} ต้องอยู่ระหว่าง {low}–{high} (พบ {text})",
                    f"the score of component {code} must be from {low} to {high} (found {text})",
                )
            else:
                # Text keeps the decimal exact in JSON (as the demo data stores it).
                scores[code] = format(value.normalize(), "f")
        if problems.total == before and village and gvh_year:
            records.append(
                GvhVillage(
                    year=gvh_year,
                    edition=wide.edition,
                    village_id=village,
                    scores=scores,
                    assessed_on=assessed_on,
                    is_demo=demo,
                )
            )
    problems.raise_if_any()
    return _store(
        "gvh",
        GvhVillage,
        "year",
        records,
        rows=wide.table.frame.height,
        dry_run=dry_run,
        encoding=wide.table.encoding,
        edition=wide.edition.code,
        progress=progress,
    )


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


def _narrow(
    path: Path | str,
    original_name: str | None,
    columns: Sequence[Column],
    year: int | None,
    within: str,
    problems: ProblemLog,
    *,
    household: bool = False,
    drop_personal: bool = False,
    progress: Progress | None = None,
) -> _Rows:
    _check_year_argument(year)
    (progress or no_progress)("read", 0, 1)
    if household:
        table = _household_table(Path(path), original_name, columns, drop_personal)
    else:
        table = read_table(path, columns, original_name=original_name, drop_personal=drop_personal)
    for problem in table.problems:
        problems.add(problem)
    if year is None and "year" not in table.headers:
        limits = HOUSEHOLD_LIMITS if household else "default"
        _require_year(table, year, _head(Path(path), original_name, columns, limits).row, problems)
    return _Rows(table, problems, year=year, within=within, progress=progress)


def accounts_import(
    *,
    user: Any,
    path: Path | str,
    original_name: str | None = None,
    year: int | None = None,
    within: str = "",
    dry_run: bool = False,
    demo: bool = False,
    drop_personal_columns: bool = False,
    progress: Progress | None = None,
) -> FamilyOutcome:
    """Household income–expense accounts: one row per household and year; the house code is
    stored only as its keyed hash."""
    problems = ProblemLog()
    check = _narrow(
        path,
        original_name,
        ACCOUNT_COLUMNS,
        year,
        within,
        problems,
        household=True,
        drop_personal=drop_personal_columns,
        progress=progress,
    )
    seen: dict[Any, int] = {}
    clean: list[tuple[int, str, str, int, list[Decimal]]] = []
    money = (
        ("income", "รายได้", "income"),
        ("expense", "รายจ่าย", "expenses"),
        ("savings", "เงินออม", "savings"),
        ("debt", "หนี้สิน", "debt"),
    )
    for rec in check.records():
        before = problems.total
        village, account_year, key = check.village(rec), check.year(rec), check.household(rec)
        if village and account_year and key:
            check.duplicate(
                rec, "household", seen, (account_year, village, key), "ครัวเรือนนี้", "this household"
            )
        members = check.integer(rec, "members", 1, MAX_HOUSEHOLD_MEMBERS, "จำนวนสมาชิก", "members")
        amounts = [
            check.money(rec, k, th, en, required=True, dash_is_zero=True) for k, th, en in money
        ]
        if problems.total == before and village and account_year and key and members:
            clean.append((account_year, village, key, members, [a or Decimal(0) for a in amounts]))
    problems.raise_if_any()
    hashes = _hashes([c[1] for c in clean], [c[2] for c in clean])
    records = [
        HouseholdAccount(
            year=account_year,
            village_id=village,
            household_key=hashed,
            members=members,
            income=amounts[0],
            expense=amounts[1],
            savings=amounts[2],
            debt=amounts[3],
            is_demo=demo,
        )
        for (account_year, village, _key, members, amounts), hashed in zip(
            clean, hashes, strict=True
        )
    ]
    return _store(
        "accounts",
        HouseholdAccount,
        "year",
        records,
        rows=check.frame.height,
        dry_run=dry_run,
        encoding=check.table.encoding,
        progress=progress,
    )


def capital_import(
    *,
    user: Any,
    path: Path | str,
    original_name: str | None = None,
    year: int | None = None,
    within: str = "",
    dry_run: bool = False,
    demo: bool = False,
    drop_personal_columns: bool = False,
    progress: Progress | None = None,
) -> FamilyOutcome:
    """Community capital: one row per item (village, year, kind, name, optional amount)."""
    problems = ProblemLog()
    check = _narrow(
        path,
        original_name,
        CAPITAL_COLUMNS,
        year,
        within,
        problems,
        drop_personal=drop_personal_columns,
        progress=progress,
    )
    seen: dict[Any, int] = {}
    records: list[CommunityCapital] = []
    kinds = ", ".join(str(k) for k in CapitalKind)
    for rec in check.records():
        before = problems.total
        village, capital_year = check.village(rec), check.year(rec)
        kind = None
        if rec["kind"] is None:
            check.bad(rec, "kind", "ไม่มีประเภททุน", "the capital type is missing")
        else:
            kind = capital_kind(rec["kind"])
            if kind is None:
                check.bad(
                    rec,
                    "kind",
                    f"ไม่รู้จักประเภททุน '{rec['kind']}' (กองทุน, ทรัพย์สิน, องค์กร/กลุ่ม, ทรัพยากรธรรมชาติ, วัฒนธรรม/ภูมิปัญญา, ทุนมนุษย์)",
                    f"unknown capital type '{rec['kind']}' (one of {kinds})",
                )
        name = check.text(rec, "name", "ชื่อทุน", "capital item name")
        if village and capital_year and name:
            check.duplicate(
                rec,
                "name",
                seen,
                (capital_year, village, name),
                f"ชื่อทุน '{name}' ",
                f"capital item '{name}'",
            )
        amount = check.money(rec, "amount", "มูลค่า", "amount", required=False)
        if problems.total == before and village and capital_year and kind and name:
            records.append(
                CommunityCapital(
                    year=capital_year,
                    village_id=village,
                    kind=kind,
                    name=name,
                    amount=amount,
                    is_demo=demo,
                )
            )
    problems.raise_if_any()
    return _store(
        "capital",
        CommunityCapital,
        "year",
        records,
        rows=check.frame.height,
        dry_run=dry_run,
        encoding=check.table.encoding,
        progress=progress,
    )


def groups_import(
    *,
    user: Any,
    path: Path | str,
    original_name: str | None = None,
    year: int | None = None,
    within: str = "",
    dry_run: bool = False,
    demo: bool = False,
    drop_personal_columns: bool = False,
    progress: Progress | None = None,
) -> FamilyOutcome:
    """Occupation groups: one row per group (village, year, name, product, members,
    optional yearly revenue)."""
    problems = ProblemLog()
    check = _narrow(
        path,
        original_name,
        GROUP_COLUMNS,
        year,
        within,
        problems,
        drop_personal=drop_personal_columns,
        progress=progress,
    )
    seen: dict[Any, int] = {}
    records: list[OccupationGroup] = []
    for rec in check.records():
        before = problems.total
        village, group_year = check.village(rec), check.year(rec)
        name = check.text(rec, "name", "ชื่อกลุ่ม", "group name")
        if village and group_year and name:
            check.duplicate(
                rec,
                "name",
                seen,
                (group_year, village, name),
                f"ชื่อกลุ่ม '{name}' ",
                f"group '{name}'",
            )
        product = check.text(rec, "product", "ผลิตภัณฑ์", "product", required=False)
        members = check.integer(rec, "members", 1, 1_000_000, "จำนวนสมาชิก", "members")
        revenue = check.money(rec, "revenue", "รายได้ต่อปี", "yearly revenue", required=False)
        if problems.total == before and village and group_year and name and members:
            records.append(
                OccupationGroup(
                    year=group_year,
                    village_id=village,
                    name=name,
                    product=product or "",
                    members=members,
                    yearly_revenue=revenue,
                    is_demo=demo,
                )
            )
    problems.raise_if_any()
    return _store(
        "groups",
        OccupationGroup,
        "year",
        records,
        rows=check.frame.height,
        dry_run=dry_run,
        encoding=check.table.encoding,
        progress=progress,
    )


def poor_import(
    *,
    user: Any,
    path: Path | str,
    original_name: str | None = None,
    year: int | None = None,
    within: str = "",
    dry_run: bool = False,
    demo: bool = False,
    drop_personal_columns: bool = False,
    progress: Progress | None = None,
) -> FamilyOutcome:
    """A poor-household list (village, house code, year, optional list name); the house code
    is stored only as its keyed hash."""
    problems = ProblemLog()
    check = _narrow(
        path,
        original_name,
        POOR_COLUMNS,
        year,
        within,
        problems,
        household=True,
        drop_personal=drop_personal_columns,
        progress=progress,
    )
    seen: dict[Any, int] = {}
    clean: list[tuple[int, str, str, str]] = []
    for rec in check.records():
        before = problems.total
        village, poor_year, key = check.village(rec), check.year(rec), check.household(rec)
        list_name = check.text(
            rec, "list_name", "ชื่อรายการ", "list name", required=False, limit=MAX_LIST_NAME
        )
        list_name = list_name or DEFAULT_LIST_NAME
        if village and poor_year and key:
            check.duplicate(
                rec,
                "household",
                seen,
                (poor_year, village, key, list_name),
                "ครัวเรือนนี้ในรายการเดียวกัน",
                "this household on the same list",
            )
        if problems.total == before and village and poor_year and key:
            clean.append((poor_year, village, key, list_name))
    problems.raise_if_any()
    hashes = _hashes([c[1] for c in clean], [c[2] for c in clean])
    records = [
        PoorHousehold(
            year=poor_year,
            village_id=village,
            household_key=hashed,
            list_name=list_name,
            is_demo=demo,
        )
        for (poor_year, village, _key, list_name), hashed in zip(clean, hashes, strict=True)
    ]
    return _store(
        "poor",
        PoorHousehold,
        "year",
        records,
        rows=check.frame.height,
        dry_run=dry_run,
        encoding=check.table.encoding,
        scope_field="list_name",
        progress=progress,
    )


Importer = Callable[..., FamilyOutcome]

IMPORTERS: dict[str, Importer] = {
    "vbd": vbd_import,
    "gvh": gvh_import,
    "accounts": accounts_import,
    "capital": capital_import,
    "groups": groups_import,
    "poor": poor_import,
}
