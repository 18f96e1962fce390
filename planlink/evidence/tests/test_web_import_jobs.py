"""Every evidence family imports from the web: the upload becomes a job, the worker runs the
family's importer with a progress callback, and the job ends done with the importer's result.

(The suite runs tasks inline, so the job path here is the one the worker runs.)"""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from planlink.core import jobs
from planlink.core.models import Job, JobStatus
from planlink.evidence.models import (
    CommunityCapital,
    GvhVillage,
    HouseholdAccount,
    IndicatorEdition,
    OccupationGroup,
    PoorHousehold,
    VbdVillage,
)
from planlink.evidence.tests.conftest import YEAR_2564, household_csv

pytestmark = pytest.mark.django_db

A, B = "52010101", "52010102"  # villages of tambon 520101


def _vbd() -> str:
    codes = list(
        IndicatorEdition.objects.get(family="vbd", code="sample")
        .indicators.order_by("order")
        .values_list("code", flat=True)
    )
    head = ",".join(["รหัสหมู่บ้าน", "ปีที่สำรวจ", *codes])
    return f"{head}\n{A},2566,{','.join(['2'] * len(codes))}\n"


FILES = {
    "vbd": (_vbd, VbdVillage, {"round_year": 2566}),
    "gvh": (
        lambda: f"รหัสหมู่บ้าน,ปี,1,2,3,4,5,6\n{A},2566,3,4,4.5,5,1,2\n{B},2566,1,1,1,1,1,1\n",
        GvhVillage,
        {"year": 2566},
    ),
    "accounts": (
        lambda: (
            "รหัสหมู่บ้าน,รหัสบ้าน,ปี,จำนวนสมาชิก,รายได้,รายจ่าย,เงินออม,หนี้สิน\n"
            f'{A},0001,2566,4,"1,250,000.-",120000,0,-\n{B},0002,2566,2,60000,70000,0,90000\n'
        ),
        HouseholdAccount,
        {"year": 2566},
    ),
    "capital": (
        lambda: f'รหัสหมู่บ้าน,ปี,ประเภท,ชื่อ,มูลค่า\n{A},2566,กองทุน,กองทุนหมู่บ้าน,"1,000,000"\n',
        CommunityCapital,
        {"year": 2566},
    ),
    "groups": (
        lambda: (
            "รหัสหมู่บ้าน,ปี,ชื่อกลุ่ม,ผลิตภัณฑ์,จำนวนสมาชิก,รายได้ต่อปี\n"
            f"{A},2566,กลุ่มทอผ้า,ผ้าฝ้าย,25,120000\n{B},2566,กลุ่มเห็ด,เห็ดนางฟ้า,7,\n"
        ),
        OccupationGroup,
        {"year": 2566},
    ),
    "poor": (
        lambda: f"รหัสหมู่บ้าน,รหัสบ้าน,ปี\n{A},0001,2566\n{A},0002,2566\n{B},0001,2566\n",
        PoorHousehold,
        {"year": 2566},
    ),
}


@pytest.fixture
def stages(monkeypatch):  # type: ignore[no-untyped-def]
    """The stages the importer reported through the job's progress callback."""
    seen: list[tuple[str, int, int]] = []
    original = jobs.JobProgress.__call__

    def record(self, stage: str, done: int, total: int) -> None:  # type: ignore[no-untyped-def]
        seen.append((stage, done, total))
        original(self, stage, done, total)

    monkeypatch.setattr(jobs.JobProgress, "__call__", record)
    return seen


@pytest.mark.parametrize("family", sorted(FILES))
def test_every_family_imports_from_the_web_with_progress(family, login, stages):
    make, model, lookup = FILES[family]
    text = make()
    rows = text.count("\n") - 1
    client = login("district-5201")
    upload = SimpleUploadedFile(f"{family}.csv", text.encode(), content_type="text/csv")
    response = client.post("/areas/5201/evidence/import/", {"family": family, "file": upload})
    assert response.status_code == 302
    job = Job.objects.get()
    assert job.status == JobStatus.DONE, (job.status, job.message, job.problems)
    assert job.result["family"] == family and job.result["rows"] == rows
    assert model.objects.filter(**lookup).count() == job.result["created"] > 0
    reported = {stage for stage, _done, _total in stages}
    assert {"read", "check", "store"} <= reported
    assert ("check", rows, rows) in stages
    page = client.get(response.url).content.decode()
    assert job.title in page


def test_bmn_still_imports_from_the_web(login, clean_bmn, stages):
    client = login("district-5201")
    rows = [r for r in YEAR_2564 if r[0].startswith("5201")]
    upload = SimpleUploadedFile("bmn.csv", household_csv(rows, 2564).encode())
    client.post("/areas/5201/evidence/import/", {"family": "bmn", "file": upload})
    job = Job.objects.get()
    assert job.status == JobStatus.DONE and job.result["households"] == len(rows)
    assert "store" in {stage for stage, _d, _t in stages}
