"""Plan pages: the committee edits its own village's draft, the tambon officer reviews, the
others read inside their area; denied writes change nothing."""

from __future__ import annotations

from datetime import date

import pytest

from planlink.plans.models import Plan, PlanItem, PlanVersion
from planlink.plans.services import version_transition
from planlink.plans.tests.conftest import category

pytestmark = pytest.mark.django_db


def snapshot():
    return (
        list(PlanItem.objects.order_by("pk").values_list("pk", "title", "priority", "mode")),
        list(PlanVersion.objects.order_by("pk").values_list("pk", "status")),
        Plan.objects.count(),
    )


def item_post(**extra):
    data = {
        "title": "ก่อสร้างรางระบายน้ำ ค.ส.ล. หมู่ที่ 1",
        "mode": "request",
        "category": category(),
        "funding_source": "lao",
        "status": "proposed",
        "budget_2570": "1,250,000.-",
        "budget_2571": "",
        "budget_2572": "๒.๕ แสน",
    }
    data.update(extra)
    return data


def test_committee_creates_a_plan_and_adds_items(login, empty_village_plan):
    Plan.objects.all().filter(pk=empty_village_plan.pk).delete()
    client = login("village-52010101")
    page = client.get("/areas/52010101/plan/")
    assert page.status_code == 200 and "create_form" in page.context
    client.post("/areas/52010101/plan/create/", {"first_year": 2570, "last_year": 2572})
    version = PlanVersion.objects.get(plan__area_id="52010101")
    response = client.post(f"/plans/versions/{version.pk}/items/new/", item_post())
    assert response.status_code == 302
    item = version.items.get()
    assert [(b.fiscal_year, str(b.amount)) for b in item.budgets.all()] == [
        (2570, "1250000.00"),
        (2572, "250000.00"),
    ]
    page = client.get("/areas/52010101/plan/")
    assert page.context["reliance"].share == 0 and "ก่อสร้างรางระบายน้ำ" in page.content.decode()


def test_item_from_a_problem_keeps_the_link(login, empty_village_plan):
    client = login("village-52010101")
    pack = client.get("/areas/52010101/evidence/")
    version = empty_village_plan.versions.get()
    key = pack.context["pack"].problems[0].key
    from urllib.parse import quote

    assert f"/plans/versions/{version.pk}/items/new/?problem={quote(key)}" in pack.content.decode()
    form = client.get(f"/plans/versions/{version.pk}/items/new/?problem={key}")
    assert form.context["problem"][0] == key
    client.post(
        f"/plans/versions/{version.pk}/items/new/",
        item_post(mode="self", funding_source="community", problem_key=key),
    )
    assert version.items.get().problems.get().key == key


def test_bad_budget_is_shown_and_nothing_saved(login, empty_village_plan):
    client = login("village-52010101")
    version = empty_village_plan.versions.get()
    before = snapshot()
    response = client.post(
        f"/plans/versions/{version.pk}/items/new/", item_post(budget_2570="หนึ่งล้าน")
    )
    assert response.status_code == 422
    assert "cannot read the budget" in response.content.decode()
    assert snapshot() == before


def test_reorder_and_edit(login, plan_with_items):
    client = login("village-52010101")
    version = plan_with_items.versions.get()
    last = version.items.get(priority=3)
    client.post(f"/plans/items/{last.pk}/move/", {"direction": "up"})
    assert PlanItem.objects.get(pk=last.pk).priority == 2
    client.post(
        f"/plans/items/{last.pk}/edit/",
        item_post(
            title="ปลูกผักสวนครัวรั้วกินได้",
            mode="self",
            funding_source="none",
            budget_2570="ไม่ใช้งบประมาณ",
            row_version=PlanItem.objects.get(pk=last.pk).row_version,
        ),
    )
    assert PlanItem.objects.get(pk=last.pk).title == "ปลูกผักสวนครัวรั้วกินได้"


@pytest.mark.parametrize(
    "username",
    ["officer-520101", "tambon-520101", "amphoe-5201", "lao-3520101", "district-5201", "province"],
)
def test_only_the_committee_edits(login, plan_with_items, username):
    client = login(username)
    version = plan_with_items.versions.get()
    item = version.items.first()
    before = snapshot()
    assert client.get("/areas/52010101/plan/").status_code == 200  # everyone here reads it
    assert client.post(f"/plans/versions/{version.pk}/items/new/", item_post()).status_code == 403
    assert client.post(f"/plans/items/{item.pk}/edit/", item_post(title="x")).status_code == 403
    assert client.post(f"/plans/items/{item.pk}/move/", {"direction": "down"}).status_code == 403
    assert client.post(f"/plans/items/{item.pk}/delete/").status_code == 403
    assert snapshot() == before


def test_another_village_is_out_of_reach_for_the_committee(login, plan_with_items):
    from planlink.areas.models import Area
    from planlink.plans.services import plan_create

    other = Plan.objects.filter(area_id="52010102").first() or plan_create(
        user=None,
        area=Area.objects.get(code="52010102"),
        level="village",
        fiscal_years=range(2570, 2572 + 1),
    )
    client = login("village-52010101")
    before = snapshot()
    assert client.get("/areas/52010102/plan/").status_code == 403
    version = other.versions.order_by("-number").first()
    assert client.post(f"/plans/versions/{version.pk}/items/new/", item_post()).status_code == 403
    assert client.get(f"/plans/versions/{version.pk}/plan.pdf").status_code == 403
    assert snapshot() == before


def test_officer_reviews_committee_records_assembly(login, plan_with_items):
    version = plan_with_items.versions.get()
    committee = login("village-52010101")
    before = snapshot()
    assert (
        committee.post(
            f"/plans/versions/{version.pk}/transition/", {"target": "reviewed"}
        ).status_code
        == 403
    )
    assert snapshot() == before
    committee.post(f"/plans/versions/{version.pk}/transition/", {"target": "submitted"})
    version.refresh_from_db()
    assert version.status == "submitted" and version.submitted_by.username == "village-52010101"
    officer = login("officer-520101")
    officer.post(
        f"/plans/versions/{version.pk}/transition/",
        {"target": "reviewed", "facilitators": "นายสมศักดิ์ ใจงาม | ศอช.ต.เวียงเหนือ"},
    )
    version.refresh_from_db()
    assert (
        version.status == "reviewed" and version.facilitators.get().organisation == "ศอช.ต.เวียงเหนือ"
    )
    committee = login("village-52010101")
    committee.post(
        f"/plans/versions/{version.pk}/transition/",
        {"target": "approved", "assembly_date": date.today().isoformat(), "attendance": "73"},
    )
    version.refresh_from_db()
    assert (version.status, version.assembly_attendance) == ("approved", 73)
    page = committee.get("/areas/52010101/plan/")
    assert page.context["can_revise"] and not page.context["editable"]


def test_officer_of_another_tambon_cannot_review(login, plan_with_items, django_user_model):
    from planlink.accounts.roles import Role
    from planlink.accounts.services import role_grant
    from planlink.areas.models import Area

    other = django_user_model.objects.create_user("officer-520102")
    role_grant(user=None, holder=other, role=Role.CD_OFFICER, area=Area.objects.get(code="520102"))
    client = login("officer-520102")
    version = plan_with_items.versions.get()
    version_transition(user=None, version=version, target="submitted")
    assert (
        client.post(f"/plans/versions/{version.pk}/transition/", {"target": "reviewed"}).status_code
        == 403
    )
    assert PlanVersion.objects.get(pk=version.pk).status == "submitted"


def test_tambon_overview_lists_villages_below_the_rule(login, plan_with_items):
    from planlink.plans.services import ItemData, item_create

    version = plan_with_items.versions.get()
    for n in range(3):
        item_create(
            user=None,
            version=version,
            data=ItemData(title=f"ขอรับการสนับสนุน {n}", mode="request", category_id=category()),
        )
    page = login("officer-520101").get("/areas/520101/plans/")
    below = [r.village.code for r in page.context["overview"].below]
    assert "52010101" in below
    row = next(r for r in page.context["overview"].rows if r.village.code == "52010101")
    assert str(row.reliance.share) == "16.7"  # 1 self-done of 6


def test_download_and_reimport_through_the_web_changes_nothing(login, plan_with_items):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = login("village-52010101")
    version = plan_with_items.versions.get()
    xlsx = client.get(f"/plans/versions/{version.pk}/plan.xlsx")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    before = snapshot()
    upload = SimpleUploadedFile("plan.xlsx", xlsx.content)
    response = client.post(f"/plans/versions/{version.pk}/import/", {"file": upload})
    assert response.status_code == 302
    assert snapshot() == before
    blank = client.get(f"/plans/versions/{version.pk}/plan.xlsx?blank=1")
    assert blank.status_code == 200


def test_bad_excel_through_the_web_shows_rows_and_saves_nothing(login, plan_with_items):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = login("village-52010101")
    version = plan_with_items.versions.get()
    csv = "โครงการ/กิจกรรม,วิธีดำเนินการ,ด้านการพัฒนา\n,ทำเอง,เศรษฐกิจ\nขุดลอกคลอง,ทำบ้าง,เศรษฐกิจ\n"
    before = snapshot()
    response = client.post(
        f"/plans/versions/{version.pk}/import/",
        {"file": SimpleUploadedFile("plan.csv", csv.encode("cp874"))},
    )
    assert response.status_code == 422
    rows = {p.row for p in response.context["problems"]}
    assert rows == {2, 3}
    assert snapshot() == before


def test_plan_pdf_for_readers_not_for_outsiders(login, plan_with_items):
    version = plan_with_items.versions.get()
    assert (
        login("amphoe-5201")
        .get(f"/plans/versions/{version.pk}/plan.pdf")
        .content.startswith(b"%PDF")
    )
    assert (
        login("district-5201").get(f"/plans/versions/{version.pk}/plan.pdf?digits=thai").status_code
        == 200
    )


def test_progress_report_with_photos_through_the_web(login, plan_with_items):
    from datetime import timedelta

    from planlink.plans.services import version_transition
    from planlink.plans.tests.conftest import png

    version = plan_with_items.versions.get()
    version_transition(user=None, version=version, target="submitted")
    version_transition(user=None, version=version, target="reviewed")
    version_transition(
        user=None,
        version=version,
        target="approved",
        assembly_date=date.today() - timedelta(days=2),
        attendance=50,
    )
    item = version.items.get(mode="self")
    client = login("village-52010101")
    response = client.post(
        f"/plans/items/{item.pk}/",
        {
            "form": "progress",
            "reported_on": date.today().isoformat(),
            "percent_done": "35",
            "contribution_labour_days": "12",
            "note": "ร่วมแรงวันแรก",
            "caption": "วันแรก",
            "photos": [png(), png((60, 40))],
        },
    )
    assert response.status_code == 302, response.context["progress_form"].errors
    report = item.reports.get()
    assert report.photos.count() == 2 and report.photos.first().caption == "วันแรก"
    page = client.get(f"/plans/items/{item.pk}/").content.decode()
    photo = report.photos.first()
    assert f"/plans/photos/{photo.pk}/" in page
    served = client.get(f"/plans/photos/{photo.pk}/")
    assert served.status_code == 200 and served["Content-Type"] == "image/png"
    assert b"".join(served.streaming_content).startswith(b"\x89PNG")
    assert login("lao-3520101").get(f"/plans/photos/{photo.pk}/").status_code == 200
    from django.contrib.auth import get_user_model

    from planlink.accounts.roles import Role
    from planlink.accounts.services import role_grant
    from planlink.areas.models import Area

    outsider = get_user_model().objects.create_user("officer-520201")
    role_grant(
        user=None, holder=outsider, role=Role.CD_OFFICER, area=Area.objects.get(code="520201")
    )
    assert login("officer-520201").get(f"/plans/photos/{photo.pk}/").status_code == 403
    # Other villages' committees and outsiders cannot report here.
    before = item.reports.count()
    assert (
        login("amphoe-5201").post(f"/plans/items/{item.pk}/", {"form": "progress"}).status_code
        == 403
    )
    assert item.reports.count() == before


def test_date_inputs_show_buddhist_era_dates(login, plan_with_items):
    from datetime import timedelta

    from django.utils import timezone

    from planlink.plans.services import version_transition

    version = plan_with_items.versions.get()
    version_transition(user=None, version=version, target="submitted")
    version_transition(user=None, version=version, target="reviewed")
    version_transition(
        user=None,
        version=version,
        target="approved",
        assembly_date=date.today() - timedelta(days=1),
        attendance=40,
    )
    item = version.items.first()
    page = login("village-52010101").get(f"/plans/items/{item.pk}/").content.decode()
    from planlink.core.dates import format_be_date

    today = timezone.localdate()
    assert f'value="{format_be_date(today)}"' in page  # e.g. 02/12/2569
    assert f'value="{today.isoformat()}"' not in page and 'type="date"' not in page


def test_inline_edit_returns_the_row_and_refreshes_the_share(login, plan_with_items):
    client = login("village-52010101")
    version = plan_with_items.versions.get()
    road = version.items.get(mode="request")
    form = client.get(f"/plans/items/{road.pk}/edit/", HTTP_HX_REQUEST="true")
    assert form.templates[0].name == "plans/partials/item_inline_form.html"
    assert 'hx-post="/plans/items/' in form.content.decode()
    response = client.post(
        f"/plans/items/{road.pk}/edit/",
        item_post(mode="self", funding_source="community", row_version=road.row_version),
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert f'id="item-{road.pk}"' in body and 'hx-swap-oob="true"' in body
    assert "66.7%" in body  # 2 of 3 items now self-done
    bad = client.post(
        f"/plans/items/{road.pk}/edit/",
        item_post(title="", row_version=road.row_version + 1),
        HTTP_HX_REQUEST="true",
    )
    assert bad.status_code == 200 and "field-error" in bad.content.decode()
    assert PlanItem.objects.get(pk=road.pk).title == "ก่อสร้างรางระบายน้ำ ค.ส.ล. หมู่ที่ 1"
