"""The ศอช.ต.'s review of its consolidated draft: accept, merge, split, rename, file under a
province issue, add a need the village plans did not carry, drop (and restore). Each action
checks that the user drafts this tambon plan, changes only a draft, keeps every link to the
village items, and writes a `ReviewEntry` (who, when, why, which items)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from planlink.accounts import plan_access
from planlink.areas.models import Area
from planlink.frameworks.models import ProvinceIssue
from planlink.integration.models import (
    AddedFrom,
    ReviewAction,
    ReviewEntry,
    TambonItem,
    TambonItemKind,
)
from planlink.plans.freetext import refuse_citizen_ids
from planlink.plans.models import (
    ItemLineage,
    ItemLink,
    ItemStatus,
    LinkKind,
    Mode,
    PlanItem,
    PlanItemBudget,
    PlanItemProblem,
    PlanLevel,
    PlanVersion,
)
from planlink.plans.services.common import _audit, _require_draft


def require_tambon_draft(user: Any, version: PlanVersion) -> None:
    """The user drafts this tambon plan, and it is a draft now (not as the caller read it)."""
    if version.plan.level != PlanLevel.TAMBON:
        raise ValidationError("ใช้ได้กับแผนชุมชนระดับตำบลเท่านั้น / only for a tambon plan")
    plan_access.require_edit(user, version)
    version.status = PlanVersion.objects.values_list("status", flat=True).get(pk=version.pk)
    _require_draft(version)


def _reason(reason: str, *, required: bool) -> str:
    text = " ".join(reason.split())
    if required and not text:
        raise ValidationError("กรุณาระบุเหตุผล / please give the reason")
    refuse_citizen_ids({"reason": text})
    return text


def _log(
    user: Any,
    version: PlanVersion,
    action: str,
    summary: str,
    items: Sequence[PlanItem],
    reason: str = "",
) -> ReviewEntry:
    from planlink.integration.proposals import plan_changed

    plan_changed(version.plan)  # merges, splits, renames and drops change what is proposed
    return ReviewEntry.objects.create(
        version=version,
        action=action,
        actor=user,
        reason=reason,
        summary=summary,
        items=[i.pk for i in items],
    )


def _info(item: PlanItem) -> TambonItem:
    info, _created = TambonItem.objects.get_or_create(
        lineage_id=item.lineage_id, defaults={"kind": TambonItemKind.NEED}
    )
    return info


def _latest_sources(target: UUID) -> list[PlanItem]:
    """The latest copy of every village item linked into the tambon item `target`."""
    sources = ItemLink.objects.filter(
        target_id=target, kind=LinkKind.CONSOLIDATED_INTO
    ).values_list("source_id", flat=True)
    latest: dict[UUID, PlanItem] = {}
    for item in (
        PlanItem.objects.filter(lineage_id__in=list(sources))
        .select_related("version__plan__area")
        .prefetch_related("budgets", "problems")
        .order_by("lineage_id", "-version__number")
    ):
        latest.setdefault(item.lineage_id, item)
    return sorted(latest.values(), key=lambda i: (i.version.plan.area_id, i.priority))


def refresh_from_sources(item: PlanItem) -> None:
    """A tambon item's budgets, problems, villages and mode, from its village items (after a
    merge or split moved some of them); an item added by the tambon keeps its own."""
    sources = _latest_sources(item.lineage_id)
    if not sources:
        return
    years = set(item.version.plan.years)
    budgets: dict[int, Decimal] = defaultdict(Decimal)
    problems: dict[str, PlanItemProblem] = {}
    for s in sources:
        for b in s.budgets.all():
            if b.fiscal_year in years:
                budgets[b.fiscal_year] += b.amount
        for p in s.problems.all():
            problems.setdefault(p.key, p)
    item.budgets.all().delete()
    item.problems.all().delete()
    PlanItemBudget.objects.bulk_create(
        PlanItemBudget(item=item, fiscal_year=y, amount=a) for y, a in sorted(budgets.items())
    )
    PlanItemProblem.objects.bulk_create(
        PlanItemProblem(item=item, key=p.key, title=p.title, survey_year=p.survey_year)
        for p in problems.values()
    )
    item.villages.set(list(Area.objects.filter(code__in={s.version.plan.area_id for s in sources})))
    mode = Mode.REQUEST if any(s.mode == Mode.REQUEST for s in sources) else Mode.JOINT
    if item.mode != mode:
        item.mode = mode
        item.save(update_fields=["mode", "updated_at"])


def _same_version(version: PlanVersion, items: Sequence[PlanItem]) -> None:
    if any(i.version_id != version.pk for i in items):
        raise ValidationError("รายการไม่ได้อยู่ในแผนฉบับเดียวกัน / the items are not in this draft")


@transaction.atomic
def tambon_item_accept(*, user: Any, item: PlanItem) -> None:
    require_tambon_draft(user, item.version)
    info = _info(item)
    info.accepted_by = user
    info.accepted_at = timezone.now()
    _audit(info, user)
    info.save()
    _log(user, item.version, ReviewAction.ACCEPT, f"รับรายการ “{item.title}”", [item])


@transaction.atomic
def tambon_items_merge(
    *, user: Any, items: Sequence[PlanItem], into: PlanItem, reason: str, title: str = ""
) -> PlanItem:
    """Put several tambon items into one (`into`): their village items' links move to it; the
    others leave the draft (the log keeps their titles)."""
    version = into.version
    require_tambon_draft(user, version)
    others = [i for i in items if i.pk != into.pk]
    if not others:
        raise ValidationError("เลือกอย่างน้อยสองรายการเพื่อรวม / choose at least two items to merge")
    _same_version(version, others)
    why = _reason(reason, required=True)
    titles = [into.title, *(o.title for o in others)]
    ItemLink.objects.filter(
        target_id__in=[o.lineage_id for o in others], kind=LinkKind.CONSOLIDATED_INTO
    ).exclude(
        source_id__in=ItemLink.objects.filter(target_id=into.lineage_id).values("source_id")
    ).update(target_id=into.lineage_id)
    for other in others:
        _audit(other, user, f"merged into {into.pk}: {why}")
        other.delete()
        ItemLineage.objects.filter(pk=other.lineage_id, items__isnull=True).delete()
    if title.strip():
        into.title = " ".join(title.split())[:300]
    _audit(into, user, why)
    into.save()
    info = _info(into)
    info.explanation = f"{info.explanation}\nรวมโดย ศอช.ต.: {why}".strip()
    _audit(info, user)
    info.save()
    refresh_from_sources(into)
    _log(
        user,
        version,
        ReviewAction.MERGE,
        "รวม " + " + ".join(f"“{t}”" for t in titles) + f" เป็น “{into.title}”",
        [into],
        why,
    )
    return into


@transaction.atomic
def tambon_item_split(
    *, user: Any, item: PlanItem, sources: Sequence[PlanItem], title: str, reason: str
) -> PlanItem:
    """Take some village items out of a tambon item into a new tambon item of their own."""
    version = item.version
    require_tambon_draft(user, version)
    why = _reason(reason, required=True)
    linked = set(
        ItemLink.objects.filter(
            target_id=item.lineage_id, kind=LinkKind.CONSOLIDATED_INTO
        ).values_list("source_id", flat=True)
    )
    moving = {s.lineage_id for s in sources}
    if not moving or not moving <= linked:
        raise ValidationError(
            "เลือกรายการของหมู่บ้านที่อยู่ในรายการนี้ / choose village items of this tambon item"
        )
    if moving == linked:
        raise ValidationError(
            "ต้องเหลือรายการของหมู่บ้านไว้อย่างน้อยหนึ่งรายการ / leave at least one village item"
        )
    name = " ".join(title.split())[:300]
    if not name:
        raise ValidationError("กรุณาตั้งชื่อรายการใหม่ / the new item needs a title")
    refuse_citizen_ids({"title": name})
    new = _new_item(user, version, name, item, kind=TambonItemKind.NEED)
    ItemLink.objects.filter(
        target_id=item.lineage_id, source_id__in=moving, kind=LinkKind.CONSOLIDATED_INTO
    ).update(target_id=new.lineage_id)
    new_info = _info(new)
    new_info.explanation = f"แยกจาก “{item.title}” โดย ศอช.ต.: {why}"
    new_info.issue = _info(item).issue
    new_info.save()
    refresh_from_sources(item)
    refresh_from_sources(new)
    _log(
        user,
        version,
        ReviewAction.SPLIT,
        f"แยก “{new.title}” ออกจาก “{item.title}”",
        [item, new],
        why,
    )
    return new


def _new_item(
    user: Any,
    version: PlanVersion,
    title: str,
    like: PlanItem | None,
    *,
    kind: str,
    mode: str = Mode.REQUEST,
    category_id: int = 0,
) -> PlanItem:
    priority = (version.items.aggregate(n=Max("priority"))["n"] or 0) + 1
    lineage = ItemLineage.objects.create(plan_id=version.plan_id)
    item = PlanItem(
        version=version,
        lineage=lineage,
        priority=priority,
        title=title,
        mode=like.mode if like else mode,
        category_id=like.category_id if like else category_id,
        objective=like.objective if like else "",
        kpi=like.kpi if like else "",
        expected_result=like.expected_result if like else "",
        funding_source=like.funding_source if like else "lao",
    )
    _audit(item, user)
    item.save()
    TambonItem.objects.create(lineage=lineage, kind=kind)
    return item


@transaction.atomic
def tambon_item_rename(*, user: Any, item: PlanItem, title: str, reason: str = "") -> None:
    require_tambon_draft(user, item.version)
    name = " ".join(title.split())[:300]
    if not name:
        raise ValidationError("กรุณากรอกชื่อรายการ / the item needs a title")
    why = _reason(reason, required=False)
    refuse_citizen_ids({"title": name})
    old = item.title
    item.title = name
    _audit(item, user, why)
    item.save()
    _log(user, item.version, ReviewAction.RENAME, f"เปลี่ยนชื่อ “{old}” เป็น “{name}”", [item], why)


@transaction.atomic
def tambon_item_file(*, user: Any, item: PlanItem, issue: ProvinceIssue, reason: str = "") -> None:
    """File the item under a province issue of its plan's year (confirming a suggestion, or
    moving it to another issue)."""
    version = item.version
    require_tambon_draft(user, version)
    plan = version.plan
    if issue.province_id != plan.area_id[:2] or issue.fiscal_year != plan.first_year:
        raise ValidationError(
            "ประเด็นนี้ไม่ใช่ของจังหวัดในปีของแผน / not an issue of this plan's province and year"
        )
    why = _reason(reason, required=False)
    info = _info(item)
    moved = info.issue_id is not None and info.issue_id != issue.pk
    info.issue = issue
    info.issue_confirmed_by = user
    info.issue_confirmed_at = timezone.now()
    _audit(info, user, why)
    info.save()
    verb = "ย้าย" if moved else "ยืนยัน"
    _log(
        user,
        version,
        ReviewAction.MOVE,
        f"{verb} “{item.title}” ไว้ในประเด็นที่ {issue.number} {issue.title}",
        [item],
        why,
    )


@transaction.atomic
def tambon_item_add(
    *,
    user: Any,
    version: PlanVersion,
    title: str,
    added_from: str,
    reason: str,
    category_id: int,
    mode: str = Mode.REQUEST,
    issue: ProvinceIssue | None = None,
) -> PlanItem:
    """A need that came from the tambon's data or from the forum, not from a village plan."""
    require_tambon_draft(user, version)
    if added_from not in (AddedFrom.DATA, AddedFrom.FORUM):
        raise ValidationError("ระบุที่มาของความต้องการ / say where the need came from")
    if mode not in (Mode.JOINT, Mode.REQUEST):
        raise ValidationError("รายการของตำบลเป็นทำร่วมหรือขอรับการสนับสนุน / joint or request")
    name = " ".join(title.split())[:300]
    if not name:
        raise ValidationError("กรุณากรอกชื่อรายการ / the item needs a title")
    why = _reason(reason, required=True)
    refuse_citizen_ids({"title": name})
    item = _new_item(
        user, version, name, None, kind=TambonItemKind.ADDED, mode=mode, category_id=category_id
    )
    info = _info(item)
    info.added_from = added_from
    info.explanation = why
    info.accepted_by = user
    info.accepted_at = timezone.now()
    if issue is not None:
        info.issue = issue
        info.issue_confirmed_by = user
        info.issue_confirmed_at = timezone.now()
    info.save()
    _log(
        user,
        version,
        ReviewAction.ADD,
        f"เพิ่ม “{name}” ({AddedFrom(added_from).label})",
        [item],
        why,
    )
    return item


@transaction.atomic
def tambon_item_drop(*, user: Any, item: PlanItem, reason: str) -> None:
    """Drop the item from the tambon plan; its links stay, so each village sees why."""
    require_tambon_draft(user, item.version)
    why = _reason(reason, required=True)
    item.status = ItemStatus.DROPPED
    item.dropped_reason = why
    _audit(item, user, why)
    item.save()
    _log(user, item.version, ReviewAction.DROP, f"ไม่นำ “{item.title}” เข้าแผนตำบล", [item], why)


@transaction.atomic
def tambon_item_restore(*, user: Any, item: PlanItem, reason: str = "") -> None:
    require_tambon_draft(user, item.version)
    why = _reason(reason, required=False)
    item.status = ItemStatus.PROPOSED
    item.dropped_reason = ""
    _audit(item, user, why)
    item.save()
    _log(user, item.version, ReviewAction.RESTORE, f"นำ “{item.title}” กลับเข้าแผนตำบล", [item], why)
