"""Narrow workarounds for WeasyPrint 70 (and Pango) behaviour that breaks Thai text.

1. SVG <text> is laid out one code point at a time (Kozea/WeasyPrint#2249, open), so a Thai
   vowel or tone mark is shaped without its consonant: marks vanish or collide in every chart.
   We make the renderer shape each text chunk whole, as it shapes HTML text. Chunks that place
   single glyphs (several x/y/dx/dy/rotate values, textLength, letter-spacing) keep the
   original path; our charts never use those.

2. The PDF ToUnicode map is keyed by glyph and filled from the first cluster a glyph appears
   in. Thai clusters hold several glyphs, and HarfBuzz splits SARA AM into NIKHAHIT + SARA AA,
   so after one "น้ำ" every "า" in the document copies as "ำ" (การ → กำร) and some marks copy
   as nothing. Officers copy plan text out of these PDFs, so before the fonts are embedded we
   map every Thai glyph to its own characters, read from its name in the font ("uni0E48.small"
   → U+0E48). Copying then gives the right letters; SARA AM copies as NIKHAHIT + SARA AA, which
   looks the same.

3. Pango breaks Thai lines with libthai's dictionary, which splits words it does not know
   ("แอ|สฟัลท์") and ignores the word boundaries `pdf.thai_breaks_html` marks with U+200B. So
   every run of Thai letters (one word once the HTML went through that pass) is laid out
   with Pango's `allow_breaks` off: lines break only at the
   U+200B the pass put between words, at spaces and at punctuation. A run longer than
   `LOCK_MAX` letters (an unsegmented paste), or wider than the line it is laid out on, keeps
   Pango's own breaks, so it cannot overflow its column.

4. Copying SARA AM: HarfBuzz draws it as NIKHAHIT + SARA AA, two glyphs, and a ToUnicode map
   can only give each glyph its own letters, so "ำ" copied as "ํา" and search for "น้ำ" failed.
   A piece of Thai text holding SARA AM is drawn inside a marked-content span whose
   /ActualText is its text (without the invisible break marks), which PDF readers and
   pdftotext use in place of the glyphs' letters. So is a piece that begins or ends with a
   space (beside a nowrap span), whose space pdftotext would otherwise drop.

`install()` is idempotent and thread-safe; each patch is skipped when the WeasyPrint internals
it relies on are not there, so an upgrade degrades to WeasyPrint's own behaviour.
"""

from __future__ import annotations

import io
import re
import threading
from functools import lru_cache
from typing import Any

_LOCK = threading.Lock()
_MARK = "_planlink_patched"
_POSITION_ATTRIBUTES = ("x", "y", "dx", "dy", "rotate")


class _WholeText(str):
    """A string that iterates as one piece, so WeasyPrint shapes it as a single run."""

    __slots__ = ()

    def __iter__(self) -> Any:
        yield str(self)


def _places_single_glyphs(node: Any) -> bool:
    if any(name in node.attrib for name in ("textLength", "letter-spacing")):
        return True
    return any(
        len(str(node.attrib.get(name, "")).replace(",", " ").split()) > 1
        for name in _POSITION_ATTRIBUTES
    )


def _patch_svg_text() -> None:
    import weasyprint.svg as svg_module

    original = getattr(svg_module, "text", None)
    tags = getattr(svg_module, "TAGS", None)
    if original is None or not isinstance(tags, dict) or getattr(original, _MARK, False):
        return

    def shaped_text(svg: Any, node: Any, font_size: float) -> Any:
        element = node._etree_node
        content = element.text
        if content and not _places_single_glyphs(node):
            element.text = _WholeText(content)
        try:
            return original(svg, node, font_size)
        finally:
            element.text = content

    setattr(shaped_text, _MARK, True)
    # The renderer compares `TAGS.get(tag) == text` to anchor text, so the module-level name
    # is replaced together with the table entries.
    svg_module.text = shaped_text
    for tag, function in list(tags.items()):
        if function is original:
            tags[tag] = shaped_text


def _is_thai(text: str) -> bool:
    return bool(text) and all("\u0e00" <= char <= "\u0e7f" for char in text)


@lru_cache(maxsize=16)
def _thai_glyph_text(font_data: bytes, index: int) -> dict[int, str]:
    """Glyph id → the Thai characters it draws, for every Thai glyph of the font."""
    from fontTools.agl import toUnicode
    from fontTools.ttLib import TTFont

    font = TTFont(io.BytesIO(font_data), fontNumber=index, lazy=True)
    order = font.getGlyphOrder()
    by_name = {name: chr(code) for code, name in sorted(font.getBestCmap().items(), reverse=True)}
    result: dict[int, str] = {}
    for glyph_id, name in enumerate(order):
        base = name.split(".", 1)[0]
        text = by_name.get(name) or by_name.get(base) or toUnicode(base)
        if _is_thai(text):
            result[glyph_id] = text
    return result


def fix_thai_to_unicode(font: Any) -> None:
    """Point each Thai glyph of a WeasyPrint font at its own characters in ToUnicode."""
    to_unicode = getattr(font, "to_unicode", None)
    data = getattr(font, "file_content", None)
    if not to_unicode or not isinstance(data, bytes | bytearray):
        return
    try:
        glyph_text = _thai_glyph_text(bytes(data), int(getattr(font, "index", 0) or 0))
    except Exception:  # a font fontTools cannot read keeps WeasyPrint's own map
        return
    for glyph_id in list(to_unicode):
        text = glyph_text.get(glyph_id)
        if text is not None:
            to_unicode[glyph_id] = text


def _patch_to_unicode() -> None:
    import weasyprint.pdf as pdf_module

    original = getattr(pdf_module, "build_fonts_dictionary", None)
    if original is None or getattr(original, _MARK, False):
        return

    def build_fonts_dictionary(pdf: Any, fonts: Any, *args: Any, **kwargs: Any) -> Any:
        for font in fonts.values():
            fix_thai_to_unicode(font)
        return original(pdf, fonts, *args, **kwargs)

    setattr(build_fonts_dictionary, _MARK, True)
    pdf_module.build_fonts_dictionary = build_fonts_dictionary


# --- 3. Thai words kept whole --------------------------------------------------------------

LOCK_MAX = 30  # letters; longer runs are not words the segmenter produced
# Thai letters, vowels, tone marks and Thai digits.
_THAI_RUN = re.compile(f"[\u0e01-\u0e5b]{{2,{LOCK_MAX}}}(?![\u0e01-\u0e5b])")
_THAI_LETTER = re.compile("[\u0e01-\u0e5b]")


@lru_cache(maxsize=8192)
def locked_ranges(text: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, run): UTF-8 byte ranges of the runs of Thai letters in `text` that must
    not break inside, with their text."""
    if not _THAI_LETTER.search(text):
        return ()
    ranges = []
    position = 0
    offset = 0
    for match in _THAI_RUN.finditer(text):
        start, end = match.span()
        if start and _THAI_LETTER.match(text, start - 1):
            continue  # the tail of a run too long to lock
        offset += len(text[position:start].encode())
        length = len(match.group().encode())
        ranges.append((offset, offset + length, match.group()))
        offset += length
        position = end
    return tuple(ranges)


# A Thai letter of Sarabun is 0.3–0.8 em wide (marks take nothing): outside these bounds a
# run surely fits or surely does not, inside them it is measured.
_NARROW_EM, _WIDE_EM = 0.3, 0.8
_SPACING = re.compile("[\u0e01-\u0e30\u0e32\u0e33\u0e40-\u0e46\u0e4f-\u0e5b]")
_WIDTHS: dict[tuple[Any, ...], float] = {}
_STATE = threading.local()  # whether the text being split starts its line


def _patch_line_breaks() -> None:
    from weasyprint.text import line_break
    from weasyprint.text.ffi import ffi, pango

    layout_class = getattr(line_break, "Layout", None)
    original = getattr(layout_class, "set_text", None)
    if layout_class is None or original is None or getattr(original, _MARK, False):
        return
    try:
        pango.pango_attr_allow_breaks_new  # noqa: B018 (Pango ≥ 1.44)
    except AttributeError:
        try:
            ffi.cdef("PangoAttribute * pango_attr_allow_breaks_new (gboolean allow_breaks);")
            pango.pango_attr_allow_breaks_new  # noqa: B018
        except Exception:  # an older Pango: keep its own breaks
            return

    def run_width(layout: Any, run: str) -> float:
        style = layout.style
        key = (
            str(style["font_family"]),
            style["font_size"],
            style["font_weight"],
            style["font_style"],
            style["font_stretch"],
            run,
        )
        width = _WIDTHS.get(key)
        if width is None:
            measure = layout_class(layout.style)
            original(measure, run)
            line, _ = measure.get_first_line()
            width = _WIDTHS[key] = line_break.line_size(line, layout.style)[0]
            if len(_WIDTHS) > 50_000:
                _WIDTHS.clear()
        return width

    def fits(layout: Any, run: str) -> bool:
        """Whether `run` fits on a line of the layout's width (then it is kept whole; a word
        wider than its column is left to Pango, as overflow-wrap asks). Text that does not
        start the line only has what is left of it: its words stay whole and go on to the
        next line, where they are judged against the whole width."""
        if not getattr(_STATE, "line_start", True):
            return True
        limit = getattr(layout, "max_width", None)
        if not limit or limit == float("inf"):  # min-content (0) or no wrapping: whole
            return True
        size = float(layout.style["font_size"])
        letters = len(_SPACING.findall(run))
        if letters * size * _WIDE_EM <= limit:
            return True
        if letters * size * _NARROW_EM > limit:
            return False
        return bool(run_width(layout, run) <= limit)

    def set_text(self: Any, text: str, justify: bool = False) -> None:
        original(self, text, justify)
        ranges = [(start, end) for start, end, run in locked_ranges(self.text) if fits(self, run)]
        if not ranges:
            return
        attributes = pango.pango_layout_get_attributes(self.layout)
        if attributes == ffi.NULL:
            attributes = ffi.gc(pango.pango_attr_list_new(), pango.pango_attr_list_unref)
        for start, end in ranges:
            attribute = pango.pango_attr_allow_breaks_new(False)
            attribute.start_index, attribute.end_index = start, end
            pango.pango_attr_list_insert(attributes, attribute)
        pango.pango_layout_set_attributes(self.layout, attributes)

    setattr(set_text, _MARK, True)
    layout_class.set_text = set_text

    split = getattr(line_break, "split_first_line", None)
    if split is None or getattr(split, _MARK, False):
        return

    def split_first_line(*args: Any, **kwargs: Any) -> Any:
        line_start = kwargs.get("is_line_start", args[5] if len(args) > 5 else True)
        previous = getattr(_STATE, "line_start", True)
        _STATE.line_start = line_start
        try:
            return split(*args, **kwargs)
        finally:
            _STATE.line_start = previous

    setattr(split_first_line, _MARK, True)
    import weasyprint.layout.inline as inline_module
    import weasyprint.layout.preferred as preferred_module

    for module in (line_break, inline_module, preferred_module):
        if getattr(module, "split_first_line", None) is split:
            module.split_first_line = split_first_line


# --- 4. SARA AM copied as one letter ---------------------------------------------------------

_INVISIBLE = str.maketrans("", "", "\u200b\u2060\u00ad")


def _patch_actual_text() -> None:
    import pydyf
    import weasyprint.draw.text as text_module

    original = getattr(text_module, "draw_first_line", None)
    if original is None or getattr(original, _MARK, False):
        return

    def draw_first_line(stream: Any, textbox: Any, *args: Any, **kwargs: Any) -> Any:
        text = getattr(textbox, "text", "")
        # SARA AM, or a space at a piece's edge (before or after a nowrap span), which
        # pdftotext drops between two pieces of Thai text.
        edge_space = text[:1] == " " or text[-1:] == " "
        if not ("\u0e33" in text or edge_space) or not _THAI_LETTER.search(text):
            return original(stream, textbox, *args, **kwargs)
        actual = text.translate(_INVISIBLE)
        stream.begin_marked_content("Span", pydyf.Dictionary({"ActualText": pydyf.String(actual)}))
        try:
            return original(stream, textbox, *args, **kwargs)
        finally:
            stream.end_marked_content()

    setattr(draw_first_line, _MARK, True)
    text_module.draw_first_line = draw_first_line


def install() -> None:
    """Apply the workarounds once per process."""
    with _LOCK:
        _patch_svg_text()
        _patch_to_unicode()
        _patch_line_breaks()
        _patch_actual_text()
