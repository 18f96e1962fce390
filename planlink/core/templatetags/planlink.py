"""Template filters for numbers and dates as Thai readers expect them."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django import template
from django.utils import timezone
from django.utils.translation import get_language

from planlink.core import thai
from planlink.core.dates import MONTHS_TH_SHORT

register = template.Library()


@register.filter
def baht(value: object) -> str:
    """An amount of baht as the user typed it: 1,250,000 and 106,672.89 (satang only where
    the amount has them, never rounded away); '—' for nothing."""
    if value is None or value == "":
        return "—"
    try:
        number = Decimal(str(value))
    except Exception:
        return str(value)
    if not number.is_finite():
        return "—"
    return f"{number:,.0f}" if number == number.to_integral_value() else f"{number:,.2f}"


@register.filter
def num(value: object, decimals: int = 0) -> str:
    """Thousands separators; '—' for nothing (never 'None' or 'NaN')."""
    if value is None or value == "":
        return "—"
    try:
        number = Decimal(str(value))
    except Exception:
        return str(value)
    if not number.is_finite():
        return "—"
    return f"{number:,.{int(decimals)}f}"


@register.filter
def thai_digits(value: object) -> str:
    return thai.to_thai_digits(str(value))


@register.filter
def be_year(value: int | date | None) -> str:
    if value is None:
        return "—"
    year = value.year if isinstance(value, date) else int(value)
    return str(thai.ce_to_be(year))


@register.filter
def be_datetime(value: datetime | None) -> str:
    """28 พ.ย. 2569 14:05 in Thai; 28 Nov 2026 14:05 in English."""
    if value is None:
        return "—"
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    if (get_language() or "th").startswith("th"):
        month = MONTHS_TH_SHORT[local.month - 1]
        return f"{local.day} {month} {thai.ce_to_be(local.year)} {local:%H:%M}"
    return local.strftime("%d %b %Y %H:%M")


@register.filter
def localized_name(area: object) -> str:
    """The area's Thai name in Thai, its English name (if known) in English."""
    if (get_language() or "th").startswith("th"):
        return str(getattr(area, "display_name", area))
    return str(getattr(area, "display_name_en", area))


@register.filter
def abs_num(value: object, decimals: int = 0) -> str:
    """The size of a change without its sign (the arrow beside it says which way)."""
    if value is None:
        return "—"
    return num(abs(Decimal(str(value))), decimals)


@register.filter
def get_item(mapping: object, key: object) -> object:
    if isinstance(mapping, dict):
        return mapping.get(key)
    return None


@register.filter
def be_date(value: date | None) -> str:
    """15 มี.ค. 2569 in Thai; 15 Mar 2026 in English."""
    if value is None:
        return "—"
    if (get_language() or "th").startswith("th"):
        return f"{value.day} {MONTHS_TH_SHORT[value.month - 1]} {thai.ce_to_be(value.year)}"
    return value.strftime("%d %b %Y")


@register.filter
def split(text: str) -> list[str]:
    return text.split()


@register.filter
def field(form: object, name: str) -> object:
    """A bound field by name (`form|field:"title"`), for loops over field names."""
    return form[name]  # type: ignore[index]


@register.filter
def count_status(overview: object, status: str) -> int:
    return overview.count(status)  # type: ignore[attr-defined, no-any-return]
