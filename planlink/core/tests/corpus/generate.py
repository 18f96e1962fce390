"""Corpus files too big to commit, made at test time: XLSX bombs (a few hundred KB on disk
that expand to millions of rows or hundreds of megabytes) and CSV cells longer than the csv
module's 131,072-character field limit. Each function writes one file into `folder` and
returns its path; the manifest names them as "generated/<function name>.<ext>".
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

from planlink.core.tests.corpus import build

HUGE = 140_000  # characters: more than the csv module's 131,072 field limit

_CONTENT_TYPES = (
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-'
    'package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/'
    'sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
    'worksheet+xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
    '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
_WORKBOOK = (
    '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
    '2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets>'
    "</workbook>"
)
_WORKBOOK_RELS = (
    '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
    '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    "</Relationships>"
)
_SHEET_OPEN = (
    b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/'
    b'spreadsheetml/2006/main">'
)


def _row(cells: tuple[str, ...]) -> bytes:
    # Cell references are optional in the format; without them rows repeat byte for byte
    # and compress a thousandfold, as generated bombs do.
    inner = "".join(f'<c t="inlineStr"><is><t>{v}</t></is></c>' for v in cells)
    return f"<row>{inner}</row>".encode()


def _xlsx(
    path: Path, sheet: Callable[[], Iterator[bytes]], shared: Iterator[bytes] | None = None
) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as book:
        book.writestr("[Content_Types].xml", _CONTENT_TYPES)
        book.writestr("_rels/.rels", _RELS)
        book.writestr("xl/workbook.xml", _WORKBOOK)
        book.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        if shared is not None:
            with book.open("xl/sharedStrings.xml", "w") as part:
                for chunk in shared:
                    part.write(chunk)
        with book.open("xl/worksheets/sheet1.xml", "w") as part:
            for chunk in sheet():
                part.write(chunk)
    return path


def _rows_bomb(path: Path, header: tuple[str, ...], row: tuple[str, ...], rows: int) -> Path:
    def sheet() -> Iterator[bytes]:
        yield _SHEET_OPEN + b"<sheetData>" + _row(header)
        block = _row(row) * 10_000
        for _ in range(rows // 10_000):
            yield block
        yield _row(row) * (rows % 10_000) + b"</sheetData></worksheet>"

    return _xlsx(path, sheet)


def villages_rows_bomb(folder: Path) -> Path:
    """2,000,000 village rows (~100 MB of sheet XML) in a file of a few hundred KB."""
    return _rows_bomb(
        folder / "villages_rows_bomb.xlsx",
        ("รหัสหมู่บ้าน", "หมู่ที่", "ชื่อหมู่บ้าน"),
        ("52010109", "9", "บ้านทุ่งใหม่"),
        2_000_000,
    )


def bmn_rows_bomb(folder: Path) -> Path:
    """1,500,000 household rows: more than an XLSX sheet can hold (1,048,576)."""
    return _rows_bomb(
        folder / "bmn_rows_bomb.xlsx",
        ("รหัสหมู่บ้าน", "รหัสบ้าน", "ปีที่สำรวจ", "e1", "p1"),
        ("52010101", "0001", "2564", "1", "1"),
        1_500_000,
    )


def capital_strings_bomb(folder: Path) -> Path:
    """One shared string of 250 MB (a 250 KB file): bigger than the 200 MB accepted."""

    def shared() -> Iterator[bytes]:
        yield (
            b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/'
            b'spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>'
        )
        block = b"A" * (4 * 1024 * 1024)
        for _ in range(250 // 4 + 1):
            yield block
        yield b"</t></si></sst>"

    def sheet() -> Iterator[bytes]:
        yield _SHEET_OPEN + b'<sheetData><row><c t="s"><v>0</v></c></row></sheetData></worksheet>'

    return _xlsx(folder / "capital_strings_bomb.xlsx", sheet, shared())


def plan_dimension_bomb(folder: Path) -> Path:
    """A sheet that declares itself A1:XFD1048576 (16,384 columns by a million rows): a
    reader sizing its grid from the declaration would allocate billions of cells."""

    def sheet() -> Iterator[bytes]:
        yield (
            _SHEET_OPEN
            + b'<dimension ref="A1:XFD1048576"/><sheetData>'
            + _row(("โครงการ/กิจกรรม", "วิธีดำเนินการ", "ด้านการพัฒนา"))
            + _row(("โครงการ ก", "ทำเอง", "economy"))
            + b"</sheetData></worksheet>"
        )

    return _xlsx(folder / "plan_dimension_bomb.xlsx", sheet)


def villages_huge_cell(folder: Path) -> Path:
    """File row 3's village name is 140,000 characters (text pasted into the wrong cell)."""
    path = folder / "villages_huge_cell.csv"
    rows = [
        ["รหัสหมู่บ้าน", "หมู่ที่", "ชื่อหมู่บ้าน"],
        ["52010109", "9", "บ้านทุ่งใหม่"],
        ["52010110", "10", "ก" * HUGE],
    ]
    path.write_text(build.csv_text(rows), encoding="utf-8")
    return path


def bmn_huge_cell(folder: Path) -> Path:
    """File row 3's household key is 140,000 digits."""
    rows = build.bmn_rows()
    rows[1][1] = "7" * HUGE
    path = folder / "bmn_huge_cell.csv"
    path.write_text(build.csv_text([build.bmn_header(), *rows]), encoding="utf-8")
    return path


def groups_huge_cell(folder: Path) -> Path:
    """File row 3's product is 150,000 characters, in cp874 as Thai Excel saves it."""
    rows = [
        ["รหัสหมู่บ้าน", "ปี", "ชื่อกลุ่ม", "ผลิตภัณฑ์", "จำนวนสมาชิก"],
        [build.A, "2566", "กลุ่มทอผ้า", "ผ้าฝ้าย", "25"],
        [build.A, "2566", "กลุ่มจักสาน", "ตะกร้า" * 25_000, "12"],
    ]
    path = folder / "groups_huge_cell.csv"
    path.write_bytes(build.csv_text(rows).encode("cp874"))
    return path


GENERATORS: dict[str, Callable[[Path], Path]] = {
    f.__name__: f
    for f in (
        villages_rows_bomb,
        bmn_rows_bomb,
        capital_strings_bomb,
        plan_dimension_bomb,
        villages_huge_cell,
        bmn_huge_cell,
        groups_huge_cell,
    )
}
