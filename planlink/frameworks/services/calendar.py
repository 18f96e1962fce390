"""The province's calendar of a fiscal year: the day by which each step is to be done."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from planlink.areas.models import Area
from planlink.core.dates import long_be_date
from planlink.core.thai import fiscal_year_bounds
from planlink.frameworks.models import Deadline, Step
from planlink.frameworks.services._common import audit_as, one_line, require_province

_NOT_A_PROVINCE = "ปฏิทินกำหนดได้ที่ระดับจังหวัดเท่านั้น / the calendar is set by a province"


def _check_year(fiscal_year: int) -> None:
    if not 2500 <= fiscal_year <= 2700:
        raise ValidationError(
            f"ปีงบประมาณ {fiscal_year} ไม่ถูกต้อง / {fiscal_year} is not a valid fiscal year"
        )


def _check_due(fiscal_year: int, due_on: date) -> None:
    first, last = fiscal_year_bounds(fiscal_year)
    if not first <= due_on <= last:
        raise ValidationError(
            f"วันที่ {long_be_date(due_on)} ไม่อยู่ในปีงบประมาณ {fiscal_year} "
            f"({long_be_date(first)} – {long_be_date(last)}) ให้ใส่วันที่ในปีงบประมาณนี้ / "
            f"{due_on.isoformat()} is outside fiscal year {fiscal_year} "
            f"({first.isoformat()} – {last.isoformat()}): enter a day of this fiscal year"
        )


@transaction.atomic
def deadline_set(
    *,
    user: Any,
    province: Area,
    fiscal_year: int,
    step: str,
    due_on: date | None,
    note: str = "",
) -> Deadline | None:
    """Set (or change) the deadline of one step of the province's year; `due_on` None
    removes it. A deadline lies inside its fiscal year."""
    require_province(user, province, _NOT_A_PROVINCE)
    _check_year(fiscal_year)
    if step not in Step.values:
        raise ValidationError(f"ไม่มีขั้นตอน “{step}” / no such step: {step}")
    row = Deadline.objects.filter(province=province, fiscal_year=fiscal_year, step=step).first()
    if due_on is None:
        if row is not None:
            audit_as(row, user)
            row.delete()
        return None
    _check_due(fiscal_year, due_on)
    note = one_line(note)
    if row is not None and row.due_on == due_on and row.note == note:
        return row  # nothing changed: no history row
    row = row or Deadline(province=province, fiscal_year=fiscal_year, step=step)
    row.due_on = due_on
    row.note = note
    row.full_clean(validate_unique=False, validate_constraints=False)
    audit_as(row, user)
    row.save()
    return row


@transaction.atomic
def calendar_set(
    *,
    user: Any,
    province: Area,
    fiscal_year: int,
    dates: dict[str, tuple[date | None, str]],
) -> int:
    """Set the year's deadlines at once (step → (due date or None, note)); all or nothing.
    Returns how many steps have a deadline afterwards."""
    require_province(user, province, _NOT_A_PROVINCE)
    for step, (due_on, _note) in dates.items():
        if due_on is not None:
            _check_due(fiscal_year, due_on)
        if step not in Step.values:
            raise ValidationError(f"ไม่มีขั้นตอน “{step}” / no such step: {step}")
    for step, (due_on, note) in dates.items():
        deadline_set(
            user=user,
            province=province,
            fiscal_year=fiscal_year,
            step=step,
            due_on=due_on,
            note=note,
        )
    return Deadline.objects.filter(province=province, fiscal_year=fiscal_year).count()


@transaction.atomic
def calendar_copy(*, user: Any, province: Area, from_year: int, to_year: int) -> int:
    """Start a year from another year's calendar: the same days, moved by whole years."""
    require_province(user, province, _NOT_A_PROVINCE)
    _check_year(to_year)
    if Deadline.objects.filter(province=province, fiscal_year=to_year).exists():
        raise ValidationError("ปีงบประมาณนี้มีปฏิทินแล้ว / this year already has a calendar")
    source = list(Deadline.objects.filter(province=province, fiscal_year=from_year))
    shift = to_year - from_year
    for old in source:
        day = old.due_on
        try:
            moved = day.replace(year=day.year + shift)
        except ValueError:  # 29 February
            moved = day.replace(year=day.year + shift, day=28)
        new = Deadline(
            province=province,
            fiscal_year=to_year,
            step=old.step,
            due_on=moved,
            note=old.note,
            is_demo=old.is_demo,
        )
        audit_as(new, user, f"copied from {from_year}")
        new.save()
    return len(source)
