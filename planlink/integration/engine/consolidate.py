"""Consolidation of a tambon's village needs (seed item 5, DOMAIN.md §5 rule 1): a pure
function from the joint and request items of the tambon's village plans to proposed tambon
items, each explaining itself in Thai and listing every village item it came from.

Two kinds of group come out:

- a **need**: the same work at the same place asked by one or more villages — three villages
  asking to dredge the same stream become one item listing the three; an activity with no
  place of works (training, a campaign, screening) asked by several villages is one need;
- a **programme**: the same work on the same kind of object, each in its own village (each
  village's lane repair) — one tambon item ("ซ่อมแซมถนนในหมู่บ้าน") whose lines stay the
  villages' own items, never blurred into one work.

Self-done items (ทำเอง) stay in their village: they are counted per village, not sent up.

Two items are the same need when (`same_need`):
1. they name the same work and the same object (`core.project_text`), and
2. for works tied to a place (building, repairing, dredging, installing, extending): no
   marker says they are elsewhere — another ซอย, สาย, ช่วงที่, water or material — and either
   they name the same place several villages share (a stream, a route between villages, a
   named road) or they are in the same หมู่ (the title's, else the plan's village);
3. for activities: their wording, with the place markers taken out, is close (RapidFuzz token
   set ratio ≥ `ACTIVITY_SIMILARITY`), since the subject ("การทำขนม" vs "การจักสาน") is what
   tells two trainings apart.

A group takes an item only when the item is the same need as every member already in it, so a
chain of near matches cannot merge needs that are not the same (a wrong merge hides a
village's need; a missed one is a line the ศอช.ต. merges by hand).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from rapidfuzz import fuzz

from planlink.core.project_lexicon import WATER_KINDS, WORK_TYPES
from planlink.core.project_text import ProjectText, analyse, object_label, work_label

SELF, JOINT, REQUEST = "self", "joint", "request"
NEED, PROGRAMME = "need", "programme"

# Works that are done at a place: the same work elsewhere is another project.
PLACE_WORKS = frozenset(
    {"construct", "improve", "repair", "dredge", "install", "extend", "drill", "build_up"}
)
WORK_VARIANTS = {key: variants for key, (_label, variants) in WORK_TYPES.items()}
UNKNOWN_SIMILARITY = 92.0  # when the work or object of either item is not recognised


@dataclass(frozen=True)
class SourceItem:
    """A village plan's item as consolidation sees it (plain data, no ORM)."""

    key: int  # the village item's id
    village: str  # village code
    moo: int  # the village's number (หมู่ที่)
    village_name: str
    title: str
    mode: str = REQUEST
    budget: Decimal = Decimal(0)
    problems: tuple[str, ...] = ()
    category: str = ""


@dataclass(frozen=True)
class Group:
    """A proposed tambon item: its kind, title, explanation and the village items in it."""

    kind: str  # NEED or PROGRAMME
    title: str
    members: tuple[SourceItem, ...]
    explanation: str
    work: str | None = None
    object: str | None = None

    @property
    def villages(self) -> tuple[str, ...]:
        return tuple(sorted({m.village for m in self.members}))

    @property
    def budget(self) -> Decimal:
        return sum((m.budget for m in self.members), Decimal(0))


@dataclass(frozen=True)
class Consolidation:
    groups: tuple[Group, ...]
    self_done: dict[str, int] = field(default_factory=dict)  # village code → self-done items


# --- Pairwise -------------------------------------------------------------------------------

# Words that name the same work: villages write ซ่อมแซม and ปรับปรุง for one repair, and an
# activity "ส่งเสริมอาชีพการ…" and "ฝึกอบรมการ…" for one training.
WORK_FAMILY = {
    "repair": "fix",
    "improve": "fix",
    "promote": "learn",
    "train": "learn",
    "produce": "learn",
    "make": "learn",
    "develop": "learn",
    "practice": "learn",
    "campaign": "campaign",
    "prevent": "campaign",
    "eliminate": "campaign",
    "sort": "campaign",
}
# Words that say nothing of what an activity is about.
FILLER = frozenset(
    (
        "การ",
        "ทำ",
        "ใน",
        "และ",
        "แก่",
        "เพื่อ",
        "ให้",
        "ของ",
        "ที่",
        "กับ",
        "สำหรับ",
        "ชุมชน",
        "หมู่บ้าน",
        "ครัวเรือน",
        "ประชาชน",
        "บ้าน",
        "อาชีพ",
        "เอง",
        "ใช้",
        "ไว้",
        "กิน",
        "โดย",
        "จัด",
        "จัดทำ",
        "ประจำ",
        "ตำบล",
        "ภายใน",
        "ต่อ",
        "ได้",
        "ไม่",
        "อย่าง",
        "ปี",
        "วัน",
    )
)
SUBJECT_OVERLAP = 0.6  # Jaccard of two activities' subject words


def family(work: str | None) -> str | None:
    return WORK_FAMILY.get(work or "", work)


def _moo(text: ProjectText, plan_moo: int) -> int:
    """The หมู่ the work is in: the one the title names, else the plan's village."""
    return text.place.moo[0] if len(text.place.moo) == 1 else plan_moo


def _pair(value: str) -> str:
    """A route or span between two places, the same whichever end is written first."""
    ends = [e.strip() for e in re.split(r"\s*[-–—]\s*|ถึง", value) if e.strip()]
    return "|".join(sorted(ends)) if len(ends) == 2 else value


def shared_places(text: ProjectText) -> frozenset[str]:
    """The places several villages can share that the title names: waters, routes between
    villages (either way round, or two villages named with เชื่อม), named roads, a span."""
    p = text.place
    keys = {f"water:{w}" for w in p.waters}
    keys |= {f"route:{_pair(r)}" for r in p.routes}
    keys |= {f"named:{n}" for n in p.named}
    if p.span is not None:
        keys.add("route:" + "|".join(sorted(p.span)))
    if not p.routes and p.span is None and len(p.villages) == 2:
        keys.add("route:" + "|".join(sorted(f"บ้าน{v}" for v in p.villages)))
    return frozenset(keys)


def _same_water(a: str, b: str) -> bool:
    """A stream or pond under two spellings (หนองกระทิง / หนองกะทิง), not two waters: the same
    kind, and names alike but for a letter (ห้วยยาง / ห้วยช้าง, หนองบัว / หนองบัวคำ differ)."""
    if a == b:
        return True
    kind_a, name_a = _water_parts(a.removeprefix("water:"))
    kind_b, name_b = _water_parts(b.removeprefix("water:"))
    return (
        kind_a == kind_b
        and min(len(name_a), len(name_b)) >= 4
        and fuzz.ratio(name_a, name_b) >= WATER_SPELLING
    )


def _water_parts(key: str) -> tuple[str, str]:
    for word in sorted(set(WATER_KINDS.values()), key=len, reverse=True):
        if key.startswith(word):
            return word, key[len(word) :]
    return "", key


WATER_SPELLING = 90.0


def _places_meet(a: frozenset[str], b: frozenset[str]) -> bool:
    if a & b:
        return True
    wa = [k for k in a if k.startswith("water:")]
    wb = [k for k in b if k.startswith("water:")]
    return any(_same_water(x, y) for x in wa for y in wb)


def _differ(a: Sequence[object], b: Sequence[object]) -> bool:
    """Both name some and none in common: a marker of two different places."""
    return bool(a) and bool(b) and not set(a) & set(b)


def _similarity(a: ProjectText, b: ProjectText) -> float:
    return float(fuzz.token_set_ratio(" ".join(a.tokens), " ".join(b.tokens)))


def _subject(text: ProjectText) -> frozenset[str]:
    """What an activity is about: its words without the work's words and the filler."""
    work = set(WORK_VARIANTS.get(text.work or "", ()))
    return frozenset(
        t for t in text.tokens if t not in FILLER and not any(t in v for v in work) and len(t) > 1
    )


def _same_subject(a: ProjectText, b: ProjectText) -> bool:
    sa, sb = _subject(a), _subject(b)
    if not sa or not sb:
        return True  # one says no more than its work and object
    return len(sa & sb) / len(sa | sb) >= SUBJECT_OVERLAP or sa <= sb or sb <= sa


def is_place_work(text: ProjectText) -> bool:
    return text.work in PLACE_WORKS


def same_need(a: ProjectText, moo_a: int, b: ProjectText, moo_b: int) -> bool:
    """Whether two village items are the same need (the rules of the module's docstring)."""
    if a.work is None or b.work is None or a.object is None or b.object is None:
        return (
            family(a.work) == family(b.work)
            and a.object == b.object
            and _similarity(a, b) >= UNKNOWN_SIMILARITY
            and not _place_conflict(a, b)
            and _moo(a, moo_a) == _moo(b, moo_b)
        )
    if family(a.work) != family(b.work) or a.object != b.object:
        return False
    if not (is_place_work(a) or is_place_work(b)):
        return _same_subject(a, b)
    if _place_conflict(a, b):
        return False
    shared_a, shared_b = shared_places(a), shared_places(b)
    if _places_meet(shared_a, shared_b):
        return True
    if shared_a and shared_b:
        return False  # each names its own shared place, and they are not the same
    return _same_spot(a, moo_a, b, moo_b)


def _same_spot(a: ProjectText, moo_a: int, b: ProjectText, moo_b: int) -> bool:
    """Inside a village: the same หมู่ (the title's, else the plan's); a village named by
    both with no หมู่ said otherwise is the same village too."""
    pa, pb = a.place, b.place
    if pa.villages and pb.villages and set(pa.villages) & set(pb.villages):
        return not _differ(pa.moo, pb.moo)
    return _moo(a, moo_a) == _moo(b, moo_b)


def _place_conflict(a: ProjectText, b: ProjectText) -> bool:
    pa, pb = a.place, b.place
    return (
        _differ(pa.soi, pb.soi)
        or _differ(pa.sections, pb.sections)
        or (
            _differ([_pair(r) for r in pa.routes], [_pair(r) for r in pb.routes])
            and not _places_meet(shared_places(a), shared_places(b))
        )
        or (a.material is not None and b.material is not None and a.material != b.material)
    )


# --- Grouping -------------------------------------------------------------------------------


def consolidate(items: Iterable[SourceItem]) -> Consolidation:
    """The tambon's proposed items from its villages' items, in a stable order."""
    self_done: dict[str, int] = defaultdict(int)
    texts: dict[int, ProjectText] = {}
    blocks: dict[tuple[str | None, str | None], list[SourceItem]] = defaultdict(list)
    for item in sorted(items, key=lambda i: (i.village, i.key)):
        if item.mode == SELF:
            self_done[item.village] += 1
            continue
        text = analyse(item.title)
        texts[item.key] = text
        blocks[(family(text.work), text.object)].append(item)

    groups: list[Group] = []
    for (_family, obj), block in blocks.items():
        # The block's work as most of its villages wrote it (ซ่อมแซม and ปรับปรุง share one).
        work = Counter(texts[i.key].work for i in block).most_common(1)[0][0]
        needs: list[list[SourceItem]] = []
        for item in block:
            text = texts[item.key]
            for need in needs:
                if all(same_need(text, item.moo, texts[m.key], m.moo) for m in need):
                    need.append(item)
                    break
            else:
                needs.append([item])
        groups.extend(_block_groups(work, obj, needs, texts))
    groups.sort(key=lambda g: (-len(g.villages), g.title))
    return Consolidation(groups=tuple(groups), self_done=dict(self_done))


def _block_groups(
    work: str | None,
    obj: str | None,
    needs: list[list[SourceItem]],
    texts: dict[int, ProjectText],
) -> list[Group]:
    """One block's groups: the needs several villages share stand alone; the place-bound
    needs of single villages form a programme when two or more villages have one."""
    place_bound = work in PLACE_WORKS
    single = [n for n in needs if len({m.village for m in n}) == 1]
    if place_bound and work is not None and obj is not None:
        single_villages = {n[0].village for n in single}
        if len(single_villages) >= 2:
            members = tuple(m for n in single for m in n)
            programme = Group(
                kind=PROGRAMME,
                title=programme_title(work, obj, [texts[m.key] for m in members]),
                members=members,
                explanation=_programme_reason(work, obj, members),
                work=work,
                object=obj,
            )
            shared = [n for n in needs if len({m.village for m in n}) > 1]
            return [programme, *(_need(n, texts, work, obj) for n in shared)]
    return [_need(n, texts, work, obj) for n in needs]


def _need(
    members: list[SourceItem], texts: dict[int, ProjectText], work: str | None, obj: str | None
) -> Group:
    ordered = tuple(sorted(members, key=lambda m: (m.moo, m.key)))
    return Group(
        kind=NEED,
        title=need_title([texts[m.key] for m in ordered], [m.moo for m in ordered]),
        members=ordered,
        explanation=_need_reason(work, obj, ordered, [texts[m.key] for m in ordered]),
        work=work,
        object=obj,
    )


# --- Titles and reasons ---------------------------------------------------------------------

_MOO = re.compile(r"\s*หมู่ที่\s*\d+(\s*(,|และ)\s*\d+)*")


def _villages_text(moos: Iterable[int]) -> str:
    numbers = sorted(set(moos))
    if len(numbers) == 1:
        return f"หมู่ที่ {numbers[0]}"
    return "หมู่ที่ " + ", ".join(str(n) for n in numbers[:-1]) + f" และ {numbers[-1]}"


def need_title(texts: Sequence[ProjectText], moos: Sequence[int]) -> str:
    """The fullest member title (most place markers, then longest), without the โครงการ
    prefix; for several villages, their หมู่ listed instead of one village's."""
    best = max(texts, key=lambda t: (_place_weight(t), -len(t.place.villages), len(t.normalised)))
    title = best.normalised.removeprefix("โครงการ").strip()
    if len(set(moos)) > 1:
        title = " ".join(_MOO.sub("", title).split()) + " " + _villages_text(moos)
    return title


def _place_weight(text: ProjectText) -> int:
    p = text.place
    return len(p.waters) + len(p.routes) + len(p.named) + len(p.soi) + len(p.sections)


def programme_title(work: str, obj: str, texts: Sequence[ProjectText]) -> str:
    materials = {t.material for t in texts}
    words = work_label(work) + object_label(obj)
    if len(materials) == 1 and None not in materials:
        words += _MATERIAL_WORDS.get(next(iter(materials)) or "", "")
    return f"{words}ในหมู่บ้าน"


_MATERIAL_WORDS = {
    "gabion": "แบบกล่องเกเบียน",
    "wood": "ไม้",
    "concrete": "คอนกรีตเสริมเหล็ก",
    "asphalt": "แอสฟัลท์ติกคอนกรีต",
    "laterite": "ลูกรัง",
    "gravel": "หินคลุก",
}


def _who(members: Sequence[SourceItem]) -> str:
    seen: dict[str, SourceItem] = {}
    for m in members:
        seen.setdefault(m.village, m)
    return ", ".join(
        f"{m.village_name} (หมู่ที่ {m.moo})" for m in sorted(seen.values(), key=lambda m: m.moo)
    )


def _work_words(work: str | None, obj: str | None) -> str:
    if work is None or obj is None:
        return "ข้อความโครงการใกล้เคียงกัน"
    return f"{work_label(work)} {object_label(obj)}"


def _need_reason(
    work: str | None, obj: str | None, members: Sequence[SourceItem], texts: Sequence[ProjectText]
) -> str:
    villages = len({m.village for m in members})
    if villages == 1 and len(members) == 1:
        return f"ความต้องการของ {_who(members)}"
    shared = set.intersection(*(set(t.place.shared_keys()) for t in texts))
    if shared:
        place = "ที่เดียวกัน: " + ", ".join(sorted(k.split(":", 1)[1] for k in shared))
    elif work in PLACE_WORKS:
        place = f"ที่เดียวกัน: {_villages_text(m.moo for m in members)}"
    else:
        place = "กิจกรรมเดียวกัน ไม่ผูกกับสถานที่"
    return f"งานเดียวกัน: {_work_words(work, obj)}; {place}; หมู่บ้านที่ขอ: {_who(members)}"


def _programme_reason(work: str, obj: str, members: Sequence[SourceItem]) -> str:
    villages = len({m.village for m in members})
    return (
        f"งานเดียวกัน: {_work_words(work, obj)} แต่ละหมู่บ้านในที่ของตน {villages} หมู่บ้าน "
        f"({_who(members)}) จึงรวมเป็นแผนงานเดียว โดยแต่ละหมู่บ้านเป็นรายการย่อย"
    )
