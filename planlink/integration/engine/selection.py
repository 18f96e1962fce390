"""Selection for the District Development Plan (seed 5.2), as a pure function: per tambon and
province issue, the top N ranked items (N = the issue's `items_up`, default 2) that are not
confirmed duplicates of a project proposed to another budget source go up.

- A confirmed duplicate is skipped, and the next rank takes its place.
- An undecided duplicate candidate among the items that would go up blocks sending until a
  person decides it (it might be skipped, and then another item goes up instead).
- An officer may choose the items instead of the ranks, with a recorded reason: the chosen
  items go up in the order chosen (a confirmed duplicate among them is still skipped).

Every item of the issue comes out with what happens to it and why, in Thai and English, so
the page shows what goes up, what does not and why before anything is sent.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

SELECTED, SKIPPED, BLOCKED, BELOW = "selected", "skipped", "blocked", "below"


@dataclass(frozen=True)
class Ranked:
    key: str  # the tambon item's lineage id
    rank: int


@dataclass(frozen=True)
class Pick:
    key: str
    rank: int
    status: str  # SELECTED, SKIPPED (a duplicate), BLOCKED (undecided), BELOW (not in the top)
    why_th: str
    why_en: str


@dataclass(frozen=True)
class IssueSelection:
    picks: tuple[Pick, ...]
    items_up: int
    overridden: bool

    @property
    def blocked(self) -> bool:
        return any(p.status == BLOCKED for p in self.picks)

    @property
    def selected(self) -> tuple[Pick, ...]:
        return tuple(p for p in self.picks if p.status == SELECTED)


def select(
    ranked: Sequence[Ranked],
    items_up: int,
    *,
    duplicates: set[str] | frozenset[str] = frozenset(),
    undecided: set[str] | frozenset[str] = frozenset(),
    chosen: Sequence[str] | None = None,
    override_reason: str = "",
) -> IssueSelection:
    """What goes up of one issue's ranked items (see the module docstring)."""
    by_key = {r.key: r for r in ranked}
    if chosen:
        order = [by_key[k] for k in chosen if k in by_key]
        order += [r for r in sorted(ranked, key=lambda r: r.rank) if r.key not in set(chosen)]
    else:
        order = sorted(ranked, key=lambda r: (r.rank, r.key))
    chosen_set = set(chosen or ())
    picks: list[Pick] = []
    taken = 0
    for item in order:
        if item.key in duplicates:
            picks.append(
                Pick(
                    item.key,
                    item.rank,
                    SKIPPED,
                    "ไม่ส่ง: ซ้ำกับโครงการที่เสนอของบประมาณจากแหล่งอื่นแล้ว",
                    "not sent: the same project is already proposed to another budget source",
                )
            )
            continue
        eligible = item.key in chosen_set if chosen else True
        if taken < items_up and eligible:
            if item.key in undecided:
                picks.append(
                    Pick(
                        item.key,
                        item.rank,
                        BLOCKED,
                        "รอการตัดสิน: อาจซ้ำกับโครงการของแหล่งงบประมาณอื่น ต้องตัดสินก่อนส่ง",
                        "waiting: it may duplicate another source's project; decide it first",
                    )
                )
                taken += 1
                continue
            why_th = (
                f"ส่ง: เลือกโดยเจ้าหน้าที่ ({override_reason})"
                if chosen
                else f"ส่ง: ลำดับที่ {item.rank} ของประเด็น"
            )
            why_en = "sent: chosen by the officer" if chosen else f"sent: ranked {item.rank}"
            picks.append(Pick(item.key, item.rank, SELECTED, why_th, why_en))
            taken += 1
            continue
        if chosen and not eligible:
            why_th = f"ไม่ส่ง: เจ้าหน้าที่เลือกรายการอื่นแทน ({override_reason})"
            why_en = "not sent: the officer chose other items"
        else:
            why_th = f"ไม่ส่ง: ส่งได้ประเด็นละ {items_up} รายการ (ลำดับที่ {item.rank})"
            why_en = f"not sent: {items_up} items go up per issue (ranked {item.rank})"
        picks.append(Pick(item.key, item.rank, BELOW, why_th, why_en))
    return IssueSelection(picks=tuple(picks), items_up=items_up, overridden=bool(chosen))
