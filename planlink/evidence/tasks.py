"""Background work: evidence imports run by the worker (`manage.py db_worker`), reporting
their progress on the Job row that the import page polls (see core/jobs for the running,
the heartbeat and what happens when a worker dies)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django_tasks import task

from planlink.core.jobs import JobProgress, run_job
from planlink.core.models import Job

EVIDENCE_IMPORT = "evidence_import"


def importer_for(family: str) -> Any:
    if family == "bmn":
        from planlink.evidence.importers.bmn import bmn_import

        return bmn_import
    from planlink.evidence.importers.families import IMPORTERS

    return IMPORTERS[family]


def _import(job: Job, progress: JobProgress) -> Any:
    params = job.params
    return importer_for(params["family"])(
        user=job.created_by,
        path=Path(params["path"]),
        original_name=params["original_name"],
        year=params.get("year"),
        within=params.get("within", ""),
        drop_personal_columns=params.get("drop_personal_columns", False),
        dry_run=params.get("dry_run", False),
        progress=progress,
    )


@task()
def run_evidence_import(job_id: int) -> None:
    run_job(job_id, _import)
