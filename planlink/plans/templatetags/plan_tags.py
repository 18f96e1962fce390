"""Template filters of the plan pages."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import template

from planlink.plans.engine.rules import is_overdue

register = template.Library()


@register.filter
def overdue(item: Any, today: date) -> bool:
    """`{% if item|overdue:today %}`: engine.rules.is_overdue, the one definition."""
    return is_overdue(item.end_date, item.status, today)
