"""Aligning plan items with the strategy frameworks: the engine's suggestions kept as
`ItemAlignment` rows (suggested), and a person's word on them (confirmed, rejected) or a node
they pick themselves. A rejected node is never suggested again for the item; a confirmed one
is never touched by a new suggestion round.

Who: the editor of the plan's draft (`plan_access.require_edit`); `user=None` is a system
process (the demo, the refresh when a page opens)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from planlink.accounts import plan_access
from planlink.frameworks import selectors as framework_selectors
from planlink.frameworks.models import FrameworkNode
from planlink.integration.engine import alignment as engine
from planlink.integration.models import TambonItem
from planlink.plans.models import (
    AlignmentStatus,
    ItemAlignment,
    ItemLink,
    LinkKind,
    PlanItem,
    PlanVersion,
)
from planlink.plans.services.common import _audit


def _require(user: Any, version: PlanVersion) -> None:
    if user is not None:
        plan_access.require_edit(user, version)
    if not version.is_editable:
        raise ValidationError(
            "แผนฉบับนี้อนุมัติแล้ว แก้ไขได้โดยจัดทำฉบับเพิ่มเติม/แก้ไข / the plan is approved: "
            "start a revision to change it"
        )


def issue_nodes(items: Sequence[PlanItem]) -> dict[UUID, int]:
    """Item lineage → the provincial node its province issue serves: the item's own tambon
    issue, or that of the tambon item it was selected from (two queries)."""
    lineages = [i.lineage_id for i in items]
    sources: dict[UUID, UUID] = {}
    for target, source in ItemLink.objects.filter(
        target_id__in=lineages, kind=LinkKind.SELECTED_FOR
    ).values_list("target_id", "source_id"):
        sources.setdefault(target, source)
    wanted = set(lineages) | set(sources.values())
    nodes = {
        lineage: node
        for lineage, node in TambonItem.objects.filter(
            lineage_id__in=wanted, issue__node__isnull=False
        ).values_list("lineage_id", "issue__node_id")
    }
    found = {}
    for lineage in lineages:
        node = nodes.get(lineage) or nodes.get(sources.get(lineage))  # type: ignore[arg-type]
        if node:
            found[lineage] = node
    return found


def engine_nodes(area_code: str, year: int) -> list[engine.Node]:
    return [
        engine.Node(
            id=n.pk,
            framework=n.framework_id,
            kind=n.framework.kind,
            code=n.code,
            title=n.title,
            keywords=tuple(n.keyword_list()),
        )
        for n in framework_selectors.nodes_for(area_code=area_code, fiscal_year=year)
    ]


@transaction.atomic
def alignments_refresh(*, user: Any, version: PlanVersion) -> int:
    """Suggest nodes for every item of the version; the number of suggestions written.
    Suggestions no longer made are dropped; confirmed and rejected rows stay as decided."""
    _require(user, version)
    plan = version.plan
    nodes = engine_nodes(plan.area_id, plan.first_year)
    if not nodes:
        return 0
    items = list(version.items.prefetch_related("problems"))
    issues = issue_nodes(items)
    existing: dict[UUID, dict[int, ItemAlignment]] = defaultdict(dict)
    for row in ItemAlignment.objects.filter(
        lineage_id__in=[i.lineage_id for i in items]
    ).select_related("node"):
        existing[row.lineage_id][row.node_id] = row
    written = 0
    stale: list[int] = []
    demo = plan.is_demo
    for item in items:
        mine = existing[item.lineage_id]
        rejected = [n for n, r in mine.items() if r.status == AlignmentStatus.REJECTED]
        decided_frameworks = {
            r.node.framework_id for r in mine.values() if r.status == AlignmentStatus.CONFIRMED
        }
        found = engine.suggest(
            engine.Item(
                title=item.title,
                issue_node=issues.get(item.lineage_id),
                problems=tuple(p.title for p in item.problems.all()),
            ),
            nodes,
            rejected=rejected,
        )
        wanted = {s.node for s in found if s.framework not in decided_frameworks}
        for row in mine.values():
            if row.status == AlignmentStatus.SUGGESTED and row.node_id not in wanted:
                stale.append(row.pk)
        for s in found:
            if s.framework in decided_frameworks:
                continue
            found_row = mine.get(s.node)
            if found_row is None:
                ItemAlignment.objects.create(
                    lineage_id=item.lineage_id, node_id=s.node, score=s.score, reason=s.reason,
                    is_demo=demo,
                )  # fmt: skip
                written += 1
            elif found_row.status == AlignmentStatus.SUGGESTED and (
                found_row.score,
                found_row.reason,
            ) != (s.score, s.reason):
                found_row.score, found_row.reason = s.score, s.reason
                found_row.save(update_fields=["score", "reason", "updated_at"])
    if stale:
        ItemAlignment.objects.filter(pk__in=stale).delete()
    return written


def _decide(user: Any, row: ItemAlignment, status: str, reason: str = "") -> ItemAlignment:
    row.status = status
    row.decided_by = user
    row.decided_at = timezone.now()
    if reason:
        row.reason = reason[:400]
    _audit(row, user, status)
    row.save()
    return row


def _version_of(row: ItemAlignment) -> PlanVersion:
    item = (
        PlanItem.objects.filter(lineage_id=row.lineage_id)
        .select_related("version__plan")
        .order_by("-version__number")
        .first()
    )
    if item is None:
        raise ValidationError("ไม่พบโครงการนี้แล้ว / the item is gone")
    return item.version


@transaction.atomic
def alignment_decide(*, user: Any, alignment: ItemAlignment, confirm: bool) -> ItemAlignment:
    """Confirm a suggestion (the item serves the node) or reject it (never suggested again).
    Confirming a node of a framework sets aside the other suggestions of that framework."""
    _require(user, _version_of(alignment))
    row = _decide(
        user, alignment, AlignmentStatus.CONFIRMED if confirm else AlignmentStatus.REJECTED
    )
    if confirm:
        ItemAlignment.objects.filter(
            lineage_id=row.lineage_id,
            status=AlignmentStatus.SUGGESTED,
            node__framework_id=row.node.framework_id,
        ).exclude(pk=row.pk).delete()
    return row


@transaction.atomic
def alignment_add(*, user: Any, item: PlanItem, node: FrameworkNode) -> ItemAlignment:
    """A person aligns the item with a node of their choosing (confirmed at once)."""
    _require(user, item.version)
    allowed = {n.id for n in engine_nodes(item.version.plan.area_id, item.version.plan.first_year)}
    if node.pk not in allowed:
        raise ValidationError(
            "ยุทธศาสตร์นี้ไม่ได้ใช้กับพื้นที่และปีของแผนนี้ / this strategy does not apply to the "
            "plan's area and years"
        )
    row, _created = ItemAlignment.objects.get_or_create(
        lineage_id=item.lineage_id, node=node, defaults={"is_demo": item.version.plan.is_demo}
    )
    ItemAlignment.objects.filter(
        lineage_id=item.lineage_id,
        status=AlignmentStatus.SUGGESTED,
        node__framework_id=node.framework_id,
    ).exclude(pk=row.pk).delete()
    return _decide(user, row, AlignmentStatus.CONFIRMED, "เลือกโดยผู้จัดทำแผน")


@transaction.atomic
def alignments_confirm_all(*, user: Any, version: PlanVersion, item: PlanItem | None = None) -> int:
    """Confirm every suggestion still open on the version's items, or on one `item` of it
    (after reading them)."""
    _require(user, version)
    if item is not None and item.version_id != version.pk:
        raise ValidationError("รายการนี้ไม่ได้อยู่ในแผนฉบับนี้ / the item is not in this version")
    items = version.items.all() if item is None else version.items.filter(pk=item.pk)
    rows = list(
        ItemAlignment.objects.filter(
            lineage_id__in=items.values_list("lineage_id", flat=True),
            status=AlignmentStatus.SUGGESTED,
        )
    )
    for row in rows:
        _decide(user, row, AlignmentStatus.CONFIRMED)
    return len(rows)
