"""Coverage and gaps of a district plan: the pure functions, and the page on real data."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from planlink.integration.engine.coverage import (
    Item,
    Node,
    Problem,
    matrix,
    silent_villages,
    trends,
    unaddressed,
    unserved,
)
from planlink.integration.tests.test_district_services import plans  # noqa: F401

ITEMS = [
    Item("1", "ถนน", 1, ("520101",), ("bmn:22",), (11,)),
    Item("2", "ถนน", 1, ("520101", "520102"), (), (12,)),
    Item("3", "ฝาย", None, ("520102",), ("bmn:30",), ()),
]


def test_the_matrix_counts_items_per_issue_and_tambon_and_names_empty_tambons():
    found = matrix(ITEMS, [(1, "โครงสร้างพื้นฐาน"), (2, "แหล่งน้ำ")],
                   [("520101", "เวียงเหนือ"), ("520102", "หัวเวียง"), ("520103", "สวนดอก")])  # fmt: skip
    assert [r[2] for r in found.rows()] == [[2, 1, 0], [0, 0, 0], [0, 1, 0]]
    assert found.rows()[-1][1].startswith("ไม่ได้จัด")  # the unfiled row comes last
    assert found.totals() == [2, 2, 0] and found.empty_tambons() == ["สวนดอก"]


def test_a_strategy_is_served_through_a_node_under_it_and_unserved_children_fold_into_parents():
    nodes = [Node(10, "1", "ก"), Node(11, "1.1", "ก1"), Node(13, "1.2", "ก2"),
             Node(12, "2", "ข"), Node(14, "2.1", "ข1"), Node(15, "3", "ค"), Node(16, "3.1", "ค1")]  # fmt: skip
    assert [n.code for n in unserved(nodes, ITEMS)] == ["1.2", "2.1", "3"]


def test_top_problems_no_item_addresses_and_silent_villages():
    problems = [Problem("bmn:22", "รายได้", 1, Decimal("26")), Problem("bmn:5", "น้ำดื่ม", 2, None),
                Problem("bmn:30", "บุหรี่", 3, None), Problem("bmn:9", "เกินสิบ", 11, None)]  # fmt: skip
    assert [p.key for p in unaddressed(problems, ITEMS, top=10)] == ["bmn:5", "bmn:9"]
    assert [p.key for p in unaddressed(problems, ITEMS, top=2)] == ["bmn:5"]
    assert silent_villages({"a": 3, "b": 0, "c": 5, "d": 1}, {"d"}) == [("c", 5), ("a", 3)]


def test_the_indicator_of_an_item_is_its_first_measured_problem_in_the_latest_two_surveys():
    values = {"bmn:22": {2566: Decimal("30"), 2567: Decimal("28"), 2568: Decimal("26")}}
    found = trends(ITEMS, values, {"bmn:22": "รายได้"})
    assert found["1"] is not None and found["1"].values == (
        (2567, Decimal("28")),
        (2568, Decimal("26")),
    )
    assert found["1"].change == Decimal("-2")
    assert found["2"] is None and found["3"] is None  # bmn:30 was never measured here


@pytest.mark.django_db
def test_the_coverage_page_reads_the_district_plan(login, plans, django_assert_max_num_queries):  # noqa: F811
    draft, _items = plans
    client = login("amphoe-5201")
    with django_assert_max_num_queries(60):
        response = client.get(
            reverse("integration:district_coverage", args=["5201"]) + "?year=2570"
        )
    html = response.content.decode()
    assert response.status_code == 200
    assert "เวียงเหนือ" in html and "หัวเวียง" in html
    assert reverse("integration:item_chain", args=[draft.items.first().pk]) in html
