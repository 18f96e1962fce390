import pytest

from e2e.conftest import shot

pytestmark = pytest.mark.e2e


def log_in(page, base: str, username: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "demo1234")
    page.click("form.stack button[type=submit]")
    page.wait_for_url(f"{base}/")


def test_village_committee_logs_in_and_opens_its_village(demo_server, phone):
    log_in(phone, demo_server, "village-52010101")
    # Home is the committee's to-do list: its draft plan is waiting to be finished and sent
    # (or, after the other browser tests, returned by the officer to be sent again).
    assert phone.locator("h1").inner_text() == "งานที่รอคุณ"
    todo = phone.locator(".todo").inner_text()
    assert ("ส่งให้พัฒนากรทบทวน" in todo or "ส่งอีกครั้ง" in todo) and "หมู่ที่ 1" in todo
    assert phone.get_by_role("heading", name="พื้นที่ของฉัน").is_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    shot(phone, "village-home")

    phone.locator(".cards").get_by_text("หมู่ที่ 1").click()
    phone.wait_for_url(f"{demo_server}/areas/52010101/")
    assert phone.locator("h1").inner_text().startswith("หมู่ที่ 1 บ้าน")
    crumbs = phone.locator("nav.crumbs").inner_text()
    assert "จังหวัดลำปาง" in crumbs and "ตำบลเวียงเหนือ" in crumbs
    assert phone.locator(".badge.demo").first.is_visible()
    # Its local governments are listed.
    assert phone.locator("#lao-h").is_visible()
    assert "เทศบาลนครลำปาง" in phone.locator("main").inner_text()
    # Nothing overflows the phone's width.
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    shot(phone, "village-page")

    # Another village stays out of reach.
    response = phone.goto(f"{demo_server}/areas/52010102/")
    assert response is not None and response.status == 403
    assert "ไม่มีสิทธิ์" in phone.locator("h1").inner_text()
    shot(phone, "village-denied")


def test_province_browses_down_the_tree(demo_server, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    log_in(page, demo_server, "province")
    page.locator(".cards").get_by_text("จังหวัดลำปาง").click()
    rows = page.locator("table.list tbody tr")
    assert rows.count() == 13
    assert rows.first.locator("td").first.inner_text().startswith("อำเภอเกาะคา")  # Thai order
    page.click("text=อำเภอเมืองลำปาง")
    page.click("text=ตำบลเวียงเหนือ")
    assert page.url.endswith("/areas/520101/")
    shot(page, "province-tambon")
    page.close()
