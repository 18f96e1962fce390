"""Dates as Thai officers write them: day/month/Buddhist-Era year.

`parse_be_date` reads what people type into a date field — "12/2/2569", "12-02-2569",
"๑๒/๐๒/๒๕๖๙", "12 ก.พ. 2569", "12 กุมภาพันธ์ 2569" — and the machine form "2026-02-12"
(ISO, Common Era, as a browser date input or an API sends it). A day/month/year date must
carry its B.E. year: "12/02/2026" is refused with a message saying so, never read as the
year 1483. `BEDateField` is the form field every date form uses.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django import forms

from planlink.core.thai import BE_OFFSET, to_arabic_digits

MONTHS_TH = (
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
)
MONTHS_TH_SHORT = (
    "ม.ค.",
    "ก.พ.",
    "มี.ค.",
    "เม.ย.",
    "พ.ค.",
    "มิ.ย.",
    "ก.ค.",
    "ส.ค.",
    "ก.ย.",
    "ต.ค.",
    "พ.ย.",
    "ธ.ค.",
)
_MONTH_NUMBER = {
    **{name: n for n, name in enumerate(MONTHS_TH, 1)},
    **{name.replace(".", ""): n for n, name in enumerate(MONTHS_TH_SHORT, 1)},
}
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_NUMERIC = re.compile(r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{2,4})")
_WORDS = re.compile(r"(\d{1,2})\s*([ก-๙.]+?)\s*(?:พ\.?ศ\.?\s*)?(\d{2,4})")
# B.E. years a plan date can have (C.E. 1857–2157): anything else is a mistyped year.
_BE_RANGE = (2400, 2700)


class DateError(ValueError):
    """`str(error)` is "Thai / English"."""


def _year_be(text: str) -> int:
    year = int(text)
    if len(text) == 2:  # "69" → 2569
        year += 2500
    if not _BE_RANGE[0] <= year <= _BE_RANGE[1]:
        if 1800 <= year <= 2200:
            raise DateError(
                f"ปี {year} เป็นปี ค.ศ. กรุณาใส่ปี พ.ศ. (เช่น {year + BE_OFFSET}) / "
                f"{year} is a Common Era year: enter the Buddhist-Era year ({year + BE_OFFSET})"
            )
        raise DateError(f"ปี พ.ศ. {year} ไม่ถูกต้อง / {year} is not a valid B.E. year")
    return year


def _make(year_ce: int, month: int, day: int) -> date:
    try:
        return date(year_ce, month, day)
    except ValueError as exc:
        raise DateError(
            f"ไม่มีวันที่ {day} เดือน {month} ในปีนั้น / there is no day {day} in month {month} of that year"
        ) from exc


def parse_be_date(text: str) -> date:
    """The date in `text` (see the module docstring); DateError when it is not one."""
    value = to_arabic_digits(text).strip()
    if match := _ISO.fullmatch(value):
        year, month, day = (int(g) for g in match.groups())
        if year >= _BE_RANGE[0]:  # "2569-02-12": an ISO-looking B.E. date
            year -= BE_OFFSET
        return _make(year, month, day)
    if match := _NUMERIC.fullmatch(value):
        day, month = int(match[1]), int(match[2])
        return _make(_year_be(match[3]) - BE_OFFSET, month, day)
    if match := _WORDS.fullmatch(value):
        named = _MONTH_NUMBER.get(match[2].replace(".", ""))
        if named is not None:
            return _make(_year_be(match[3]) - BE_OFFSET, named, int(match[1]))
    raise DateError(
        f"อ่านวันที่ “{text.strip()[:40]}” ไม่ได้ กรุณาใส่เป็น วัน/เดือน/ปี พ.ศ. เช่น 12/02/2569 / "
        "not a date: enter day/month/B.E. year, e.g. 12/02/2569"
    )


def format_be_date(value: date | None, *, thai_digits: bool = False) -> str:
    """ "12/02/2569" (the form fields' format)."""
    if value is None:
        return ""
    text = f"{value.day:02d}/{value.month:02d}/{value.year + BE_OFFSET}"
    if thai_digits:
        from planlink.core.thai import to_thai_digits

        text = to_thai_digits(text)
    return text


def long_be_date(value: date | None) -> str:
    """ "12 กุมภาพันธ์ 2569" (documents and pages)."""
    if value is None:
        return ""
    return f"{value.day} {MONTHS_TH[value.month - 1]} {value.year + BE_OFFSET}"


class BEDateInput(forms.TextInput):
    """A text input showing day/month/B.E. year (a browser's date input shows C.E. dates in
    the browser's locale, e.g. 12/02/2026, to a Thai officer: wrong)."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        base = {
            "inputmode": "numeric",
            "placeholder": "วว/ดด/ปปปป (พ.ศ.)",
            "autocomplete": "off",
            "class": "be-date",
            "size": "12",
        }
        super().__init__({**base, **(attrs or {})})

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, date):
            return format_be_date(value)
        shown: str | None = super().format_value(value)
        return shown


class BEDateField(forms.DateField):
    widget = BEDateInput
    default_error_messages = {"invalid": "วันที่ไม่ถูกต้อง / not a valid date"}

    def to_python(self, value: Any) -> date | None:
        if value in self.empty_values:
            return None
        if isinstance(value, date):
            return value
        try:
            return parse_be_date(str(value))
        except DateError as exc:
            raise forms.ValidationError(str(exc), code="invalid") from exc
