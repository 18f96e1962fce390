"""Data packs (seed items 1, 4, 6): the evidence one level plans from, in one structure that
the web page, the PDF and the XLSX all render.

A pack is for an area (a village for its committee, a tambon, a district for the district
office) or for a local government (the villages it covers that the user may see). Callers
check access first (`access.require_local_government` gives a local government's villages).

A pack reads, never recomputes: BMN figures from the area's stored results, problems and
the other families' summaries from the stored analysis of its survey year (written by every
import, see `evidence.analysis`; the year picks the round of every family by the rule
there), the children's comparison from their results in one query. Only a part of a local
government's villages, which is no stored scope, is analysed on request.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from planlink.areas.models import Area, AreaLevel, LocalGovernment
from planlink.core.collation import ThaiCollate
from planlink.evidence import selectors
from planlink.evidence.analysis import (
    Analysis,
    YearTotals,
    compute,
    empty_families,
    totals_of,
    village_totals,
)
from planlink.evidence.engine.bmn import (
    IndicatorInfo,
    IndicatorResult,
    indicator_results,
    percent,
)
from planlink.evidence.engine.problems import Problem
from planlink.evidence.models import BmnResult, DevelopmentCategory, IndicatorEdition
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
    rounds: dict[str, int | None] = field(default_factory=dict)  # each family's round used
    synthetic: bool = False
    villages_outside: int = 0  # a local government's covered villages outside the user's area

    @property
    def poor_share(self) -> Decimal | None:
        return percent(self.poor, self.households)

    @property
    def top_indicators(self) -> list[IndicatorResult]:
        by_code = {r.indicator.code: r for r in self.indicators}
        return [by_code[c] for c in self.top_codes if c in by_code]


def _area_years(area: Area) -> list[YearTotals]:
    return totals_of(BmnResult.objects.filter(area=area).order_by("year"))


def _lao_years(lao: LocalGovernment, villages: list[str]) -> list[YearTotals]:
    """A local government's totals: the sum of these covered villages' rows, year by year."""
    return village_totals(
        BmnResult.objects.filter(
            area__coverage__local_government=lao, area_id__in=villages, level=AreaLevel.VILLAGE
        ).order_by("year")
    )


def _fill(
    pack: DataPack,
    totals: list[YearTotals],
    year: int | None,
    stored: Callable[[int | None], Analysis | None],
    area_code: str,
) -> DataPack:
    """The pack's figures: BMN from the totals, problems and families from the stored
    analysis of the pack's survey year."""
    pack.years = [t.year for t in reversed(totals)]
    pack.categories = dict(DevelopmentCategory.objects.values_list("code", "name_th"))
    current = next((t for t in totals if t.year == year), totals[-1]) if totals else None
    analysis = stored(current.year if current else None)
    pack.families = (analysis.families if analysis else empty_families(area_code)).as_dict()
    pack.problems = analysis.problems if analysis else []
    pack.rounds = analysis.rounds if analysis else {}
    if current is None:
        return pack
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
    """The area's data pack for survey year `year` (default, or a year without a survey:
    the newest); `problems_only` skips what only the pages show (the comparison of the
    area's children) for callers that want its problems."""
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
    _fill(
        pack,
        _area_years(area),
        year,
        lambda chosen: selectors.area_analysis(area_code=area.code, year=chosen),
        area.code,
    )
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
    province = lao.seat_id[:2]

    def stored(chosen: int | None) -> Analysis | None:
        # A part of its villages (what a user outside the whole may see) is no stored scope:
        # computed here, from those villages alone (at most one local government's).
        found = (
            selectors.local_government_analysis(code=lao.code, villages=visible, year=chosen)
            if villages.whole
            else None
        )
        return found or compute(province, chosen, villages=visible)

    _fill(pack, _lao_years(lao, visible), year, stored, province)
    if pack.year is not None:
        areas = list(
            Area.objects.filter(coverage__local_government=lao, code__in=visible).order_by("code")
        )
        pack.child_label = "หมู่บ้าน"
        _children(pack, areas, pack.year)
    return pack
