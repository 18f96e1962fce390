"""Background work: evidence imports run by the worker (`manage.py db_worker`), reporting
their progress on the Job row that the import page polls."""

from __future__ import annotations

import shutil
import time
from pathlib import Path
from typing import Any

from django.utils import timezone
from django_tasks import task

from planlink.core.models import Job, JobStatus
from planlink.core.tabular import ImportRejected

EVIDENCE_IMPORT = "evidence_import"


class _JobProgress:
    """A progress callback writing to the job at most twice a second."""

    def __init__(self, job: Job) -> None:
        self.job = job
        self.last = 0.0

    def __call__(self, stage: str, done: int, total: int) -> None:
        now = time.monotonic()
        if now - self.last < 0.5 and done < total:
            return
        self.last = now
        Job.objects.filter(pk=self.job.pk).update(stage=stage, done=done, total=total)


def importer_for(family: str) -> Any:
    if family == "bmn":
        from planlink.evidence.importers.bmn import bmn_import

        return bmn_import
    from importlib import import_module

    return getattr(import_module("planlink.evidence.importers.families"), f"{family}_import")


@task()
def run_evidence_import(job_id: int) -> None:
    job = Job.objects.select_related("created_by").get(pk=job_id)
    params = job.params
    upload = Path(params["path"])
    Job.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, stage="read")
    try:
        importer = importer_for(params["family"])
        outcome = importer(
            user=job.created_by,
            path=upload,
            original_name=params["original_name"],
            year=params.get("year"),
            within=params.get("within", ""),
            drop_personal_columns=params.get("drop_personal_columns", False),
            dry_run=params.get("dry_run", False),
            progress=_JobProgress(job),
        )
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
        Job.objects.filter(pk=job.pk).update(
            status=JobStatus.FAILED,
            finished_at=timezone.now(),
            message=f"{type(exc).__name__}: {exc}",
        )
        raise
    else:
        result = {k: v for k, v in vars(outcome).items() if isinstance(v, str | int | bool | float)}
        Job.objects.filter(pk=job.pk).update(
            status=JobStatus.DONE,
            finished_at=timezone.now(),
            result=result,
            stage="done",
        )
    finally:
        shutil.rmtree(upload.parent, ignore_errors=True)
