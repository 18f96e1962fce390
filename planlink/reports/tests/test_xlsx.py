"""XLSX workbooks: real numbers, empty cells, formats, frozen header, safe sheet names."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime
from decimal import Decimal

from openpyxl import load_workbook

from planlink.reports.xlsx import (
    INTEGER,
    MONEY,
    PERCENT,
    Sheet,
    display_width,
    sheet_names,
    workbook_bytes,
    xlsx_download,
)

HEADER = ["หมู่บ้าน", "ครัวเรือน", "ร้อยละที่ผ่าน", "งบประมาณ (บาท)", "หมายเหตุ"]
ROWS = [
    ["หมู่ 1 บ้านป่าตึงงาม", 120, Decimal("45.25"), Decimal("150000.50"), None],
    ["หมู่ 2 บ้านแม่ฟ้าหลวง", 1234, None, Decimal("2000"), "=SUM(A1:A2)"],
    ["หมู่ 3", Decimal("7"), Decimal("100"), Decimal("NaN"), True],
]


def _book(sheets: list[Sheet]):  # type: ignore[no-untyped-def]
    return load_workbook(io.BytesIO(workbook_bytes(sheets, title="ชุดข้อมูลตำบล")))


def test_values_types_and_formats() -> None:
    book = _book([Sheet("ข้อมูล", HEADER, ROWS, notes=["ชุดข้อมูลตำบลบ้านเสด็จ", "ข้อมูลสาธิต"])])
    ws = book["ข้อมูล"]
    assert ws["A1"].value == "ชุดข้อมูลตำบลบ้านเสด็จ"  # notes above the header
    assert ws["A2"].value == "ข้อมูลสาธิต"
    assert [cell.value for cell in ws[3]] == HEADER
    assert all(cell.font.bold for cell in ws[3])
    assert ws.freeze_panes == "A4"  # everything up to the header row stays in view

    first = [cell.value for cell in ws[4]]
    assert first == ["หมู่ 1 บ้านป่าตึงงาม", 120, 45.25, 150000.5, None]
    assert isinstance(ws["C4"].value, float)  # a number Excel can sum, not text
    assert ws["B4"].number_format == INTEGER
    assert ws["C4"].number_format == PERCENT  # header says ร้อยละ
    assert ws["D4"].number_format == MONEY
    assert ws["C5"].value is None  # None → empty cell, not "None" or 0
    assert ws["E5"].value == "=SUM(A1:A2)" and ws["E5"].data_type == "s"  # never a formula
    assert ws["B6"].value == 7
    assert ws["D6"].value is None  # NaN → empty
    assert ws["E6"].value is True
    assert ws.auto_filter.ref == "A3:E6"
    assert book.properties.title == "ชุดข้อมูลตำบล"


def test_explicit_number_formats_win() -> None:
    sheet = Sheet("s", ["a", "b"], [[Decimal("1.5"), 2]], number_formats={0: PERCENT, 1: MONEY})
    ws = _book([sheet])["s"]
    assert ws.freeze_panes == "A2"
    assert ws["A2"].number_format == PERCENT
    assert ws["B2"].number_format == MONEY


def test_column_widths_follow_thai_text() -> None:
    long_text = "ครัวเรือนมีน้ำสะอาดสำหรับดื่มและบริโภคเพียงพอตลอดปี"
    sheet = Sheet("s", ["ลำดับ", "ตัวชี้วัด", "ยาว"], [[1, long_text, "ก" * 200]])
    ws = _book([sheet])["s"]
    assert ws.column_dimensions["A"].width < 12
    expected = display_width(long_text) + 2
    assert abs(ws.column_dimensions["B"].width - expected) < 1.5
    assert ws.column_dimensions["C"].width <= 61  # capped; the text wraps instead
    assert ws["C2"].alignment.wrap_text


def test_display_width_ignores_thai_marks() -> None:
    assert display_width("ที่") == 1  # ท carries both marks (ี and ่ take no width)
    assert display_width("น้ำ") == 2  # น + ้ (mark) + ำ (spacing)
    assert display_width("abc") == 3


def test_dates_are_real_dates_in_buddhist_era_format() -> None:
    aware = datetime(2024, 1, 31, 20, 30, tzinfo=UTC)  # 03:30 next day in Bangkok
    sheet = Sheet("s", ["วันที่", "เวลา"], [[date(2024, 5, 1), aware]])
    ws = _book([sheet])["s"]
    assert ws["A2"].value == datetime(2024, 5, 1)
    assert "1070000" in ws["A2"].number_format
    assert ws["B2"].value == datetime(2024, 2, 1, 3, 30)


def test_sheet_names_are_valid_and_unique() -> None:
    names = sheet_names(
        [
            "ข้อมูล [จปฐ.] 2567: ตำบล/อำเภอ*?",
            "ข้อมูลพื้นฐานความจำเป็นของครัวเรือนทั้งหมดในตำบล",
            "ข้อมูลพื้นฐานความจำเป็นของครัวเรือนทั้งหมดในตำบล",
            "DATA",
            "data",
            "'quoted'",
            "",
            "History",
        ]
    )
    assert names[0] == "ข้อมูล จปฐ. 2567 ตำบล อำเภอ"
    assert all(0 < len(name) <= 31 for name in names)
    assert len({name.lower() for name in names}) == len(names)
    assert names[2].endswith("(2)") and names[4] == "data (2)"
    assert names[5] == "quoted"
    assert names[6] == "Sheet7"
    assert names[7].lower() != "history"
    for name in names:
        assert not set(name) & set("[]:*?/\\")


def test_many_sheets_round_trip() -> None:
    sheets = [Sheet("ข้อมูล", ["a"], [[1]]), Sheet("ข้อมูล", ["b"], [["x"]]), Sheet("ว่าง", [], [])]
    book = _book(sheets)
    assert book.sheetnames == ["ข้อมูล", "ข้อมูล (2)", "ว่าง"]
    assert book["ข้อมูล (2)"]["A2"].value == "x"


def test_xlsx_download_headers() -> None:
    response = xlsx_download(b"PK\x03\x04", "ชุดข้อมูล ตำบลบ้านเสด็จ 2567")
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment; filename=\"2567.xlsx\"; filename*=UTF-8''")
    assert disposition.endswith(".xlsx")
    assert xlsx_download(b"", "tambon-520101.xlsx")["Content-Disposition"] == (
        'attachment; filename="tambon-520101.xlsx"'
    )
