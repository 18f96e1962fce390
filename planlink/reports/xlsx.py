"""XLSX workbooks for data packs and list downloads (every list can be downloaded).

Written with xlsxwriter: numbers stay numbers (Decimal → number, never text, so officers can sum
them in Excel), None stays an empty cell, strings are always written as text (a value starting
with "=" never becomes a formula), and each sheet gets notes rows, a bold header row that is
frozen and filterable, column widths estimated from the content, and a print setup (A4, the
orientation the columns need, one page wide, notes and header repeated on every page).
"""

from __future__ import annotations

import io
import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from django.http import HttpResponse
from django.utils import timezone

from planlink.reports.http import content_disposition

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

PERCENT = "0.0"  # percentages stored as 45.2, not 0.452: the number the officer reads
INTEGER = "#,##0"
DECIMAL_1 = "#,##0.0"
MONEY = "#,##0.00"
# Dates shown in the Buddhist Era (2567 for 2024): the calendar code Excel writes itself.
DATE_BE = "[$-1070000]d/m/yyyy;@"
DATETIME_BE = "[$-1070000]d/m/yyyy h:mm;@"

_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\\x00-\x1f]")
_PERCENT_HEADER = re.compile(r"%|ร้อยละ|percent", re.I)
_MAX_CELL_TEXT = 32767
_MIN_WIDTH, _MAX_WIDTH = 6.0, 60.0
_WIDTH_SAMPLE = 2000  # rows looked at for column widths; enough to be representative
A4_PAPER = 9  # Excel's paper size code for A4
# Column width units that fit across A4 portrait at half-inch margins (wider → landscape).
PORTRAIT_WIDTH = 100.0


@dataclass(frozen=True)
class Sheet:
    """One worksheet: notes rows on top, then the header row, then the data rows.

    `number_formats` maps a 0-based column index to an Excel number format (see PERCENT,
    INTEGER, MONEY...). Without one, a column whose header mentions "%"/"ร้อยละ" gets PERCENT,
    whole numbers get INTEGER and other numbers MONEY.
    """

    title: str
    header: Sequence[str]
    rows: Sequence[Sequence[object]]
    number_formats: dict[int, str] | None = None
    notes: Sequence[str] = field(default=())


def display_width(text: str) -> float:
    """Column width units for `text`: one per character, Thai combining marks count nothing."""
    width = 0.0
    for char in text:
        if unicodedata.category(char) in ("Mn", "Me", "Cf"):
            continue
        width += 2.0 if unicodedata.east_asian_width(char) in ("W", "F") else 1.0
    return width


def sheet_names(titles: Sequence[str]) -> list[str]:
    """Valid, unique Excel sheet names: ≤ 31 characters, none of []:*?/\\, not starting or
    ending with an apostrophe, not "History" (reserved), unique ignoring case."""
    used: set[str] = set()
    names = []
    for index, title in enumerate(titles, start=1):
        name = " ".join(_SHEET_FORBIDDEN.sub(" ", str(title)).split()).strip("'").strip()
        if not name:
            name = f"Sheet{index}"
        if name.lower() == "history":
            name = "History (1)"
        name = name[:31].strip().strip("'") or f"Sheet{index}"
        candidate, counter = name, 2
        while candidate.lower() in used:
            suffix = f" ({counter})"
            candidate = name[: 31 - len(suffix)].rstrip().rstrip("'") + suffix
            counter += 1
        used.add(candidate.lower())
        names.append(candidate)
    return names


def _plain(value: object) -> object:
    """A value xlsxwriter can store: numbers, text, dates, booleans, or None (empty)."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, Decimal):
        return float(value) if value.is_finite() else None
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = timezone.make_naive(value)  # the reader's wall clock (Asia/Bangkok)
        return value
    if isinstance(value, date | time):
        return value
    return str(value)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _default_formats(
    header: Sequence[str], rows: list[list[object]], columns: int
) -> dict[int, str]:
    formats: dict[int, str] = {}
    for column in range(columns):
        label = str(header[column]) if column < len(header) else ""
        if _PERCENT_HEADER.search(label):
            formats[column] = PERCENT
            continue
        numbers = [
            row[column]
            for row in rows[:_WIDTH_SAMPLE]
            if column < len(row) and _is_number(row[column])
        ]
        if numbers:
            whole = all(float(n).is_integer() for n in numbers)  # type: ignore[arg-type]
            formats[column] = INTEGER if whole else MONEY
    return formats


def _shown(value: object, number_format: str | None) -> str:
    """Roughly the text Excel shows, for sizing the column."""
    if _is_number(value):
        number = float(value)  # type: ignore[arg-type]
        if number_format == PERCENT:
            return f"{number:.1f}"
        if number_format in (MONEY,):
            return f"{number:,.2f}"
        if number_format == DECIMAL_1:
            return f"{number:,.1f}"
        return f"{number:,.0f}" if number == int(number) else f"{number:,.2f}"
    if isinstance(value, datetime):
        return "00/00/0000 00:00"
    if isinstance(value, date):
        return "00/00/0000"
    return str(value)


def workbook_bytes(sheets: Sequence[Sheet], *, title: str) -> bytes:
    """An .xlsx file with one worksheet per `Sheet`; `title` goes into the file properties."""
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_numbers": False})
    book.set_properties({"title": title, "comments": "planlink"})
    bold = book.add_format({"bold": True, "text_wrap": True, "valign": "top", "bottom": 1})
    note_format = book.add_format({"italic": True, "font_color": "#5c6670"})
    first_note = book.add_format({"bold": True, "font_size": 12})
    text_wrap = book.add_format({"text_wrap": True, "valign": "top"})
    text_plain = book.add_format({"valign": "top"})
    cache: dict[str, object] = {}

    def number_format(pattern: str) -> object:
        if pattern not in cache:
            cache[pattern] = book.add_format({"num_format": pattern, "valign": "top"})
        return cache[pattern]

    for sheet, name in zip(sheets, sheet_names([s.title for s in sheets]), strict=True):
        worksheet = book.add_worksheet(name)
        rows = [[_plain(value) for value in row] for row in sheet.rows]
        columns = max([len(sheet.header), *(len(row) for row in rows)], default=0)
        formats = {**_default_formats(sheet.header, rows, columns), **(sheet.number_formats or {})}

        for index, note in enumerate(sheet.notes):
            worksheet.write_string(
                index, 0, str(note)[:_MAX_CELL_TEXT], first_note if index == 0 else note_format
            )
        header_row = len(sheet.notes)
        for column, label in enumerate(sheet.header):
            worksheet.write_string(header_row, column, str(label)[:_MAX_CELL_TEXT], bold)

        widths = [display_width(str(label)) for label in sheet.header]
        widths += [0.0] * (columns - len(widths))
        for row in rows[:_WIDTH_SAMPLE]:
            for column, value in enumerate(row):
                if value is not None:
                    shown = _shown(value, formats.get(column))
                    widths[column] = max(widths[column], display_width(shown))
        final_widths = [min(_MAX_WIDTH, max(_MIN_WIDTH, width + 2)) for width in widths]

        for row_index, row in enumerate(rows, start=header_row + 1):
            for column, value in enumerate(row):
                pattern = formats.get(column)
                if value is None:
                    continue
                if isinstance(value, str):
                    wrap = widths[column] + 2 > _MAX_WIDTH
                    worksheet.write_string(
                        row_index, column, value[:_MAX_CELL_TEXT], text_wrap if wrap else text_plain
                    )
                elif isinstance(value, bool):
                    worksheet.write_boolean(row_index, column, value)
                elif _is_number(value):
                    worksheet.write_number(
                        row_index,
                        column,
                        value,
                        number_format(pattern) if pattern else text_plain,
                    )
                elif isinstance(value, datetime):
                    worksheet.write_datetime(
                        row_index,
                        column,
                        value,
                        number_format(pattern or DATETIME_BE),
                    )
                elif isinstance(value, date):
                    worksheet.write_datetime(
                        row_index, column, value, number_format(pattern or DATE_BE)
                    )
                elif isinstance(value, time):
                    worksheet.write_datetime(
                        row_index, column, value, number_format(pattern or "h:mm")
                    )
                else:
                    worksheet.write_string(row_index, column, str(value), text_plain)

        for column, width in enumerate(final_widths):
            worksheet.set_column(column, column, width)
        print_setup(worksheet, widths=final_widths, title_rows=header_row + 1, title=title)
        worksheet.freeze_panes(header_row + 1, 0)
        if columns:
            worksheet.autofilter(header_row, 0, header_row + len(rows), columns - 1)
    book.close()
    return buffer.getvalue()


def header_footer_text(text: str) -> str:
    """`text` safe in an Excel header or footer (where "&" starts a code)."""
    return text.replace("&", "&&")[:200]


def print_setup(worksheet: object, *, widths: Sequence[float], title_rows: int, title: str) -> None:
    """A4, portrait when the columns fit its width and landscape otherwise, one page wide
    (as many pages tall as needed), the notes and header rows repeated on every page, the
    workbook's title on top and the page number below."""
    sheet: Any = worksheet
    sheet.set_paper(A4_PAPER)
    if sum(widths) > PORTRAIT_WIDTH:
        sheet.set_landscape()
    else:
        sheet.set_portrait()
    sheet.fit_to_pages(1, 0)
    if title_rows:
        sheet.repeat_rows(0, title_rows - 1)
    sheet.set_margins(left=0.5, right=0.5, top=0.75, bottom=0.75)
    sheet.set_header(f"&C{header_footer_text(title)}")
    sheet.set_footer("&Rหน้า &P/&N")


def xlsx_download(data: bytes, filename: str) -> HttpResponse:
    """The workbook as a download; a Thai `filename` is kept (RFC 5987)."""
    response = HttpResponse(data, content_type=XLSX_TYPE)
    response["Content-Disposition"] = content_disposition(filename, extension=".xlsx", inline=False)
    return response
