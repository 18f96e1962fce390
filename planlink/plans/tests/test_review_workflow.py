"""The village plan's review as people work it: the committee submits, the plan is read-only
while the officer has it, the officer comments on items and returns it or marks it reviewed,
the committee records the assembly's approval with a B.E. date; district users only see."""

from __future__ import annotations

import hashlib
from datetime import date

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError

from planlink.plans.models import CommentKind, EventKind, PlanComment, PlanEvent, PlanVersion
from planlink.plans.services import (
    PlanLocked,
    comment_add,
    comment_resolve,
    item_create,
    item_data_of,
    item_update,
    version_transition,
)
from planlink.plans.tests.conftest import data

pytestmark = pytest.mark.django_db


def snapshot() -> dict[str, str]:
    digest = {}
    for model in apps.get_app_config("plans").get_models(include_auto_created=True):
        rows = list(model._default_manager.order_by("pk").values_list())
        digest[model._meta.label] = hashlib.sha256(repr(rows).encode()).hexdigest()
    return digest


def test_submitted_plan_is_read_only_until_returned(plan_with_items, committee, officer):
    version = plan_with_items.versions.get()
    version_transition(user=committee, version=version, target="submitted")
    assert (version.status, version.submitted_by) == ("submitted", committee)
    item = version.items.first()
    before = snapshot()
    with pytest.raises(PlanLocked, match="ส่งให้พัฒนากรทบทวนแล้ว"):
        item_create(user=committee, version=version, data=data("ฝึกอบรมอาชีพ", "self"))
    changed = item_data_of(item)
    changed.title = "แก้ชื่อโครงการ"
    with pytest.raises(PlanLocked):
        item_update(user=committee, item=item, data=changed, row_version=item.row_version)
    assert snapshot() == before

    # Returned with an item comment only: the comment is what goes back.
    comment = comment_add(user=officer, version=version, item=item, text="ระบุความยาวถนนให้ชัด")
    version_transition(user=officer, version=version, target="draft")
    assert version.status == "draft"
    item = version.items.get(pk=item.pk)
    changed = item_data_of(item)
    changed.title = "ก่อสร้างถนน คสล. ซอย 3 หมู่ที่ 1 ยาว 250 เมตร"
    item_update(user=committee, item=item, data=changed, row_version=item.row_version)
    comment_resolve(user=committee, comment=comment)
    assert PlanComment.objects.get(pk=comment.pk).resolved_by == committee

    version_transition(user=committee, version=version, target="submitted")
    version_transition(user=officer, version=version, target="reviewed")
    version_transition(
        user=committee,
        version=version,
        target="approved",
        assembly_date=date(2026, 11, 20),
        attendance=84,
    )
    kinds = list(PlanEvent.objects.filter(version=version).order_by("id").values_list("kind"))
    assert [k for (k,) in kinds] == [
        EventKind.SUBMITTED,
        EventKind.COMMENTED,
        EventKind.RETURNED,
        EventKind.SUBMITTED,
        EventKind.REVIEWED,
        EventKind.APPROVED,
    ]


def test_return_needs_a_comment_and_keeps_the_note(plan_with_items, committee, officer):
    version = plan_with_items.versions.get()
    version_transition(user=committee, version=version, target="submitted", note="ส่งครบแล้ว")
    (sent,) = version.comments.all()  # the committee's word to the officer is kept
    assert (sent.kind, sent.author, sent.text) == (CommentKind.COMMENT, committee, "ส่งครบแล้ว")
    sent.delete()
    before = snapshot()
    with pytest.raises(ValidationError, match="ต้องเขียนความเห็น"):
        version_transition(user=officer, version=version, target="draft")
    assert snapshot() == before
    version_transition(user=officer, version=version, target="draft", note="ขอให้เพิ่มกิจกรรมที่ทำเอง")
    (comment,) = version.comments.all()
    assert (comment.kind, comment.author, comment.text) == (
        CommentKind.RETURN,
        officer,
        "ขอให้เพิ่มกิจกรรมที่ทำเอง",
    )
    event = PlanEvent.objects.get(version=version, kind=EventKind.RETURNED)
    assert (event.audience, event.area_code) == ("edit_plan", "52010101")


@pytest.mark.parametrize("who", ["district-5201", "province", "amphoe-5201", "tambon-520101"])
def test_district_and_province_may_not_comment(plan_with_items, committee, who, django_user_model):
    version = plan_with_items.versions.get()
    version_transition(user=committee, version=version, target="submitted")
    before = snapshot()
    with pytest.raises(PermissionDenied):
        comment_add(user=django_user_model.objects.get(username=who), version=version, text="ควรแก้")
    assert snapshot() == before


# --- The pages ------------------------------------------------------------------------------


def _post(client, version, target, **extra):
    fresh = PlanVersion.objects.get(pk=version.pk)
    return client.post(
        f"/plans/versions/{version.pk}/transition/",
        {
            "target": target,
            "from_status": fresh.status,
            "row_version": fresh.row_version,
            **extra,
        },
    )


def test_each_person_sees_only_their_step(login, plan_with_items):
    version = plan_with_items.versions.get()
    page = login("village-52010101").get("/areas/52010101/plan/").content.decode()
    assert 'value="submitted"' in page and 'value="reviewed"' not in page
    assert _post(login("village-52010101"), version, "submitted").status_code == 302

    page = login("village-52010101").get("/areas/52010101/plan/").content.decode()
    assert "ส่งให้พัฒนากร" in page or "Submitted" in page
    assert "item_edit" not in page and "/edit/" not in page  # nothing to edit while submitted
    assert 'name="target"' not in page  # no step for the committee now

    officer = login("officer-520101").get("/areas/52010101/plan/").content.decode()
    assert 'value="reviewed"' in officer and 'value="draft"' in officer
    for user in ("district-5201", "province", "amphoe-5201"):
        page = login(user).get("/areas/52010101/plan/")
        assert page.status_code == 200
        html = page.content.decode()
        assert 'name="target"' not in html, user  # no button to review, return or approve
        assert "comment_add" not in html and 'name="text"' not in html, user
        # …and posting anyway is refused, nothing changed
        before = snapshot()
        assert _post(login(user), version, "reviewed").status_code == 403
        assert snapshot() == before


def test_item_comment_from_the_item_page_and_return(login, plan_with_items):
    version = plan_with_items.versions.get()
    version_transition(user=None, version=version, target="submitted")
    item = version.items.first()
    officer = login("officer-520101")
    response = officer.post(
        f"/plans/versions/{version.pk}/comments/",
        {"text": "งบประมาณสูงกว่าราคากลาง", "item": item.pk, "next": f"/plans/items/{item.pk}/"},
    )
    assert response.status_code == 302 and response["Location"] == f"/plans/items/{item.pk}/"
    assert item.comments.get().text == "งบประมาณสูงกว่าราคากลาง"
    page = officer.get("/areas/52010101/plan/").content.decode()
    assert "งบประมาณสูงกว่าราคากลาง" in page
    assert _post(officer, version, "draft").status_code == 302  # the item comment suffices
    assert PlanVersion.objects.get(pk=version.pk).status == "draft"
    committee_page = login("village-52010101").get(f"/plans/items/{item.pk}/").content.decode()
    assert "งบประมาณสูงกว่าราคากลาง" in committee_page and "resolve" in committee_page


def test_assembly_date_is_typed_in_buddhist_era(login, plan_with_items):
    version = plan_with_items.versions.get()
    for target in ("submitted", "reviewed"):
        version_transition(user=None, version=version, target=target)
    committee = login("village-52010101")
    before = snapshot()
    refused = _post(committee, version, "approved", assembly_date="20/11/2026", attendance="73")
    assert refused.status_code == 422
    assert "ค.ศ." in refused.content.decode()  # says the year is C.E., asks for B.E.
    assert snapshot() == before
    done = _post(committee, version, "approved", assembly_date="๒๐/๑๑/๒๕๖๙", attendance="73")
    assert done.status_code == 302
    stored = PlanVersion.objects.get(pk=version.pk)
    assert (stored.status, stored.assembly_date) == ("approved", date(2026, 11, 20))
    page = committee.get("/areas/52010101/plan/").content.decode()
    assert "20 พ.ย. 2569" in page
