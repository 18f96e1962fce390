"""Workbooks written as offices write them, for the importers' tests (openpyxl)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook

YEARS = (2566, 2567, 2568, 2569, 2570)
THAI_YEARS = ("๒๕๖๖", "๒๕๖๗", "๒๕๖๘", "๒๕๖๙", "๒๕๗๐")


def _p02_sheet(ws: Any, title: str, rows: Sequence[Sequence[Any]], *, heading: str = "") -> None:
    ws.append(["รายละเอียดโครงการพัฒนา"])
    ws.merge_cells("A1:L1")
    ws.append([f"แผนพัฒนาท้องถิ่น (พ.ศ. ๒๕๖๖ - ๒๕๗๐){title}"])
    ws.append(["เทศบาลนครลำปาง อำเภอเมืองลำปาง จังหวัดลำปาง"])
    ws.append(["ก. ยุทธศาสตร์จังหวัดที่ 1 การพัฒนาโครงสร้างพื้นฐาน"])
    ws.append([heading or "1. ยุทธศาสตร์การพัฒนาด้านโครงสร้างพื้นฐาน"])
    ws.append(["1.1 แผนงานอุตสาหกรรมและการโยธา"])
    ws.append(
        ["ที่", "โครงการ", "วัตถุประสงค์", "เป้าหมาย (ผลผลิตของโครงการ)", "งบประมาณและที่ผ่านมา",
         None, None, None, None, "ตัวชี้วัด (KPI)", "ผลที่คาดว่าจะได้รับ", "หน่วยงานรับผิดชอบหลัก"]
    )  # fmt: skip
    ws.merge_cells("E7:I7")
    for col in "ABCDJKL":
        ws.merge_cells(f"{col}7:{col}8")
    ws.append([None, None, None, None, *(f"{y} (บาท)" for y in THAI_YEARS), None, None, None])
    for row in rows:
        ws.append(list(row))


def line(n: Any, title: str, target: str, budgets: Sequence[Any]) -> list[Any]:
    return [
        n,
        title,
        "เพื่อความสะดวกในการสัญจร",
        target,
        *budgets,
        "ร้อยละ 80",
        "ประชาชนพอใจ",
        "กองช่าง",
    ]


DEFAULT_LINES = [
    line("๑", "โครงการก่อสร้างถนนคอนกรีตเสริมเหล็ก ซอย ๕ หมู่ที่ ๔ บ้านแม่มะกอก",
         "กว้าง 4 เมตร ยาว 150 เมตร หนา 0.15 เมตร", ["-", "-", "-", "-", "450,000.-"]),
    line(2, "โครงการขุดลอกหนองผาแดง", "หมู่ที่ 3 บ้านแม่เหียง ความลึก 2 เมตร",
         ["-", "-", 300000, "-", "๓๐๐,๐๐๐"]),
    line(3, "โครงการก่อสร้างรางระบายน้ำ คสล. ซอย 6 หมู่ที่ 4", "ยาว 200 เมตร",
         ["-", "-", "-", "-", "1,250,000.-"]),
    ["", "รวม 3 โครงการ", None, None, "-", "-", 300000, "-", 2000000, None, None, None],
    ["1.2 แผนงานเคหะและชุมชน"],
    line(4, "โครงการติดตั้งไฟฟ้าส่องสว่างพลังงานแสงอาทิตย์ ซอย 9 หมู่ที่ 6", "จำนวน 20 ต้น",
         [150000, "-", "-", "-", "-"]),
]  # fmt: skip


def local_plan(
    path: Path,
    rows: Sequence[Sequence[Any]] = tuple(DEFAULT_LINES),
    *,
    summary: Sequence[Any] | None = None,
    pao_rows: Sequence[Sequence[Any]] = (),
) -> Path:
    """A ผ.02 workbook: a cover, the ผ.01 summary (`summary` = its grand-total row),
    the ผ.02 sheet of `rows`, an ผ.02/1 sheet of `pao_rows` and a ผ.03 sheet."""
    wb = Workbook()
    cover = wb.active
    cover.title = "ปก"
    cover.append(["แผนพัฒนาท้องถิ่น (พ.ศ. 2566-2570)"])
    cover.append(["เทศบาลนครลำปาง"])
    if summary is not None:
        ws = wb.create_sheet("ผ.01")
        ws.append(["บัญชีสรุปโครงการพัฒนา"])
        ws.append(["ยุทธศาสตร์", *[x for y in THAI_YEARS for x in (f"ปี {y}", None)], "รวม ๕ ปี", None])
        ws.append([None, *(["จำนวนโครงการ", "งบประมาณ (บาท)"] * 6)])
        ws.append(["1. ยุทธศาสตร์การพัฒนาด้านโครงสร้างพื้นฐาน"])
        ws.append(list(summary))
    _p02_sheet(wb.create_sheet("ผ.02"), "", rows)
    if pao_rows:
        _p02_sheet(
            wb.create_sheet("ผ.02-1"),
            " สำหรับ ประสานโครงการพัฒนาองค์การบริหารส่วนจังหวัด",
            pao_rows,
        )
    equipment = wb.create_sheet("ผ.03")
    equipment.append(["บัญชีครุภัณฑ์"])
    equipment.append(["ที่", "แผนงาน", "หมวด", "ประเภท", "เป้าหมาย (ผลผลิตของครุภัณฑ์)", "งบประมาณ"])
    equipment.append([1, "แผนงานการพาณิชย์", "ครุภัณฑ์", "รถยนต์", "1 คัน", 1200000])
    wb.save(path)
    return path
