"""PDF rendering: Thai digits in text only, fonts, page footer, repeated headers, downloads."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

from planlink.reports.charts import BarItem, TrendSeries, bar_chart_svg, trend_chart_svg
from planlink.reports.pdf import (
    BASE_URL,
    font_face_css,
    pdf_response,
    render_html,
    render_pdf,
    thai_digits_html,
)

needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) is not installed"
)

# --- thai_digits_html -----------------------------------------------------------------------


def test_thai_digits_convert_text_only() -> None:
    html = (
        '<p class="c2" data-n="12">ปี 2567 มี 1,234 ครัวเรือน</p>'
        '<svg width="640" height="120" viewBox="0 0 640 120">'
        '<rect x="10" y="20" width="300" height="14"/>'
        '<text x="312" y="31" font-size="13">45.2%<tspan dx="4"> n=7</tspan></text></svg>'
    )
    out = thai_digits_html(html)
    assert '<p class="c2" data-n="12">ปี ๒๕๖๗ มี ๑,๒๓๔ ครัวเรือน</p>' in out
    assert '<svg width="640" height="120" viewBox="0 0 640 120">' in out
    assert '<rect x="10" y="20" width="300" height="14"/>' in out
    assert '<text x="312" y="31" font-size="13">๔๕.๒%<tspan dx="4"> n=๗</tspan></text>' in out


def test_thai_digits_leave_style_script_comments_and_references() -> None:
    html = (
        "<html><head><STYLE>@page { margin: 2cm } h1 { font-size: 17pt }</STYLE>"
        "<script>var a = 10;</script><!-- build 42 --></head>"
        '<body><a href="/plans/12/?fy=2567" title="2567">แผน 12</a> &#8212; &#x2014; &amp; 3'
        "<svg><style>.a{stroke-width:2}</style><![CDATA[ 99 ]]><text>5</text></svg></body></html>"
    )
    out = thai_digits_html(html)
    assert "<STYLE>@page { margin: 2cm } h1 { font-size: 17pt }</STYLE>" in out
    assert "<script>var a = 10;</script><!-- build 42 -->" in out
    assert '<a href="/plans/12/?fy=2567" title="2567">แผน ๑๒</a>' in out
    assert "&#8212; &#x2014; &amp; ๓" in out
    assert "<style>.a{stroke-width:2}</style><![CDATA[ 99 ]]><text>๕</text>" in out


def test_thai_digits_attribute_with_angle_bracket_and_keep_marker() -> None:
    html = (
        '<td title="a>1">5</td>'
        "<span data-keep-digits>รหัส 520101 <span>หมู่ 3</span> ยังคง 7</span> 8"
        '<img src="x1.png" data-keep-digits> 9'
    )
    out = thai_digits_html(html)
    assert '<td title="a>1">๕</td>' in out
    assert "<span data-keep-digits>รหัส 520101 <span>หมู่ 3</span> ยังคง 7</span> ๘" in out
    assert '<img src="x1.png" data-keep-digits> ๙' in out


def test_thai_digits_are_idempotent_and_plain_text_safe() -> None:
    once = thai_digits_html("<p>2567</p> 3 < 4")
    assert once == "<p>๒๕๖๗</p> ๓ < ๔"
    assert thai_digits_html(once) == once
    assert thai_digits_html("") == ""


# --- fonts and resources --------------------------------------------------------------------


def test_font_faces_point_at_the_packaged_ttfs() -> None:
    css = str(font_face_css())
    for stem in ("Regular", "Bold", "Italic", "SemiBold"):
        path = Path(settings.SARABUN_DIR) / f"Sarabun-{stem}.ttf"
        assert path.exists()
        assert path.as_uri() in css
    assert css.count("@font-face") >= 4
    assert 'font-family: "Sarabun"' in css


def test_resources_outside_fonts_and_static_are_refused() -> None:
    from planlink.reports.pdf import _fetcher_class

    fetcher = _fetcher_class()()
    font = (Path(settings.SARABUN_DIR) / "Sarabun-Regular.ttf").as_uri()
    response = fetcher.fetch(font)
    try:
        assert response.read(4) in (b"\x00\x01\x00\x00", b"true", b"OTTO")
    finally:
        response.close()
    for url in (
        "http://169.254.169.254/latest/meta-data/",
        "file:///etc/passwd",
        f"{BASE_URL}admin/",
        f"{BASE_URL}static/../../etc/passwd",
    ):
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    assert fetcher.fetch("data:text/plain,hi").read() == b"hi"


# --- rendering a real document --------------------------------------------------------------

INDICATORS = (
    "ครัวเรือนมีน้ำสะอาดสำหรับดื่มและบริโภคเพียงพอตลอดปี อย่างน้อยคนละ 5 ลิตรต่อวัน",
    "คนในครัวเรือนมีรายได้เฉลี่ยไม่ต่ำกว่า 38,000 บาทต่อคนต่อปี",
    "ผู้สูงอายุได้รับการดูแลจากคนในครัวเรือน ชุมชน ภาครัฐ หรือภาคเอกชน",
)


def _sample_context(*, thai_digits: bool) -> dict[str, Any]:
    items = [
        BarItem(INDICATORS[0], Decimal("92.35")),
        BarItem(INDICATORS[1], Decimal("61.25"), note="(ต่ำสุด)", highlight=True),
        BarItem(INDICATORS[2], None),
    ]
    series = [
        TrendSeries("ตำบล", [(2563 + y, Decimal(60 + 3 * y)) for y in range(5)]),
        TrendSeries(
            "อำเภอ", [(2563 + y, None if y == 2 else Decimal(55 + 4 * y)) for y in range(5)]
        ),
    ]
    rows = [
        {
            "village": f"หมู่ {i % 12 + 1} บ้านป่าตึงงาม",
            "indicator": INDICATORS[i % 3],
            "households": f"{(i * 37) % 400 + 1:,}",
            "percent": f"{(i * 7.3) % 100:.1f}",
            "ok": i % 3 == 0,
        }
        for i in range(60)
    ]
    return {
        "title": "ข้อมูลประกอบการจัดทำแผนพัฒนาหมู่บ้าน",
        "subtitle": "รายงานผลการวิเคราะห์ข้อมูลพื้นฐาน",
        "area_line": "ตำบลบ้านเสด็จ อำเภอเมืองลำปาง จังหวัดลำปาง",
        "fiscal_year": 2567,
        "synthetic_data": True,
        "bar_chart": bar_chart_svg(
            items, title="ร้อยละครัวเรือนที่ผ่านเกณฑ์ ปี 2567", thai_digits=thai_digits
        ),
        "trend_chart": trend_chart_svg(series, title="แนวโน้มรายได้", thai_digits=thai_digits),
        "rows": rows,
        "total_households": "12,345",
    }


def _text_pages(pdf: bytes) -> list[str]:
    result = subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True
    )
    pages = result.stdout.decode("utf-8").split("\f")
    return [page for page in pages if page.strip()]


def _thai_key(text: str) -> str:
    """Compare Thai text the way a reader sees it: SARA AM and NIKHAHIT + SARA AA are the same
    letter, and the order of marks stacked on one consonant does not matter."""
    text = unicodedata.normalize("NFKC", text)
    out: list[str] = []
    marks: list[str] = []
    for char in text:
        if unicodedata.category(char) == "Mn" or char == "\u0e4d":
            marks.append(char)
            continue
        out.extend(sorted(marks))
        marks = []
        out.append(char)
    out.extend(sorted(marks))
    return " ".join("".join(out).split())


@pytest.fixture(scope="module")
def arabic_pdf() -> bytes:
    return render_pdf("reports/test_sample.html", _sample_context(thai_digits=False))


@pytest.fixture(scope="module")
def thai_pdf() -> bytes:
    return render_pdf(
        "reports/test_sample.html", _sample_context(thai_digits=True), thai_digits=True
    )


def test_pdf_is_a_pdf(arabic_pdf: bytes, tmp_path: Path) -> None:
    assert arabic_pdf.startswith(b"%PDF")
    if shutil.which("pdffonts"):
        path = tmp_path / "sample.pdf"
        path.write_bytes(arabic_pdf)
        fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, check=True).stdout
        names = [line.split()[0] for line in fonts.decode().splitlines()[2:]]
        # Only the packaged Sarabun faces, embedded (subset), never a system fallback font.
        assert names and all("+Sarabun" in name for name in names), names


@needs_poppler
def test_pdf_text_pages_and_footer(arabic_pdf: bytes) -> None:
    pages = _text_pages(arabic_pdf)
    assert len(pages) >= 2
    everything = _thai_key("\n".join(pages))
    for phrase in (
        "สภาพปัญหาของหมู่บ้าน",
        "ปีงบประมาณ พ.ศ. 2567",
        "ตำบลบ้านเสด็จ อำเภอเมืองลำปาง จังหวัดลำปาง",
        "ข้อมูลสังเคราะห์/ข้อมูลสาธิต",
        "ร้อยละครัวเรือนที่ผ่านเกณฑ์ ปี 2567",  # SVG chart text
        "92.4%",
        "ผู้สูงอายุได้รับการดูแล",
    ):
        assert _thai_key(phrase) in everything, phrase
    # Copy-paste must not turn every "า" into "ำ" after the first "น้ำ" (WeasyPrint ToUnicode).
    assert "การ" in everything
    assert "กำร" not in "\n".join(pages)
    for number, page in enumerate(pages, start=1):
        assert f"หน้า {number}/{len(pages)}" in page
        assert "ข้อมูลสังเคราะห์/ข้อมูลสาธิต" in page  # demo marking on every page


@needs_poppler
def test_table_header_repeats_on_every_page(arabic_pdf: bytes) -> None:
    pages = _text_pages(arabic_pdf)
    table_pages = [page for page in pages if re.search(r"หมู่ \d+ บ้าน", page)]
    assert len(table_pages) >= 2
    for page in table_pages:
        assert "ตัวชี้วัดที่ไม่ผ่าน" in _thai_key(page)
    assert "รวม" in pages[-1] and "12,345" in pages[-1]  # totals once, at the end


@needs_poppler
def test_thai_digits_in_text_and_page_numbers(thai_pdf: bytes) -> None:
    pages = _text_pages(thai_pdf)
    assert len(pages) >= 2
    text = "\n".join(pages)
    assert f"หน้า ๑/{'๐๑๒๓๔๕๖๗๘๙'[len(pages)]}" in pages[0]
    assert "ปีงบประมาณ พ.ศ. ๒๕๖๗" in text
    assert "๙๒.๔%" in text  # chart value
    assert "๑๒,๓๔๕" in text
    assert "520101" in text  # data-keep-digits
    assert not any(char in "0123456789" for char in text.replace("520101", ""))


def test_render_html_marks_thai_page_counters() -> None:
    html = render_html(
        "reports/test_sample.html", _sample_context(thai_digits=False), thai_digits=True
    )
    assert "counter(page, thai)" in html
    assert "margin: 2cm 1.5cm 2cm 1.5cm" in html  # CSS digits untouched
    assert "thead { display: table-header-group; }" in html
    plain = render_html("reports/test_sample.html", _sample_context(thai_digits=False))
    assert "counter(page)" in plain


def _ink(pdf: bytes, folder: Path) -> int:
    """Dark pixels on the rendered page: more ink means more of the glyphs were drawn."""
    from PIL import Image

    (folder / "ink.pdf").write_bytes(pdf)
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "150",
            "-gray",
            "-singlefile",
            str(folder / "ink.pdf"),
            str(folder / "ink"),
        ],
        check=True,
    )
    with Image.open(folder / "ink.pgm") as image:
        return sum(count for level, count in enumerate(image.histogram()) if level < 128)


@needs_poppler
def test_thai_marks_in_svg_text_match_html_text(tmp_path: Path) -> None:
    """WeasyPrint 70 shaped SVG text code point by code point, dropping or misplacing Thai
    marks (2 % less ink on this word); with our fix SVG text is drawn exactly like HTML text."""
    from weasyprint import HTML

    from planlink.reports import weasyprint_fixes

    weasyprint_fixes.install()
    word = "ที่ป่าน้ำปั๊มผู้ใหญ่"

    def ink(body: str) -> int:
        html = (
            f"<style>{font_face_css()} @page {{ size: 12cm 3cm; margin: 0 }}"
            "body { margin: 0; font-family: Sarabun }"
            "p { margin: 0; font-size: 45px; line-height: 100px; padding-left: 10px }</style>"
            + body
        )
        return _ink(HTML(string=html).write_pdf(), tmp_path)

    as_html = ink(f"<p>{word}</p>")
    as_svg = ink(
        '<svg xmlns="http://www.w3.org/2000/svg" width="450" height="100" '
        f'font-family="Sarabun"><text x="10" y="70" font-size="45">{word}</text></svg>'
    )
    assert as_svg == pytest.approx(as_html, rel=0.005)


def test_pdf_response_headers() -> None:
    response = pdf_response(b"%PDF-1.7", "แผนพัฒนาตำบล 2567")
    assert response["Content-Type"] == "application/pdf"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("inline; filename=\"2567.pdf\"; filename*=UTF-8''")
    assert "%E0%B9%81%E0%B8%9C%E0%B8%99" in disposition  # "แผน", percent-encoded UTF-8
    assert disposition.endswith("2567.pdf")
    assert response.content == b"%PDF-1.7"
    plain = pdf_response(b"%PDF", "../../etc/plan-2567.pdf")
    assert plain["Content-Disposition"] == 'inline; filename="plan-2567.pdf"'
    evil = pdf_response(b"%PDF", 'a"\r\nSet-Cookie: x=1')
    assert "\n" not in evil["Content-Disposition"] and "\r" not in evil["Content-Disposition"]


def test_a_template_can_switch_to_landscape() -> None:
    from django.template import engines
    from weasyprint import HTML

    template = engines["django"].from_string(
        '{% extends "reports/print_base.html" %}{% block page_size %}A4 landscape{% endblock %}'
        "{% block content %}<p>ผ.02</p>{% endblock %}"
    )
    html = template.render({"title": "แผน", "pdf_font_css": font_face_css()})
    assert "size: A4 landscape;" in html
    page = HTML(string=html).render().pages[0]
    assert page.width > page.height
