"""Where two entries are: the names of places read alike, routes, ซอย and sections told
apart, and how sure the two are at one place."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rapidfuzz import fuzz

from planlink.integration.engine.consolidate import _same_water
from planlink.integration.engine.duplicates.features import Entry, place_name


def _differ(a: Sequence[object], b: Sequence[object]) -> bool:
    return bool(a) and bool(b) and not set(a) & set(b)


def _waters_differ(a: Sequence[str], b: Sequence[str]) -> bool:
    if not a or not b:
        return False
    return not any(_same_water(f"water:{x}", f"water:{y}") for x in a for y in b)


def _same_name(x: str, y: str) -> bool:
    """Two place names the same, or a spelling apart (โป่งทอง / ปงทอง); not one inside the
    other (บ้านกาด is not บ้านกาดเหนือ)."""
    if x == y:
        return True
    if x.startswith(y) or y.startswith(x):
        # ศาลาดอน and ศาลาดอนใต้, นาแก้ว and นาแก้วตะวันออก: two places; but a final vowel
        # written or not (ห้วยเฮี้ย / ห้วยเฮียะ) is one.
        return abs(len(x) - len(y)) == 1 and max(x, y, key=len)[-1] in _FINALS
    pairs = zip(x, y, strict=False)
    stem = next((i for i, (c, d) in enumerate(pairs) if c != d), min(len(x), len(y)))
    if stem and (x[stem:].startswith(_QUALIFIERS) or y[stem:].startswith(_QUALIFIERS)):
        return False  # นาแก้วตะวันออก and นาแก้วตะวันตก, ปงทองเหนือ and ปงทองใต้
    return min(len(x), len(y)) >= 4 and fuzz.ratio(x, y) >= 85


# Final vowels a name is written with or without (ะ ๆ), and the words that make another
# village of a name (บ้านนาแก้วตะวันออก and ตะวันตก), as place keys write them (no tone marks).
_FINALS = "ะๆ"


_QUALIFIERS = ("เหนือ", "ใต", "ตะวันออก", "ตะวันตก", "ออก", "ตก", "กลาง", "ใหม", "เกา",
               "นอย", "หลวง", "ใน", "นอก", "บน", "ลาง", "พัฒนา", "สามัคคี")  # fmt: skip


def _within(pair: Sequence[str], names: Sequence[str]) -> bool:
    """Every name of `pair` is among `names` (a spelling apart at most)."""
    return bool(pair) and all(any(_same_name(x, n) for n in names) for x in pair)


def _same_ends(a: Sequence[str], b: Sequence[str]) -> bool:
    return len(a) == len(b) and _within(a, b) and _within(b, a)


def _routes_conflict(fa: dict[str, Any], fb: dict[str, Any]) -> bool:
    """Two roads (or lines, canals) told apart: other registration codes, or other ends."""
    if _differ(fa["codes"], fb["codes"]):
        return True
    ends_a, ends_b = fa["ends"], fb["ends"]
    if ends_a and ends_b:
        return not any(
            _same_ends(x, y) or _within(x, fb["names"]) or _within(y, fa["names"])
            for x in ends_a
            for y in ends_b
        )
    for ends, other in ((ends_a, fb), (ends_b, fa)):
        # One names the road's ends, the other names two places that are not both of them.
        named_two = len(other["names"]) >= 2 and not other["ends"]
        if ends and named_two and not any(_within(e, other["names"]) for e in ends):
            return True
    return False


def _soi_named_alike(fa: dict[str, Any], fb: dict[str, Any]) -> bool:
    """A named ซอย with its village's name or not (ซอยข้างวัด บ้านท่าเกวียน and
    ซอยข้างวัดท่าเกวียน): one ซอย."""
    for x in fa["soi"]:
        for y in fb["soi"]:
            short, long_, other = (x, y, fa) if len(x) <= len(y) else (y, x, fb)
            if short[0].isdigit() or not long_.startswith(short) or short == long_:
                continue
            rest = place_name(long_[len(short) :])
            # The name of the village is said elsewhere in the other title (บ้านท่าเกวียน).
            if len(rest) >= 3 and rest in place_name("".join(other["tokens"])):
                return True
    return False


# Where any village's roads lead (ทุ่งนา, ป่าช้า, ไร่, สวน, วัด, as keys) and its main street:
# such a road is told apart from another by them, but two villages' roads "เข้าทุ่งนา" (or
# their main streets) are two roads.
GENERIC_ENDS = frozenset({"นา", "ปาชา", "ไร", "สวน", "ปา", "วัด", "โรงเรียน", "หมูบาน", "กลางบาน"})


def _ends_named(fa: dict[str, Any], fb: dict[str, Any]) -> bool:
    """One gives a line's ends and the other names both of them without "สาย" (ขยายเขตไฟฟ้า
    บ้านทุ่งห้า - ลำห้วยแม่ตาล, ถนนเข้าอ่างเก็บน้ำแม่มอก บ้านแม่มอกใต้): the same line."""
    return any(
        len(pair) >= 2 and (_within(pair, other["names"]) or _one_end_and_village(pair, other))
        for ends, other in ((fa["ends"], fb), (fb["ends"], fa))
        if not other["ends"]
        for pair in ends
    )


def _one_end_and_village(pair: Sequence[str], other: dict[str, Any]) -> bool:
    """The other names all ends but one, and says its own village (by หมู่ or name): the line
    from its village (ถนนสายหมู่บ้าน – อ่างเก็บน้ำห้วยแก้ว หมู่ที่ 7)."""
    missing = [x for x in pair if not any(_same_name(x, n) for n in other["names"])]
    return len(missing) == 1 and bool(other["moo"] or other["village_names"])


def _km_apart(a: list[list[int]], b: list[list[int]]) -> bool:
    """Both give the kilometres of their section, and the sections do not overlap."""
    if not a or not b:
        return False
    return not any(x[0] < y[1] and y[0] < x[1] for x in a for y in b)


def _spots(f: dict[str, Any]) -> frozenset[str]:
    """The kinds of spot a title names (the kinds named on both sides already agree)."""
    found = f.get("_spots")
    if found is None:
        kinds = {"soi": f["soi"], "route": f["codes"] or f["ends"], "water": f["waters"]}
        kinds["named"] = f["named"]
        found = f["_spots"] = frozenset(kind for kind, value in kinds.items() if value)
    return found


def _place_agreement(
    fa: dict[str, Any], fb: dict[str, Any], a: Entry, b: Entry
) -> tuple[float, str]:
    """How sure the two are at one place (0–1) and the place in Thai."""
    if fa["waters"] and fb["waters"]:
        for w in fa["waters"]:
            if any(_same_water(f"water:{w}", f"water:{y}") for y in fb["waters"]):
                return 1.0, w
    codes = _common(fa["codes"], fb["codes"])
    if codes:
        return 1.0, f"สาย {codes[0]}"
    for ends, other in ((fa["ends"], fb), (fb["ends"], fa)):
        for pair in ends:
            if all(x in GENERIC_ENDS for x in pair):
                continue  # every village has its road to the fields: no one place of its own
            if any(_same_ends(pair, e) for e in other["ends"]) or _within(pair, other["names"]):
                return 1.0, "สาย " + " - ".join(pair)
    named = _common(fa["named"], fb["named"])
    if named:
        return 0.9, named[0]
    soi = _common(fa["soi"], fb["soi"])
    shared = sorted(a.villages & b.villages) if a.villages and b.villages else []
    moo = _common(fa["moo"], fb["moo"])
    names = sorted(
        set(_common(fa["village_names"], fb["names"]))
        | set(_common(fb["village_names"], fa["names"]))
    )
    where = ""
    if moo:
        where = f"หมู่ที่ {moo[0]}"
    elif names:
        where = f"บ้าน{names[0]}"
    elif shared:
        where = f"หมู่ที่ {int(shared[0][-2:])}"  # a village code ends in its หมู่
    if soi:
        where = f"{where} ซอย {soi[0]}".strip()
        return (1.0 if (shared or moo or names) else 0.8), where
    if shared or moo or names:
        return 0.75, where
    return 0.35, ""


def _common(a: Sequence[Any], b: Sequence[Any]) -> list[Any]:
    """The values in both, sorted (most titles have none of a kind: no sets built then)."""
    if not a or not b:
        return []
    return sorted(set(a) & set(b))
