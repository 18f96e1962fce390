"""Writes to accounts and roles."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from planlink.accounts import access
from planlink.accounts.models import RoleAssignment, User
from planlink.accounts.roles import ROLE_LEVEL, Role
from planlink.areas.models import CODE_LENGTH, Area, LocalGovernment


def role_grant(
    *,
    user: Any,
    holder: User,
    role: Role,
    area: Area | None = None,
    local_government: LocalGovernment | None = None,
) -> RoleAssignment:
    """Give `holder` `role` on `area` (or on a local government); idempotent."""
    level = ROLE_LEVEL[role]
    if role == Role.LAO_PLANNER:
        if local_government is None or area is not None:
            raise ValidationError(
                "ผู้วางแผน อปท. ต้องระบุ อปท. / an LAO planner needs a local government"
            )
    elif role == Role.SYSTEM_ADMIN:
        if local_government is not None:
            raise ValidationError("ผู้ดูแลระบบไม่ผูกกับ อปท. / a system administrator has no LAO")
    elif area is None or len(area.code) != CODE_LENGTH[level] or local_government is not None:  # type: ignore[index]
        raise ValidationError(
            f"บทบาทนี้ต้องผูกกับพื้นที่ระดับ {level.label} / this role is held on a {level.label}"  # type: ignore[union-attr]
        )
    with transaction.atomic():
        assignment, created = RoleAssignment.objects.get_or_create(
            user=holder,
            role=role,
            area=area,
            local_government=local_government,
            defaults={},
        )
        if created:
            # get_or_create saved without the actor; record it on the history row.
            assignment.history.filter(history_type="+").update(history_user=user)
    access.forget(holder)
    return assignment


def role_revoke(*, user: Any, assignment: RoleAssignment) -> None:
    assignment._history_user = user  # type: ignore[attr-defined]
    holder = assignment.user
    assignment.delete()
    access.forget(holder)
