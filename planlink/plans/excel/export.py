"""A plan version as an Excel workbook (plan_workbook)."""

from __future__ import annotations

import io
import json
import math
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from planlink.evidence.models import DevelopmentCategory
from planlink.plans.excel.columns import (
    _TEXT_FIELDS,
    DATE_FORMAT,
    DAYS_FORMAT,
    DETAILS_SPEC,
    FUNDING_TH,
    HEADER_ROW,
    ID_HEADER,
    ID_SPEC,
    MODE_TH,
    MONEY_FORMAT,
    SHEET_HELP,
    SHEET_ITEMS,
    SHEET_LISTS,
    SPARE_ROWS,
    SPECS_AFTER_BUDGETS,
    SPECS_BEFORE_BUDGETS,
    STATUS_TH,
    VERSION_STATUS_TH,
    Spec,
    budget_header,
)
from planlink.plans.models import (
    FundingSource,
    ItemStatus,
    Mode,
    PlanItem,
    PlanVersion,
    VersionStatus,
    WorkingGroup,
)
from planlink.plans.services import (
    ItemData,
    item_data_of,
)
from planlink.reports.xlsx import display_width

# --- Export ---------------------------------------------------------------------------------


def _problem_cell(problems: Sequence[tuple[str, str, int | None, Decimal | None]]) -> str:
    lines = []
    for key, title, _year, _share in problems:
        lines.append(key if not title or title == key else f"{key} — {title}")
    return "\n".join(lines)


def _details_cell(problems: Sequence[tuple[str, str, int | None, Decimal | None]]) -> str:
    if not problems:
        return ""
    details = {
        key: [title, year, None if share is None else str(share)]
        for key, title, year, share in problems
    }
    return json.dumps(details, ensure_ascii=False, separators=(",", ":"))


def _item_data(item: PlanItem) -> ItemData:
    """What the item is now, in the form the import produces (for comparison and for keeping
    the fields of columns a file does not have)."""
    return item_data_of(item)


def _items_of(version: PlanVersion) -> list[PlanItem]:
    return list(
        version.items.select_related("category", "working_group")
        .prefetch_related("budgets", "problems")
        .order_by("priority", "id")
    )


def _categories(extra: Iterable[DevelopmentCategory] = ()) -> list[DevelopmentCategory]:
    found = {c.pk: c for c in DevelopmentCategory.objects.filter(is_active=True)}
    for category in extra:  # an inactive category still used by an item stays choosable
        found.setdefault(category.pk, category)
    return sorted(found.values(), key=lambda c: (c.order, c.code))


def plan_workbook(version: PlanVersion, *, blank: bool = False) -> bytes:
    """The version as an XLSX to edit and import back (`blank=True`: the empty template)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    plan = version.plan
    years = plan.years
    items = [] if blank else _items_of(version)
    groups = list(WorkingGroup.objects.filter(area_id=plan.area_id).order_by("kind", "name"))
    categories = _categories(i.category for i in items)
    specs = [
        *SPECS_BEFORE_BUDGETS,
        *(
            Spec(f"budget:{y}", budget_header(y), f"budget {y} (baht)", width=15, kind="money")
            for y in years
        ),
        *SPECS_AFTER_BUDGETS,
        ID_SPEC,
        DETAILS_SPEC,
    ]
    position = {spec.key: index for index, spec in enumerate(specs, start=1)}

    book = Workbook()
    sheet = book.active
    sheet.title = SHEET_ITEMS
    book.properties.title = plan.title
    book.properties.creator = "planlink"

    bold = Font(bold=True)
    top = Alignment(vertical="top")
    wrap = Alignment(vertical="top", wrap_text=True)
    header_fill = PatternFill("solid", fgColor="E8F0FA")
    id_fill = PatternFill("solid", fgColor="EEEEEE")

    status = VERSION_STATUS_TH.get(VersionStatus(version.status), version.status)
    sheet.cell(row=1, column=1, value=f"{plan.title} — {version_label_th(version)} ({status})")
    sheet.cell(row=1, column=1).font = Font(bold=True, size=13)
    sheet.cell(
        row=2,
        column=1,
        value=(
            "แก้ไขในแผ่นนี้แล้วนำเข้ากลับได้: แถวที่มีรหัสรายการจะปรับปรุงรายการนั้น แถวใหม่เว้นรหัสว่าง "
            "รายการที่ไม่มีในไฟล์จะถูกลบ ดูแผ่น 'คำอธิบาย' / Edit and import back: rows with an id "
            "update that item, new rows leave it blank, items missing from the file are deleted."
        ),
    )
    sheet.cell(row=2, column=1).font = Font(italic=True, color="5C6670")

    for spec in specs:
        column = position[spec.key]
        header = spec.th
        if spec.key == ID_SPEC.key:
            header = f"{ID_HEADER} [v{version.pk}]"
        cell = sheet.cell(row=HEADER_ROW, column=column, value=header)
        cell.font = bold
        cell.alignment = Alignment(vertical="bottom", wrap_text=True)
        cell.fill = id_fill if spec.kind in ("id", "hidden") else header_fill
        letter = get_column_letter(column)
        sheet.column_dimensions[letter].width = spec.width
        if spec.kind == "hidden":
            sheet.column_dimensions[letter].hidden = True

    groups_by_id = {g.pk: g.name for g in groups}
    for row_index, item in enumerate(items, start=HEADER_ROW + 1):
        data = _item_data(item)
        budgets = data.budgets
        values: dict[str, object] = {
            "priority": item.priority,
            "mode": MODE_TH.get(Mode(item.mode), item.mode),
            "funding_source": FUNDING_TH.get(FundingSource(item.funding_source)),
            "working_group": groups_by_id.get(item.working_group_id or 0, ""),
            "category": item.category.name_th,
            "status": STATUS_TH.get(ItemStatus(item.status)),
            "contribution_cash": data.contribution_cash,
            "contribution_in_kind_value": data.contribution_in_kind_value,
            "contribution_labour_days": data.contribution_labour_days,
            "problems": _problem_cell(data.problems),
            "start_date": data.start_date,
            "end_date": data.end_date,
            "item_id": item.pk,
            "problem_details": _details_cell(data.problems),
            **{f"budget:{y}": budgets.get(y) for y in years},
        }
        for name in _TEXT_FIELDS:
            if name not in values:
                values[name] = getattr(data, name)
        lines = 1
        for spec in specs:
            _write_cell(sheet, row_index, position[spec.key], values.get(spec.key), spec.kind)
            cell = sheet.cell(row=row_index, column=position[spec.key])
            cell.alignment = wrap if spec.kind in ("long", "choice") else top
            if spec.kind == "id":
                cell.fill = id_fill
            if spec.kind in ("long", "choice") and cell.value:
                lines = max(lines, _wrapped_lines(str(cell.value), spec.width))
        # Row heights for the wrapped text: spreadsheets do not size rows of a written file,
        # and a printed page would show the lines over each other.
        sheet.row_dimensions[row_index].height = min(409, 4 + 17 * lines)

    for spec in specs:  # a column style, so rows users add get the number format too
        pattern = {"money": MONEY_FORMAT, "days": DAYS_FORMAT, "date": DATE_FORMAT}.get(spec.kind)
        if pattern:
            letter = get_column_letter(position[spec.key])
            sheet.column_dimensions[letter].number_format = pattern
    last_row = HEADER_ROW + len(items) + SPARE_ROWS

    lists = book.create_sheet(SHEET_LISTS)
    choice_lists = {
        "mode": list(MODE_TH.values()),
        "funding_source": list(FUNDING_TH.values()),
        "working_group": [g.name for g in groups],
        "category": [c.name_th for c in categories],
        "status": list(STATUS_TH.values()),
    }
    for list_column, (key, choices) in enumerate(choice_lists.items(), start=1):
        spec = next(s for s in specs if s.key == key)
        lists.cell(row=1, column=list_column, value=spec.th).font = bold
        for offset, choice in enumerate(choices, start=2):
            _write_cell(lists, offset, list_column, choice, "text")
        lists.column_dimensions[get_column_letter(list_column)].width = 34
        if not choices:
            continue
        letter = get_column_letter(list_column)
        validation = DataValidation(
            type="list",
            formula1=f"'{SHEET_LISTS}'!${letter}$2:${letter}${len(choices) + 1}",
            allow_blank=True,
            showDropDown=False,  # openpyxl's name is inverted: False shows the arrow
            showErrorMessage=True,
            errorStyle="warning",
            errorTitle="ไม่อยู่ในรายการ / not in the list",
            error=f"ควรเลือกจากรายการ: {spec.th} / choose a value from the list",
            promptTitle=spec.th[:32],
            prompt="เลือกจากรายการ / choose from the list",
            showInputMessage=True,
        )
        column_letter = get_column_letter(position[key])
        validation.add(f"{column_letter}{HEADER_ROW + 1}:{column_letter}{last_row}")
        sheet.add_data_validation(validation)
    lists.sheet_state = "hidden"

    sheet.freeze_panes = sheet.cell(row=HEADER_ROW + 1, column=3)  # header + no. + title
    last_column = get_column_letter(position[ID_SPEC.key])
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{last_column}{HEADER_ROW + max(len(items), 1)}"
    sheet.row_dimensions[HEADER_ROW].height = 48
    # Some 25 columns of working data: printed 4 pages wide (about 3/4 of full size) with the
    # number and title repeated on each, rather than one unreadable page.
    _print_setup(
        sheet,
        title=plan.title,
        title_rows=f"{HEADER_ROW}:{HEADER_ROW}",
        landscape=True,
        pages_wide=4,
        title_cols="A:B",
    )

    _help_sheet(book, specs, years)
    book.move_sheet(SHEET_HELP, offset=-1)  # items, help, (hidden) lists
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _wrapped_lines(text: str, width: float) -> int:
    """About how many lines `text` takes in a wrapped column `width` units wide (Sarabun's
    Thai letters are narrower than a width unit; marks take no width)."""
    usable = max(width - 1, 4) * 1.15
    return sum(max(1, math.ceil(display_width(part) / usable)) for part in text.split("\n"))


def _print_setup(
    sheet: Any,
    *,
    title: str,
    title_rows: str | None,
    landscape: bool,
    pages_wide: int = 1,
    title_cols: str | None = None,
) -> None:
    """A4, `pages_wide` pages wide, the header row (and `title_cols`) on every page, the
    plan's title on top and the page number below."""
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.fitToWidth = pages_wide
    if title_cols:
        sheet.print_title_cols = title_cols
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    if title_rows:
        sheet.print_title_rows = title_rows
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.oddHeader.center.text = title.replace("&", "&&")[:200]
    sheet.oddFooter.right.text = "หน้า &P/&N"


def _write_cell(sheet: Any, row: int, column: int, value: object, kind: str) -> None:
    cell = sheet.cell(row=row, column=column)
    if value is None or value == "":
        return
    if isinstance(value, str):
        cell.value = value
        cell.data_type = "s"  # text beginning with "=" stays text, never a formula
        return
    cell.value = value
    if kind == "money":
        cell.number_format = MONEY_FORMAT
    elif kind == "days":
        cell.number_format = DAYS_FORMAT
    elif kind == "date":
        cell.number_format = DATE_FORMAT


def _help_sheet(book: Any, specs: Sequence[Spec], years: Sequence[int]) -> None:
    from openpyxl.styles import Alignment, Font

    sheet = book.create_sheet(SHEET_HELP)
    rules = [
        ("วิธีใช้ไฟล์นี้ / How to use this file", ""),
        (
            "แก้ไขแผ่น 'โครงการ' แล้วนำเข้ากลับที่หน้าแผนของหมู่บ้าน ระบบตรวจทุกแถวก่อน ถ้าพบปัญหาแม้แถวเดียว "
            "จะไม่บันทึกอะไรเลยและบอกแถวกับคอลัมน์ที่ต้องแก้",
            "Edit the sheet 'โครงการ' and import it on the village plan's page. Every row is "
            "checked first; any problem rejects the whole file, naming the row and column.",
        ),
        (
            "แถวที่มีรหัสรายการจะปรับปรุงรายการนั้น แถวที่ไม่มีรหัสจะเป็นรายการใหม่ รายการของแผนที่ไม่มีในไฟล์จะถูกลบ",
            "A row with an item id updates that item; a row without one adds an item; items "
            "of the plan missing from the file are deleted.",
        ),
        (
            "ลำดับความสำคัญเรียงตามตัวเลข เลขซ้ำหรือว่างเรียงตามลำดับแถว แล้วระบบให้เลขใหม่ 1, 2, 3 …",
            "Rows are ordered by their priority number (ties and blanks keep file order) and "
            "renumbered 1, 2, 3 …",
        ),
        (
            "คอลัมน์ที่ลบออกจากไฟล์จะไม่เปลี่ยนข้อมูลเดิมของรายการ ตัวเลขไทย (๐–๙) ใช้ได้ทุกช่อง "
            "งบประมาณเขียนได้ เช่น 1,250,000 หรือ 1.25 ล้านบาท หรือ ไม่ใช้งบประมาณ ช่องงบประมาณว่าง "
            "= ไม่มีงบประมาณปีนั้น",
            "A column removed from the file leaves that field unchanged. Thai digits are "
            "accepted everywhere. Budgets may be written 1,250,000, 1.25 ล้านบาท or "
            "ไม่ใช้งบประมาณ; an empty budget cell means no budget that year.",
        ),
        (
            f"ปีงบประมาณของแผน: {', '.join(str(y) for y in years)} ใส่งบประมาณนอกช่วงนี้ไม่ได้",
            f"The plan's fiscal years: {', '.join(str(y) for y in years)}; budgets outside "
            "them are refused.",
        ),
    ]
    bold = Font(bold=True)
    wrap = Alignment(vertical="top", wrap_text=True)
    row = 1
    for th, en in rules:
        sheet.cell(row=row, column=1, value=th).alignment = wrap
        sheet.cell(row=row, column=3, value=en).alignment = wrap
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
        sheet.merge_cells(start_row=row, start_column=3, end_row=row, end_column=4)
        if row == 1:
            sheet.cell(row=row, column=1).font = Font(bold=True, size=13)
        row += 1
    row += 1
    for column, label in enumerate(
        ("คอลัมน์", "ค่าที่รับและกฎ", "Column", "Accepted values and rules"), start=1
    ):
        sheet.cell(row=row, column=column, value=label).font = bold
    for spec in specs:
        row += 1
        th_help, en_help = spec.help_th, spec.help_en
        if spec.key.startswith("budget:"):
            th_help = "งบประมาณของปีนั้น (บาท) เช่น 1,250,000 หรือ 1.25 ล้านบาท ว่าง = ไม่มีงบประมาณ"
            en_help = "that year's budget (baht), e.g. 1,250,000 or 1.25 ล้านบาท; blank = none"
        elif not th_help and spec.kind == "long":
            th_help, en_help = "ข้อความ (ว่างได้)", "text (may be blank)"
        for column, value in enumerate((spec.th, th_help, spec.en, en_help), start=1):
            sheet.cell(row=row, column=column, value=value).alignment = wrap
    for letter, width in zip("ABCD", (30, 60, 28, 60), strict=True):
        sheet.column_dimensions[letter].width = width
    _print_setup(sheet, title="วิธีใช้ไฟล์แผน", title_rows=None, landscape=True)


def version_label_th(version: PlanVersion) -> str:
    """ "ฉบับแรก" for the original, else the revision's label ("เพิ่มเติม ครั้งที่ 1")."""
    return "ฉบับแรก" if version.number == 0 else version.label
