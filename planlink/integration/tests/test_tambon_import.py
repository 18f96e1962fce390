"""Importing a tambon plan made outside planlink (seed item 5.2): the sample file, a file with
bad cells (every problem by row and column, nothing written), a cp874 CSV, who may import,
and a draft that already has items."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.urls import include, path
from openpyxl import Workbook

from config import urls as root_urls
from planlink.accounts.models import RoleAssignment, User
from planlink.accounts.roles import Role
from planlink.areas.models import Area
from planlink.core.tabular import ImportRejected, Problem
from planlink.integration import services, urls_import
from planlink.integration import urls as integration_urls
from planlink.integration.models import (
    AddedFrom,
    ReviewAction,
    ReviewEntry,
    TambonItem,
    TambonItemKind,
)
from planlink.plans.models import Mode, Plan, PlanItem, PlanItemBudget

pytestmark = pytest.mark.django_db
TAMBON = "520101"
YEAR = 2570
SAMPLE = settings.BASE_DIR / "docs/samples/tambon-plan-sample.xlsx"

# The integration namespace with the import pages, whether or not integration/urls.py
# includes them yet (view tests use this urlconf).
urlpatterns = [
    path("", include(([*integration_urls.urlpatterns, *urls_import.urlpatterns], "integration"))),
    *(p for p in root_urls.urlpatterns if getattr(p, "namespace", None) != "integration"),
]


@pytest.fixture
def tcoc() -> User:
    return User.objects.get(username="tambon-520101")


@pytest.fixture
def tambon() -> Area:
    return Area.objects.get(code=TAMBON)


def _import(user: User | None, tambon: Area, source: Path, name: str | None = None):  # type: ignore[no-untyped-def]
    return services.tambon_plan_import(
        user=user,
        tambon=tambon,
        first_year=YEAR,
        last_year=YEAR + 2,
        upload_path_or_file=source,
        filename=name or source.name,
    )


def _counts() -> tuple[int, ...]:
    return (
        Plan.objects.count(),
        PlanItem.objects.count(),
        PlanItemBudget.objects.count(),
        TambonItem.objects.count(),
        ReviewEntry.objects.count(),
        PlanItem.history.count(),  # type: ignore[attr-defined]
    )


def _citizen_id(first12: str = "110170012345") -> str:
    total = sum(int(d) * (13 - i) for i, d in enumerate(first12))
    return first12 + str((11 - total % 11) % 10)


def _xlsx(tmp_path: Path, rows: list[list[object]], name: str = "plan.xlsx") -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    out = tmp_path / name
    book.save(out)
    return out


HEADER = [
    "ที่",
    "โครงการ/กิจกรรม",
    "วัตถุประสงค์",
    "เป้าหมาย",
    "งบประมาณ 2570",
    "งบประมาณ 2571",
    "ปี 2575",
    "ตัวชี้วัด",
    "ผลที่คาดว่าจะได้รับ",
    "หน่วยงานรับผิดชอบ",
    "ประเด็น",
    "หมู่บ้าน",
    "วิธีดำเนินการ",
]


# --- The sample ------------------------------------------------------------------------------


def test_the_sample_file_imports_items_budgets_issues_and_villages(tcoc, tambon):
    assert SAMPLE.is_file(), "run scripts/make_tambon_sample.py"
    outcome = _import(tcoc, tambon, SAMPLE)

    assert outcome.created_plan and (outcome.plan.first_year, outcome.plan.last_year) == (
        2570,
        2572,
    )
    assert outcome.items == 16 and outcome.skipped == 1  # the รวมทั้งสิ้น row
    items = list(outcome.version.items.order_by("priority").prefetch_related("villages", "budgets"))
    assert [i.priority for i in items] == list(range(1, 17))
    infos = {t.lineage_id: t for t in TambonItem.objects.filter(lineage__plan=outcome.plan)}
    assert len(infos) == 16
    for item in items:
        info = infos[item.lineage_id]
        assert info.kind == TambonItemKind.IMPORTED and info.added_from == AddedFrom.PLAN
        assert info.issue is not None and info.issue.fiscal_year == YEAR
        assert info.issue_confirmed_by == tcoc and info.issue_confirmed_at is not None
        assert info.accepted_by == tcoc and info.accepted_at is not None
        assert item.mode in (Mode.JOINT, Mode.REQUEST)
        assert tambon not in item.villages.all()
    # Ordered by issue, then by ที่: the issue numbers never go down.
    numbers = [infos[i.lineage_id].issue.number for i in items]  # type: ignore[union-attr]
    assert numbers == sorted(numbers) and set(numbers) == {1, 2, 3, 4, 5}

    road = items[0]
    assert road.title.startswith("ก่อสร้างถนนคอนกรีตเสริมเหล็ก")
    assert {b.fiscal_year: b.amount for b in road.budgets.all()} == {2570: Decimal("1250000")}
    assert sorted(v.moo for v in road.villages.all()) == [1, 2]
    lamps = next(i for i in items if i.title.startswith("ติดตั้งไฟฟ้าส่องสว่าง"))
    assert {b.fiscal_year: b.amount for b in lamps.budgets.all()} == {2571: Decimal("400000")}
    assert lamps.villages.count() == 8  # ทุกหมู่บ้าน
    ceramics = next(i for i in items if "ชามตราไก่" in i.title)
    assert infos[ceramics.lineage_id].issue.number == 3  # type: ignore[union-attr]  # by title
    assert sorted(v.moo for v in ceramics.villages.all()) == [1, 4, 8]

    per_year: dict[int, Decimal] = {}
    for budget in PlanItemBudget.objects.filter(item__version=outcome.version):
        per_year[budget.fiscal_year] = per_year.get(budget.fiscal_year, Decimal(0)) + budget.amount
    assert per_year == {
        2570: Decimal("3945000"),
        2571: Decimal("2925000"),
        2572: Decimal("545000"),
    }
    assert outcome.budget == sum(per_year.values())

    entry = ReviewEntry.objects.get(version=outcome.version)
    assert entry.action == ReviewAction.ADD and entry.actor == tcoc
    assert entry.summary == "นำเข้าแผนตำบล 16 รายการจากไฟล์ tambon-plan-sample.xlsx"
    assert sorted(entry.items) == sorted(i.pk for i in items)
    # Every item is in the audit trail under the importing user.
    assert (
        PlanItem.history.filter(  # type: ignore[attr-defined]
            id__in=[i.pk for i in items], history_user=tcoc
        ).count()
        == 16
    )


# --- A file with bad cells ---------------------------------------------------------------------


def test_every_bad_cell_is_named_by_row_and_column_in_thai_and_english_and_nothing_is_written(
    tcoc, tambon, tmp_path
):
    good = ["ทำร่วม", "วัตถุประสงค์", "เป้าหมาย"]
    rows: list[list[object]] = [
        ["แผนชุมชนระดับตำบลเวียงเหนือ"],
        ["ปีงบประมาณ 2570–2572"],
        HEADER,
        [1, "ถนนดี", good[1], good[2], "100,000", None, None, "", "", "อบต.", "1", "1", "ทำร่วม"],
        [2, "ปลูกผักสวนครัว", "", "", "5,000", None, None, "", "", "", "3", "2", "ทำเอง"],
        [3, "ซ่อมฝาย", "", "", "abc", "-5,000", None, "", "", "", "2", "3", "ขอรับการสนับสนุน"],
        [4, "ลานกีฬา", "", "", "1", None, None, "", "", "", "9", "1", "ทำร่วม"],
        [5, "ประปา", "", "", "1", None, None, "", "", "", "2", "หมู่ที่ 1, 12", "ทำร่วม"],
        ["x", None, "", "", "1", None, None, "", "", "", "2", "1", "ทำร่วม"],
        [7, "อบรม", f"ติดต่อ {_citizen_id()}", "", "1", None, "20,000", "", "", "", "3", "", ""],
        [8, "ตลาด", "", "", "1", None, None, "", "", "", "ประเด็นที่ไม่มี", "1", "แบ่งกันทำ"],
    ]
    before = _counts()
    with pytest.raises(ImportRejected) as caught:
        _import(tcoc, tambon, _xlsx(tmp_path, rows))
    problems = caught.value.problems
    where = {(p.row, p.column) for p in problems}
    assert {
        (5, "วิธีดำเนินการ"),  # ทำเอง: stays in the village plans
        (6, "งบประมาณ 2570"),  # unreadable budget
        (6, "งบประมาณ 2571"),  # negative budget
        (7, "ประเด็น"),  # no issue 9
        (8, "หมู่บ้าน"),  # หมู่ที่ 12 is not a village of the tambon
        (9, "ที่"),  # not a number
        (9, "โครงการ/กิจกรรม"),  # no title
        (10, "วัตถุประสงค์"),  # a citizen ID
        (10, "ปี 2575"),  # a budget outside the plan's years
        (11, "ประเด็น"),  # unknown issue
        (11, "วิธีดำเนินการ"),  # unknown mode
    } <= where
    assert all(p.th and p.en and p.th != p.en for p in problems)
    by_cell = {(p.row, p.column): p for p in problems}
    assert "แผนหมู่บ้าน" in by_cell[(5, "วิธีดำเนินการ")].th
    assert "village plans" in by_cell[(5, "วิธีดำเนินการ")].en
    assert "…" in by_cell[(10, "วัตถุประสงค์")].th  # the ID is named by its last digits only
    assert _citizen_id() not in str(caught.value)
    assert not any(p.row == 4 for p in problems)  # the good row
    assert _counts() == before
    assert not Plan.objects.filter(area_id=TAMBON, level="tambon").exists()


def test_a_file_without_the_title_column_or_a_budget_column_is_refused(tcoc, tambon, tmp_path):
    with pytest.raises(ImportRejected) as caught:
        _import(tcoc, tambon, _xlsx(tmp_path, [["ที่", "ชื่อ"], [1, "x"]]))
    assert caught.value.problems[0].column == "โครงการ/กิจกรรม"
    with pytest.raises(ImportRejected) as caught:
        _import(tcoc, tambon, _xlsx(tmp_path, [["ที่", "โครงการ", "ประเด็น"], [1, "ถนน", "1"]]))
    assert "งบประมาณ" in caught.value.problems[0].th


# --- CSV, cp874, Thai digits, one budget column with a year column, section headings ------------


def test_a_cp874_csv_with_thai_digits_imports(tcoc, tambon, tmp_path):
    text = (
        "แผนชุมชนระดับตำบลเวียงเหนือ,,,,,,\n"
        "ที่,โครงการ,งบประมาณ ปี ๒๕๗๐,ปี ๒๕๗๑,ประเด็น,หมู่ที่,วิธีดำเนินการ\n"
        '๑,ขุดลอกลำเหมืองสาธารณะ,"๑,๒๕๐,๐๐๐.-",-,๒,หมู่ที่ ๑-๓,ทำร่วม\n'
        '๒,ฝึกอบรมอาชีพจักสาน,"๓๐,๐๐๐",๓๐๐๐๐,๓,"๔, ๕",ขอรับการสนับสนุนงบประมาณ\n'
        ',รวม,"๑,๒๘๐,๐๐๐",๓๐๐๐๐,,,\n'
    )
    source = tmp_path / "plan.csv"
    source.write_bytes(text.encode("cp874"))
    outcome = _import(tcoc, tambon, source)

    assert outcome.items == 2 and outcome.skipped == 1
    ditch, weaving = outcome.version.items.order_by("priority")
    assert {b.fiscal_year: b.amount for b in ditch.budgets.all()} == {2570: Decimal("1250000")}
    assert sorted(v.moo for v in ditch.villages.all()) == [1, 2, 3]
    assert ditch.mode == Mode.JOINT and weaving.mode == Mode.REQUEST
    assert {b.fiscal_year: b.amount for b in weaving.budgets.all()} == {
        2570: Decimal("30000"),
        2571: Decimal("30000"),
    }
    info = TambonItem.objects.get(lineage_id=ditch.lineage_id)
    assert info.issue is not None and info.issue.number == 2


def test_one_budget_column_with_a_year_column_and_section_headings(tcoc, tambon, tmp_path):
    rows: list[list[object]] = [
        ["แผนชุมชนระดับตำบล"],
        ["ที่", "โครงการ/กิจกรรม", "งบประมาณ (บาท)", "ปีงบประมาณ", "หมู่บ้าน"],
        ["ประเด็นที่ 1 โครงสร้างพื้นฐาน การคมนาคม และไฟฟ้า"],
        [1, "ก่อสร้างรางระบายน้ำ", "250,000", "2571", "ทุกหมู่บ้าน"],
        [2, "ซ่อมแซมถนนลูกรัง", "ไม่ใช้งบประมาณ", "๒๕๗๐", "บ้านสันลัว"],
        ["ประเด็นที่ 4"],
        [1, "ป้องกันไข้เลือดออก", "45,000", "2572", "1, 2"],
    ]
    outcome = _import(tcoc, tambon, _xlsx(tmp_path, rows))

    assert outcome.items == 3 and outcome.skipped == 2
    items = list(outcome.version.items.order_by("priority"))
    issues = [TambonItem.objects.get(lineage_id=i.lineage_id).issue.number for i in items]  # type: ignore[union-attr]
    assert issues == [1, 1, 4]
    drain, road, fever = items
    assert {b.fiscal_year: b.amount for b in drain.budgets.all()} == {2571: Decimal("250000")}
    assert {b.fiscal_year: b.amount for b in road.budgets.all()} == {2570: Decimal("0")}
    assert [v.moo for v in road.villages.all()] == [1]  # by the village's name
    assert {b.fiscal_year: b.amount for b in fever.budgets.all()} == {2572: Decimal("45000")}


def test_a_year_outside_the_window_in_the_year_column_is_refused(tcoc, tambon, tmp_path):
    rows: list[list[object]] = [
        ["ที่", "โครงการ", "งบประมาณ", "ปี", "ประเด็น"],
        [1, "ถนน", "100,000", "2569", "1"],
        [2, "ฝาย", "100,000", "2026", "2"],
    ]
    with pytest.raises(ImportRejected) as caught:
        _import(tcoc, tambon, _xlsx(tmp_path, rows))
    assert {(p.row, p.column) for p in caught.value.problems} == {(2, "ปี"), (3, "ปี")}
    assert "ค.ศ." in caught.value.problems[1].th


# --- Who may import, and into what ---------------------------------------------------------------


def test_only_the_tambons_own_tcoc_imports(tambon):
    other = User.objects.create(username="tcoc-520102")
    RoleAssignment.objects.create(user=other, role=Role.TCOC_COMMITTEE, area_id="520102")
    before = _counts()
    for username in ("tcoc-520102", "village-52010101", "officer-520101", "amphoe-5201"):
        with pytest.raises(PermissionDenied):
            _import(User.objects.get(username=username), tambon, SAMPLE)
    assert _counts() == before


def test_a_draft_with_items_is_not_imported_into(tcoc, tambon):
    services.tambon_consolidate(user=tcoc, tambon=tambon, first_year=YEAR)
    before = _counts()
    with pytest.raises(ImportRejected) as caught:
        _import(tcoc, tambon, SAMPLE)
    problem = caught.value.problems[0]
    assert problem == Problem(None, None, *services.tambon_import.NOT_EMPTY)
    assert _counts() == before


def test_an_empty_draft_is_imported_into_and_a_second_import_is_refused(tcoc, tambon):
    plan = services.tambon_plan_for(user=tcoc, tambon=tambon, first_year=YEAR, last_year=2572)
    outcome = _import(tcoc, tambon, SAMPLE)
    assert outcome.plan == plan and not outcome.created_plan and outcome.items == 16
    with pytest.raises(ImportRejected):
        _import(tcoc, tambon, SAMPLE)
    assert plan.versions.get().items.count() == 16


# --- The page ---------------------------------------------------------------------------------


@pytest.mark.urls(__name__)
def test_the_upload_page_shows_the_problems_and_keeps_nothing(login, tmp_path):
    client = login("tambon-520101")
    page = client.get(f"/areas/{TAMBON}/tambon-plan/import/?year={YEAR}")
    assert page.status_code == 200
    assert "ประเด็น" in page.content.decode()

    bad = _xlsx(tmp_path, [HEADER, [1, "ปลูกผัก", "", "", "1", "", "", "", "", "", "1", "", "ทำเอง"]])
    before = _counts()
    with bad.open("rb") as handle:
        response = client.post(
            f"/areas/{TAMBON}/tambon-plan/import/", {"year": YEAR, "file": handle}
        )
    assert response.status_code == 422
    html = response.content.decode()
    assert "วิธีดำเนินการ" in html and "is self-done work: it stays" in html
    assert _counts() == before

    with SAMPLE.open("rb") as handle:
        response = client.post(
            f"/areas/{TAMBON}/tambon-plan/import/", {"year": YEAR, "file": handle}
        )
    assert response.status_code == 302
    assert response["Location"] == f"/areas/{TAMBON}/tambon-plan/?year={YEAR}"
    assert PlanItem.objects.filter(version__plan__area_id=TAMBON).count() == 16

    sample = client.get(f"/areas/{TAMBON}/tambon-plan/import/sample.xlsx")
    assert sample.status_code == 200 and b"".join(sample.streaming_content)[:2] == b"PK"


@pytest.mark.urls(__name__)
def test_the_upload_page_is_refused_to_a_village_committee(login):
    client = login("village-52010101")
    assert client.get(f"/areas/{TAMBON}/tambon-plan/import/").status_code == 403


def test_a_file_over_the_plan_limits_is_refused_before_it_is_read(tcoc, tambon, tmp_path, settings):
    settings.IMPORT_LIMITS = {"plan": {"rows": 2}}
    rows: list[list[object]] = [["ที่", "โครงการ", "งบประมาณ 2570", "ประเด็น"]]
    rows += [[n, f"โครงการ {n}", "1,000", "1"] for n in range(1, 40)]
    before = _counts()
    with pytest.raises(ImportRejected) as caught:
        _import(tcoc, tambon, _xlsx(tmp_path, rows))
    assert "2 แถว" in caught.value.problems[0].th and "2 rows" in caught.value.problems[0].en
    assert _counts() == before
