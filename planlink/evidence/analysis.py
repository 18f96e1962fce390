"""Problem analysis of areas and local governments: the families' summaries and the ranked
problems (engine/problems.py) for each BMN survey year, computed when evidence changes
(`services.problems_refresh`) and stored, so no page recomputes them.

Which round of each family a survey year uses — what an officer means by "the 2563 pack":
the family's latest round not after 2563 (กชช.2ค is surveyed every two years, so the 2563
pack shows the 2562 round; a family first recorded in 2564 is absent from it). The area's
newest survey year takes each family's latest round, also one recorded after that survey
(a GVH meeting of 2565 before the 2565 BMN survey is in): otherwise an imported round would
show in no pack until the next survey. An area with no BMN survey has one analysis, of each
family's latest round. The rule is `round_for`; rounds are chosen per area (or local
government) among the rounds of its villages, as the family summaries always did.

Two ways to the same result: `compute` reads one area's rows with the summaries' readers
(a local government's part a user may see is computed so, on request);
`analysis_many.compute_many` reads a province's rows once and tallies every area of it
from memory (what an import stores). The suite checks that they agree.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from planlink.areas.models import AreaLevel
from planlink.evidence import summaries as s
from planlink.evidence.engine.bmn import IndicatorInfo, add_counts, indicator_results
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
    CommunityCapital,
    GvhVillage,
    HouseholdAccount,
    Indicator,
    IndicatorEdition,
    OccupationGroup,
    PoorHousehold,
    ProblemSettings,
    VbdVillage,
)
from planlink.evidence.problem_text import IndicatorRef, ProblemTexts
from planlink.evidence.selectors import edition_indicators

# The families besides BMN, each with its model and the field naming its round.
ROUND_FIELDS: dict[str, tuple[Any, str]] = {
    "vbd": (VbdVillage, "round_year"),
    "gvh": (GvhVillage, "year"),
    "accounts": (HouseholdAccount, "year"),
    "poor": (PoorHousehold, "year"),
    "capital": (CommunityCapital, "year"),
    "groups": (OccupationGroup, "year"),
}
FAMILIES = ("vbd", "gvh", "accounts", "poor", "capital", "groups")


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
class Families:
    """The summaries of the six other families a pack shows."""

    vbd: s.VbdSummary
    gvh: s.GvhSummary
    accounts: s.AccountsSummary
    poor: s.PoorSummary
    capital: s.CapitalSummary
    groups: s.GroupsSummary

    def as_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in FAMILIES}


@dataclass(frozen=True)
class Analysis:
    year: int | None  # the BMN survey year; None without a survey
    edition_id: int | None
    rounds: dict[str, int | None]  # "bmn" and each family → the round used
    families: Families
    problems: list[Problem]
    synthetic: bool = False

    def round_of(self, problem: Problem) -> int | None:
        """The round of the family a problem was found in."""
        if problem.key == "poor:list":
            return self.rounds["poor"]
        return self.rounds["bmn" if problem.family == "poor" else problem.family]


def round_for(available: Iterable[int], year: int | None, *, newest: bool) -> int | None:
    """The round a survey year uses (see the module docstring): the latest round not after
    `year`; for the area's newest survey year, or without a survey, the latest round."""
    rounds = sorted(set(available))
    if year is not None and not newest:
        rounds = [r for r in rounds if r <= year]
    return rounds[-1] if rounds else None


def thresholds() -> tuple[Thresholds, Decimal]:
    """The analysis thresholds and the accounts' debt-to-income multiple, from settings."""
    row = ProblemSettings.current()
    return (
        Thresholds(
            bmn_min_failed_share=row.bmn_min_failed_share,
            bmn_min_failed_count=row.bmn_min_failed_count,
            vbd_problem_level=row.vbd_problem_level,
            poor_min_share=row.poor_min_share,
            gvh_low_share=row.gvh_low_share,
            accounts_min_share=row.accounts_min_share,
            village_evidence_full_weight=row.village_evidence_full_weight,
        ),
        row.accounts_debt_to_income,
    )


def totals_of(rows: Iterable[Any]) -> list[YearTotals]:
    """An area's own BMN results (rows ordered by year) as year totals."""
    return [
        YearTotals(
            r.year, r.households, r.members, r.poor_households, r.counts, r.edition_id, r.is_demo
        )
        for r in rows
    ]


def village_totals(rows: Iterable[Any]) -> list[YearTotals]:
    """A set of villages' BMN results (ordered by year) summed year by year."""
    by_year: dict[int, list[Any]] = {}
    for row in rows:
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


class Reference:
    """What every analysis reads besides the rows: thresholds, editions, indicator texts."""

    def __init__(self) -> None:
        self.thresholds, self.debt_to_income = thresholds()
        self.editions = {e.pk: e for e in IndicatorEdition.objects.all()}
        self.texts = {
            (i.edition.family, i.code): (
                i.text_th,
                i.development_category.code if i.development_category else None,
            )
            for i in Indicator.objects.filter(edition__family__in=["vbd", "gvh"]).select_related(
                "edition", "development_category"
            )
        }
        self.codes: dict[int, list[str]] = defaultdict(list)
        self.names: dict[int, list[tuple[str, str]]] = defaultdict(list)
        for edition_id, code, name in Indicator.objects.order_by("order").values_list(
            "edition_id", "code", "category_th"
        ):
            self.codes[edition_id].append(code)
            self.names[edition_id].append((code, name))
        self._infos: dict[int, list[IndicatorInfo]] = {}
        # Problems are titled in plain Thai, the failing condition (problem_text).
        self.problem_texts = ProblemTexts(
            (
                IndicatorRef(family, edition_id, edition_code, code, text_th, threshold)
                for edition_id, family, edition_code, code, text_th, threshold in (
                    Indicator.objects.values_list(
                        "edition_id",
                        "edition__family",
                        "edition__code",
                        "code",
                        "text_th",
                        "threshold",
                    )
                )
            ),
            income_indicator={
                pk: str(e.setting("income_indicator"))
                for pk, e in self.editions.items()
                if e.setting("income_indicator")
            },
            debt_to_income=self.debt_to_income,
        )

    def infos(self, edition_id: int) -> list[IndicatorInfo]:
        if edition_id not in self._infos:
            self._infos[edition_id] = edition_indicators(self.editions[edition_id])
        return self._infos[edition_id]


def _facts(
    families: Families, gvh_scores: Sequence[Mapping[str, Any]], ref: Reference
) -> tuple[list[VbdIndicatorFacts], list[GvhComponentFacts], AccountsFacts]:
    """What the problem analysis needs from the families, as plain facts."""
    limits, texts = ref.thresholds, ref.texts
    vbd_facts = [
        VbdIndicatorFacts(
            code=levels.code,
            text_th=texts.get(("vbd", levels.code), (levels.code, None))[0],
            category=texts.get(("vbd", levels.code), ("", None))[1],
            villages_at_or_below=levels.at_1
            + (levels.at_2 if limits.vbd_problem_level >= 2 else 0)
            + (levels.at_3 if limits.vbd_problem_level >= 3 else 0),
            villages_assessed=levels.villages,
        )
        for levels in families.vbd.indicators
    ]
    gvh = families.gvh
    gvh_facts = []
    if gvh.villages and gvh.scale_max:
        low_below = gvh.scale_max * limits.gvh_low_share / 100
        for component in gvh.components:
            values = [Decimal(str(v[component.code])) for v in gvh_scores if component.code in v]
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
    accounts = families.accounts
    return (
        vbd_facts,
        gvh_facts,
        AccountsFacts(
            households=accounts.households,
            over_indebted=accounts.households_debt_over,
            overspending=accounts.households_expense_over_income,
        ),
    )


def analysis_of(
    totals: Sequence[YearTotals],
    year: int | None,
    rounds: dict[str, int | None],
    families: Families,
    gvh_scores: Sequence[Mapping[str, Any]],
    ref: Reference,
) -> Analysis:
    vbd, gvh, accounts = _facts(families, gvh_scores, ref)
    current = next((t for t in totals if t.year == year), None)
    rounds = {"bmn": current.year if current else None, **rounds}
    if current is None:
        problems = analyse(thresholds=ref.thresholds, vbd=vbd, gvh=gvh, accounts=accounts)
        return Analysis(None, None, rounds, families, ref.problem_texts.titled(problems, None))
    earlier = [t for t in totals if t.year < current.year and t.edition_id == current.edition_id]
    previous = earlier[-1] if earlier else None
    edition = ref.editions[current.edition_id]
    infos = ref.infos(current.edition_id)
    results = indicator_results(infos, current.counts, previous.counts if previous else None)
    income_code = edition.setting("income_indicator")
    income_text = next((i.text_th for i in infos if i.code == income_code), "")
    problems = analyse(
        thresholds=ref.thresholds,
        bmn=results,
        poor=PoorFacts(
            households=current.households,
            failing_income=current.poor,
            listed=families.poor.listed_households,
            income_indicator_text=f"ข้อ {income_code}" if income_text else "",
        ),
        vbd=vbd,
        gvh=gvh,
        accounts=accounts,
    )
    return Analysis(
        current.year,
        current.edition_id,
        rounds,
        families,
        ref.problem_texts.titled(problems, current.edition_id),
        synthetic=current.synthetic,
    )


def survey_years(totals: Sequence[YearTotals]) -> list[int | None]:
    """The years an area is analysed for: each survey year, or one analysis without."""
    return [t.year for t in totals] or [None]


# --- One area, read with the summaries' readers ----------------------------------------------


def compute(area_code: str, year: int | None, *, villages: Sequence[str] | None = None) -> Analysis:
    """The analysis of `area_code` (or, for a local government, of exactly `villages`, with
    `area_code` its province) for survey year `year` (None: the newest)."""
    ref = Reference()
    if villages is None:
        totals = totals_of(BmnResult.objects.filter(area_id=area_code).order_by("year"))
    else:
        totals = village_totals(
            BmnResult.objects.filter(area_id__in=list(villages), level=AreaLevel.VILLAGE).order_by(
                "year"
            )
        )
    years = survey_years(totals)
    if year not in years:
        year = years[-1]
    newest = year == years[-1]
    where = s.in_area(area_code, villages)
    rounds = {
        family: round_for(
            model.objects.filter(where).values_list(field, flat=True).distinct(),
            year,
            newest=newest,
        )
        for family, (model, field) in ROUND_FIELDS.items()
    }
    kept = {"villages": villages}

    def read(family: str, reader: Any, empty: Any, **extra: Any) -> Any:
        found = rounds[family]
        return reader(area_code, found, **kept, **extra) if found is not None else empty

    families = Families(
        vbd=read("vbd", s.vbd_summary, s.vbd_tally(area_code, None, [], [])),
        gvh=read("gvh", s.gvh_summary, s.gvh_tally(area_code, None, [], [], None)),
        accounts=read(
            "accounts",
            s.accounts_summary,
            s.accounts_tally(area_code, None, [], ref.debt_to_income),
            debt_to_income=ref.debt_to_income,
        ),
        poor=s.poor_summary(area_code, year, villages=villages, list_year=rounds["poor"]),
        capital=read("capital", s.capital_summary, s.capital_tally(area_code, None, [])),
        groups=read("groups", s.groups_summary, s.groups_tally(area_code, None, [])),
    )
    gvh_year = rounds["gvh"]
    gvh_scores = (
        [row.scores for row in GvhVillage.objects.filter(where, year=gvh_year).only("scores")]
        if gvh_year is not None
        else []
    )
    return analysis_of(totals, year, rounds, families, gvh_scores, ref)


def empty_families(code: str) -> Families:
    """The summaries of an area with no evidence."""
    return Families(
        vbd=s.vbd_tally(code, None, [], []),
        gvh=s.gvh_tally(code, None, [], [], None),
        accounts=s.accounts_tally(code, None, [], Decimal("1")),
        poor=s.poor_tally(code, None, None, []),
        capital=s.capital_tally(code, None, []),
        groups=s.groups_tally(code, None, []),
    )
