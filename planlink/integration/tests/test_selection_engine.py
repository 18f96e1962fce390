"""Selection of the top items per issue (seed 5.2), with duplicates and overrides."""

from __future__ import annotations

from planlink.integration.engine.selection import (
    BELOW,
    BLOCKED,
    SELECTED,
    SKIPPED,
    Ranked,
    select,
)

RANKS = [Ranked("a", 1), Ranked("b", 2), Ranked("c", 3), Ranked("d", 4)]


def statuses(result):
    return {p.key: p.status for p in result.picks}


def test_the_top_two_go_up_and_the_rest_are_below_with_why():
    result = select(RANKS, 2)
    assert statuses(result) == {"a": SELECTED, "b": SELECTED, "c": BELOW, "d": BELOW}
    assert [p.key for p in result.selected] == ["a", "b"]
    below = next(p for p in result.picks if p.key == "c")
    assert "ประเด็นละ 2 รายการ" in below.why_th and "ลำดับที่ 3" in below.why_th
    assert not result.blocked


def test_items_up_is_the_issues_number():
    assert [p.key for p in select(RANKS, 3).selected] == ["a", "b", "c"]
    assert [p.key for p in select(RANKS, 1).selected] == ["a"]


def test_a_confirmed_duplicate_is_skipped_and_the_next_rank_takes_its_place():
    result = select(RANKS, 2, duplicates={"a"})
    assert statuses(result) == {"a": SKIPPED, "b": SELECTED, "c": SELECTED, "d": BELOW}
    skipped = next(p for p in result.picks if p.key == "a")
    assert "ซ้ำ" in skipped.why_th and "another budget source" in skipped.why_en


def test_an_undecided_candidate_among_the_top_blocks_sending():
    result = select(RANKS, 2, undecided={"b"})
    assert result.blocked
    assert statuses(result)["b"] == BLOCKED
    assert statuses(result)["c"] == BELOW  # it holds its place until decided


def test_an_undecided_candidate_below_the_top_does_not_block():
    result = select(RANKS, 2, undecided={"d"})
    assert not result.blocked
    assert statuses(result)["d"] == BELOW


def test_ties_in_rank_are_broken_by_key_so_the_result_is_stable():
    tied = [Ranked("z", 1), Ranked("y", 1), Ranked("x", 3)]
    assert [p.key for p in select(tied, 2).selected] == ["y", "z"]
    assert [p.key for p in select(list(reversed(tied)), 2).selected] == ["y", "z"]


def test_an_override_sends_the_chosen_items_in_the_order_chosen_with_the_reason():
    result = select(RANKS, 2, chosen=["d", "b"], override_reason="งบประมาณของ อบต. ทำข้อ 1 แล้ว")
    assert [p.key for p in result.selected] == ["d", "b"]
    assert statuses(result)["a"] == BELOW
    not_chosen = next(p for p in result.picks if p.key == "a")
    assert "เลือกรายการอื่นแทน" in not_chosen.why_th and "อบต." in not_chosen.why_th
    chosen = next(p for p in result.picks if p.key == "d")
    assert "เลือกโดยเจ้าหน้าที่" in chosen.why_th
    assert result.overridden


def test_an_override_does_not_send_a_confirmed_duplicate():
    result = select(RANKS, 2, chosen=["c", "d"], duplicates={"c"}, override_reason="r")
    assert [p.key for p in result.selected] == ["d"]
    assert statuses(result)["c"] == SKIPPED


def test_all_items_duplicates_sends_nothing():
    result = select(RANKS, 2, duplicates={"a", "b", "c", "d"})
    assert result.selected == ()
    assert all(p.status == SKIPPED for p in result.picks)


def test_every_item_comes_out_once():
    result = select(RANKS, 2, duplicates={"b"}, undecided={"c"})
    assert sorted(p.key for p in result.picks) == ["a", "b", "c", "d"]
