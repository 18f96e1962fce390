"""Reading a tambon community plan made outside planlink (seed item 5.2), as tambons write it.

A tambon that already has its plan ranks from it instead of consolidating the village plans:
its ศอช.ต. uploads the plan (XLSX, or CSV in UTF-8 or cp874) and planlink reads it into the
tambon plan's draft (`services.tambon_import.tambon_plan_import`). This module only reads
and checks; it writes nothing.

The file: a title row or two, then the header row (searched in the first 15 rows), then one
row per project, in the columns of form ผ.02 plus what a tambon item needs:

ที่ · โครงการ/กิจกรรม · วัตถุประสงค์ · เป้าหมาย · งบประมาณ (one column per fiscal year B.E.,
"2570" / "ปี 2570" / "งบประมาณ 2571", also under a merged "งบประมาณ" cell on a second header
row; or one งบประมาณ column and a ปี column) · ตัวชี้วัด · ผลที่คาดว่าจะได้รับ ·
หน่วยงานรับผิดชอบ · ประเด็น (the province issue: its number or title) · หมู่บ้าน (the villages
covered: "1, 3, 5", "หมู่ที่ 1-3", "ทุกหมู่บ้าน") · วิธีดำเนินการ (ทำร่วม / ขอรับการสนับสนุน;
blank = ขอรับการสนับสนุน) and, optionally, ด้านการพัฒนา and แหล่งงบประมาณ.

Headers are matched ignoring spaces and punctuation. A row holding only "ประเด็นที่ n …"
(or "ด้าน…") is a section heading: the rows under it take that issue (or category) when their
own cell is blank. A total row ("รวม", "รวมทั้งสิ้น") is skipped. Every cell is checked first
and every problem is reported with its row (as the spreadsheet numbers it) and column, in
Thai and English; ImportRejected carries them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import polars as pl
from django.db.models import Count

from planlink.areas.models import Area, AreaLevel
from planlink.core.filelimits import limits_for, too_many_rows
from planlink.core.personal import citizen_id_cells, personal_columns
from planlink.core.tabular import (
    HEADER_SEARCH_ROWS,
    ROW,
    Column,
    ImportRejected,
    Problem,
    beyond_header,
    find_header,
    raw_frame,
    refused,
)
from planlink.core.thai import ThaiValueError, parse_budget, parse_int, to_arabic_digits
from planlink.evidence.models import DevelopmentCategory
from planlink.frameworks import selectors as framework_selectors
from planlink.frameworks.models import ProvinceIssue
from planlink.plans.excel import header_year
from planlink.plans.excel.reading import FUNDING_CHOICES, MODE_CHOICES
from planlink.plans.freetext import citizen_id_problem
from planlink.plans.models import FundingSource, Mode, PlanItem

LIMITS = "plan"  # core.filelimits: 5,000 rows, 120 columns, 20 MB, 10,000 characters a cell
MAX_LENGTH = {"title": 300, "responsible_agency": 200}
TEXT_FIELDS = ("title", "objective", "target", "kpi", "expected_result", "responsible_agency")
_YEAR_SLOTS = 12  # budget-year columns a file may have (a window is 1–5 years)


@dataclass(frozen=True)
class Spec:
    """One column of the file: its key, Thai and English names, the other headers that mean
    it, and what the upload page says about it."""

    key: str
    th: str
    en: str
    aliases: tuple[str, ...] = ()
    help_th: str = ""
    help_en: str = ""
    required: bool = False

    def column(self) -> Column:
        return Column(self.key, self.th, self.en, self.aliases, required=self.required)


SPECS: tuple[Spec, ...] = (
    Spec(
        "number",
        "ที่",
        "no.",
        ("ลำดับ", "ลำดับที่", "no", "number", "rank"),
        "เลขลำดับ 1, 2, 3 … ภายในประเด็นเดียวกันเรียงตามเลขนี้ (เริ่มนับใหม่ทุกประเด็นก็ได้)",
        "1, 2, 3 …; items of one issue are ordered by it (it may restart for each issue)",
    ),
    Spec(
        "title",
        "โครงการ/กิจกรรม",
        "project or activity",
        ("โครงการ", "กิจกรรม", "ชื่อโครงการ", "ชื่อโครงการ/กิจกรรม", "โครงการ/กิจกรรม/งาน", "project"),
        "ต้องมี ไม่เกิน 300 ตัวอักษร",
        "required, at most 300 characters",
        required=True,
    ),
    Spec("objective", "วัตถุประสงค์", "objective", ("objective",)),
    Spec(
        "target",
        "เป้าหมาย",
        "target / output",
        ("เป้าหมาย (ผลผลิตของโครงการ)", "เป้าหมาย (ผลผลิต)", "ผลผลิต", "target"),
    ),
    Spec(
        "budget",
        "งบประมาณ",
        "budget",
        ("งบประมาณ (บาท)", "งบประมาณบาท", "จำนวนเงิน", "จำนวนเงิน (บาท)", "budget"),
        "คอลัมน์ละปีงบประมาณ เช่น 2570 / ปี 2570 / งบประมาณ 2571 หรือคอลัมน์งบประมาณเดียวคู่กับคอลัมน์ปี "
        "เขียนได้เช่น 1,250,000 หรือ 1,250,000.- หรือ ๑,๒๕๐,๐๐๐ บาท ช่องว่างหรือ - = ไม่มีงบประมาณปีนั้น",
        "one column per fiscal year (2570 / ปี 2570 / งบประมาณ 2571), or one budget column with a "
        "year column; 1,250,000 or 1,250,000.- or Thai digits; blank or - = no budget that year",
    ),
    Spec(
        "year",
        "ปี",
        "fiscal year",
        ("ปีงบประมาณ", "ปี พ.ศ.", "พ.ศ.", "ปีที่ดำเนินการ", "fiscal year", "year"),
        "ใช้คู่กับคอลัมน์งบประมาณเดียว: ปีงบประมาณ พ.ศ. ในช่วงปีของแผน",
        "with a single budget column: the fiscal year (B.E.) within the plan's years",
    ),
    Spec("kpi", "ตัวชี้วัด", "indicator (KPI)", ("ตัวชี้วัด (KPI)", "kpi")),
    Spec(
        "expected_result",
        "ผลที่คาดว่าจะได้รับ",
        "expected result",
        ("ผลที่คาดว่าจะได้รับ", "expected result"),
    ),
    Spec(
        "responsible_agency",
        "หน่วยงานรับผิดชอบ",
        "responsible agency",
        ("หน่วยงานรับผิดชอบหลัก", "หน่วยงานที่รับผิดชอบ", "ผู้รับผิดชอบ", "responsible agency"),
        "ไม่เกิน 200 ตัวอักษร",
        "at most 200 characters",
    ),
    Spec(
        "issue",
        "ประเด็น",
        "province issue",
        (
            "ประเด็นการพัฒนา",
            "ประเด็นของจังหวัด",
            "ประเด็นการพัฒนาจังหวัด",
            "ประเด็นที่",
            "issue",
        ),
        "ต้องมี: เลขประเด็นของจังหวัดในปีของแผน (1 หรือ ๑) หรือชื่อประเด็น "
        'หรือเขียนไว้ในแถวหัวข้อ "ประเด็นที่ 1 …" เหนือรายการ',
        "required: the number (1 or ๑) or title of one of the province's issues of the plan's "
        'year, or a heading row "ประเด็นที่ 1 …" above the items',
    ),
    Spec(
        "villages",
        "หมู่บ้าน",
        "villages covered",
        (
            "หมู่ที่",
            "หมู่",
            "หมู่บ้านเป้าหมาย",
            "หมู่บ้านที่ได้รับประโยชน์",
            "พื้นที่ดำเนินการ",
            "พื้นที่เป้าหมาย",
            "villages",
        ),
        'เลขหมู่ของตำบลนี้ เช่น "1, 3, 5" หรือ "หมู่ที่ 1-3" หรือ "ทุกหมู่บ้าน" (ว่างได้)',
        'village numbers of this tambon: "1, 3, 5", "หมู่ที่ 1-3" or "ทุกหมู่บ้าน" (may be blank)',
    ),
    Spec(
        "mode",
        "วิธีดำเนินการ",
        "how it is carried out",
        ("วิธีดำเนินการ (ทำร่วม/ขอรับการสนับสนุน)", "วิธีการดำเนินงาน", "mode"),
        "ทำร่วม หรือ ขอรับการสนับสนุน (ว่าง = ขอรับการสนับสนุน) งานที่ทำเองอยู่ในแผนหมู่บ้าน ไม่นำเข้าแผนตำบล",
        "joint or request (blank = request); self-done work stays in the village plans",
    ),
    Spec(
        "category",
        "ด้านการพัฒนา",
        "development category",
        ("ด้าน", "category"),
        "ไม่บังคับ: ชื่อด้าน เช่น โครงสร้างพื้นฐาน ว่าง = ระบบเลือกจากชื่อโครงการและประเด็น",
        "optional: a category such as โครงสร้างพื้นฐาน; blank = chosen from the title and the issue",
    ),
    Spec(
        "funding_source",
        "แหล่งงบประมาณ",
        "funding source",
        ("funding source", "funding"),
        "ไม่บังคับ: อปท. / อำเภอ / จังหวัด / หน่วยงานอื่น ว่าง = อปท.",
        "optional: local government / district / province / agency; blank = local government",
    ),
)
SPEC = {s.key: s for s in SPECS}


@dataclass(frozen=True)
class _YearSlot(Column):
    """Any "งบประมาณ ปี 2570"-like header; n slots take the file's first n year columns."""

    def matches(self, header: str) -> bool:
        return header_year(header) is not None


def import_columns() -> list[Column]:
    return [
        *(s.column() for s in SPECS),
        *(
            _YearSlot(f"y{n}", "งบประมาณ ปี …", "budget of a year", required=False)
            for n in range(_YEAR_SLOTS)
        ),
    ]


# --- What a row becomes ---------------------------------------------------------------------


@dataclass
class ImportRow:
    row: int  # the file's row number
    number: int | None  # ที่
    title: str
    issue: ProvinceIssue
    category_id: int
    mode: str
    funding_source: str
    villages: list[Area]
    budgets: dict[int, Decimal]
    objective: str = ""
    target: str = ""
    kpi: str = ""
    expected_result: str = ""
    responsible_agency: str = ""


@dataclass
class Reading:
    """What the file holds: its rows (every one valid) and how many rows were headings or
    totals, not items. Only returned when there is no problem at all."""

    rows: list[ImportRow]
    skipped: int
    encoding: str


@dataclass
class _Context:
    tambon: Area
    years: list[int]
    issues: list[ProvinceIssue]
    villages: dict[int, Area]  # moo → village
    categories: list[DevelopmentCategory]
    usual: dict[int, int]  # issue id → the category tambon items filed under it mostly have
    problems: list[Problem] = field(default_factory=list)

    def add(self, row: int | None, column: str | None, th: str, en: str) -> None:
        self.problems.append(Problem(row, column, th, en))

    @property
    def issue_list_th(self) -> str:
        return " / ".join(f"{i.number} = {i.title}" for i in self.issues)

    @property
    def moo_list(self) -> str:
        return ", ".join(str(m) for m in sorted(self.villages)) or "—"


def context_for(tambon: Area, years: Sequence[int]) -> _Context:
    villages = Area.objects.filter(parent=tambon, level=AreaLevel.VILLAGE).order_by("code")
    issues = list(framework_selectors.issues_for(province=tambon.code[:2], fiscal_year=years[0]))
    usual: dict[int, int] = {}
    counts = (
        PlanItem.objects.filter(lineage__tambon__issue__in=issues)
        .values_list("lineage__tambon__issue", "category")
        .annotate(n=Count("id"))
        .order_by("-n", "category")
    )
    for issue_id, category_id, _n in counts:
        usual.setdefault(issue_id, category_id)
    return _Context(
        tambon=tambon,
        years=list(years),
        issues=issues,
        usual=usual,
        villages={(v.moo or int(v.code[-2:])): v for v in villages},
        categories=list(DevelopmentCategory.objects.filter(is_active=True).order_by("order")),
    )


# --- Reading the table ----------------------------------------------------------------------


@dataclass
class _Table:
    frame: pl.DataFrame  # string columns by key, plus ROW
    headers: dict[str, str]  # key → the header as written in the file
    encoding: str
    # Found while reading (personal data, over-long cells, shifted CSV rows): reported with
    # the cells' own problems, so the file's problems are all named at once.
    problems: list[Problem] = field(default_factory=list)

    def header(self, key: str) -> str:
        if key in self.headers:
            return self.headers[key]
        return SPEC[key].th if key in SPEC else key

    def has(self, key: str) -> bool:
        return key in self.headers


def _year_row(header: Sequence[object], below: Sequence[object], mapping: dict[str, int]) -> bool:
    """Is `below` a second header row, with the budget years under a merged "งบประมาณ" cell
    ("2570 (บาท)" …)? Its year cells sit under that cell or under empty header cells, and it
    has no title (a data row always has one, and may hold a year in its ปี column)."""
    budget = mapping.get("budget")
    years = [i for i, c in enumerate(below) if c not in (None, "") and header_year(str(c))]
    return (
        bool(years)
        and below[mapping["title"]] in (None, "")
        and all(header[i] in (None, "") or i == budget for i in years)
    )


def _mapping(cells: Sequence[object], names: Sequence[str]) -> dict[str, int]:
    single = pl.DataFrame(
        {n: [None if c in (None, "") else str(c)] for n, c in zip(names, cells, strict=True)},
        schema={n: pl.String for n in names},
    )
    return find_header(single, import_columns())[1]


def read_table(path: Path, filename: str) -> _Table:
    """The file's rows under its header, as text; problems of the file as a whole (limits,
    no header) raise ImportRejected, those of cells are kept in `problems`."""
    bounds = limits_for(LIMITS)
    raw, encoding = raw_frame(path, filename, bounds)
    if raw.height == 0 or raw.width == 0:
        raise ImportRejected([Problem(None, None, "ไฟล์ว่างเปล่า ไม่มีข้อมูล", "the file is empty")])
    raw = raw.with_columns(pl.all().cast(pl.String).str.strip_chars())
    index, mapping = find_header(raw, import_columns())
    if index is None:
        raise ImportRejected(
            [
                Problem(
                    None,
                    SPEC["title"].th,
                    f"ไม่พบแถวหัวตารางใน {HEADER_SEARCH_ROWS} แถวแรก: ต้องมีคอลัมน์ 'โครงการ/กิจกรรม' "
                    "(และคอลัมน์ที่ ประเด็น งบประมาณ …) ตามไฟล์ตัวอย่าง",
                    f"no header row in the first {HEADER_SEARCH_ROWS} rows: it needs a column "
                    "'โครงการ/กิจกรรม' (project) and the others of the sample file",
                )
            ]
        )
    cells = list(raw.row(index))
    body_start = index + 1
    has_years = any(k.startswith("y") and k[1:].isdigit() for k in mapping)
    if not has_years and body_start < raw.height and _year_row(cells, raw.row(body_start), mapping):
        below = raw.row(body_start)
        cells = [
            b if b not in (None, "") and (header_year(str(b)) or c in (None, "")) else c
            for c, b in zip(cells, below, strict=True)
        ]
        mapping = _mapping(cells, raw.columns)
        body_start += 1
    headers = {key: str(cells[position]) for key, position in mapping.items()}
    body = raw.slice(body_start).with_row_index(ROW, offset=body_start + 1)
    problems = _personal(raw, cells, mapping)
    if encoding != "xlsx":
        problems.extend(beyond_header(raw, index))
    frame = body.select(
        pl.col(ROW).cast(pl.Int64),
        *(pl.col(raw.columns[p]).alias(k) for k, p in mapping.items()),
    )
    keys = list(mapping)
    frame = frame.with_columns(
        pl.when(pl.col(k) == "").then(None).otherwise(pl.col(k)).alias(k) for k in keys
    ).filter(~pl.all_horizontal(pl.col(k).is_null() for k in keys))
    if frame.height > bounds.rows:
        raise refused(too_many_rows(bounds))
    for record in frame.iter_rows(named=True):
        for key in keys:
            value = record[key]
            if value is not None and len(value) > bounds.cell_chars:
                problems.append(
                    Problem(
                        record[ROW],
                        headers[key],
                        f"ข้อความในช่องนี้ยาว {len(value):,} ตัวอักษร เกิน {bounds.cell_chars:,} "
                        "ตัวอักษรที่รับได้ (อาจวางข้อความผิดช่อง)",
                        f"this cell holds {len(value):,} characters, more than the "
                        f"{bounds.cell_chars:,} accepted",
                    )
                )
    if frame.height == 0:
        raise ImportRejected(
            [*problems, Problem(None, None, "ไฟล์มีแต่หัวตาราง ไม่มีรายการ", "the file has no rows")]
        )
    return _Table(frame=frame, headers=headers, encoding=encoding, problems=problems)


def _personal(
    raw: pl.DataFrame, header: Sequence[object], mapping: dict[str, int]
) -> list[Problem]:
    """Citizen IDs in any cell of the file, and columns whose header says they hold names or
    IDs (planlink keeps names and roles of committees, never a citizen ID)."""
    found: list[Problem] = []
    wanted = set(mapping.values())
    names = raw.columns
    label = {i: str(h) if h not in (None, "") else f"คอลัมน์ที่ {i + 1}" for i, h in enumerate(header)}
    for position, cell in enumerate(header):
        if position in wanted or cell in (None, ""):
            continue
        for column in personal_columns([str(cell)]):
            what = "ชื่อบุคคล" if column.kind == "name" else "เลขประจำตัวประชาชน"
            found.append(
                Problem(
                    None,
                    column.header,
                    f"คอลัมน์ '{column.header}' มี{what} ระบบไม่เก็บข้อมูลส่วนบุคคล ลบคอลัมน์นี้ออกจากไฟล์",
                    f"column '{column.header}' holds personal data (names or citizen IDs); "
                    "planlink never stores it: remove the column",
                )
            )
    cells: list[tuple[int, int]] = []  # (row index, column position), found column-wise
    for name, rows in citizen_id_cells(raw).items():
        cells.extend((n, names.index(name)) for n in rows)
    for n, position in sorted(cells):
        problem = citizen_id_problem(raw.item(n, position))
        if problem is not None:
            found.append(Problem(n + 1, label.get(position, names[position]), *problem))
    return found


# --- Reading each row -----------------------------------------------------------------------


def _norm(text: str) -> str:
    """For comparing words: Arabic digits, case, spaces and punctuation ignored."""
    return re.sub(r"[\s.()/\-_,:;\"'“”]+", "", to_arabic_digits(str(text)).casefold())


def _clean(value: object) -> str:
    return str(value).replace("\r\n", "\n").replace("\r", "\n").strip()


_TOTAL = re.compile(
    r"^(?:รวม(?:ทั้งสิ้น|ทั้งหมด|งบประมาณ(?:ทั้งสิ้น)?|ทุกประเด็น|ประเด็น.*|ด้าน.*|ยอด|\d+โครงการ)?|"
    r"ยอดรวม|total|grandtotal|subtotal)$"
)
_OTHER_HEADING = re.compile(r"^(?:ยุทธศาสตร์|แผนงาน|กลยุทธ์)")
_MOO_WORDS = re.compile(r"หมู่บ้านที่|หมู่ที่|หมู่|ม\.")
_ISSUE_PREFIX = re.compile(r"^(?:ประเด็นการพัฒนา|ประเด็นของจังหวัด|ประเด็น|issue)\s*(?:ที่)?\s*")
_LEADING_NUMBER = re.compile(r"^(\d{1,3})(?:[.)\s]|$)\s*(.*)$", re.S)
_ALL_VILLAGES = {_norm(w) for w in ("ทุกหมู่บ้าน", "ทุกหมู่", "ทั้งตำบล", "ทุกหมู่บ้านในตำบล", "all")}
_RANGE = re.compile(r"(\d{1,3})\s*(?:-|–|—|ถึง|to)\s*(\d{1,3})")
_NUMBER = re.compile(r"\d{1,3}")
_SELF_TH = "ทำเอง"
MODE_HELP_TH = "ทำร่วม / ขอรับการสนับสนุน"


@dataclass
class _RowReader:
    table: _Table
    context: _Context
    years: dict[str, int]  # budget column key → fiscal year (in the window)
    issue: ProvinceIssue | None = None  # of the section heading above
    category_id: int | None = None  # of the section heading above
    record: dict[str, str | None] = field(default_factory=dict)
    row: int = 0

    def cell(self, key: str) -> str | None:
        value = self.record.get(key)
        return None if value is None else _clean(value) or None

    def add(self, key: str, th: str, en: str) -> None:
        self.context.add(self.row, self.table.header(key), th, en)

    # A row that is not an item --------------------------------------------------------------

    def heading(self) -> bool:
        """A row with only "ประเด็นที่ n …" or "ด้าน…" (in ที่ or the title): a section."""
        filled = {k: v for k in self.table.headers if (v := self.cell(k)) is not None}
        if len(filled) != 1 or not set(filled) <= {"number", "title"}:
            return False
        text = next(iter(filled.values()))
        if _ISSUE_PREFIX.match(to_arabic_digits(text)) and not text.startswith("ประเด็นปัญหา"):
            key = next(iter(filled))
            issue = self.find_issue(text, key)
            if issue is not None:
                self.issue = issue
            return True
        if text.startswith("ด้าน"):  # the rows under it are of this category (if known)
            self.category_id = self.find_category(text.removeprefix("ด้าน"))
            return True
        return bool(_OTHER_HEADING.match(text))

    def total(self) -> bool:
        """A row of sums ("รวม", "รวมทั้งสิ้น"): nothing but the word and figures."""
        label = self.cell("title") or self.cell("number") or ""
        if not _TOTAL.match(_norm(label)):
            return False
        others = ("objective", "target", "kpi", "expected_result", "issue", "villages", "mode")
        return not any(self.cell(k) for k in others)

    # The cells ------------------------------------------------------------------------------

    def read(self, record: dict[str, str | None]) -> ImportRow | None:
        self.record, self.row = record, int(record[ROW] or 0)
        if self.heading() or self.total():
            return None
        before = len(self.context.problems)
        texts = self.texts()
        number = self.number()
        issue = self.row_issue()
        mode = self.mode()
        villages = self.villages()
        budgets = self.budgets()
        category = self.category(texts["title"], issue)
        funding = self.funding()
        if len(self.context.problems) > before or issue is None or mode is None:
            return None
        return ImportRow(
            row=self.row,
            number=number,
            issue=issue,
            category_id=category,
            mode=mode,
            funding_source=funding or FundingSource.LAO,
            villages=villages,
            budgets=budgets,
            **texts,
        )

    def texts(self) -> dict[str, str]:
        values: dict[str, str] = {}
        for key in TEXT_FIELDS:
            value = self.cell(key) or ""
            limit = MAX_LENGTH.get(key)
            if limit and len(value) > limit:
                self.add(
                    key,
                    f"ข้อความยาว {len(value)} ตัวอักษร เกิน {limit} ตัวอักษร",
                    f"the text has {len(value)} characters, more than {limit}",
                )
            values[key] = value
        if not values["title"]:
            self.add("title", "ต้องระบุชื่อโครงการ/กิจกรรม", "the project or activity needs a title")
        return values

    def number(self) -> int | None:
        raw = self.cell("number")
        if raw is None:
            return None
        try:
            value = parse_int(raw.rstrip("."))
        except ThaiValueError:
            self.add(
                "number", f"ที่ '{raw}' ไม่ใช่ตัวเลข ให้เขียนเช่น 1 หรือ ๑", f"no. '{raw}' is not a number"
            )
            return None
        if value < 1:
            self.add("number", "ที่ต้องเป็นเลข 1 ขึ้นไป", "the no. must be 1 or more")
            return None
        return value

    def row_issue(self) -> ProvinceIssue | None:
        raw = self.cell("issue")
        if raw is None:
            if self.issue is None:
                self.add(
                    "issue",
                    f"ต้องระบุประเด็นของจังหวัด: {self.context.issue_list_th}",
                    "the province issue is required: write its number or title",
                )
            return self.issue
        return self.find_issue(raw, "issue")

    def find_issue(self, raw: str, key: str) -> ProvinceIssue | None:
        """The issue a cell names: its number ("1", "๑", "ประเด็นที่ 1 …") or its title."""
        text = _ISSUE_PREFIX.sub("", to_arabic_digits(raw).strip())
        by_number = {i.number: i for i in self.context.issues}
        leading = _LEADING_NUMBER.match(text)
        if leading:
            number = int(leading.group(1))
            if number in by_number:
                return by_number[number]
            self.add(
                key,
                f"ไม่มีประเด็นที่ {number} ในประเด็นของจังหวัดปี {self.context.years[0]} "
                f"ให้เลือก: {self.context.issue_list_th}",
                f"the province has no issue {number} for {self.context.years[0]}; use one of "
                f"its issues 1–{len(by_number)}",
            )
            return None
        wanted = _norm(text)
        exact = [i for i in self.context.issues if _norm(i.title) == wanted]
        partial = [i for i in self.context.issues if len(wanted) >= 4 and wanted in _norm(i.title)]
        found = exact or partial
        if len(found) == 1:
            return found[0]
        self.add(
            key,
            f"ไม่รู้จักประเด็น '{raw}' ให้เขียนเลขหรือชื่อประเด็นของจังหวัดปี {self.context.years[0]}: "
            f"{self.context.issue_list_th}",
            f"unknown issue '{raw}'; write the number or title of one of the province's issues "
            f"of {self.context.years[0]}",
        )
        return None

    def mode(self) -> str | None:
        raw = self.cell("mode")
        if raw is None:
            return Mode.REQUEST
        words = _norm(raw)
        found = MODE_CHOICES.get(words)
        if found is None:
            parts = {
                MODE_CHOICES[_norm(p)] for p in re.split(r"[()/]", raw) if _norm(p) in MODE_CHOICES
            }
            found = parts.pop() if len(parts) == 1 else None
        if found == Mode.SELF:
            self.add(
                "mode",
                f"'{raw}' เป็นงานที่หมู่บ้าน{_SELF_TH} ซึ่งอยู่ในแผนหมู่บ้าน ไม่นำเข้าแผนตำบล "
                "ให้ลบแถวนี้ออก หรือแก้เป็น ทำร่วม / ขอรับการสนับสนุน",
                f"'{raw}' is self-done work: it stays in the village plans, not the tambon plan; "
                "remove the row or make it joint / request",
            )
            return None
        if found is None:
            self.add(
                "mode",
                f"ไม่รู้จักวิธีดำเนินการ '{raw}' ให้ใช้ {MODE_HELP_TH}",
                f"unknown mode '{raw}'; use joint (ทำร่วม) or request (ขอรับการสนับสนุน)",
            )
        return found

    def funding(self) -> str | None:
        raw = self.cell("funding_source")
        if raw is None:
            return None
        found = FUNDING_CHOICES.get(_norm(raw))
        if found is None:
            self.add(
                "funding_source",
                f"ไม่รู้จักแหล่งงบประมาณ '{raw}' ให้ใช้ อปท. / อำเภอ / จังหวัด / หน่วยงานอื่น / ไม่ใช้งบประมาณ",
                f"unknown funding source '{raw}'; use lao, district, province, agency or none",
            )
        return found

    def villages(self) -> list[Area]:
        raw = self.cell("villages")
        if raw is None:
            return []
        text = to_arabic_digits(raw)
        if _norm(text) in _ALL_VILLAGES:
            return [self.context.villages[m] for m in sorted(self.context.villages)]
        numbers: list[int] = []
        unknown: list[str] = []
        names = {_norm(v.name_th).removeprefix("บ้าน"): m for m, v in self.context.villages.items()}
        for part in re.split(r"[,;/\n]|และ", text):
            part = _MOO_WORDS.sub(" ", part).strip()
            if not part:
                continue
            if not re.search(r"\d", part):
                moo = names.get(_norm(part).removeprefix("บ้าน"))
                if moo is None:
                    unknown.append(part)
                else:
                    numbers.append(moo)
                continue
            for low, high in _RANGE.findall(part):
                first, last = int(low), int(high)
                if first > last or last - first > 99:
                    unknown.append(f"{low}-{high}")
                    continue
                numbers.extend(range(first, last + 1))
            numbers.extend(int(n) for n in _NUMBER.findall(_RANGE.sub(" ", part)))
        if unknown:
            self.add(
                "villages",
                f"อ่านหมู่บ้าน {', '.join(repr(u) for u in unknown)} ไม่ได้ "
                f"ให้เขียนเลขหมู่ เช่น 1, 3, 5 หรือ หมู่ที่ 1-3 (หมู่บ้านของตำบลนี้: {self.context.moo_list})",
                f"cannot read the villages {', '.join(repr(u) for u in unknown)}; write village "
                f"numbers like 1, 3, 5 or หมู่ที่ 1-3 (this tambon's: {self.context.moo_list})",
            )
            return []
        outside = sorted({n for n in numbers if n not in self.context.villages})
        if outside:
            self.add(
                "villages",
                f"หมู่ที่ {', '.join(map(str, outside))} ไม่ใช่หมู่บ้านของตำบล{self.context.tambon.name_th} "
                f"(หมู่บ้านของตำบลนี้: {self.context.moo_list})",
                f"village {', '.join(map(str, outside))} is not a village of this tambon "
                f"(its villages: {self.context.moo_list})",
            )
            return []
        return [self.context.villages[n] for n in sorted(set(numbers))]

    def budgets(self) -> dict[int, Decimal]:
        budgets: dict[int, Decimal] = {}
        for key, year in self.years.items():
            amount = self.amount(key)
            if amount is not None:
                budgets[year] = amount
        if self.years or not self.table.has("budget"):
            return budgets
        amount = self.amount("budget")
        # Without a ปี column the plan has one year (else the file was refused).
        single = self.year() if self.table.has("year") else self.context.years[0]
        if amount is not None and single is not None:
            budgets[single] = amount
        return budgets

    def amount(self, key: str) -> Decimal | None:
        try:
            return parse_budget(self.cell(key))
        except ThaiValueError as exc:
            self.add(key, exc.th, exc.en)
            return None

    def year(self) -> int | None:
        raw = self.cell("year")
        first, last = self.context.years[0], self.context.years[-1]
        if raw is None:
            if self.cell("budget") is not None:
                self.add(
                    "year",
                    f"มีงบประมาณแต่ไม่ระบุปี ให้ระบุปีงบประมาณ {first}–{last}",
                    f"a budget without its fiscal year; write a year {first}–{last}",
                )
            return None
        found = re.search(r"\d{4}", to_arabic_digits(raw))
        year = int(found.group()) if found else None
        if year is None or not 2400 <= year <= 2700:
            hint_th = " (เป็นปี ค.ศ. ให้ใช้ปี พ.ศ.)" if year and 1900 <= year <= 2200 else ""
            hint_en = " (a C.E. year: use the Buddhist-Era year)" if hint_th else ""
            self.add(
                "year",
                f"อ่านปีงบประมาณ '{raw}' ไม่ได้{hint_th} ให้เขียนเช่น {first}",
                f"cannot read the fiscal year '{raw}'{hint_en}; write it like {first}",
            )
            return None
        if year not in self.context.years:
            self.add(
                "year",
                f"ปี {year} อยู่นอกช่วงปีของแผน {first}–{last}",
                f"{year} is outside the plan's years {first}–{last}",
            )
            return None
        return year

    def category(self, title: str, issue: ProvinceIssue | None) -> int:
        raw = self.cell("category")
        if raw is not None:
            found = self.find_category(raw.removeprefix("ด้าน"))
            if found is not None:
                return found
            self.add(
                "category",
                f"ไม่รู้จักด้าน '{raw}' ให้เลือก: "
                + " / ".join(c.name_th for c in self.context.categories),
                f"unknown development category '{raw}'",
            )
            return 0
        if self.category_id is not None:
            return self.category_id
        return guess_category(title, issue, self.context.categories, self.context.usual)

    def find_category(self, text: str) -> int | None:
        wanted = _norm(text)
        for c in self.context.categories:
            if wanted in {_norm(c.name_th), _norm(c.code), _norm(c.name_en or c.code)}:
                return c.pk
        return None


def guess_category(
    title: str,
    issue: ProvinceIssue | None,
    categories: Sequence[DevelopmentCategory],
    usual: dict[int, int],
) -> int:
    """The development category of an item whose file does not say: the one a part of whose
    name ("สังคม", "คุณภาพชีวิต" of "สังคมและคุณภาพชีวิต") the title holds; else the category
    tambon items filed under the issue mostly have (`usual`); else the one whose name parts
    the issue's title holds; else the first category."""

    def best(text: str) -> int | None:
        found, top = None, 0
        for category in categories:
            parts = [_norm(p) for p in re.split(r"\s+|และ", category.name_th) if len(p) > 2]
            score = sum(len(part) for part in parts if part and part in text)
            if score > top:
                found, top = category.pk, score
        return found

    by_title = best(_norm(title))
    if by_title is not None:
        return by_title
    if issue is not None and issue.pk in usual:
        return usual[issue.pk]
    by_issue = best(_norm(issue.title)) if issue is not None else None
    if by_issue is not None:
        return by_issue
    return categories[0].pk if categories else 0


def _year_columns(table: _Table, context: _Context) -> dict[str, int]:
    """Budget column key → fiscal year, for the year columns in the plan window; a column of
    another year is a problem where it holds a figure, two columns of one year are refused."""
    slots: dict[str, int] = {}
    seen: dict[int, str] = {}
    first, last = context.years[0], context.years[-1]
    for key, header in table.headers.items():
        year = header_year(header) if key.startswith("y") and key[1:].isdigit() else None
        if year is None:
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
        for row, value in table.frame.select(ROW, key).iter_rows():
            try:
                filled = parse_budget(value) is not None
            except ThaiValueError:
                filled = True
            if filled:
                context.add(
                    row,
                    header,
                    f"ปี {year} อยู่นอกช่วงปีของแผน {first}–{last} "
                    "ย้ายงบประมาณไปปีในช่วงแผน หรือลบค่าในคอลัมน์นี้",
                    f"{year} is outside the plan's years {first}–{last}; move the budget into "
                    "the window or clear this column",
                )
    if seen and table.has("budget"):
        context.add(
            None,
            table.header("budget"),
            "ไฟล์มีทั้งคอลัมน์งบประมาณรายปีและคอลัมน์งบประมาณรวม ให้ใช้อย่างใดอย่างหนึ่ง (ลบคอลัมน์งบประมาณรวมออก)",
            "the file has both budget columns per year and a single budget column; keep one "
            "kind (remove the single budget column)",
        )
    if not seen and table.has("budget") and not table.has("year") and first != last:
        context.add(
            None,
            table.header("budget"),
            f"คอลัมน์ '{table.header('budget')}' ไม่ระบุปี: ให้เพิ่มคอลัมน์ 'ปี' (ปีงบประมาณ {first}–{last}) "
            f"หรือแยกเป็นคอลัมน์ละปี เช่น 'งบประมาณ {first}'",
            f"the column '{table.header('budget')}' names no year: add a 'ปี' column (a year "
            f"{first}–{last}) or use one column per year such as 'งบประมาณ {first}'",
        )
    if not seen and not table.has("budget"):
        context.add(
            None,
            None,
            f"ไม่พบคอลัมน์งบประมาณ: ให้มีคอลัมน์ละปี เช่น '{first}' หรือ 'งบประมาณ {first}' "
            "หรือคอลัมน์ 'งบประมาณ' คู่กับคอลัมน์ 'ปี'",
            f"no budget column: add one column per year ('{first}', 'งบประมาณ {first}') or a "
            "'งบประมาณ' column with a 'ปี' column",
        )
    return slots


def read_plan(path: Path, filename: str, *, tambon: Area, years: Sequence[int]) -> Reading:
    """Every row of the file checked against the tambon, its villages, the plan's years and
    the province's issues of the plan's first year; ImportRejected lists every problem."""
    table = read_table(path, filename)
    context = context_for(tambon, years)
    context.problems.extend(table.problems)
    if not context.issues:
        context.add(
            None,
            table.header("issue"),
            f"จังหวัดยังไม่ได้กำหนดประเด็นการพัฒนาของปี {years[0]} จึงยังนำเข้าแผนตำบลไม่ได้ "
            "ติดต่อสำนักงานพัฒนาชุมชนจังหวัด",
            f"the province has not set its issues for {years[0]} yet, so the tambon plan "
            "cannot be filed under them; ask the provincial office",
        )
        raise ImportRejected(context.problems)
    reader = _RowReader(table=table, context=context, years=_year_columns(table, context))
    rows: list[ImportRow] = []
    skipped = 0
    for record in table.frame.iter_rows(named=True):
        row = reader.read(record)
        if row is not None:
            rows.append(row)
        elif not any(p.row == reader.row for p in context.problems):
            skipped += 1
    if context.problems:  # the file's own first, then by row (each row's in column order)
        raise ImportRejected(sorted(context.problems, key=lambda p: (p.row is not None, p.row)))
    if not rows:
        raise ImportRejected(
            [Problem(None, None, "ไฟล์ไม่มีรายการโครงการ", "the file has no project rows")]
        )
    return Reading(rows=_ordered(rows), skipped=skipped, encoding=table.encoding)


def _ordered(rows: list[ImportRow]) -> list[ImportRow]:
    """By issue, then by ที่ within it (blanks last, ties in file order)."""
    return sorted(
        rows,
        key=lambda r: (r.issue.number, r.number if r.number is not None else 10**9, r.row),
    )
