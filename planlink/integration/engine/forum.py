"""Ranking in the tambon civic forum (ประชาคมตำบล), within each province issue: pure
functions from the forum's tally to ranks, with the rule that broke each tie.

The forum chooses how it ranks:

- `HANDS`: a show of hands, one count per item (`hands_points`);
- `SCORES`: each participant group (villagers, ศอช.ต., อปท., agencies, local leaders) gives
  each item a score; an item's points are the sum over the groups (`scores_points`);
- `BORDA`: each participant or group hands in a rank order; on a ballot of n items the first
  gets n points, the second n − 1, …; items left off a ballot get none (`borda_points`).

Ties are broken by these rules, in order, and the rule used is shown beside the rank:
1. the points of the method (votes, scores or Borda points);
2. the households affected by the problems the item addresses (more first);
3. the villages asking for it (more first);
4. the order of the items in the tambon plan, as the ศอช.ต. listed them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

HANDS, SCORES, BORDA = "hands", "scores", "borda"
METHODS = (HANDS, SCORES, BORDA)

POINTS, HOUSEHOLDS, VILLAGES, ORDER = "points", "households", "villages", "order"
TIE_RULES = (POINTS, HOUSEHOLDS, VILLAGES, ORDER)
TIE_RULE_TH = {
    HOUSEHOLDS: "คะแนนเท่ากัน ตัดสินด้วยจำนวนครัวเรือนที่ได้รับผลกระทบ",
    VILLAGES: "คะแนนและครัวเรือนเท่ากัน ตัดสินด้วยจำนวนหมู่บ้านที่ขอ",
    ORDER: "เท่ากันทุกเกณฑ์ ตัดสินตามลำดับในแผนตำบล",
}


@dataclass(frozen=True)
class Candidate:
    key: int  # the tambon item
    households: int = 0  # households affected by the problems it addresses
    villages: int = 0  # villages asking for it
    order: int = 0  # its place in the tambon plan


@dataclass(frozen=True)
class Ranked:
    key: int
    rank: int
    points: Decimal
    tie_rule: str | None  # None: its points alone placed it; else the rule that did
    tied_with: tuple[int, ...] = ()  # the items it had the same points as

    @property
    def tie_rule_th(self) -> str:
        return TIE_RULE_TH.get(self.tie_rule or "", "")


def _number(value: object) -> Decimal:
    number = Decimal(str(value))
    if number < 0:
        raise ValueError("points cannot be negative")
    return number


def hands_points(votes: Mapping[int, int | Decimal]) -> dict[int, Decimal]:
    return {key: _number(n) for key, n in votes.items()}


def scores_points(scores: Mapping[int, Mapping[str, int | Decimal]]) -> dict[int, Decimal]:
    """Item → the sum of the scores the participant groups gave it."""
    return {
        key: sum((_number(v) for v in by_group.values()), Decimal(0))
        for key, by_group in scores.items()
    }


def borda_points(ballots: Iterable[Sequence[int]], keys: Iterable[int]) -> dict[int, Decimal]:
    """Borda count: on each ballot of n ranked items, n points to the first, n − 1 to the
    second, …; an item a ballot lists twice counts at its first place only."""
    points = {key: Decimal(0) for key in keys}
    for ballot in ballots:
        seen: list[int] = []
        for key in ballot:
            if key in points and key not in seen:
                seen.append(key)
        for place, key in enumerate(seen):
            points[key] += len(seen) - place
    return points


def rank(candidates: Sequence[Candidate], points: Mapping[int, Decimal]) -> list[Ranked]:
    """Ranks 1…n of the candidates (of one issue), best first, each with the tie rule that
    placed it among the items with the same points (None when its points alone did)."""

    def criteria(c: Candidate) -> tuple[Decimal, int, int, int]:
        return (-points.get(c.key, Decimal(0)), -c.households, -c.villages, c.order)

    ordered = sorted(candidates, key=lambda c: (criteria(c), c.key))
    result: list[Ranked] = []
    for place, c in enumerate(ordered, start=1):
        mine = criteria(c)
        tied = [o for o in ordered if o.key != c.key and criteria(o)[0] == mine[0]]
        rule: str | None = None
        if tied:
            # The deepest criterion needed to tell it apart from every item it tied with.
            depth = max(next((i for i in range(4) if criteria(o)[i] != mine[i]), 3) for o in tied)
            rule = TIE_RULES[depth]
        result.append(
            Ranked(
                key=c.key,
                rank=place,
                points=points.get(c.key, Decimal(0)),
                tie_rule=rule,
                tied_with=tuple(o.key for o in tied),
            )
        )
    return result
