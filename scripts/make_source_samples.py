"""Write three sample "other source" files for the duplicate check (seed rule 3), laid out as
the offices really produce them:

* docs/samples/local-plan-sample.xlsx      — แผนพัฒนาท้องถิ่น (พ.ศ. 2566–2570) of เทศบาลนครลำปาง
  (3520101): sheets ปก, ผ.01, ผ.02, ผ.02-1, ผ.03.
* docs/samples/provincial-list-sample.xlsx — บัญชีรายการชุดโครงการ แผนพัฒนาจังหวัดลำปาง,
  คำของบประมาณ 2570–2571 (issue → programme → project merged down over the activities).
* docs/samples/agency-requests-sample.csv  — สำนักงานทรัพยากรน้ำภาค 1's request list, saved
  from Excel as CSV in cp874 (TIS-620), with the agency's own column names.

Some lines deliberately duplicate (or nearly duplicate) village-plan items of ตำบลเวียงเหนือ
(520101); the tags below say which, and the script prints a manifest (sheet, row, tag) of every
line it wrote. Synthetic data for trying the imports, not a real plan (the cover says so).

    .venv/bin/python scripts/make_source_samples.py [OUT_DIR]

Only openpyxl and the standard library.
"""

from __future__ import annotations

import csv
import sys
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from math import ceil
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "docs/samples"

FONT = "TH SarabunPSK"
YEARS = (2566, 2567, 2568, 2569, 2570)
_TH = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
_AR = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")

MUNI = "เทศบาลนครลำปาง"
MUNI_PLACE = "เทศบาลนครลำปาง อำเภอเมืองลำปาง จังหวัดลำปาง"
PLAN_WINDOW = "แผนพัฒนาท้องถิ่น (พ.ศ. ๒๕๖๖ - ๒๕๗๐)"

# The village-plan items of ตำบลเวียงเหนือ (520101) the samples duplicate or nearly duplicate,
# as the demo generates them: (village code, title, fiscal years with a budget). A line can
# only duplicate an item in the years it shares with it: the ผ.02 (2566–2570) the items with a
# 2570 budget, the provincial list (2570–2571) and the agency's list those of their year.
VILLAGE_ITEMS: dict[str, tuple[str, str, tuple[int, ...]]] = {
    "V01": ("52010101", "เจาะบ่อบาดาล หมู่ที่ 1", (2570,)),
    "V02": ("52010102", "ก่อสร้างหอถังเก็บน้ำ หมู่ที่ 2", (2570,)),
    "V03": ("52010102", "ปรับปรุงระบบประปาหมู่บ้านให้ได้มาตรฐาน หมู่ที่ 2", (2570,)),
    "V04": ("52010102", "วางท่อระบายน้ำ คสล. พร้อมบ่อพัก ซอย 3 หมู่ที่ 2", (2570,)),
    "V05": ("52010103", "ขยายเขตไฟฟ้าเพื่อการเกษตร สายทุ่งช้าง หมู่ที่ 3", (2570,)),
    "V06": ("52010103", "ฝึกอบรมอาชีพทำขนม", (2570,)),
    "V07": ("52010103", "ก่อสร้างลานกีฬาอเนกประสงค์ หมู่ที่ 3", (2570,)),
    "V08": ("52010104", "ฝึกอบรมอาชีพช่างซ่อมรถจักรยานยนต์เบื้องต้นแก่เยาวชน", (2570,)),
    "V09": ("52010104", "ขุดลอกหนองแม่ตุ๋ย", (2571,)),
    "V10": ("52010104", "ซ่อมแซมถนน คสล. ซอย 1 บ้านแม่มะกอก หมู่ที่ 4", (2570,)),
    "V11": ("52010104", "ขยายเขตท่อเมนประปาหมู่บ้าน ซอย 3 หมู่ที่ 4", (2571,)),
    "V12": ("52010104", "ก่อสร้างฝายน้ำล้น คสล. ลำห้วยเย็น หมู่ที่ 4", (2570,)),
    "V13": ("52010104", "ก่อสร้างถนน คสล. ซอย 5 หมู่ที่ 4", (2570,)),
    "V14": ("52010105", "ติดตั้งกล้องวงจรปิด (CCTV) บริเวณจุดเสี่ยง หมู่ที่ 5", (2570,)),
    "V15": ("52010105", "ก่อสร้างถนนคอนกรีตเสริมเหล็ก ซอย 4 บ้านปางลัว หมู่ที่ 5", (2570,)),
    "V16": ("52010106", "ติดตั้งเครื่องออกกำลังกายกลางแจ้ง ณ ศาลาอเนกประสงค์ หมู่ที่ 6", (2570,)),
    "V17": ("52010106", "ก่อสร้างถนนลูกรังเพื่อการเกษตร สายทุ่งช้าง หมู่ที่ 6", (2570,)),
    "V18": ("52010106", "ขยายเขตประปาหมู่บ้าน หมู่ที่ 6", (2570,)),
    "V19": ("52010106", "ก่อสร้างถนนคอนกรีตเสริมเหล็ก ซอย 2 บ้านสันมุ่น หมู่ที่ 6", (2570,)),
    "V20": ("52010106", "ก่อสร้างถนนคอนกรีตเสริมเหล็ก ซอย 1 บ้านสันมุ่น หมู่ที่ 6", (2570,)),
    "V21": ("52010106", "ติดตั้งไฟฟ้าส่องสว่างพลังงานแสงอาทิตย์ (โซล่าเซลล์) ซอย 9 หมู่ที่ 6", (2570,)),
    "V22": ("52010107", "ซ่อมแซมศาลาอเนกประสงค์หมู่บ้าน", (2570,)),
    "V23": ("52010107", "ซ่อมแซมถนน คสล. ซอย 4 บ้านปงทอง หมู่ที่ 7", (2570,)),
    "V24": ("52010107", "ก่อสร้างหอถังเก็บน้ำ หมู่ที่ 7", (2571,)),
    "V25": ("52010107", "วางท่อระบายน้ำ คสล. พร้อมบ่อพัก ซอย 2 หมู่ที่ 7", (2571,)),
    "V26": ("52010108", "ปรับปรุงศูนย์พัฒนาเด็กเล็กบ้านดงยาง", (2570,)),
    "V27": ("52010108", "ก่อสร้างฝายน้ำล้น คสล. ลำห้วยน้ำจำ หมู่ที่ 8", (2571,)),
    "V28": ("52010108", "ขุดลอกหนองไฮ", (2570,)),
    "V29": ("52010108", "ก่อสร้างลานกีฬาอเนกประสงค์ หมู่ที่ 8", (2570,)),
    "V30": ("52010108", "เจาะบ่อบาดาลเพื่อการเกษตร สายทุ่งช้าง หมู่ที่ 8", (2570,)),
    "V31": ("52010108", "ก่อสร้างถนนคอนกรีตเสริมเหล็ก ซอย 7 บ้านดงยาง หมู่ที่ 8", (2571,)),
    "V32": ("52010108", "ขุดลอกลำห้วยน้ำจำ", (2570,)),
}


# --------------------------------------------------------------------------- helpers
def th(value: object) -> str:
    return str(value).translate(_TH)


def amount(value: object) -> int:
    """Baht in a budget cell as officers write it: 450000, "1,250,000.-", "๕๐๐,๐๐๐", "-"."""
    if value is None:
        return 0
    if isinstance(value, int | float):
        return int(value)
    text = str(value).translate(_AR).strip().replace(",", "").removesuffix(".-").strip()
    if text in ("", "-"):
        return 0
    return int(float(text))


def money(value: int | str, style: str) -> int | str | None:
    """A budget cell in a section's style; a str is written as it is."""
    if isinstance(value, str):
        return value
    if style == "num":
        return value or "-"
    if style == "dash":
        return f"{value:,}.-" if value else "-"
    if style == "thai":
        return th(f"{value:,}") if value else "-"
    if style == "plain":
        return f"{value:,}" if value else None
    raise ValueError(style)


def visible_len(text: str) -> int:
    """Characters that take width (Thai vowels above/below and tone marks do not)."""
    marks = "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a"  # vowels above/below
    marks += "\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d"  # tone marks and signs
    return sum(1 for ch in text if unicodedata.combining(ch) == 0 and ch not in marks)


def fit_height(sheet: Worksheet, row: int, first: int, last: int, *, line: float = 23.5) -> None:
    """Set a row height so wrapped text shows (openpyxl cannot autofit)."""
    lines = 1
    merged_starts = {
        r.min_col: r.max_col
        for r in sheet.merged_cells.ranges
        if r.min_row == row and r.max_row == row
    }
    for col in range(first, last + 1):
        value = sheet.cell(row, col).value
        if value is None:
            continue
        end = merged_starts.get(col, col)
        width = sum(
            sheet.column_dimensions[get_column_letter(c)].width or 8 for c in range(col, end + 1)
        )
        # TH SarabunPSK 14 fits ~0.95 glyphs per width unit; less what word wrapping loses.
        per_line = max(1.0, (width - 1) * 0.8)
        need = sum(max(1, ceil(visible_len(part) / per_line)) for part in str(value).split("\n"))
        lines = max(lines, need)
    sheet.row_dimensions[row].height = max(21.0, lines * line + 3)


THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
BODY = Font(name=FONT, size=14)
BOLD = Font(name=FONT, size=14, bold=True)
TITLE = Font(name=FONT, size=16, bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")
CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)
CENTRE_TOP = Alignment(horizontal="center", vertical="top", wrap_text=True)
RIGHT_TOP = Alignment(horizontal="right", vertical="top")
LEFT = Alignment(horizontal="left", vertical="center")


def office_page(sheet: Worksheet, *, widths: Sequence[float], footer: bool = True) -> None:
    for col, size in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(col)].width = size
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_margins = PageMargins(
        left=0.4, right=0.3, top=0.5, bottom=0.5, header=0.3, footer=0.3
    )
    sheet.print_options.horizontalCentered = True
    if footer:
        sheet.oddFooter.center.text = "- &P -"
        sheet.oddFooter.center.font = FONT
        sheet.oddFooter.center.size = 14
    sheet.sheet_view.zoomScale = 90


def title_rows(sheet: Worksheet, texts: list[str], width: int, form: str | None) -> int:
    """Merged title rows from row 1 (the form label, if any, in the last column of row 1)."""
    for n, text in enumerate(texts, start=1):
        end = width - 1 if (form and n == 1) else width
        sheet.cell(n, 1, text).font = TITLE
        sheet.cell(n, 1).alignment = Alignment(horizontal="center", vertical="center")
        sheet.merge_cells(start_row=n, start_column=1, end_row=n, end_column=end)
        sheet.row_dimensions[n].height = 24
    if form:
        cell = sheet.cell(1, width, form)
        cell.font, cell.border, cell.alignment = BOLD, BOX, CENTRE
    return len(texts)


# --------------------------------------------------------------------------- ผ.02 data
@dataclass
class Line:
    tag: str  # "dup:V12", "near:V12", "year:V22" (same work and place, past years only), "past", ""
    title: str
    objective: str
    target: str
    budgets: tuple[int | str, int | str, int | str, int | str, int | str]
    kpi: str
    result: str
    unit: str = "กองช่าง"


@dataclass
class Section:
    strategy: str  # "1. ยุทธศาสตร์..."
    province: str  # ก. ...
    lao: str  # ข. ...
    programme: str  # "1.1 แผนงาน..."
    numbers: str  # "int" | "thai"
    style: str  # money style
    lines: list[Line] = field(default_factory=list)


ROAD_OBJ = "เพื่อให้ประชาชนมีเส้นทางคมนาคมที่สะดวก ปลอดภัย"
ROAD_KPI = "ร้อยละความพึงพอใจของประชาชนไม่น้อยกว่า ๘๐"
ROAD_RES = "ประชาชนสัญจรไปมาสะดวก ปลอดภัย ลดอุบัติเหตุ"
DRAIN_OBJ = "เพื่อแก้ไขปัญหาน้ำท่วมขังในฤดูฝน"
DRAIN_KPI = "ระยะเวลาน้ำท่วมขังลดลงร้อยละ ๘๐"
DRAIN_RES = "การระบายน้ำมีประสิทธิภาพ ไม่มีน้ำท่วมขังบ้านเรือนและถนน"
POWER_KPI = "จำนวนครัวเรือนที่ได้รับประโยชน์"
ENG = "กองช่าง"
HEALTH = "กองสาธารณสุขและสิ่งแวดล้อม"
SOCIAL = "กองสวัสดิการสังคม"
EDU = "กองการศึกษา"
CLERK = "สำนักปลัดเทศบาล"

S1 = "1. ยุทธศาสตร์การพัฒนาด้านโครงสร้างพื้นฐาน"
S1_P = "ก. ยุทธศาสตร์จังหวัดที่ 4 การพัฒนาโครงสร้างพื้นฐานและระบบโลจิสติกส์เพื่อรองรับการพัฒนาเมือง"
S1_L = "ข. ยุทธศาสตร์การพัฒนาของ อปท. ในเขตจังหวัดที่ 1 การพัฒนาโครงสร้างพื้นฐานและการผังเมือง"
S2 = "2. ยุทธศาสตร์การพัฒนาด้านคุณภาพชีวิต"
S2_P = "ก. ยุทธศาสตร์จังหวัดที่ 2 การพัฒนาคน คุณภาพชีวิต และสังคมที่เข้มแข็ง"
S2_L = "ข. ยุทธศาสตร์การพัฒนาของ อปท. ในเขตจังหวัดที่ 2 การพัฒนาคุณภาพชีวิตและสังคม"
S3 = "3. ยุทธศาสตร์การพัฒนาด้านเศรษฐกิจ"
S3_P = "ก. ยุทธศาสตร์จังหวัดที่ 1 การพัฒนาเศรษฐกิจสร้างสรรค์ เกษตรมูลค่าสูง และการท่องเที่ยวชุมชน"
S3_L = "ข. ยุทธศาสตร์การพัฒนาของ อปท. ในเขตจังหวัดที่ 3 การพัฒนาเศรษฐกิจและการท่องเที่ยว"
S4 = "4. ยุทธศาสตร์การพัฒนาด้านการบริหารจัดการบ้านเมืองที่ดีและความปลอดภัย"
S4_P = "ก. ยุทธศาสตร์จังหวัดที่ 2 การพัฒนาคน คุณภาพชีวิต และสังคมที่เข้มแข็ง"
S4_L = "ข. ยุทธศาสตร์การพัฒนาของ อปท. ในเขตจังหวัดที่ 5 การบริหารจัดการบ้านเมืองที่ดี"

# fmt: off
P02: list[Section] = [
    Section(S1, S1_P, S1_L, "1.1 แผนงานอุตสาหกรรมและการโยธา", "int", "num", [
        Line("dup:V13", "ก่อสร้างถนน คสล. ซอย ๕ หมู่ที่ ๔ บ้านแม่มะกอก", ROAD_OBJ,
             "ผิวจราจรกว้าง 4 เมตร ยาว 150 เมตร หนา 0.15 เมตร หมู่ที่ 4",
             (0, 0, 0, 0, 390000), ROAD_KPI, ROAD_RES, ENG),
        Line("near:V13", "ก่อสร้างถนน คสล. ซอย ๖ หมู่ที่ ๔ บ้านแม่มะกอก", ROAD_OBJ,
             "ผิวจราจรกว้าง 4 เมตร ยาว 210 เมตร หนา 0.15 เมตร หมู่ที่ 4",
             (0, 0, 0, 0, 546000), ROAD_KPI, ROAD_RES, ENG),
        Line("dup:V15", "โครงการก่อสร้างถนน ค.ส.ล. ซอย ๔ บ.ปางลัว ม.๕", ROAD_OBJ,
             "ขนาดกว้าง ๔.๐๐ ม. ยาว ๒๒๐ ม. หนา ๐.๑๕ ม. หรือพื้นที่ไม่น้อยกว่า ๘๘๐ ตร.ม.",
             (0, 0, 0, 300000, 272000), ROAD_KPI, ROAD_RES, ENG),
        Line("near:V15", "โครงการก่อสร้างถนน ค.ส.ล. ซอย ๔/๑ บ้านปางลัว หมู่ที่ ๕", ROAD_OBJ,
             "ขนาดกว้าง ๓.๕๐ ม. ยาว ๙๐ ม. หนา ๐.๑๕ ม. แยกจากซอย ๔ หมู่ที่ ๕",
             (0, 0, 0, 0, 205000), ROAD_KPI, ROAD_RES, ENG),
        Line("dup:V20", "โครงการก่อสร้างถนนคอนกรีตเสริมเหล็กภายในหมู่บ้าน ซอย 1 บ้านสันมุ่น หมู่ที่ 6",
             ROAD_OBJ,
             "ถนน คสล. กว้าง 5 เมตร ยาว 180 เมตร หนา 0.15 เมตร "
             "(รหัสทางหลวงท้องถิ่น ลป.ถ. 1-0087) หมู่ที่ 6",
             (0, 0, 0, 0, 585000), ROAD_KPI, ROAD_RES, ENG),
        Line("near:V19", "โครงการก่อสร้างถนนแอสฟัลท์ติกคอนกรีต (ลาดยาง) ซอย ๒ บ้านสันมุ่น หมู่ที่ ๖",
             "เพื่อยกระดับผิวจราจรให้ได้มาตรฐาน ลดฝุ่นละออง",
             "ผิวจราจรแอสฟัลท์ติกคอนกรีต กว้าง 5 เมตร ยาว 320 เมตร หนา 0.05 เมตร หมู่ที่ 6",
             (0, 0, 0, 0, 896000), ROAD_KPI, "การคมนาคมสะดวก ลดฝุ่นละอองในชุมชน", ENG),
        Line("dup:V10", "โครงการปรับปรุงซ่อมแซมถนน ค.ส.ล. ซอย 1 บ้านแม่มะกอก หมู่ที่ 4",
             "เพื่อซ่อมแซมผิวจราจรที่ชำรุดเสียหาย ลดอุบัติเหตุ",
             "ซ่อมแซมผิวจราจร คสล. ที่แตกร้าว พื้นที่ไม่น้อยกว่า 420 ตร.ม. หมู่ที่ 4",
             (0, 0, 0, 0, 168000), ROAD_KPI, "ถนนกลับมาใช้งานได้ดี ลดอุบัติเหตุจากหลุมบ่อ", ENG),
        Line("dup:V23", "โครงการซ่อมสร้างผิวจราจร คสล. ซอย ๔ บ้านปงทอง หมู่ที่ ๗",
             "เพื่อซ่อมแซมผิวจราจรที่ชำรุดเสียหาย ลดอุบัติเหตุ",
             "ผิวจราจร คสล. กว้าง 4 ม. ยาว 120 ม. หนา 0.15 ม. หมู่ที่ 7",
             (0, 0, 0, 0, 312000), ROAD_KPI, "ถนนกลับมาใช้งานได้ดี ลดอุบัติเหตุจากหลุมบ่อ", ENG),
        Line("dup:V04",
             "โครงการวางท่อระบายน้ำ ค.ส.ล. ขนาด Ø 0.60 ม. พร้อมบ่อพัก ซอย ๓ บ้านเหล่ามะกอก หมู่ที่ ๒",
             DRAIN_OBJ, "ท่อ คสล. ชั้น 3 ขนาด 0.60 ม. ยาว 96 ม. พร้อมบ่อพัก 9 บ่อ หมู่ที่ 2",
             (0, 0, 0, 0, 230000), DRAIN_KPI, DRAIN_RES, ENG),
        Line("", "โครงการปรับปรุงผิวจราจรแอสฟัลท์ติกคอนกรีต ถนนฉัตรไชย ตำบลสวนดอก",
             "เพื่อปรับปรุงถนนสายหลักที่ชำรุดให้ได้มาตรฐาน",
             "ผิวจราจรกว้าง 8 ม. ยาว 1,150 ม. หนา 0.05 ม.",
             (0, 0, 0, "1,850,000.-", 0), ROAD_KPI, ROAD_RES, ENG),
        Line("past", "โครงการก่อสร้างถนน คสล. ซอยศรีหมวดเกล้า ๓ ชุมชนศรีหมวดเกล้า ตำบลหัวเวียง",
             ROAD_OBJ, "ถนน คสล. กว้าง 4 ม. ยาว 175 ม. หนา 0.15 ม.",
             (485000, 0, 0, 0, 0), ROAD_KPI, ROAD_RES, ENG),
        Line("", "โครงการก่อสร้างรางระบายน้ำ คสล. พร้อมฝาปิด ถนนประสานไมตรี ชุมชนรถไฟ ตำบลสบตุ๋ย",
             DRAIN_OBJ, "รางระบายน้ำ คสล. กว้าง 0.50 ม. ยาว 420 ม. พร้อมฝาตะแกรงเหล็ก",
             (0, 0, 0, 0, 1200000), DRAIN_KPI, DRAIN_RES, ENG),
        Line("past",
             "โครงการปรับปรุงท่อระบายน้ำ ถนนบุญวาทย์ (ช่วงหอนาฬิกา – สะพานรัษฎาภิเศก) ตำบลหัวเวียง",
             DRAIN_OBJ, "เปลี่ยนท่อระบายน้ำ คสล. ขนาด 1.00 ม. ยาว 640 ม. ทั้งสองฝั่ง",
             (1500000, 1500000, 0, 0, 0), DRAIN_KPI, DRAIN_RES, ENG),
        Line("", "โครงการก่อสร้างถนน คสล. ซอย ๓ ชุมชนบ้านพระบาท ตำบลพระบาท", ROAD_OBJ,
             "ถนน คสล. กว้าง 4 ม. ยาว 130 ม. หนา 0.15 ม.",
             (0, 0, 0, 0, 360000), ROAD_KPI, ROAD_RES, ENG),
    ]),
    Section(S1, S1_P, S1_L, "1.2 แผนงานเคหะและชุมชน", "int", "dash", [
        Line("dup:V02", "โครงการก่อสร้างหอถังสูงเก็บน้ำประปาหมู่บ้าน แบบทรงแชมเปญ บ้านเหล่ามะกอก หมู่ที่ ๒",
             "เพื่อให้มีน้ำประปาใช้อย่างเพียงพอและทั่วถึง",
             "หอถังสูงเหล็ก ความจุ ๒๐ ลบ.ม. จำนวน ๑ แห่ง หมู่ที่ ๒",
             (0, 0, 0, 0, 650000), "ครัวเรือนมีน้ำประปาใช้เพิ่มขึ้น ๑๒๐ ครัวเรือน",
             "ประชาชนมีน้ำประปาใช้ตลอดปี", ENG),
        Line("dup:V03",
             "โครงการปรับปรุงระบบประปาหมู่บ้าน บ้านเหล่ามะกอก หมู่ที่ 2 ให้ได้มาตรฐานน้ำประปาดื่มได้",
             "เพื่อให้ประชาชนมีน้ำประปาสะอาดได้มาตรฐาน",
             "ปรับปรุงถังกรองสนิมเหล็ก ระบบสูบจ่ายน้ำ และเปลี่ยนท่อเมนประปา ยาว 600 ม. หมู่ที่ 2",
             (0, 0, 0, 280000, 280000), "คุณภาพน้ำผ่านเกณฑ์มาตรฐานประปาดื่มได้",
             "ลดโรคที่เกิดจากน้ำ ประชาชนมีน้ำสะอาดใช้", ENG),
        Line("dup:V05", "โครงการขยายเขตระบบจำหน่ายไฟฟ้าเพื่อการเกษตร สายทุ่งช้าง บ.แม่เหียง ม.3",
             "เพื่อให้เกษตรกรมีไฟฟ้าใช้สูบน้ำเพื่อการเกษตร",
             "ขยายเขตไฟฟ้าแรงต่ำ ระยะทาง ๘๐๐ ม. (ดำเนินการโดย กฟภ.) หมู่ที่ ๓",
             (0, 0, 0, 0, 450000), POWER_KPI, "ลดต้นทุนการสูบน้ำ เพิ่มรอบการผลิต",
             "กองช่าง (ประสาน กฟภ.ลำปาง)"),
        Line("near:V05", "โครงการขยายเขตไฟฟ้าเพื่อการเกษตร สายทุ่งนาหลวง บ้านแม่เหียง หมู่ที่ 3",
             "เพื่อให้เกษตรกรมีไฟฟ้าใช้สูบน้ำเพื่อการเกษตร",
             "ขยายเขตไฟฟ้าแรงต่ำ ระยะทาง 650 ม. หมู่ที่ 3",
             (0, 0, 0, 0, 380000), POWER_KPI, "ลดต้นทุนการสูบน้ำ เพิ่มรอบการผลิต",
             "กองช่าง (ประสาน กฟภ.ลำปาง)"),
        Line("dup:V18", "โครงการขยายเขตระบบประปาหมู่บ้าน บ้านสันมุ่น หมู่ที่ ๖",
             "เพื่อให้ครัวเรือนที่อยู่นอกเขตท่อเมนมีน้ำประปาใช้",
             "วางท่อเมนประปา PVC ขนาด ๒ นิ้ว ชั้น ๘.๕ ยาว ๑,๒๐๐ ม. พร้อมประตูน้ำ หมู่ที่ ๖",
             (0, 0, 0, 0, 310000), "ครัวเรือนมีน้ำประปาใช้เพิ่มขึ้น ๔๕ ครัวเรือน",
             "ประชาชนมีน้ำประปาใช้ทั่วถึง", ENG),
        Line("near:V18", "โครงการขยายเขตระบบประปาหมู่บ้าน บ้านปางลัว หมู่ที่ ๕",
             "เพื่อให้ครัวเรือนที่อยู่นอกเขตท่อเมนมีน้ำประปาใช้",
             "วางท่อเมนประปา PVC ขนาด ๒ นิ้ว ชั้น ๘.๕ ยาว ๘๕๐ ม. หมู่ที่ ๕",
             (0, 0, 0, 0, 225000), "ครัวเรือนมีน้ำประปาใช้เพิ่มขึ้น ๓๐ ครัวเรือน",
             "ประชาชนมีน้ำประปาใช้ทั่วถึง", ENG),
        Line("dup:V21",
             "โครงการติดตั้งโคมไฟถนนพลังงานแสงอาทิตย์ (Solar Cell) ซอย ๙ บ้านสันมุ่น หมู่ที่ ๖",
             "เพื่อความปลอดภัยในการสัญจรยามค่ำคืน",
             "โคมไฟ LED พลังงานแสงอาทิตย์ ขนาด 200 วัตต์ จำนวน 12 ต้น หมู่ที่ 6",
             (0, 0, 0, 0, 216000), "จุดมืดในซอยลดลงร้อยละ ๑๐๐",
             "อุบัติเหตุและเหตุร้ายยามค่ำคืนลดลง", ENG),
        Line("near:V21",
             "โครงการติดตั้งไฟฟ้าส่องสว่างพลังงานแสงอาทิตย์ (โซล่าเซลล์) ซอย ๑๐ บ้านสันมุ่น หมู่ที่ ๖",
             "เพื่อความปลอดภัยในการสัญจรยามค่ำคืน",
             "โคมไฟ LED พลังงานแสงอาทิตย์ ขนาด 200 วัตต์ จำนวน 10 ต้น หมู่ที่ 6",
             (0, 0, 0, 0, 180000), "จุดมืดในซอยลดลงร้อยละ ๑๐๐",
             "อุบัติเหตุและเหตุร้ายยามค่ำคืนลดลง", ENG),
        Line("dup:V26", "โครงการปรับปรุงอาคารศูนย์พัฒนาเด็กเล็กบ้านดงยาง หมู่ที่ ๘",
             "เพื่อให้อาคารเรียนมีความปลอดภัยและได้มาตรฐานศูนย์พัฒนาเด็กเล็ก",
             "ปรับปรุงหลังคา ฝ้าเพดาน ห้องน้ำเด็ก และทาสีอาคาร ๑ หลัง หมู่ที่ ๘",
             (0, 0, 0, 0, 380000), "อาคารผ่านเกณฑ์มาตรฐานศูนย์พัฒนาเด็กเล็ก",
             "เด็กปฐมวัยมีสถานที่เรียนที่ปลอดภัย", "กองช่าง / กองการศึกษา"),
        Line("dup:V22", "โครงการซ่อมแซมศาลาอเนกประสงค์ประจำหมู่บ้าน บ้านปงทอง หมู่ที่ ๗",
             "เพื่อให้มีสถานที่จัดประชุมและกิจกรรมของหมู่บ้านที่มั่นคงปลอดภัย",
             "เปลี่ยนหลังคาเมทัลชีท ปูกระเบื้องพื้น และทาสี ขนาด ๘ x ๑๒ ม. หมู่ที่ ๗",
             (0, 0, 0, 0, 195000), "ศาลาใช้งานได้ ๑ หลัง",
             "ประชาชนมีสถานที่ประชุมและทำกิจกรรมร่วมกัน", ENG),
        Line("", "โครงการติดตั้งไฟฟ้าส่องสว่างสาธารณะ ถนนเลียบแม่น้ำวัง ชุมชนท่าคราวน้อย ตำบลสวนดอก",
             "เพื่อความปลอดภัยในการสัญจรยามค่ำคืน",
             "เสาไฟกิ่งเดี่ยว สูง 9 ม. พร้อมโคม LED 150 วัตต์ จำนวน 45 ต้น",
             (0, 0, 0, 0, "1,350,000.-"), "ถนนมีไฟส่องสว่างตลอดสาย",
             "ประชาชนและนักท่องเที่ยวสัญจรได้ปลอดภัย", ENG),
        Line("past", "โครงการเปลี่ยนโคมไฟฟ้าส่องสว่างเป็นหลอด LED ภายในเขตเทศบาล",
             "เพื่อประหยัดพลังงานและค่าไฟฟ้าสาธารณะ", "โคมไฟ LED จำนวน 1,200 ดวง ทุกชุมชน",
             (2000000, 2000000, 0, 0, 0), "ค่าไฟฟ้าสาธารณะลดลงร้อยละ ๓๐",
             "เทศบาลประหยัดงบประมาณค่าไฟฟ้า", ENG),
    ]),
    Section(S2, S2_P, S2_L, "2.1 แผนงานสาธารณสุข", "thai", "thai", [
        Line("", "โครงการอบรมอาสาสมัครผู้ดูแลผู้สูงอายุ (Caregiver) ชุมชนศรีบุญโยง ตำบลสวนดอก",
             "เพื่อให้ผู้สูงอายุที่มีภาวะพึ่งพิงได้รับการดูแลอย่างถูกวิธี",
             "อาสาสมัคร ๓๐ คน อบรมหลักสูตร ๗๐ ชั่วโมง",
             (0, 0, 0, 0, 85000), "ผู้ผ่านการอบรมไม่น้อยกว่าร้อยละ ๙๐",
             "ผู้สูงอายุติดบ้านติดเตียงได้รับการดูแลต่อเนื่อง", HEALTH),
        Line("", "โครงการสัตว์ปลอดโรค คนปลอดภัยจากโรคพิษสุนัขบ้า",
             "เพื่อป้องกันโรคพิษสุนัขบ้าในคนและสัตว์",
             "ฉีดวัคซีนสุนัขและแมว ๔,๕๐๐ ตัว ทุกชุมชนในเขตเทศบาล",
             (150000, 150000, 150000, 150000, 150000), "ไม่มีผู้ป่วยโรคพิษสุนัขบ้า",
             "ประชาชนปลอดภัยจากโรคพิษสุนัขบ้า", HEALTH),
        Line("", "โครงการคัดกรองโรคเบาหวานและความดันโลหิตสูงในชุมชน ตำบลหัวเวียงและตำบลสบตุ๋ย",
             "เพื่อค้นหาผู้ป่วยรายใหม่และกลุ่มเสี่ยง", "ประชาชนอายุ ๓๕ ปีขึ้นไป ๓,๒๐๐ คน",
             (0, 0, 120000, 120000, 120000), "ร้อยละของกลุ่มเป้าหมายได้รับการคัดกรอง",
             "กลุ่มเสี่ยงได้รับการดูแลก่อนเป็นโรค", HEALTH),
        Line("past", "โครงการเฝ้าระวังและป้องกันโรคติดเชื้อไวรัสโคโรนา 2019 (COVID-19)",
             "เพื่อป้องกันการแพร่ระบาดของโรคในชุมชน",
             "จัดหาวัสดุป้องกันและเวชภัณฑ์ ๔๓ ชุมชน",
             (500000, 200000, 0, 0, 0), "ไม่มีการระบาดเป็นกลุ่มก้อน",
             "ประชาชนปลอดภัยจากโรคติดต่อ", HEALTH),
    ]),
    Section(S2, S2_P, S2_L, "2.2 แผนงานสร้างความเข้มแข็งของชุมชน", "thai", "thai", [
        Line("", "โครงการอบรมพัฒนาศักยภาพคณะกรรมการชุมชน ๔๓ ชุมชน",
             "เพื่อเพิ่มศักยภาพผู้นำชุมชนในการพัฒนาชุมชน", "คณะกรรมการชุมชน ๓๘๐ คน",
             (0, 0, 250000, 250000, 250000), "ผู้เข้าร่วมมีความรู้เพิ่มขึ้นร้อยละ ๘๐",
             "ชุมชนเข้มแข็ง ผู้นำมีศักยภาพ", SOCIAL),
        Line("", "โครงการจัดทำและทบทวนแผนชุมชนและเวทีประชาคมระดับชุมชน",
             "เพื่อให้ชุมชนมีแผนชุมชนที่สะท้อนความต้องการของประชาชน",
             "จัดเวทีประชาคม ๔๓ ชุมชน",
             (60000, 60000, 60000, 60000, 60000), "ทุกชุมชนมีแผนชุมชนที่ปรับปรุงแล้ว",
             "โครงการในแผนพัฒนาท้องถิ่นตรงกับความต้องการของชุมชน", SOCIAL),
        Line("", "โครงการป้องกันและแก้ไขปัญหายาเสพติดในชุมชน (TO BE NUMBER ONE)",
             "เพื่อสร้างภูมิคุ้มกันยาเสพติดให้เด็กและเยาวชน", "เด็กและเยาวชน ๕๐๐ คน",
             (0, 0, 100000, 100000, 100000), "เยาวชนเข้าร่วมกิจกรรมไม่น้อยกว่า ๕๐๐ คน",
             "ชุมชนปลอดยาเสพติด", SOCIAL),
    ]),
    Section(S2, S2_P, S2_L, "2.3 แผนงานการศาสนา วัฒนธรรมและนันทนาการ", "thai", "thai", [
        Line("dup:V16",
             "โครงการติดตั้งเครื่องออกกำลังกายกลางแจ้ง ศาลาอเนกประสงค์บ้านสันมุ่น หมู่ที่ ๖",
             "เพื่อส่งเสริมให้ประชาชนออกกำลังกายเพื่อสุขภาพ",
             "เครื่องออกกำลังกายกลางแจ้ง ๘ ชุด พร้อมติดตั้ง หมู่ที่ ๖",
             (0, 0, 0, 0, 240000), "ประชาชนใช้บริการวันละไม่น้อยกว่า ๓๐ คน",
             "ประชาชนมีสุขภาพแข็งแรง", EDU),
        Line("dup:V07", "โครงการก่อสร้างลานกีฬาอเนกประสงค์ คสล. บ้านแม่เหียง หมู่ที่ ๓",
             "เพื่อให้เด็ก เยาวชน และประชาชนมีสถานที่เล่นกีฬา",
             "ลาน คสล. กว้าง ๒๐ ม. ยาว ๓๐ ม. หนา ๐.๑๐ ม. พร้อมตีเส้นสนาม หมู่ที่ ๓",
             (0, 0, 0, 0, 480000), "มีลานกีฬา ๑ แห่ง", "เยาวชนใช้เวลาว่างให้เกิดประโยชน์ ห่างไกลยาเสพติด",
             ENG),
        Line("near:V07", "โครงการก่อสร้างลานกีฬาอเนกประสงค์ บ้านปางลัว หมู่ที่ ๕",
             "เพื่อให้เด็ก เยาวชน และประชาชนมีสถานที่เล่นกีฬา",
             "ลาน คสล. กว้าง ๑๘ ม. ยาว ๓๐ ม. หนา ๐.๑๐ ม. หมู่ที่ ๕",
             (0, 0, 0, 0, 450000), "มีลานกีฬา ๑ แห่ง", "เยาวชนใช้เวลาว่างให้เกิดประโยชน์ ห่างไกลยาเสพติด",
             ENG),
        Line("dup:V29", "โครงการก่อสร้างลานกีฬาอเนกประสงค์ บ.ดงยาง ม.๘",
             "เพื่อให้เด็ก เยาวชน และประชาชนมีสถานที่เล่นกีฬา",
             "ลานกีฬา คสล. พร้อมแป้นบาสเกตบอลและเสาตาข่าย ๑ แห่ง หมู่ที่ ๘",
             (0, 0, 0, 350000, 150000), "มีลานกีฬา ๑ แห่ง",
             "เยาวชนใช้เวลาว่างให้เกิดประโยชน์ ห่างไกลยาเสพติด", ENG),
        Line("", "โครงการจัดงานประเพณีแห่สลุงหลวง สงกรานต์นครลำปาง",
             "เพื่ออนุรักษ์และสืบสานประเพณีปี๋ใหม่เมือง", "ผู้เข้าร่วมงาน ๑๐,๐๐๐ คน",
             (1500000, 1500000, 1500000, 1500000, 1500000), "จัดงานได้ตามกำหนด ๑ ครั้ง/ปี",
             "ประเพณีล้านนาได้รับการสืบทอด ส่งเสริมการท่องเที่ยว", EDU),
        Line("", "โครงการจัดงานประเพณีลอยกระทงล่องสะเปาจาวเวียงละกอน",
             "เพื่ออนุรักษ์และสืบสานประเพณีท้องถิ่น", "ผู้เข้าร่วมงาน ๘,๐๐๐ คน",
             (800000, 800000, 800000, 800000, 800000), "จัดงานได้ตามกำหนด ๑ ครั้ง/ปี",
             "ประเพณีท้องถิ่นได้รับการสืบทอด ส่งเสริมการท่องเที่ยว", EDU),
    ]),
    Section(S3, S3_P, S3_L, "3.1 แผนงานสร้างความเข้มแข็งของชุมชน", "int", "plain", [
        Line("dup:V06",
             "โครงการฝึกอบรมส่งเสริมอาชีพการทำขนม กลุ่มแม่บ้านบ้านแม่เหียง หมู่ที่ 3",
             "เพื่อเพิ่มทักษะอาชีพและรายได้ให้ครัวเรือน", "ผู้เข้ารับการอบรม 30 คน หมู่ที่ 3",
             (0, 0, 0, 0, 45000), "ผู้ผ่านการอบรมนำไปประกอบอาชีพร้อยละ 60",
             "ครัวเรือนมีรายได้เสริม", SOCIAL),
        Line("dup:V08",
             "โครงการฝึกอบรมทักษะอาชีพช่างซ่อมรถจักรยานยนต์เบื้องต้นสำหรับเยาวชน "
             "บ้านแม่มะกอก หมู่ที่ 4",
             "เพื่อให้เยาวชนมีทักษะอาชีพและรายได้", "เยาวชนอายุ 15-25 ปี 25 คน หมู่ที่ 4",
             (0, 0, 0, 0, 60000), "ผู้ผ่านการอบรมนำไปประกอบอาชีพร้อยละ 50",
             "เยาวชนมีอาชีพ ลดปัญหาการว่างงาน", SOCIAL),
        Line("", "โครงการส่งเสริมอาชีพการทำเซรามิกลายชามไก่ ชุมชนบ้านป่าขาม ตำบลสวนดอก",
             "เพื่อส่งเสริมผลิตภัณฑ์ชุมชนเอกลักษณ์ลำปาง", "ผู้เข้ารับการอบรม 40 คน",
             (0, 0, 0, 50000, 50000), "ผู้ผ่านการอบรมนำไปประกอบอาชีพร้อยละ 60",
             "ผลิตภัณฑ์ชุมชนจำหน่ายได้เพิ่มขึ้น", SOCIAL),
    ]),
    Section(S3, S3_P, S3_L, "3.2 แผนงานการเกษตร", "int", "plain", [
        Line("near:V28", "โครงการขุดลอกหนองไฮน้อย บ้านดงยาง หมู่ที่ 8",
             "เพื่อเพิ่มปริมาณการกักเก็บน้ำไว้ใช้ในฤดูแล้ง",
             "ขุดลอกพื้นที่ 4 ไร่ ลึกเฉลี่ย 2 ม. ปริมาณดินขุด 12,800 ลบ.ม. หมู่ที่ 8",
             (0, 0, 0, 0, 380000), "ความจุเพิ่มขึ้น 12,800 ลบ.ม.",
             "มีน้ำใช้เพื่อการเกษตรในฤดูแล้ง", ENG),
        Line("near:V30", "โครงการเจาะบ่อบาดาลเพื่อการเกษตร บ้านปงทอง หมู่ที่ 7",
             "เพื่อให้เกษตรกรมีน้ำใช้ในฤดูแล้ง",
             "บ่อบาดาล ขนาด 6 นิ้ว ลึกไม่น้อยกว่า 60 ม. พร้อมเครื่องสูบน้ำ 1 บ่อ หมู่ที่ 7",
             (0, 0, 0, 0, 280000), "เกษตรกรได้รับประโยชน์ 25 ครัวเรือน",
             "เกษตรกรมีน้ำใช้ตลอดปี", ENG),
        Line("year:V32", "โครงการขุดลอกลำห้วยน้ำจำ บ้านดงยาง หมู่ที่ 8",
             "เพื่อแก้ไขปัญหาลำห้วยตื้นเขินและน้ำล้นตลิ่ง",
             "ขุดลอกลำห้วย กว้างเฉลี่ย 6 ม. ยาว 850 ม. ลึกเฉลี่ย 1.50 ม.",
             (0, 350000, 0, 0, 0), "ลำห้วยระบายน้ำได้ดี", "ลดปัญหาน้ำท่วมพื้นที่การเกษตร", ENG),
        Line("", "โครงการส่งเสริมตลาดนัดสินค้าเกษตรปลอดภัย (ตลาดเขียว) ลานหน้าสำนักงานเทศบาล",
             "เพื่อเพิ่มช่องทางจำหน่ายผลผลิตของเกษตรกร", "ตลาดนัดสัปดาห์ละ 1 ครั้ง ผู้ค้า 60 ราย",
             (0, 0, 60000, 60000, 60000), "ผู้ค้ามีรายได้เพิ่มขึ้นร้อยละ 10",
             "ประชาชนได้บริโภคผักปลอดภัย", SOCIAL),
    ]),
    Section(S4, S4_P, S4_L, "4.1 แผนงานการรักษาความสงบภายใน", "thai", "num", [
        Line("dup:V14",
             "โครงการติดตั้งกล้องโทรทัศน์วงจรปิด (CCTV) จุดเสี่ยงภายในบ้านปางลัว หมู่ที่ ๕",
             "เพื่อป้องกันและลดเหตุอาชญากรรมและอุบัติเหตุ",
             "กล้อง CCTV ความละเอียด ๔ ล้านพิกเซล ๘ ตัว พร้อมเครื่องบันทึกภาพ หมู่ที่ ๕",
             (0, 0, 0, 0, 320000), "จุดเสี่ยงมีกล้องครบ ๘ จุด",
             "ชุมชนปลอดภัย ตรวจสอบเหตุได้รวดเร็ว", CLERK),
        Line("", "โครงการติดตั้งกล้องวงจรปิด (CCTV) ทางแยกและจุดเสี่ยงถนนทิพย์ช้าง ตำบลสวนดอก",
             "เพื่อป้องกันและลดเหตุอาชญากรรมและอุบัติเหตุ", "กล้อง CCTV ๒๐ ตัว ๕ ทางแยก",
             (0, 0, 0, 0, 750000), "ทางแยกมีกล้องครบ ๕ แห่ง",
             "ตรวจสอบเหตุได้รวดเร็ว", CLERK),
        Line("past", "โครงการฝึกอบรมทบทวนอาสาสมัครป้องกันภัยฝ่ายพลเรือน (อปพร.)",
             "เพื่อเพิ่มศักยภาพ อปพร. ในการป้องกันและบรรเทาสาธารณภัย", "อปพร. ๑๕๐ คน",
             (120000, 120000, 0, 0, 0), "ผู้ผ่านการอบรมร้อยละ ๙๐",
             "ช่วยเหลือผู้ประสบภัยได้ทันท่วงที", CLERK),
        Line("", "โครงการป้องกันและลดอุบัติเหตุทางถนนช่วงเทศกาลปีใหม่และสงกรานต์",
             "เพื่อลดการเกิดอุบัติเหตุทางถนนช่วงเทศกาล", "จุดบริการประชาชน ๔ จุด ๒ เทศกาล",
             (100000, 100000, 100000, 100000, 100000), "จำนวนอุบัติเหตุลดลงร้อยละ ๑๐",
             "ประชาชนเดินทางปลอดภัย", CLERK),
    ]),
]

P02_1_SECTION = Section(S1, S1_P, S1_L, "1.1 แผนงานอุตสาหกรรมและการโยธา", "int", "num", [
    Line("", "โครงการก่อสร้างสะพาน คสล. ข้ามแม่น้ำวัง เชื่อมชุมชนท่าคราวน้อย ตำบลสวนดอก – "
         "ชุมชนบ้านฟ่อน ตำบลพระบาท", "เพื่อเชื่อมการคมนาคมสองฝั่งแม่น้ำวัง ลดปัญหาการจราจร",
         "สะพาน คสล. กว้าง 9 ม. ยาว 180 ม. จำนวน 1 แห่ง",
         (0, 0, 0, 0, 25000000), ROAD_KPI, "ลดระยะทางและเวลาในการเดินทาง", "กองช่าง / อบจ.ลำปาง"),
    Line("", "โครงการปรับปรุงผิวจราจรแอสฟัลท์ติกคอนกรีต ถนนสาย ลป.ถ. 1-0023 "
         "บ้านพระบาท ตำบลพระบาท", "เพื่อปรับปรุงถนนสายหลักที่ชำรุดให้ได้มาตรฐาน",
         "ผิวจราจรกว้าง 7 ม. ยาว 2,300 ม. หนา 0.05 ม.",
         (0, 0, 0, 3500000, 0), ROAD_KPI, ROAD_RES, "กองช่าง / อบจ.ลำปาง"),
    Line("", "โครงการก่อสร้างเขื่อนป้องกันตลิ่งพังริมแม่น้ำวัง ชุมชนเกาะวาลุกา ตำบลหัวเวียง",
         "เพื่อป้องกันการพังทลายของตลิ่ง", "เขื่อนป้องกันตลิ่ง คสล. ยาว 320 ม.",
         (0, 0, 0, 0, 8500000), "ตลิ่งไม่พังทลายในฤดูน้ำหลาก",
         "บ้านเรือนริมน้ำปลอดภัย", "กองช่าง / อบจ.ลำปาง"),
    Line("", "โครงการก่อสร้างระบบระบายน้ำพร้อมบ่อสูบน้ำ ชุมชนรถไฟ ตำบลสบตุ๋ย", DRAIN_OBJ,
         "ท่อระบายน้ำ คสล. ขนาด 1.20 ม. ยาว 850 ม. พร้อมบ่อสูบน้ำ 1 แห่ง",
         (0, 0, 6200000, 0, 0), DRAIN_KPI, DRAIN_RES, "กองช่าง / อบจ.ลำปาง"),
    Line("", "โครงการขยายผิวจราจรถนนสายบ้านพระบาท – บ้านฟ่อน ตำบลพระบาท", ROAD_OBJ,
         "ขยายผิวจราจรจาก 6 ม. เป็น 9 ม. ยาว 1,600 ม.",
         (0, 0, 0, 0, 4800000), ROAD_KPI, ROAD_RES, "กองช่าง / อบจ.ลำปาง"),
    Line("", "โครงการปรับปรุงภูมิทัศน์ถนนคนเดินกาดกองต้า ตำบลสบตุ๋ย",
         "เพื่อส่งเสริมการท่องเที่ยวย่านเมืองเก่า",
         "ปรับปรุงทางเท้า ไฟส่องสว่าง และป้ายสื่อความหมาย ยาว 900 ม.",
         (0, 0, 0, 2500000, 2500000), "นักท่องเที่ยวเพิ่มขึ้นร้อยละ 10",
         "ย่านเมืองเก่าสวยงาม เศรษฐกิจชุมชนดีขึ้น", "กองช่าง / อบจ.ลำปาง"),
    Line("", "โครงการก่อสร้างถนน คสล. เลียบคลองชลประทาน ชุมชนศรีบุญเรือง ตำบลสวนดอก", ROAD_OBJ,
         "ถนน คสล. กว้าง 6 ม. ยาว 640 ม. หนา 0.15 ม.",
         (0, 0, 0, 0, 1900000), ROAD_KPI, ROAD_RES, "กองช่าง / อบจ.ลำปาง"),
])

# ผ.03 (ignored by the importer): (แผนงาน, หมวด, ประเภท, เป้าหมาย, budgets, unit)
P03 = [
    ("แผนงานบริหารงานทั่วไป", "ค่าครุภัณฑ์", "ครุภัณฑ์คอมพิวเตอร์",
     "เครื่องคอมพิวเตอร์สำหรับงานประมวลผล แบบที่ 2 จำนวน 5 เครื่อง",
     (0, 0, 150000, 0, 0), CLERK),
    ("แผนงานเคหะและชุมชน", "ค่าครุภัณฑ์", "ครุภัณฑ์ยานพาหนะและขนส่ง",
     "รถบรรทุกขยะ แบบอัดท้าย ขนาด 10 ลูกบาศก์หลา จำนวน 1 คัน",
     (0, 0, 0, 2500000, 0), HEALTH),
    ("แผนงานการรักษาความสงบภายใน", "ค่าครุภัณฑ์", "ครุภัณฑ์ยานพาหนะและขนส่ง",
     "รถบรรทุกน้ำอเนกประสงค์ ขนาด 6,000 ลิตร จำนวน 1 คัน",
     (0, 0, 0, 0, 2800000), CLERK),
    ("แผนงานอุตสาหกรรมและการโยธา", "ค่าครุภัณฑ์", "ครุภัณฑ์การเกษตร",
     "เครื่องสูบน้ำแบบหอยโข่ง ขนาด 8 นิ้ว จำนวน 2 เครื่อง",
     (0, 0, 0, 180000, 0), ENG),
    ("แผนงานสาธารณสุข", "ค่าครุภัณฑ์", "ครุภัณฑ์วิทยาศาสตร์หรือการแพทย์",
     "เครื่องพ่นหมอกควันกำจัดยุง จำนวน 4 เครื่อง",
     (0, 0, 0, 0, 236000), HEALTH),
]

# fmt: on

MANIFEST: list[tuple[str, str, int, str, str]] = []  # file, sheet, row, tag, title


# --------------------------------------------------------------------------- local plan
P02_WIDTHS = [5.5, 36, 26, 30, 11.5, 11.5, 11.5, 11.5, 11.5, 20, 24, 14]


def p02_header(sheet: Worksheet, row: int) -> int:
    heads = ("ที่", "โครงการ", "วัตถุประสงค์", "เป้าหมาย\n(ผลผลิตของโครงการ)")
    after = ("ตัวชี้วัด (KPI)", "ผลที่คาดว่าจะได้รับ", "หน่วยงาน\nรับผิดชอบหลัก")
    for col, text in enumerate(heads, start=1):
        sheet.cell(row, col, text)
        sheet.merge_cells(start_row=row, start_column=col, end_row=row + 1, end_column=col)
    sheet.cell(row, 5, "งบประมาณและที่ผ่านมา")
    sheet.merge_cells(start_row=row, start_column=5, end_row=row, end_column=9)
    for i, year in enumerate(YEARS):
        sheet.cell(row + 1, 5 + i, f"{th(year)}\n(บาท)")
    for col, text in enumerate(after, start=10):
        sheet.cell(row, col, text)
        sheet.merge_cells(start_row=row, start_column=col, end_row=row + 1, end_column=col)
    for r in (row, row + 1):
        for col in range(1, 13):
            cell = sheet.cell(r, col)
            cell.font, cell.border, cell.alignment = BOLD, BOX, CENTRE
    sheet.row_dimensions[row].height = 24
    sheet.row_dimensions[row + 1].height = 42
    return row + 2


def heading(sheet: Worksheet, row: int, text: str) -> int:
    cell = sheet.cell(row, 1, text)
    cell.font, cell.alignment = BOLD, LEFT
    sheet.row_dimensions[row].height = 22
    return row + 1


def p02_sheet(
    sheet: Worksheet,
    titles: list[str],
    form: str,
    sections: list[Section],
    file: str,
    repeat_header_at: set[str],
) -> None:
    office_page(sheet, widths=P02_WIDTHS)
    row = title_rows(sheet, titles, 12, form) + 1
    strategy = None
    first_header_done = False
    for section in sections:
        if section.strategy != strategy:
            if strategy is not None and section.strategy in repeat_header_at:
                sheet.row_breaks.append(Break(id=row - 1))  # a new page, the header again
            strategy = section.strategy
            for text in (section.province, section.lao, section.strategy):
                row = heading(sheet, row, text)
        row = heading(sheet, row, section.programme)
        # The table header: once at the top, and again at the first programme of the
        # strategies in repeat_header_at (as officers paste it at a new page).
        if not first_header_done:
            row = p02_header(sheet, row)
            first_header_done = True
        elif section.strategy in repeat_header_at and section.programme.split()[0].endswith(".1"):
            row = p02_header(sheet, row)
        totals = [0] * 5
        for n, line in enumerate(section.lines, start=1):
            number: int | str = n if section.numbers == "int" else th(n)
            values: list[int | str | None] = [number, line.title, line.objective, line.target]
            values += [money(b, section.style) for b in line.budgets]
            values += [line.kpi, line.result, line.unit]
            for col, value in enumerate(values, start=1):
                cell = sheet.cell(row, col, value)
                cell.font, cell.border = BODY, BOX
                if col == 1:
                    cell.alignment = CENTRE_TOP
                elif 5 <= col <= 9:
                    cell.alignment = RIGHT_TOP
                    if isinstance(value, int):
                        cell.number_format = "#,##0"
                    elif value == "-":
                        cell.alignment = CENTRE_TOP
                elif col == 12:
                    cell.alignment = CENTRE_TOP
                else:
                    cell.alignment = WRAP
            for i, b in enumerate(line.budgets):
                totals[i] += amount(b)
            fit_height(sheet, row, 1, 12)
            MANIFEST.append((file, sheet.title, row, line.tag, line.title))
            row += 1
        count = len(section.lines)
        label = f"รวม {th(count) if section.numbers == 'thai' else count} โครงการ"
        sheet.cell(row, 1, label)
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=4)
        for i, total in enumerate(totals):
            written: int | str = total or "-"
            if section.style == "thai":
                written = th(f"{total:,}") if total else "-"
            sheet.cell(row, 5 + i, written)
        for col in (10, 11, 12):
            sheet.cell(row, col, "-")
        for col in range(1, 13):
            cell = sheet.cell(row, col)
            cell.font, cell.border = BOLD, BOX
            cell.alignment = CENTRE if col < 5 or col > 9 else Alignment(horizontal="right")
            if isinstance(cell.value, int):
                cell.number_format = "#,##0"
        sheet.row_dimensions[row].height = 22
        MANIFEST.append((file, sheet.title, row, "total", label))
        row += 1


def p01_sheet(sheet: Worksheet, sections: list[Section]) -> None:
    office_page(sheet, widths=[46] + [9, 14] * 6)
    row = title_rows(sheet, ["บัญชีสรุปโครงการพัฒนา", PLAN_WINDOW, MUNI_PLACE], 13, "แบบ ผ.01") + 1
    sheet.cell(row, 1, "ยุทธศาสตร์")
    sheet.merge_cells(start_row=row, start_column=1, end_row=row + 1, end_column=1)
    groups = [f"ปี {th(y)}" for y in YEARS] + ["รวม ๕ ปี"]
    for i, text in enumerate(groups):
        col = 2 + 2 * i
        sheet.cell(row, col, text)
        sheet.merge_cells(start_row=row, start_column=col, end_row=row, end_column=col + 1)
        sheet.cell(row + 1, col, "จำนวน\nโครงการ")
        sheet.cell(row + 1, col + 1, "งบประมาณ\n(บาท)")
    for r in (row, row + 1):
        for col in range(1, 14):
            cell = sheet.cell(r, col)
            cell.font, cell.border, cell.alignment = BOLD, BOX, CENTRE
    sheet.row_dimensions[row].height = 24
    sheet.row_dimensions[row + 1].height = 42
    row += 2

    def sums(lines: list[Line]) -> list[int]:
        out: list[int] = []
        for i in range(5):
            amounts = [amount(line.budgets[i]) for line in lines]
            out += [sum(1 for a in amounts if a), sum(amounts)]
        out += [sum(out[0:10:2]), sum(out[1:10:2])]
        return out

    def put(values: list[int], label: str, *, bold: bool, indent: int) -> None:
        nonlocal row
        sheet.cell(row, 1, label).alignment = Alignment(
            vertical="top", wrap_text=True, indent=indent
        )
        for i, v in enumerate(values):
            cell = sheet.cell(row, 2 + i, v if v else "-")
            cell.alignment = Alignment(horizontal="center" if i % 2 == 0 else "right")
            if v:
                cell.number_format = "#,##0"
        for col in range(1, 14):
            sheet.cell(row, col).font = BOLD if bold else BODY
            sheet.cell(row, col).border = BOX
        fit_height(sheet, row, 1, 1)
        MANIFEST.append(("local", sheet.title, row, "strategy" if bold else "programme", label))
        row += 1

    strategies: dict[str, list[Section]] = {}
    for section in sections:
        strategies.setdefault(section.strategy, []).append(section)
    for name, parts in strategies.items():
        put(sums([ln for s in parts for ln in s.lines]), name, bold=True, indent=0)
        for s in parts:
            put(sums(s.lines), s.programme, bold=False, indent=2)
    values = sums([ln for s in sections for ln in s.lines])
    put(values, "รวมทั้งสิ้น", bold=True, indent=0)
    MANIFEST[-1] = ("local", sheet.title, row - 1, "grand-total", "รวมทั้งสิ้น")
    sheet.cell(row - 1, 1).alignment = CENTRE


def p03_sheet(sheet: Worksheet) -> None:
    office_page(sheet, widths=[5.5, 26, 14, 26, 42, 11.5, 11.5, 11.5, 11.5, 11.5, 22])
    row = title_rows(sheet, ["บัญชีครุภัณฑ์", PLAN_WINDOW, MUNI_PLACE], 11, "แบบ ผ.03") + 1
    heads = ("ที่", "แผนงาน", "หมวด", "ประเภท", "เป้าหมาย\n(ผลผลิตของครุภัณฑ์)")
    for col, text in enumerate(heads, start=1):
        sheet.cell(row, col, text)
        sheet.merge_cells(start_row=row, start_column=col, end_row=row + 1, end_column=col)
    sheet.cell(row, 6, "งบประมาณ")
    sheet.merge_cells(start_row=row, start_column=6, end_row=row, end_column=10)
    for i, year in enumerate(YEARS):
        sheet.cell(row + 1, 6 + i, f"{th(year)}\n(บาท)")
    sheet.cell(row, 11, "หน่วยงาน\nรับผิดชอบหลัก")
    sheet.merge_cells(start_row=row, start_column=11, end_row=row + 1, end_column=11)
    for r in (row, row + 1):
        for col in range(1, 12):
            cell = sheet.cell(r, col)
            cell.font, cell.border, cell.alignment = BOLD, BOX, CENTRE
    sheet.row_dimensions[row + 1].height = 42
    row += 2
    totals = [0] * 5
    for n, (plan, group, kind, target, budgets, unit) in enumerate(P03, start=1):
        values = [th(n), plan, group, kind, target, *[b or "-" for b in budgets], unit]
        for col, value in enumerate(values, start=1):
            cell = sheet.cell(row, col, value)
            cell.font, cell.border = BODY, BOX
            cell.alignment = (
                CENTRE_TOP
                if col in (1, 11) or value == "-"
                else (RIGHT_TOP if 6 <= col <= 10 else WRAP)
            )
            if isinstance(value, int):
                cell.number_format = "#,##0"
        for i, b in enumerate(budgets):
            totals[i] += b
        fit_height(sheet, row, 1, 11)
        row += 1
    sheet.cell(row, 1, f"รวม {th(len(P03))} รายการ")
    sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=5)
    for i, t in enumerate(totals):
        sheet.cell(row, 6 + i, t or "-").number_format = "#,##0"
    sheet.cell(row, 11, "-")
    for col in range(1, 12):
        cell = sheet.cell(row, col)
        cell.font, cell.border = BOLD, BOX
        cell.alignment = CENTRE if col < 6 or col == 11 else Alignment(horizontal="right")


def cover_sheet(sheet: Worksheet) -> None:
    office_page(sheet, widths=[12] * 10, footer=False)
    rows = [
        (5, "แผนพัฒนาท้องถิ่น", 40),
        (7, "(พ.ศ. ๒๕๖๖ – ๒๕๗๐)", 32),
        (11, "เทศบาลนครลำปาง", 32),
        (13, "อำเภอเมืองลำปาง  จังหวัดลำปาง", 24),
        (19, "งานวิเคราะห์นโยบายและแผน  ฝ่ายแผนงานและงบประมาณ", 18),
        (20, "กองยุทธศาสตร์และงบประมาณ  เทศบาลนครลำปาง", 18),
        (25, "(ข้อมูลตัวอย่างสมมุติ สำหรับทดลองนำเข้าระบบ planlink – ไม่ใช่แผนพัฒนาท้องถิ่นฉบับจริง)", 14),
    ]
    for row, text, size in rows:
        cell = sheet.cell(row, 1, text)
        cell.font = Font(name=FONT, size=size, bold=size >= 18, italic=size == 14)
        cell.alignment = Alignment(horizontal="center", vertical="center")
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=10)
        sheet.row_dimensions[row].height = size * 1.6
    sheet.page_setup.orientation = "portrait"


def build_local(out: Path) -> Path:
    book = Workbook()
    cover = book.active
    assert cover is not None
    cover.title = "ปก"
    cover_sheet(cover)
    p01_sheet(book.create_sheet("ผ.01"), P02)
    p02_sheet(
        book.create_sheet("ผ.02"),
        ["รายละเอียดโครงการพัฒนา", PLAN_WINDOW, MUNI_PLACE],
        "แบบ ผ.02",
        P02,
        "local",
        repeat_header_at={S2},
    )
    p02_sheet(
        book.create_sheet("ผ.02-1"),
        [
            "รายละเอียดโครงการพัฒนา",
            PLAN_WINDOW,
            "สำหรับ ประสานโครงการพัฒนาองค์การบริหารส่วนจังหวัด",
            MUNI_PLACE,
        ],
        "แบบ ผ.02/1",
        [P02_1_SECTION],
        "local",
        repeat_header_at=set(),
    )
    p03_sheet(book.create_sheet("ผ.03"))
    book.active = 2
    out.parent.mkdir(parents=True, exist_ok=True)
    book.save(out)
    return out


# --------------------------------------------------------------------------- provincial list
PV_ROADS = "สำนักงานโยธาธิการและผังเมืองจังหวัดลำปาง"
PV_RURAL = "แขวงทางหลวงชนบทลำปาง"
PV_CDO = "สำนักงานพัฒนาชุมชนจังหวัดลำปาง"
PV_AGRI = "สำนักงานเกษตรจังหวัดลำปาง"
PV_WATER = "สำนักงานทรัพยากรน้ำภาค 1"
PV_PEA = "การไฟฟ้าส่วนภูมิภาคจังหวัดลำปาง"
PV_PAO = "องค์การบริหารส่วนจังหวัดลำปาง"
PV_TOUR = "สำนักงานการท่องเที่ยวและกีฬาจังหวัดลำปาง"
PV_SOC = "สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัดลำปาง"
PV_HEALTH = "สำนักงานสาธารณสุขจังหวัดลำปาง"
PV_ENV = "สำนักงานทรัพยากรธรรมชาติและสิ่งแวดล้อมจังหวัดลำปาง"
PV_IRR = "โครงการชลประทานลำปาง"
PV_GROUND = "สำนักงานทรัพยากรน้ำบาดาล เขต 1"
WN = "ตำบลเวียงเหนือ อำเภอเมืองลำปาง"  # พื้นที่ดำเนินการ of the เวียงเหนือ lines, in full

# fmt: off
# issue → programme → project → activities: (tag, activity, place, source, unit, 2570, 2571, note)
Activity = tuple[str, str, str, str, str, int | str, int | str, str]
PROVINCIAL: list[tuple[str, list[tuple[str, list[tuple[str, list[Activity]]]]]]] = [
    ("ประเด็นการพัฒนาที่ 1 การพัฒนาเศรษฐกิจสร้างสรรค์ เกษตรมูลค่าสูง และการท่องเที่ยวชุมชน", [
        ("แผนงานพัฒนาการเกษตรมูลค่าสูง", [
            ("โครงการส่งเสริมการผลิตสินค้าเกษตรปลอดภัยและเกษตรอินทรีย์จังหวัดลำปาง", [
                ("", "อบรมเกษตรกรการผลิตผักปลอดภัยตามมาตรฐาน GAP", "ทุกอำเภอ",
                 "งบจังหวัด", PV_AGRI, 850000, 850000, "ต่อเนื่อง"),
                ("", "ส่งเสริมการผลิตข้าวอินทรีย์แปลงใหญ่", "ต.เมืองยาว อ.ห้างฉัตร",
                 "งบจังหวัด", PV_AGRI, 620000, "-", ""),
                ("", "ส่งเสริมการปลูกและแปรรูปกาแฟอาราบิก้า", "ต.แจ้ซ้อน อ.เมืองปาน",
                 "งบกลุ่มจังหวัด", PV_AGRI, "1,200,000", "1,200,000", ""),
            ]),
            ("โครงการพัฒนาโครงสร้างพื้นฐานเพื่อการผลิตทางการเกษตร", [
                ("dup:V17", "ก่อสร้างถนนลูกรังเพื่อการเกษตร สายทุ่งช้าง บ้านสันมุ่น หมู่ที่ 6 "
                 "ตำบลเวียงเหนือ อำเภอเมืองลำปาง", f"หมู่ที่ 6 บ้านสันมุ่น {WN}",
                 "งบจังหวัด", PV_ROADS, 420000, "-", "จากแผนชุมชน"),
                ("dup:V30", "เจาะบ่อบาดาลเพื่อการเกษตร สายทุ่งช้าง บ้านดงยาง หมู่ที่ 8 "
                 "ตำบลเวียงเหนือ", f"หมู่ที่ 8 บ้านดงยาง {WN}",
                 "งบจังหวัด", PV_GROUND, 560000, "-", "พร้อมระบบสูบน้ำพลังงานแสงอาทิตย์"),
                ("", "ขยายเขตระบบไฟฟ้าเพื่อการเกษตร สายทุ่งป่าเหียง", "ต.ทุ่งฮั้ว อ.วังเหนือ",
                 "งบจังหวัด", PV_PEA, 740000, "-", ""),
                ("", "ก่อสร้างถนนลูกรังเพื่อการเกษตร สายห้วยแม่ปะ – ทุ่งนาเหนือ",
                 "ต.แม่ปะ อ.เถิน", "งบจังหวัด", PV_ROADS, "-", 380000, ""),
            ]),
        ]),
        ("แผนงานส่งเสริมการท่องเที่ยวและเศรษฐกิจสร้างสรรค์", [
            ("โครงการยกระดับการท่องเที่ยวเมืองเก่าลำปางและชุมชนท่องเที่ยว", [
                ("", "ปรับปรุงภูมิทัศน์เส้นทางท่องเที่ยวกาดกองต้า", "ต.สบตุ๋ย อ.เมืองลำปาง",
                 "งบจังหวัด", PV_TOUR, "2,500,000", "-", ""),
                ("", "พัฒนาแหล่งท่องเที่ยวชุมชนหัตถกรรมแกะสลักไม้บ้านหลุก", "ต.นาครัว อ.แม่ทะ",
                 "งบกลุ่มจังหวัด", PV_TOUR, 1800000, "-", ""),
                ("", "จัดงานเทศกาลเซรามิกลำปาง (Lampang Ceramic Fair)", "อ.เมืองลำปาง",
                 "งบจังหวัด", PV_TOUR, 1500000, 1500000, "ต่อเนื่อง"),
            ]),
            ("โครงการส่งเสริมผลิตภัณฑ์ชุมชนและวิสาหกิจชุมชน", [
                ("", "พัฒนาผลิตภัณฑ์ OTOP และบรรจุภัณฑ์ชุมชน", "ทุกอำเภอ",
                 "งบจังหวัด", PV_CDO, 900000, 900000, ""),
                ("", "ยกระดับผลิตภัณฑ์ผ้าทอมือย้อมสีธรรมชาติ", "ต.เมืองมาย อ.แจ้ห่ม",
                 "งบจังหวัด", PV_CDO, 450000, "-", ""),
            ]),
        ]),
    ]),
    ("ประเด็นการพัฒนาที่ 2 การพัฒนาคน คุณภาพชีวิต และสังคมที่เข้มแข็ง", [
        ("แผนงานพัฒนาคุณภาพชีวิตและสังคม", [
            ("โครงการเสริมสร้างคุณภาพชีวิตผู้สูงอายุและกลุ่มเปราะบาง", [
                ("", "ปรับปรุงที่อยู่อาศัยผู้สูงอายุและคนพิการที่มีฐานะยากจน", "ทุกอำเภอ",
                 "งบจังหวัด", PV_SOC, 1300000, 1300000, "300 หลัง"),
                ("", "อบรมผู้ดูแลผู้สูงอายุ (Caregiver) หลักสูตร 70 ชั่วโมง", "อ.เกาะคา",
                 "งบจังหวัด", PV_HEALTH, 180000, "-", ""),
                ("", "ขับเคลื่อนการแก้ไขปัญหาความยากจนแบบพุ่งเป้า", "ทุกอำเภอ",
                 "งบจังหวัด", PV_CDO, 1000000, 1000000, "ครัวเรือนเป้าหมายจาก TPMAP"),
            ]),
        ]),
        ("แผนงานความปลอดภัยในชีวิตและทรัพย์สิน", [
            ("โครงการลดอุบัติเหตุทางถนนจังหวัดลำปาง", [
                ("", "ติดตั้งไฟฟ้าส่องสว่างและป้ายเตือนจุดเสี่ยง ถนนทางหลวงชนบท ลป.3013",
                 "ต.บ้านโป่ง อ.งาว", "งบฟังก์ชั่น", PV_RURAL, 2400000, "-", ""),
                ("", "ติดตั้งกล้องวงจรปิด (CCTV) ทางแยกหลักในเขตเมือง", "ต.สวนดอก อ.เมืองลำปาง",
                 "งบจังหวัด", "ตำรวจภูธรจังหวัดลำปาง", 1650000, "-", ""),
            ]),
        ]),
    ]),
    ("ประเด็นการพัฒนาที่ 3 การบริหารจัดการทรัพยากรน้ำและทรัพยากรธรรมชาติอย่างยั่งยืน", [
        ("แผนงานบริหารจัดการทรัพยากรน้ำ", [
            ("โครงการเพิ่มประสิทธิภาพการกักเก็บน้ำและแหล่งน้ำชุมชน", [
                ("dup:V28", "ขุดลอกหนองไฮ บ้านดงยาง หมู่ที่ 8 ตำบลเวียงเหนือ อำเภอเมืองลำปาง",
                 f"หมู่ที่ 8 บ้านดงยาง {WN}",
                 "งบจังหวัด", PV_WATER, "2,300,000", "-", "จากแผนชุมชน"),
                ("dup:V12", "ก่อสร้างฝายน้ำล้น ค.ส.ล. ลำห้วยเย็น บ้านแม่มะกอก หมู่ที่ 4 ตำบลเวียงเหนือ",
                 f"หมู่ที่ 4 บ้านแม่มะกอก {WN}",
                 "งบกลุ่มจังหวัด", PV_WATER, 1450000, "-", "มีแบบรูปรายการแล้ว"),
                ("dup:V24", "ก่อสร้างหอถังสูงเก็บน้ำประปาหมู่บ้าน บ้านปงทอง หมู่ที่ 7",
                 f"หมู่ที่ 7 บ้านปงทอง {WN}",
                 "งบจังหวัด", PV_WATER, "-", 1250000, "ขนาด 20 ลบ.ม."),
                ("", "ขุดลอกอ่างเก็บน้ำห้วยคิง", "ต.นาสัก อ.แม่เมาะ",
                 "งบจังหวัด", PV_IRR, "3,200,000", "-", ""),
                ("", "ก่อสร้างฝายชะลอน้ำแบบผสมผสาน ต้นน้ำแม่เสริม", "ต.เสริมกลาง อ.เสริมงาม",
                 "งบจังหวัด", PV_ENV, 300000, 300000, "100 ฝาย"),
                ("", "ขุดลอกลำน้ำแม่ตีบ", "ต.แม่ตีบ อ.งาว",
                 "งบกลุ่มจังหวัด", PV_WATER, "-", "4,500,000", ""),
                ("", "ก่อสร้างระบบกระจายน้ำพลังงานแสงอาทิตย์เพื่อการเกษตร", "ต.บ้านขอ อ.เมืองปาน",
                 "งบจังหวัด", PV_WATER, 2100000, "-", ""),
            ]),
        ]),
        ("แผนงานอนุรักษ์ทรัพยากรธรรมชาติและสิ่งแวดล้อม", [
            ("โครงการป้องกันและแก้ไขปัญหาไฟป่าและหมอกควัน", [
                ("", "จัดทำแนวกันไฟและชุดเฝ้าระวังไฟป่าชุมชน", "ทุกอำเภอ",
                 "งบจังหวัด", PV_ENV, 1500000, 1500000, "ต่อเนื่อง"),
                ("", "ส่งเสริมการไถกลบตอซังแทนการเผาในพื้นที่เกษตร", "อ.แจ้ห่ม",
                 "งบจังหวัด", PV_AGRI, 350000, "-", ""),
            ]),
        ]),
    ]),
    ("ประเด็นการพัฒนาที่ 4 การพัฒนาโครงสร้างพื้นฐานและระบบโลจิสติกส์เพื่อรองรับการพัฒนาเมือง", [
        ("แผนงานพัฒนาโครงข่ายคมนาคมขนส่ง", [
            ("โครงการพัฒนาถนนเชื่อมโยงชุมชนและแหล่งผลิต", [
                ("dup:V31", "ก่อสร้างถนนคอนกรีตเสริมเหล็ก ซอย 7 บ้านดงยาง หมู่ที่ 8 ตำบลเวียงเหนือ "
                 "อำเภอเมืองลำปาง", f"หมู่ที่ 8 บ้านดงยาง {WN}",
                 "งบ อบจ.", PV_PAO, "-", 640000, "กว้าง 4 ม. ยาว 240 ม."),
                ("near:V31", "ก่อสร้างถนนคอนกรีตเสริมเหล็ก ซอย 8 บ้านดงยาง หมู่ที่ 8 ตำบลเวียงเหนือ "
                 "อำเภอเมืองลำปาง", f"หมู่ที่ 8 บ้านดงยาง {WN}",
                 "งบ อบจ.", PV_PAO, "-", 520000, "กว้าง 4 ม. ยาว 195 ม."),
                ("near:V13", "ก่อสร้างถนนคอนกรีตเสริมเหล็ก ซอย 5 หมู่ที่ 4 ตำบลต้นธงชัย",
                 "หมู่ที่ 4 ต.ต้นธงชัย อ.เมืองลำปาง",
                 "งบ อบจ.", PV_PAO, 410000, "-", ""),
                ("near:V25", "วางท่อระบายน้ำ คสล. พร้อมบ่อพัก ซอย 3 บ้านปงทอง หมู่ที่ 7",
                 f"หมู่ที่ 7 บ้านปงทอง {WN}",
                 "งบจังหวัด", PV_ROADS, "-", 380000, ""),
                ("", "ปรับปรุงถนนลาดยางสาย ลป.4024 แยก ทล.1035 – บ้านวังซ้าย",
                 "ต.วังซ้าย อ.วังเหนือ", "งบฟังก์ชั่น", PV_RURAL, "-", "18,500,000", ""),
                ("", "ก่อสร้างสะพาน คสล. ข้ามน้ำแม่ยาว บ้านปงยางคก", "ต.ปงยางคก อ.ห้างฉัตร",
                 "งบฟังก์ชั่น", PV_RURAL, 12000000, "-", ""),
                ("", "ปรับปรุงถนนลาดยางสาย ลป.3032 บ้านแม่วะ – บ้านแม่ถอด", "อ.เถิน",
                 "งบฟังก์ชั่น", PV_RURAL, "-", 15000000, ""),
            ]),
            ("โครงการพัฒนาเมืองและระบบป้องกันน้ำท่วม", [
                ("", "ก่อสร้างเขื่อนป้องกันตลิ่งริมแม่น้ำวัง บ้านท่าผา", "ต.ท่าผา อ.เกาะคา",
                 "งบจังหวัด", PV_ROADS, "9,800,000", "-", ""),
                ("", "ก่อสร้างระบบระบายน้ำย่านชุมชนเมืองสบปราบ", "ต.สบปราบ อ.สบปราบ",
                 "งบจังหวัด", PV_ROADS, "-", 6500000, ""),
            ]),
        ]),
    ]),
]

PV_HEAD = ("ลำดับ", "ประเด็นการพัฒนา", "แผนงาน", "โครงการ", "กิจกรรม", "พื้นที่ดำเนินการ",
           "แหล่งงบประมาณ", "หน่วยดำเนินการ", "งบประมาณ 2570\n(บาท)", "งบประมาณ 2571\n(บาท)",
           "หมายเหตุ")

# fmt: on


def build_provincial(out: Path) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "โครงการ"
    office_page(sheet, widths=[6, 24, 20, 26, 38, 24, 13, 24, 16, 16, 16])
    row = (
        title_rows(
            sheet,
            [
                "บัญชีรายการชุดโครงการ แผนพัฒนาจังหวัดลำปาง (พ.ศ. 2566 – 2570)",
                "คำของบประมาณ ประจำปีงบประมาณ พ.ศ. 2570 – 2571",
                "กลุ่มงานยุทธศาสตร์และข้อมูลเพื่อการพัฒนาจังหวัด สำนักงานจังหวัดลำปาง "
                "(ข้อมูลตัวอย่างสำหรับทดลองนำเข้า)",
            ],
            11,
            None,
        )
        + 1
    )
    for col, text in enumerate(PV_HEAD, start=1):
        cell = sheet.cell(row, col, text)
        cell.font, cell.border, cell.alignment = BOLD, BOX, CENTRE
    sheet.row_dimensions[row].height = 48
    sheet.print_title_rows = f"{row}:{row}"
    row += 1
    n = 0
    totals = [0, 0]

    def merged(col: int, first: int, last: int, text: str) -> None:
        sheet.cell(first, col, text)
        if last > first:
            sheet.merge_cells(start_row=first, start_column=col, end_row=last, end_column=col)

    for issue, programmes in PROVINCIAL:
        issue_first = row
        for programme, projects in programmes:
            programme_first = row
            for project, activities in projects:
                project_first = row
                for tag, activity, place, source, unit, b70, b71, note in activities:
                    n += 1
                    values = [n, None, None, None, activity, place, source, unit, b70, b71, note]
                    for col, value in enumerate(values, start=1):
                        if value is not None:
                            sheet.cell(row, col, value)
                    totals[0] += amount(b70)
                    totals[1] += amount(b71)
                    MANIFEST.append(("provincial", sheet.title, row, tag, activity))
                    row += 1
                merged(4, project_first, row - 1, project)
            merged(3, programme_first, row - 1, programme)
        merged(2, issue_first, row - 1, issue)
    last = row - 1
    for r in range(5, last + 1):
        for col in range(1, 12):
            cell = sheet.cell(r, col)
            cell.font, cell.border = BODY, BOX
            value = cell.value
            if col == 1 or col == 7 or value == "-":
                cell.alignment = CENTRE_TOP
            elif col in (9, 10):
                cell.alignment = RIGHT_TOP
                if isinstance(value, int):
                    cell.number_format = "#,##0"
            else:
                cell.alignment = WRAP
        fit_height(sheet, r, 5, 11)
    sheet.cell(row, 1, "รวมทั้งสิ้น")
    sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=8)
    sheet.cell(row, 9, totals[0]).number_format = "#,##0"
    sheet.cell(row, 10, totals[1]).number_format = "#,##0"
    for col in range(1, 12):
        cell = sheet.cell(row, col)
        cell.font, cell.border = BOLD, BOX
        cell.alignment = CENTRE if col < 9 else Alignment(horizontal="right")
    MANIFEST.append(("provincial", sheet.title, row, "total", "รวมทั้งสิ้น"))
    book.save(out)
    return out


# --------------------------------------------------------------------------- agency CSV
# fmt: off
CSV_HEAD = ("ลำดับที่", "ชื่อรายการ", "สถานที่ก่อสร้าง", "หมู่", "ตำบล", "อำเภอ", "ปีงบประมาณ",
            "วงเงิน (บาท)", "หน่วยงาน", "หมายเหตุ")
DWR = "สำนักงานทรัพยากรน้ำภาค 1"
DGR = "สำนักงานทรัพยากรน้ำบาดาล เขต 1"
# (tag, ชื่อรายการ, สถานที่ก่อสร้าง, หมู่, ตำบล, อำเภอ, ปี, วงเงิน, หน่วยงาน, หมายเหตุ)
AGENCY: list[tuple[str, ...]] = [
    ("dup:V09", "ขุดลอกหนองแม่ตุ๋ย", "บ้านแม่มะกอก", "4", "เวียงเหนือ", "เมืองลำปาง", "2571",
     "2,350,000", DWR, "ความจุเพิ่มขึ้น 60,000 ลบ.ม."),
    ("", "ขุดลอกหนองเลิง", "บ้านนาสัก", "5", "นาสัก", "แม่เมาะ", "2570", "1,850,000", DWR, ""),
    ("dup:V27", "ก่อสร้างฝายน้ำล้น คสล. ลำห้วยน้ำจำ", "บ้านดงยาง", "8", "เวียงเหนือ",
     "เมืองลำปาง", "2571", "1,250,000.-", DWR, "มีแบบมาตรฐานแล้ว"),
    ("", "ก่อสร้างฝายน้ำล้น คสล. ลำห้วยแม่ปุ", "บ้านแม่ปุหลวง", "2", "แม่ปุ", "แม่พริก", "2570",
     "1,480,000", DWR, ""),
    ("dup:V11", "ขยายเขตท่อเมนระบบประปาหมู่บ้าน ซอย 3", "บ้านแม่มะกอก", "4", "เวียงเหนือ",
     "เมืองลำปาง", "2571", "980,000", DWR, "ท่อ PVC 3 นิ้ว ยาว 1,400 ม."),
    ("", "ขุดลอกอ่างเก็บน้ำห้วยแม่ทรายคำ", "บ้านทรายคำ", "4", "วังทรายคำ", "วังเหนือ", "2571",
     "3,600,000", DWR, ""),
    ("near:V12", "ขุดลอกลำห้วยเย็น", "บ้านแม่มะกอก", "4", "เวียงเหนือ", "เมืองลำปาง", "2570",
     "640,000", DWR, "ยาว 1,200 ม."),
    ("", "ก่อสร้างระบบกระจายน้ำด้วยพลังงานแสงอาทิตย์", "บ้านขอ", "1", "บ้านขอ", "เมืองปาน",
     "2570", "2,100,000.-", DWR, "พื้นที่รับประโยชน์ 300 ไร่"),
    ("", "ขุดลอกหนองหลวง", "บ้านล้อมแรด", "6", "ล้อมแรด", "เถิน", "2571", "1,950,000", DWR, ""),
    ("", "ก่อสร้างฝายชะลอน้ำ ลำห้วยแม่สุก", "บ้านแม่สุก", "3", "แม่สุก", "แจ้ห่ม", "2570",
     "450,000", DWR, ""),
    ("", "ขุดลอกลำน้ำแม่ยาว", "บ้านเมืองยาว", "7", "เมืองยาว", "ห้างฉัตร", "2571", "2,750,000",
     DWR, ""),
    ("dup:V01", "เจาะบ่อบาดาล ขนาด ๖ นิ้ว ความลึกไม่น้อยกว่า ๖๐ เมตร", "บ้านสันลัว", "๑",
     "เวียงเหนือ", "เมืองลำปาง", "๒๕๗๐", "๔๘๐,๐๐๐", DGR, "พร้อมเครื่องสูบน้ำ"),
    ("", "ปรับปรุงฝายน้ำล้น ห้วยแม่กัวะ", "บ้านแม่กัวะ", "2", "แม่กัวะ", "สบปราบ", "2570",
     "1,100,000", DWR, ""),
    ("", "ขุดลอกหนองบัว", "บ้านทุ่งงาม", "5", "ทุ่งงาม", "เสริมงาม", "2570", "870,000", DWR, ""),
    ("near:V01", "เจาะบ่อบาดาล ขนาด 6 นิ้ว ความลึกไม่น้อยกว่า 60 เมตร", "บ้านปางลัว", "5",
     "เวียงเหนือ", "เมืองลำปาง", "2570", "480,000", DGR, ""),
    ("", "เจาะบ่อบาดาลเพื่อการเกษตร", "บ้านนาแก้วตะวันออก", "9", "นาแก้ว", "เกาะคา", "2571",
     "520,000", DGR, ""),
    ("", "ก่อสร้างประตูระบายน้ำ ลำน้ำแม่จาง", "บ้านจางเหนือ", "4", "จางเหนือ", "แม่เมาะ", "2571",
     "8,900,000", DWR, "อยู่ระหว่างสำรวจออกแบบ"),
    ("", "ขุดลอกลำเหมืองสาธารณะ", "บ้านไหล่หิน", "3", "ไหล่หิน", "เกาะคา", "2570", "390,000",
     DWR, ""),
    ("", "ก่อสร้างฝายน้ำล้น คสล. ห้วยแม่ตีบ", "บ้านแม่ตีบ", "6", "แม่ตีบ", "งาว", "2570",
     "1,350,000", DWR, ""),
    ("", "ขุดลอกหนองน้ำสาธารณะ", "บ้านเสด็จ", "2", "บ้านเสด็จ", "เมืองลำปาง", "2571",
     "760,000", DWR, ""),
    ("", "ก่อสร้างระบบประปาบาดาลขนาดใหญ่", "บ้านแม่วะหลวง", "1", "แม่วะ", "เถิน", "2571",
     "4,200,000", DGR, ""),
    ("", "ขุดลอกอ่างเก็บน้ำห้วยทราย", "บ้านหัวเสือ", "8", "หัวเสือ", "แม่ทะ", "2570",
     "2,800,000", DWR, ""),
    ("", "ก่อสร้างท่อลอดเหลี่ยม คสล. ลำห้วยหลวง", "บ้านหลวงเหนือ", "5", "หลวงเหนือ", "งาว",
     "2570", "950,000", DWR, ""),
    ("", "ขุดลอกแม่น้ำวัง ช่วงบ้านท่าผา", "บ้านท่าผา", "1", "ท่าผา", "เกาะคา", "2571",
     "5,500,000", DWR, ""),
    ("", "ปรับปรุงสระเก็บน้ำสาธารณะ", "บ้านวังใต้", "3", "วังใต้", "วังเหนือ", "2570", "680,000",
     DWR, ""),
]

# fmt: on


def build_agency(out: Path) -> Path:
    with out.open("w", encoding="cp874", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(CSV_HEAD)
        for n, (tag, *cells) in enumerate(AGENCY, start=1):
            number = th(n) if cells[5].startswith("๒") else str(n)
            writer.writerow([number, *cells])
            MANIFEST.append(("agency", "", n + 1, tag, cells[0]))
    return out


def tagged_years() -> list[tuple[str, str, set[int]]]:
    """(file, tag, fiscal years with a budget) of every tagged line of the three files."""
    out: list[tuple[str, str, set[int]]] = []
    for section in [*P02, P02_1_SECTION]:
        for line in section.lines:
            years = {y for y, b in zip(YEARS, line.budgets, strict=True) if amount(b)}
            out.append(("local", line.tag, years))
    for _issue, programmes in PROVINCIAL:
        for _programme, projects in programmes:
            for _project, activities in projects:
                for tag, *_rest, b70, b71, _note in activities:
                    out.append(
                        ("provincial", tag, {y for y, b in ((2570, b70), (2571, b71)) if amount(b)})
                    )
    for tag, *cells in AGENCY:
        out.append(("agency", tag, {int(cells[5].translate(_AR))}))
    return [row for row in out if ":" in row[1]]


def check_tags() -> None:
    """A duplicate or near miss shares a year with its item; a "year:" line shares none."""
    for file, tag, years in tagged_years():
        kind, ref = tag.split(":")
        shared = years & set(VILLAGE_ITEMS[ref][2])
        if (kind == "year") == bool(shared):
            raise SystemExit(f"{file} {tag}: years {sorted(years)} against {VILLAGE_ITEMS[ref]}")


def main(argv: list[str]) -> int:
    check_tags()
    out_dir = Path(argv[1]) if len(argv) > 1 else OUT_DIR
    out_dir.mkdir(parents=True, exist_ok=True)
    local = build_local(out_dir / "local-plan-sample.xlsx")
    provincial = build_provincial(out_dir / "provincial-list-sample.xlsx")
    agency = build_agency(out_dir / "agency-requests-sample.csv")
    for path in (local, provincial, agency):
        print(f"wrote {path}")
    print("\nmanifest (file, sheet, row, tag, title):")
    for file, sheet, row, tag, title in MANIFEST:
        ref = tag.split(":")[1] if ":" in tag else ""
        extra = ""
        if ref:
            code, item, years = VILLAGE_ITEMS[ref]
            extra = f"   ≈ ม.{int(code[-2:])} {item} {list(years)}"
        print(f"{file:10} {sheet:7} {row:3}  {tag:9} {title}{extra}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
