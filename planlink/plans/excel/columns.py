"""The workbook's columns: what each holds, its Thai header, how it is read and written."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from planlink.core.tabular import Column, normalize_header
from planlink.core.thai import to_arabic_digits
from planlink.plans.models import (
    FundingSource,
    ItemStatus,
    Mode,
    VersionStatus,
)
from planlink.plans.services.items import ITEM_TEXT_FIELDS

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
_TEXT_FIELDS = ITEM_TEXT_FIELDS


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
