import pytest

from e2e.conftest import shot
from e2e.test_village_account import log_in

pytestmark = pytest.mark.e2e


def test_officer_opens_the_tambon_data_pack_and_its_pdf(demo_server, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    log_in(page, demo_server, "officer-520101")
    page.locator(".cards").get_by_text("ตำบลเวียงเหนือ").click()
    page.click("text=ชุดข้อมูลเพื่อการพัฒนา")
    page.wait_for_url(f"{demo_server}/areas/520101/evidence/")
    assert page.locator("h1").inner_text() == "ชุดข้อมูลเพื่อการพัฒนา"
    problems = page.locator("table.problems-table tbody tr")
    assert problems.count() >= 5
    assert page.locator(".chart svg").count() == 2
    shot(page, "tambon-pack")
    with page.expect_download() as download:
        page.evaluate("document.querySelectorAll('a[href*=\"evidence.xlsx\"]')[0].click()")
    assert download.value.suggested_filename.endswith(".xlsx")
    response = page.request.get(f"{demo_server}/areas/520101/evidence.pdf?digits=thai")
    assert response.ok and response.body().startswith(b"%PDF")
    page.close()


def test_village_pack_on_a_phone(demo_server, phone):
    log_in(phone, demo_server, "village-52010101")
    phone.goto(f"{demo_server}/areas/52010101/evidence/")
    assert phone.locator("table.problems-table tbody tr").count() >= 1
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    shot(phone, "village-pack-phone")
