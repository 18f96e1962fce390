"""Where a line of another source's list is: its villages, tambon or district, read from the
words of its title, target and place cells within the areas the list covers.

"หมู่ที่ 4 บ้านแม่มะกอก" in a municipality's ผ.02 is the village of that number and name among
the villages the municipality covers; "ต.เวียงเหนือ อ.เมืองลำปาง" in a provincial list is
that tambon; a line naming no place covers the whole list's area. A หมู่ number alone in a
list covering several tambons is each tambon's village of that number (the check then asks
the villages on both sides to meet).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from planlink.areas.models import Area, AreaLevel
from planlink.core.project_text import analyse, place_key
from planlink.core.thai import to_arabic_digits

_TAMBON = re.compile(r"(?:ตำบล|ต\.)\s*([ก-๛]+)")
_DISTRICT = re.compile(r"(?:อำเภอ|อ\.)\s*([ก-๛]+)")
_EVERY = ("ทุกหมู่บ้าน", "ทุกตำบล", "ทุกอำเภอ", "ทั้งจังหวัด", "ทั่วจังหวัด", "ทั้งตำบล")


@dataclass(frozen=True)
class Where:
    area: str  # the smallest area code holding every village named (or the scope)
    villages: tuple[str, ...]  # village codes, when the text names them


def common_area(codes: Iterable[str]) -> str:
    """The smallest area (2, 4, 6 or 8 digits) holding every code."""
    codes = list(codes)
    if not codes:
        return ""
    for width in (8, 6, 4, 2):
        prefixes = {c[:width] for c in codes}
        if len(prefixes) == 1:
            return prefixes.pop()
    return ""


class Resolver:
    """Resolves places inside a scope: the villages (codes) a list covers."""

    def __init__(self, scope: str, villages: Iterable[str] | None = None) -> None:
        self.scope = scope
        rows = Area.objects.filter(code__startswith=scope[:2]).values_list(
            "code", "level", "name_th", "moo"
        )
        covered = set(villages) if villages is not None else None
        self.villages: dict[str, tuple[int | None, str]] = {}
        self.tambons: dict[str, list[str]] = defaultdict(list)
        self.districts: dict[str, list[str]] = defaultdict(list)
        for code, level, name, moo in rows:
            if level == AreaLevel.VILLAGE:
                inside = code in covered if covered is not None else code.startswith(scope)
                if inside:
                    self.villages[code] = (moo, place_key(name))
            elif level == AreaLevel.TAMBON:
                self.tambons[place_key(name)].append(code)
            elif level == AreaLevel.DISTRICT:
                self.districts[place_key(name)].append(code)
        self.area = common_area(self.villages) or scope

    def resolve(self, *texts: str) -> Where:
        text = to_arabic_digits(" ".join(t for t in texts if t))
        pool = list(self.villages)
        districts = [
            c for m in _DISTRICT.findall(text) for c in self.districts.get(place_key(m), [])
        ]
        if districts:
            pool = [v for v in pool if any(v.startswith(d) for d in districts)] or pool
        tambons = [c for m in _TAMBON.findall(text) for c in self.tambons.get(place_key(m), [])]
        if tambons:
            narrowed = [v for v in pool if any(v.startswith(t) for t in tambons)]
            pool = narrowed or pool
        scope_area = common_area(pool) or self.area
        if any(word in text for word in _EVERY):
            return Where(scope_area, ())
        place = analyse(text).place
        named = {place_key(n) for n in place.villages}
        by_name = [v for v in pool if self.villages[v][1] in named]
        by_moo = [v for v in pool if self.villages[v][0] in place.moo]
        if by_name and by_moo:
            both = [v for v in by_name if v in by_moo]
            chosen = both or by_name
        else:
            chosen = by_name or by_moo
        if not chosen:
            return Where(scope_area, ())
        return Where(common_area(chosen), tuple(sorted(chosen)))
