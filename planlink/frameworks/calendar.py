"""The year's calendar as pure functions: is a step late, by how many days, is it due soon.

A deadline belongs to the fiscal year in which the step is done (FY 2570 runs 1 Oct 2569 –
30 Sep 2570); the overviews and the to-do list read the deadlines of the current fiscal year.
No ORM here: the selectors load the dates and the steps' completion, these functions judge.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

SOON_DAYS = 14  # a step due within this many days shows on the to-do list

# The steps in the order they happen (frameworks.models.Step values).
ORDER = ("village_review", "tambon_consolidation", "tambon_forum", "district_submission")


def lateness(step_due: date | None, done_on: date | None, today: date) -> int | None:
    """Days late, or None when not late.

    Done (`done_on` given): late by the days from the deadline to the day it was done, if it
    was done after it. Not done: late by the days since the deadline, once it has passed
    (the deadline's own day is still on time). No deadline: never late."""
    if step_due is None:
        return None
    end = done_on if done_on is not None else today
    days = (end - step_due).days
    return days if days > 0 else None


def due_in(step_due: date | None, done: bool, today: date) -> int | None:
    """Days left until a step not yet done is due (0 = today), or None when it is done, has
    no deadline or is already late."""
    if step_due is None or done:
        return None
    days = (step_due - today).days
    return days if days >= 0 else None


@dataclass(frozen=True)
class StepState:
    """Where one area stands against one deadline."""

    due: date | None
    done: bool
    done_on: date | None = None
    late: int | None = None  # not done and past the deadline: days late
    done_late: int | None = None  # done after the deadline: by how many days
    due_in: int | None = None  # not done, deadline ahead: days left

    @property
    def soon(self) -> bool:
        return self.due_in is not None and self.due_in <= SOON_DAYS

    @property
    def needs_attention(self) -> bool:
        """For the to-do list: late, or due within SOON_DAYS."""
        return self.late is not None or self.soon


def step_state(step_due: date | None, done: bool, done_on: date | None, today: date) -> StepState:
    """A step against its deadline. Done without a known day counts as done on time."""
    if done:
        return StepState(
            step_due,
            True,
            done_on,
            done_late=lateness(step_due, done_on, today) if done_on is not None else None,
        )
    return StepState(
        step_due,
        False,
        late=lateness(step_due, None, today),
        due_in=due_in(step_due, False, today),
    )


def order_problems(due: Mapping[str, date]) -> list[tuple[str, str]]:
    """Pairs of steps (earlier, later) whose deadlines run backwards: the later step is due
    before the step it needs (the forum before the consolidation …). Shown as a warning; the
    province may have reasons, so it is not refused."""
    present = [s for s in ORDER if s in due]
    return [(a, b) for i, a in enumerate(present) for b in present[i + 1 :] if due[b] < due[a]]
