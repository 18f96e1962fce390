"""Reads of the frameworks: what a province set for a year, for anyone inside the province."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from planlink.accounts import access
from planlink.accounts.roles import Capability
from planlink.frameworks.models import ProvinceIssue


def province_code(area_code: str) -> str:
    return area_code[:2]


def issues_for(*, province: str, fiscal_year: int) -> QuerySet[ProvinceIssue]:
    """The issues of a province's year, in their order (no access check: services and engines
    that already hold an area of the province call this)."""
    return ProvinceIssue.objects.filter(province_id=province, fiscal_year=fiscal_year).order_by(
        "number"
    )


def issue_years(*, province: str) -> list[int]:
    return sorted(
        set(
            ProvinceIssue.objects.filter(province_id=province).values_list("fiscal_year", flat=True)
        ),
        reverse=True,
    )


def can_set(user: Any, province: str) -> bool:
    return access.can(user, Capability.SET_FRAMEWORKS, province)
