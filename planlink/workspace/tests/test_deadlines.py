"""The to-do list reminds the officer and the ศอช.ต. of the province's deadlines: a step due
within 14 days or late is a line for those who take it, and for nobody else."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from planlink.accounts.models import User
from planlink.areas import selectors
from planlink.core.thai import fiscal_year
from planlink.frameworks.models import Deadline, Step
from planlink.plans.models import Plan, PlanVersion
from planlink.workspace.todo import todo_groups

pytestmark = pytest.mark.django_db
TODAY = date(2027, 1, 15)  # fiscal year 2570


@pytest.fixture(autouse=True)
def _no_demo_calendar():  # type: ignore[no-untyped-def]
    """The demo sets a calendar for the current year; these tests set their own days."""
    Deadline.objects.all().delete()


def _due(step: str, day: date) -> None:
    Deadline.objects.update_or_create(
        province_id="52", fiscal_year=fiscal_year(day), step=step, defaults={"due_on": day}
    )


def _lines(username: str, today: date = TODAY) -> list:
    user = User.objects.get(username=username)
    areas = selectors.home_areas(user=user)
    groups = {g.key: g for g in todo_groups(user=user, areas=areas, today=today)}
    return groups["deadlines"].todos if "deadlines" in groups else []


def _submitted(plan: Plan) -> None:
    PlanVersion.objects.filter(plan=plan).update(status="submitted", submitted_at=timezone.now())


def test_the_officer_sees_the_review_due_soon_then_late(plan_with_items):
    _submitted(plan_with_items)  # 52010101 waits for the officer, not reviewed this year
    _due(Step.VILLAGE_REVIEW, TODAY + timedelta(days=10))
    (line,) = _lines("officer-520101")
    assert line.url == "/areas/520101/plans/" and not line.urgent
    assert "10" in line.text and "2570" in line.detail  # 10 days left, due 25 Jan 2570
    _due(Step.VILLAGE_REVIEW, TODAY - timedelta(days=3))
    (line,) = _lines("officer-520101")
    assert line.urgent and line.url == "/areas/520101/plans/?late=1" and "3" in line.text
    # Far ahead: not yet on the list.
    _due(Step.VILLAGE_REVIEW, TODAY + timedelta(days=30))
    assert _lines("officer-520101") == []
    # The committee, the ศอช.ต. and the offices above do not review: no line for them.
    _due(Step.VILLAGE_REVIEW, TODAY - timedelta(days=3))
    for username in ("village-52010101", "tambon-520101", "district-5201", "province"):
        assert _lines(username) == [], username


def test_the_tcoc_sees_its_tambon_steps_due():
    Plan.objects.filter(area_id="520101", level="tambon").delete()
    _due(Step.TAMBON_CONSOLIDATION, TODAY + timedelta(days=5))
    _due(Step.TAMBON_FORUM, TODAY + timedelta(days=40))  # too far ahead to list
    (line,) = _lines("tambon-520101")
    assert line.url == "/areas/520101/tambon-plan/" and not line.urgent
    assert "5" in line.detail
    _due(Step.TAMBON_CONSOLIDATION, TODAY - timedelta(days=2))
    (line,) = _lines("tambon-520101")
    assert line.urgent and "2" in line.detail
    for username in ("officer-520101", "village-52010101", "district-5201"):
        assert _lines(username) == [], username


def test_the_home_page_shows_the_line_and_stays_bounded(login, plan_with_items):
    today = timezone.localdate()
    _submitted(plan_with_items)
    _due(Step.VILLAGE_REVIEW, today)
    page = login("officer-520101").get("/")
    keys = [g.key for g in page.context["groups"]]
    assert "deadlines" in keys
    assert 'href="/areas/520101/plans/"' in page.content.decode()
    for step in (Step.TAMBON_CONSOLIDATION, Step.TAMBON_FORUM, Step.DISTRICT_SUBMISSION):
        _due(step, today)
    client = login("province")
    client.get("/")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    assert len(queries) < 40
    tcoc = login("tambon-520101")
    tcoc.get("/")
    with CaptureQueriesContext(connection) as queries:
        assert tcoc.get("/").status_code == 200
    assert len(queries) < 40
