"""The District Development Plan (seed 5, 6): what the district administration office does with
the proposals the tambons sent — the cross-tambon duplicate check, merging items into one
district-wide item, adding an item from the district's data, the district committee's approval
and the sending to the province.

A district plan's draft is filled by the tambons' sending (`selection.tambon_send`, links
selected_for). Its items are compared with each other across tambons (`cross_tambon`: each
tambon's items are one group, a road two tambons both asked for is a candidate) as well as
with every other budget source (`duplicates.check_area`). Approving needs every candidate
decided and every item aligned with the provincial development plan (when the province has
one for the year); an approved plan is locked, and changed only by a numbered revision
(`plans.services.revision_start`).
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from planlink.accounts import plan_access
from planlink.frameworks.models import FrameworkKind
from planlink.integration import proposals
from planlink.integration.engine import duplicates as engine
from planlink.integration.services.duplicates import Found, attach
from planlink.plans.freetext import refuse_citizen_ids
from planlink.plans.models import (
    AlignmentStatus,
    EventKind,
    ItemAlignment,
    ItemLineage,
    ItemLink,
    LinkKind,
    Mode,
    PlanEvent,
    PlanItem,
    PlanItemBudget,
    PlanLevel,
    PlanVersion,
    VersionStatus,
)
from planlink.plans.services.common import _audit, _require_draft

DISTRICT_ADDED = "district"  # the group of the items the district office added itself


def require_district_draft(user: Any, version: PlanVersion) -> None:
    """The user drafts this district plan, and it is a draft now (not as the caller read it)."""
    if version.plan.level != PlanLevel.DISTRICT:
        raise ValidationError("ใช้ได้กับแผนพัฒนาอำเภอเท่านั้น / only for a district plan")
    plan_access.require_edit(user, version)
    version.status = PlanVersion.objects.values_list("status", flat=True).get(pk=version.pk)
    _require_draft(version)


def source_tambons(version: PlanVersion) -> dict[UUID, str]:
    """District item lineage → the code of the tambon it came from (selected_for)."""
    lineages = list(version.items.values_list("lineage_id", flat=True))
    found: dict[UUID, str] = {}
    for target, tambon in ItemLink.objects.filter(
        target_id__in=lineages, kind=LinkKind.SELECTED_FOR
    ).values_list("target_id", "source__plan__area_id"):
        found.setdefault(target, tambon)
    return found


def cross_tambon(version: PlanVersion) -> list[Found]:
    """Candidate pairs among the plan's items that came from different tambons (or one the
    district office added), with the decisions already taken on them, best first."""
    plan = version.plan
    rows = proposals.entries(Q(plan_id=plan.pk), (plan.first_year, plan.last_year))
    tambons = source_tambons(version)
    entries = []
    for entry in rows:
        lineage = UUID(entry.key.removeprefix("item:"))
        # Every item of the district is in the district's area: a road two tambons asked
        # for meets itself; the villages named still tell two tambons' own works apart.
        entries.append(
            dataclasses.replace(
                entry, area=plan.area_id, group=tambons.get(lineage, DISTRICT_ADDED)
            )
        )
    return attach(engine.candidates(entries, chain=True))


@transaction.atomic
def district_items_merge(
    *,
    user: Any,
    items: list[PlanItem],
    into: PlanItem,
    reason: str,
    title: str = "",
    add_budgets: bool = False,
) -> PlanItem:
    """Put several district items into one (`into`): the same project two tambons asked for,
    or one district-wide item for the same work in several tambons (`add_budgets`: their
    budgets add up). The links from the tambon items move to it, so its lineage reaches every
    tambon and village it came from; the others leave the draft."""
    version = into.version
    require_district_draft(user, version)
    others = [i for i in items if i.pk != into.pk]
    if not others:
        raise ValidationError("เลือกอย่างน้อยสองรายการเพื่อรวม / choose at least two items to merge")
    if any(o.version_id != version.pk for o in others):
        raise ValidationError("รายการไม่ได้อยู่ในแผนฉบับเดียวกัน / the items are not in this draft")
    why = " ".join(reason.split())
    if not why:
        raise ValidationError("กรุณาระบุเหตุผลของการรวม / please give the reason for merging")
    refuse_citizen_ids({"reason": why, "title": title})
    already = set(
        ItemLink.objects.filter(target_id=into.lineage_id).values_list("source_id", "kind")
    )
    for link in ItemLink.objects.filter(target_id__in=[o.lineage_id for o in others]):
        if (link.source_id, link.kind) in already or link.source_id == into.lineage_id:
            _audit(link, user, f"merged into {into.pk}")
            link.delete()
            continue
        link.target_id = into.lineage_id
        _audit(link, user, f"merged into {into.pk}: {why}")
        link.save()
        already.add((link.source_id, link.kind))
    villages = set(into.villages.all())
    budgets: dict[int, Decimal] = defaultdict(Decimal)
    for b in into.budgets.all():
        budgets[b.fiscal_year] += b.amount
    for other in others:
        villages |= set(other.villages.all())
        if add_budgets:
            for b in other.budgets.all():
                budgets[b.fiscal_year] += b.amount
        # Alignments confirmed on an item merged away hold for the merged one.
        for a in other.lineage.alignments.filter(status=AlignmentStatus.CONFIRMED):
            ItemAlignment.objects.get_or_create(
                lineage_id=into.lineage_id,
                node_id=a.node_id,
                defaults={"status": AlignmentStatus.CONFIRMED, "decided_by": user,
                          "decided_at": timezone.now(), "reason": a.reason},
            )  # fmt: skip
        _audit(other, user, f"merged into {into.pk}: {why}")
        other.delete()
        ItemLineage.objects.filter(pk=other.lineage_id, items__isnull=True).delete()
    into.villages.set(list(villages))
    if add_budgets:
        into.budgets.all().delete()
        PlanItemBudget.objects.bulk_create(
            PlanItemBudget(item=into, fiscal_year=y, amount=a) for y, a in sorted(budgets.items())
        )
    if title.strip():
        into.title = " ".join(title.split())[:300]
    into.description = f"{into.description}\nรวมโดยที่ทำการปกครองอำเภอ: {why}".strip()
    _audit(into, user, why)
    into.save()
    proposals.plan_changed(version.plan)
    return into


@transaction.atomic
def district_item_add(
    *,
    user: Any,
    version: PlanVersion,
    title: str,
    category_id: int,
    reason: str,
    budget: Decimal | None = None,
    objective: str = "",
    kpi: str = "",
    responsible_agency: str = "",
) -> PlanItem:
    """An item the district office adds from the district's data (the district data pack, a
    gap no tambon filled), with why; it goes through the same checks as every item."""
    from planlink.plans.services import ItemData, item_create

    require_district_draft(user, version)
    why = " ".join(reason.split())
    if not why:
        raise ValidationError(
            "กรุณาระบุว่าเพิ่มจากข้อมูลใด (เช่น ปัญหาอันดับต้นของอำเภอ) / say what data the item comes from"
        )
    data = ItemData(
        title=title,
        mode=Mode.REQUEST,
        category_id=category_id,
        description=f"เพิ่มโดยที่ทำการปกครองอำเภอจากข้อมูลของอำเภอ: {why}",
        objective=objective,
        kpi=kpi,
        funding_source="district",
        responsible_agency=responsible_agency,
        budgets={version.plan.first_year: budget} if budget else {},
    )
    return item_create(user=user, version=version, data=data)


@dataclass(frozen=True)
class Blockers:
    """What stands between a district draft and the committee's approval."""

    undecided: int  # cross-tambon candidates nobody decided
    unaligned: list[str]  # titles of items without a confirmed provincial alignment
    empty: bool

    @property
    def any(self) -> bool:
        return self.empty or bool(self.undecided or self.unaligned)


def blockers(version: PlanVersion) -> Blockers:
    items = list(version.items.all())
    undecided = sum(1 for f in cross_tambon(version) if not f.decided)
    province_year = _province_has_framework(version)
    unaligned: list[str] = []
    if province_year:
        confirmed = set(
            ItemAlignment.objects.filter(
                lineage_id__in=[i.lineage_id for i in items],
                status=AlignmentStatus.CONFIRMED,
                node__framework__kind__in=[FrameworkKind.PROVINCE, FrameworkKind.PROVINCE_GROUP],
            ).values_list("lineage_id", flat=True)
        )
        unaligned = [i.title for i in items if i.lineage_id not in confirmed]
    return Blockers(undecided=undecided, unaligned=unaligned, empty=not items)


def _province_has_framework(version: PlanVersion) -> bool:
    from planlink.frameworks.models import Framework

    return Framework.objects.filter(
        kind__in=[FrameworkKind.PROVINCE, FrameworkKind.PROVINCE_GROUP],
        area_id=version.plan.area_id[:2],
        first_year__lte=version.plan.first_year,
        last_year__gte=version.plan.first_year,
        nodes__isnull=False,
    ).exists()


@transaction.atomic
def district_plan_approve(
    *,
    user: Any,
    version: PlanVersion,
    meeting_date: date,
    attendance: int,
    resolution: str,
) -> PlanVersion:
    """The district committee approved the plan at its meeting (date, members present, the
    resolution's number): the version is locked from now on."""
    version = (
        PlanVersion.objects.select_for_update().select_related("plan__area").get(pk=version.pk)
    )
    require_district_draft(user, version)
    plan_access.require_step(user, version, VersionStatus.APPROVED)
    resolution = " ".join(resolution.split())
    refuse_citizen_ids({"resolution": resolution})
    if meeting_date > timezone.localdate():
        raise ValidationError("วันประชุมต้องไม่เป็นวันในอนาคต / the meeting date is in the future")
    if attendance < 1:
        raise ValidationError("กรุณาระบุจำนวนกรรมการที่เข้าประชุม / how many members attended?")
    if not resolution:
        raise ValidationError("กรุณาระบุมติที่ประชุม (ครั้งที่/เลขที่) / the resolution number is required")
    found = blockers(version)
    if found.empty:
        raise ValidationError("แผนยังไม่มีโครงการ / the plan has no items yet")
    if found.undecided:
        raise ValidationError(
            f"ยังมี {found.undecided} คู่ที่อาจเป็นโครงการซ้ำข้ามตำบลรอการตัดสิน / "
            f"{found.undecided} cross-tambon duplicate candidates are undecided"
        )
    if found.unaligned:
        raise ValidationError(
            f"ยังมี {len(found.unaligned)} โครงการที่ยังไม่ได้ยืนยันความสอดคล้องกับแผนพัฒนาจังหวัด / "
            f"{len(found.unaligned)} items are not aligned with the provincial plan yet"
        )
    version.status = VersionStatus.APPROVED
    version.assembly_date, version.assembly_attendance = meeting_date, attendance
    version.resolution = resolution
    version.reviewed_by, version.reviewed_at = user, timezone.now()
    _audit(version, user, "approved by the district committee")
    version.save()
    _event(version, EventKind.APPROVED, user, f"มติที่ประชุม {resolution}")
    return version


@transaction.atomic
def district_plan_send(*, user: Any, version: PlanVersion) -> PlanVersion:
    """Send the approved plan to the province (the provincial offices see it arrive)."""
    version = (
        PlanVersion.objects.select_for_update().select_related("plan__area").get(pk=version.pk)
    )
    if version.plan.level != PlanLevel.DISTRICT or version.status != VersionStatus.APPROVED:
        raise ValidationError(
            "ส่งได้เฉพาะแผนพัฒนาอำเภอที่คณะกรรมการอนุมัติแล้ว / only an approved district plan is sent"
        )
    plan_access.require_step(user, version, VersionStatus.PUBLISHED)
    version.status = VersionStatus.PUBLISHED
    version.published_at = timezone.now()
    _audit(version, user, "sent to the province")
    version.save()
    _event(version, EventKind.PUBLISHED, user, "ส่งแผนพัฒนาอำเภอถึงจังหวัด")
    return version


def _event(version: PlanVersion, kind: str, user: Any, note: str) -> None:
    from planlink.accounts.roles import Capability

    PlanEvent.objects.create(
        version=version,
        area_code=version.plan.area_id,
        kind=kind,
        audience=Capability.SET_FRAMEWORKS,  # the provincial offices follow the districts
        actor=user,
        note=note[:500],
    )
