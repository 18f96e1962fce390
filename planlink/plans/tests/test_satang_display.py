"""Budgets on the pages as the user typed them: satang shown, never rounded away."""

from __future__ import annotations

from decimal import Decimal

import pytest

from planlink.core.templatetags.planlink import baht
from planlink.plans.services import item_create
from planlink.plans.tests.conftest import data

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("amount", "shown"),
    [
        (Decimal("106672.89"), "106,672.89"),
        (Decimal("1250000.00"), "1,250,000"),
        (Decimal("0.50"), "0.50"),
        (0, "0"),
        (None, "—"),
    ],
)
def test_baht(amount, shown):
    assert baht(amount) == shown


def test_item_and_plan_pages_keep_the_satang(login, plan_with_items, committee):
    version = plan_with_items.versions.get()
    item = item_create(
        user=committee,
        version=version,
        data=data(
            "ก่อสร้างรางระบายน้ำ คสล. ซอย 7 หมู่ที่ 1",
            "request",
            budgets={2570: Decimal("106672.89")},
        ),
    )
    client = login("village-52010101")
    assert "106,672.89" in client.get(f"/plans/items/{item.pk}/").content.decode()
    page = client.get("/areas/52010101/plan/").content.decode()
    assert "106,672.89" in page and "106,673" not in page
