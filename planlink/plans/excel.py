"""The village plan as an Excel workbook, and back (the officers' and committees' round trip).

`plan_workbook` writes a version's items, one row per item in priority order, with dropdown
lists, a frozen header and a sheet "คำอธิบาย" explaining every column. `plan_import` reads such
a file back (or any CSV/XLSX with the same headers) and makes the draft version equal to it:

- a row with an item id (last visible column) updates that item; a row without one creates an
  item; items of the version that no row mentions are deleted — the file *is* the plan;
- priorities are the order of the ลำดับความสำคัญ numbers (ties and blanks keep file order, blanks
  last) renumbered 1..n, so duplicate numbers are no error;
- a column missing from the file leaves that field of existing items as it is;
- everything is validated first; any problem rejects the whole file (ImportRejected, every
  problem with its row and column header) and nothing is written;
- a cell holding a 13-digit citizen ID (in any column read) is such a problem: plans keep
  names and roles, never citizen IDs.

The id column's header carries the version the file was exported from ("[v17]"). Ids are
checked against the version imported into (an id of an earlier version maps to its copy in a
revision); a file exported from a different version whose ids are not found creates new items,
so a plan can be copied into another village's or year's draft. docs/formats-plans.md describes
the columns for users.

Exactness: exporting and importing into the same version changes nothing. Problem links show as
"key — title" lines; their survey year and share travel in a hidden column, so the round trip
into another plan reproduces them too.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import partial
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from planlink.accounts import plan_access
from planlink.core.tabular import ROW, Column, ImportRejected, Problem, Table, normalize_header
from planlink.core.tabular import read_table as _read_table
from planlink.core.thai import ThaiValueError, parse_budget, parse_int, to_arabic_digits
from planlink.evidence.models import DevelopmentCategory
from planlink.plans.freetext import citizen_id_problem
from planlink.plans.locking import lock_version
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
    item_create,
    item_data_of,
    item_delete,
    item_update,
    items_reorder,
)

SHEET_ITEMS = "โครงการ"
SHEET_HELP = "คำอธิบาย"
SHEET_LISTS = "ตัวเลือก"
HEADER_ROW = 3  # row 1: plan title, row 2: how to use the sheet, row 3: headers
SPARE_ROWS = 300  # rows below the data that still get the dropdowns
MONEY_FORMAT = "#,##0.00"
DAYS_FORMAT = "#,##0.0"
DATE_FORMAT = "[$-1070000]d/m/yyyy;@"  # shown in B.E., as Thai Excel users expect

MODE_TH = {Mode.SELF: "ทำเอง", Mode.JOINT: "ทำร่วม", Mode.REQUEST: "ขอรับการสนับสนุน"}
FUNDING_TH = {
    FundingSource.COMMUNITY: "เงิน/กองทุนของหมู่บ้าน",
    FundingSource.LAO: "องค์กรปกครองส่วนท้องถิ่น (อปท.)",
    FundingSource.DISTRICT: "อำเภอ",
    FundingSource.PROVINCE: "จังหวัด",
    FundingSource.AGENCY: "หน่วยงานอื่น (ระบุชื่อ)",
    FundingSource.NONE: "ไม่ใช้งบประมาณ",
}
STATUS_TH = {
    ItemStatus.PROPOSED: "ยังไม่ดำเนินการ",
    ItemStatus.IN_PROGRESS: "กำลังดำเนินการ",
    ItemStatus.DONE: "ดำเนินการแล้ว",
    ItemStatus.DROPPED: "ยกเลิก",
}
VERSION_STATUS_TH = {
    VersionStatus.DRAFT: "ร่าง",
    VersionStatus.REVIEWED: "พัฒนากรตรวจแล้ว",
    VersionStatus.APPROVED: "ประชาคมหมู่บ้านอนุมัติแล้ว",
    VersionStatus.PUBLISHED: "ประกาศใช้แล้ว",
}

# Other ways people write the same choices (compared after `_norm`).
_MODE_WORDS = {
    Mode.SELF: ("self", "selfdone", "doneourselves", "ดำเนินการเอง", "ทำเองโดยชุมชน", "ชุมชนทำเอง"),
    Mode.JOINT: ("joint", "ร่วม", "ทำร่วมกัน", "ร่วมดำเนินการ", "ดำเนินการร่วม"),
    Mode.REQUEST: (
        "request",
        "requestsupport",
        "support",
        "ขอรับการสนับสนุนงบประมาณ",
        "ขอสนับสนุน",
        "ขอการสนับสนุน",
        "ขอรับงบประมาณ",
        "ขอรับ",
    ),
}
_FUNDING_WORDS = {
    FundingSource.COMMUNITY: (
        "community",
        "village/community funds",
        "หมู่บ้าน",
        "ชุมชน",
        "งบหมู่บ้าน",
        "กองทุนหมู่บ้าน",
        "เงินของหมู่บ้าน",
    ),
    FundingSource.LAO: (
        "lao",
        "local government",
        "อปท",
        "องค์กรปกครองส่วนท้องถิ่น",
        "อบต",
        "เทศบาล",
    ),
    FundingSource.DISTRICT: ("district",),
    FundingSource.PROVINCE: ("province",),
    FundingSource.AGENCY: ("agency", "a named agency", "หน่วยงานอื่น", "หน่วยงาน", "ส่วนราชการ"),
    FundingSource.NONE: ("none", "no budget needed", "ไม่ใช้งบ", "ไม่มี", "ไม่ต้องใช้งบประมาณ"),
}
_STATUS_WORDS = {
    ItemStatus.PROPOSED: ("proposed", "เสนอ", "รอดำเนินการ", "ยังไม่เริ่ม", "planned"),
    ItemStatus.IN_PROGRESS: ("in progress", "ระหว่างดำเนินการ", "กำลังทำ"),
    ItemStatus.DONE: ("done", "เสร็จแล้ว", "แล้วเสร็จ", "เสร็จสิ้น", "ดำเนินการเสร็จแล้ว"),
    ItemStatus.DROPPED: ("dropped", "ยกเลิกแล้ว", "ไม่ดำเนินการ", "cancelled", "canceled"),
}

_MAX_LENGTH = {
    "title": 300,
    "funding_agency": 200,
    "responsible_agency": 200,
    "contribution_in_kind": 300,
}
_MAX_DAYS = Decimal("9999999.9")  # DecimalField(8, 1)
_TEXT_FIELDS = (
    "title",
    "description",
    "objective",
    "target",
    "kpi",
    "expected_result",
    "funding_agency",
    "responsible_agency",
    "dropped_reason",
    "contribution_in_kind",
)


# --- Columns --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Spec:
    """One column of the sheet: how it is matched on import and explained in คำอธิบาย."""

    key: str
    th: str
    en: str
    aliases: tuple[str, ...] = ()
    required: bool = False
    width: float = 14
    kind: str = "text"  # text, long, int, money, days, date, choice, id, hidden
    help_th: str = ""
    help_en: str = ""

    def column(self) -> Column:
        return Column(self.key, self.th, self.en, self.aliases, required=self.required)


_MODE_HELP = "ทำเอง / ทำร่วม / ขอรับการสนับสนุน (หรือ self / joint / request)"
SPECS_BEFORE_BUDGETS = (
    Spec(
        "priority",
        "ลำดับความสำคัญ",
        "priority",
        ("ลำดับ", "ที่", "no", "rank"),
        width=9,
        kind="int",
        help_th="ตัวเลข 1, 2, 3 … เรียงตามเลขนี้ เลขซ้ำหรือว่างเรียงตามลำดับแถว (แถวว่างไว้ท้าย) "
        "แล้วระบบให้เลขใหม่ 1..n",
        help_en="1, 2, 3 …; rows are ordered by this number (ties and blanks keep file order, "
        "blanks last) and renumbered 1..n",
    ),
    Spec(
        "title",
        "โครงการ/กิจกรรม",
        "project or activity",
        ("โครงการ", "กิจกรรม", "ชื่อโครงการ", "project", "title"),
        required=True,
        width=36,
        kind="long",
        help_th="ต้องมี ไม่เกิน 300 ตัวอักษร",
        help_en="required, at most 300 characters",
    ),
    Spec("description", "รายละเอียด", "description", width=30, kind="long"),
    Spec("objective", "วัตถุประสงค์", "objective", width=30, kind="long"),
    Spec(
        "target",
        "เป้าหมาย (ผลผลิต)",
        "target / output",
        ("เป้าหมาย", "เป้าหมาย (ผลผลิตของโครงการ)", "target"),
        width=26,
        kind="long",
    ),
    Spec("kpi", "ตัวชี้วัด (KPI)", "indicator (KPI)", ("ตัวชี้วัด", "kpi"), width=24, kind="long"),
    Spec(
        "expected_result",
        "ผลที่คาดว่าจะได้รับ",
        "expected result",
        ("expected result",),
        width=26,
        kind="long",
    ),
    Spec(
        "mode",
        "วิธีดำเนินการ (ทำเอง/ทำร่วม/ขอรับการสนับสนุน)",
        "how it is carried out",
        ("วิธีดำเนินการ", "mode", "how"),
        required=True,
        width=18,
        kind="choice",
        help_th=f"ต้องมี: {_MODE_HELP} — ทำเอง = ชาวบ้านทำเองด้วยทรัพยากรของตนเอง",
        help_en=f"required: {_MODE_HELP}; self = villagers with their own resources",
    ),
    Spec(
        "funding_source",
        "แหล่งงบประมาณ",
        "funding source",
        ("funding",),
        width=22,
        kind="choice",
        help_th="เลือกจากรายการ (หรือรหัส community/lao/district/province/agency/none) "
        "ว่าง = เงิน/กองทุนของหมู่บ้าน",
        help_en="from the list (or the code community/lao/district/province/agency/none); "
        "blank = village/community funds",
    ),
    Spec(
        "funding_agency",
        "หน่วยงานที่ขอรับการสนับสนุน",
        "agency asked",
        ("agency asked",),
        width=22,
        help_th="ชื่อหน่วยงานที่ขอรับการสนับสนุน ไม่เกิน 200 ตัวอักษร",
        help_en="the agency asked for support, at most 200 characters",
    ),
    Spec(
        "working_group",
        "คณะทำงานที่รับผิดชอบ",
        "responsible working group",
        ("คณะทำงาน", "working group"),
        width=30,
        kind="choice",
        help_th="ชื่อคณะทำงานของหมู่บ้านตามรายการ (ว่างได้)",
        help_en="the name of one of the village's working groups, as listed (may be blank)",
    ),
    Spec(
        "responsible_agency",
        "หน่วยงานรับผิดชอบ",
        "responsible agency",
        ("หน่วยงานรับผิดชอบหลัก", "responsible"),
        width=22,
        help_th="ไม่เกิน 200 ตัวอักษร",
        help_en="at most 200 characters",
    ),
    Spec(
        "category",
        "ด้านการพัฒนา",
        "development category",
        ("ด้าน", "category"),
        required=True,
        width=24,
        kind="choice",
        help_th="ต้องมี: ชื่อด้านตามรายการ หรือรหัส เช่น infrastructure",
        help_en="required: a category name as listed, or its code such as infrastructure",
    ),
)
SPECS_AFTER_BUDGETS = (
    Spec(
        "status",
        "สถานะ",
        "status",
        width=16,
        kind="choice",
        help_th="ยังไม่ดำเนินการ / กำลังดำเนินการ / ดำเนินการแล้ว / ยกเลิก ว่าง = ยังไม่ดำเนินการ",
        help_en="proposed / in progress / done / dropped (Thai or code); blank = proposed",
    ),
    Spec(
        "dropped_reason",
        "เหตุผลที่ยกเลิก",
        "why it was dropped",
        ("dropped reason",),
        width=24,
        kind="long",
        help_th="ต้องมีเมื่อสถานะเป็น ยกเลิก",
        help_en="required when the status is dropped",
    ),
    Spec(
        "contribution_cash",
        "เงินสมทบจากชาวบ้าน (บาท)",
        "villagers' cash (baht)",
        ("เงินสมทบ",),
        width=14,
        kind="money",
        help_th="จำนวนเงิน ไม่ติดลบ ว่าง = 0",
        help_en="an amount, not negative; blank = 0",
    ),
    Spec(
        "contribution_in_kind",
        "วัสดุ/สิ่งของสมทบ",
        "villagers' materials or in-kind",
        ("สิ่งของสมทบ",),
        width=22,
        help_th="ไม่เกิน 300 ตัวอักษร",
        help_en="at most 300 characters",
    ),
    Spec(
        "contribution_in_kind_value",
        "มูลค่าสิ่งของ (บาท)",
        "value of in-kind (baht)",
        ("มูลค่าสิ่งของ",),
        width=14,
        kind="money",
        help_th="จำนวนเงิน ไม่ติดลบ ว่าง = 0",
        help_en="an amount, not negative; blank = 0",
    ),
    Spec(
        "contribution_labour_days",
        "แรงงาน (คน-วัน)",
        "villagers' labour (person-days)",
        ("แรงงาน", "labour"),
        width=12,
        kind="days",
        help_th="จำนวนคน-วัน ทศนิยมได้ 1 ตำแหน่ง ไม่ติดลบ ว่าง = 0",
        help_en="person-days, one decimal place, not negative; blank = 0",
    ),
    Spec(
        "problems",
        "ปัญหาที่แก้",
        "problems addressed",
        ("ปัญหา", "problems"),
        width=34,
        kind="long",
        help_th="รหัสปัญหาจากข้อมูล จปฐ./กชช.2ค ฯลฯ บรรทัดละหนึ่งปัญหาหรือคั่นด้วย ; เช่น "
        "bmn:22; poor:bmn (ตามด้วยชื่อปัญหาได้ เช่น bmn:22 — รายได้ต่ำกว่าเกณฑ์)",
        help_en="problem keys from the evidence, one per line or separated by ';', e.g. "
        "bmn:22; poor:bmn (a title may follow: bmn:22 — low income)",
    ),
    Spec(
        "start_date",
        "วันเริ่มต้น",
        "start",
        ("วันที่เริ่ม", "start"),
        width=12,
        kind="date",
        help_th="วันที่ เช่น 1/10/2569 หรือ 2026-10-01 (ว่างได้)",
        help_en="a date such as 1/10/2569 or 2026-10-01 (may be blank)",
    ),
    Spec(
        "end_date",
        "วันสิ้นสุด",
        "planned end",
        ("วันที่สิ้นสุด", "end"),
        width=12,
        kind="date",
        help_th="ไม่ก่อนวันเริ่มต้น (ว่างได้)",
        help_en="not before the start (may be blank)",
    ),
)
ID_HEADER = "รหัสรายการ (ห้ามแก้ไข)"
DETAILS_HEADER = "ข้อมูลปัญหา (ระบบ)"
_MARKER = re.compile(r"\[v(\d+)\]")
_YEAR_HEADER = re.compile(
    r"^(?:งบประมาณ|งบ|budget)?(?:บาท|baht)?(?:ปีงบประมาณ|ปีงบ|ปี|พศ|fy|year)?(\d{4})(?:บาท|baht)?$"
)
_BUDGET_SLOTS = 40  # budget-year columns a file may have (a plan window is 1–5 years)


@dataclass(frozen=True)
class _IdColumn(Column):
    """The id column; its header also carries the exporting version ("[v17]")."""

    def matches(self, header: str) -> bool:
        return super().matches(_MARKER.sub("", str(header)))


@dataclass(frozen=True)
class _BudgetSlot(Column):
    """Any "งบประมาณ ปี 2570"-like header. read_table gives each column the first header it
    matches that no earlier column took, so n slots pick up the file's first n year columns,
    in or out of the plan window (out-of-window ones are then reported, not silently lost)."""

    def matches(self, header: str) -> bool:
        return header_year(header) is not None


def header_year(header: str) -> int | None:
    """The fiscal year a budget header names: "งบประมาณ ปี 2570", "ปี ๒๕๗๐", "2570", "FY2570"."""
    found = _YEAR_HEADER.match(normalize_header(to_arabic_digits(str(header))))
    return int(found.group(1)) if found else None


def budget_header(year: int) -> str:
    return f"งบประมาณ ปี {year}"


ID_SPEC = Spec(
    "item_id",
    ID_HEADER,
    "item id",
    ("รหัสรายการ", "item id", "id"),
    width=12,
    kind="id",
    help_th="รหัสของรายการในระบบ ห้ามแก้ไข แถวใหม่ให้เว้นว่าง รายการที่ไม่มีในไฟล์จะถูกลบเมื่อนำเข้า",
    help_en="the item's id in planlink; do not change it; leave it blank for new rows. Items "
    "of the plan that are not in the file are deleted on import",
)
DETAILS_SPEC = Spec(
    "problem_details",
    DETAILS_HEADER,
    "problem details (system)",
    ("problem details",),
    width=10,
    kind="hidden",
    help_th="คอลัมน์ซ่อน เก็บปีสำรวจและร้อยละของปัญหาที่แก้ ห้ามแก้ไข",
    help_en="hidden: the survey year and share of each problem addressed; do not edit",
)


def import_columns() -> list[Column]:
    return [
        *(s.column() for s in SPECS_BEFORE_BUDGETS),
        *(s.column() for s in SPECS_AFTER_BUDGETS),
        _IdColumn(ID_SPEC.key, ID_SPEC.th, ID_SPEC.en, ID_SPEC.aliases, required=False),
        DETAILS_SPEC.column(),
        *(
            _BudgetSlot(f"budget_{n}", "งบประมาณ ปี …", "budget of a year", required=False)
            for n in range(_BUDGET_SLOTS)
        ),
    ]


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
        for spec in specs:
            _write_cell(sheet, row_index, position[spec.key], values.get(spec.key), spec.kind)
            cell = sheet.cell(row=row_index, column=position[spec.key])
            cell.alignment = wrap if spec.kind in ("long", "choice") else top
            if spec.kind == "id":
                cell.fill = id_fill

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

    _help_sheet(book, specs, years)
    book.move_sheet(SHEET_HELP, offset=-1)  # items, help, (hidden) lists
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


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


def version_label_th(version: PlanVersion) -> str:
    """ "ฉบับแรก" for the original, else the revision's label ("เพิ่มเติม ครั้งที่ 1")."""
    return "ฉบับแรก" if version.number == 0 else version.label


# --- Import ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlanImportOutcome:
    created: int
    updated: int
    deleted: int
    unchanged: int
    rows: int
    dry_run: bool = False


@dataclass
class _Row:
    row: int
    order: tuple[float, int]
    target: PlanItem | None
    data: ItemData


@dataclass
class _Context:
    version: PlanVersion
    items: dict[int, PlanItem]  # this version's items by id
    by_origin: dict[int, PlanItem]  # this version's items by the id they were copied from
    categories: dict[str, int]  # normalized name/code → id
    category_names: list[str]
    groups: dict[str, int]
    group_names: list[str]
    years: list[int]
    problems: list[Problem] = field(default_factory=list)

    def add(self, row: int | None, column: str | None, th: str, en: str) -> None:
        self.problems.append(Problem(row, column, th, en))


def _norm(text: str) -> str:
    """For comparing choice words: digits Arabic, case and spacing/punctuation ignored."""
    return re.sub(r"[\s.()/\-_,:]+", "", to_arabic_digits(str(text)).casefold())


def _choice_table(labels: Mapping[Any, str], words: Mapping[Any, Sequence[str]]) -> dict[str, str]:
    table: dict[str, str] = {}
    for value, label in labels.items():
        for word in (str(value), label, *words.get(value, ())):
            table.setdefault(_norm(word), str(value))
    return table


MODE_CHOICES = _choice_table(MODE_TH, _MODE_WORDS)
FUNDING_CHOICES = _choice_table(FUNDING_TH, _FUNDING_WORDS)
STATUS_CHOICES = _choice_table(STATUS_TH, _STATUS_WORDS)


def _lookup(text: str, table: dict[str, str]) -> str | None:
    """The value `text` names; "ทำเอง (self)" and "self/ทำเอง" are read part by part too, and
    must then agree ("ทำเอง/ทำร่วม" names nothing)."""
    found = table.get(_norm(text))
    if found:
        return found
    named = {table[_norm(p)] for p in re.split(r"[()/]", text) if p.strip() and _norm(p) in table}
    return named.pop() if len(named) == 1 else None


def _name_key(text: str) -> str:
    return " ".join(to_arabic_digits(str(text)).split()).casefold()


def _context(version: PlanVersion) -> _Context:
    items = {i.pk: i for i in _items_of(version)}
    categories: dict[str, int] = {}
    all_categories = list(DevelopmentCategory.objects.all())
    for category in all_categories:
        for word in (category.name_th, category.code, category.name_en):
            if word:
                categories.setdefault(_name_key(word), category.pk)
    groups = list(WorkingGroup.objects.filter(area_id=version.plan.area_id))
    return _Context(
        version=version,
        items=items,
        by_origin={i.origin_id: i for i in items.values() if i.origin_id},
        categories=categories,
        category_names=[c.name_th for c in _categories()],
        groups={_name_key(g.name): g.pk for g in groups},
        group_names=[g.name for g in groups],
        years=version.plan.years,
    )


def plan_import(
    *,
    user: Any,
    version: PlanVersion,
    path: Path | str,
    original_name: str | None = None,
    dry_run: bool = False,
) -> PlanImportOutcome:
    """Make the draft `version` equal to the file (see the module doc); all or nothing."""
    plan_access.require_edit(user, version)
    with transaction.atomic():
        version = lock_version(version.pk)  # first: the items read below stay as read
        if not version.is_editable:
            raise ImportRejected(
                [
                    Problem(
                        None,
                        None,
                        "นำเข้าได้เฉพาะแผนฉบับร่าง แผนฉบับนี้ผ่านการตรวจหรืออนุมัติแล้ว ให้เริ่มแผนเพิ่มเติม/แก้ไขก่อน",
                        "only a draft can be imported into; this version was reviewed or "
                        "approved: start a revision first",
                    )
                ]
            )
        table = _read_table(path, import_columns(), original_name=original_name, limits="plan")
        context = _context(version)
        context.problems.extend(table.problems)
        rows = _parse(table, context)
        if context.problems:
            raise ImportRejected(context.problems)
        outcome = _apply(user, context, rows, dry_run=dry_run)
    return outcome


def _year_columns(table: Table, context: _Context) -> dict[str, int]:
    """Slot key → fiscal year, for the budget columns in the plan window (others reported)."""
    slots: dict[str, int] = {}
    seen: dict[int, str] = {}
    frame = table.frame
    for n in range(_BUDGET_SLOTS):
        key = f"budget_{n}"
        if key not in table.headers:
            continue
        header = table.header(key)
        year = header_year(header)
        if year is None:  # pragma: no cover - the slot matched it
            continue
        if year in seen:
            context.add(
                None,
                header,
                f"มีคอลัมน์งบประมาณปี {year} ซ้ำ ('{seen[year]}' และ '{header}') ให้เหลือคอลัมน์เดียว",
                f"two budget columns for {year} ('{seen[year]}' and '{header}'); keep one",
            )
            continue
        seen[year] = header
        if year in context.years:
            slots[key] = year
            continue
        # Out of the window: harmless while empty, refused where it holds a figure.
        first, last = context.years[0], context.years[-1]
        for row, value in frame.select(ROW, key).iter_rows():
            if value is None or not _filled(value):
                continue
            context.add(
                row,
                header,
                f"ปี {year} อยู่นอกช่วงปีของแผน {first}–{last} ย้ายงบประมาณไปปีในช่วงแผน หรือลบค่าในคอลัมน์นี้",
                f"{year} is outside the plan's years {first}–{last}; move the budget into the "
                "window or clear this column",
            )
    return slots


def _filled(value: object) -> bool:
    """Does a budget cell hold something (a figure, or text that is not a blank or a dash)?"""
    try:
        return parse_budget(value) is not None
    except ThaiValueError:
        return True


def _citizen_ids(table: Table, context: _Context) -> None:
    """Every cell read from the file that holds a citizen ID, by row and column."""
    keys = [key for key in table.frame.columns if key != ROW]
    for record in table.frame.select(ROW, *keys).iter_rows(named=True):
        for key in keys:
            problem = citizen_id_problem(record[key])
            if problem is not None:
                context.add(record[ROW], table.header(key), *problem)


def _parse(table: Table, context: _Context) -> list[_Row]:
    _citizen_ids(table, context)
    marker = None
    if "item_id" in table.headers:
        found = _MARKER.search(table.header("item_id"))
        marker = int(found.group(1)) if found else None
    reader = _RowReader(
        table=table,
        context=context,
        slots=_year_columns(table, context),
        foreign_file=marker is not None and marker != context.version.pk,
    )
    return [reader.read(record) for record in table.frame.iter_rows(named=True)]


@dataclass
class _RowReader:
    """Reads one file row into the item it describes, noting every problem in the context.

    A column missing from the file leaves the item's field as it is, so every step reads only
    the columns present and puts what it read into `values`."""

    table: Table
    context: _Context
    slots: dict[str, int]  # budget column key → fiscal year
    foreign_file: bool  # exported from another version: unknown ids are new items
    taken: dict[int, int] = field(default_factory=dict)  # item id → file row that took it
    record: dict[str, Any] = field(default_factory=dict)
    row: int = 0

    def read(self, record: dict[str, Any]) -> _Row:
        self.record, self.row = record, record[ROW]
        target = self._target()
        data = _item_data(target) if target else ItemData(title="", mode="", category_id=0)
        values: dict[str, Any] = {}
        self._texts(values)
        self._choices(values)
        self._amounts(values, data.budgets)
        self._dates(values)
        if self.present("problems"):
            problems = _problems(
                record.get("problems"),
                record.get("problem_details"),
                data.problems if target is not None else [],
                partial(self.add, "problems"),
            )
            if problems is not None:
                values["problems"] = problems
        data = replace(data, **values)
        self._check_together(data)
        return _Row(
            row=self.row, order=(self._priority(target), self.row), target=target, data=data
        )

    def present(self, key: str) -> bool:
        return key in self.table.headers

    def add(self, key: str, th: str, en: str) -> None:
        self.context.add(self.row, self.table.header(key), th, en)

    def _target(self) -> PlanItem | None:
        """The item the row's id names: of this version, or copied into it by a revision."""
        raw = self.record.get("item_id")
        if raw is None:
            return None
        try:
            item_id = parse_int(raw)
        except ThaiValueError as exc:
            self.add("item_id", exc.th, exc.en)
            return None
        target = self.context.items.get(item_id) or self.context.by_origin.get(item_id)
        if target is None:
            if not self.foreign_file:
                self.add(
                    "item_id",
                    f"รหัสรายการ {item_id} ไม่ใช่รายการของแผนฉบับนี้ (อาจถูกลบไปแล้ว) "
                    "ถ้าเป็นรายการใหม่ให้เว้นรหัสว่าง",
                    f"item id {item_id} is not an item of this plan version (perhaps deleted); "
                    "leave the id blank for a new item",
                )
            return None
        if target.pk in self.taken:
            self.add(
                "item_id",
                f"รหัสรายการ {item_id} ซ้ำกับแถว {self.taken[target.pk]} "
                "แถวที่คัดลอกมาเป็นรายการใหม่ต้องเว้นรหัสว่าง",
                f"item id {item_id} repeats row {self.taken[target.pk]}; a copied row for a "
                "new item must leave the id blank",
            )
            return None
        self.taken[target.pk] = self.row
        return target

    def _texts(self, values: dict[str, Any]) -> None:
        for name in _TEXT_FIELDS:
            if not self.present(name):
                continue
            raw = self.record.get(name)
            value = "" if raw is None else _clean_text(raw)
            limit = _MAX_LENGTH.get(name)
            if limit and len(value) > limit:
                self.add(
                    name,
                    f"ข้อความยาว {len(value)} ตัวอักษร เกิน {limit} ตัวอักษร",
                    f"the text has {len(value)} characters, more than {limit}",
                )
            values[name] = value
        if self.present("title") and not values["title"]:
            self.add("title", "ต้องระบุชื่อโครงการ/กิจกรรม", "the project or activity needs a title")

    def _choices(self, values: dict[str, Any]) -> None:
        record, add = self.record, self.add
        if self.present("mode"):
            raw = record.get("mode")
            if raw is None:
                add(
                    "mode", f"ต้องระบุวิธีดำเนินการ: {_MODE_HELP}", f"the mode is required: {_MODE_HELP}"
                )
            elif (mode := _lookup(raw, MODE_CHOICES)) is None:
                add(
                    "mode",
                    f"ไม่รู้จักวิธีดำเนินการ '{raw}' ให้ใช้ {_MODE_HELP}",
                    f"unknown mode '{raw}'; use {_MODE_HELP}",
                )
            else:
                values["mode"] = mode
        if self.present("funding_source"):
            raw = record.get("funding_source")
            if raw is None:
                values["funding_source"] = FundingSource.COMMUNITY.value
            elif (source := _lookup(raw, FUNDING_CHOICES)) is None:
                add(
                    "funding_source",
                    f"ไม่รู้จักแหล่งงบประมาณ '{raw}' ให้เลือก: {' / '.join(FUNDING_TH.values())}",
                    f"unknown funding source '{raw}'; choose one of: "
                    "community, lao, district, province, agency, none",
                )
            else:
                values["funding_source"] = source
        if self.present("status"):
            raw = record.get("status")
            if raw is None:
                values["status"] = ItemStatus.PROPOSED.value
            elif (status := _lookup(raw, STATUS_CHOICES)) is None:
                add(
                    "status",
                    f"ไม่รู้จักสถานะ '{raw}' ให้เลือก: {' / '.join(STATUS_TH.values())}",
                    f"unknown status '{raw}'; choose proposed, in progress, done or dropped",
                )
            else:
                values["status"] = status
        if self.present("working_group"):
            raw = record.get("working_group")
            names = " / ".join(self.context.group_names)
            if raw is None:
                values["working_group_id"] = None
            elif (group := self.context.groups.get(_name_key(raw))) is None:
                add(
                    "working_group",
                    f"ไม่มีคณะทำงาน '{raw}' ในหมู่บ้านนี้ ให้เลือก: {names}",
                    f"the village has no working group '{raw}'; choose one of the listed groups",
                )
            else:
                values["working_group_id"] = group
        if self.present("category"):
            raw = record.get("category")
            names = " / ".join(self.context.category_names)
            if raw is None:
                add("category", "ต้องระบุด้านการพัฒนา", "the development category is required")
            elif (category := self.context.categories.get(_name_key(raw))) is None:
                add(
                    "category",
                    f"ไม่รู้จักด้าน '{raw}' ให้เลือก: {names}",
                    f"unknown development category '{raw}'; choose one of the listed categories",
                )
            else:
                values["category_id"] = category

    def _amounts(self, values: dict[str, Any], budgets: dict[int, Decimal]) -> None:
        budgets = dict(budgets)  # years without a column in the file keep their budget
        for key, year in self.slots.items():
            try:
                amount = parse_budget(self.record.get(key))
            except ThaiValueError as exc:
                self.add(key, exc.th, exc.en)
                continue
            if amount is None:
                budgets.pop(year, None)
            else:
                budgets[year] = amount
        values["budgets"] = budgets
        for name in ("contribution_cash", "contribution_in_kind_value"):
            if self.present(name):
                amount = _amount(self.record.get(name), partial(self.add, name))
                if amount is not None:
                    values[name] = amount
        name = "contribution_labour_days"
        if self.present(name):
            days = _days(self.record.get(name), partial(self.add, name))
            if days is not None:
                values[name] = days

    def _dates(self, values: dict[str, Any]) -> None:
        for name in ("start_date", "end_date"):
            if not self.present(name):
                continue
            raw = self.record.get(name)
            try:
                values[name] = None if raw is None else _date(raw)
            except ThaiValueError as exc:
                self.add(name, exc.th, exc.en)

    def _check_together(self, data: ItemData) -> None:
        """Rules between fields, checked on the item as it will be."""
        if data.status == ItemStatus.DROPPED and not data.dropped_reason.strip():
            self.add(
                "dropped_reason" if self.present("dropped_reason") else "status",
                "รายการที่ยกเลิกต้องระบุเหตุผลที่ยกเลิก",
                "a dropped item needs the reason it was dropped",
            )
        if data.start_date and data.end_date and data.end_date < data.start_date:
            self.add("end_date", "วันสิ้นสุดอยู่ก่อนวันเริ่มต้น", "the end is before the start")

    def _priority(self, target: PlanItem | None) -> float:
        """The number rows are sorted by (blank: last; no column: the item's own)."""
        if not self.present("priority"):
            return target.priority if target is not None else float("inf")
        raw = self.record.get("priority")
        if raw is None:
            return float("inf")
        try:
            number = parse_int(raw)
        except ThaiValueError as exc:
            self.add("priority", exc.th, exc.en)
            return float("inf")
        if number < 1:
            self.add("priority", "ลำดับความสำคัญต้องเป็นเลข 1 ขึ้นไป", "the priority must be 1 or more")
        return number


def _clean_text(value: object) -> str:
    # Excel and CSV hand line breaks back as \r\n or \n; the database keeps \n.
    return str(value).replace("\r\n", "\n").replace("\r", "\n").strip()


def _amount(raw: object, add: Callable[[str, str], None]) -> Decimal | None:
    if raw is None:
        return Decimal("0")
    if to_arabic_digits(str(raw)).strip().startswith("-") and str(raw).strip() not in ("-", "–"):
        add(
            f"จำนวนเงินสมทบติดลบไม่ได้: '{raw}'",
            f"a contribution cannot be negative: '{raw}'",
        )
        return None
    try:
        amount = parse_budget(raw)
    except ThaiValueError as exc:
        add(exc.th, exc.en)
        return None
    return Decimal("0") if amount is None else amount


def _days(raw: object, add: Callable[[str, str], None]) -> Decimal | None:
    if raw is None:
        return Decimal("0")
    text = to_arabic_digits(str(raw)).strip().replace(",", "")
    for suffix in ("คน-วัน", "คนวัน", "วัน", "person-days"):
        text = text.removesuffix(suffix).strip()
    if text in ("", "-", "–"):
        return Decimal("0")
    try:
        days = Decimal(text)
    except InvalidOperation:
        days = None
    if days is None or not days.is_finite():
        add(
            f"อ่านจำนวนคน-วัน '{raw}' ไม่ได้ ให้เขียนเช่น 12 หรือ 12.5",
            f"cannot read '{raw}' as person-days",
        )
        return None
    if days < 0:
        add(f"แรงงานสมทบติดลบไม่ได้: '{raw}'", f"a contribution cannot be negative: '{raw}'")
        return None
    if days != days.quantize(Decimal("0.1")) or days > _MAX_DAYS:
        add(
            f"คน-วันมีทศนิยมได้ 1 ตำแหน่ง และไม่เกิน 9,999,999.9: '{raw}'",
            f"person-days take one decimal place and at most 9,999,999.9: '{raw}'",
        )
        return None
    return days.quantize(Decimal("0.1"))


def _date(raw: object) -> date:
    from planlink.evidence.importers.families import parse_thai_date

    return parse_thai_date(str(raw))


_KEY = re.compile(r"^([A-Za-z][A-Za-z0-9_]*:[^\s;]+)\s*(?:[—–-]\s*)?(.*)$", re.S)
_SPLIT = re.compile(r"\s*(?:;|\n)\s*(?=[A-Za-z][A-Za-z0-9_]*:)")


def _problems(
    raw: object,
    raw_details: object,
    existing: Sequence[tuple[str, str, int | None, Decimal | None]],
    add: Callable[[str, str], None],
) -> list[tuple[str, str, int | None, Decimal | None]] | None:
    """The problems a cell names; titles, survey years and shares come from the hidden details
    column, else the item's current links, else the title written after the key."""
    if raw is None:
        return []
    details = _details(raw_details)
    current = {key: (title, year, share) for key, title, year, share in existing}
    found: dict[str, tuple[str, int | None, Decimal | None]] = {}
    bad = []
    for part in _SPLIT.split(_clean_text(raw)):
        part = part.strip().strip(";").strip()
        if not part:
            continue
        match = _KEY.match(part)
        if match is None or len(match.group(1)) > 40:
            bad.append(part)
            continue
        key, written = to_arabic_digits(match.group(1)), _clean_text(match.group(2))
        known = details.get(key) or current.get(key)
        if known is not None:
            title, year, share = known
            found.setdefault(key, (written or title, year, share))
        else:
            found.setdefault(key, (written or key, None, None))
    if bad:
        add(
            f"อ่านรหัสปัญหาไม่ได้: {', '.join(repr(b) for b in bad)} ให้เขียนเช่น bmn:22; poor:bmn",
            f"cannot read problem keys {', '.join(repr(b) for b in bad)}; "
            "write them like bmn:22; poor:bmn",
        )
        return None
    return [(key, title[:300], year, share) for key, (title, year, share) in found.items()]


def _details(raw: object) -> dict[str, tuple[str, int | None, Decimal | None]]:
    """The hidden problem-details cell; anything unreadable is ignored (the keys still count)."""
    if raw is None:
        return {}
    try:
        loaded = json.loads(str(raw))
    except ValueError:
        return {}
    result: dict[str, tuple[str, int | None, Decimal | None]] = {}
    if not isinstance(loaded, dict):
        return {}
    for key, value in loaded.items():
        if not isinstance(value, list) or len(value) != 3:
            continue
        try:
            title, year, share = value
            year = None if year is None else int(year)
            share = None if share is None else Decimal(str(share))
        except (TypeError, ValueError, InvalidOperation):
            continue
        if share is not None and not (share.is_finite() and 0 <= share <= 100):
            share = None
        result[str(key)] = (str(title or key), year, share)
    return result


def _fingerprint(data: ItemData) -> tuple[object, ...]:
    def text(value: str) -> str:
        return _clean_text(value)

    return (
        tuple(text(getattr(data, name)) for name in _TEXT_FIELDS),
        data.mode,
        data.category_id,
        data.funding_source,
        data.working_group_id,
        data.status,
        data.contribution_cash,
        data.contribution_in_kind_value,
        data.contribution_labour_days,
        data.start_date,
        data.end_date,
        tuple(sorted((y, a) for y, a in data.budgets.items() if a is not None)),
        tuple(sorted((k, text(t)[:300], y, s) for k, t, y, s in data.problems)),
    )


def _apply(user: Any, context: _Context, rows: list[_Row], *, dry_run: bool) -> PlanImportOutcome:
    version = context.version
    ordered = sorted(rows, key=lambda r: r.order)
    kept = {r.target.pk for r in rows if r.target is not None}
    deleted = [item for pk, item in context.items.items() if pk not in kept]
    updates: list[_Row] = []  # fields change (the priority may too)
    moved = 0  # only the priority changes
    creates: list[tuple[int, _Row]] = []
    unchanged = 0
    for priority, row in enumerate(ordered, start=1):
        if row.target is None:
            creates.append((priority, row))
        elif _fingerprint(row.data) != _fingerprint(_item_data(row.target)):
            updates.append(row)
        elif row.target.priority != priority:
            moved += 1
        else:
            unchanged += 1
    outcome = PlanImportOutcome(
        created=len(creates),
        updated=len(updates) + moved,
        deleted=len(deleted),
        unchanged=unchanged,
        rows=len(rows),
        dry_run=dry_run,
    )
    if dry_run or not (creates or updates or deleted or moved):
        return outcome
    current: _Row | None = None
    try:
        for item in deleted:
            item_delete(user=user, item=item)
        for row in updates:
            current = row
            assert row.target is not None
            row.target.refresh_from_db()  # deletions above renumbered the priorities
            item_update(user=user, item=row.target, data=row.data)
        created: dict[int, PlanItem] = {}
        for priority, row in creates:
            current = row
            created[row.row] = item_create(
                user=user,
                version=version,
                data=row.data,
                priority=priority,
                demo=version.plan.is_demo,
            )
        current = None
        order = [
            (row.target.pk if row.target is not None else created[row.row].pk) for row in ordered
        ]
        items_reorder(user=user, version=version, ordered_ids=order)
    except ValidationError as exc:  # a rule the checks above missed: still nothing is written
        raise ImportRejected(
            [
                Problem(
                    current.row if current else None,
                    None,
                    " ".join(exc.messages),
                    "the plan refused this change; nothing was written",
                )
            ]
        ) from exc
    return outcome
