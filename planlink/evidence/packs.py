"""Data packs (seed items 1, 4, 6): the evidence one level plans from, in one structure that
the web page, the PDF and the XLSX all render.

A pack is for an area (a village for its committee, a tambon, a district for the district
office) or for a local government (the villages it covers that the user may see). Callers
check access first (`access.require_local_government` gives a local government's villages).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from planlink.areas.models import Area, AreaLevel, LocalGovernment
from planlink.core.collation import ThaiCollate
from planlink.evidence import summaries
from planlink.evidence.engine.bmn import (
    IndicatorInfo,
    IndicatorResult,
    add_counts,
    indicator_results,
    percent,
)
from planlink.evidence.engine.problems import (
    AccountsFacts,
    GvhComponentFacts,
    PoorFacts,
    Problem,
    Thresholds,
    VbdIndicatorFacts,
    analyse,
)
from planlink.evidence.models import (
    BmnResult,
    DevelopmentCategory,
    GvhVillage,
    Indicator,
    IndicatorEdition,
    ProblemSettings,
)
from planlink.evidence.selectors import edition_indicators

if TYPE_CHECKING:
    from planlink.accounts.access import CoveredVillages

AUDIENCE = {
    AreaLevel.VILLAGE: "สำหรับคณะกรรมการหมู่บ้าน (กม.) ใช้ทบทวนแผนชุมชน",
    AreaLevel.TAMBON: "สำหรับ ศอช.ต. และองค์กรปกครองส่วนท้องถิ่นในตำบล",
    AreaLevel.DISTRICT: "สำหรับที่ทำการปกครองอำเภอ ใช้จัดทำแผนพัฒนาอำเภอ",
    AreaLevel.PROVINCE: "สำหรับสำนักงานพัฒนาชุมชนจังหวัดและหน่วยงานวางแผนจังหวัด",
}


@dataclass(frozen=True)
class YearTotals:
    year: int
    households: int
    members: int | None
    poor: int
    counts: dict[str, list[int]]
    edition_id: int
    synthetic: bool


@dataclass(frozen=True)
class ChildRow:
    area: Area
    households: int
    poor: int
    poor_share: Decimal | None
    shares: list[Decimal | None]  # failing share of each of the pack's top problem indicators


@dataclass
class DataPack:
    title: str
    subject: str  # "หมู่ที่ 1 บ้าน… ตำบล… อำเภอ… จังหวัด…" or the local government's name
    audience: str
    area: Area | None
    local_government: LocalGovernment | None
    year: int | None
    years: list[int]
    households: int = 0
    members: int | None = None
    poor: int = 0
    indicators: list[IndicatorResult] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    trend_years: list[int] = field(default_factory=list)
    trends: dict[str, list[Decimal | None]] = field(default_factory=dict)
    top_codes: list[str] = field(default_factory=list)
    children: list[ChildRow] = field(default_factory=list)
    child_label: str = ""
    categories: dict[str, str] = field(default_factory=dict)
    families: dict[str, Any] = field(default_factory=dict)
    synthetic: bool = False
    villages_outside: int = 0  # a local government's covered villages outside the user's area

    @property
    def poor_share(self) -> Decimal | None:
        return percent(self.poor, self.households)

    @property
    def top_indicators(self) -> list[IndicatorResult]:
        by_code = {r.indicator.code: r for r in self.indicators}
        return [by_code[c] for c in self.top_codes if c in by_code]


def _totals(rows: Iterable[Any]) -> list[YearTotals]:
    return [
        YearTotals(
            r.year, r.households, r.members, r.poor_households, r.counts, r.edition_id, r.is_demo
        )
        for r in rows
    ]


def _area_years(area: Area) -> list[YearTotals]:
    return _totals(BmnResult.objects.filter(area=area).order_by("year"))


def _lao_years(lao: LocalGovernment, villages: list[str]) -> list[YearTotals]:
    """A local government's totals: the sum of these covered villages' rows, year by year."""
    rows = BmnResult.objects.filter(
        area__coverage__local_government=lao, area_id__in=villages, level=AreaLevel.VILLAGE
    )
    by_year: dict[int, list[Any]] = {}
    for row in rows.order_by("year"):
        by_year.setdefault(row.year, []).append(row)
    totals = []
    for year, village_rows in sorted(by_year.items()):
        members = [r.members for r in village_rows]
        totals.append(
            YearTotals(
                year=year,
                households=sum(r.households for r in village_rows),
                members=None if any(m is None for m in members) else sum(m or 0 for m in members),
                poor=sum(r.poor_households for r in village_rows),
                counts=add_counts(r.counts for r in village_rows),
                edition_id=village_rows[0].edition_id,
                synthetic=any(r.is_demo for r in village_rows),
            )
        )
    return totals


def _thresholds() -> Thresholds:
    s = ProblemSettings.current()
    return Thresholds(
        bmn_min_failed_share=s.bmn_min_failed_share,
        bmn_min_failed_count=s.bmn_min_failed_count,
        vbd_problem_level=s.vbd_problem_level,
        poor_min_share=s.poor_min_share,
        gvh_low_share=s.gvh_low_share,
        accounts_min_share=s.accounts_min_share,
        village_evidence_full_weight=s.village_evidence_full_weight,
    )


def _families(
    area_code: str, villages: list[str] | None, *, display: bool = True
) -> dict[str, Any]:
    """The six other families' summaries for the area (or exactly these villages); without
    `display`, only those the problem analysis reads."""
    families = {
        "vbd": summaries.vbd_summary(area_code, villages=villages),
        "gvh": summaries.gvh_summary(area_code, villages=villages),
        "accounts": summaries.accounts_summary(area_code, villages=villages),
        "poor": summaries.poor_summary(area_code, villages=villages),
    }
    if display:
        families["capital"] = summaries.capital_summary(area_code, villages=villages)
        families["groups"] = summaries.groups_summary(area_code, villages=villages)
    return families


def _family_facts(
    families: dict[str, Any], thresholds: Thresholds, area_code: str, villages: list[str] | None
) -> dict[str, Any]:
    """What the problem analysis needs from the families, as plain facts."""
    texts = {
        (i.edition.family, i.code): (
            i.text_th,
            i.development_category.code if i.development_category else None,
        )
        for i in Indicator.objects.filter(edition__family__in=["vbd", "gvh"]).select_related(
            "edition", "development_category"
        )
    }
    vbd = families["vbd"]
    vbd_facts = [
        VbdIndicatorFacts(
            code=levels.code,
            text_th=texts.get(("vbd", levels.code), (levels.code, None))[0],
            category=texts.get(("vbd", levels.code), ("", None))[1],
            villages_at_or_below=levels.at_1
            + (levels.at_2 if thresholds.vbd_problem_level >= 2 else 0)
            + (levels.at_3 if thresholds.vbd_problem_level >= 3 else 0),
            villages_assessed=levels.villages,
        )
        for levels in vbd.indicators
    ]
    gvh = families["gvh"]
    gvh_facts = []
    if gvh.villages and gvh.scale_max:
        low_below = gvh.scale_max * thresholds.gvh_low_share / 100
        rows = GvhVillage.objects.filter(summaries.in_area(area_code, villages), year=gvh.year)
        scores = [row.scores for row in rows.only("scores")]
        for component in gvh.components:
            values = [Decimal(str(s[component.code])) for s in scores if component.code in s]
            gvh_facts.append(
                GvhComponentFacts(
                    code=component.code,
                    text_th=component.name_th,
                    category=texts.get(("gvh", component.code), ("", None))[1],
                    villages_low=sum(1 for v in values if v < low_below),
                    villages_assessed=len(values),
                    mean_score=component.mean,
                    scale_max=gvh.scale_max,
                )
            )
    accounts = families["accounts"]
    return {
        "vbd": vbd_facts,
        "gvh": gvh_facts,
        "accounts": AccountsFacts(
            households=accounts.households,
            over_indebted=accounts.households_debt_over,
            overspending=accounts.households_expense_over_income,
        ),
        "listed_poor": families["poor"].listed_households,
    }


def _fill(
    pack: DataPack,
    totals: list[YearTotals],
    year: int | None,
    area_code: str,
    villages: list[str] | None = None,
    display: bool = True,
) -> DataPack:
    pack.years = [t.year for t in reversed(totals)]
    pack.categories = dict(DevelopmentCategory.objects.values_list("code", "name_th"))
    pack.families = _families(area_code, villages, display=display)
    thresholds = _thresholds()
    facts = _family_facts(pack.families, thresholds, area_code, villages)
    if not totals:
        pack.problems = analyse(
            thresholds=thresholds, vbd=facts["vbd"], gvh=facts["gvh"], accounts=facts["accounts"]
        )
        return pack
    current = next((t for t in totals if t.year == year), totals[-1])
    pack.year = current.year
    earlier = [t for t in totals if t.year < current.year and t.edition_id == current.edition_id]
    previous = earlier[-1] if earlier else None
    edition = IndicatorEdition.objects.get(pk=current.edition_id)
    infos: list[IndicatorInfo] = edition_indicators(edition)
    pack.households, pack.members, pack.poor = current.households, current.members, current.poor
    pack.synthetic = current.synthetic
    pack.indicators = indicator_results(
        infos, current.counts, previous.counts if previous else None
    )
    income_code = edition.setting("income_indicator")
    income_text = next((i.text_th for i in infos if i.code == income_code), "")
    pack.problems = analyse(
        thresholds=thresholds,
        bmn=pack.indicators,
        poor=PoorFacts(
            households=current.households,
            failing_income=current.poor,
            listed=facts["listed_poor"],
            income_indicator_text=f"ข้อ {income_code}" if income_text else "",
        ),
        vbd=facts["vbd"],
        gvh=facts["gvh"],
        accounts=facts["accounts"],
    )
    pack.top_codes = [p.key.split(":", 1)[1] for p in pack.problems if p.family == "bmn"][:5]
    same_edition = [
        t for t in totals if t.edition_id == current.edition_id and t.year <= current.year
    ]
    pack.trend_years = [t.year for t in same_edition]
    for code in pack.top_codes:
        series = []
        for t in same_edition:
            eligible, passed = t.counts.get(code, [0, 0])
            series.append(percent(eligible - passed, eligible))
        pack.trends[code] = series
    return pack


def _children(pack: DataPack, areas: Sequence[Area], year: int) -> None:
    rows = {r.area_id: r for r in BmnResult.objects.filter(area__in=list(areas), year=year)}
    result = []
    for child in areas:
        row = rows.get(child.code)
        if row is None:
            result.append(ChildRow(child, 0, 0, None, [None] * len(pack.top_codes)))
            continue
        shares = []
        for code in pack.top_codes:
            eligible, passed = row.counts.get(code, [0, 0])
            shares.append(percent(eligible - passed, eligible))
        result.append(
            ChildRow(
                child,
                row.households,
                row.poor_households,
                percent(row.poor_households, row.households),
                shares,
            )
        )
    pack.children = result


def area_pack(area: Area, *, year: int | None = None, problems_only: bool = False) -> DataPack:
    """The area's data pack; `problems_only` skips what only the pages show (capital and
    groups, the comparison of the area's children) for callers that want its problems."""
    level = AreaLevel(area.level)
    ancestors = {a.code: a for a in Area.objects.filter(code__in=area.ancestor_codes())}
    subject = " ".join(
        [
            area.display_name,
            *(ancestors[c].display_name for c in reversed(area.ancestor_codes()) if c in ancestors),
        ]
    )
    pack = DataPack(
        title="ชุดข้อมูลเพื่อการพัฒนา",
        subject=subject,
        audience=AUDIENCE[level],
        area=area,
        local_government=None,
        year=None,
        years=[],
    )
    _fill(pack, _area_years(area), year, area.code, display=not problems_only)
    if pack.year is not None and level < AreaLevel.VILLAGE and not problems_only:
        children = (
            area.children.order_by("moo")
            if level == AreaLevel.TAMBON
            else area.children.order_by(ThaiCollate("name_th"), "code")
        )
        pack.child_label = {
            AreaLevel.PROVINCE: "อำเภอ",
            AreaLevel.DISTRICT: "ตำบล",
            AreaLevel.TAMBON: "หมู่บ้าน",
        }[level]
        _children(pack, list(children), pack.year)
    return pack


LAO_TITLE = "ชุดข้อมูลเพื่อการจัดทำแผนพัฒนาท้องถิ่น"
LAO_PART = "เฉพาะส่วนที่อยู่ในพื้นที่ของท่าน"


def local_government_pack(
    lao: LocalGovernment, *, villages: CoveredVillages, year: int | None = None
) -> DataPack:
    """The pack of exactly `villages.visible` (the covered villages the user may see): every
    figure — totals, problems, charts, the village table, the families — comes from them
    alone, and a partial pack says so in its title and subject."""
    visible = sorted(villages.visible)
    partial = not villages.whole
    pack = DataPack(
        title=f"{LAO_TITLE} ({LAO_PART})" if partial else LAO_TITLE,
        subject=(
            f"{lao.name_th} — {len(visible):,} จาก {villages.total:,} หมู่บ้านในเขต อปท."
            if partial
            else lao.name_th
        ),
        audience="สำหรับองค์กรปกครองส่วนท้องถิ่น ใช้จัดทำแผนพัฒนาท้องถิ่น",
        area=None,
        local_government=lao,
        year=None,
        years=[],
        villages_outside=villages.outside,
    )
    _fill(pack, _lao_years(lao, visible), year, lao.seat_id[:2], villages=visible)
    if pack.year is not None:
        areas = list(
            Area.objects.filter(coverage__local_government=lao, code__in=visible).order_by("code")
        )
        pack.child_label = "หมู่บ้าน"
        _children(pack, areas, pack.year)
    return pack
