"""Smoke tests of the load benchmark (bench/): it starts, and its scenario covers every page.

The benchmark itself is not part of the suite (bench/README.md). Locust patches the standard
library when imported (gevent), so the scenario is exercised in a separate interpreter.
"""

import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

from htmlform import form_fields  # noqa: E402

# Every user class of the scenario is built with a fake client that records each request
# and answers as planlink would; the output is the request names and paths it made.
SCENARIO = r"""
import json, sys
sys.path.insert(0, "bench")
import locustfile
from locust.env import Environment

FORM = ('<form id="item-form" method="post"><input type="hidden" name="csrfmiddlewaretoken" '
        'value="t"><input name="title" value="ถนน"><select name="mode"><option value="self">a'
        '</option><option value="joint" selected>b</option></select>'
        '<textarea name="objective">\nเพื่อ</textarea><input type="checkbox" name="unlink_x">'
        '<button type="submit">Save</button></form>')
LOGIN = '<form method="post"><input type="hidden" name="csrfmiddlewaretoken" value="t"></form>'


class Answer:
    def __init__(self, status, text):
        self.status_code, self.text, self.failed = status, text, None
    def __enter__(self):
        return self
    def __exit__(self, *exc):
        return False
    def failure(self, message):
        self.failed = message


class FakeClient:
    def __init__(self, seen):
        self.seen = seen
    def get(self, path, name=None, **kw):
        self.seen.append(("GET", name, path, None))
        return Answer(200, LOGIN if "login" in path else FORM if "edit" in path else "<p>ok</p>")
    def post(self, path, name=None, data=None, **kw):
        self.seen.append(("POST", name, path, data))
        if "login" in path:
            return Answer(302, "")
        return Answer(200, '<li id="item-1" class="item-row mode-self">')


seen = []
env = Environment(user_classes=[], events=locustfile.events)
classes = [c for c in vars(locustfile).values()
           if isinstance(c, type) and issubclass(c, locustfile.PlanlinkUser) and not c.abstract]
for cls in classes:
    cls.host = "http://127.0.0.1:1"  # never reached: the fake client answers
    user = cls(env)
    user.client = FakeClient(seen)
    user.on_start()
    for task in dict.fromkeys(cls.tasks):  # a task of weight 3 is listed three times
        task(user)
print(json.dumps({"pages": list(locustfile.PAGES), "classes": sorted(c.__name__ for c in classes),
                  "weights": sum(c.weight for c in classes), "seen": seen}))
"""


def run_scenario(tmp_path):
    fixture = {
        "password": "demo1234",
        "villages": {
            "52010101": {"username": "village-52010101", "editable_items": [1, 2]},
            "52010102": {"username": "village-52010102", "editable_items": []},
        },
        "officer": {"username": "officer-520101", "area": "520101", "villages": ["52010101"]},
        "district": {"username": "district-5201", "area": "5201", "villages": ["52010101"]},
        "province": {"username": "province", "area": "52", "villages": ["52010101"]},
    }
    (tmp_path / "fixture.json").write_text(json.dumps(fixture))
    env = {
        **os.environ,
        "BENCH_FIXTURE": str(tmp_path / "fixture.json"),
        "BENCH_THINK_MIN": "0",
        "BENCH_THINK_MAX": "0",
    }
    result = subprocess.run(
        [sys.executable, "-c", SCENARIO],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_scenario_requests_every_page_of_the_issue(tmp_path):
    out = run_scenario(tmp_path)
    assert out["pages"] == ["home", "area", "pack", "plan", "item edit", "item save", "livez"]
    names = {name for _, name, _, _ in out["seen"]}
    assert {name.split(" · ")[0] for name in names} == {*out["pages"], "login"}
    for level in ("village", "tambon", "district", "province"):
        assert {f"home · {level}", f"area · {level}", f"pack · {level}"} <= names
    assert out["classes"] == ["District", "DraftCommittee", "Officer", "OtherCommittee", "Province"]
    assert out["weights"] == 50  # the issue's 50 users, one class share each


def test_scenario_saves_the_form_as_loaded(tmp_path):
    out = run_scenario(tmp_path)
    saves = [data for method, name, _, data in out["seen"] if name == "item save · village"]
    # Unchecked "unlink" boxes and the button are not sent; the selected option is.
    expected = [
        ("csrfmiddlewaretoken", "t"),
        ("title", "ถนน"),
        ("mode", "joint"),
        ("objective", "เพื่อ"),
    ]
    assert saves == [urlencode(expected)]
    logins = [path for method, name, path, _ in out["seen"] if method == "POST" and name == "login"]
    assert len(logins) == 5  # one per user class


def test_form_fields_are_what_a_browser_submits():
    html = (
        '<form id="other"><input name="no" value="x"></form>'
        '<form id="item-form"><input type="hidden" name="v" value="3">'
        '<input type="number" name="n" value="">'
        '<input type="checkbox" name="c1" checked><input type="checkbox" name="c2">'
        '<select name="s"><option value="a">A</option><option value="b">B</option></select>'
        '<textarea name="t">\nline</textarea><input type="submit" name="go" value="Save"></form>'
    )
    assert form_fields(html, "item-form") == [
        ("v", "3"),
        ("n", ""),
        ("c1", "on"),
        ("s", "a"),
        ("t", "line"),
    ]


def test_load_help_runs():
    result = subprocess.run(
        [sys.executable, "bench/load.py", "--help"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    for option in ("--users", "--minutes", "--repeats", "--profile", "--data-dir"):
        assert option in result.stdout


def test_load_refuses_unbounded_runs():
    result = subprocess.run(
        [sys.executable, "bench/load.py", "--users", "5000"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "bounded" in result.stderr
