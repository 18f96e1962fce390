"""Word documents (DOCX) in the Thai official layout, for what people copy into their own files.

A small toolkit on python-docx: A4 (portrait or landscape, per section), the Sarabun family
the PDFs use, headings, paragraphs, tables whose header rows repeat on every page, and the
page number in the footer ("หน้า n/m"); the document's identifier and the print date head every
page, as in the PDFs.

Thai text: Word lays Thai out with the complex-script properties of a run (w:cs font, w:szCs
size, w:bCs bold), not the Latin ones, so every font, size and bold set here is set for both;
the theme fonts of python-docx's template are taken out of the styles (a theme font wins over
a named one). Word and LibreOffice break Thai lines with their own dictionaries.

Thai digits: with `thai_digits=True` every text given is written in ๐–๙ and the sections
number their pages in Thai digits (w:pgNumType thaiNumbers, which Word's PAGE field follows);
the footer then says "หน้า ๓" without the total, as a NUMPAGES field has no such format and
LibreOffice reads Word's ThaiArabic field switch as Thai letters (ก/ข/ค). Callers format
numbers themselves (format_baht…).

    doc = WordDocument(title="แผนชุมชนระดับตำบล", header_text="เลขที่ … · พิมพ์เมื่อ …")
    doc.heading("หมู่บ้านในเขตตำบล")
    doc.table([Column("หมู่ที่", 1, "center"), Column("หมู่บ้าน", 4)], [["1", "บ้านสันลัว"]])
    doc.landscape()                     # a new page, A4 landscape, for a wide table
    data = doc.to_bytes()
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from copy import deepcopy
from dataclasses import dataclass
from typing import Any

from django.http import HttpResponse
from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Mm, Pt, RGBColor

from planlink.core.thai import to_thai_digits
from planlink.reports.http import content_disposition

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FONT = "Sarabun"  # the family of the PDFs (fontpkg-sarabun); Word substitutes where it lacks it
LANGUAGE = "th-TH"
BODY_PT = 12.0
TEXT = "1F2328"
MUTED = "5C6670"
ACCENT = "1D4E89"
HEADER_FILL = "E8F0FA"
SHADE_FILL = "F1F4F8"
_ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
}
# (style, size in pt, bold, colour, space before, space after) of the styles used here.
_STYLES = {
    "Title": (20.0, True, ACCENT, 0, 6),
    "Heading 1": (16.0, True, ACCENT, 12, 4),
    "Heading 2": (14.0, True, TEXT, 10, 3),
    "Heading 3": (12.5, True, TEXT, 8, 2),
    "Header": (9.0, False, MUTED, 0, 0),
    "Footer": (9.0, False, MUTED, 0, 0),
}


@dataclass(frozen=True)
class Column:
    """A table column: its header, its share of the width (any unit: the weights are scaled
    to the text width of the section), the alignment of its cells, and the header group it
    belongs to ("งบประมาณ (บาท)" over the years: a second header row)."""

    title: str
    weight: float = 1.0
    align: str = "left"
    group: str = ""


@dataclass(frozen=True)
class Cell:
    """A cell: its text (a newline starts a new line), bold or not, an optional smaller note
    under it, its alignment (else the column's) and how many columns it spans."""

    text: str = ""
    bold: bool = False
    note: str = ""
    align: str | None = None
    span: int = 1


@dataclass(frozen=True)
class Row:
    """A row of cells; `shade` fills it (a category or subtotal line), `bold` its text."""

    cells: Sequence[Cell | str | None]
    bold: bool = False
    shade: bool = False


@dataclass(frozen=True)
class Strong:
    """Bold text inside a paragraph: doc.paragraph(["ผู้เข้าร่วม ", Strong("120"), " คน"])."""

    text: str


# The order the schema gives the children of the properties set here: Word refuses a file
# whose elements are out of order.
_ORDER = {
    "w:rPr": (
        "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint "
        "noProof snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u "
        "effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath"
    ),
    "w:tblPr": (
        "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc "
        "tblCellSpacing tblInd tblBorders shd tblLayout tblCellMar tblLook"
    ),
    "w:tcPr": (
        "cnfStyle tcW gridSpan hMerge vMerge tcBorders shd noWrap tcMar textDirection tcFitText "
        "vAlign hideMark"
    ),
    "w:sectPr": (
        "headerReference footerReference footnotePr endnotePr type pgSz pgMar paperSrc pgBorders "
        "lnNumType pgNumType cols formProt vAlign noEndnote titlePg textDirection bidi rtlGutter "
        "docGrid printerSettings"
    ),
    "w:tblCellMar": "top left start bottom right end",
}
_RANKS = {
    qn(parent): {qn(f"w:{name}"): rank for rank, name in enumerate(names.split())}
    for parent, names in _ORDER.items()
}


def _set(parent: Any, tag: str, **attributes: str) -> Any:
    """The child `tag` of `parent` (made when missing, in the schema's order), its
    attributes set (w: names)."""
    element = parent.find(qn(tag))
    if element is None:
        element = OxmlElement(tag)
        ranks = _RANKS.get(parent.tag)
        rank = ranks.get(qn(tag)) if ranks else None
        later = (
            next(
                (c for c in parent if ranks.get(c.tag, -1) > rank),  # type: ignore[union-attr]
                None,
            )
            if rank is not None
            else None
        )
        if later is not None:
            later.addprevious(element)
        else:
            parent.append(element)
    for name, value in attributes.items():
        element.set(qn(f"w:{name}"), value)
    return element


def _fonts(rpr: Any, font: str) -> None:
    """Name `font` for Latin, East Asian and complex-script (Thai) text, theme fonts out."""
    old = rpr.find(qn("w:rFonts"))
    if old is not None:
        rpr.remove(old)
    fonts = OxmlElement("w:rFonts")
    for name in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{name}"), font)
    rpr.insert(0, fonts)


def _run_format(run: Any, *, bold: bool, size: float | None, color: str | None) -> None:
    rpr = run._r.get_or_add_rPr()
    if bold:
        run.bold = True
        _set(rpr, "w:bCs")
    if size:
        run.font.size = Pt(size)
        _set(rpr, "w:szCs", val=str(round(size * 2)))
    if color:
        run.font.color.rgb = RGBColor.from_string(color)


class WordDocument:
    """A DOCX being written, section by section (see the module's docstring)."""

    def __init__(
        self,
        *,
        title: str,
        header_text: str = "",
        footer_text: str = "",
        thai_digits: bool = False,
        landscape: bool = False,
        font: str = FONT,
        size: float = BODY_PT,
        margins_mm: tuple[float, float, float, float] = (18, 15, 18, 15),
    ) -> None:
        self.thai_digits = thai_digits
        self.font = font
        self.size = size
        self.margins_mm = margins_mm
        self.document = Document()
        package = self.document.part.package
        for key, rel in list(package.rels.items()):  # the template's picture of a blank page
            if rel.reltype == RT.THUMBNAIL:
                package.rels.pop(key)
        self.document.core_properties.title = self.text(title)
        self.document.core_properties.language = LANGUAGE
        self.document.core_properties.comments = "planlink"
        self._styles()
        section = self.document.sections[0]
        self._page(section, landscape=landscape)
        self._header_footer(section, header_text, footer_text)

    # --- setup --------------------------------------------------------------------------

    def text(self, value: object) -> str:
        """`value` as the document writes it (Thai digits when asked)."""
        text = "" if value is None else str(value)
        return to_thai_digits(text) if self.thai_digits else text

    def _styles(self) -> None:
        styles = self.document.styles
        defaults = styles.element.find(qn("w:docDefaults"))
        rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
        _fonts(rpr, self.font)
        _set(rpr, "w:sz", val=str(round(self.size * 2)))
        _set(rpr, "w:szCs", val=str(round(self.size * 2)))
        _set(rpr, "w:lang", val=LANGUAGE, eastAsia=LANGUAGE, bidi=LANGUAGE)
        ppr = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
        # Single spacing of Sarabun already leaves room for Thai marks above and below.
        _set(ppr, "w:spacing", after="80", line="240", lineRule="auto")
        normal = styles["Normal"]
        _fonts(normal.element.get_or_add_rPr(), self.font)
        normal.font.color.rgb = RGBColor.from_string(TEXT)
        for name, (size, bold, color, before, after) in _STYLES.items():
            style = styles[name]
            rpr = style.element.get_or_add_rPr()
            _fonts(rpr, self.font)
            for tag in ("w:color", "w:sz", "w:szCs", "w:b", "w:bCs", "w:i", "w:iCs"):
                for old in rpr.findall(qn(tag)):
                    rpr.remove(old)
            style.font.size = Pt(size)
            _set(rpr, "w:szCs", val=str(round(size * 2)))
            style.font.color.rgb = RGBColor.from_string(color)
            if bold:
                style.font.bold = True
                _set(rpr, "w:bCs")
            spacing = style.element.get_or_add_pPr().get_or_add_spacing()
            spacing.set(qn("w:before"), str(before * 20))
            spacing.set(qn("w:after"), str(after * 20))
            for name_attr in ("line", "lineRule", "beforeAutospacing", "afterAutospacing"):
                spacing.attrib.pop(qn(f"w:{name_attr}"), None)
            tabs = style.element.get_or_add_pPr().find(qn("w:tabs"))
            if tabs is not None:  # the template's centre and right stops fit Letter only
                tabs.getparent().remove(tabs)
        title = styles["Title"].element.get_or_add_pPr()
        border = title.find(qn("w:pBdr"))
        if border is not None:
            title.remove(border)

    def _page(self, section: Any, *, landscape: bool) -> None:
        top, right, bottom, left = self.margins_mm
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        wide, tall = Mm(297), Mm(210)
        section.page_width, section.page_height = (wide, tall) if landscape else (tall, wide)
        section.top_margin, section.bottom_margin = Mm(top), Mm(bottom)
        section.left_margin, section.right_margin = Mm(left), Mm(right)
        section.header_distance = section.footer_distance = Mm(8)
        if self.thai_digits:
            _set(section._sectPr, "w:pgNumType", fmt="thaiNumbers")

    def _field(self, paragraph: Any, code: str) -> None:
        """A PAGE / NUMPAGES field (its shown value is recomputed by Word and LibreOffice)."""
        for kind in ("begin", "instr", "separate", "value", "end"):
            run = paragraph.add_run()
            if kind == "instr":
                instr = OxmlElement("w:instrText")
                instr.set(qn("xml:space"), "preserve")
                instr.text = f" {code} "
                run._r.append(instr)
            elif kind == "value":
                run.text = self.text("1")
            else:
                _set(run._r, "w:fldChar", fldCharType=kind)

    def _header_footer(self, section: Any, header_text: str, footer_text: str) -> None:
        width = _text_width(section)
        if header_text:
            paragraph = section.header.paragraphs[0]
            paragraph.text = self.text(header_text)
            paragraph.paragraph_format.tab_stops.clear_all()
        footer = section.footer.paragraphs[0]
        footer.paragraph_format.tab_stops.clear_all()
        footer.paragraph_format.tab_stops.add_tab_stop(Emu(width), alignment=WD_TAB_ALIGNMENT.RIGHT)
        if footer_text:
            footer.add_run(self.text(footer_text))
        number = footer.add_run("\tหน้า ")
        number.font.color.rgb = RGBColor.from_string(TEXT)
        self._field(footer, "PAGE")
        if not self.thai_digits:
            footer.add_run("/")
            self._field(footer, "NUMPAGES")

    # --- content ------------------------------------------------------------------------

    def heading(self, text: str, level: int = 1) -> Any:
        paragraph = self.document.add_paragraph(self.text(text), style=f"Heading {level}")
        return paragraph

    def title(self, text: str, *, align: str = "center", size: float | None = None) -> Any:
        paragraph = self.document.add_paragraph(style="Title")
        paragraph.alignment = _ALIGN[align]
        run = paragraph.add_run(self.text(text))
        if size:
            _run_format(run, bold=False, size=size, color=None)
        return paragraph

    def paragraph(
        self,
        text: str | Sequence[str | Strong] = "",
        *,
        bold: bool = False,
        size: float | None = None,
        align: str = "left",
        color: str | None = None,
        space_before: float | None = None,
        space_after: float | None = None,
        keep_with_next: bool = False,
    ) -> Any:
        """A paragraph of `text` (or of parts, Strong ones bold); a newline breaks the line."""
        paragraph = self.document.add_paragraph()
        self._fill(paragraph, text, bold=bold, size=size, color=color)
        paragraph.alignment = _ALIGN[align]
        fmt = paragraph.paragraph_format
        if space_before is not None:
            fmt.space_before = Pt(space_before)
        if space_after is not None:
            fmt.space_after = Pt(space_after)
        if keep_with_next:
            fmt.keep_with_next = True
        return paragraph

    def _fill(
        self,
        paragraph: Any,
        text: str | Sequence[str | Strong],
        *,
        bold: bool = False,
        size: float | None = None,
        color: str | None = None,
    ) -> None:
        parts: Sequence[str | Strong] = [text] if isinstance(text, str) else text
        for part in parts:
            strong = isinstance(part, Strong)
            raw = part.text if isinstance(part, Strong) else part
            for index, line in enumerate(self.text(raw).split("\n")):
                if index:
                    paragraph.add_run().add_break(WD_BREAK.LINE)
                if line:
                    run = paragraph.add_run(line)
                    _run_format(run, bold=bold or strong, size=size, color=color)

    def page_break(self) -> None:
        self.document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def landscape(self) -> None:
        """Go on on a new page, A4 landscape (for a table too wide for portrait)."""
        self._new_section(landscape=True)

    def portrait(self) -> None:
        """Go on on a new page, A4 portrait."""
        self._new_section(landscape=False)

    def _new_section(self, *, landscape: bool) -> None:
        section = self.document.add_section(WD_SECTION.NEW_PAGE)
        self._page(section, landscape=landscape)
        # The footer's right tab follows the new text width; the header is inherited.
        width = _text_width(section)
        footer = section.footer
        footer.is_linked_to_previous = False
        previous = self.document.sections[-2].footer
        for old in footer.paragraphs:
            old._p.getparent().remove(old._p)
        for paragraph in previous.paragraphs:
            footer._element.append(deepcopy(paragraph._p))
        tabs = footer.paragraphs[0].paragraph_format.tab_stops
        tabs.clear_all()
        tabs.add_tab_stop(Emu(width), alignment=WD_TAB_ALIGNMENT.RIGHT)

    @property
    def text_width(self) -> int:
        section = self.document.sections[-1]
        return _text_width(section)

    def table(
        self,
        columns: Sequence[Column],
        rows: Sequence[Row | Sequence[Cell | str | None]],
        *,
        size: float | None = None,
        header_size: float | None = None,
        split_rows: bool = False,
        keep_together: bool = False,
        width: float = 1.0,
    ) -> Any:
        """A bordered table across `width` of the text width (1.0: all of it); its header
        rows repeat on every page.

        Rows are kept whole on a page unless `split_rows` (rows taller than a page always
        split); `keep_together` keeps the whole table on one page (a short summary).
        `size` is the cells' font size (pt), `header_size` the header's.
        """
        size = size or self.size - 1.5
        header_size = header_size or size
        total = sum(c.weight for c in columns) or 1.0
        widths = [int(self.text_width * width * c.weight / total) for c in columns]
        grouped = any(c.group for c in columns)
        table = self.document.add_table(rows=2 if grouped else 1, cols=len(columns))
        table.style = self.document.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER if width >= 1 else WD_TABLE_ALIGNMENT.LEFT
        table.autofit = False
        tblpr = table._tbl.tblPr
        _set(tblpr, "w:tblW", w=str(sum(widths) // 635), type="dxa")
        _set(tblpr, "w:tblLayout", type="fixed")
        margins = _set(tblpr, "w:tblCellMar")
        # Room above and below the text: Thai marks reach the cell's borders otherwise.
        for side, twips in (("top", "20"), ("left", "70"), ("bottom", "20"), ("right", "70")):
            _set(margins, f"w:{side}", w=twips, type="dxa")
        for grid_col, width in zip(table._tbl.tblGrid.gridCol_lst, widths, strict=True):
            grid_col.w = Emu(width)

        header_rows = list(table.rows)
        for row in header_rows:
            _set(row._tr.get_or_add_trPr(), "w:tblHeader")
            _set(row._tr.get_or_add_trPr(), "w:cantSplit")
        if grouped:
            self._grouped_header(table, columns, widths, header_size)
        else:
            for cell, column, width in zip(header_rows[0].cells, columns, widths, strict=True):
                self._cell(cell, Cell(column.title, bold=True, align="center"), width, header_size)
                _shade(cell, HEADER_FILL)

        for given in rows:
            row = given if isinstance(given, Row) else Row(given)
            added = table.add_row()
            if not split_rows:
                _set(added._tr.get_or_add_trPr(), "w:cantSplit")
            cells = added.cells
            index = 0
            for value in row.cells:
                cell = value if isinstance(value, Cell) else Cell("" if value is None else value)
                span = max(1, min(cell.span, len(columns) - index))
                target = cells[index]
                if span > 1:
                    target = target.merge(cells[index + span - 1])
                align = cell.align or columns[index].align
                self._cell(
                    target,
                    Cell(cell.text, bold=cell.bold or row.bold, note=cell.note, align=align),
                    sum(widths[index : index + span]),
                    size,
                )
                if row.shade:
                    _shade(target, SHADE_FILL)
                index += span
                if index >= len(columns):
                    break
        if keep_together:  # Word's way: every row's paragraphs keep with the next row
            for row in table.rows[:-1]:
                for cell in row.cells:
                    for paragraph in cell.paragraphs:
                        paragraph.paragraph_format.keep_with_next = True
        self.document.add_paragraph().paragraph_format.space_after = Pt(2)
        return table

    def _grouped_header(
        self, table: Any, columns: Sequence[Column], widths: list[int], size: float
    ) -> None:
        top, bottom = table.rows[0].cells, table.rows[1].cells
        index = 0
        while index < len(columns):
            column = columns[index]
            if not column.group:
                cell = top[index].merge(bottom[index])
                self._cell(cell, Cell(column.title, bold=True, align="center"), widths[index], size)
                _shade(cell, HEADER_FILL)
                _set(_tcpr(cell), "w:vAlign", val="center")
                index += 1
                continue
            end = index
            while end + 1 < len(columns) and columns[end + 1].group == column.group:
                end += 1
            group = top[index].merge(top[end]) if end > index else top[index]
            self._cell(
                group,
                Cell(column.group, bold=True, align="center"),
                sum(widths[index : end + 1]),
                size,
            )
            _shade(group, HEADER_FILL)
            for position in range(index, end + 1):
                cell = bottom[position]
                self._cell(
                    cell,
                    Cell(columns[position].title, bold=True, align="center"),
                    widths[position],
                    size,
                )
                _shade(cell, HEADER_FILL)
            index = end + 1

    def _cell(self, cell: Any, content: Cell, width: int, size: float) -> None:
        cell.width = Emu(width)
        paragraph = cell.paragraphs[0]
        for run in list(paragraph.runs):
            run._r.getparent().remove(run._r)
        for extra in cell.paragraphs[1:]:
            extra._p.getparent().remove(extra._p)
        paragraph.paragraph_format.space_after = Pt(0)
        paragraph.alignment = _ALIGN.get(content.align or "left", WD_ALIGN_PARAGRAPH.LEFT)
        self._fill(paragraph, content.text, bold=content.bold, size=size)
        if content.note:
            note = cell.add_paragraph()
            note.paragraph_format.space_after = Pt(0)
            note.alignment = paragraph.alignment
            self._fill(note, content.note, size=max(7.0, size - 1.5), color=MUTED)

    def signatures(self, roles: Sequence[str]) -> Any:
        """Signature blocks side by side (ลงชื่อ …, (name), the role, วันที่ …), no borders,
        kept on one page."""
        table = self.document.add_table(rows=1, cols=len(roles))
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        width = self.text_width // max(1, len(roles))
        _set(table._tbl.tblPr, "w:tblW", w=str(width * len(roles) // 635), type="dxa")
        _set(table._tbl.tblPr, "w:tblLayout", type="fixed")
        for grid_col in table._tbl.tblGrid.gridCol_lst:
            grid_col.w = Emu(width)
        _set(table.rows[0]._tr.get_or_add_trPr(), "w:cantSplit")
        for cell, role in zip(table.rows[0].cells, roles, strict=True):
            self._cell(
                cell,
                Cell(
                    "ลงชื่อ .......................................\n"
                    "(.......................................)\n"
                    f"{role}\nวันที่ ........../........../..........",
                    align="center",
                ),
                width,
                self.size,
            )
            cell.paragraphs[0].paragraph_format.line_spacing = 1.5
        spacer = self.document.paragraphs[-1] if self.document.paragraphs else None
        if spacer is not None:
            spacer.paragraph_format.keep_with_next = True
        return table

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()


def _text_width(section: Any) -> int:
    """The width between the section's margins (EMU)."""
    return (
        int(section.page_width or 0)
        - int(section.left_margin or 0)
        - int(section.right_margin or 0)
    )


def _tcpr(cell: Any) -> Any:
    return cell._tc.get_or_add_tcPr()


def _shade(cell: Any, fill: str) -> None:
    _set(_tcpr(cell), "w:shd", val="clear", color="auto", fill=fill)


def docx_download(data: bytes, filename: str) -> HttpResponse:
    """The document as a download; a Thai `filename` is kept (RFC 5987)."""
    response = HttpResponse(data, content_type=DOCX_TYPE)
    response["Content-Disposition"] = content_disposition(filename, extension=".docx", inline=False)
    return response
