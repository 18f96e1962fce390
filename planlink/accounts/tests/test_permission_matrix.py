"""Role × area page × own/other subtree. Allowed cases see the page; denied cases get 403
(never data), and denied writes change nothing."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from planlink.areas.models import Area, Coverage

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


@pytest.mark.parametrize(
    ("username", "lao", "status"),
    [
        ("lao-3520101", "3520101", 200),
        ("officer-520101", "3520101", 200),  # the city's office is in their tambon
        ("district-5201", "3520101", 200),
        ("village-52010101", "3520101", 403),
        ("lao-3520101", "6520201", 403),
        ("district-5201", "6520201", 403),
        ("province", "6520201", 200),
    ],
)
def test_local_government_pages(login, username, lao, status):
    assert login(username).get(f"/lao/{lao}/").status_code == status


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
        assert post.status_code == 422
        assert "not inside area 5202" in post.content.decode()
        assert Area.objects.get(code="52010101").name_th != "บ้านชื่อใหม่"
    else:
        assert get.status_code == 200
        assert post.status_code == 302
        assert Area.objects.get(code="52010101").name_th == "บ้านชื่อใหม่"
        entry = Area.history.filter(code="52010101").latest("history_date")
        assert entry.history_user.username == username


def test_import_page_shows_every_problem_with_row_and_column(login):
    client = login("district-5201")
    bad = "รหัสหมู่บ้าน,หมู่ที่,ชื่อหมู่บ้าน\n52010101,1,\n52010199,98,บ้านก\n".encode()
    response = client.post(
        "/areas/5201/villages/import/",
        {"file": SimpleUploadedFile("v.csv", bad, content_type="text/csv")},
    )
    assert response.status_code == 422
    body = response.content.decode()
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
