"""Where one request of each benchmarked page spends its time (run by `load.py --profile`).

In one process with the production settings and the benchmark's database: each page is
requested as its usual user (warm-up first, then the median of 5 timed requests), its SQL
counted and timed, and one more request profiled with cProfile on CPU time; prints wall and
CPU time, the queries, the functions of planlink and Django's templates with the most
cumulative time and the functions with the most time of their own.

    python bench/pageprofile.py FIXTURE.json [--top 12]
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def pages(fixture: dict[str, Any]) -> list[tuple[str, str, str, dict[str, str], bool]]:
    """(name, user, path, headers, is_post) — one of each page and level of the scenario."""
    villages = fixture["villages"]
    draft = next(code for code, v in villages.items() if v["editable_items"])
    editor, item = villages[draft]["username"], villages[draft]["editable_items"][0]
    htmx = {"HTTP_HX_REQUEST": "true"}
    rows = [("livez", editor, "/livez", {}, False)]
    for level, user, area in (
        ("village", editor, draft),
        ("tambon", fixture["officer"]["username"], fixture["officer"]["area"]),
        ("district", fixture["district"]["username"], fixture["district"]["area"]),
        ("province", fixture["province"]["username"], fixture["province"]["area"]),
    ):
        rows += [
            (f"home · {level}", user, "/", {}, False),
            (f"area · {level}", user, f"/areas/{area}/", {}, False),
            (f"pack · {level}", user, f"/areas/{area}/evidence/", {}, False),
        ]
    rows += [
        ("plan · village", editor, f"/areas/{draft}/plan/", {}, False),
        ("item edit · village", editor, f"/plans/items/{item}/edit/", htmx, False),
        ("item save · village", editor, f"/plans/items/{item}/edit/", htmx, True),
    ]
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("fixture", type=Path)
    parser.add_argument("--top", type=int, default=12)
    parser.add_argument("--only", help="profile only page names containing this")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    sys.path.insert(0, str(ROOT / "bench"))
    from htmlform import form_fields

    from planlink.accounts.models import User

    fixture = json.loads(args.fixture.read_text())
    clients: dict[str, Client] = {}
    queries: list[float] = []

    def count(execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any) -> Any:
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            queries.append(time.perf_counter() - started)

    for name, username, path, headers, post in pages(fixture):
        if args.only and args.only not in name:
            continue
        client = clients.get(username)
        if client is None:
            client = clients[username] = Client()
            client.force_login(User.objects.get(username=username))

        def prepare(client: Client = client, path: str = path, headers: dict[str, str] = headers,
                    post: bool = post) -> dict[str, str]:  # fmt: skip
            """The form as loaded, for a save (fetched again before every save, untimed)."""
            if not post:
                return {}
            return dict(form_fields(client.get(path, **headers).content.decode(), "item-form"))

        def request(data: dict[str, str], client: Client = client, path: str = path,
                    headers: dict[str, str] = headers, post: bool = post) -> int:  # fmt: skip
            if post:
                return client.post(path, data, **headers).status_code
            return client.get(path, **headers).status_code

        status = request(prepare())  # warm-up: templates compiled, caches filled
        times, cpu, counts, db = [], [], [], []
        for _ in range(5):
            data = prepare()
            queries.clear()
            started, started_cpu = time.perf_counter(), time.process_time()
            with connection.execute_wrapper(count):
                request(data)
            times.append(time.perf_counter() - started)
            cpu.append(time.process_time() - started_cpu)
            counts.append(len(queries))
            db.append(sum(queries))
        # CPU time, not wall: on a shared machine the profile's shares stay honest.
        profile = cProfile.Profile(time.process_time)
        data = prepare()
        profile.enable()
        request(data)
        profile.disable()
        out = io.StringIO()
        stats = pstats.Stats(profile, stream=out)
        stats.sort_stats("cumulative").print_stats(r"planlink|django/template", args.top)
        stats.sort_stats("tottime").print_stats(args.top)
        wall = statistics.median(times) * 1000
        print(
            f"\n=== {name}  {'POST' if post else 'GET'} {path}  status {status}: {wall:.1f} ms "
            f"wall, {statistics.median(cpu) * 1000:.1f} ms CPU in the web process, "
            f"{statistics.median(counts):.0f} queries taking {statistics.median(db) * 1000:.1f} ms"
        )
        for listing in out.getvalue().split("   ncalls")[1:]:
            print("   ncalls" + listing.split("\n\n\n")[0].rstrip())


if __name__ == "__main__":
    main()
