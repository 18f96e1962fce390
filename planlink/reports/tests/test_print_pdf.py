"""Thai that prints right: words kept whole at line ends, phrases glued, text that copies as
written (SARA AM as U+0E33, no invisible marks), the date and number on every page."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from planlink.reports.pdf import (
    ZWSP,
    css_string,
    render_document,
    render_pdf,
    thai_breaks_html,
    thai_breaks_text,
    thai_words,
)
from planlink.reports.tests.layout import bad_thai_breaks, overflowing_cells, too_wide_tables
from planlink.reports.weasyprint_fixes import locked_ranges

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils")

ROAD = (
    "โครงการก่อสร้างถนนคอนกรีตเสริมเหล็กสายบ้านนายสมศักดิ์ถึงทุ่งนาหมู่ที่ 3 ตำบลบ้านแลง "
    "กว้าง 4 เมตร ยาว 250 เมตร หนา 0.15 เมตร"
)
ASPHALT = "ปรับปรุงถนนแอสฟัลท์ติกคอนกรีตแบบแอสฟัลท์ ม. 3 ท่อระบายน้ำ น้ำประปา"


def test_words_are_pythainlp_words_with_compounds_whole() -> None:
    assert thai_words("ปรับปรุงถนนแอสฟัลท์ติกคอนกรีต") == (
        "ปรับปรุง",
        "ถนน",
        "แอสฟัลท์ติก",
        "คอนกรีต",
    )
    assert "คอนกรีตเสริมเหล็ก" in thai_words("ถนนคอนกรีตเสริมเหล็กสายบ้าน")
    assert "หมู่ที่" in thai_words("ทุ่งนาหมู่ที่")


def test_breaks_mark_words_and_glue_numbers() -> None:
    out = thai_breaks_text(ROAD)
    assert out.replace(ZWSP, "").replace('<span class="pl-nb">', "").replace("</span>", "") == ROAD
    assert f'ทุ่งนา{ZWSP}<span class="pl-nb">หมู่ที่ 3</span>' in out
    for phrase in ("4 เมตร", "250 เมตร", "0.15 เมตร"):
        assert f'<span class="pl-nb">{phrase}</span>' in out
    assert f"คอนกรีตเสริมเหล็ก{ZWSP}สาย" in out  # the compound has no mark inside
    assert '<span class="pl-nb">ม. 3</span>' in thai_breaks_text(ASPHALT)
    # A short word that ends a longer one ("พื้นที่") is no prefix of the number.
    assert "pl-nb" not in thai_breaks_text("พื้นที่ 350")
    assert thai_breaks_text("2567 abc") == "2567 abc"


def test_breaks_touch_text_only() -> None:
    html = (
        '<html><head><title>แผนพัฒนาหมู่บ้าน</title><style>.a::before{content:"หมู่ที่ 3"}</style>'
        '</head><body><p class="ถนนคอนกรีต" title="ถนนคอนกรีต">ถนนคอนกรีต &amp; ทางเดิน</p>'
        '<svg><text x="1">ถนนคอนกรีต</text></svg><script>var s="ถนนคอนกรีต";</script></body></html>'
    )
    out = thai_breaks_html(html)
    assert "<title>แผนพัฒนาหมู่บ้าน</title>" in out  # the PDF's title stays searchable
    assert '.a::before{content:"หมู่ที่ 3"}' in out
    assert '<p class="ถนนคอนกรีต" title="ถนนคอนกรีต">' in out
    assert f"ถนน{ZWSP}คอนกรีต &amp; ทางเดิน</p>" in out
    assert '<svg><text x="1">ถนนคอนกรีต</text></svg>' in out
    assert '<script>var s="ถนนคอนกรีต";</script>' in out


def test_locked_ranges_are_utf8_byte_ranges_of_thai_runs() -> None:
    text = f"ab ถนน{ZWSP}แอสฟัลท์ 3"
    ranges = locked_ranges(text)
    data = text.encode()
    assert [data[s:e].decode() for s, e, _ in ranges] == ["ถนน", "แอสฟัลท์"]
    assert locked_ranges("ก" * 40) == ()  # an unsegmented paste keeps Pango's own breaks


def test_css_string_escapes() -> None:
    assert css_string('เลขที่ "1"\\2 </style>') == '"เลขที่ \\"1\\"\\\\2 \\3c /style\\3e "'


def _narrow_context() -> dict[str, Any]:
    return {"title": "ทดสอบ", "document_id": "TEST-1", "rows": [ROAD, ASPHALT] * 3}


@pytest.fixture(scope="module")
def narrow_document() -> Any:
    return render_document("reports/test_print_narrow.html", _narrow_context())


def test_narrow_columns_break_between_words(narrow_document: Any) -> None:
    assert too_wide_tables(narrow_document) == []
    assert overflowing_cells(narrow_document) == []
    assert bad_thai_breaks(narrow_document) == []


@needs_poppler
def test_pdftotext_gives_sara_am_and_no_marks(tmp_path: Path) -> None:
    pdf = render_pdf("reports/test_print_narrow.html", _narrow_context(), thai_digits=True)
    path = tmp_path / "narrow.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"],
        capture_output=True,
        check=True,
        text=True,
    ).stdout
    assert "ท่อระบายน้ำ" in text and "\u0e33" in text
    assert "\u0e4d\u0e32" not in text  # not NIKHAHIT + SARA AA
    assert "\u200b" not in text and "\u2060" not in text
    assert "กว้าง ๔ เมตร ยาว ๒๕๐ เมตร" in text  # spaces kept beside the glued phrases
    assert "เลขที่ TEST-๑ · พิมพ์เมื่อ" in text  # the margin text in Thai digits too
