"""Two entries compared: what says they are another project (`conflict`), and the score of
a candidate (`score`). What the places and the kinds of things say is in `places` and
`kinds`."""

from __future__ import annotations

import dataclasses
import functools
from typing import Any

from rapidfuzz import fuzz

from planlink.core.project_lexicon import WORK_TYPES
from planlink.integration.engine.consolidate import FILLER
from planlink.integration.engine.duplicates.features import (
    ACTIVITY_SUBJECT,
    CHAIN,
    THRESHOLD,
    Candidate,
    Entry,
    place_name,
)
from planlink.integration.engine.duplicates.kinds import (
    _AT_ONE_SPOT,
    _UNPAVED,
    _WATER_OBJECTS,
    DOMAIN_OBJECTS,
    GENERIC_OBJECTS,
    ONE_ACTIVITY,
    ONE_THING,
    ONE_TOPIC,
    SOFT_WORKS,
    _exclusive,
    _family,
    _parts_differ,
    _surfacing,
    _work_family,
    is_activity,
)
from planlink.integration.engine.duplicates.places import (
    _differ,
    _ends_named,
    _km_apart,
    _place_agreement,
    _routes_conflict,
    _soi_named_alike,
    _spots,
    _waters_differ,
)
from planlink.integration.engine.duplicates.reasons import _reason_en, _reason_th, shown_place

__all__ = ["GENERIC_OBJECTS", "SOFT_WORKS", "_family", "_place_agreement", "is_activity"]

# --- Pairwise -------------------------------------------------------------------------------


def _meets(a: str, b: str) -> bool:
    return a.startswith(b) or b.startswith(a)


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
     "ชุมชน", "ประชาชน", "หมู่บ้าน", "อาชีพ", "โรค", "ภาวะ", "เข้า"}
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


def comparable(a: Entry, b: Entry, *, chain: bool = False) -> bool:
    """The blocking rule: different lists, not both community plans (unless `chain`: the
    district plan's items of different tambons), areas and years meet."""
    return (
        a.group != b.group
        and (chain or not (a.origin in CHAIN and b.origin in CHAIN))
        and not a.generic
        and not b.generic
        and _meets(a.area, b.area)
        and years_overlap(a, b) is not None
    )


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
    one_work = soft or developed or promoted or _surfacing(fa, fb)
    if not one_work and fa["work"] and fb["work"] and len(works) == 2:
        return "work"
    if activity and any(
        "train" in x["works"]
        and not x.get("inputs")
        and y.get("inputs")
        and "train" not in y["works"]
        for x, y in ((fa, fb), (fb, fa))
    ):
        return "work"  # a training, and the fry, feed or machines handed out: two projects
    objects = {fa["object"], fb["object"]}
    if fa["object"] and fb["object"] and len(objects) == 2 and not objects & GENERIC_OBJECTS:
        # An activity's broad domain (สุขภาพ, ประเพณี, อาชีพ) holds the specific one's
        # (screening health takes in screening diabetes): its subject decides instead.
        broad = activity and bool(objects & DOMAIN_OBJECTS)
        if not broad and objects not in ONE_THING and not (activity and objects in ONE_ACTIVITY):
            return "object"
    materials = {fa["material"], fb["material"]}
    if fa["material"] and fb["material"] and len(materials) == 2 and not materials <= _UNPAVED:
        return "material"
    if _differ(fa["soi"], fb["soi"]) and not _soi_named_alike(fa, fb):
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


def score(a: Entry, b: Entry) -> Candidate | None:
    """The pair as a candidate, or None when it is not one (see the module docstring). A title
    joining two works with "และ" is also read as each of them alone (features.alts)."""
    found = _score(a, b)
    if found is not None or not (a.feats.get("alts") or b.feats.get("alts")):
        return found
    for x in _readings(a):
        for y in _readings(b):
            if x is not a or y is not b:
                found = _score(x, y)
                if found is not None:
                    return found
    return None


def _readings(e: Entry) -> list[Entry]:
    """The entry, then one entry per work of its "และ" title (caches of the reading dropped)."""
    kept = {k: v for k, v in e.feats.items() if not k.startswith("_")}
    alone = [
        dataclasses.replace(e, feats={**kept, **alt, "parts_any": e.feats["parts_any"]})
        for alt in e.feats.get("alts", [])
    ]
    return [e, *alone]


def _score(a: Entry, b: Entry) -> Candidate | None:
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
        elif same_object and fa["object"] in ONE_TOPIC:
            # One topic (ไข้เลือดออก / ยุงลาย) worked on the same way: one activity.
            same_subject = _work_family(fa) == _work_family(fb)
        if not same_subject:
            return None
    place, where = _place_agreement(fa, fb, a, b)
    if not activity and place < 0.5:
        return None  # nothing says it is the same spot (a district-wide line naming none)
    if conflict(fa, fb, a, b, activity=activity):
        return None
    same_work = bool(fa["work"]) and _work_family(fa) == _work_family(fb)
    developed = "develop" in (fa["work"], fb["work"])
    if not activity and same_object and (developed or _surfacing(fa, fb)):
        same_work = True  # พัฒนาแหล่งน้ำ… (ขุดลอก) is the dredging of it
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
