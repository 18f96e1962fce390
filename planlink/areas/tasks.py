"""Village-list imports from the web, run by the background worker (a national file is
hundreds of thousands of rows: never read inside a request)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django_tasks import task

from planlink.areas.villages import villages_import
from planlink.core.jobs import JobProgress, run_job
from planlink.core.models import Job

VILLAGES_IMPORT = "villages_import"


def _import(job: Job, progress: JobProgress) -> Any:
    params = job.params
    return villages_import(
        user=job.created_by,
        path=Path(params["path"]),
        original_name=params["original_name"],
        dry_run=params.get("dry_run", False),
        within=params.get("within", ""),
        drop_personal_columns=params.get("drop_personal_columns", False),
        progress=progress,
    )


@task()
def run_villages_import(job_id: int) -> None:
    run_job(job_id, _import)
