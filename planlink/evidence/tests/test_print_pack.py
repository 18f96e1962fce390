"""The data pack PDF of a village, a tambon and a district, with long real-style Thai texts:
tables inside the page, the comparison of the children split rather than cut, Thai lines
broken between words only, the print date and the pack's number on every page."""

from __future__ import annotations

import dataclasses
import shutil

import pytest

from planlink.areas.models import Area
from planlink.evidence.pack_render import (
    INDICATORS_PER_TABLE,
    comparison_parts,
    document_id,
    pack_document,
    pack_pdf,
)
from planlink.evidence.packs import DataPack, area_pack
from planlink.reports.tests.layout import (
    bad_thai_breaks,
    dump_pngs,
    overflowing_cells,
    pdf_text,
    too_wide_tables,
)

pytestmark = pytest.mark.django_db
needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils")

LONG_PROBLEM = (
    "ถนนในหมู่บ้านเป็นหลุมบ่อ ต้องการก่อสร้างถนนคอนกรีตเสริมเหล็กและปรับปรุงผิวจราจร"
    "แอสฟัลท์ติกคอนกรีตสายบ้านนายสมศักดิ์ถึงทุ่งนาหมู่ที่ 3 ยาว 250 เมตร"
)
LONG_VILLAGE = "บ้านหนองแขมพัฒนาแอสฟัลท์ติกคอนกรีตเสริมเหล็กใต้"


def with_long_texts(pack: DataPack) -> DataPack:
    """The pack with a long problem title and, if it compares children, a long child name."""
    if pack.problems:
        pack.problems[0] = dataclasses.replace(pack.problems[0], title_th=LONG_PROBLEM)
    if pack.children:
        pack.children[0].area.name_th = LONG_VILLAGE
    return pack


@pytest.mark.parametrize("code", ["52010101", "520101", "5201"])
def test_pack_layout_fits_the_page_and_breaks_between_words(code):
    pack = with_long_texts(area_pack(Area.objects.get(code=code)))
    assert pack.problems
    document = pack_document(pack)
    assert too_wide_tables(document) == []
    assert overflowing_cells(document) == []
    assert bad_thai_breaks(document) == []


def test_comparison_splits_into_tables_that_repeat_the_names():
    pack = area_pack(Area.objects.get(code="5201"))
    assert pack.children and pack.top_indicators
    # Twelve indicator columns (as if the pack had more top problems) → three tables.
    pack.top_codes = [r.indicator.code for r in pack.indicators[:12]]
    for child in pack.children:
        object.__setattr__(child, "shares", [None] * 12)
    parts = comparison_parts(pack)
    assert [len(p.indicators) for p in parts] == [INDICATORS_PER_TABLE, INDICATORS_PER_TABLE, 2]
    assert [p.first for p in parts] == [True, False, False]
    assert all([c.area for c, _ in p.rows] == [c.area for c in pack.children] for p in parts)
    document = pack_document(pack)
    assert too_wide_tables(document) == []


@needs_poppler
@pytest.mark.parametrize("code", ["52010101", "520101", "5201"])
def test_pack_pdf_header_text_and_copying(code, tmp_path):
    pack = with_long_texts(area_pack(Area.objects.get(code=code)))
    pdf = pack_pdf(pack)
    dump_pngs(pdf, f"pack-{code}")
    pages = pdf_text(pdf, tmp_path).split("\f")
    pages = [p for p in pages if p.strip()]
    for page in pages:  # the pack's number and the print date (B.E.) on every page
        assert f"เลขที่ {document_id(pack)}" in page and "พิมพ์เมื่อ" in page
    text = "\n".join(pages)
    assert document_id(pack) == f"{code}/2564"
    assert "\u0e33" in text and "\u0e4d\u0e32" not in text  # ำ copies as one letter
    assert "\u200b" not in text
    assert "".join(LONG_PROBLEM.split()) in "".join(text.split())
    heading, subtitle = pack.title, pack.subject
    assert subtitle not in heading and heading not in subtitle
    assert pack.audience.startswith("สำหรับ")


@needs_poppler
def test_pack_pdf_in_thai_digits_converts_every_number(tmp_path):
    pack = area_pack(Area.objects.get(code="520101"))
    pdf = pack_pdf(pack, thai_digits=True)
    dump_pngs(pdf, "pack-520101-thai-digits")
    text = pdf_text(pdf, tmp_path)
    assert "๕๒๐๑๐๑/๒๕๖๔" in text  # the pack's number too
    assert not any(char.isascii() and char.isdigit() for char in text), "an Arabic digit left"


@pytest.mark.parametrize("code", ["52010101", "520101", "5201"])
def test_pack_workbook_prints_on_a4_in_thai(code):
    import io

    from openpyxl import load_workbook

    from planlink.evidence.pack_render import pack_workbook
    from planlink.reports.tests.test_print_xlsx import assert_prints_on_a4, english_headers

    pack = area_pack(Area.objects.get(code=code))
    book = load_workbook(io.BytesIO(pack_workbook(pack)))
    notes = 4 if pack.synthetic else 3
    for sheet in book.worksheets:
        rows = [[c.value for c in row] for row in sheet.iter_rows()]
        # The notes, then the header row: both repeated on every printed page.
        header_row = next(n for n, row in enumerate(rows, start=1) if n > 1 and row[1] is not None)
        wide = sum(sheet.column_dimensions[k].width or 0 for k in sheet.column_dimensions) > 100
        assert_prints_on_a4(
            sheet,
            title_rows=f"$1:${header_row}",
            orientation="landscape" if wide else "portrait",
        )
        assert english_headers(rows[header_row - 1]) == [], sheet.title
        assert english_headers([sheet.title]) == [], sheet.title
        text = {str(v) for row in rows[header_row:] for v in row if isinstance(v, str)}
        assert not text & {"person", "household", "village"}, sheet.title
    assert header_row >= notes
    problems = book.worksheets[0]
    units = {row[5].value for row in problems.iter_rows(min_row=notes + 2)}
    assert units and units <= {"คน", "ครัวเรือน", "หมู่บ้าน"}
