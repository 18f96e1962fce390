"""The tambon community plan on a phone, as the ศอช.ต. of 520101 works it: the demo's
consolidation reviewed (consolidated again, an item accepted, two merged, every issue
confirmed), the civic forum recorded and its paper tally typed one issue per screen — one
screen sent while the connection is down, and typed again from what the phone kept — the
ranks with their tie rule, the forum's approval; and a village item showing where it went."""

from __future__ import annotations

import contextlib
import re

import pytest

from e2e.conftest import demo_manage, shot
from e2e.test_village_account import log_in

pytestmark = pytest.mark.e2e


def _fits(page) -> None:  # type: ignore[no-untyped-def]
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_tcoc_reviews_the_consolidation_and_records_the_forum(demo_server, phone):
    # The demo holds the forum of 520101; this flow starts before it (consolidated only).
    demo_manage("demo_tambon_reopen", "520101")
    log_in(phone, demo_server, "tambon-520101")
    phone.goto(f"{demo_server}/areas/520101/")
    phone.get_by_role("link", name="แผนชุมชนระดับตำบล").first.click()
    assert phone.locator("h1").inner_text().startswith("แผนชุมชนระดับตำบล")
    assert "หมู่บ้านในเขต" in phone.locator("main").inner_text()
    _fits(phone)
    shot(phone, "tambon-plan")

    # Consolidating again keeps what is there.
    phone.get_by_role("button", name="รวมแผนอีกครั้ง (คงการตัดสินใจเดิมไว้)").click()
    assert "รายการใหม่ของตำบล 0 รายการ" in phone.locator(".message").first.inner_text()

    # Every tambon item lists the village items it came from, with their villages.
    first = phone.locator("li.tambon-item").first
    assert re.search(r"หมู่ที่ \d+ บ้าน", first.locator("ul.sources").inner_text())
    first.get_by_role("button", name="รับรายการ").click()
    assert "บันทึกแล้ว" in phone.locator(".message").first.inner_text()

    # Merge two items, with the reason.
    merge = phone.locator("#merge")
    boxes = merge.locator("input[name=item]")
    boxes.nth(0).check()
    boxes.nth(1).check()
    merge.locator("input[name=into]").nth(0).check()
    merge.locator("#merge-reason").fill("ที่ประชุม ศอช.ต. เห็นว่าเป็นงานเดียวกัน")
    merge.get_by_role("button", name="รวม", exact=True).click()
    assert "รวมรายการแล้ว" in phone.locator(".message").first.inner_text()
    assert "รวมโดย ศอช.ต.: ที่ประชุม ศอช.ต. เห็นว่าเป็นงานเดียวกัน" in phone.locator("main").inner_text()

    # Confirm the suggested issue of every item (each confirm reloads the page).
    for _n in range(80):
        button = phone.get_by_role("button", name="ยืนยันประเด็น")
        if button.count() == 0:
            break
        button.first.click()
    assert phone.get_by_role("button", name="ยืนยันประเด็น").count() == 0
    shot(phone, "tambon-plan-reviewed")

    # The forum.
    phone.get_by_role("link", name="ประชาคมตำบล").first.click()
    phone.fill("#id_held_on", "20/11/2569")
    phone.fill("#id_place", "ศาลาอเนกประสงค์ตำบลเวียงเหนือ")
    phone.check("input[name=method][value=hands]")
    for name, n in (("villagers", 84), ("tcoc", 15), ("lao", 4), ("agencies", 6), ("leaders", 11)):
        phone.fill(f"#id_{name}", str(n))
    phone.get_by_role("button", name="บันทึก", exact=True).click()
    assert "บันทึกประชาคมแล้ว" in phone.locator(".message").first.inner_text()
    assert "ผู้เข้าร่วม 120 คน" in phone.locator(".page-head").inner_text()

    # Issue 1 of the tally: typed, sent while the connection is down.
    phone.get_by_role("link", name="กรอกผลการลงคะแนน").first.click()
    tally_url = phone.url
    inputs = phone.locator("form.tally input[inputmode=numeric]")
    count = inputs.count()
    assert count >= 2
    votes = [20, 20] + [5 + i for i in range(count - 2)]  # the first two tie
    for i, n in enumerate(votes):
        inputs.nth(i).fill(str(n))
    _fits(phone)
    shot(phone, "tambon-tally")
    phone.context.set_offline(True)
    with contextlib.suppress(Exception):  # the request fails: that is the point
        phone.get_by_role("button", name="บันทึกแล้วไปประเด็นถัดไป").click(timeout=5000)
    phone.context.set_offline(False)
    phone.goto(tally_url)
    assert phone.locator("[data-restored]").is_visible()  # what was typed is back
    assert [
        phone.locator("form.tally input[inputmode=numeric]").nth(i).input_value()
        for i in range(count)
    ] == [str(n) for n in votes]
    phone.get_by_role("button", name="บันทึกแล้วไปประเด็นถัดไป").click()
    assert "บันทึกประเด็นที่" in phone.locator(".message").first.inner_text()

    # The other issues, one screen each, until the forum page comes back.
    for _n in range(10):
        if "/tally/" not in phone.url:
            break
        fields = phone.locator("form.tally input[inputmode=numeric]")
        for i in range(fields.count()):
            fields.nth(i).fill(str(30 - i))
        phone.get_by_role("button", name="บันทึกแล้วไปประเด็นถัดไป").click()
    assert "/tambon-plan/forum/" in phone.url
    results = phone.locator("#results").inner_text()
    assert "เสนอขึ้นอำเภอ" in results
    assert "คะแนนเท่ากัน" in results or "เท่ากันทุกเกณฑ์" in results  # the tie rule is shown
    _fits(phone)
    shot(phone, "tambon-forum-ranks")

    phone.get_by_role("button", name="บันทึกว่าประชาคมตำบลให้ความเห็นชอบแผน").click()
    assert "ประชาคมตำบลให้ความเห็นชอบแผน" in phone.locator(".message").first.inner_text()
    shot(phone, "tambon-forum-approved")

    # A village item shows where it went.
    phone.goto(f"{demo_server}/areas/520101/tambon-plan/")
    phone.goto(demo_server + phone.locator("ul.sources a").first.get_attribute("href"))
    went = phone.locator("section.lineage").inner_text()
    assert "ความต้องการนี้ไปอยู่ที่ใด" in went and "แผนชุมชนระดับตำบล" in went
    shot(phone, "village-item-went")


def test_lao_planner_downloads_the_handoff_and_records_adoption(demo_server, phone):
    log_in(phone, demo_server, "lao-3520101")
    phone.goto(f"{demo_server}/lao/3520101/tambon-plans/")
    assert "ตำบลเวียงเหนือ" in phone.locator("main").inner_text()
    _fits(phone)
    shot(phone, "lao-handoff")

    with phone.expect_download() as download:
        phone.get_by_role("link", name="Excel (ตามช่องแบบ ผ.02)").first.click()
    from io import BytesIO
    from pathlib import Path

    from openpyxl import load_workbook

    sheet = load_workbook(BytesIO(Path(download.value.path()).read_bytes())).active
    headers = [str(c.value or "") for row in sheet.iter_rows(max_row=12) for c in row]
    for word in ("โครงการ", "วัตถุประสงค์", "ตัวชี้วัด", "หน่วยงานรับผิดชอบหลัก"):
        assert any(word in h for h in headers), word

    form = phone.locator("form.decision").first
    form.locator("input[name=status][value=adopted]").check()
    form.locator("input[name=plan_years]").fill("2571–2575")
    form.locator("input[name=form]").fill("ผ.02")
    form.locator("input[name=project_number]").fill("12")
    form.get_by_role("button", name="บันทึกผลการพิจารณา").click()
    assert "บันทึก" in phone.locator(".message").first.inner_text()
    assert "บรรจุในแผนพัฒนาท้องถิ่นแล้ว" in phone.locator("main").inner_text()
    shot(phone, "lao-adopted")

    # The tambon sees it on its hand-off summary.
    phone.context.clear_cookies()
    log_in(phone, demo_server, "tambon-520101")
    phone.goto(f"{demo_server}/areas/520101/tambon-plan/handoff/")
    assert "เทศบาลนครลำปาง" in phone.locator("main").inner_text()
    shot(phone, "tambon-handoff")
