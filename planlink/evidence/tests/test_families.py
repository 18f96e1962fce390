"""Importers and per-area summaries of the six other evidence families.

The test database holds the synthetic Lampang demo (2562/2564 กชช.2ค rounds, 2564 GVH,
accounts, capital, groups and poor lists); files here use other years, and every rejected
import checks that nothing at all changed. Expected numbers are worked out by hand.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from planlink.core.pseudonym import pseudonym
from planlink.core.tabular import ImportRejected
from planlink.evidence.importers.families import (
    accounts_import,
    capital_import,
    capital_kind,
    groups_import,
    gvh_import,
    indicator_code_of,
    parse_thai_date,
    poor_import,
    vbd_import,
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
    VbdVillage,
)
from planlink.evidence.summaries import (
    AccountRow,
    accounts_summary,
    accounts_tally,
    capital_summary,
    groups_summary,
    gvh_summary,
    gvh_tally,
    poor_summary,
    vbd_class,
    vbd_summary,
)

pytestmark = pytest.mark.django_db

A, B, C = "52010101", "52010102", "52010201"  # villages of district 5201
OTHER = "52020101"  # a village of district 5202
SETTINGS = {"class_1_min_share_at_1": 0.25, "class_3_min_share_at_3": 0.60}


def write(tmp_path: Path, text: str, name: str = "data.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def vbd_codes() -> list[str]:
    edition = IndicatorEdition.objects.get(family="vbd", code="sample")
    return list(edition.indicators.order_by("order").values_list("code", flat=True))


def state(model) -> list[tuple]:  # type: ignore[no-untyped-def]
    fields = [f.attname for f in model._meta.concrete_fields if f.attname != "updated_at"]
    return list(model.objects.order_by("pk").values_list(*fields))


def rejected(model, importer, path: Path, **kwargs) -> ImportRejected:  # type: ignore[no-untyped-def]
    before = state(model)
    with pytest.raises(ImportRejected) as info:
        importer(user=None, path=path, **kwargs)
    assert state(model) == before
    return info.value


def where(error: ImportRejected) -> list[tuple[int | None, str | None]]:
    return [(p.row, p.column) for p in error.problems]


# --- กชช.2ค -----------------------------------------------------------------------------


def vbd_csv(rows: list[tuple[str, str, list[str]]], headers: list[str] | None = None) -> str:
    head = ["รหัสหมู่บ้าน", "ปีที่สำรวจ", *(headers or vbd_codes())]
    return "\n".join(",".join(r) for r in [head, *[[v, y, *s] for v, y, s in rows]]) + "\n"


def test_vbd_import_thai_headers_digits_and_cp874(tmp_path):
    codes = vbd_codes()
    assert len(codes) == 21
    headers = ["ข้อ " + codes[0], "ข้อ" + codes[1], *codes[2:]]  # forms write all three
    scores_a = ["1"] * 6 + ["2"] * 15
    scores_b = ["๓"] * 21  # Thai digits
    text = vbd_csv(
        [("๕๒๐๑๐๑๐๑", "๒๕๖๖", scores_a), (B, "2566", scores_b)], headers
    )  # Thai digits in code and year too
    # A title row above the header, padded with commas as spreadsheets save it.
    path = write(tmp_path, "แบบสำรวจ กชช.2ค" + "," * 22 + "\n" + text, encoding="cp874")
    outcome = vbd_import(user=None, path=path)
    assert (outcome.family, outcome.rows, outcome.villages) == ("vbd", 2, 2)
    assert (outcome.created, outcome.replaced, outcome.dry_run) == (2, 0, False)
    assert (outcome.years, outcome.encoding, outcome.edition) == ((2566,), "cp874", "sample")
    a = VbdVillage.objects.get(village_id=A, round_year=2566)
    assert a.scores["1.1"] == 1 and a.scores["2.2"] == 2 and len(a.scores) == 21
    assert a.edition.code == "sample" and a.is_demo is False
    assert VbdVillage.objects.get(village_id=B, round_year=2566).scores["6.3"] == 3


def test_vbd_reimport_replaces_only_the_files_villages_and_round(tmp_path):
    codes = vbd_codes()
    vbd_import(
        user=None, path=write(tmp_path, vbd_csv([(A, "2566", ["2"] * 21), (B, "2566", ["2"] * 21)]))
    )
    demo_rounds = state(VbdVillage)
    demo_other = [r for r in demo_rounds if r[2] != 2566]
    again = write(tmp_path, vbd_csv([(A, "2566", ["3"] * 21)]), "again.csv")
    outcome = vbd_import(user=None, path=again, demo=True)
    assert (outcome.created, outcome.replaced) == (1, 1)
    a = VbdVillage.objects.get(village_id=A, round_year=2566)
    assert a.scores == dict.fromkeys(codes, 3) and a.is_demo
    assert VbdVillage.objects.get(village_id=B, round_year=2566).scores == dict.fromkeys(codes, 2)
    assert [r for r in state(VbdVillage) if r[2] != 2566] == demo_other  # other rounds untouched


def test_vbd_dry_run_counts_and_writes_nothing(tmp_path):
    vbd_import(user=None, path=write(tmp_path, vbd_csv([(A, "2566", ["2"] * 21)])))
    path = write(tmp_path, vbd_csv([(A, "2566", ["1"] * 21), (B, "2566", ["1"] * 21)]), "b.csv")
    before = state(VbdVillage)
    outcome = vbd_import(user=None, path=path, dry_run=True)
    assert (outcome.created, outcome.replaced, outcome.dry_run) == (2, 1, True)
    assert state(VbdVillage) == before


def test_vbd_bad_cells_are_named_by_row_and_column(tmp_path):
    good = ["2"] * 21
    bad_score = ["2", "2", "4", *["2"] * 18]  # indicator 1.3
    path = write(
        tmp_path,
        vbd_csv(
            [
                (A, "2566", good),  # row 2
                (A, "2566", good),  # row 3: repeats row 2
                ("52019999", "2566", good),  # row 4: no such village
                (B, "2566", bad_score),  # row 5
                (C, "1999", good),  # row 6: not a B.E. year
                (B + "0", "2566", ["2"] * 20 + [""]),  # row 7: 9 digits, a blank score
            ]
        ),
    )
    error = rejected(VbdVillage, vbd_import, path)
    assert where(error) == [
        (3, "รหัสหมู่บ้าน"),
        (4, "รหัสหมู่บ้าน"),
        (5, "1.3"),
        (6, "ปีที่สำรวจ"),
        (7, "รหัสหมู่บ้าน"),
        (7, "6.3"),
    ]
    assert "repeats row 2" in error.problems[0].en and "ซ้ำกับแถวที่ 2" in error.problems[0].th
    assert "unknown village 52019999" in error.problems[1].en
    assert "must be 1, 2 or 3 (found '4')" in error.problems[2].en
    assert "ต้องเป็น 1, 2 หรือ 3" in error.problems[2].th
    assert "Buddhist-Era" in error.problems[3].en
    assert "missing" in error.problems[5].en


def test_vbd_wrong_edition_columns(tmp_path):
    codes = vbd_codes()
    headers = [*codes[:-1], "7.1"]  # 6.3 missing, 7.1 is not in the edition
    path = write(tmp_path, vbd_csv([(A, "2566", ["2"] * 21)], headers))
    error = rejected(VbdVillage, vbd_import, path)
    assert where(error) == [(1, "7.1"), (1, "6.3")]
    assert "not an indicator of edition sample" in error.problems[0].en
    assert "missing the column of indicator 6.3" in error.problems[1].en


def test_vbd_within_and_year_argument(tmp_path):
    path = write(tmp_path, vbd_csv([(A, "2566", ["2"] * 21), (OTHER, "2565", ["2"] * 21)]))
    error = rejected(VbdVillage, vbd_import, path, within="5201", year=2566)
    assert where(error) == [(3, "รหัสหมู่บ้าน"), (3, "ปีที่สำรวจ")]
    assert "not inside area 5201" in error.problems[0].en
    assert "not the year being imported, 2566" in error.problems[1].en


def test_vbd_edition_is_the_one_covering_the_year(tmp_path):
    edition = IndicatorEdition.objects.create(
        family="vbd", code="2566-2570", name_th="กชช.2ค 2566", first_year=2566, last_year=2570
    )
    for order, code in enumerate(("1", "2"), start=1):
        Indicator.objects.create(
            edition=edition,
            code=code,
            order=order,
            category_number=order,
            category_th="ด้าน",
            text_th=f"ข้อ {code}",
            unit="village",
        )
    new_form = write(tmp_path, f"รหัสหมู่บ้าน,ปีที่สำรวจ,ข้อ 1,ข้อ 2\n{A},2567,1,3\n", "new.csv")
    assert vbd_import(user=None, path=new_form).edition == "2566-2570"
    assert VbdVillage.objects.get(village_id=A, round_year=2567).scores == {"1": 1, "2": 3}
    old_form = write(tmp_path, vbd_csv([(A, "2565", ["2"] * 21)]), "old.csv")
    assert vbd_import(user=None, path=old_form).edition == "sample"
    # The old form's columns in a round the new edition covers: another edition's file.
    error = rejected(
        VbdVillage, vbd_import, write(tmp_path, vbd_csv([(A, "2568", ["2"] * 21)]), "x.csv")
    )
    assert len(error.problems) == 23 and error.problems[0].column == "1.1"
    assert (
        vbd_import(
            user=None,
            path=write(tmp_path, vbd_csv([(A, "2568", ["2"] * 21)]), "y.csv"),
            edition_code="sample",
        ).created
        == 1
    )


def test_vbd_unknown_edition_code(tmp_path):
    path = write(tmp_path, vbd_csv([(A, "2566", ["2"] * 21)]))
    error = rejected(VbdVillage, vbd_import, path, edition_code="nope")
    assert "no กชช.2ค edition 'nope'" in str(error)


# --- GVH ------------------------------------------------------------------------------------


def test_gvh_import_dates_decimals_and_thai_digits(tmp_path):
    text = (
        "รหัสหมู่บ้าน,ปี,วันที่ประเมิน,1,2,3,4,5,6\n"
        f"{A},2566,15/03/2566,3.5,4,๔.๕,5,1,2.25\n"
        f"{B},2566,2023-03-16,1,1,1,1,1,1\n"
        f"{C},2566,,5,5,5,5,5,5\n"
    )
    outcome = gvh_import(user=None, path=write(tmp_path, text))
    assert (outcome.rows, outcome.villages, outcome.created, outcome.edition) == (
        3,
        3,
        3,
        "default",
    )
    a = GvhVillage.objects.get(village_id=A, year=2566)
    assert a.scores == {"1": "3.5", "2": "4", "3": "4.5", "4": "5", "5": "1", "6": "2.25"}
    assert a.assessed_on == date(2023, 3, 15)
    assert GvhVillage.objects.get(village_id=B, year=2566).assessed_on == date(2023, 3, 16)
    assert GvhVillage.objects.get(village_id=C, year=2566).assessed_on is None


def test_gvh_import_xlsx_with_numbers_and_component_names(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["ผลการประเมินความสุขมวลรวมชุมชน"])
    sheet.append(["รหัสหมู่บ้าน", "ปี", "สุขภาวะ", 2, 3, 4, 5, 6])  # a name and numbers
    sheet.append([int(A), 2566, 4, 3.5, 3, 3, 3, 3])
    path = tmp_path / "gvh.xlsx"
    book.save(path)
    outcome = gvh_import(user=None, path=path)
    assert (outcome.created, outcome.encoding) == (1, "xlsx")
    scores = GvhVillage.objects.get(village_id=A, year=2566).scores
    assert scores == {"1": "4", "2": "3.5", "3": "3", "4": "3", "5": "3", "6": "3"}


def test_gvh_reimport_replaces(tmp_path):
    head = "รหัสหมู่บ้าน,ปี,1,2,3,4,5,6\n"
    gvh_import(
        user=None, path=write(tmp_path, head + f"{A},2566,1,1,1,1,1,1\n{B},2566,2,2,2,2,2,2\n")
    )
    outcome = gvh_import(user=None, path=write(tmp_path, head + f"{A},2566,5,5,5,5,5,5\n", "b.csv"))
    assert (outcome.created, outcome.replaced) == (1, 1)
    assert GvhVillage.objects.get(village_id=A, year=2566).scores["1"] == "5"
    assert GvhVillage.objects.get(village_id=B, year=2566).scores["1"] == "2"
    assert GvhVillage.objects.filter(village_id=A, year=2564).count() == 1  # demo year kept


def test_gvh_bad_values(tmp_path):
    text = (
        "รหัสหมู่บ้าน,ปี,วันที่ประเมิน,1,2,3,4,5,6\n"
        f"{A},2566,31/02/2566,3,3,3,3,3,3\n"  # row 2: no 31 February
        f"{B},2566,,5.5,3,3,3,3,3\n"  # row 3: above the scale
        f"{C},2566,,3,abc,3,3,0,3\n"  # row 4: not a number; below the scale
    )
    error = rejected(GvhVillage, gvh_import, write(tmp_path, text))
    assert where(error) == [(2, "วันที่ประเมิน"), (3, "1"), (4, "2"), (4, "5")]
    assert "cannot read the date '31/02/2566'" in error.problems[0].en
    assert "must be from 1 to 5 (found 5.5)" in error.problems[1].en
    assert "'abc', is not a number" in error.problems[2].en


def test_gvh_missing_component_column(tmp_path):
    path = write(tmp_path, f"รหัสหมู่บ้าน,ปี,1,2,3,4,5\n{A},2566,3,3,3,3,3\n")
    error = rejected(GvhVillage, gvh_import, path)
    assert where(error) == [(1, "6")]


# --- Household accounts -------------------------------------------------------------------

ACCOUNTS_HEAD = "รหัสหมู่บ้าน,รหัสบ้าน,ปี,จำนวนสมาชิก,รายได้,รายจ่าย,เงินออม,หนี้สิน\n"


def test_accounts_import_cp874_thai_money_and_keyed_hash(tmp_path):
    text = (
        ACCOUNTS_HEAD + f'{A},0001,๒๕๖๖,๔,"1,250,000.-",๑๒๐,๐๐๐ บาท,1.25 แสน,-\n'
        f"{A},0002,2566,2,60000,70000,0,90000\n"
        f"{B},0001,2566,3,0,1000,0,0\n"
    )
    # a ๑๒๐,๐๐๐ cell without quotes would split; the form quotes it
    text = text.replace("๑๒๐,๐๐๐ บาท", '"๑๒๐,๐๐๐ บาท"')
    outcome = accounts_import(user=None, path=write(tmp_path, text, encoding="cp874"))
    assert (outcome.rows, outcome.villages, outcome.created, outcome.encoding) == (
        3,
        2,
        3,
        "cp874",
    )
    first = HouseholdAccount.objects.get(
        year=2566, village_id=A, household_key=pseudonym(A, "0001")
    )
    assert first.members == 4
    assert (first.income, first.expense, first.savings, first.debt) == (
        Decimal("1250000.00"),
        Decimal("120000.00"),
        Decimal("125000.00"),
        Decimal("0.00"),
    )
    keys = set(HouseholdAccount.objects.filter(year=2566).values_list("household_key", flat=True))
    assert keys == {pseudonym(A, "0001"), pseudonym(A, "0002"), pseudonym(B, "0001")}
    assert "0001" not in keys and all(len(k) == 16 for k in keys)


def test_accounts_reimport_replaces_the_village_year(tmp_path):
    accounts_import(
        user=None,
        path=write(tmp_path, ACCOUNTS_HEAD + f"{A},0001,2566,4,1,1,1,1\n{A},0002,2566,4,1,1,1,1\n"),
    )
    outcome = accounts_import(
        user=None, path=write(tmp_path, ACCOUNTS_HEAD + f"{A},0003,2566,1,5,5,5,5\n", "b.csv")
    )
    assert (outcome.created, outcome.replaced) == (1, 2)
    assert list(
        HouseholdAccount.objects.filter(year=2566).values_list("household_key", flat=True)
    ) == [pseudonym(A, "0003")]
    assert HouseholdAccount.objects.filter(year=2564, village_id=A).count() == 20  # demo kept


def test_accounts_bad_values(tmp_path):
    text = (
        ACCOUNTS_HEAD + f"{A},0001,2566,0,100,100,0,0\n"  # row 2: no members
        f"{A},0001,2566,2,100,100,0,0\n"  # row 3: repeats row 2
        f"{A},0002,2566,2,-500,100,0,0\n"  # row 4: negative income
        f"{A},00 3,2566,2,100,,0,0\n"  # row 5: a key with a space; no expenses
        f"{A},0004,2566,2,หนึ่งร้อย,100,0,0\n"  # row 6: words
    )
    error = rejected(HouseholdAccount, accounts_import, write(tmp_path, text))
    assert where(error) == [
        (2, "จำนวนสมาชิก"),
        (3, "รหัสบ้าน"),
        (4, "รายได้"),
        (5, "รหัสบ้าน"),
        (5, "รายจ่าย"),
        (6, "รายได้"),
    ]
    assert "must be from 1 to 99" in error.problems[0].en
    assert "this household repeats row 2" in error.problems[1].en
    assert "cannot be negative" in error.problems[2].en
    assert "the expenses is missing" in error.problems[4].en


def test_accounts_personal_columns_refused_unless_dropped(tmp_path):
    text = (
        "รหัสหมู่บ้าน,รหัสบ้าน,ชื่อ-นามสกุล,ปี,จำนวนสมาชิก,รายได้,รายจ่าย,เงินออม,หนี้สิน\n"
        f"{A},0001,นายสมชาย ใจดี,2566,3,100,100,0,0\n"
    )
    path = write(tmp_path, text)
    error = rejected(HouseholdAccount, accounts_import, path)
    assert where(error) == [(1, "ชื่อ-นามสกุล")]
    assert "never stores personal data" in error.problems[0].en
    outcome = accounts_import(user=None, path=path, drop_personal_columns=True)
    assert outcome.created == 1


def test_accounts_citizen_id_as_household_key_refused_even_when_dropping(tmp_path):
    valid = []  # 13-digit numbers with a valid check digit
    for base in ("110170020345", "310060012345", "110370001234", "120000000000"):
        total = sum(int(d) * (13 - i) for i, d in enumerate(base))
        valid.append(base + str((11 - total % 11) % 10))
    text = ACCOUNTS_HEAD + "".join(f"{A},{cid},2566,2,100,100,0,0\n" for cid in valid)
    error = rejected(
        HouseholdAccount, accounts_import, write(tmp_path, text), drop_personal_columns=True
    )
    # Every cell is named by its row (the header is row 1), never quoting the ID.
    assert where(error) == [(row, "รหัสบ้าน") for row in (2, 3, 4, 5)]
    assert all("not a citizen ID" in p.en for p in error.problems)
    assert not any(cid in p.th + p.en for p in error.problems for cid in valid)


# --- Community capital --------------------------------------------------------------------

CAPITAL_HEAD = "รหัสหมู่บ้าน,ปี,ประเภท,ชื่อ,มูลค่า\n"


def test_capital_import_kinds_in_any_language(tmp_path):
    text = (
        CAPITAL_HEAD + f'{A},2566,fund,กองทุนหมู่บ้าน,"1,000,000"\n'
        f"{A},2566,กองทุน,กลุ่มออมทรัพย์,๕๐๐๐๐\n"
        f"{A},2566,ทรัพยากรธรรมชาติ,ป่าชุมชน,\n"
        f"{B},2566,Culture,ประเพณีสืบชะตา,-\n"
        f"{B},2566,shared asset (ทรัพย์สินชุมชน),ศาลาอเนกประสงค์,\n"
    )
    outcome = capital_import(user=None, path=write(tmp_path, text))
    assert (outcome.rows, outcome.villages, outcome.created) == (5, 2, 5)
    stored = dict(
        CommunityCapital.objects.filter(year=2566).values_list("name", "kind").order_by("name")
    )
    assert stored == {
        "กองทุนหมู่บ้าน": "fund",
        "กลุ่มออมทรัพย์": "fund",
        "ป่าชุมชน": "natural",
        "ประเพณีสืบชะตา": "cultural",
        "ศาลาอเนกประสงค์": "asset",
    }
    amounts = dict(CommunityCapital.objects.filter(year=2566).values_list("name", "amount"))
    assert amounts["กองทุนหมู่บ้าน"] == Decimal("1000000.00")
    assert amounts["กลุ่มออมทรัพย์"] == Decimal("50000.00")
    assert amounts["ป่าชุมชน"] is None and amounts["ประเพณีสืบชะตา"] is None


def test_capital_kind_words():
    assert capital_kind("กองทุน") == "fund"
    assert capital_kind("ทุนวัฒนธรรม") == "cultural"
    assert capital_kind("Natural Resource") == "natural"
    assert capital_kind("องค์กร/กลุ่ม") == "group"
    assert capital_kind("ทุนมนุษย์") == "human"
    assert capital_kind("ของขวัญ") is None


def test_capital_reimport_replaces(tmp_path):
    capital_import(
        user=None, path=write(tmp_path, CAPITAL_HEAD + f"{A},2566,fund,ก,1\n{A},2566,fund,ข,2\n")
    )
    outcome = capital_import(
        user=None, path=write(tmp_path, CAPITAL_HEAD + f"{A},2566,asset,ค,\n", "b.csv")
    )
    assert (outcome.created, outcome.replaced) == (1, 2)
    assert list(CommunityCapital.objects.filter(year=2566).values_list("name", flat=True)) == ["ค"]


def test_capital_bad_rows(tmp_path):
    text = (
        CAPITAL_HEAD + f"{A},2566,ของขวัญ,ก,\n"  # row 2: unknown kind
        f"{A},2566,fund,ข,abc\n"  # row 3: amount not a number
        f"{A},2566,fund,ข,1\n"  # row 4: name repeats row 3
        f"{A},2566,fund,,1\n"  # row 5: no name
    )
    error = rejected(CommunityCapital, capital_import, write(tmp_path, text))
    assert where(error) == [(2, "ประเภท"), (3, "มูลค่า"), (4, "ชื่อ"), (5, "ชื่อ")]
    assert "unknown capital type 'ของขวัญ'" in error.problems[0].en
    assert "repeats row 3" in error.problems[2].en


# --- Occupation groups --------------------------------------------------------------------

GROUPS_HEAD = "รหัสหมู่บ้าน,ปี,ชื่อกลุ่ม,ผลิตภัณฑ์,จำนวนสมาชิก,รายได้ต่อปี\n"


def test_groups_import_and_reimport(tmp_path):
    text = GROUPS_HEAD + f'{A},2566,กลุ่มทอผ้า,ผ้าฝ้าย,๒๕,"120,000"\n{B},2566,กลุ่มเห็ด,เห็ดนางฟ้า,7,\n'
    outcome = groups_import(user=None, path=write(tmp_path, text, encoding="utf-8-sig"))
    assert (outcome.created, outcome.encoding) == (2, "utf-8-sig")
    group = OccupationGroup.objects.get(year=2566, village_id=A)
    assert (group.name, group.product, group.members, group.yearly_revenue) == (
        "กลุ่มทอผ้า",
        "ผ้าฝ้าย",
        25,
        Decimal("120000.00"),
    )
    assert OccupationGroup.objects.get(year=2566, village_id=B).yearly_revenue is None
    again = groups_import(
        user=None, path=write(tmp_path, GROUPS_HEAD + f"{B},2566,กลุ่มใหม่,ข้าว,3,\n", "b.csv")
    )
    assert (again.created, again.replaced) == (1, 1)
    assert OccupationGroup.objects.get(year=2566, village_id=A).name == "กลุ่มทอผ้า"
    assert OccupationGroup.objects.get(year=2566, village_id=B).name == "กลุ่มใหม่"


def test_groups_bad_rows(tmp_path):
    text = (
        GROUPS_HEAD + f"{A},2566,กลุ่มหนึ่ง,ผ้า,abc,\n"  # row 2
        f"{A},2566,กลุ่มสอง,ผ้า,5,ten\n"  # row 3
        f"{A},,กลุ่มสาม,ผ้า,5,\n"  # row 4: no year
    )
    error = rejected(OccupationGroup, groups_import, write(tmp_path, text))
    assert where(error) == [(2, "จำนวนสมาชิก"), (3, "รายได้ต่อปี"), (4, "ปี")]
    assert "is not a whole number" in error.problems[0].en


def test_a_file_without_a_year_column_takes_the_given_year(tmp_path):
    path = write(tmp_path, f"รหัสหมู่บ้าน,ชื่อกลุ่ม,ผลิตภัณฑ์,จำนวนสมาชิก\n{A},กลุ่มหนึ่ง,ผ้า,5\n")
    error = rejected(OccupationGroup, groups_import, path)
    assert where(error) == [(1, "ปี")]
    assert groups_import(user=None, path=path, year=2567).years == (2567,)


# --- Poor households ----------------------------------------------------------------------


def test_poor_import_default_and_named_lists(tmp_path):
    text = f"รหัสหมู่บ้าน,รหัสบ้าน,ปี\n{A},0001,2566\n{A},๐๐๐๒,2566\n{B},0001,2566\n"
    outcome = poor_import(user=None, path=write(tmp_path, text), demo=True)
    assert (outcome.created, outcome.villages) == (3, 2)
    rows = set(
        PoorHousehold.objects.filter(year=2566).values_list(
            "village_id", "household_key", "list_name", "is_demo"
        )
    )
    assert rows == {
        (A, pseudonym(A, "0001"), "imported list", True),
        (A, pseudonym(A, "0002"), "imported list", True),
        (B, pseudonym(B, "0001"), "imported list", True),
    }
    named = f"รหัสบ้าน,รหัสหมู่บ้าน,ชื่อรายการ,ปี\n0009,{A},ทะเบียนคนจนเป้าหมาย,2566\n"
    again = poor_import(user=None, path=write(tmp_path, named, "b.csv"))
    # Another list of the same village and year: added beside the first, which stays.
    assert (again.created, again.replaced) == (1, 0)
    assert set(PoorHousehold.objects.filter(year=2566).values_list("village_id", "list_name")) == {
        (A, "imported list"),
        (A, "ทะเบียนคนจนเป้าหมาย"),
        (B, "imported list"),
    }


def test_poor_bad_rows(tmp_path):
    text = (
        f"รหัสหมู่บ้าน,รหัสบ้าน,ปี\n{A},00#1,2566\n"  # row 2: a key with '#'
        f"{A},,2566\n"  # row 3: no key
        f"{A},0001,2566\n{A},0001,2566\n"  # row 5 repeats row 4
    )
    error = rejected(PoorHousehold, poor_import, write(tmp_path, text))
    assert where(error) == [(2, "รหัสบ้าน"), (3, "รหัสบ้าน"), (5, "รหัสบ้าน")]


def test_empty_file_and_missing_columns(tmp_path):
    error = rejected(PoorHousehold, poor_import, write(tmp_path, ""))
    assert "the file is empty" in str(error)
    error = rejected(PoorHousehold, poor_import, write(tmp_path, "รหัสหมู่บ้าน,ปี\n52010101,2566\n"))
    assert where(error) == [(1, "รหัสบ้าน")]


# --- Command ----------------------------------------------------------------------------


def test_command_imports_and_reports(tmp_path, capsys):
    path = write(tmp_path, CAPITAL_HEAD + f"{A},2566,fund,ก,1\n")
    call_command("evidence_import", "capital", str(path), "--dry-run")
    assert "1 records would be written (dry run)" in capsys.readouterr().out
    assert not CommunityCapital.objects.filter(year=2566).exists()
    call_command("evidence_import", "capital", str(path), "--year", "2566")
    assert (
        "capital (utf-8): 1 rows, 1 villages, year 2566: 1 records written"
        in capsys.readouterr().out
    )
    bad = write(tmp_path, CAPITAL_HEAD + f"{A},2566,ของขวัญ,ข,1\n", "bad.csv")
    with pytest.raises(CommandError, match=r"row 2, column 'ประเภท'"):
        call_command("evidence_import", "capital", str(bad))


# --- Small parsers ----------------------------------------------------------------------


def test_parse_thai_date_forms():
    expected = date(2023, 3, 15)
    for text in (
        "15/03/2566",
        "15-3-2566",
        "๑๕/๐๓/๒๕๖๖",
        "15 มี.ค. 2566",
        "15 มีนาคม พ.ศ. 2566",
        "2023-03-15",
        "2023-03-15 00:00:00",
        "15/03/2023",
    ):
        assert parse_thai_date(text) == expected, text


def test_indicator_headers():
    assert indicator_code_of("ข้อ 1.1") == "1.1"
    assert indicator_code_of("ข้อ1.10") == "1.10"
    assert indicator_code_of("๒.๓") == "2.3"
    assert indicator_code_of("องค์ประกอบที่ 4") == "4"
    assert indicator_code_of("ชื่อหมู่บ้าน") is None


# --- Summaries: pure ----------------------------------------------------------------------


def test_vbd_class_cut_offs():
    assert vbd_class({"a": 1, "b": 2, "c": 2, "d": 2}, SETTINGS) == 1  # 1/4 = 0.25 at 1
    assert vbd_class({"a": 1, "b": 2, "c": 2, "d": 2, "e": 2}, SETTINGS) == 2  # 1/5 < 0.25
    assert vbd_class({"a": 3, "b": 3, "c": 3, "d": 2, "e": 2}, SETTINGS) == 3  # 3/5 = 0.6 at 3
    assert vbd_class({"a": 3, "b": 3, "c": 2, "d": 2, "e": 2}, SETTINGS) == 2  # 2/5 < 0.6
    assert vbd_class({"a": 1, "b": 3, "c": 3, "d": 3}, SETTINGS) == 1  # class 1 comes first
    with pytest.raises(ValueError):
        vbd_class({}, SETTINGS)


def test_accounts_tally_of_nothing_is_undefined_not_zero():
    summary = accounts_tally("5201", None, [], Decimal(1))
    assert summary.households == 0 and summary.income.total == Decimal("0.00")
    assert summary.income.per_household is None and summary.income.per_person is None
    assert summary.pct_debt_over is None and summary.pct_expense_over_income is None


def test_accounts_tally_debt_is_strictly_above_the_multiple():
    rows = [AccountRow(1, Decimal(100), Decimal(0), Decimal(0), Decimal(50))]
    assert accounts_tally("5201", 2566, rows, Decimal("0.5")).households_debt_over == 0
    assert accounts_tally("5201", 2566, rows, Decimal("0.4")).households_debt_over == 1


def test_gvh_tally_component_without_scores():
    summary = gvh_tally("5201", 2566, [], [("1", "สุขภาวะ")], (Decimal(1), Decimal(5)))
    component = summary.components[0]
    assert (component.villages, component.mean, component.minimum, component.maximum) == (
        0,
        None,
        None,
        None,
    )


# --- Summaries: from the database ---------------------------------------------------------


def test_vbd_summary_latest_round_by_class_and_indicator():
    codes = vbd_codes()
    edition = IndicatorEdition.objects.get(family="vbd", code="sample")
    # A: 6 of 21 at 1 (0.29 ≥ 0.25) → class 1; B: 13 at 3 (0.62 ≥ 0.6) → class 3;
    # C: all 2 → class 2; OTHER lies outside 5201.
    scores = {
        A: [1] * 6 + [2] * 15,
        B: [3] * 13 + [2] * 8,
        C: [2] * 21,
        OTHER: [1] * 21,
    }
    for village, values in scores.items():
        VbdVillage.objects.create(
            round_year=2566,
            edition=edition,
            village_id=village,
            scores=dict(zip(codes, values, strict=True)),
        )
    summary = vbd_summary("5201")
    assert (summary.round_year, summary.villages, summary.editions) == (2566, 3, ("sample",))
    assert summary.classes == {1: 1, 2: 1, 3: 1}
    assert summary.class_share(1) == Decimal("33.3")
    levels = {i.code: (i.at_1, i.at_2, i.at_3) for i in summary.indicators}
    assert levels["1.1"] == (1, 1, 1)
    assert levels["2.2"] == (0, 2, 1)  # 7th indicator: A at 2, B at 3, C at 2
    assert levels["6.3"] == (0, 3, 0)
    assert [i.code for i in summary.indicators] == codes
    assert vbd_summary("52010101", round_year=2566).classes == {1: 1, 2: 0, 3: 0}


def test_vbd_summary_of_an_area_without_rounds():
    summary = vbd_summary("5201", round_year=2599)
    assert (summary.villages, summary.classes, summary.class_share(1)) == (
        0,
        {1: 0, 2: 0, 3: 0},
        None,
    )
    with pytest.raises(ValueError):
        vbd_summary("520")


def test_gvh_summary_mean_min_max():
    edition = IndicatorEdition.objects.get(family="gvh", code="default")
    for village, first in ((A, "3"), (B, "4"), (C, "4.5"), (OTHER, "1")):
        GvhVillage.objects.create(
            year=2566,
            edition=edition,
            village_id=village,
            scores={"1": first, "2": "5", "3": "2", "4": "2", "5": "2", "6": "2"},
        )
    summary = gvh_summary("5201")
    assert (summary.year, summary.villages) == (2566, 3)
    assert (summary.scale_min, summary.scale_max) == (Decimal(1), Decimal(5))
    first, second = summary.components[0], summary.components[1]
    assert first.code == "1" and first.name_th == "สุขภาวะ"
    assert (first.mean, first.minimum, first.maximum) == (
        Decimal("3.83"),  # 11.5 / 3
        Decimal("3"),
        Decimal("4.5"),
    )
    assert (second.mean, second.villages) == (Decimal("5.00"), 3)


def test_accounts_summary_totals_means_and_weak_households():
    rows = [  # village, key, members, income, expense, savings, debt
        (A, "h1", 4, 100000, 80000, 10000, 50000),
        (A, "h2", 2, 60000, 70000, 0, 90000),  # debt above income; spends more than earns
        (B, "h1", 3, 0, 1000, 0, 0),  # spends more than earns
        (OTHER, "h1", 1, 1, 1, 1, 1000),  # outside 520101
    ]
    for village, key, members, income, expense, savings, debt in rows:
        HouseholdAccount.objects.create(
            year=2566,
            village_id=village,
            household_key=pseudonym(village, key),
            members=members,
            income=income,
            expense=expense,
            savings=savings,
            debt=debt,
        )
    summary = accounts_summary("520101")
    assert (summary.year, summary.households, summary.members) == (2566, 3, 9)
    assert summary.income.total == Decimal("160000.00")
    assert summary.income.per_household == Decimal("53333.33")
    assert summary.income.per_person == Decimal("17777.78")
    assert summary.expense.total == Decimal("151000.00")
    assert summary.expense.per_household == Decimal("50333.33")
    assert summary.savings.per_person == Decimal("1111.11")
    assert summary.debt.total == Decimal("140000.00")
    assert summary.debt.per_household == Decimal("46666.67")
    assert summary.debt_to_income == Decimal("1.00")  # ProblemSettings default
    assert (summary.households_debt_over, summary.pct_debt_over) == (1, Decimal("33.3"))
    assert (summary.households_expense_over_income, summary.pct_expense_over_income) == (
        2,
        Decimal("66.7"),
    )
    stricter = accounts_summary("520101", 2566, debt_to_income=Decimal("0.4"))
    assert stricter.households_debt_over == 2


def test_capital_summary_by_kind():
    for village, kind, name, amount in (
        (A, "fund", "ก", Decimal("100000")),
        (A, "fund", "ข", None),
        (A, "natural", "ค", None),
        (B, "fund", "ง", Decimal("50000.50")),
        (B, "cultural", "จ", None),
        (OTHER, "fund", "ฉ", Decimal("999")),
    ):
        CommunityCapital.objects.create(
            year=2566, village_id=village, kind=kind, name=name, amount=amount
        )
    summary = capital_summary("520101")
    assert (summary.year, summary.items, summary.villages) == (2566, 5, 2)
    assert (summary.items_with_amount, summary.amount) == (2, Decimal("150000.50"))
    kinds = {k.kind: (k.items, k.villages, k.items_with_amount, k.amount) for k in summary.kinds}
    assert kinds["fund"] == (3, 2, 2, Decimal("150000.50"))
    assert kinds["natural"] == (1, 1, 0, None)
    assert kinds["asset"] == (0, 0, 0, None)
    assert [k.kind for k in summary.kinds] == [
        "fund",
        "asset",
        "group",
        "natural",
        "cultural",
        "human",
    ]


def test_groups_summary():
    for village, name, members, revenue in (
        (A, "ก", 10, Decimal("120000")),
        (A, "ข", 25, None),
        (B, "ค", 7, Decimal("30000")),
        (OTHER, "ง", 100, Decimal("1")),
    ):
        OccupationGroup.objects.create(
            year=2566,
            village_id=village,
            name=name,
            product="",
            members=members,
            yearly_revenue=revenue,
        )
    summary = groups_summary("520101")
    assert (summary.year, summary.groups, summary.villages, summary.members) == (2566, 3, 2, 42)
    assert (summary.groups_with_revenue, summary.revenue) == (2, Decimal("150000.00"))
    assert summary.revenue_per_group == Decimal("75000.00")
    empty = groups_summary("520101", 2599)
    assert (empty.groups, empty.revenue, empty.revenue_per_group) == (0, None, None)


def test_poor_summary_bmn_and_lists():
    bmn = IndicatorEdition.objects.get(family="bmn", code="2560-2564")
    BmnResult.objects.create(
        year=2567,
        edition=bmn,
        area_id="5201",
        level=2,
        households=200,
        poor_households=13,
        counts={},
    )
    for village, key, list_name in (
        (A, "1", "ก"),
        (A, "2", "ก"),
        (C, "1", "ก"),
        (A, "1", "ข"),  # the same household on a second list
        (OTHER, "1", "ก"),  # outside 5201
    ):
        PoorHousehold.objects.create(
            year=2567,
            village_id=village,
            household_key=pseudonym(village, key),
            list_name=list_name,
        )
    summary = poor_summary("5201")
    assert summary.year == 2567
    assert (summary.bmn_households, summary.bmn_poor, summary.pct_bmn_poor) == (
        200,
        13,
        Decimal("6.5"),
    )
    assert (summary.listed_households, summary.listed_villages) == (3, 2)
    assert [(x.list_name, x.households) for x in summary.lists] == [("ก", 3), ("ข", 1)]
    no_bmn = poor_summary("520101", 2567)
    assert (no_bmn.bmn_households, no_bmn.bmn_poor, no_bmn.pct_bmn_poor) == (None, None, None)
    assert no_bmn.listed_households == 2


def test_importing_one_poor_list_keeps_the_others(tmp_path):
    from planlink.evidence.importers.families import poor_import
    from planlink.evidence.models import PoorHousehold

    PoorHousehold.objects.filter(year=2566).delete()
    first = tmp_path / "a.csv"
    first.write_text("รหัสหมู่บ้าน,รหัสบ้าน,ปี,ชื่อรายการ\n52010101,0007,2566,บัญชี ก\n", encoding="utf-8")
    second = tmp_path / "b.csv"
    second.write_text("รหัสหมู่บ้าน,รหัสบ้าน,ปี,ชื่อรายการ\n52010101,0008,2566,บัญชี ข\n", encoding="utf-8")
    poor_import(user=None, path=first)
    poor_import(user=None, path=second)
    lists = sorted(
        PoorHousehold.objects.filter(year=2566, village_id="52010101").values_list(
            "list_name", flat=True
        )
    )
    assert lists == ["บัญชี ก", "บัญชี ข"]
    poor_import(user=None, path=second)  # the same list again replaces only itself
    assert PoorHousehold.objects.filter(year=2566, village_id="52010101").count() == 2
