from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planlink.core import thai
from planlink.core.thai import ThaiValueError, parse_budget

# --- calendar -------------------------------------------------------------------------------


def test_be_ce():
    assert thai.ce_to_be(2019) == 2562
    assert thai.be_to_ce(2562) == 2019


@given(st.integers(min_value=1, max_value=9999))
def test_be_ce_round_trip(year):
    assert thai.be_to_ce(thai.ce_to_be(year)) == year


@pytest.mark.parametrize(
    ("day", "fy"),
    [
        (date(2018, 9, 30), 2561),
        (date(2018, 10, 1), 2562),  # FY 2562 starts 1 Oct 2018
        (date(2019, 9, 30), 2562),
        (date(2019, 10, 1), 2563),
        (date(2026, 11, 28), 2570),
    ],
)
def test_fiscal_year(day, fy):
    assert thai.fiscal_year(day) == fy


def test_fiscal_year_bounds():
    assert thai.fiscal_year_bounds(2562) == (date(2018, 10, 1), date(2019, 9, 30))


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)))
def test_every_day_lies_in_its_fiscal_year(day):
    start, end = thai.fiscal_year_bounds(thai.fiscal_year(day))
    assert start <= day <= end
    assert (end - start) in (timedelta(days=364), timedelta(days=365))


# --- digits ---------------------------------------------------------------------------------


def test_digits():
    assert thai.to_thai_digits("หมู่ที่ 5 ปี 2562") == "หมู่ที่ ๕ ปี ๒๕๖๒"
    assert thai.to_arabic_digits("๑,๒๕๐,๐๐๐") == "1,250,000"


@given(st.text())
def test_digit_round_trip_on_arabic_text(text):
    arabic = thai.to_arabic_digits(text)
    assert thai.to_arabic_digits(thai.to_thai_digits(arabic)) == arabic


@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_parse_int_reads_both_digit_systems(n):
    assert thai.parse_int(str(n)) == n
    assert thai.parse_int(thai.to_thai_digits(f"{n:,}")) == n


@pytest.mark.parametrize("bad", ["", "5a", "1.5", "หมู่"])
def test_parse_int_rejects(bad):
    with pytest.raises(ThaiValueError):
        thai.parse_int(bad)


# --- baht text ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        ("0", "ศูนย์บาทถ้วน"),
        ("1", "หนึ่งบาทถ้วน"),
        ("11", "สิบเอ็ดบาทถ้วน"),
        ("21", "ยี่สิบเอ็ดบาทถ้วน"),
        ("101", "หนึ่งร้อยเอ็ดบาทถ้วน"),
        ("120", "หนึ่งร้อยยี่สิบบาทถ้วน"),
        ("1250000", "หนึ่งล้านสองแสนห้าหมื่นบาทถ้วน"),
        ("1000001", "หนึ่งล้านเอ็ดบาทถ้วน"),
        ("21000000", "ยี่สิบเอ็ดล้านบาทถ้วน"),
        ("1234567.89", "หนึ่งล้านสองแสนสามหมื่นสี่พันห้าร้อยหกสิบเจ็ดบาทแปดสิบเก้าสตางค์"),
        ("0.50", "ห้าสิบสตางค์"),
        ("100.25", "หนึ่งร้อยบาทยี่สิบห้าสตางค์"),
        ("0.01", "หนึ่งสตางค์"),
    ],
)
def test_baht_text(amount, text):
    assert thai.baht_text(Decimal(amount)) == text


_WORDS = dict(
    zip(["หนึ่ง", "สอง", "สาม", "สี่", "ห้า", "หก", "เจ็ด", "แปด", "เก้า"], range(1, 10), strict=True)
)


def _words_to_int(text: str) -> int:
    """Independent reader of Thai number words (for the round-trip property)."""
    total, current, number = 0, 0, 0
    places = {"สิบ": 10, "ร้อย": 100, "พัน": 1000, "หมื่น": 10_000, "แสน": 100_000}
    i = 0
    while i < len(text):
        if text.startswith("ล้าน", i):
            total = (total + current + number) * 1_000_000
            current = number = 0
            i += 4
            continue
        if text.startswith("ยี่", i):
            number = 2
            i += 3
            continue
        if text.startswith("เอ็ด", i):
            number = 1
            i += 4
            continue
        for word, value in _WORDS.items():
            if text.startswith(word, i):
                number = value
                i += len(word)
                break
        else:
            for word, value in places.items():
                if text.startswith(word, i):
                    current += (number or 1) * value
                    number = 0
                    i += len(word)
                    break
            else:
                raise AssertionError(f"unexpected text at {text[i:]}")
    return total + current + number


@given(st.integers(min_value=1, max_value=10**13))
def test_baht_text_reads_back(n):
    text = thai.baht_text(Decimal(n))
    assert text.endswith("บาทถ้วน")
    assert _words_to_int(text.removesuffix("บาทถ้วน")) == n


# --- budgets --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1,250,000", Decimal("1250000.00")),
        ("1,250,000.-", Decimal("1250000.00")),
        ("1,250,000.00", Decimal("1250000.00")),
        ("๑,๒๕๐,๐๐๐ บาท", Decimal("1250000.00")),
        ("1.25 ล้านบาท", Decimal("1250000.00")),
        ("1.25ล้าน", Decimal("1250000.00")),
        ("3 แสน", Decimal("300000.00")),
        ("50,000 บาท", Decimal("50000.00")),
        ("งบประมาณ 20,000.- บาท", Decimal("20000.00")),
        ("ไม่ใช้งบประมาณ", Decimal("0.00")),
        ("(ไม่ใช้งบประมาณ)", Decimal("0.00")),
        ("", None),
        ("-", None),
        (None, None),
        (1250000, Decimal("1250000.00")),
        (1250000.5, Decimal("1250000.50")),
        (Decimal("99.99"), Decimal("99.99")),
    ],
)
def test_parse_budget(text, value):
    assert parse_budget(text) == value


@pytest.mark.parametrize(
    "text", ["abc", "1,25,0000", "1,5", "-500", "12.345", "1e5", "10" * 10, "สองหมื่น", True]
)
def test_parse_budget_rejects_with_both_languages(text):
    with pytest.raises(ThaiValueError) as info:
        parse_budget(text)
    assert info.value.th and info.value.en


@given(st.decimals(min_value=0, max_value=Decimal("999999999999.99"), places=2))
def test_budget_round_trips_through_every_written_form(amount):
    written = thai.format_baht(amount)
    assert parse_budget(written) == amount
    assert parse_budget(written + ".-" if written.endswith(".00") else written) == amount
    assert parse_budget(thai.format_baht(amount, thai_digits=True) + " บาท") == amount


@given(st.integers(min_value=0, max_value=999_999))
def test_budget_in_millions(thousandths):
    millions = Decimal(thousandths) / 1000
    assert parse_budget(f"{millions} ล้านบาท") == (millions * 1_000_000).quantize(Decimal("0.01"))
