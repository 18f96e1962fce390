"""Two narrow workarounds for WeasyPrint 70 bugs that break Thai text.

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

`install()` is idempotent and thread-safe; each patch is skipped when the WeasyPrint internals
it relies on are not there, so an upgrade degrades to WeasyPrint's own behaviour.
"""

from __future__ import annotations

import io
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


def install() -> None:
    """Apply both workarounds once per process."""
    with _LOCK:
        _patch_svg_text()
        _patch_to_unicode()
