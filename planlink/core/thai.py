"""Thai calendar, digits, baht text and budget parsing.

Everything here is pure and total over its documented inputs; the importers and the reports
rely on these functions to read what real Thai documents contain and to write what official
documents expect.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

BE_OFFSET = 543
_THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
_ARABIC_DIGITS = "0123456789"
_TO_ARABIC = str.maketrans(_THAI_DIGITS, _ARABIC_DIGITS)
_TO_THAI = str.maketrans(_ARABIC_DIGITS, _THAI_DIGITS)

MAX_BUDGET = Decimal("999999999999.99")  # DecimalField(14, 2)
_CENT = Decimal("0.01")


@dataclass(frozen=True)
class ThaiValueError(ValueError):
    """A value that cannot be read, with the reason in Thai and in English."""

    th: str
    en: str

    def __str__(self) -> str:
        return f"{self.th} / {self.en}"


# --- Calendar ---------------------------------------------------------------------------


def be_to_ce(year_be: int) -> int:
    """Buddhist-Era year to Common-Era year (2562 → 2019)."""
    return year_be - BE_OFFSET


def ce_to_be(year_ce: int) -> int:
    """Common-Era year to Buddhist-Era year (2019 → 2562)."""
    return year_ce + BE_OFFSET


def fiscal_year(day: date) -> int:
    """The Thai fiscal year (B.E.) containing `day`; FY n runs 1 Oct of n-1 to 30 Sep of n."""
    year_ce = day.year + 1 if day.month >= 10 else day.year
    return ce_to_be(year_ce)


def fiscal_year_bounds(year_be: int) -> tuple[date, date]:
    """First and last day of fiscal year `year_be` (B.E.)."""
    year_ce = be_to_ce(year_be)
    return date(year_ce - 1, 10, 1), date(year_ce, 9, 30)


# --- Digits -----------------------------------------------------------------------------


def to_arabic_digits(text: str) -> str:
    """Replace Thai digits (๐–๙) with Arabic digits; everything else is kept."""
    return text.translate(_TO_ARABIC)


def to_thai_digits(text: str) -> str:
    """Replace Arabic digits with Thai digits (๐–๙), as official documents write them."""
    return text.translate(_TO_THAI)


def parse_int(text: str) -> int:
    """An integer written with Arabic or Thai digits, spaces and thousands commas allowed."""
    cleaned = to_arabic_digits(str(text)).strip().replace(",", "").replace(" ", "")
    if cleaned.endswith(".0"):  # spreadsheets hand integers back as floats
        cleaned = cleaned[:-2]
    if not re.fullmatch(r"[+-]?\d+", cleaned):
        raise ThaiValueError(th=f"'{text}' ไม่ใช่ตัวเลขจำนวนเต็ม", en=f"'{text}' is not a whole number")
    return int(cleaned)


# --- Baht text --------------------------------------------------------------------------

_DIGIT_WORDS = ["", "หนึ่ง", "สอง", "สาม", "สี่", "ห้า", "หก", "เจ็ด", "แปด", "เก้า"]
_PLACE_WORDS = ["", "สิบ", "ร้อย", "พัน", "หมื่น", "แสน"]


def _group_text(number: int, *, has_higher: bool) -> str:
    """Words for 0 ≤ number < 1,000,000; `has_higher` when a larger place is non-zero."""
    digits = [int(d) for d in str(number)]
    words: list[str] = []
    places = len(digits)
    for index, digit in enumerate(digits):
        place = places - index - 1
        if digit == 0:
            continue
        if place == 1 and digit == 1:
            words.append("สิบ")
        elif place == 1 and digit == 2:
            words.append("ยี่สิบ")
        elif place == 0 and digit == 1 and (has_higher or number > 1):
            words.append("เอ็ด")
        else:
            words.append(_DIGIT_WORDS[digit] + _PLACE_WORDS[place])
    return "".join(words)


def _number_text(number: int) -> str:
    if number == 0:
        return "ศูนย์"
    groups: list[int] = []
    while number > 0:
        groups.append(number % 1_000_000)
        number //= 1_000_000
    parts: list[str] = []
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        has_higher = any(groups[index + 1 :])
        if group:
            parts.append(_group_text(group, has_higher=has_higher))
        if index > 0:
            parts.append("ล้าน")
    return "".join(parts)


def baht_text(amount: Decimal | int) -> str:
    """Amount in words as on Thai cheques and official documents (Excel BAHTTEXT style).

    >>> baht_text(Decimal("1250000"))
    'หนึ่งล้านสองแสนห้าหมื่นบาทถ้วน'
    >>> baht_text(Decimal("0.50"))
    'ห้าสิบสตางค์'
    """
    value = Decimal(amount).quantize(_CENT, rounding=ROUND_HALF_UP)
    if value < 0:
        return "ลบ" + baht_text(-value)
    baht = int(value)
    satang = int((value - baht) * 100)
    if satang == 0:
        return _number_text(baht) + "บาทถ้วน"
    satang_words = _number_text(satang) + "สตางค์"
    if baht == 0:
        return satang_words
    return _number_text(baht) + "บาท" + satang_words


# --- Budgets ----------------------------------------------------------------------------

# Phrases that mean "this activity uses no budget" in village and local plans.
_NO_BUDGET = ("ไม่ใช้งบประมาณ", "ไม่ใช้งบ", "ไม่ใช้เงิน", "ไม่ต้องใช้งบประมาณ", "ไม่มีค่าใช้จ่าย")
_BLANKS = {"", "-", "–", "—", "..", "...", "n/a"}
_MULTIPLIERS = {
    "ล้าน": Decimal(1_000_000),
    "แสน": Decimal(100_000),
    "หมื่น": Decimal(10_000),
    "พัน": Decimal(1_000),
}
_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+")


def parse_budget(text: object) -> Decimal | None:
    """Read a budget as real documents write it.

    Accepts "1,250,000", "1,250,000.-", "๑,๒๕๐,๐๐๐ บาท", "1.25 ล้านบาท", "3 แสน",
    numbers from spreadsheets (int, float, Decimal) and "ไม่ใช้งบประมาณ" (→ 0).
    Blank or a dash means "not given" (→ None). Anything else raises ThaiValueError.
    """
    if text is None:
        return None
    if isinstance(text, bool):
        raise ThaiValueError(th="งบประมาณต้องเป็นตัวเลข", en="the budget must be a number")
    if isinstance(text, int | float | Decimal):
        return _checked_budget(Decimal(str(text)), str(text))
    raw = str(text)
    cleaned = to_arabic_digits(raw).strip().lower()
    cleaned = re.sub(r"\s+", "", cleaned)
    if cleaned in _BLANKS:
        return None
    if any(phrase in cleaned for phrase in _NO_BUDGET):
        return Decimal("0.00")
    for prefix in ("งบประมาณ", "ประมาณ", "จำนวน"):
        cleaned = cleaned.removeprefix(prefix)
    for suffix in (".-", "-", "บาท", "บ.", "thb", "baht"):
        cleaned = cleaned.removesuffix(suffix)
    cleaned = cleaned.removesuffix(".-").removesuffix("-")
    multiplier = Decimal(1)
    for word, factor in _MULTIPLIERS.items():
        if cleaned.endswith(word):
            cleaned = cleaned.removesuffix(word)
            multiplier = factor
            break
    if cleaned.startswith("-"):
        raise ThaiValueError(
            th=f"งบประมาณติดลบไม่ได้: '{raw}'", en=f"a budget cannot be negative: '{raw}'"
        )
    if not _NUMBER.fullmatch(cleaned):
        raise ThaiValueError(
            th=f"อ่านงบประมาณ '{raw}' ไม่ได้ ให้เขียนเช่น 1,250,000 หรือ 1.25 ล้านบาท",
            en=f"cannot read the budget '{raw}'; write it like 1,250,000 or 1.25 ล้านบาท",
        )
    try:
        value = Decimal(cleaned.replace(",", "")) * multiplier
    except InvalidOperation as exc:  # pragma: no cover - the regex admits only numbers
        raise ThaiValueError(th=f"อ่านงบประมาณ '{raw}' ไม่ได้", en=f"cannot read '{raw}'") from exc
    return _checked_budget(value, raw)


def _checked_budget(value: Decimal, raw: str) -> Decimal:
    if not value.is_finite():
        raise ThaiValueError(th=f"อ่านงบประมาณ '{raw}' ไม่ได้", en=f"cannot read the budget '{raw}'")
    if value < 0:
        raise ThaiValueError(
            th=f"งบประมาณติดลบไม่ได้: '{raw}'", en=f"a budget cannot be negative: '{raw}'"
        )
    if value != value.quantize(_CENT, rounding=ROUND_HALF_UP):
        raise ThaiValueError(
            th=f"งบประมาณมีทศนิยมเกิน 2 ตำแหน่ง (สตางค์): '{raw}'",
            en=f"a budget has at most 2 decimal places (satang): '{raw}'",
        )
    if value > MAX_BUDGET:
        raise ThaiValueError(th=f"งบประมาณสูงเกินไป: '{raw}'", en=f"the budget is too large: '{raw}'")
    return value.quantize(_CENT)


def format_baht(amount: Decimal, *, thai_digits: bool = False, decimals: int = 2) -> str:
    """1250000 → "1,250,000.00" (or in Thai digits), as tables in official documents show."""
    text = f"{amount:,.{decimals}f}"
    return to_thai_digits(text) if thai_digits else text
