"""A draft's items: create, edit, reorder, remove; an item's status while carried out."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from planlink.accounts import plan_access
from planlink.plans.freetext import refuse_citizen_ids
from planlink.plans.locking import claim, lock_version
from planlink.plans.models import (
    ItemLineage,
    ItemStatus,
    PlanItem,
    PlanItemBudget,
    PlanItemProblem,
    PlanVersion,
    WorkingGroup,
)
from planlink.plans.services.common import (
    _audit,
    _require_draft,
    items_changed,
)

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


# The free-text fields of an item (the form, the Excel round trip and the citizen-ID check).
ITEM_TEXT_FIELDS = (
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
            **{name: getattr(data, name) for name in ITEM_TEXT_FIELDS},
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
    items_changed(version)
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
    items_changed(version)
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
    items_changed(version)
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
    items_changed(item.version)
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
    items_changed(version)


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
