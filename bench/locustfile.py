"""Load scenario: the demo's people at work on the production stack (run by bench/load.py).

Who (weights = users out of 50): village committees of ตำบลเวียงเหนือ editing their draft
plans (15) and looking at approved ones (15), the tambon's community development officer
(8), the district office (6) and the provincial office (6), each logged in with the demo
password as in bench/fixture.py's JSON (BENCH_FIXTURE). What: home, their area page, its
data pack, a village plan, and for committees of a draft the item editor in place (htmx GET
of the form, a pause to "type", POST of the same values: the demo stays as it was), plus
`/livez` in everyone's mix as the stack's own floor. Requests are named "page · level" so a
province's data pack is not averaged with a village's.

Every response time after the ramp-up and a warm-up (BENCH_WARMUP seconds) is written to BENCH_SAMPLES (JSON) when locust quits,
so load.py computes exact percentiles (locust's own are rounded to 2 significant digits).
"""

from __future__ import annotations

import json
import os
import random
import time
from collections import defaultdict
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from htmlform import form_fields
from locust import FastHttpUser, between, events, task

# The pages of the issue, as named in the results (load.py's table and the smoke test).
PAGES = ("home", "area", "pack", "plan", "item edit", "item save", "livez")
THINK = (
    float(os.environ.get("BENCH_THINK_MIN", "2")),
    float(os.environ.get("BENCH_THINK_MAX", "6")),
)
HTMX = {"HX-Request": "true"}
_fixture_path = os.environ.get("BENCH_FIXTURE", "")
FIXTURE: dict[str, Any] = json.loads(Path(_fixture_path).read_text()) if _fixture_path else {}

# Items of the draft plans not being edited right now: two users never edit one item at
# once (that would be the conflict the lost-update check refuses, not load).
_free_items: dict[str, list[int]] = {
    code: list(v["editable_items"]) for code, v in FIXTURE.get("villages", {}).items()
}
_next_user: dict[str, int] = defaultdict(int)

samples: dict[str, list[float]] = defaultdict(list)
started: dict[str, list[float]] = defaultdict(list)  # when each request began (epoch seconds)
failures: dict[str, list[str]] = defaultdict(list)
recording = {"from": float("inf")}
WARMUP = float(os.environ.get("BENCH_WARMUP", "30"))


@events.spawning_complete.add_listener
def _start_recording(user_count: int, **_: Any) -> None:
    # The ramp-up (a login storm: Argon2 is slow on purpose) and the cold workers are not
    # measured: only requests that start WARMUP seconds after the last user has logged in.
    recording["from"] = time.time() + WARMUP


@events.request.add_listener
def _record(
    name: str,
    response_time: float,
    exception: Any = None,
    start_time: float | None = None,
    **_: Any,
) -> None:
    began = start_time or time.time() - response_time / 1000
    if began < recording["from"]:
        return
    samples[name].append(response_time)
    started[name].append(round(began, 3))
    if exception is not None:
        failures[name].append(str(exception)[:200])


@events.quitting.add_listener
def _write_samples(**_: Any) -> None:
    out = os.environ.get("BENCH_SAMPLES")
    if out:
        Path(out).write_text(
            json.dumps({"samples": samples, "started": started, "failures": failures})
        )


class PlanlinkUser(FastHttpUser):
    abstract = True
    wait_time = between(*THINK)
    role = ""  # the fixture's key
    level = ""  # the level of the user's own area, in the request names
    username = area = ""
    villages: list[str] = []

    def on_start(self) -> None:
        account = FIXTURE[self.role]
        self.username, self.area = account["username"], account["area"]
        self.villages = account["villages"]
        self.login()

    def login(self) -> None:
        page = self.client.get("/accounts/login/", name="login")
        token = dict(form_fields(page.text or "", "")).get("csrfmiddlewaretoken", "")
        body = urlencode(
            {
                "csrfmiddlewaretoken": token,
                "username": self.username,
                "password": FIXTURE["password"],
                "next": "/",
            }
        )
        with self.client.post(
            "/accounts/login/",
            data=body,
            headers={"Content-Type": "application/x-www-form-urlencoded"},
            name="login",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"login of {self.username} answered {response.status_code}")

    def get(self, path: str, page: str, headers: dict[str, str] | None = None) -> str:
        """GET a page without following redirects: a redirect to the login page is an error."""
        with self.client.get(
            path,
            name=f"{page} · {self.level}" if page != "livez" else "livez",
            headers=headers,
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 200:
                response.failure(f"{path} answered {response.status_code}")
            return response.text or ""

    @task(2)
    def home(self) -> None:
        self.get("/", "home")

    @task(2)
    def area_page(self) -> None:
        self.get(f"/areas/{self.area}/", "area")

    @task(2)
    def pack(self) -> None:
        self.get(f"/areas/{self.area}/evidence/", "pack")

    @task(2)
    def plan(self) -> None:
        self.get(f"/areas/{random.choice(self.villages)}/plan/", "plan")

    @task(1)
    def livez(self) -> None:
        self.get("/livez", "livez")


class CommitteeUser(PlanlinkUser):
    """A village committee: its own village's pages and plan."""

    abstract = True
    drafts = False  # committees of a draft plan also edit its items
    level = "village"

    def on_start(self) -> None:
        codes = sorted(
            c for c, v in FIXTURE["villages"].items() if bool(v["editable_items"]) == self.drafts
        )
        key = "drafts" if self.drafts else "others"
        code = codes[_next_user[key] % len(codes)]
        _next_user[key] += 1
        self.username, self.area = FIXTURE["villages"][code]["username"], code
        self.villages = [code]
        self.login()


class DraftCommittee(CommitteeUser):
    weight = 15
    drafts = True

    @task(3)
    def item_edit(self) -> None:
        items = _free_items[self.area]
        if not items:
            self.plan()
            return
        pk = items.pop(random.randrange(len(items)))
        try:
            self.edit(pk)
        finally:
            items.append(pk)

    def edit(self, pk: int) -> None:
        url = f"/plans/items/{pk}/edit/"
        html = self.get(url, "item edit", headers=HTMX)
        fields = form_fields(html, "item-form")
        if not fields:
            return  # the GET already failed
        time.sleep(random.uniform(*THINK))  # reading and typing (gevent-patched sleep)
        with self.client.post(
            url,
            data=urlencode(fields),
            headers={**HTMX, "Content-Type": "application/x-www-form-urlencoded"},
            name="item save · village",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            text = response.text or ""
            if response.status_code != 200:
                response.failure(f"save of item {pk} answered {response.status_code}")
            elif 'id="item-form"' in text or 'class="item-row' not in text:
                # htmx swaps only 2xx answers, so a refused save comes back as the form again.
                response.failure(f"save of item {pk} was refused: the form came back")


class OtherCommittee(CommitteeUser):
    weight = 15
    drafts = False


class Officer(PlanlinkUser):
    weight = 8
    role, level = "officer", "tambon"


class District(PlanlinkUser):
    weight = 6
    role, level = "district", "district"


class Province(PlanlinkUser):
    weight = 6
    role, level = "province", "province"
