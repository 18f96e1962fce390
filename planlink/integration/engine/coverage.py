"""Coverage and gaps of a District Development Plan (pure functions over plain data):

- the matrix issues × tambons: how many items of each issue came from each tambon;
- the provincial strategies (nodes) no item serves, not even through a node under them;
- the district's top problems (from the evidence) that no item addresses;
- the villages that asked for support and none of whose needs reached the district plan;
- per item, the indicator it is meant to move, with its value in the latest two surveys.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class Item:
    key: str
    title: str
    issue: int | None  # the province issue's number
    tambons: tuple[str, ...]  # codes of the tambons it came from
    problems: tuple[str, ...] = ()  # keys of the problems it addresses ("bmn:22")
    nodes: tuple[int, ...] = ()  # framework nodes it is confirmed to serve


@dataclass(frozen=True)
class Node:
    id: int
    code: str
    title: str


@dataclass(frozen=True)
class Problem:
    key: str
    title: str
    rank: int
    share: Decimal | None


@dataclass
class Matrix:
    issues: list[tuple[int | None, str]]  # (number, title); None: not filed under an issue
    tambons: list[tuple[str, str]]  # (code, name)
    counts: dict[tuple[int | None, str], int] = field(default_factory=dict)

    def cell(self, issue: int | None, tambon: str) -> int:
        return self.counts.get((issue, tambon), 0)

    def rows(self) -> list[tuple[int | None, str, list[int], int]]:
        """(issue number, title, count per tambon in order, row total)."""
        out = []
        for number, title in self.issues:
            cells = [self.cell(number, code) for code, _name in self.tambons]
            out.append((number, title, cells, sum(cells)))
        return out

    def totals(self) -> list[int]:
        return [sum(self.cell(n, code) for n, _t in self.issues) for code, _name in self.tambons]

    def empty_tambons(self) -> list[str]:
        """Names of the tambons with no item in the plan."""
        return [name for (code, name), total in zip(self.tambons, self.totals(), strict=True)
                if total == 0]  # fmt: skip


def matrix(
    items: Iterable[Item], issues: Sequence[tuple[int, str]], tambons: Sequence[tuple[str, str]]
) -> Matrix:
    counts: dict[tuple[int | None, str], int] = defaultdict(int)
    unfiled = False
    for item in items:
        if item.issue is None:
            unfiled = True
        for tambon in item.tambons:
            counts[(item.issue, tambon)] += 1
    rows: list[tuple[int | None, str]] = list(issues)
    if unfiled:
        rows.append((None, "ไม่ได้จัดอยู่ในประเด็นของจังหวัด"))
    return Matrix(issues=rows, tambons=list(tambons), counts=dict(counts))


def unserved(nodes: Sequence[Node], items: Iterable[Item]) -> list[Node]:
    """The nodes no item serves, itself or through a node under it ("2" is served by an item
    aligned with "2.3"); a node whose parent is unserved is listed under it, not apart."""
    by_id = {n.id: n for n in nodes}
    served_codes = {by_id[i].code for item in items for i in item.nodes if i in by_id}
    served = {c for code in served_codes for c in _ancestors(code)}
    missing = [n for n in nodes if n.code not in served]
    missing_codes = {n.code for n in missing}
    return [n for n in missing if not any(a in missing_codes for a in _ancestors(n.code)[1:])]


def _ancestors(code: str) -> list[str]:
    """The code and every code above it: 2.3.1 → [2.3.1, 2.3, 2]."""
    parts = code.split(".")
    return [".".join(parts[:n]) for n in range(len(parts), 0, -1)]


def unaddressed(problems: Sequence[Problem], items: Iterable[Item], top: int = 10) -> list[Problem]:
    """The district's `top` ranked problems that no item says it addresses."""
    addressed = {key for item in items for key in item.problems}
    ranked = sorted(problems, key=lambda p: p.rank)[:top]
    return [p for p in ranked if p.key not in addressed]


def silent_villages(asked: dict[str, int], reached: set[str]) -> list[tuple[str, int]]:
    """Villages (code → how many items they asked support for) none of whose needs reached
    the district plan, most asking first."""
    return sorted(
        ((code, n) for code, n in asked.items() if n and code not in reached),
        key=lambda row: (-row[1], row[0]),
    )


@dataclass(frozen=True)
class Trend:
    key: str
    title: str
    values: tuple[tuple[int, Decimal | None], ...]  # (survey year, share %), oldest first

    @property
    def change(self) -> Decimal | None:
        if len(self.values) < 2 or self.values[-1][1] is None or self.values[-2][1] is None:
            return None
        return self.values[-1][1] - self.values[-2][1]


def trends(
    items: Iterable[Item],
    values: dict[str, dict[int, Decimal | None]],
    titles: dict[str, str],
) -> dict[str, Trend | None]:
    """Item key → the first problem it addresses that the survey measured, with the district's
    value in its latest two survey years (None: no measured problem)."""
    found: dict[str, Trend | None] = {}
    for item in items:
        trend = None
        for key in item.problems:
            years = values.get(key)
            if years:
                latest = sorted(years)[-2:]
                trend = Trend(key, titles.get(key, key), tuple((y, years[y]) for y in latest))
                break
        found[item.key] = trend
    return found
