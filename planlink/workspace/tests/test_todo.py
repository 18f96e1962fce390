"""The home page as a to-do list, per role, and the notification feed."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from planlink.core.models import Job, JobStatus
from planlink.plans.models import Plan
from planlink.plans.services import comment_add, version_transition

pytestmark = pytest.mark.django_db


def texts(response) -> list[str]:
    return [t.text for g in response.context["groups"] for t in g.todos]


def test_committee_officer_and_district_each_see_their_work(login, plan_with_items):
    version = plan_with_items.versions.get()
    home = login("village-52010101").get("/")
    assert any("ส่ง" in t or "submit" in t for t in texts(home))  # finish and submit

    version_transition(user=None, version=version, target="submitted")
    officer = login("officer-520101").get("/")
    review = [g for g in officer.context["groups"] if g.key == "review"]
    (mine,) = [t for t in review[0].todos if t.url == "/areas/52010101/plan/"]
    assert mine.urgent and mine.since is not None
    html = officer.content.decode()
    assert 'href="/areas/52010101/plan/"' in html

    district = login("district-5201").get("/")
    supervise = {g.key: g for g in district.context["groups"]}
    assert "review" not in supervise  # the district office does not review
    lines = [t for t in supervise["supervise"].todos if "status=submitted" in t.url]
    assert lines and lines[0].url.startswith("/areas/5201/plans/")

    # Returned with an item comment: the committee's list says so, with the comment count.
    comment_add(
        user=None,
        version=version,
        item=version.items.first(),
        text="ระบุความยาวถนน",
    )
    version_transition(user=None, version=version, target="draft")
    returned = {g.key: g for g in login("village-52010101").get("/").context["groups"]}
    (line,) = returned["returned"].todos
    assert line.url.endswith("#comments") and "1" in line.detail


def test_reviewed_plan_asks_the_committee_for_the_assembly(login, plan_with_items):
    version = plan_with_items.versions.get()
    for target in ("submitted", "reviewed"):
        version_transition(user=None, version=version, target=target)
    groups = {g.key: g for g in login("village-52010101").get("/").context["groups"]}
    assert any(t.url.endswith("#workflow") for t in groups["plan"].todos)
    officer = {g.key: g for g in login("officer-520101").get("/").context["groups"]}
    waiting = officer["review"].todos if "review" in officer else []
    assert "/areas/52010101/plan/" not in [t.url for t in waiting]  # reviewed: not the officer's


def test_imports_that_finished_or_failed_are_listed(login, django_user_model):
    user = django_user_model.objects.get(username="officer-520101")
    Job.objects.create(
        kind="bmn", title="นำเข้า จปฐ. 2568", created_by=user, status="rejected", problem_total=3
    )
    Job.objects.create(kind="bmn", title="นำเข้า จปฐ. 2567", created_by=user, status=JobStatus.DONE)
    other = django_user_model.objects.get(username="district-5201")
    Job.objects.create(kind="bmn", title="ของคนอื่น", created_by=other, status=JobStatus.DONE)
    groups = {g.key: g for g in login("officer-520101").get("/").context["groups"]}
    jobs = [t.text for t in groups["jobs"].todos]
    assert len(jobs) == 2 and not any("ของคนอื่น" in t for t in jobs)
    assert groups["jobs"].todos[0].urgent or groups["jobs"].todos[1].urgent


def test_the_province_home_is_bounded(login):
    client = login("province")
    client.get("/")  # warm the caches of the access module
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    assert len(queries) < 40


def test_feed_shows_what_is_for_me_and_marks_it_seen(login, plan_with_items, committee):
    version = plan_with_items.versions.get()
    login("officer-520101").get("/notifications/")  # the demo's events: seen
    version_transition(user=committee, version=version, target="submitted")
    officer = login("officer-520101")
    home = officer.get("/")
    assert home.context["unseen"] == 1
    assert "submitted" in home.context["feed"][0].text or "ส่ง" in home.context["feed"][0].text
    # the committee does not see its own submission; the district office is not the audience
    assert login("village-52010101").get("/").context["unseen"] == 0
    assert login("district-5201").get("/").context["feed"] == []
    page = login("officer-520101").get("/notifications/")
    assert page.status_code == 200 and page.context["feed"][0].new
    assert login("officer-520101").get("/").context["unseen"] == 0


def test_village_without_a_plan_is_a_start_line(login):
    Plan.objects.filter(area_id="52010101").delete()
    groups = {g.key: g for g in login("village-52010101").get("/").context["groups"]}
    assert groups["plan"].todos[0].url == "/areas/52010101/plan/"


def test_the_district_office_is_led_through_its_plan_step_by_step(login):
    from planlink.integration.proposals import plan_changed
    from planlink.integration.services import alignment, district
    from planlink.integration.tests.test_district_services import _plan as fresh
    from planlink.integration.tests.test_district_services import _province_framework, _sent

    draft = fresh("district", "5201")
    north, head = fresh("tambon", "520101"), fresh("tambon", "520102")
    _sent(draft, north, "ก่อสร้างถนน คสล. สายบ้านสันลัว - บ้านเหล่าตอง", ["52010101"])
    _sent(draft, head, "ก่อสร้างถนนคอนกรีตเสริมเหล็ก สายบ้านเหล่าตอง - บ้านสันลัว", ["52010201"])
    plan_changed(draft.plan)
    _province_framework()
    client = login("amphoe-5201")
    assert any("ซ้ำข้ามตำบล" in t for t in texts(client.get("/")))
    road_a, road_b = draft.items.order_by("pk")
    district.district_items_merge(
        user=None, items=[road_a, road_b], into=road_a, reason="สายเดียวกัน"
    )
    alignment.alignments_refresh(user=None, version=draft)
    assert any("สอดคล้อง" in t for t in texts(client.get("/")))
    alignment.alignments_confirm_all(user=None, version=draft)
    assert any("บันทึกมติ" in t for t in texts(client.get("/")))
