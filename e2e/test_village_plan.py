"""The village plan, end to end in Chromium on a phone-sized screen (issue #4's flow)."""

import io
import re

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

    # The committee submits the plan to the tambon's officer; while submitted it is read-only.
    page.goto(f"{demo_server}/areas/52010101/plan/")
    submit = page.locator("form", has=page.locator("input[name=target][value=submitted]"))
    submit.locator("textarea[name=note]").fill("แผนครบถ้วนแล้ว ขอให้พัฒนากรทบทวน")
    submit.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert "ส่งให้พัฒนากรทบทวนแล้ว" in page.locator(".page-head").inner_text()
    assert page.locator(".item-actions").count() == 0  # no ▲▼, no edit
    assert page.locator("a", has_text="เพิ่มโครงการ").count() == 0
    assert page.locator("input[name=target]").count() == 0  # no step for the committee now
    assert "แก้ไขแผนไม่ได้" in page.locator("#workflow").inner_text()
    shot(page, "review-1-submitted-read-only-phone")

    def phone_as(username):  # type: ignore[no-untyped-def]
        context = browser.new_context(
            viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
        )
        other = context.new_page()
        log_in(other, demo_server, username)
        return other

    # The officer finds it on the to-do list, comments on one item and returns the plan.
    officer = phone_as("officer-520101")
    assert "แผนที่รอคุณทบทวน" in officer.locator(".todo").inner_text()
    shot(officer, "review-2-officer-todo-phone")
    officer.locator('.todo-review a[href="/areas/52010101/plan/"]').click()
    officer.wait_for_url(re.compile(r".*/areas/52010101/plan/"))
    officer.locator("ol.items a.item-title").first.click()
    officer.wait_for_url(re.compile(r".*/plans/items/\d+/"))
    item_url = officer.url
    officer.fill("#id_comment_item", "ขอให้ระบุความยาวและความกว้างของถนนให้ชัดเจน")
    officer.locator("form", has=officer.locator("#id_comment_item")).locator(
        "button[type=submit]"
    ).click()
    officer.wait_for_load_state()
    assert "ขอให้ระบุความยาว" in officer.locator("#comments").inner_text()
    officer.goto(f"{demo_server}/areas/52010101/plan/")
    back = officer.locator("form", has=officer.locator("input[name=target][value=draft]"))
    assert "ความเห็นต่อโครงการ 1 ข้อ" in back.inner_text()
    shot(officer, "review-3-officer-returns-phone")
    back.locator("button[type=submit]").click()
    officer.wait_for_load_state()
    assert "ร่าง" in officer.locator(".page-head").inner_text()

    # The committee sees it returned, fixes the item, marks the comment dealt with, resubmits.
    page.goto(f"{demo_server}/")
    assert "แผนที่ส่งกลับมาให้แก้ไข" in page.locator(".todo").inner_text()
    shot(page, "review-4-returned-todo-phone")
    page.locator(".todo-returned a").first.click()
    page.wait_for_load_state()
    assert "ขอให้ระบุความยาว" in page.locator("#comments").inner_text()
    page.goto(item_url)
    page.locator("#comments a", has_text="แก้ไขโครงการนี้").click()
    page.wait_for_selector("#item-form")
    title = page.locator("#id_title")
    title.fill(title.input_value() + " ยาว 250 เมตร กว้าง 4 เมตร")
    page.click("#item-form button[type=submit]")
    page.wait_for_url(re.compile(r".*/areas/52010101/plan/.*"))
    page.goto(item_url)
    page.locator("#comments button", has_text="แก้ไขแล้ว").click()
    page.wait_for_load_state()
    assert "✓" in page.locator("#comments").inner_text()
    page.goto(f"{demo_server}/areas/52010101/plan/")
    page.locator("form", has=page.locator("input[name=target][value=submitted]")).locator(
        "button[type=submit]"
    ).click()
    page.wait_for_load_state()
    assert "ส่งให้พัฒนากรทบทวนแล้ว" in page.locator(".page-head").inner_text()

    # A district user sees the plan and its comments, and has no button to review it.
    district = phone_as("district-5201")
    district.goto(f"{demo_server}/areas/52010101/plan/")
    assert "ขอให้ระบุความยาว" in district.locator("main").inner_text()
    assert district.locator("input[name=target]").count() == 0
    assert district.locator("textarea[name=text]").count() == 0
    shot(district, "review-5-district-sees-no-button-phone")
    district.context.close()

    # The officer reviews it (with a facilitator).
    officer.goto(f"{demo_server}/areas/52010101/plan/")
    form = officer.locator("form", has=officer.locator("input[name=target][value=reviewed]"))
    if form.locator("textarea[name=override_reason]").count():
        form.locator("textarea[name=override_reason]").fill("ตามมติคณะกรรมการหมู่บ้าน")
    form.locator("textarea[name=facilitators]").fill("นางสาวบุญศรี ใจดี | ศอช.ต.เวียงเหนือ")
    form.locator("button[type=submit]").click()
    officer.wait_for_load_state()
    assert "พัฒนากรทบทวนแล้ว" in officer.locator(".page-head").inner_text()
    assert officer.locator("input[name=target][value=approved]").count() == 0  # the committee's
    shot(officer, "plan-4-reviewed-officer")
    officer.context.close()

    # The committee records the village assembly with a B.E. date, then villagers report
    # progress with a photo.
    page.goto(f"{demo_server}/areas/52010101/plan/")
    approve = page.locator("form", has=page.locator("input[name=target][value=approved]"))
    field = approve.locator("input[name=assembly_date]")
    be_date = field.input_value()  # today, as the server's clock (Asia/Bangkok) has it
    day, month, year = (int(part) for part in be_date.split("/"))
    assert field.get_attribute("type") == "text" and 2560 < year < 2700  # a B.E. year
    field.fill(f"{day}/{month}/{year - 543}")  # a C.E. year is refused, with why
    approve.locator("input[name=attendance]").fill("86")
    approve.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert "ค.ศ." in page.locator("#workflow").inner_text()
    approve = page.locator("form", has=page.locator("input[name=target][value=approved]"))
    approve.locator("input[name=assembly_date]").fill(be_date)
    approve.locator("input[name=attendance]").fill("86")
    shot(page, "review-6-assembly-be-date-phone")
    approve.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert "ประชาคมหมู่บ้านอนุมัติแล้ว" in page.locator(".page-head").inner_text()
    assert f"{year}" in page.locator("main").inner_text()  # the assembly date, in B.E.
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
