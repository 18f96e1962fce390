"""What a local government did with a tambon item handed to it (seed items 4–5): adopted into
its local development plan (which years, which form, which project number), forwarded to
another body, or not adopted (why). Recorded by the local government's planner only, for the
items the hand-off gives it (integration.handoff); recording again updates the decision."""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from planlink.accounts import access
from planlink.accounts.roles import CAPABILITIES, Capability
from planlink.areas.models import LocalGovernment
from planlink.core.thai import BE_OFFSET, to_arabic_digits
from planlink.integration.handoff import is_handed
from planlink.integration.models import Adoption, AdoptionStatus
from planlink.plans.freetext import refuse_citizen_ids
from planlink.plans.models import ItemStatus, PlanItem, PlanLevel

# A local development plan covers five fiscal years (DOMAIN.md §2).
LOCAL_PLAN_YEARS = 5
_YEARS = re.compile(r"^(\d{4})(?:\s*[-–—]\s*(\d{4}))?$")
_MIN_BE, _MAX_BE = 2500, 2700
_LIMITS = {"form": 20, "project_number": 40, "forwarded_to": 200, "plan_years": 20}


def can_record(user: Any, local_government: LocalGovernment, area_code: str = "") -> bool:
    """Holds EDIT_LOCAL_PLAN on `local_government` itself (its planner), or on an area role
    covering `area_code` (the system administrator); another local government's planner,
    whose coverage may reach the same villages, may not. `user=None`: a system process."""
    if user is None:
        return True
    code = area_code or local_government.seat_id
    for grant in access.access_for(user).grants:
        if Capability.EDIT_LOCAL_PLAN not in CAPABILITIES[grant.role]:
            continue
        if grant.local_government == local_government.code:
            return True
        if grant.local_government is None and grant.covers(code):
            return True
    return False


def _denied(th: str, en: str) -> PermissionDenied:
    return PermissionDenied(f"{th} / {en}")


def plan_years_clean(text: str) -> str:
    """ "2571–2575" (or one year "2571") from what the planner typed, in the B.E.; Thai
    digits and any dash are accepted. Raises ValidationError saying what is wrong."""
    value = " ".join(to_arabic_digits(str(text)).split())
    match = _YEARS.match(value)
    if not match:
        raise ValidationError(
            "ระบุปีของแผนพัฒนาท้องถิ่นเป็นปี พ.ศ. เช่น 2571–2575 / "
            "give the local plan's fiscal years in the B.E., e.g. 2571–2575"
        )
    first = int(match.group(1))
    last = int(match.group(2) or first)
    for year in (first, last):
        if not _MIN_BE <= year <= _MAX_BE:
            if _MIN_BE - BE_OFFSET <= year <= _MAX_BE - BE_OFFSET:
                raise ValidationError(
                    f"{year} เป็นปี ค.ศ. ให้ใช้ปี พ.ศ. ({year + BE_OFFSET}) / "
                    f"{year} is a C.E. year: use the B.E. ({year + BE_OFFSET})"
                )
            raise ValidationError(
                f"ปี {year} ไม่ใช่ปีงบประมาณ พ.ศ. ที่ใช้ได้ / {year} is not a usable B.E. fiscal year"
            )
    if last < first:
        raise ValidationError(
            f"ปีสิ้นสุด ({last}) อยู่ก่อนปีเริ่มต้น ({first}) / the last year ({last}) comes before "
            f"the first ({first})"
        )
    if last - first + 1 > LOCAL_PLAN_YEARS:
        raise ValidationError(
            f"แผนพัฒนาท้องถิ่นครอบคลุมไม่เกิน {LOCAL_PLAN_YEARS} ปี ({first}–{last} คือ "
            f"{last - first + 1} ปี) / a local development plan covers at most "
            f"{LOCAL_PLAN_YEARS} years ({first}–{last} is {last - first + 1})"
        )
    return f"{first}–{last}" if last != first else str(first)


def _text(value: str) -> str:
    return " ".join(str(value or "").split())


@transaction.atomic
def adoption_record(
    *,
    user: Any,
    item: PlanItem,
    local_government: LocalGovernment,
    status: str,
    plan_years: str = "",
    form: str = "",
    project_number: str = "",
    forwarded_to: str = "",
    reason: str = "",
) -> Adoption:
    """Record (or change) what `local_government` did with the tambon item `item`."""
    item = PlanItem.objects.select_related("version__plan", "lineage").get(pk=item.pk)
    plan = item.version.plan
    if plan.level != PlanLevel.TAMBON:
        raise ValidationError(
            "บันทึกได้เฉพาะโครงการในแผนชุมชนระดับตำบล / only items of a tambon community plan"
        )
    if not can_record(user, local_government, plan.area_id):
        raise _denied(
            f"เฉพาะผู้จัดทำแผนของ {local_government.name_th} บันทึกผลการพิจารณาได้",
            "only this local government's planner records its decisions",
        )
    if not is_handed(item, local_government):
        raise _denied(
            f"โครงการนี้ไม่ได้ส่งถึง {local_government.name_th} (ไม่เกี่ยวกับหมู่บ้านในเขต)",
            "this item is not handed to this local government (none of its villages is covered)",
        )
    if item.status == ItemStatus.DROPPED:
        raise ValidationError(
            "ศอช.ต. ไม่ได้นำโครงการนี้เข้าแผนตำบล จึงไม่ต้องพิจารณา / the tambon dropped this item"
        )
    if status not in AdoptionStatus.values:
        raise ValidationError(
            {"status": "เลือกผลการพิจารณา: บรรจุในแผน ส่งต่อ หรือไม่บรรจุ / choose a decision"}
        )
    values = {
        "plan_years": _text(plan_years),
        "form": _text(form),
        "project_number": _text(project_number),
        "forwarded_to": _text(forwarded_to),
        "reason": str(reason or "").strip(),
    }
    errors: dict[str, str] = {}
    if status == AdoptionStatus.ADOPTED:
        if not values["plan_years"]:
            errors["plan_years"] = (
                "ระบุปีของแผนพัฒนาท้องถิ่นที่บรรจุ เช่น 2571–2575 / give the local plan's years"
            )
        else:
            try:
                values["plan_years"] = plan_years_clean(values["plan_years"])
            except ValidationError as exc:
                errors["plan_years"] = exc.messages[0]
        if not values["form"]:
            errors["form"] = "ระบุแบบที่บรรจุ เช่น ผ.02 / give the form, e.g. ผ.02"
        if not values["project_number"]:
            errors["project_number"] = (
                "ระบุลำดับโครงการในแผนพัฒนาท้องถิ่น / give the project's number in the local plan"
            )
    elif status == AdoptionStatus.FORWARDED:
        if not values["forwarded_to"]:
            errors["forwarded_to"] = (
                "ระบุหน่วยงานที่ส่งต่อ เช่น อบจ.ลำปาง / say which body it was forwarded to"
            )
    elif not values["reason"]:
        errors["reason"] = "ระบุเหตุผลที่ไม่บรรจุในแผน / give the reason it is not adopted"
    for name, limit in _LIMITS.items():
        if name not in errors and len(values[name]) > limit:
            errors[name] = f"ยาวเกิน {limit} ตัวอักษร / longer than {limit} characters"
    if errors:
        raise ValidationError(errors)
    refuse_citizen_ids(values)

    # Only what applies to the decision is kept: a changed decision leaves no stale fields.
    if status != AdoptionStatus.ADOPTED:
        values["plan_years"] = values["form"] = values["project_number"] = ""
    if status != AdoptionStatus.FORWARDED:
        values["forwarded_to"] = ""
    adoption = (
        Adoption.objects.select_for_update()
        .filter(lineage=item.lineage, local_government=local_government)
        .first()
    ) or Adoption(lineage=item.lineage, local_government=local_government)
    adoption.status = status
    for name, value in values.items():
        setattr(adoption, name, value)
    adoption.recorded_by = user
    adoption._history_user = user  # type: ignore[attr-defined]
    adoption.save()
    return adoption
