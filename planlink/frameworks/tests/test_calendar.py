"""The province's calendar: lateness as a pure function, the provincial offices set the
days (nobody else), and every overview flags who is late against them."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from planlink.accounts.models import User
from planlink.areas.models import Area
from planlink.core.thai import fiscal_year, fiscal_year_bounds
from planlink.frameworks import services
from planlink.frameworks.calendar import due_in, lateness, order_problems, step_state
from planlink.frameworks.models import Deadline, Step
from planlink.plans import selectors as plan_selectors
from planlink.plans.models import ItemLineage, ItemLink, Plan, PlanVersion
from planlink.plans.services import plan_create

YEAR = 2570  # 1 Oct 2026 – 30 Sep 2027
D = date


# --- The pure functions ----------------------------------------------------------------------


def test_lateness_counts_days_past_the_deadline():
    due = D(2026, 12, 15)
    assert lateness(due, None, D(2026, 12, 1)) is None  # not due yet
    assert lateness(due, None, D(2026, 12, 15)) is None  # the deadline's own day is on time
    assert lateness(due, None, D(2026, 12, 16)) == 1
    assert lateness(due, None, D(2027, 1, 15)) == 31
    assert lateness(due, D(2026, 12, 15), D(2027, 1, 15)) is None  # done on the day
    assert lateness(due, D(2026, 12, 10), D(2027, 1, 15)) is None  # done early
    assert lateness(due, D(2026, 12, 20), D(2027, 1, 15)) == 5  # done 5 days late
    assert lateness(None, None, D(2030, 1, 1)) is None  # no deadline: never late


def test_due_in_and_the_state_of_a_step():
    due = D(2026, 12, 15)
    assert due_in(due, False, D(2026, 12, 1)) == 14
    assert due_in(due, False, D(2026, 12, 15)) == 0
    assert due_in(due, False, D(2026, 12, 16)) is None  # late, not due
    assert due_in(due, True, D(2026, 12, 1)) is None  # done
    soon = step_state(due, False, None, D(2026, 12, 1))
    assert (soon.late, soon.due_in, soon.soon, soon.needs_attention) == (None, 14, True, True)
    later = step_state(due, False, None, D(2026, 11, 30))
    assert (later.due_in, later.soon, later.needs_attention) == (15, False, False)
    late = step_state(due, False, None, D(2026, 12, 18))
    assert (late.late, late.needs_attention) == (3, True)
    done_late = step_state(due, True, D(2026, 12, 18), D(2027, 1, 1))
    assert (done_late.done, done_late.late, done_late.done_late) == (True, None, 3)
    assert not done_late.needs_attention
    unknown_day = step_state(due, True, None, D(2027, 1, 1))
    assert unknown_day.done and unknown_day.done_late is None


def test_steps_due_out_of_order_are_pointed_out():
    assert order_problems({"village_review": D(2026, 12, 1), "tambon_forum": D(2027, 2, 1)}) == []
    assert order_problems(
        {
            "village_review": D(2026, 12, 1),
            "tambon_consolidation": D(2027, 1, 1),
            "tambon_forum": D(2026, 12, 20),
        }
    ) == [("tambon_consolidation", "tambon_forum")]


# --- The services ------------------------------------------------------------------------------


def _province() -> Area:
    return Area.objects.get(code="52")


@pytest.mark.django_db
def test_the_provincial_office_sets_changes_and_removes_deadlines():
    user = User.objects.get(username="province")
    n = services.calendar_set(
        user=user,
        province=_province(),
        fiscal_year=2571,
        dates={
            Step.VILLAGE_REVIEW: (D(2027, 12, 15), "  ตามหนังสือ   กระทรวง "),
            Step.TAMBON_CONSOLIDATION: (D(2028, 1, 31), ""),
            Step.TAMBON_FORUM: (None, ""),
        },
    )
    assert n == 2
    review = Deadline.objects.get(fiscal_year=2571, step=Step.VILLAGE_REVIEW)
    assert (review.due_on, review.note) == (D(2027, 12, 15), "ตามหนังสือ กระทรวง")
    services.deadline_set(
        user=user,
        province=_province(),
        fiscal_year=2571,
        step=Step.VILLAGE_REVIEW,
        due_on=D(2027, 12, 20),
    )
    review.refresh_from_db()
    assert review.due_on == D(2027, 12, 20)
    assert review.history.count() == 2
    assert review.history.first().history_user == user
    services.deadline_set(
        user=user, province=_province(), fiscal_year=2571, step=Step.VILLAGE_REVIEW, due_on=None
    )
    assert list(Deadline.objects.filter(fiscal_year=2571).values_list("step", flat=True)) == [
        Step.TAMBON_CONSOLIDATION
    ]


@pytest.mark.django_db
def test_a_day_outside_the_fiscal_year_is_refused_in_thai_and_english():
    user = User.objects.get(username="province")
    with pytest.raises(ValidationError, match=r"ไม่อยู่ในปีงบประมาณ 2571.*outside fiscal year"):
        services.calendar_set(
            user=user,
            province=_province(),
            fiscal_year=2571,
            dates={
                Step.VILLAGE_REVIEW: (D(2027, 12, 15), ""),
                Step.TAMBON_FORUM: (D(2028, 10, 1), ""),  # FY 2572
            },
        )
    assert not Deadline.objects.filter(fiscal_year=2571).exists()  # all or nothing
    with pytest.raises(ValidationError, match="ระดับจังหวัด"):
        services.deadline_set(
            user=None,
            province=Area.objects.get(code="5201"),
            fiscal_year=2571,
            step=Step.VILLAGE_REVIEW,
            due_on=D(2027, 12, 15),
        )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "username",
    ["tambon-520101", "officer-520101", "village-52010101", "district-5201", "amphoe-5201"],
)
def test_no_one_below_the_province_sets_the_calendar(username):
    Deadline.objects.create(
        province=_province(), fiscal_year=2571, step=Step.TAMBON_FORUM, due_on=D(2028, 2, 1)
    )
    before = list(Deadline.objects.values_list("pk", "step", "due_on"))
    user = User.objects.get(username=username)
    with pytest.raises(PermissionDenied):
        services.calendar_set(
            user=user,
            province=_province(),
            fiscal_year=2571,
            dates={Step.VILLAGE_REVIEW: (D(2027, 12, 15), "")},
        )
    with pytest.raises(PermissionDenied):
        services.deadline_set(
            user=user,
            province=_province(),
            fiscal_year=2571,
            step=Step.TAMBON_FORUM,
            due_on=None,
        )
    with pytest.raises(PermissionDenied):
        services.calendar_copy(user=user, province=_province(), from_year=2571, to_year=2572)
    assert list(Deadline.objects.values_list("pk", "step", "due_on")) == before


@pytest.mark.django_db
def test_a_year_starts_from_another_years_calendar():
    user = User.objects.get(username="province")
    services.calendar_set(
        user=user,
        province=_province(),
        fiscal_year=2571,
        dates={
            Step.VILLAGE_REVIEW: (D(2027, 12, 15), "x"),
            Step.TAMBON_FORUM: (D(2028, 2, 29), ""),
        },
    )
    assert services.calendar_copy(user=user, province=_province(), from_year=2571, to_year=2572)
    assert dict(Deadline.objects.filter(fiscal_year=2572).values_list("step", "due_on")) == {
        Step.VILLAGE_REVIEW: D(2028, 12, 15),
        Step.TAMBON_FORUM: D(2029, 2, 28),
    }
    with pytest.raises(ValidationError):
        services.calendar_copy(user=user, province=_province(), from_year=2571, to_year=2572)


# --- The page ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_page_lets_the_province_set_days_in_be_and_others_read(login):
    client = login("province")
    page = client.get("/areas/52/calendar/?year=2571")
    assert page.status_code == 200 and 'name="village_review_due"' in page.content.decode()
    response = client.post(
        "/areas/52/calendar/?year=2571",
        {"year": "2571", "village_review_due": "15/12/2570", "village_review_note": "ตามปฏิทิน"},
    )
    assert response.status_code == 302
    assert Deadline.objects.get(fiscal_year=2571, step=Step.VILLAGE_REVIEW).due_on == D(
        2027, 12, 15
    )
    refused = client.post(
        "/areas/52/calendar/?year=2571",
        {"year": "2571", "village_review_due": "15/12/2027"},  # a C.E. year
    )
    assert refused.status_code == 422
    assert "ค.ศ." in refused.content.decode()
    assert Deadline.objects.get(fiscal_year=2571, step=Step.VILLAGE_REVIEW).due_on == D(
        2027, 12, 15
    )

    for username, code in (("tambon-520101", "520101"), ("village-52010101", "52010101")):
        client = login(username)
        body = client.get(f"/areas/{code}/calendar/?year=2571").content.decode()
        assert "15 ธ.ค. 2570" in body and "ตามปฏิทิน" in body
        assert 'name="village_review_due"' not in body  # read-only
        response = client.post(
            f"/areas/{code}/calendar/?year=2571",
            {"year": "2571", "village_review_due": "01/01/2571"},
        )
        assert response.status_code == 403
    assert Deadline.objects.get(fiscal_year=2571, step=Step.VILLAGE_REVIEW).due_on == D(
        2027, 12, 15
    )


# --- Who is late on the overviews ---------------------------------------------------------------


def _calendar(**due: date) -> None:
    for step, day in due.items():
        Deadline.objects.update_or_create(
            province_id="52", fiscal_year=YEAR, step=step, defaults={"due_on": day}
        )


def _aware(day: date) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, 10))


def _village_plan(code: str, *, reviewed_on: date | None = None, submitted: bool = False) -> Plan:
    Plan.objects.filter(area_id=code).delete()
    plan = plan_create(
        user=None, area=Area.objects.get(code=code), level="village", fiscal_years=[2570, 2571]
    )
    version = plan.versions.get()
    if submitted or reviewed_on:  # (the workflow itself is tested in plans)
        PlanVersion.objects.filter(pk=version.pk).update(
            status="submitted", submitted_at=timezone.now()
        )
    if reviewed_on:
        PlanVersion.objects.filter(pk=version.pk).update(
            status="reviewed", reviewed_at=_aware(reviewed_on)
        )
    return plan


def _tambon_plan(code: str, *, forum_on: date | None = None) -> Plan:
    Plan.objects.filter(area_id=code, level="tambon").delete()
    plan = plan_create(
        user=None, area=Area.objects.get(code=code), level="tambon", fiscal_years=[2570, 2571]
    )
    if forum_on:
        PlanVersion.objects.filter(plan=plan).update(
            status="approved", assembly_date=forum_on, assembly_attendance=80
        )
    return plan


def _villages(tambon: str) -> list[str]:
    return list(
        Area.objects.filter(parent_id=tambon).order_by("code").values_list("code", flat=True)
    )


@pytest.mark.django_db
def test_villages_not_reviewed_by_the_deadline_are_late():
    on_time, done_late, submitted, last_year, *rest = _villages("520102")
    _village_plan(on_time, reviewed_on=D(2026, 12, 20))
    _village_plan(done_late, reviewed_on=D(2027, 1, 5))
    _village_plan(submitted, submitted=True)
    _village_plan(last_year, reviewed_on=D(2026, 9, 1))  # FY 2569: not this year's review
    _calendar(village_review=D(2026, 12, 31))
    user = User.objects.get(username="province")
    rollup = plan_selectors.overview_rollup(
        user=user, area=Area.objects.get(code="520102"), today=D(2027, 1, 15)
    )
    state = {r.village.code: r.review for r in rollup.villages}
    assert state[on_time].done and state[on_time].late is None and not state[on_time].done_late
    assert state[done_late].done and state[done_late].done_late == 5
    assert state[submitted].late == 15 and not state[submitted].done
    assert state[last_year].late == 15  # reviewed last fiscal year: due again this year
    assert all(state[code].late == 15 for code in rest)  # no plan: not reviewed either
    assert rollup.total.review_late == 2 + len(rest)
    # Before the deadline nobody is late; the days left are shown.
    early = plan_selectors.overview_rollup(
        user=user, area=Area.objects.get(code="520102"), today=D(2026, 12, 21)
    )
    assert early.total.review_late == 0
    assert {r.review.due_in for r in early.villages if not r.review.done} == {10}
    # The district's rows count them per tambon; the late filter keeps only them.
    district = plan_selectors.overview_rollup(
        user=user,
        area=Area.objects.get(code="5201"),
        today=D(2027, 1, 15),
        filters=plan_selectors.OverviewFilters(late=True),
    )
    row = next(c for c in district.children if c.area.code == "520102")
    assert row.review_late == row.villages == 2 + len(rest)


@pytest.mark.django_db
def test_tambons_without_a_plan_or_a_forum_by_the_deadlines_are_late():
    _tambon_plan("520103")
    _tambon_plan("520104", forum_on=D(2027, 2, 20))
    Plan.objects.filter(area_id__in=["520102", "520105"], level="tambon").delete()
    _calendar(tambon_consolidation=D(2027, 1, 10), tambon_forum=D(2027, 2, 28))
    user = User.objects.get(username="district-5201")
    district = Area.objects.get(code="5201")
    january = plan_selectors.overview_rollup(user=user, area=district, today=D(2027, 1, 15))
    rows = {c.area.code: c for c in january.children}
    assert rows["520102"].progress.late == {Step.TAMBON_CONSOLIDATION: 5}  # days late
    assert rows["520102"].tambons_late == {Step.TAMBON_CONSOLIDATION: 1}  # tambons late
    assert rows["520102"].progress.steps[Step.TAMBON_FORUM].due_in == 44
    assert rows["520103"].tambons_late == {}  # consolidated (its tambon plan exists)
    march = plan_selectors.overview_rollup(user=user, area=district, today=D(2027, 3, 5))
    rows = {c.area.code: c for c in march.children}
    assert rows["520102"].progress.late == {
        Step.TAMBON_CONSOLIDATION: 54,
        Step.TAMBON_FORUM: 5,
    }
    assert rows["520103"].progress.late == {Step.TAMBON_FORUM: 5}  # its forum not held
    assert rows["520104"].progress.late == {}
    forum = rows["520104"].progress.steps[Step.TAMBON_FORUM]
    assert forum.done and forum.done_on == D(2027, 2, 20)
    # The province counts the late tambons per district, and in total.
    province = plan_selectors.overview_rollup(
        user=User.objects.get(username="province"),
        area=Area.objects.get(code="52"),
        today=D(2027, 3, 5),
    )
    muang = next(c for c in province.children if c.area.code == "5201")
    assert muang.tambons_late[Step.TAMBON_FORUM] == sum(
        1 for r in rows.values() if Step.TAMBON_FORUM in r.tambons_late
    )
    assert province.total.tambons_late[Step.TAMBON_CONSOLIDATION] >= 1


@pytest.mark.django_db
def test_a_tambon_has_sent_when_an_item_was_selected_for_the_district_plan():
    tambon_plan = _tambon_plan("520103")
    Plan.objects.filter(area_id="5201", level="district").delete()
    district_plan = plan_create(
        user=None, area=Area.objects.get(code="5201"), level="district", fiscal_years=[2570]
    )
    _calendar(district_submission=D(2027, 3, 31))
    user = User.objects.get(username="district-5201")
    area = Area.objects.get(code="5201")
    before = plan_selectors.overview_rollup(user=user, area=area, today=D(2027, 4, 2))
    rows = {c.area.code: c for c in before.children}
    assert rows["520103"].progress.late == {Step.DISTRICT_SUBMISSION: 2}
    ItemLink.objects.create(
        source=ItemLineage.objects.create(plan=tambon_plan),
        target=ItemLineage.objects.create(plan=district_plan),
        kind="selected_for",
    )
    after = plan_selectors.overview_rollup(user=user, area=area, today=D(2027, 4, 2))
    rows = {c.area.code: c for c in after.children}
    assert rows["520103"].progress.late == {}


@pytest.mark.django_db
def test_the_overview_page_shows_the_calendar_and_flags_and_queries_stay_bounded(login):
    today = timezone.localdate()
    first, _last = fiscal_year_bounds(fiscal_year(today))
    for step in Step:
        Deadline.objects.create(
            province_id="52", fiscal_year=fiscal_year(today), step=step, due_on=first
        )
    client = login("province")
    urls = (
        "/areas/52/plans/",
        "/areas/52/plans/?late=1",
        "/areas/5201/plans/",
        "/areas/520102/plans/",
        "/areas/52/plans.xlsx?late=1",
    )

    def queries() -> list[int]:
        counts = []
        for url in urls:
            with CaptureQueriesContext(connection) as captured:
                assert client.get(url).status_code == 200, url
            counts.append(len(captured))
        return counts

    _tambon_plan("520102")  # (an empty list of plans costs no query at all)
    _village_plan(_villages("520102")[0], submitted=True)
    queries()
    before = queries()
    for code in ("520103", "520104", "520105", "520201"):
        _tambon_plan(code, forum_on=first if code == "520104" else None)
    for code in _villages("520102")[1:4]:
        _village_plan(code, submitted=True)
    assert queries() == before
    assert max(before) <= 25

    body = client.get("/areas/5201/plans/").content.decode()
    assert "/areas/5201/calendar/" in body
    if today > first:  # every step was due on the first day of the year
        assert 'class="badge del"' in body
        tambon = client.get("/areas/520102/plans/?late=1")
        assert all(r.review_late for r in tambon.context["rollup"].villages)
    late_page = client.get("/areas/5201/plans/?late=1")
    assert late_page.context["filters"].late
    assert 'name="late" value="1" checked' in late_page.content.decode()


@pytest.mark.django_db
def test_without_a_calendar_nobody_is_late(login):
    Deadline.objects.all().delete()
    rollup = login("province").get("/areas/5201/plans/").context["rollup"]
    assert rollup.due == {} and rollup.total.late_total == 0
    assert all(r.review is None for r in rollup.rows)
    assert rollup.tambons == {}
