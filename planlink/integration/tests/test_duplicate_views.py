"""The pages of the other sources, the duplicate check and the selection: what each person
sees and may do, and who is kept out."""

from __future__ import annotations

from pathlib import Path

import pytest

from planlink.integration.models import DuplicateDecision, Sending
from planlink.sources.models import SourceList
from planlink.sources.tests.workbooks import DEFAULT_LINES, line, local_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved():  # type: ignore[no-untyped-def]
    from planlink.demo.tambons import demo_tambon_reopen

    SourceList.objects.all().delete()
    demo_tambon_reopen("520101", forum=True)


def _import(client, tmp_path: Path, rows=None):  # type: ignore[no-untyped-def]
    path = local_plan(tmp_path / "p.xlsx", rows or DEFAULT_LINES)
    with path.open("rb") as f:
        return client.post(
            "/areas/520101/sources/import/local/", {"lao": "3520101", "file": f}, follow=True
        )


def test_the_officer_imports_a_local_plan_and_sees_its_lines(login, tmp_path, approved):
    client = login("officer-520101")
    page = client.get("/areas/520101/sources/").content.decode()
    assert "ยังไม่มีบัญชีของแหล่งอื่น" in page or "No other source" in page
    response = _import(client, tmp_path)
    assert response.status_code == 200
    body = response.content.decode()
    assert "โครงการขุดลอกหนองผาแดง" in body and "หมู่ที่ 3" in body
    assert SourceList.objects.get().imported_by.username == "officer-520101"
    listing = client.get("/areas/520101/sources/").content.decode()
    assert "เทศบาลนครลำปาง" in listing


def test_a_refused_workbook_shows_each_problem_by_row_and_column(login, tmp_path, approved):
    rows = [*DEFAULT_LINES, line(9, "โครงการก่อสร้างถนน", "", ["-", "-", "-", "-", "ห้าแสน"])]
    body = _import(login("officer-520101"), tmp_path, rows).content.decode()
    assert "อ่านงบประมาณไม่ได้" in body and "ผ.02: ๒๕๗๐ (บาท)" in body and "15" in body
    assert not SourceList.objects.exists()


def test_the_village_committee_may_not_import(login, tmp_path, approved):
    client = login("village-52010101")
    response = _import(client, tmp_path)
    assert response.status_code == 403
    assert not SourceList.objects.exists()


def test_the_duplicate_page_lists_pairs_and_a_decision_is_recorded(login, tmp_path, approved):
    from planlink.integration.models import Proposal

    village = (
        Proposal.objects.filter(origin="village", area_code__startswith="520101", first_year=2570)
        .exclude(title__contains="อบรม")
        .order_by("title")
        .first()
    )
    moo = int(village.area_code[-2:])
    client = login("officer-520101")
    _import(
        client, tmp_path, [line(1, "โครงการ" + village.title, f"หมู่ที่ {moo}", ["-"] * 4 + [500000])]
    )
    page = client.get("/areas/520101/duplicates/").content.decode()
    assert "งานเดียวกัน" in page and "ปีซ้อนกัน 2570" in page and village.title in page
    mine = Proposal.objects.get(origin="local")
    response = client.post(
        "/duplicates/decide/",
        {
            "a": mine.key,
            "b": village.key,
            "verdict": "distinct",
            "reason": "",
            "next": "/areas/520101/duplicates/",
        },
        follow=True,
    )
    assert "ต้องระบุเหตุผล" in response.content.decode()
    assert not DuplicateDecision.objects.exists()
    client.post(
        "/duplicates/decide/",
        {
            "a": mine.key,
            "b": village.key,
            "verdict": "duplicate",
            "next": "/areas/520101/duplicates/",
        },
    )
    assert DuplicateDecision.objects.get().verdict == "duplicate"
    # The village item's own page shows the pair and the decision.
    item_page = client.get(f"/plans/items/{village.item_id}/").content.decode()
    assert "เทศบาลนครลำปาง" in item_page and "dup-h" in item_page


def test_a_village_committee_sees_no_decision_buttons(login, tmp_path, approved):
    from planlink.integration.models import Proposal

    village = Proposal.objects.filter(origin="village", area_code__startswith="52010101").first()
    _import(
        login("officer-520101"),
        tmp_path,
        [line(1, "โครงการ" + village.title, "หมู่ที่ 1", ["-"] * 4 + [9])],
    )
    client = login("village-52010101")
    page = client.get(f"/plans/items/{village.item_id}/").content.decode()
    assert 'value="duplicate"' not in page
    key = Proposal.objects.get(origin="local").key
    response = client.post(
        "/duplicates/decide/", {"a": key, "b": village.key, "verdict": "duplicate"}
    )
    assert response.status_code == 403 and not DuplicateDecision.objects.exists()


def test_the_officer_sends_and_the_district_sees_them_arrive(login, approved):
    client = login("officer-520101")
    page = client.get("/areas/520101/tambon-plan/selection/").content.decode()
    assert "goes up" in page or "ส่งขึ้น" in page
    client.post("/areas/520101/tambon-plan/selection/send/", {"year": "2570"})
    assert Sending.objects.count() == 1
    district = login("amphoe-5201").get("/areas/5201/district-plan/").content.decode()
    sent = Sending.objects.get().summary
    titles = [r["title"] for rows in sent.values() for r in rows if r["status"] == "selected"]
    assert titles and all(t in district for t in titles)


def test_others_may_not_send(login, approved):
    for who in ("village-52010101", "amphoe-5201", "lao-3520101"):
        response = login(who).post("/areas/520101/tambon-plan/selection/send/", {"year": "2570"})
        assert response.status_code == 403
    assert not Sending.objects.exists()


def test_the_to_do_list_says_what_comes_next(login, approved):
    home = login("officer-520101").get("/").content.decode()
    assert "/areas/520101/tambon-plan/selection/" in home  # nothing to decide: send
    login("officer-520101").post("/areas/520101/tambon-plan/selection/send/", {"year": "2570"})
    assert "/areas/5201/district-plan/" in login("amphoe-5201").get("/").content.decode()
