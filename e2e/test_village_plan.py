"""The village plan, end to end in Chromium on a phone-sized screen (issue #4's flow)."""

import io
import re
from datetime import date

import pytest
from PIL import Image

from e2e.conftest import shot
from e2e.test_village_account import log_in

pytestmark = pytest.mark.e2e


def reliance(page) -> float:  # type: ignore[no-untyped-def]
    text = page.locator(".reliance .big").inner_text()
    return float(text.rstrip("%"))


def test_committee_plans_officer_reviews_villagers_report(demo_server, browser, tmp_path):
    phone = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    page = phone.new_page()
    log_in(page, demo_server, "village-52010101")
    page.goto(f"{demo_server}/areas/52010101/plan/")
    assert "ร่าง" in page.locator(".page-head").inner_text()  # the demo leaves this plan a draft
    before = reliance(page)
    items_before = page.locator("ol.items > li").count()
    shot(page, "plan-1-draft-phone")

    # Add an item from one of the village's problems (from its data pack), done by the villagers.
    page.goto(f"{demo_server}/areas/52010101/evidence/")
    page.locator("a.add-item").first.click()
    page.wait_for_selector("#item-form")
    problem = page.locator(".message").first.inner_text()
    page.fill("#id_title", "รณรงค์ให้ความรู้และติดตามแก้ปัญหาร่วมกันในหมู่บ้าน")
    page.check("input[name=mode][value=self]")
    page.select_option("#id_funding_source", "none")
    page.fill("#id_budget_2570", "ไม่ใช้งบประมาณ")
    shot(page, "plan-2-item-from-problem-phone")
    page.click("#item-form button[type=submit]")
    page.wait_for_url(re.compile(r".*/areas/52010101/plan/.*"))
    assert page.locator("ol.items > li").count() == items_before + 1
    after = reliance(page)
    assert after > before  # one more self-done item raises the share
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "plan-3-share-changed-phone")
    assert problem

    # Exports.
    version_pdf = page.locator("a", has_text="PDF").first.get_attribute("href")
    pdf = page.request.get(f"{demo_server}{version_pdf}")
    assert pdf.ok and pdf.body().startswith(b"%PDF")
    xlsx_href = page.locator("a", has_text="Excel").first.get_attribute("href")
    xlsx = page.request.get(f"{demo_server}{xlsx_href}")
    assert xlsx.ok and xlsx.body()[:2] == b"PK"

    # Another village's plan stays out of reach.
    denied = page.goto(f"{demo_server}/areas/52010102/plan/")
    assert denied is not None and denied.status == 403

    # The tambon's officer reviews it (with a note and a facilitator).
    officer = browser.new_page(viewport={"width": 1280, "height": 900})
    log_in(officer, demo_server, "officer-520101")
    officer.goto(f"{demo_server}/areas/52010101/plan/")
    form = officer.locator("form", has=officer.locator("input[name=target][value=reviewed]"))
    if form.locator("textarea[name=override_reason]").count():
        form.locator("textarea[name=override_reason]").fill("ตามมติคณะกรรมการหมู่บ้าน")
    form.locator("textarea[name=facilitators]").fill("นางสาวบุญศรี ใจดี | ศอช.ต.เวียงเหนือ")
    form.locator("button[type=submit]").click()
    officer.wait_for_load_state()
    assert "พัฒนากรทบทวนแล้ว" in officer.locator(".page-head").inner_text()
    shot(officer, "plan-4-reviewed-officer")
    officer.close()

    # The committee records the village assembly, then villagers report progress with a photo.
    page.goto(f"{demo_server}/areas/52010101/plan/")
    approve = page.locator("form", has=page.locator("input[name=target][value=approved]"))
    approve.locator("input[name=assembly_date]").fill(date.today().isoformat())
    approve.locator("input[name=attendance]").fill("86")
    approve.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert "ประชาคมหมู่บ้านอนุมัติแล้ว" in page.locator(".page-head").inner_text()
    page.locator("ol.items a.item-title").first.click()
    page.wait_for_url(re.compile(r".*/plans/items/\d+/"))
    page.locator("summary", has_text="รายงานความก้าวหน้า").click()
    photo = tmp_path / "work.jpg"
    buffer = io.BytesIO()
    Image.new("RGB", (320, 240), (40, 120, 70)).save(buffer, format="JPEG")
    photo.write_bytes(buffer.getvalue())
    page.fill("#id_percent_done", "35")
    page.fill("#id_contribution_labour_days", "12")
    page.fill("#id_note", "ชาวบ้านร่วมแรงวันแรก")
    page.set_input_files("#id_photos", str(photo))
    page.fill("#id_caption", "ภาพการทำงานวันแรก")
    page.locator("form", has=page.locator("input[name=form][value=progress]")).locator(
        "button[type=submit]"
    ).click()
    page.wait_for_load_state()
    assert page.locator(".report img").count() >= 1
    assert "35%" in page.locator(".report").first.inner_text()
    shot(page, "plan-5-progress-with-photo-phone")
    phone.close()
