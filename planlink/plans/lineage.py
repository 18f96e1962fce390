"""Item lineage: links between items of different plans, and the walks along them.

An item's lineage is its identity across its plan's revisions (models.ItemLineage). A link
joins two lineages: a village need consolidated into a tambon item, a tambon item selected
for the District Development Plan, adopted by a local government's plan, a duplicate of a
project proposed to another budget source. Links are made and removed here (who may: see
accounts.plan_access.LINKS), each with who, when and why, in the audit trail.

`lineage_up` answers "where did this item go?" and `lineage_down` "what is behind this item?",
each in a bounded number of queries (one per level walked, plus two), showing only the plans
the user may see.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q

from planlink.accounts import plan_access
from planlink.core import audit
from planlink.plans.freetext import refuse_citizen_ids
from planlink.plans.models import ItemLineage, ItemLink, LinkKind, PlanItem

MAX_DEPTH = 8  # links walked from one item; the guideline's chain is four levels deep


def link_check(*, user: Any, source: PlanItem, target: PlanItem, kind: LinkKind) -> None:
    """Raise (PermissionDenied, or ValidationError naming what is wrong) unless `user` may
    link `source` into `target` as `kind`."""
    plan_access.require_link(user, kind, source, target)
    problems = plan_access.link_problems(kind, source.version.plan, target.version.plan)
    if problems:
        raise ValidationError("เชื่อมโยงรายการนี้ไม่ได้ / cannot link: " + "; ".join(problems))


@transaction.atomic
def item_link(
    *,
    user: Any,
    source: PlanItem,
    target: PlanItem,
    kind: LinkKind,
    reason: str = "",
    demo: bool = False,
) -> ItemLink:
    """Link `source` (the item that went up) to `target` (the item it went into)."""
    link_check(user=user, source=source, target=target, kind=kind)
    refuse_citizen_ids({"reason": reason})
    link = ItemLink(
        source_id=source.lineage_id,
        target_id=target.lineage_id,
        kind=kind,
        reason=reason.strip(),
        created_by=user,
        is_demo=demo,
    )
    link._history_user = user  # type: ignore[attr-defined]
    try:
        with transaction.atomic():
            link.save()
    except IntegrityError as exc:
        raise ValidationError("รายการนี้เชื่อมโยงไว้แล้ว / these items are already linked") from exc
    return link


@transaction.atomic
def item_unlink(*, user: Any, link: ItemLink, reason: str = "") -> None:
    """Remove a link (kept in the audit trail with who removed it and why)."""
    source = _latest_items([link.source_id])[link.source_id]
    target = _latest_items([link.target_id])[link.target_id]
    plan_access.require_link(user, link.kind, source, target)
    refuse_citizen_ids({"reason": reason})
    link._history_user = user  # type: ignore[attr-defined]
    if reason:
        link._change_reason = audit.change_reason(reason)  # type: ignore[attr-defined]
    link.delete()


# --- Walking the links -----------------------------------------------------------------------


@dataclass
class Step:
    """One link of a walk, with the item at its far end (its latest copy)."""

    link: ItemLink
    item: PlanItem
    depth: int  # 1: linked to the item the walk started from


@dataclass
class Walk:
    start: PlanItem
    steps: list[Step] = field(default_factory=list)
    hidden: int = 0  # links to plans the user may not see (counted, not shown)

    @property
    def items(self) -> list[PlanItem]:
        return [s.item for s in self.steps]


def lineage_up(*, user: Any, item: PlanItem) -> Walk:
    """Every place `item` went: the links from its lineage upward, and on from there; the
    plans of areas holding the user's own are shown too (where their need went)."""
    return _walk(user, item, up=True)


def lineage_down(*, user: Any, item: PlanItem) -> Walk:
    """Every item behind `item`: the links into its lineage, and on down from there."""
    return _walk(user, item, up=False)


def _walk(user: Any, item: PlanItem, *, up: bool) -> Walk:
    near, far = ("source_id", "target_id") if up else ("target_id", "source_id")
    seen: set[UUID] = {item.lineage_id}
    frontier = [item.lineage_id]
    found: list[tuple[ItemLink, UUID, int]] = []
    for depth in range(1, MAX_DEPTH + 1):
        if not frontier:
            break
        links = list(
            ItemLink.objects.filter(**{f"{near}__in": frontier})
            .select_related("created_by")
            .order_by("created_at", "pk")
        )
        frontier = []
        for link in links:
            other = getattr(link, far)
            found.append((link, other, depth))
            if other not in seen:
                seen.add(other)
                frontier.append(other)
    latest = _latest_items({other for _link, other, _depth in found})
    visible = plan_access.visible_plan_areas(
        user, {i.version.plan.area_id for i in latest.values()}, above=up
    )
    walk = Walk(start=item)
    for link, other, depth in found:
        far_item = latest.get(other)
        if far_item is None or far_item.version.plan.area_id not in visible:
            walk.hidden += 1
            continue
        walk.steps.append(Step(link=link, item=far_item, depth=depth))
    return walk


def _latest_items(lineages: Iterable[UUID]) -> dict[UUID, PlanItem]:
    """Each lineage's copy in its plan's latest version (one query)."""
    wanted = list(lineages)
    if not wanted:
        return {}
    rows = (
        PlanItem.objects.filter(lineage_id__in=wanted)
        .select_related("version__plan__area", "category")
        .order_by("lineage_id", "-version__number")
    )
    latest: dict[UUID, PlanItem] = {}
    for row in rows:
        latest.setdefault(row.lineage_id, row)
    return latest


def links_of(items: Iterable[PlanItem]) -> dict[int, dict[str, list[ItemLink]]]:
    """Item pk → {"up": links from it, "down": links into it}, in one query (for pages that
    mark which items went up or came from below)."""
    by_lineage: dict[UUID, list[int]] = defaultdict(list)
    for item in items:
        by_lineage[item.lineage_id].append(item.pk)
    result: dict[int, dict[str, list[ItemLink]]] = {
        pk: {"up": [], "down": []} for pks in by_lineage.values() for pk in pks
    }
    if not by_lineage:
        return result
    keys = list(by_lineage)
    for link in ItemLink.objects.filter(Q(source_id__in=keys) | Q(target_id__in=keys)):
        for pk in by_lineage.get(link.source_id, ()):
            result[pk]["up"].append(link)
        for pk in by_lineage.get(link.target_id, ()):
            result[pk]["down"].append(link)
    return result


def new_lineage(plan_id: int) -> ItemLineage:
    """An unsaved lineage for a new item of the plan (saved by the service creating it)."""
    return ItemLineage(plan_id=plan_id)
