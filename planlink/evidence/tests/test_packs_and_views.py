"""Data packs on the demo data, their pages, downloads and access."""

from __future__ import annotations

import io
import subprocess

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from planlink.accounts.access import CoveredVillages
from planlink.areas.models import Area, LocalGovernment
from planlink.core.models import Job
from planlink.evidence.models import BmnImport, BmnResult
from planlink.evidence.packs import area_pack, local_government_pack
from planlink.evidence.tests.conftest import YEAR_2564, household_csv

pytestmark = pytest.mark.django_db


def test_village_pack_from_the_demo_survey():
    pack = area_pack(Area.objects.get(code="52010101"))
    assert pack.year == 2564 and pack.years == [2564, 2563]
    stored = BmnResult.objects.get(area_id="52010101", year=2564)
    assert pack.households == stored.households and pack.synthetic
    six = next(r for r in pack.indicators if r.indicator.code == "6")
    assert [six.eligible, six.passed] == stored.counts["6"]
    # Problems are sorted by share and each carries a category from the vocabulary.
    shares = [p.share for p in pack.problems]
    assert shares == sorted(shares, reverse=True)
    assert all(p.category in pack.categories for p in pack.problems)


def test_tambon_pack_compares_its_villages():
    pack = area_pack(Area.objects.get(code="520101"))
    villages = list(Area.objects.filter(parent_id="520101").order_by("moo"))
    assert [c.area.code for c in pack.children] == [v.code for v in villages]
    assert sum(c.households for c in pack.children) == pack.households


def _all_villages(lao: LocalGovernment) -> CoveredVillages:
    covered = frozenset(lao.villages.values_list("code", flat=True))
    return CoveredVillages(covered, len(covered))


def test_local_government_pack_sums_exactly_its_villages():
    lao = LocalGovernment.objects.get(code="3520101")
    pack = local_government_pack(lao, villages=_all_villages(lao))
    covered = list(lao.villages.values_list("code", flat=True))
    assert pack.title == "ชุดข้อมูลเพื่อการจัดทำแผนพัฒนาท้องถิ่น" and pack.subject == lao.name_th
    assert pack.villages_outside == 0
    rows = BmnResult.objects.filter(area_id__in=covered, year=pack.year)
    assert pack.households == sum(r.households for r in rows)
    six = next(r for r in pack.indicators if r.indicator.code == "6")
    assert six.eligible == sum(r.counts["6"][0] for r in rows)
    assert len(pack.children) == len(covered)


@pytest.mark.parametrize(
    ("username", "url", "status"),
    [
        ("village-52010101", "/areas/52010101/evidence/", 200),
        ("village-52010101", "/areas/52010102/evidence/", 403),
        ("village-52010101", "/areas/520101/evidence/", 403),
        ("officer-520101", "/areas/520101/evidence/", 200),
        ("officer-520101", "/areas/520102/evidence/", 403),
        ("district-5201", "/areas/5201/evidence/", 200),
        ("amphoe-5201", "/areas/5201/evidence/", 200),
        ("amphoe-5201", "/areas/5202/evidence/", 403),
        ("lao-3520101", "/lao/3520101/evidence/", 200),
        ("lao-3520101", "/lao/6520201/evidence/", 403),
        ("province", "/lao/6520201/evidence/", 200),
    ],
)
def test_pack_pages_follow_the_area_rules(login, username, url, status):
    client = login(username)
    assert client.get(url).status_code == status
    assert client.get(url.rstrip("/") + ".xlsx").status_code == status


def test_pack_page_shows_problems_charts_and_downloads(login):
    body = login("officer-520101").get("/areas/520101/evidence/").content.decode()
    assert "ข้อมูลสังเคราะห์" in body or "synthetic" in body
    assert "<svg" in body
    assert "/areas/520101/evidence.pdf?year=2564" in body
    assert "หมู่ที่ 1" in body  # the villages compared


def test_pack_xlsx_reopens_with_the_numbers(login):
    response = login("district-5201").get("/areas/5201/evidence.xlsx")
    book = load_workbook(io.BytesIO(response.content))
    sheet = book[book.sheetnames[1]]
    stored = BmnResult.objects.get(area_id="5201", year=2564).counts
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    six = next(r for r in rows if r[1] == "6")
    assert six[4:6] == stored["6"]


def test_pack_pdf_renders_thai_with_thai_digits(login, tmp_path):
    response = login("village-52010101").get("/areas/52010101/evidence.pdf?digits=thai")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    path = tmp_path / "pack.pdf"
    path.write_bytes(response.content)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "ชุดข้อมูลเพื่อการพัฒนา" in text
    assert "๒๕๖๔" in text  # the survey year in Thai digits


def test_household_listing_only_for_household_work(login):
    village = login("village-52010101")
    response = village.get("/areas/52010101/households/?indicator=24")
    assert response.status_code == 200
    listing = response.context["listing"]
    stored = BmnResult.objects.get(area_id="52010101", year=2564).counts["24"]
    assert listing.households == BmnResult.objects.get(area_id="52010101", year=2564).households
    assert listing.rows and all("24" in row.failed for row in listing.rows)
    assert len(listing.rows) <= stored[0] - stored[1]  # households failing ≤ persons failing
    assert len(listing.rows[0].pseudonym) == 8
    assert login("amphoe-5201").get("/areas/52010101/households/").status_code == 403
    assert login("lao-3520101").get("/areas/52010101/households/").status_code == 403


@pytest.mark.usefixtures("clean_bmn")
def test_web_import_runs_as_a_job_and_reports_progress(login):
    client = login("officer-520101")
    rows = [r for r in YEAR_2564 if r[0].startswith("520101")]
    upload = SimpleUploadedFile(
        "bmn.csv", household_csv(rows, 2564).encode(), content_type="text/csv"
    )
    response = client.post("/areas/520101/evidence/import/", {"family": "bmn", "file": upload})
    assert response.status_code == 302
    job = Job.objects.get()
    assert response.url == f"/jobs/{job.pk}/"
    assert job.status == "done" and job.result["households"] == 4
    assert BmnResult.objects.get(area_id="520101", year=2564).households == 4
    page = client.get(response.url).content.decode()
    assert "4" in page
    # The partial the page polls with htmx.
    partial = client.get(response.url, HTTP_HX_REQUEST="true")
    assert partial.templates[0].name == "workspace/partials/job_status.html"


@pytest.mark.usefixtures("clean_bmn")
def test_web_import_outside_the_area_is_rejected_and_nothing_stored(login):
    client = login("officer-520101")
    upload = SimpleUploadedFile("bmn.csv", household_csv(YEAR_2564, 2564).encode())
    client.post("/areas/520101/evidence/import/", {"family": "bmn", "file": upload})
    job = Job.objects.get()
    assert job.status == "rejected"
    assert any("not inside area 520101" in p["en"] for p in job.problems)
    assert not BmnImport.objects.exists() and not BmnResult.objects.exists()


def test_import_page_denied_to_those_who_may_not_import(login):
    for username, code in (
        ("village-52010101", "52010101"),
        ("amphoe-5201", "5201"),
        ("officer-520101", "520102"),
        ("lao-3520101", "520101"),
    ):
        client = login(username)
        assert client.get(f"/areas/{code}/evidence/import/").status_code == 403
        upload = SimpleUploadedFile("bmn.csv", household_csv(YEAR_2564, 2564).encode())
        before = (Job.objects.count(), BmnImport.objects.count())
        assert (
            client.post(
                f"/areas/{code}/evidence/import/", {"family": "bmn", "file": upload}
            ).status_code
            == 403
        )
        assert (Job.objects.count(), BmnImport.objects.count()) == before


def test_jobs_are_private_to_their_area(login):
    job = Job.objects.create(kind="evidence_import", area_id="520101", title="x")
    assert login("officer-520101").get(f"/jobs/{job.pk}/").status_code == 200
    assert login("village-52010101").get(f"/jobs/{job.pk}/").status_code == 403


def test_packs_draw_on_every_family():
    from planlink.evidence.models import GvhVillage, HouseholdAccount, VbdVillage

    village = Area.objects.get(code="52020101")  # an อบต. village: กชช.2ค applies
    pack = area_pack(village)
    families = pack.families
    assert families["vbd"].villages == 1 and families["gvh"].villages == 1
    assert (
        families["accounts"].households
        == HouseholdAccount.objects.filter(village=village, year=families["accounts"].year).count()
    )
    scores = VbdVillage.objects.get(village=village, round_year=families["vbd"].round_year).scores
    at_one = {code for code, score in scores.items() if int(score) == 1}
    assert {p.key.split(":")[1] for p in pack.problems if p.family == "vbd"} == at_one
    gvh = GvhVillage.objects.get(village=village)
    assert {c.code for c in families["gvh"].components} == set(gvh.scores)


def test_local_government_pack_families_cover_exactly_its_villages():
    from planlink.evidence.models import HouseholdAccount

    lao = LocalGovernment.objects.get(code="3520101")
    pack = local_government_pack(lao, villages=_all_villages(lao))
    covered = list(lao.villages.values_list("code", flat=True))
    year = pack.families["accounts"].year
    assert (
        pack.families["accounts"].households
        == HouseholdAccount.objects.filter(village_id__in=covered, year=year).count()
    )


def test_partial_local_government_pack_counts_only_the_villages_given():
    """Every figure of a partial pack — totals, indicators, problems, village table, families,
    trend — comes from the visible villages alone, as if they were the whole."""
    from planlink.evidence.models import HouseholdAccount

    lao = LocalGovernment.objects.get(code="3520101")
    whole = _all_villages(lao)
    part = frozenset(v for v in whole.visible if v.startswith("520101"))
    assert part and part != whole.visible
    pack = local_government_pack(lao, villages=CoveredVillages(part, whole.total))
    rows = list(BmnResult.objects.filter(area_id__in=part, year=pack.year))
    assert pack.households == sum(r.households for r in rows)
    assert pack.poor == sum(r.poor_households for r in rows)
    six = next(r for r in pack.indicators if r.indicator.code == "6")
    assert six.eligible == sum(r.counts["6"][0] for r in rows)
    assert {c.area.code for c in pack.children} == part
    # Problems and trends agree with the tambon's own pack, whose villages these are exactly.
    tambon = area_pack(Area.objects.get(code="520101"))
    assert set(part) == set(Area.objects.filter(parent_id="520101").values_list("code", flat=True))
    assert [(p.key, p.affected, p.base) for p in pack.problems] == [
        (p.key, p.affected, p.base) for p in tambon.problems
    ]
    assert pack.trends == tambon.trends and pack.top_codes == tambon.top_codes
    accounts = pack.families["accounts"]
    assert (
        accounts.households
        == HouseholdAccount.objects.filter(village_id__in=part, year=accounts.year).count()
    )
    assert pack.villages_outside == whole.total - len(part)
    assert "เฉพาะส่วนที่อยู่ในพื้นที่ของท่าน" in pack.title
    assert pack.subject == f"{lao.name_th} — {len(part)} จาก {whole.total} หมู่บ้านในเขต อปท."
