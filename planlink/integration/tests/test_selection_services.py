"""Selecting each issue's top items for the district and sending them (seed 5.2), with the
duplicate check across budget sources (seed 5.1): blocked while undecided, skipped when a
duplicate, an officer's override with its reason, the links selected_for, who may do it."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from planlink.accounts.models import RoleAssignment, User
from planlink.accounts.roles import Role
from planlink.areas.models import LocalGovernment
from planlink.integration import proposals
from planlink.integration.engine.selection import BELOW, BLOCKED, SELECTED, SKIPPED
from planlink.integration.models import DuplicateDecision, SelectionOverride, Sending, TambonItem
from planlink.integration.services import duplicates
from planlink.integration.services.selection import (
    selection_override_set,
    tambon_selection,
    tambon_send,
)
from planlink.plans.models import ItemLink, LinkKind, Plan, PlanItem
from planlink.sources import services as source_services
from planlink.sources.importers.common import LineData, ReadList

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved():  # type: ignore[no-untyped-def]
    """The demo tambon's plan consolidated, its forum held and the plan approved; no other
    source's list yet (each test imports what it needs)."""
    from planlink.demo.tambons import demo_tambon_reopen
    from planlink.sources.models import SourceList

    SourceList.objects.all().delete()

    demo_tambon_reopen("520101", forum=True)
    plan = Plan.objects.get(level="tambon", area_id="520101")
    return plan.versions.get(status="approved")


def _first_selected(version, single=False):  # type: ignore[no-untyped-def]
    """The first selected row; with single, the first that is one project (a programme whose
    village line is a duplicate still goes up, without that village)."""
    choice = tambon_selection(version)
    programmes = set(
        TambonItem.objects.filter(kind="programme").values_list("lineage_id", flat=True)
    )
    return next(
        (issue, row)
        for issue in choice.issues
        for row in issue.rows
        if row.pick.status == SELECTED and not (single and row.item.lineage_id in programmes)
    )


def _village_items(tambon_item: PlanItem) -> list[PlanItem]:
    lineages = ItemLink.objects.filter(
        target_id=tambon_item.lineage_id, kind=LinkKind.CONSOLIDATED_INTO
    ).values_list("source_id", flat=True)
    return list(
        PlanItem.objects.filter(lineage_id__in=list(lineages)).select_related("version__plan__area")
    )


def _local_plan_with(title: str, target: str) -> None:
    """The municipality's ผ.02 holding one line, written as its office would."""
    lao = LocalGovernment.objects.get(code="3520101")
    area, villages = source_services.scope_of(lao)
    line = LineData(
        sheet="ผ.02", row=9, title=title, budgets={2570: Decimal(450000)}, form="ผ.02",
        target=target, budget_source="lao",
    )  # fmt: skip
    source_services.source_list_write(
        user=None, kind="local_plan", body=lao.name_th, area=area,
        read=ReadList(lines=[line], years=(2566, 2570)), file_name="p.xlsx",
        budget_source="lao", local_government=lao, villages=villages,
    )  # fmt: skip


def test_the_forums_top_ranks_go_up_and_the_rest_stay_with_why(approved):
    choice = tambon_selection(approved)
    assert choice.issues and not choice.blocked
    for issue in choice.issues:
        picks = issue.selection.picks
        assert len([p for p in picks if p.status == SELECTED]) == min(
            issue.issue.items_up, len(picks)
        )
        assert [p.rank for p in picks if p.status == SELECTED] == sorted(
            p.rank for p in picks if p.status == SELECTED
        )
        assert all("ลำดับที่" in p.why_th for p in picks)


def test_sending_copies_the_selected_items_with_links_and_is_not_repeated(approved):
    choice = tambon_selection(approved)
    chosen = [r.item for r in choice.selected]
    sending = tambon_send(user=User.objects.get(username="officer-520101"), version=approved)
    district = Plan.objects.get(level="district", area_id="5201", first_year=2570)
    draft = district.versions.get(status="draft")
    assert sending.district_version == draft
    links = ItemLink.objects.filter(
        kind=LinkKind.SELECTED_FOR, source__in=[i.lineage for i in chosen]
    )
    assert links.count() == len(chosen)
    copies = {link.target_id: link for link in links}
    for item in draft.items.all():
        if item.lineage_id in copies:
            original = next(i for i in chosen if i.lineage_id == copies[item.lineage_id].source_id)
            assert item.title == original.title
            assert {v.pk for v in item.villages.all()} == {v.pk for v in original.villages.all()}
            assert {b.fiscal_year: b.amount for b in item.budgets.all()} == {
                b.fiscal_year: b.amount for b in original.budgets.all()
            }
    assert proposals.Proposal.objects.filter(group=f"plan:{district.pk}").count() >= len(chosen)
    # Sending again sends nothing new.
    again = tambon_send(user=None, version=approved)
    assert ItemLink.objects.filter(
        kind=LinkKind.SELECTED_FOR, source__in=[i.lineage for i in chosen]
    ).count() == len(chosen)
    assert Sending.objects.filter(version=approved).count() == 2 and again.pk != sending.pk


def test_an_undecided_duplicate_blocks_sending_and_a_decided_one_is_skipped(approved):
    issue, row = _first_selected(approved, single=True)
    village = _village_items(row.item)[0] if _village_items(row.item) else row.item
    moo = village.version.plan.area.moo if village.version.plan.level == "village" else None
    title = "โครงการ" + village.title.replace("คสล.", "คอนกรีตเสริมเหล็ก")
    _local_plan_with(title, f"หมู่ที่ {moo}" if moo else "")
    choice = tambon_selection(approved)
    again = next(i for i in choice.issues if i.issue.pk == issue.issue.pk)
    status = {r.item.pk: r.pick.status for r in again.rows}
    assert status[row.item.pk] == BLOCKED and choice.blocked
    with pytest.raises(ValidationError):
        tambon_send(user=None, version=approved)
    assert not Sending.objects.exists()

    pair = next(f for f in choice.found if f.a.title == title or f.b.title == title)
    duplicates.duplicate_decide(
        user=User.objects.get(username="officer-520101"), key_a=pair.a.key, key_b=pair.b.key,
        verdict="duplicate",
    )  # fmt: skip
    choice = tambon_selection(approved)
    again = next(i for i in choice.issues if i.issue.pk == issue.issue.pk)
    status = {r.item.pk: r.pick.status for r in again.rows}
    assert status[row.item.pk] == SKIPPED
    # The next rank took its place.
    assert len(again.selection.selected) == min(again.issue.items_up, len(again.rows) - 1)
    sending = tambon_send(user=None, version=approved)
    sent = {r["item"] for rows in sending.summary.values() for r in rows if r["status"] == SELECTED}
    assert row.item.pk not in sent
    assert not ItemLink.objects.filter(source=row.item.lineage, kind=LinkKind.SELECTED_FOR).exists()


def test_not_a_duplicate_needs_a_reason_and_then_the_item_goes_up(approved):
    issue, row = _first_selected(approved)
    villages = _village_items(row.item)
    village = villages[0] if villages else row.item
    moo = village.version.plan.area.moo if village.version.plan.level == "village" else None
    title = "โครงการ" + village.title
    _local_plan_with(title, f"หมู่ที่ {moo}" if moo else "")
    pair = next(f for f in tambon_selection(approved).found if title in (f.a.title, f.b.title))
    officer = User.objects.get(username="officer-520101")
    with pytest.raises(ValidationError):
        duplicates.duplicate_decide(
            user=officer, key_a=pair.a.key, key_b=pair.b.key, verdict="distinct"
        )
    assert not DuplicateDecision.objects.exists()
    duplicates.duplicate_decide(
        user=officer, key_a=pair.b.key, key_b=pair.a.key, verdict="distinct",
        reason="คนละช่วงถนน ตรวจพื้นที่แล้ว",
    )  # fmt: skip
    decision = DuplicateDecision.objects.get()
    assert (decision.key_a, decision.key_b) == tuple(sorted((pair.a.key, pair.b.key)))
    assert decision.decided_by == officer and decision.history.count() == 1
    choice = tambon_selection(approved)
    again = next(i for i in choice.issues if i.issue.pk == issue.issue.pk)
    assert {r.item.pk: r.pick.status for r in again.rows}[row.item.pk] == SELECTED


def test_an_officer_overrides_the_ranks_with_a_reason(approved):
    choice = tambon_selection(approved)
    issue = next(i for i in choice.issues if len(i.rows) > i.issue.items_up)
    last = issue.rows[-1]
    officer = User.objects.get(username="officer-520101")
    with pytest.raises(ValidationError):
        selection_override_set(
            user=officer, version=approved, issue=issue.issue, chosen=[last.pick.key], reason=""
        )
    selection_override_set(
        user=officer, version=approved, issue=issue.issue, chosen=[last.pick.key],
        reason="อบต. ทำรายการลำดับที่ 1 ด้วยงบของตนแล้ว",
    )  # fmt: skip
    override = SelectionOverride.objects.get()
    assert override.decided_by == officer and override.history.count() == 1
    again = next(i for i in tambon_selection(approved).issues if i.issue.pk == issue.issue.pk)
    assert [p.key for p in again.selection.selected] == [last.pick.key]
    assert all(r.pick.status == BELOW for r in again.rows if r.pick.key != last.pick.key)
    assert "อบต. ทำรายการลำดับที่ 1" in again.rows[0].pick.why_th
    # Back to the ranks.
    selection_override_set(user=officer, version=approved, issue=issue.issue, chosen=[], reason="")
    assert not SelectionOverride.objects.exists()


def _outsider(role: Role, area: str) -> User:
    user = User.objects.create(username=f"{role}-{area}")
    RoleAssignment.objects.create(user=user, role=role, area_id=area)
    return user


@pytest.mark.parametrize(
    "who",
    [
        "village-52010101",
        "amphoe-5201",
        "district-5201",
        "lao-3520101",
        "province",
        "other-officer",
    ],
)
def test_only_the_tambons_officer_and_tcoc_send_or_override(approved, who):
    user = (
        _outsider(Role.CD_OFFICER, "520102")
        if who == "other-officer"
        else User.objects.get(username=who)
    )
    issue = tambon_selection(approved).issues[0]
    with pytest.raises(PermissionDenied):
        tambon_send(user=user, version=approved)
    with pytest.raises(PermissionDenied):
        selection_override_set(
            user=user,
            version=approved,
            issue=issue.issue,
            chosen=[issue.rows[0].pick.key],
            reason="r",
        )
    assert not Sending.objects.exists() and not SelectionOverride.objects.exists()
    assert not ItemLink.objects.filter(
        kind=LinkKind.SELECTED_FOR, source__plan=approved.plan
    ).exists()


def test_the_tcoc_may_send(approved):
    tambon_send(user=User.objects.get(username="tambon-520101"), version=approved)
    assert Sending.objects.count() == 1


def test_a_draft_tambon_plan_is_not_sent():
    from planlink.demo.tambons import demo_tambon_reopen

    demo_tambon_reopen("520101")
    draft = Plan.objects.get(level="tambon", area_id="520101").versions.get()
    with pytest.raises(ValidationError):
        tambon_send(user=User.objects.get(username="officer-520101"), version=draft)


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("village-52010101", False),
        ("lao-3520101", False),
        ("amphoe-5201", True),
        ("tambon-520101", True),
    ],
)
def test_who_decides_a_duplicate(approved, who, allowed):
    _issue, row = _first_selected(approved)
    villages = _village_items(row.item)
    village = villages[0] if villages else row.item
    moo = village.version.plan.area.moo if village.version.plan.level == "village" else None
    title = "โครงการ" + village.title
    _local_plan_with(title, f"หมู่ที่ {moo}" if moo else "")
    pair = next(f for f in tambon_selection(approved).found if title in (f.a.title, f.b.title))
    user = User.objects.get(username=who)
    if allowed:
        duplicates.duplicate_decide(
            user=user, key_a=pair.a.key, key_b=pair.b.key, verdict="duplicate"
        )
        assert DuplicateDecision.objects.count() == 1
    else:
        with pytest.raises(PermissionDenied):
            duplicates.duplicate_decide(
                user=user, key_a=pair.a.key, key_b=pair.b.key, verdict="duplicate"
            )
        assert not DuplicateDecision.objects.exists()


def test_a_programme_goes_up_without_the_village_whose_line_is_a_duplicate(approved):
    choice = tambon_selection(approved)
    programmes = set(
        TambonItem.objects.filter(kind="programme").values_list("lineage_id", flat=True)
    )
    row = next(
        r
        for i in choice.issues
        for r in i.rows
        if r.item.lineage_id in programmes and len(_village_items(r.item)) >= 2
    )
    village = _village_items(row.item)[0]
    title = "โครงการ" + village.title
    _local_plan_with(title, f"หมู่ที่ {village.version.plan.area.moo}")
    pair = next(f for f in tambon_selection(approved).found if title in (f.a.title, f.b.title))
    duplicates.duplicate_decide(user=None, key_a=pair.a.key, key_b=pair.b.key, verdict="duplicate")
    again = next(
        r for i in tambon_selection(approved).issues for r in i.rows if r.item.pk == row.item.pk
    )
    assert again.pick.status == row.pick.status  # the programme itself is not a duplicate
    assert again.excluded == [village.version.plan.area_id]


def test_each_level_says_who_approved_its_plan(approved):
    from django.utils import translation

    village = PlanItem.objects.filter(
        version__plan__level="village", version__status="approved"
    ).first()
    assert village is not None
    with translation.override("th"):
        assert approved.get_status_display() == "ประชาคมตำบลเห็นชอบแล้ว"
        assert village.version.get_status_display() == "ประชาคมหมู่บ้านอนุมัติแล้ว"
        approved.status = "reviewed"
        assert approved.get_status_display() == "พัฒนากรทบทวนแล้ว"
    with translation.override("en"):
        approved.status = "approved"
        assert approved.get_status_display() == "approved by the tambon civic forum"
