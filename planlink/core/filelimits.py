"""Bounds on what an uploaded file may expand to, checked before it is read.

A few megabytes of XLSX can hold millions of rows (its XML compresses a hundredfold or
more), and a reader that builds the whole sheet in memory would take gigabytes for it. Each
importer has limits — rows, columns, uncompressed bytes, characters per cell — with defaults
here that settings.IMPORT_LIMITS may change per importer. `check_file` measures the file
with constant memory (streaming the sheet XML through zlib, counting newlines of a CSV) and
refuses it with a clear problem before any reader sees it; importers check columns and cell
lengths on what they read.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, fields, replace
from pathlib import Path, PurePosixPath
from xml.etree import ElementTree

from django.conf import settings

MB = 1024 * 1024
CHUNK = 4 * MB
MAX_ZIP_ENTRIES = 10_000
MAX_WORKBOOK_XML = 10 * MB  # workbook.xml and its relations: a few KB in real files
HEADER_ROOM = 20  # title rows and the header above the data rows


@dataclass(frozen=True)
class ReadLimits:
    rows: int  # data rows
    columns: int
    bytes: int  # a CSV's size, or the uncompressed size of an XLSX's sheet and strings
    cell_chars: int  # characters in one cell
    streamed: bool = False  # the reader streams CSV in batches: its rows are counted there

    @property
    def megabytes(self) -> int:
        return max(1, self.bytes // MB)


DEFAULTS: dict[str, ReadLimits] = {
    # Village lists: the whole country is ~75,000 villages (room for several times that).
    "villages": ReadLimits(rows=500_000, columns=60, bytes=50 * MB, cell_chars=1_000),
    # Village-level family files (กชช.2ค, GVH, capital, groups): a row or a few per village.
    "default": ReadLimits(rows=500_000, columns=300, bytes=200 * MB, cell_chars=5_000),
    # Household-level family files (accounts, poor lists): a province's households and more.
    "household": ReadLimits(rows=3_000_000, columns=100, bytes=1024 * MB, cell_chars=1_000),
    # Indicator editions: tens to hundreds of indicators.
    "edition": ReadLimits(rows=5_000, columns=60, bytes=10 * MB, cell_chars=5_000),
    # A village plan's items.
    "plan": ReadLimits(rows=5_000, columns=120, bytes=20 * MB, cell_chars=10_000),
    # BMN household rows: the nation is ~13 M households a year. CSV streams in batches;
    # an XLSX is read whole, so its bound is what one worker can hold.
    "bmn": ReadLimits(
        rows=20_000_000, columns=1_000, bytes=16 * 1024 * MB, cell_chars=1_000, streamed=True
    ),
    "bmn_xlsx": ReadLimits(rows=1_048_576, columns=1_000, bytes=1024 * MB, cell_chars=1_000),
    # BMN village summary tables: villages × indicators.
    "bmn_summary": ReadLimits(rows=3_000_000, columns=60, bytes=1024 * MB, cell_chars=1_000),
}


def limits_for(kind: str) -> ReadLimits:
    """The limits of an importer: the defaults, with any IMPORT_LIMITS[kind] setting over them."""
    base = DEFAULTS.get(kind, DEFAULTS["default"])
    override = getattr(settings, "IMPORT_LIMITS", {}).get(kind, {})
    known = {f.name for f in fields(ReadLimits)}
    return replace(base, **{k: v for k, v in override.items() if k in known})


class LimitExceeded(Exception):
    """The file is bigger than the importer accepts; `th`/`en` say what and how to fix it."""

    def __init__(self, th: str, en: str) -> None:
        super().__init__(en)
        self.th = th
        self.en = en


def file_format(name: str) -> str:
    lowered = name.lower()
    if lowered.endswith((".xlsx", ".xlsm")):
        return "xlsx"
    if lowered.endswith(".xls"):
        return "xls"
    if lowered.endswith(".parquet"):
        return "parquet"
    return "csv"


def check_file(path: Path, original_name: str | None, limits: ReadLimits) -> None:
    """Raise LimitExceeded if the file holds more than `limits` allow; reads with constant
    memory and stops as soon as a bound is passed."""
    form = file_format(original_name or path.name)
    size = path.stat().st_size
    if form == "xlsx":
        _check_xlsx(path, limits)
        return
    if size > limits.bytes:
        raise LimitExceeded(
            f"ไฟล์ใหญ่ {size / MB:,.0f} MB เกินขนาดที่รับได้ {limits.megabytes:,} MB "
            "ให้แบ่งไฟล์เป็นส่วน ๆ แล้วนำเข้าทีละไฟล์",
            f"the file is {size / MB:,.0f} MB, more than the {limits.megabytes:,} MB accepted; "
            "split it and import the parts one by one",
        )
    if form == "csv" and not limits.streamed:
        lines = count_lines(path, stop_after=limits.rows + HEADER_ROOM)
        if lines > limits.rows + HEADER_ROOM:
            raise too_many_rows(limits)


def too_many_rows(limits: ReadLimits) -> LimitExceeded:
    return LimitExceeded(
        f"ไฟล์มีข้อมูลเกิน {limits.rows:,} แถว ซึ่งเป็นจำนวนที่รับได้ ให้แบ่งไฟล์แล้วนำเข้าทีละไฟล์",
        f"the file has more than the {limits.rows:,} rows accepted; split it and import the "
        "parts one by one",
    )


def too_many_columns(found: int, limits: ReadLimits) -> LimitExceeded:
    return LimitExceeded(
        f"ไฟล์มี {found:,} คอลัมน์ เกิน {limits.columns:,} คอลัมน์ที่รับได้ ให้ลบคอลัมน์ที่ไม่ใช้ออกก่อนนำเข้า",
        f"the file has {found:,} columns, more than the {limits.columns:,} accepted; "
        "remove the columns not needed",
    )


def count_lines(path: Path, *, stop_after: int) -> int:
    """Newlines in the file, counting stopped a little past `stop_after`."""
    lines = 0
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            lines += chunk.count(b"\n")
            if lines > stop_after:
                return lines
    return lines


def _check_xlsx(path: Path, limits: ReadLimits) -> None:
    try:
        book = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise LimitExceeded(
            "เปิดไฟล์ Excel ไม่ได้: ไฟล์เสียหรือไม่ใช่ไฟล์ .xlsx จริง ให้เปิดใน Excel แล้วบันทึกใหม่",
            "cannot open the Excel file: it is damaged or not a real .xlsx; open it in Excel "
            "and save it again",
        ) from exc
    with book:
        entries = book.infolist()
        if len(entries) > MAX_ZIP_ENTRIES:
            raise LimitExceeded(
                "ไฟล์ Excel มีส่วนประกอบผิดปกติมากเกินไป", "the Excel file has too many parts"
            )
        names = {entry.filename for entry in entries}
        sheet = _first_sheet(book, names)
        budget = limits.bytes
        if "xl/sharedStrings.xml" in names:
            budget -= _measure(book, "xl/sharedStrings.xml", budget, limits)
        if sheet is not None:
            _measure(book, sheet, budget, limits, rows=True)


def _too_big(limits: ReadLimits) -> LimitExceeded:
    return LimitExceeded(
        f"ไฟล์ Excel เมื่อขยายแล้วใหญ่เกิน {limits.megabytes:,} MB ที่รับได้ ให้แบ่งไฟล์ หรือบันทึกเป็น CSV",
        f"the Excel file expands to more than the {limits.megabytes:,} MB accepted; split it "
        "or save it as CSV",
    )


def _measure(
    book: zipfile.ZipFile, name: str, budget: int, limits: ReadLimits, *, rows: bool = False
) -> int:
    """Uncompressed bytes of one part (stopping past `budget`); with rows=True also counts
    the sheet's rows and reads its declared width."""
    total = 0
    row_count = 0
    tail = b""
    first = True
    try:
        with book.open(name) as part:
            while chunk := part.read(CHUNK):
                total += len(chunk)
                if total > budget:
                    raise _too_big(limits)
                if rows:
                    # The last 4 bytes carried over are shorter than "<row ", so a tag cut
                    # by the chunk boundary is counted once and no tag twice.
                    data = tail + chunk
                    row_count += data.count(b"<row ") + data.count(b"<row>")
                    if row_count > limits.rows + HEADER_ROOM:
                        raise too_many_rows(limits)
                    tail = data[-4:]
                    if first:
                        width = _declared_width(chunk[:4096])
                        if width > limits.columns:
                            raise too_many_columns(width, limits)
                        first = False
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        raise LimitExceeded(
            "ไฟล์ Excel เสียหาย อ่านไม่ได้ ให้เปิดใน Excel แล้วบันทึกใหม่",
            "the Excel file is damaged; open it in Excel and save it again",
        ) from exc
    return total


_DIMENSION = re.compile(rb'<dimension ref="[A-Z]*\d*:?([A-Z]+)\d*"')


def _declared_width(head: bytes) -> int:
    match = _DIMENSION.search(head)
    if not match:
        return 0
    width = 0
    for letter in match.group(1).decode():
        width = width * 26 + ord(letter) - ord("A") + 1
    return width


_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


def _first_sheet(book: zipfile.ZipFile, names: set[str]) -> str | None:
    """The part of the workbook's first sheet (the one the readers read)."""
    sheets = sorted(n for n in names if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", n))
    fallback = sheets[0] if sheets else None
    if "xl/workbook.xml" not in names or "xl/_rels/workbook.xml.rels" not in names:
        return fallback
    for part in ("xl/workbook.xml", "xl/_rels/workbook.xml.rels"):
        if book.getinfo(part).file_size > MAX_WORKBOOK_XML:
            return fallback
    try:
        workbook = ElementTree.fromstring(book.read("xl/workbook.xml"))
        relations = ElementTree.fromstring(book.read("xl/_rels/workbook.xml.rels"))
    except (ElementTree.ParseError, zipfile.BadZipFile, KeyError):
        return fallback
    first = next((el for el in workbook.iter() if el.tag.endswith("}sheet")), None)
    if first is None:
        return fallback
    rel_id = first.get(f"{_REL_NS}id")
    for rel in relations:
        if rel.get("Id") == rel_id:
            target = rel.get("Target", "")
            resolved = (
                target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
            )
            return resolved if resolved in names else fallback
    return fallback
