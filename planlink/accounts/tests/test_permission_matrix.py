"""Role × area page × own/other subtree. Allowed cases see the page; denied cases get 403
(never data), and denied writes change nothing."""

from __future__ import annotations

import io
import re
import subprocess
import unicodedata
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from planlink.areas.models import Area, Coverage, LocalGovernment
from planlink.evidence.models import BmnResult

pytestmark = pytest.mark.django_db

# Where each demo account's roles reach (the scenario of the demo, written out by hand).
LAO_CITY_VILLAGES_IN_520105 = "covered-in-520105"
SCOPE = {
    "province": ["52"],
    "district-5201": ["5201"],
    "amphoe-5201": ["5201"],
    "officer-520101": ["520101"],
    "tambon-520101": ["520101"],
    "lao-3520101": ["520101", "520102", "520103", "520104", LAO_CITY_VILLAGES_IN_520105],
    "village-52010101": ["52010101"],
    "admin": [""],
}
PAGES = [
    "52",
    "5201",
    "5202",
    "520101",
    "520102",
    "520105",
    "520201",
    "52010101",
    "52010102",
    "52020101",
]


def city_villages_in_520105() -> set[str]:
    return set(
        Coverage.objects.filter(
            local_government_id="3520101", village__parent_id="520105"
        ).values_list("village_id", flat=True)
    )


def expected_allowed(username: str, code: str) -> bool:
    for root in SCOPE[username]:
        if root == LAO_CITY_VILLAGES_IN_520105:
            if code in city_villages_in_520105():
                return True
        elif code.startswith(root):
            return True
    return False


@pytest.mark.parametrize("username", list(SCOPE))
@pytest.mark.parametrize("code", PAGES)
def test_area_pages(login, username, code):
    client = login(username)
    allowed = expected_allowed(username, code)
    for url in (f"/areas/{code}/", f"/areas/{code}/history/", f"/areas/{code}/children.xlsx"):
        response = client.get(url)
        if allowed:
            assert response.status_code == 200, url
        else:
            assert response.status_code == 403, url
            body = response.content.decode()
            name = Area.objects.get(code=code).name_th
            assert name not in body  # the page says "not allowed", never the area's data


@pytest.mark.parametrize("username", ["lao-3520101", "province", "admin"])
def test_lao_reaches_villages_it_covers_in_a_shared_tambon(login, username):
    client = login(username)
    covered = sorted(city_villages_in_520105())
    others = sorted(
        set(Area.objects.filter(parent_id="520105").values_list("code", flat=True)) - set(covered)
    )
    assert covered and others
    assert client.get(f"/areas/{covered[0]}/").status_code == 200
    expected = 200 if username != "lao-3520101" else 403
    assert client.get(f"/areas/{others[0]}/").status_code == expected
    assert client.get("/areas/520105/").status_code == expected


# --- local governments: each user sees the part of its villages inside their own area ----------

# The city (its villages span five tambons, its office in 520101), the province's PAO (every
# village), a subdistrict municipality sharing tambon 520105 with the city, an อบต. elsewhere.
LAOS = ["3520101", "2520000", "5520105", "6520201"]
LAO_ROLES = {"lao-3520101": {"3520101"}}


def covered(lao: str) -> set[str]:
    return set(
        Coverage.objects.filter(local_government_id=lao).values_list("village_id", flat=True)
    )


def expected_villages(username: str, lao: str) -> set[str]:
    """The covered villages the user may see: all for a role on the local government, else
    those inside the user's area (SCOPE, written by hand)."""
    villages = covered(lao)
    if lao in LAO_ROLES.get(username, set()):
        return villages
    return {v for v in villages if expected_allowed(username, v)}


def village_links(body: str, suffix: str = "") -> set[str]:
    return set(re.findall(rf'href="/areas/(\d{{8}})/{suffix}', body))


def codes_in(text: str) -> set[str]:
    return set(re.findall(r"(?<!\d)(\d{8})(?!\d)", text))


def test_the_lao_cases_cover_whole_partial_and_denied():
    """The matrix below exercises every kind of case (guards against a demo that changed)."""
    kinds = set()
    for username in SCOPE:
        for lao in LAOS:
            seen, total = expected_villages(username, lao), covered(lao)
            kinds.add("denied" if not seen else "whole" if seen == total else "partial")
    assert kinds == {"denied", "whole", "partial"}
    assert expected_villages("officer-520101", "3520101") == {
        v for v in covered("3520101") if v.startswith("520101")
    }
    # 34 villages of tambons 520102–520104 and 5 of 520105 lie outside the officer's tambon.
    assert len(covered("3520101") - expected_villages("officer-520101", "3520101")) == 39


@pytest.mark.parametrize("username", list(SCOPE))
@pytest.mark.parametrize("lao", LAOS)
def test_local_government_detail_page(login, username, lao):
    client = login(username)
    seen, total = expected_villages(username, lao), covered(lao)
    response = client.get(f"/lao/{lao}/")
    hidden = total - seen
    if not seen:
        assert response.status_code == 403
        assert LocalGovernment.objects.get(code=lao).name_th not in response.content.decode()
        return
    assert response.status_code == 200
    body = response.content.decode()
    assert village_links(body) >= seen  # every village the user may see is listed, linked
    assert not codes_in(body) & hidden  # no village outside the user's area is named
    shown = {v.code for _tambon, villages in response.context["groups"] for v in villages}
    assert shown == seen
    for name in _names(hidden) - _names(seen):
        assert name not in body
    assert response.context["villages"].outside == len(hidden)
    # Said plainly, in Thai: how many villages are shown and how many others lie outside.
    assert (f"แสดงเฉพาะ {len(seen)} หมู่บ้าน" in _text(body)) == bool(hidden)
    assert (f"อีก {len(hidden)} หมู่บ้าน" in _text(body)) == bool(hidden)


@pytest.mark.parametrize("username", list(SCOPE))
@pytest.mark.parametrize("lao", LAOS)
def test_local_government_pack_page_and_xlsx(login, username, lao):
    client = login(username)
    seen, total = expected_villages(username, lao), covered(lao)
    hidden = total - seen
    page = client.get(f"/lao/{lao}/evidence/")
    xlsx = client.get(f"/lao/{lao}/evidence.xlsx")
    if not seen:
        assert (page.status_code, xlsx.status_code) == (403, 403)
        assert LocalGovernment.objects.get(code=lao).name_th not in page.content.decode()
        return
    assert (page.status_code, xlsx.status_code) == (200, 200)
    pack = page.context["pack"]
    rows = BmnResult.objects.filter(area_id__in=seen, year=pack.year)
    assert pack.households == sum(r.households for r in rows)
    assert pack.poor == sum(r.poor_households for r in rows)
    assert {c.area.code for c in pack.children} == seen
    body = page.content.decode()
    assert village_links(body, "evidence/") == seen
    assert not codes_in(body) & hidden
    partial = "ส่วนที่อยู่ในพื้นที่ของท่าน"
    assert (partial in pack.title) == bool(hidden)
    assert (f"อีก {len(hidden)} หมู่บ้าน" in _text(body)) == bool(hidden)
    book = load_workbook(io.BytesIO(xlsx.content))
    assert _sheet_codes(book["หมู่บ้าน"]) == seen
    everything = " ".join(
        str(value)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    )
    assert not codes_in(everything) & hidden
    assert (partial in everything) == bool(hidden)


@pytest.mark.parametrize("username", list(SCOPE))
def test_local_government_pack_pdf(login, username, tmp_path):
    """The PDF follows the same rule (the city: whole, part or denied by account)."""
    lao = "3520101"
    seen, total = expected_villages(username, lao), covered(lao)
    response = login(username).get(f"/lao/{lao}/evidence.pdf")
    if not seen:
        assert response.status_code == 403
        return
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    path = tmp_path / "pack.pdf"
    path.write_bytes(response.content)
    text = _flat(
        subprocess.run(
            ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout
    )
    year = max(BmnResult.objects.filter(area_id__in=seen).values_list("year", flat=True))
    households = sum(
        BmnResult.objects.filter(area_id__in=seen, year=year).values_list("households", flat=True)
    )
    assert f"{households:,}" in text
    assert (_flat("ส่วนที่อยู่ในพื้นที่ของท่าน") in text) == (seen != total)
    # One row per visible village in the village table ("หมู่ที่ n" survives pdftotext).
    assert len(re.findall(_flat("หมู่ที่") + r"\d+", text)) == len(seen)
    for name in _names(total - seen) - _names(seen):
        assert _flat(name) not in text


def test_officer_sees_only_their_tambon_of_the_city(login):
    """The reported leak: the officer of 520101 got the city's pack with 34 villages of
    tambons 520102–520104 (and 5 of 520105); now only the city's villages in 520101 appear."""
    client = login("officer-520101")
    assert client.get("/areas/520102/evidence/").status_code == 403
    page = client.get("/lao/3520101/evidence/")
    assert page.status_code == 200
    codes = {c.area.code for c in page.context["pack"].children}
    assert codes and all(code.startswith("520101") for code in codes)
    book = load_workbook(io.BytesIO(client.get("/lao/3520101/evidence.xlsx").content))
    assert _sheet_codes(book["หมู่บ้าน"]) == set(
        Area.objects.filter(parent_id="520101").values_list("code", flat=True)
    )
    detail = client.get("/lao/3520101/").content.decode()
    assert "520102" not in detail and "520103" not in detail
    assert "อีก 39 หมู่บ้านในเขต อปท. นี้อยู่นอกพื้นที่ของท่าน" in _text(detail)


@pytest.mark.parametrize("username", ["officer-520101", "tambon-520101"])
def test_tambon_pack_lists_the_local_governments_the_user_may_open(login, username):
    response = login(username).get("/areas/520101/evidence/")
    listed = {lao.code: seen for lao, seen in response.context["lao_packs"]}
    # The city and the PAO cover villages of 520101; each opens, showing only its part there.
    assert set(listed) == {"3520101", "2520000"}
    tambon = set(Area.objects.filter(parent_id="520101").values_list("code", flat=True))
    assert all(seen.visible == tambon and not seen.whole for seen in listed.values())
    assert "(เฉพาะส่วนในพื้นที่ของท่าน: 8 จาก 47 หมู่บ้าน)" in _text(response.content.decode())
    client = login(username)
    for code in listed:
        assert client.get(f"/lao/{code}/evidence/").status_code == 200


def test_visible_local_governments_follow_the_villages(django_user_model):
    from planlink.accounts import access

    def visible(username: str) -> set[str]:
        user = django_user_model.objects.get(username=username)
        return set(access.visible_local_governments(user).values_list("code", flat=True))

    for username in SCOPE:
        expected = {
            lao.code
            for lao in LocalGovernment.objects.all()
            if expected_villages(username, lao.code)
        }
        assert visible(username) == expected, username
    assert visible("officer-520101") == {"3520101", "2520000"}
    assert "5520105" not in visible("lao-3520101")


def _names(codes: set[str]) -> set[str]:
    return set(Area.objects.filter(code__in=codes).values_list("name_th", flat=True))


def _sheet_codes(sheet: Any) -> set[str]:
    """The village codes in the first column (the rows of the table, not its notes)."""
    return {
        row[0]
        for row in sheet.iter_rows(values_only=True)
        if isinstance(row[0], str) and re.fullmatch(r"\d{8}", row[0])
    }


def _flat(text: str) -> str:
    """Text as pdftotext gives it, comparable: it splits Thai words and moves tone marks, so
    compare without spaces and tone marks."""
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"[\s\u0e48-\u0e4b]", "", text)


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_unknown_area_is_404(login):
    assert login("province").get("/areas/99999999/").status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/areas/52/",
        "/areas/52010101/",
        "/lao/3520101/",
        "/areas/5201/villages/import/",
        "/accounts/me/",
    ],
)
def test_anonymous_is_sent_to_login(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


# --- the village import (a write) ------------------------------------------------------------

CSV = "รหัสหมู่บ้าน,หมู่ที่,ชื่อหมู่บ้าน\n52010101,1,บ้านชื่อใหม่\n".encode()
IMPORTERS = {"province": ["52"], "district-5201": ["5201"], "admin": [""]}


@pytest.mark.parametrize("username", list(SCOPE))
@pytest.mark.parametrize("code", ["5201", "520101", "5202"])
def test_village_import_write(login, username, code):
    client = login(username)
    allowed = any(code.startswith(root) for root in IMPORTERS.get(username, []))
    before = list(Area.objects.order_by("code").values_list("code", "name_th"))
    history = Area.history.count()
    get = client.get(f"/areas/{code}/villages/import/")
    post = client.post(
        f"/areas/{code}/villages/import/",
        {"file": SimpleUploadedFile("villages.csv", CSV, content_type="text/csv")},
    )
    if not allowed:
        assert (get.status_code, post.status_code) == (403, 403)
        assert list(Area.objects.order_by("code").values_list("code", "name_th")) == before
        assert Area.history.count() == history
    elif code.startswith("5202"):
        # Allowed to import into 5202, but the file's village lies in 5201: rejected.
        assert post.status_code == 302
        job = client.get(post.url)
        assert "not inside area 5202" in job.content.decode()
        assert Area.objects.get(code="52010101").name_th != "บ้านชื่อใหม่"
    else:
        assert get.status_code == 200
        assert post.status_code == 302
        assert Area.objects.get(code="52010101").name_th == "บ้านชื่อใหม่"
        entry = Area.history.filter(code="52010101").latest("history_date")
        assert entry.history_user.username == username


def test_import_page_shows_every_problem_with_row_and_column(login):
    """The import runs as a background job; its page names every problem."""
    client = login("district-5201")
    bad = "รหัสหมู่บ้าน,หมู่ที่,ชื่อหมู่บ้าน\n52010101,1,\n52010199,98,บ้านก\n".encode()
    response = client.post(
        "/areas/5201/villages/import/",
        {"file": SimpleUploadedFile("v.csv", bad, content_type="text/csv")},
    )
    assert response.status_code == 302
    body = client.get(response.url).content.decode()
    assert "the village name is missing" in body and "ไม่มีชื่อหมู่บ้าน" in body
    assert "moo 98 does not match code 52010199" in body
    assert not Area.objects.filter(code="52010199").exists()


def test_import_refuses_other_file_types(login):
    response = login("district-5201").post(
        "/areas/5201/villages/import/",
        {"file": SimpleUploadedFile("v.pdf", b"%PDF-1.4", content_type="application/pdf")},
    )
    assert response.status_code == 200
    assert ".csv" in response.content.decode()


# --- list pages do a fixed number of queries --------------------------------------------------


@pytest.mark.parametrize("code", ["52", "5201", "520101", "52010101"])
def test_area_page_queries_do_not_grow_with_children(login, code, django_assert_max_num_queries):
    client = login("province")
    client.get(f"/areas/{code}/")  # warm the session
    with django_assert_max_num_queries(10):
        assert client.get(f"/areas/{code}/").status_code == 200


@pytest.mark.parametrize("username", ["province", "officer-520101", "village-52010101"])
@pytest.mark.parametrize(("url", "most"), [("/lao/2520000/", 8), ("/lao/2520000/evidence/", 36)])
def test_local_government_queries_do_not_grow_with_villages(
    login, username, url, most, django_assert_max_num_queries
):
    """The PAO's 975 villages (province) cost no more queries than one (village-52010101)."""
    client = login(username)
    client.get(url)  # warm the session
    with django_assert_max_num_queries(most):
        assert client.get(url).status_code == 200


HOME_CARDS = {
    "province": {"52"},
    "district-5201": {"5201"},
    "amphoe-5201": {"5201"},
    "officer-520101": {"520101"},
    "tambon-520101": {"520101"},
    "lao-3520101": set(),  # reaches its villages through the local government card
    "village-52010101": {"52010101"},
}


@pytest.mark.parametrize("username", list(HOME_CARDS))
def test_home_shows_exactly_where_each_role_starts(login, username):
    response = login(username).get("/")
    assert {area.code for area, _counts in response.context["cards"]} == HOME_CARDS[username]
    laos = {lao.code for lao in response.context["laos"]}
    assert laos == ({"3520101"} if username == "lao-3520101" else set())


def test_admin_home_lists_every_province_loaded(login):
    cards = login("admin").get("/").context["cards"]
    assert [area.code for area, _ in cards] == ["52"]
