"""The six families as FamilySpecs: กชช.2ค and GVH scores (wide files, one column per indicator
of the edition), household accounts, community capital, occupation groups and poor-household
lists (narrow files, one record a row), and their importers."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from planlink.core.thai import ThaiValueError
from planlink.evidence.importers.families.checks import (
    _decimal,
    _Rows,
    _score_level,
    parse_thai_date,
)
from planlink.evidence.importers.families.columns import (
    ACCOUNT_COLUMNS,
    CAPITAL_COLUMNS,
    DEFAULT_LIST_NAME,
    GROUP_COLUMNS,
    GVH_BASE,
    MAX_HOUSEHOLD_MEMBERS,
    MAX_LIST_NAME,
    POOR_COLUMNS,
    VBD_BASE,
    FamilyOutcome,
    capital_kind,
)
from planlink.evidence.importers.families.reading import _narrow, _read_wide, _score_key
from planlink.evidence.importers.families.scaffold import (
    FamilySpec,
    Reading,
    ReadRequest,
    family_import,
    hash_household_keys,
)
from planlink.evidence.models import (
    CapitalKind,
    CommunityCapital,
    Family,
    GvhVillage,
    HouseholdAccount,
    OccupationGroup,
    PoorHousehold,
    VbdVillage,
)

# --- กชช.2ค and GVH: scores per village ---------------------------------------------------------


def _read_vbd(request: ReadRequest) -> Reading:
    return _wide(request, Family.VBD, VBD_BASE)


def _read_gvh(request: ReadRequest) -> Reading:
    reading = _wide(request, Family.GVH, GVH_BASE)
    assert reading.edition is not None
    reading.extra["low"] = Decimal(str(reading.edition.setting("scale_min", 1)))
    reading.extra["high"] = Decimal(str(reading.edition.setting("scale_max", 5)))
    return reading


def _wide(request: ReadRequest, family: str, base: Any) -> Reading:
    wide = _read_wide(
        request.path,
        request.original_name,
        family,
        base,
        request.year,
        request.edition_code,
        request.problems,
        drop_personal=request.drop_personal,
    )
    check = _Rows(
        wide.table,
        request.problems,
        year=request.year,
        within=request.within,
        progress=request.progress,
    )
    return Reading(check=check, edition=wide.edition, present=list(wide.present))


def _village_year(reading: Reading, rec: dict[str, Any]) -> tuple[str | None, int | None]:
    """The row's village and year, a second row of the same pair named as a duplicate."""
    check = reading.check
    village, year = check.village(rec), check.year(rec)
    if village and year:
        check.duplicate(
            rec, "village", reading.seen, (year, village), "หมู่บ้านและปีนี้", "this village and year"
        )
    return village, year


def _vbd_row(reading: Reading, rec: dict[str, Any], demo: bool) -> VbdVillage | None:
    check = reading.check
    village, round_year = _village_year(reading, rec)
    scores: dict[str, int] = {}
    for code in reading.present:
        key = _score_key(code)
        text = rec[key]
        value = _score_level(text)
        if text is None:
            check.bad(rec, key, f"ไม่มีคะแนนข้อ {code}", f"the score of indicator {code} is missing")
        elif value is None:
            check.bad(
                rec,
                key,
                f"คะแนนข้อ {code} ต้องเป็น 1, 2 หรือ 3 (พบ '{text}')",
                f"the score of indicator {code} must be 1, 2 or 3 (found '{text}')",
            )
        else:
            scores[code] = value
    if not (village and round_year):
        return None
    return VbdVillage(
        round_year=round_year,
        edition=reading.edition,
        village_id=village,
        scores=scores,
        is_demo=demo,
    )


def _gvh_row(reading: Reading, rec: dict[str, Any], demo: bool) -> GvhVillage | None:
    check = reading.check
    low, high = reading.extra["low"], reading.extra["high"]
    village, gvh_year = _village_year(reading, rec)
    assessed_on = None
    if rec["assessed_on"] is not None:
        try:
            assessed_on = parse_thai_date(rec["assessed_on"])
        except ThaiValueError as exc:
            check.bad(rec, "assessed_on", exc.th, exc.en)
    scores: dict[str, str] = {}
    for code in reading.present:
        key = _score_key(code)
        text = rec[key]
        value = _decimal(text)
        if text is None:
            check.bad(
                rec, key, f"ไม่มีคะแนนองค์ประกอบ {code}", f"the score of component {code} is missing"
            )
        elif value is None:
            check.bad(
                rec,
                key,
                f"คะแนนองค์ประกอบ {code} '{text}' ไม่ใช่ตัวเลข",
                f"the score of component {code}, '{text}', is not a number",
            )
        elif not low <= value <= high:
            check.bad(
                rec,
                key,
                f"คะแนนองค์ประกอบ {code} ต้องอยู่ระหว่าง {low}–{high} (พบ {text})",
                f"the score of component {code} must be from {low} to {high} (found {text})",
            )
        else:
            # Text keeps the decimal exact in JSON (as the demo data stores it).
            scores[code] = format(value.normalize(), "f")
    if not (village and gvh_year):
        return None
    return GvhVillage(
        year=gvh_year,
        edition=reading.edition,
        village_id=village,
        scores=scores,
        assessed_on=assessed_on,
        is_demo=demo,
    )


# --- Narrow files: one record a row ------------------------------------------------------------


def _narrow_reader(columns: Any, *, household: bool = False) -> Callable[[ReadRequest], Reading]:
    def read(request: ReadRequest) -> Reading:
        check = _narrow(
            request.path,
            request.original_name,
            columns,
            request.year,
            request.within,
            request.problems,
            household=household,
            drop_personal=request.drop_personal,
            progress=request.progress,
        )
        return Reading(check=check)

    return read


_MONEY = (
    ("income", "รายได้", "income"),
    ("expense", "รายจ่าย", "expenses"),
    ("savings", "เงินออม", "savings"),
    ("debt", "หนี้สิน", "debt"),
)


def _account_row(reading: Reading, rec: dict[str, Any], demo: bool) -> HouseholdAccount | None:
    check = reading.check
    village, account_year, key = check.village(rec), check.year(rec), check.household(rec)
    if village and account_year and key:
        check.duplicate(
            rec,
            "household",
            reading.seen,
            (account_year, village, key),
            "ครัวเรือนนี้",
            "this household",
        )
    members = check.integer(rec, "members", 1, MAX_HOUSEHOLD_MEMBERS, "จำนวนสมาชิก", "members")
    amounts = [
        check.money(rec, k, th, en, required=True, dash_is_zero=True) for k, th, en in _MONEY
    ]
    if not (village and account_year and key and members):
        return None
    income, expense, savings, debt = (a or Decimal(0) for a in amounts)
    return HouseholdAccount(
        year=account_year,
        village_id=village,
        household_key=key,  # the house code as read: hashed before anything is stored
        members=members,
        income=income,
        expense=expense,
        savings=savings,
        debt=debt,
        is_demo=demo,
    )


_KINDS = ", ".join(str(k) for k in CapitalKind)


def _capital_row(reading: Reading, rec: dict[str, Any], demo: bool) -> CommunityCapital | None:
    check = reading.check
    village, capital_year = check.village(rec), check.year(rec)
    kind = None
    if rec["kind"] is None:
        check.bad(rec, "kind", "ไม่มีประเภททุน", "the capital type is missing")
    else:
        kind = capital_kind(rec["kind"])
        if kind is None:
            check.bad(
                rec,
                "kind",
                f"ไม่รู้จักประเภททุน '{rec['kind']}' (กองทุน, ทรัพย์สิน, องค์กร/กลุ่ม, ทรัพยากรธรรมชาติ, วัฒนธรรม/ภูมิปัญญา, ทุนมนุษย์)",
                f"unknown capital type '{rec['kind']}' (one of {_KINDS})",
            )
    name = check.text(rec, "name", "ชื่อทุน", "capital item name")
    if village and capital_year and name:
        check.duplicate(
            rec,
            "name",
            reading.seen,
            (capital_year, village, name),
            f"ชื่อทุน '{name}' ",
            f"capital item '{name}'",
        )
    amount = check.money(rec, "amount", "มูลค่า", "amount", required=False)
    if not (village and capital_year and kind and name):
        return None
    return CommunityCapital(
        year=capital_year,
        village_id=village,
        kind=kind,
        name=name,
        amount=amount,
        is_demo=demo,
    )


def _group_row(reading: Reading, rec: dict[str, Any], demo: bool) -> OccupationGroup | None:
    check = reading.check
    village, group_year = check.village(rec), check.year(rec)
    name = check.text(rec, "name", "ชื่อกลุ่ม", "group name")
    if village and group_year and name:
        check.duplicate(
            rec,
            "name",
            reading.seen,
            (group_year, village, name),
            f"ชื่อกลุ่ม '{name}' ",
            f"group '{name}'",
        )
    product = check.text(rec, "product", "ผลิตภัณฑ์", "product", required=False)
    members = check.integer(rec, "members", 1, 1_000_000, "จำนวนสมาชิก", "members")
    revenue = check.money(rec, "revenue", "รายได้ต่อปี", "yearly revenue", required=False)
    if not (village and group_year and name and members):
        return None
    return OccupationGroup(
        year=group_year,
        village_id=village,
        name=name,
        product=product or "",
        members=members,
        yearly_revenue=revenue,
        is_demo=demo,
    )


def _poor_row(reading: Reading, rec: dict[str, Any], demo: bool) -> PoorHousehold | None:
    check = reading.check
    village, poor_year, key = check.village(rec), check.year(rec), check.household(rec)
    list_name = check.text(
        rec, "list_name", "ชื่อรายการ", "list name", required=False, limit=MAX_LIST_NAME
    )
    list_name = list_name or DEFAULT_LIST_NAME
    if village and poor_year and key:
        check.duplicate(
            rec,
            "household",
            reading.seen,
            (poor_year, village, key, list_name),
            "ครัวเรือนนี้ในรายการเดียวกัน",
            "this household on the same list",
        )
    if not (village and poor_year and key):
        return None
    return PoorHousehold(
        year=poor_year,
        village_id=village,
        household_key=key,  # the house code as read: hashed before anything is stored
        list_name=list_name,
        is_demo=demo,
    )


VBD = FamilySpec("vbd", VbdVillage, "round_year", _read_vbd, _vbd_row)
GVH = FamilySpec("gvh", GvhVillage, "year", _read_gvh, _gvh_row)
ACCOUNTS = FamilySpec(
    "accounts",
    HouseholdAccount,
    "year",
    _narrow_reader(ACCOUNT_COLUMNS, household=True),
    _account_row,
    finish=hash_household_keys,
)
CAPITAL = FamilySpec(
    "capital", CommunityCapital, "year", _narrow_reader(CAPITAL_COLUMNS), _capital_row
)
GROUPS = FamilySpec("groups", OccupationGroup, "year", _narrow_reader(GROUP_COLUMNS), _group_row)
POOR = FamilySpec(
    "poor",
    PoorHousehold,
    "year",
    _narrow_reader(POOR_COLUMNS, household=True),
    _poor_row,
    finish=hash_household_keys,
    scope_field="list_name",
)
SPECS = {spec.name: spec for spec in (VBD, GVH, ACCOUNTS, CAPITAL, GROUPS, POOR)}

Importer = Callable[..., FamilyOutcome]


def _importer(spec: FamilySpec, doc: str) -> Importer:
    def run(**kwargs: Any) -> FamilyOutcome:
        return family_import(spec, **kwargs)

    run.__name__ = run.__qualname__ = f"{spec.name}_import"
    run.__doc__ = doc + "\n\nKeyword arguments as `scaffold.family_import`."
    return run


vbd_import = _importer(
    VBD, "กชช.2ค village scores: village, survey round, a 1/2/3 column per indicator."
)
gvh_import = _importer(GVH, "GVH component scores: village, year, optional date, within the scale.")
accounts_import = _importer(
    ACCOUNTS, "Household income–expense accounts, one row per household and year."
)
capital_import = _importer(
    CAPITAL, "Community capital: village, year, kind, name, optional amount."
)
groups_import = _importer(
    GROUPS, "Occupation groups: village, year, name, product, members, revenue."
)
poor_import = _importer(
    POOR, "A poor-household list: village, house code, year, optional list name."
)

IMPORTERS: dict[str, Importer] = {
    "vbd": vbd_import,
    "gvh": gvh_import,
    "accounts": accounts_import,
    "capital": capital_import,
    "groups": groups_import,
    "poor": poor_import,
}
