"""Reading the tables officers actually have: CSV (UTF-8, UTF-8 with BOM, cp874/TIS-620) and
XLSX, header row anywhere in the first rows, Thai or English headers.

Every importer reads through here and gets a Polars frame of strings (one column per wanted
key, plus ``_row``: the row number the user sees in the file) or an `ImportRejected` listing
each problem with its row and column in Thai and English. Importers then validate
everything before writing anything.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from planlink.core import filelimits
from planlink.core.filelimits import (
    LimitExceeded,
    ReadLimits,
    check_file,
    limits_for,
    too_many_columns,
)

# The csv module refuses cells over 131,072 characters with an exception; planlink bounds the
# file's size before reading and reports over-long cells itself, naming row and column.
csv.field_size_limit(2**31 - 1)

ROW = "_row"
MAX_PROBLEM_TEXT = 600  # characters of one message: a huge cell quoted in it is cut
MAX_REPORTED_PROBLEMS = 200
HEADER_SEARCH_ROWS = 15
_THAI_DIGIT_MAP = {thai: arabic for thai, arabic in zip("๐๑๒๓๔๕๖๗๘๙", "0123456789", strict=True)}


QUOTED_CHARS = 60  # a cell quoted in a message is cut to this, the message kept whole


def shorten(text: str) -> str:
    """`text` within MAX_PROBLEM_TEXT: first any quoted cell value or unbroken run longer
    than QUOTED_CHARS is cut (so the message around it still reads), then, if need be, the
    middle of the text."""
    if len(text) <= MAX_PROBLEM_TEXT:
        return text
    keep = QUOTED_CHARS - 20
    text = re.sub(rf"'([^']{{{QUOTED_CHARS + 1},}})'", lambda m: f"'{m.group(1)[:keep]}…'", text)
    text = re.sub(rf"\S{{{QUOTED_CHARS + 1},}}", lambda m: f"{m.group()[:keep]}…", text)
    if len(text) > MAX_PROBLEM_TEXT:
        cut = MAX_PROBLEM_TEXT // 2
        text = f"{text[:cut]} … {text[-40:]}"
    return text


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file; `row` is the file's row number (header = its own
    row), `column` the header as written in the file."""

    row: int | None
    column: str | None
    th: str
    en: str

    def __post_init__(self) -> None:
        # Messages are shown and kept with the job: never a citizen ID quoted from a cell,
        # never a whole huge cell.
        from planlink.core.personal import redact_citizen_ids

        for name in ("column", "th", "en"):
            value = getattr(self, name)
            if value is None:
                continue
            object.__setattr__(self, name, shorten(redact_citizen_ids(value)))

    def where(self) -> str:
        parts = []
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column:
            parts.append(f"column '{self.column}'")
        return ", ".join(parts)

    def __str__(self) -> str:
        where = self.where()
        prefix = f"[{where}] " if where else ""
        return f"{prefix}{self.th} / {self.en}"


class ImportRejected(Exception):
    """The file was not imported; nothing was written."""

    def __init__(self, problems: Sequence[Problem], total: int | None = None) -> None:
        self.problems = list(problems)[:MAX_REPORTED_PROBLEMS]
        self.total = total if total is not None else len(problems)
        super().__init__(self.summary())

    def summary(self) -> str:
        shown = "\n".join(f"  {p}" for p in self.problems)
        more = self.total - len(self.problems)
        tail = f"\n  … และอีก {more:,} ปัญหา / and {more:,} more problems" if more > 0 else ""
        return (
            f"ไม่ได้นำเข้า พบ {self.total:,} ปัญหา ไม่มีการบันทึกข้อมูลใด ๆ / "
            f"Not imported: {self.total:,} problem(s); nothing was written.\n{shown}{tail}"
        )


class ProblemLog:
    """Problems found while checking a file: all are counted, the first
    MAX_REPORTED_PROBLEMS are kept for the report."""

    def __init__(self) -> None:
        self.items: list[Problem] = []
        self.total = 0

    def add(self, problem: Problem) -> None:
        self.total += 1
        if len(self.items) < MAX_REPORTED_PROBLEMS:
            self.items.append(problem)

    def note(self, row: int | None, column: str | None, th: str, en: str) -> None:
        if len(self.items) >= MAX_REPORTED_PROBLEMS:
            self.total += 1  # counted, not kept
            return
        self.add(Problem(row, column, th, en))

    def count(self, n: int) -> None:
        """`n` problems were found, of which a reporter already added up to the cap."""
        self.total += n - min(n, max(0, MAX_REPORTED_PROBLEMS - len(self.items)))

    def raise_if_any(self) -> None:
        if self.total:
            raise ImportRejected(self.items, self.total)


@dataclass(frozen=True)
class Column:
    """A column an importer wants: its key, the headers that mean it, and its labels."""

    key: str
    label_th: str
    label_en: str
    aliases: tuple[str, ...] = ()
    required: bool = True

    def matches(self, header: str) -> bool:
        wanted = {
            normalize_header(a) for a in (self.key, self.label_th, self.label_en, *self.aliases)
        }
        return normalize_header(header) in wanted


@dataclass
class Table:
    frame: pl.DataFrame  # string columns named by Column.key, plus ROW
    headers: dict[str, str] = field(default_factory=dict)  # key → header as in the file
    encoding: str = "xlsx"
    # Problems found while reading that do not stop the read; the importer reports them
    # with its own (so a file's problems are all named at once).
    problems: list[Problem] = field(default_factory=list)

    def header(self, key: str) -> str:
        return self.headers.get(key, key)


def normalize_header(text: str) -> str:
    text = str(text).strip().lower()
    text = re.sub(r"[\s._\-/()*:]+", "", text)
    return text


def decode(data: bytes) -> tuple[str, str]:
    """Text and the encoding it was in: UTF-8 (with or without BOM) or cp874 (TIS-620)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp874"), "cp874"
    except UnicodeDecodeError as exc:
        raise ImportRejected(
            [
                Problem(
                    None,
                    None,
                    "อ่านไฟล์ไม่ได้: ไม่ใช่ UTF-8 หรือ TIS-620 (cp874) กรุณาบันทึกเป็น CSV UTF-8 หรือ Excel",
                    "cannot read the file: it is neither UTF-8 nor TIS-620 (cp874); "
                    "save it as CSV UTF-8 or Excel",
                )
            ]
        ) from exc


def _sniff_delimiter(text: str) -> str:
    first_lines = [line for line in text.splitlines()[:HEADER_SEARCH_ROWS] if line.strip()]
    sample = "\n".join(first_lines)
    counts = {d: sample.count(d) for d in (",", "\t", ";", "|")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def refused(error: LimitExceeded) -> ImportRejected:
    return ImportRejected([Problem(None, None, error.th, error.en)])


def raw_frame(
    path: Path, original_name: str | None, limits: ReadLimits | str = "default"
) -> tuple[pl.DataFrame, str]:
    """The file's cells as text, no header taken, after checking it against `limits`."""
    bounds = limits_for(limits) if isinstance(limits, str) else limits
    try:
        check_file(path, original_name, bounds)
    except LimitExceeded as error:
        raise refused(error) from error
    frame, encoding = _raw_frame(path, original_name)
    if frame.width > bounds.columns:
        raise refused(too_many_columns(frame.width, bounds))
    return frame, encoding


def _raw_frame(path: Path, original_name: str | None) -> tuple[pl.DataFrame, str]:
    name = (original_name or path.name).lower()
    if name.endswith((".xlsx", ".xlsm", ".xls")):
        try:
            frame = pl.read_excel(
                path,
                engine="calamine",
                has_header=False,
                infer_schema_length=0,
                drop_empty_rows=False,
            )
        except Exception as exc:
            raise ImportRejected(
                [
                    Problem(
                        None,
                        None,
                        f"เปิดไฟล์ Excel ไม่ได้: {exc}",
                        f"cannot open the Excel file: {exc}",
                    )
                ]
            ) from exc
        return frame, "xlsx"
    data = path.read_bytes()
    if not data.strip():
        return pl.DataFrame(), "utf-8"
    text, encoding = decode(data)
    separator = _sniff_delimiter(text)
    data = text.encode("utf-8")

    def read(width: int) -> pl.DataFrame:
        return pl.read_csv(
            io.BytesIO(data),
            has_header=False,
            schema={f"column_{i + 1}": pl.String() for i in range(width)},
            missing_columns="insert",
            separator=separator,
            quote_char='"',
        )

    try:
        try:
            frame = read(csv_width(text, separator, HEADER_SEARCH_ROWS))
        except pl.exceptions.ComputeError as exc:
            if "more fields" not in str(exc):
                raise
            # A row further down is wider than the top rows: size the table from all rows,
            # so that row is seen (and named, see beyond_header), never cut.
            frame = read(csv_width(text, separator))
    except pl.exceptions.PolarsError as exc:
        raise ImportRejected(
            [Problem(None, None, f"อ่านไฟล์ CSV ไม่ได้: {exc}", f"cannot read the CSV file: {exc}")]
        ) from exc
    return frame, encoding


def csv_width(text: str, separator: str, rows: int | None = None) -> int:
    """The widest of the first `rows` rows (all with None). A title row above the header
    often has one cell, and a reader sizing the table from the first row would cut every
    row down to it; a row with more cells than its header (an unquoted comma in a name)
    must be seen, not cut."""
    reader = csv.reader(io.StringIO(text), delimiter=separator)
    widths = (len(row) for row in (reader if rows is None else itertools.islice(reader, rows)))
    return max(widths, default=1)


def csv_schema(text: str, separator: str) -> dict[str, pl.DataType]:
    """Text columns as wide as the widest row of `text` (e.g. the top of a file)."""
    return {f"column_{i + 1}": pl.String() for i in range(csv_width(text, separator))}


def read_table(
    path: Path | str,
    columns: Sequence[Column],
    *,
    original_name: str | None = None,
    limits: ReadLimits | str = "default",
    drop_personal: bool = False,
    personal_headers: bool = True,
) -> Table:
    """Read `path` into a `Table` with one string column per wanted key.

    The file is first checked against the importer's `limits` (rows, columns, size; see
    filelimits). The header row is the first of the top rows that names every required
    column; empty rows are dropped; values are stripped; Thai digits are left for the
    importer to decide (names may contain them legitimately). A cell longer than the limit
    is a problem of its row and column.

    Personal data is refused: a valid citizen ID in any cell of the file, and (with
    `personal_headers`) a column whose header says it holds names or IDs. With
    `drop_personal`, such columns are simply never read — unless the importer wants them.
    """
    path = Path(path)
    bounds = limits_for(limits) if isinstance(limits, str) else limits
    raw, encoding = raw_frame(path, original_name, bounds)
    if raw.height == 0 or raw.width == 0:
        raise ImportRejected([Problem(None, None, "ไฟล์ว่างเปล่า ไม่มีข้อมูล", "the file is empty")])
    raw = raw.with_columns(pl.all().cast(pl.String).str.strip_chars())

    header_index, mapping = find_header(raw, columns)
    if header_index is None:
        best_row = raw.row(0)
        present = [str(v) for v in best_row if v not in (None, "")]
        missing = [c for c in columns if c.required and not any(c.matches(h) for h in present)]
        raise ImportRejected(
            [
                Problem(
                    1,
                    c.label_th,
                    f"ไม่พบคอลัมน์ '{c.label_th}' ในแถวหัวตาราง",
                    f"missing column '{c.label_en}' in the header row",
                )
                for c in missing
            ]
        )
    headers = {key: str(raw.row(header_index)[index]) for key, index in mapping.items()}
    personal_problems(
        raw, header_index, mapping, drop=drop_personal, by_header=personal_headers
    ).raise_if_any()
    source_names = raw.columns
    body = raw.slice(header_index + 1).with_row_index(ROW, offset=header_index + 2)
    frame = body.select(
        pl.col(ROW).cast(pl.Int64),
        *(pl.col(source_names[index]).alias(key) for key, index in mapping.items()),
        *(pl.lit(None, dtype=pl.String).alias(c.key) for c in columns if c.key not in mapping),
    )
    value_columns = [c.key for c in columns]
    frame = frame.with_columns(
        pl.when(pl.col(k) == "").then(None).otherwise(pl.col(k)).alias(k) for k in value_columns
    ).filter(~pl.all_horizontal(pl.col(k).is_null() for k in value_columns))
    if frame.height == 0:
        raise ImportRejected(
            [Problem(None, None, "ไฟล์มีแต่หัวตาราง ไม่มีข้อมูล", "the file has a header but no data rows")]
        )
    if frame.height > bounds.rows:
        raise refused(filelimits.too_many_rows(bounds))
    table = Table(frame=frame, headers=headers, encoding=encoding)
    long_cells(table, bounds.cell_chars).raise_if_any()
    if encoding != "xlsx":
        table.problems = beyond_header(raw, header_index)
    return table


def beyond_header(raw: pl.DataFrame, header_index: int) -> list[Problem]:
    """CSV rows with a value to the right of the header's last column: a comma inside a name
    that is not in quotes shifts the rest of the row, so its values cannot be trusted."""
    header = raw.row(header_index)
    named = [i for i, value in enumerate(header) if value not in (None, "")]
    extra = raw.columns[(named[-1] + 1 if named else 0) :]
    if not extra:
        return []
    body = raw.slice(header_index + 1).with_row_index(ROW, offset=header_index + 2)
    first = pl.coalesce(
        [
            pl.when(pl.col(name).fill_null("") != "").then(pl.lit(position))
            for position, name in enumerate(extra, start=len(raw.columns) - len(extra) + 1)
        ]
    )
    found = body.select(pl.col(ROW), first.alias("_at")).drop_nulls("_at")
    return [wider_row_problem(int(row), int(at)) for row, at in found.iter_rows()]


def wider_row_problem(row: int, column: int) -> Problem:
    """A CSV row with a value in column `column` (1-based), right of the last header."""
    return Problem(
        row,
        f"คอลัมน์ที่ {column}",
        "แถวนี้มีข้อมูลในคอลัมน์ที่ไม่มีหัวตาราง: ชื่อที่มีเครื่องหมายจุลภาค (,) "
        "แต่ไม่ได้อยู่ในเครื่องหมายคำพูด ทำให้ข้อมูลทั้งแถวเลื่อนช่อง",
        "this row has a value in a column that has no header: a name with a comma that "
        "is not in quotes shifts the rest of the row",
    )


def wider_rows(path: Path, separator: str, width: int, first_row: int = 1) -> ImportRejected | None:
    """The refusal of a CSV whose rows from `first_row` on have values beyond `width`
    columns, each such row named (read again with the csv module: only on this path);
    None if the cells beyond are all empty (trailing separators: nothing to lose)."""
    log = ProblemLog()
    with path.open(encoding="utf-8", errors="replace", newline="") as handle:
        reader = csv.reader(handle, delimiter=separator)
        for cells in reader:
            if reader.line_num < first_row or len(cells) <= width:
                continue
            extra = [i for i, value in enumerate(cells[width:], start=width + 1) if value.strip()]
            if extra:
                log.add(wider_row_problem(reader.line_num, extra[0]))
    return ImportRejected(log.items, log.total) if log.total else None


def personal_problems(
    raw: pl.DataFrame,
    header_index: int,
    mapping: dict[str, int],
    *,
    drop: bool,
    by_header: bool = True,
) -> ProblemLog:
    """Names and citizen IDs in a raw frame whose header row is `header_index` and whose
    wanted columns are at `mapping`'s positions; each ID named by its row and column."""
    # personal.py builds on this module's header normalising, hence the late import.
    from planlink.core.personal import citizen_id_cells, id_in_cell_problem_text, personal_columns

    log = ProblemLog()
    names = raw.columns
    cells = raw.row(header_index)
    wanted = {names[position]: key for key, position in mapping.items()}
    header_of = {
        name: str(cells[i]) if cells[i] not in (None, "") else f"คอลัมน์ที่ {i + 1}"
        for i, name in enumerate(names)
    }
    if by_header and not drop:
        for name in names:
            if name in wanted or not header_of[name]:
                continue
            for column in personal_columns([header_of[name]]):
                what_en = "names" if column.kind == "name" else "13-digit citizen IDs"
                log.note(
                    header_index + 1,
                    column.header,
                    f"คอลัมน์ '{column.header}' มี{column.label_th} ระบบไม่เก็บข้อมูลส่วนบุคคล "
                    "ลบคอลัมน์นี้ออกจากไฟล์ หรือนำเข้าด้วยตัวเลือกตัดคอลัมน์ข้อมูลส่วนบุคคล",
                    f"column '{column.header}' holds {what_en}; planlink never stores personal "
                    "data: remove the column or import with --drop-personal-columns",
                )
    scanned = [name for name in names if name in wanted or not drop]
    for name, rows in citizen_id_cells(raw, scanned).items():
        key = wanted.get(name)
        th, en = id_in_cell_problem_text(
            key_column=key is not None, household_key=key == "household"
        )
        for position in rows:
            log.note(position + 1, header_of[name], th, en)
    return log


def long_cells(table: Table, limit: int) -> ProblemLog:
    """A problem for every cell of the table longer than `limit` characters."""
    log = ProblemLog()
    keys = [k for k in table.frame.columns if k != ROW and table.frame[k].dtype == pl.String]
    if not keys:
        return log
    lengths = table.frame.select(ROW, *(pl.col(k).str.len_chars().alias(k) for k in keys))
    over = lengths.filter(pl.any_horizontal(pl.col(k) > limit for k in keys))
    for rec in over.iter_rows(named=True):
        for key in keys:
            if (rec[key] or 0) > limit:
                log.note(
                    rec[ROW],
                    table.header(key),
                    f"ข้อความในช่องนี้ยาว {rec[key]:,} ตัวอักษร เกิน {limit:,} ตัวอักษรที่รับได้ "
                    "(อาจวางข้อความผิดช่อง)",
                    f"this cell holds {rec[key]:,} characters, more than the {limit:,} "
                    "accepted (text pasted into the wrong cell?)",
                )
    return log


def find_header(raw: pl.DataFrame, columns: Sequence[Column]) -> tuple[int | None, dict[str, int]]:
    for index in range(min(HEADER_SEARCH_ROWS, raw.height)):
        row = raw.row(index)
        mapping: dict[str, int] = {}
        for column in columns:
            for position, value in enumerate(row):
                if (
                    value is not None
                    and column.matches(str(value))
                    and position not in mapping.values()
                ):
                    mapping[column.key] = position
                    break
        if all(c.key in mapping for c in columns if c.required):
            return index, mapping
    return None, {}


def arabic_digits_expr(column: str) -> pl.Expr:
    """Polars expression: `column` with Thai digits turned into Arabic digits."""
    return pl.col(column).str.replace_many(
        list(_THAI_DIGIT_MAP.keys()), list(_THAI_DIGIT_MAP.values())
    )


def integer_text_expr(column: str) -> pl.Expr:
    """Digits-only text of an integer cell: Thai digits converted, commas, spaces and a
    spreadsheet's trailing '.0' removed (so '๕๒๐๑๐๑๐๑' and '52010101.0' read alike)."""
    return arabic_digits_expr(column).str.replace_all(r"[,\s]", "").str.replace(r"\.0+$", "")
