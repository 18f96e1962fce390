"""What every importer of another source's list shares: reading the sheets of a workbook (or
a CSV) as text, finding the header row with its merged second row of budget years, reading
budgets and years as officers write them, and the line each importer hands to the service.

Nothing here writes: a reader returns `ReadList` (its lines, and what it noticed) or raises
`ImportRejected` naming the row and column of every problem in Thai and English.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import polars as pl

from planlink.core.filelimits import LimitExceeded, check_file, limits_for, too_many_rows
from planlink.core.personal import citizen_id_rows, id_in_cell_problem_text
from planlink.core.project_text import normalise
from planlink.core.tabular import ImportRejected, Problem, decode, raw_frame, refused
from planlink.core.thai import ThaiValueError, parse_budget, to_arabic_digits

LIMITS = "plan"  # 5,000 rows, 120 columns, 20 MB, 10,000 characters a cell
HEADER_ROWS = 25  # a ผ.02 has its title and strategy headings above the table
TITLE_MAX = 300
_YEAR = re.compile(r"(?<![0-9])(25[4-9][0-9])(?![0-9])")
_ANY_YEAR = re.compile(r"(?<![0-9])((?:19|20|24|25|26)[0-9]{2})(?![0-9])")  # B.E. or C.E.


@dataclass
class LineData:
    """One line as read, before it is written."""

    sheet: str
    row: int
    title: str
    budgets: dict[int, Decimal]
    form: str = ""
    number: str = ""
    strategy: str = ""
    programme: str = ""
    project: str = ""
    objective: str = ""
    target: str = ""
    place: str = ""
    unit: str = ""
    budget_source: str = ""
    years: tuple[int, int] | None = None  # when the file gives years without budgets

    @property
    def first_year(self) -> int:
        if self.years:
            return self.years[0]
        return min(y for y, a in self.budgets.items() if a > 0)

    @property
    def last_year(self) -> int:
        if self.years:
            return self.years[1]
        return max(y for y, a in self.budgets.items() if a > 0)

    @property
    def total(self) -> Decimal:
        return sum(self.budgets.values(), Decimal(0))


@dataclass
class ReadList:
    lines: list[LineData]
    years: tuple[int, int]
    notes: list[str] = field(default_factory=list)  # shown with the list, never blocking
    sheets_read: list[str] = field(default_factory=list)
    sheets_ignored: list[str] = field(default_factory=list)


def line_key(title: str, place: str, occurrence: int) -> str:
    """A line's fingerprint: its normalised title and place, and which repeat it is (two
    identical lines in one list stay two). A re-import with the same words finds it again."""
    text = f"{normalise(title)}|{normalise(place)}|{occurrence}"
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:20]


def clean(value: object) -> str:
    if value is None:
        return ""
    return " ".join(str(value).split())


def norm(text: str) -> str:
    """A header as a key: Thai digits made Arabic, no spaces or punctuation."""
    return re.sub(r"[\s._\-/()*:\"'“”]+", "", to_arabic_digits(str(text))).lower()


def header_year(text: str) -> int | None:
    found = _YEAR.findall(to_arabic_digits(text or ""))
    return int(found[0]) if len(found) == 1 else None


def years_of(text: str) -> tuple[int, int] | None:
    """ "2570", "2568-2570", "๒๕๗๐ - ๒๕๗๑", "ปี 2570" → the window; None if no year."""
    found = [int(y) for y in _ANY_YEAR.findall(to_arabic_digits(text or ""))]
    if not found:
        return None
    return min(found), max(found)


def sheets(path: Path, filename: str) -> list[tuple[str, pl.DataFrame]]:
    """Every sheet of a workbook (or the one table of a CSV), cells as stripped text."""
    bounds = limits_for(LIMITS)
    name = (filename or path.name).lower()
    if not name.endswith((".xlsx", ".xlsm", ".xls")):
        frame, _encoding = raw_frame(path, filename, bounds)
        return [("", _strip(frame))]
    try:
        check_file(path, filename, bounds)
    except LimitExceeded as error:
        raise refused(error) from error
    try:
        frames = pl.read_excel(
            path,
            sheet_id=0,
            engine="calamine",
            has_header=False,
            infer_schema_length=0,
            drop_empty_rows=False,
        )
    except Exception as exc:
        raise ImportRejected(
            [Problem(None, None, f"เปิดไฟล์ Excel ไม่ได้: {exc}", f"cannot open the Excel file: {exc}")]
        ) from exc
    out = []
    for sheet, frame in frames.items():
        if frame.width > bounds.columns:
            raise ImportRejected(
                [
                    Problem(
                        None,
                        None,
                        f"แผ่นงาน '{sheet}' มี {frame.width:,} คอลัมน์ เกิน {bounds.columns:,} ที่รับได้",
                        f"sheet '{sheet}' has {frame.width:,} columns, "
                        f"more than {bounds.columns:,}",
                    )
                ]
            )
        if frame.height > bounds.rows + HEADER_ROWS:
            raise refused(too_many_rows(bounds))
        out.append((sheet, _strip(frame)))
    return out


def _strip(frame: pl.DataFrame) -> pl.DataFrame:
    if frame.width == 0:
        return frame
    return frame.with_columns(pl.all().cast(pl.String).str.strip_chars())


def text_of(path: Path) -> str:
    """A CSV's text, UTF-8 or cp874 (for the column-mapping step's preview)."""
    return decode(path.read_bytes())[0]


@dataclass(frozen=True)
class Want:
    """A column a reader looks for: a key, its Thai and English names, and a test on the
    header cell's key (`norm`)."""

    key: str
    th: str
    en: str
    test: Callable[[str], bool]
    required: bool = False


def starts(*prefixes: str) -> Callable[[str], bool]:
    keys = tuple(norm(p) for p in prefixes)
    return lambda header: any(header.startswith(k) for k in keys)


def exactly(*names: str) -> Callable[[str], bool]:
    keys = {norm(n) for n in names}
    return lambda header: header in keys


@dataclass
class Header:
    index: int  # 0-based row of the header's first row
    body: int  # 0-based row of the first row below the header
    columns: dict[str, int]  # key → column position
    years: dict[int, int]  # fiscal year → column position
    names: dict[str, str]  # key → the header as written (for problems)


def find_header(
    frame: pl.DataFrame, wants: Sequence[Want], *, budget: Callable[[str], bool] | None = None
) -> Header | None:
    """The header row (its first row within `HEADER_ROWS`) holding every required column;
    a second header row below it adds the budget years under a merged "งบประมาณ" cell."""
    for index in range(min(HEADER_ROWS, frame.height)):
        cells = [clean(c) for c in frame.row(index)]
        columns: dict[str, int] = {}
        names: dict[str, str] = {}
        for want in wants:
            for position, cell in enumerate(cells):
                if cell and position not in columns.values() and want.test(norm(cell)):
                    columns[want.key] = position
                    names[want.key] = cell
                    break
        if not all(w.key in columns for w in wants if w.required):
            continue
        years = {
            y: p for p, c in enumerate(cells) if (y := header_year(c)) and p not in columns.values()
        }
        body = index + 1
        if body < frame.height:
            below = [clean(c) for c in frame.row(body)]
            below_years = {
                y: p
                for p, c in enumerate(below)
                if c and (y := header_year(c)) and p not in columns.values()
            }
            title_col = columns.get("title")
            is_header_row = below_years and (title_col is None or not below[title_col])
            if is_header_row:
                years.update(below_years)
                for want in wants:  # a column named only on the second row
                    if want.key not in columns:
                        for position, cell in enumerate(below):
                            if cell and want.test(norm(cell)) and position not in columns.values():
                                columns[want.key] = position
                                names[want.key] = cell
                                break
                body += 1
        if budget is not None:
            # A single budget column (no years): kept as year 0, the reader asks for a ปี column.
            for position, cell in enumerate(cells):
                if not years and cell and budget(norm(cell)) and position not in columns.values():
                    years[0] = position
                    names["budget"] = cell
        for year, position in years.items():
            names[f"y{year}"] = clean(frame.row(index)[position]) or clean(
                frame.row(index + 1)[position] if index + 1 < frame.height else ""
            )
        return Header(index=index, body=body, columns=columns, years=years, names=names)
    return None


def budget_cell(value: str, row: int, column: str, problems: list[Problem]) -> Decimal | None:
    if not value:
        return None
    try:
        return parse_budget(value)
    except ThaiValueError as error:
        problems.append(
            Problem(
                row, column, f"อ่านงบประมาณไม่ได้: {error.th}", f"cannot read the budget: {error.en}"
            )
        )
        return None


def personal_problems(sheet: str, frame: pl.DataFrame) -> list[Problem]:
    """A cell holding a citizen ID refuses the file (never stored, never quoted)."""
    th, en = id_in_cell_problem_text(key_column=False, household_key=False)
    found = []
    for column in frame.columns:
        for position in citizen_id_rows(frame[column]):
            where = f"{sheet}: " if sheet else ""
            found.append(Problem(position + 1, f"{where}{column}", th, en))
    return found


def text_problems(
    line: LineData, names: dict[str, str], problems: list[Problem], *, sheet: bool = False
) -> None:
    """Over-long cells: the title refuses the file, the others are cut. `sheet`: name the
    sheet with the column (a workbook of several sheets)."""
    if len(line.title) > TITLE_MAX:
        column = names.get("title", "โครงการ")
        problems.append(
            Problem(
                line.row,
                f"{line.sheet}: {column}" if sheet and line.sheet else column,
                f"ชื่อโครงการยาว {len(line.title):,} ตัวอักษร เกิน {TITLE_MAX} ตัวอักษร",
                f"the title has {len(line.title):,} characters, more than {TITLE_MAX}",
            )
        )
    for attr in ("strategy", "programme", "project", "place", "unit"):
        value = getattr(line, attr)
        if len(value) > TITLE_MAX:
            setattr(line, attr, value[: TITLE_MAX - 1] + "…")
