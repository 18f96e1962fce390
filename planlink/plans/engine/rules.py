"""The plan's rules, pure: the self-reliance share (seed item 7), the conditions of the
workflow's steps, and when an item is overdue.

No ORM here; services load plain facts, ask these functions, and save what they answer.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from planlink.evidence.engine.bmn import percent

SELF, JOINT, REQUEST = "self", "joint", "request"
DRAFT, SUBMITTED, REVIEWED = "draft", "submitted", "reviewed"
APPROVED, PUBLISHED = "approved", "published"
DROPPED = "dropped"


@dataclass(frozen=True)
class ItemFacts:
    mode: str
    status: str
    budget: Decimal


@dataclass(frozen=True)
class SelfReliance:
    items: int  # items counted (dropped ones are not)
    self_items: int
    joint_items: int
    request_items: int
    budget: Decimal
    self_budget: Decimal
    threshold: Decimal

    @property
    def share(self) -> Decimal | None:
        """Share of self-done items by count — the rule (None for an empty plan)."""
        return percent(self.self_items, self.items)

    @property
    def budget_share(self) -> Decimal | None:
        """Share of the plan's budget in self-done items — shown as information only."""
        if self.budget <= 0:
            return None
        return (self.self_budget * 100 / self.budget).quantize(Decimal("0.1"))

    @property
    def meets(self) -> bool:
        share = self.share
        return share is not None and share >= self.threshold

    @property
    def self_items_needed(self) -> int:
        """How many more of the plan's items would have to be self-done to meet the rule."""
        if self.meets or self.items == 0:
            return 0
        needed = math.ceil(self.threshold * self.items / 100) - self.self_items
        # Rounding the share to one decimal can let a hair less count as meeting it.
        while needed > 0 and percent(self.self_items + needed - 1, self.items) >= self.threshold:  # type: ignore[operator]
            needed -= 1
        return max(needed, 0)


def self_reliance(items: Iterable[ItemFacts], threshold: Decimal) -> SelfReliance:
    counted = [i for i in items if i.status != DROPPED]
    by_mode = {SELF: 0, JOINT: 0, REQUEST: 0}
    for item in counted:
        by_mode[item.mode] = by_mode.get(item.mode, 0) + 1
    return SelfReliance(
        items=len(counted),
        self_items=by_mode[SELF],
        joint_items=by_mode[JOINT],
        request_items=by_mode[REQUEST],
        budget=sum((i.budget for i in counted), Decimal(0)),
        self_budget=sum((i.budget for i in counted if i.mode == SELF), Decimal(0)),
        threshold=threshold,
    )


# --- Workflow ---------------------------------------------------------------------------------
# Which steps a plan of each level has, and who may take each, is accounts.plan_access's
# table; these are the conditions on the plan itself.


@dataclass(frozen=True)
class TransitionCheck:
    allowed: bool
    problems: tuple[str, ...] = ()


def check_transition(
    *,
    current: str,
    target: str,
    reliance: SelfReliance,
    override_reason: str = "",
    assembly_recorded: bool = False,
    returned_with_comment: bool = False,
) -> TransitionCheck:
    """What the plan must hold for the step `current` → `target` (a step of its level's
    workflow, taken by someone who may: see accounts.plan_access)."""
    problems: list[str] = []
    if (current, target) == (DRAFT, SUBMITTED) and reliance.items == 0:
        problems.append("the plan has no items")
    if (current, target) == (SUBMITTED, REVIEWED):
        if reliance.items == 0:
            problems.append("the plan has no items")
        elif not reliance.meets and not override_reason.strip():
            problems.append("self-reliance below the threshold needs a recorded reason")
    if target == DRAFT and current != DRAFT and not returned_with_comment:
        problems.append("returning a plan needs a comment saying what to change")
    if target == APPROVED and not assembly_recorded:
        problems.append("the village assembly's date and attendance are required")
    return TransitionCheck(not problems, tuple(problems))


OPEN_STATUSES = ("proposed", "in_progress")  # an item not done and not dropped


def is_overdue(end_date: date | None, status: str, today: date) -> bool:
    """The one definition of an overdue item: its planned end has passed and it is neither
    done nor dropped (plans.selectors.overdue_q is the same in SQL)."""
    return end_date is not None and end_date < today and status in OPEN_STATUSES
