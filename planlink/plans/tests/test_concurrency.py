"""Two sessions editing the same record (issue #7, defect 7): the second save is refused with
what changed, keeps what its user typed, and can then be saved over the newer version."""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.test import Client

from planlink.accounts.models import User
from planlink.plans.models import Evaluation, PlanItem, PlanVersion, WorkingGroup
from planlink.plans.services import version_transition

pytestmark = pytest.mark.django_db

CONFLICT_TH = "ยังไม่ได้บันทึก: มีผู้บันทึกข้อมูลนี้ไปก่อนหลังจากที่คุณเปิดฟอร์ม"
TRANSITION_TH = "ยังไม่ได้ดำเนินการ: แผนถูกเปลี่ยนหลังจากที่คุณเปิดหน้านี้"


def session(username: str) -> Client:
    """A browser session of its own (the `login` fixture shares one client)."""
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


def hidden(html: str, name: str, form_marker: str = "") -> str:
    """The value of the hidden input `name` (in the form after `form_marker`), as the browser
    would send it back ('' if the page has none)."""
    start = html.index(form_marker) if form_marker else 0
    found = re.search(rf'name="{name}" value="([^"]*)"', html[start:])
    return found.group(1) if found else ""


def text(html: str) -> str:
    return re.sub(r"\s+", " ", html)


def item_post(item: PlanItem, row_version: str, **extra: str) -> dict[str, str]:
    data = {
        "title": item.title,
        "mode": item.mode,
        "category": str(item.category_id),
        # A request for support names an outside source (the fixture's road has none yet).
        "funding_source": "lao" if item.mode == "request" else item.funding_source,
        "status": item.status,
        "budget_2570": "",
        "budget_2571": "",
        "budget_2572": "",
        "row_version": row_version,
    }
    for budget in item.budgets.all():
        data[f"budget_{budget.fiscal_year}"] = str(budget.amount)
    data.update(extra)
    return data


def test_second_session_saving_an_item_is_refused_and_keeps_what_it_typed(plan_with_items):
    item = plan_with_items.versions.get().items.get(mode="request")
    a, b = session("village-52010101"), session("village-52010101")
    seen_a = hidden(a.get(f"/plans/items/{item.pk}/edit/").content.decode(), "row_version")
    seen_b = hidden(b.get(f"/plans/items/{item.pk}/edit/").content.decode(), "row_version")

    typed_b = item_post(item, seen_b, title="ถนน คสล. ซอย 3 (แก้โดย B)", kpi="ถนน 1 สาย")

    saved = a.post(
        f"/plans/items/{item.pk}/edit/",
        item_post(item, seen_a, title="ถนน คสล. ซอย 3 (แก้โดย A)", budget_2570="500,000"),
    )
    assert saved.status_code == 302
    refused = b.post(f"/plans/items/{item.pk}/edit/", typed_b)

    assert refused.status_code == 409
    page = text(refused.content.decode())
    assert CONFLICT_TH in page
    stored = PlanItem.objects.get(pk=item.pk)
    assert stored.title == "ถนน คสล. ซอย 3 (แก้โดย A)" and stored.kpi == ""
    assert stored.budgets.get(fiscal_year=2570).amount == Decimal("500000")
    # What B typed is still in the form, and each difference is shown field by field.
    assert 'value="ถนน คสล. ซอย 3 (แก้โดย B)"' in page and 'value="ถนน 1 สาย"' in page
    changes = {c.label: (c.stored, c.typed) for c in refused.context["conflict"].changes}
    assert changes["โครงการ/กิจกรรม"] == ("ถนน คสล. ซอย 3 (แก้โดย A)", "ถนน คสล. ซอย 3 (แก้โดย B)")
    assert changes["งบประมาณ ปี 2570 (บาท)"] == ("500,000", "450,000")
    assert changes["ตัวชี้วัด (KPI)"] == ("—", "ถนน 1 สาย")
    assert "village-52010101" in page  # who saved the newer version

    # Saving again is a choice made knowing the newer version: it now goes through.
    again = hidden(refused.content.decode(), "row_version")
    assert again == str(stored.row_version)
    retried = b.post(f"/plans/items/{item.pk}/edit/", {**typed_b, "row_version": again})
    assert retried.status_code == 302
    final = PlanItem.objects.get(pk=item.pk)
    assert (final.title, final.budgets.get(fiscal_year=2570).amount) == (
        "ถนน คสล. ซอย 3 (แก้โดย B)",
        Decimal("450000"),
    )


def test_in_place_edit_refused_the_same_way(plan_with_items):
    item = plan_with_items.versions.get().items.get(mode="joint")
    a, b = session("village-52010101"), session("village-52010101")
    htmx = {"HTTP_HX_REQUEST": "true"}
    seen_a = hidden(a.get(f"/plans/items/{item.pk}/edit/", **htmx).content.decode(), "row_version")
    seen_b = hidden(b.get(f"/plans/items/{item.pk}/edit/", **htmx).content.decode(), "row_version")
    assert (
        a.post(
            f"/plans/items/{item.pk}/edit/",
            item_post(item, seen_a, title="ขุดลอกลำเหมือง (A)"),
            **htmx,
        ).status_code
        == 200
    )
    refused = b.post(
        f"/plans/items/{item.pk}/edit/", item_post(item, seen_b, title="ขุดลอกลำเหมือง (B)"), **htmx
    )
    body = text(refused.content.decode())
    assert refused.status_code == 200  # htmx swaps only 2xx: the form comes back in place
    assert refused.templates[0].name == "plans/partials/item_inline_form.html"
    assert CONFLICT_TH in body and 'value="ขุดลอกลำเหมือง (B)"' in body
    assert PlanItem.objects.get(pk=item.pk).title == "ขุดลอกลำเหมือง (A)"


def test_an_item_edit_without_its_version_is_not_saved(login, plan_with_items):
    """A form that does not say which version it was loaded from cannot overwrite."""
    item = plan_with_items.versions.get().items.first()
    response = login("village-52010101").post(
        f"/plans/items/{item.pk}/edit/", item_post(item, "", title="ไม่รู้ว่าโหลดเมื่อไร")
    )
    assert response.status_code == 422
    assert "ฟอร์มนี้เก่าเกินไป" in response.content.decode()
    assert PlanItem.objects.get(pk=item.pk).title == item.title


def test_removing_an_item_someone_just_changed_is_refused(plan_with_items):
    item = plan_with_items.versions.get().items.first()
    a, b = session("village-52010101"), session("village-52010101")
    page_b = b.get(f"/plans/items/{item.pk}/edit/").content.decode()
    seen_a = hidden(a.get(f"/plans/items/{item.pk}/edit/").content.decode(), "row_version")
    a.post(f"/plans/items/{item.pk}/edit/", item_post(item, seen_a, title="แก้ชื่อแล้ว"))
    seen_b = hidden(page_b, "row_version", 'class="danger-zone"')
    response = b.post(f"/plans/items/{item.pk}/delete/", {"row_version": seen_b})
    assert response.status_code == 302 and response["Location"].endswith("/edit/")
    assert PlanItem.objects.filter(pk=item.pk, title="แก้ชื่อแล้ว").exists()


def test_second_session_saving_a_working_group_is_refused(plan_with_items):
    group = WorkingGroup.objects.get(area_id="52010101", kind="economy")
    url = f"/areas/52010101/working-groups/?edit={group.pk}"
    a, b = session("village-52010101"), session("village-52010101")
    seen_a = hidden(a.get(url).content.decode(), "row_version")
    seen_b = hidden(b.get(url).content.decode(), "row_version")
    posted = {"group": str(group.pk), "name": group.name}
    assert (
        a.post(url, {**posted, "people": "นางสมศรี ใจดี | ประธาน", "row_version": seen_a}).status_code
        == 302
    )
    refused = b.post(url, {**posted, "people": "นายบุญมา ขยัน | เลขานุการ", "row_version": seen_b})

    assert refused.status_code == 409
    page = text(refused.content.decode())
    assert CONFLICT_TH in page
    assert list(group.members.values_list("name", "role")) == [("นางสมศรี ใจดี", "ประธาน")]
    assert "นายบุญมา ขยัน | เลขานุการ</textarea>" in page
    (change,) = refused.context["conflict"].changes
    assert (change.stored, change.typed) == ("นางสมศรี ใจดี | ประธาน", "นายบุญมา ขยัน | เลขานุการ")
    again = hidden(refused.content.decode(), "row_version")
    retried = b.post(url, {**posted, "people": "นายบุญมา ขยัน | เลขานุการ", "row_version": again})
    assert retried.status_code == 302
    assert list(group.members.values_list("name", flat=True)) == ["นายบุญมา ขยัน"]


def test_a_working_group_name_taken_meanwhile_is_a_field_error(login, plan_with_items):
    group = WorkingGroup.objects.get(area_id="52010101", kind="economy")
    response = login("village-52010101").post(
        "/areas/52010101/working-groups/", {"name": group.name, "people": ""}
    )
    assert response.status_code == 422
    assert response.context["form"].errors["name"]
    assert WorkingGroup.objects.filter(area_id="52010101", name=group.name).count() == 1


@pytest.fixture
def second_officer() -> User:
    from planlink.accounts.roles import Role
    from planlink.accounts.services import role_grant
    from planlink.areas.models import Area

    other = User.objects.create_user("officer-520101-b")
    role_grant(user=None, holder=other, role=Role.CD_OFFICER, area=Area.objects.get(code="520101"))
    return other


def review_post(page: str, **typed: str) -> dict[str, str]:
    marker = 'name="target" value="reviewed"'
    return {
        "target": "reviewed",
        "from_status": hidden(page, "from_status", marker),
        "row_version": hidden(page, "row_version", marker),
        **typed,
    }


def test_two_officers_reviewing_at_once_only_one_succeeds(plan_with_items, second_officer):
    version = plan_with_items.versions.get()
    version_transition(user=None, version=version, target="submitted")
    a, b = session("officer-520101"), session("officer-520101-b")
    page_a = a.get("/areas/52010101/plan/").content.decode()
    page_b = b.get("/areas/52010101/plan/").content.decode()
    url = f"/plans/versions/{version.pk}/transition/"

    done = a.post(url, review_post(page_a, note="ครบถ้วน", facilitators="นางบุญศรี ใจดี | ศอช.ต."))
    assert done.status_code == 302
    refused = b.post(url, review_post(page_b, note="ให้แก้ลำดับ", facilitators="นายสมชาย ขยัน | อช."))

    assert refused.status_code == 409
    page = text(refused.content.decode())
    assert TRANSITION_TH in page
    assert "ให้แก้ลำดับ" in page and "นายสมชาย ขยัน | อช." in page  # kept for them to use
    stored = PlanVersion.objects.get(pk=version.pk)
    assert (stored.status, stored.review_note, stored.reviewed_by.username) == (
        "reviewed",
        "ครบถ้วน",
        "officer-520101",
    )
    assert list(stored.facilitators.values_list("name", flat=True)) == ["นางบุญศรี ใจดี"]


def test_a_step_from_a_status_the_plan_left_and_came_back_to_is_refused(
    plan_with_items, second_officer
):
    """Reviewed and returned to the committee meanwhile: the page B reviews is not the plan as
    it is now, although the status reads "submitted" again."""
    version = plan_with_items.versions.get()
    version_transition(user=None, version=version, target="submitted")
    a, b = session("officer-520101"), session("officer-520101-b")
    page_b = b.get("/areas/52010101/plan/").content.decode()
    url = f"/plans/versions/{version.pk}/transition/"
    page_a = a.get("/areas/52010101/plan/").content.decode()
    assert a.post(url, review_post(page_a)).status_code == 302
    page_a = a.get("/areas/52010101/plan/").content.decode()
    returned = a.post(
        url,
        {
            "target": "draft",
            "note": "ให้เพิ่มกิจกรรมทำเอง",
            "from_status": hidden(page_a, "from_status", 'name="target" value="draft"'),
            "row_version": hidden(page_a, "row_version", 'name="target" value="draft"'),
        },
    )
    assert returned.status_code == 302
    version.refresh_from_db()
    version_transition(user=None, version=version, target="submitted")  # resubmitted

    refused = b.post(url, review_post(page_b, note="ผ่าน"))

    assert refused.status_code == 409 and TRANSITION_TH in text(refused.content.decode())
    stored = PlanVersion.objects.get(pk=version.pk)
    assert (stored.status, stored.review_note) == ("submitted", "ให้เพิ่มกิจกรรมทำเอง")
    # The review form is shown again with B's note, ready to send on the current version.
    assert ">ผ่าน</textarea>" in refused.content.decode()
    again = b.post(url, review_post(refused.content.decode(), note="ผ่าน"))
    assert again.status_code == 302
    assert PlanVersion.objects.get(pk=version.pk).status == "reviewed"


def test_service_refuses_a_transition_from_a_status_the_version_left(plan_with_items, officer):
    from django.core.exceptions import ValidationError

    version = plan_with_items.versions.get()
    stale = PlanVersion.objects.get(pk=version.pk)  # the version as another page showed it
    version_transition(user=None, version=version, target="submitted")
    version_transition(user=officer, version=version, target="reviewed")
    # Returning it to the committee is a step from "reviewed"; this caller saw a draft.
    with pytest.raises(ValidationError, match="the plan changed after you opened") as refused:
        version_transition(user=officer, version=stale, target="draft")
    assert refused.value.current.status == "reviewed"  # type: ignore[attr-defined]
    assert PlanVersion.objects.get(pk=version.pk).status == "reviewed"


@pytest.fixture
def approved_item(plan_with_items, committee, officer):  # type: ignore[no-untyped-def]
    version = plan_with_items.versions.get()
    version_transition(user=None, version=version, target="submitted")
    version_transition(user=officer, version=version, target="reviewed")
    version_transition(
        user=committee,
        version=version,
        target="approved",
        assembly_date=date.today() - timedelta(days=1),
        attendance=60,
    )
    return version.items.get(mode="self")


def test_second_session_setting_the_monitoring_team_is_refused(approved_item):
    url = f"/plans/items/{approved_item.pk}/"
    a, b = session("village-52010101"), session("village-52010101")
    marker = 'value="monitors"'
    seen_a = hidden(a.get(url).content.decode(), "row_version", marker)
    seen_b = hidden(b.get(url).content.decode(), "row_version", marker)
    a.post(url, {"form": "monitors", "people": "นางคำ ดีงาม | ประธาน", "row_version": seen_a})
    refused = b.post(url, {"form": "monitors", "people": "นายแก้ว ใจซื่อ", "row_version": seen_b})
    assert refused.status_code == 409 and CONFLICT_TH in text(refused.content.decode())
    assert list(approved_item.monitors.values_list("name", flat=True)) == ["นางคำ ดีงาม"]
    assert "นายแก้ว ใจซื่อ</textarea>" in refused.content.decode()


def test_second_session_evaluating_is_refused(approved_item):
    url = f"/plans/items/{approved_item.pk}/"
    a, b = session("village-52010101"), session("village-52010101")
    marker = 'value="evaluation"'
    seen_a = hidden(a.get(url).content.decode(), "row_version", marker)
    seen_b = hidden(b.get(url).content.decode(), "row_version", marker)
    form = {"form": "evaluation", "evaluated_on": date.today().isoformat(), "kpi_reached": "1"}
    a.post(url, {**form, "satisfaction": "5", "lessons": "ได้ผลดี", "row_version": seen_a})
    refused = b.post(
        url, {**form, "satisfaction": "3", "lessons": "ควรเริ่มเร็วกว่านี้", "row_version": seen_b}
    )
    assert refused.status_code == 409 and CONFLICT_TH in text(refused.content.decode())
    stored = Evaluation.objects.get(item=approved_item)
    assert (stored.satisfaction, stored.lessons) == (5, "ได้ผลดี")
    assert "ควรเริ่มเร็วกว่านี้</textarea>" in refused.content.decode()
    changes = {
        c.label: (c.stored, c.typed) for c in refused.context["conflict"]["evaluation"].changes
    }
    assert changes["ความพึงพอใจของชาวบ้าน"] == ("5", "3")


def test_saving_an_item_someone_removed_meanwhile_offers_to_add_it(plan_with_items):
    version = plan_with_items.versions.get()
    item = version.items.get(mode="joint")
    a, b = session("village-52010101"), session("village-52010101")
    page_b = b.get(f"/plans/items/{item.pk}/edit/").content.decode()
    page_a = a.get(f"/plans/items/{item.pk}/edit/").content.decode()
    a.post(
        f"/plans/items/{item.pk}/delete/",
        {"row_version": hidden(page_a, "row_version", 'class="danger-zone"')},
    )
    typed = item_post(item, hidden(page_b, "row_version"), title="ขุดลอกลำเหมืองสายใต้")

    refused = b.post(f"/plans/items/{item.pk}/edit/", typed)

    assert refused.status_code == 409
    page = text(refused.content.decode())
    assert "ยังไม่ได้บันทึก: ข้อมูลนี้ถูกลบไปแล้วหลังจากที่คุณเปิดฟอร์ม" in page
    assert 'value="ขุดลอกลำเหมืองสายใต้"' in page
    assert f'action="/plans/versions/{version.pk}/items/new/"' in page
    in_place = b.post(f"/plans/items/{item.pk}/edit/", typed, HTTP_HX_REQUEST="true")
    body = text(in_place.content.decode())
    assert in_place.status_code == 200 and f'<li id="item-{item.pk}"' in body
    assert f'hx-post="/plans/versions/{version.pk}/items/new/"' in body
    added = b.post(f"/plans/versions/{version.pk}/items/new/", typed)
    assert added.status_code == 302
    assert version.items.filter(title="ขุดลอกลำเหมืองสายใต้").count() == 1
    assert not PlanItem.objects.filter(pk=item.pk).exists()
