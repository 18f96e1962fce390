"""The tambon civic forum: its record, the paper tally (idempotent, one issue per screen), the
ranks with their tie rules, the approval, and who may do it."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from planlink.accounts.models import User
from planlink.areas.models import Area
from planlink.frameworks.models import ProvinceIssue
from planlink.integration import selectors, services
from planlink.integration.models import ForumTally, TambonItem
from planlink.plans.models import VersionStatus

pytestmark = pytest.mark.django_db
YEAR = 2570


@pytest.fixture
def tcoc() -> User:
    return User.objects.get(username="tambon-520101")


@pytest.fixture
def version(tcoc):  # type: ignore[no-untyped-def]
    """The demo tambon's consolidated plan, every item filed under its suggested issue (or
    issue 1) and confirmed."""
    result = services.tambon_consolidate(
        user=tcoc, tambon=Area.objects.get(code="520101"), first_year=YEAR
    )
    first = ProvinceIssue.objects.get(province_id="52", fiscal_year=YEAR, number=1)
    for item in result.version.items.all():
        info = TambonItem.objects.get(lineage_id=item.lineage_id)
        services.tambon_item_file(user=tcoc, item=item, issue=info.issue or first)
    return result.version


def _record(tcoc, version, method: str):  # type: ignore[no-untyped-def]
    return services.forum_record(
        user=tcoc,
        version=version,
        data=services.ForumData(
            held_on=date(2026, 11, 20),
            place="ศาลาอเนกประสงค์ตำบลเวียงเหนือ",
            method=method,
            attendance={"villagers": 84, "tcoc": 15, "lao": 4, "agencies": 6, "leaders": 11},
        ),
    )


def _issue_with_items(version, n: int = 2):  # type: ignore[no-untyped-def]
    for issue in ProvinceIssue.objects.filter(province_id="52", fiscal_year=YEAR):
        items = services.issue_items(version, issue)
        if len(items) >= n:
            return issue, items
    raise AssertionError("no issue with enough items")


def test_a_show_of_hands_ranks_the_issue_and_a_resent_screen_counts_once(tcoc, version):
    forum = _record(tcoc, version, "hands")
    assert forum.attendance == 120
    issue, items = _issue_with_items(version, 3)
    votes = {str(i.pk): str(10 + n) for n, i in enumerate(items)}
    first = services.tally_save(user=tcoc, forum=forum, issue=issue, token="t1", values=votes)
    again = services.tally_save(user=tcoc, forum=forum, issue=issue, token="t1", values=votes)
    assert (first.saved, again.saved) == (True, False)
    assert ForumTally.objects.filter(forum=forum, issue=issue).count() == len(items)
    [result] = [r for r in selectors.forum_results(version=version) if r.issue == issue]
    assert [r.item.pk for r in result.ranked] == [i.pk for i in reversed(items)]
    assert [r.goes_up for r in result.ranked][:3] == [True, True, False]
    # A corrected screen replaces the numbers (a new token, the same issue).
    services.tally_save(
        user=tcoc, forum=forum, issue=issue, token="t2", values={str(items[0].pk): "99"}
    )
    [result] = [r for r in selectors.forum_results(version=version) if r.issue == issue]
    assert result.ranked[0].item == items[0]
    assert ForumTally.objects.filter(forum=forum, issue=issue).count() == len(items)


def test_equal_votes_show_the_tie_rule_used(tcoc, version):
    forum = _record(tcoc, version, "hands")
    issue, items = _issue_with_items(version, 2)
    services.tally_save(
        user=tcoc, forum=forum, issue=issue, token="t", values={str(i.pk): "7" for i in items}
    )
    [result] = [r for r in selectors.forum_results(version=version) if r.issue == issue]
    assert all(r.tie_rule in ("households", "villages", "order") for r in result.ranked)
    assert all(r.tie_rule_th for r in result.ranked)
    households = [r.households for r in result.ranked]
    assert households == sorted(households, reverse=True)


def test_scores_per_group_and_borda_ballots(tcoc, version):
    forum = _record(tcoc, version, "scores")
    issue, items = _issue_with_items(version, 2)
    a, b = items[:2]
    values = {f"{a.pk}:villagers": "8", f"{a.pk}:lao": "3", f"{b.pk}:villagers": "9"}
    services.tally_save(user=tcoc, forum=forum, issue=issue, token="s", values=values)
    [result] = [r for r in selectors.forum_results(version=version) if r.issue == issue]
    points = {r.item.pk: r.points for r in result.ranked}
    assert (points[a.pk], points[b.pk]) == (11, 9)

    with pytest.raises(ValidationError, match="ล้างผลเดิม"):
        _record(tcoc, version, "borda")
    ForumTally.objects.filter(forum=forum).delete()
    forum = _record(tcoc, version, "borda")
    services.tally_save(
        user=tcoc, forum=forum, issue=issue, token="b1", values={str(a.pk): "2", str(b.pk): "1"}
    )
    second = services.tally_save(
        user=tcoc, forum=forum, issue=issue, token="b2", values={str(a.pk): "1", str(b.pk): "2"}
    )
    third = services.tally_save(
        user=tcoc, forum=forum, issue=issue, token="b3", values={str(b.pk): "1"}
    )
    assert (second.ballot, third.ballot) == (2, 3)
    [result] = [r for r in selectors.forum_results(version=version) if r.issue == issue]
    assert result.ballots == 3
    points = {r.item.pk: r.points for r in result.ranked}
    n = len(result.items)
    # b: first on ballots 1 and 3, second on 2; a: second on 1, first on 2.
    assert points[b.pk] > points[a.pk] > 0
    assert points[b.pk] == 2 + 1 + 1 if n == 2 else points[b.pk] >= 4
    with pytest.raises(ValidationError, match="ไม่ซ้ำกัน"):
        services.tally_save(
            user=tcoc,
            forum=forum,
            issue=issue,
            token="b4",
            values={str(a.pk): "1", str(b.pk): "1"},
        )


def test_bad_numbers_are_refused_and_nothing_is_saved(tcoc, version):
    forum = _record(tcoc, version, "hands")
    issue, items = _issue_with_items(version, 1)
    for bad in ("สิบ", "-3", "1.234"):
        with pytest.raises(ValidationError):
            services.tally_save(
                user=tcoc, forum=forum, issue=issue, token=bad, values={str(items[0].pk): bad}
            )
    assert not ForumTally.objects.filter(forum=forum).exists()


def test_the_forum_approves_the_plan_once_every_issue_has_its_tally(tcoc, version):
    with pytest.raises(ValidationError, match="ประชาคมตำบล"):
        services.tambon_plan_approve(user=tcoc, version=version)
    forum = _record(tcoc, version, "hands")
    results = selectors.forum_results(version=version)
    with pytest.raises(ValidationError, match="ยังไม่ได้บันทึกผล"):
        services.tambon_plan_approve(user=tcoc, version=version)
    for r in results:
        services.tally_save(
            user=tcoc,
            forum=forum,
            issue=r.issue,
            token=f"i{r.issue.pk}",
            values={str(i.pk): str(n) for n, i in enumerate(r.items)},
        )
    approved = services.tambon_plan_approve(user=tcoc, version=version)
    assert approved.status == VersionStatus.APPROVED
    assert (approved.assembly_date, approved.assembly_attendance) == (date(2026, 11, 20), 120)
    with pytest.raises(ValidationError):  # approved: no more changes
        services.tally_save(user=tcoc, forum=forum, issue=results[0].issue, token="z", values={})


def test_the_village_plan_workflow_cannot_approve_a_tambon_plan(tcoc, version):
    from planlink.plans.services import version_transition

    with pytest.raises(ValidationError, match="ประชาคมตำบล"):
        version_transition(user=tcoc, version=version, target="approved")


@pytest.mark.parametrize(
    "username", ["village-52010101", "officer-520101", "lao-3520101", "amphoe-5201", "province"]
)
def test_no_one_else_records_or_tallies_the_forum(tcoc, version, username):
    forum = _record(tcoc, version, "hands")
    issue, items = _issue_with_items(version, 1)
    user = User.objects.get(username=username)
    with pytest.raises(PermissionDenied):
        _record(user, version, "scores")
    with pytest.raises(PermissionDenied):
        services.tally_save(
            user=user, forum=forum, issue=issue, token="x", values={str(items[0].pk): "5"}
        )
    with pytest.raises(PermissionDenied):
        services.tambon_plan_approve(user=user, version=version)
    forum.refresh_from_db()
    assert forum.method == "hands" and not ForumTally.objects.filter(forum=forum).exists()
