"""Which strategy an item serves (pure functions, no ORM): suggestions a person confirms.

Three kinds of evidence, strongest first:
1. the province issue the item is filed under, when the province said which node of its
   development plan the issue serves (that node and the strategy above it);
2. the words a framework's owner wrote for a node ("ถนน, ประปา"), found in the item's title or
   in the problems it addresses;
3. the kind of thing the item works on (road, pond, elderly care …, read by
   `core.project_text`), mapped here to the National Strategy, its master plans and the NESDP
   13 milestones by their numbers; and, for the other frameworks, the words the item's title
   shares with a node's title.

At most one node per framework is suggested (the best), each with a plain Thai reason.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from planlink.core.project_text import analyse

# The kind of thing an item works on → the theme it belongs to.
_THEME_OF: dict[str, str] = {}
for _theme, _objects in {
    "infrastructure": ("road", "drain", "culvert", "bridge", "streetlight", "electricity",
                       "solar", "hall", "broadcast", "traffic_safety", "cemetery",
                       "public_space", "landscape", "housing", "childcare"),
    "water": ("sluice", "weir", "water_supply", "water_tower", "well", "pump", "irrigation",
              "waterway", "pond", "water_weed", "drinking_water", "water_jar"),
    "agriculture": ("vegetables", "mushroom", "poultry", "livestock", "fish", "fertiliser",
                    "farming", "rice_bank"),
    "economy": ("handicraft", "processed_food", "herbal", "savings", "accounts", "product",
                "fund", "group", "occupation"),
    "health": ("alcohol", "tobacco", "chronic_disease", "dengue", "exercise", "breastfeeding",
               "maternal", "vaccine", "food_safety", "medicine", "health_volunteer", "health",
               "nutrition", "gym", "sports_ground", "sport"),
    "welfare": ("caregiver", "elder_school", "elderly", "disabled", "poor", "quality_of_life"),
    "learning": ("early_childhood", "out_of_school", "scholarship", "literacy", "education",
                 "school", "children", "youth"),
    "culture": ("dharma", "music", "tradition", "temple", "family"),
    "environment": ("forest", "cleanliness", "waste"),
    "disaster": ("wildfire", "haze", "early_warning", "civil_defence"),
    "security": ("drugs", "security", "cctv"),
    "community": ("plan", "data", "women"),
}.items():  # fmt: skip
    for _object in _objects:
        _THEME_OF[_object] = _theme


# Theme → the numbers of the national nodes it serves, per national framework, and the
# theme in Thai for the reason.
def _numbers(strategy: str, master_plan: str, milestone: str = "") -> dict[str, str]:
    found = {"national_strategy": strategy, "master_plan": master_plan}
    return found | ({"nesdp": milestone} if milestone else {})


THEMES: dict[str, tuple[str, dict[str, str]]] = {
    "infrastructure": ("โครงสร้างพื้นฐาน", _numbers("2", "7", "8")),
    "water": ("การบริหารจัดการน้ำ", _numbers("5", "19", "11")),
    "agriculture": ("การเกษตร", _numbers("2", "3", "1")),
    "economy": ("เศรษฐกิจฐานราก", _numbers("4", "16", "9")),
    "health": ("สุขภาวะ", _numbers("3", "13")),
    "welfare": ("ความเสมอภาคและหลักประกันทางสังคม", _numbers("4", "17", "9")),
    "learning": ("การพัฒนาการเรียนรู้", _numbers("3", "12", "12")),
    "culture": ("ค่านิยมและวัฒนธรรม", _numbers("3", "10")),
    "environment": ("สิ่งแวดล้อม", _numbers("5", "18", "10")),
    "disaster": ("ภัยธรรมชาติและหมอกควัน", _numbers("5", "18", "11")),
    "security": ("ความมั่นคง", _numbers("1", "1")),
    "community": ("พลังทางสังคม", _numbers("4", "15")),
}
NATIONAL = frozenset({"national_strategy", "master_plan", "nesdp"})

ISSUE = 0.95  # the issue's own node
ISSUE_ABOVE = 0.85  # the node above the issue's (its strategy)
KEYWORD = 0.75
THEME = 0.7
WORDS = 0.5  # the least share of a node title's words found in the item
SUGGEST = 0.5  # the least score suggested


@dataclass(frozen=True)
class Node:
    id: int
    framework: int
    kind: str
    code: str
    title: str
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class Item:
    title: str
    issue_node: int | None = None  # the province node its issue serves
    problems: tuple[str, ...] = ()  # the titles of the problems it addresses


@dataclass(frozen=True)
class Suggestion:
    node: int
    framework: int
    score: float
    reason: str


def theme(title: str) -> str | None:
    """The theme of a title's object, or None when its object is unknown or has none."""
    found = analyse(title).object
    return _THEME_OF.get(found) if found else None


def _compact(text: str) -> str:
    return text.replace(" ", "")


@functools.lru_cache(maxsize=8192)
def _words(text: str) -> frozenset[str]:
    """A title's content words (2+ characters), as the project-text reader tokenises them."""
    return frozenset(t for t in analyse(text).tokens if len(t) > 1 and not t.isdigit())


_GENERIC = frozenset({"การ", "และ", "เพื่อ", "พัฒนา", "ส่งเสริม", "ยุทธศาสตร์", "แผนงาน", "ด้าน",
                      "ของ", "ให้", "มี", "ที่", "ใน", "สู่", "ประชาชน", "ชุมชน", "อย่าง", "ยั่งยืน",
                      "สร้าง", "เสริม", "ความ", "เป็น", "ไทย", "ระบบ"})  # fmt: skip


def _score(
    item: Item, node: Node, item_theme: str | None, by_id: dict[int, Node]
) -> tuple[float, str]:
    text = _compact(" ".join((item.title, *item.problems)))
    if item.issue_node is not None:
        if node.id == item.issue_node:
            return ISSUE, "ตามประเด็นการพัฒนาของจังหวัดที่ตำบลจัดโครงการไว้"
        issue = by_id.get(item.issue_node)
        if (
            issue is not None
            and issue.framework == node.framework
            and issue.code.startswith(node.code + ".")
        ):
            return ISSUE_ABOVE, f"ประเด็นที่ตำบลจัดโครงการไว้อยู่ภายใต้ข้อ {node.code}"
    hits = [w for w in node.keywords if _compact(w) and _compact(w) in text]
    if hits:
        return KEYWORD, "พบคำว่า " + ", ".join(f"“{w}”" for w in hits[:3])
    if node.kind in NATIONAL:
        if item_theme and THEMES[item_theme][1].get(node.kind) == node.code:
            return THEME, f"งานด้าน{THEMES[item_theme][0]}"
        return 0.0, ""
    wanted = _words(node.title) - _GENERIC
    if not wanted:
        return 0.0, ""
    have = (_words(item.title) | {w for p in item.problems for w in _words(p)}) - _GENERIC
    shared = sorted(
        w for w in wanted if w in have or any(w in h or h in w for h in have if len(h) > 3)
    )
    share = len(shared) / len(wanted)
    if share >= WORDS:
        return 0.4 + 0.3 * share, "ชื่อตรงกับ " + ", ".join(f"“{w}”" for w in shared[:3])
    return 0.0, ""


def suggest(item: Item, nodes: Sequence[Node], rejected: Iterable[int] = ()) -> list[Suggestion]:
    """The best node of each framework for the item (nodes a person rejected for it left out),
    in the order of `nodes`' frameworks."""
    refused = set(rejected)
    by_id = {n.id: n for n in nodes}
    item_theme = theme(item.title)
    best: dict[int, Suggestion] = {}
    order: list[int] = []
    for node in nodes:
        if node.framework not in order:
            order.append(node.framework)
        if node.id in refused:
            continue
        value, reason = _score(item, node, item_theme, by_id)
        if value < SUGGEST:
            continue
        # A deeper node wins a tie: "2.3 roads" says more than "2 infrastructure".
        current = best.get(node.framework)
        if (
            current is None
            or value > current.score
            or (
                value == current.score
                and node.code.count(".") > by_id[current.node].code.count(".")
            )
        ):
            best[node.framework] = Suggestion(node.id, node.framework, round(value, 3), reason)
    return [best[f] for f in order if f in best]
