"""The DOCX toolkit: A4 pages, Sarabun for Thai (complex-script font, size and bold), header
rows repeated, grouped headers and spans, the page number in the footer, Thai digits, and a
file Word's schema accepts (elements in order) that LibreOffice lays out."""

from __future__ import annotations

import io

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Emu, Mm

from planlink.reports.docx import _ORDER, Cell, Column, Row, Strong, WordDocument

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
ROAD = "ก่อสร้างถนนคอนกรีตเสริมเหล็กสายบ้านนายสมศักดิ์ถึงทุ่งนา หมู่ที่ 3 กว้าง 4 เมตร ยาว 250 เมตร"


def _sample(*, thai_digits: bool = False) -> bytes:
    doc = WordDocument(
        title="แผนชุมชนระดับตำบล ตำบลเวียงเหนือ",
        header_text="เลขที่ 520101/2570-0 · พิมพ์เมื่อ 3 ธันวาคม 2569",
        footer_text="แผนชุมชนระดับตำบล 2570–2572",
        thai_digits=thai_digits,
    )
    doc.title("แผนชุมชนระดับตำบล")
    doc.heading("1. หมู่บ้านในเขตตำบล")
    doc.paragraph(["ผู้เข้าร่วม ", Strong("120"), " คน\nบรรทัดที่สอง"])
    doc.table(
        [Column("ที่", 1, "center"), Column("โครงการ/กิจกรรม", 8), Column("งบประมาณ", 2, "right")],
        [
            Row([Cell("ประเด็นที่ 1 โครงสร้างพื้นฐาน", span=3)], bold=True, shade=True),
            *([str(n), ROAD, "1,234,000"] for n in range(1, 60)),
        ],
    )
    doc.landscape()
    doc.heading("2. รายการตามประเด็น", level=2)
    doc.table(
        [
            Column("ลำดับ", 1, "center"),
            Column("โครงการ", 6),
            Column("2570", 2, "right", group="งบประมาณ (บาท)"),
            Column("2571", 2, "right", group="งบประมาณ (บาท)"),
            Column("วิธีดำเนินการ", 2),
        ],
        [["1", Cell(ROAD, bold=True, note="หมู่ที่ 2 บ้านเหล่ามะกอก"), "236,000", "-", "ทำร่วม"]],
        keep_together=True,
    )
    doc.portrait()
    doc.signatures(("ประธาน ศอช.ต.", "พัฒนากร"))
    return doc.to_bytes()


@pytest.fixture(scope="module")
def sample() -> bytes:
    return _sample()


def _names(data: bytes) -> list[str]:
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return package.namelist()


def _xml(data: bytes, part: str) -> str:
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return package.read(part).decode()


def test_pages_are_a4_portrait_then_landscape_then_portrait(sample: bytes) -> None:
    word = Document(io.BytesIO(sample))
    sizes = [
        (round(Emu(s.page_width or 0).mm), round(Emu(s.page_height or 0).mm)) for s in word.sections
    ]
    assert sizes == [(210, 297), (297, 210), (210, 297)]
    assert {round(Emu(s.left_margin or 0).mm) for s in word.sections} == {15}
    assert "docProps/thumbnail.jpeg" not in _names(sample)


def test_thai_is_set_in_sarabun_with_complex_script_properties(sample: bytes) -> None:
    word = Document(io.BytesIO(sample))
    defaults = word.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    fonts = defaults.find(qn("w:rPr")).find(qn("w:rFonts"))
    assert {fonts.get(qn(f"w:{n}")) for n in ("ascii", "hAnsi", "eastAsia", "cs")} == {"Sarabun"}
    lang = defaults.find(qn("w:rPr")).find(qn("w:lang"))
    assert lang.get(qn("w:bidi")) == "th-TH"
    styles = _xml(sample, "word/styles.xml")
    assert "majorHAnsi" not in styles.split('w:styleId="Heading1"')[1].split("</w:style>")[0]
    # Bold and sizes are set for complex script too, or Word shows Thai regular and 11 pt.
    body = _xml(sample, "word/document.xml")
    bold_runs = [r for r in body.split("<w:r>") if "<w:b/>" in r]
    assert bold_runs and all("<w:bCs/>" in r for r in bold_runs)
    sized = [r for r in body.split("<w:r>") if "<w:sz " in r]
    assert sized and all("<w:szCs " in r for r in sized)


def test_header_rows_repeat_and_rows_keep_whole(sample: bytes) -> None:
    word = Document(io.BytesIO(sample))
    first, second = word.tables[0], word.tables[1]
    assert first.rows[0]._tr.get_or_add_trPr().find(qn("w:tblHeader")) is not None
    assert all(r._tr.get_or_add_trPr().find(qn("w:cantSplit")) is not None for r in first.rows)
    assert first.rows[1].cells[0].text == "ประเด็นที่ 1 โครงสร้างพื้นฐาน"
    assert first.rows[1].cells[0]._tc.grid_span == 3  # the span is one merged cell
    assert first.rows[2].cells[1].text == ROAD
    # Two header rows: the group over its years, the others merged down; both repeat.
    assert all(r._tr.get_or_add_trPr().find(qn("w:tblHeader")) is not None for r in second.rows[:2])
    assert second.rows[0].cells[2].text == "งบประมาณ (บาท)"
    assert [c.text for c in second.rows[1].cells][2:4] == ["2570", "2571"]
    assert second.rows[1].cells[0].text == "ลำดับ"  # vertically merged with the row above
    title = second.rows[2].cells[1]
    assert [p.text for p in title.paragraphs] == [ROAD, "หมู่ที่ 2 บ้านเหล่ามะกอก"]
    widths = [c.width for c in second.rows[2].cells]
    assert sum(widths) <= Mm(297 - 30) + Mm(1)


def test_the_footer_numbers_the_pages_and_the_header_names_the_document(sample: bytes) -> None:
    footer = _xml(sample, "word/footer1.xml")
    assert " PAGE " in footer and " NUMPAGES " in footer and "หน้า " in footer
    assert "แผนชุมชนระดับตำบล 2570–2572" in footer
    header = _xml(sample, "word/header1.xml")
    assert "เลขที่ 520101/2570-0" in header
    word = Document(io.BytesIO(sample))
    assert word.core_properties.title == "แผนชุมชนระดับตำบล ตำบลเวียงเหนือ"


def test_thai_digits_everywhere_and_in_the_page_numbers() -> None:
    data = _sample(thai_digits=True)
    body = _xml(data, "word/document.xml")
    assert "๑,๒๓๔,๐๐๐" in body and "1,234,000" not in body
    assert "๒๕๗๐" in body
    footer = _xml(data, "word/footer1.xml")
    # The section numbers its pages in Thai digits; no total (see the module's docstring).
    assert " PAGE " in footer and "NUMPAGES" not in footer and "๒๕๗๐–๒๕๗๒" in footer
    assert 'w:fmt="thaiNumbers"' in body


def test_properties_are_in_the_schemas_order(sample: bytes) -> None:
    from lxml import etree

    for part in ("word/document.xml", "word/styles.xml", "word/footer1.xml"):
        root = etree.fromstring(_xml(sample, part).encode())
        for parent_tag, names in _ORDER.items():
            ranks = {f"{W}{n}": i for i, n in enumerate(names.split())}
            for parent in root.iter(qn(parent_tag)):
                seen = [ranks[c.tag] for c in parent if c.tag in ranks]
                assert seen == sorted(seen), (part, parent_tag, [c.tag for c in parent])
