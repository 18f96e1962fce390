"""The District Development Plan: the cross-tambon duplicate check, merging into one district
item, alignment with the frameworks, the committee's approval (blocked until every candidate is
decided and every item aligned) and the sending to the province, who may do each."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from planlink.accounts.models import User
from planlink.areas.models import Area
from planlink.frameworks import services as framework_services
from planlink.frameworks.models import FrameworkKind, ProvinceIssue
from planlink.integration.models import TambonItem
from planlink.integration.services import alignment, district, duplicates
from planlink.plans import services
from planlink.plans.models import (
    APPROVED_BY,
    AlignmentStatus,
    ItemAlignment,
    ItemLink,
    LinkKind,
    Plan,
    PlanEvent,
    PlanItem,
    PlanLevel,
    PlanVersion,
)
from planlink.plans.tests.conftest import data

pytestmark = pytest.mark.django_db
YEARS = range(2570, 2573)


def _plan(level: str, code: str) -> PlanVersion:
    Plan.objects.filter(area_id=code, level=level).delete()
    plan = services.plan_create(
        user=None, area=Area.objects.get(code=code), level=level, fiscal_years=YEARS
    )
    return plan.versions.get()


def _sent(draft: PlanVersion, tambon: PlanVersion, title: str, villages: list[str]) -> PlanItem:
    """A tambon item and its copy in the district draft, joined as tambon_send joins them."""
    source = services.item_create(
        user=None,
        version=tambon,
        data=data(title, "request", budgets={2570: Decimal("500000")}),
    )
    source.villages.set(Area.objects.filter(code__in=villages))
    copy = services.item_create(
        user=None,
        version=draft,
        data=data(title, "request", budgets={2570: Decimal("500000")}),
    )
    copy.villages.set(Area.objects.filter(code__in=villages))
    ItemLink.objects.create(
        source_id=source.lineage_id, target_id=copy.lineage_id, kind=LinkKind.SELECTED_FOR
    )
    return copy


@pytest.fixture
def plans():  # type: ignore[no-untyped-def]
    draft = _plan(PlanLevel.DISTRICT, "5201")
    north = _plan(PlanLevel.TAMBON, "520101")
    head = _plan(PlanLevel.TAMBON, "520102")
    # One road between two tambons, asked for by both; the next road of each is its own.
    road_a = _sent(draft, north, "ก่อสร้างถนน คสล. สายบ้านสันลัว - บ้านเหล่าตอง", ["52010101"])
    road_b = _sent(draft, head, "ก่อสร้างถนนคอนกรีตเสริมเหล็ก สายบ้านเหล่าตอง - บ้านสันลัว", ["52010201"])
    drain_a = _sent(draft, north, "ก่อสร้างรางระบายน้ำ คสล. บ้านแม่เหียง", ["52010103"])
    drain_b = _sent(draft, head, "ก่อสร้างรางระบายน้ำ คสล. บ้านหนองเหียง", ["52010202"])
    from planlink.integration.proposals import plan_changed

    plan_changed(draft.plan)
    return draft, (road_a, road_b, drain_a, drain_b)


def amphoe() -> User:
    return User.objects.get(username="amphoe-5201")


def test_the_same_road_from_two_tambons_is_a_candidate_their_own_drains_are_not(plans):
    draft, (road_a, road_b, _drain_a, _drain_b) = plans
    found = district.cross_tambon(draft)
    pairs = [{f.a.item_id, f.b.item_id} for f in found]
    assert pairs == [{road_a.pk, road_b.pk}]
    assert "สาย" in found[0].candidate.reason_th
    assert district.blockers(draft).undecided == 1


def test_merging_the_two_roads_keeps_both_tambons_lineage_and_one_budget(plans):
    draft, (road_a, road_b, _drain_a, _drain_b) = plans
    sources = set(
        ItemLink.objects.filter(
            target_id__in=[road_a.lineage_id, road_b.lineage_id], kind=LinkKind.SELECTED_FOR
        ).values_list("source_id", flat=True)
    )
    merged = district.district_items_merge(
        user=amphoe(), items=[road_a, road_b], into=road_a, reason="ถนนสายเดียวกัน สองตำบลเสนอ"
    )
    assert not PlanItem.objects.filter(pk=road_b.pk).exists()
    assert (
        set(
            merged.lineage.links_down.filter(kind=LinkKind.SELECTED_FOR).values_list(
                "source_id", flat=True
            )
        )
        == sources
    )
    assert {v.code for v in merged.villages.all()} == {"52010101", "52010201"}
    assert {b.fiscal_year: b.amount for b in merged.budgets.all()} == {2570: Decimal("500000")}
    assert district.cross_tambon(draft) == []
    assert district.blockers(draft).undecided == 0


def test_merging_district_wide_items_adds_their_budgets_and_needs_a_reason(plans):
    _draft, (_a, _b, drain_a, drain_b) = plans
    with pytest.raises(ValidationError):
        district.district_items_merge(
            user=amphoe(), items=[drain_a, drain_b], into=drain_a, reason=" "
        )
    merged = district.district_items_merge(
        user=amphoe(), items=[drain_a, drain_b], into=drain_a, reason="รวมเป็นโครงการระดับอำเภอ",
        title="ก่อสร้างรางระบายน้ำ คสล. ตำบลเวียงเหนือและตำบลหัวเวียง", add_budgets=True,
    )  # fmt: skip
    assert {b.fiscal_year: b.amount for b in merged.budgets.all()} == {2570: Decimal("1000000")}
    assert merged.title.startswith("ก่อสร้างรางระบายน้ำ คสล. ตำบล")


@pytest.mark.parametrize("who", ["officer-520101", "tambon-520101", "province", "district-5201"])
def test_only_the_district_administration_office_merges_and_approves(plans, who):
    draft, (road_a, road_b, _c, _d) = plans
    user = User.objects.get(username=who)
    with pytest.raises(PermissionDenied):
        district.district_items_merge(user=user, items=[road_a, road_b], into=road_a, reason="r")
    with pytest.raises(PermissionDenied):
        district.district_plan_approve(
            user=user, version=draft, meeting_date=date(2026, 11, 20), attendance=15,
            resolution="1/2570",
        )  # fmt: skip
    assert PlanItem.objects.filter(pk=road_b.pk).exists()
    assert PlanVersion.objects.get(pk=draft.pk).status == "draft"


def _province_framework() -> None:
    from planlink.frameworks.models import Framework

    ProvinceIssue.objects.update(node=None)
    Framework.objects.filter(kind=FrameworkKind.PROVINCE).delete()
    framework = framework_services.framework_create(
        user=None,
        area=Area.objects.get(code="52"),
        data=framework_services.FrameworkData(
            FrameworkKind.PROVINCE, "แผนพัฒนาจังหวัดลำปาง พ.ศ. 2566–2570", 2566, 2570
        ),
    )
    for code, title, words in (
        ("1", "พัฒนาโครงสร้างพื้นฐานและระบบคมนาคม", "ถนน, รางระบายน้ำ"),
        ("1.1", "แผนงานพัฒนาเส้นทางคมนาคมเชื่อมโยงชุมชน", "ถนน"),
        ("2", "บริหารจัดการทรัพยากรน้ำ", "ฝาย, ขุดลอก"),
    ):
        framework_services.node_save(
            user=None,
            framework=framework,
            data=framework_services.NodeData(code, title, words),
        )


def test_approval_waits_for_decisions_and_alignment_then_locks_and_goes_to_the_province(plans):
    draft, (road_a, _road_b, _drain_a, _drain_b) = plans
    _province_framework()
    user = amphoe()
    meeting = {"meeting_date": date(2026, 11, 20), "attendance": 15, "resolution": "ครั้งที่ 3/2570"}
    with pytest.raises(ValidationError, match="ข้ามตำบล"):
        district.district_plan_approve(user=user, version=draft, **meeting)
    found = district.cross_tambon(draft)[0]
    duplicates.duplicate_decide(
        user=user, key_a=found.a.key, key_b=found.b.key, verdict="distinct",
        reason="คนละช่วงของถนน ตำบลละช่วง",
    )  # fmt: skip
    with pytest.raises(ValidationError, match="สอดคล้อง"):
        district.district_plan_approve(user=user, version=draft, **meeting)
    assert alignment.alignments_refresh(user=user, version=draft) > 0
    roads = ItemAlignment.objects.filter(
        lineage=road_a.lineage, node__framework__kind=FrameworkKind.PROVINCE
    )
    # The owner's words pick the road programme (1.1, "ถนน"), deepest first.
    assert [r.node.code for r in roads] == ["1.1"]
    assert alignment.alignments_confirm_all(user=user, version=draft) >= 4
    with pytest.raises(ValidationError, match="อนาคต"):
        district.district_plan_approve(
            user=user, version=draft, **{**meeting, "meeting_date": timezone.localdate() + timedelta(days=1)}
        )  # fmt: skip
    approved = district.district_plan_approve(user=user, version=draft, **meeting)
    assert approved.status == "approved" and approved.resolution == "ครั้งที่ 3/2570"
    assert approved.get_status_display() == str(APPROVED_BY[PlanLevel.DISTRICT])
    with pytest.raises(ValidationError):  # locked: items change only in a revision
        services.item_create(user=user, version=approved, data=data("ขุดลอกหนองน้ำ", "request"))
    sent = district.district_plan_send(user=user, version=approved)
    assert sent.status == "published" and sent.get_status_display() == _("sent to the province")
    assert PlanEvent.objects.filter(version=draft, kind="published").exists()
    revision = services.revision_start(
        user=user, plan=draft.plan, kind="amendment", reason="ปรับตามงบ"
    )
    assert revision.number == 1 and revision.items.count() == 4
    # The alignments hold for the revision's copies: they are kept on the lineage.
    assert all(
        ItemAlignment.objects.filter(lineage=i.lineage, status=AlignmentStatus.CONFIRMED).exists()
        for i in revision.items.all()
    )


def test_a_rejected_suggestion_is_not_made_again_and_a_persons_pick_replaces_it(plans):
    draft, (road_a, *_rest) = plans
    _province_framework()
    user = amphoe()
    alignment.alignments_refresh(user=user, version=draft)
    suggested = ItemAlignment.objects.get(
        lineage=road_a.lineage, node__framework__kind=FrameworkKind.PROVINCE
    )
    alignment.alignment_decide(user=user, alignment=suggested, confirm=False)
    alignment.alignments_refresh(user=user, version=draft)
    rows = ItemAlignment.objects.filter(
        lineage=road_a.lineage, node__framework__kind=FrameworkKind.PROVINCE
    )
    assert [(r.node.code, r.status) for r in rows.order_by("node__sort_key")] == [
        ("1", "suggested"),  # the strategy above still fits ("ถนน")
        ("1.1", "rejected"),
    ]
    other = rows.get(node__code="1").node.framework.nodes.get(code="2")
    chosen = alignment.alignment_add(user=user, item=road_a, node=other)
    assert chosen.status == "confirmed"
    assert not rows.filter(status="suggested").exists()
    with pytest.raises(PermissionDenied):
        alignment.alignment_decide(
            user=User.objects.get(username="officer-520101"), alignment=chosen, confirm=False
        )


def test_the_issue_a_tambon_filed_the_item_under_suggests_its_node(plans):
    draft, (_a, _b, drain_a, _d) = plans
    _province_framework()
    water = (
        ProvinceIssue.objects.filter(province_id="52", fiscal_year=2570).order_by("number").first()
    )
    assert water is not None
    from planlink.frameworks.models import FrameworkNode

    node = FrameworkNode.objects.get(framework__kind="province", code="2")
    ProvinceIssue.objects.filter(pk=water.pk).update(node=node)
    source = ItemLink.objects.get(target=drain_a.lineage, kind=LinkKind.SELECTED_FOR).source
    TambonItem.objects.create(lineage=source, kind="need", issue=water)
    alignment.alignments_refresh(user=None, version=draft)
    row = ItemAlignment.objects.get(lineage=drain_a.lineage, node__framework__kind="province")
    assert row.node == node and row.score == 0.95 and "ประเด็น" in row.reason
