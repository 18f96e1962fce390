"""Background jobs that never stick: running, heartbeat, finding dead workers, retrying,
and removing what finished or abandoned jobs left on disk.

A job runs on a worker (`manage.py db_worker`). While it runs, a heartbeat thread stamps
`Job.heartbeat_at` and the job records its worker as "host:pid". `jobs_reap` marks failed
every running job whose worker is gone — a process of this host that no longer exists, or a
heartbeat older than JOB_STALE_SECONDS (for workers on other hosts) — with a message saying
nothing was saved and the job can be tried again. The database rolled the dead job's
transaction back; its upload is kept JOB_RETRY_HOURS for a retry, its work folders are
removed by `files_sweep` (see core/workdirs).
"""

from __future__ import annotations

import logging
import os
import shutil
import socket
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from importlib import import_module
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models import Q
from django.utils import timezone

from planlink.core import workdirs
from planlink.core.models import Job, JobStatus
from planlink.core.tabular import ImportRejected

log = logging.getLogger(__name__)

HEARTBEAT_SECONDS = 10
# Where each kind of job is run: "module:function" taking the job id (a django-tasks task).
TASKS: dict[str, str] = {
    "evidence_import": "planlink.evidence.tasks:run_evidence_import",
    "villages_import": "planlink.areas.tasks:run_villages_import",
}
DIED_TH = (
    "งานหยุดกลางคันเพราะตัวประมวลผลเบื้องหลังหยุดทำงาน (เช่น เซิร์ฟเวอร์เริ่มใหม่หรือหน่วยความจำไม่พอ) "
    "ไม่มีการบันทึกข้อมูลใด ๆ กด “ลองอีกครั้ง” เพื่อนำเข้าไฟล์เดิมใหม่"
)
DIED_EN = (
    "The job stopped because the background worker stopped (a server restart or lack of "
    "memory). Nothing was saved. Choose “Try again” to import the same file again."
)


def stale_after() -> timedelta:
    return timedelta(seconds=getattr(settings, "JOB_STALE_SECONDS", 90))


def retry_window() -> timedelta:
    return timedelta(hours=getattr(settings, "JOB_RETRY_HOURS", 24))


def this_worker() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def _alive(worker: str) -> bool | None:
    """True/False for a worker of this host; None when it runs elsewhere (ask the heartbeat)."""
    host, _, pid = worker.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return None
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


# --- Running ----------------------------------------------------------------------------------


class JobProgress:
    """A `progress(stage, done, total)` callback writing to the job at most twice a second
    (each write is a heartbeat too)."""

    def __init__(self, job: Job) -> None:
        self.job = job
        self.last = 0.0

    def __call__(self, stage: str, done: int, total: int) -> None:
        now = time.monotonic()
        if now - self.last < 0.5 and done < total:
            return
        self.last = now
        Job.objects.filter(pk=self.job.pk).update(
            stage=stage, done=done, total=total, heartbeat_at=timezone.now()
        )


class _Heartbeat(threading.Thread):
    """Stamps the job every few seconds from its own database connection, whatever the
    import is doing (a long read or a long transaction reports no progress)."""

    def __init__(self, job_id: int) -> None:
        super().__init__(name=f"job-{job_id}-heartbeat", daemon=True)
        self.job_id = job_id
        self.stopped = threading.Event()

    def run(self) -> None:
        try:
            while not self.stopped.wait(HEARTBEAT_SECONDS):
                try:
                    Job.objects.filter(pk=self.job_id, status=JobStatus.RUNNING).update(
                        heartbeat_at=timezone.now()
                    )
                except Exception:  # a busy database: the next beat tries again
                    log.warning("job %s: heartbeat not written", self.job_id, exc_info=True)
        finally:
            connection.close()


@contextmanager
def _heartbeat(job_id: int) -> Iterator[None]:
    # The suite runs tasks inline inside a test transaction that another connection cannot
    # see into; there the progress callback is the heartbeat.
    if not getattr(settings, "JOB_HEARTBEAT_THREAD", True):
        yield
        return
    beat = _Heartbeat(job_id)
    beat.start()
    try:
        yield
    finally:
        beat.stopped.set()
        beat.join(timeout=HEARTBEAT_SECONDS + 5)


def run_job(job_id: int, work: Callable[[Job, JobProgress], Any]) -> None:
    """Run `work(job, progress)` as the job: running → done (its result's simple fields),
    rejected (the file's problems) or failed (the error). The upload is removed unless the
    job failed (kept for a retry); what dead jobs left is swept first."""
    housekeeping()
    job = Job.objects.select_related("created_by").get(pk=job_id)
    if job.status != JobStatus.QUEUED:
        log.warning("job %s is %s, not queued: not run again", job.pk, job.status)
        return
    now = timezone.now()
    claimed = Job.objects.filter(pk=job.pk, status=JobStatus.QUEUED).update(
        status=JobStatus.RUNNING, stage="read", worker=this_worker(), heartbeat_at=now
    )
    if not claimed:
        return
    keep_upload = False
    try:
        with _heartbeat(job.pk):
            outcome = work(job, JobProgress(job))
    except ImportRejected as rejected:
        Job.objects.filter(pk=job.pk).update(
            status=JobStatus.REJECTED,
            finished_at=timezone.now(),
            problems=[
                {"row": p.row, "column": p.column, "th": p.th, "en": p.en}
                for p in rejected.problems
            ],
            problem_total=rejected.total,
        )
    except Exception as exc:
        keep_upload = True
        Job.objects.filter(pk=job.pk).update(
            status=JobStatus.FAILED,
            finished_at=timezone.now(),
            message=f"{type(exc).__name__}: {exc}",
        )
        raise
    else:
        result = {k: v for k, v in vars(outcome).items() if isinstance(v, str | int | bool | float)}
        Job.objects.filter(pk=job.pk).update(
            status=JobStatus.DONE, finished_at=timezone.now(), result=result, stage="done"
        )
    finally:
        if not keep_upload:
            remove_upload(job)


# --- Uploads ----------------------------------------------------------------------------------


def uploads_dir() -> Path:
    return Path(settings.EVIDENCE_DIR) / "uploads"


def write_upload(upload: Any, path: Path) -> Path:
    """Write an uploaded file (chunk by chunk: never whole in memory) to `path`."""
    with path.open("wb") as handle:
        for chunk in upload.chunks():
            handle.write(chunk)
    return path


def save_upload(upload: Any) -> Path:
    """Write an uploaded file to its own folder under uploads/, for a job to read."""
    import uuid

    folder = uploads_dir() / uuid.uuid4().hex
    folder.mkdir(parents=True)
    return write_upload(upload, folder / "upload")


@contextmanager
def upload_on_disk(upload: Any) -> Iterator[Path]:
    """An uploaded file on disk for the length of a request (an import small enough to run
    in it), removed afterwards whatever happens."""
    with tempfile.TemporaryDirectory(prefix="planlink-upload-") as folder:
        yield write_upload(upload, Path(folder) / "upload")


def remove_upload(job: Job) -> None:
    path = job.upload_path
    if path and Path(path).parent.parent == uploads_dir():
        shutil.rmtree(Path(path).parent, ignore_errors=True)


def has_upload(job: Job) -> bool:
    return bool(job.upload_path) and Path(job.upload_path).is_file()


# --- Dead workers, retries and sweeping ------------------------------------------------------


def jobs_reap(*, ids: list[int] | None = None) -> int:
    """Mark failed the running jobs (of `ids`, or all) whose worker is gone."""
    now = timezone.now()
    running = Job.objects.filter(status=JobStatus.RUNNING)
    if ids is not None:
        running = running.filter(pk__in=ids)
    dead: list[int] = []
    for job in running.only("pk", "worker", "heartbeat_at", "updated_at"):
        alive = _alive(job.worker) if job.worker else None
        last = job.heartbeat_at or job.updated_at
        if alive is False or (alive is None and last < now - stale_after()):
            dead.append(job.pk)
    if not dead:
        return 0
    reaped = Job.objects.filter(pk__in=dead, status=JobStatus.RUNNING).update(
        status=JobStatus.FAILED, finished_at=now, message=f"{DIED_TH}\n{DIED_EN}", stage=""
    )
    log.warning("marked %s job(s) failed: their worker stopped (%s)", reaped, dead)
    return reaped


def can_retry(job: Job) -> bool:
    return (
        job.status == JobStatus.FAILED
        and job.kind in TASKS
        and has_upload(job)
        and not job.retries.exists()
    )


def job_retry(*, user: Any, job: Job) -> Job:
    """Run a failed job again on the same upload, as a new job; the old one points to it."""
    if not can_retry(job):
        raise ValueError("this job cannot be retried")
    retry = Job.objects.create(
        kind=job.kind,
        area=job.area,
        created_by=user if getattr(user, "pk", None) else job.created_by,
        title=job.title,
        params=job.params,
        retry_of=job,
    )
    enqueue(retry)
    return retry


def enqueue(job: Job) -> None:
    module, _, name = TASKS[job.kind].partition(":")
    getattr(import_module(module), name).enqueue(job.pk)


@dataclass(frozen=True)
class Swept:
    jobs_failed: int
    uploads: int
    work_files: int


def files_sweep() -> tuple[int, int]:
    """Remove uploads no job needs any more (finished, failed past the retry window, or
    abandoned) and the work folders of imports whose process died. (uploads, work files)."""
    uploads = 0
    root = uploads_dir()
    if root.is_dir():
        folders = {p.name: p for p in root.iterdir() if p.is_dir()}
        needed: set[str] = set()
        cutoff = timezone.now() - retry_window()
        jobs = Job.objects.filter(
            Q(status__in=[JobStatus.QUEUED, JobStatus.RUNNING])
            | Q(status=JobStatus.FAILED, finished_at__gte=cutoff)
        ).values_list("params", flat=True)
        for params in jobs:
            path = Path(str((params or {}).get("path", "")))
            if path.parent.parent == root:
                needed.add(path.parent.name)
        young = time.time() - workdirs.GRACE_SECONDS
        for name, folder in folders.items():
            if name in needed:
                continue
            try:
                if folder.stat().st_mtime > young and not _job_for(folder):
                    continue  # being written by a request that has not created its job yet
            except FileNotFoundError:
                continue
            shutil.rmtree(folder, ignore_errors=True)
            uploads += 1
    return uploads, len(workdirs.sweep(referenced=_household_files))


def _job_for(folder: Path) -> bool:
    return Job.objects.filter(params__path=str(folder / "upload")).exists()


# Apps that keep files in the evidence folder say which are still theirs (their AppConfig's
# ready() calls `keep_files_of`), so the sweep never removes a file a record refers to and core
# knows no domain app.
_KEEPERS: list[Callable[[], set[str]]] = []


def keep_files_of(referenced: Callable[[], set[str]]) -> None:
    """Register `referenced`: the evidence-folder paths (relative) records still refer to."""
    if referenced not in _KEEPERS:
        _KEEPERS.append(referenced)


def _household_files() -> set[str]:
    return set().union(*(keeper() for keeper in _KEEPERS))


def housekeeping() -> Swept:
    """Reap dead jobs, then sweep files: cheap enough to run before every job and on a
    schedule (`manage.py jobs_cleanup`)."""
    failed = jobs_reap()
    uploads, work = files_sweep()
    return Swept(failed, uploads, work)
