"""One cell of a plan file read: text, amounts ("1,250,000.-", Thai digits), days, dates and
the problem links."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal, InvalidOperation

from planlink.core.thai import ThaiValueError, parse_budget, to_arabic_digits
from planlink.plans.excel.columns import (
    _MAX_DAYS,
)


def _clean_text(value: object) -> str:
    # Excel and CSV hand line breaks back as \r\n or \n; the database keeps \n.
    return str(value).replace("\r\n", "\n").replace("\r", "\n").strip()


def _amount(raw: object, add: Callable[[str, str], None]) -> Decimal | None:
    if raw is None:
        return Decimal("0")
    if to_arabic_digits(str(raw)).strip().startswith("-") and str(raw).strip() not in ("-", "–"):
        add(
            f"จำนวนเงินสมทบติดลบไม่ได้: '{raw}'",
            f"a contribution cannot be negative: '{raw}'",
        )
        return None
    try:
        amount = parse_budget(raw)
    except ThaiValueError as exc:
        add(exc.th, exc.en)
        return None
    return Decimal("0") if amount is None else amount


def _days(raw: object, add: Callable[[str, str], None]) -> Decimal | None:
    if raw is None:
        return Decimal("0")
    text = to_arabic_digits(str(raw)).strip().replace(",", "")
    for suffix in ("คน-วัน", "คนวัน", "วัน", "person-days"):
        text = text.removesuffix(suffix).strip()
    if text in ("", "-", "–"):
        return Decimal("0")
    try:
        days = Decimal(text)
    except InvalidOperation:
        days = None
    if days is None or not days.is_finite():
        add(
            f"อ่านจำนวนคน-วัน '{raw}' ไม่ได้ ให้เขียนเช่น 12 หรือ 12.5",
            f"cannot read '{raw}' as person-days",
        )
        return None
    if days < 0:
        add(f"แรงงานสมทบติดลบไม่ได้: '{raw}'", f"a contribution cannot be negative: '{raw}'")
        return None
    if days != days.quantize(Decimal("0.1")) or days > _MAX_DAYS:
        add(
            f"คน-วันมีทศนิยมได้ 1 ตำแหน่ง และไม่เกิน 9,999,999.9: '{raw}'",
            f"person-days take one decimal place and at most 9,999,999.9: '{raw}'",
        )
        return None
    return days.quantize(Decimal("0.1"))


def _date(raw: object) -> date:
    from planlink.evidence.importers.families import parse_thai_date

    return parse_thai_date(str(raw))


_KEY = re.compile(r"^([A-Za-z][A-Za-z0-9_]*:[^\s;]+)\s*(?:[—–-]\s*)?(.*)$", re.S)


_SPLIT = re.compile(r"\s*(?:;|\n)\s*(?=[A-Za-z][A-Za-z0-9_]*:)")


def _problems(
    raw: object,
    raw_details: object,
    existing: Sequence[tuple[str, str, int | None, Decimal | None]],
    add: Callable[[str, str], None],
) -> list[tuple[str, str, int | None, Decimal | None]] | None:
    """The problems a cell names; titles, survey years and shares come from the hidden details
    column, else the item's current links, else the title written after the key."""
    if raw is None:
        return []
    details = _details(raw_details)
    current = {key: (title, year, share) for key, title, year, share in existing}
    found: dict[str, tuple[str, int | None, Decimal | None]] = {}
    bad = []
    for part in _SPLIT.split(_clean_text(raw)):
        part = part.strip().strip(";").strip()
        if not part:
            continue
        match = _KEY.match(part)
        if match is None or len(match.group(1)) > 40:
            bad.append(part)
            continue
        key, written = to_arabic_digits(match.group(1)), _clean_text(match.group(2))
        known = details.get(key) or current.get(key)
        if known is not None:
            title, year, share = known
            found.setdefault(key, (written or title, year, share))
        else:
            found.setdefault(key, (written or key, None, None))
    if bad:
        add(
            f"อ่านรหัสปัญหาไม่ได้: {', '.join(repr(b) for b in bad)} ให้เขียนเช่น bmn:22; poor:bmn",
            f"cannot read problem keys {', '.join(repr(b) for b in bad)}; "
            "write them like bmn:22; poor:bmn",
        )
        return None
    return [(key, title[:300], year, share) for key, (title, year, share) in found.items()]


def _details(raw: object) -> dict[str, tuple[str, int | None, Decimal | None]]:
    """The hidden problem-details cell; anything unreadable is ignored (the keys still count)."""
    if raw is None:
        return {}
    try:
        loaded = json.loads(str(raw))
    except ValueError:
        return {}
    result: dict[str, tuple[str, int | None, Decimal | None]] = {}
    if not isinstance(loaded, dict):
        return {}
    for key, value in loaded.items():
        if not isinstance(value, list) or len(value) != 3:
            continue
        try:
            title, year, share = value
            year = None if year is None else int(year)
            share = None if share is None else Decimal(str(share))
        except (TypeError, ValueError, InvalidOperation):
            continue
        if share is not None and not (share.is_finite() and 0 <= share <= 100):
            share = None
        result[str(key)] = (str(title or key), year, share)
    return result
