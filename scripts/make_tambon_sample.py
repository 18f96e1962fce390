"""Write docs/samples/tambon-plan-sample.xlsx: a tambon community plan as a tambon keeps it
outside planlink, to import into the tambon plan (seed item 5.2; planlink.integration
.tambon_import reads it).

The demo tambon ตำบลเวียงเหนือ (520101), its villages หมู่ที่ 1–8, the demo province issues
of 2570 (1–5) and the window 2570–2572. Laid out as form ผ.02: two title rows, a header over
two rows ("งบประมาณ (บาท)" merged over one column per year), budgets written with commas
("1,250,000.-", Thai digits) or as numbers, a total row at the end (skipped on import).
Synthetic data for the demo, not a real plan.

    .venv/bin/python scripts/make_tambon_sample.py [OUT.xlsx]
"""

from __future__ import annotations

import sys
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs/samples/tambon-plan-sample.xlsx"
YEARS = (2570, 2571, 2572)

TITLE_ROWS = (
    "แผนชุมชนระดับตำบล ตำบลเวียงเหนือ อำเภอเมืองลำปาง จังหวัดลำปาง",
    "ปีงบประมาณ พ.ศ. 2570–2572 จัดทำโดยศูนย์ประสานงานองค์การชุมชนระดับตำบลเวียงเหนือ (ศอช.ต.) "
    "— ข้อมูลตัวอย่างสำหรับทดลองนำเข้า",
)
BEFORE = ("ที่", "โครงการ/กิจกรรม", "วัตถุประสงค์", "เป้าหมาย (ผลผลิตของโครงการ)")
AFTER = (
    "ตัวชี้วัด (KPI)",
    "ผลที่คาดว่าจะได้รับ",
    "หน่วยงานรับผิดชอบหลัก",
    "ประเด็น",
    "หมู่บ้าน",
    "วิธีดำเนินการ",
)
MUNI = "เทศบาลนครลำปาง"
CDO = "สำนักงานพัฒนาชุมชนอำเภอเมืองลำปาง"

# (title, objective, target, budgets 2570/2571/2572, kpi, expected, agency, issue, villages, mode)
ROWS: tuple[tuple[object, ...], ...] = (
    (
        "ก่อสร้างถนนคอนกรีตเสริมเหล็ก สายบ้านสันลัว–บ้านเหล่ามะกอก หมู่ที่ 1–2",
        "เพื่อให้การคมนาคมระหว่างหมู่บ้านสะดวกและปลอดภัย",
        "ถนน คสล. กว้าง 5 เมตร ยาว 1,200 เมตร",
        ("1,250,000.-", "-", None),
        "ถนนแล้วเสร็จ 1 สาย",
        "ประชาชนสัญจรและขนส่งผลผลิตได้สะดวกตลอดปี",
        MUNI,
        "1",
        "1-2",
        "ขอรับการสนับสนุน",
    ),
    (
        "ขยายเขตไฟฟ้าเพื่อการเกษตร สายทุ่งช้าง หมู่ที่ 3",
        "เพื่อให้เกษตรกรมีไฟฟ้าใช้สูบน้ำเพื่อการเกษตร",
        "ขยายเขตไฟฟ้าแรงต่ำ ระยะทาง 800 เมตร",
        (None, 450000, None),
        "ครัวเรือนเกษตรกรได้ใช้ไฟฟ้า 35 ครัวเรือน",
        "ลดต้นทุนการสูบน้ำ เพิ่มรอบการผลิต",
        "การไฟฟ้าส่วนภูมิภาคจังหวัดลำปาง",
        "๑",
        "หมู่ที่ 3",
        "ขอรับการสนับสนุน",
    ),
    (
        "วางท่อระบายน้ำ คสล. พร้อมบ่อพัก หมู่ที่ 5 และหมู่ที่ 6",
        "เพื่อแก้ปัญหาน้ำท่วมขังในฤดูฝน",
        "ท่อระบายน้ำ ขนาด 0.60 เมตร ยาว 450 เมตร",
        ("680,000", None, "320,000"),
        "น้ำท่วมขังลดลงร้อยละ 80",
        "ชุมชนไม่มีน้ำท่วมขัง ลดแหล่งเพาะพันธุ์ยุง",
        MUNI,
        "1",
        "5, 6",
        "ขอรับการสนับสนุน",
    ),
    (
        "ติดตั้งไฟฟ้าส่องสว่างพลังงานแสงอาทิตย์ ถนนสายหลักของตำบล",
        "เพื่อความปลอดภัยในการสัญจรยามค่ำคืน",
        "โคมไฟพลังงานแสงอาทิตย์ 80 ต้น",
        (None, "๔๐๐,๐๐๐", None),
        "จุดเสี่ยงมีไฟส่องสว่างครบ 80 จุด",
        "อุบัติเหตุและเหตุร้ายยามค่ำคืนลดลง",
        MUNI,
        "ประเด็นที่ 1",
        "ทุกหมู่บ้าน",
        "ทำร่วม",
    ),
    (
        "ขุดลอกหนองผาแดง หมู่ที่ 3",
        "เพื่อเพิ่มปริมาณการกักเก็บน้ำไว้ใช้ในฤดูแล้ง",
        "ขุดลอกพื้นที่ 12 ไร่ ลึกเฉลี่ย 3 เมตร",
        ("850,000", None, None),
        "ความจุเพิ่มขึ้น 50,000 ลูกบาศก์เมตร",
        "มีน้ำใช้เพื่อการเกษตรและอุปโภคตลอดปี",
        "โครงการชลประทานลำปาง",
        "2",
        "3",
        "ขอรับการสนับสนุน",
    ),
    (
        "ก่อสร้างฝายชะลอน้ำ ลำห้วยแม่เหียง หมู่ที่ 3–4",
        "เพื่อชะลอน้ำและเพิ่มความชุ่มชื้นให้ป่าต้นน้ำ",
        "ฝายชะลอน้ำแบบผสมผสาน 20 แห่ง",
        ("150,000", "150,000", None),
        "ฝายแล้วเสร็จ 20 แห่ง",
        "ลำห้วยมีน้ำไหลนานขึ้นในฤดูแล้ง",
        "สำนักงานทรัพยากรธรรมชาติและสิ่งแวดล้อมจังหวัดลำปาง",
        "ประเด็นที่ 2",
        "หมู่ที่ 3-4",
        "ทำร่วม",
    ),
    (
        "ปรับปรุงระบบประปาหมู่บ้านให้ได้มาตรฐาน หมู่ที่ 2 และหมู่ที่ 7",
        "เพื่อให้ประชาชนมีน้ำประปาสะอาดใช้อย่างทั่วถึง",
        "ระบบประปาหมู่บ้าน 2 แห่ง ได้มาตรฐาน",
        (None, "1,200,000", None),
        "ครัวเรือนมีน้ำประปาใช้ 420 ครัวเรือน",
        "ลดโรคที่เกิดจากน้ำ ประชาชนมีน้ำสะอาดใช้",
        MUNI,
        "2",
        "2, 7",
        "ขอรับการสนับสนุน",
    ),
    (
        "ส่งเสริมกลุ่มอาชีพทำชามตราไก่และเซรามิกของตำบล",
        "เพื่อเพิ่มทักษะและรายได้ให้กลุ่มอาชีพ",
        "สมาชิกกลุ่มอาชีพ 3 กลุ่ม 60 คน",
        ("120,000", "120,000", "120,000"),
        "รายได้ของสมาชิกเพิ่มขึ้นร้อยละ 10",
        "ผลิตภัณฑ์ชุมชนเป็นที่รู้จักและจำหน่ายได้มากขึ้น",
        CDO,
        "เศรษฐกิจฐานราก อาชีพ และรายได้ของครัวเรือน",
        "1, 4, 8",
        "ทำร่วม",
    ),
    (
        "ส่งเสริมการปลูกผักปลอดภัยและตลาดชุมชนตำบลเวียงเหนือ",
        "เพื่อลดรายจ่ายและเพิ่มรายได้ของครัวเรือน",
        "ครัวเรือนเข้าร่วม 200 ครัวเรือน ตลาดชุมชน 1 แห่ง",
        ("80,000", None, None),
        "ครัวเรือนลดรายจ่ายค่าอาหารได้เดือนละ 500 บาท",
        "ครัวเรือนมีอาหารปลอดภัย มีรายได้เสริม",
        "สำนักงานเกษตรอำเภอเมืองลำปาง",
        "3",
        "ทุกหมู่บ้าน",
        "ทำร่วม",
    ),
    (
        "พัฒนาวิสาหกิจชุมชนแปรรูปข้าวแต๋นน้ำแตงโม",
        "เพื่อยกระดับผลิตภัณฑ์และเพิ่มช่องทางการตลาด",
        "วิสาหกิจชุมชน 1 แห่ง ได้มาตรฐาน อย.",
        (None, "200,000", None),
        "ยอดจำหน่ายเพิ่มขึ้นร้อยละ 20",
        "สมาชิกมีรายได้มั่นคง",
        CDO,
        "3",
        "5",
        "ขอรับการสนับสนุน",
    ),
    (
        "ติดตั้งกล้องวงจรปิด (CCTV) บริเวณจุดเสี่ยงในตำบล",
        "เพื่อป้องกันและลดเหตุอาชญากรรมและอุบัติเหตุ",
        "กล้องวงจรปิด 24 จุด",
        ("560,000", None, None),
        "จุดเสี่ยงมีกล้องครบ 24 จุด",
        "ชุมชนปลอดภัย เจ้าหน้าที่ตรวจสอบเหตุได้รวดเร็ว",
        "สถานีตำรวจภูธรเมืองลำปาง",
        "4",
        "หมู่ที่ 1-8",
        "ขอรับการสนับสนุน",
    ),
    (
        "จัดตั้งศูนย์ดูแลผู้สูงอายุระดับตำบล (Day Care)",
        "เพื่อให้ผู้สูงอายุได้รับการดูแลและมีกิจกรรมร่วมกัน",
        "ศูนย์ดูแลผู้สูงอายุ 1 แห่ง ผู้สูงอายุ 120 คน",
        (None, "300,000", None),
        "ผู้สูงอายุเข้าร่วมกิจกรรมร้อยละ 70",
        "ผู้สูงอายุมีสุขภาพกายและใจดี",
        MUNI,
        "4",
        "ทุกหมู่บ้าน",
        "ทำร่วม",
    ),
    (
        "ป้องกันและควบคุมโรคไข้เลือดออกในชุมชน",
        "เพื่อลดการเกิดโรคไข้เลือดออก",
        "ครัวเรือนทุกครัวเรือนในตำบล",
        ("45,000", "45,000", "45,000"),
        "อัตราป่วยไม่เกิน 50 ต่อแสนประชากร",
        "ไม่มีการระบาดของโรคไข้เลือดออก",
        "ศูนย์บริการสาธารณสุข เทศบาลนครลำปาง",
        "4",
        "ทุกหมู่บ้าน",
        "ทำร่วม",
    ),
    (
        "จัดทำแนวกันไฟป่าและเฝ้าระวังไฟป่าหมอกควันในป่าชุมชน",
        "เพื่อป้องกันไฟป่าและลดปัญหาหมอกควัน",
        "แนวกันไฟ 15 กิโลเมตร ชุดเฝ้าระวัง 3 ชุด",
        ("60,000", "60,000", "60,000"),
        "พื้นที่ถูกไฟไหม้ลดลงร้อยละ 50",
        "ป่าชุมชนสมบูรณ์ คุณภาพอากาศดีขึ้น",
        "สำนักงานทรัพยากรธรรมชาติและสิ่งแวดล้อมจังหวัดลำปาง",
        "5",
        "3, 4, 5",
        "ทำร่วม",
    ),
    (
        "ส่งเสริมการคัดแยกขยะต้นทางและธนาคารขยะชุมชน",
        "เพื่อลดปริมาณขยะและสร้างรายได้จากขยะรีไซเคิล",
        "ธนาคารขยะ 8 แห่ง",
        ("50,000", None, None),
        "ปริมาณขยะลดลงร้อยละ 20",
        "ชุมชนสะอาด มีรายได้จากขยะ",
        MUNI,
        "5",
        "ทุกหมู่บ้าน",
        "ทำร่วม",
    ),
    (
        "สืบสานประเพณีปี๋ใหม่เมืองและวัฒนธรรมล้านนาของตำบล",
        "เพื่ออนุรักษ์และสืบทอดประเพณีท้องถิ่น",
        "ผู้เข้าร่วม 500 คน",
        ("100,000", None, None),
        "เยาวชนเข้าร่วมไม่น้อยกว่า 150 คน",
        "ประเพณีล้านนาได้รับการสืบทอด",
        "สำนักงานวัฒนธรรมจังหวัดลำปาง",
        "๕",
        "ทุกหมู่บ้าน",
        "ทำร่วม",
    ),
)


def _amount(value: object) -> float:
    if value in (None, "-"):
        return 0.0
    if isinstance(value, int | float):
        return float(value)
    digits = str(value).translate(str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789"))
    return float(digits.replace(",", "").removesuffix(".-"))


def build(out: Path = OUT) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "แผนชุมชนระดับตำบล"
    width = len(BEFORE) + len(YEARS) + len(AFTER)
    bold = Font(name="TH SarabunPSK", bold=True, size=14)
    body = Font(name="TH SarabunPSK", size=14)
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    head = PatternFill("solid", fgColor="DDEBF7")
    wrap = Alignment(wrap_text=True, vertical="top")
    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)

    for n, text in enumerate(TITLE_ROWS, start=1):
        sheet.cell(n, 1, text).font = Font(name="TH SarabunPSK", bold=n == 1, size=16)
        sheet.merge_cells(start_row=n, start_column=1, end_row=n, end_column=width)
        sheet.cell(n, 1).alignment = Alignment(horizontal="center")

    # Header over rows 3–4: each column merged down, งบประมาณ merged across its years.
    column = 1
    for text in BEFORE:
        sheet.cell(3, column, text)
        sheet.merge_cells(start_row=3, start_column=column, end_row=4, end_column=column)
        column += 1
    sheet.cell(3, column, "งบประมาณ (บาท)")
    sheet.merge_cells(
        start_row=3, start_column=column, end_row=3, end_column=column + len(YEARS) - 1
    )
    for offset, year in enumerate(YEARS):
        sheet.cell(4, column + offset, str(year))
    column += len(YEARS)
    for text in AFTER:
        sheet.cell(3, column, text)
        sheet.merge_cells(start_row=3, start_column=column, end_row=4, end_column=column)
        column += 1
    for row in (3, 4):
        for col in range(1, width + 1):
            cell = sheet.cell(row, col)
            cell.font, cell.fill, cell.border, cell.alignment = bold, head, box, centre

    totals = [0.0] * len(YEARS)
    for n, (title, objective, target, budgets, *rest) in enumerate(ROWS, start=1):
        values: list[object] = [n, title, objective, target, *budgets, *rest]  # type: ignore[misc]
        row = 4 + n
        for col, value in enumerate(values, start=1):
            cell = sheet.cell(row, col, value)
            cell.font, cell.border, cell.alignment = body, box, wrap
            if isinstance(value, int | float) and col > len(BEFORE):
                cell.number_format = "#,##0"
        for i, value in enumerate(budgets):  # type: ignore[arg-type]
            totals[i] += _amount(value)
    total_row = 5 + len(ROWS)
    sheet.cell(total_row, 2, "รวมทั้งสิ้น").font = bold
    for i, total in enumerate(totals):
        cell = sheet.cell(total_row, len(BEFORE) + 1 + i, total)
        cell.number_format, cell.font = "#,##0", bold
    for col in range(1, width + 1):
        sheet.cell(total_row, col).border = box

    widths = [6, 44, 30, 28, 13, 13, 13, 26, 28, 26, 18, 14, 18]
    for col, size in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(col)].width = size
    sheet.freeze_panes = "C5"
    out.parent.mkdir(parents=True, exist_ok=True)
    book.save(out)
    return out


if __name__ == "__main__":
    print(build(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT))
