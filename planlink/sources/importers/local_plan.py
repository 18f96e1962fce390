"""Reading a local government's development plan (แผนพัฒนาท้องถิ่น) as offices keep it: one
workbook of several sheets in the official forms.

- **ผ.02** (รายละเอียดโครงการพัฒนา) sheets hold the projects: title rows, the headings
  "1. ยุทธศาสตร์…" and "1.1 แผนงาน…", then a two-row header — ที่ · โครงการ · วัตถุประสงค์ ·
  เป้าหมาย (ผลผลิตของโครงการ) · งบประมาณ (merged over one column per fiscal year B.E.) ·
  ตัวชี้วัด (KPI) · ผลที่คาดว่าจะได้รับ · หน่วยงานรับผิดชอบหลัก — one row per project, a
  "รวม N โครงการ" row after each programme, and the header repeated where a strategy starts.
  A sheet (or its title rows) saying ผ.02/1 or "ประสานโครงการพัฒนา…จังหวัด" holds projects
  proposed to the อบจ.; ผ.02/2 or "เกินศักยภาพ", projects asked of agencies: each line keeps
  its form and budget source.
- **ผ.01** (บัญชีสรุปโครงการพัฒนา), when there, is checked against the ผ.02 lines: its total
  count and budget of each year; a difference is noted on the list, not refused (the ผ.02 is
  what the check reads).
- Other sheets (a cover, ผ.03 equipment, ผ.08 …) are listed as not read.

Budgets: numbers, "1,250,000.-", Thai digits, "-" for a year without. A line's fiscal years
are the years with a budget. Every cell is checked first; problems name the sheet, row and
column, and nothing is written unless the whole workbook reads.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import polars as pl

from planlink.core.tabular import ImportRejected, Problem
from planlink.sources.importers.common import (
    Header,
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
)
from planlink.sources.models import BudgetSource

FORM_LAO, FORM_PAO, FORM_AGENCY = "ผ.02", "ผ.02/1", "ผ.02/2"
WANTS = (
    Want("number", "ที่", "no.", exactly("ที่", "ลำดับ", "ลำดับที่")),
    Want(
        "title",
        "โครงการ",
        "project",
        exactly("โครงการ", "ชื่อโครงการ", "โครงการกิจกรรม"),
        required=True,
    ),
    Want("objective", "วัตถุประสงค์", "objective", starts("วัตถุประสงค์")),
    Want("target", "เป้าหมาย (ผลผลิตของโครงการ)", "target", starts("เป้าหมาย")),
    Want("kpi", "ตัวชี้วัด (KPI)", "indicator", starts("ตัวชี้วัด")),
    Want("expected", "ผลที่คาดว่าจะได้รับ", "expected result", starts("ผลที่คาดว่า")),
    Want("unit", "หน่วยงานรับผิดชอบหลัก", "responsible unit", starts("หน่วยงานรับผิดชอบ", "หน่วยงาน")),
)
SUMMARY = (Want("strategy", "ยุทธศาสตร์", "strategy", starts("ยุทธศาสตร์"), required=True),)
_STRATEGY = re.compile(r"^(?:\d+\.?\s*)?ยุทธศาสตร์")
_PROGRAMME = re.compile(r"^(?:\d+\.\d+\.?\s*)?แผนงาน")
_PROVINCE_HEADING = re.compile(r"^[กข]\.\s*ยุทธศาสตร์")
_TOTAL = re.compile(r"^(?:รวม|รวมทั้งสิ้น|รวมทั้งหมด|ยอดรวม)")
_IGNORED_FORMS = re.compile(r"ผ\.?\s*0?[3-9]|ครุภัณฑ์|ผ\.?\s*01/1")


def _form(sheet: str, title_rows: list[str]) -> str | None:
    """The form of a sheet from its name and title rows: ผ.02, ผ.02/1, ผ.02/2, or None for
    a sheet that holds no projects (ผ.03 equipment …)."""
    text = norm(sheet + " " + " ".join(title_rows))
    if (
        re.search(r"ผ0?2[/-]?1", text)
        or "ประสานโครงการพัฒนาองค์การบริหารส่วนจังหวัด" in text
        or "ประสานโครงการพัฒนาจังหวัด" in text
    ):
        return FORM_PAO
    if re.search(r"ผ0?2[/-]?2", text) or "เกินศักยภาพ" in text:
        return FORM_AGENCY
    if _IGNORED_FORMS.search(sheet) or "ครุภัณฑ์" in text:
        return None
    return FORM_LAO


BUDGET_OF_FORM = {
    FORM_LAO: BudgetSource.LAO,
    FORM_PAO: BudgetSource.PAO,
    FORM_AGENCY: BudgetSource.AGENCY,
}


def read_local_plan(path: Path, filename: str) -> ReadList:
    """The projects of a local development plan workbook (see the module docstring)."""
    problems: list[Problem] = []
    lines: list[LineData] = []
    summaries: list[tuple[str, pl.DataFrame, Header]] = []
    read: list[str] = []
    ignored: list[str] = []
    all_years: set[int] = set()
    for sheet, frame in sheets(path, filename):
        if frame.height == 0 or frame.width == 0:
            ignored.append(sheet)
            continue
        header = find_header(frame, WANTS)
        top = [
            clean(c)
            for i in range(min(header.index if header else 6, frame.height))
            for c in frame.row(i)
            if clean(c)
        ]
        if header is None or not header.years:
            summary = find_header(frame, SUMMARY)
            if summary is not None and summary.years:
                summaries.append((sheet, frame, summary))
                read.append(sheet)
            else:
                ignored.append(sheet)
            continue
        form = _form(sheet, top)
        if form is None:
            ignored.append(sheet)
            continue
        problems.extend(personal_problems(sheet, frame))
        sheet_lines = _read_sheet(sheet, frame, header, form, top, problems)
        lines.extend(sheet_lines)
        all_years.update(header.years)
        read.append(sheet)
    if not lines and not problems:
        raise ImportRejected(
            [
                Problem(
                    None,
                    None,
                    "ไม่พบแผ่นงาน ผ.02 ในไฟล์: ต้องมีแถวหัวตาราง 'ที่ · โครงการ · … · งบประมาณ (ปี พ.ศ.)' "
                    "ตามแบบ ผ.02 (ดูไฟล์ตัวอย่าง)",
                    "no ผ.02 sheet found: it needs the header 'ที่ · โครงการ · … · งบประมาณ' "
                    "with one column per fiscal year (see the sample file)",
                )
            ]
        )
    if problems:
        raise ImportRejected(problems)
    years = (min(all_years), max(all_years))
    notes = [
        n for sheet, frame, header in summaries for n in _check_summary(sheet, frame, header, lines)
    ]
    return ReadList(lines=lines, years=years, notes=notes, sheets_read=read, sheets_ignored=ignored)


def _read_sheet(
    sheet: str,
    frame: pl.DataFrame,
    header: Header,
    form: str,
    top: list[str],
    problems: list[Problem],
) -> list[LineData]:
    strategy = next((t for t in top if _STRATEGY.match(t)), "")
    programme = next((t for t in top if _PROGRAMME.match(t)), "")
    cols = header.columns
    title_col = cols["title"]
    out: list[LineData] = []
    index = header.body
    while index < frame.height:
        cells = [clean(c) for c in frame.row(index)]
        row = index + 1
        index += 1
        filled = [c for c in cells if c]
        if not filled:
            continue
        title = cells[title_col]
        first = filled[0]
        if norm(title) in {"โครงการ", "ชื่อโครงการ"} or norm(first) in {"ที่", "ลำดับ"}:
            # The header repeated (and its year row below it).
            if (
                index < frame.height
                and any(c and c.strip() for c in frame.row(index))
                and not clean(frame.row(index)[title_col])
            ):
                index += 1
            continue
        if _TOTAL.match(first) or _TOTAL.match(title):
            continue
        budgets_raw = {y: cells[p] for y, p in header.years.items()}
        has_budget = any(v and v not in {"-", "–"} for v in budgets_raw.values())
        if len(filled) <= 2 and not has_budget:
            text = " ".join(filled)
            if _PROVINCE_HEADING.match(text):
                continue
            if _STRATEGY.match(text):
                strategy, programme = text, ""
                continue
            if _PROGRAMME.match(text):
                programme = text
                continue
            if not title:
                continue
        if not title:
            problems.append(
                Problem(
                    row,
                    _where(sheet, header.names.get("title", "โครงการ")),
                    "แถวนี้มีข้อมูลแต่ไม่มีชื่อโครงการ",
                    "this row has data but no project title",
                )
            )
            continue
        budgets: dict[int, Decimal] = {}
        for year, raw in budgets_raw.items():
            amount = budget_cell(
                raw, row, _where(sheet, header.names.get(f"y{year}", str(year))), problems
            )
            if amount is not None:
                budgets[year] = amount
        line = LineData(
            sheet=sheet,
            row=row,
            title=title,
            budgets=budgets,
            form=form,
            number=cells[cols["number"]] if "number" in cols else "",
            strategy=strategy,
            programme=programme,
            objective=cells[cols["objective"]] if "objective" in cols else "",
            target=cells[cols["target"]] if "target" in cols else "",
            unit=cells[cols["unit"]] if "unit" in cols else "",
            budget_source=BUDGET_OF_FORM[form],
        )
        if not any(a > 0 for a in budgets.values()):
            problems.append(
                Problem(
                    row,
                    _where(sheet, "งบประมาณ"),
                    "โครงการนี้ไม่มีงบประมาณในปีใดเลย: ใส่งบประมาณอย่างน้อยหนึ่งปี (ปีที่ไม่มีใส่ -)",
                    "this project has no budget in any year: give at least one year's budget",
                )
            )
            continue
        text_problems(line, header.names, problems, sheet=True)
        out.append(line)
    return out


def _where(sheet: str, column: str) -> str:
    return f"{sheet}: {column}" if sheet else column


def _check_summary(
    sheet: str, frame: pl.DataFrame, header: Header, lines: list[LineData]
) -> list[str]:
    """The ผ.01's grand total of each year against the ผ.02 lines (counts and budgets)."""
    total_row = None
    for index in range(header.body, frame.height):
        cells = [clean(c) for c in frame.row(index)]
        if any(_TOTAL.match(c) for c in cells if c):
            total_row = cells
    if total_row is None:
        return [f"{sheet}: ไม่พบแถวรวมทั้งสิ้น จึงไม่ได้ตรวจยอดกับ ผ.02"]
    notes = []
    own = [ln for ln in lines if ln.form == FORM_LAO]
    for year, position in sorted(header.years.items()):
        # The year's columns: จำนวนโครงการ then งบประมาณ (the year's cell is merged over both).
        count_cell = total_row[position] if position < len(total_row) else ""
        budget_cell_text = total_row[position + 1] if position + 1 < len(total_row) else ""
        counted = sum(1 for ln in own if ln.budgets.get(year, Decimal(0)) > 0)
        summed = sum((ln.budgets.get(year, Decimal(0)) for ln in own), Decimal(0))
        try:
            count = int(Decimal(norm(count_cell).replace(",", "") or "0"))
        except Exception:
            continue
        from planlink.core.thai import parse_budget

        try:
            budget = parse_budget(budget_cell_text) or Decimal(0)
        except Exception:
            continue
        if count != counted or budget != summed:
            notes.append(
                f"{sheet} ปี {year}: ผ.01 รวม {count:,} โครงการ {budget:,.2f} บาท "
                f"แต่ ผ.02 มี {counted:,} โครงการ {summed:,.2f} บาท"
            )
    return notes
