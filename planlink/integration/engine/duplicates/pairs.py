"""Many entries: blocking by tambon, work family and object, then the pairwise rules."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from planlink.integration.engine.consolidate import (
    family,
)
from planlink.integration.engine.duplicates.features import CHAIN, Candidate, Entry
from planlink.integration.engine.duplicates.rules import (
    GENERIC_OBJECTS,
    SOFT_WORKS,
    _family,
    _meets,
    comparable,
    score,
)

# --- Many -----------------------------------------------------------------------------------


def _bucket_area(area: str) -> str:
    return area[:6] if len(area) >= 6 else area


def candidates(
    entries: Iterable[Entry], *, focus: set[str] | None = None, chain: bool = False
) -> list[Candidate]:
    """Every candidate pair among `entries`, best first. With `focus`, only pairs with at
    least one entry in it (the items of one tambon against all sources around them). With
    `chain`, community-plan entries are compared with each other too (the district plan's
    items that came from different tambons, each tambon its own group)."""
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
    for pair in _pairs(buckets, coarse, focus, chain):
        a, b = pair
        if not comparable(a, b, chain=chain):
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
    xs: list[Entry], ys: list[Entry], same: bool, wanted: Any, chain: bool = False
) -> Iterator[tuple[Entry, Entry]]:
    for i, a in enumerate(xs):
        for b in ys[i + 1 :] if same else ys:
            # The community plans' own line is never compared with itself.
            if (
                a.group != b.group
                and (chain or not (a.origin in CHAIN and b.origin in CHAIN))
                and wanted(a, b)
            ):
                yield a, b


def _pairs(
    buckets: dict[tuple[str, str | None], list[Entry]],
    coarse: dict[str | None, list[Entry]],
    focus: set[str] | None,
    chain: bool = False,
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
                    yield from _cross(groups[k1], groups[k2], k1 == k2, wanted, chain)
    wide = [e for block in coarse.values() for e in block]
    for i, a in enumerate(wide):
        key_a = _key(a)
        for area, groups in tambons.items():
            if not area.startswith(a.area):
                continue
            for key_b, block in groups.items():
                if _compatible(key_a, key_b):
                    yield from _cross([a], block, False, wanted, chain)
        for b in wide[i + 1 :]:
            if _compatible(key_a, _key(b)) and _meets(a.area, b.area):
                yield from _cross([a], [b], False, wanted, chain)


def common_prefix(a: str, b: str) -> str:
    """The smallest area code holding both (2, 4, 6 or 8 digits)."""
    for width in (8, 6, 4, 2):
        if len(a) >= width and len(b) >= width and a[:width] == b[:width]:
            return a[:width]
    return a if b.startswith(a) else b if a.startswith(b) else a[:2]
