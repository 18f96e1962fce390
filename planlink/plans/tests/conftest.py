from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from planlink.accounts.models import User
from planlink.areas.models import Area
from planlink.evidence.models import DevelopmentCategory
from planlink.plans.services import ItemData, item_create, plan_create


@pytest.fixture
def committee() -> User:
    return User.objects.get(username="village-52010101")


@pytest.fixture
def officer() -> User:
    return User.objects.get(username="officer-520101")


@pytest.fixture
def empty_village_plan(committee):  # type: ignore[no-untyped-def]
    """A fresh plan for a village without one (the demo may give 52010101 a plan)."""
    from planlink.plans.models import Plan

    Plan.objects.filter(area_id="52010101").delete()
    return plan_create(
        user=committee,
        area=Area.objects.get(code="52010101"),
        level="village",
        fiscal_years=range(2570, 2572 + 1),
    )


def category(code: str = "infrastructure") -> int:
    return DevelopmentCategory.objects.get(code=code).pk


def data(title: str, mode: str, **extra) -> ItemData:  # type: ignore[no-untyped-def]
    return ItemData(
        title=title,
        mode=mode,
        category_id=category(extra.pop("category", "infrastructure")),
        **extra,
    )


@pytest.fixture
def plan_with_items(empty_village_plan, committee):  # type: ignore[no-untyped-def]
    version = empty_village_plan.versions.get()
    item_create(
        user=committee,
        version=version,
        data=data(
            "ก่อสร้างถนน คสล. ซอย 3 หมู่ที่ 1",
            "request",
            budgets={2570: Decimal("450000"), 2571: Decimal("200000")},
        ),
    )
    item_create(
        user=committee,
        version=version,
        data=data("ขุดลอกลำเหมือง", "joint", budgets={2570: Decimal("30000")}),
    )
    item_create(
        user=committee,
        version=version,
        data=data("ส่งเสริมการปลูกผักปลอดสารพิษ", "self", category="economy"),
    )
    return empty_village_plan


def png(size: tuple[int, int] = (40, 30)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, (30, 120, 60)).save(buffer, format="PNG")
    return SimpleUploadedFile("photo.png", buffer.getvalue(), content_type="image/png")
