"""What every plan service shares: the audit stamp, the draft guard, the defaults."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError

from planlink.core import audit
from planlink.plans.models import (
    Plan,
    PlanVersion,
    WorkingGroupKind,
)

DEFAULT_GROUPS = (
    (WorkingGroupKind.PLANNING, "คณะทำงานด้านอำนวยการและแผนพัฒนาหมู่บ้าน"),
    (WorkingGroupKind.WOMEN_CHILDREN_YOUTH, "คณะทำงานด้านสตรี เด็ก และเยาวชน"),
    (WorkingGroupKind.ECONOMY, "คณะทำงานด้านเศรษฐกิจ"),
    (WorkingGroupKind.EDUCATION_RELIGION_CULTURE, "คณะทำงานด้านการศึกษา ศาสนา และวัฒนธรรม"),
    (WorkingGroupKind.SECURITY, "คณะทำงานด้านการปกครองและความปลอดภัย"),
    (WorkingGroupKind.PUBLIC_HEALTH, "คณะทำงานด้านสาธารณสุข"),
)
PHOTO_TYPES = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp"}


class PlanLocked(ValidationError):
    pass


def _audit(obj: Any, user: Any, reason: str = "") -> None:
    obj._history_user = user
    if reason:
        obj._change_reason = audit.change_reason(reason)


def _require_draft(version: PlanVersion) -> None:
    if version.status == "submitted":
        raise PlanLocked(
            "แผนนี้ส่งให้พัฒนากรทบทวนแล้ว จึงแก้ไขไม่ได้จนกว่าพัฒนากรจะส่งกลับมาให้แก้ไข / "
            "the plan is with the officer for review: it can be changed once it is returned"
        )
    if not version.is_editable:
        raise PlanLocked(
            "แผนฉบับนี้ผ่านการทบทวนหรืออนุมัติแล้ว แก้ไขได้โดยจัดทำแผนเพิ่มเติม/แก้ไข / "
            "this version is no longer a draft: change it through a revision"
        )


def items_changed(version: PlanVersion) -> None:
    """Tell the index of proposals (integration) that this plan's items changed."""
    from planlink.plans import signals

    signals.items_changed.send(sender=Plan, plan=version.plan)
