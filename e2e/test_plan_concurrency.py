"""Two browser sessions of one committee editing the same village plan at once (issue #7,
defect 7), in Chromium against the demo server (SQLite in WAL mode, a threaded server)."""

from __future__ import annotations

import random
import re
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

from e2e.conftest import shot
from e2e.test_village_account import log_in

pytestmark = pytest.mark.e2e

PLAN = "/areas/52010101/plan/"
CONFLICT = "ยังไม่ได้บันทึก: มีผู้บันทึกข้อมูลนี้ไปก่อนหลังจากที่คุณเปิดฟอร์ม"


def phone_page(browser):  # type: ignore[no-untyped-def]
    """A page in a browser context of its own: its own cookies, so its own session."""
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, locale="th-TH"
    )
    return context.new_page()


def draft_items(page, base: str) -> list[int]:  # type: ignore[no-untyped-def]
    """The ids of the items of 52010101's draft, in priority order (a revision is started if
    another test approved the plan already)."""
    page.goto(f"{base}{PLAN}")
    if "ร่าง" not in page.locator(".page-head .badge").first.inner_text():
        page.locator("summary", has_text="เพิ่มเติม/แก้ไขแผนที่อนุมัติแล้ว").click()
        page.fill("#id_reason", "ทดสอบการแก้ไขพร้อมกัน")
        page.locator("form[action*='/revise/'] button[type=submit]").click()
        page.wait_for_load_state()
    ids = page.locator("ol.items > li").evaluate_all("rows => rows.map(r => r.id)")
    return [int(i.removeprefix("item-")) for i in ids]


def test_two_pages_saving_the_same_item(demo_server, browser):
    a, b = phone_page(browser), phone_page(browser)
    log_in(a, demo_server, "village-52010101")
    log_in(b, demo_server, "village-52010101")
    item = draft_items(a, demo_server)[0]
    edit = f"{demo_server}/plans/items/{item}/edit/"
    a.goto(edit)
    b.goto(edit)
    title = a.input_value("#id_title")

    a.fill("#id_title", f"{title} (แก้ในโทรศัพท์เครื่องแรก)")
    a.click("#item-form button[type=submit]")
    a.wait_for_url(re.compile(r".*/areas/52010101/plan/.*"))
    b.fill("#id_title", f"{title} (แก้ในโทรศัพท์เครื่องที่สอง)")
    b.fill("#id_kpi", "ร้อยละ 80 ของครัวเรือนได้ใช้")
    b.click("#item-form button[type=submit]")
    b.wait_for_load_state()

    conflict = b.locator(".conflict")
    assert CONFLICT in conflict.inner_text()
    assert "(แก้ในโทรศัพท์เครื่องแรก)" in conflict.inner_text()  # what is stored now
    assert b.input_value("#id_title") == f"{title} (แก้ในโทรศัพท์เครื่องที่สอง)"
    assert b.input_value("#id_kpi") == "ร้อยละ 80 ของครัวเรือนได้ใช้"
    assert b.evaluate("document.documentElement.scrollWidth") <= 390
    shot(b, "plan-conflict-item-phone")
    a.goto(f"{demo_server}{PLAN}")
    assert f"{title} (แก้ในโทรศัพท์เครื่องแรก)" in a.locator(f"#item-{item}").inner_text()

    b.click("#item-form button[type=submit]")  # saving again, knowing the newer version
    b.wait_for_url(re.compile(r".*/areas/52010101/plan/.*"))
    assert f"{title} (แก้ในโทรศัพท์เครื่องที่สอง)" in b.locator(f"#item-{item}").inner_text()
    b.goto(edit)
    b.fill("#id_title", title)  # as it was, for the other browser tests
    b.click("#item-form button[type=submit]")
    b.wait_for_url(re.compile(r".*/areas/52010101/plan/.*"))
    a.context.close()
    b.context.close()


def test_two_pages_editing_in_place(demo_server, browser):
    a, b = phone_page(browser), phone_page(browser)
    log_in(a, demo_server, "village-52010101")
    log_in(b, demo_server, "village-52010101")
    item = draft_items(a, demo_server)[1]
    b.goto(f"{demo_server}{PLAN}")
    row = f"#item-{item}"
    for page in (a, b):
        page.locator(f"{row} a", has_text="แก้ไข").click()
        page.wait_for_selector(f"{row} #item-form")
    title = a.input_value(f"{row} #id_title")

    a.fill(f"{row} #id_title", f"{title} (ก)")
    a.click(f"{row} #item-form button[type=submit]")
    a.wait_for_selector(f"{row}:not(.editing)")
    b.fill(f"{row} #id_title", f"{title} (ข)")
    b.click(f"{row} #item-form button[type=submit]")
    b.wait_for_selector(f"{row} .conflict")

    assert CONFLICT in b.locator(f"{row} .conflict").inner_text()
    assert b.input_value(f"{row} #id_title") == f"{title} (ข)"
    shot(b, "plan-conflict-inline-phone")
    b.click(f"{row} #item-form button[type=submit]")
    b.wait_for_selector(f"{row}:not(.editing)")
    assert f"{title} (ข)" in b.locator(row).inner_text()
    b.locator(f"{row} a", has_text="แก้ไข").click()
    b.wait_for_selector(f"{row} #item-form")
    b.fill(f"{row} #id_title", title)
    b.click(f"{row} #item-form button[type=submit]")
    b.wait_for_selector(f"{row}:not(.editing)")
    a.context.close()
    b.context.close()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return None


def test_moves_at_the_same_time_keep_priorities_one_to_n(demo_server, browser):
    """▲▼ pressed in several sessions at once: every move answers, the priorities stay a
    numbering 1..n of the same items."""
    page = phone_page(browser)
    log_in(page, demo_server, "village-52010101")
    ids = draft_items(page, demo_server)
    assert len(ids) >= 3
    token = page.locator("input[name=csrfmiddlewaretoken]").first.get_attribute("value")
    cookies = "; ".join(f"{c['name']}={c['value']}" for c in page.context.cookies())
    opener = urllib.request.build_opener(_NoRedirect)
    rng = random.Random(7)
    moves = [(rng.choice(ids), rng.choice(("up", "down"))) for _ in range(48)]

    def move(pk_direction: tuple[int, str]) -> int:
        pk, direction = pk_direction
        body = urllib.parse.urlencode({"direction": direction, "csrfmiddlewaretoken": token})
        request = urllib.request.Request(
            f"{demo_server}/plans/items/{pk}/move/",
            data=body.encode(),
            headers={"Cookie": cookies, "Referer": f"{demo_server}{PLAN}"},
            method="POST",
        )
        try:
            with opener.open(request, timeout=60) as response:
                return int(response.status)
        except urllib.error.HTTPError as answer:
            return int(answer.code)

    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(move, moves))

    assert statuses == [302] * len(moves)
    page.goto(f"{demo_server}{PLAN}")
    rows = page.locator("ol.items > li").evaluate_all("rows => rows.map(r => r.id)")
    priorities = page.locator("ol.items > li .priority").all_inner_texts()
    assert sorted(int(r.removeprefix("item-")) for r in rows) == sorted(ids)
    assert [int(p) for p in priorities] == list(range(1, len(ids) + 1))
    page.context.close()


def test_two_officer_pages_reviewing_at_once(demo_server, browser):
    """The officer's review sent from two pages opened on the same draft: one is done, the
    other is refused with what was typed, and the plan is not reviewed twice."""
    a = browser.new_page(viewport={"width": 1280, "height": 900})
    b = phone_page(browser)
    log_in(a, demo_server, "village-52010101")  # the committee submits its draft first
    a.goto(f"{demo_server}{PLAN}")
    a.locator("form", has=a.locator("input[name=target][value=submitted]")).locator(
        "button[type=submit]"
    ).click()
    a.wait_for_load_state()
    a.context.clear_cookies()
    log_in(a, demo_server, "officer-520101")
    log_in(b, demo_server, "officer-520101")
    for page in (a, b):
        page.goto(f"{demo_server}{PLAN}")
        assert "ส่งให้พัฒนากรทบทวนแล้ว" in page.locator(".page-head").inner_text()
    review = "input[name=target][value=reviewed]"
    for page, note in ((a, "ตรวจแล้ว ครบถ้วน"), (b, "ให้แก้ลำดับความสำคัญ")):
        form = page.locator("form", has=page.locator(review))
        if form.locator("textarea[name=override_reason]").count():
            form.locator("textarea[name=override_reason]").fill("ตามมติคณะกรรมการหมู่บ้าน")
        form.locator("textarea[name=note]").fill(note)
    a.locator("form", has=a.locator(review)).locator("button[type=submit]").click()
    a.wait_for_load_state()
    assert "พัฒนากรทบทวนแล้ว" in a.locator(".page-head").inner_text()
    b.locator("form", has=b.locator(review)).locator("button[type=submit]").click()
    b.wait_for_load_state()

    conflict = b.locator(".conflict").inner_text()
    assert "ยังไม่ได้ดำเนินการ: แผนถูกเปลี่ยนหลังจากที่คุณเปิดหน้านี้" in conflict
    assert "ให้แก้ลำดับความสำคัญ" in conflict  # what B typed, to use again
    assert "ตรวจแล้ว ครบถ้วน" in b.locator("main").inner_text()  # A's note, as stored
    assert b.evaluate("document.documentElement.scrollWidth") <= 390
    shot(b, "plan-conflict-review-phone")

    # Back to the committee, as the other browser tests expect a draft.
    back = a.locator("form", has=a.locator("input[name=target][value=draft]"))
    back.locator("textarea[name=note]").fill("ส่งกลับเพื่อทดสอบต่อ")
    back.locator("button[type=submit]").click()
    a.wait_for_load_state()
    assert "ร่าง" in a.locator(".page-head").inner_text()
    a.close()
    b.context.close()
