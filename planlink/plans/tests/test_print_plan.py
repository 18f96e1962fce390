"""The village plan PDF with real-style long Thai titles: tables inside the page, Thai lines
broken between words only, text that copies right, budgets sized to their figures."""

from __future__ import annotations

import itertools
import shutil
import time
from decimal import Decimal

import pytest

from planlink.plans.documents import plan_document, plan_pdf, plan_print_context
from planlink.plans.services import item_create
from planlink.plans.tests.conftest import data
from planlink.reports.tests.layout import (
    bad_thai_breaks,
    dump_pngs,
    overflowing_cells,
    pdf_text,
    too_wide_tables,
)

pytestmark = pytest.mark.django_db
needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils")

ROAD = (
    "โครงการก่อสร้างถนนคอนกรีตเสริมเหล็กสายบ้านนายสมศักดิ์ถึงทุ่งนาหมู่ที่ 3 ตำบลบ้านแลง "
    "กว้าง 4 เมตร ยาว 250 เมตร หนา 0.15 เมตร"
)
ASPHALT = (
    "โครงการปรับปรุงผิวจราจรแอสฟัลท์ติกคอนกรีตสายทางหลวงชนบทถึงบ้านหนองแขม "
    "ขนาดกว้าง 6 เมตร ยาว 1,200 เมตร พร้อมไหล่ทางลูกรังข้างละ 0.50 เมตร"
)
TITLES = (
    ROAD,
    ASPHALT,
    "ก่อสร้างรางระบายน้ำคอนกรีตเสริมเหล็กรูปตัวยูพร้อมฝาปิดแบบแอสฟัลท์ติกสายกลางบ้าน",
    "ขุดลอกลำเหมืองสาธารณประโยชน์และก่อสร้างฝายชะลอน้ำหมู่ที่ 1 เพื่อการเกษตรกรรม",
    "ส่งเสริมอาชีพการทำน้ำพริกแกงและการแปรรูปผลผลิตทางการเกษตรของกลุ่มแม่บ้าน",
)


@pytest.fixture
def titled_plan(empty_village_plan, committee):  # type: ignore[no-untyped-def]
    version = empty_village_plan.versions.get()
    for n, title in enumerate(TITLES * 2):
        item_create(
            user=committee,
            version=version,
            data=data(
                title,
                ("request", "joint", "self")[n % 3],
                category=("infrastructure", "economy")[n % 2],
                objective="เพื่อให้ประชาชนสัญจรไปมาสะดวกและปลอดภัย ลดอุบัติเหตุบนถนนแอสฟัลท์ติกคอนกรีต",
                target="ถนนคอนกรีตเสริมเหล็ก 1 สาย ครัวเรือนได้รับประโยชน์ 120 ครัวเรือน",
                kpi="ร้อยละ 80 ของครัวเรือนพึงพอใจ",
                expected_result="ประชาชนหมู่ที่ 3 เดินทางสะดวก ขนส่งผลผลิตทางการเกษตรได้ตลอดปี",
                funding_source="lao",
                funding_agency="องค์การบริหารส่วนตำบลบ้านแลง",
                responsible_agency="กองช่าง องค์การบริหารส่วนตำบลบ้านแลง",
                budgets={
                    2570: Decimal("106672.89") if n == 0 else Decimal(250000 + 10000 * n),
                    2571: Decimal(480000),
                },
            ),
        )
    return version


def title_lines(document) -> list[list[str]]:  # type: ignore[no-untyped-def]
    """The lines of each item title cell (the bold span), as laid out."""
    from planlink.reports.tests.layout import text_blocks

    titles = tuple("".join(t.split()) for t in TITLES)
    return [b.lines for b in text_blocks(document) if "".join(b.text.split()).startswith(titles)]


def test_plan_layout_fits_and_breaks_between_words(titled_plan):
    started = time.perf_counter()
    document = plan_document(titled_plan)
    elapsed = time.perf_counter() - started
    assert len(document.pages) >= 2
    assert too_wide_tables(document) == []
    assert overflowing_cells(document) == []
    assert bad_thai_breaks(document) == []
    # The title column is wide enough for the compounds of a road project: never split there.
    cells = title_lines(document)
    assert len(cells) >= len(TITLES)
    for lines in cells:
        for word in ("คอนกรีตเสริมเหล็ก", "แอสฟัลท์ติก", "หมู่ที่ 3", "250 เมตร", "0.15 เมตร"):
            if word in "".join(lines) or word in " ".join(lines):
                assert any(word in line for line in lines), (word, lines)
    assert elapsed < 20, elapsed


def test_plan_layout_in_thai_digits_fits_too(titled_plan):
    document = plan_document(titled_plan, thai_digits=True)
    assert too_wide_tables(document) == []
    assert overflowing_cells(document) == []
    assert bad_thai_breaks(document) == []


def test_satang_shown_only_where_an_amount_has_them(titled_plan):
    context = plan_print_context(titled_plan)
    first = context["blocks"][0].lines[0].budgets
    assert first == ["106,672.89", "480,000", "-"]
    others = [line.budgets for block in context["blocks"] for line in block.lines][1:]
    assert all("." not in amount for budgets in others for amount in budgets), others


@needs_poppler
def test_plan_pdf_text_copies_right(titled_plan, tmp_path):
    pdf = plan_pdf(titled_plan)
    dump_pngs(pdf, "plan-long-titles")
    text = pdf_text(pdf, tmp_path)
    flat = "".join(text.split())
    assert "\u0e33" in text and "\u0e4d\u0e32" not in text  # ำ copies as SARA AM
    assert "\u200b" not in text and "\u2060" not in text
    assert "น้ำ" in flat and "ระบายน้ำ" in flat
    assert "".join(ROAD.split()) in flat
    assert "หมู่ที่ 3" in text and "250 เมตร" in text
    assert "106,672.89" in text
    assert "พิมพ์เมื่อ" in text and f"เลขที่ {plan_print_context(titled_plan)['document_id']}" in text


@needs_poppler
def test_plan_pdf_in_thai_digits_converts_codes(titled_plan, tmp_path):
    pdf = plan_pdf(titled_plan, thai_digits=True)
    dump_pngs(pdf, "plan-thai-digits")
    text = pdf_text(pdf, tmp_path)
    assert "๕๒๐๑๐๑๐๑" in text and "52010101" not in text  # the village code too
    assert "๑๐๖,๖๗๒.๘๙" in text
    assert not any(char.isascii() and char.isdigit() for char in text), "an Arabic digit left"


def test_plan_workbook_prints_on_a4_with_thai_headers(titled_plan):
    import io

    from openpyxl import load_workbook

    from planlink.plans.documents import plan_xlsx_export
    from planlink.plans.excel.columns import HEADER_ROW, SHEET_HELP, SHEET_ITEMS
    from planlink.reports.tests.test_print_xlsx import assert_prints_on_a4, english_headers

    book = load_workbook(io.BytesIO(plan_xlsx_export(titled_plan)))
    items = book[SHEET_ITEMS]
    # The working sheet's 25 columns print 4 pages wide, its number and title on each page.
    assert_prints_on_a4(
        items, title_rows=f"${HEADER_ROW}:${HEADER_ROW}", orientation="landscape", pages_wide=4
    )
    assert items.print_title_cols == "$A:$B"
    # Rows are tall enough for their wrapped text (the long titles take several lines).
    heights = [items.row_dimensions[r].height for r in range(HEADER_ROW + 1, items.max_row + 1)]
    assert heights and all(h and h >= 21 for h in heights) and max(heights) >= 55
    assert titled_plan.plan.title in items.oddHeader.center.text
    headers = [c.value for c in items[HEADER_ROW]]
    assert len(headers) > 15 and english_headers(headers) == []
    help_sheet = book[SHEET_HELP]
    assert int(help_sheet.page_setup.paperSize) == 9
    assert help_sheet.sheet_properties.pageSetUpPr.fitToPage is True


def test_five_year_plan_in_thai_digits_fits(committee):
    from planlink.areas.models import Area
    from planlink.plans.models import Plan
    from planlink.plans.services import plan_create

    Plan.objects.filter(area_id="52010101").delete()
    plan = plan_create(
        user=committee,
        area=Area.objects.get(code="52010101"),
        level="village",
        fiscal_years=range(2570, 2575),
    )
    version = plan.versions.get()
    for n, title in enumerate(TITLES):
        item_create(
            user=committee,
            version=version,
            data=data(
                title,
                "request",
                target="ถนนคอนกรีตเสริมเหล็ก 1 สาย",
                funding_source="lao",
                funding_agency="องค์การบริหารส่วนตำบลบ้านแลง",
                budgets={year: Decimal("2345678.75") + n for year in plan.years},
            ),
        )
    document = plan_document(version, thai_digits=True)
    dump_pngs(plan_pdf(version, thai_digits=True), "plan-five-years")
    assert too_wide_tables(document) == []
    assert overflowing_cells(document) == []
    assert bad_thai_breaks(document) == []
    for lines in title_lines(document):  # the title column still holds its compounds
        pairs = itertools.pairwise(lines)
        assert not any(line.endswith("คอนกรีต") and "เสริมเหล็ก" in nxt for line, nxt in pairs)
