"""Importing a local government's development plan (ผ.01/ผ.02): what is read, what is refused
(nothing written), who may import, and the decisions kept through a re-import."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied

from planlink.accounts.models import RoleAssignment, User
from planlink.accounts.roles import Role
from planlink.areas.models import LocalGovernment
from planlink.core.tabular import ImportRejected
from planlink.integration.models import DuplicateDecision, Proposal
from planlink.integration.services import duplicates
from planlink.sources.importers.local_plan import read_local_plan
from planlink.sources.models import SourceLine, SourceList
from planlink.sources.services import local_plan_import
from planlink.sources.tests.workbooks import DEFAULT_LINES, line, local_plan

pytestmark = pytest.mark.django_db
GRAND_TOTAL = ["รวมทั้งสิ้น", 1, 150000, 0, 0, 1, 300000, 0, 0, 3, 2000000, 4, 2450000]


@pytest.fixture
def lao() -> LocalGovernment:
    return LocalGovernment.objects.get(code="3520101")


def _counts() -> tuple[int, int, int]:
    return SourceList.objects.count(), SourceLine.objects.count(), Proposal.objects.count()


def test_the_workbook_is_read_sheet_by_sheet_with_forms_budgets_and_headings(tmp_path: Path):
    path = local_plan(
        tmp_path / "p.xlsx",
        summary=GRAND_TOTAL,
        pao_rows=[
            line(1, "ก่อสร้างถนนลาดยาง สายบ้านแม่เหียง - บ้านปงทอง", "ยาว 2 กม.", ["-"] * 4 + [5_000_000])
        ],
    )
    read = read_local_plan(path, "p.xlsx")
    assert read.years == (2566, 2570)
    assert read.sheets_read == ["ผ.01", "ผ.02", "ผ.02-1"] and read.sheets_ignored == ["ปก", "ผ.03"]
    assert read.notes == []  # the ผ.01 totals agree with the ผ.02 lines
    first, pond, drain, lamps, road = read.lines
    assert first.number == "๑" and first.row == 9 and first.budgets == {2570: Decimal("450000")}
    assert pond.budgets == {2568: Decimal(300000), 2570: Decimal(300000)}  # Thai digits
    assert drain.budgets == {2570: Decimal("1250000")}  # "1,250,000.-"
    assert lamps.programme == "1.2 แผนงานเคหะและชุมชน" and lamps.row == 14  # after the total
    assert first.strategy == "1. ยุทธศาสตร์การพัฒนาด้านโครงสร้างพื้นฐาน"
    assert {ln.form for ln in read.lines[:4]} == {"ผ.02"} and road.form == "ผ.02/1"
    assert road.budget_source == "pao" and first.budget_source == "lao"
    assert (lamps.first_year, lamps.last_year) == (2566, 2566)


def test_a_summary_that_differs_from_the_lines_is_noted_not_refused(tmp_path: Path):
    wrong = [*GRAND_TOTAL]
    wrong[10] = 2_100_000
    read = read_local_plan(local_plan(tmp_path / "p.xlsx", summary=wrong), "p.xlsx")
    assert read.notes == [
        "ผ.01 ปี 2570: ผ.01 รวม 3 โครงการ 2,100,000.00 บาท แต่ ผ.02 มี 3 โครงการ 2,000,000.00 บาท"
    ]


def test_lines_are_placed_in_the_villages_of_the_local_government(tmp_path: Path, lao):
    path = local_plan(tmp_path / "p.xlsx")
    source_list = local_plan_import(user=None, local_government=lao, source=path, filename="p.xlsx")
    lines = {ln.title: ln for ln in source_list.lines.all()}
    road = lines["โครงการก่อสร้างถนนคอนกรีตเสริมเหล็ก ซอย ๕ หมู่ที่ ๔ บ้านแม่มะกอก"]
    assert road.villages == ["52010104"] and road.area_id == "52010104"  # named and numbered
    pond = lines["โครงการขุดลอกหนองผาแดง"]
    assert pond.villages == ["52010103"]  # the target cell says หมู่ที่ 3 บ้านแม่เหียง
    drain = lines["โครงการก่อสร้างรางระบายน้ำ คสล. ซอย 6 หมู่ที่ 4"]
    covered = set(lao.villages.values_list("code", flat=True))
    assert set(drain.villages) == {v for v in covered if v.endswith("04")}  # หมู่ 4 of each tambon
    assert source_list.area_id == "5201" and source_list.title.startswith("แผนพัฒนาท้องถิ่น")
    # Indexed at once, with its own keys.
    assert Proposal.objects.filter(group=f"list:{source_list.pk}").count() == 4


@pytest.mark.parametrize(
    ("rows", "row", "column", "words"),
    [
        (
            [line(1, "โครงการก่อสร้างถนน", "", ["-", "-", "-", "-", "ห้าแสน"])],
            9,
            "ผ.02: ๒๕๗๐ (บาท)",
            "อ่านงบประมาณไม่ได้",
        ),
        ([line(1, "", "หมู่ที่ 4", ["-", "-", "-", "-", 500000])], 9, "ผ.02: โครงการ", "ไม่มีชื่อโครงการ"),
        ([line(1, "โครงการก่อสร้างถนน", "", ["-"] * 5)], 9, "ผ.02: งบประมาณ", "ไม่มีงบประมาณในปีใดเลย"),
        ([line(1, "ถนน" * 200, "", ["-", "-", "-", "-", 1])], 9, "ผ.02: โครงการ", "เกิน 300 ตัวอักษร"),
    ],
)
def test_a_bad_cell_is_named_and_nothing_is_written(tmp_path, lao, rows, row, column, words):
    before = _counts()
    path = local_plan(tmp_path / "p.xlsx", [*DEFAULT_LINES, *rows])
    with pytest.raises(ImportRejected) as caught:
        local_plan_import(user=None, local_government=lao, source=path, filename="p.xlsx")
    problem = next(p for p in caught.value.problems if words in p.th)
    assert problem.row == row + len(DEFAULT_LINES) and problem.column == column
    assert problem.en  # in English too
    assert _counts() == before


def test_a_citizen_id_refuses_the_file_without_quoting_it(tmp_path, lao):
    before = _counts()
    rows = [*DEFAULT_LINES, line(9, "โครงการช่วยเหลือนายสมชาย 1101700203450", "", [1] * 5)]
    with pytest.raises(ImportRejected) as caught:
        local_plan_import(
            user=None,
            local_government=lao,
            source=local_plan(tmp_path / "p.xlsx", rows),
            filename="p.xlsx",
        )
    assert any("เลขประจำตัวประชาชน" in p.th for p in caught.value.problems)
    assert "1101700203450" not in str(caught.value)
    assert _counts() == before


def test_a_workbook_without_a_p02_sheet_is_refused(tmp_path, lao):
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["บัญชีรายชื่อ"])
    wb.save(tmp_path / "x.xlsx")
    with pytest.raises(ImportRejected) as caught:
        local_plan_import(
            user=None, local_government=lao, source=tmp_path / "x.xlsx", filename="x.xlsx"
        )
    assert "ไม่พบแผ่นงาน ผ.02" in caught.value.problems[0].th


def _village_request() -> Proposal:
    """A village item of the demo tambon at a ซอย (so the line written from it is its own)."""
    found = (
        Proposal.objects.filter(
            origin="village", area_code__startswith="520101", title__contains="ซอย", first_year=2570
        )
        .order_by("title")
        .first()
    )
    assert found is not None, "the demo's village plans of 520101 have a lane work"
    return found


def test_reimporting_replaces_the_lines_and_keeps_the_decisions(tmp_path, lao):
    village = _village_request()
    moo = int(village.area_code[-2:])
    title = "โครงการ" + village.title.replace("คสล.", "คอนกรีตเสริมเหล็ก")
    ours = line(7, title, f"หมู่ที่ {moo}", ["-", "-", "-", "-", 500000])
    path = local_plan(tmp_path / "p.xlsx", [*DEFAULT_LINES, ours])
    first = local_plan_import(user=None, local_government=lao, source=path, filename="p.xlsx")
    mine = Proposal.objects.get(group=f"list:{first.pk}", title=title)
    found = duplicates.check_area("520101", (2570, 2572))
    pair = next(f for f in found if {f.a.key, f.b.key} == {mine.key, village.key})
    assert not pair.decided and pair.candidate.reason_th.startswith("งานเดียวกัน")
    duplicates.duplicate_decide(user=None, key_a=mine.key, key_b=village.key, verdict="duplicate")

    # The office's new file: this line's budget changed, another line removed.
    changed = line(7, title, f"หมู่ที่ {moo}", ["-", "-", "-", 700000, 800000])
    rows = [r for r in DEFAULT_LINES if "รางระบายน้ำ" not in str(r)] + [changed]
    again = local_plan_import(
        user=None,
        local_government=lao,
        source=local_plan(tmp_path / "q.xlsx", rows),
        filename="q.xlsx",
    )
    assert again.pk == first.pk and again.imports == 2 and again.lines.count() == 4
    assert not SourceLine.objects.filter(title__contains="รางระบายน้ำ คสล. ซอย 6").exists()
    found = duplicates.check_area("520101", (2570, 2572))
    pair = next(f for f in found if {f.a.key, f.b.key} == {mine.key, village.key})
    assert pair.is_duplicate and pair.other(village.key).budget == Decimal(1_500_000)
    assert DuplicateDecision.objects.count() == 1


def _user(username: str, role: Role, area: str) -> User:
    user = User.objects.create(username=username)
    RoleAssignment.objects.create(user=user, role=role, area_id=area)
    return user


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("officer-520101", True),  # the tambon's officer: the municipality covers its villages
        ("lao-3520101", True),  # the municipality's own planner
        ("district-5201", True),
        ("amphoe-5201", True),
        ("tambon-520101", False),
        ("village-52010101", False),
        ("officer-elsewhere", False),  # an officer of a tambon the municipality does not cover
    ],
)
def test_who_may_import_a_local_plan(tmp_path, lao, who, allowed):
    user = (
        _user(who, Role.CD_OFFICER, "520901")
        if who == "officer-elsewhere"
        else User.objects.get(username=who)
    )
    path = local_plan(tmp_path / "p.xlsx")
    before = _counts()
    if allowed:
        source_list = local_plan_import(
            user=user, local_government=lao, source=path, filename="p.xlsx"
        )
        assert source_list.imported_by == user
    else:
        with pytest.raises(PermissionDenied):
            local_plan_import(user=user, local_government=lao, source=path, filename="p.xlsx")
        assert _counts() == before
