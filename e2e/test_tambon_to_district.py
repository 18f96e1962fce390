"""No project proposed twice, on a phone: the tambon's officer imports the municipality's
development plan (ผ.02) from the sample workbook, sees on the tambon plan which items may
already be proposed there, with the reasons, decides them (a "not a duplicate" needs its
reason), and sends each issue's top items to the district; the district administration
office sees them arrive."""

from __future__ import annotations

import re

import pytest

from e2e.conftest import ROOT, demo_manage, shot
from e2e.test_village_account import log_in

pytestmark = pytest.mark.e2e
SAMPLE = ROOT / "docs" / "samples" / "local-plan-sample.xlsx"


def _fits(page) -> None:  # type: ignore[no-untyped-def]
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_officer_checks_duplicates_and_sends_to_the_district(demo_server, phone):
    # The state the demo is in: the tambon civic forum of 520101 has approved its plan.
    demo_manage("demo_tambon_reopen", "520101", "--forum")
    log_in(phone, demo_server, "officer-520101")

    # Import the municipality's plan from the area's page.
    phone.goto(f"{demo_server}/areas/520101/")
    phone.get_by_role("link", name="แหล่งงบประมาณอื่น").first.click()
    assert phone.locator("h1").inner_text() == "โครงการที่เสนอของบประมาณจากแหล่งอื่น"
    phone.get_by_role("link", name="นำเข้าแผนพัฒนาท้องถิ่น (ผ.02)").click()
    phone.select_option("#lao", "3520101")
    phone.set_input_files("#file", str(SAMPLE))
    phone.get_by_role("button", name="ตรวจและนำเข้า").click()
    message = phone.locator(".message").first.inner_text()
    assert re.search(r"นำเข้า \d+ รายการ", message), message
    assert "แผนพัฒนาท้องถิ่น" in phone.locator("h1").inner_text()
    _fits(phone)
    shot(phone, "sources-local-plan")

    # The tambon plan says how many possible duplicates wait, and leads to them.
    phone.goto(f"{demo_server}/areas/520101/tambon-plan/")
    phone.get_by_role("link", name=re.compile("รายการที่อาจซ้ำกับแหล่งงบประมาณอื่น")).first.click()
    pairs = phone.locator("li.pair")
    assert pairs.count() >= 3
    first = pairs.first.locator(".pair-reason").inner_text()
    assert first.startswith("งานเดียวกัน") and "ปีซ้อนกัน" in first, first
    assert "ที่เดียวกัน" in first
    _fits(phone)
    shot(phone, "duplicates-to-decide")

    # "Not a duplicate" without a reason is refused, with why; with one it is recorded.
    pairs.first.get_by_role("button", name="ไม่ซ้ำ").click()
    assert "ต้องระบุเหตุผล" in phone.locator(".message").first.inner_text()
    pairs = phone.locator("li.pair")
    pairs.first.locator("textarea").fill("คนละจุดกัน ตรวจพื้นที่แล้ว อยู่คนละฝั่งถนน")
    pairs.first.get_by_role("button", name="ไม่ซ้ำ").click()
    assert "ไม่ซ้ำ" in phone.locator(".message").first.inner_text()
    # Every other pair: the same project.
    for _n in range(60):
        buttons = phone.get_by_role("button", name="เป็นโครงการเดียวกัน")
        if buttons.count() == 0:
            break
        buttons.first.click()
    assert phone.get_by_role("button", name="เป็นโครงการเดียวกัน").count() == 0
    assert "ตัดสินครบทุกคู่แล้ว" in phone.locator("main").inner_text()
    phone.get_by_role("link", name="ดูพร้อมผลการตัดสิน").first.click()
    assert "ตัดสินแล้ว: เป็นโครงการเดียวกัน" in phone.locator("main").inner_text()
    shot(phone, "duplicates-decided")

    # What goes up, what does not and why; then send.
    phone.goto(f"{demo_server}/areas/520101/tambon-plan/selection/")
    main = phone.locator("main").inner_text()
    assert "ส่งขึ้น" in main and "ซ้ำกับโครงการที่เสนอของบประมาณจากแหล่งอื่นแล้ว" in main
    _fits(phone)
    shot(phone, "selection-before-sending")
    phone.get_by_role("button", name=re.compile(r"ส่ง \d+ รายการไปยังอำเภอ")).click()
    message = phone.locator(".message").first.inner_text()
    sent = int(re.search(r"(\d+) รายการ", message).group(1))  # type: ignore[union-attr]
    assert sent >= 2
    titles = [
        t.strip()
        for t in phone.locator(".pick-status.selected + .rank-n + .tally-title a").all_inner_texts()
    ]
    assert len(titles) >= sent
    shot(phone, "selection-sent")

    # The district administration office sees them arrive.
    phone.context.clear_cookies()
    log_in(phone, demo_server, "amphoe-5201")
    phone.get_by_role("link", name=re.compile("ส่งมาจากตำบลแล้ว")).first.click()
    district = phone.locator("main").inner_text()
    assert "ตำบล เวียงเหนือ" in district
    for title in titles[:sent]:
        assert title in district, title
    _fits(phone)
    shot(phone, "district-arrivals")
