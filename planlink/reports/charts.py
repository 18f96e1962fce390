"""Server-side SVG charts for data packs and plan documents.

The charts are plain SVG strings built by hand: no JavaScript (village phones, slow links), the
same markup embedded in web pages and in WeasyPrint PDFs, and byte-for-byte deterministic output
(no random ids) so pages cache well and tests can compare. Only SVG features that WeasyPrint
renders are used: rect, line, polyline, circle, polygon, text with text-anchor, and presentation
attributes instead of CSS.

SVG cannot wrap text, so labels are wrapped by an estimate of their width built from character
classes (Thai combining marks take no width), breaking between Thai words found by PyThaiNLP.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache

from django.utils.safestring import SafeString, mark_safe

from planlink.core.thai import to_thai_digits

ACCENT = "#1d4e89"
HIGHLIGHT = "#b42318"
INK = "#1f2328"
MUTED = "#5c6670"
GRID = "#d9dee4"
TRACK = "#eef1f4"
FONT_FAMILY = "Sarabun, sans-serif"

NO_VALUE = "—"
NO_DATA = "ไม่มีข้อมูล"
ELLIPSIS = "…"

# Up to six trend series told apart by colour AND by dash pattern AND by marker shape, so the
# chart still reads on a black-and-white printout and for colour-blind readers. Colours stay in
# the house palette: the accent, the highlight red, a lighter accent and greys.
SERIES_COLOURS = ("#1d4e89", "#b42318", "#3d444d", "#6f93c0", "#8c959f", "#1f2328")
SERIES_DASHES = ("", "8 4", "2 3", "10 3 2 3", "5 2", "1 3")
SERIES_MARKERS = ("circle", "square", "triangle", "diamond", "triangle-down", "cross")

_PAD = 8
_TITLE_SIZE = 15
_LABEL_SIZE = 13
_SMALL_SIZE = 11
_LINE_HEIGHT = 16

_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# One unit that must never be split across lines: an optional Thai leading vowel, a base
# character and the marks stacked on it (plus SARA AM, which is drawn on the same cell).
_CLUSTER = re.compile(r"[\u0e40-\u0e44]?.[\u0e31\u0e33-\u0e3a\u0e47-\u0e4e\u0300-\u036f]*", re.S)


@dataclass(frozen=True)
class BarItem:
    """One bar: a label, its value (None = undefined, drawn as "—" without a bar)."""

    label: str
    value: Decimal | None
    note: str = ""
    highlight: bool = False


@dataclass(frozen=True)
class TrendSeries:
    """One line of a trend chart: (B.E. year, value) points; None leaves a gap."""

    label: str
    points: Sequence[tuple[int, Decimal | None]]


# --- Text measurement and wrapping ----------------------------------------------------------


def _char_em(char: str) -> float:
    """Approximate advance of one character in Sarabun, in em (measured from the TTF)."""
    if unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0.0  # Thai vowels above/below and tone marks sit on the previous character
    if char == " ":
        return 0.25
    if "\u0e50" <= char <= "\u0e59":
        return 0.68  # Thai digits are wider than Arabic ones
    if "\u0e00" <= char <= "\u0e7f":
        return 0.64
    if char.isdigit():
        return 0.56
    if char in "%—…@MWmw":
        return 0.9
    if char in ".,:;'!|ijlI()[]":
        return 0.3
    if char.isupper():
        return 0.62
    return 0.52


def text_width(text: str, font_size: float, *, bold: bool = False) -> float:
    """Estimated rendered width of `text` in px; errs slightly wide so text does not overflow."""
    width = sum(_char_em(char) for char in text) * font_size
    return width * 1.06 if bold else width


@lru_cache(maxsize=2048)
def _break_units(text: str) -> tuple[str, ...]:
    """Pieces between which a line may break: Thai words (PyThaiNLP), spaces and other words."""
    from pythainlp.tokenize import word_tokenize  # lazy: the dictionary loads on first use

    return tuple(word_tokenize(text, engine="newmm", keep_whitespace=True))


def _clusters(text: str) -> list[str]:
    return _CLUSTER.findall(text)


def _ellipsize(text: str, max_width: float, font_size: float, *, bold: bool) -> str:
    """`text` cut to fit with "…": after the last whole word that fits (Thai words from
    PyThaiNLP), or between character clusters when not even the first word fits."""
    words = list(_break_units(text.rstrip()))
    while len(words) > 1:
        words.pop()
        candidate = "".join(words).rstrip() + ELLIPSIS
        if text_width(candidate, font_size, bold=bold) <= max_width:
            return candidate
    clusters = _clusters(text.rstrip())
    while clusters:
        candidate = "".join(clusters).rstrip() + ELLIPSIS
        if text_width(candidate, font_size, bold=bold) <= max_width:
            return candidate
        clusters.pop()
    return ELLIPSIS


def wrap_text(
    text: str, max_width: float, font_size: float, *, max_lines: int = 2, bold: bool = False
) -> list[str]:
    """Break `text` into at most `max_lines` lines no wider than `max_width` px.

    Breaks fall between Thai words or at spaces; a single word wider than a line is split
    between character clusters (never between a consonant and its marks). Text that does not
    fit in `max_lines` ends with an ellipsis.
    """
    text = _clean(text)
    if not text:
        return []
    if text_width(text, font_size, bold=bold) <= max_width:
        return [text]
    units: list[str] = []
    for unit in _break_units(text):
        if text_width(unit, font_size, bold=bold) > max_width:
            units.extend(_clusters(unit))
        else:
            units.append(unit)
    lines: list[str] = []
    current = ""
    for unit in units:
        candidate = current + unit
        if current.strip() and text_width(candidate.rstrip(), font_size, bold=bold) > max_width:
            lines.append(current.rstrip())
            current = unit.lstrip()
        else:
            current = candidate
    if current.strip():
        lines.append(current.rstrip())
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = _ellipsize(lines[-1], max_width, font_size, bold=bold)
    return lines


# --- Formatting -----------------------------------------------------------------------------


def _as_decimal(value: object) -> Decimal | None:
    """The value as a finite Decimal, or None for nothing (None, NaN, infinities, junk)."""
    if value is None or isinstance(value, bool):
        return None
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


def format_value(value: Decimal | None, unit: str = "%") -> str:
    """One decimal, thousands separators, the unit; "—" when undefined (UX: never "NaN")."""
    if value is None:
        return NO_VALUE
    rounded = value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    if rounded == 0:
        rounded = abs(rounded)  # never print "-0.0"
    text = f"{rounded:,.1f}"
    if not unit:
        return text
    return f"{text}{unit}" if unit == "%" else f"{text} {unit}"


def _tick_label(value: float, step: float, unit: str) -> str:
    decimals = max(0, -math.floor(math.log10(step) + 1e-9)) if step < 1 else 0
    text = f"{value:,.{decimals}f}"
    if text.startswith("-") and float(value) == 0:
        text = text[1:]
    return f"{text}%" if unit == "%" else text


def _esc(text: str) -> str:
    """Text safe inside XML content and double- or single-quoted attributes."""
    text = _INVALID_XML.sub("", text)
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#39;")
    )


def _clean(text: str) -> str:
    """Text without characters XML forbids and with runs of whitespace collapsed."""
    return " ".join(_INVALID_XML.sub("", str(text)).split())


def _n(number: float) -> str:
    """A coordinate with at most one decimal, so output is compact and stable."""
    text = f"{number:.1f}"
    if text.endswith(".0"):
        text = text[:-2]
    return "0" if text == "-0" else text


# --- Scales ---------------------------------------------------------------------------------


def _nice_step(span: float, target: int) -> float:
    raw = span / max(target, 1)
    magnitude = 10.0 ** math.floor(math.log10(raw))
    for multiple in (1, 2, 2.5, 5, 10):
        if raw <= multiple * magnitude * (1 + 1e-9):
            return multiple * magnitude
    return 10 * magnitude  # pragma: no cover - the loop always returns


def _domain(values: Sequence[float], unit: str, max_value: float | None) -> tuple[float, float]:
    """(low, high) of the value axis: always includes zero, so bar lengths stay honest."""
    low = min([0.0, *values])
    if max_value is not None and max_value > low:
        high = max_value
    else:
        high = max([0.0, *values])
        if unit == "%" and high <= 100 and low >= 0:
            high = 100.0  # percentages read against the whole
        elif high > 0:
            step = _nice_step(high - low, 5)
            high = math.ceil(high / step - 1e-9) * step
    if low < 0:
        step = _nice_step(high - low, 5)
        low = math.floor(low / step + 1e-9) * step
    if high <= low:
        high = low + 1.0
    return low, high


def _ticks(low: float, high: float, target: int = 5) -> tuple[list[float], float]:
    step = _nice_step(high - low, target)
    first = math.ceil(low / step - 1e-9)
    ticks = []
    index = first
    while index * step <= high + step * 1e-6:
        ticks.append(round(index * step, 10))
        index += 1
    return ticks, step


# --- SVG assembly ---------------------------------------------------------------------------


class _Svg:
    """Collects elements; converts text digits to Thai digits when asked."""

    def __init__(self, *, thai_digits: bool) -> None:
        self.parts: list[str] = []
        self.thai_digits = thai_digits

    def t(self, text: str) -> str:
        return _esc(to_thai_digits(text) if self.thai_digits else text)

    def add(self, element: str) -> None:
        self.parts.append(element)

    def text(
        self,
        x: float,
        y: float,
        content: str,
        *,
        size: float = _LABEL_SIZE,
        anchor: str = "start",
        fill: str = INK,
        bold: bool = False,
        extra: str = "",
    ) -> None:
        attrs = f'x="{_n(x)}" y="{_n(y)}" font-size="{_n(size)}" fill="{fill}"'
        if anchor != "start":
            attrs += f' text-anchor="{anchor}"'
        if bold:
            attrs += ' font-weight="700"'
        self.add(f"<text {attrs}>{self.t(content)}{extra}</text>")

    def document(self, *, width: int, height: float, title: str, desc: str, kind: str) -> str:
        # No height attribute: browsers and WeasyPrint then derive the height from the viewBox,
        # so max-width:100% shrinks the chart on a phone without distorting it. (WeasyPrint
        # squares an SVG whose own style says height:auto, hence not that.)
        head = (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" '
            f'viewBox="0 0 {width} {_n(height)}" role="img" aria-label="{self.t(title)}" '
            f'class="pl-chart pl-chart-{kind}" font-family="{FONT_FAMILY}" '
            'style="max-width:100%">'
            f"<title>{self.t(title)}</title><desc>{self.t(desc)}</desc>"
        )
        return "\n".join([head, *self.parts, "</svg>"])


def _title_block(svg: _Svg, title: str, width: int) -> float:
    """Draw the chart title (up to two lines); return the y below it."""
    y = float(_PAD)
    for line in wrap_text(title, width - 2 * _PAD, _TITLE_SIZE, bold=True):
        y += _TITLE_SIZE + 4
        svg.text(_PAD, y, line, size=_TITLE_SIZE, bold=True)
    return y + 10


def _empty_chart(svg: _Svg, *, title: str, width: int, kind: str) -> SafeString:
    y = _title_block(svg, title, width) + _LABEL_SIZE + 4
    svg.text(width / 2, y, NO_DATA, anchor="middle", fill=MUTED)
    return mark_safe(  # safe: every text went through _esc
        svg.document(width=width, height=y + _PAD + 6, title=title, desc=NO_DATA, kind=kind)
    )


# --- Bar chart ------------------------------------------------------------------------------


def bar_chart_svg(
    items: Sequence[BarItem],
    *,
    title: str,
    unit: str = "%",
    max_value: Decimal | None = None,
    width: int = 640,
    thai_digits: bool = False,
) -> SafeString:
    """Horizontal bars, one per item, labels on the left and the value at the bar end.

    The value axis always starts at zero (negative values extend left of it). With unit "%"
    and no `max_value`, the axis runs to 100 unless a value exceeds it; otherwise to a round
    number above the largest value. A value above an explicit `max_value` fills the bar area.
    Highlighted items use the highlight colour and bold text (never colour alone).
    """
    width = max(int(width), 320)
    title = _clean(title)
    svg = _Svg(thai_digits=thai_digits)
    if not items:
        return _empty_chart(svg, title=title, width=width, kind="bar")
    values = [_as_decimal(item.value) for item in items]
    present = [float(value) for value in values if value is not None]
    cap = _as_decimal(max_value)
    low, high = _domain(present, unit, float(cap) if cap is not None else None)

    label_width = round(width * 0.36)
    value_texts = [format_value(value, unit) for value in values]
    notes = [" ".join(item.note.split()) for item in items]

    def shown(text: str) -> str:
        return to_thai_digits(text) if thai_digits else text

    needed = max(
        text_width(shown(text), _LABEL_SIZE, bold=True)
        + (text_width(" " + shown(note), _SMALL_SIZE) if note else 0)
        for text, note in zip(value_texts, notes, strict=True)
    )
    value_width = min(max(needed + 10, 48.0), width * 0.3)
    plot_left = _PAD + label_width + 10
    plot_right = width - _PAD - value_width
    plot_width = plot_right - plot_left

    def x_of(value: float) -> float:
        clamped = min(max(value, low), high)
        return plot_left + (clamped - low) / (high - low) * plot_width

    top = _title_block(svg, title, width)
    rows = []
    y = top
    for item in items:
        lines = wrap_text(item.label, label_width, _LABEL_SIZE, bold=item.highlight) or [""]
        height = max(24.0, len(lines) * _LINE_HEIGHT + 8)
        rows.append((y, height, lines))
        y += height
    bottom = y

    # Fewer gridlines when the tick labels are long (large amounts), so they never overlap.
    for target in (5, 3, 2, 1):
        ticks, step = _ticks(low, high, target)
        widest = max(text_width(shown(_tick_label(t, step, unit)), _SMALL_SIZE) for t in ticks)
        if len(ticks) < 2 or widest + 8 <= plot_width * step / (high - low):
            break
    for tick in ticks:
        x = x_of(tick)
        svg.add(
            f'<line x1="{_n(x)}" y1="{_n(top)}" x2="{_n(x)}" y2="{_n(bottom)}" '
            f'stroke="{GRID}" stroke-width="1"/>'
        )
        svg.text(
            x,
            bottom + 14,
            _tick_label(tick, step, unit),
            size=_SMALL_SIZE,
            anchor="middle",
            fill=MUTED,
        )
    zero_x = x_of(0.0)

    desc_parts = []
    for item, value, value_text, note, (row_y, height, lines) in zip(
        items, values, value_texts, notes, rows, strict=True
    ):
        centre = row_y + height / 2
        first_baseline = centre - (len(lines) - 1) * _LINE_HEIGHT / 2 + _LABEL_SIZE * 0.35
        svg.add('<g class="pl-bar-row">')
        if len(lines) > 1 or (lines and lines[-1].endswith(ELLIPSIS)):
            svg.add(f"<title>{svg.t(item.label)}</title>")  # the full label as a tooltip
        for index, line in enumerate(lines):
            svg.text(
                plot_left - 10,
                first_baseline + index * _LINE_HEIGHT,
                line,
                anchor="end",
                bold=item.highlight,
            )
        bar_height = 14.0
        bar_y = centre - bar_height / 2
        if value is not None:
            end_x = x_of(float(value))
            bar_x, bar_w = min(zero_x, end_x), abs(end_x - zero_x)
            fill = HIGHLIGHT if item.highlight else ACCENT
            svg.add(
                f'<rect class="pl-bar" x="{_n(bar_x)}" y="{_n(bar_y)}" width="{_n(bar_w)}" '
                f'height="{_n(bar_height)}" fill="{fill}"/>'
            )
            text_x = max(end_x, zero_x) + 4
        else:
            text_x = zero_x + 4
        extra = ""
        if note:
            room = width - _PAD - text_x - text_width(value_text, _LABEL_SIZE, bold=True)
            short = wrap_text(note, max(room, 12.0), _SMALL_SIZE, max_lines=1)
            if short:
                extra = (
                    f'<tspan font-size="{_SMALL_SIZE}" fill="{MUTED}" font-weight="400">'
                    f" {svg.t(short[0])}</tspan>"
                )
        svg.text(
            text_x,
            centre + _LABEL_SIZE * 0.35,
            value_text,
            fill=INK if value is not None else MUTED,
            bold=item.highlight,
            extra=extra,
        )
        svg.add("</g>")
        desc_parts.append(f"{item.label}: {value_text}" + (f" {note}" if note else ""))

    svg.add(
        f'<line x1="{_n(zero_x)}" y1="{_n(top)}" x2="{_n(zero_x)}" y2="{_n(bottom)}" '
        f'stroke="{MUTED}" stroke-width="1"/>'
    )
    height = bottom + 14 + _SMALL_SIZE * 0.4 + _PAD
    return mark_safe(  # safe: every text went through _esc
        svg.document(
            width=width, height=height, title=title, desc="; ".join(desc_parts), kind="bar"
        )
    )


# --- Trend chart ----------------------------------------------------------------------------


def _marker(shape: str, x: float, y: float, colour: str, size: float = 4.0) -> str:
    """A point marker; the class names the shape so the web CSS and tests can tell them apart."""
    attrs = f'class="pl-marker pl-marker-{shape}"'
    if shape == "circle":
        return f'<circle {attrs} cx="{_n(x)}" cy="{_n(y)}" r="{_n(size)}" fill="{colour}"/>'
    if shape == "square":
        side = size * 1.7
        return (
            f'<rect {attrs} x="{_n(x - side / 2)}" y="{_n(y - side / 2)}" width="{_n(side)}" '
            f'height="{_n(side)}" fill="{colour}"/>'
        )
    if shape == "cross":
        d = size * 0.95
        return (
            f'<path {attrs} d="M{_n(x - d)} {_n(y - d)}L{_n(x + d)} {_n(y + d)}'
            f'M{_n(x - d)} {_n(y + d)}L{_n(x + d)} {_n(y - d)}" stroke="{colour}" '
            f'stroke-width="2.2" fill="none"/>'
        )
    s = size * 1.25
    corners: Iterable[tuple[float, float]]
    if shape == "triangle":
        corners = ((x, y - s), (x + s, y + s * 0.8), (x - s, y + s * 0.8))
    elif shape == "triangle-down":
        corners = ((x, y + s), (x + s, y - s * 0.8), (x - s, y - s * 0.8))
    else:  # diamond
        corners = ((x, y - s), (x + s, y), (x, y + s), (x - s, y))
    points = " ".join(f"{_n(cx)},{_n(cy)}" for cx, cy in corners)
    return f'<polygon {attrs} points="{points}" fill="{colour}"/>'


def _line_sample(svg: _Svg, index: int, x: float, y: float, length: float = 30.0) -> None:
    colour = SERIES_COLOURS[index % len(SERIES_COLOURS)]
    dash = SERIES_DASHES[index % len(SERIES_DASHES)]
    dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
    svg.add(
        f'<line x1="{_n(x)}" y1="{_n(y)}" x2="{_n(x + length)}" y2="{_n(y)}" stroke="{colour}" '
        f'stroke-width="2"{dash_attr}/>'
    )
    svg.add(_marker(SERIES_MARKERS[index % len(SERIES_MARKERS)], x + length / 2, y, colour))


def trend_chart_svg(
    series: Sequence[TrendSeries],
    *,
    title: str,
    unit: str = "%",
    width: int = 640,
    thai_digits: bool = False,
) -> SafeString:
    """A line chart over B.E. years with a legend below it.

    Each series has its own colour, dash pattern and marker (styles repeat after six series).
    A None value, or a year the series has no point for, leaves a gap in its line. The value
    axis starts at zero and ends at a round number above the largest value.
    """
    width = max(int(width), 320)
    title = _clean(title)
    svg = _Svg(thai_digits=thai_digits)
    cleaned: list[tuple[str, dict[int, Decimal | None]]] = []
    for entry in series:
        cleaned.append((entry.label, {int(year): _as_decimal(v) for year, v in entry.points}))
    years = sorted({year for _, points in cleaned for year in points})
    present = [float(v) for _, points in cleaned for v in points.values() if v is not None]
    if not years or not present:
        return _empty_chart(svg, title=title, width=width, kind="trend")

    low, high = _domain(present, "", None)
    ticks, step = _ticks(low, high)

    def shown(text: str) -> str:
        return to_thai_digits(text) if thai_digits else text

    tick_texts = [_tick_label(tick, step, unit) for tick in ticks]
    axis_width = max(text_width(shown(text), _SMALL_SIZE) for text in tick_texts) + 8
    plot_left = _PAD + axis_width
    plot_right = width - _PAD - 8
    plot_width = plot_right - plot_left
    top = _title_block(svg, title, width)
    if unit and unit != "%":
        svg.text(_PAD, top + 2, f"({unit})", size=_SMALL_SIZE, fill=MUTED)
        top += 12
    plot_top = top + 6
    plot_height = max(150.0, round(width * 0.3))
    plot_bottom = plot_top + plot_height
    inset = 16.0

    def x_of(year: int) -> float:
        if len(years) == 1:
            return plot_left + plot_width / 2
        return (
            plot_left
            + inset
            + (year - years[0]) / (years[-1] - years[0]) * (plot_width - 2 * inset)
        )

    def y_of(value: float) -> float:
        return plot_bottom - (value - low) / (high - low) * plot_height

    for tick, text in zip(ticks, tick_texts, strict=True):
        y = y_of(tick)
        colour = MUTED if tick == 0 else GRID
        svg.add(
            f'<line x1="{_n(plot_left)}" y1="{_n(y)}" x2="{_n(plot_right)}" y2="{_n(y)}" '
            f'stroke="{colour}" stroke-width="1"/>'
        )
        svg.text(
            plot_left - 6, y + _SMALL_SIZE * 0.35, text, size=_SMALL_SIZE, anchor="end", fill=MUTED
        )

    year_label_width = text_width(shown("2568"), _SMALL_SIZE) + 10
    span = len(years) - 1
    every = 1
    if span:
        spacing = (plot_width - 2 * inset) / span
        every = max(1, math.ceil(year_label_width / max(spacing, 1)))
    for index, year in enumerate(years):
        if index % every and index != len(years) - 1:
            continue
        x = x_of(year)
        svg.add(
            f'<line x1="{_n(x)}" y1="{_n(plot_bottom)}" x2="{_n(x)}" y2="{_n(plot_bottom + 4)}" '
            f'stroke="{MUTED}" stroke-width="1"/>'
        )
        svg.text(x, plot_bottom + 17, str(year), size=_SMALL_SIZE, anchor="middle", fill=MUTED)

    desc_parts = []
    for index, (label, points) in enumerate(cleaned):
        colour = SERIES_COLOURS[index % len(SERIES_COLOURS)]
        dash = SERIES_DASHES[index % len(SERIES_DASHES)]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        runs: list[list[tuple[float, float]]] = [[]]
        for year in years:
            value = points.get(year)
            if value is None:
                if runs[-1]:
                    runs.append([])
                continue
            runs[-1].append((x_of(year), y_of(float(value))))
        svg.add(f'<g class="pl-series pl-series-{index + 1}">')
        for run in runs:
            if len(run) >= 2:
                coords = " ".join(f"{_n(x)},{_n(y)}" for x, y in run)
                svg.add(
                    f'<polyline points="{coords}" fill="none" stroke="{colour}" '
                    f'stroke-width="2" stroke-linejoin="round"{dash_attr}/>'
                )
        for run in runs:
            for x, y in run:
                svg.add(_marker(SERIES_MARKERS[index % len(SERIES_MARKERS)], x, y, colour))
        svg.add("</g>")
        values_text = ", ".join(f"{year}: {format_value(points.get(year), unit)}" for year in years)
        desc_parts.append(f"{label} — {values_text}")

    # Legend: entries flow left to right and wrap onto new rows.
    sample = 30.0
    y = plot_bottom + 17 + 18
    x = float(plot_left)
    max_label = width - 2 * _PAD - sample - 8
    for index, (label, _) in enumerate(cleaned):
        lines = wrap_text(label, max_label, _LABEL_SIZE, max_lines=1) or [""]
        entry_width = sample + 6 + text_width(shown(lines[0]), _LABEL_SIZE) + 18
        if x > plot_left and x + entry_width > width - _PAD:
            x = float(plot_left)
            y += _LINE_HEIGHT + 4
        _line_sample(svg, index, x, y - _LABEL_SIZE * 0.35)
        svg.text(x + sample + 6, y, lines[0])
        x += entry_width
    height = y + _PAD + 4
    return mark_safe(  # safe: every text went through _esc
        svg.document(
            width=width, height=height, title=title, desc="; ".join(desc_parts), kind="trend"
        )
    )
