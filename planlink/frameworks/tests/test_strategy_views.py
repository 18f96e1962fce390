"""The strategy frameworks' pages: the list of an area's frameworks for a year, a framework's
tree, its owner's edits (node by node, from a file, a new version) and the XLSX round trip."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from planlink.accounts.models import RoleAssignment, User
from planlink.accounts.roles import Role
from planlink.areas.models import Area
from planlink.frameworks import services
from planlink.frameworks.models import Framework, FrameworkKind, FrameworkNode

pytestmark = pytest.mark.django_db
SAMPLE = (
    Path(__file__).resolve().parents[3] / "docs" / "samples" / "provincial-strategy-sample.xlsx"
)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _province_plan() -> Framework:
    return Framework.objects.get(kind=FrameworkKind.PROVINCE, area_id="52", first_year=2566)


def _district_strategy() -> Framework:
    return Framework.objects.get(kind=FrameworkKind.DISTRICT, area_id="5201")


def _upload(data: bytes, name: str = "plan.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=XLSX)


def _tree(framework: Framework) -> list[tuple[str, str, str, str | None]]:
    return [
        (n.code, n.title, n.keywords, n.parent.code if n.parent else None)
        for n in framework.nodes.select_related("parent").order_by("sort_key")
    ]


def _messages(response) -> list[str]:  # type: ignore[no-untyped-def]
    return [str(m) for m in response.context["messages"]]


def test_an_officer_sees_the_national_provincial_and_district_frameworks(login):
    page = login("officer-520101").get("/areas/520101/strategies/?year=2570")
    assert page.status_code == 200
    html = page.content.decode()
    national = Framework.objects.filter(area__isnull=True, local_government__isnull=True)
    assert national.count() == 3
    for framework in [*national, _province_plan(), _district_strategy()]:
        assert framework.title in html
        assert f"/strategies/{framework.pk}/" in html
    # Grouped by kind, widest first, each with its years and number of nodes.
    assert html.index("ยุทธศาสตร์ชาติ พ.ศ. 2561") < html.index(_province_plan().title)
    assert html.index(_province_plan().title) < html.index(_district_strategy().title)
    assert "ปีงบประมาณ 2566–2570" in html and "16 รายการ" in html
    assert 'name="first_year"' not in html  # an officer owns no framework here


def test_the_area_page_links_to_the_strategies(login):
    html = login("officer-520101").get("/areas/520101/").content.decode()
    assert "/areas/520101/strategies/" in html and "ยุทธศาสตร์และแผนพัฒนา" in html


def test_the_province_starts_its_plan_and_imports_the_sample_file_on_the_page(login):
    Framework.objects.filter(kind=FrameworkKind.PROVINCE, area_id="52").delete()
    client = login("province")
    html = client.get("/areas/52/strategies/?year=2570").content.decode()
    assert "ยังไม่มีแผนพัฒนาจังหวัด" in html  # the empty state says what to do next
    assert "/strategies/sample.xlsx" in html
    assert client.get("/strategies/sample.xlsx").getvalue() == SAMPLE.read_bytes()

    response = client.post(
        "/areas/52/strategies/?year=2570",
        {
            "year": "2570",
            "kind": "province",
            "title": "แผนพัฒนาจังหวัดลำปาง พ.ศ. 2566–2570",
            "first_year": "2566",
            "last_year": "2570",
        },
    )
    assert response.status_code == 302
    plan = _province_plan()
    assert plan.nodes.count() == 0 and response["Location"].startswith(f"/strategies/{plan.pk}/")

    response = client.post(
        f"/strategies/{plan.pk}/?from=52",
        {"action": "import", "file": _upload(SAMPLE.read_bytes(), SAMPLE.name)},
        follow=True,
    )
    assert response.status_code == 200
    assert _messages(response)[-1] == "นำเข้าแล้ว: เพิ่ม 16 แก้ไข 0 ลบ 0 รายการ"
    assert plan.nodes.count() == 16
    html = response.content.decode()
    assert "การพัฒนาโครงสร้างพื้นฐานและระบบโลจิสติกส์" in html
    assert "ประเด็นการพัฒนา" in html and "แผนงาน" in html  # the depth names
    assert "ถนน, สะพาน, ท่อลอด, รางระบายน้ำ" in html  # the keywords


def test_a_bad_file_lists_each_row_and_column_and_writes_nothing(login):
    plan = _province_plan()
    before = _tree(plan)
    book = Workbook()
    sheet = book.active
    sheet.append(["เลขที่", "ชื่อ", "คำสำคัญ"])
    for row in [("1", "ยุทธศาสตร์ที่หนึ่ง", ""), ("1.1", "", ""), ("2.1", "ไม่มีแม่", "")]:
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    response = login("province").post(
        f"/strategies/{plan.pk}/", {"action": "import", "file": _upload(buffer.getvalue())}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "ยังไม่ได้นำเข้า พบปัญหา 2 รายการ" in html
    assert 'แถว 3 คอลัมน์ ชื่อ: ไม่มีชื่อ / <span lang="en">the title is empty</span>' in html
    assert "แถว 4 คอลัมน์ เลขที่:" in html and "there is no 2 in the file" in html
    assert _tree(plan) == before


def test_the_district_office_edits_its_strategy_but_not_the_provincial_plan(login):
    client = login("amphoe-5201")
    strategy = _district_strategy()
    html = client.get(f"/strategies/{strategy.pk}/").content.decode()
    assert 'name="action" value="node"' in html and "edit=" in html
    response = client.post(
        f"/strategies/{strategy.pk}/?from=5201",
        {"action": "node", "code": "4.1", "title": "แผนงานป้องกันไฟป่า", "keywords": "ไฟป่า"},
    )
    assert response.status_code == 302
    node = strategy.nodes.get(code="4.1")
    assert node.parent == strategy.nodes.get(code="4") and node.keyword_list() == ["ไฟป่า"]

    plan = _province_plan()
    before = _tree(plan)
    page = client.get(f"/strategies/{plan.pk}/")
    assert page.status_code == 200  # the district reads the province's plan
    assert 'name="action"' not in page.content.decode()
    for data in (
        {"action": "node", "code": "5", "title": "ประเด็นใหม่"},
        {"action": "framework", "title": "x", "last_year": "2570"},
        {"action": "version", "first_year": "2571", "last_year": "2575"},
        {"action": "import", "file": _upload(SAMPLE.read_bytes())},
    ):
        assert client.post(f"/strategies/{plan.pk}/", data).status_code == 403
    leaf = plan.nodes.get(code="1.3")
    assert client.post(f"/strategies/{plan.pk}/nodes/{leaf.pk}/remove/").status_code == 403
    assert _tree(plan) == before
    assert not Framework.objects.filter(kind=FrameworkKind.PROVINCE, first_year=2571).exists()


def test_a_node_is_edited_inline_and_removed_only_without_children(login):
    client = login("amphoe-5201")
    strategy = _district_strategy()
    node = strategy.nodes.get(code="2")
    html = client.get(f"/strategies/{strategy.pk}/?edit={node.pk}").content.decode()
    assert 'name="edit-title"' in html and f'value="{node.title}"' in html
    response = client.post(
        f"/strategies/{strategy.pk}/",
        {
            "action": "node",
            "node": str(node.pk),
            "edit-code": "2",
            "edit-title": "เศรษฐกิจชุมชนเข้มแข็ง",
            "edit-keywords": "อาชีพ",
        },
    )
    assert response.status_code == 302
    node.refresh_from_db()
    assert (node.title, node.keywords) == ("เศรษฐกิจชุมชนเข้มแข็ง", "อาชีพ")

    child = services.node_save(
        user=None, framework=strategy, data=services.NodeData("2.1", "แผนงานอาชีพ")
    )
    response = client.post(f"/strategies/{strategy.pk}/nodes/{node.pk}/remove/", follow=True)
    assert any("ลบรายการย่อยก่อน" in m for m in _messages(response))
    assert FrameworkNode.objects.filter(pk=node.pk).exists()
    client.post(f"/strategies/{strategy.pk}/nodes/{child.pk}/remove/")
    assert not FrameworkNode.objects.filter(pk=child.pk).exists()


def test_the_owner_changes_the_years_and_starts_a_version_for_later_years(login):
    client = login("province")
    plan = _province_plan()
    response = client.post(
        f"/strategies/{plan.pk}/", {"action": "framework", "title": plan.title, "last_year": "2569"}
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.last_year == 2569
    response = client.post(
        f"/strategies/{plan.pk}/", {"action": "version", "first_year": "2569", "last_year": "2573"}
    )
    assert response.status_code == 200 and "ฉบับใหม่ต้องเริ่มหลังปี 2569" in response.content.decode()
    response = client.post(
        f"/strategies/{plan.pk}/", {"action": "version", "first_year": "2570", "last_year": "2574"}
    )
    new = Framework.objects.get(kind=FrameworkKind.PROVINCE, area_id="52", first_year=2570)
    assert response["Location"].startswith(f"/strategies/{new.pk}/")
    assert [c for c, *_ in _tree(new)] == [c for c, *_ in _tree(plan)]


def test_the_xlsx_download_imports_back_to_the_same_tree(login):
    client = login("province")
    plan = _province_plan()
    response = client.get(f"/strategies/{plan.pk}/xlsx/")
    assert response.status_code == 200 and response["Content-Type"] == XLSX
    data = response.content
    sheet = load_workbook(io.BytesIO(data)).active
    assert [c.value for c in sheet[2]] == ["เลขที่", "ชื่อ", "คำสำคัญ"]

    again = client.post(
        f"/strategies/{plan.pk}/", {"action": "import", "file": _upload(data)}, follow=True
    )
    assert _messages(again) == ["นำเข้าแล้ว: เพิ่ม 0 แก้ไข 0 ลบ 0 รายการ"]

    copy = services.framework_create(
        user=None,
        area=Area.objects.get(code="52"),
        data=services.FrameworkData(FrameworkKind.PROVINCE, "แผนทดสอบ", 2580, 2584),
    )
    client.post(f"/strategies/{copy.pk}/", {"action": "import", "file": _upload(data)})
    assert _tree(copy) == _tree(plan) and len(_tree(plan)) == 16


def test_a_village_committee_reads_the_district_strategy_without_edit_forms(login):
    client = login("village-52010101")
    strategy = _district_strategy()
    response = client.get(f"/strategies/{strategy.pk}/?from=52010101")
    assert response.status_code == 200
    html = response.content.decode()
    for node in strategy.nodes.all():
        assert node.title in html
    assert '<form method="post" class="stack' not in html
    assert 'name="action"' not in html and "?edit=" not in html and "/remove/" not in html
    assert 'name="first_year"' not in html and 'type="file"' not in html
    response = client.post(
        f"/strategies/{strategy.pk}/", {"action": "node", "code": "9", "title": "x"}
    )
    assert response.status_code == 403
    assert not strategy.nodes.filter(code="9").exists()


def test_who_may_not_read_a_framework_gets_403(client, login):
    other = User.objects.create(username="fw-view-5202")
    RoleAssignment.objects.create(user=other, role=Role.DISTRICT_ADMIN_OFFICE, area_id="5202")
    client.force_login(other)
    assert client.get(f"/strategies/{_district_strategy().pk}/").status_code == 403
    assert client.get(f"/strategies/{_district_strategy().pk}/xlsx/").status_code == 403
    assert client.get(f"/strategies/{_province_plan().pk}/").status_code == 200
    national = Framework.objects.get(kind=FrameworkKind.NATIONAL_STRATEGY)
    assert client.get(f"/strategies/{national.pk}/").status_code == 200
    client.logout()
    assert client.get(f"/strategies/{national.pk}/").status_code == 302  # to the login page
