"""Selectors that find plans return only what the user may see."""

from __future__ import annotations

from datetime import date

import pytest

from planlink.accounts.models import User
from planlink.areas.models import Area
from planlink.plans import selectors

pytestmark = pytest.mark.django_db


def test_overview_and_village_plan_follow_the_users_area():
    tambon = Area.objects.get(code="520101")
    officer = User.objects.get(username="officer-520101")
    committee = User.objects.get(username="village-52010101")
    everyone = selectors.overview(user=officer, area=tambon, today=date(2026, 12, 2))
    assert len(everyone.rows) > 1 and all(
        r.village.code.startswith("520101") for r in everyone.rows
    )
    own = selectors.overview(user=committee, area=tambon, today=date(2026, 12, 2))
    assert [r.village.code for r in own.rows] == ["52010101"]
    other = Area.objects.get(code="52010102")
    assert selectors.village_plan(user=officer, village=other) is not None
    assert selectors.village_plan(user=committee, village=other) is None


def test_the_data_pack_offers_the_draft_only_to_its_editor(client, empty_village_plan):
    draft = empty_village_plan.versions.get()
    village = Area.objects.get(code="52010101")
    committee = User.objects.get(username="village-52010101")
    officer = User.objects.get(username="officer-520101")
    assert selectors.draft_for_problems(committee, village) == draft
    assert selectors.draft_for_problems(officer, village) is None  # the officer reviews it
    for user, shown in ((committee, True), (officer, False)):
        client.force_login(user)
        page = client.get("/areas/52010101/evidence/").content.decode()
        assert (f"/plans/versions/{draft.pk}/items/new/" in page) is shown
