"""The lineage chain of one item: down from a district item to the village need and its
evidence, up from the village need to the district plan; bounded queries; only what the
reader may see."""

from __future__ import annotations

import pytest
from django.urls import reverse

from planlink.accounts.models import User
from planlink.integration.lineage import chain
from planlink.integration.tests.test_district_services import plans  # noqa: F401
from planlink.plans.models import ItemLink, LinkKind, PlanItem

pytestmark = pytest.mark.django_db


@pytest.fixture
def linked(plans):  # type: ignore[no-untyped-def]  # noqa: F811
    """A demo village need of 52010101 with its problems, consolidated into the tambon item
    behind the district's first road."""
    _draft, (road_a, *_rest) = plans
    need = (
        PlanItem.objects.filter(version__plan__area_id="52010101", problems__isnull=False)
        .distinct()
        .first()
    )
    assert need is not None
    tambon_item = ItemLink.objects.get(target=road_a.lineage, kind=LinkKind.SELECTED_FOR).source
    ItemLink.objects.create(
        source=need.lineage, target=tambon_item, kind=LinkKind.CONSOLIDATED_INTO
    )
    return need, road_a


def test_down_from_the_district_item_to_the_village_need_and_its_evidence(
    linked, django_assert_max_num_queries
):
    need, road = linked
    amphoe = User.objects.get(username="amphoe-5201")
    with django_assert_max_num_queries(19):
        found = chain(user=amphoe, item=road)
        levels = [s.level for s in found.down]
        problems = [p.title for s in found.down for p in s.problems]
    assert levels == ["tambon", "village"]
    assert found.down[-1].item.pk == need.pk and problems
    assert any("แผนพัฒนาอำเภอ" in n for n in found.start.notes)


def test_up_from_the_village_need_to_the_district_plan(linked, django_assert_max_num_queries):
    need, road = linked
    officer = User.objects.get(username="officer-520101")
    with django_assert_max_num_queries(19):
        found = chain(user=officer, item=need)
    assert [s.level for s in found.up] == ["tambon", "district"]
    assert found.up[-1].item.pk == road.pk
    assert any("ยังไม่ได้คัดเลือก" in n or "อำเภอ" in n for n in found.up[0].notes)


def test_the_chain_page_reads_as_one_list_and_hides_what_the_reader_may_not_see(login, linked):
    need, road = linked
    html = login("village-52010101").get(reverse("integration:item_chain", args=[need.pk]))
    text = html.content.decode()
    assert html.status_code == 200 and need.title in text and road.title in text
    assert reverse("integration:item_chain", args=[road.pk]) in text
    # The item page links to its chain.
    page = login("village-52010101").get(reverse("plans:item", args=[need.pk])).content.decode()
    assert reverse("integration:item_chain", args=[need.pk]) in page
    # A village committee of another district sees no chain of this item.
    other = User.objects.create(username="committee-elsewhere")
    from planlink.accounts.models import RoleAssignment

    RoleAssignment.objects.create(user=other, role="village_committee", area_id="52020101")
    login("committee-elsewhere")
    assert login("committee-elsewhere").get(
        reverse("integration:item_chain", args=[need.pk])
    ).status_code in (403, 404)
