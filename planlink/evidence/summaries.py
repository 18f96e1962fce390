"""Per-area summaries of the six other evidence families.

An area is a DOPA code prefix (2, 4, 6 or 8 digits); a summary covers the villages whose
code starts with it. The arithmetic lives in pure ``*_tally`` functions over plain rows
(unit-tested directly); the ``*_summary`` readers only load rows and settings for them.
Money is Decimal, percentages come from `percent`, and what cannot be computed (a mean of
nothing) is None, never 0 or NaN.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any, Literal

from django.db.models import Max, Q, Sum

from planlink.evidence.editions import BUILTIN_EDITIONS
from planlink.evidence.engine.bmn import percent
from planlink.evidence.models import (
    BmnResult,
    CapitalKind,
    CommunityCapital,
    GvhVillage,
    HouseholdAccount,
    IndicatorEdition,
    OccupationGroup,
    PoorHousehold,
    ProblemSettings,
    VbdVillage,
)

_CENT = Decimal("0.01")
VBD_LEVELS = (1, 2, 3)
# An edition loaded without classification cut-offs uses those of the built-in form.
_VBD_DEFAULTS: Mapping[str, Any] = next(b.settings for b in BUILTIN_EDITIONS if b.family == "vbd")


def _mean(total: Decimal, count: int) -> Decimal | None:
    if count <= 0:
        return None
    return (total / count).quantize(_CENT, rounding=ROUND_HALF_UP)


def in_area(area_code: str, villages: Sequence[str] | None) -> Q:
    """Rows of the area's villages — or, for a local government, of exactly `villages`."""
    if villages is not None:
        return Q(village_id__in=list(villages))
    return Q(village__code__startswith=area_code)


def check_area_code(area_code: str) -> str:
    if not re.fullmatch(r"\d{2}|\d{4}|\d{6}|\d{8}", area_code):
        raise ValueError(f"an area code has 2, 4, 6 or 8 digits, not {area_code!r}")
    return area_code


# --- กชช.2ค -----------------------------------------------------------------------------


@dataclass(frozen=True)
class VbdRow:
    village: str
    scores: Mapping[str, int]  # indicator code → 1, 2 or 3
    settings: Mapping[str, Any]  # the edition's classification cut-offs


@dataclass(frozen=True)
class VbdIndicatorLevels:
    code: str
    at_1: int
    at_2: int
    at_3: int

    @property
    def villages(self) -> int:
        return self.at_1 + self.at_2 + self.at_3


@dataclass(frozen=True)
class VbdSummary:
    area_code: str
    round_year: int | None
    editions: tuple[str, ...]
    villages: int
    classes: Mapping[int, int]  # 1, 2, 3 → villages in that class
    indicators: tuple[VbdIndicatorLevels, ...]

    def class_share(self, village_class: int) -> Decimal | None:
        return percent(self.classes.get(village_class, 0), self.villages)


def vbd_class(scores: Mapping[str, int], settings: Mapping[str, Any]) -> int:
    """A village's development class: 1 when the share of its indicators scored 1 reaches
    ``class_1_min_share_at_1``, else 3 when the share scored 3 reaches
    ``class_3_min_share_at_3``, else 2. Shares are compared exactly (no float rounding)."""
    if not scores:
        raise ValueError("a village without indicator scores has no class")
    total = len(scores)
    levels = Counter(scores.values())

    def cut_off(name: str) -> Fraction:
        return Fraction(str(settings.get(name, _VBD_DEFAULTS[name])))

    if Fraction(levels[1], total) >= cut_off("class_1_min_share_at_1"):
        return 1
    if Fraction(levels[3], total) >= cut_off("class_3_min_share_at_3"):
        return 3
    return 2


def vbd_tally(
    area_code: str,
    round_year: int | None,
    rows: Sequence[VbdRow],
    codes: Sequence[str],
    editions: Sequence[str] = (),
) -> VbdSummary:
    """Villages per class, and per indicator (in `codes` order) villages at each level."""
    classes = Counter(vbd_class(row.scores, row.settings) for row in rows)
    indicators = []
    for code in codes:
        levels = Counter(row.scores[code] for row in rows if code in row.scores)
        indicators.append(VbdIndicatorLevels(code, levels[1], levels[2], levels[3]))
    return VbdSummary(
        area_code=area_code,
        round_year=round_year,
        editions=tuple(editions),
        villages=len(rows),
        classes={level: classes[level] for level in VBD_LEVELS},
        indicators=tuple(indicators),
    )


def vbd_summary(
    area_code: str, round_year: int | None = None, *, villages: Sequence[str] | None = None
) -> VbdSummary:
    """The area's กชช.2ค round `round_year` (default: its latest round)."""
    check_area_code(area_code)
    rounds = VbdVillage.objects.filter(in_area(area_code, villages))
    if round_year is None:
        round_year = rounds.aggregate(latest=Max("round_year"))["latest"]
    records = list(
        rounds.filter(round_year=round_year).values_list("village_id", "scores", "edition_id")
    )
    editions = _editions({edition for _v, _s, edition in records})
    rows = [
        VbdRow(village, {code: int(v) for code, v in scores.items()}, editions[edition].settings)
        for village, scores, edition in records
    ]
    return vbd_tally(
        area_code,
        round_year,
        rows,
        _codes(editions.values()),
        sorted(e.code for e in editions.values()),
    )


def _editions(ids: set[int]) -> dict[int, IndicatorEdition]:
    return {e.pk: e for e in IndicatorEdition.objects.filter(pk__in=ids)}


def _codes(editions: Any) -> list[str]:
    """Indicator codes of the editions in their order (one edition in practice)."""
    codes: list[str] = []
    for edition in sorted(editions, key=lambda e: e.code):
        for code in edition.indicators.order_by("order").values_list("code", flat=True):
            if code not in codes:
                codes.append(code)
    return codes


# --- GVH ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class GvhRow:
    village: str
    scores: Mapping[str, Decimal]  # component code → score


@dataclass(frozen=True)
class ComponentStats:
    code: str
    name_th: str
    villages: int
    mean: Decimal | None
    minimum: Decimal | None
    maximum: Decimal | None


@dataclass(frozen=True)
class GvhSummary:
    area_code: str
    year: int | None
    editions: tuple[str, ...]
    villages: int
    scale_min: Decimal | None
    scale_max: Decimal | None
    components: tuple[ComponentStats, ...]


def gvh_tally(
    area_code: str,
    year: int | None,
    rows: Sequence[GvhRow],
    components: Sequence[tuple[str, str]],
    scale: tuple[Decimal, Decimal] | None,
    editions: Sequence[str] = (),
) -> GvhSummary:
    """Per component (code, Thai name) the mean (to 0.01), minimum and maximum over the
    villages that scored it."""
    stats = []
    for code, name in components:
        values = [row.scores[code] for row in rows if code in row.scores]
        stats.append(
            ComponentStats(
                code=code,
                name_th=name,
                villages=len(values),
                mean=_mean(sum(values, Decimal(0)), len(values)),
                minimum=min(values) if values else None,
                maximum=max(values) if values else None,
            )
        )
    return GvhSummary(
        area_code=area_code,
        year=year,
        editions=tuple(editions),
        villages=len(rows),
        scale_min=scale[0] if scale else None,
        scale_max=scale[1] if scale else None,
        components=tuple(stats),
    )


def gvh_summary(
    area_code: str, year: int | None = None, *, villages: Sequence[str] | None = None
) -> GvhSummary:
    """The area's GVH assessments of `year` (default: its latest year)."""
    check_area_code(area_code)
    assessed = GvhVillage.objects.filter(in_area(area_code, villages))
    if year is None:
        year = assessed.aggregate(latest=Max("year"))["latest"]
    records = list(assessed.filter(year=year).values_list("village_id", "scores", "edition_id"))
    editions = _editions({edition for _v, _s, edition in records})
    rows = [
        GvhRow(village, {code: Decimal(str(v)) for code, v in scores.items()})
        for village, scores, _edition in records
    ]
    components: list[tuple[str, str]] = []
    for edition in sorted(editions.values(), key=lambda e: e.code):
        for code, name in edition.indicators.order_by("order").values_list("code", "category_th"):
            if code not in {c for c, _n in components}:
                components.append((code, name))
    scales = {
        (Decimal(str(e.setting("scale_min", 1))), Decimal(str(e.setting("scale_max", 5))))
        for e in editions.values()
    }
    return gvh_tally(
        area_code,
        year,
        rows,
        components,
        scales.pop() if len(scales) == 1 else None,
        sorted(e.code for e in editions.values()),
    )


# --- Household accounts -------------------------------------------------------------------


@dataclass(frozen=True)
class AccountRow:
    members: int
    income: Decimal
    expense: Decimal
    savings: Decimal
    debt: Decimal


@dataclass(frozen=True)
class MoneyStats:
    total: Decimal
    per_household: Decimal | None
    per_person: Decimal | None


@dataclass(frozen=True)
class AccountsSummary:
    area_code: str
    year: int | None
    households: int
    members: int
    income: MoneyStats
    expense: MoneyStats
    savings: MoneyStats
    debt: MoneyStats
    debt_to_income: Decimal  # the multiple of income above which debt is weak
    households_debt_over: int
    pct_debt_over: Decimal | None
    households_expense_over_income: int
    pct_expense_over_income: Decimal | None


def accounts_tally(
    area_code: str, year: int | None, rows: Sequence[AccountRow], debt_to_income: Decimal
) -> AccountsSummary:
    households = len(rows)
    members = sum(row.members for row in rows)

    def stats(field: str) -> MoneyStats:
        total = sum((getattr(row, field) for row in rows), Decimal("0.00"))
        return MoneyStats(total, _mean(total, households), _mean(total, members))

    debt_over = sum(1 for row in rows if row.debt > debt_to_income * row.income)
    expense_over = sum(1 for row in rows if row.expense > row.income)
    return AccountsSummary(
        area_code=area_code,
        year=year,
        households=households,
        members=members,
        income=stats("income"),
        expense=stats("expense"),
        savings=stats("savings"),
        debt=stats("debt"),
        debt_to_income=debt_to_income,
        households_debt_over=debt_over,
        pct_debt_over=percent(debt_over, households),
        households_expense_over_income=expense_over,
        pct_expense_over_income=percent(expense_over, households),
    )


def accounts_summary(
    area_code: str,
    year: int | None = None,
    *,
    debt_to_income: Decimal | None = None,
    villages: Sequence[str] | None = None,
) -> AccountsSummary:
    """The area's household accounts of `year` (default: its latest year); the debt
    threshold is ProblemSettings.accounts_debt_to_income unless given."""
    check_area_code(area_code)
    accounts = HouseholdAccount.objects.filter(in_area(area_code, villages))
    if year is None:
        year = accounts.aggregate(latest=Max("year"))["latest"]
    rows = [
        AccountRow(*values)
        for values in accounts.filter(year=year).values_list(
            "members", "income", "expense", "savings", "debt"
        )
    ]
    if debt_to_income is None:
        debt_to_income = ProblemSettings.current().accounts_debt_to_income
    return accounts_tally(area_code, year, rows, debt_to_income)


# --- Community capital --------------------------------------------------------------------


@dataclass(frozen=True)
class CapitalRow:
    village: str
    kind: str
    amount: Decimal | None


@dataclass(frozen=True)
class KindTotals:
    kind: str
    items: int
    villages: int
    items_with_amount: int
    amount: Decimal | None  # sum of the amounts given; None when no item has one


@dataclass(frozen=True)
class CapitalSummary:
    area_code: str
    year: int | None
    items: int
    villages: int
    items_with_amount: int
    amount: Decimal | None
    kinds: tuple[KindTotals, ...]  # every CapitalKind, in its order


def _known_sum(amounts: Sequence[Decimal | None]) -> tuple[int, Decimal | None]:
    known = [a for a in amounts if a is not None]
    return len(known), (sum(known, Decimal("0.00")) if known else None)


def capital_tally(
    area_code: str,
    year: int | None,
    rows: Sequence[CapitalRow],
    kinds: Sequence[str] = tuple(CapitalKind.values),
) -> CapitalSummary:
    by_kind: dict[str, list[CapitalRow]] = defaultdict(list)
    for row in rows:
        by_kind[row.kind].append(row)
    totals = []
    for kind in [*kinds, *sorted(set(by_kind) - set(kinds))]:
        items = by_kind.get(kind, [])
        with_amount, amount = _known_sum([r.amount for r in items])
        totals.append(
            KindTotals(kind, len(items), len({r.village for r in items}), with_amount, amount)
        )
    with_amount, amount = _known_sum([r.amount for r in rows])
    return CapitalSummary(
        area_code=area_code,
        year=year,
        items=len(rows),
        villages=len({r.village for r in rows}),
        items_with_amount=with_amount,
        amount=amount,
        kinds=tuple(totals),
    )


def capital_summary(
    area_code: str, year: int | None = None, *, villages: Sequence[str] | None = None
) -> CapitalSummary:
    check_area_code(area_code)
    capital = CommunityCapital.objects.filter(in_area(area_code, villages))
    if year is None:
        year = capital.aggregate(latest=Max("year"))["latest"]
    rows = [
        CapitalRow(*values)
        for values in capital.filter(year=year).values_list("village_id", "kind", "amount")
    ]
    return capital_tally(area_code, year, rows)


# --- Occupation groups --------------------------------------------------------------------


@dataclass(frozen=True)
class GroupRow:
    village: str
    members: int
    revenue: Decimal | None


@dataclass(frozen=True)
class GroupsSummary:
    area_code: str
    year: int | None
    groups: int
    villages: int
    members: int
    groups_with_revenue: int
    revenue: Decimal | None  # sum of the revenues given; None when no group gives one
    revenue_per_group: Decimal | None  # mean over the groups that give a revenue


def groups_tally(area_code: str, year: int | None, rows: Sequence[GroupRow]) -> GroupsSummary:
    with_revenue, revenue = _known_sum([r.revenue for r in rows])
    return GroupsSummary(
        area_code=area_code,
        year=year,
        groups=len(rows),
        villages=len({r.village for r in rows}),
        members=sum(r.members for r in rows),
        groups_with_revenue=with_revenue,
        revenue=revenue,
        revenue_per_group=_mean(revenue, with_revenue) if revenue is not None else None,
    )


def groups_summary(
    area_code: str, year: int | None = None, *, villages: Sequence[str] | None = None
) -> GroupsSummary:
    check_area_code(area_code)
    groups = OccupationGroup.objects.filter(in_area(area_code, villages))
    if year is None:
        year = groups.aggregate(latest=Max("year"))["latest"]
    rows = [
        GroupRow(*values)
        for values in groups.filter(year=year).values_list(
            "village_id", "members", "yearly_revenue"
        )
    ]
    return groups_tally(area_code, year, rows)


# --- Poor households --------------------------------------------------------------------


@dataclass(frozen=True)
class PoorRow:
    village: str
    household_key: str
    list_name: str


@dataclass(frozen=True)
class ListCount:
    list_name: str
    households: int


@dataclass(frozen=True)
class PoorSummary:
    area_code: str
    year: int | None
    bmn_households: int | None  # households surveyed by BMN; None without a BMN result
    bmn_poor: int | None  # … failing the income indicator
    pct_bmn_poor: Decimal | None
    listed_households: int  # distinct households on any imported list
    listed_villages: int
    lists: tuple[ListCount, ...]
    list_year: int | None = None  # the lists' year, when it is not the survey's


def poor_tally(
    area_code: str,
    year: int | None,
    bmn: tuple[int, int] | None,
    rows: Sequence[PoorRow],
    list_year: int | None = None,
) -> PoorSummary:
    """`bmn`: (households surveyed, households failing the income indicator) of the area's
    BMN result, or None. BMN households are counted in the survey's roll-ups and listed ones
    by pseudonym, so the two are reported side by side, not added. `rows` are the lists of
    `list_year` (set only when it is not `year`)."""
    per_list: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for row in rows:
        per_list[row.list_name].add((row.village, row.household_key))
    households, poor = bmn if bmn is not None else (0, 0)
    return PoorSummary(
        area_code=area_code,
        year=year,
        bmn_households=households if bmn is not None else None,
        bmn_poor=poor if bmn is not None else None,
        pct_bmn_poor=percent(poor, households) if bmn is not None else None,
        listed_households=len({(r.village, r.household_key) for r in rows}),
        listed_villages=len({r.village for r in rows}),
        lists=tuple(ListCount(name, len(keys)) for name, keys in sorted(per_list.items())),
        list_year=list_year if list_year != year else None,
    )


def poor_summary(
    area_code: str,
    year: int | None = None,
    *,
    villages: Sequence[str] | None = None,
    list_year: Literal["same"] | int | None = "same",
) -> PoorSummary:
    """Poor households of the area in `year` (default: the latest year with a BMN result of
    the area or a listed household in it): the survey's households failing the income
    indicator that year, and the households on the lists of `list_year` (default the same
    year; None: no lists)."""
    check_area_code(area_code)
    listed = PoorHousehold.objects.filter(in_area(area_code, villages))
    results = (
        BmnResult.objects.filter(area_id__in=list(villages))
        if villages is not None
        else BmnResult.objects.filter(area_id=area_code)
    )
    if year is None:
        latest = [
            listed.aggregate(latest=Max("year"))["latest"],
            results.aggregate(latest=Max("year"))["latest"],
        ]
        year = max((y for y in latest if y is not None), default=None)
    if list_year == "same":
        list_year = year
    if year is None:
        return poor_tally(area_code, None, None, [])
    totals = results.filter(year=year).aggregate(h=Sum("households"), p=Sum("poor_households"))
    result = (totals["h"], totals["p"]) if totals["h"] is not None else None
    rows = (
        [
            PoorRow(*values)
            for values in listed.filter(year=list_year).values_list(
                "village_id", "household_key", "list_name"
            )
        ]
        if list_year is not None
        else []
    )
    return poor_tally(area_code, year, result, rows, list_year=list_year)
