"""Budgets keep their satang: typed, imported from Excel/CSV, exported and imported back."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from planlink.areas.models import Area
from planlink.core.tabular import ImportRejected
from planlink.core.thai import ThaiValueError, parse_budget
from planlink.plans.excel import HEADER_ROW, SHEET_ITEMS, plan_import, plan_workbook
from planlink.plans.forms import ItemForm
from planlink.plans.models import Plan
from planlink.plans.services import item_create, plan_create
from planlink.plans.tests.conftest import category, data

pytestmark = pytest.mark.django_db

SATANG = Decimal("106672.89")


@pytest.mark.parametrize(
    ("written", "amount"),
    [
        ("106,672.89", SATANG),
        ("๑๐๖,๖๗๒.๘๙", SATANG),
        ("106672.89 บาท", SATANG),
        ("๑๐๖,๖๗๒.๘๙.-", SATANG),
        (106672.89, SATANG),  # a numeric cell
        (Decimal("106672.89"), SATANG),
        ("1,250,000.-", Decimal("1250000")),
        ("0.5", Decimal("0.50")),
        (0.5, Decimal("0.50")),
    ],
)
def test_budget_text_keeps_its_satang(written, amount):
    parsed = parse_budget(written)
    assert parsed == amount
    assert parsed is not None and parsed.as_tuple().exponent == -2  # stored as x.yy


@pytest.mark.parametrize("written", ["106,672.891", 106672.891, "0.005"])
def test_more_than_two_decimals_is_refused_not_rounded(written):
    with pytest.raises(ThaiValueError) as error:
        parse_budget(written)
    assert "2 decimal places" in error.value.en and "ทศนิยมเกิน 2 ตำแหน่ง" in error.value.th


def test_the_item_form_keeps_satang(empty_village_plan):
    version = empty_village_plan.versions.get()
    fields = {
        "title": "ซ่อมแซมศาลาประชาคม",
        "mode": "joint",
        "category": str(category()),
        "funding_source": "community",
        "status": "proposed",
        "budget_2570": "106,672.89",
        "budget_2571": "๑๐๖,๖๗๒.๘๙",
        "budget_2572": "1,250,000.-",
        "contribution_cash": "0.50",
    }
    form = ItemForm(data=fields, version=version)
    assert form.is_valid(), form.errors
    item = form.item_data([])
    assert item.budgets == {2570: SATANG, 2571: SATANG, 2572: Decimal("1250000")}
    assert item.contribution_cash == Decimal("0.50")
    form = ItemForm(data={**fields, "budget_2570": "106,672.891"}, version=version)
    assert not form.is_valid()
    assert "satang" in str(form.errors["budget_2570"])


@pytest.fixture
def satang_plan(empty_village_plan, committee):  # type: ignore[no-untyped-def]
    version = empty_village_plan.versions.get()
    for title, budgets in (
        ("ก่อสร้างรางระบายน้ำ ซอย ๒", {2570: SATANG, 2571: Decimal("0.5")}),
        ("ขยายเขตไฟฟ้าสาธารณะ", {2571: Decimal("1250000.00"), 2572: Decimal("999999.99")}),
        ("ปรับปรุงภูมิทัศน์หน้าวัด", {2570: Decimal("30000.05"), 2572: Decimal("0.01")}),
    ):
        item_create(user=committee, version=version, data=data(title, "joint", budgets=budgets))
    return empty_village_plan


def budgets_of(version) -> list[list[tuple[int, Decimal]]]:  # type: ignore[no-untyped-def]
    return [
        sorted((b.fiscal_year, b.amount) for b in item.budgets.all())
        for item in version.items.order_by("priority").prefetch_related("budgets")
    ]


def test_export_shows_satang_and_import_keeps_them(satang_plan, committee, tmp_path):
    version = satang_plan.versions.get()
    before = budgets_of(version)
    assert before[0] == [(2570, SATANG), (2571, Decimal("0.50"))]
    content = plan_workbook(version)
    sheet = openpyxl.load_workbook(io.BytesIO(content))[SHEET_ITEMS]
    headers = {str(c.value): c.column for c in sheet[HEADER_ROW] if c.value}
    cell = sheet.cell(row=HEADER_ROW + 1, column=headers["งบประมาณ ปี 2570"])
    assert Decimal(str(cell.value)) == SATANG
    assert cell.number_format == "#,##0.00"  # Excel shows 106,672.89, not 106,673
    half = sheet.cell(row=HEADER_ROW + 1, column=headers["งบประมาณ ปี 2571"])
    assert (Decimal(str(half.value)), half.number_format) == (Decimal("0.5"), "#,##0.00")

    path = tmp_path / "plan.xlsx"
    path.write_bytes(content)
    outcome = plan_import(user=committee, version=version, path=path)
    assert (outcome.created, outcome.updated, outcome.deleted, outcome.unchanged) == (0, 0, 0, 3)
    assert budgets_of(version) == before

    # Into another village's plan too: every amount created from the file, to the satang.
    Plan.objects.filter(area_id="52010102").delete()
    other = plan_create(
        user=None,
        area=Area.objects.get(code="52010102"),
        level="village",
        fiscal_years=range(2570, 2572 + 1),
    ).versions.get()
    outcome = plan_import(user=None, version=other, path=path)
    assert outcome.created == 3
    assert budgets_of(other) == before


def test_amounts_typed_into_excel_keep_satang(satang_plan, committee, tmp_path):
    version = satang_plan.versions.get()
    book = openpyxl.load_workbook(io.BytesIO(plan_workbook(version)))
    sheet = book[SHEET_ITEMS]
    headers = {str(c.value): c.column for c in sheet[HEADER_ROW] if c.value}
    typed = {
        2570: 106672.89,  # a number cell, as Excel stores it (a binary float)
        2571: "๑๐๖,๖๗๒.๘๙",
        2572: "106,672.89 บาท",
    }
    for year, value in typed.items():
        sheet.cell(row=HEADER_ROW + 3, column=headers[f"งบประมาณ ปี {year}"], value=value)
    path = tmp_path / "typed.xlsx"
    book.save(path)
    plan_import(user=committee, version=version, path=path)
    assert budgets_of(version)[2] == [(2570, SATANG), (2571, SATANG), (2572, SATANG)]


def test_a_budget_with_three_decimals_is_a_problem_of_its_cell(satang_plan, committee, tmp_path):
    version = satang_plan.versions.get()
    before = budgets_of(version)
    book = openpyxl.load_workbook(io.BytesIO(plan_workbook(version)))
    sheet = book[SHEET_ITEMS]
    headers = {str(c.value): c.column for c in sheet[HEADER_ROW] if c.value}
    sheet.cell(row=HEADER_ROW + 2, column=headers["งบประมาณ ปี 2572"], value=106672.891)
    path = tmp_path / "bad.xlsx"
    book.save(path)
    with pytest.raises(ImportRejected) as rejected:
        plan_import(user=committee, version=version, path=path)
    (problem,) = rejected.value.problems
    assert (problem.row, problem.column) == (HEADER_ROW + 2, "งบประมาณ ปี 2572")
    assert "satang" in problem.en
    assert budgets_of(version) == before


def test_csv_with_satang(empty_village_plan, committee, tmp_path: Path):
    version = empty_village_plan.versions.get()
    path = tmp_path / "plan.csv"
    path.write_text(
        "โครงการ/กิจกรรม,วิธีดำเนินการ,ด้านการพัฒนา,งบประมาณ ปี 2570,งบประมาณ ปี 2571\n"
        'ขุดลอกคลองส่งน้ำ,ทำร่วม,โครงสร้างพื้นฐาน,"106,672.89","๑,๒๕๐,๐๐๐.-"\n',
        encoding="utf-8",
    )
    plan_import(user=committee, version=version, path=path)
    assert budgets_of(version) == [[(2570, SATANG), (2571, Decimal("1250000"))]]
