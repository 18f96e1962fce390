"""Selecting the tambon's top items of each province issue for the District Development Plan
and sending them (seed 5.2), with the duplicate check across budget sources (seed 5.1).

`tambon_selection` says, per issue, what goes up, what does not and why
(`engine.selection.select` over the forum's ranks, the duplicate decisions of each item and
of the village items it came from, and an officer's override); `selection_override_set`
records an override with its reason; `tambon_send` copies the selected items into the
district plan's draft (creating the plan when there is none) with the link selected_for from
each tambon item, and keeps a `Sending` of what was sent and skipped. Sending is refused
while any item that would go up has an undecided duplicate candidate.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from typing import Any
from uuid import UUID

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from planlink.accounts import access
from planlink.accounts.roles import Capability
from planlink.areas.models import Area
from planlink.core import audit
from planlink.frameworks.models import ProvinceIssue
from planlink.integration import proposals
from planlink.integration.engine import selection as engine
from planlink.integration.models import SelectionOverride, Sending, TambonItem, TambonItemKind
from planlink.integration.selectors import forum_results
from planlink.integration.services.duplicates import Found, check_area, status_of
from planlink.plans.freetext import refuse_citizen_ids
from planlink.plans.models import (
    ItemLineage,
    ItemLink,
    LinkKind,
    Plan,
    PlanItem,
    PlanLevel,
    PlanVersion,
    VersionStatus,
)


@dataclass
class Row:
    pick: engine.Pick
    item: PlanItem
    found: list[Found] = field(default_factory=list)  # candidates of it and its village items
    sent: bool = False  # already in the district plan
    # A programme's village lines that are the same project as another source's: the rest
    # of the programme goes up without those villages.
    excluded: list[str] = field(default_factory=list)


@dataclass
class IssueChoice:
    issue: ProvinceIssue
    selection: engine.IssueSelection
    rows: list[Row]
    override: SelectionOverride | None

    @property
    def blocked(self) -> bool:
        return self.selection.blocked

    @property
    def below(self) -> list[Row]:
        return [r for r in self.rows if r.pick.status == engine.BELOW]


@dataclass
class TambonSelection:
    version: PlanVersion
    issues: list[IssueChoice]
    found: list[Found]

    @property
    def blocked(self) -> bool:
        return any(i.blocked for i in self.issues)

    @property
    def selected(self) -> list[Row]:
        return [r for i in self.issues for r in i.rows if r.pick.status == engine.SELECTED]

    @property
    def undecided(self) -> int:
        return sum(1 for f in self.found if not f.decided)


def can_send(user: Any, tambon_code: str) -> bool:
    return user is None or access.can(user, Capability.SEND_TO_DISTRICT, tambon_code)


def _sources_of(lineages: list[Any]) -> dict[Any, list[Any]]:
    """Tambon lineage → the village lineages consolidated into it."""
    out: dict[Any, list[Any]] = defaultdict(list)
    for target, source in ItemLink.objects.filter(
        target_id__in=lineages, kind=LinkKind.CONSOLIDATED_INTO
    ).values_list("target_id", "source_id"):
        out[target].append(source)
    return out


def _sent_lineages(version: PlanVersion) -> set[Any]:
    lineages = version.items.values_list("lineage_id", flat=True)
    return set(
        ItemLink.objects.filter(source_id__in=lineages, kind=LinkKind.SELECTED_FOR).values_list(
            "source_id", flat=True
        )
    )


def tambon_selection(version: PlanVersion) -> TambonSelection:
    plan = version.plan
    results = forum_results(version=version)
    items = [i for r in results for i in r.items]
    lineages = [i.lineage_id for i in items]
    sources = _sources_of(lineages)
    keys_of = {
        i.lineage_id: {proposals.item_key(i.lineage_id)}
        | {proposals.item_key(s) for s in sources.get(i.lineage_id, [])}
        for i in items
    }
    focus = set().union(*keys_of.values()) if keys_of else set()
    found = check_area(plan.area_id, (plan.first_year, plan.last_year), focus=focus)
    overrides = {o.issue_id: o for o in SelectionOverride.objects.filter(version=version)}
    sent = _sent_lineages(version)
    programmes = set(
        TambonItem.objects.filter(
            lineage_id__in=lineages, kind=TambonItemKind.PROGRAMME
        ).values_list("lineage_id", flat=True)
    )
    village_of = {
        proposals.item_key(pk): area
        for pk, area in ItemLineage.objects.filter(
            pk__in=[s for members in sources.values() for s in members]
        ).values_list("pk", "plan__area_id")
    }
    excluded: dict[Any, list[str]] = {}
    issues = []
    for result in results:
        by_key = {str(row.item.lineage_id): row.item for row in result.ranked}
        duplicate, undecided = set(), set()
        for key, item in by_key.items():
            if item.lineage_id in programmes:
                # Each village's own line of a programme is its own project: the programme
                # is a duplicate only when every line is; else it goes up without them.
                members = keys_of[item.lineage_id] - {proposals.item_key(item.lineage_id)}
                dup, und = status_of(members, found)
                if members and dup >= members:
                    duplicate.add(key)
                elif und:
                    undecided.add(key)
                elif dup:
                    excluded[item.lineage_id] = sorted(
                        village_of[k] for k in dup if k in village_of
                    )
                continue
            dup, und = status_of(keys_of[item.lineage_id], found)
            if dup:
                duplicate.add(key)
            elif und:
                undecided.add(key)
        override = overrides.get(result.issue.pk)
        choice = engine.select(
            [engine.Ranked(str(row.item.lineage_id), row.rank) for row in result.ranked],
            result.issue.items_up,
            duplicates=duplicate,
            undecided=undecided,
            chosen=override.chosen if override else None,
            override_reason=override.reason if override else "",
        )
        rows = []
        for pick in choice.picks:
            item = by_key[pick.key]
            mine = keys_of[item.lineage_id]
            rows.append(
                Row(
                    pick=pick,
                    item=item,
                    found=[f for f in found if f.a.key in mine or f.b.key in mine],
                    sent=item.lineage_id in sent,
                    excluded=excluded.get(item.lineage_id, []),
                )
            )
        issues.append(IssueChoice(result.issue, choice, rows, override))
    return TambonSelection(version=version, issues=issues, found=found)


def _require(user: Any, version: PlanVersion) -> None:
    if not can_send(user, version.plan.area_id):
        raise PermissionDenied(
            "คุณไม่มีสิทธิ์ส่งรายการของตำบลนี้ไปยังอำเภอ / you may not send this tambon's items"
        )
    if version.status != VersionStatus.APPROVED:
        raise ValidationError(
            "ส่งได้เมื่อเวทีประชาคมตำบลอนุมัติแผนแล้ว / send after the tambon civic forum approved the plan"
        )


@transaction.atomic
def selection_override_set(
    *,
    user: Any,
    version: PlanVersion,
    issue: ProvinceIssue,
    chosen: list[str],
    reason: str,
) -> SelectionOverride | None:
    """Choose the items of an issue that go up instead of the ranks (reason required); an
    empty choice goes back to the ranks."""
    _require(user, version)
    existing = SelectionOverride.objects.filter(version=version, issue=issue).first()
    if not chosen:
        if existing is not None:
            audit.stamp(existing, user, reason or "back to the ranks")
            existing.delete()
        return None
    reason = " ".join(reason.split())
    if not reason:
        raise ValidationError(
            "ต้องระบุเหตุผลที่เลือกต่างจากลำดับของเวทีประชาคม / a reason is required to override the ranks"
        )
    refuse_citizen_ids({"reason": reason})
    allowed = {str(i.lineage_id) for i in version.items.all()}
    if any(key not in allowed for key in chosen):
        raise ValidationError("รายการที่เลือกไม่อยู่ในแผนนี้ / a chosen item is not in this plan")
    if len(chosen) > issue.items_up:
        raise ValidationError(
            f"ส่งได้ประเด็นละ {issue.items_up} รายการ / at most {issue.items_up} items per issue"
        )
    override = existing or SelectionOverride(version=version, issue=issue)
    override.chosen, override.reason, override.decided_by = list(chosen), reason, user
    audit.stamp(override, user, reason)
    override.save()
    return override


def district_plan_for(tambon_plan: Plan) -> Plan:
    """The district plan of the tambon's district and window (created when there is none)."""
    from planlink.plans.services import plan_create

    district = Area.objects.get(code=tambon_plan.area_id[:4])
    plan = Plan.objects.filter(
        area=district, level=PlanLevel.DISTRICT, first_year=tambon_plan.first_year
    ).first()
    if plan is None:
        plan = plan_create(
            user=None, area=district, level=PlanLevel.DISTRICT, fiscal_years=tambon_plan.years
        )
    return plan


def _district_draft(plan: Plan) -> PlanVersion:
    draft = plan.versions.filter(status=VersionStatus.DRAFT).first()
    if draft is None:
        raise ValidationError(
            "แผนพัฒนาอำเภอไม่ได้อยู่ในระหว่างจัดทำ จึงรับรายการเพิ่มไม่ได้ / the district plan has no draft"
        )
    return draft


def tambon_send(*, user: Any, version: PlanVersion) -> Sending:
    """Send the selected items to the district plan's draft (see the module docstring)."""
    from planlink.integration.proposals import deferred, plan_changed

    _require(user, version)
    with deferred(), transaction.atomic():
        choice = tambon_selection(version)
        if choice.blocked:
            raise ValidationError(
                "ยังมีรายการที่อาจซ้ำกับโครงการของแหล่งงบประมาณอื่นรอการตัดสิน ตัดสินให้ครบก่อนส่ง / "
                "decide every duplicate candidate of the items that go up first"
            )
        district = district_plan_for(version.plan)
        draft = _district_draft(district)
        new = [r for r in choice.selected if not r.sent]
        copies = _copy(new, draft)
        links = [
            ItemLink(
                source_id=row.item.lineage_id,
                target_id=copy.lineage_id,
                kind=LinkKind.SELECTED_FOR,
                reason=row.pick.why_th[:500],
                created_by=user,
                is_demo=version.plan.is_demo,
            )
            for row, copy in zip(new, copies, strict=True)
        ]
        created = ItemLink.objects.bulk_create(links)
        audit.record_bulk(ItemLink, created, user=user, update=False)
        summary = {
            str(issue.issue.pk): [
                {
                    "item": r.item.pk,
                    "title": r.item.title,
                    "status": r.pick.status,
                    "why": r.pick.why_th,
                }
                for r in issue.rows
            ]
            for issue in choice.issues
        }
        sending = Sending.objects.create(
            version=version, district_version=draft, sent_by=user, summary=summary
        )
        plan_changed(district)
    return sending


def _copy(rows: list[Row], draft: PlanVersion) -> list[PlanItem]:
    """The district's copies of the tambon items: what, budgets, problems, villages."""
    from planlink.plans.services import items_create
    from planlink.plans.services.items import item_data_of

    if not rows:
        return []
    datas = [replace(item_data_of(r.item), working_group_id=None) for r in rows]
    created = items_create(user=None, version=draft, datas=datas, demo=draft.plan.is_demo)
    through = PlanItem.villages.through
    through.objects.filter(planitem_id__in=[c.pk for c in created]).delete()
    through.objects.bulk_create(
        through(planitem_id=copy.pk, area_id=village.pk)
        for row, copy in zip(rows, created, strict=True)
        for village in row.item.villages.all()
        if village.pk not in row.excluded
    )
    return created


def arrivals(district_version: PlanVersion) -> dict[UUID, ItemLink]:
    """District item lineage → the selected_for link it came by."""
    lineages = district_version.items.values_list("lineage_id", flat=True)
    return {
        link.target_id: link
        for link in ItemLink.objects.filter(
            target_id__in=lineages, kind=LinkKind.SELECTED_FOR
        ).select_related("source__plan__area", "created_by")
    }


@dataclass
class DuplicateSummary:
    """The duplicate check of a tambon plan's items, for its page: per item (lineage) how
    many candidates wait for a decision and whether one is decided the same project."""

    undecided: int
    duplicates: int
    waiting: dict[Any, int]
    duplicate_items: set[Any]


def duplicate_summary(version: PlanVersion) -> DuplicateSummary:
    plan = version.plan
    lineages = list(version.items.values_list("lineage_id", flat=True))
    sources = _sources_of(lineages)
    keys_of = {
        lineage: {proposals.item_key(lineage)}
        | {proposals.item_key(s) for s in sources.get(lineage, [])}
        for lineage in lineages
    }
    focus = set().union(*keys_of.values()) if keys_of else set()
    found = check_area(plan.area_id, (plan.first_year, plan.last_year), focus=focus)
    waiting: dict[Any, int] = {}
    duplicate_items: set[Any] = set()
    programmes = set(
        TambonItem.objects.filter(
            lineage_id__in=lineages, kind=TambonItemKind.PROGRAMME
        ).values_list("lineage_id", flat=True)
    )
    for lineage, keys in keys_of.items():
        mine = [f for f in found if f.a.key in keys or f.b.key in keys]
        open_ = sum(1 for f in mine if not f.decided)
        if open_:
            waiting[lineage] = open_
        members = keys - {proposals.item_key(lineage)} if lineage in programmes else keys
        dup, _undecided = status_of(members, found)
        if members and (dup >= members if lineage in programmes else dup):
            duplicate_items.add(lineage)
    return DuplicateSummary(
        undecided=sum(1 for f in found if not f.decided),
        duplicates=len(duplicate_items),
        waiting=waiting,
        duplicate_items=duplicate_items,
    )
