"""The problem analysis of many areas at once (what an import stores): a province's
evidence rows read once, each row made ready for the tallies once, then every area and
local government of it tallied from memory — the same summaries and problems as
`analysis.compute` reads from the database for one area (the suite checks they agree)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Q

from planlink.evidence import summaries as s
from planlink.evidence.analysis import (
    FAMILIES,
    Analysis,
    Families,
    Reference,
    YearTotals,
    analysis_of,
    round_for,
    survey_years,
    totals_of,
    village_totals,
)
from planlink.evidence.models import (
    BmnResult,
    CommunityCapital,
    GvhVillage,
    HouseholdAccount,
    OccupationGroup,
    PoorHousehold,
    VbdVillage,
)


@dataclass(frozen=True)
class Scope:
    """An area or a local government, and the villages its analysis covers."""

    area: str | None
    local_government: str | None
    level: int | None
    summary_code: str  # what the summaries name: the area, or a local government's province
    villages: tuple[str, ...] | None  # a local government's covered villages


# Per family: village → round → rows ready for the family's tally.
Index = dict[str, dict[int, list[Any]]]


@dataclass(frozen=True)
class _Gvh:
    row: s.GvhRow
    scores: Mapping[str, Any]  # as stored: what the problem facts compare
    edition_id: int


@dataclass(frozen=True)
class _Vbd:
    row: s.VbdRow
    edition_id: int


class _Rows:
    def __init__(self, by_family: dict[str, Index], bmn: dict[str, list[Any]]) -> None:
        self.by_family = by_family
        self.bmn = bmn  # area → its BMN results, by year

    def rounds(self, family: str, villages: Iterable[str]) -> set[int]:
        index = self.by_family[family]
        return {r for v in villages for r in index.get(v, {})}

    def rows(self, family: str, villages: Iterable[str], round_year: int | None) -> list[Any]:
        if round_year is None:
            return []
        index = self.by_family[family]
        return [row for v in villages for row in index.get(v, {}).get(round_year, ())]


def _index(rows: Iterable[tuple[Any, ...]], make: Any) -> Index:
    found: Index = defaultdict(lambda: defaultdict(list))
    for village, round_year, *values in rows:
        found[village][round_year].append(make(village, *values))
    return found


def _load(provinces: Sequence[str], ref: Reference) -> _Rows:
    def within(field: str) -> Q:
        q = Q(pk__in=[])
        for province in provinces:
            q |= Q(**{f"{field}__startswith": province})
        return q

    village = within("village__code")

    def vbd(village_code: str, scores: dict[str, Any], edition: int) -> _Vbd:
        levels = {code: int(v) for code, v in scores.items()}
        return _Vbd(s.VbdRow(village_code, levels, ref.editions[edition].settings), edition)

    def gvh(village_code: str, scores: dict[str, Any], edition: int) -> _Gvh:
        values = {code: Decimal(str(v)) for code, v in scores.items()}
        return _Gvh(s.GvhRow(village_code, values), scores, edition)

    by_family = {
        "vbd": _index(
            VbdVillage.objects.filter(village).values_list(
                "village_id", "round_year", "scores", "edition_id"
            ),
            vbd,
        ),
        "gvh": _index(
            GvhVillage.objects.filter(village).values_list(
                "village_id", "year", "scores", "edition_id"
            ),
            gvh,
        ),
        "accounts": _index(
            HouseholdAccount.objects.filter(village).values_list(
                "village_id", "year", "members", "income", "expense", "savings", "debt"
            ),
            lambda _v, *values: s.AccountRow(*values),
        ),
        "poor": _index(
            PoorHousehold.objects.filter(village).values_list(
                "village_id", "year", "household_key", "list_name"
            ),
            s.PoorRow,
        ),
        "capital": _index(
            CommunityCapital.objects.filter(village).values_list(
                "village_id", "year", "kind", "amount"
            ),
            s.CapitalRow,
        ),
        "groups": _index(
            OccupationGroup.objects.filter(village).values_list(
                "village_id", "year", "members", "yearly_revenue"
            ),
            s.GroupRow,
        ),
    }
    bmn: dict[str, list[Any]] = defaultdict(list)
    for row in BmnResult.objects.filter(within("area__code")).order_by("year"):
        bmn[row.area_id].append(row)
    return _Rows(by_family, bmn)


def _vbd(code: str, round_year: int | None, rows: list[_Vbd], ref: Reference) -> s.VbdSummary:
    editions = sorted({ref.editions[r.edition_id] for r in rows}, key=lambda e: e.code)
    codes: list[str] = []
    for edition in editions:
        codes += [c for c in ref.codes[edition.pk] if c not in codes]
    return s.vbd_tally(code, round_year, [r.row for r in rows], codes, [e.code for e in editions])


def _gvh(code: str, year: int | None, rows: list[_Gvh], ref: Reference) -> s.GvhSummary:
    editions = sorted({ref.editions[r.edition_id] for r in rows}, key=lambda e: e.code)
    components: list[tuple[str, str]] = []
    for edition in editions:
        for component in ref.names[edition.pk]:
            if component[0] not in {c for c, _n in components}:
                components.append(component)
    scales = {
        (Decimal(str(e.setting("scale_min", 1))), Decimal(str(e.setting("scale_max", 5))))
        for e in editions
    }
    return s.gvh_tally(
        code,
        year,
        [r.row for r in rows],
        components,
        scales.pop() if len(scales) == 1 else None,
        [e.code for e in editions],
    )


def _families(
    code: str,
    villages: Sequence[str],
    rounds: dict[str, int | None],
    current: YearTotals | None,
    rows: _Rows,
    ref: Reference,
) -> tuple[Families, list[Mapping[str, Any]]]:
    """The families' summaries of `villages` (named `code`), as the readers make them."""
    gvh_rows: list[_Gvh] = rows.rows("gvh", villages, rounds["gvh"])
    list_year = rounds["poor"]
    poor_year = current.year if current is not None else list_year
    families = Families(
        vbd=_vbd(code, rounds["vbd"], rows.rows("vbd", villages, rounds["vbd"]), ref),
        gvh=_gvh(code, rounds["gvh"], gvh_rows, ref),
        accounts=s.accounts_tally(
            code,
            rounds["accounts"],
            rows.rows("accounts", villages, rounds["accounts"]),
            ref.debt_to_income,
        ),
        poor=(
            s.poor_tally(
                code,
                poor_year,
                (current.households, current.poor) if current is not None else None,
                rows.rows("poor", villages, list_year),
                list_year=list_year,
            )
            if poor_year is not None
            else s.poor_tally(code, None, None, [])
        ),
        capital=s.capital_tally(
            code, rounds["capital"], rows.rows("capital", villages, rounds["capital"])
        ),
        groups=s.groups_tally(
            code, rounds["groups"], rows.rows("groups", villages, rounds["groups"])
        ),
    )
    return families, [r.scores for r in gvh_rows]


def compute_many(scopes: Sequence[Scope], provinces: Sequence[str]) -> list[tuple[Scope, Analysis]]:
    """Every survey year's analysis of each scope, from the rows of `provinces` (which must
    hold every village of the scopes) read once."""
    ref = Reference()
    rows = _load(provinces, ref)
    with_data = set().union(*(index.keys() for index in rows.by_family.values()))
    under: dict[str, list[str]] = defaultdict(list)
    for village in sorted(with_data):
        for width in (2, 4, 6, 8):
            under[village[:width]].append(village)
    found = []
    for scope in scopes:
        if scope.villages is None:
            assert scope.area is not None
            villages = under.get(scope.area, [])
            totals = totals_of(rows.bmn.get(scope.area, []))
        else:
            villages = [v for v in scope.villages if v in with_data]
            totals = village_totals(
                sorted((r for v in scope.villages for r in rows.bmn.get(v, ())), key=_year)
            )
        years = survey_years(totals)
        available = {family: rows.rounds(family, villages) for family in FAMILIES}
        for year in years:
            rounds = {
                family: round_for(available[family], year, newest=year == years[-1])
                for family in FAMILIES
            }
            current = next((t for t in totals if t.year == year), None)
            families, gvh_scores = _families(
                scope.summary_code, villages, rounds, current, rows, ref
            )
            found.append((scope, analysis_of(totals, year, rounds, families, gvh_scores, ref)))
    return found


def _year(row: Any) -> int:
    return int(row.year)
