"""What two entries are: works of one family, objects that are one thing, the kinds of a
thing told apart by exclusive word groups, and the parts of a building or site."""

from __future__ import annotations

from typing import Any

from planlink.core.project_lexicon import DOMAINS
from planlink.integration.engine.consolidate import PLACE_WORKS, family
from planlink.integration.engine.duplicates.features import EXCLUSIVE

# Objects built at one spot (against a road, a line, a canal that runs through villages).
_AT_ONE_SPOT = frozenset(
    {"bridge", "weir", "culvert", "sluice", "hall", "childcare", "water_tower", "well", "pump",
     "cctv", "sports_ground", "gym"}
)  # fmt: skip


# Objects that are a water (ขุดลอกลำห้วย, กำจัดผักตบชวา): the work is all along it.
_WATER_OBJECTS = frozenset({"waterway", "pond", "water_weed", None})


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


# Objects two bodies name for one thing: a solar-powered pumping system is written as the
# pump or as the solar system (ระบบสูบน้ำพลังงานแสงอาทิตย์, ระบบกระจายน้ำด้วยพลังงานแสงอาทิตย์).
ONE_THING = frozenset(
    {
        frozenset({"solar", "pump"}),
        frozenset({"solar", "irrigation"}),
        frozenset({"pump", "irrigation"}),
        frozenset({"wildfire", "haze"}),
    }
)


# … and for an activity: a campaign for young children is one in the child centre.
ONE_ACTIVITY = frozenset({frozenset({"children", "childcare"})})


DOMAIN_OBJECTS = frozenset(DOMAINS)


# Objects whose every word names one topic: a campaign against the mosquito is one against
# dengue, and one against burning is one against the haze (ผ้าทอ and จักสาน are two crafts).
ONE_TOPIC = frozenset({"dengue", "haze", "tobacco", "alcohol", "breastfeeding"})


# Works that are one work here beyond consolidation's families: buying a thing with its
# installation is installing it, and a system installed is a system built (ติดตั้งระบบประปา
# and ก่อสร้างระบบประปา are one request in two bodies' words).
SAME_WORK = {"purchase": "construct", "install": "construct"}


def _family(work: str | None) -> str | None:
    return family(SAME_WORK.get(work or "", work))


# Road surfaces that are no pavement: improving a laterite road is laying laterite or crushed
# rock on it (ปรับปรุงถนนลูกรัง and ลงหินคลุกถนน are one work), unless one says it is paved.
_UNPAVED = frozenset({"laterite", "gravel"})


def _surfacing(fa: dict[str, Any], fb: dict[str, Any]) -> bool:
    """Improving an unpaved road and laying laterite or rock on it: one work."""
    return (
        fa["object"] == fb["object"] == "road"
        and {_work_family(fa), _work_family(fb)} == {"fix", "build_up"}
        and all(f["material"] in _UNPAVED or not f["material"] for f in (fa, fb))
    )


def _work_family(f: dict[str, Any]) -> str | None:
    """The family of the title's work, read once per entry."""
    if "_family" not in f:
        f["_family"] = _family(f["work"])
    found: str | None = f["_family"]
    return found


def is_activity(fa: dict[str, Any], fb: dict[str, Any]) -> bool:
    """Neither names a work done at a place (building, repairing, dredging …)."""
    return fa["work"] not in PLACE_WORKS and fb["work"] not in PLACE_WORKS


def _parts_differ(fa: dict[str, Any], fb: dict[str, Any]) -> bool:
    """One is done to a part (หลังคา, ห้องน้ำ …) the other does not name, not even among the
    details in its parentheses."""
    return bool(set(fa["parts"]) - set(fb["parts_any"]) or set(fb["parts"]) - set(fa["parts_any"]))


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
