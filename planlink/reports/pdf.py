"""Plan documents and data packs as PDF: a Django template → HTML → WeasyPrint.

Fonts: the Sarabun TTFs from fontpkg-sarabun are loaded by @font-face with file:// URLs, so no
system font is needed and every machine produces the same PDF.

Thai digits: official documents may write numbers as ๐–๙. Templates keep Arabic digits; with
`thai_digits=True` the rendered HTML goes through `thai_digits_html`, which converts the text
only (never tags, attributes, CSS or SVG coordinates), and the page counters use the `thai`
counter style that WeasyPrint's user-agent stylesheet defines.

Resources: WeasyPrint only reads the Sarabun files, static files and data: URLs. Anything else
(http, other local files) is refused, so a URL that ends up in a template can neither reach the
network nor leak a server file into a PDF.

Two WeasyPrint 70 bugs that break Thai (marks in SVG text, copy-paste text) are worked around
in `weasyprint_fixes`, installed on first use.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

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


def thai_digits_html(html: str) -> str:
    """Every Arabic digit in the text of `html` becomes a Thai digit (๐–๙).

    Tags and their attributes (SVG coordinates, classes, URLs), comments, <style> and <script>
    stay as they are; text inside SVG <text>, <title> and table cells is converted. An element
    with the attribute `data-keep-digits` keeps its digits (for codes that must stay
    machine-readable); it needs an explicit end tag.
    """
    out: list[str] = []
    position = 0
    keep_tag: str | None = None
    keep_depth = 0
    length = len(html)
    while position < length:
        match = _MARKUP.search(html, position)
        if match is None:
            text = html[position:]
            out.append(text if keep_tag else _thai_text(text))
            break
        text = html[position : match.start()]
        out.append(text if keep_tag else _thai_text(text))
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
        if keep_tag is not None:
            if name == keep_tag and not self_closing:
                keep_depth += -1 if closing else 1
                if keep_depth == 0:
                    keep_tag = None
        elif not closing and not self_closing and _KEEP_ATTR.search(markup):
            keep_tag, keep_depth = name, 1
    return "".join(out)


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


def render_html(
    template_name: str,
    context: dict[str, Any],
    *,
    request: HttpRequest | None = None,
    thai_digits: bool = False,
) -> str:
    """The print HTML exactly as it goes to WeasyPrint (useful for previews and tests)."""
    full_context = {
        **context,
        "pdf_font_css": font_face_css(),
        "pdf_thai_digits": thai_digits,
    }
    html = render_to_string(template_name, full_context, request=request)
    return thai_digits_html(html) if thai_digits else html


def render_pdf(
    template_name: str,
    context: dict[str, Any],
    *,
    request: HttpRequest | None = None,
    thai_digits: bool = False,
) -> bytes:
    """Render `template_name` (normally extending reports/print_base.html) to PDF bytes."""
    from weasyprint import HTML

    weasyprint_fixes.install()
    html = render_html(template_name, context, request=request, thai_digits=thai_digits)
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=_fetcher_class()())
    pdf = document.write_pdf()
    if pdf is None:  # only happens when a target file is given, which we never do
        raise RuntimeError("WeasyPrint returned no PDF bytes")
    return bytes(pdf)


def pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    """Show the PDF in the browser (inline); a Thai `filename` is kept for "save as"."""
    response = HttpResponse(pdf, content_type=PDF_TYPE)
    response["Content-Disposition"] = content_disposition(filename, extension=".pdf", inline=True)
    return response
