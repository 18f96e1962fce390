"""The duplicate check across budget sources (seed 5.1: a project proposed to the district
must not be one already proposed for budget from another source), as pure functions.

A **candidate** is the same work at the same place in overlapping fiscal years, whatever the
wording: a village's "ซ่อมแซมถนน คสล. ซอย 4 บ้านปงทอง หมู่ที่ 7" and the municipality's ผ.02
line "โครงการปรับปรุงถนนคอนกรีตเสริมเหล็ก ซอย ๔ หมู่ที่ ๗ บ้านปงทอง กว้าง 4 เมตร …".

Entries come from the index of proposals (`integration.proposals`), each with the features
`features()` read from its title once, when it was indexed, so a check never re-reads text:

1. **Blocking.** Two entries are compared only when their fiscal years overlap, their areas
   meet (one's area code is, or lies inside, the other's), they come from different lists,
   and at least one is from another budget source than the community plans (a village item
   and the tambon item made from it are one proposal, joined by their links). Entries are
   bucketed by tambon and work family, so a province is compared tambon by tambon.
2. **What says "another project".** Another work or object, another material of the same
   object, another ซอย, ช่วงที่ or สาย, another named water, or villages known on both sides
   with none in common (another หมู่): any one of them and the pair is no candidate — a
   near miss in the next หมู่ or ซอย is a different project, however alike the words.
3. **Score** (0–1): text similarity (RapidFuzz token-set ratio over the title's words, place
   names, numbers and units taken out) weighed with the work, the object and how well the
   places agree (the same water or route, the same หมู่/village, or only the same area).
   A pair scoring `THRESHOLD` or more is a candidate, with a plain reason in Thai and English
   ("งานเดียวกัน: ปรับปรุงรางระบายน้ำ; ที่เดียวกัน: หมู่ที่ 3 ซอย 7; ปีซ้อนกัน 2570").
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz

from planlink.core.project_lexicon import WORK_TYPES
from planlink.core.project_text import ProjectText, normalise, object_label, work_label
from planlink.integration.engine.consolidate import (
    FILLER,
    PLACE_WORKS,
    _same_water,
    family,
)

CHAIN = frozenset({"village", "tambon", "district"})  # the community plans' own line
THRESHOLD = 0.65
ACTIVITY_SUBJECT = 0.5  # Jaccard of two activities' subject words
_UNITS = frozenset(
    (
        "เมตร",
        "ม",
        "กม",
        "กิโลเมตร",
        "กว้าง",
        "ยาว",
        "หนา",
        "ลึก",
        "สูง",
        "ขนาด",
        "พื้นที่",
        "ตร",
        "ตารางเมตร",
        "ลบ",
        "ลูกบาศก์เมตร",
        "จุด",
        "แห่ง",
        "ต้น",
        "ตัว",
        "ชุด",
        "บ่อ",
        "ไม่น้อยกว่า",
        "รวม",
        "ผิวจราจร",
        "ไหล่ทาง",
        "พร้อม",
        "ปริมาณ",
        "ความ",
        "โครงการ",
        "ตำบล",
        "อำเภอ",
        "จังหวัด",
        "ต",
        "อ",
        "จ",
        "บาท",
        "งบประมาณ",
    )
)
_NUMBERISH = re.compile(r"^[0-9.,x×/-]+$")


_ROUTE_CODE = re.compile(r"[ก-ฮ]{2}\.ถ [0-9]{1,3}-[0-9]{4,5}")
_HIGHWAY = re.compile(r"(?<![ก-๛])(ลป|ทล|ทช)\.?\s?([0-9]{1,4})(?![0-9])")
_SIDE = re.compile(r"(?:ฝั่ง|ด้าน)\s?(?:ทิศ)?\s?(ซ้าย|ขวา|ตะวันออก|ตะวันตก|เหนือ|ใต้)")
_KM = re.compile(r"กม\.?\s?(?:ที่)?\s?([0-9]+)\+([0-9]{3})\s?-\s?(?:กม\.?\s?)?([0-9]+)\+([0-9]{3})")
# Words that tell two works of one kind apart: one side's word against another of its set.
EXCLUSIVE = (
    frozenset({"แรงต่ำ", "แรงสูง"}),
    frozenset({"เพื่อการเกษตร", "อุปโภค"}),
    frozenset({"ท่อระบายน้ำ", "รางระบายน้ำ", "ร่องระบายน้ำ"}),
    frozenset({"พักผู้โดยสาร", "อเนกประสงค์"}),
    frozenset({"หอกระจายข่าว", "ไร้สาย"}),
    frozenset({"แขวน", "คอนกรีตเสริมเหล็ก"}),
    frozenset({"ดินซีเมนต์", "กระสอบทราย", "คอนกรีตเสริมเหล็ก", "ผสมผสาน"}),
)
# A part of a building or site: a roof over the court is not the court; and the building of
# a school or a temple is not the village's.
PARTS = ("หลังคา", "ห้องน้ำ", "รั้ว", "บันได", "โรงเรียน")
_MARKS = str.maketrans("", "", "\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c")
_END_PREFIXES = (
    "บาน", "อางเก็บนำ", "อางฯ", "อาง", "ลำหวย", "ลำนำ", "ลำเหมือง", "ลำ", "หวย", "หนอง", "ทุง", "แยก"
)  # fmt: skip


def place_name(name: str) -> str:
    """A place name as a key: no tone marks, no บ้าน/ลำห้วย/ห้วย… prefix, no spaces."""
    key = name.translate(_MARKS).replace(" ", "")
    stripped = True
    while stripped:
        stripped = False
        for prefix in _END_PREFIXES:
            if key.startswith(prefix) and len(key) > len(prefix) + 1:
                key, stripped = key[len(prefix) :], True
                break
    return key


def _end(name: str) -> str:
    """A road's end or name as a key; "สายกลางบ้าน…" / "สายกลางหมู่บ้าน" is the village's main
    street, whichever way it is written (the village itself is said elsewhere)."""
    key = place_name(name)
    return "กลางบาน" if key.startswith(("กลางบาน", "กลางหมูบาน")) else key


def _water_name(water: str) -> str:
    return place_name(water)


# Raised whenever `features` changes what it reads: rows of the index with another version are
# indexed again when next read (integration.proposals.entries).
FEATURES_VERSION = 2


def features(text: ProjectText) -> dict[str, Any]:
    """What the check needs of a title, as plain JSON (stored in the index)."""
    p = text.place
    codes = {r for r in p.routes if _ROUTE_CODE.fullmatch(r)}
    codes |= {f"{m[0]}.{m[1]}" for m in _HIGHWAY.findall(text.normalised)}
    ends: list[list[str]] = []
    for route in p.routes:
        if route in codes or _ROUTE_CODE.fullmatch(route):
            continue
        pair = [_end(e) for e in re.split(r"-", route) if e.strip()]
        if 1 <= len(pair) <= 3:
            ends.append(sorted(pair))  # a road's ends, or its one name (สายทุ่งนาหลวง)
    if p.span:
        ends.append(sorted(place_name(e) for e in p.span))
    in_routes = {n for pair in ends for n in pair}
    villages = sorted({place_name(v) for v in p.villages} - in_routes)
    names = sorted(
        set(villages)
        | in_routes
        | {_water_name(w) for w in p.waters}
        | {place_name(n) for n in p.named}
    )
    return {
        "v": FEATURES_VERSION,
        "work": text.work,
        "object": text.object,
        "material": text.material,
        "tokens": [t for t in text.tokens if not _NUMBERISH.match(t) and t not in _UNITS],
        "soi": sorted(set(p.soi)),
        "sections": sorted(set(p.sections)),
        "codes": sorted(codes),
        "ends": sorted(ends),
        "waters": sorted(set(p.waters)),
        "named": sorted(set(p.named)),
        "moo": sorted(set(p.moo)),
        "village_names": villages,
        "names": names,
        "sides": sorted(set(_SIDE.findall(text.normalised))),
        "km": [
            [int(a) * 1000 + int(b), int(c) * 1000 + int(d)]
            for a, b, c, d in _KM.findall(text.normalised)
        ],
        "words": sorted(
            {w for group in EXCLUSIVE for w in group if w in text.normalised.replace(" ", "")}
        ),
        "parts": sorted({w for w in PARTS if w in text.normalised}),
    }


@dataclass(frozen=True)
class Entry:
    """One proposal of the index, as the check sees it."""

    key: str  # "item:<lineage>" or "line:<list>:<line key>"
    origin: str  # village, tambon, district, local, province, agency
    group: str  # the plan or list it belongs to: entries of one group are never compared
    area: str  # the smallest area known to hold the whole work (a code prefix)
    villages: frozenset[str]  # village codes the work is in, when known
    first_year: int
    last_year: int
    title: str
    feats: dict[str, Any] = field(hash=False, compare=False)
    generic: bool = False  # a programme item: its villages' own lines are checked instead


@dataclass(frozen=True)
class Candidate:
    a: str
    b: str
    score: float
    reason_th: str
    reason_en: str


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
     "กรอง", "ตรวจ", "ขึ้นไป", "จาก", "แก่", "ให้", "แปรรูป"}
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
        return False  # ศาลาดอน and ศาลาดอนใต้, นาแก้ว and นาแก้วตะวันออก: two places
    return min(len(x), len(y)) >= 4 and fuzz.ratio(x, y) >= 85


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
    works = {_family(fa["work"]), _family(fb["work"])}
    soft = activity and works <= SOFT_WORKS
    if not soft and not developed and fa["work"] and fb["work"] and len(works) == 2:
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
    if _exclusive(fa.get("words", []), fb.get("words", [])):
        return "object"
    if set(fa.get("parts", [])) != set(fb.get("parts", [])):
        return "object"  # a roof, a toilet or a fence of it, against the whole
    if _routes_conflict(fa, fb):
        return "route"
    if _waters_differ(fa["waters"], fb["waters"]):
        return "water"
    if _differ(fa["named"], fb["named"]):
        return "named"
    spots_a, spots_b = _spots(fa), _spots(fb)
    if spots_a and spots_b and not spots_a & spots_b:
        return "place"  # one names a ซอย, the other a สาย (or a water): two spots
    if a.villages and b.villages and not a.villages & b.villages:
        # A road between villages, a stream through them: in each of them.
        one_road = bool(fa["ends"] or fa["codes"] or fa["waters"]) and (
            _place_agreement(fa, fb, a, b)[0] >= 1.0
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


def _km_apart(a: list[list[int]], b: list[list[int]]) -> bool:
    """Both give the kilometres of their section, and the sections do not overlap."""
    if not a or not b:
        return False
    return not any(x[0] < y[1] and y[0] < x[1] for x in a for y in b)


def _exclusive(a: list[str], b: list[str]) -> bool:
    sa, sb = set(a), set(b)
    for group in EXCLUSIVE:
        ga, gb = sa & group, sb & group
        if ga and gb and not ga & gb:
            return True
    return False


def _spots(f: dict[str, Any]) -> set[str]:
    """The kinds of spot a title names (the kinds named on both sides already agree)."""
    kinds = {"soi": f["soi"], "route": f["codes"] or f["ends"], "water": f["waters"]}
    kinds["named"] = f["named"]
    return {kind for kind, value in kinds.items() if value}


def _place_agreement(
    fa: dict[str, Any], fb: dict[str, Any], a: Entry, b: Entry
) -> tuple[float, str]:
    """How sure the two are at one place (0–1) and the place in Thai."""
    waters = [
        w
        for w in fa["waters"]
        if any(_same_water(f"water:{w}", f"water:{y}") for y in fb["waters"])
    ]
    if waters:
        return 1.0, waters[0]
    codes = sorted(set(fa["codes"]) & set(fb["codes"]))
    if codes:
        return 1.0, f"สาย {codes[0]}"
    for ends, other in ((fa["ends"], fb), (fb["ends"], fa)):
        for pair in ends:
            if any(_same_ends(pair, e) for e in other["ends"]) or _within(pair, other["names"]):
                return 1.0, "สาย " + " - ".join(pair)
    named = sorted(set(fa["named"]) & set(fb["named"]))
    if named:
        return 0.9, named[0]
    soi = sorted(set(fa["soi"]) & set(fb["soi"]))
    shared = sorted(a.villages & b.villages)
    moo = sorted(set(fa["moo"]) & set(fb["moo"]))
    names = sorted(
        set(fa["village_names"]) & set(fb["names"]) | set(fb["village_names"]) & set(fa["names"])
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


# The verbs of activities that say how, not what (อบรม, ส่งเสริม, รณรงค์ … the same training
# is written with any of them): two activities are told apart by their subject instead. A
# visit, a purchase or a survey is what is done, and another verb is another activity.
SOFT_WORKS = frozenset(
    {"learn", "campaign", "screen", "establish", "conserve", "organise", "support", "guide",
     "make", None}
)  # fmt: skip
# Objects too general to tell two proposals apart ("ผลิตภัณฑ์" of weaving or of rice).
GENERIC_OBJECTS = frozenset({"product"})
# Works that are one work here beyond consolidation's families: buying a thing with its
# installation is installing it.
SAME_WORK = {"purchase": "install"}


def _family(work: str | None) -> str | None:
    return family(SAME_WORK.get(work or "", work))


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
    if conflict(fa, fb, a, b, activity=activity):
        return None
    text = float(fuzz.token_set_ratio(_words(fa), _words(fb))) / 100.0
    same_work = bool(fa["work"]) and _family(fa["work"]) == _family(fb["work"])
    same_object = bool(fa["object"]) and fa["object"] == fb["object"]
    place, where = _place_agreement(fa, fb, a, b)
    if not activity:
        if place < 0.5:
            return None  # nothing says it is the same spot (a district-wide line naming none)
        if not (same_work or same_object) and text < 0.9:
            return None
        if not fa["object"] and not fb["object"]:
            # Neither says what is built: the rest of the words must say the same thing.
            share, contained = subject_overlap(_subject(fa), _subject(fb))
            if not contained and share < 0.6:
                return None
        value = 0.3 * text + 0.2 * same_work + 0.15 * same_object + 0.35 * place
    else:
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


_ROUTE_TEXT = re.compile(r"สาย\s?([^\s()]+(?:\s?[-–]\s?[^\s()]+)*)")


def _as_written(key: str, text: str) -> str | None:
    """The words of `text` that read as `key` once tone marks and spaces are taken out
    (the index keeps place names as keys; a person reads them as written)."""
    kept = [(i, c) for i, c in enumerate(text) if c not in "\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c "]
    bare = "".join(c for _i, c in kept)
    at = bare.find(key)
    if at < 0 or not key:
        return None
    end = kept[at + len(key) - 1][0] + 1
    while end < len(text) and text[end] in "\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c":
        end += 1  # the tone mark on the last letter
    return text[kept[at][0] : end]


def shown_place(where: str, *titles: str) -> str:
    """The place of a reason as the titles write it: "สาย ชาง" → "สายทุ่งช้าง"."""
    if not where:
        return where
    for title in titles:
        text = normalise(title)
        if where.startswith("สาย "):
            key = where.removeprefix("สาย ").split(" - ")[0]
            for found in _ROUTE_TEXT.finditer(text):
                if key in found.group(0).translate(_MARKS).replace(" ", ""):
                    return found.group(0)
        else:
            head = where.split(" ")[0]
            if head in ("หมู่ที่", "ซอย"):
                return where
            written = _as_written(head.translate(_MARKS), text)
            if written:
                return where.replace(head, written, 1)
    return where


def _work_words(f: dict[str, Any]) -> str:
    if f["work"] and f["object"]:
        return work_label(f["work"]) + object_label(f["object"])
    if f["work"]:
        return work_label(f["work"])
    return " ".join(f["tokens"][:4])


def _years_th(years: tuple[int, int]) -> str:
    first, last = years
    return str(first) if first == last else f"{first}–{last}"


def _reason_th(
    fa: dict[str, Any],
    fb: dict[str, Any],
    where: str,
    years: tuple[int, int],
    same_work: bool,
    same_object: bool,
    text: float,
) -> str:
    parts = []
    if same_work or same_object:
        parts.append(f"งานเดียวกัน: {_work_words(fa)}")
    else:
        parts.append(f"ชื่อโครงการคล้ายกัน {round(text * 100)}%")
    parts.append(f"ที่เดียวกัน: {where}" if where else "อยู่ในพื้นที่เดียวกัน")
    parts.append(f"ปีซ้อนกัน {_years_th(years)}")
    return "; ".join(parts)


def _reason_en(fa: dict[str, Any], where: str, years: tuple[int, int], text: float) -> str:
    work = " ".join(filter(None, (fa["work"], fa["object"]))) or "similar title"
    place = f"same place: {where}" if where else "same area"
    wording = round(text * 100)
    return f"same work: {work}; {place}; years overlap {_years_th(years)}; wording {wording}%"


# --- Many -----------------------------------------------------------------------------------


def _bucket_area(area: str) -> str:
    return area[:6] if len(area) >= 6 else area


def candidates(entries: Iterable[Entry], *, focus: set[str] | None = None) -> list[Candidate]:
    """Every candidate pair among `entries`, best first. With `focus`, only pairs with at
    least one entry in it (the items of one tambon against all sources around them)."""
    buckets: dict[tuple[str, str | None], list[Entry]] = defaultdict(list)
    coarse: dict[str | None, list[Entry]] = defaultdict(list)
    for entry in entries:
        if entry.generic:
            continue
        fam = family(entry.feats["work"])
        if len(entry.area) >= 6:
            buckets[(_bucket_area(entry.area), fam)].append(entry)
        else:
            coarse[fam].append(entry)
    found: dict[tuple[str, str], Candidate] = {}
    for pair in _pairs(buckets, coarse, focus):
        a, b = pair
        if not comparable(a, b):
            continue
        candidate = score(a, b)
        if candidate is not None:
            found[(candidate.a, candidate.b)] = candidate
    return sorted(found.values(), key=lambda c: (-c.score, c.a, c.b))


def _key(entry: Entry) -> tuple[str | None, str | None]:
    return _family(entry.feats["work"]), entry.feats["object"]


def _compatible(k1: tuple[str | None, str | None], k2: tuple[str | None, str | None]) -> bool:
    """Whether `conflict` could let two entries of these (work family, object) through: one
    family on one object, an unread work or object (the text decides), two activities'
    verbs, พัฒนา on the same object, a generic object. Blocking never drops a candidate."""
    (f1, o1), (f2, o2) = k1, k2
    objects = o1 == o2 or o1 is None or o2 is None or bool({o1, o2} & GENERIC_OBJECTS)
    if not objects:
        return False
    if f1 == f2 or f1 is None or f2 is None:
        return True
    return (f1 in SOFT_WORKS and f2 in SOFT_WORKS) or (
        (f1 in SOFT_WORKS or f2 in SOFT_WORKS) and o1 == o2 and o1 is not None
    )


def _cross(
    xs: list[Entry], ys: list[Entry], same: bool, wanted: Any
) -> Iterator[tuple[Entry, Entry]]:
    for i, a in enumerate(xs):
        for b in ys[i + 1 :] if same else ys:
            # The community plans' own line is never compared with itself.
            if (
                a.group != b.group
                and not (a.origin in CHAIN and b.origin in CHAIN)
                and wanted(a, b)
            ):
                yield a, b


def _pairs(
    buckets: dict[tuple[str, str | None], list[Entry]],
    coarse: dict[str | None, list[Entry]],
    focus: set[str] | None,
) -> Iterator[tuple[Entry, Entry]]:
    """The pairs blocking lets through: within a tambon, entries of one work family on one
    object (an unread work or object meets every one), and an entry of a wider area (a
    district's road, a province-wide campaign) with every compatible entry inside it."""

    def wanted(a: Entry, b: Entry) -> bool:
        return focus is None or a.key in focus or b.key in focus

    tambons: dict[str, dict[tuple[str | None, str | None], list[Entry]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for (area, _fam), block in buckets.items():
        for entry in block:
            tambons[area][_key(entry)].append(entry)
    for groups in tambons.values():
        keys = list(groups)
        for i, k1 in enumerate(keys):
            for k2 in keys[i:]:
                if _compatible(k1, k2):
                    yield from _cross(groups[k1], groups[k2], k1 == k2, wanted)
    wide = [e for block in coarse.values() for e in block]
    for i, a in enumerate(wide):
        key_a = _key(a)
        for area, groups in tambons.items():
            if not area.startswith(a.area):
                continue
            for key_b, block in groups.items():
                if _compatible(key_a, key_b):
                    yield from _cross([a], block, False, wanted)
        for b in wide[i + 1 :]:
            if _compatible(key_a, _key(b)) and _meets(a.area, b.area):
                yield from _cross([a], [b], False, wanted)


__all__ = [
    "CHAIN",
    "THRESHOLD",
    "Candidate",
    "Entry",
    "candidates",
    "comparable",
    "conflict",
    "features",
    "score",
    "years_overlap",
]


def common_prefix(a: str, b: str) -> str:
    """The smallest area code holding both (2, 4, 6 or 8 digits)."""
    for width in (8, 6, 4, 2):
        if len(a) >= width and len(b) >= width and a[:width] == b[:width]:
            return a[:width]
    return a if b.startswith(a) else b if a.startswith(b) else a[:2]
