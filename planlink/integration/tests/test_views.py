"""The tambon plan's pages: what each person sees and may do."""

from __future__ import annotations

from datetime import date

import pytest

from planlink.areas.models import Area
from planlink.integration import services
from planlink.integration.models import ForumTally, TambonItem
from planlink.plans.models import PlanItem

pytestmark = pytest.mark.django_db


@pytest.fixture
def consolidated():  # type: ignore[no-untyped-def]
    return services.tambon_consolidate(
        user=None, tambon=Area.objects.get(code="520101"), first_year=2570, demo=True
    )


def test_the_empty_state_teaches_consolidation(login):
    page = login("tambon-520101").get("/areas/520101/tambon-plan/").content.decode()
    assert "รวมแผนหมู่บ้าน" in page and 'action="/areas/520101/tambon-plan/consolidate/"' in page


def test_the_tcoc_consolidates_from_the_page_and_sees_the_groups(login):
    client = login("tambon-520101")
    response = client.post("/areas/520101/tambon-plan/consolidate/", {"year": "2570"})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "รวมแผนแล้ว" in page
    item = PlanItem.objects.filter(
        version__plan__area_id="520101", version__plan__level="tambon"
    ).first()
    assert item is not None and item.title in page
    assert "หมู่บ้านที่ขอ" in page or "ความต้องการของ" in page or "แต่ละหมู่บ้าน" in page
    assert "ระบบ" in page or "tambon-520101" in page  # the log of decisions


def test_officers_and_committees_see_the_plan_without_its_buttons(login, consolidated):
    page = login("officer-520101").get("/areas/520101/tambon-plan/").content.decode()
    assert consolidated.version.items.first().title in page
    assert "/tambon/items/" not in page  # no action forms
    response = login("officer-520101").post(
        f"/tambon/items/{consolidated.version.items.first().pk}/",
        {"action": "rename", "title": "x"},
    )
    assert response.status_code == 403


def test_another_tambon_and_a_village_committee_are_kept_out(
    login, consolidated, django_user_model
):
    from planlink.accounts.models import RoleAssignment
    from planlink.accounts.roles import Role

    other = django_user_model.objects.create(username="tcoc-other")
    RoleAssignment.objects.create(user=other, role=Role.TCOC_COMMITTEE, area_id="520102")
    item = consolidated.version.items.first()
    for username in ("tcoc-other", "village-52010101"):
        client = login(username)
        assert client.get("/areas/520101/tambon-plan/").status_code == 403
        assert client.post("/areas/520101/tambon-plan/consolidate/").status_code == 403
        assert (
            client.post(f"/tambon/items/{item.pk}/", {"action": "drop", "reason": "x"}).status_code
            == 403
        )
    item.refresh_from_db()
    assert item.status != "dropped"


def test_the_forum_pages_record_and_tally(login, consolidated):
    client = login("tambon-520101")
    response = client.post(
        "/areas/520101/tambon-plan/forum/?year=2570",
        {
            "action": "record",
            "held_on": "20/11/2569",
            "place": "ศาลาอเนกประสงค์",
            "method": "hands",
            "villagers": "60",
            "tcoc": "12",
            "lao": "3",
            "agencies": "5",
            "leaders": "8",
        },
    )
    assert response.status_code == 302
    forum = consolidated.version.forum
    assert forum.held_on == date(2026, 11, 20) and forum.attendance == 88
    info = TambonItem.objects.filter(lineage__plan=consolidated.plan, issue__isnull=False).first()
    issue = info.issue
    page = client.get(f"/tambon/forums/{forum.pk}/issues/{issue.pk}/tally/").content.decode()
    assert 'data-keep="tally-' in page and 'name="token"' in page
    items = services.issue_items(consolidated.version, issue)
    values = {str(i.pk): "9" for i in items}
    for _twice in range(2):
        client.post(
            f"/tambon/forums/{forum.pk}/issues/{issue.pk}/tally/", {"token": "same", **values}
        )
    assert ForumTally.objects.filter(forum=forum, issue=issue).count() == len(items)
    ranks = client.get("/areas/520101/tambon-plan/forum/?year=2570").content.decode()
    assert "คะแนนเท่ากัน" in ranks or "เท่ากันทุกเกณฑ์" in ranks  # every item had 9 votes
