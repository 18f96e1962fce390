"""The District Development Plan on a phone, as the district administration office: the home
to-do leads to the plan; a road two tambons both asked for is merged into one item; the
suggested alignments are confirmed; the committee's approval is recorded; the plan downloads
as a workbook and goes to the province; the merged item's chain reaches both tambons.

Runs last (the file name): it adds the rest of district 5201's demo plans to the shared demo
database, which the other flows do not expect."""

from __future__ import annotations

import io
import re

import pytest
from openpyxl import load_workbook

from e2e.conftest import demo_manage, shot
from e2e.test_village_account import log_in

pytestmark = pytest.mark.e2e


def _fits(page) -> None:  # type: ignore[no-untyped-def]
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_the_district_office_compiles_approves_and_sends_its_plan(demo_server, phone):
    demo_manage("demo_setup", "--plans-within", "5201")
    log_in(phone, demo_server, "amphoe-5201")
    phone.get_by_role("link", name=re.compile("ซ้ำข้ามตำบลในแผนพัฒนาอำเภอ")).first.click()
    assert "แผนพัฒนาอำเภอ" in phone.locator("h1").inner_text()
    pair = phone.locator("#duplicates li.pair").first
    reason = pair.locator(".pair-reason").inner_text()
    assert reason.startswith("งานเดียวกัน") and "สาย" in reason, reason
    _fits(phone)
    shot(phone, "district-plan-duplicate")

    pair.get_by_role("button", name="โครงการเดียวกัน: รวมเป็นรายการเดียว").click()
    assert "รวม 2 โครงการ" in phone.locator(".message").first.inner_text()
    assert phone.locator("#duplicates li.pair").count() == 0

    phone.get_by_role("button", name="ยืนยันข้อเสนอทั้งหมด").click()
    assert "ยืนยันข้อเสนอความสอดคล้อง" in phone.locator(".message").first.inner_text()
    assert "แผนพร้อมเสนอคณะกรรมการ" in phone.locator(".next-step").inner_text()
    shot(phone, "district-plan-aligned")

    phone.fill("#id_meeting_date", "20/11/2569")
    phone.fill("#id_attendance", "21")
    phone.fill("#id_resolution", "ครั้งที่ 3/2570 วาระที่ 4.1")
    phone.get_by_role("button", name="บันทึกการอนุมัติ").click()
    assert "บันทึกมติเห็นชอบ" in phone.locator(".message").first.inner_text()
    assert "ครั้งที่ 3/2570" in phone.locator(".page-head").inner_text()
    shot(phone, "district-plan-approved")

    with phone.expect_download() as download:
        phone.get_by_role("link", name="ดาวน์โหลดแผน (Excel)").click()
    book = load_workbook(io.BytesIO(open(download.value.path(), "rb").read()))  # noqa: SIM115
    assert "บัญชีโครงการ" in book.sheetnames

    phone.get_by_role("button", name="ส่งถึงจังหวัด").click()
    assert "ส่งแผนพัฒนาอำเภอถึงจังหวัดแล้ว" in phone.locator(".message").first.inner_text()

    # The merged road's chain reaches both tambons that asked for it.
    merged = phone.locator("ol.district-items > li", has_text=re.compile(r"จากตำบล \S+, \S+"))
    merged.first.locator(".item-head a").click()
    phone.get_by_role("link", name="ดูเส้นทางของโครงการนี้ ตั้งแต่หมู่บ้านถึงจังหวัด").click()
    assert phone.locator("li.chain-stop.level-tambon").count() == 2
    assert "ส่งถึงจังหวัดแล้ว" in phone.locator("ol.chain").inner_text()
    _fits(phone)
    shot(phone, "district-item-chain")
