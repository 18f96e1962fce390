"""Each integration test starts with the demo tambon 520101 not yet consolidated (the demo
consolidates every tambon; these tests walk consolidation themselves)."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _unconsolidated(request):  # type: ignore[no-untyped-def]
    if "django_db" not in request.keywords and "db" not in request.fixturenames:
        return
    from planlink.plans.models import Plan

    Plan.objects.filter(level="tambon", area_id="520101").delete()
