"""Consolidation benchmark: quality on the labelled title pairs, and speed.

    .venv/bin/python bench/consolidation.py            # quality + speed, 5 repeats
    .venv/bin/python bench/consolidation.py --errors   # also list every wrong pair

Quality: `bench/data/title_pairs.csv` (≥ 300 hand-labelled pairs of titles from two village
plans of one tambon, see bench/data/README.md). Each pair is consolidated on its own, as two
items of their villages; "same" means the engine put them in one need. Precision, recall and
F1, against the goal F1 ≥ 0.90 with precision ≥ 0.95; and in the same run the baseline a
matcher would start from — RapidFuzz token set ratio of the raw titles — at its best
threshold (the one with the best F1 on these very pairs, so the baseline is flattered).

Speed: synthetic tambons written the way the demo writes village plans (the demo's title
catalogue, the villages' own lanes and shared streams): one tambon of 20 villages × 25 items
(goal < 0.5 s) and 100 tambons of 9 villages × 25 items, as Lampang (goal < 30 s). Each
repeat runs ours and the baseline (greedy grouping by token set ratio ≥ its threshold, all
pairs, ratio ≥ 85), with the title cache cleared so no run reads another's work; prints the median of
each, and the median ratio with its range.
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import random
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

import django  # noqa: E402

django.setup()

from rapidfuzz import fuzz  # noqa: E402

from planlink.core.project_text import analyse  # noqa: E402
from planlink.demo.plan_catalogue import _PLACE_WORDS, _PRODUCTS, WORKS  # noqa: E402
from planlink.integration.engine.consolidate import (  # noqa: E402
    NEED,
    SourceItem,
    consolidate,
)

PAIRS = ROOT / "bench" / "data" / "title_pairs.csv"
# The speed baseline groups at a setting a person would pick; its best-F1 threshold on the
# pairs is so low that it puts nearly everything in one group, which costs nothing.
SPEED_BASELINE_THRESHOLD = 85
VILLAGE_NAMES = (
    "หัวฝาย", "ทุ่งฝาง", "แม่ตาล", "ป่าตัน", "สันลัว", "ดอนไชย", "ห้วยเย็น", "ปงดอน", "ป่าตาล",
    "สบตุ๋ย", "เหล่ามะกอก", "หนองหล่ม", "ทุ่งใหม่", "แม่ต๋อม", "ไร่", "นาแก้ว", "สันติสุข",
    "ม่อนพญา", "บ่อแฮ้ว", "ต้นยาง",
)  # fmt: skip


# --- Quality --------------------------------------------------------------------------------


def load_pairs() -> list[dict[str, str]]:
    with PAIRS.open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _item(key: int, moo: int, title: str) -> SourceItem:
    return SourceItem(
        key=key, village=f"520101{moo:02d}", moo=moo, village_name=f"บ้าน{moo}", title=title
    )


def ours_same(row: dict[str, str]) -> bool:
    a = _item(1, int(row["moo_a"]), row["title_a"])
    b = _item(2, int(row["moo_b"]), row["title_b"])
    groups = consolidate([a, b]).groups
    return any(g.kind == NEED and len(g.members) == 2 for g in groups)


def scores(predicted: Sequence[bool], wanted: Sequence[bool]) -> tuple[float, float, float]:
    tp = sum(p and w for p, w in zip(predicted, wanted, strict=True))
    fp = sum(p and not w for p, w in zip(predicted, wanted, strict=True))
    fn = sum(w and not p for p, w in zip(predicted, wanted, strict=True))
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def baseline_threshold(rows: Sequence[dict[str, str]]) -> tuple[int, tuple[float, float, float]]:
    ratios = [fuzz.token_set_ratio(r["title_a"], r["title_b"]) for r in rows]
    wanted = [r["same"] == "1" for r in rows]
    best = max(range(0, 101), key=lambda t: scores([x >= t for x in ratios], wanted)[2])
    return best, scores([x >= best for x in ratios], wanted)


def quality(show_errors: bool) -> int:
    rows = load_pairs()
    wanted = [r["same"] == "1" for r in rows]
    predicted = [ours_same(r) for r in rows]
    p, r, f1 = scores(predicted, wanted)
    threshold, (bp, br, bf1) = baseline_threshold(rows)
    positives = sum(wanted)
    print(f"pairs: {len(rows)} ({positives} same, {len(rows) - positives} not)")
    print(f"  planlink   precision {p:.3f}  recall {r:.3f}  F1 {f1:.3f}")
    print(
        f"  baseline   precision {bp:.3f}  recall {br:.3f}  F1 {bf1:.3f}"
        f"   (token set ratio ≥ {threshold}, its best threshold)"
    )
    met = f1 >= 0.90 and p >= 0.95
    print(f"  goal F1 ≥ 0.90 with precision ≥ 0.95: {'met' if met else 'NOT met'}")
    wrong = Counter(
        ("false merge" if got else "missed", row["kind"])
        for got, want, row in zip(predicted, wanted, rows, strict=True)
        if got != want
    )
    print("  errors by kind: " + ", ".join(f"{k[0]} {k[1]} {n}" for k, n in wrong.most_common()))
    if show_errors:
        for got, want, row in zip(predicted, wanted, rows, strict=True):
            if got != want:
                tag = "FALSE MERGE" if got else "MISSED"
                print(f"    {tag} [{row['kind']}] {row['title_a']}  |  {row['title_b']}")
    return 0 if met else 1


# --- Speed ----------------------------------------------------------------------------------


def synthetic_tambon(
    rng: random.Random, tambon: int, villages: int, per_village: int
) -> list[SourceItem]:
    """Village plans as the demo writes them: each village's own lanes and sections, and a
    few streams, ponds and routes the neighbouring villages share."""
    waters = rng.sample(_PLACE_WORDS, 6)
    items: list[SourceItem] = []
    key = tambon * 100_000
    for moo in range(1, villages + 1):
        name = VILLAGE_NAMES[(moo - 1) % len(VILLAGE_NAMES)]
        neighbour = VILLAGE_NAMES[moo % len(VILLAGE_NAMES)]
        for _n in range(per_village):
            work = rng.choices(WORKS, weights=[max(w.weight, 1) for w in WORKS])[0]
            title = rng.choice(work.titles).format(
                moo=moo,
                village=f"บ้าน{name}",
                neighbour=f"บ้าน{neighbour}",
                soi=rng.randint(1, 12),
                section=rng.randint(1, 3),
                canal=f"ลำเหมือง{rng.choice(waters[:2])}",
                creek=f"ลำห้วย{rng.choice(waters[2:4])}",
                pond=f"หนอง{rng.choice(waters[4:])}",
                field=f"ทุ่ง{rng.choice(waters)}",
                product=rng.choice(_PRODUCTS),
            )
            mode = "self" if rng.random() < 0.3 else rng.choice(("joint", "request"))
            key += 1
            items.append(
                SourceItem(
                    key=key,
                    village=f"52{tambon:04d}{moo:02d}",
                    moo=moo,
                    village_name=f"บ้าน{name}",
                    title=title,
                    mode=mode,
                )
            )
    return items


def baseline_groups(items: Sequence[SourceItem], threshold: int) -> int:
    """Greedy grouping by raw token set ratio: an item joins the first group whose first
    member it matches, all pairs compared."""
    firsts: list[str] = []
    for item in items:
        if item.mode == "self":
            continue
        for title in firsts:
            if fuzz.token_set_ratio(item.title, title) >= threshold:
                break
        else:
            firsts.append(item.title)
    return len(firsts)


def _timed(work: Callable[[], object]) -> float:
    analyse.cache_clear()
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def speed(repeats: int, threshold: int) -> None:
    rng = random.Random(2570)
    one = synthetic_tambon(rng, 1, 20, 25)
    province = [synthetic_tambon(rng, t, 9, 25) for t in range(1, 101)]
    cases: list[tuple[str, Callable[[], object], Callable[[], object], float]] = [
        (
            "1 tambon, 20 villages × 25 items (500)",
            lambda: consolidate(one),
            lambda: baseline_groups(one, threshold),
            0.5,
        ),
        (
            f"100 tambons, 9 villages × 25 items ({sum(len(t) for t in province):,})",
            lambda: [consolidate(t) for t in province],
            lambda: [baseline_groups(t, threshold) for t in province],
            30.0,
        ),
    ]
    for name, ours, base, goal in cases:
        ours_s, base_s, ratios = [], [], []
        for _r in range(repeats):
            o = _timed(ours)
            b = _timed(base)
            ours_s.append(o)
            base_s.append(b)
            ratios.append(o / b)
        median = statistics.median(ours_s)
        print(
            f"{name}: planlink {median:.3f} s [{min(ours_s):.3f}–{max(ours_s):.3f}], "
            f"baseline {statistics.median(base_s):.3f} s; planlink / baseline "
            f"{statistics.median(ratios):.2f}× [{min(ratios):.2f}–{max(ratios):.2f}]; "
            f"goal < {goal} s: {'met' if median < goal else 'NOT met'}"
        )
    groups = consolidate(one).groups
    kinds = Counter(g.kind for g in groups)
    shared = sum(1 for g in groups if g.kind == NEED and len(g.villages) > 1)
    print(
        f"  the 20-village tambon: {len(groups)} tambon items ({kinds['need']} needs, "
        f"{shared} of them shared by several villages; {kinds['programme']} programmes)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--errors", action="store_true", help="list every wrong pair")
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    print(f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    status = quality(args.errors)
    speed(args.repeats, SPEED_BASELINE_THRESHOLD)
    return status


if __name__ == "__main__":
    raise SystemExit(main())
