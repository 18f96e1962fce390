"""Plans of every level and the planning bodies' working groups."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from planlink.accounts import plan_access
from planlink.areas.models import Area, AreaLevel
from planlink.plans.freetext import refuse_citizen_ids
from planlink.plans.locking import claim
from planlink.plans.models import (
    Plan,
    PlanLevel,
    PlanVersion,
    VersionKind,
    WorkingGroup,
    WorkingGroupKind,
    WorkingGroupMember,
)
from planlink.plans.services.common import (
    DEFAULT_GROUPS,
    _audit,
)

# --- Plans and versions -----------------------------------------------------------------------


LEVEL_TITLES = {
    PlanLevel.VILLAGE: "แผนพัฒนาหมู่บ้าน",
    PlanLevel.TAMBON: "แผนชุมชนระดับตำบล",
    PlanLevel.DISTRICT: "แผนพัฒนาอำเภอ",
}
_TAKEN = "พื้นที่นี้มีแผนระดับนี้ของช่วงปีนี้แล้ว / the area already has this plan for these years"


def plan_check(
    *, user: Any, area: Area, level: str, fiscal_years: Sequence[int], title: str = ""
) -> None:
    """Raise (PermissionDenied, or ValidationError saying what is wrong) unless `user` may
    create a `level` plan of `area` for `fiscal_years` (consecutive B.E. years)."""
    plan_access.require_create(user, level, area.code)
    wanted_level = plan_access.AREA_LEVEL.get(level)
    if wanted_level is None:
        raise ValidationError(
            "แผนระดับนี้นำเข้าจากระบบอื่น ไม่ได้จัดทำในระบบนี้ / plans of this level are imported, "
            "not created here"
        )
    if area.level != wanted_level:
        raise ValidationError(
            f"{LEVEL_TITLES[PlanLevel(level)]}ต้องเป็นของ{AreaLevel(wanted_level).label}"
            f" / a {level} plan belongs to a {AreaLevel(wanted_level).name.lower()}"
        )
    years = list(fiscal_years)
    if not years:
        raise ValidationError("ปีสุดท้ายต้องไม่ก่อนปีแรก / the last year cannot precede the first")
    if years != list(range(years[0], years[0] + len(years))):
        raise ValidationError("ปีงบประมาณต้องต่อเนื่องกัน / the fiscal years must be consecutive")
    if not all(2400 <= y <= 2700 for y in years):
        raise ValidationError("ปีงบประมาณเป็นปี พ.ศ. / fiscal years are Buddhist-Era years")
    refuse_citizen_ids({"title": title})
    if Plan.objects.filter(area=area, level=level, first_year=years[0]).exists():
        raise ValidationError(_TAKEN)


@transaction.atomic
def plan_create(
    *,
    user: Any,
    area: Area,
    level: str,
    fiscal_years: Sequence[int],
    title: str = "",
    demo: bool = False,
) -> Plan:
    """A plan of `level` (village, tambon or district) for `area` over `fiscal_years`, with
    its original version as a draft (and, for a village, the committee's working groups)."""
    plan_check(user=user, area=area, level=level, fiscal_years=fiscal_years, title=title)
    years = list(fiscal_years)
    plan = Plan(
        area=area,
        level=level,
        first_year=years[0],
        last_year=years[-1],
        title=title.strip()
        or f"{LEVEL_TITLES[PlanLevel(level)]} {area.display_name} ปี {years[0]}–{years[-1]}",
        is_demo=demo,
    )
    _audit(plan, user)
    try:
        with transaction.atomic():
            plan.save()
    except IntegrityError as exc:  # another session created it a moment ago
        raise ValidationError(_TAKEN) from exc
    version = PlanVersion(plan=plan, number=0, kind=VersionKind.ORIGINAL)
    _audit(version, user)
    version.save()
    if level == PlanLevel.VILLAGE:
        working_groups_ensure(user=user, area=area, demo=demo)
    return plan


def working_groups_ensure(*, user: Any, area: Area, demo: bool = False) -> list[WorkingGroup]:
    """The village committee's standard working groups (seed item 2), created once."""
    existing = {g.kind for g in WorkingGroup.objects.filter(area=area)}
    for kind, name in DEFAULT_GROUPS:
        if kind not in existing:
            group = WorkingGroup(area=area, kind=kind, name=name, is_demo=demo)
            _audit(group, user)
            group.save()
    return list(WorkingGroup.objects.filter(area=area))


_GROUP_NAME_TAKEN = (
    "หมู่บ้านนี้มีคณะทำงานชื่อนี้อยู่แล้ว ให้ใช้ชื่ออื่น / the village already has a working group of this name"
)


def _require_groups(user: Any, area: Area) -> None:
    """Working groups are the planning body's: the editor of the area's plans."""
    level = {AreaLevel.VILLAGE: PlanLevel.VILLAGE, AreaLevel.TAMBON: PlanLevel.TAMBON}.get(
        AreaLevel(area.level)
    )
    if level is None or not plan_access.can_create(user, level, area.code):
        raise PermissionDenied("คุณไม่มีสิทธิ์แก้ไขคณะทำงานนี้ / you may not edit these working groups")


def working_group_save(
    *,
    user: Any,
    area: Area,
    name: str,
    kind: str = WorkingGroupKind.CUSTOM,
    members: Sequence[tuple[str, str]] = (),
    group: WorkingGroup | None = None,
    row_version: int | None = None,
) -> WorkingGroup:
    """Create or rename a working group and set its members (name, role).

    Editing `group`: `row_version` is the version the form was loaded from (default: the one
    `group` was read with); a stale one raises EditConflict and changes nothing."""
    if group is not None and group.area_id != area.code:
        raise ValidationError("คณะทำงานนี้เป็นของพื้นที่อื่น / the group belongs to another area")
    _require_groups(user, area)
    refuse_citizen_ids({"name": name, "people": members})
    try:
        with transaction.atomic():
            if group is None:
                group = WorkingGroup(area=area, kind=kind)
            else:
                loaded = group.row_version if row_version is None else row_version
                group = claim(WorkingGroup, group.pk, loaded)
            group.name = name.strip()
            _audit(group, user)
            group.save()
            group.members.all().delete()
            WorkingGroupMember.objects.bulk_create(
                WorkingGroupMember(group=group, name=n.strip(), role=r.strip())
                for n, r in members
                if n.strip()
            )
    except IntegrityError as exc:  # the unique name, perhaps taken a moment ago
        raise ValidationError({"name": _GROUP_NAME_TAKEN}) from exc
    return group
