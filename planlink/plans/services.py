"""Writes of plans: create, edit items, reorder, move through the workflow, revise, report
progress. Each takes the acting user (recorded in the audit trail) and refuses one who may
not act (accounts.plan_access: PermissionDenied, nothing changed); `user=None` is a system
process (a command, the demo).

Edits of a record take the `row_version` the form was loaded with and refuse a stale one with
`EditConflict` (see plans.locking); writes that depend on the order of a version's items lock
the version first. Free text never holds a citizen ID (plans.freetext)."""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils import timezone

from planlink.accounts import plan_access
from planlink.areas.models import Area, AreaLevel
from planlink.plans.engine.rules import ItemFacts, SelfReliance, check_transition, self_reliance
from planlink.plans.freetext import refuse_citizen_ids
from planlink.plans.locking import EditConflict, claim, lock_row, lock_version
from planlink.plans.models import (
    Evaluation,
    Facilitator,
    ItemLineage,
    ItemStatus,
    MonitoringMember,
    Plan,
    PlanItem,
    PlanItemBudget,
    PlanItemProblem,
    PlanLevel,
    PlanSettings,
    PlanVersion,
    ProgressReport,
    ReportPhoto,
    VersionKind,
    VersionStatus,
    WorkingGroup,
    WorkingGroupKind,
    WorkingGroupMember,
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
        obj._change_reason = reason


def _require_draft(version: PlanVersion) -> None:
    if not version.is_editable:
        raise PlanLocked(
            "แผนฉบับนี้ผ่านการทบทวนหรืออนุมัติแล้ว แก้ไขได้โดยจัดทำแผนเพิ่มเติม/แก้ไข / "
            "this version is no longer a draft: change it through a revision"
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
            f" / a {level} plan belongs to a {AreaLevel(wanted_level).label}"
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


def reliance_of(version: PlanVersion) -> SelfReliance:
    items = version.items.prefetch_related("budgets")
    facts = [ItemFacts(mode=i.mode, status=i.status, budget=i.total_budget) for i in items]
    return self_reliance(facts, PlanSettings.current().self_reliance_threshold)


class StatusMoved(EditConflict):
    """The version is no longer in the status (or at the edit) the page showed."""


@transaction.atomic
def version_transition(
    *,
    user: Any,
    version: PlanVersion,
    target: str,
    override_reason: str = "",
    note: str = "",
    assembly_date: date | None = None,
    attendance: int | None = None,
    households: int | None = None,
    facilitators: Sequence[tuple[str, str, bool]] | None = None,
    from_status: str | None = None,
    row_version: int | None = None,
) -> PlanVersion:
    """Move a version one step of its level's workflow (village: draft → reviewed → approved
    → published, or a reviewed one back to draft), if `user` may take that step
    (accounts.plan_access; PermissionDenied otherwise, nothing changed).

    `from_status` and `row_version` are what the page showed (default: those of `version` as
    read); if another session moved or changed the version since, StatusMoved is raised and
    nothing changes — of two officers reviewing at once, one succeeds. `facilitators`, when
    given, replace the version's facilitators in the same transaction. On success `version`
    itself is refreshed."""
    refuse_citizen_ids(
        {
            "note": note,
            "override_reason": override_reason,
            "facilitators": [(n, o) for n, o, _t in facilitators or ()],
        }
    )
    expected_status = from_status or version.status
    loaded = version.row_version if row_version is None else row_version
    moved = PlanVersion.objects.filter(
        pk=version.pk, status=expected_status, row_version=loaded
    ).update(row_version=F("row_version") + 1)
    if not moved:
        current = PlanVersion.objects.filter(pk=version.pk).first()
        raise StatusMoved(
            current,
            f"แผนฉบับนี้ถูกเปลี่ยนไปแล้วหลังจากที่คุณเปิดหน้านี้ (สถานะตอนนี้: "
            f"{current.get_status_display() if current else '—'}) จึงยังไม่ได้ดำเนินการ / "
            "the plan changed after you opened this page, so nothing was done",
        )
    fresh = PlanVersion.objects.select_related("plan__area").get(pk=version.pk)
    # As the page showed it (the update above matched that status): is it a step, and theirs?
    if plan_access.step_capability(fresh.plan.level, fresh.status, target) is None:
        raise ValidationError(f"{fresh.status} → {target} is not a step of the workflow")
    plan_access.require_step(user, fresh, target)
    reliance = reliance_of(fresh)
    caller, version = version, fresh
    if target == VersionStatus.APPROVED:
        if assembly_date is None or attendance is None:
            raise ValidationError(
                "ต้องบันทึกวันประชุมประชาคมและจำนวนผู้เข้าร่วม / "
                "the village assembly's date and attendance are required"
            )
        if assembly_date > timezone.localdate():
            raise ValidationError(
                "วันประชุมประชาคมต้องไม่เป็นวันในอนาคต / the assembly date is in the future"
            )
        version.assembly_date, version.assembly_attendance = assembly_date, attendance
        version.assembly_households = households
    check = check_transition(
        current=version.status,
        target=target,
        reliance=reliance,
        override_reason=override_reason or version.self_reliance_override,
        assembly_recorded=version.assembly_date is not None
        and version.assembly_attendance is not None,
    )
    if not check.allowed:
        raise ValidationError("; ".join(check.problems))
    if target == VersionStatus.REVIEWED:
        version.reviewed_by, version.reviewed_at = user, timezone.now()
        version.review_note = note
        if not reliance.meets:
            version.self_reliance_override = override_reason.strip()
    elif target == VersionStatus.DRAFT:
        version.review_note = note
    elif target == VersionStatus.PUBLISHED:
        version.published_at = timezone.now()
    version.status = target
    _audit(version, user, f"{check.allowed and target}")
    version.save()
    if facilitators is not None:
        _facilitators_replace(version, facilitators)
    caller.refresh_from_db()
    return version


@transaction.atomic
def revision_start(*, user: Any, plan: Plan, kind: str, reason: str) -> PlanVersion:
    """A new draft version copying the latest approved or published version's items."""
    if kind not in (VersionKind.ADDITION, VersionKind.AMENDMENT):
        raise ValidationError("kind must be addition or amendment")
    if not reason.strip():
        raise ValidationError("ต้องระบุเหตุผลของการเพิ่มเติม/แก้ไขแผน / a revision needs a reason")
    plan_access.require_revise(user, plan)
    refuse_citizen_ids({"reason": reason})
    lock_row(Plan, plan.pk)  # two revisions started at once: the second sees the first
    if plan.versions.filter(status=VersionStatus.DRAFT).exists():
        raise ValidationError("มีร่างแผนที่ยังไม่เสร็จอยู่แล้ว / a draft is already open")
    base = (
        plan.versions.filter(status__in=[VersionStatus.APPROVED, VersionStatus.PUBLISHED])
        .order_by("-number")
        .first()
    )
    if base is None:
        raise ValidationError(
            "แผนต้องได้รับอนุมัติก่อนจึงเพิ่มเติม/แก้ไขได้ / only an approved plan can be revised"
        )
    number = (plan.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    draft = PlanVersion(plan=plan, number=number, kind=kind, based_on=base, reason=reason.strip())
    _audit(draft, user)
    try:
        with transaction.atomic():
            draft.save()
    except IntegrityError as exc:  # one draft at a time: another session just started one
        raise ValidationError("มีร่างแผนที่ยังไม่เสร็จอยู่แล้ว / a draft is already open") from exc
    for item in base.items.prefetch_related("budgets", "problems", "villages", "monitors"):
        _copy_item(item, draft, user)
    return draft


def _copy_item(item: PlanItem, version: PlanVersion, user: Any) -> PlanItem:
    budgets = list(item.budgets.all())
    problems = list(item.problems.all())
    villages = list(item.villages.all())
    monitors = list(item.monitors.all())
    origin_pk = item.pk
    item.pk = None
    item.id = None
    item._state.adding = True
    item.version = version
    item.origin_id = origin_pk
    _audit(item, user, "copied into a revision")
    item.save()
    PlanItemBudget.objects.bulk_create(
        PlanItemBudget(item=item, fiscal_year=b.fiscal_year, amount=b.amount) for b in budgets
    )
    PlanItemProblem.objects.bulk_create(
        PlanItemProblem(
            item=item, key=p.key, title=p.title, survey_year=p.survey_year, share=p.share
        )
        for p in problems
    )
    MonitoringMember.objects.bulk_create(
        MonitoringMember(item=item, name=m.name, role=m.role) for m in monitors
    )
    item.villages.set(villages)
    return item


# --- Items -------------------------------------------------------------------------------------


@dataclass
class ItemData:
    """What an item is, as forms and the Excel import produce it."""

    title: str
    mode: str
    category_id: int
    description: str = ""
    objective: str = ""
    target: str = ""
    kpi: str = ""
    expected_result: str = ""
    funding_source: str = "community"
    funding_agency: str = ""
    working_group_id: int | None = None
    responsible_agency: str = ""
    status: str = ItemStatus.PROPOSED
    dropped_reason: str = ""
    contribution_cash: Decimal = Decimal("0")
    contribution_in_kind: str = ""
    contribution_in_kind_value: Decimal = Decimal("0")
    contribution_labour_days: Decimal = Decimal("0")
    start_date: date | None = None
    end_date: date | None = None
    budgets: dict[int, Decimal] = field(default_factory=dict)
    problems: list[tuple[str, str, int | None, Decimal | None]] = field(default_factory=list)


_TEXT_FIELDS = (
    "title",
    "description",
    "objective",
    "target",
    "kpi",
    "expected_result",
    "funding_agency",
    "responsible_agency",
    "dropped_reason",
    "contribution_in_kind",
)


def item_data_of(item: PlanItem) -> ItemData:
    """What the item is now, as a form or the import would give it (to compare with them)."""
    return ItemData(
        title=item.title,
        mode=item.mode,
        category_id=item.category_id,
        description=item.description,
        objective=item.objective,
        target=item.target,
        kpi=item.kpi,
        expected_result=item.expected_result,
        funding_source=item.funding_source,
        funding_agency=item.funding_agency,
        working_group_id=item.working_group_id,
        responsible_agency=item.responsible_agency,
        status=item.status,
        dropped_reason=item.dropped_reason,
        contribution_cash=item.contribution_cash,
        contribution_in_kind=item.contribution_in_kind,
        contribution_in_kind_value=item.contribution_in_kind_value,
        contribution_labour_days=item.contribution_labour_days,
        start_date=item.start_date,
        end_date=item.end_date,
        budgets={b.fiscal_year: b.amount for b in item.budgets.all()},
        problems=[
            (p.key, p.title, p.survey_year, p.share)
            for p in sorted(item.problems.all(), key=lambda p: p.pk)
        ],
    )


def _apply(item: PlanItem, data: ItemData) -> None:
    for name in (
        "title",
        "mode",
        "category_id",
        "description",
        "objective",
        "target",
        "kpi",
        "expected_result",
        "funding_source",
        "funding_agency",
        "working_group_id",
        "responsible_agency",
        "status",
        "dropped_reason",
        "contribution_cash",
        "contribution_in_kind",
        "contribution_in_kind_value",
        "contribution_labour_days",
        "start_date",
        "end_date",
    ):
        setattr(item, name, getattr(data, name))


def _check_item(version: PlanVersion, data: ItemData, groups: set[int] | None = None) -> None:
    """`groups`: the village's working-group ids, when the caller has them already."""
    refuse_citizen_ids(
        {
            **{name: getattr(data, name) for name in _TEXT_FIELDS},
            "problems": [title for _key, title, _year, _share in data.problems],
        }
    )
    years = set(version.plan.years)
    outside = sorted(set(data.budgets) - years)
    if outside:
        raise ValidationError(
            f"ปีงบประมาณ {outside} อยู่นอกช่วงแผน {version.plan.first_year}–"
            f"{version.plan.last_year} / budget years outside the plan"
        )
    if data.working_group_id and (
        data.working_group_id not in groups
        if groups is not None
        else not WorkingGroup.objects.filter(
            pk=data.working_group_id, area_id=version.plan.area_id
        ).exists()
    ):
        raise ValidationError("คณะทำงานไม่ใช่ของหมู่บ้านนี้ / the working group is not this village's")
    if data.status == ItemStatus.DROPPED and not data.dropped_reason.strip():
        raise ValidationError("ต้องระบุเหตุผลที่ยกเลิก / a dropped item needs a reason")
    if data.end_date and data.start_date and data.end_date < data.start_date:
        raise ValidationError("วันสิ้นสุดก่อนวันเริ่ม / the end is before the start")


def _save_children(item: PlanItem, data: ItemData, *, new: bool = False) -> None:
    if not new:  # a new item has nothing to replace yet
        item.budgets.all().delete()
        item.problems.all().delete()
    PlanItemBudget.objects.bulk_create(
        PlanItemBudget(item=item, fiscal_year=y, amount=a)
        for y, a in sorted(data.budgets.items())
        if a is not None
    )
    PlanItemProblem.objects.bulk_create(
        PlanItemProblem(item=item, key=k, title=t[:300], survey_year=y, share=s)
        for k, t, y, s in data.problems
    )


@transaction.atomic
def item_create(
    *,
    user: Any,
    version: PlanVersion,
    data: ItemData,
    priority: int | None = None,
    demo: bool = False,
) -> PlanItem:
    version = lock_version(version.pk)  # two items added at once get different priorities
    _require_draft(version)
    plan_access.require_edit(user, version)
    _check_item(version, data)
    if priority is None:
        priority = (version.items.aggregate(n=Max("priority"))["n"] or 0) + 1
    lineage = ItemLineage.objects.create(plan_id=version.plan_id)
    item = PlanItem(version=version, lineage=lineage, priority=priority, is_demo=demo)
    _apply(item, data)
    _audit(item, user)
    item.save()
    _save_children(item, data, new=True)
    item.villages.add(version.plan.area)
    return item


@transaction.atomic
def items_create(
    *, user: Any, version: PlanVersion, datas: Sequence[ItemData], demo: bool = False
) -> list[PlanItem]:
    """Add many items at once, after the last one, with the checks of `item_create`: a plan
    typed in at a meeting or generated for the demo costs a few queries, not a few per item."""
    version = lock_version(version.pk)
    _require_draft(version)
    plan_access.require_edit(user, version)
    groups = set(
        WorkingGroup.objects.filter(area_id=version.plan.area_id).values_list("pk", flat=True)
    )
    for data in datas:
        _check_item(version, data, groups)
    last = version.items.aggregate(n=Max("priority"))["n"] or 0
    lineages = ItemLineage.objects.bulk_create(
        ItemLineage(plan_id=version.plan_id) for _data in datas
    )
    items = []
    for offset, (data, lineage) in enumerate(zip(datas, lineages, strict=True), start=1):
        item = PlanItem(version=version, lineage=lineage, priority=last + offset, is_demo=demo)
        _apply(item, data)
        items.append(item)
    created = PlanItem.objects.bulk_create(items)
    from planlink.core import audit

    audit.record_bulk(PlanItem, created, user=user, update=False)
    PlanItemBudget.objects.bulk_create(
        PlanItemBudget(item=item, fiscal_year=y, amount=a)
        for item, data in zip(created, datas, strict=True)
        for y, a in sorted(data.budgets.items())
        if a is not None
    )
    PlanItemProblem.objects.bulk_create(
        PlanItemProblem(item=item, key=k, title=t[:300], survey_year=y, share=s)
        for item, data in zip(created, datas, strict=True)
        for k, t, y, s in data.problems
    )
    through = PlanItem.villages.through
    through.objects.bulk_create(
        through(planitem_id=item.pk, area_id=version.plan.area_id) for item in created
    )
    return created


@transaction.atomic
def item_update(
    *, user: Any, item: PlanItem, data: ItemData, row_version: int | None = None
) -> PlanItem:
    """Save the item form. `row_version` is the version the form was loaded from (default:
    the one `item` was read with); if another session saved the item since, EditConflict is
    raised (with the item as stored now) and nothing changes. `item` is refreshed."""
    version = lock_version(item.version_id)
    _require_draft(version)
    plan_access.require_edit(user, version)
    _check_item(version, data)
    loaded = item.row_version if row_version is None else row_version
    claim(PlanItem, item.pk, loaded)
    item.refresh_from_db()  # the priority may have moved since `item` was read
    _apply(item, data)
    _audit(item, user)
    item.save()
    _save_children(item, data)
    return item


@transaction.atomic
def item_status_set(
    *, user: Any, item: PlanItem, status: str, dropped_reason: str = ""
) -> PlanItem:
    """Carrying out an approved plan: an item's progress status changes without a revision."""
    plan_access.require_report_progress(user, item.version.plan)
    if status == ItemStatus.DROPPED and not dropped_reason.strip():
        raise ValidationError("ต้องระบุเหตุผลที่ยกเลิก / a dropped item needs a reason")
    refuse_citizen_ids({"dropped_reason": dropped_reason})
    item.row_version = claim(PlanItem, item.pk, None).row_version
    item.status, item.dropped_reason = status, dropped_reason.strip()
    _audit(item, user)
    item.save(update_fields=["status", "dropped_reason", "updated_at", "row_version"])
    return item


@transaction.atomic
def item_delete(*, user: Any, item: PlanItem, row_version: int | None = None) -> None:
    """Remove an item from a draft; a stale `row_version` (someone saved the item after the
    page was loaded) raises EditConflict, so nobody removes what they have not seen."""
    version = lock_version(item.version_id)
    _require_draft(version)
    plan_access.require_edit(user, version)
    claim(PlanItem, item.pk, item.row_version if row_version is None else row_version)
    _audit(item, user)
    lineage_id = item.lineage_id
    item.delete()
    # An item made in this draft and removed again leaves no identity behind (unless a link
    # was made to it meanwhile: the link keeps it, for the record).
    ItemLineage.objects.filter(pk=lineage_id, items__isnull=True).exclude(
        links_up__isnull=False
    ).exclude(links_down__isnull=False).delete()
    _renumber(version, list(version.items.order_by("priority", "id").values_list("pk", flat=True)))


@transaction.atomic
def items_reorder(*, user: Any, version: PlanVersion, ordered_ids: Sequence[int]) -> None:
    """Set priorities 1..n in the given order (the ids must be exactly the version's items)."""
    version = lock_version(version.pk)
    _require_draft(version)
    plan_access.require_edit(user, version)
    current = set(version.items.values_list("pk", flat=True))
    if set(ordered_ids) != current or len(ordered_ids) != len(current):
        raise ValidationError("ลำดับไม่ครบทุกโครงการ / the order must list every item once")
    _renumber(version, ordered_ids, user=user)


@transaction.atomic
def item_move(*, user: Any, item: PlanItem, step: int) -> None:
    """Move one item up (step −1) or down (+1) in priority, from the order as it is when the
    version is locked: moves made at the same time all apply, one after the other."""
    version = lock_version(item.version_id)
    _require_draft(version)
    plan_access.require_edit(user, version)
    ids = list(version.items.order_by("priority", "id").values_list("pk", flat=True))
    if item.pk not in ids:
        raise ValidationError("รายการนี้ถูกลบไปแล้ว / the item was removed")
    index = ids.index(item.pk)
    target = min(max(index + step, 0), len(ids) - 1)
    ids.insert(target, ids.pop(index))
    _renumber(version, ids, user=user)


def _renumber(version: PlanVersion, ordered_ids: Iterable[int], user: Any = None) -> None:
    items = {i.pk: i for i in version.items.all()}
    changed = []
    for priority, pk in enumerate(ordered_ids, start=1):
        item = items[pk]
        if item.priority != priority:
            item.priority = priority
            changed.append(item)
    PlanItem.objects.bulk_update(changed, ["priority"])
    if changed and user is not None:
        from planlink.core import audit

        audit.record_bulk(PlanItem, changed, user=user, update=True, reason="priority")


def facilitators_set(
    *, user: Any, version: PlanVersion, people: Sequence[tuple[str, str, bool]]
) -> None:
    """Replace the facilitators of a version (the web sets them with the review, through
    `version_transition(facilitators=...)`, checked against the version the page showed)."""
    plan_access.require_set_facilitators(user, version.plan)
    refuse_citizen_ids({"facilitators": [(n, o) for n, o, _t in people]})
    with transaction.atomic():
        version.row_version = claim(PlanVersion, version.pk, None).row_version
        _facilitators_replace(version, people)


def _facilitators_replace(version: PlanVersion, people: Sequence[tuple[str, str, bool]]) -> None:
    version.facilitators.all().delete()
    Facilitator.objects.bulk_create(
        Facilitator(version=version, name=n.strip(), organisation=o.strip(), trained=t)
        for n, o, t in people
        if n.strip()
    )


# --- Monitoring and evaluation ---------------------------------------------------------------


def monitors_set(
    *,
    user: Any,
    item: PlanItem,
    people: Sequence[tuple[str, str]],
    monitors_version: int | None = None,
) -> None:
    """Replace the item's monitoring team. `monitors_version` is the team's version the form
    was loaded from (None: whatever it is now); a stale one raises EditConflict."""
    plan_access.require_report_progress(user, item.version.plan)
    refuse_citizen_ids({"people": people})
    with transaction.atomic():
        item.monitors_version = claim(
            PlanItem, item.pk, monitors_version, counter="monitors_version"
        ).monitors_version
        item.monitors.all().delete()
        MonitoringMember.objects.bulk_create(
            MonitoringMember(item=item, name=n.strip(), role=r.strip())
            for n, r in people
            if n.strip()
        )


def _check_photo(photo: UploadedFile[Any], limit: int) -> str:
    if photo.size is None or photo.size > limit:
        raise ValidationError(
            f"รูปใหญ่เกิน {limit // (1024 * 1024)} MB / the photo is larger than "
            f"{limit // (1024 * 1024)} MB"
        )
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(photo) as image:
            image.verify()
            kind = Image.MIME.get(image.format or "", "")
    except (UnidentifiedImageError, OSError) as exc:
        raise ValidationError(
            "ไฟล์นี้ไม่ใช่รูปภาพ JPEG/PNG/WebP / not a JPEG, PNG or WebP photo"
        ) from exc
    photo.seek(0)
    if kind not in PHOTO_TYPES:
        raise ValidationError("รับเฉพาะรูป JPEG, PNG หรือ WebP / only JPEG, PNG or WebP photos")
    return PHOTO_TYPES[kind]


@transaction.atomic
def progress_report_add(
    *,
    user: Any,
    item: PlanItem,
    reported_on: date,
    percent_done: int,
    money_spent: Decimal = Decimal("0"),
    contribution_cash: Decimal = Decimal("0"),
    contribution_labour_days: Decimal = Decimal("0"),
    note: str = "",
    photos: Sequence[tuple[UploadedFile[Any], str]] = (),
) -> ProgressReport:
    plan_access.require_report_progress(user, item.version.plan)
    lock_row(PlanItem, item.pk)  # reports at the same time raise the item's status in turn
    if item.version.status not in (VersionStatus.APPROVED, VersionStatus.PUBLISHED):
        raise ValidationError(
            "รายงานความก้าวหน้าได้เมื่อแผนได้รับอนุมัติแล้ว / progress is reported on an approved plan"
        )
    if reported_on > timezone.localdate():
        raise ValidationError("วันที่รายงานเป็นวันในอนาคต / the report date is in the future")
    refuse_citizen_ids({"note": note, "caption": [caption for _photo, caption in photos]})
    limit = PlanSettings.current().photo_max_bytes
    checked = [(photo, caption, _check_photo(photo, limit)) for photo, caption in photos]
    report = ProgressReport(
        item=item,
        reported_on=reported_on,
        percent_done=percent_done,
        money_spent=money_spent,
        contribution_cash=contribution_cash,
        contribution_labour_days=contribution_labour_days,
        note=note,
        reported_by=user,
    )
    report.full_clean(exclude=["item", "reported_by"])
    _audit(report, user)
    report.save()
    for photo, caption, _suffix in checked:
        ReportPhoto.objects.create(
            report=report, token=secrets.token_hex(8), image=photo, caption=caption[:200]
        )
    if percent_done > 0 and item.status == ItemStatus.PROPOSED:
        item_status_set(user=user, item=item, status=ItemStatus.IN_PROGRESS)
    if percent_done == 100 and item.status != ItemStatus.DONE:
        item_status_set(user=user, item=item, status=ItemStatus.DONE)
    return report


@transaction.atomic
def evaluation_save(
    *,
    user: Any,
    item: PlanItem,
    evaluated_on: date,
    kpi_reached: bool,
    satisfaction: int,
    lessons: str = "",
    row_version: int | None = None,
) -> Evaluation:
    """Record or correct the item's evaluation. `row_version` is the evaluation's version the
    form was loaded from, 0 if there was none yet (None: save over whatever is there); a
    stale one raises EditConflict (with the evaluation as stored now) and nothing changes."""
    plan_access.require_report_progress(user, item.version.plan)
    refuse_citizen_ids({"lessons": lessons})
    lock_row(PlanItem, item.pk)  # two first evaluations of the item come one after the other
    existing = Evaluation.objects.filter(item=item).first()
    if existing is None:
        if row_version:  # the form showed an evaluation that is gone now
            raise EditConflict(None)
        evaluation = Evaluation(item=item)
    elif row_version == 0:  # someone evaluated it after the form was loaded empty
        raise EditConflict(existing)
    else:
        evaluation = claim(Evaluation, existing.pk, row_version)
    evaluation.evaluated_on, evaluation.kpi_reached = evaluated_on, kpi_reached
    evaluation.satisfaction, evaluation.lessons = satisfaction, lessons
    evaluation.full_clean(exclude=["item"])
    _audit(evaluation, user)
    try:
        with transaction.atomic():
            evaluation.save()
    except IntegrityError as exc:  # two first evaluations at once: one item, one evaluation
        raise EditConflict(Evaluation.objects.filter(item=item).first()) from exc
    return evaluation
