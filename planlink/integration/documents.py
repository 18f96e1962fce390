"""The tambon community plan (แผนชุมชนระดับตำบล) as an official document: PDF, XLSX and DOCX.

`tambon_document` reads everything the document shows once, in a fixed number of queries
(plus one per village for the forum's households tie rule); the three writers only lay it
out. The document has, in order:

1. the cover: the plan, the tambon, district and province, the fiscal years (B.E.), the
   ศอช.ต. that made it, the version and its status, the date printed (B.E.);
2. the villages covered: each village plan's status, its items sent up to the tambon and
   its self-done items (counted, they stay in the village);
3. the evidence: the tambon's ten most widespread problems (stored analysis);
4. the items by province issue: ranked by the civic forum (its rank, points and the tie rule
   that placed it; the first `items_up` go up to the district), or in the plan's order with
   rank "—" while the forum has not ranked the issue; items not filed under an issue in a
   section of their own; each with the villages it came from, its budget per fiscal year
   and its mode; a summary per issue;
5. the civic forum's record: date, place, how it ranked, attendance per group;
6. the self-done work counted per village (the ≥ 30 % rule), and the signatures.

Strings are Thai: the document follows the Thai official layout whatever the reader's
language.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch
from django.utils import timezone

from planlink.areas.models import Area, AreaLevel
from planlink.core.thai import format_baht
from planlink.evidence.selectors import area_problems
from planlink.integration.models import AddedFrom, Forum, ForumMethod, TambonItem
from planlink.integration.selectors import forum_results, sources_of
from planlink.integration.services import tambon_sources
from planlink.plans.engine.rules import ItemFacts, self_reliance
from planlink.plans.excel import MODE_TH
from planlink.plans.models import (
    ItemStatus,
    Mode,
    PlanItem,
    PlanItemBudget,
    PlanSettings,
    PlanVersion,
    VersionStatus,
)
from planlink.reports.docx import Cell, Column, Row, Strong, WordDocument
from planlink.reports.pdf import render_document, render_pdf, thai_date
from planlink.reports.xlsx import INTEGER, MONEY, PERCENT, Sheet, workbook_bytes

TEMPLATE = "integration/tambon_plan_print.html"
TOP_PROBLEMS = 10
TCOC_TH = "ศูนย์ประสานงานองค์กรชุมชนระดับตำบล (ศอช.ต.)"
STATUS_TH = {
    VersionStatus.DRAFT: "ร่าง (ศอช.ต. กำลังจัดทำ)",
    VersionStatus.SUBMITTED: "ส่งพัฒนากรตรวจ",
    VersionStatus.REVIEWED: "พัฒนากรตรวจแล้ว",
    VersionStatus.APPROVED: "ประชาคมตำบลเห็นชอบแล้ว",
    VersionStatus.PUBLISHED: "ประกาศใช้แล้ว",
}
VILLAGE_STATUS_TH = {
    VersionStatus.DRAFT: "ร่าง",
    VersionStatus.SUBMITTED: "ส่งพัฒนากรตรวจ",
    VersionStatus.REVIEWED: "พัฒนากรตรวจแล้ว",
    VersionStatus.APPROVED: "ประชาคมหมู่บ้านอนุมัติแล้ว",
    VersionStatus.PUBLISHED: "ประกาศใช้แล้ว",
}
METHOD_TH = {
    ForumMethod.HANDS: "ยกมือลงคะแนน",
    ForumMethod.SCORES: "ให้คะแนนแยกตามกลุ่มผู้เข้าร่วม",
    ForumMethod.BORDA: "เรียงลำดับความสำคัญแล้วรวมคะแนน (วิธีบอร์ดา)",
}
POINTS_TH = {
    ForumMethod.HANDS: "คะแนนเสียง",
    ForumMethod.SCORES: "คะแนนรวม",
    ForumMethod.BORDA: "คะแนนบอร์ดา",
}
# The forum's participant groups, in the order the record lists them.
GROUPS_TH = (
    ("villagers", "ประชาชน/ผู้แทนครัวเรือน"),
    ("tcoc", "คณะกรรมการ ศอช.ต."),
    ("lao", "องค์กรปกครองส่วนท้องถิ่น (อปท.)"),
    ("agencies", "หน่วยงานภาครัฐ"),
    ("leaders", "ผู้นำท้องถิ่น"),
)
UNIT_TH = {"person": "คน", "household": "ครัวเรือน", "village": "หมู่บ้าน"}
FAMILY_TH = {
    "bmn": "จปฐ.",
    "vbd": "กชช.2ค",
    "poor": "ครัวเรือนยากจน",
    "gvh": "ความสุขมวลรวม (GVH)",
    "accounts": "บัญชีครัวเรือน",
}
ADDED_TH = {
    AddedFrom.DATA: "ตำบลเพิ่มจากข้อมูลของตำบล",
    AddedFrom.FORUM: "ตำบลเพิ่มจากประชาคมตำบล",
    AddedFrom.PLAN: "จากแผนชุมชนระดับตำบลเดิม",
    AddedFrom.VILLAGES: "—",
}
# What broke a tie, in a spreadsheet's few words (the documents write the engine's sentence).
TIE_SHORT_TH = {
    "households": "ครัวเรือนที่ได้รับผลกระทบ",
    "villages": "จำนวนหมู่บ้านที่ขอ",
    "order": "ลำดับในแผนตำบล",
}
UNFILED_TH = "รายการที่ยังไม่ได้จัดเข้าประเด็นการพัฒนาของจังหวัด"
DASH = "—"


@dataclass
class VillageLine:
    code: str
    moo: int | None
    name: str  # บ้าน…
    status: str  # the village plan's status, as the document says it
    included: bool  # a reviewed or approved version went into the tambon plan
    sent_up: int
    self_done: int
    self_titles: list[str] = field(default_factory=list)
    share: Decimal | None = None  # self-done share of the village plan's items (count)
    meets: bool = False

    @property
    def label(self) -> str:
        return f"หมู่ที่ {self.moo} {self.name}" if self.moo else self.name

    @property
    def share_text(self) -> str:
        return _share(self.share)


@dataclass
class ProblemLine:
    rank: int
    title: str
    source: str  # the evidence family, as officers call it
    affected: int
    base: int
    unit: str
    share: Decimal | None

    @property
    def share_text(self) -> str:
        return _share(self.share)


@dataclass
class ItemLine:
    item: PlanItem
    rank: int | None  # None: the forum has not ranked its issue
    goes_up: bool
    villages: list[str]  # "หมู่ที่ 2 บ้านเหล่ามะกอก", or where the tambon took it from
    amounts: list[Decimal | None]  # one per fiscal year
    total: Decimal
    mode: str
    points: Decimal | None
    tie_rule: str
    tie_code: str = ""  # the forum engine's tie rule (households, villages, order)
    moos: list[int] = field(default_factory=list)  # the villages' numbers (หมู่ที่)

    @property
    def rank_text(self) -> str:
        return str(self.rank) if self.rank is not None else DASH

    @property
    def budgets(self) -> list[str]:
        return [money(a) for a in self.amounts]

    @property
    def total_text(self) -> str:
        return money(self.total) if self.total else "-"

    @property
    def points_text(self) -> str:
        return DASH if self.points is None else _number(self.points)


@dataclass
class IssueBlock:
    number: int | None  # None: the items not filed under an issue
    title: str
    strategy: str
    items_up: int
    ranked: bool
    lines: list[ItemLine]
    sums: list[Decimal]

    @property
    def heading(self) -> str:
        return f"ประเด็นที่ {self.number} {self.title}" if self.number else self.title

    @property
    def totals(self) -> list[str]:
        return [_sum(s) for s in self.sums]

    @property
    def total(self) -> Decimal:
        return sum(self.sums, Decimal(0))

    @property
    def total_text(self) -> str:
        return money(self.total)

    @property
    def up(self) -> int:
        return sum(1 for line in self.lines if line.goes_up)

    @property
    def ranking_note(self) -> str:
        if self.number is None:
            return "ยังไม่ได้จัดลำดับ: จัดเข้าประเด็นก่อน ประชาคมตำบลจึงจัดลำดับได้"
        if self.ranked:
            return f"จัดลำดับโดยประชาคมตำบล · ลำดับที่ 1–{self.items_up} เสนอต่ออำเภอ"
        return "ประชาคมตำบลยังไม่ได้จัดลำดับ: แสดงตามลำดับในแผน"


@dataclass
class ForumRecord:
    held_on: str
    place: str
    method: str
    points_label: str
    groups: list[tuple[str, int]]
    total: int
    note: str


@dataclass
class TambonDocument:
    version: PlanVersion
    tambon: Area
    area: dict[str, str]  # tambon, district, province (display names)
    title: str
    years: list[int]
    year_span: str
    version_label: str
    status: str
    is_draft: bool
    approved_on: str
    printed_on: str
    document_id: str
    synthetic: bool
    villages: list[VillageLine]
    problems: list[ProblemLine]
    blocks: list[IssueBlock]
    dropped: list[PlanItem]
    forum: ForumRecord | None
    threshold: Decimal
    grand: list[Decimal]

    @property
    def grand_totals(self) -> list[str]:
        return [_sum(s) for s in self.grand]

    @property
    def grand_total(self) -> str:
        return money(sum(self.grand, Decimal(0)))

    @property
    def item_count(self) -> int:
        return sum(len(b.lines) for b in self.blocks)

    @property
    def up_count(self) -> int:
        return sum(b.up for b in self.blocks)

    @property
    def included(self) -> list[VillageLine]:
        return [v for v in self.villages if v.included]

    @property
    def waiting(self) -> int:
        return sum(1 for v in self.villages if not v.included)

    @property
    def sent_up(self) -> int:
        return sum(v.sent_up for v in self.villages)

    @property
    def self_done(self) -> int:
        return sum(v.self_done for v in self.villages)

    @property
    def threshold_text(self) -> str:
        return f"{self.threshold.normalize():f}"

    @property
    def file_stem(self) -> str:
        return f"tambon-plan-{self.tambon.code}-{self.years[0]}-v{self.version.number}"


def money(amount: Decimal | None) -> str:
    """Baht as tables show them: satang only on an amount that has them; "-" for none."""
    if amount is None:
        return "-"
    return format_baht(amount, decimals=0 if amount == amount.to_integral_value() else 2)


def _sum(amount: Decimal) -> str:
    """A total: "-" when nothing is budgeted that year, as an item's own cell says."""
    return money(amount) if amount else "-"


def _number(value: Decimal) -> str:
    return f"{value:,.0f}" if value == value.to_integral_value() else f"{value:,.2f}"


def _share(share: Decimal | None) -> str:
    return DASH if share is None else f"{share:.1f}"


def _village_name(area: Area) -> str:
    return area.name_th if area.name_th.startswith("บ้าน") else f"บ้าน{area.name_th}"


def _village_label(area: Area) -> str:
    return f"หมู่ที่ {area.moo} {_village_name(area)}" if area.moo else _village_name(area)


def _areas(tambon: Area) -> dict[str, str]:
    ancestors = {a.level: a for a in Area.objects.filter(code__in=tambon.ancestor_codes())}
    lines = {"tambon": tambon.display_name}
    for level, key in ((AreaLevel.DISTRICT, "district"), (AreaLevel.PROVINCE, "province")):
        area = ancestors.get(level)
        lines[key] = area.display_name if area else ""
    return lines


def _villages(tambon: Area, first_year: int, threshold: Decimal) -> tuple[list[VillageLine], bool]:
    """The tambon's villages with their plans' state and self-done work; and whether any of
    their plans is demo data."""
    sources = tambon_sources(tambon=tambon, first_year=first_year)
    by_village: dict[str, list[PlanItem]] = defaultdict(list)
    for item in sources.items:
        by_village[item.version.plan.area_id].append(item)
    lines = []
    synthetic = False
    for state in sources.villages:
        if state.version is not None:
            synthetic = synthetic or state.version.plan.is_demo
            status = VILLAGE_STATUS_TH.get(VersionStatus(state.version.status), "")
        elif state.status:
            status = (
                f"{VILLAGE_STATUS_TH.get(VersionStatus(state.status), state.status)} (ยังไม่นำมารวม)"
            )
        else:
            status = "ยังไม่มีแผนหมู่บ้าน"
        items = by_village.get(state.village.code, [])
        reliance = self_reliance(
            [ItemFacts(mode=i.mode, status=i.status, budget=Decimal(0)) for i in items],
            threshold,
        )
        lines.append(
            VillageLine(
                code=state.village.code,
                moo=state.village.moo,
                name=_village_name(state.village),
                status=status,
                included=state.version is not None,
                sent_up=state.sent_up,
                self_done=state.self_done,
                self_titles=[i.title for i in items if i.mode == Mode.SELF],
                share=reliance.share,
                meets=reliance.meets,
            )
        )
    return lines, synthetic


def _problems(tambon: Area) -> list[ProblemLine]:
    return [
        ProblemLine(
            rank=n,
            title=p.title_th,
            source=FAMILY_TH.get(p.family, p.family),
            affected=p.affected,
            base=p.base,
            unit=UNIT_TH.get(p.unit, p.unit),
            share=p.share,
        )
        for n, p in enumerate(area_problems(area_code=tambon.code)[:TOP_PROBLEMS], start=1)
    ]


def _forum(forum: Forum | None) -> ForumRecord | None:
    if forum is None:
        return None
    method = ForumMethod(forum.method)
    return ForumRecord(
        held_on=thai_date(forum.held_on),
        place=forum.place,
        method=METHOD_TH[method],
        points_label=POINTS_TH[method],
        groups=[(label, int(getattr(forum, key))) for key, label in GROUPS_TH],
        total=forum.attendance,
        note=forum.note,
    )


def tambon_document(version: PlanVersion) -> TambonDocument:
    """Everything the tambon plan's documents show (see the module's docstring)."""
    plan = version.plan
    tambon = plan.area
    years = plan.years
    threshold = PlanSettings.current().self_reliance_threshold
    items = list(
        version.items.select_related("lineage__tambon__issue")
        .prefetch_related(
            Prefetch("budgets", queryset=PlanItemBudget.objects.order_by("fiscal_year"))
        )
        .order_by("priority", "id")
    )
    by_pk = {i.pk: i for i in items}
    sources = sources_of([i.lineage_id for i in items])
    forum = Forum.objects.filter(version=version).first()

    def line(item: PlanItem, *, rank: int | None = None, **ranked: Any) -> ItemLine:
        amounts: dict[int, Decimal] = {b.fiscal_year: b.amount for b in item.budgets.all()}
        villages = sorted(
            {
                s.version.plan.area.code: s.version.plan.area
                for s in sources.get(item.lineage_id, [])
            }.items()
        )
        info: TambonItem | None = getattr(item.lineage, "tambon", None)
        names = [_village_label(area) for _code, area in villages]
        if not names:
            names = [ADDED_TH.get(AddedFrom(info.added_from), DASH) if info else DASH]
        return ItemLine(
            item=item,
            rank=rank,
            goes_up=bool(ranked.get("goes_up")),
            villages=names,
            amounts=[amounts.get(year) for year in years],
            total=sum((amounts.get(year, Decimal(0)) for year in years), Decimal(0)),
            mode=MODE_TH.get(Mode(item.mode), item.mode),
            points=ranked.get("points"),
            tie_rule=str(ranked.get("tie_rule") or ""),
            tie_code=str(ranked.get("tie_code") or ""),
            moos=sorted(a.moo for _code, a in villages if a.moo),
        )

    def block(
        number: int | None, title: str, strategy: str, up: int, ranked: bool, lines: list[ItemLine]
    ) -> IssueBlock:
        sums = [
            sum((a for line in lines if (a := line.amounts[n]) is not None), Decimal(0))
            for n in range(len(years))
        ]
        return IssueBlock(number, title, strategy, up, ranked, lines, sums)

    blocks: list[IssueBlock] = []
    placed: set[int] = set()
    for result in forum_results(version=version):
        issue = result.issue
        if result.ranked:
            lines = [
                line(
                    by_pk[r.item.pk],
                    rank=r.rank,
                    goes_up=r.goes_up,
                    points=r.points,
                    tie_rule=r.tie_rule_th,
                    tie_code=r.tie_rule or "",
                )
                for r in result.ranked
                if r.item.pk in by_pk
            ]
        else:
            lines = [line(by_pk[i.pk]) for i in result.items if i.pk in by_pk]
        placed.update(line.item.pk for line in lines)
        blocks.append(
            block(
                issue.number,
                issue.title,
                issue.strategy,
                issue.items_up,
                bool(result.ranked),
                lines,
            )
        )
    kept = [i for i in items if i.status != ItemStatus.DROPPED]
    unfiled = [line(i) for i in kept if i.pk not in placed]
    if unfiled:
        blocks.append(block(None, UNFILED_TH, "", 0, False, unfiled))
    dropped = [i for i in items if i.status == ItemStatus.DROPPED]

    villages, demo_villages = _villages(tambon, plan.first_year, threshold)
    status = VersionStatus(version.status)
    area = _areas(tambon)
    grand = [sum((b.sums[n] for b in blocks), Decimal(0)) for n in range(len(years))]
    return TambonDocument(
        version=version,
        tambon=tambon,
        area=area,
        title=f"แผนชุมชนระดับตำบล {area['tambon']}",
        years=years,
        year_span=f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0]),
        version_label="ฉบับแรก" if version.number == 0 else version.label,
        status=STATUS_TH.get(status, version.status),
        is_draft=status == VersionStatus.DRAFT,
        approved_on=(
            thai_date(version.assembly_date)
            if version.assembly_date and status in (VersionStatus.APPROVED, VersionStatus.PUBLISHED)
            else ""
        ),
        printed_on=thai_date(timezone.localdate()),
        document_id=f"{tambon.code}/{plan.first_year}-{version.number}",
        synthetic=plan.is_demo or demo_villages or bool(forum and forum.is_demo),
        villages=villages,
        problems=_problems(tambon),
        blocks=blocks,
        dropped=dropped,
        forum=_forum(forum),
        threshold=threshold,
        grand=grand,
    )


# --- PDF ---------------------------------------------------------------------------------------

# Widths (% of A4 landscape's text width, 26.7 cm = 757 pt) of the items table: the budget
# columns (the years and their total) get what their widest figure needs, the text columns
# share the rest but keep a minimum; where five years of tens of millions would not leave
# that, the figures get smaller instead (as in the village plan, plans.documents).
_PAGE_WIDTH_PT = 757
_RANK_WIDTH, _MODE_WIDTH = 6.5, 8.5
_POINTS_WIDTH, _POINTS_MIN = 12.0, 10.0
_TITLE_MIN, _VILLAGES_MIN = 16.0, 11.0
_FIGURE_MIN = 5.5  # the year and "รวม" in the header
_FIGURE_FONT_MIN = 6.5
_SUMMARY_FIXED = 14.0  # the summary's two count columns
_SUMMARY_TITLE_MIN = 25.0


def _figure_width(widest: int, font: float, *, thai_digits: bool) -> float:
    """% of the width a figure of `widest` characters needs at `font` pt, with padding."""
    em = 0.61 if thai_digits else 0.53  # Sarabun semibold: ๐–๙ 0.60 em, 0–9 0.50 em
    return (widest * em * font + 7) / _PAGE_WIDTH_PT * 100


def _fit(
    widest: int, columns: int, room: float, font: float, *, thai_digits: bool
) -> tuple[float, float]:
    """(width %, font pt) of `columns` figure columns sharing at most `room` %."""
    cap = room / columns
    needed = _figure_width(widest, font, thai_digits=thai_digits)
    if needed > cap:
        em = 0.61 if thai_digits else 0.53
        font = max(_FIGURE_FONT_MIN, (cap / 100 * _PAGE_WIDTH_PT - 7) / (widest * em))
        needed = _figure_width(widest, font, thai_digits=thai_digits)
    return max(_FIGURE_MIN, min(cap, needed)), round(font, 2)


def _layout(document: TambonDocument, *, thai_digits: bool) -> dict[str, Any]:
    figures = len(document.years) + 1
    item_texts = [t for b in document.blocks for line in b.lines for t in line.budgets]
    item_texts += [line.total_text for b in document.blocks for line in b.lines]
    block_texts = [t for b in document.blocks for t in (*b.totals, b.total_text)]
    widest = max((len(t) for t in [*item_texts, *block_texts]), default=4)
    font = 9.0 if figures <= 4 else 8.0
    room = 100 - _RANK_WIDTH - _MODE_WIDTH - _POINTS_MIN - _TITLE_MIN - _VILLAGES_MIN
    budget, font = _fit(widest, figures, room, font, thai_digits=thai_digits)
    rest = 100 - _RANK_WIDTH - _MODE_WIDTH - budget * figures
    points = min(_POINTS_WIDTH, max(_POINTS_MIN, rest - _TITLE_MIN - _VILLAGES_MIN))
    rest -= points
    summary_widest = max(
        (len(t) for t in [*block_texts, *document.grand_totals, document.grand_total]), default=4
    )
    summary_room = 100 - _SUMMARY_FIXED - _SUMMARY_TITLE_MIN
    summary, summary_font = _fit(
        summary_widest, figures, summary_room, 9.5, thai_digits=thai_digits
    )
    return {
        "widths": {
            "rank": f"{_RANK_WIDTH}%",
            "title": f"{rest * 0.6:.2f}%",
            "villages": f"{rest * 0.4:.2f}%",
            "budget": f"{budget:.2f}%",
            "mode": f"{_MODE_WIDTH}%",
            "points": f"{points:.2f}%",
            "summary_title": f"{100 - _SUMMARY_FIXED - summary * figures:.2f}%",
            "summary_figure": f"{summary:.2f}%",
        },
        "figure_font": f"{font}",
        "summary_font": f"{summary_font}",
    }


def print_context(document: TambonDocument, *, thai_digits: bool = False) -> dict[str, Any]:
    return {
        "doc": document,
        "title": f"{document.title} ปี {document.year_span}",
        "document_id": document.document_id,
        "synthetic_data": document.synthetic,
        **_layout(document, thai_digits=thai_digits),
    }


def tambon_pdf(document: TambonDocument, *, thai_digits: bool = False) -> bytes:
    """The tambon plan in the official Thai layout (A4, Sarabun; the items in landscape)."""
    return render_pdf(
        TEMPLATE, print_context(document, thai_digits=thai_digits), thai_digits=thai_digits
    )


def tambon_layout(document: TambonDocument, *, thai_digits: bool = False) -> Any:
    """The laid-out PDF (WeasyPrint pages and boxes), for tests."""
    return render_document(
        TEMPLATE, print_context(document, thai_digits=thai_digits), thai_digits=thai_digits
    )


# --- XLSX --------------------------------------------------------------------------------------


def tambon_workbook(document: TambonDocument) -> bytes:
    """The document's tables, one sheet each, numbers as numbers."""
    doc = document
    heading = f"{doc.title} ปีงบประมาณ พ.ศ. {doc.year_span}"
    area_line = f"{doc.area['tambon']} {doc.area['district']} {doc.area['province']}"
    notes = [heading, f"{area_line} · {doc.version_label} · สถานะ: {doc.status}"]
    if doc.synthetic:
        notes.append("ข้อมูลสังเคราะห์/ข้อมูลสาธิต — ไม่ใช่ข้อมูลจริงของพื้นที่")
    cover = Sheet(
        title="แผนชุมชนระดับตำบล",
        header=["รายการ", "ข้อมูล"],
        rows=[
            ["ชื่อแผน", doc.title],
            ["ตำบล", doc.area["tambon"]],
            ["อำเภอ", doc.area["district"]],
            ["จังหวัด", doc.area["province"]],
            ["ปีงบประมาณ (พ.ศ.)", doc.year_span],
            ["ฉบับ", doc.version_label],
            ["สถานะ", doc.status],
            ["ประชาคมตำบลเห็นชอบเมื่อ", doc.approved_on or DASH],
            ["จัดทำโดย", f"{TCOC_TH} {doc.area['tambon']}"],
            ["เลขที่เอกสาร", doc.document_id],
            ["พิมพ์เมื่อ", doc.printed_on],
            ["จำนวนโครงการ/กิจกรรม", doc.item_count],
            ["เสนอต่ออำเภอ", doc.up_count],
            ["งบประมาณรวมทุกปี (บาท)", sum(doc.grand, Decimal(0))],
        ],
        number_formats={1: INTEGER},
        notes=notes,
    )
    villages = Sheet(
        title="หมู่บ้าน",
        header=[
            "หมู่ที่",
            "รหัสหมู่บ้าน",
            "หมู่บ้าน",
            "สถานะแผนหมู่บ้าน",
            "รายการที่ส่งขึ้นตำบล",
            "รายการที่ทำเอง",
            "ร้อยละที่ทำเอง",
            f"เกณฑ์ทำเองอย่างน้อยร้อยละ {doc.threshold_text}",
        ],
        rows=[
            [
                v.moo,
                v.code,
                v.name,
                v.status,
                v.sent_up if v.included else None,
                v.self_done if v.included else None,
                v.share if v.included else None,
                ("ผ่าน" if v.meets else "ไม่ผ่าน") if v.included and v.share is not None else DASH,
            ]
            for v in doc.villages
        ],
        number_formats={0: INTEGER, 4: INTEGER, 5: INTEGER, 6: PERCENT},
        notes=notes,
    )
    problems = Sheet(
        title="สภาพปัญหา",
        header=["ลำดับ", "ปัญหา", "ข้อมูลจาก", "ประสบปัญหา", "จากทั้งหมด", "หน่วย", "ร้อยละ"],
        rows=[
            [p.rank, p.title, p.source, p.affected, p.base, p.unit, p.share] for p in doc.problems
        ],
        number_formats={0: INTEGER, 3: INTEGER, 4: INTEGER, 6: PERCENT},
        notes=[*notes, f"ปัญหาของตำบลที่กว้างขวางที่สุด {TOP_PROBLEMS} อันดับ (ร้อยละของผู้ที่ตัวชี้วัดนั้นใช้วัด)"],
    )
    # The items, one row each (the issues' titles on their own sheet keep this one narrow
    # enough to print on A4 landscape).
    first_budget = 5
    rows: list[list[object]] = []
    for b in doc.blocks:
        for line in b.lines:
            rows.append(
                [
                    b.number if b.number is not None else DASH,
                    line.rank if line.rank is not None else DASH,
                    "เสนอ" if line.goes_up else "",
                    line.item.title,
                    ", ".join(str(m) for m in line.moos) or line.villages[0],
                    *line.amounts,
                    line.total,
                    line.mode,
                    line.points,
                    TIE_SHORT_TH.get(line.tie_code, ""),
                ]
            )
    years = len(doc.years)
    items = Sheet(
        title="รายการตามประเด็น",
        header=[
            "ประเด็นที่",
            "ลำดับ",
            "เสนออำเภอ",
            "โครงการ/กิจกรรม",
            "หมู่ที่เสนอ",
            *(f"งบประมาณ {y}" for y in doc.years),
            "รวม (บาท)",
            "วิธีดำเนินการ",
            "คะแนน",
            "คะแนนเท่ากัน ตัดสินด้วย",
        ],
        rows=rows,
        number_formats={
            **{first_budget + n: MONEY for n in range(years + 1)},
            first_budget + years + 2: "#,##0.##",
        },
        notes=[
            *notes,
            'ลำดับ "—" = ประชาคมตำบลยังไม่ได้จัดลำดับประเด็นนั้น · ชื่อประเด็นและชื่อหมู่บ้าน: '
            'ดูแผ่นงาน "ประเด็น" และ "หมู่บ้าน"',
        ],
    )
    issues = Sheet(
        title="ประเด็น",
        header=[
            "ประเด็นที่",
            "ประเด็นการพัฒนาของจังหวัด",
            "ยุทธศาสตร์จังหวัด",
            "จัดลำดับแล้ว",
            "รายการ",
            "เสนออำเภอ",
            *(f"งบประมาณ {y}" for y in doc.years),
            "รวม (บาท)",
        ],
        rows=[
            [
                b.number if b.number is not None else DASH,
                b.title,
                b.strategy,
                "จัดลำดับแล้ว" if b.ranked else "ยังไม่จัดลำดับ",
                len(b.lines),
                b.up,
                *b.sums,
                b.total,
            ]
            for b in doc.blocks
        ],
        number_formats={4: INTEGER, 5: INTEGER, **{6 + n: MONEY for n in range(years + 1)}},
        notes=notes,
    )
    sheets = [cover, villages, problems, issues, items]
    if doc.forum is not None:
        f = doc.forum
        sheets.append(
            Sheet(
                title="ประชาคมตำบล",
                header=["กลุ่มผู้เข้าร่วม", "จำนวน (คน)"],
                rows=[*([label, n] for label, n in f.groups), ["รวม", f.total]],
                number_formats={1: INTEGER},
                notes=[
                    *notes,
                    f"วันที่ {f.held_on} · สถานที่ {f.place} · วิธีจัดลำดับ: {f.method}",
                    *([f"หมายเหตุ: {f.note}"] if f.note else []),
                ],
            )
        )
    sheets.append(
        Sheet(
            title="งานที่ทำเอง",
            header=["หมู่ที่", "หมู่บ้าน", "โครงการ/กิจกรรมที่หมู่บ้านทำเอง"],
            rows=[[v.moo, v.name, title] for v in doc.villages for title in v.self_titles],
            number_formats={0: INTEGER},
            notes=[*notes, "งานที่ชาวบ้านทำเองด้วยทรัพยากรของหมู่บ้าน นับไว้ที่หมู่บ้าน ไม่ส่งขึ้นตำบล"],
        )
    )
    return workbook_bytes(sheets, title=heading)


# --- DOCX --------------------------------------------------------------------------------------


def _docx_item_row(line: ItemLine, points: str) -> list[Cell | str | None]:
    return [
        Cell(line.rank_text, bold=True, note="เสนออำเภอ" if line.goes_up else ""),
        Cell(line.item.title, bold=True),
        "\n".join(line.villages),
        *line.budgets,
        line.total_text,
        line.mode,
        Cell(
            f"{points} {line.points_text}" if line.points is not None else DASH,
            note=line.tie_rule,
        ),
    ]


def tambon_docx(document: TambonDocument, *, thai_digits: bool = False) -> bytes:
    """The same document as the PDF, as a Word file the ศอช.ต. and the อปท. can edit."""
    doc = document
    running = f"{doc.title} ปี {doc.year_span}"
    word = WordDocument(
        title=running,
        header_text=f"เลขที่ {doc.document_id} · พิมพ์เมื่อ {doc.printed_on}"
        + (" · ข้อมูลสังเคราะห์/ข้อมูลสาธิต" if doc.synthetic else ""),
        footer_text=running,
        thai_digits=thai_digits,
    )
    # Cover
    word.paragraph("", space_before=90)
    word.title("แผนชุมชนระดับตำบล", size=28)
    word.paragraph(doc.area["tambon"], bold=True, size=20, align="center", space_after=2)
    word.paragraph(
        f"{doc.area['district']} {doc.area['province']}", bold=True, size=16, align="center"
    )
    word.paragraph(
        f"ปีงบประมาณ พ.ศ. {doc.year_span}", bold=True, size=16, align="center", space_before=18
    )
    word.paragraph(f"{doc.version_label} · สถานะ: {doc.status}", align="center")
    if doc.approved_on:
        word.paragraph(f"ผ่านความเห็นชอบของประชาคมตำบล เมื่อวันที่ {doc.approved_on}", align="center")
    word.paragraph("จัดทำโดย", align="center", space_before=60, space_after=0)
    word.paragraph(f"{TCOC_TH} {doc.area['tambon']}", bold=True, size=14, align="center")
    word.paragraph(f"พิมพ์เมื่อวันที่ {doc.printed_on}", align="center", space_before=30)
    word.paragraph(f"เลขที่เอกสาร {doc.document_id}", align="center", size=10, color="5C6670")
    if doc.synthetic:
        word.paragraph(
            "ข้อมูลสังเคราะห์/ข้อมูลสาธิต — ตัวเลขในเอกสารนี้สร้างขึ้นเพื่อทดลองใช้ระบบ ไม่ใช่ข้อมูลจริงของพื้นที่",
            bold=True,
            align="center",
            color="B42318",
            space_before=24,
        )
    if doc.is_draft:
        word.paragraph(
            "ฉบับร่าง — ยังไม่ผ่านความเห็นชอบของประชาคมตำบล", bold=True, align="center", color="9A6700"
        )
    word.page_break()

    # 1. Villages
    word.heading("1. หมู่บ้านในเขตตำบล")
    word.paragraph(
        f"แผนหมู่บ้านที่นำมารวม {len(doc.included)} จาก {len(doc.villages)} หมู่บ้าน · "
        f"รายการที่ส่งขึ้นตำบล {doc.sent_up} รายการ · งานที่ทำเอง {doc.self_done} รายการ"
    )
    word.table(
        [
            Column("หมู่บ้าน", 5),
            Column("สถานะแผนหมู่บ้าน", 5),
            Column("ส่งขึ้นตำบล (รายการ)", 2.2, "right"),
            Column("ทำเอง (รายการ)", 2.2, "right"),
        ],
        [
            *(
                [
                    v.label,
                    v.status,
                    str(v.sent_up) if v.included else DASH,
                    str(v.self_done) if v.included else DASH,
                ]
                for v in doc.villages
            ),
            Row(
                [Cell("รวม", align="right", span=2), str(doc.sent_up), str(doc.self_done)],
                bold=True,
                shade=True,
            ),
        ],
    )
    if doc.waiting:
        word.paragraph(f"แผนของ {doc.waiting} หมู่บ้านยังไม่ผ่านการตรวจของพัฒนากร จึงยังไม่นำมารวม", size=10)

    # 2. Evidence
    word.heading("2. สภาพปัญหาของตำบลจากข้อมูล")
    if doc.problems:
        word.table(
            [
                Column("ลำดับ", 1.1, "center"),
                Column("ปัญหา", 8),
                Column("ข้อมูลจาก", 2.3),
                Column("ประสบปัญหา / ทั้งหมด", 3.2, "right"),
                Column("ร้อยละ", 1.4, "right"),
            ],
            [
                [
                    str(p.rank),
                    p.title,
                    p.source,
                    f"{p.affected:,} / {p.base:,} {p.unit}",
                    p.share_text,
                ]
                for p in doc.problems
            ],
        )
        word.paragraph(
            "ร้อยละ: จำนวนคน ครัวเรือน หรือหมู่บ้านที่ประสบปัญหา จากทั้งหมดที่ตัวชี้วัดนั้นใช้วัด",
            size=9.5,
            color="5C6670",
        )
    else:
        word.paragraph("ยังไม่มีผลการวิเคราะห์ปัญหาของตำบล (ยังไม่ได้นำเข้าข้อมูล จปฐ. หรือข้อมูลอื่น)")

    # 3. Items by issue (landscape)
    word.landscape()
    word.heading("3. โครงการ/กิจกรรมตามประเด็นการพัฒนาของจังหวัด")
    year_columns = [Column(str(y), 1.9, "right", group="งบประมาณ (บาท)") for y in doc.years]
    columns = [
        Column("ลำดับ", 1.3, "center"),
        Column("โครงการ/กิจกรรม", 6.5),
        Column("หมู่บ้านที่เสนอ", 4.2),
        *year_columns,
        Column("รวม", 2.1, "right", group="งบประมาณ (บาท)"),
        Column("วิธีดำเนินการ", 2.2, "center"),
        Column("ผลประชาคม", 3.0),
    ]
    points = doc.forum.points_label if doc.forum else "คะแนน"
    if not doc.blocks:
        word.paragraph("แผนฉบับนี้ยังไม่มีโครงการ/กิจกรรม")
    for b in doc.blocks:
        word.heading(b.heading, level=2)
        note = b.ranking_note + (f" · ยุทธศาสตร์จังหวัด: {b.strategy}" if b.strategy else "")
        word.paragraph(note, size=10, color="5C6670", keep_with_next=True)
        word.table(
            columns,
            [
                *(_docx_item_row(line, points) for line in b.lines),
                Row(
                    [
                        Cell(f"รวม ({len(b.lines)} รายการ)", align="right", span=3),
                        *b.totals,
                        b.total_text,
                        Cell("", span=2),
                    ],
                    bold=True,
                    shade=True,
                ),
            ],
            size=9.5,
            keep_together=len(b.lines) <= 3,  # a short issue is not split over two pages
        )
    if doc.blocks:
        word.heading("สรุปตามประเด็น", level=2)
        word.table(
            [
                Column("ประเด็น", 9),
                Column("รายการ", 1.5, "right"),
                Column("เสนออำเภอ", 1.7, "right"),
                *year_columns,
                Column("รวม", 2.1, "right", group="งบประมาณ (บาท)"),
            ],
            [
                *(
                    [b.heading, str(len(b.lines)), str(b.up), *b.totals, b.total_text]
                    for b in doc.blocks
                ),
                Row(
                    [
                        "รวมทั้งสิ้น",
                        str(doc.item_count),
                        str(doc.up_count),
                        *doc.grand_totals,
                        doc.grand_total,
                    ],
                    bold=True,
                    shade=True,
                ),
            ],
            size=9.5,
            keep_together=True,
        )
    if doc.dropped:
        word.heading("รายการที่ไม่นำเข้าแผนตำบล", level=2)
        word.table(
            [Column("โครงการ/กิจกรรม", 3), Column("เหตุผล", 4)],
            [[i.title, i.dropped_reason or DASH] for i in doc.dropped],
            size=9.5,
        )

    # 4. Forum, 5. self-done work (portrait)
    word.portrait()
    word.heading("4. การประชุมประชาคมตำบล")
    if doc.forum is None:
        word.paragraph("ยังไม่ได้บันทึกการประชุมประชาคมตำบล")
    else:
        f = doc.forum
        word.paragraph([Strong("วันที่ประชุม: "), f.held_on])
        word.paragraph([Strong("สถานที่: "), f.place])
        word.paragraph([Strong("วิธีจัดลำดับ: "), f.method])
        word.table(
            [Column("กลุ่มผู้เข้าร่วม", 6), Column("จำนวน (คน)", 2, "right")],
            [
                *([label, f"{n:,}"] for label, n in f.groups),
                Row(["รวม", f"{f.total:,}"], bold=True, shade=True),
            ],
            keep_together=True,
            width=0.6,
        )
        if f.note:
            word.paragraph([Strong("หมายเหตุ: "), f.note])
    word.heading("5. งานที่หมู่บ้านทำเอง")
    word.paragraph(
        f"งานที่ชาวบ้านทำเองด้วยทรัพยากรของหมู่บ้าน นับไว้ที่หมู่บ้าน ไม่ส่งขึ้นตำบล · "
        f"เกณฑ์: ทำเองอย่างน้อยร้อยละ {doc.threshold_text} ของรายการในแผนหมู่บ้าน"
    )
    word.table(
        [
            Column("หมู่บ้าน", 3.4),
            Column("งานที่ทำเอง", 7.2),
            Column("ทำเอง/ทั้งหมด", 2.0, "right"),
            Column("ร้อยละ", 1.4, "right"),
            Column("เกณฑ์", 1.6, "center"),
        ],
        [
            [
                v.label,
                "\n".join(f"• {t}" for t in v.self_titles) or DASH,
                f"{v.self_done}/{v.self_done + v.sent_up}",
                v.share_text,
                ("ผ่าน" if v.meets else "ไม่ผ่าน") if v.share is not None else DASH,
            ]
            if v.included
            else [v.label, Cell("แผนยังไม่ผ่านการตรวจของพัฒนากร: ยังไม่นับ", span=4)]
            for v in doc.villages
        ],
    )
    word.signatures(("ประธานศูนย์ประสานงานองค์กรชุมชนระดับตำบล", "พัฒนากรผู้รับผิดชอบตำบล"))
    return word.to_bytes()
