"""Reading BMN files: household rows (one per household) and village summary tables.

Household files are read in batches with a typed schema (the fast path, close to the raw
read of the file); when a value does not parse — Thai digits, text, a number out of range —
the file is read again as text so every bad cell is named by row and column. Every check is
a vectorised Polars expression; Python only formats the problems it reports.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from planlink.core.filelimits import (
    LimitExceeded,
    check_file,
    count_lines,
    limits_for,
    too_many_columns,
    too_many_rows,
)
from planlink.core.personal import PersonalColumn, personal_columns
from planlink.core.pseudonym import KEY_PATTERN
from planlink.core.tabular import (
    HEADER_SEARCH_ROWS,
    MAX_REPORTED_PROBLEMS,
    ROW,
    Column,
    ImportRejected,
    Problem,
    arabic_digits_expr,
    csv_schema,
    decode,
    integer_text_expr,
    wider_rows,
)
from planlink.core.thai import to_arabic_digits
from planlink.evidence.engine.bmn import e, p

BATCH_ROWS = 500_000

BASE_COLUMNS = (
    Column(
        "village",
        "รหัสหมู่บ้าน",
        "village code",
        aliases=("village_code", "vcode", "รหัสหมู่บ้าน8หลัก", "หมู่บ้าน"),
    ),
    Column(
        "household",
        "รหัสบ้าน",
        "household key",
        aliases=("household_key", "house_code", "hh_key", "hhkey", "รหัสครัวเรือน", "ครัวเรือน"),
    ),
    Column("year", "ปีที่สำรวจ", "survey year", aliases=("year", "ปี", "ปีสำรวจ", "พ.ศ.")),
    Column(
        "members",
        "จำนวนสมาชิก",
        "members",
        aliases=("persons", "สมาชิก", "จำนวนคน", "members"),
        required=False,
    ),
)
SUMMARY_COLUMNS = (
    Column("village", "รหัสหมู่บ้าน", "village code", aliases=("village_code", "vcode")),
    Column("year", "ปีที่สำรวจ", "survey year", aliases=("year", "ปี", "ปีสำรวจ")),
    Column("indicator", "ตัวชี้วัด", "indicator", aliases=("ตัวชี้วัดที่", "ข้อ", "indicator_code")),
    Column(
        "eligible",
        "จำนวนที่สำรวจ",
        "eligible",
        aliases=("ทั้งหมด", "เป้าหมาย", "จำนวนเป้าหมาย", "eligible_count"),
    ),
    Column("passed", "ผ่านเกณฑ์", "passed", aliases=("ผ่าน", "passed_count")),
    Column(
        "failed", "ไม่ผ่านเกณฑ์", "failed", aliases=("ไม่ผ่าน", "ตกเกณฑ์", "failed_count"), required=False
    ),
    Column(
        "households",
        "จำนวนครัวเรือน",
        "households",
        aliases=("ครัวเรือนที่สำรวจ", "households_surveyed"),
        required=False,
    ),
)

# e22, e_22, eligible_22, ทั้งหมด_22, ข้อ22_ทั้งหมด …  /  p22, p_22, passed_22, ผ่าน_22, ข้อ22_ผ่าน …
_INDICATOR_HEADER = re.compile(
    r"^(?:(?P<k1>e|p|eligible|passed|ทั้งหมด|ผ่าน)_?(?P<c1>\d+(?:\.\d+)?)"
    r"|(?:ข้อ)?(?P<c2>\d+(?:\.\d+)?)_?(?P<k2>ทั้งหมด|ผ่าน|e|p))$"
)
_KIND = {"e": "e", "eligible": "e", "ทั้งหมด": "e", "p": "p", "passed": "p", "ผ่าน": "p"}


def indicator_header(header: str) -> tuple[str, str] | None:
    """('e' or 'p', indicator code) if `header` names an indicator's eligible/passed column."""
    text = to_arabic_digits(str(header)).strip().lower().replace(" ", "").replace("-", "_")
    match = _INDICATOR_HEADER.fullmatch(text)
    if not match:
        return None
    kind = match.group("k1") or match.group("k2")
    code = match.group("c1") or match.group("c2")
    return _KIND[kind], code


@dataclass
class Layout:
    """Where things are in the file."""

    kind: str  # "household" or "summary"
    source: Path  # a UTF-8 CSV (transcoded if needed) or the Excel/Parquet file itself
    file_format: str  # "csv", "xlsx" or "parquet"
    encoding: str
    header_index: int  # 0-based row of the header in the file
    headers: list[str]
    base: dict[str, int] = field(default_factory=dict)  # base key → column position
    indicators: dict[str, tuple[int, int]] = field(default_factory=dict)  # code → (e, p)
    extra_indicators: dict[str, int] = field(default_factory=dict)  # header → position
    personal: list[PersonalColumn] = field(default_factory=list)
    # CSV rows wider than the header are refused, unless the cells beyond are all empty.
    cut_ragged: bool = False
    sample: pl.DataFrame | None = None  # the rows under the header among the top rows
    temp_dir: tempfile.TemporaryDirectory[str] | None = None

    def header(self, position: int) -> str:
        return self.headers[position]

    def base_header(self, key: str) -> str:
        return self.headers[self.base[key]] if key in self.base else key

    @property
    def first_data_row(self) -> int:
        """The file row number (1-based, as a spreadsheet shows it) of the first data row."""
        return self.header_index + 2

    def cleanup(self) -> None:
        if self.temp_dir is not None:
            self.temp_dir.cleanup()
            self.temp_dir = None


def _format_of(name: str) -> str:
    lowered = name.lower()
    if lowered.endswith((".xlsx", ".xlsm", ".xls")):
        return "xlsx"
    if lowered.endswith(".parquet"):
        return "parquet"
    return "csv"


def _top_rows(source: Path, file_format: str) -> pl.DataFrame:
    if file_format == "xlsx":
        return pl.read_excel(
            source,
            engine="calamine",
            has_header=False,
            infer_schema_length=0,
            read_options={"n_rows": HEADER_SEARCH_ROWS},
        )
    if file_format == "parquet":
        frame = pl.read_parquet(source, n_rows=HEADER_SEARCH_ROWS)
        header = pl.DataFrame([pl.Series(f"c{i}", [name]) for i, name in enumerate(frame.columns)])
        body = frame.cast(pl.String)
        body.columns = header.columns
        return pl.concat([header, body])
    return pl.read_csv(
        source,
        has_header=False,
        schema=_width_schema(source),
        missing_columns="insert",
        n_rows=HEADER_SEARCH_ROWS,
        separator=_separator(source),
        truncate_ragged_lines=True,
    )


def _separator(source: Path) -> str:
    with source.open("rb") as handle:
        first = handle.read(65536).decode("utf-8", errors="replace").splitlines()[:1]
    line = first[0] if first else ""
    counts = {d: line.count(d) for d in (",", "\t", ";", "|")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def is_wider_row_error(exc: Exception) -> bool:
    """Polars' error for a CSV row with more cells than the schema."""
    return isinstance(exc, pl.exceptions.ComputeError) and "more fields" in str(exc)


def wider_csv_rows(layout: Layout) -> ImportRejected | None:
    """The refusal of a CSV with rows wider than its header, each row named; None (and the
    layout set to cut them) if what lies beyond the header is only empty cells."""
    refusal = wider_rows(
        layout.source,
        _separator(layout.source),
        len(layout.headers),
        first_row=layout.header_index + 2,
    )
    layout.cut_ragged = refusal is None
    return refusal


def _width_schema(source: Path) -> dict[str, pl.DataType]:
    """Text columns as wide as the widest top row (a one-cell title row must not narrow it)."""
    with source.open("rb") as handle:
        head = handle.read(HEAD_BYTES).decode("utf-8", errors="replace")
    return csv_schema(head, _separator(source))


def inspect_file(
    path: Path, original_name: str | None = None, *, work: Path | None = None
) -> Layout:
    """Find the format, encoding, header row, base columns, indicator columns and personal
    data columns. Raises ImportRejected for an empty or unreadable file."""
    file_format = _format_of(original_name or path.name)
    _check_limits(path, original_name, file_format)
    source, encoding, temp = path, "utf-8", None
    if file_format == "csv":
        with path.open("rb") as handle:
            head = handle.read(HEAD_BYTES)
        if not head.strip():
            raise ImportRejected([Problem(None, None, "ไฟล์ว่างเปล่า ไม่มีข้อมูล", "the file is empty")])
        encoding = _head_encoding(head)
        if encoding != "utf-8":
            source, encoding, temp = transcode(path, within=work)
    try:
        top = _top_rows(source, file_format)
    except Exception as exc:
        if temp:
            temp.cleanup()
        raise ImportRejected(
            [Problem(None, None, f"อ่านไฟล์ไม่ได้: {exc}", f"cannot read the file: {exc}")]
        ) from exc
    if top.height == 0:
        raise ImportRejected([Problem(None, None, "ไฟล์ว่างเปล่า ไม่มีข้อมูล", "the file is empty")])
    for index in range(top.height):
        headers = ["" if v is None else str(v).strip() for v in top.row(index)]
        summary = _match(headers, SUMMARY_COLUMNS)
        base = _match(headers, BASE_COLUMNS)
        if summary is not None and "household" not in (base or {}):
            kind, mapping = "summary", summary
        elif base is not None:
            kind, mapping = "household", base
        else:
            continue
        layout = Layout(
            kind=kind,
            source=source,
            file_format=file_format,
            encoding=encoding,
            header_index=index,
            headers=headers,
            base=mapping,
            temp_dir=temp,
        )
        if kind == "household":
            for position, header in enumerate(headers):
                found = indicator_header(header)
                if found is None:
                    continue
                which, code = found
                pair = layout.indicators.setdefault(code, (-1, -1))
                layout.indicators[code] = (
                    (position, pair[1]) if which == "e" else (pair[0], position)
                )
        try:
            _check_width(len(headers), kind, layout)
        except ImportRejected:
            layout.cleanup()
            raise
        sample = top.slice(index + 1)
        sample.columns = [h or f"_blank{i}" for i, h in enumerate(headers)]
        # By header only: citizen IDs are found by content in every batch, each cell named.
        layout.personal = personal_columns([h for h in headers if h])
        layout.sample = sample
        return layout
    if temp:
        temp.cleanup()
    raise ImportRejected(
        [
            Problem(
                1,
                None,
                "ไม่พบแถวหัวตาราง: ต้องมีคอลัมน์ รหัสหมู่บ้าน, รหัสบ้าน, ปีที่สำรวจ และคอลัมน์ตัวชี้วัด "
                "(e1/p1 …) หรือเป็นตารางสรุประดับหมู่บ้าน (รหัสหมู่บ้าน, ปีที่สำรวจ, ตัวชี้วัด, "
                "จำนวนที่สำรวจ, ผ่านเกณฑ์)",
                "no header row found: a household file needs village code, household key, survey year "
                "and indicator columns (e1/p1 …); a village summary needs village code, survey year, "
                "indicator, eligible, passed",
            )
        ]
    )


HEAD_BYTES = 1024 * 1024


def _refused(error: LimitExceeded) -> ImportRejected:
    return ImportRejected([Problem(None, None, error.th, error.en)])


def _check_limits(path: Path, original_name: str | None, file_format: str) -> None:
    """Size, rows and columns within the BMN limits (core/filelimits), before reading. CSV
    household rows stream in batches and are counted there; the other forms are read whole."""
    kind = "bmn_xlsx" if file_format == "xlsx" else "bmn"
    limits = limits_for(kind)
    try:
        check_file(path, original_name, limits)
        if file_format == "parquet":
            rows = pl.scan_parquet(path).select(pl.len()).collect().item()
            if rows > limits.rows:
                raise too_many_rows(limits)
    except LimitExceeded as error:
        raise _refused(error) from error
    except pl.exceptions.PolarsError as exc:
        raise ImportRejected(
            [Problem(None, None, f"อ่านไฟล์ไม่ได้: {exc}", f"cannot read the file: {exc}")]
        ) from exc


def _check_width(width: int, kind: str, layout: Layout) -> None:
    limits = limits_for("bmn_summary" if kind == "summary" else "bmn")
    try:
        if width > limits.columns:
            raise too_many_columns(width, limits)
        # A summary table is read whole: bound its rows before reading.
        summary_csv = kind == "summary" and layout.file_format == "csv"
        if (
            summary_csv
            and count_lines(layout.source, stop_after=limits.rows + 20) > limits.rows + 20
        ):
            raise too_many_rows(limits)
    except LimitExceeded as error:
        raise _refused(error) from error


def household_row_limit() -> int:
    return limits_for("bmn").rows


def _head_encoding(head: bytes) -> str:
    """The encoding as the first megabyte shows it. A file whose Thai text starts later is
    caught by the reader (invalid UTF-8) and transcoded then, see `transcode`."""
    if head.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A multi-byte character cut at the end of the sample is not an error.
        if exc.start < len(head) - 4:
            return "cp874"
    return "utf-8"


def transcode(
    path: Path, *, within: Path | None = None
) -> tuple[Path, str, tempfile.TemporaryDirectory[str]]:
    """A UTF-8 copy of a BOM-marked or TIS-620 (cp874) CSV, for the columnar reader (in the
    import's work folder, `within`, so that nothing outlives a killed import)."""
    temp = tempfile.TemporaryDirectory(prefix="planlink-bmn-", dir=within)
    target = Path(temp.name) / "utf8.csv"
    text, encoding = decode(path.read_bytes())
    target.write_text(text, encoding="utf-8")
    return target, encoding, temp


def _match(headers: list[str], columns: Sequence[Column]) -> dict[str, int] | None:
    mapping: dict[str, int] = {}
    for column in columns:
        for position, header in enumerate(headers):
            if header and column.matches(header) and position not in mapping.values():
                mapping[column.key] = position
                break
    if all(c.key in mapping for c in columns if c.required):
        return mapping
    return None


# --- Household batches ------------------------------------------------------------------


def household_batches(
    layout: Layout,
    codes: Sequence[str],
    *,
    typed: bool,
    skip: set[int] = frozenset(),  # type: ignore[assignment]
    extras: Sequence[int] = (),
) -> Iterator[pl.DataFrame]:
    """Batches with canonical columns (village, household, year, members, e*/p*) and ROW,
    plus the `extras` columns as text named by `extra_name` (for the personal-data scan).

    typed=True reads counts as UInt8 (the fast path; raises on the first unparsable value);
    typed=False reads text and leaves conversion to `clean_text_batch`.
    """
    positions = {
        "village": layout.base["village"],
        "household": layout.base["household"],
        "year": layout.base["year"],
    }
    if "members" in layout.base:
        positions["members"] = layout.base["members"]
    for code in codes:
        e_pos, p_pos = layout.indicators[code]
        positions[e(code)] = e_pos
        positions[p(code)] = p_pos
    names = [f"c{i}" for i in range(len(layout.headers))]
    wanted = {names[pos]: key for key, pos in positions.items() if pos not in skip}

    def dtype(key: str) -> pl.DataType:
        if not typed or key in ("village", "household"):
            return pl.String()
        if key == "year":
            return pl.Int32()
        return pl.UInt8()

    schema = {name: (dtype(wanted[name]) if name in wanted else pl.String()) for name in names}
    if layout.file_format == "csv":
        lazy = pl.scan_csv(
            layout.source,
            has_header=False,
            skip_rows=layout.header_index + 1,
            schema=schema,
            missing_columns="insert",
            separator=_separator(layout.source),
            truncate_ragged_lines=layout.cut_ragged,
            row_index_name=ROW,
            row_index_offset=layout.first_data_row,
        )
    elif layout.file_format == "parquet":
        frame = pl.read_parquet(layout.source)
        frame.columns = names[: frame.width]
        lazy = frame.lazy().with_row_index(ROW, offset=layout.first_data_row)
        lazy = lazy.with_columns(pl.col(n).cast(schema[n], strict=True) for n in wanted)
    else:
        frame = pl.read_excel(
            layout.source,
            engine="calamine",
            has_header=False,
            infer_schema_length=0,
            drop_empty_rows=False,
        )
        frame = frame.slice(layout.header_index + 1)
        frame.columns = names[: frame.width]
        lazy = frame.lazy().with_row_index(ROW, offset=layout.first_data_row)
        if typed:
            lazy = lazy.with_columns(pl.col(n).cast(schema[n], strict=True) for n in wanted)
    selected = lazy.select(
        pl.col(ROW).cast(pl.Int64),
        *(pl.col(name).alias(key) for name, key in wanted.items()),
        *(pl.col(names[pos]).cast(pl.String).alias(extra_name(pos)) for pos in extras),
    )
    if not any(k == "members" for k in wanted.values()):
        selected = selected.with_columns(
            pl.lit(None, dtype=pl.UInt8 if typed else pl.String).alias("members")
        )
    # Rows with nothing in them (trailing blank lines) are not households.
    selected = selected.filter(~pl.all_horizontal(pl.col(k).is_null() for k in wanted.values()))
    yield from selected.collect_batches(chunk_size=BATCH_ROWS)


def extra_name(position: int) -> str:
    return f"_extra{position}"


def clean_text_batch(
    batch: pl.DataFrame, codes: Sequence[str]
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Text batch → (typed batch, cells that are not whole numbers 0–255: ROW, key, value)."""
    numeric = ["year", "members", *(c for code in codes for c in (e(code), p(code)))]
    converted = batch.with_columns(
        integer_text_expr(c).alias(f"_t_{c}") for c in numeric
    ).with_columns(pl.col(f"_t_{c}").cast(pl.Int64, strict=False).alias(f"_n_{c}") for c in numeric)
    bad_frames = []
    for c in numeric:
        limit = 9999 if c == "year" else 255
        bad = converted.filter(
            pl.col(c).is_not_null()
            & (pl.col(f"_n_{c}").is_null() | (pl.col(f"_n_{c}") < 0) | (pl.col(f"_n_{c}") > limit))
        ).select(pl.col(ROW), pl.lit(c).alias("key"), pl.col(c).alias("value"))
        bad_frames.append(bad)
    typed = converted.select(
        ROW,
        integer_text_expr("village").alias("village"),
        arabic_digits_expr("household").str.strip_chars().alias("household"),
        pl.col("_n_year").cast(pl.Int32, strict=False).alias("year"),
        *(
            pl.when(pl.col(f"_n_{c}").is_between(0, 255))
            .then(pl.col(f"_n_{c}"))
            .cast(pl.UInt8, strict=False)
            .alias(c)
            for c in numeric
            if c != "year"
        ),
    )
    return typed, pl.concat(bad_frames)


Reporter = Callable[[Problem], None]


@dataclass
class Checks:
    """Vectorised checks of typed household batches."""

    codes: Sequence[str]
    units: dict[str, str]  # code → person / household
    year: int
    known_villages: pl.Series
    within: str
    layout: Layout

    def mask(self) -> pl.Expr:
        return pl.any_horizontal(expr for expr, *_ in self._checks())

    def _checks(self) -> list[tuple[pl.Expr, str, str, str]]:
        """(failing-row expression, column key, Thai message, English message); messages may
        use {value} (the cell) and {other} (the related cell)."""
        checks: list[tuple[pl.Expr, str, str, str]] = [
            (pl.col("village").is_null(), "village", "ไม่มีรหัสหมู่บ้าน", "the village code is missing"),
            (
                ~pl.col("village").str.contains(r"^\d{8}$"),
                "village",
                "รหัสหมู่บ้าน '{value}' ต้องเป็นตัวเลข 8 หลัก",
                "village code '{value}' must be 8 digits",
            ),
            (
                pl.col("village").str.contains(r"^\d{8}$")
                # A village outside the area being imported is named as that, not as unknown.
                & pl.col("village").str.starts_with(self.within)
                & ~pl.col("village").is_in(self.known_villages.implode()),
                "village",
                "ไม่พบหมู่บ้านรหัส {value} ในระบบ (นำเข้ารายชื่อหมู่บ้านก่อน)",
                "unknown village {value} (import the village list first)",
            ),
            (
                pl.col("household").is_null(),
                "household",
                "ไม่มีรหัสบ้าน",
                "the household key is missing",
            ),
            (
                pl.col("household").is_not_null() & ~pl.col("household").str.contains(KEY_PATTERN),
                "household",
                "รหัสบ้าน '{value}' ต้องเป็นตัวอักษรอังกฤษ ตัวเลข หรือ / . _ - ไม่เกิน 24 ตัว",
                "household key '{value}' must be at most 24 letters, digits or / . _ -",
            ),
            (
                pl.col("year").is_null() | (pl.col("year") != self.year),
                "year",
                "ปีที่สำรวจ '{value}' ไม่ตรงกับปีที่นำเข้า " + str(self.year),
                "survey year '{value}' is not the year being imported, " + str(self.year),
            ),
            (
                pl.col("members").is_not_null() & (pl.col("members") < 1),
                "members",
                "จำนวนสมาชิกต้องอย่างน้อย 1 คน",
                "a household has at least 1 member",
            ),
        ]
        if self.within:
            checks.append(
                (
                    pl.col("village").str.contains(r"^\d{8}$")
                    & ~pl.col("village").str.starts_with(self.within),
                    "village",
                    f"หมู่บ้าน {{value}} ไม่อยู่ในพื้นที่ {self.within} ที่กำลังนำเข้า",
                    f"village {{value}} is not inside area {self.within}, the area being imported",
                )
            )
        for code in self.codes:
            ec, pc = e(code), p(code)
            checks.append(
                (
                    pl.col(ec).is_null(),
                    ec,
                    f"ตัวชี้วัด {code}: ไม่มีจำนวนที่สำรวจ",
                    f"indicator {code}: the eligible count is missing",
                )
            )
            checks.append(
                (
                    pl.col(pc).is_null(),
                    pc,
                    f"ตัวชี้วัด {code}: ไม่มีจำนวนที่ผ่าน",
                    f"indicator {code}: the passed count is missing",
                )
            )
            checks.append(
                (
                    pl.col(pc) > pl.col(ec),
                    pc,
                    f"ตัวชี้วัด {code}: ผ่าน {{value}} มากกว่าจำนวนที่สำรวจ {{other}}",
                    f"indicator {code}: passed {{value}} is more than eligible {{other}}",
                )
            )
            if self.units.get(code) == "household":
                checks.append(
                    (
                        pl.col(ec) > 1,
                        ec,
                        f"ตัวชี้วัด {code} นับเป็นครัวเรือน: จำนวนที่สำรวจต้องเป็น 0 หรือ 1 (พบ {{value}})",
                        f"indicator {code} counts households: eligible must be 0 or 1 (found {{value}})",
                    )
                )
            else:
                checks.append(
                    (
                        pl.col("members").is_not_null() & (pl.col(ec) > pl.col("members")),
                        ec,
                        f"ตัวชี้วัด {code}: จำนวนคนที่สำรวจ {{value}} มากกว่าสมาชิก {{other}} คน",
                        f"indicator {code}: {{value}} eligible persons but {{other}} members",
                    )
                )
        return checks

    def report(self, batch: pl.DataFrame, add: Reporter) -> int:
        """Report every failing cell of `batch`; returns how many there were."""
        total = 0
        flagged = batch.filter(self.mask())
        if flagged.height == 0:
            return 0
        for expr, key, th, en in self._checks():
            failing = flagged.filter(expr.fill_null(False))
            if failing.height == 0:
                continue
            total += failing.height
            other_key = _related(key)
            column = self._header(key)
            for rec in failing.head(MAX_REPORTED_PROBLEMS).iter_rows(named=True):
                value = rec.get(key)
                other = rec.get(other_key) if other_key else None
                add(
                    Problem(
                        rec[ROW],
                        column,
                        th.format(value=_show(value), other=_show(other)),
                        en.format(value=_show(value), other=_show(other)),
                    )
                )
        return total

    def _header(self, key: str) -> str:
        layout = self.layout
        if key in layout.base:
            return layout.base_header(key)
        for code, (e_pos, p_pos) in layout.indicators.items():
            if key == e(code):
                return layout.header(e_pos)
            if key == p(code):
                return layout.header(p_pos)
        return key


def _related(key: str) -> str | None:
    if key.startswith("p") and key[1:2].isdigit():
        return "e" + key[1:]
    if key.startswith("e") and key[1:2].isdigit():
        return "members"
    return None


def _show(value: object) -> str:
    return "" if value is None else str(value)


def summary_frame(layout: Layout, extras: Sequence[int] = ()) -> pl.DataFrame:
    """The whole village summary table as text, canonical column names, plus ROW, plus the
    `extras` columns (positions the import does not use) named by `extra_name`, for the
    personal-data scan; every row, blank ones too (see `summary_rows`)."""
    names = [f"c{i}" for i in range(len(layout.headers))]
    if layout.file_format == "xlsx":
        frame = pl.read_excel(
            layout.source,
            engine="calamine",
            has_header=False,
            infer_schema_length=0,
            drop_empty_rows=False,
        )
    elif layout.file_format == "parquet":
        frame = pl.read_parquet(layout.source).cast(pl.String)
        frame = pl.concat([pl.DataFrame([pl.Series(c, [c]) for c in frame.columns]), frame])
    else:

        def read() -> pl.DataFrame:
            return pl.read_csv(
                layout.source,
                has_header=False,
                schema=_width_schema(layout.source),
                missing_columns="insert",
                separator=_separator(layout.source),
                truncate_ragged_lines=layout.cut_ragged,
            )

        try:
            frame = read()
        except pl.exceptions.ComputeError as exc:
            if not is_wider_row_error(exc):
                raise
            refusal = wider_csv_rows(layout)
            if refusal is not None:
                raise refusal from exc
            frame = read()
    frame.columns = names[: frame.width]
    frame = frame.slice(layout.header_index + 1).with_row_index(ROW, offset=layout.first_data_row)
    selected = frame.select(
        pl.col(ROW).cast(pl.Int64),
        *(pl.col(names[pos]).str.strip_chars().alias(key) for key, pos in layout.base.items()),
        *(
            pl.col(names[pos]).cast(pl.String).alias(extra_name(pos))
            for pos in extras
            if pos < frame.width
        ),
    )
    for column in SUMMARY_COLUMNS:
        if column.key not in layout.base:
            selected = selected.with_columns(pl.lit(None, dtype=pl.String).alias(column.key))
    return selected


def summary_rows(frame: pl.DataFrame) -> pl.DataFrame:
    """The rows of a `summary_frame` with a value in any of the table's own columns (blank
    rows and notes beside the table are not rows), without the extra columns."""
    keys = [c.key for c in SUMMARY_COLUMNS]
    return frame.filter(
        ~pl.all_horizontal(pl.col(k).is_null() | (pl.col(k) == "") for k in keys)
    ).select(ROW, *keys)
