"""Load benchmark of the production stack (issue 7): one command, loopback only, bounded.

    .venv/bin/python bench/load.py                      # 50 users × 5 minutes, 5 repeats
    .venv/bin/python bench/load.py --users 20 --minutes 1 --repeats 1   # a quick look

What one invocation does, all on 127.0.0.1 with ports in 8100–8199:
1. starts a throwaway PostgreSQL (initdb in a temporary folder, as .ci/run does);
2. loads the Lampang demo into a seed database with the demo settings (`migrate`,
   `demo_setup`: areas, 975 demo villages, synthetic BMN and other evidence, village plans,
   demo accounts) and bench/fixture.py's extra village committees of ตำบลเวียงเหนือ;
3. collects static files, then for each repeat: copies the seed database (so every repeat
   starts from the same data), starts gunicorn with the production settings plus the task
   worker (`db_worker`), runs bench/locustfile.py headless for the given users and minutes,
   stops both;
4. prints per page the median across repeats of p50, p95, max and the errors, with their
   range, `/livez`'s p95 in the same runs and each page's p95 ÷ that, against the issue's
   goals (0 errors, p95 < 200 ms, p95 ≤ 3 × /livez); writes it all as JSON too.

Only for local benchmarking, the server runs over plain HTTP on loopback with
SECURE_SSL_REDIRECT=0, SESSION_COOKIE_SECURE=0, CSRF_COOKIE_SECURE=0, SECURE_HSTS_SECONDS=0.
`--data-dir DIR` keeps the loaded cluster in DIR and reuses it next time (the demo load
takes ~3 minutes); without it everything is removed at the end.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import resource
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import ExitStack
from datetime import datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PORTS = range(8100, 8200)
SEED_DB, RUN_DB = "planlink_seed", "planlink_run"
GOAL_P95_MS, GOAL_RATIO = 200.0, 3.0
BASELINE = "livez"


def log(message: str) -> None:
    print(f"[{datetime.now():%H:%M:%S}] {message}", flush=True)


def free_port(taken: set[int]) -> int:
    for port in PORTS:
        if port in taken:
            continue
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
        taken.add(port)
        return port
    raise SystemExit("no free port in 8100–8199 on 127.0.0.1")


class Postgres:
    """A throwaway PostgreSQL cluster on loopback (as root, it runs as the postgres user)."""

    def __init__(self, folder: Path, port: int) -> None:
        self.folder, self.port = folder, port
        self.data = folder / "data"
        bins = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: p.parent.name)
        if not bins:
            raise SystemExit("PostgreSQL not found: apt-get install -y postgresql")
        self.bin = bins[-1]
        self.as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*self.as_user, *args], check=check, capture_output=True, text=True, cwd="/"
        )

    def start(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        if self.as_user:
            shutil.chown(self.folder, "postgres")
        if not self.data.exists():
            self.run(
                str(self.bin / "initdb"),
                "-D",
                str(self.data),
                "-U",
                "postgres",
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
            )
        self.run(
            str(self.bin / "pg_ctl"),
            "-D",
            str(self.data),
            "-l",
            str(self.folder / "log"),
            "-o",
            f"-h 127.0.0.1 -p {self.port} -k {self.folder}",
            "-w",
            "start",
        )

    def stop(self) -> None:
        self.run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "fast", "stop", check=False)

    def postmaster(self) -> int:
        return int((self.data / "postmaster.pid").read_text().split()[0])

    def url(self, db: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{db}"

    def sql(self, statement: str) -> None:
        self.run(
            str(self.bin / "psql"),
            "-h",
            "127.0.0.1",
            "-p",
            str(self.port),
            "-U",
            "postgres",
            "-d",
            "postgres",
            "-v",
            "ON_ERROR_STOP=1",
            "-qc",
            statement,
        )

    def exists(self, db: str) -> bool:
        out = self.run(
            str(self.bin / "psql"),
            "-h",
            "127.0.0.1",
            "-p",
            str(self.port),
            "-U",
            "postgres",
            "-d",
            "postgres",
            "-tAc",
            f"SELECT 1 FROM pg_database WHERE datname = '{db}'",
        ).stdout
        return out.strip() == "1"


def manage(env: dict[str, str], *args: str, out: Path | None = None) -> None:
    command = [sys.executable, "manage.py", *args]
    if out is None:
        subprocess.run(command, cwd=ROOT, env=env, check=True)
        return
    with out.open("a") as sink:
        done = subprocess.run(command, cwd=ROOT, env=env, stdout=sink, stderr=subprocess.STDOUT)
    if done.returncode:
        raise SystemExit(f"{' '.join(args)} failed: see {out}")


def seed(pg: Postgres, folder: Path, env: dict[str, str]) -> Path:
    """The demo in the seed database (once per data folder) and the benchmark's fixture."""
    fixture = folder / "fixture.json"
    demo = {**env, "DJANGO_SETTINGS_MODULE": "config.settings.dev", "PLANLINK_DEMO": "1"}
    demo["DATABASE_URL"] = pg.url(SEED_DB)
    if not pg.exists(SEED_DB):
        pg.sql(f"CREATE DATABASE {SEED_DB}")
    manage(demo, "migrate", "--noinput", "-v0")
    if not (folder / "seeded").exists():
        log("loading the Lampang demo into PostgreSQL (about 3 minutes, once per data folder)")
        manage(demo, "demo_setup", out=folder / "demo_setup.log")
        (folder / "seeded").touch()
    subprocess.run(
        [sys.executable, str(ROOT / "bench" / "fixture.py"), str(fixture)],
        cwd=ROOT,
        env=demo,
        check=True,
    )
    return fixture


def wait_up(url: str, process: subprocess.Popen[bytes], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            raise SystemExit(f"server did not come up at {url}")
        time.sleep(0.3)


def stop(process: subprocess.Popen[bytes]) -> None:
    """Stop a process started in its own session, and everything it started."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def niced(args: argparse.Namespace, command: list[str]) -> list[str]:
    return ["nice", "-n", str(args.nice), *command] if args.nice else command


def renice_tree(pid: int, nice: int) -> None:
    """Give PostgreSQL the benchmark's priority (new backends inherit the postmaster's)."""
    import psutil

    root = psutil.Process(pid)
    for proc in [root, *root.children(recursive=True)]:
        proc.nice(nice)


def machine_cpu() -> float:
    """CPU seconds the whole machine has been busy (every process, ours or not)."""
    ticks = [float(x) for x in Path("/proc/stat").read_text().split("\n")[0].split()[1:8]]
    return (sum(ticks) - ticks[3] - ticks[4]) / os.sysconf("SC_CLK_TCK")


def tree_cpu(pid: int) -> tuple[dict[int, float], float]:
    """CPU seconds of a process and its live descendants, and what its exited children used."""
    import psutil  # locust's dependency

    try:
        root = psutil.Process(pid)
        procs = [root, *root.children(recursive=True)]
        exited = root.cpu_times().children_user + root.cpu_times().children_system
    except psutil.NoSuchProcess:
        return {}, 0.0
    times = {}
    for proc in procs:
        try:
            t = proc.cpu_times()
        except psutil.NoSuchProcess:
            continue
        times[proc.pid] = t.user + t.system
    return times, exited


def cpu_used(
    before: tuple[dict[int, float], float], after: tuple[dict[int, float], float]
) -> float:
    return sum(t - before[0].get(pid, 0.0) for pid, t in after[0].items()) + after[1] - before[1]


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (the value below which `share` of the samples fall)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def one_run(
    args: argparse.Namespace,
    n: int,
    pg: Postgres,
    env: dict[str, str],
    folder: Path,
    fixture: Path,
    taken: set[int],
) -> dict[str, Any]:
    pg.sql(f"DROP DATABASE IF EXISTS {RUN_DB}")
    pg.sql(f"CREATE DATABASE {RUN_DB} TEMPLATE {SEED_DB}")
    port = free_port(taken)
    taken.discard(port)  # the port is free again for the next run once gunicorn stops
    base = f"http://127.0.0.1:{port}"
    serve = {**env, "DATABASE_URL": pg.url(RUN_DB)}
    runs = folder / f"run-{n}"
    runs.mkdir(exist_ok=True)
    with ExitStack() as stack:
        web_log = stack.enter_context((runs / "gunicorn.log").open("w"))
        worker_log = stack.enter_context((runs / "worker.log").open("w"))
        gunicorn = [
            str(BIN / "gunicorn"),
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(args.workers),
            "--threads",
            str(args.threads),
            "--timeout",
            "120",
            "--no-control-socket",
            "--log-level",
            "warning",
        ]
        web = subprocess.Popen(
            niced(args, gunicorn),
            cwd=ROOT,
            env=serve,
            stdout=web_log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        stack.callback(stop, web)
        worker = subprocess.Popen(
            [
                *niced(args, []),
                sys.executable,
                "manage.py",
                "db_worker",
                "--queue-name",
                "default",
                "--interval",
                "1",
            ],
            cwd=ROOT,
            env=serve,
            stdout=worker_log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        stack.callback(stop, worker)
        wait_up(f"{base}/livez", web)
        samples = runs / "samples.json"
        locust_env = {
            **os.environ,
            "BENCH_FIXTURE": str(fixture),
            "BENCH_SAMPLES": str(samples),
            "BENCH_THINK_MIN": str(args.think[0]),
            "BENCH_THINK_MAX": str(args.think[1]),
            "BENCH_WARMUP": str(args.warmup),
        }
        seconds = round(args.minutes * 60)
        ramp = math.ceil(args.users / args.spawn_rate)
        total = ramp + args.warmup + seconds
        locust = [
            str(BIN / "locust"),
            "-f",
            str(ROOT / "bench" / "locustfile.py"),
            "--headless",
            "--users",
            str(args.users),
            "--spawn-rate",
            str(args.spawn_rate),
            "--run-time",
            f"{total}s",
            "--host",
            base,
            "--only-summary",
            "--stop-timeout",
            "10",
            "--loglevel",
            "WARNING",
            "--exit-code-on-error",
            "0",
        ]
        log(
            f"run {n}/{args.repeats}: {args.users} users against {base}: {ramp} s of logins, "
            f"{args.warmup} s warm-up, {seconds} s measured"
        )
        ours = {"web": web.pid, "worker": worker.pid, "postgres": pg.postmaster()}
        before = {name: tree_cpu(pid) for name, pid in ours.items()}
        machine0, wall0 = machine_cpu(), time.monotonic()
        locust0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        with (runs / "locust.log").open("w") as locust_log:
            done = subprocess.run(
                niced(args, locust),
                cwd=ROOT,
                env=locust_env,
                stdout=locust_log,
                stderr=subprocess.STDOUT,
                timeout=total + 180,
            )
        locust1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        wall = time.monotonic() - wall0
        cpu = {name: cpu_used(before[name], tree_cpu(pid)) for name, pid in ours.items()}
        cpu["locust"] = (locust1.ru_utime + locust1.ru_stime) - (
            locust0.ru_utime + locust0.ru_stime
        )
        cpu["others"] = max(0.0, machine_cpu() - machine0 - sum(cpu.values()))
        cores = {name: round(seconds_ / wall, 2) for name, seconds_ in cpu.items()}
        if done.returncode or not samples.exists():
            raise SystemExit(f"locust failed: see {runs / 'locust.log'}")
    recorded = json.loads(samples.read_text())
    pages: dict[str, dict[str, float]] = {}
    for name, times in recorded["samples"].items():
        pages[name] = {
            "count": len(times),
            "errors": len(recorded["failures"].get(name, [])),
            "p50": percentile(times, 0.50),
            "p95": percentile(times, 0.95),
            "max": max(times),
        }
    errors = {k: v[:5] for k, v in recorded["failures"].items() if v}
    result = {"pages": pages, "errors": errors, "cores": cores}
    (runs / "result.json").write_text(json.dumps(result, indent=1))
    base_p95 = pages.get(BASELINE, {}).get("p95", float("nan"))
    log(
        f"run {n}: {sum(p['count'] for p in pages.values()):,} requests, "
        f"{sum(p['errors'] for p in pages.values())} errors, livez p95 {base_p95:.1f} ms; "
        "cores busy: " + ", ".join(f"{k} {v:.2f}" for k, v in cores.items())
    )
    return result


def summarise(runs: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    names = sorted({n for r in runs for n in r["pages"]}, key=lambda n: (n == BASELINE, n))
    table: dict[str, dict[str, Any]] = {}
    for name in names:
        if name == "login":
            continue
        per_run = [r["pages"][name] for r in runs if name in r["pages"]]
        ratios = [
            r["pages"][name]["p95"] / r["pages"][BASELINE]["p95"]
            for r in runs
            if name in r["pages"] and BASELINE in r["pages"]
        ]
        row: dict[str, Any] = {"requests": statistics.median(p["count"] for p in per_run)}
        for figure in ("p50", "p95", "max"):
            values = [p[figure] for p in per_run]
            row[figure] = (statistics.median(values), min(values), max(values))
        row["errors"] = [p["errors"] for p in per_run]
        row["ratio"] = (statistics.median(ratios), min(ratios), max(ratios)) if ratios else None
        table[name] = row
    return table


def ms(value: float) -> str:
    return f"{value:,.0f}" if value >= 100 else f"{value:.1f}"


def print_table(table: dict[str, dict[str, Any]], repeats: int) -> None:
    print(
        f"\nMedian across {repeats} run(s) [min–max]; times in ms; "
        f"goals: 0 errors, p95 < {GOAL_P95_MS:.0f} ms, p95 ≤ {GOAL_RATIO:.0f} × {BASELINE}'s p95\n"
    )
    print(
        "| page · level | requests/run | p50 | p95 | max | errors/run | p95 ÷ livez p95 | goals |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|:--:|")
    for name, row in table.items():
        p50, p95, top = row["p50"], row["p95"], row["max"]
        ratio = row["ratio"]
        ok = sum(row["errors"]) == 0 and p95[0] < GOAL_P95_MS
        if name != BASELINE:
            ok = ok and ratio is not None and ratio[0] <= GOAL_RATIO
        ratio_text = (
            "—"
            if name == BASELINE or ratio is None
            else (f"{ratio[0]:.1f}× [{ratio[1]:.1f}–{ratio[2]:.1f}]")
        )
        print(
            f"| {name} | {row['requests']:,.0f} | {ms(p50[0])} [{ms(p50[1])}–{ms(p50[2])}] "
            f"| **{ms(p95[0])}** [{ms(p95[1])}–{ms(p95[2])}] | {ms(top[0])} [{ms(top[1])}–{ms(top[2])}] "
            f"| {'/'.join(str(e) for e in row['errors'])} | {ratio_text} | {'met' if ok else 'not met'} |"
        )


def machine() -> dict[str, str]:
    return {
        "date": subprocess.run(["date"], capture_output=True, text=True).stdout.strip(),
        "nproc": str(os.cpu_count()),
        "python": platform.python_version(),
        "memory": next(
            (
                line.split(":")[1].strip()
                for line in Path("/proc/meminfo").read_text().splitlines()
                if line.startswith("MemTotal")
            ),
            "?",
        ),
    }


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    cores = os.cpu_count() or 1
    parser = argparse.ArgumentParser(
        description="Load benchmark of planlink's production stack on loopback (issue 7).",
        epilog="Results: bench/README.md. Goals: 0 errors, p95 < 200 ms per page, "
        "each page's p95 ≤ 3 × /livez's p95 in the same run.",
    )
    parser.add_argument("--users", type=int, default=50, help="simulated users (default 50)")
    parser.add_argument(
        "--minutes", type=float, default=5, help="measured length of one run (default 5)"
    )
    parser.add_argument(
        "--repeats", type=int, default=5, help="runs; figures are medians (default 5)"
    )
    parser.add_argument(
        "--spawn-rate", type=float, default=2, help="users logging in per second (default 2)"
    )
    parser.add_argument(
        "--warmup",
        type=int,
        default=30,
        help="seconds after the last login before measuring (default 30)",
    )
    parser.add_argument(
        "--think",
        type=float,
        nargs=2,
        default=(2.0, 6.0),
        metavar=("MIN", "MAX"),
        help="seconds a user waits between pages, uniformly (default 2 6)",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=2 * cores + 1,
        help=f"gunicorn workers (default 2 × cores + 1 = {2 * cores + 1}, as make serve)",
    )
    parser.add_argument("--threads", type=int, default=1, help="threads per gunicorn worker (1)")
    parser.add_argument(
        "--nice",
        type=int,
        default=-10 if os.geteuid() == 0 else 0,
        help="scheduling priority of the stack and locust (default -10 as root, else 0): on a "
        "shared machine other work then disturbs the figures less; each run reports the "
        "cores others used",
    )
    parser.add_argument(
        "--conn-max-age",
        type=int,
        default=None,
        help="DB_CONN_MAX_AGE for the server (default: the production settings' own)",
    )
    parser.add_argument(
        "--data-dir", type=Path, help="keep PostgreSQL with the loaded demo here and reuse it"
    )
    parser.add_argument("--out", type=Path, help="write the results as JSON here")
    parser.add_argument(
        "--profile",
        nargs="?",
        const="",
        metavar="PAGE",
        help="instead of the load: profile one request of each page (or of pages whose "
        "name contains PAGE) with bench/pageprofile.py",
    )
    args = parser.parse_args(argv)
    if not 1 <= args.users <= 500 or not 0 < args.minutes <= 30 or not 1 <= args.repeats <= 20:
        parser.error("bounded: 1–500 users, up to 30 minutes a run, 1–20 repeats")
    return args


def main(argv: list[str] | None = None) -> None:
    args = parse(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # clean up on kill too
    keep = args.data_dir is not None
    folder = (args.data_dir or Path(tempfile.mkdtemp(prefix="planlink-load-"))).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    folder.chmod(0o755)  # PostgreSQL runs as its own user and must reach its folder
    secrets_file = folder / "secrets.json"
    if not secrets_file.exists():
        secrets_file.write_text(json.dumps({"HOUSEHOLD_KEY_SECRET": secrets.token_urlsafe(48)}))
    household_key = json.loads(secrets_file.read_text())["HOUSEHOLD_KEY_SECRET"]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PLANLINK_"))}
    env.pop("DATABASE_URL", None)
    env.update(
        PLANLINK_VAR_DIR=str(folder / "var"),
        HOUSEHOLD_KEY_SECRET=household_key,  # the demo's pseudonyms and the server's agree
    )
    taken: set[int] = set()
    pg = Postgres(folder / "pg", free_port(taken))
    info = machine()
    log(f"data in {folder}; PostgreSQL on 127.0.0.1:{pg.port}")
    finished = False
    try:
        pg.start()
        if args.nice:
            renice_tree(pg.postmaster(), args.nice)
        fixture = seed(pg, folder, env)
        serve = {
            **env,
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(64),
            "ALLOWED_HOSTS": "127.0.0.1",
            # Plain HTTP on loopback, for this benchmark only (docs/deploy.md).
            "SECURE_SSL_REDIRECT": "0",
            "SESSION_COOKIE_SECURE": "0",
            "CSRF_COOKIE_SECURE": "0",
            "SECURE_HSTS_SECONDS": "0",
            "LOG_LEVEL": "WARNING",
        }
        if args.conn_max_age is not None:
            serve["DB_CONN_MAX_AGE"] = str(args.conn_max_age)
        manage({**serve, "DATABASE_URL": pg.url(SEED_DB)}, "collectstatic", "--noinput", "-v0")
        if args.profile is not None:
            pg.sql(f"DROP DATABASE IF EXISTS {RUN_DB}")
            pg.sql(f"CREATE DATABASE {RUN_DB} TEMPLATE {SEED_DB}")
            command = [sys.executable, str(ROOT / "bench" / "pageprofile.py"), str(fixture)]
            subprocess.run(
                [*command, *(["--only", args.profile] if args.profile else [])],
                cwd=ROOT,
                env={**serve, "DATABASE_URL": pg.url(RUN_DB), "ALLOWED_HOSTS": "testserver"},
                check=True,
            )
            finished = True
            return
        runs = [
            one_run(args, n, pg, serve, folder, fixture, taken) for n in range(1, args.repeats + 1)
        ]
        finished = True
    finally:
        pg.stop()
        if finished and not keep:
            shutil.rmtree(folder, ignore_errors=True)
        elif not finished:
            log(f"stopped before the end; logs are in {folder}")
    table = summarise(runs)
    setup = (
        f"{args.users} users, {args.minutes:g} min per run, {args.repeats} run(s), think "
        f"{args.think[0]:g}–{args.think[1]:g} s, gunicorn {args.workers} workers × "
        f"{args.threads} thread(s), DB_CONN_MAX_AGE "
        f"{'default' if args.conn_max_age is None else args.conn_max_age}"
    )
    print(f"\n{info['date']} · {info['nproc']} cores · {info['memory']} · Python {info['python']}")
    print(setup)
    print_table(table, args.repeats)
    print(f"\nCores busy during the runs (of {os.cpu_count()}), median [min–max]:")
    for name in runs[0]["cores"]:
        values = [r["cores"][name] for r in runs]
        print(f"  {name:<9} {statistics.median(values):.2f} [{min(values):.2f}–{max(values):.2f}]")
    errors = {name: msgs for r in runs for name, msgs in r["errors"].items()}
    for name, msgs in errors.items():
        print(f"errors in {name}: {msgs[0]}")
    if args.out:
        args.out.write_text(
            json.dumps({"machine": info, "setup": setup, "table": table, "runs": runs}, indent=1)
        )
        print(f"results: {args.out}")


if __name__ == "__main__":
    main()
