"""The lineage of one item as a person reads it: from a district item down to the tambon items
and village needs behind it (with the forum's rank, the selection's reason, the duplicate
decisions and the evidence of the problems it addresses), and from a village need up to every
place it went (the tambon item, selected or not and why, adopted by a local government, the
district plan and its approval, the province).

`chain` reads a bounded number of queries whatever the item (the walks take one per level;
the notes one per kind), so the page stays fast on a phone (asserted in the tests).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from django.db.models import Q

from planlink.integration.models import Adoption, DuplicateDecision, Sending
from planlink.plans import lineage as walks
from planlink.plans.models import (
    AlignmentStatus,
    ItemAlignment,
    ItemLink,
    LinkKind,
    PlanItem,
    PlanItemProblem,
    PlanLevel,
    VersionStatus,
)

LEVEL_ORDER: dict[str, int] = {"village": 0, "tambon": 1, "local": 2, "district": 3}
LINK_TH = {
    LinkKind.CONSOLIDATED_INTO: "รวมเข้าแผนชุมชนระดับตำบล",
    LinkKind.SELECTED_FOR: "คัดเลือกเข้าแผนพัฒนาอำเภอ",
    LinkKind.ADOPTED_BY: "บรรจุในแผนพัฒนาท้องถิ่น",
    LinkKind.ALIGNED_WITH: "สอดคล้องกับ",
    LinkKind.DUPLICATE_OF: "ซ้ำกับ",
}


@dataclass
class Stop:
    """One item on the chain, with what happened to it there."""

    item: PlanItem
    link: ItemLink | None  # how it joins the item before it on the chain
    depth: int
    notes: list[str] = field(default_factory=list)  # plain Thai, one fact each
    problems: list[PlanItemProblem] = field(default_factory=list)

    @property
    def level(self) -> str:
        return str(self.item.version.plan.level)


@dataclass
class Chain:
    start: Stop
    up: list[Stop]  # where it went, nearest first
    down: list[Stop]  # what is behind it, nearest first
    hidden: int  # links to plans the reader may not see (counted only)
    sent_to_province: bool = False

    @property
    def stops(self) -> list[Stop]:
        return [self.start, *self.up, *self.down]


def chain(*, user: Any, item: PlanItem) -> Chain:
    item = PlanItem.objects.select_related("version__plan__area").get(pk=item.pk)
    up = walks.lineage_up(user=user, item=item)
    down = walks.lineage_down(user=user, item=item)
    start = Stop(item=item, link=None, depth=0)
    # Duplicates are side notes on the stop they concern, not stops of the chain.
    ups = [Stop(s.item, s.link, s.depth) for s in up.steps if s.link.kind != LinkKind.DUPLICATE_OF]
    downs = [
        Stop(s.item, s.link, s.depth) for s in down.steps if s.link.kind != LinkKind.DUPLICATE_OF
    ]
    ups.sort(key=lambda s: (LEVEL_ORDER.get(s.level, 9), s.depth))
    downs.sort(key=lambda s: (-LEVEL_ORDER.get(s.level, 9), s.depth, s.item.title))
    found = Chain(start=start, up=ups, down=downs, hidden=up.hidden + down.hidden)
    _notes(found)
    return found


def _notes(found: Chain) -> None:
    stops = found.stops
    by_lineage: dict[UUID, list[Stop]] = defaultdict(list)
    for stop in stops:
        by_lineage[stop.item.lineage_id].append(stop)
    lineages = list(by_lineage)
    for stop in stops:
        version = stop.item.version
        status = version.get_status_display()
        if stop.level == PlanLevel.DISTRICT:
            stop.notes.append(f"แผนพัฒนาอำเภอ: {status}")
            if version.status == VersionStatus.PUBLISHED:
                found.sent_to_province = True
        elif stop.level == PlanLevel.TAMBON:
            stop.notes.append(f"แผนชุมชนระดับตำบล: {status}")
    # The selection's word on each tambon item (the latest sending of its tambon plan).
    tambon_versions = {s.item.version_id for s in stops if s.level == PlanLevel.TAMBON}
    if tambon_versions:
        said: dict[int, dict[str, str]] = {}
        for sending in Sending.objects.filter(version_id__in=tambon_versions).order_by(
            "created_at"
        ):
            for rows in sending.summary.values():
                for row in rows:
                    said[int(row["item"])] = row
        went_up = set(
            ItemLink.objects.filter(source_id__in=lineages, kind=LinkKind.SELECTED_FOR).values_list(
                "source_id", flat=True
            )
        )
        for stop in stops:
            if stop.level != PlanLevel.TAMBON:
                continue
            row = said.get(stop.item.pk)
            shown = stop.link is not None and stop.link.kind == LinkKind.SELECTED_FOR
            if shown and stop.link is not None and stop.link.reason:
                continue  # the link's own reason says it (the selection's words)
            if row is not None:
                went = (
                    "ส่งเข้าแผนพัฒนาอำเภอ" if row["status"] == "selected" else "ไม่ได้ส่งเข้าแผนพัฒนาอำเภอ"
                )
                stop.notes.append(f"{went}: {row['why']}")
            elif stop.item.lineage_id in went_up:
                stop.notes.append("ส่งเข้าแผนพัฒนาอำเภอแล้ว")
            else:
                stop.notes.append("ยังไม่ได้คัดเลือกส่งอำเภอ")
    keys = [f"item:{lineage}" for lineage in lineages]
    for d in DuplicateDecision.objects.filter(Q(key_a__in=keys) | Q(key_b__in=keys)):
        mine, other = (d.key_a, d.title_b) if d.key_a in keys else (d.key_b, d.title_a)
        verdict = "เป็นโครงการเดียวกับ" if d.verdict == "duplicate" else "ไม่ซ้ำกับ"
        reason = f" ({d.reason})" if d.reason else ""
        for stop in by_lineage.get(UUID(mine.removeprefix("item:")), []):
            stop.notes.append(f"ตรวจซ้ำ: {verdict} “{other}”{reason}")
    for a in Adoption.objects.filter(lineage_id__in=lineages).select_related("local_government"):
        for stop in by_lineage.get(a.lineage_id, []):
            stop.notes.append(f"{a.local_government.name_th}: {a.get_status_display()}")
    for row in ItemAlignment.objects.filter(
        lineage_id__in=lineages, status=AlignmentStatus.CONFIRMED
    ).select_related("node__framework"):
        for stop in by_lineage.get(row.lineage_id, []):
            stop.notes.append(
                f"สอดคล้องกับ{row.node.framework.get_kind_display()} {row.node.code} {row.node.title}"
            )
    villages = [s for s in stops if s.level == PlanLevel.VILLAGE]
    if villages:
        problems: dict[int, list[PlanItemProblem]] = defaultdict(list)
        for p in PlanItemProblem.objects.filter(item_id__in=[s.item.pk for s in villages]):
            problems[p.item_id].append(p)
        for stop in villages:
            stop.problems = problems.get(stop.item.pk, [])
