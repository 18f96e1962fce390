"""One plan model for every level; items keep their identity across revisions; links between
plans of different levels, made by whoever the rules give them to, walked both ways in a
bounded number of queries."""

from __future__ import annotations

import importlib
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from planlink.accounts import access
from planlink.accounts.models import User
from planlink.areas.models import Area
from planlink.core.tests.corpus.build import make_id
from planlink.plans.lineage import item_link, item_unlink, lineage_down, lineage_up
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
from planlink.plans.services import (
    item_create,
    item_delete,
    items_create,
    plan_create,
    revision_start,
    version_transition,
)
from planlink.plans.tests.conftest import data

pytestmark = pytest.mark.django_db

YEARS = range(2570, 2573)


def user(name: str) -> User:
    return User.objects.get(username=name)


def area(code: str) -> Area:
    return Area.objects.get(code=code)


@pytest.fixture
def tambon_plan() -> Plan:
    Plan.objects.filter(area_id="520101", level=PlanLevel.TAMBON).delete()
    return plan_create(
        user=user("tambon-520101"), area=area("520101"), level=PlanLevel.TAMBON, fiscal_years=YEARS
    )


@pytest.fixture
def district_plan() -> Plan:
    Plan.objects.filter(area_id="5201", level=PlanLevel.DISTRICT).delete()
    return plan_create(
        user=user("amphoe-5201"), area=area("5201"), level=PlanLevel.DISTRICT, fiscal_years=YEARS
    )


def village_items(code: str, n: int = 2) -> list[PlanItem]:
    """Items of a fresh draft plan of village `code` (written as the demo writes)."""
    Plan.objects.filter(area_id=code, level=PlanLevel.VILLAGE).delete()
    plan = plan_create(user=None, area=area(code), level=PlanLevel.VILLAGE, fiscal_years=YEARS)
    version = plan.versions.get()
    return items_create(
        user=None,
        version=version,
        datas=[data(f"ขุดลอกลำเหมืองสาธารณะ หมู่ที่ {code[-1]} ช่วงที่ {k}", "request") for k in range(n)],
    )


# --- Plans of every level ------------------------------------------------------------------------


def test_tambon_and_district_plans_are_made_by_their_own_bodies(tambon_plan, district_plan):
    assert (tambon_plan.level, tambon_plan.area_id) == ("tambon", "520101")
    assert tambon_plan.title == "แผนชุมชนระดับตำบล ตำบลเวียงเหนือ ปี 2570–2572"
    assert tambon_plan.versions.get().status == VersionStatus.DRAFT
    assert not tambon_plan.area.working_groups.exists()  # the village committee's groups only
    assert district_plan.title.startswith("แผนพัฒนาอำเภอ") and district_plan.years == list(YEARS)
    item = item_create(
        user=user("tambon-520101"),
        version=tambon_plan.versions.get(),
        data=data("ขุดลอกลำเหมืองสาธารณะ", "request"),
    )
    assert item.lineage.plan_id == tambon_plan.pk


@pytest.mark.parametrize(
    ("who", "level", "code", "error"),
    [
        ("village-52010101", PlanLevel.TAMBON, "520101", PermissionDenied),  # the ศอช.ต.'s
        ("officer-520101", PlanLevel.TAMBON, "520101", PermissionDenied),
        ("tambon-520101", PlanLevel.TAMBON, "520102", PermissionDenied),  # another tambon
        ("tambon-520101", PlanLevel.DISTRICT, "5201", PermissionDenied),
        ("district-5201", PlanLevel.DISTRICT, "5201", PermissionDenied),  # the CD office: no
        ("amphoe-5201", PlanLevel.TAMBON, "520101", PermissionDenied),
        ("admin", PlanLevel.TAMBON, "52010101", ValidationError),  # a tambon plan of a village
        ("admin", PlanLevel.LOCAL, "520101", PermissionDenied),  # local plans are imported
    ],
)
def test_who_may_create_which_plan(who, level, code, error):
    before = Plan.objects.count()
    with pytest.raises(error):
        plan_create(user=user(who), area=area(code), level=level, fiscal_years=YEARS)
    assert Plan.objects.count() == before


def test_one_plan_per_area_level_and_window(tambon_plan):
    with pytest.raises(ValidationError, match="already has this plan"):
        plan_create(user=None, area=area("520101"), level=PlanLevel.TAMBON, fiscal_years=YEARS)
    with pytest.raises(ValidationError, match="consecutive"):
        plan_create(
            user=None, area=area("520101"), level=PlanLevel.TAMBON, fiscal_years=[2575, 2577]
        )


def test_only_the_tambon_body_edits_the_tambon_plan(tambon_plan):
    version = tambon_plan.versions.get()
    for who in ("village-52010101", "officer-520101", "amphoe-5201"):
        with pytest.raises(PermissionDenied):
            item_create(user=user(who), version=version, data=data("ปรับปรุงถนน", "joint"))
    assert not version.items.exists()


# --- Lineage across revisions ---------------------------------------------------------------


def test_revision_copies_keep_the_lineage_and_links_follow(committee, officer, tambon_plan):
    village = village_items("52010101", 3)
    version = village[0].version
    tambon_item = item_create(
        user=user("tambon-520101"),
        version=tambon_plan.versions.get(),
        data=data("ขุดลอกลำเหมืองสาธารณะในตำบล", "request"),
    )
    item_link(
        user=user("tambon-520101"),
        source=village[0],
        target=tambon_item,
        kind=LinkKind.CONSOLIDATED_INTO,
        reason="ความต้องการเดียวกันของสามหมู่บ้าน",
    )
    items_create(user=committee, version=version, datas=[data("ฝึกอบรมอาชีพ", "self")] * 3)
    version_transition(user=None, version=version, target="submitted")
    version_transition(user=officer, version=version, target="reviewed")
    version_transition(
        user=committee,
        version=version,
        target="approved",
        assembly_date=version.created_at.date(),
        attendance=80,
    )
    draft = revision_start(user=committee, plan=version.plan, kind="amendment", reason="ปรับงบ")
    copies = {i.origin_id: i for i in draft.items.all()}
    for original in version.items.all():
        assert copies[original.pk].lineage_id == original.lineage_id
    # The link made on the original holds for its copy: up from the new version's item.
    walk = lineage_up(user=officer, item=copies[village[0].pk])
    assert [s.item.pk for s in walk.steps] == [tambon_item.pk]
    assert walk.steps[0].link.reason == "ความต้องการเดียวกันของสามหมู่บ้าน"
    # And down from the tambon item: the village item's latest copy (the draft's).
    assert [s.item.pk for s in lineage_down(user=officer, item=tambon_item).steps] == [
        copies[village[0].pk].pk
    ]


def test_an_item_removed_from_its_draft_leaves_no_identity(committee):
    item = village_items("52010101", 1)[0]
    lineage_id = item.lineage_id
    item_delete(user=committee, item=item)
    assert not ItemLineage.objects.filter(pk=lineage_id).exists()


# --- Links -------------------------------------------------------------------------------------


def test_links_are_the_target_editors_and_follow_the_levels(tambon_plan, district_plan):
    a = village_items("52010101", 1)[0]
    outside = village_items("52010201", 1)[0]  # tambon 520102
    t = item_create(
        user=user("tambon-520101"),
        version=tambon_plan.versions.get(),
        data=data("ขุดลอกลำเหมือง", "request"),
    )
    d = item_create(
        user=user("amphoe-5201"),
        version=district_plan.versions.get(),
        data=data("ขุดลอกลำเหมือง", "request"),
    )
    before = ItemLink.objects.count()
    refused = [
        (user("village-52010101"), a, t, LinkKind.CONSOLIDATED_INTO, PermissionDenied),
        (user("officer-520101"), a, t, LinkKind.CONSOLIDATED_INTO, PermissionDenied),
        (user("tambon-520101"), outside, t, LinkKind.CONSOLIDATED_INTO, PermissionDenied),
        (user("admin"), outside, t, LinkKind.CONSOLIDATED_INTO, ValidationError),  # not inside
        (user("amphoe-5201"), a, d, LinkKind.CONSOLIDATED_INTO, ValidationError),  # skips a level
        (user("tambon-520101"), t, d, LinkKind.SELECTED_FOR, PermissionDenied),  # the district's
    ]
    for who, source, target, kind, error in refused:
        with pytest.raises(error):
            item_link(user=who, source=source, target=target, kind=kind)
    assert ItemLink.objects.count() == before
    first = item_link(
        user=user("tambon-520101"), source=a, target=t, kind=LinkKind.CONSOLIDATED_INTO
    )
    assert first.created_by.username == "tambon-520101"
    with pytest.raises(ValidationError, match="already linked"):
        item_link(user=user("tambon-520101"), source=a, target=t, kind=LinkKind.CONSOLIDATED_INTO)
    item_link(user=user("amphoe-5201"), source=t, target=d, kind=LinkKind.SELECTED_FOR)
    assert ItemLink.history.filter(history_type="+").count() >= 2  # type: ignore[attr-defined]
    with pytest.raises(PermissionDenied):
        item_unlink(user=user("village-52010101"), link=first)
    first_pk = first.pk
    item_unlink(user=user("tambon-520101"), link=first, reason="แยกเป็นรายการของหมู่บ้าน")
    assert not ItemLink.objects.filter(pk=first_pk).exists()
    removed = ItemLink.history.get(id=first_pk, history_type="-")  # type: ignore[attr-defined]
    assert removed.history_user.username == "tambon-520101"
    assert removed.history_change_reason == "แยกเป็นรายการของหมู่บ้าน"


def test_a_citizen_id_is_refused_in_the_reason(tambon_plan):
    a = village_items("52010101", 1)[0]
    t = item_create(
        user=user("tambon-520101"),
        version=tambon_plan.versions.get(),
        data=data("ขุดลอกลำเหมือง", "request"),
    )
    with pytest.raises(ValidationError):
        item_link(
            user=user("tambon-520101"),
            source=a,
            target=t,
            kind=LinkKind.CONSOLIDATED_INTO,
            reason=f"ตามคำขอของ {make_id('310050012345')}",
        )
    assert not ItemLink.objects.exists()


# --- Walking both ways, in a bounded number of queries -----------------------------------------


def build_chain(tambon_plan, district_plan, villages: int, per_village: int):
    """`villages` × `per_village` village items → 2 tambon items → 1 district item."""
    codes = [f"520101{n:02d}" for n in range(1, villages + 1)]
    tambon_items = items_create(
        user=user("tambon-520101"),
        version=tambon_plan.versions.get(),
        datas=[data("ขุดลอกลำเหมืองสาธารณะ", "request"), data("ซ่อมแซมถนนในหมู่บ้าน", "request")],
    )
    district_item = item_create(
        user=user("amphoe-5201"),
        version=district_plan.versions.get(),
        data=data("ขุดลอกลำเหมืองและซ่อมแซมถนนในตำบลเวียงเหนือ", "request"),
    )
    village = []
    for code in codes:
        for k, item in enumerate(village_items(code, per_village)):
            item_link(
                user=user("tambon-520101"),
                source=item,
                target=tambon_items[k % 2],
                kind=LinkKind.CONSOLIDATED_INTO,
            )
            village.append(item)
    for t in tambon_items:
        item_link(
            user=user("amphoe-5201"), source=t, target=district_item, kind=LinkKind.SELECTED_FOR
        )
    return village, tambon_items, district_item


def queries(fn):  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as captured:
        result = fn()
    return result, len(captured.captured_queries)


@pytest.mark.parametrize("villages", [2, 6])
def test_walks_cost_the_same_few_queries_whatever_the_number_of_links(
    tambon_plan, district_plan, villages
):
    village, tambon_items, district_item = build_chain(tambon_plan, district_plan, villages, 2)
    viewer = user("province")
    assert access.access_for(viewer).grants  # roles read once, as a page does
    down, n_down = queries(lambda: lineage_down(user=viewer, item=district_item))
    assert {s.item.pk for s in down.steps if s.depth == 1} == {t.pk for t in tambon_items}
    assert {s.item.pk for s in down.steps if s.depth == 2} == {v.pk for v in village}
    assert all(s.item.version.plan.area.name_th for s in down.steps)  # loaded, no more queries
    up, n_up = queries(lambda: lineage_up(user=viewer, item=village[-1]))
    assert [(s.depth, s.item.pk) for s in up.steps] == [
        (1, tambon_items[1].pk),
        (2, district_item.pk),
    ]
    # Two levels walked: one query per level, one more finding nothing, one for the items.
    assert n_down <= 4 and n_up <= 4, (n_down, n_up)


def test_a_walk_shows_only_what_the_user_may_see(tambon_plan, district_plan):
    village, tambon_items, _district = build_chain(tambon_plan, district_plan, 2, 1)
    # A village committee sees its own village's item and nothing of the others'.
    walk = lineage_down(user=user("village-52010101"), item=tambon_items[0])
    assert [s.item.version.plan.area_id for s in walk.steps] == ["52010101"]
    assert walk.hidden == 1  # 52010102's item: counted, not shown
    outsider = User.objects.create_user(username="outsider-5202")
    from planlink.accounts.roles import Role
    from planlink.accounts.services import role_grant

    role_grant(user=None, holder=outsider, role=Role.CD_OFFICER, area=area("520201"))
    walk = lineage_up(user=outsider, item=village[0])
    assert walk.steps == [] and walk.hidden == 2


# --- The admin ---------------------------------------------------------------------------------


def test_the_admin_creates_tambon_plans_and_links_through_the_services(client, tambon_plan):
    client.force_login(user("admin"))
    Plan.objects.filter(area_id="520102", level=PlanLevel.TAMBON).delete()
    form = {"area": "520102", "level": "tambon", "first_year": 2570, "last_year": 2572, "title": ""}
    response = client.post("/admin/plans/plan/add/", form)
    assert response.status_code == 302, response.content.decode()[:2000]
    made = Plan.objects.get(area_id="520102", level="tambon")
    assert made.versions.get().number == 0 and made.title.startswith("แผนชุมชนระดับตำบล")
    wrong = {**form, "area": "52010101"}
    response = client.post("/admin/plans/plan/add/", wrong)
    assert response.status_code == 200 and "belongs to a" in response.content.decode()
    a = village_items("52010101", 1)[0]
    t = item_create(
        user=None, version=tambon_plan.versions.get(), data=data("ขุดลอกลำเหมือง", "request")
    )
    response = client.post(
        "/admin/plans/itemlink/add/",
        {"source_item": a.pk, "target_item": t.pk, "kind": "consolidated_into", "reason": "ทดสอบ"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    link = ItemLink.objects.get()
    assert (link.source_id, link.target_id, link.created_by.username) == (
        a.lineage_id,
        t.lineage_id,
        "admin",
    )


def test_the_migration_gives_copies_their_origins_lineage():
    """plans/0003 on rows as they were before lineages: a copy shares its origin's."""
    from django.apps import apps

    migration = importlib.import_module("planlink.plans.migrations.0003_lineage_and_links")
    original, other = village_items("52010101", 2)
    plan = original.version.plan
    PlanVersion.objects.filter(pk=original.version_id).update(
        status="approved",
        assembly_date=date(2026, 1, 5),
        assembly_attendance=60,
    )
    revision = PlanVersion.objects.create(
        plan=plan, number=1, kind="amendment", based_on_id=original.version_id
    )
    # As items were before lineages: a copy with its own (any) lineage, pointing at its origin.
    stray = ItemLineage.objects.create(plan=plan)
    copy = PlanItem.objects.get(pk=original.pk)
    copy.pk = None
    copy.version, copy.origin_id, copy.lineage = revision, original.pk, stray
    copy.save()
    migration.assign(
        apps.get_model("plans", "PlanItem"),
        apps.get_model("plans", "ItemLineage"),
        PlanItem.objects.filter(version__plan=plan),
    )
    original, other, copy = (PlanItem.objects.get(pk=i.pk) for i in (original, other, copy))
    assert copy.lineage_id == original.lineage_id
    assert other.lineage_id != original.lineage_id
