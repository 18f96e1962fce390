"""Background work: evidence imports run by the worker (`manage.py db_worker`), reporting
their progress on the Job row that the import page polls (see core/jobs for the running,
the heartbeat and what happens when a worker dies); and the problem analysis of every area
again after its thresholds or indicator texts changed (`problems_refresh_later`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.db import transaction
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


@task()
def refresh_all_problems() -> int:
    from planlink.evidence.services import problems_refresh_all

    return problems_refresh_all()


def problems_refresh_later() -> None:
    """After the current transaction commits, the worker analyses every province again (a
    national refresh takes minutes: not in an administrator's request)."""
    transaction.on_commit(lambda: refresh_all_problems.enqueue())
