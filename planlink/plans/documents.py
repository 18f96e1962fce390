"""The village plan as an official document (PDF, A4 landscape) and as a workbook.

The table follows the local plan form ผ.02 column order (ที่, โครงการ, วัตถุประสงค์, เป้าหมาย,
งบประมาณ per fiscal year, ตัวชี้วัด, ผลที่คาดว่าจะได้รับ, …) so an อปท. planner can copy from it,
grouped by development category (ด้าน) with a subtotal per category and a grand total per year.
Dropped items stay visible (the assembly decided on them) but count in no total, as in the
self-reliance rule.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils import timezone

from planlink.areas.models import Area, AreaLevel
from planlink.core.thai import format_baht
from planlink.evidence.engine.bmn import percent
from planlink.evidence.models import DevelopmentCategory
from planlink.plans.excel import (
    FUNDING_TH,
    MODE_TH,
    VERSION_STATUS_TH,
    plan_workbook,
    version_label_th,
)
from planlink.plans.models import (
    FundingSource,
    ItemStatus,
    Mode,
    PlanItem,
    PlanSettings,
    PlanVersion,
    VersionStatus,
)
from planlink.plans.services import reliance_of
from planlink.reports.pdf import render_document, render_html, render_pdf, thai_date

# Share of the printable width (A4 landscape less margins) per text column; the budget
# columns get what their widest figure needs and the text columns share the rest.
# The target column holds the output ("ถนนคอนกรีตเสริมเหล็ก 1 สาย"): wide enough at three
# years for its longest usual compound to stay on one line.
_TEXT_WEIGHTS = {
    "title": 3.1,
    "objective": 2.1,
    "target": 2.4,
    "kpi": 1.9,
    "expected": 2.0,
    "mode": 1.35,
    "agency": 2.0,
}
_NUMBER_WIDTH = 3.5  # ที่, in %
_MODE_MIN_WIDTH = 6.2
_TITLE_MIN_WIDTH = 14.0  # about 25 Thai letters a line at 9.5 pt: a title of 2–4 lines
_TEXT_MIN_WIDTH = 6.0
_BUDGET_FONT_MIN = 7.0
_PAGE_WIDTH_PT = 757  # 29.7 cm − 2 × 1.5 cm
_TABLE_FONT_PT = 9.5


@dataclass
class ItemLine:
    item: PlanItem
    budgets: list[str]  # formatted, one per fiscal year ("-" for none)
    mode: str
    funding: str  # who is asked for the money, under the mode
    dropped: bool


@dataclass
class CategoryBlock:
    name: str
    lines: list[ItemLine] = field(default_factory=list)
    sums: dict[int, Decimal] = field(default_factory=dict)  # fiscal year → baht
    totals: list[str] = field(default_factory=list)  # formatted, one per fiscal year
    counted: int = 0


@dataclass
class ModeLine:
    label: str
    items: int
    share: str
    budget: str


def _area_lines(village: Area) -> dict[str, str]:
    """หมู่ที่ n บ้าน…, ตำบล, อำเภอ, จังหวัด from the area tree (names as documents write them)."""
    ancestors = {a.level: a for a in Area.objects.filter(code__in=village.ancestor_codes())}
    name = village.name_th if village.name_th.startswith("บ้าน") else f"บ้าน{village.name_th}"
    lines = {"village": f"หมู่ที่ {village.moo} {name}" if village.moo else name}
    for level, key in (
        (AreaLevel.TAMBON, "tambon"),
        (AreaLevel.DISTRICT, "district"),
        (AreaLevel.PROVINCE, "province"),
    ):
        area = ancestors.get(level)
        lines[key] = area.display_name if area else ""
    return lines


def _budget_font(years: int) -> float:
    """Smaller figures for long windows, so five years of budgets leave room for the text."""
    return _TABLE_FONT_PT if years <= 3 else 9.0 if years == 4 else 8.5


def _column_widths(years: int, widest: int, *, thai_digits: bool) -> tuple[dict[str, str], float]:
    """Percent widths and the budget figures' font size (pt). A fixed table layout keeps long
    Thai text from squeezing the figures; a budget column fits its widest figure in bold
    (the totals; Thai digits are wider), but never takes the title's room: the title keeps
    `_TITLE_MIN_WIDTH` and every other text column `_TEXT_MIN_WIDTH`, and where five years of
    millions with satang would not leave that, the figures get smaller instead."""
    em = 0.61 if thai_digits else 0.53  # Sarabun bold: ๐–๙ 0.60 em, 0–9 0.50 em
    font = _budget_font(years)
    text_minimum = _TITLE_MIN_WIDTH + _MODE_MIN_WIDTH + _TEXT_MIN_WIDTH * (len(_TEXT_WEIGHTS) - 2)
    cap = min(10.5, (100 - _NUMBER_WIDTH - text_minimum) / years)
    needed = (widest * em * font + 7) / _PAGE_WIDTH_PT * 100
    if needed > cap:
        font = max(_BUDGET_FONT_MIN, (cap / 100 * _PAGE_WIDTH_PT - 7) / (widest * em))
        needed = (widest * em * font + 7) / _PAGE_WIDTH_PT * 100
    budget = max(5.0, min(cap, needed))
    rest = 100 - _NUMBER_WIDTH - budget * years
    # The mode column holds one short word per line ("ขอรับการ", "สนับสนุน"): never narrower.
    mode = max(_MODE_MIN_WIDTH, rest * _TEXT_WEIGHTS["mode"] / sum(_TEXT_WEIGHTS.values()))
    weights = {key: weight for key, weight in _TEXT_WEIGHTS.items() if key != "mode"}
    total_weight = sum(weights.values())
    widths = {key: (rest - mode) * weight / total_weight for key, weight in weights.items()}
    if widths["title"] < _TITLE_MIN_WIDTH:
        others = rest - mode - _TITLE_MIN_WIDTH
        other_weight = total_weight - weights["title"]
        widths = {key: others * weight / other_weight for key, weight in weights.items()}
        widths["title"] = _TITLE_MIN_WIDTH
    widths["mode"] = mode
    percents = {
        "number": f"{_NUMBER_WIDTH:.2f}%",
        "budget": f"{budget:.2f}%",
        **{key: f"{value:.2f}%" for key, value in widths.items()},
    }
    return percents, round(font, 2)


def plan_print_context(version: PlanVersion, *, thai_digits: bool = False) -> dict[str, Any]:
    """Everything plans/plan_print.html shows (also usable for an HTML preview)."""
    plan = version.plan
    years = plan.years
    items = list(
        version.items.select_related("category", "working_group")
        .prefetch_related("budgets")
        .order_by("category__order", "category__code", "priority", "id")
    )
    amounts = [b.amount for i in items for b in i.budgets.all()]

    def money(amount: Decimal | None) -> str:
        # Satang only on an amount that has them: one 106,672.89 must not put ".00" on
        # every other figure and widen every budget column.
        if amount is None:
            return "-"
        return format_baht(amount, decimals=0 if amount == amount.to_integral_value() else 2)

    blocks: list[CategoryBlock] = []
    by_category: dict[int, CategoryBlock] = {}
    grand = {year: Decimal(0) for year in years}
    mode_items = {mode: 0 for mode in Mode}
    mode_budget = {mode: Decimal(0) for mode in Mode}
    dropped = 0
    for item in items:
        block = by_category.get(item.category_id)
        if block is None:
            block = CategoryBlock(
                name=_category_name(item.category), sums={year: Decimal(0) for year in years}
            )
            by_category[item.category_id] = block
            blocks.append(block)
        budgets = {b.fiscal_year: b.amount for b in item.budgets.all()}
        is_dropped = item.status == ItemStatus.DROPPED
        funding = item.funding_agency
        if not funding and item.funding_source not in (
            FundingSource.COMMUNITY,
            FundingSource.NONE,
        ):
            funding = FUNDING_TH[FundingSource(item.funding_source)]
        block.lines.append(
            ItemLine(
                item=item,
                budgets=[money(budgets.get(year)) for year in years],
                mode=MODE_TH.get(Mode(item.mode), item.mode),
                funding=funding,
                dropped=is_dropped,
            )
        )
        if is_dropped:
            dropped += 1
            continue
        block.counted += 1
        mode_items[Mode(item.mode)] += 1
        for year, amount in budgets.items():
            if year in grand:
                block.sums[year] += amount
                grand[year] += amount
                mode_budget[Mode(item.mode)] += amount
    for block in blocks:
        block.totals = [money(block.sums[year]) for year in years]

    reliance = reliance_of(version)
    counted = reliance.items
    modes = [
        ModeLine(
            label=MODE_TH[mode],
            items=mode_items[mode],
            share=_percent_text(percent(mode_items[mode], counted)),
            budget=money(mode_budget[mode]),
        )
        for mode in Mode
    ]
    grand_total = sum(grand.values(), Decimal(0))
    widest = max((len(money(a)) for a in [*amounts, *grand.values()]), default=4)
    widths, budget_font = _column_widths(len(years), widest, thai_digits=thai_digits)
    village = plan.area
    area = _area_lines(village)
    status = VersionStatus(version.status)
    approved = status in (VersionStatus.APPROVED, VersionStatus.PUBLISHED)
    return {
        "plan": plan,
        "version": version,
        "version_label": version_label_th(version),
        "status_label": VERSION_STATUS_TH.get(status, version.status),
        "is_draft": status == VersionStatus.DRAFT,
        "approved": approved,
        "assembly_date": thai_date(version.assembly_date) if version.assembly_date else "",
        "reviewed_date": (
            thai_date(timezone.localtime(version.reviewed_at).date()) if version.reviewed_at else ""
        ),
        "facilitators": list(version.facilitators.all()),
        "area": area,
        "village_code": village.code,
        "years": years,
        "year_span": f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0]),
        "blocks": blocks,
        "grand_totals": [money(grand[year]) for year in years],
        "grand_total": money(grand_total),
        "items_total": len(items),
        "dropped": dropped,
        "modes": modes,
        "counted": counted,
        "reliance": reliance,
        "reliance_share": _percent_text(reliance.share),
        "budget_share": _percent_text(reliance.budget_share),
        "threshold": f"{PlanSettings.current().self_reliance_threshold.normalize():f}",
        "widths": widths,
        "columns": 8 + len(years),
        "budget_font": f"{budget_font}",
        # Four or five years leave narrow text columns: a smaller header keeps its words whole.
        "header_font": "9" if len(years) <= 3 else "7.5",
        "synthetic_data": plan.is_demo,
        "title": f"แผนพัฒนาหมู่บ้าน {area['village']} ปี {years[0]}–{years[-1]}",
        # Shown beside the code only when it says more than the heading and the area line.
        "own_title": "" if plan.title.startswith(_DEFAULT_TITLES) else plan.title,
        "document_id": document_id(version),
    }


_DEFAULT_TITLES = ("แผนพัฒนาหมู่บ้าน", "แผนชุมชน")


def document_id(version: PlanVersion) -> str:
    """The printed plan's identifier: village code / first fiscal year - version number
    (one plan per village and first year, so it names exactly this version)."""
    plan = version.plan
    return f"{plan.area_id}/{plan.first_year}-{version.number}"


def _percent_text(share: Decimal | None) -> str:
    return "—" if share is None else f"{share:.1f}"


def _category_name(category: DevelopmentCategory) -> str:
    return category.name_th if category.name_th.startswith("ด้าน") else f"ด้าน{category.name_th}"


def plan_pdf(version: PlanVersion, *, thai_digits: bool = False) -> bytes:
    """The village plan in the official Thai layout (A4 landscape, Sarabun)."""
    return render_pdf(
        "plans/plan_print.html",
        plan_print_context(version, thai_digits=thai_digits),
        thai_digits=thai_digits,
    )


def plan_document(version: PlanVersion, *, thai_digits: bool = False) -> Any:
    """The laid-out plan (WeasyPrint pages and boxes) that `plan_pdf` writes."""
    return render_document(
        "plans/plan_print.html",
        plan_print_context(version, thai_digits=thai_digits),
        thai_digits=thai_digits,
    )


def plan_html(version: PlanVersion, *, thai_digits: bool = False) -> str:
    """The print HTML of `plan_pdf`, for a preview in the browser."""
    return render_html(
        "plans/plan_print.html",
        plan_print_context(version, thai_digits=thai_digits),
        thai_digits=thai_digits,
    )


plan_xlsx_export = plan_workbook
