"""Overviews that scale (issue 9): a province lists its districts, a district its tambons, a
tambon its villages; filters, an XLSX download, queries that do not grow with the villages;
a local government's page of what its villages ask of it."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from planlink.accounts.models import RoleAssignment, User
from planlink.accounts.roles import Role
from planlink.areas.models import Area, AreaLevel, Coverage, LocalGovernment
from planlink.plans import selectors
from planlink.plans.models import Plan, PlanItem, VersionStatus
from planlink.plans.services import ItemData, item_create, plan_create
from planlink.plans.tests.conftest import category

pytestmark = pytest.mark.django_db

LAO = "3520101"


def flat(user: User, code: str) -> list[selectors.VillagePlanRow]:
    return selectors.overview(
        user=user, area=Area.objects.get(code=code), today=timezone.localdate()
    ).rows


def plan_villages(
    codes: list[str], *, modes: tuple[str, ...] = ("request", "request"), agency: str = ""
) -> None:
    """A draft plan with items for each village (no self-done item: below the rule), the
    first one overdue; `agency`: the local government the items ask."""
    for code in codes:
        Plan.objects.filter(area_id=code).delete()
        plan = plan_create(
            user=None, area=Area.objects.get(code=code), level="village", fiscal_years=[2570]
        )
        version = plan.versions.get()
        for n, mode in enumerate(modes):
            item_create(
                user=None,
                version=version,
                data=ItemData(
                    title=f"ขอรับการสนับสนุน {code} {n}",
                    mode=mode,
                    category_id=category(),
                    end_date=date(2000, 1, 1) if n == 0 else None,
                    funding_source="lao" if agency and mode != "self" else "community",
                    funding_agency=agency if mode != "self" else "",
                ),
            )


def test_province_lists_its_districts_with_the_villages_rolled_up(login):
    client = login("province")
    page = client.get("/areas/52/plans/")
    assert page.status_code == 200
    rollup = page.context["rollup"]
    districts = Area.objects.filter(parent_id="52").count()
    assert len(rollup.children) == districts == 13
    assert rollup.villages == []  # never a flat list of every village
    body = page.content.decode()
    assert "/areas/52010101/plan/" not in body
    for child in rollup.children:
        assert f'href="/areas/{child.area.code}/plans/"' in body
    rows = flat(User.objects.get(username="province"), "52")
    assert rollup.total.villages == len(rows) == sum(c.villages for c in rollup.children)
    assert rollup.total.below == sum(1 for r in rows if r.below)
    assert rollup.total.without_plan == sum(1 for r in rows if r.plan is None)
    muang = next(c for c in rollup.children if c.area.code == "5201")
    in_muang = [r for r in rows if r.village.code.startswith("5201")]
    assert muang.villages == len(in_muang)
    assert muang.overdue_items == sum(r.overdue for r in in_muang)
    drafts = sum(1 for r in in_muang if r.version and r.version.status == VersionStatus.DRAFT)
    assert muang.statuses["draft"] == drafts


def test_district_lists_tambons_and_a_tambon_its_villages(login):
    client = login("district-5201")
    district = client.get("/areas/5201/plans/").context["rollup"]
    assert {c.area.level for c in district.children} == {AreaLevel.TAMBON}
    assert len(district.children) == Area.objects.filter(parent_id="5201").count()
    tambon = client.get("/areas/520101/plans/")
    rollup = tambon.context["rollup"]
    assert rollup.children == []
    assert [r.village.code for r in rollup.villages] == sorted(
        Area.objects.filter(parent_id="520101").values_list("code", flat=True),
        key=lambda c: (Area.objects.get(code=c).moo, c),
    )
    assert 'href="/areas/52010101/plan/"' in tambon.content.decode()
    assert client.get("/areas/52010101/plans/").status_code == 302  # a village: its plan


def test_filters_keep_only_the_matching_villages(login):
    plan_villages(["52010101", "52010102"])
    client = login("officer-520101")
    below = client.get("/areas/520101/plans/?below=1").context["rollup"]
    assert below.villages and all(r.below for r in below.villages)
    assert {"52010101", "52010102"} <= {r.village.code for r in below.villages}
    overdue = client.get("/areas/520101/plans/?overdue=1").context["rollup"]
    assert overdue.villages and all(r.overdue for r in overdue.villages)
    none = client.get("/areas/520101/plans/?status=none").context["rollup"]
    assert all(r.plan is None for r in none.villages)
    drafts = client.get("/areas/520101/plans/?status=draft").context["rollup"]
    assert all(r.version.status == "draft" for r in drafts.villages)
    assert {"52010101", "52010102"} <= {r.village.code for r in drafts.villages}
    # Up the tree the filter counts only matching villages, and hides empty children.
    district = login("district-5201").get("/areas/5201/plans/?below=1&overdue=1")
    rollup = district.context["rollup"]
    assert all(c.villages == c.below for c in rollup.children)
    assert rollup.hidden_children == len(Area.objects.filter(parent_id="5201")) - len(
        rollup.children
    )
    assert 'href="/areas/520101/plans/?below=1&amp;overdue=1"' in district.content.decode()
    bogus = client.get("/areas/520101/plans/?status=nonsense").context["filters"]
    assert bogus.status == ""


def test_province_overview_queries_do_not_grow_with_the_villages(login):
    client = login("province")
    urls = (
        "/areas/52/plans/",
        "/areas/52/plans/?below=1",
        "/areas/5201/plans/",
        "/areas/52/plans.xlsx",
    )

    def queries() -> list[int]:
        counts = []
        for url in urls:
            with CaptureQueriesContext(connection) as captured:
                assert client.get(url).status_code == 200
            counts.append(len(captured))
        return counts

    queries()  # warm the session, settings and access caches
    before = queries()
    plan_villages(list(Area.objects.filter(parent_id="520102").values_list("code", flat=True)))
    plan_villages(list(Area.objects.filter(parent_id="520201").values_list("code", flat=True)))
    assert queries() == before
    assert max(before) <= 20


def test_overview_download_is_an_a4_workbook_with_thai_headers(login):
    plan_villages(["52010101"])
    response = login("district-5201").get("/areas/5201/plans.xlsx?below=1")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    summary, villages = book.worksheets
    for sheet in book.worksheets:
        assert int(sheet.page_setup.paperSize) == 9  # A4
        assert sheet.page_setup.orientation == "landscape"
        assert sheet.print_title_rows
    header = next(r for r in summary.iter_rows(values_only=True) if r[0] == "รหัส")
    assert "ต่ำกว่าเกณฑ์พึ่งตนเอง" in header and "หมู่บ้าน" in header
    codes = [r[0] for r in villages.iter_rows(values_only=True) if r and str(r[0]).isdigit()]
    rows = [r for r in flat(User.objects.get(username="district-5201"), "5201") if r.below]
    assert codes == [r.village.code for r in rows]
    assert "52010101" in codes
    denied = login("officer-520101").get("/areas/5201/plans.xlsx")
    assert denied.status_code in (403, 404)


def test_local_government_page_lists_what_its_villages_ask_of_it(login):
    lao = LocalGovernment.objects.get(code=LAO)
    covered = sorted(
        Coverage.objects.filter(local_government=lao).values_list("village_id", flat=True)
    )
    assert covered
    plan_villages(covered[:2], modes=("request", "joint", "self"), agency=lao.name_th)
    # An item of the same village asking another local government is not this one's.
    version = Plan.objects.get(area_id=covered[0]).versions.get()
    item_create(
        user=None,
        version=version,
        data=ItemData(
            title="ขอ อบจ. ซ่อมถนน",
            mode="request",
            category_id=category(),
            funding_source="lao",
            funding_agency="องค์การบริหารส่วนจังหวัดลำปาง",
        ),
    )
    client = login(f"lao-{LAO}")
    page = client.get(f"/lao/{LAO}/plans/")
    assert page.status_code == 200
    found = page.context["found"]
    every = [v for t in found.tambons for v in t.villages]
    first = next(v for v in every if v.village.code == covered[0])
    assert [i.item.mode for i in first.items] == ["request", "joint"]  # not the self-done one
    assert first.items[0].overdue and not first.items[1].overdue
    assert found.items == sum(len(v.items) for v in every)
    if found.by_tambon:  # many villages ask: a tambon at a time
        assert found.shown == []
        page = client.get(f"/lao/{LAO}/plans/?tambon={covered[0][:6]}")
        assert {v.village.code[:6] for v in page.context["found"].shown} == {covered[0][:6]}
    body = page.content.decode()
    assert f"ขอรับการสนับสนุน {covered[0]} 0" in body
    assert f"ขอรับการสนับสนุน {covered[0]} 1" in body
    assert f"ขอรับการสนับสนุน {covered[0]} 2" not in body
    assert "ขอ อบจ. ซ่อมถนน" not in body
    workbook = load_workbook(io.BytesIO(client.get(f"/lao/{LAO}/plans.xlsx").content)).active
    assert int(workbook.page_setup.paperSize) == 9
    titles = [r[6] for r in workbook.iter_rows(values_only=True) if r and r[0] in covered]
    assert f"ขอรับการสนับสนุน {covered[0]} 0" in titles and "ขอ อบจ. ซ่อมถนน" not in titles
    assert len(titles) == found.items
    # Its code in the areas' overview address leads there too; the local government's page
    # links to it.
    assert client.get(f"/areas/{LAO}/plans/")["Location"] == f"/lao/{LAO}/plans/"
    assert f'href="/lao/{LAO}/plans/"' in client.get(f"/lao/{LAO}/").content.decode()


def test_local_government_page_queries_do_not_grow(login):
    lao = LocalGovernment.objects.get(code=LAO)
    covered = sorted(
        Coverage.objects.filter(local_government=lao).values_list("village_id", flat=True)
    )
    client = login(f"lao-{LAO}")
    client.get(f"/lao/{LAO}/plans/")

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"/lao/{LAO}/plans/").status_code == 200
        return len(captured)

    plan_villages(covered[:1], agency=lao.name_th)
    before = queries()
    plan_villages(covered[1:6], agency=lao.name_th)
    assert queries() == before


def test_local_government_page_allowed_and_denied(login, client):
    village = sorted(
        Coverage.objects.filter(local_government_id=LAO).values_list("village_id", flat=True)
    )[0]
    for username in (f"lao-{LAO}", "district-5201", "province", f"officer-{village[:6]}"):
        assert login(username).get(f"/lao/{LAO}/plans/").status_code == 200, username
    # A village committee of another district, and another local government's planner.
    elsewhere = Area.objects.filter(level=AreaLevel.VILLAGE, code__startswith="5202").first()
    outsider = User.objects.create_user(username="outsider", password="x")
    RoleAssignment.objects.create(user=outsider, role=Role.VILLAGE_COMMITTEE, area=elsewhere)
    client.force_login(outsider)
    assert client.get(f"/lao/{LAO}/plans/").status_code == 403
    # A local government none of whose villages the planner's covers (not the อบจ.).
    other = (
        LocalGovernment.objects.exclude(code=LAO)
        .filter(coverage__village__code__startswith="5202")
        .exclude(coverage__village__coverage__local_government_id=LAO)
        .first()
    )
    assert other is not None
    assert login(f"lao-{LAO}").get(f"/lao/{other.code}/plans/").status_code == 403
    assert login(f"lao-{LAO}").get("/lao/0000000/plans/").status_code == 404


def test_local_government_page_teaches_when_nothing_is_asked(login):
    other = (
        LocalGovernment.objects.filter(coverage__village__code__startswith="5202")
        .exclude(coverage__village__coverage__local_government_id=LAO)
        .first()
    )
    Plan.objects.filter(area__coverage__local_government=other).delete()
    page = login("province").get(f"/lao/{other.code}/plans/")
    assert page.status_code == 200
    assert page.context["found"].tambons == []
    assert "ยังไม่มีแผนหมู่บ้าน" in page.content.decode() or "No village plan yet" in (
        page.content.decode()
    )
    assert (
        PlanItem.objects.filter(version__plan__area__coverage__local_government=other).count() == 0
    )
