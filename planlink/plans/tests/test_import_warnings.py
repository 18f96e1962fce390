"""The plan import warns, without refusing, and writes only once the user confirms."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from planlink.core import jobs
from planlink.plans.excel import HEADER_ROW, SHEET_ITEMS, plan_import, plan_workbook
from planlink.plans.excel.import_warnings import title_key
from planlink.plans.excel.importing import ImportNeedsConfirmation
from planlink.plans.models import PlanItem, PlanSettings, PlanVersion
from planlink.plans.services import item_create
from planlink.plans.tests.conftest import data

pytestmark = pytest.mark.django_db

ROAD = "ก่อสร้างถนน คสล. ซอย 3 หมู่ที่ 1"  # plan_with_items: road (request), dredging, vegetables (self)


class Book:
    def __init__(self, version: PlanVersion) -> None:
        self.book = openpyxl.load_workbook(io.BytesIO(plan_workbook(version)))
        self.sheet = self.book[SHEET_ITEMS]
        self.columns = {str(c.value): c.column for c in self.sheet[HEADER_ROW] if c.value}

    def set(self, row: int, header: str, value: object) -> None:
        column = next(i for name, i in self.columns.items() if name.startswith(header))
        cell = self.sheet.cell(row=HEADER_ROW + row, column=column, value=value)
        if isinstance(value, str):
            cell.data_type = "s"

    def add(self, row: int, title: str, mode: str = "ทำร่วม", **cells: object) -> None:
        self.set(row, "โครงการ/กิจกรรม", title)
        self.set(row, "วิธีดำเนินการ", mode)
        self.set(row, "ด้านการพัฒนา", "โครงสร้างพื้นฐาน")
        for header, value in cells.items():
            self.set(row, header, value)

    def save(self, tmp_path: Path) -> Path:
        path = tmp_path / "plan.xlsx"
        self.book.save(path)
        return path

    def content(self) -> bytes:
        buffer = io.BytesIO()
        self.book.save(buffer)
        return buffer.getvalue()


def state(version: PlanVersion) -> list[tuple[object, ...]]:
    return [
        (i.pk, i.title, i.mode, i.description, i.priority, sorted(i.budgets.values_list()))
        for i in version.items.order_by("priority")
    ]


def needs_confirming(version: PlanVersion, path: Path, user) -> ImportNeedsConfirmation:  # type: ignore[no-untyped-def]
    before, items = state(version), PlanItem.objects.count()
    with pytest.raises(ImportNeedsConfirmation) as needs:
        plan_import(user=user, version=version, path=path)
    assert state(version) == before and PlanItem.objects.count() == items  # nothing written
    return needs.value


def test_titles_compare_without_spaces_thai_digits_or_case():
    assert title_key("ก่อสร้างถนน คสล.  ซอย ๓") == title_key("ก่อสร้างถนนคสล. ซอย 3")
    assert title_key("ทำ Compost") == title_key("ทํา compost")  # ำ typed as ํ + า
    assert title_key("ซอย 3") != title_key("ซอย 4")


def test_a_repeated_title_warns_and_imports_once_confirmed(plan_with_items, committee, tmp_path):
    version = plan_with_items.versions.get()
    book = Book(version)
    book.add(4, "ก่อสร้างถนน  คสล. ซอย ๓ หมู่ที่ ๑", "ขอรับการสนับสนุน")  # the road again
    path = book.save(tmp_path)
    needs = needs_confirming(version, path, committee)
    (warning,) = needs.warnings
    assert (warning.row, warning.column) == (HEADER_ROW + 4, "โครงการ/กิจกรรม")
    assert f"repeats row {HEADER_ROW + 1}" in warning.en
    assert f"ซ้ำกับแถว {HEADER_ROW + 1}" in warning.th
    assert (needs.outcome.created, needs.outcome.unchanged, needs.outcome.dry_run) == (1, 3, True)

    with pytest.raises(ImportNeedsConfirmation):  # a digest of other warnings confirms nothing
        plan_import(user=committee, version=version, path=path, confirm="0" * 16)
    outcome = plan_import(user=committee, version=version, path=path, confirm=needs.digest)
    assert outcome.created == 1 and outcome.warnings == (warning,)
    titles = list(version.items.order_by("priority").values_list("title", flat=True))
    assert titles[-1] == "ก่อสร้างถนน  คสล. ซอย ๓ หมู่ที่ ๑" and len(titles) == 4


def test_another_province_named_explicitly_warns(plan_with_items, committee, tmp_path):
    version = plan_with_items.versions.get()
    book = Book(version)
    book.set(2, "รายละเอียด", "ขุดลอกลำเหมือง บ้านแม่ริม อ.แม่ริม จ.เชียงใหม่")
    book.add(4, "ซ่อมแซมฝายจังหวัด เชียงราย", "ทำร่วม", รายละเอียด="ที่ศาลากลางจังหวัดลำปาง")
    book.add(5, "อบรมอาชีพ ทุกวันจ.-ศ.", "ทำร่วม", รายละเอียด="ร่วมกับวิทยาลัยเกษตร จ.ลำปาง")
    needs = needs_confirming(version, book.save(tmp_path), committee)
    found = [(w.row, w.column, w.en.split(" province")[0]) for w in needs.warnings]
    assert found == [
        (HEADER_ROW + 2, "รายละเอียด", "names a place in Chiang Mai"),
        (HEADER_ROW + 4, "โครงการ/กิจกรรม", "names a place in Chiang Rai"),
    ]
    assert "จังหวัดเชียงใหม่" in needs.warnings[0].th and "จังหวัดลำปาง" in needs.warnings[0].th
    plan_import(user=committee, version=version, path=book.save(tmp_path), confirm=True)
    assert version.items.count() == 5


def test_a_self_done_item_above_the_ceiling_warns(plan_with_items, committee, tmp_path):
    version = plan_with_items.versions.get()
    book = Book(version)
    book.set(3, "งบประมาณ ปี 2570", "60,000")  # the vegetables, ทำเอง
    book.set(3, "งบประมาณ ปี 2571", "50,000")  # at the ceiling: fine
    book.set(2, "งบประมาณ ปี 2571", "900,000")  # the dredging is ทำร่วม: fine
    path = book.save(tmp_path)
    (warning,) = needs_confirming(version, path, committee).warnings
    assert (warning.row, warning.column) == (HEADER_ROW + 3, "งบประมาณ ปี 2570")
    assert "self-done item with a 2570 budget of 60,000 baht, above the 50,000 baht" in warning.en
    assert "เกิน 50,000 บาท" in warning.th

    settings = PlanSettings.current()
    settings.self_done_budget_ceiling = Decimal("75000.50")
    settings.save()
    outcome = plan_import(user=committee, version=version, path=path)  # no warning: straight in
    assert outcome.updated == 2 and outcome.warnings == ()
    vegetables = version.items.get(mode="self")
    assert dict(vegetables.budgets.values_list("fiscal_year", "amount")) == {
        2570: Decimal("60000"),
        2571: Decimal("50000"),
    }
    book.set(3, "งบประมาณ ปี 2570", "75,000.51")
    (warning,) = needs_confirming(version, book.save(tmp_path), committee).warnings
    assert "above the 75,000.50 baht" in warning.en


def test_rows_that_change_nothing_are_not_warned_about(plan_with_items, committee, tmp_path):
    version = plan_with_items.versions.get()
    item_create(
        user=committee,
        version=version,
        data=data("ส่งเสริมการปลูกผักปลอดสารพิษ", "self", budgets={2570: Decimal("80000")}),
    )
    before = state(version)
    content = plan_workbook(version)
    path = tmp_path / "same.xlsx"
    path.write_bytes(content)
    outcome = plan_import(user=committee, version=version, path=path)  # asks nothing
    assert (outcome.unchanged, outcome.warnings) == (4, ())
    assert state(version) == before
    dry = plan_import(user=committee, version=version, path=path, dry_run=True)
    assert dry.warnings == ()


def test_a_dry_run_lists_the_warnings(plan_with_items, committee, tmp_path):
    version = plan_with_items.versions.get()
    before = state(version)
    book = Book(version)
    book.set(3, "งบประมาณ ปี 2572", 120000)
    outcome = plan_import(user=committee, version=version, path=book.save(tmp_path), dry_run=True)
    assert outcome.dry_run and outcome.updated == 1
    assert [w.column for w in outcome.warnings] == ["งบประมาณ ปี 2572"]
    assert state(version) == before


# --- Through the web: shown, kept, confirmed ------------------------------------------------


def test_web_import_shows_warnings_and_imports_on_confirm(login, plan_with_items, tmp_path):
    client = login("village-52010101")
    version = plan_with_items.versions.get()
    book = Book(version)
    book.set(3, "งบประมาณ ปี 2570", "๑๐๖,๖๗๒.๘๙")
    url = f"/plans/versions/{version.pk}/import/"
    before = state(version)
    page = client.post(url, {"file": SimpleUploadedFile("แผน.xlsx", book.content())})
    assert page.status_code == 200
    (warning,) = page.context["warnings"]
    assert warning.column == "งบประมาณ ปี 2570"
    assert page.context["would"].updated == 1
    html = page.content.decode()
    assert "106,672.89" in html and 'name="confirm"' in html and "แผน.xlsx" in html
    assert state(version) == before  # nothing written yet
    token, digest = page.context["token"], page.context["digest"]
    kept = jobs.uploads_dir() / token / "upload"
    assert kept.is_file()

    done = client.post(url, {"token": token, "confirm": digest})
    assert done.status_code == 302
    vegetables = version.items.get(mode="self")
    assert dict(vegetables.budgets.values_list("fiscal_year", "amount")) == {
        2570: Decimal("106672.89")
    }
    assert not kept.exists()  # the kept file is gone once imported
    again = client.post(url, {"token": token, "confirm": digest})  # a second click: no re-import
    assert again.status_code == 302 and again.url == url


def test_web_import_without_confirm_or_with_anothers_token_writes_nothing(login, plan_with_items):
    version = plan_with_items.versions.get()
    url = f"/plans/versions/{version.pk}/import/"
    book = Book(version)
    book.set(3, "งบประมาณ ปี 2570", 99999)
    before = state(version)
    committee = login("village-52010101")
    page = committee.post(url, {"file": SimpleUploadedFile("plan.xlsx", book.content())})
    token = page.context["token"]
    # Posting the token back without the confirmation shows the warnings again.
    shown = committee.post(url, {"token": token})
    assert shown.status_code == 200 and len(shown.context["warnings"]) == 1
    assert state(version) == before
    # Another user holding the token (not in their session) cannot import the kept file.
    committee.logout()
    other = login("village-52010101")  # a fresh session for the same account
    refused = other.post(url, {"token": token, "confirm": page.context["digest"]})
    assert refused.status_code == 302
    assert state(version) == before
    traversal = other.post(url, {"token": "../../etc", "confirm": "x"})
    assert traversal.status_code == 302 and state(version) == before


def test_web_import_without_warnings_goes_straight_through(login, plan_with_items):
    client = login("village-52010101")
    version = plan_with_items.versions.get()
    book = Book(version)
    book.set(3, "งบประมาณ ปี 2570", "50,000")
    response = client.post(
        f"/plans/versions/{version.pk}/import/",
        {"file": SimpleUploadedFile("plan.xlsx", book.content())},
    )
    assert response.status_code == 302
    assert version.items.get(mode="self").budgets.get().amount == Decimal("50000")


def test_the_ceiling_is_in_the_plan_settings_admin(login):
    admin = login("admin")
    url = f"/admin/plans/plansettings/{PlanSettings.current().pk}/change/"
    page = admin.get(url)
    assert page.status_code == 200
    assert 'name="self_done_budget_ceiling"' in page.content.decode()
    form = page.context["adminform"].form
    posted = {name: form[name].value() for name in form.fields}
    posted["self_done_budget_ceiling"] = "65000.50"
    assert admin.post(url, posted).status_code == 302
    assert PlanSettings.current().self_done_budget_ceiling == Decimal("65000.50")


# --- On the command line: printed, and --confirm to go on ----------------------------------


def test_command_prints_the_warnings_and_needs_confirm(plan_with_items, tmp_path):
    version = plan_with_items.versions.get()
    book = Book(version)
    book.set(3, "งบประมาณ ปี 2570", "60,000")
    book.add(4, "ซ่อมถนนเข้าหมู่บ้าน จ.แพร่")
    path = str(book.save(tmp_path))
    before = state(version)
    with pytest.raises(CommandError) as refused:
        call_command("plan_import", "52010101", path, stdout=io.StringIO())
    text = str(refused.value)
    assert "2 warning(s) to confirm; nothing was written" in text
    assert f"[row {HEADER_ROW + 3}, column 'งบประมาณ ปี 2570']" in text
    assert f"[row {HEADER_ROW + 4}, column 'โครงการ/กิจกรรม']" in text and "Phrae" in text
    assert "--confirm" in text
    assert state(version) == before

    out = io.StringIO()
    call_command("plan_import", "52010101", path, "--dry-run", stdout=out)
    assert out.getvalue().count("warning:") == 2 and "1 items would be added" in out.getvalue()
    assert state(version) == before

    out = io.StringIO()
    call_command("plan_import", "52010101", path, "--confirm", stdout=out)
    assert out.getvalue().count("warning:") == 2 and "1 items were added" in out.getvalue()
    assert version.items.count() == 4
    assert version.items.get(mode="self").budgets.get(fiscal_year=2570).amount == Decimal(60000)
