"""Consolidating the demo tambon's village plans, the ศอช.ต.'s review, and who may do it."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from planlink.accounts.models import RoleAssignment, User
from planlink.accounts.roles import Role
from planlink.areas.models import Area, LocalGovernment
from planlink.frameworks.models import ProvinceIssue
from planlink.integration import services
from planlink.integration.models import ReviewEntry, TambonItem, TambonItemKind
from planlink.plans.models import (
    ItemLink,
    ItemStatus,
    LinkKind,
    Mode,
    Plan,
    PlanItem,
    PlanVersion,
)

pytestmark = pytest.mark.django_db
TAMBON = "520101"
YEAR = 2570


@pytest.fixture
def tcoc() -> User:
    return User.objects.get(username="tambon-520101")


@pytest.fixture
def tambon() -> Area:
    return Area.objects.get(code=TAMBON)


def _ready_items() -> list[PlanItem]:
    sources = services.tambon_sources(tambon=Area.objects.get(code=TAMBON), first_year=YEAR)
    return [i for i in sources.items if i.mode != Mode.SELF]


def _links(version: PlanVersion) -> dict:  # type: ignore[type-arg]
    return dict(
        ItemLink.objects.filter(
            kind=LinkKind.CONSOLIDATED_INTO, target__plan_id=version.plan_id
        ).values_list("source_id", "target_id")
    )


def test_consolidation_links_every_ready_village_item_once_and_keeps_self_done_home(tcoc, tambon):
    sources = services.tambon_sources(tambon=tambon, first_year=YEAR)
    ready = [s for s in sources.villages if s.version]
    waiting = {s.village.code for s in sources.waiting}
    assert ready and {"52010101", "52010103"} <= waiting  # the draft and the submitted plan

    result = services.tambon_consolidate(user=tcoc, tambon=tambon, first_year=YEAR)

    sent = [i for i in sources.items if i.mode != Mode.SELF]
    links = _links(result.version)
    assert set(links) == {i.lineage_id for i in sent}  # each went up, exactly once
    assert not any(i.version.plan.area_id in waiting for i in sources.items)
    assert sum(result.self_done.values()) == len(sources.items) - len(sent) > 0
    tambon_items = list(result.version.items.all())
    assert result.created == len(tambon_items) > 0
    assert set(links.values()) == {i.lineage_id for i in tambon_items}
    assert result.plan.level == "tambon" and result.plan.area_id == TAMBON
    infos = TambonItem.objects.filter(lineage__plan=result.plan)
    assert infos.count() == len(tambon_items)
    assert all(info.explanation for info in infos)
    # The demo's issues are suggested, and none is confirmed until a person does it.
    assert infos.filter(issue__isnull=False).exists()
    assert not infos.filter(issue_confirmed_at__isnull=False).exists()
    entry = ReviewEntry.objects.get(version=result.version)
    assert entry.actor == tcoc and f"รายการใหม่ {result.created}" in entry.summary
    # Budgets add up: the tambon items carry the sum of their village items' budgets.
    total = sum(
        b.amount for i in sent for b in i.budgets.all() if b.fiscal_year in result.plan.years
    )
    assert sum(b.amount for i in tambon_items for b in i.budgets.all()) == total


def test_consolidating_again_keeps_every_decision(tcoc, tambon):
    first = services.tambon_consolidate(user=tcoc, tambon=tambon, first_year=YEAR)
    item = first.version.items.order_by("priority").first()
    services.tambon_item_rename(user=tcoc, item=item, title="ชื่อที่ ศอช.ต. ตั้ง")
    before = _links(first.version)
    again = services.tambon_consolidate(user=tcoc, tambon=tambon, first_year=YEAR)
    assert (again.created, again.joined, again.kept) == (0, 0, len(before))
    assert _links(again.version) == before
    item.refresh_from_db()
    assert item.title == "ชื่อที่ ศอช.ต. ตั้ง"


def test_a_new_village_item_joins_the_tambon_item_of_its_same_need(tcoc, tambon):
    result = services.tambon_consolidate(user=tcoc, tambon=tambon, first_year=YEAR)
    linked = _links(result.version)
    # A village item already consolidated, and a copy of it asked by another ready village.
    original = next(i for i in _ready_items() if i.lineage_id in linked)
    other_version = next(
        i.version for i in _ready_items() if i.version.plan.area_id != original.version.plan.area_id
    )
    from planlink.plans.models import ItemLineage

    twin = PlanItem.objects.create(
        version=other_version,
        lineage=ItemLineage.objects.create(plan_id=other_version.plan_id),
        priority=999,
        title=original.title,
        mode=Mode.REQUEST,
        category_id=original.category_id,
    )
    again = services.tambon_consolidate(user=tcoc, tambon=tambon, first_year=YEAR)
    links = _links(again.version)
    assert again.created + again.joined == 1
    assert twin.lineage_id in links


def test_merge_split_rename_file_drop_and_add_are_logged_and_keep_the_links(tcoc, tambon):
    result = services.tambon_consolidate(user=tcoc, tambon=tambon, first_year=YEAR)
    version = result.version
    a, b = list(version.items.order_by("priority")[:2])
    sources_before = set(_links(version))

    merged = services.tambon_items_merge(
        user=tcoc, items=[a, b], into=a, reason="เป็นงานเดียวกันตามที่ประชุมตกลง", title="รวมกัน"
    )
    assert not PlanItem.objects.filter(pk=b.pk).exists()
    assert set(_links(version)) == sources_before  # no village item lost its link
    merged_sources = [s for s, t in _links(version).items() if t == merged.lineage_id]
    assert len(merged_sources) >= 2
    assert set(merged.villages.values_list("code", flat=True)) == {
        i.version.plan.area_id for i in PlanItem.objects.filter(lineage_id__in=merged_sources)
    }

    keep = PlanItem.objects.filter(lineage_id=merged_sources[0]).first()
    new = services.tambon_item_split(
        user=tcoc, item=merged, sources=[keep], title="แยกออกมา", reason="คนละพื้นที่"
    )
    assert _links(version)[keep.lineage_id] == new.lineage_id
    assert set(_links(version)) == sources_before

    issue = ProvinceIssue.objects.get(province_id="52", fiscal_year=YEAR, number=2)
    services.tambon_item_file(user=tcoc, item=new, issue=issue)
    info = TambonItem.objects.get(lineage_id=new.lineage_id)
    assert info.issue == issue and info.issue_confirmed_by == tcoc

    with pytest.raises(ValidationError, match="เหตุผล"):
        services.tambon_item_drop(user=tcoc, item=new, reason="  ")
    services.tambon_item_drop(user=tcoc, item=new, reason="อปท. ดำเนินการแล้วในปีนี้")
    new.refresh_from_db()
    assert new.status == ItemStatus.DROPPED and new.dropped_reason == "อปท. ดำเนินการแล้วในปีนี้"

    added = services.tambon_item_add(
        user=tcoc,
        version=version,
        title="จัดตั้งศูนย์เรียนรู้เศรษฐกิจพอเพียงประจำตำบล",
        added_from="forum",
        reason="ที่ประชุมประชาคมตำบลเสนอ",
        category_id=merged.category_id,
        issue=issue,
    )
    assert TambonItem.objects.get(lineage_id=added.lineage_id).kind == TambonItemKind.ADDED
    actions = list(
        ReviewEntry.objects.filter(version=version).order_by("id").values_list("action", "actor")
    )
    assert [a for a, _u in actions] == ["consolidate", "merge", "split", "move", "drop", "add"]
    assert {u for _a, u in actions} == {tcoc.pk}


def _outsiders() -> list[User]:
    other_tcoc = User.objects.create(username="tcoc-520102")
    RoleAssignment.objects.create(user=other_tcoc, role=Role.TCOC_COMMITTEE, area_id="520102")
    lao = LocalGovernment.objects.exclude(code="3520101").exclude(seat__code__startswith=TAMBON)[0]
    other_lao = User.objects.create(username="lao-other")
    RoleAssignment.objects.create(user=other_lao, role=Role.LAO_PLANNER, local_government=lao)
    return [
        other_tcoc,
        User.objects.get(username="village-52010101"),
        User.objects.get(username="officer-520101"),
        User.objects.get(username="lao-3520101"),
        other_lao,
        User.objects.get(username="amphoe-5201"),
    ]


def test_only_the_tambons_own_tcoc_consolidates(tambon):
    for user in _outsiders():
        with pytest.raises(PermissionDenied):
            services.tambon_consolidate(user=user, tambon=tambon, first_year=YEAR)
    assert not Plan.objects.filter(level="tambon", area_id=TAMBON).exists()


def test_no_outsider_changes_the_tambon_plan(tcoc, tambon):
    result = services.tambon_consolidate(user=tcoc, tambon=tambon, first_year=YEAR)
    a, b = list(result.version.items.order_by("priority")[:2])
    issue = ProvinceIssue.objects.get(province_id="52", fiscal_year=YEAR, number=1)
    links = _links(result.version)
    entries = ReviewEntry.objects.count()
    for user in _outsiders():
        attempts = [
            lambda u=user: services.tambon_item_accept(user=u, item=a),
            lambda u=user: services.tambon_item_rename(user=u, item=a, title="x"),
            lambda u=user: services.tambon_item_file(user=u, item=a, issue=issue),
            lambda u=user: services.tambon_item_drop(user=u, item=a, reason="x"),
            lambda u=user: services.tambon_items_merge(user=u, items=[a, b], into=a, reason="x"),
            lambda u=user: services.tambon_item_add(
                user=u,
                version=result.version,
                title="x",
                added_from="data",
                reason="x",
                category_id=a.category_id,
            ),
        ]
        for attempt in attempts:
            with pytest.raises(PermissionDenied):
                attempt()
    a.refresh_from_db()
    assert a.title != "x" and a.status != ItemStatus.DROPPED
    assert _links(result.version) == links
    assert ReviewEntry.objects.count() == entries
    assert result.version.items.count() == result.created
