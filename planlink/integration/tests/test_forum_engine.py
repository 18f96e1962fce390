"""The forum's ranking methods and tie rules (integration.engine.forum)."""

from __future__ import annotations

import itertools
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planlink.integration.engine.forum import (
    HOUSEHOLDS,
    ORDER,
    VILLAGES,
    Candidate,
    borda_points,
    hands_points,
    rank,
    scores_points,
)


def _c(key: int, households: int = 0, villages: int = 1, order: int | None = None) -> Candidate:
    return Candidate(key=key, households=households, villages=villages, order=order or key)


def test_a_show_of_hands_ranks_by_votes():
    ranks = rank([_c(1), _c(2), _c(3)], hands_points({1: 12, 2: 30, 3: 7}))
    assert [(r.key, r.rank, r.points, r.tie_rule) for r in ranks] == [
        (2, 1, Decimal(30), None),
        (1, 2, Decimal(12), None),
        (3, 3, Decimal(7), None),
    ]


def test_scores_per_participant_group_are_summed():
    points = scores_points(
        {
            1: {"villagers": 8, "tcoc": 7, "lao": 5},
            2: {"villagers": 9, "tcoc": 9, "lao": 9},
            3: {"villagers": 10, "tcoc": 4},
        }
    )
    assert points == {1: Decimal(20), 2: Decimal(27), 3: Decimal(14)}
    assert [r.key for r in rank([_c(1), _c(2), _c(3)], points)] == [2, 1, 3]


def test_borda_gives_n_points_to_the_first_of_n():
    ballots = [[1, 2, 3], [2, 1, 3], [2, 3, 1], [3, 2]]
    # 1: 3+2+1+0 = 6; 2: 2+3+3+1 = 9; 3: 1+1+2+2 = 6
    assert borda_points(ballots, [1, 2, 3]) == {1: Decimal(6), 2: Decimal(9), 3: Decimal(6)}


def test_borda_counts_a_repeated_item_once_and_ignores_strangers():
    assert borda_points([[1, 1, 99, 2]], [1, 2]) == {1: Decimal(2), 2: Decimal(1)}


def test_a_tie_is_broken_by_households_then_villages_then_plan_order():
    candidates = [
        _c(1, households=40, villages=2, order=4),
        _c(2, households=90, villages=1, order=3),
        _c(3, households=40, villages=3, order=2),
        _c(4, households=40, villages=3, order=1),
        _c(5, households=10, villages=1, order=5),
    ]
    points = hands_points({1: 10, 2: 10, 3: 10, 4: 10, 5: 25})
    ranks = {r.key: r for r in rank(candidates, points)}
    assert [k for k, _r in sorted(ranks.items(), key=lambda kv: kv[1].rank)] == [5, 2, 4, 3, 1]
    assert ranks[5].tie_rule is None
    assert ranks[2].tie_rule == HOUSEHOLDS  # more households than all it tied with
    assert ranks[1].tie_rule == VILLAGES  # same households as 3 and 4, fewer villages
    assert ranks[4].tie_rule == ORDER and ranks[3].tie_rule == ORDER  # equal on all but order
    assert "ครัวเรือน" in ranks[2].tie_rule_th
    assert set(ranks[4].tied_with) == {1, 2, 3}


def test_negative_counts_are_refused():
    with pytest.raises(ValueError):
        hands_points({1: -1})


@given(
    st.lists(
        st.tuples(st.integers(0, 50), st.integers(0, 500), st.integers(0, 9)),
        min_size=1,
        max_size=12,
    )
)
def test_ranks_are_a_permutation_ordered_by_the_rules(rows):
    candidates = [
        Candidate(key=i, households=h, villages=v, order=i) for i, (_p, h, v) in enumerate(rows)
    ]
    points = {i: Decimal(p) for i, (p, _h, _v) in enumerate(rows)}
    ranks = rank(candidates, points)
    assert sorted(r.rank for r in ranks) == list(range(1, len(rows) + 1))
    by_rank = sorted(ranks, key=lambda r: r.rank)
    keyed = {c.key: c for c in candidates}
    for a, b in itertools.pairwise(by_rank):
        ca, cb = keyed[a.key], keyed[b.key]
        assert (-a.points, -ca.households, -ca.villages, ca.order) < (
            -b.points,
            -cb.households,
            -cb.villages,
            cb.order,
        )
    for r in ranks:
        assert (r.tie_rule is None) == (not r.tied_with)
