"""The trained process facilitators (วิทยากรกระบวนการ) of each tambon: the community
development officers and offices of the area keep the list (names only, never a citizen
ID); officers pick from it when they record who reviewed a village plan."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from planlink.accounts import access
from planlink.accounts.roles import Capability
from planlink.areas.models import Area, AreaLevel
from planlink.frameworks.models import TrainedFacilitator
from planlink.frameworks.services._common import audit_as, one_line, refuse_citizen_ids


@dataclass(frozen=True)
class FacilitatorData:
    name: str
    organisation: str = ""
    course: str = ""
    trained_on: date | None = None
    active: bool = True


def _require(user: Any, tambon: Area) -> None:
    if tambon.level != AreaLevel.TAMBON:
        raise ValidationError(
            "วิทยากรกระบวนการขึ้นทะเบียนไว้กับตำบล / facilitators are registered with a tambon"
        )
    if user is not None:
        access.require(user, Capability.ASSIGN_FACILITATORS, tambon)


@transaction.atomic
def facilitator_save(
    *,
    user: Any,
    tambon: Area,
    data: FacilitatorData,
    facilitator: TrainedFacilitator | None = None,
    demo: bool = False,
) -> TrainedFacilitator:
    """Register a trained facilitator with a tambon, or change one."""
    _require(user, tambon)
    if facilitator is not None and facilitator.tambon_id != tambon.code:
        raise ValidationError("วิทยากรคนนี้ไม่ได้ขึ้นทะเบียนกับตำบลนี้ / not a facilitator of this tambon")
    name = one_line(data.name)
    if not name:
        raise ValidationError({"name": "กรุณากรอกชื่อวิทยากร / the facilitator needs a name"})
    texts = {
        "name": name,
        "organisation": one_line(data.organisation),
        "course": one_line(data.course),
    }
    refuse_citizen_ids(texts)
    if data.trained_on is not None and data.trained_on > timezone.localdate():
        raise ValidationError(
            {"trained_on": "วันที่ผ่านการอบรมอยู่ในอนาคต / the training date is in the future"}
        )
    row = facilitator or TrainedFacilitator(tambon=tambon, is_demo=demo)
    row.name = name[:200]
    row.organisation = texts["organisation"][:200]
    row.course = texts["course"][:300]
    row.trained_on = data.trained_on
    row.active = data.active
    audit_as(row, user)
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError as exc:
        raise ValidationError(
            {
                "name": "ตำบลนี้มีวิทยากรชื่อนี้แล้ว แก้ไขรายการเดิมแทน / "
                "this tambon already has a facilitator of this name: edit that one"
            }
        ) from exc
    return row


@transaction.atomic
def facilitator_remove(*, user: Any, facilitator: TrainedFacilitator) -> None:
    """Take a facilitator off the list (one who no longer facilitates: mark inactive)."""
    _require(user, facilitator.tambon)
    audit_as(facilitator, user)
    facilitator.delete()
