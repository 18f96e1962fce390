"""Plan documents and data packs as PDF: a Django template → HTML → WeasyPrint.

Fonts: the Sarabun TTFs from fontpkg-sarabun are loaded by @font-face with file:// URLs, so no
system font is needed and every machine produces the same PDF.

Thai digits: official documents may write numbers as ๐–๙. Templates keep Arabic digits; with
`thai_digits=True` the rendered HTML goes through `thai_digits_html`, which converts the text
only (never tags, attributes, CSS or SVG coordinates), and the page counters use the `thai`
counter style that WeasyPrint's user-agent stylesheet defines.

Thai line breaks: Thai has no spaces between words and Pango's own dictionary splits words it
does not know ("แอ|สฟัลท์"). Before layout, `thai_breaks_html` segments the text with
PyThaiNLP (newmm, cached per text run) and puts U+200B between words; `weasyprint_fixes` then
lets Pango break Thai text only there. "หมู่ที่ 3", "ม. 3" and a number with its unit
("250 เมตร") go into nowrap spans. U+200B is invisible, takes no width and is not copied out
of the PDF (WeasyPrint draws it as an empty glyph; /ActualText strips it).

Every page carries the document's identifier and the print date (B.E.) in its header.

Resources: WeasyPrint only reads the Sarabun files, static files and data: URLs. Anything else
(http, other local files) is refused, so a URL that ends up in a template can neither reach the
network nor leak a server file into a PDF.

Two WeasyPrint 70 bugs that break Thai (marks in SVG text, copy-paste text) are worked around
in `weasyprint_fixes`, installed on first use.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from planlink.core.dates import long_be_date
from planlink.core.thai import to_thai_digits
from planlink.reports import weasyprint_fixes
from planlink.reports.http import content_disposition

PDF_TYPE = "application/pdf"
# Relative and root-relative URLs in templates ({% static %} gives "/static/...") resolve
# against this base; the fetcher maps it to static files and never goes to the network.
BASE_URL = "https://planlink.invalid/"

# (file stem, CSS weight, CSS style) of the faces the print styles use.
FONT_FACES = (
    ("Regular", 400, "normal"),
    ("Italic", 400, "italic"),
    ("SemiBold", 600, "normal"),
    ("Bold", 700, "normal"),
    ("BoldItalic", 700, "italic"),
)


@lru_cache(maxsize=1)
def font_face_css() -> SafeString:
    """@font-face rules for the Sarabun TTFs, with file:// URLs to the installed package."""
    font_dir = Path(settings.SARABUN_DIR)
    rules = []
    for stem, weight, style in FONT_FACES:
        path = font_dir / f"Sarabun-{stem}.ttf"
        if path.exists():
            rules.append(
                f'@font-face {{ font-family: "Sarabun"; src: url("{path.as_uri()}") '
                f'format("truetype"); font-weight: {weight}; font-style: {style}; }}'
            )
    return mark_safe("\n".join(rules))  # our own CSS, paths from settings


# --- Thai digits ----------------------------------------------------------------------------

_MARKUP = re.compile(
    r"""
      (?P<comment><!--.*?-->)
    | (?P<cdata><!\[CDATA\[.*?\]\]>)
    | (?P<declaration><![^>]*>)
    | (?P<instruction><\?.*?\?>)
    | (?P<tag></?[A-Za-z][^\s/>]*(?:[^>"']|"[^"]*"|'[^']*')*>)
    """,
    re.S | re.X,
)
_TAG_NAME = re.compile(r"</?([A-Za-z][^\s/>]*)")
_ENTITY = re.compile(r"(&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);)")
_KEEP_ATTR = re.compile(r"""\sdata-keep-digits(?=[\s=/>])""")
_RAW_TEXT = ("script", "style")
_VOID = frozenset(
    "area base br col embed hr img input link meta source track wbr".split()  # noqa: SIM905
)


def _thai_text(text: str) -> str:
    """Convert digits in a text run, leaving character references (&#8212;) intact."""
    parts = _ENTITY.split(text)
    return "".join(part if index % 2 else to_thai_digits(part) for index, part in enumerate(parts))


def _map_text(
    html: str,
    convert: Callable[[str], str],
    *,
    skip: Callable[[str, str], bool],
) -> str:
    """`convert` applied to every text run of `html`, never to markup.

    Tags and their attributes, comments, CDATA, <style> and <script> stay as they are. An
    element for which `skip(name, start_tag)` is true keeps its text (and its descendants');
    it needs an explicit end tag unless it is void.
    """
    out: list[str] = []
    position = 0
    skip_tag: str | None = None
    skip_depth = 0
    length = len(html)
    while position < length:
        match = _MARKUP.search(html, position)
        if match is None:
            text = html[position:]
            out.append(text if skip_tag else convert(text))
            break
        text = html[position : match.start()]
        if text:
            out.append(text if skip_tag else convert(text))
        markup = match.group()
        out.append(markup)
        position = match.end()
        if match.lastgroup != "tag":
            continue
        name_match = _TAG_NAME.match(markup)
        name = name_match.group(1).lower() if name_match else ""
        closing = markup.startswith("</")
        self_closing = markup.endswith("/>") or name in _VOID
        if not closing and name in _RAW_TEXT:
            end = re.compile(rf"</{name}\s*>", re.I).search(html, position)
            stop = end.start() if end else length
            out.append(html[position:stop])
            position = stop
            continue
        if skip_tag is not None:
            if name == skip_tag and not self_closing:
                skip_depth += -1 if closing else 1
                if skip_depth == 0:
                    skip_tag = None
        elif not closing and not self_closing and skip(name, markup):
            skip_tag, skip_depth = name, 1
    return "".join(out)


def _keeps_digits(name: str, markup: str) -> bool:
    return bool(_KEEP_ATTR.search(markup))


def thai_digits_html(html: str) -> str:
    """Every Arabic digit in the text of `html` becomes a Thai digit (๐–๙).

    Tags and their attributes (SVG coordinates, classes, URLs), comments, <style> and <script>
    stay as they are; text inside SVG <text>, <title> and table cells is converted. An element
    with the attribute `data-keep-digits` keeps its digits (only for what a machine must read
    back, never for what people read: codes are numbers too); it needs an explicit end tag.
    """
    return _map_text(html, _thai_text, skip=_keeps_digits)


# --- Thai line breaks -----------------------------------------------------------------------

ZWSP = "\u200b"  # a break opportunity between two Thai words

# Words PyThaiNLP's dictionary splits (or splits differently) that a line must not split:
# transliterations and compounds of plan titles. Merged from its tokens after segmenting.
COMPOUNDS = frozenset(
    {
        "แอสฟัลท์",
        "แอสฟัลต์",
        "แอสฟัลท์ติก",
        "แอสฟัลต์ติก",
        "คอนกรีตเสริมเหล็ก",
        "หมู่ที่",
        "หมู่บ้าน",
        "ครั้งที่",
        "ลำดับที่",
        "เลขที่",
        "ผู้ใหญ่บ้าน",
        "ลูกรัง",
        "ท่อระบายน้ำ",
        "อเนกประสงค์",
        "พัฒนากร",
        "ประชาคม",
        "ศอช.ต.",
    }
)
_COMPOUND_PARTS = 5
_THAI_LETTERS = re.compile(r"[\u0e01-\u0e4f\u0e5a\u0e5b]{2,}")
_UNITS = (
    "เมตร|กิโลเมตร|เซนติเมตร|ตารางเมตร|ตร\\.ม\\.|ลบ\\.ม\\.|ลูกบาศก์เมตร|ซม\\.|กม\\.|ม\\.|ไร่|งาน|"
    "ล้านบาท|บาท|คน|ครัวเรือน|หลังคาเรือน|หลัง|แห่ง|จุด|ตัว|ครั้ง|วัน|เดือน|ปี|ชุด|เครื่อง|"
    "หมู่บ้าน|โครงการ|รายการ|ราย|กลุ่ม|ลูก|ต้น|ตัน|ลิตร|กิโลกรัม|กก\\.|บ่อ|สาย|ชั่วโมง|"
    "นาที|ข้อ|เปอร์เซ็นต์|%"
)
_PREFIXES = "หมู่ที่|หมู่|ม\\.|ร้อยละ|ซอย|ครั้งที่|ลำดับที่|เลขที่|พ\\.ศ\\.|รหัส"
_WEAK_PREFIXES = "ปี|ที่|ข้อ"
_NUMBER = r"[0-9\u0e50-\u0e59][0-9\u0e50-\u0e59,.]*"
# "หมู่ที่ 3", "ม. 3", "ร้อยละ 80" (the word and the number), "250 เมตร" (a number and its
# unit), "หมู่ที่ 3 ยาว 250 เมตร" counts as two phrases. Short words that end longer ones
# ("พื้นที่ 350") only count on their own.
_GLUE = re.compile(
    rf"(?:(?:{_PREFIXES})|(?<![\u0e01-\u0e4f])(?:{_WEAK_PREFIXES})) ?{_NUMBER}"
    rf"(?: (?:{_UNITS}))?"
    rf"|{_NUMBER} (?:{_UNITS})"
)


@lru_cache(maxsize=1)
def _tokenizer() -> Callable[[str], list[str]]:
    from pythainlp.tokenize import word_tokenize

    def tokenize(text: str) -> list[str]:
        return list(word_tokenize(text, engine="newmm", keep_whitespace=True))

    return tokenize


def _merge_compounds(words: list[str]) -> list[str]:
    merged: list[str] = []
    index = 0
    while index < len(words):
        best, joined = index, words[index]
        candidate = ""
        for stop in range(index, min(len(words), index + _COMPOUND_PARTS)):
            candidate += words[stop]
            if candidate in COMPOUNDS:
                best, joined = stop, candidate
        merged.append(joined)
        index = best + 1
    return merged


@lru_cache(maxsize=65536)
def thai_words(run: str) -> tuple[str, ...]:
    """The words of a run of Thai letters (PyThaiNLP newmm, compounds kept whole)."""
    return tuple(_merge_compounds([w for w in _tokenizer()(run) if w]))


def _segment_run(match: re.Match[str]) -> str:
    return ZWSP.join(thai_words(match.group()))


# Private-use marks around a glued phrase while the text is segmented, then the span's tags.
_GLUE_OPEN, _GLUE_CLOSE = "\ue000", "\ue001"
# A class, not a style attribute: WeasyPrint parses every style attribute on its own.
NOWRAP_OPEN = '<span class="pl-nb">'
_THAI_BEFORE_OPEN = re.compile(f"(?<=[\u0e01-\u0e4f]){_GLUE_OPEN}")
_THAI_AFTER_CLOSE = re.compile(f"{_GLUE_CLOSE}(?=[\u0e01-\u0e4f])")


def _glue(match: re.Match[str]) -> str:
    return f"{_GLUE_OPEN}{match.group()}{_GLUE_CLOSE}"


@lru_cache(maxsize=16384)  # text runs: a 500-item plan has ~4,000 distinct ones
def thai_breaks_text(text: str) -> str:
    """`text` (HTML text, no tags) with U+200B between Thai words; "หมู่ที่ 3", "ม. 3" and
    "250 เมตร" in a nowrap span. (A space and U+2060 do not hold: WeasyPrint's own search
    for the next word breaks after a space whatever follows it.)"""
    if not _THAI_LETTERS.search(text):
        return text
    text = _GLUE.sub(_glue, text)
    text = _THAI_LETTERS.sub(_segment_run, text)
    if _GLUE_OPEN in text:
        text = _THAI_BEFORE_OPEN.sub(ZWSP + _GLUE_OPEN, text)
        text = _THAI_AFTER_CLOSE.sub(_GLUE_CLOSE + ZWSP, text)
        text = text.replace(_GLUE_OPEN, NOWRAP_OPEN).replace(_GLUE_CLOSE, "</span>")
    return text


def _thai_breaks_run(text: str) -> str:
    parts = _ENTITY.split(text)
    return "".join(
        part if index % 2 else thai_breaks_text(part) for index, part in enumerate(parts)
    )


def _no_breaks_needed(name: str, markup: str) -> bool:
    # The head (<title> becomes the PDF's title) and SVG text (never wrapped) stay as written.
    return name in ("head", "svg")


def thai_breaks_html(html: str) -> str:
    """Mark Thai word boundaries in the text of `html` (see the module's docstring): tags,
    attributes, CSS, the head and SVG are left as they are."""
    return _map_text(html, _thai_breaks_run, skip=_no_breaks_needed)


# --- WeasyPrint -----------------------------------------------------------------------------


def _allowed_roots() -> list[Path]:
    roots = [Path(settings.SARABUN_DIR)]
    static_root = getattr(settings, "STATIC_ROOT", None)
    if static_root:
        roots.append(Path(static_root))
    for entry in getattr(settings, "STATICFILES_DIRS", ()):
        roots.append(Path(entry[1] if isinstance(entry, tuple | list) else entry))
    return [root.resolve() for root in roots]


def _static_path(relative: str) -> Path | None:
    """The file behind a static URL path: collected files first, then the app finders."""
    from django.contrib.staticfiles import finders

    static_root = getattr(settings, "STATIC_ROOT", None)
    if static_root:
        candidate = (Path(static_root) / relative).resolve()
        if candidate.is_file() and candidate.is_relative_to(Path(static_root).resolve()):
            return candidate
    try:
        found = finders.find(relative)
    except SuspiciousFileOperation:  # an absolute or escaping path: not a static file
        return None
    if isinstance(found, list):
        found = found[0] if found else None
    return Path(found).resolve() if found else None


@lru_cache(maxsize=1)
def _fetcher_class() -> type:
    from weasyprint.urls import URLFetcher

    class ReportURLFetcher(URLFetcher):  # type: ignore[misc]
        """Serves fonts, static files and data: URLs; refuses everything else."""

        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.startswith("data:"):
                return super().fetch(url, headers)
            static_prefix = BASE_URL + str(settings.STATIC_URL).lstrip("/")
            if url.startswith(static_prefix):
                relative = unquote(urlsplit(url).path)[len(urlsplit(static_prefix).path) :]
                if ".." in relative.split("/"):
                    raise ValueError(f"Resource not allowed in a PDF: {url}")
                found = _static_path(relative)
                if found is None:
                    raise ValueError(f"No static file for {url}")
                return super().fetch(found.as_uri(), headers)
            if url.startswith("file:"):
                path = Path(url2pathname(urlsplit(url).path)).resolve()
                if any(path.is_relative_to(root) for root in _allowed_roots()):
                    return super().fetch(path.as_uri(), headers)
            raise ValueError(f"Resource not allowed in a PDF: {url}")

    return ReportURLFetcher


def thai_date(day: date) -> str:
    """15 มีนาคม 2569: the long B.E. date of Thai official documents (digits converted by
    render_pdf when Thai digits are asked for)."""
    return long_be_date(day)


def css_string(text: str) -> SafeString:
    """`text` as a quoted CSS string (for `content:` in the page margins)."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    escaped = re.sub(r"[\x00-\x1f\x7f<>&]", lambda m: f"\\{ord(m.group()):x} ", escaped)
    return mark_safe(f'"{escaped}"')  # escaped above: no quote, backslash or tag survives


def render_html(
    template_name: str,
    context: dict[str, Any],
    *,
    request: HttpRequest | None = None,
    thai_digits: bool = False,
) -> str:
    """The print HTML as a browser preview shows it (Thai digits applied, no break marks).

    `context` may give `document_id` (the document's identifier printed on every page, e.g.
    "PLAN-52010101-2570-V12"); the print date is today's, in the B.E.
    """
    printed = thai_date(timezone.localdate())
    document_id = str(context.get("document_id") or "")
    header = f"เลขที่ {document_id} · พิมพ์เมื่อ {printed}" if document_id else f"พิมพ์เมื่อ {printed}"
    full_context = {
        **context,
        "pdf_font_css": font_face_css(),
        "pdf_thai_digits": thai_digits,
        "pdf_printed_on": printed,
        # The page margins' text lives in CSS, which the digits pass never touches.
        "pdf_page_header_css": css_string(to_thai_digits(header) if thai_digits else header),
    }
    html = render_to_string(template_name, full_context, request=request)
    return thai_digits_html(html) if thai_digits else html


def print_html(
    template_name: str,
    context: dict[str, Any],
    *,
    request: HttpRequest | None = None,
    thai_digits: bool = False,
) -> str:
    """The HTML exactly as it goes to WeasyPrint: `render_html` with the Thai word breaks."""
    return thai_breaks_html(
        render_html(template_name, context, request=request, thai_digits=thai_digits)
    )


def render_document(
    template_name: str,
    context: dict[str, Any],
    *,
    request: HttpRequest | None = None,
    thai_digits: bool = False,
) -> Any:
    """The laid-out WeasyPrint document (pages and boxes), for `render_pdf` and for tests."""
    from weasyprint import HTML

    weasyprint_fixes.install()
    html = print_html(template_name, context, request=request, thai_digits=thai_digits)
    return HTML(string=html, base_url=BASE_URL, url_fetcher=_fetcher_class()()).render()


def render_pdf(
    template_name: str,
    context: dict[str, Any],
    *,
    request: HttpRequest | None = None,
    thai_digits: bool = False,
) -> bytes:
    """Render `template_name` (normally extending reports/print_base.html) to PDF bytes."""
    document = render_document(template_name, context, request=request, thai_digits=thai_digits)
    pdf = document.write_pdf()
    if pdf is None:  # only happens when a target file is given, which we never do
        raise RuntimeError("WeasyPrint returned no PDF bytes")
    return bytes(pdf)


def pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    """Show the PDF in the browser (inline); a Thai `filename` is kept for "save as"."""
    response = HttpResponse(pdf, content_type=PDF_TYPE)
    response["Content-Disposition"] = content_disposition(filename, extension=".pdf", inline=True)
    return response
