"""The District Development Plan's page: what it shows each reader, and its forms."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from planlink.integration.tests.test_district_services import _province_framework, plans  # noqa: F401
from planlink.plans.models import AlignmentStatus, ItemAlignment, PlanItem, PlanVersion

pytestmark = pytest.mark.django_db


def page(client, year: int = 2570):  # type: ignore[no-untyped-def]
    return client.get(reverse("integration:district_plan", args=["5201"]) + f"?year={year}")


def test_the_district_office_sees_the_next_steps_the_pair_and_the_suggestions(login, plans):  # noqa: F811
    draft, (road_a, road_b, _c, _d) = plans
    _province_framework()
    response = page(login("amphoe-5201"))
    html = response.content.decode()
    assert response.status_code == 200
    assert road_a.title in html and road_b.title in html
    assert (
        'id="duplicates"' in html and reverse("integration:district_merge", args=[draft.pk]) in html
    )
    assert "#duplicates" in html and "#alignment" in html  # the next steps link to their work
    # Opening the page made the suggestions; each shows its reason and the ✓/✗ buttons.
    assert ItemAlignment.objects.filter(lineage=road_a.lineage, status="suggested").exists()
    assert "1.1 แผนงานพัฒนาเส้นทางคมนาคมเชื่อมโยงชุมชน" in html
    assert reverse("integration:district_approve", args=[draft.pk]) in html


def test_a_reader_sees_the_plan_without_its_forms_and_may_not_post(login, plans):  # noqa: F811
    draft, (road_a, road_b, _c, _d) = plans
    client = login("district-5201")  # the district CD office reads the district's plans
    html = page(client).content.decode()
    assert road_a.title in html
    assert reverse("integration:district_merge", args=[draft.pk]) not in html
    assert reverse("integration:district_approve", args=[draft.pk]) not in html
    response = client.post(
        reverse("integration:district_merge", args=[draft.pk]),
        {"items": [road_a.pk, road_b.pk], "into": road_a.pk, "reason": "r"},
    )
    assert response.status_code == 403
    assert PlanItem.objects.filter(pk=road_b.pk).exists()


def test_merging_confirming_and_approving_through_the_page(login, plans):  # noqa: F811
    draft, (road_a, road_b, _c, _d) = plans
    _province_framework()
    client = login("amphoe-5201")
    page(client)
    response = client.post(
        reverse("integration:district_merge", args=[draft.pk]),
        {"items": [road_a.pk, road_b.pk], "into": road_a.pk, "reason": "ถนนสายเดียวกัน"},
    )
    assert response.status_code == 302 and not PlanItem.objects.filter(pk=road_b.pk).exists()
    # Approving before the alignments are confirmed says why, and changes nothing.
    meeting = {"meeting_date": "20/11/2569", "attendance": "17", "resolution": "ครั้งที่ 3/2570"}
    response = client.post(
        reverse("integration:district_approve", args=[draft.pk]), meeting, follow=True
    )
    assert "สอดคล้อง" in response.content.decode()
    assert PlanVersion.objects.get(pk=draft.pk).status == "draft"
    suggestion = ItemAlignment.objects.filter(
        lineage=road_a.lineage, status=AlignmentStatus.SUGGESTED
    ).first()
    assert suggestion is not None
    client.post(reverse("integration:alignment_decide", args=[suggestion.pk]), {"confirm": "1"})
    assert ItemAlignment.objects.get(pk=suggestion.pk).status == "confirmed"
    client.post(reverse("integration:alignments_confirm_all", args=[draft.pk]))
    response = client.post(
        reverse("integration:district_approve", args=[draft.pk]), meeting, follow=True
    )
    approved = PlanVersion.objects.get(pk=draft.pk)
    assert approved.status == "approved" and approved.assembly_date == date(2026, 11, 20)
    html = response.content.decode()
    assert reverse("integration:district_send", args=[draft.pk]) in html
    client.post(reverse("integration:district_send", args=[draft.pk]))
    assert PlanVersion.objects.get(pk=draft.pk).status == "published"
    assert (
        reverse("integration:district_revise", args=[draft.plan.pk])
        in page(client).content.decode()
    )


def test_the_plan_downloads_as_a_workbook_with_the_project_table(login, plans):  # noqa: F811
    import io

    from openpyxl import load_workbook

    draft, (road_a, _b, _c, _d) = plans
    _province_framework()
    response = login("amphoe-5201").get(reverse("integration:district_xlsx", args=[draft.pk]))
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["แผนพัฒนาอำเภอ", "สรุปตามประเด็น", "บัญชีโครงการ"]
    table = book["บัญชีโครงการ"]
    rows = [[c.value for c in r] for r in table.iter_rows()]
    header = next(r for r in rows if r and r[0] == "ลำดับ")
    body = rows[rows.index(header) + 1 :]
    assert len(body) == 4
    road = next(r for r in body if r[1] == road_a.title)
    assert road[header.index("งบประมาณ 2570 (บาท)")] == 500000
    assert road[header.index("ตำบลที่เสนอ")] == "เวียงเหนือ"
    cover = {r[0].value: r[1].value for r in book["แผนพัฒนาอำเภอ"].iter_rows() if r[0].value}
    assert cover["จำนวนโครงการ"] == 4 and cover["งบประมาณรวมทุกปี (บาท)"] == 2000000


def test_the_district_office_adds_an_item_from_its_data(login, plans):  # noqa: F811
    from planlink.evidence.models import DevelopmentCategory

    draft, _items = plans
    category = DevelopmentCategory.objects.get(code="infrastructure")
    url = reverse("integration:district_add", args=[draft.pk])
    form = {"title": "ก่อสร้างระบบประปาหมู่บ้านแบบผิวดิน บ้านห้วยเป้ง", "category": category.pk,
            "budget": "1,250,000.-", "reason": ""}  # fmt: skip
    client = login("amphoe-5201")
    client.post(url, form)
    assert draft.items.count() == 4  # refused without the data it comes from
    client.post(url, {**form, "reason": "ปัญหาน้ำดื่มอันดับ 2 ของอำเภอ"})
    added = draft.items.get(title=form["title"])
    assert added.mode == "request" and "อันดับ 2" in added.description
    assert {b.fiscal_year: b.amount for b in added.budgets.all()} == {2570: 1250000}
    html = page(client).content.decode()
    assert "โครงการที่อำเภอเพิ่มเอง" in html and form["title"] in html
    assert login("district-5201").post(url, {**form, "reason": "x"}).status_code == 403
