"""The tambon community plan handed to each local government (อปท.) covering the tambon.

An อปท. gets the tambon items (not dropped) that concern a village it covers: an อบจ. covers
many tambons, a เทศบาล or อบต. may cover only some villages of one, and an item counts when any
of its villages is covered (an item the tambon added with no village concerns the whole
tambon, so every อปท. covering the tambon gets it). The rows follow the columns of the local
plan form ผ.02 (ที่ · โครงการ · วัตถุประสงค์ · เป้าหมาย · งบประมาณ per fiscal year · ตัวชี้วัด ·
ผลที่คาดว่าจะได้รับ · หน่วยงานรับผิดชอบหลัก), then the province issue and the villages the item
came from, so the planner can copy them into the local plan and still see the lineage.

`handed` is the pure rule; `handoffs` loads every tambon plan an อปท. is handed in a fixed
number of queries; `handoff_workbook` and `handoff_pdf` make the documents. Callers decide
which villages the user may see (accounts.access) and pass only those.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from math import ceil
from typing import Any
from uuid import UUID

from django.db.models import Prefetch

from planlink.areas.models import Area, AreaLevel, LocalGovernment
from planlink.core.thai import format_baht
from planlink.frameworks.models import ProvinceIssue
from planlink.integration.models import Adoption, AdoptionStatus
from planlink.plans.models import (
    ItemLink,
    ItemStatus,
    LinkKind,
    Plan,
    PlanItem,
    PlanItemBudget,
    PlanLevel,
    PlanVersion,
    VersionStatus,
)
from planlink.reports.pdf import render_pdf
from planlink.reports.xlsx import MONEY, display_width, print_setup

# The statuses a tambon plan is handed off in, best first: the version the civic forum
# approved, else the draft the ศอช.ต. is working on (shown as a draft).
_SETTLED = (VersionStatus.PUBLISHED, VersionStatus.APPROVED)
STATUS_TH = {
    VersionStatus.DRAFT: "ร่าง (ศอช.ต. กำลังจัดทำ)",
    VersionStatus.APPROVED: "ประชาคมตำบลเห็นชอบแล้ว",
    VersionStatus.PUBLISHED: "ประกาศใช้แล้ว",
}
ADOPTION_TH = {
    AdoptionStatus.ADOPTED: "บรรจุในแผนพัฒนาท้องถิ่น",
    AdoptionStatus.FORWARDED: "ประสานส่งต่อหน่วยงานอื่น",
    AdoptionStatus.NOT_ADOPTED: "ไม่บรรจุ",
}
WAITING_TH = "รอพิจารณา"


# --- The rule ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ItemFacts:
    """What the hand-off rule reads of a tambon item."""

    key: int
    priority: int
    issue_number: int | None  # None: not filed under a province issue yet
    villages: frozenset[str]
    dropped: bool = False


def handed(items: Iterable[ItemFacts], covered: Iterable[str]) -> list[int]:
    """Keys of the items an อปท. covering `covered` (village codes) is handed, in the order
    the documents number them: by province issue (unfiled last), then the tambon's priority."""
    villages = frozenset(covered)
    chosen = [
        i
        for i in items
        if not i.dropped and (not i.villages or not i.villages.isdisjoint(villages))
    ]
    chosen.sort(key=lambda i: (i.issue_number is None, i.issue_number or 0, i.priority, i.key))
    return [i.key for i in chosen]


# --- Rows -------------------------------------------------------------------------------------


@dataclass
class HandoffRow:
    number: int
    item: PlanItem
    budgets: list[Decimal | None]  # one per fiscal year of the plan window
    issue: ProvinceIssue | None
    villages: list[Area]  # the villages the item came from, by หมู่
    covered: list[Area]  # those of them the อปท. covers
    adoption: Adoption | None = None
    years: list[int] = field(default_factory=list)  # the plan window, as `budgets`

    @property
    def year_budgets(self) -> list[tuple[int, Decimal | None]]:
        return list(zip(self.years, self.budgets, strict=False))

    @property
    def total(self) -> Decimal:
        return sum((b for b in self.budgets if b is not None), Decimal(0))

    @property
    def status(self) -> str:
        return self.adoption.status if self.adoption else ""

    @property
    def moo_text(self) -> str:
        moos = [str(v.moo) for v in self.villages if v.moo]
        return f"หมู่ที่ {', '.join(moos)}" if moos else "ทั้งตำบล"

    @property
    def partly_covered(self) -> bool:
        return bool(self.villages) and len(self.covered) < len(self.villages)

    @property
    def covered_text(self) -> str:
        """ "ในเขต อปท.: หมู่ที่ 2" when the อปท. covers only some of the item's villages."""
        if not self.partly_covered:
            return ""
        return "ในเขต อปท.: หมู่ที่ " + ", ".join(str(v.moo) for v in self.covered if v.moo)

    @property
    def villages_text(self) -> str:
        names = "; ".join(v.display_name for v in self.villages) or "ทั้งตำบล"
        return f"{names} ({self.covered_text})" if self.covered_text else names

    @property
    def recorded_by_name(self) -> str:
        user = self.adoption.recorded_by if self.adoption else None
        return (user.get_full_name() or user.get_username()) if user is not None else ""

    @property
    def adoption_text(self) -> str:
        a = self.adoption
        if a is None:
            return WAITING_TH
        text = ADOPTION_TH[AdoptionStatus(a.status)]
        if a.status == AdoptionStatus.ADOPTED:
            return f"{text} ปี {a.plan_years} แบบ {a.form} ลำดับที่ {a.project_number}"
        if a.status == AdoptionStatus.FORWARDED:
            return f"{text}: {a.forwarded_to}"
        return f"{text}: {a.reason}"


@dataclass(frozen=True)
class Linkage:
    issue: ProvinceIssue | None
    strategy: str  # the provincial strategy the issue serves ("" when the province gave none)


@dataclass
class Handoff:
    tambon: Area
    local_government: LocalGovernment
    plan: Plan
    version: PlanVersion
    rows: list[HandoffRow] = field(default_factory=list)
    villages_covered: list[Area] = field(default_factory=list)  # of the tambon, by หมู่
    villages_total: int = 0  # the tambon's villages

    @property
    def years(self) -> list[int]:
        return self.plan.years

    @property
    def partial(self) -> bool:
        return len(self.villages_covered) < self.villages_total

    @property
    def totals(self) -> list[Decimal]:
        return [
            sum((r.budgets[i] or Decimal(0) for r in self.rows), Decimal(0))
            for i in range(len(self.years))
        ]

    @property
    def grand_total(self) -> Decimal:
        return sum(self.totals, Decimal(0))

    @property
    def linkages(self) -> list[Linkage]:
        seen: dict[int | None, Linkage] = {}
        for row in self.rows:
            key = row.issue.pk if row.issue else None
            if key not in seen:
                seen[key] = Linkage(row.issue, row.issue.strategy if row.issue else "")
        return list(seen.values())

    @property
    def counts(self) -> dict[str, int]:
        found = {s.value: 0 for s in AdoptionStatus} | {"waiting": 0}
        for row in self.rows:
            found[row.status or "waiting"] += 1
        return found

    @property
    def is_draft(self) -> bool:
        return self.version.status == VersionStatus.DRAFT

    @property
    def status_th(self) -> str:
        return STATUS_TH.get(VersionStatus(self.version.status), self.version.status)

    @property
    def document_id(self) -> str:
        return (
            f"{self.plan.area_id}/{self.plan.first_year}-{self.version.number}"
            f"/{self.local_government.code}"
        )


def handed_version(plan: Plan, versions: Sequence[PlanVersion] | None = None) -> PlanVersion:
    """The approved (or published) version if there is one, else the current draft or latest."""
    found = sorted(
        versions if versions is not None else plan.versions.all(), key=lambda v: -v.number
    )
    return (
        next((v for v in found if v.status in _SETTLED), None)
        or next((v for v in found if v.status == VersionStatus.DRAFT), None)
        or found[0]
    )


def latest_tambon_plans(tambons: Iterable[str]) -> dict[str, Plan]:
    plans: dict[str, Plan] = {}
    for plan in (
        Plan.objects.filter(level=PlanLevel.TAMBON, area_id__in=list(tambons))
        .select_related("area")
        .prefetch_related("versions")
        .order_by("area_id", "-first_year")
    ):
        plans.setdefault(plan.area_id, plan)
    return plans


def _sources(lineages: list[UUID]) -> dict[UUID, set[str]]:
    """Tambon item lineage → the codes of the villages whose items went into it."""
    found: dict[UUID, set[str]] = defaultdict(set)
    for target, village in ItemLink.objects.filter(
        target_id__in=lineages, kind=LinkKind.CONSOLIDATED_INTO
    ).values_list("target_id", "source__plan__area_id"):
        found[target].add(village)
    return found


def handoffs(
    *,
    local_governments: Sequence[LocalGovernment],
    covered: dict[str, frozenset[str]],
    plans: dict[str, Plan],
) -> list[Handoff]:
    """One hand-off per (local government, tambon plan) where the local government covers a
    village of the plan's tambon; `covered`: local government code → the covered villages to
    consider (those the user may see). Fixed number of queries, whatever the count."""
    if not plans:
        return []
    versions = {
        code: handed_version(plan, list(plan.versions.all())) for code, plan in plans.items()
    }
    items = list(
        PlanItem.objects.filter(version__in=list(versions.values()))
        .select_related("lineage__tambon__issue", "category")
        .prefetch_related(
            "villages", Prefetch("budgets", queryset=PlanItemBudget.objects.order_by("fiscal_year"))
        )
    )
    sources = _sources([i.lineage_id for i in items])
    codes = {v for villages in covered.values() for v in villages}
    codes |= {v for found in sources.values() for v in found}
    codes |= {v.code for i in items for v in i.villages.all()}
    areas = {a.code: a for a in Area.objects.filter(code__in=codes)}
    village_counts: dict[str, int] = defaultdict(int)
    for code in Area.objects.filter(level=AreaLevel.VILLAGE, parent_id__in=list(plans)).values_list(
        "code", flat=True
    ):
        village_counts[code[:6]] += 1
    adoptions = {
        (a.lineage_id, a.local_government_id): a
        for a in Adoption.objects.filter(
            lineage_id__in=[i.lineage_id for i in items],
            local_government__in=[lg.code for lg in local_governments],
        ).select_related("recorded_by")
    }
    by_version: dict[int, list[PlanItem]] = defaultdict(list)
    for item in items:
        by_version[item.version_id].append(item)

    result: list[Handoff] = []
    for lg in local_governments:
        for tambon_code, plan in sorted(plans.items()):
            mine = sorted(v for v in covered.get(lg.code, frozenset()) if v[:6] == tambon_code)
            if not mine:
                continue
            version = versions[tambon_code]
            found = by_version[version.pk]
            villages_of = {
                i.pk: frozenset(
                    {v.code for v in i.villages.all()} | sources.get(i.lineage_id, set())
                )
                for i in found
            }
            facts = [
                ItemFacts(
                    key=i.pk,
                    priority=i.priority,
                    issue_number=_issue_number(i),
                    villages=villages_of[i.pk],
                    dropped=i.status == ItemStatus.DROPPED,
                )
                for i in found
            ]
            by_pk = {i.pk: i for i in found}
            handoff = Handoff(
                tambon=plan.area,
                local_government=lg,
                plan=plan,
                version=version,
                villages_covered=[areas[v] for v in mine if v in areas],
                villages_total=village_counts[tambon_code],
            )
            for number, key in enumerate(handed(facts, mine), start=1):
                item = by_pk[key]
                budgets = {b.fiscal_year: b.amount for b in item.budgets.all()}
                villages = sorted(
                    (areas[v] for v in villages_of[key] if v in areas), key=lambda a: a.code
                )
                handoff.rows.append(
                    HandoffRow(
                        number=number,
                        item=item,
                        budgets=[budgets.get(y) for y in plan.years],
                        issue=_issue(item),
                        villages=villages,
                        covered=[v for v in villages if v.code in mine],
                        adoption=adoptions.get((item.lineage_id, lg.code)),
                        years=plan.years,
                    )
                )
            result.append(handoff)
    return result


def _issue(item: PlanItem) -> ProvinceIssue | None:
    info = getattr(item.lineage, "tambon", None)
    return info.issue if info is not None else None


def _issue_number(item: PlanItem) -> int | None:
    issue = _issue(item)
    return issue.number if issue is not None else None


def is_handed(item: PlanItem, local_government: LocalGovernment) -> bool:
    """Whether `item` (of a tambon plan) is handed to `local_government` (the rule above)."""
    covered = frozenset(
        local_government.coverage_set.filter(
            village__code__startswith=item.version.plan.area_id
        ).values_list("village_id", flat=True)
    )
    if not covered:
        return False
    villages = set(item.villages.values_list("code", flat=True))
    villages |= _sources([item.lineage_id]).get(item.lineage_id, set())
    facts = ItemFacts(
        key=item.pk,
        priority=item.priority,
        issue_number=None,
        villages=frozenset(villages),
        dropped=item.status == ItemStatus.DROPPED,
    )
    return bool(handed([facts], covered))


# --- Documents --------------------------------------------------------------------------------

HEADER_BEFORE = ["ที่", "โครงการ", "วัตถุประสงค์", "เป้าหมาย (ผลผลิตของโครงการ)"]
HEADER_AFTER = [
    "ตัวชี้วัด (KPI)",
    "ผลที่คาดว่าจะได้รับ",
    "หน่วยงานรับผิดชอบหลัก",
    "ประเด็นการพัฒนาจังหวัด",
    "หมู่บ้านที่เสนอ",
]
HEADER_ADOPTION = ["ผลการพิจารณาของ อปท.", "ปีของแผนพัฒนาท้องถิ่น", "แบบ", "ลำดับโครงการ"]


def budget_header(year: int) -> str:
    return f"งบประมาณ {year} (บาท)"


def header(years: Sequence[int]) -> list[str]:
    return [*HEADER_BEFORE, *(budget_header(y) for y in years), *HEADER_AFTER, *HEADER_ADOPTION]


def issue_text(issue: ProvinceIssue | None) -> str:
    return f"ประเด็นที่ {issue.number} {issue.title}" if issue else "ยังไม่จัดเข้าประเด็น"


def linkage_lines(handoff: Handoff) -> list[str]:
    """The lines above the ผ.02 table: the provincial strategy of each issue in it, and the
    national and local strategy and programme, which the อปท. fills in."""
    lines = [
        f"ยุทธศาสตร์จังหวัด: {link.strategy or 'จังหวัดยังไม่ระบุ'} ({issue_text(link.issue)})"
        for link in handoff.linkages
        if link.issue is not None
    ]
    lines.append("ยุทธศาสตร์ชาติ / ยุทธศาสตร์การพัฒนาของ อปท. / แผนงาน: อปท. ระบุเมื่อบรรจุในแผนพัฒนาท้องถิ่น")
    return lines


def title_of(handoff: Handoff) -> str:
    return f"โครงการจากแผนชุมชน{handoff.tambon.display_name} ส่ง {handoff.local_government.name_th}"


def _context_lines(handoff: Handoff) -> list[str]:
    plan = handoff.plan
    lines = [
        f"แผนชุมชนระดับตำบล ปี {plan.first_year}–{plan.last_year} · "
        f"{'ฉบับแรก' if handoff.version.number == 0 else handoff.version.label} · "
        f"สถานะ: {handoff.status_th}"
    ]
    if handoff.partial:
        moos = ", ".join(str(v.moo) for v in handoff.villages_covered if v.moo)
        lines.append(
            f"{handoff.local_government.name_th} ครอบคลุมหมู่ที่ {moos} ของตำบลนี้ "
            "จึงแสดงเฉพาะโครงการที่เกี่ยวกับหมู่บ้านเหล่านั้น"
        )
    return lines


def _cell_text(value: str) -> str:
    return value.strip() or "-"


def row_values(row: HandoffRow) -> list[object]:
    item = row.item
    a = row.adoption
    adopted = a is not None and a.status == AdoptionStatus.ADOPTED
    return [
        row.number,
        item.title,
        _cell_text(item.objective),
        _cell_text(item.target),
        *row.budgets,
        _cell_text(item.kpi),
        _cell_text(item.expected_result),
        _cell_text(item.responsible_agency),
        issue_text(row.issue),
        row.villages_text,
        row.adoption_text,
        a.plan_years if adopted and a else "",
        a.form if adopted and a else "",
        a.project_number if adopted and a else "",
    ]


_WIDTHS = {"ที่": 5, "โครงการ": 38, "วัตถุประสงค์": 30, "เป้าหมาย (ผลผลิตของโครงการ)": 30}
_WIDTHS |= {"ตัวชี้วัด (KPI)": 26, "ผลที่คาดว่าจะได้รับ": 28, "หน่วยงานรับผิดชอบหลัก": 20}
_WIDTHS |= {"ประเด็นการพัฒนาจังหวัด": 26, "หมู่บ้านที่เสนอ": 26, "ผลการพิจารณาของ อปท.": 30}
_WIDTHS |= {"ปีของแผนพัฒนาท้องถิ่น": 12, "แบบ": 9, "ลำดับโครงการ": 10}


def handoff_workbook(handoff: Handoff, *, pack_url: str = "") -> bytes:
    """The hand-off as an XLSX: notes (title, plan, linkage lines, the data pack), the ผ.02
    header, one row per item (budgets as numbers), a totals row; A4 landscape."""
    import io

    import xlsxwriter

    years = handoff.years
    columns = header(years)
    budget_columns = range(len(HEADER_BEFORE), len(HEADER_BEFORE) + len(years))
    notes = [title_of(handoff), *_context_lines(handoff), *linkage_lines(handoff)]
    if pack_url:
        notes.append(f"ข้อมูลประกอบ (ชุดข้อมูลตำบล): {pack_url}")
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_numbers": False})
    book.set_properties({"title": title_of(handoff), "comments": "planlink"})
    fmt = {
        "title": book.add_format({"bold": True, "font_size": 13}),
        "note": book.add_format({"italic": True, "font_color": "#3d444d"}),
        "head": book.add_format(
            {"bold": True, "text_wrap": True, "valign": "vcenter", "align": "center", "border": 1}
        ),
        "text": book.add_format({"text_wrap": True, "valign": "top", "border": 1}),
        "money": book.add_format({"num_format": MONEY, "valign": "top", "border": 1}),
        "int": book.add_format({"valign": "top", "align": "center", "border": 1}),
        "total": book.add_format({"bold": True, "valign": "top", "top": 2, "bottom": 1}),
        "total_money": book.add_format(
            {"bold": True, "num_format": MONEY, "valign": "top", "top": 2, "bottom": 1}
        ),
    }
    sheet = book.add_worksheet("ผ.02 จากแผนตำบล")
    for index, note in enumerate(notes):
        sheet.write_string(index, 0, note, fmt["title"] if index == 0 else fmt["note"])
    head_row = len(notes) + 1
    widths = [float(_WIDTHS.get(label, 15)) for label in columns]
    for column, label in enumerate(columns):
        sheet.write_string(head_row, column, label, fmt["head"])
        sheet.set_column(column, column, widths[column])
    sheet.set_row(head_row, 36)
    for offset, row in enumerate(handoff.rows, start=1):
        lines = 1
        for column, value in enumerate(row_values(row)):
            if column in budget_columns:
                if value is not None:
                    sheet.write_number(head_row + offset, column, float(value), fmt["money"])  # type: ignore[arg-type]
                else:
                    sheet.write_blank(head_row + offset, column, None, fmt["money"])
            elif isinstance(value, int):
                sheet.write_number(head_row + offset, column, value, fmt["int"])
            else:
                text = str(value)
                sheet.write_string(head_row + offset, column, text, fmt["text"])
                lines = max(lines, _lines(text, widths[column]))
        # Spreadsheets do not size the rows of a written file: a printed page would overlap.
        sheet.set_row(head_row + offset, min(409, 4 + 17 * lines))
    total_row = head_row + len(handoff.rows) + 1
    sheet.write_string(total_row, 1, f"รวม {len(handoff.rows)} โครงการ", fmt["total"])
    for column, amount in zip(budget_columns, handoff.totals, strict=True):
        sheet.write_number(total_row, column, float(amount), fmt["total_money"])
    sheet.freeze_panes(head_row + 1, 2)
    if handoff.rows:
        sheet.autofilter(head_row, 0, head_row + len(handoff.rows), len(columns) - 1)
    print_setup(sheet, widths=widths, title_rows=head_row + 1, title=title_of(handoff))
    sheet.set_landscape()  # the ผ.02 layout, whatever the widths
    book.close()
    return buffer.getvalue()


def _lines(text: str, width: float) -> int:
    # A Thai letter is narrower than the width unit (a digit): about 1.15 of them per unit.
    per_line = max(1.0, (width - 1) * 1.15)
    return sum(max(1, ceil(display_width(part) / per_line)) for part in text.split("\n"))


# The PDF: share of A4 landscape's printable width per text column; budgets get what their
# widest figure needs (Sarabun bold digits ≈ 0.53 em) and the text columns share the rest.
_TEXT_WEIGHTS = {
    "title": 3.0,
    "objective": 2.0,
    "target": 2.6,  # a programme lists every village's work here
    "kpi": 1.7,
    "expected": 1.8,
    "agency": 1.3,
    "issue": 1.3,
    "villages": 1.1,
}
_NUMBER_WIDTH = 3.2
_PAGE_WIDTH_PT = 757  # 29.7 cm less 2 × 1.5 cm
_FONT_PT = 9.0


def money(amount: Decimal | None) -> str:
    """Satang only on a figure that has them (as the village plan's document prints)."""
    if amount is None:
        return "-"
    return format_baht(amount, decimals=0 if amount == amount.to_integral_value() else 2)


def print_context(handoff: Handoff, *, pack_url: str = "") -> dict[str, Any]:
    years = handoff.years
    figures = [money(b) for r in handoff.rows for b in r.budgets] + [
        money(t) for t in handoff.totals
    ]
    widest = max((len(f) for f in figures), default=4)
    budget = min(10.0, max(5.0, (widest * 0.53 * _FONT_PT + 8) / _PAGE_WIDTH_PT * 100))
    rest = 100 - _NUMBER_WIDTH - budget * len(years)
    weight = sum(_TEXT_WEIGHTS.values())
    widths = {k: f"{rest * w / weight:.2f}%" for k, w in _TEXT_WEIGHTS.items()}
    widths |= {"number": f"{_NUMBER_WIDTH:.2f}%", "budget": f"{budget:.2f}%"}
    return {
        "handoff": handoff,
        "title": title_of(handoff),
        "lines": _context_lines(handoff),
        "linkages": [
            (issue_text(link.issue), link.strategy) for link in handoff.linkages if link.issue
        ],
        "rows": [(r, [money(b) for b in r.budgets]) for r in handoff.rows],
        "totals": [money(t) for t in handoff.totals],
        "grand_total": money(handoff.grand_total),
        "years": years,
        "widths": widths,
        "columns": 9 + len(years),
        "area_line": " ".join(
            a.display_name
            for a in Area.objects.filter(
                code__in=[handoff.tambon.code, *handoff.tambon.ancestor_codes()]
            ).order_by("-level")
        ),
        "pack_url": pack_url,
        # The plan's own title only where it says more than the lines above it.
        "own_title": "" if handoff.plan.title.startswith("แผนชุมชนระดับตำบล") else handoff.plan.title,
        "document_id": handoff.document_id,
        "synthetic_data": handoff.plan.is_demo or handoff.local_government.is_demo,
    }


def handoff_pdf(handoff: Handoff, *, pack_url: str = "", thai_digits: bool = False) -> bytes:
    """The hand-off in the ผ.02 layout, A4 landscape (Sarabun, Thai words kept whole)."""
    return render_pdf(
        "integration/handoff_print.html",
        print_context(handoff, pack_url=pack_url),
        thai_digits=thai_digits,
    )
