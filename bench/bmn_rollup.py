"""BMN import + roll-up benchmark.

    .venv/bin/python bench/bmn_rollup.py                       # 2,000,000 households
    .venv/bin/python bench/bmn_rollup.py --households 13000000 # national scale

In one run, on a throwaway database with every tambon of the country and ten villages each
(72,550 villages):
  1. floor     — the typed raw read of the file with Polars (explicit schema), nothing else;
  2. planlink  — the full `bmn_import`: validate every cell, pseudonymise every household,
                 write the household files, roll up to village/tambon/district/province and
                 store the results in the database (then, after its commit, it analyses
                 the problems of every area again: timed and shown on its own line);
  3. baseline  — a naive import (csv module, Python row by row: parse, check, hash, add up
                 per village, then sum to upper levels), timed on a sample and scaled.
Each runs in its own process so its peak memory (RSS) is its own. Prints seconds, peak RSS
and the ratios against the goals: planlink ≤ 3× the floor, ≥ 20× faster than the baseline,
13 M households in < 60 s and < 4 GB.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

VILLAGES_PER_TAMBON = 10
# Nationally ~12.9 M households live in ~75,000 villages: about 175 per village. A file of N
# households covers the first N/175 villages (whole provinces, in code order), as a regional
# file would; 13 M covers the whole country.
HOUSEHOLDS_PER_VILLAGE = 175
BASELINE_SAMPLE = 200_000


def _django(var_dir: Path) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    os.environ["PLANLINK_VAR_DIR"] = str(var_dir)
    os.environ["PLANLINK_DEMO"] = "0"
    os.environ["DEBUG"] = "0"
    import django

    django.setup()


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# --- phases (each in a child process) -----------------------------------------------------


def phase_setup(var_dir: Path) -> dict[str, float]:
    _django(var_dir)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    import geothai

    from planlink.areas.loaders import areas_load
    from planlink.areas.models import Area, AreaLevel, AreaSource

    for province in geothai.provinces():
        areas_load(user=None, province_code=province.code)
    tambons = list(Area.objects.filter(level=AreaLevel.TAMBON).values_list("code", flat=True))
    villages = [
        Area(
            code=f"{t}{m:02d}",
            level=AreaLevel.VILLAGE,
            parent_id=t,
            moo=m,
            name_th=f"บ้านทดสอบ {m}",
            source=AreaSource.DEMO,
            is_demo=True,
        )
        for t in tambons
        for m in range(1, VILLAGES_PER_TAMBON + 1)
    ]
    Area.objects.bulk_create(villages, batch_size=5000)
    return {"villages": len(villages)}


def phase_generate(var_dir: Path, path: Path, households: int) -> dict[str, float]:
    _django(var_dir)
    import numpy as np
    import polars as pl

    from planlink.areas.models import Area, AreaLevel
    from planlink.evidence.engine.bmn import e, p
    from planlink.evidence.models import Indicator

    indicators = list(Indicator.objects.filter(edition__code="2560-2564").order_by("order"))
    every = sorted(Area.objects.filter(level=AreaLevel.VILLAGE).values_list("code", flat=True))
    wanted = min(len(every), max(1, -(-households // HOUSEHOLDS_PER_VILLAGE)))
    villages = np.array(every[:wanted])
    rng = np.random.default_rng(13)
    started = time.perf_counter()
    chunk = 1_000_000
    with path.open("wb") as handle:
        for index, start in enumerate(range(0, households, chunk)):
            n = min(chunk, households - start)
            # Households spread evenly over villages, numbered within each village.
            ids = np.arange(start, start + n)
            village = villages[ids % len(villages)]
            key = np.char.zfill((ids // len(villages) + 1).astype(str), 5)
            members = np.minimum(1 + rng.poisson(2.1, n), 12)
            columns = {
                "รหัสหมู่บ้าน": village,
                "รหัสบ้าน": key,
                "ปีที่สำรวจ": np.full(n, 2564),
                "จำนวนสมาชิก": members,
            }
            for ind in indicators:
                eligible = (
                    np.ones(n, dtype=np.int64)
                    if ind.unit == "household"
                    else rng.binomial(members, 0.5)
                )
                failed = rng.binomial(eligible, 0.1)
                columns[e(ind.code)] = eligible
                columns[p(ind.code)] = eligible - failed
            frame = pl.DataFrame(columns)
            frame.write_csv(handle, include_header=index == 0)
    return {"seconds": time.perf_counter() - started, "bytes": path.stat().st_size}


def phase_floor(var_dir: Path, path: Path) -> dict[str, float]:
    import polars as pl

    header = path.open(encoding="utf-8").readline().strip().split(",")
    schema = {name: pl.UInt8 for name in header}
    schema.update({"รหัสหมู่บ้าน": pl.String, "รหัสบ้าน": pl.String, "ปีที่สำรวจ": pl.Int32})
    started = time.perf_counter()
    frame = pl.read_csv(path, schema=schema)
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "rows": frame.height, "peak_mb": _peak_mb()}


def phase_planlink(var_dir: Path, path: Path) -> dict[str, float]:
    _django(var_dir)
    from planlink.evidence.importers.bmn import bmn_import

    started = time.perf_counter()
    outcome = bmn_import(user=None, path=path, year=2564)
    seconds = time.perf_counter() - started
    return {
        "seconds": seconds,
        "households": outcome.households,
        "villages": outcome.villages,
        "peak_mb": _peak_mb(),
        **{f"t_{k}": v for k, v in outcome.seconds.items()},
    }


def phase_baseline(var_dir: Path, path: Path, sample: int) -> dict[str, float]:
    """What an import without a columnar engine looks like: the csv module, one row at a
    time, checks and sums in Python dictionaries."""
    _django(var_dir)
    import csv
    import hashlib

    from planlink.areas.models import Area, AreaLevel
    from planlink.evidence.models import Indicator

    known = set(Area.objects.filter(level=AreaLevel.VILLAGE).values_list("code", flat=True))
    units = dict(Indicator.objects.filter(edition__code="2560-2564").values_list("code", "unit"))
    secret = b"baseline-secret"
    started = time.perf_counter()
    totals: dict[str, dict[str, int]] = {}
    seen: set[bytes] = set()
    rows = 0
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        for record in reader:
            if rows >= sample:
                break
            rows += 1
            village = record["รหัสหมู่บ้าน"]
            if village not in known or record["ปีที่สำรวจ"] != "2564":
                raise ValueError(rows)
            digest = hashlib.blake2b(
                f"{village}:{record['รหัสบ้าน']}".encode(), key=secret, digest_size=8
            ).digest()
            if digest in seen:
                raise ValueError(rows)
            seen.add(digest)
            bucket = totals.setdefault(village, {})
            members = int(record["จำนวนสมาชิก"])
            for code, unit in units.items():
                eligible, passed = int(record[f"e{code}"]), int(record[f"p{code}"])
                if (
                    passed > eligible
                    or (unit == "household" and eligible > 1)
                    or (unit == "person" and eligible > members)
                ):
                    raise ValueError(rows)
                bucket[f"e{code}"] = bucket.get(f"e{code}", 0) + eligible
                bucket[f"p{code}"] = bucket.get(f"p{code}", 0) + passed
    upper: dict[str, dict[str, int]] = {}
    for village, counts in totals.items():
        for width in (6, 4, 2):
            target = upper.setdefault(village[:width], {})
            for name, value in counts.items():
                target[name] = target.get(name, 0) + value
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "rows": rows, "peak_mb": _peak_mb()}


# --- driver ----------------------------------------------------------------------------------


def run_phase(args: list[str]) -> dict[str, float]:
    result = subprocess.run(
        [sys.executable, __file__, "--phase", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"phase {args[0]} failed:\n{result.stdout}\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--households", type=int, default=2_000_000)
    parser.add_argument("--baseline-sample", type=int, default=BASELINE_SAMPLE)
    parser.add_argument("--keep", type=Path, help="keep the work folder here")
    parser.add_argument("--phase", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        name, var_dir, *rest = args.phase
        function = {
            "setup": phase_setup,
            "generate": phase_generate,
            "floor": phase_floor,
            "planlink": phase_planlink,
            "baseline": phase_baseline,
        }[name]
        extra: list[object] = [Path(r) if "/" in r else int(r) for r in rest]
        print(json.dumps(function(Path(var_dir), *extra)))
        return

    work = args.keep or Path(tempfile.mkdtemp(prefix="planlink-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    var_dir, data = work / "var", work / f"bmn-{args.households}.csv"
    print(f"planlink BMN benchmark — {args.households:,} households")
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.platform()}"
    )
    print(f"database: {os.environ.get('DATABASE_URL', 'SQLite (throwaway file)')}")
    setup = run_phase(["setup", str(var_dir)])
    print(f"setup: {setup['villages']:,.0f} villages")
    gen = run_phase(["generate", str(var_dir), str(data), str(args.households)])
    print(f"file: {gen['bytes'] / 1e6:,.0f} MB CSV generated in {gen['seconds']:.1f} s")

    floor = run_phase(["floor", str(var_dir), str(data)])
    ours = run_phase(["planlink", str(var_dir), str(data)])
    # The import's goals are those of issue 3 (check, pseudonymise, household files, roll-up,
    # results stored); the problem analysis it runs after its commit (issue 8) is its own line.
    analysis = ours.pop("t_analyse", 0.0)
    total = ours["seconds"]
    ours["seconds"] = total - analysis
    sample = min(args.baseline_sample, args.households)
    base = run_phase(["baseline", str(var_dir), str(data), str(sample)])
    base_scaled = base["seconds"] * args.households / sample

    print()
    print(f"{'step':<34}{'seconds':>10}{'peak RSS':>12}")
    print(
        f"{'floor: typed raw read (Polars)':<34}{floor['seconds']:>10.2f}{floor['peak_mb']:>9,.0f} MB"
    )
    print(
        f"{'planlink: import+roll-up+store':<34}{ours['seconds']:>10.2f}{ours['peak_mb']:>9,.0f} MB"
    )
    print(
        f"{'baseline: Python row by row':<34}{base_scaled:>10.2f}{base['peak_mb']:>9,.0f} MB"
        f"  (timed on {sample:,} rows: {base['seconds']:.2f} s, scaled)"
    )
    print(
        f"{'then: problem analysis (stored)':<34}{analysis:>10.2f}"
        f"  (every area of the file's villages; import and analysis {total:.2f} s)"
    )
    breakdown = ", ".join(f"{k[2:]} {v:.2f}" for k, v in ours.items() if k.startswith("t_"))
    print(f"planlink stages (s): {breakdown}")
    print()
    ratio_floor = ours["seconds"] / floor["seconds"]
    speedup = base_scaled / ours["seconds"]
    print(
        f"planlink / floor     = {ratio_floor:5.2f}×   goal ≤ 3×   {'met' if ratio_floor <= 3 else 'NOT met'}"
    )
    print(
        f"baseline / planlink  = {speedup:5.1f}×   goal ≥ 20×  {'met' if speedup >= 20 else 'NOT met'}"
    )
    if args.households >= 13_000_000:
        print(
            f"13 M: {ours['seconds']:.1f} s (goal < 60 s: {'met' if ours['seconds'] < 60 else 'NOT met'}), "
            f"peak {ours['peak_mb'] / 1024:.2f} GB (goal < 4 GB: {'met' if ours['peak_mb'] < 4096 else 'NOT met'})"
        )
    if not args.keep:
        import shutil

        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
