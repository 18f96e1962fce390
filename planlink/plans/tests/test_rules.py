from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planlink.accounts.plan_access import step_capability
from planlink.accounts.roles import CAPABILITIES, Role
from planlink.plans.engine.rules import (
    ItemFacts,
    check_transition,
    is_overdue,
    self_reliance,
)

T = Decimal("30")


def items(*modes: str, status: str = "proposed", budget: str = "0") -> list[ItemFacts]:
    return [ItemFacts(mode=m, status=status, budget=Decimal(budget)) for m in modes]


def test_share_by_count_and_budget_as_information():
    plan = [
        ItemFacts("self", "proposed", Decimal("0")),
        ItemFacts("self", "done", Decimal("5000")),
        ItemFacts("joint", "proposed", Decimal("20000")),
        ItemFacts("request", "proposed", Decimal("475000")),
        ItemFacts("request", "in_progress", Decimal("500000")),
        ItemFacts("self", "dropped", Decimal("100")),  # dropped items do not count
    ]
    reliance = self_reliance(plan, T)
    assert (reliance.items, reliance.self_items, reliance.joint_items, reliance.request_items) == (
        5,
        2,
        1,
        2,
    )
    assert reliance.share == Decimal("40.0") and reliance.meets
    assert reliance.budget == Decimal("1000000") and reliance.budget_share == Decimal("0.5")


def test_below_threshold_and_how_many_more():
    reliance = self_reliance(items("self", "joint", "request", "request", "request"), T)
    assert reliance.share == Decimal("20.0") and not reliance.meets
    assert reliance.self_items_needed == 1  # 2 of 5 = 40 %


def test_exactly_the_threshold_meets_it():
    reliance = self_reliance(items("self", "self", "self", *["request"] * 7), T)
    assert reliance.share == Decimal("30.0") and reliance.meets


def test_empty_plan_has_no_share():
    reliance = self_reliance([], T)
    assert reliance.share is None and not reliance.meets


@given(
    st.lists(st.sampled_from(["self", "joint", "request"]), min_size=1, max_size=60),
    st.integers(min_value=0, max_value=100),
)
def test_needed_items_really_are_enough_and_no_fewer(modes, threshold):
    reliance = self_reliance(items(*modes), Decimal(threshold))
    k = reliance.self_items_needed
    after = (
        self_reliance(
            items(
                *(["self"] * (reliance.self_items + k)),
                *(["request"] * (reliance.items - reliance.self_items - k)),
            ),
            Decimal(threshold),
        )
        if reliance.self_items + k <= reliance.items
        else None
    )
    if after is not None:
        assert after.meets
    if k > 0:
        fewer = self_reliance(
            items(
                *(["self"] * (reliance.self_items + k - 1)),
                *(["request"] * (reliance.items - reliance.self_items - k + 1)),
            ),
            Decimal(threshold),
        )
        assert not fewer.meets


LOW = self_reliance(items("self", "request", "request", "request"), T)
OK = self_reliance(items("self", "self", "request"), T)


@pytest.mark.parametrize(
    ("current", "target", "actor", "reliance", "override", "assembly", "allowed", "comment"),
    [
        ("draft", "submitted", "committee", OK, "", False, True, False),
        ("draft", "submitted", "officer", OK, "", False, False, False),  # the committee submits
        ("submitted", "reviewed", "officer", OK, "", False, True, False),
        (
            "submitted",
            "reviewed",
            "committee",
            OK,
            "",
            False,
            False,
            False,
        ),  # only the officer reviews
        ("submitted", "reviewed", "officer", LOW, "", False, False, False),  # below 30 %, no reason
        (
            "submitted",
            "reviewed",
            "officer",
            LOW,
            "ชุมชนเมือง งานส่วนใหญ่ต้องขอรับการสนับสนุน",
            False,
            True,
            False,
        ),
        (
            "submitted",
            "reviewed",
            "officer",
            LOW,
            "   ",
            False,
            False,
            False,
        ),  # a blank reason is none
        (
            "draft",
            "reviewed",
            "officer",
            OK,
            "",
            False,
            False,
            False,
        ),  # no review without submitting
        (
            "submitted",
            "draft",
            "officer",
            OK,
            "",
            False,
            False,
            False,
        ),  # returned without a comment
        ("submitted", "draft", "officer", OK, "", False, True, True),
        ("submitted", "draft", "committee", OK, "", False, False, True),  # no taking it back
        ("reviewed", "draft", "officer", OK, "", False, True, True),
        ("reviewed", "approved", "committee", OK, "", False, False, False),  # assembly not recorded
        ("reviewed", "approved", "committee", OK, "", True, True, False),
        ("reviewed", "approved", "officer", OK, "", True, False, False),  # the committee records it
        ("approved", "published", "committee", OK, "", True, True, False),
        ("approved", "published", "officer", OK, "", True, False, False),
        ("draft", "approved", "both", OK, "", True, False, False),  # no skipping the review
        ("published", "draft", "both", OK, "", True, False, True),  # a revision, not a reopening
    ],
)
def test_workflow(current, target, actor, reliance, override, assembly, allowed, comment):
    # Who may take a step is accounts.plan_access's table; what the plan must hold, the rules'.
    capability = step_capability("village", current, target)
    may = capability is not None and capability in ACTORS[actor]
    check = check_transition(
        current=current,
        target=target,
        reliance=reliance,
        override_reason=override,
        assembly_recorded=assembly,
        returned_with_comment=comment,
    )
    assert (may and check.allowed) is allowed
    if may:
        assert bool(check.problems) is not check.allowed


ACTORS = {
    "officer": CAPABILITIES[Role.CD_OFFICER],
    "committee": CAPABILITIES[Role.VILLAGE_COMMITTEE],
    "both": CAPABILITIES[Role.CD_OFFICER] | CAPABILITIES[Role.VILLAGE_COMMITTEE],
}


@pytest.mark.parametrize(
    ("end", "status", "overdue"),
    [
        (date(2026, 11, 30), "proposed", True),
        (date(2026, 11, 30), "in_progress", True),
        (date(2026, 11, 30), "done", False),
        (date(2026, 11, 30), "dropped", False),  # a dropped item is not late
        (date(2026, 12, 2), "in_progress", False),  # ends today: not late yet
        (None, "proposed", False),
    ],
)
def test_one_definition_of_overdue(end, status, overdue):
    assert is_overdue(end, status, date(2026, 12, 2)) is overdue
