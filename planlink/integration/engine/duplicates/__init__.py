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

from planlink.integration.engine.duplicates.features import (
    CHAIN,
    EXCLUSIVE,
    FEATURES_VERSION,
    PARTS,
    THRESHOLD,
    Candidate,
    Entry,
    features,
    place_name,
)
from planlink.integration.engine.duplicates.pairs import candidates, common_prefix
from planlink.integration.engine.duplicates.reasons import shown_place
from planlink.integration.engine.duplicates.rules import (
    GENERIC_OBJECTS,
    SOFT_WORKS,
    _place_agreement,
    _subject,
    comparable,
    conflict,
    is_activity,
    score,
    subject_overlap,
    years_overlap,
)

__all__ = [
    "CHAIN",
    "EXCLUSIVE",
    "FEATURES_VERSION",
    "GENERIC_OBJECTS",
    "PARTS",
    "SOFT_WORKS",
    "THRESHOLD",
    "Candidate",
    "Entry",
    "_place_agreement",
    "_subject",
    "candidates",
    "common_prefix",
    "comparable",
    "conflict",
    "features",
    "is_activity",
    "place_name",
    "score",
    "shown_place",
    "subject_overlap",
    "years_overlap",
]
