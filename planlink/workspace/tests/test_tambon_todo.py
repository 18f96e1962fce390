"""The ศอช.ต.'s to-do list follows its tambon plan: consolidate, review, file, the forum."""

from __future__ import annotations

import pytest

from planlink.areas.models import Area
from planlink.integration import services
from planlink.integration.models import TambonItem
from planlink.plans.models import Plan

pytestmark = pytest.mark.django_db


def _home(login) -> str:  # type: ignore[no-untyped-def]
    return login("tambon-520101").get("/").content.decode()


def test_the_tcoc_is_told_each_next_step(login):
    Plan.objects.filter(level="tambon", area_id="520101").delete()
    assert "รวมแผนหมู่บ้านของตำบลเวียงเหนือ" in _home(login)

    result = services.tambon_consolidate(
        user=None, tambon=Area.objects.get(code="520101"), first_year=2570
    )
    n = result.version.items.count()
    page = _home(login)
    assert f"ทบทวนรายการที่ระบบเสนอในแผนตำบล {n} รายการ" in page
    assert "/areas/520101/tambon-plan/?year=2570" in page

    first = TambonItem.objects.filter(lineage__plan=result.plan)
    first.update(accepted_at="2026-11-20T10:00:00+07:00")
    page = _home(login)
    assert "ทบทวนรายการที่ระบบเสนอ" not in page
    assert "ยืนยันประเด็นของจังหวัดให้" in page
    first.update(issue_confirmed_at="2026-11-20T10:00:00+07:00")
    assert "บันทึกประชาคมตำบล" in _home(login)


def test_others_get_no_tambon_line(login):
    assert "แผนชุมชนระดับตำบลของคุณ" not in login("officer-520101").get("/").content.decode()
    assert "แผนชุมชนระดับตำบลของคุณ" not in login("village-52010101").get("/").content.decode()
