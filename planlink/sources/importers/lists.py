"""Reading the provincial and provincial-group project lists, and agencies' request lists.

**Provincial lists** (บัญชีชุดโครงการ / คำของบประมาณของจังหวัด): title rows, then one header
row — ลำดับ · ประเด็นการพัฒนา · แผนงาน · โครงการ · กิจกรรม · พื้นที่ดำเนินการ ·
แหล่งงบประมาณ · หน่วยดำเนินการ · งบประมาณ <ปี> (one column per fiscal year) · หมายเหตุ. The
issue, programme and project cells are written once and merged down over their activities:
a blank one takes the value above it. Each activity is a line (a project without activities
is one line itself). The budget source of a row is read from its words (งบจังหวัด,
งบกลุ่มจังหวัด, อบจ., งบฟังก์ชั่น / กรม …); blank takes the list's.

**Agency request lists**: any columns. The web page asks which column holds what (a
`ColumnMapping` remembered per source body): the title (required), the place, หมู่, ตำบล,
อำเภอ, the fiscal year(s) or one column per year, the budget, the unit, a number. One row per
request.

Both: every cell checked first, problems by row and column in Thai and English, nothing
written unless the whole file reads.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import polars as pl

from planlink.core.tabular import ImportRejected, Problem
from planlink.sources.importers.common import (
    HEADER_ROWS,
    LineData,
    ReadList,
    Want,
    budget_cell,
    clean,
    exactly,
    find_header,
    norm,
    personal_problems,
    sheets,
    starts,
    text_problems,
    years_of,
)
from planlink.sources.models import BudgetSource

PROVINCIAL_WANTS = (
    Want("number", "ลำดับ", "no.", exactly("ลำดับ", "ลำดับที่", "ที่")),
    Want("strategy", "ประเด็นการพัฒนา", "issue", starts("ประเด็น", "ยุทธศาสตร์")),
    Want("programme", "แผนงาน", "programme", starts("แผนงาน")),
    Want("project", "โครงการ", "project", exactly("โครงการ", "ชื่อโครงการ"), required=True),
    Want("activity", "กิจกรรม", "activity", starts("กิจกรรม")),
    Want("place", "พื้นที่ดำเนินการ", "where", starts("พื้นที่", "สถานที่")),
    Want("budget_source", "แหล่งงบประมาณ", "budget source", starts("แหล่งงบประมาณ", "แหล่งงบ")),
    Want("unit", "หน่วยดำเนินการ", "implementing unit", starts("หน่วยดำเนินการ", "หน่วยงาน")),
)
_SOURCE_WORDS = (
    ("กลุ่มจังหวัด", BudgetSource.PROVINCE_GROUP),
    ("อบจ", BudgetSource.PAO),
    ("องค์การบริหารส่วนจังหวัด", BudgetSource.PAO),
    ("จังหวัด", BudgetSource.PROVINCE),
    ("ฟังก์ชั่น", BudgetSource.AGENCY),
    ("ฟังก์ชัน", BudgetSource.AGENCY),
    ("กรม", BudgetSource.AGENCY),
    ("กระทรวง", BudgetSource.AGENCY),
    ("อปท", BudgetSource.LAO),
    ("เทศบาล", BudgetSource.LAO),
)


def budget_source_of(text: str, default: str) -> str:
    key = norm(text)
    for word, source in _SOURCE_WORDS:
        if norm(word) in key:
            return source
    return default


def _first_sheet(path: Path, filename: str, wants: tuple[Want, ...]) -> tuple[str, pl.DataFrame]:
    found = sheets(path, filename)
    for sheet, frame in found:
        if frame.height and find_header(frame, wants) is not None:
            return sheet, frame
    return found[0] if found else ("", pl.DataFrame())


def read_provincial(path: Path, filename: str, *, default_source: str) -> ReadList:
    sheet, frame = _first_sheet(path, filename, PROVINCIAL_WANTS)
    header = find_header(frame, PROVINCIAL_WANTS) if frame.height else None
    if header is None or not header.years:
        raise ImportRejected(
            [
                Problem(
                    None,
                    None,
                    f"ไม่พบแถวหัวตารางใน {HEADER_ROWS} แถวแรก: ต้องมีคอลัมน์ 'โครงการ' "
                    "และงบประมาณแยกตามปี (เช่น 'งบประมาณ 2570') ตามไฟล์ตัวอย่าง",
                    f"no header row in the first {HEADER_ROWS} rows: it needs a 'โครงการ' "
                    "column and budget columns per fiscal year (see the sample file)",
                )
            ]
        )
    problems = personal_problems(sheet, frame)
    cols = header.columns
    carried = {"strategy": "", "programme": "", "project": ""}
    lines: list[LineData] = []
    for index in range(header.body, frame.height):
        cells = [clean(c) for c in frame.row(index)]
        row = index + 1
        if not any(cells):
            continue

        def cell(key: str, cells: list[str] = cells) -> str:
            return cells[cols[key]] if key in cols else ""

        if cell("project").startswith("รวม") or cell("number").startswith("รวม"):
            continue
        for key in carried:
            if cell(key):
                carried[key] = cell(key)
        title = cell("activity") or cell("project")
        budgets: dict[int, Decimal] = {}
        for year, position in header.years.items():
            amount = budget_cell(
                cells[position], row, header.names.get(f"y{year}", str(year)), problems
            )
            if amount is not None:
                budgets[year] = amount
        if not title:
            if budgets:
                problems.append(
                    Problem(
                        row,
                        header.names.get("project", "โครงการ"),
                        "แถวนี้มีงบประมาณแต่ไม่มีชื่อโครงการหรือกิจกรรม",
                        "this row has a budget but no project or activity",
                    )
                )
            continue
        if not any(a > 0 for a in budgets.values()):
            if not cell("activity") and not any(cells[p] for p in header.years.values()):
                continue  # a project's own row above its activities
            problems.append(
                Problem(
                    row,
                    "งบประมาณ",
                    "รายการนี้ไม่มีงบประมาณในปีใดเลย",
                    "this line has no budget in any year",
                )
            )
            continue
        line = LineData(
            sheet=sheet,
            row=row,
            title=title,
            budgets=budgets,
            number=cell("number"),
            strategy=carried["strategy"],
            programme=carried["programme"],
            project=carried["project"],
            place=cell("place"),
            unit=cell("unit"),
            budget_source=budget_source_of(cell("budget_source"), default_source),
        )
        text_problems(line, header.names, problems)
        lines.append(line)
    if problems:
        raise ImportRejected(problems)
    if not lines:
        raise ImportRejected([Problem(None, None, "ไฟล์ไม่มีรายการโครงการ", "the file has no lines")])
    years = sorted(header.years)
    return ReadList(lines=lines, years=(years[0], years[-1]), sheets_read=[sheet])


# --- Agency lists: columns mapped by a person ------------------------------------------------


@dataclass(frozen=True)
class Field:
    key: str
    th: str
    en: str
    aliases: tuple[str, ...]
    required: bool = False


AGENCY_FIELDS = (
    Field(
        "title",
        "ชื่อโครงการ/รายการ",
        "project",
        ("ชื่อรายการ", "ชื่อโครงการ", "โครงการ", "รายการ", "กิจกรรม"),
        True,
    ),
    Field("place", "สถานที่", "place", ("สถานที่ก่อสร้าง", "สถานที่", "พื้นที่ดำเนินการ", "พื้นที่", "ที่ตั้ง")),
    Field("moo", "หมู่ที่", "village no.", ("หมู่", "หมู่ที่", "ม.")),
    Field("tambon", "ตำบล", "tambon", ("ตำบล", "ต.")),
    Field("district", "อำเภอ", "district", ("อำเภอ", "อ.")),
    Field("years", "ปีงบประมาณ", "fiscal year", ("ปีงบประมาณ", "ปี", "ปีที่ขอ")),
    Field(
        "budget",
        "งบประมาณ (บาท)",
        "budget",
        ("วงเงิน", "วงเงินบาท", "งบประมาณ", "งบประมาณบาท", "จำนวนเงิน"),
    ),
    Field("unit", "หน่วยงาน", "unit", ("หน่วยงาน", "หน่วยดำเนินการ", "หน่วยงานรับผิดชอบ")),
    Field("number", "ลำดับ", "no.", ("ลำดับ", "ลำดับที่", "ที่")),
)
FIELD = {f.key: f for f in AGENCY_FIELDS}


@dataclass(frozen=True)
class Preview:
    sheet: str
    header_row: int  # 1-based
    headers: list[str]  # the header cells as written, in order (blank ones left out)
    sample: list[list[str]]  # the first rows under the header


def agency_preview(path: Path, filename: str) -> Preview:
    """The file's header row (the first row with three or more filled cells) and a few rows,
    for the column-mapping step."""
    found = sheets(path, filename)
    for sheet, frame in found:
        for index in range(min(HEADER_ROWS, frame.height)):
            cells = [clean(c) for c in frame.row(index)]
            if sum(1 for c in cells if c) >= 3:
                sample = [
                    [clean(c) for c in frame.row(i)]
                    for i in range(index + 1, min(frame.height, index + 6))
                ]
                return Preview(sheet, index + 1, cells, sample)
    raise ImportRejected(
        [
            Problem(
                None,
                None,
                "ไม่พบแถวหัวตาราง (แถวที่มีชื่อคอลัมน์อย่างน้อย 3 ช่อง)",
                "no header row found (a row with at least 3 column names)",
            )
        ]
    )


def guess_mapping(headers: list[str]) -> dict[str, str]:
    """Field → header, by the usual names (the person checks and corrects it)."""
    out: dict[str, str] = {}
    used: set[str] = set()
    for f in AGENCY_FIELDS:
        names = {norm(a) for a in f.aliases}
        for h in headers:
            if (
                h
                and h not in used
                and (norm(h) in names or any(norm(h).startswith(n) for n in names if len(n) > 3))
            ):
                out[f.key] = h
                used.add(h)
                break
    return out


def read_agency(
    path: Path, filename: str, *, mapping: dict[str, str], default_years: tuple[int, int] | None
) -> ReadList:
    preview = agency_preview(path, filename)
    problems: list[Problem] = []
    if not mapping.get("title"):
        raise ImportRejected(
            [
                Problem(
                    None,
                    None,
                    "ต้องเลือกคอลัมน์ชื่อโครงการ/รายการ",
                    "choose the column of the project title",
                )
            ]
        )
    positions: dict[str, int] = {}
    for key, header in mapping.items():
        if not header:
            continue
        if header not in preview.headers:
            problems.append(
                Problem(
                    preview.header_row,
                    header,
                    f"ไม่พบคอลัมน์ '{header}' ในไฟล์นี้ (ไฟล์เปลี่ยนหัวตาราง?) เลือกคอลัมน์ใหม่",
                    f"the file has no column '{header}'; choose again",
                )
            )
            continue
        positions[key] = preview.headers.index(header)
    if problems:
        raise ImportRejected(problems)
    if "budget" not in positions:
        raise ImportRejected(
            [Problem(None, None, "ต้องเลือกคอลัมน์งบประมาณ", "choose the column of the budget")]
        )
    if "years" not in positions and default_years is None:
        raise ImportRejected(
            [
                Problem(
                    None,
                    None,
                    "ต้องเลือกคอลัมน์ปีงบประมาณ หรือระบุปีของบัญชี",
                    "choose the fiscal-year column or give the list's years",
                )
            ]
        )
    frame = dict(sheets(path, filename))[preview.sheet]
    problems.extend(personal_problems(preview.sheet, frame))
    lines: list[LineData] = []
    all_years: set[int] = set()
    for index in range(preview.header_row, frame.height):
        cells = [clean(c) for c in frame.row(index)]
        row = index + 1
        if not any(cells):
            continue

        def cell(key: str, cells: list[str] = cells) -> str:
            return cells[positions[key]] if key in positions and positions[key] < len(cells) else ""

        title = cell("title")
        if title.startswith("รวม") or cell("number").startswith("รวม"):
            continue
        amount = budget_cell(cell("budget"), row, mapping["budget"], problems)
        if not title:
            if amount:
                problems.append(
                    Problem(
                        row,
                        mapping["title"],
                        "แถวนี้มีงบประมาณแต่ไม่มีชื่อรายการ",
                        "this row has a budget but no title",
                    )
                )
            continue
        years = years_of(cell("years")) if "years" in positions else default_years
        if years is None:
            problems.append(
                Problem(
                    row,
                    mapping.get("years", "ปีงบประมาณ"),
                    "อ่านปีงบประมาณไม่ได้ ให้ใส่ปี พ.ศ. เช่น 2570 หรือ 2570-2571",
                    "cannot read the fiscal year: write a B.E. year such as 2570",
                )
            )
            continue
        if years[0] < 2400:
            problems.append(
                Problem(
                    row,
                    mapping.get("years", "ปีงบประมาณ"),
                    f"ปี {years[0]} ไม่ใช่ปี พ.ศ. (เป็นปี ค.ศ.? ปี พ.ศ. คือ {years[0] + 543})",
                    f"{years[0]} is not a B.E. year (C.E.? in B.E. it is {years[0] + 543})",
                )
            )
            continue
        if amount is None:
            problems.append(Problem(row, mapping["budget"], "ไม่มีงบประมาณ", "no budget"))
            continue
        all_years.update(years)
        moo = cell("moo")
        place = " ".join(
            p
            for p in (
                cell("place"),
                f"หมู่ที่ {moo}" if moo and "หมู่" not in cell("place") else "",
                f"ตำบล{cell('tambon').removeprefix('ตำบล').removeprefix('ต.')}"
                if cell("tambon")
                else "",
                f"อำเภอ{cell('district').removeprefix('อำเภอ').removeprefix('อ.')}"
                if cell("district")
                else "",
            )
            if p
        )
        line = LineData(
            sheet=preview.sheet,
            row=row,
            title=title,
            budgets={years[0]: amount},
            number=cell("number"),
            place=place,
            unit=cell("unit"),
            budget_source=BudgetSource.AGENCY,
            years=years,
        )
        text_problems(line, {"title": mapping["title"]}, problems)
        lines.append(line)
    if problems:
        raise ImportRejected(problems)
    if not lines:
        raise ImportRejected([Problem(None, None, "ไฟล์ไม่มีรายการ", "the file has no lines")])
    return ReadList(
        lines=lines, years=(min(all_years), max(all_years)), sheets_read=[preview.sheet]
    )
