"""kill -9 in the middle of a BMN import — of the command and of the background worker —
leaves the database as it was, the job marked failed (and retryable), and, after the sweep,
no file behind.

These run the real processes (`manage.py bmn_import`, `manage.py db_worker`) against a
database of their own (a SQLite file, or a fresh PostgreSQL database when the suite runs on
PostgreSQL), so the kill hits a real transaction and real files.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from django.conf import settings

from planlink.areas.models import Area, AreaLevel
from planlink.evidence.tests.conftest import codes

pytestmark = pytest.mark.django_db

MANAGE = str(Path(settings.BASE_DIR) / "manage.py")
BIG = 1_200_000  # households: a few batches, so the kill lands mid-import
SNAPSHOT = """
import hashlib, json
from planlink.evidence.models import BmnImport, BmnResult
imports = list(BmnImport.objects.order_by("pk").values_list("pk", "status", "villages", "households", "household_file"))
results = json.dumps(list(BmnResult.objects.order_by("area_id", "year").values_list("area_id", "year", "households", "counts")), default=str, sort_keys=True)
print(json.dumps({"imports": imports, "results": hashlib.sha256(results.encode()).hexdigest(), "rows": BmnResult.objects.count()}))
"""


class Stack:
    """A throwaway planlink installation: its own database, var and evidence folders."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.evidence = root / "evidence"
        self.pg: dict[str, Any] | None = None
        database = settings.DATABASES["default"]
        if database["ENGINE"].endswith("postgresql"):
            self.pg = {
                "host": database["HOST"] or "127.0.0.1",
                "port": database["PORT"] or 5432,
                "user": database["USER"],
                "password": database["PASSWORD"] or None,
                "dbname": f"planlink_kill_{uuid.uuid4().hex[:8]}",
            }
            with self._pg("postgres") as admin:
                admin.execute(f'CREATE DATABASE "{self.pg["dbname"]}"')
            auth = self.pg["user"] + (f":{self.pg['password']}" if self.pg["password"] else "")
            url = f"postgres://{auth}@{self.pg['host']}:{self.pg['port']}/{self.pg['dbname']}"
        else:
            url = f"sqlite:///{root / 'planlink.sqlite3'}"
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.dev",
            "DEBUG": "0",
            "PLANLINK_DEMO": "0",
            "DATABASE_URL": url,
            "PLANLINK_VAR_DIR": str(root / "var"),
            "PLANLINK_EVIDENCE_DIR": str(self.evidence),
        }

    def _pg(self, dbname: str) -> Any:
        import psycopg

        assert self.pg is not None
        params = {k: v for k, v in self.pg.items() if k != "dbname" and v is not None}
        return psycopg.connect(**params, dbname=dbname, autocommit=True)

    def drop(self) -> None:
        if self.pg is not None:
            with self._pg("postgres") as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{self.pg["dbname"]}" WITH (FORCE)')

    def manage(self, *args: str) -> str:
        done = subprocess.run(
            [sys.executable, MANAGE, *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert done.returncode == 0, done.stderr[-3000:]
        return done.stdout

    def shell(self, code: str) -> Any:
        return json.loads(self.manage("shell", "-c", code).strip().splitlines()[-1])

    def start(self, *args: str) -> subprocess.Popen[str]:
        return subprocess.Popen(
            [sys.executable, MANAGE, *args],
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )

    def state(self) -> Any:
        return self.shell(SNAPSHOT)

    def files(self, *parts: str) -> list[str]:
        folder = self.evidence.joinpath(*parts)
        return (
            sorted(str(p.relative_to(self.evidence)) for p in folder.rglob("*"))
            if folder.is_dir()
            else []
        )

    def write_lock(self) -> Callable[[], None]:
        """Make an import stop inside its transaction, after its household files were moved
        into place (PostgreSQL: hold the BMN import table's lock). Returns the release."""
        if self.pg is not None:
            conn = self._pg(self.pg["dbname"])
            conn.autocommit = False
            conn.execute("LOCK TABLE evidence_bmnimport IN EXCLUSIVE MODE")
            return conn.close  # closing rolls back and lets go
        # SQLite: transactions take the write lock at BEGIN (IMMEDIATE), so a lock held here
        # would stop the import before its transaction. Instead the import's first insert is
        # made to take forever (a trigger running a huge cross join): the import is then
        # inside its transaction, files moved, holding the write lock, when it is killed.
        lite = sqlite3.connect(self.root / "planlink.sqlite3", isolation_level=None, timeout=30)
        lite.executescript(
            "CREATE TABLE zz_slow (x INTEGER);"
            "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 5000)"
            " INSERT INTO zz_slow SELECT x FROM n;"
            "CREATE TRIGGER zz_slow_import BEFORE INSERT ON evidence_bmnimport BEGIN"
            " SELECT count(*) FROM zz_slow a, zz_slow b, zz_slow c; END;"
        )

        def release() -> None:
            lite.executescript("DROP TRIGGER zz_slow_import; DROP TABLE zz_slow;")
            lite.close()

        return release


def wait_for(check: Callable[[], bool], process: subprocess.Popen[str] | None, what: str) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if check():
            return
        if process is not None and process.poll() is not None:
            pytest.fail(f"the process ended before {what}: {process.stderr.read()[-2000:]}")  # type: ignore[union-attr]
        time.sleep(0.01)
    pytest.fail(f"timed out waiting for {what}")


def kill(process: subprocess.Popen[str]) -> None:
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL


def households_csv(path: Path, villages: list[str], n: int, indicator_codes: list[str]) -> Path:
    head = ["รหัสหมู่บ้าน", "รหัสบ้าน", "ปีที่สำรวจ", "จำนวนสมาชิก"]
    i = pl.int_range(0, n, eager=True)
    frame = pl.DataFrame(
        {
            head[0]: pl.Series(villages).gather(i % len(villages)),
            head[1]: i.cast(pl.String).str.zfill(7),
            head[2]: pl.repeat(2564, n, eager=True),
            head[3]: pl.repeat(3, n, eager=True),
        }
    ).with_columns(
        pl.lit(1).alias(f"{kind}{code}") for code in indicator_codes for kind in ("e", "p")
    )
    frame.write_csv(path)
    return path


@pytest.fixture(scope="module")
def stack(
    tmp_path_factory: pytest.TempPathFactory, django_db_setup: Any, django_db_blocker: Any
) -> Iterator[Stack]:
    with django_db_blocker.unblock():
        indicator_codes = codes()
        tambons = list(
            Area.objects.filter(level=AreaLevel.TAMBON, code__startswith="52")
            .order_by("code")
            .values_list("code", flat=True)
        )
    root = tmp_path_factory.mktemp("kill")
    stack = Stack(root)
    try:
        stack.manage("migrate", "-v0")
        stack.manage("areas_load", "--province", "52")
        villages = [f"{t}{moo:02d}" for t in tambons for moo in (1, 2)]
        listing = root / "villages.csv"
        listing.write_text(
            "รหัสหมู่บ้าน,หมู่ที่,ชื่อหมู่บ้าน\n"
            + "".join(f"{v},{int(v[-2:])},บ้านทดสอบ {v}\n" for v in villages),
            encoding="utf-8",
        )
        stack.manage("villages_import", str(listing))
        small = households_csv(root / "small.csv", villages, 5_000, indicator_codes)
        stack.manage("bmn_import", str(small))  # data that must survive the kills
        stack.big = households_csv(root / "big.csv", villages, BIG, indicator_codes)  # type: ignore[attr-defined]
        yield stack
    finally:
        stack.drop()


def committed_files(stack: Stack) -> list[str]:
    return [f for f in stack.files("bmn") if f.count("/") == 2]


def test_kill_of_the_command_while_reading(stack: Stack) -> None:
    before, kept = stack.state(), committed_files(stack)
    process = stack.start("bmn_import", str(stack.big))  # type: ignore[attr-defined]
    wait_for(
        lambda: bool(stack.files("tmp") and any("part-" in f for f in stack.files("tmp"))),
        process,
        "household files were written",
    )
    kill(process)
    assert any(f.endswith(".arrow") for f in stack.files("tmp"))  # what a kill leaves …
    assert stack.state() == before
    stack.manage("jobs_cleanup")
    assert stack.files("tmp") == []  # … the sweep removes
    assert committed_files(stack) == kept


def test_kill_of_the_command_inside_its_transaction(stack: Stack) -> None:
    before, kept = stack.state(), committed_files(stack)
    release = stack.write_lock()
    try:
        process = stack.start("bmn_import", str(stack.big))  # type: ignore[attr-defined]
        wait_for(
            lambda: len(committed_files(stack)) > len(kept),
            process,
            "the files were moved into place",
        )
        time.sleep(0.3)  # now stuck inside the transaction (lock or trigger)
        kill(process)
    finally:
        release()
    assert stack.state() == before
    assert len(committed_files(stack)) > len(kept)  # moved there, never committed
    stack.manage("jobs_cleanup")
    assert committed_files(stack) == kept
    assert stack.files("tmp") == []


def test_kill_of_the_worker_marks_the_job_failed_and_the_retry_finishes(stack: Stack) -> None:
    before = stack.state()
    job_id = stack.shell(
        "import json\n"
        "from django.core.files import File\n"
        "from planlink.core import jobs\n"
        "from planlink.core.models import Job\n"
        f"with open({str(stack.big)!r}, 'rb') as f:\n"  # type: ignore[attr-defined]
        "    path = jobs.save_upload(File(f))\n"
        "job = Job.objects.create(kind='evidence_import', title='BMN: big.csv', params={"
        "'family': 'bmn', 'path': str(path), 'original_name': 'big.csv', 'within': ''})\n"
        "jobs.enqueue(job)\n"
        "print(json.dumps(job.pk))\n"
    )
    worker = stack.start("db_worker", "--queue-name", "default", "--interval", "0.2")
    try:
        wait_for(
            lambda: any("part-" in f for f in stack.files("tmp")),
            worker,
            "the worker wrote household files",
        )
        kill(worker)
    finally:
        if worker.poll() is None:
            worker.kill()
    job_state = (
        "import json\nfrom planlink.core.models import Job\n"
        f"j = Job.objects.get(pk={job_id})\n"
        "print(json.dumps([j.status, j.message, j.params['path'], j.retries.count()]))"
    )
    assert stack.shell(job_state)[0] == "running"  # as the dead worker left it
    assert stack.state() == before
    stack.manage("jobs_cleanup")
    status, message, upload, _retries = stack.shell(job_state)
    assert status == "failed" and "Nothing was saved" in message
    assert stack.files("tmp") == []
    assert Path(upload).is_file()  # kept for "Try again"

    retry = stack.shell(
        "import json\nfrom planlink.core import jobs\nfrom planlink.core.models import Job\n"
        f"print(json.dumps(jobs.job_retry(user=None, job=Job.objects.get(pk={job_id})).pk))"
    )
    worker = stack.start("db_worker", "--queue-name", "default", "--interval", "0.2")
    try:
        done = (
            "import json\nfrom planlink.core.models import Job\n"
            f"print(json.dumps(Job.objects.get(pk={retry}).status))"
        )
        wait_for(
            lambda: stack.shell(done) in ("done", "failed", "rejected"),
            worker,
            "the retry finished",
        )
        assert stack.shell(done) == "done"
    finally:
        worker.terminate()
        worker.wait(timeout=30)
    after = stack.state()
    assert len(after["imports"]) == len(before["imports"]) + 1
    assert after["imports"][-1][3] == BIG
    assert stack.files("tmp") == [] and stack.files("uploads") == []  # nothing left behind
