"""Dates typed the way Thai officers write them, and shown back the same way."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planlink.core.dates import (
    BEDateField,
    DateError,
    format_be_date,
    long_be_date,
    parse_be_date,
)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("12/02/2569", date(2026, 2, 12)),
        ("12/2/2569", date(2026, 2, 12)),
        ("1-10-2569", date(2026, 10, 1)),
        ("๑๒/๐๒/๒๕๖๙", date(2026, 2, 12)),
        (" 12 / 2 / 2569 ", date(2026, 2, 12)),
        ("12/2/69", date(2026, 2, 12)),
        ("12 ก.พ. 2569", date(2026, 2, 12)),
        ("12 กพ 2569", date(2026, 2, 12)),
        ("12 กุมภาพันธ์ 2569", date(2026, 2, 12)),
        ("12 กุมภาพันธ์ พ.ศ. 2569", date(2026, 2, 12)),
        ("29/02/2567", date(2024, 2, 29)),  # 2567 = 2024, a leap year
        ("2026-02-12", date(2026, 2, 12)),  # ISO from a browser or a client: Common Era
    ],
)
def test_what_officers_type(typed, expected):
    assert parse_be_date(typed) == expected


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("12/02/2026", "ค.ศ."),  # a C.E. year is named as such, never read as 1483
        ("29/02/2568", "ไม่มีวันที่ 29"),  # 2025 is no leap year
        ("12/13/2569", "ไม่มีวันที่"),
        ("12 ไม่รู้ 2569", "อ่านวันที่"),
        ("พรุ่งนี้", "อ่านวันที่"),
        ("12/02/3000", "ไม่ถูกต้อง"),
    ],
)
def test_what_is_refused_says_why(typed, says):
    with pytest.raises(DateError, match=says):
        parse_be_date(typed)


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2150, 12, 31)))
def test_shown_then_typed_back_is_the_same_day(day):
    assert parse_be_date(format_be_date(day)) == day
    assert parse_be_date(format_be_date(day, thai_digits=True)) == day
    assert parse_be_date(long_be_date(day)) == day


def test_the_form_field_shows_and_reads_be():
    field = BEDateField()
    assert field.widget.format_value(date(2026, 11, 20)) == "20/11/2569"
    assert 'inputmode="numeric"' in field.widget.render("d", date(2026, 11, 20))
    assert field.clean("20/11/2569") == date(2026, 11, 20)
    from django import forms

    with pytest.raises(forms.ValidationError, match=r"พ\.ศ\."):
        field.clean("20/11/2026")
