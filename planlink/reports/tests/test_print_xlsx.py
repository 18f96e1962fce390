"""Workbooks print right: A4, the orientation the columns need, one page wide, the notes and
header rows repeated on every page, Thai labels."""

from __future__ import annotations

import io
import re
from typing import Any

from openpyxl import load_workbook

from planlink.reports.xlsx import Sheet, workbook_bytes

THAI = re.compile(r"[\u0e01-\u0e5b]")


def assert_prints_on_a4(
    sheet: Any, *, title_rows: str, orientation: str, pages_wide: int = 1
) -> None:
    """What Excel's page setup of `sheet` says, read back from the file."""
    setup = sheet.page_setup
    assert int(setup.paperSize) == 9  # A4
    assert setup.orientation == orientation
    # One page wide (1 is the attribute's default, which xlsxwriter leaves out), any height.
    assert int(setup.fitToWidth or 1) == pages_wide and int(setup.fitToHeight) == 0
    assert sheet.sheet_properties.pageSetUpPr.fitToPage is True
    assert sheet.print_title_rows == title_rows
    assert "&P" in sheet.oddFooter.right.text


def english_headers(cells: list[object]) -> list[object]:
    """Header cells without a Thai letter (an acronym in brackets after Thai is fine)."""
    return [c for c in cells if c is not None and not THAI.search(str(c))]


def _book(sheets: list[Sheet]) -> Any:
    return load_workbook(io.BytesIO(workbook_bytes(sheets, title="ชุดข้อมูล & ตำบล")))


def test_narrow_sheet_prints_portrait_with_notes_and_header_repeated() -> None:
    book = _book(
        [
            Sheet(
                title="ปัญหา",
                header=["ลำดับ", "ปัญหา", "ร้อยละ"],
                rows=[[n, "ครัวเรือนมีรายได้ต่ำกว่าเกณฑ์", 12.5] for n in range(300)],
                notes=["ชุดข้อมูลตำบล", "สำหรับ ศอช.ต."],
            )
        ]
    )
    sheet = book["ปัญหา"]
    assert_prints_on_a4(sheet, title_rows="$1:$3", orientation="portrait")
    assert "ชุดข้อมูล && ตำบล" in sheet.oddHeader.center.text  # "&" escaped, not a code


def test_wide_sheet_prints_landscape() -> None:
    header = ["รหัส", "ชื่อ", *(f"ร้อยละไม่ผ่าน ข้อ {n}" for n in range(1, 9))]
    book = _book([Sheet(title="หมู่บ้าน", header=header, rows=[["520101", "บ้าน", *[1.5] * 8]])])
    sheet = book["หมู่บ้าน"]
    assert_prints_on_a4(sheet, title_rows="$1:$1", orientation="landscape")
    assert english_headers([c.value for c in sheet[1]]) == []
