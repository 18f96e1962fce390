"""Two entries compared: what says they are another project, how well their places agree,
and the score of a candidate."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

from rapidfuzz import fuzz

from planlink.core.project_lexicon import WORK_TYPES
from planlink.integration.engine.consolidate import (
    FILLER,
    PLACE_WORKS,
    _same_water,
    family,
)
from planlink.integration.engine.duplicates.features import (
    ACTIVITY_SUBJECT,
    CHAIN,
    EXCLUSIVE,
    THRESHOLD,
    Candidate,
    Entry,
    place_name,
)
from planlink.integration.engine.duplicates.reasons import _reason_en, _reason_th, shown_place

# --- Pairwise -------------------------------------------------------------------------------


def _meets(a: str, b: str) -> bool:
    return a.startswith(b) or b.startswith(a)


def _differ(a: Sequence[object], b: Sequence[object]) -> bool:
    return bool(a) and bool(b) and not set(a) & set(b)


def _waters_differ(a: Sequence[str], b: Sequence[str]) -> bool:
    if not a or not b:
        return False
    return not any(_same_water(f"water:{x}", f"water:{y}") for x in a for y in b)


def _words(f: dict[str, Any]) -> str:
    # Read once per entry, kept in its features for the rest of the check (never stored).
    words = f.get("_words")
    if words is None:
        words = f["_words"] = " ".join(f["tokens"])
    return words


_NOT_SUBJECT = frozenset(
    {"โครงการ", "ส่งเสริม", "ฝึกอบรม", "อบรม", "รณรงค์", "พัฒนา", "กลุ่ม", "ศักยภาพ", "ลด", "ละ",
     "เลิก", "สนับสนุน", "จัดตั้ง", "จัดงาน", "สืบสาน", "อนุรักษ์", "ประเพณี", "ผลผลิต", "คัด",
     "กรอง", "ตรวจ", "ขึ้นไป", "จาก", "แก่", "ให้", "แปรรูป",
     # words of any activity's title, no subject
     "ชุมชน", "ประชาชน", "หมู่บ้าน", "อาชีพ", "โรค", "ภาวะ"}
)  # fmt: skip
_WORK_WORDS = frozenset(v for _label, variants in WORK_TYPES.values() for v in variants)


def _subject(f: dict[str, Any]) -> frozenset[str]:
    """What an activity is about: its words without the verbs, fillers and place names."""
    found = f.get("_subject")
    if found is None:
        found = f["_subject"] = _read_subject(f)
    return found


def _read_subject(f: dict[str, Any]) -> frozenset[str]:
    places = set(f.get("names", []))
    words = (t.removeprefix("การ") if len(t) > 4 else t for t in f["tokens"])
    return frozenset(
        t
        for t in words
        if t not in FILLER
        and t not in _NOT_SUBJECT
        and t not in _WORK_WORDS
        and len(t) > 1
        and place_name(t) not in places
    )


@functools.lru_cache(maxsize=65536)
def _alike(x: str, y: str) -> bool:
    """Two words of a subject alike: the same, one inside the other (ความดัน, ความดันโลหิต),
    or a spelling apart."""
    if x == y:
        return True
    if min(len(x), len(y)) >= 3 and (x in y or y in x):
        return True
    return min(len(x), len(y)) >= 4 and fuzz.ratio(x, y) >= 85


@functools.lru_cache(maxsize=65536)
def subject_overlap(sa: frozenset[str], sb: frozenset[str]) -> tuple[float, bool]:
    """(share of the two subjects' words that find an alike word on the other side, whether
    one subject is all found in the other)."""
    if not sa or not sb:
        return 0.0, False
    found_a = {x for x in sa if any(_alike(x, y) for y in sb)}
    found_b = {y for y in sb if any(_alike(x, y) for x in sa)}
    share = (len(found_a) + len(found_b)) / (len(sa) + len(sb))
    return share, found_a == sa or found_b == sb


def years_overlap(a: Entry, b: Entry) -> tuple[int, int] | None:
    first, last = max(a.first_year, b.first_year), min(a.last_year, b.last_year)
    return (first, last) if first <= last else None


def comparable(a: Entry, b: Entry) -> bool:
    """The blocking rule: different lists, not both community plans, areas and years meet."""
    return (
        a.group != b.group
        and not (a.origin in CHAIN and b.origin in CHAIN)
        and not a.generic
        and not b.generic
        and _meets(a.area, b.area)
        and years_overlap(a, b) is not None
    )


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


def conflict(
    fa: dict[str, Any], fb: dict[str, Any], a: Entry, b: Entry, *, activity: bool = False
) -> str | None:
    """A marker that the two are different projects (in English, for tests and the bench).
    Activities are told apart by subject, not by verb (อบรม, ส่งเสริม, รณรงค์ …)."""
    same_thing = fa["object"] is not None and fa["object"] == fb["object"]
    developed = "develop" in (fa["work"], fb["work"]) and same_thing  # พัฒนาแหล่งน้ำ = works
    works = {_work_family(fa), _work_family(fb)}
    soft = activity and works <= SOFT_WORKS
    # An activity promoting a work on the same thing is that work (ส่งเสริมการปลูกผัก and
    # ปลูกผัก); blocking keeps such pairs (a soft verb on one object, pairs._compatible).
    promoted = (
        activity
        and same_thing
        and any(
            _work_family(x) in SOFT_WORKS and y["work"] in x["works"]
            for x, y in ((fa, fb), (fb, fa))
        )
    )
    if not (soft or developed or promoted) and fa["work"] and fb["work"] and len(works) == 2:
        return "work"
    objects = {fa["object"], fb["object"]}
    if fa["object"] and fb["object"] and len(objects) == 2 and not objects & GENERIC_OBJECTS:
        return "object"
    if fa["material"] and fb["material"] and fa["material"] != fb["material"]:
        return "material"
    if _differ(fa["soi"], fb["soi"]):
        return "soi"
    if _differ(fa["sections"], fb["sections"]):
        return "section"
    if _differ(fa["sides"], fb["sides"]):
        return "side"
    if _km_apart(fa.get("km", []), fb.get("km", [])):
        return "section"
    if _exclusive(fa, fb):
        return "object"
    if _parts_differ(fa, fb):
        return "object"  # a roof, a toilet or a fence of it, against the whole
    if _routes_conflict(fa, fb):
        return "route"
    if _waters_differ(fa["waters"], fb["waters"]):
        return "water"
    if _differ(fa["named"], fb["named"]):
        return "named"
    if bool(fa["named"]) != bool(fb["named"]) and fa["object"] in _AT_ONE_SPOT - {"childcare"}:
        return "named"  # the temple's hall, the school's well: not the village's own
    spots_a, spots_b = _spots(fa), _spots(fb)
    if spots_a and spots_b and not spots_a & spots_b and not _ends_named(fa, fb):
        return "place"  # one names a ซอย, the other a สาย (or a water): two spots
    if a.villages and b.villages and not a.villages & b.villages:
        # A road between villages, a stream through them: in each of them.
        # Not a bridge over it, a weir in it: those stand at one spot, in one village.
        # Lights along a river are in the village they light: a water joins villages only
        # when the work is done to the water itself.
        line = bool(fa["ends"] or fa["codes"]) or (
            bool(fa["waters"]) and {fa["object"], fb["object"]} <= _WATER_OBJECTS
        )
        one_road = (
            line
            and not {fa["object"], fb["object"]} & _AT_ONE_SPOT
            and _place_agreement(fa, fb, a, b)[0] >= 1.0
        )
        if not one_road:
            return "village"
    if _differ(fa["moo"], fb["moo"]):
        return "village"  # each title says its หมู่, and they are not the same
    if _differ(fa["village_names"], fb["village_names"]) and not (
        set(fa["village_names"]) & set(fb["names"]) or set(fb["village_names"]) & set(fa["names"])
    ):
        return "village"  # each names its village (บ้าน…), and they are not the same
    return None


# Objects built at one spot (against a road, a line, a canal that runs through villages).
_AT_ONE_SPOT = frozenset(
    {"bridge", "weir", "culvert", "hall", "childcare", "water_tower", "well", "pump", "cctv",
     "sports_ground", "gym"}
)  # fmt: skip


# Objects that are a water (ขุดลอกลำห้วย, กำจัดผักตบชวา): the work is all along it.
_WATER_OBJECTS = frozenset({"waterway", "pond", "water_weed", None})


def _ends_named(fa: dict[str, Any], fb: dict[str, Any]) -> bool:
    """One gives a line's ends and the other names both of them without "สาย" (ขยายเขตไฟฟ้า
    บ้านทุ่งห้า - ลำห้วยแม่ตาล, ถนนเข้าอ่างเก็บน้ำแม่มอก บ้านแม่มอกใต้): the same line."""
    return any(
        len(pair) >= 2 and _within(pair, other["names"])
        for ends, other in ((fa["ends"], fb), (fb["ends"], fa))
        if not other["ends"]
        for pair in ends
    )


def _parts_differ(fa: dict[str, Any], fb: dict[str, Any]) -> bool:
    """One is done to a part (หลังคา, ห้องน้ำ …) the other does not name, not even among the
    details in its parentheses."""
    return bool(set(fa["parts"]) - set(fb["parts_any"]) or set(fb["parts"]) - set(fa["parts_any"]))


def _km_apart(a: list[list[int]], b: list[list[int]]) -> bool:
    """Both give the kilometres of their section, and the sections do not overlap."""
    if not a or not b:
        return False
    return not any(x[0] < y[1] and y[0] < x[1] for x in a for y in b)


def _groups(f: dict[str, Any]) -> dict[int, frozenset[str]]:
    """The title's words of each EXCLUSIVE group it has any of (read once per entry)."""
    found = f.get("_groups")
    if found is None:
        words = set(f.get("words", []))
        found = f["_groups"] = {
            i: _most_specific(words & group) for i, group in enumerate(EXCLUSIVE) if words & group
        }
    return found


def _most_specific(words: set[str]) -> frozenset[str]:
    """The words not inside another of them (เป็ดไข่ holds เป็ด: เป็ดไข่ says the kind)."""
    return frozenset(w for w in words if not any(w != v and w in v for v in words))


def _exclusive(fa: dict[str, Any], fb: dict[str, Any]) -> bool:
    """A group whose words both titles have, and none the same or one inside the other
    (เป็ด and เป็ดไข่ may be one; เป็ดไข่ and เป็ดเทศ are not)."""
    ga, gb = _groups(fa), _groups(fb)
    if not ga or not gb:
        return False
    return any(
        i in gb and not any(x in y or y in x for x in words for y in gb[i])
        for i, words in ga.items()
    )


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


# The verbs of activities that say how, not what (อบรม, ส่งเสริม, รณรงค์ … the same training
# is written with any of them): two activities are told apart by their subject instead. A
# visit, a purchase or a survey is what is done, and another verb is another activity.
SOFT_WORKS = frozenset(
    {"learn", "campaign", "screen", "establish", "conserve", "organise", "support", "guide",
     "make", None}
)  # fmt: skip
# Objects too general to tell two proposals apart ("ผลิตภัณฑ์" of weaving or of rice, a
# "กลุ่ม" of weavers or of cooks).
GENERIC_OBJECTS = frozenset({"product", "group"})
# Works that are one work here beyond consolidation's families: buying a thing with its
# installation is installing it, and a system installed is a system built (ติดตั้งระบบประปา
# and ก่อสร้างระบบประปา are one request in two bodies' words).
SAME_WORK = {"purchase": "construct", "install": "construct"}


def _family(work: str | None) -> str | None:
    return family(SAME_WORK.get(work or "", work))


def _work_family(f: dict[str, Any]) -> str | None:
    """The family of the title's work, read once per entry."""
    if "_family" not in f:
        f["_family"] = _family(f["work"])
    found: str | None = f["_family"]
    return found


def is_activity(fa: dict[str, Any], fb: dict[str, Any]) -> bool:
    """Neither names a work done at a place (building, repairing, dredging …)."""
    return fa["work"] not in PLACE_WORKS and fb["work"] not in PLACE_WORKS


def score(a: Entry, b: Entry) -> Candidate | None:
    """The pair as a candidate, or None when it is not one (see the module docstring)."""
    years = years_overlap(a, b)
    if years is None:
        return None
    fa, fb = a.feats, b.feats
    activity = is_activity(fa, fb)
    same_object = bool(fa["object"]) and fa["object"] == fb["object"]
    # The cheap necessary conditions first (most pairs fail one), then the conflicts.
    if activity:
        # An activity is told apart by its subject (ทำขนม vs จักสาน) and whom it is for: the
        # people of a village or a tambon, not a whole district's.
        wide_a, wide_b = len(a.area) <= 4 and not a.villages, len(b.area) <= 4 and not b.villages
        if wide_a != wide_b:
            return None
        sa, sb = _subject(fa), _subject(fb)
        overlap, contained = subject_overlap(sa, sb)
        # The same kind of activity (its object) on a subject with words in common, or
        # subjects that are mostly the same words.
        same_subject = contained or overlap >= ACTIVITY_SUBJECT
        if same_object and (overlap >= 0.25 or not (sa and sb)):
            same_subject = True
        if not same_subject:
            return None
    place, where = _place_agreement(fa, fb, a, b)
    if not activity and place < 0.5:
        return None  # nothing says it is the same spot (a district-wide line naming none)
    if conflict(fa, fb, a, b, activity=activity):
        return None
    same_work = bool(fa["work"]) and _work_family(fa) == _work_family(fb)
    text = float(fuzz.token_set_ratio(_words(fa), _words(fb))) / 100.0
    if not activity:
        if not (same_work or same_object) and text < 0.9:
            return None
        if not fa["object"] and not fb["object"]:
            # Neither says what is built: the rest of the words must say the same thing.
            share, contained = subject_overlap(_subject(fa), _subject(fb))
            if not contained and share < 0.6:
                return None
        value = 0.3 * text + 0.2 * same_work + 0.15 * same_object + 0.35 * place
    else:
        value = 0.4 * text + 0.35 * same_subject + 0.25 * max(place, 0.6)
    if value < THRESHOLD:
        return None
    return Candidate(
        a=min(a.key, b.key),
        b=max(a.key, b.key),
        score=round(value, 3),
        reason_th=_reason_th(
            fa, fb, shown_place(where, a.title, b.title), years, same_work, same_object, text
        ),
        reason_en=_reason_en(fa, where, years, text),
    )
