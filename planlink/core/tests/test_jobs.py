"""Jobs never stick: a job whose worker died is marked failed and can be tried again on the
same upload; uploads and work folders that no job needs are removed."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from planlink.accounts.models import User
from planlink.core import jobs, workdirs
from planlink.core.models import Job, JobStatus
from planlink.evidence.models import CommunityCapital

pytestmark = pytest.mark.django_db

HOST = socket.gethostname()
CAPITAL = 'รหัสหมู่บ้าน,ปี,ประเภท,ชื่อ,มูลค่า\n52010101,2567,กองทุน,กองทุนหมู่บ้าน,"1,000,000"\n'


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def running_job(*, worker: str, heartbeat_ago: float = 0, upload: bool = True) -> Job:
    officer = User.objects.get(username="officer-520101")
    path = ""
    if upload:
        path = str(jobs.save_upload(SimpleUploadedFile("capital.csv", CAPITAL.encode())))
    return Job.objects.create(
        kind="evidence_import",
        area_id="520101",
        created_by=officer,
        title="ทุนชุมชน: capital.csv",
        status=JobStatus.RUNNING,
        worker=worker,
        heartbeat_at=timezone.now() - timedelta(seconds=heartbeat_ago),
        params={
            "family": "capital",
            "path": path,
            "original_name": "capital.csv",
            "year": None,
            "within": "520101",
        },
    )


def test_a_job_whose_worker_process_died_is_marked_failed():
    dead = running_job(worker=f"{HOST}:{dead_pid()}")
    alive = running_job(worker=f"{HOST}:{os.getpid()}")
    assert jobs.jobs_reap() == 1
    dead.refresh_from_db()
    alive.refresh_from_db()
    assert dead.status == JobStatus.FAILED and dead.finished_at is not None
    assert dead.message.startswith(jobs.DIED_TH) and "Nothing was saved" in dead.message
    assert alive.status == JobStatus.RUNNING


def test_a_worker_elsewhere_is_judged_by_its_heartbeat(settings):
    settings.JOB_STALE_SECONDS = 60
    silent = running_job(worker="another-host:123", heartbeat_ago=120)
    beating = running_job(worker="another-host:456", heartbeat_ago=5)
    assert jobs.jobs_reap() == 1
    assert Job.objects.get(pk=silent.pk).status == JobStatus.FAILED
    assert Job.objects.get(pk=beating.pk).status == JobStatus.RUNNING


def test_the_job_page_shows_the_dead_job_and_tries_it_again(login):
    job = running_job(worker=f"{HOST}:{dead_pid()}")
    client = login("officer-520101")
    page = client.get(f"/jobs/{job.pk}/").content.decode()
    assert Job.objects.get(pk=job.pk).status == JobStatus.FAILED
    assert f"/jobs/{job.pk}/retry/" in page
    response = client.post(f"/jobs/{job.pk}/retry/")
    retry = Job.objects.get(retry_of=job)
    assert response.url == f"/jobs/{retry.pk}/"
    assert retry.status == JobStatus.DONE, retry.message
    assert CommunityCapital.objects.filter(year=2567, village_id="52010101").count() == 1
    assert not Path(job.upload_path).exists()  # the retry finished: its upload is gone
    again = client.get(f"/jobs/{job.pk}/").content.decode()
    assert f"/jobs/{retry.pk}/" in again and f"/jobs/{job.pk}/retry/" not in again
    assert client.post(f"/jobs/{job.pk}/retry/").status_code == 302
    assert Job.objects.filter(retry_of=job).count() == 1  # not twice


def test_retry_is_for_those_who_may_see_the_job(login):
    job = running_job(worker=f"{HOST}:{dead_pid()}")
    jobs.jobs_reap()
    for username in ("village-52010101", "lao-3520101"):
        assert login(username).post(f"/jobs/{job.pk}/retry/").status_code == 403
    assert not Job.objects.filter(retry_of=job).exists()


def test_without_its_upload_a_failed_job_asks_for_the_file_again(login):
    job = running_job(worker=f"{HOST}:{dead_pid()}", upload=False)
    page = login("officer-520101").get(f"/jobs/{job.pk}/").content.decode()
    assert "/retry/" not in page
    assert not jobs.can_retry(Job.objects.get(pk=job.pk))


def test_sweep_keeps_what_jobs_need_and_removes_the_rest(settings):
    settings.JOB_RETRY_HOURS = 24
    done = running_job(worker="x:1")
    Job.objects.filter(pk=done.pk).update(status=JobStatus.DONE)
    failed_recently = running_job(worker="x:1")
    Job.objects.filter(pk=failed_recently.pk).update(
        status=JobStatus.FAILED, finished_at=timezone.now() - timedelta(hours=1)
    )
    failed_long_ago = running_job(worker="x:1")
    Job.objects.filter(pk=failed_long_ago.pk).update(
        status=JobStatus.FAILED, finished_at=timezone.now() - timedelta(hours=30)
    )
    queued = running_job(worker="")
    Job.objects.filter(pk=queued.pk).update(status=JobStatus.QUEUED)
    abandoned = jobs.uploads_dir() / "abandoned"
    abandoned.mkdir(parents=True)
    (abandoned / "upload").write_text("x")
    old = time.time() - workdirs.GRACE_SECONDS - 60
    os.utime(abandoned, (old, old))
    just_now = jobs.uploads_dir() / "being-uploaded"
    just_now.mkdir()

    uploads, _work = jobs.files_sweep()
    assert uploads == 3
    assert not Path(done.upload_path).exists()
    assert not Path(failed_long_ago.upload_path).exists()
    assert not abandoned.exists()
    assert Path(failed_recently.upload_path).exists() and Path(queued.upload_path).exists()
    assert just_now.exists()


def test_work_folders_of_dead_processes_are_swept_and_live_ones_kept(tmp_path):
    with workdirs.locked_workdir() as mine:
        (mine / "part-00000.arrow").write_bytes(b"x")
        # Another process takes a work folder, writes into it and is killed mid-way.
        script = (
            "import django, os, time; django.setup()\n"
            "from planlink.core import workdirs\n"
            "with workdirs.locked_workdir() as work:\n"
            "    (work / 'part-00000.arrow').write_bytes(b'x')\n"
            "    print(work.name, flush=True)\n"
            "    time.sleep(60)\n"
        )
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "PLANLINK_TEST_EVIDENCE_DIR": str(workdirs.root()),
        }
        child = subprocess.Popen(
            [sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, env=env
        )
        name = child.stdout.readline().strip()  # type: ignore[union-attr]
        assert (workdirs.tmp_dir() / name).is_dir()
        assert workdirs.in_use(name)
        year = workdirs.root() / "bmn" / "2564"
        year.mkdir(parents=True, exist_ok=True)
        (year / f"{name}").mkdir()  # moved there before its commit
        (year / f"{name}-0").mkdir()
        (year / f"{mine.name}").mkdir()  # mine, not committed yet
        (year / "committed").mkdir()
        assert workdirs.sweep(referenced=lambda: {"bmn/2564/committed"}) == []
        child.kill()
        child.wait()
        removed = {p.name for p in workdirs.sweep(referenced=lambda: {"bmn/2564/committed"})}
        assert removed == {name, f"{name}.lock", f"{name}-0"}
        assert mine.is_dir() and (year / mine.name).is_dir() and (year / "committed").is_dir()
    (year / mine.name).rmdir()
    (year / "committed").rmdir()
    assert not any(workdirs.tmp_dir().iterdir())  # mine removed itself on the way out


def test_cleanup_command_reaps_and_sweeps(capsys):
    job = running_job(worker=f"{HOST}:{dead_pid()}")
    call_command("jobs_cleanup")
    assert Job.objects.get(pk=job.pk).status == JobStatus.FAILED
    assert "1 job" in capsys.readouterr().out
