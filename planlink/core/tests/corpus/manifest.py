"""What every corpus file must do: the importer it goes to, how it is called, and the outcome.

Expectations come from the format docs (docs/formats*.md) and from what a careful officer
would expect of the file as build.py makes it — never from whatever the code happened to
print. An entry is either

- `Accepted`: the import returns, with `outcome` attributes on its result, and every `Has`
  (exactly one row matching `where`, with `values`; a dict value is compared key by key, as a
  subset) and `Count` holds in the database afterwards; or
- `Refused`: `ImportRejected` whose problems begin with `problems` — each (row, column) exact
  and `en` a fragment of its English message — and whose total is `total` (default: exactly
  the problems listed).

A file may have more than one entry (`variant`: the same file with another option, e.g. the
drop-personal-columns checkbox); the test id is the path, plus `[variant]`.

Files made at test time by generate.py are named "generated/<function>.<ext>".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from planlink.core.tests.corpus.build import OTHER, A, B, C, bmn_summary_rows, gvh_names

VERSION = "<the draft plan version>"  # `where` placeholder: the plan version imported into


@dataclass(frozen=True)
class P:
    """An expected problem."""

    row: int | None
    column: str | None
    en: str


@dataclass(frozen=True)
class Refused:
    problems: tuple[P, ...]
    total: int | None = None  # None: exactly len(problems)


@dataclass(frozen=True)
class Has:
    model: str  # "app.Model"
    where: dict[str, Any]
    values: dict[str, Any]


@dataclass(frozen=True)
class Count:
    model: str
    where: dict[str, Any]
    n: int


@dataclass(frozen=True)
class Accepted:
    outcome: dict[str, Any] = field(default_factory=dict)
    db: tuple[Has | Count, ...] = ()


@dataclass(frozen=True)
class Entry:
    path: str  # relative to the corpus folder
    importer: str  # villages, bmn, vbd, gvh, accounts, capital, groups, poor, edition, plan
    expect: Accepted | Refused
    kwargs: dict[str, Any] = field(default_factory=dict)
    categories: tuple[str, ...] = ()
    variant: str = ""

    @property
    def id(self) -> str:
        return f"{self.path}[{self.variant}]" if self.variant else self.path

    @property
    def generated(self) -> bool:
        return self.path.startswith("generated/")


# The README's categories (an entry may count in several).
CATEGORIES = (
    "encodings",
    "thai-digits",
    "columns",  # missing or extra columns, headers in other words
    "unknown-codes",
    "duplicates",
    "numbers",  # negative, text or out-of-range budgets, money, counts and scores
    "huge-cells",
    "bombs",
    "personal-data",
    "formulas",
    "damaged",  # empty, truncated, mislabelled files
    "odd-but-valid",  # shapes that must be accepted
)

ID_CELL = "holds a 13-digit citizen ID"
KEY_ID = "use the house code, not a citizen ID"
NAMES = "holds names"

# --- villages --------------------------------------------------------------------------------
V_CODE, V_MOO, V_NAME = "รหัสหมู่บ้าน", "หมู่ที่", "ชื่อหมู่บ้าน"
IN_TAMBON = {"within": "520101"}  # an officer of tambon 520101 importing from the web


def village(code: str, moo: int, name: str, name_en: str = "") -> Has:
    return Has(
        "areas.Area",
        {"code": code},
        {"level": 4, "parent_id": code[:6], "moo": moo, "name_th": name, "name_en": name_en},
    )


VILLAGES = [
    Entry(
        "villages/utf8-plain.csv",
        "villages",
        Accepted(
            {"created": 2, "updated": 0},
            (
                village("52010109", 9, "บ้านทุ่งใหม่", "Ban Thung Mai"),
                village("52010110", 10, "บ้านห้วยเย็น"),
            ),
        ),
        IN_TAMBON,
        ("encodings", "odd-but-valid"),
    ),
    Entry(
        "villages/utf8-bom-crlf-english-headers.csv",
        "villages",
        Accepted({"created": 1}, (village("52010111", 11, "บ้านดอนไชย"),)),
        IN_TAMBON,
        ("encodings", "columns", "odd-but-valid"),
    ),
    Entry(
        "villages/cp874-title-rows-thai-digits.csv",
        "villages",
        Accepted(
            {"created": 2},
            (village("52010112", 12, "บ้านใหม่พัฒนา"), village("52010113", 13, "บ้านป่าตาล")),
        ),
        IN_TAMBON,
        ("encodings", "thai-digits", "odd-but-valid"),
    ),
    Entry(
        "villages/latin1-not-thai.csv",
        "villages",
        Refused((P(None, None, "neither UTF-8 nor TIS-620"),)),
        IN_TAMBON,
        ("encodings",),
    ),
    Entry(
        "villages/semicolon.csv",
        "villages",
        Accepted({"created": 1}, (village("52010114", 14, "บ้านสบตุ๋ย, ใต้"),)),
        IN_TAMBON,
        ("encodings", "odd-but-valid"),
    ),
    Entry(
        "villages/tab-separated.tsv",
        "villages",
        Accepted({"created": 1}, (village("52010115", 15, "บ้านหัวฝาย"),)),
        IN_TAMBON,
        ("encodings", "odd-but-valid"),
    ),
    Entry(
        "villages/missing-name-column.csv",
        "villages",
        Refused((P(1, V_NAME, "missing column 'village name'"),)),
        IN_TAMBON,
        ("columns",),
    ),
    Entry(
        "villages/duplicate-codes.csv",
        "villages",
        Refused(
            (
                P(4, V_CODE, "village code 52010109 repeats row 2"),
                P(5, V_CODE, "village code 52010109 repeats row 2"),
            )
        ),
        IN_TAMBON,
        ("duplicates", "thai-digits"),
    ),
    Entry(
        "villages/unknown-tambon-short-code.csv",
        "villages",
        Refused(
            (
                P(2, V_CODE, "unknown tambon 529901"),
                P(3, V_CODE, "village code '5201011' must be 8 digits"),
            )
        ),
        {},
        ("unknown-codes",),
    ),
    Entry(
        "villages/outside-area.csv",
        "villages",
        Refused((P(3, V_CODE, "village 52010209 is not inside area 520101"),)),
        IN_TAMBON,
        ("unknown-codes",),
    ),
    Entry(
        "villages/bad-moo.csv",
        "villages",
        Refused(
            (
                P(2, V_MOO, "moo 'สาม' must be a number from 1 to 99"),
                P(3, V_MOO, "moo 11 does not match code 52010110"),
            )
        ),
        IN_TAMBON,
        ("numbers",),
    ),
    Entry(
        "villages/xlsx-numbers-and-cached-formulas.xlsx",
        "villages",
        Accepted(
            {"created": 2},
            (village("52010109", 9, "บ้านทุ่งใหม่"), village("52010110", 10, "บ้านห้วยเย็น")),
        ),
        IN_TAMBON,
        ("formulas", "odd-but-valid"),
    ),
    Entry(
        # A formula Excel never computed has no value: the name is missing, not "=…".
        "villages/xlsx-formula-without-cached-value.xlsx",
        "villages",
        Refused((P(2, V_NAME, "the village name is missing"),)),
        IN_TAMBON,
        ("formulas",),
    ),
    Entry(
        "villages/citizen-ids-in-remarks-deep.csv",
        "villages",
        Refused((P(19, "หมายเหตุ", ID_CELL), P(30, "หมายเหตุ", ID_CELL))),
        IN_TAMBON,
        ("personal-data", "thai-digits"),
    ),
    Entry(
        "villages/citizen-ids-in-remarks-deep.csv",
        "villages",
        Accepted({"created": 32}, (village("52010140", 40, "บ้านทดสอบ 40"),)),
        {**IN_TAMBON, "drop_personal_columns": True},
        ("personal-data",),
        variant="drop",
    ),
    Entry(
        "villages/headman-name-column.csv",
        "villages",
        Refused((P(1, "ชื่อผู้ใหญ่บ้าน", NAMES),)),
        IN_TAMBON,
        ("personal-data",),
    ),
    Entry(
        "villages/headman-name-column.csv",
        "villages",
        Accepted({"created": 2}, (village("52010110", 10, "บ้านห้วยเย็น"),)),
        {**IN_TAMBON, "drop_personal_columns": True},
        ("personal-data",),
        variant="drop",
    ),
    Entry(
        "villages/citizen-id-inside-name.csv",
        "villages",
        Refused((P(2, V_NAME, ID_CELL),)),
        IN_TAMBON,
        ("personal-data",),
    ),
    Entry(
        # The name is a column the import needs: an ID in it is refused even with the option.
        "villages/citizen-id-inside-name.csv",
        "villages",
        Refused((P(2, V_NAME, ID_CELL),)),
        {**IN_TAMBON, "drop_personal_columns": True},
        ("personal-data",),
        variant="drop",
    ),
    Entry(
        # Row 3 is short (no name); row 4's name was split by an unquoted comma: its tail
        # sits in a column with no header and must not be dropped silently.
        "villages/ragged-rows.csv",
        "villages",
        Refused(
            (
                P(3, V_NAME, "the village name is missing"),
                P(4, "คอลัมน์ที่ 4", "has no header"),
            )
        ),
        IN_TAMBON,
        ("columns",),
    ),
    Entry(
        "villages/empty.csv",
        "villages",
        Refused((P(None, None, "the file is empty"),)),
        IN_TAMBON,
        ("damaged",),
    ),
    Entry(
        "villages/blank-lines-only.csv",
        "villages",
        Refused((P(None, None, "the file is empty"),)),
        IN_TAMBON,
        ("damaged",),
    ),
    Entry(
        "villages/header-only.csv",
        "villages",
        Refused((P(None, None, "the file has a header but no data rows"),)),
        IN_TAMBON,
        ("damaged",),
    ),
    Entry(
        "villages/damaged-truncated.xlsx",
        "villages",
        Refused((P(None, None, "it is damaged or not a real .xlsx"),)),
        IN_TAMBON,
        ("damaged",),
    ),
    Entry(
        "villages/csv-renamed-as.xlsx",
        "villages",
        Refused((P(None, None, "it is damaged or not a real .xlsx"),)),
        IN_TAMBON,
        ("damaged",),
    ),
    Entry(
        "generated/villages_rows_bomb.xlsx",
        "villages",
        # 2,000,000 rows of ~160 bytes: the 50 MB bound is met long before the row bound.
        Refused((P(None, None, "the Excel file expands to more than the 50 MB accepted"),)),
        IN_TAMBON,
        ("bombs",),
    ),
    Entry(
        "generated/villages_huge_cell.csv",
        "villages",
        Refused((P(3, V_NAME, "this cell holds 140,000 characters, more than the 1,000"),)),
        IN_TAMBON,
        ("huge-cells",),
    ),
]

# --- BMN household rows ----------------------------------------------------------------------
H_VILLAGE, H_KEY, H_YEAR, H_MEMBERS = "รหัสหมู่บ้าน", "รหัสบ้าน", "ปีที่สำรวจ", "จำนวนสมาชิก"

# build.HOUSEHOLDS summed by hand: 7 households in villages A, B, C and OTHER; A has
# households 0001–0003 (4 + 3 + 2 members), B one household of 5, OTHER one of 2.
BMN_2564 = Accepted(
    {"year": 2564, "kind": "household", "households": 7, "villages": 4, "edition": "2560-2564"},
    (
        Has(
            "evidence.BmnResult",
            {"area_id": A, "year": 2564},
            {
                "households": 3,
                "members": 9,
                "poor_households": 2,
                "counts": {"6": [5, 4], "9": [3, 2], "22": [3, 1]},
            },
        ),
        Has(
            "evidence.BmnResult",
            {"area_id": B, "year": 2564},
            {"households": 1, "members": 5, "counts": {"6": [3, 0], "22": [1, 1]}},
        ),
        Has(
            "evidence.BmnResult",
            {"area_id": OTHER, "year": 2564},
            {"households": 1, "members": 2, "counts": {"6": [0, 0], "22": [1, 1]}},
        ),
    ),
)

BMN = [
    Entry("bmn/households-utf8.csv", "bmn", BMN_2564, {}, ("odd-but-valid",)),
    Entry(
        "bmn/households-cp874-title-row.csv",
        "bmn",
        BMN_2564,
        {},
        ("encodings", "odd-but-valid"),
    ),
    Entry(
        "bmn/households-thai-digits.csv",
        "bmn",
        BMN_2564,
        {},
        ("thai-digits", "odd-but-valid"),
    ),
    Entry(
        "bmn/households-bom-semicolon-crlf.csv",
        "bmn",
        BMN_2564,
        {},
        ("encodings", "odd-but-valid"),
    ),
    Entry(
        "bmn/households-xlsx-numbers-cached-formulas.xlsx",
        "bmn",
        BMN_2564,
        {},
        ("formulas", "odd-but-valid"),
    ),
    Entry(
        "bmn/households-formula-without-cached-value.xlsx",
        "bmn",
        Refused((P(3, "p6", "indicator 6: the passed count is missing"),)),
        {},
        ("formulas",),
    ),
    Entry("bmn/households-int-columns.parquet", "bmn", BMN_2564, {}, ("odd-but-valid",)),
    Entry(
        "bmn/unknown-village.csv",
        "bmn",
        Refused((P(4, H_VILLAGE, "unknown village 52019999"),)),
        {},
        ("unknown-codes",),
    ),
    Entry(
        # Villages that exist but lie outside the officer's tambon: "outside", not "unknown".
        "bmn/outside-area.csv",
        "bmn",
        Refused(
            (
                P(6, H_VILLAGE, "village 52010201 is not inside area 520101"),
                P(7, H_VILLAGE, "village 52010201 is not inside area 520101"),
                P(8, H_VILLAGE, "village 52020101 is not inside area 520101"),
            )
        ),
        IN_TAMBON,
        ("unknown-codes",),
    ),
    Entry(
        "bmn/duplicate-household-key.csv",
        "bmn",
        Refused((P(4, H_KEY, "the household key repeats row 2"),)),
        {},
        ("duplicates",),
    ),
    Entry(
        "bmn/negative-and-text-counts.csv",
        "bmn",
        Refused(
            (
                P(5, H_MEMBERS, "'-1' is not a whole number"),
                P(7, "e1", "'สอง' is not a whole number"),
            )
        ),
        {},
        ("numbers",),
    ),
    Entry(
        "bmn/passed-over-eligible-household-over-one.csv",
        "bmn",
        Refused(
            (
                P(2, "p6", "indicator 6: passed 3 is more than eligible 2"),
                P(3, "e9", "indicator 9 counts households: eligible must be 0 or 1"),
            )
        ),
        {},
        ("numbers",),
    ),
    Entry(
        "bmn/missing-indicator-22.csv",
        "bmn",
        Refused(
            (
                P(1, "e22", "missing the eligible column of indicator 22"),
                P(1, "p22", "missing the passed column of indicator 22"),
            )
        ),
        {},
        ("columns",),
    ),
    Entry(
        "bmn/other-edition-indicator-32.csv",
        "bmn",
        Refused((P(1, "e32", "indicator 32 is not in this year's edition"),)),
        {},
        ("columns", "unknown-codes"),
    ),
    Entry(
        # Every key is a citizen ID: each cell named (docs/formats.md), even with the option.
        "bmn/citizen-ids-as-household-key.csv",
        "bmn",
        Refused(tuple(P(row, H_KEY, KEY_ID) for row in range(2, 9))),
        {},
        ("personal-data",),
    ),
    Entry(
        "bmn/citizen-ids-as-household-key.csv",
        "bmn",
        Refused(tuple(P(row, H_KEY, KEY_ID) for row in range(2, 9))),
        {"drop_personal_columns": True},
        ("personal-data",),
        variant="drop",
    ),
    Entry(
        "bmn/citizen-ids-in-remarks-deep.csv",
        "bmn",
        Refused((P(20, "หมายเหตุ", ID_CELL), P(37, "หมายเหตุ", ID_CELL))),
        {},
        ("personal-data", "thai-digits"),
    ),
    Entry(
        "bmn/citizen-ids-in-remarks-deep.csv",
        "bmn",
        Accepted(
            {"households": 40, "villages": 8},
            (Has("evidence.BmnResult", {"area_id": "52010108", "year": 2564}, {"households": 5}),),
        ),
        {"drop_personal_columns": True},
        ("personal-data",),
        variant="drop",
    ),
    Entry(
        "bmn/head-of-household-names.csv",
        "bmn",
        Refused((P(1, "ชื่อหัวหน้าครัวเรือน", NAMES),)),
        {},
        ("personal-data",),
    ),
    Entry(
        "bmn/head-of-household-names.csv",
        "bmn",
        BMN_2564,
        {"drop_personal_columns": True},
        ("personal-data",),
        variant="drop",
    ),
    Entry("bmn/empty.csv", "bmn", Refused((P(None, None, "the file is empty"),)), {}, ("damaged",)),
    Entry(
        "bmn/header-only.csv",
        "bmn",
        Refused((P(None, None, "the file has a header but no household rows"),)),
        {},
        ("damaged",),
    ),
    Entry(
        "bmn/latin1-not-thai.csv",
        "bmn",
        Refused((P(None, None, "neither UTF-8 nor TIS-620"),)),
        {},
        ("encodings",),
    ),
    Entry(
        "bmn/common-era-year.csv",
        "bmn",
        Refused((P(2, H_YEAR, "survey year 2021 must be a Buddhist-Era year"),)),
        {},
        ("numbers",),
    ),
    Entry(
        "generated/bmn_rows_bomb.xlsx",
        "bmn",
        Refused((P(None, None, "more than the 1,048,576 rows accepted"),)),
        {},
        ("bombs",),
    ),
    Entry(
        "generated/bmn_huge_cell.csv",
        "bmn",
        Refused((P(3, H_KEY, "must be at most 24 letters, digits"),)),
        {},
        ("huge-cells",),
    ),
]

# --- BMN village summaries -------------------------------------------------------------------
S_VILLAGE, S_INDICATOR = "รหัสหมู่บ้าน", "ตัวชี้วัด"


def summary_counts(village_code: str, households: int, *codes: str) -> dict[str, list[int]]:
    """Eligible and passed of `codes` as build.bmn_summary_rows writes them."""
    rows = {r[2]: r for r in bmn_summary_rows(village_code, households=households)}
    return {c: [rows[c][3], rows[c][4]] for c in codes}


SUMMARY = [
    Entry(
        "summary/two-villages.csv",
        "bmn",
        Accepted(
            {"kind": "summary", "households": 200, "villages": 2, "year": 2564},
            (
                Has(
                    "evidence.BmnResult",
                    {"area_id": A, "year": 2564},
                    {"households": 120, "counts": summary_counts(A, 120, "1", "6", "22", "31")},
                ),
                Has(
                    "evidence.BmnResult",
                    {"area_id": B, "year": 2564},
                    {"households": 80, "counts": summary_counts(B, 80, "1", "22")},
                ),
            ),
        ),
        {},
        ("odd-but-valid",),
    ),
    Entry(
        "summary/thai-digits.xlsx",
        "bmn",
        Accepted(
            {"kind": "summary", "households": 120, "villages": 1},
            (
                Has(
                    "evidence.BmnResult",
                    {"area_id": A, "year": 2564},
                    {"households": 120, "counts": summary_counts(A, 120, "1", "22")},
                ),
            ),
        ),
        {},
        ("thai-digits", "odd-but-valid"),
    ),
    Entry(
        "summary/missing-indicator.csv",
        "bmn",
        Refused((P(33, S_INDICATOR, "village 52010102 lacks some of the 31 indicators"),)),
        {},
        ("columns",),
    ),
    Entry(
        # Row 11: a negative eligible count is one problem (not also "passed 0 > eligible").
        "summary/failed-mismatch-negative.csv",
        "bmn",
        Refused(
            (
                P(6, "ไม่ผ่านเกณฑ์", "is not eligible − passed"),
                P(11, "จำนวนที่สำรวจ", "'-3' must be a whole number, not negative"),
            )
        ),
        {},
        ("numbers",),
    ),
    Entry(
        "summary/duplicate-indicator.csv",
        "bmn",
        Refused((P(33, S_INDICATOR, "indicator 5 repeats for this village"),)),
        {},
        ("duplicates",),
    ),
    Entry(
        "summary/citizen-id-in-remarks-deep.csv",
        "bmn",
        Refused((P(40, "หมายเหตุ", ID_CELL),)),
        {},
        ("personal-data",),
    ),
    Entry(
        "summary/citizen-id-in-remarks-deep.csv",
        "bmn",
        Accepted({"kind": "summary", "households": 240, "villages": 2}),
        {"drop_personal_columns": True},
        ("personal-data",),
        variant="drop",
    ),
    Entry(
        "summary/unknown-village.csv",
        "bmn",
        Refused((P(33, S_VILLAGE, "village 52019999 is unknown"),), total=31),
        {},
        ("unknown-codes",),
    ),
]

# --- กชช.2ค ----------------------------------------------------------------------------------
VBD = [
    Entry(
        "vbd/cp874-title-thai-headers.csv",
        "vbd",
        Accepted(
            {"created": 2, "edition": "sample", "years": (2566,)},
            (
                Has(
                    "evidence.VbdVillage",
                    {"village_id": A, "round_year": 2566},
                    {"scores": {"1.1": 1, "1.5": 1, "2.1": 1, "2.2": 2, "6.3": 2}},
                ),
                Has(
                    "evidence.VbdVillage",
                    {"village_id": B, "round_year": 2566},
                    {"scores": {"1.1": 3, "6.3": 3}},
                ),
            ),
        ),
        {"within": "520101"},
        ("encodings", "thai-digits", "columns", "odd-but-valid"),
    ),
    Entry(
        "vbd/xlsx-number-headers-and-scores.xlsx",
        "vbd",
        Accepted(
            {"created": 3},
            (
                Has(
                    "evidence.VbdVillage",
                    {"village_id": A, "round_year": 2566},
                    {"scores": {"1.1": 1, "1.2": 2, "1.3": 3, "6.3": 3}},
                ),
                Has(
                    "evidence.VbdVillage",
                    {"village_id": B, "round_year": 2566},
                    {"scores": {"1.1": 2, "1.2": 3, "6.3": 1}},
                ),
                Has("evidence.VbdVillage", {"village_id": C, "round_year": 2566}, {}),
            ),
        ),
        {"within": "5201"},
        ("columns", "odd-but-valid"),
    ),
    Entry(
        "vbd/bad-scores.csv",
        "vbd",
        Refused(
            (
                P(2, "1.1", "must be 1, 2 or 3 (found '4')"),
                P(3, "2.2", "the score of indicator 2.2 is missing"),
                P(3, "6.3", "must be 1, 2 or 3 (found 'สาม')"),
            )
        ),
        {},
        ("numbers",),
    ),
    Entry(
        "vbd/missing-indicator-column.csv",
        "vbd",
        Refused((P(1, "6.3", "missing the column of indicator 6.3"),)),
        {},
        ("columns",),
    ),
    Entry(
        "vbd/other-edition-column.csv",
        "vbd",
        Refused((P(1, "7.1", "'7.1' is not an indicator of edition sample"),)),
        {},
        ("columns", "unknown-codes"),
    ),
    Entry(
        "vbd/duplicate-village-round.csv",
        "vbd",
        Refused((P(3, "รหัสหมู่บ้าน", "this village and year repeats row 2"),)),
        {},
        ("duplicates", "thai-digits"),
    ),
    Entry(
        "vbd/year-argument-mismatch.csv",
        "vbd",
        Refused((P(3, "ปีที่สำรวจ", "year 2565 is not the year being imported, 2566"),)),
        {"year": 2566},
        ("numbers",),
    ),
    Entry(
        "vbd/unknown-and-outside.csv",
        "vbd",
        Refused(
            (
                P(3, "รหัสหมู่บ้าน", "unknown village 52019999"),
                P(4, "รหัสหมู่บ้าน", "village 52020101 is not inside area 5201"),
            )
        ),
        {"within": "5201"},
        ("unknown-codes",),
    ),
]

# --- GVH -------------------------------------------------------------------------------------
GVH = [
    Entry(
        "gvh/component-names-thai-dates.csv",
        "gvh",
        Accepted(
            {"created": 3, "edition": "default"},
            (
                Has(
                    "evidence.GvhVillage",
                    {"village_id": A, "year": 2566},
                    {
                        "scores": {
                            "1": "3.5",
                            "2": "4",
                            "3": "4.5",
                            "4": "5",
                            "5": "3",
                            "6": "2.25",
                        },
                        "assessed_on": date(2023, 3, 15),
                    },
                ),
                Has(
                    "evidence.GvhVillage",
                    {"village_id": B, "year": 2566},
                    {"scores": {"1": "4", "3": "3.5"}, "assessed_on": date(2023, 3, 16)},
                ),
                Has(
                    "evidence.GvhVillage",
                    {"village_id": C, "year": 2566},
                    {"scores": {"6": "1"}, "assessed_on": date(2023, 3, 17)},
                ),
            ),
        ),
        {},
        ("thai-digits", "columns", "odd-but-valid"),
    ),
    Entry(
        "gvh/out-of-scale.csv",
        "gvh",
        Refused(
            (
                P(2, "1", "must be from 1 to 5 (found 0)"),
                P(3, "2", "must be from 1 to 5 (found 5.5)"),
                P(3, "3", "'ดี', is not a number"),
            )
        ),
        {},
        ("numbers",),
    ),
    Entry(
        "gvh/bad-dates.csv",
        "gvh",
        Refused(
            (
                P(2, "วันที่ประเมิน", "cannot read the date '31/02/2566'"),
                P(3, "วันที่ประเมิน", "cannot read the date 'เมื่อวาน'"),
            )
        ),
        {},
        ("numbers",),
    ),
    Entry(
        "gvh/xlsx-cached-formulas-date-cells.xlsx",
        "gvh",
        Accepted(
            {"created": 2},
            (
                Has(
                    "evidence.GvhVillage",
                    {"village_id": A, "year": 2566},
                    {"scores": {"1": "3.5", "2": "4"}, "assessed_on": date(2023, 3, 15)},
                ),
                Has(
                    "evidence.GvhVillage",
                    {"village_id": B, "year": 2566},
                    {"scores": {"1": "3.5", "6": "1.5"}, "assessed_on": date(2023, 3, 16)},
                ),
            ),
        ),
        {},
        ("formulas", "columns", "odd-but-valid"),
    ),
    Entry(
        "gvh/missing-component.csv",
        "gvh",
        Refused((P(1, "6", "missing the column of indicator 6 of edition default"),)),
        {},
        ("columns",),
    ),
]
assert len(gvh_names()) == 6  # the component-name file spells all six

# --- household accounts ----------------------------------------------------------------------


def account(village_code: str, members: int, *money: str) -> Has:
    income, expense, savings, debt = (Decimal(m) for m in money)
    return Has(
        "evidence.HouseholdAccount",
        {"village_id": village_code, "year": 2566, "members": members},
        {"income": income, "expense": expense, "savings": savings, "debt": debt},
    )


ACCOUNTS = [
    Entry(
        "accounts/money-as-documents-write-it.csv",
        "accounts",
        Accepted(
            {"created": 2},
            (
                account(A, 4, "1250000", "120000", "125000", "0"),
                account(A, 2, "60000", "70000", "0", "90000"),
            ),
        ),
        {},
        ("numbers", "thai-digits", "odd-but-valid"),
    ),
    Entry(
        "accounts/negative-and-text-money.csv",
        "accounts",
        Refused(
            (
                P(2, "รายได้", "cannot be negative"),
                P(3, "รายจ่าย", "cannot read the budget 'ห้าพันบาท'"),
                P(4, "เงินออม", "at most 2 decimal places"),
            )
        ),
        {},
        ("numbers",),
    ),
    Entry(
        "accounts/citizen-ids-as-keys-dashes.csv",
        "accounts",
        Refused((P(2, "รหัสบ้าน", KEY_ID), P(3, "รหัสบ้าน", KEY_ID))),
        {},
        ("personal-data",),
    ),
    Entry(
        "accounts/citizen-ids-as-keys-dashes.csv",
        "accounts",
        Refused((P(2, "รหัสบ้าน", KEY_ID), P(3, "รหัสบ้าน", KEY_ID))),
        {"drop_personal_columns": True},
        ("personal-data",),
        variant="drop",
    ),
    Entry(
        "accounts/full-name-column.csv",
        "accounts",
        Refused((P(1, "ชื่อ-นามสกุล", NAMES),)),
        {},
        ("personal-data",),
    ),
    Entry(
        "accounts/full-name-column.csv",
        "accounts",
        Accepted({"created": 2}, (account(A, 4, "1000", "1000", "0", "0"),)),
        {"drop_personal_columns": True},
        ("personal-data",),
        variant="drop",
    ),
    Entry(
        "accounts/members-out-of-range.csv",
        "accounts",
        Refused(
            (
                P(2, "จำนวนสมาชิก", "the members 0 must be from 1 to 99"),
                P(3, "จำนวนสมาชิก", "the members 150 must be from 1 to 99"),
            )
        ),
        {},
        ("numbers", "thai-digits"),
    ),
    Entry(
        "accounts/xlsx-cached-formulas.xlsx",
        "accounts",
        Accepted(
            {"created": 2},
            (
                account(A, 4, "60000", "45000.50", "14999.50", "0"),
                account(A, 2, "80000", "30000", "1000", "250000"),
            ),
        ),
        {},
        ("formulas", "odd-but-valid"),
    ),
    Entry(
        "accounts/xlsx-formula-without-cached-value.xlsx",
        "accounts",
        Refused((P(3, "รายจ่าย", "is missing"),)),
        {},
        ("formulas",),
    ),
    Entry(
        "accounts/duplicate-household.csv",
        "accounts",
        Refused((P(4, "รหัสบ้าน", "this household repeats row 2"),)),
        {},
        ("duplicates", "thai-digits"),
    ),
    Entry(
        "accounts/no-year-column.csv",
        "accounts",
        Refused((P(1, "ปี", "no year column, and no year was given"),)),
        {},
        ("columns",),
    ),
    Entry(
        "accounts/no-year-column.csv",
        "accounts",
        Accepted(
            {"created": 2, "years": (2566,)},
            (account(A, 4, "1000", "1000", "0", "0"), account(B, 2, "1000", "1000", "0", "0")),
        ),
        {"year": 2566},
        ("columns", "odd-but-valid"),
        variant="year",
    ),
    Entry(
        "accounts/citizen-ids-in-remarks-deep.csv",
        "accounts",
        Refused((P(18, "หมายเหตุ", ID_CELL), P(29, "หมายเหตุ", ID_CELL))),
        {},
        ("personal-data", "thai-digits"),
    ),
    Entry(
        "accounts/citizen-ids-in-remarks-deep.csv",
        "accounts",
        Accepted(
            {"created": 29},
            (Count("evidence.HouseholdAccount", {"year": 2566, "village_id": "52010108"}, 3),),
        ),
        {"drop_personal_columns": True},
        ("personal-data",),
        variant="drop",
    ),
]

# --- community capital -----------------------------------------------------------------------


def capital(village_code: str, name: str, kind: str, amount: str | None) -> Has:
    return Has(
        "evidence.CommunityCapital",
        {"village_id": village_code, "year": 2566, "name": name},
        {"kind": kind, "amount": None if amount is None else Decimal(amount)},
    )


CAPITAL = [
    Entry(
        "capital/kinds-and-amounts-as-written.csv",
        "capital",
        Accepted(
            {"created": 5},
            (
                capital(A, "กองทุนหมู่บ้านและชุมชนเมือง", "fund", "1000000"),
                capital(A, "ป่าชุมชน", "natural", None),
                capital(A, "ประเพณีสลากภัต", "cultural", None),
                capital(B, "กองทุนแม่ของแผ่นดิน", "fund", "1250000"),
                capital(B, "ศาลาอเนกประสงค์", "asset", "300000"),
            ),
        ),
        {},
        ("numbers", "thai-digits", "odd-but-valid"),
    ),
    Entry(
        "capital/unknown-kind-negative-text-amount.csv",
        "capital",
        Refused(
            (
                P(2, "ประเภท", "unknown capital type 'หนี้สิน'"),
                P(3, "มูลค่า", "cannot be negative"),
                P(4, "มูลค่า", "cannot read the budget 'ห้าพันบาท'"),
            )
        ),
        {},
        ("unknown-codes", "numbers"),
    ),
    Entry(
        "capital/duplicate-item.csv",
        "capital",
        Refused((P(3, "ชื่อ", "capital item 'กองทุนหมู่บ้าน' repeats row 2"),)),
        {},
        ("duplicates",),
    ),
    Entry(
        # Merged cells are not filled down: the rows under the merge have no village code,
        # and guessing one would file items under a village nobody typed.
        "capital/xlsx-merged-village-cells.xlsx",
        "capital",
        Refused(
            (
                P(3, "รหัสหมู่บ้าน", "the village code is missing"),
                P(4, "รหัสหมู่บ้าน", "the village code is missing"),
            )
        ),
        {},
        ("columns",),
    ),
    Entry(
        "capital/english-headers-extra-columns.csv",
        "capital",
        Accepted(
            {"created": 2},
            (
                capital(A, "ลานตากข้าว", "asset", "45000.50"),
                capital(B, "ปราชญ์ชาวบ้านด้านสมุนไพร", "human", None),
            ),
        ),
        {},
        ("columns", "odd-but-valid"),
    ),
    Entry(
        "generated/capital_strings_bomb.xlsx",
        "capital",
        Refused((P(None, None, "expands to more than the 200 MB accepted"),)),
        {},
        ("bombs",),
    ),
]

# --- occupation groups -----------------------------------------------------------------------


def group(village_code: str, name: str, **values: Any) -> Has:
    return Has(
        "evidence.OccupationGroup", {"village_id": village_code, "year": 2566, "name": name}, values
    )


GROUPS = [
    Entry(
        "groups/xlsx-float-members.xlsx",
        "groups",
        Accepted(
            {"created": 2},
            (
                group(
                    A,
                    "กลุ่มทอผ้าฝ้าย",
                    product="ผ้าฝ้ายทอมือ",
                    members=25,
                    yearly_revenue=Decimal("120000.50"),
                ),
                group(B, "กลุ่มออมทรัพย์", product="", members=7, yearly_revenue=None),
            ),
        ),
        {},
        ("thai-digits", "odd-but-valid"),
    ),
    Entry(
        "groups/chairperson-column.csv",
        "groups",
        Refused((P(1, "ประธานกลุ่ม", NAMES),)),
        {},
        ("personal-data",),
    ),
    Entry(
        "groups/chairperson-column.csv",
        "groups",
        Accepted(
            {"created": 1},
            (group(A, "กลุ่มทอผ้าฝ้าย", members=25, yearly_revenue=Decimal("120000")),),
        ),
        {"drop_personal_columns": True},
        ("personal-data",),
        variant="drop",
    ),
    Entry(
        "groups/members-zero-and-text.csv",
        "groups",
        Refused(
            (
                P(2, "จำนวนสมาชิก", "the members 0 must be from 1"),
                P(3, "จำนวนสมาชิก", "ยี่สิบ"),
            )
        ),
        {},
        ("numbers",),
    ),
    Entry(
        "groups/citizen-id-thai-digits-in-notes.csv",
        "groups",
        Refused((P(22, "หมายเหตุ", ID_CELL),)),
        {},
        ("personal-data", "thai-digits"),
    ),
    Entry(
        "groups/citizen-id-thai-digits-in-notes.csv",
        "groups",
        Accepted({"created": 24}, (group("52010106", "กลุ่มที่ 21", members=10),)),
        {"drop_personal_columns": True},
        ("personal-data",),
        variant="drop",
    ),
    Entry(
        "groups/missing-product-column.csv",
        "groups",
        Refused((P(1, "ผลิตภัณฑ์", "missing column 'product'"),)),
        {},
        ("columns",),
    ),
    Entry(
        "generated/groups_huge_cell.csv",
        "groups",
        Refused((P(3, "ผลิตภัณฑ์", "this cell holds 150,000 characters, more than the 5,000"),)),
        {},
        ("huge-cells", "encodings"),
    ),
]

# --- poor-household lists --------------------------------------------------------------------
POOR = [
    Entry(
        "poor/two-lists.csv",
        "poor",
        Accepted(
            {"created": 3},
            (
                Count("evidence.PoorHousehold", {"village_id": A, "year": 2566}, 2),
                Has(
                    "evidence.PoorHousehold",
                    {"village_id": A, "year": 2566, "list_name": "ผู้มีรายได้น้อย"},
                    {},
                ),
                Has(
                    "evidence.PoorHousehold",
                    {"village_id": B, "year": 2566},
                    {"list_name": "imported list"},
                ),
            ),
        ),
        {},
        ("odd-but-valid",),
    ),
    Entry(
        "poor/same-household-same-list.csv",
        "poor",
        Refused((P(3, "รหัสบ้าน", "this household on the same list repeats row 2"),)),
        {},
        ("duplicates", "thai-digits"),
    ),
    Entry(
        "poor/bad-keys-long-list-name.csv",
        "poor",
        Refused(
            (
                P(2, "รหัสบ้าน", "household key 'บ้าน๑' must be at most 24 letters"),
                P(3, "ชื่อรายการ", "the list name is longer than 100 characters"),
                P(4, "รหัสบ้าน", "must be at most 24 letters"),
            )
        ),
        {},
        ("unknown-codes", "huge-cells"),
    ),
    Entry(
        "poor/tab-cp874.csv",
        "poor",
        Accepted(
            {"created": 2, "years": (2566,)},
            (
                Has(
                    "evidence.PoorHousehold",
                    {"village_id": A, "year": 2566},
                    {"list_name": "ทะเบียนคนจน"},
                ),
                Has(
                    "evidence.PoorHousehold",
                    {"village_id": B, "year": 2566},
                    {"list_name": "ทะเบียนคนจน"},
                ),
            ),
        ),
        {},
        ("encodings", "thai-digits", "odd-but-valid"),
    ),
    Entry(
        "poor/citizen-ids-as-keys.csv",
        "poor",
        Refused((P(2, "รหัสบ้าน", KEY_ID), P(4, "รหัสบ้าน", KEY_ID))),
        {},
        ("personal-data",),
    ),
]

# --- indicator editions ----------------------------------------------------------------------
EDITION_ARGS = {"code": None, "name_th": "ชุดทดสอบ", "first_year": None, "last_year": None}

EDITIONS = [
    Entry(
        "editions/gvh-new-edition.csv",
        "edition",
        Accepted(
            {"code": "corpus-2567", "family": "gvh"},
            (
                Count("evidence.Indicator", {"edition__code": "corpus-2567"}, 6),
                Has(
                    "evidence.Indicator",
                    {"edition__code": "corpus-2567", "code": "2"},
                    {"unit": "village", "text_th": "เศรษฐกิจดี"},
                ),
            ),
        ),
        {**EDITION_ARGS, "family": "gvh", "settings": {"scale_min": 1, "scale_max": 5}},
        ("odd-but-valid",),
    ),
    Entry(
        "editions/xlsx-thai-headers.xlsx",
        "edition",
        Accepted(
            {"code": "กชช2ค-2567", "family": "vbd"},
            (
                Count("evidence.Indicator", {"edition__code": "กชช2ค-2567"}, 3),
                Has(
                    "evidence.Indicator",
                    {"edition__code": "กชช2ค-2567", "code": "1.1"},
                    {"category_number": 1, "unit": "village", "threshold": None},
                ),
                Has(
                    "evidence.Indicator",
                    {"edition__code": "กชช2ค-2567", "code": "2.1"},
                    {
                        "category_number": 2,
                        "threshold": Decimal("38000"),
                        "development_category__code": "economy",
                    },
                ),
            ),
        ),
        {**EDITION_ARGS, "family": "vbd", "settings": {}},
        ("columns", "thai-digits", "odd-but-valid"),
    ),
    Entry(
        "editions/bad-unit-and-category.csv",
        "edition",
        Refused(
            (
                P(2, "unit", "unit 'ตำบล' must be person, household or village"),
                P(3, "development_category", "unknown development category 'sport'"),
                P(4, "category_number", "หนึ่ง"),
                P(4, "indicator_th", "the indicator text is missing"),
            )
        ),
        {**EDITION_ARGS, "family": "bmn", "settings": {}},
        ("unknown-codes", "numbers"),
    ),
    Entry(
        "editions/duplicate-number.csv",
        "edition",
        Refused((P(3, "number", "indicator 1 repeats row 2"),)),
        {**EDITION_ARGS, "family": "bmn", "settings": {}},
        ("duplicates",),
    ),
    Entry(
        "editions/mixed-editions.csv",
        "edition",
        Refused((P(None, "edition", "the file mixes editions: e1, e2"),)),
        {**EDITION_ARGS, "family": "bmn", "settings": {}},
        ("unknown-codes",),
    ),
    Entry(
        "editions/negative-threshold.csv",
        "edition",
        Refused((P(2, "threshold", "cannot be negative"),)),
        {**EDITION_ARGS, "family": "bmn", "settings": {}},
        ("numbers",),
    ),
    Entry(
        "editions/bmn-without-income-indicator.csv",
        "edition",
        Refused((P(None, None, "the income indicator 22 is not in the file"),)),
        {**EDITION_ARGS, "family": "bmn", "settings": {"income_indicator": "22"}},
        ("columns",),
    ),
    Entry(
        "editions/empty.csv",
        "edition",
        Refused((P(None, None, "the file is empty"),)),
        {**EDITION_ARGS, "family": "bmn", "settings": {}},
        ("damaged",),
    ),
]

# --- village plans ---------------------------------------------------------------------------
# Imported into a fresh draft plan 2570–2572 of village 52010101 (see test_corpus.py).


def item(title: str, **values: Any) -> Has:
    return Has("plans.PlanItem", {"version": VERSION, "title": title}, values)


def budget(title: str, year: int, amount: str) -> Has:
    return Has(
        "plans.PlanItemBudget",
        {"item__version": VERSION, "item__title": title, "fiscal_year": year},
        {"amount": Decimal(amount)},
    )


def items(n: int) -> Count:
    return Count("plans.PlanItem", {"version": VERSION}, n)


BUDGET_2570 = "งบประมาณ ปี 2570"
PLAN_MODE = "วิธีดำเนินการ"
PLANS = [
    Entry(
        "plans/docs-example.csv",
        "plan",
        Accepted(
            {"created": 2, "deleted": 0},
            (
                items(2),
                item(
                    "ปลูกป่าชุมชน",
                    priority=1,
                    mode="self",
                    category__code="environment",
                    contribution_labour_days=Decimal("20"),
                    working_group=None,
                ),
                item(
                    "ซ่อมแซมฝายกั้นน้ำ",
                    priority=2,
                    mode="joint",
                    category__code="infrastructure",
                    working_group__kind="economy",
                    contribution_labour_days=Decimal("12.5"),
                ),
                budget("ซ่อมแซมฝายกั้นน้ำ", 2570, "1250000"),
                budget("ซ่อมแซมฝายกั้นน้ำ", 2571, "0"),
                Count("plans.PlanItemBudget", {"item__version": VERSION}, 2),
                Count(
                    "plans.PlanItemProblem",
                    {"item__version": VERSION, "key__in": ["bmn:22", "poor:bmn"]},
                    2,
                ),
            ),
        ),
        {},
        ("thai-digits", "numbers", "odd-but-valid"),
    ),
    Entry(
        "plans/template-filled-numbers-formulas-dates.xlsx",
        "plan",
        Accepted(
            {"created": 3},
            (
                items(3),
                item(
                    "ก่อสร้างถนน คสล. ซอย ๓",
                    priority=1,
                    mode="request",
                    funding_source="lao",
                    category__code="infrastructure",
                    start_date=date(2026, 10, 1),
                    end_date=date(2027, 3, 31),
                    status="proposed",
                ),
                budget("ก่อสร้างถนน คสล. ซอย ๓", 2570, "450500"),
                budget("ก่อสร้างถนน คสล. ซอย ๓", 2571, "200000"),
                item("ขุดลอกลำเหมือง", mode="joint", funding_source="none", status="in_progress"),
                budget("ขุดลอกลำเหมือง", 2570, "30000.25"),
                # Text that begins with "=" is text (docs/formats-plans.md).
                item("=ตลาดนัดชุมชน", priority=3, mode="self", category__code="economy"),
                budget("=ตลาดนัดชุมชน", 2572, "300000"),
            ),
        ),
        {},
        ("formulas", "odd-but-valid"),
    ),
    Entry(
        "plans/negative-and-text-budgets.csv",
        "plan",
        Refused(
            (
                P(2, BUDGET_2570, "a budget cannot be negative"),
                P(3, BUDGET_2570, "cannot read the budget 'ห้าหมื่นบาท'"),
                P(4, "งบประมาณ ปี 2571", "at most 2 decimal places"),
            )
        ),
        {},
        ("numbers",),
    ),
    Entry(
        "plans/budget-year-outside-window.csv",
        "plan",
        Refused((P(3, "งบประมาณ ปี 2575", "2575 is outside the plan's years 2570–2572"),)),
        {},
        ("numbers", "columns"),
    ),
    Entry(
        "plans/unknown-choices.csv",
        "plan",
        Refused(
            (
                P(2, PLAN_MODE, "unknown mode 'ทำเองบางส่วน'"),
                P(3, "ด้านการพัฒนา", "unknown development category 'กีฬา'"),
                P(3, "คณะทำงานที่รับผิดชอบ", "no working group 'คณะทำงานด้านกีฬา'"),
                P(3, "แหล่งงบประมาณ", "unknown funding source 'ธนาคาร'"),
            )
        ),
        {},
        ("unknown-codes",),
    ),
    Entry(
        "plans/citizen-id-in-description-deep.csv",
        "plan",
        Refused((P(18, "รายละเอียด", "citizen ID"),)),
        {},
        ("personal-data",),
    ),
    Entry(
        "plans/formula-without-cached-value.xlsx",
        "plan",
        Refused((P(3, "โครงการ/กิจกรรม", "needs a title"),)),
        {},
        ("formulas",),
    ),
    Entry(
        "plans/missing-required-columns.csv",
        "plan",
        Refused(
            (
                P(1, "วิธีดำเนินการ (ทำเอง/ทำร่วม/ขอรับการสนับสนุน)", "missing column"),
                P(1, "ด้านการพัฒนา", "missing column"),
            )
        ),
        {},
        ("columns",),
    ),
    Entry(
        "plans/dropped-without-reason-end-before-start.csv",
        "plan",
        Refused(
            (
                P(2, "เหตุผลที่ยกเลิก", "a dropped item needs the reason"),
                P(3, "วันสิ้นสุด", "the end is before the start"),
                P(4, "วันเริ่มต้น", "cannot read the date '๓๑/๒/๒๕๗๐'"),
            )
        ),
        {},
        ("numbers", "thai-digits"),
    ),
    Entry(
        # A header and no rows would delete every item: refused, not taken as "empty the plan".
        "plans/header-only.csv",
        "plan",
        Refused((P(None, None, "the file has a header but no data rows"),)),
        {},
        ("damaged",),
    ),
    Entry(
        "plans/excel-csv-cp874-formatted.csv",
        "plan",
        Accepted(
            {"created": 2},
            (
                items(2),
                item(
                    "ซ่อมศาลาประชาคม",
                    mode="request",
                    category__code="infrastructure",
                    contribution_cash=Decimal("5000.25"),
                    start_date=date(2026, 10, 1),
                    end_date=date(2027, 3, 31),
                ),
                budget("ซ่อมศาลาประชาคม", 2570, "1250000"),
                item(
                    "อบรมอาชีพ",
                    mode="joint",
                    category__code="economy",
                    start_date=date(2026, 10, 1),
                    end_date=None,
                ),
                budget("อบรมอาชีพ", 2570, "30000"),
            ),
        ),
        {},
        ("encodings", "numbers", "odd-but-valid"),
    ),
    Entry(
        "plans/unknown-item-id.csv",
        "plan",
        Refused((P(2, "รหัสรายการ", "item id 999999 is not an item of this plan version"),)),
        {},
        ("unknown-codes",),
    ),
    Entry(
        "generated/plan_dimension_bomb.xlsx",
        "plan",
        Refused((P(None, None, "the file has 16,384 columns, more than the 120 accepted"),)),
        {},
        ("bombs",),
    ),
]

ENTRIES: list[Entry] = [
    *VILLAGES,
    *BMN,
    *SUMMARY,
    *VBD,
    *GVH,
    *ACCOUNTS,
    *CAPITAL,
    *GROUPS,
    *POOR,
    *EDITIONS,
    *PLANS,
]
