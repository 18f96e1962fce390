"""Small XLSX downloads of on-screen lists (every list can be downloaded)."""

from __future__ import annotations

import io
from collections.abc import Sequence

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_bytes(*, title: str, header: Sequence[str], rows: Sequence[Sequence[object]]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "data"
    sheet.append([title])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append(list(header))
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(list(row))
    for index, name in enumerate(header, start=1):
        width = max([len(str(name))] + [len(str(r[index - 1] or "")) for r in rows[:500]])
        sheet.column_dimensions[get_column_letter(index)].width = min(60, max(10, width + 2))
    sheet.freeze_panes = "A3"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def xlsx_response(
    *, filename: str, title: str, header: Sequence[str], rows: Sequence[Sequence[object]]
) -> HttpResponse:
    response = HttpResponse(
        xlsx_bytes(title=title, header=header, rows=rows), content_type=XLSX_TYPE
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
