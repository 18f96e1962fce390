"""The village plan as a printed document (PDF) and its workbook export."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from planlink.core.thai import to_thai_digits
from planlink.plans.documents import (
    plan_html,
    plan_pdf,
    plan_print_context,
    plan_xlsx_export,
    thai_date,
)
from planlink.plans.excel import plan_workbook
from planlink.plans.models import PlanVersion, WorkingGroup
from planlink.plans.services import item_create, version_transition
from planlink.plans.tests.conftest import data

pytestmark = pytest.mark.django_db

WEIR = "ซ่อมแซมฝายน้ำล้นห้วยแม่ต๋ำ"
needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils")


@pytest.fixture
def long_plan(empty_village_plan, committee):  # type: ignore[no-untyped-def]
    """Enough items across categories to run onto a second page."""
    version = empty_village_plan.versions.get()
    security = WorkingGroup.objects.get(area_id="52010101", kind="security")
    item_create(
        user=committee,
        version=version,
        data=data(
            WEIR,
            "request",
            objective="เพื่อกักเก็บน้ำไว้ใช้ทำการเกษตรในฤดูแล้ง และป้องกันน้ำท่วมไร่นา",
            target="ฝายน้ำล้น ๑ แห่ง ยาว ๑๒ เมตร พื้นที่การเกษตรได้รับประโยชน์ ๓๕๐ ไร่",
            kpi="ร้อยละ ๘๐ ของเกษตรกรมีน้ำใช้ตลอดปี",
            expected_result="เกษตรกรมีน้ำใช้เพียงพอ ผลผลิตเพิ่มขึ้น",
            funding_source="lao",
            funding_agency="อบต.เวียงเหนือ",
            responsible_agency="องค์การบริหารส่วนตำบลเวียงเหนือ",
            working_group_id=security.pk,
            budgets={2570: Decimal("1250000"), 2571: Decimal("350000.50")},
        ),
    )
    for n in range(1, 15):
        item_create(
            user=committee,
            version=version,
            data=data(
                f"กิจกรรมส่งเสริมอาชีพที่ {n} การแปรรูปผลผลิตทางการเกษตรและการตลาดชุมชน",
                ("self", "joint", "request")[n % 3],
                category=("economy", "social", "health", "environment")[n % 4],
                objective="เพื่อเพิ่มรายได้และลดรายจ่ายของครัวเรือน",
                target=f"ครัวเรือนเข้าร่วม {20 + n} ครัวเรือน",
                kpi="รายได้เฉลี่ยเพิ่มขึ้นร้อยละ ๑๐",
                expected_result="ครัวเรือนมีรายได้เสริม",
                budgets={2570 + n % 3: Decimal(10000 * n)},
            ),
        )
    item_create(
        user=committee,
        version=version,
        data=data(
            "ปรับปรุงศาลาอเนกประสงค์",
            "joint",
            status="dropped",
            dropped_reason="อบต. บรรจุในแผนพัฒนาท้องถิ่นแล้ว",
            budgets={2572: Decimal("99999")},
        ),
    )
    return empty_village_plan


def pdf_pages(pdf: bytes, tmp_path: Path, name: str = "plan.pdf") -> list[str]:
    """The text of each page, in reading order (-raw: -layout scatters Thai marks)."""
    path = tmp_path / name
    path.write_bytes(pdf)
    result = subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"],
        capture_output=True,
        check=True,
        text=True,
    )
    return [page for page in result.stdout.split("\f") if page.strip()]


def flat(text: str) -> str:
    """Thai text as a reader sees it: SARA AM = NIKHAHIT + SARA AA, stacked marks in any
    order, and no line breaks or spaces (table cells wrap long titles)."""
    text = unicodedata.normalize("NFKC", text).replace("\u0e33", "\u0e4d\u0e32")
    out: list[str] = []
    marks: list[str] = []
    for char in text:
        if unicodedata.category(char) == "Mn":
            marks.append(char)
            continue
        out.extend(sorted(marks))
        marks = []
        out.append(char)
    out.extend(sorted(marks))
    return "".join("".join(out).split())


def contains(text: str, expected: str) -> bool:
    return flat(expected) in flat(text)


def baht(amount: Decimal) -> str:
    return f"{amount:,.0f}" if amount == amount.to_integral_value() else f"{amount:,.2f}"


def test_thai_date():
    assert thai_date(date(2026, 3, 15)) == "15 มีนาคม 2569"
    assert thai_date(date(2025, 12, 1)) == "1 ธันวาคม 2568"


def test_context_totals_by_category_and_year(long_plan):
    version = long_plan.versions.get()
    context = plan_print_context(version)
    assert context["area"] == {
        "village": "หมู่ที่ 1 บ้านสันลัว",
        "tambon": "ตำบลเวียงเหนือ",
        "district": "อำเภอเมืองลำปาง",
        "province": "จังหวัดลำปาง",
    }
    names = [b.name for b in context["blocks"]]
    assert names[0] == "ด้านโครงสร้างพื้นฐาน" and len(names) == len(set(names)) == 5
    infrastructure = context["blocks"][0]
    # The dropped hall is listed under infrastructure but counts in no total.
    assert [line.dropped for line in infrastructure.lines] == [False, True]
    # Satang only where an amount has them (one 350,000.50 puts ".00" on no other figure).
    assert infrastructure.totals == ["1,250,000", "350,000.50", "0"]
    expected = {2570: Decimal("1250000"), 2571: Decimal("350000.50"), 2572: Decimal(0)}
    for n in range(1, 15):
        expected[2570 + n % 3] += Decimal(10000 * n)
    assert context["grand_totals"] == [baht(expected[y]) for y in (2570, 2571, 2572)]
    assert context["grand_total"] == baht(sum(expected.values(), Decimal(0)))
    assert context["counted"] == 15 and context["dropped"] == 1
    modes = {m.label: m.items for m in context["modes"]}
    assert modes == {"ทำเอง": 4, "ทำร่วม": 5, "ขอรับการสนับสนุน": 6}
    assert context["reliance_share"] == "26.7" and context["threshold"] == "30"


@needs_poppler
def test_pdf_of_a_draft(long_plan, tmp_path):
    version = long_plan.versions.get()
    pdf = plan_pdf(version)
    assert pdf.startswith(b"%PDF")
    pages = pdf_pages(pdf, tmp_path)
    text = "\n".join(pages)
    for expected in (
        "แผนพัฒนาหมู่บ้าน/แผนชุมชน",
        "หมู่ที่ 1 บ้านสันลัว",
        "ตำบลเวียงเหนือ",
        "อำเภอเมืองลำปาง",
        "จังหวัดลำปาง",
        "2570–2572",
        WEIR,  # tone marks and all
        "ด้านโครงสร้างพื้นฐาน",
        "ฉบับร่าง",
        "ไม่ผ่านเกณฑ์",
        "ประธานคณะกรรมการหมู่บ้าน",
        "พัฒนากรผู้รับผิดชอบ",
    ):
        assert contains(text, expected), expected
    assert plan_print_context(version)["grand_total"] in text
    assert len(pages) > 1  # the table runs onto a second page …
    assert contains(pages[1], "โครงการ/กิจกรรม")  # … with its header repeated
    assert contains(pages[1], "งบประมาณ (บาท)") and "2571" in pages[1]


@needs_poppler
def test_pdf_of_an_approved_plan_in_thai_digits(long_plan, committee, officer, tmp_path):
    version = long_plan.versions.get()
    version_transition(user=None, version=version, target="submitted")
    version_transition(user=officer, version=version, target="reviewed", override_reason="ok")
    version_transition(
        user=committee,
        version=version,
        target="approved",
        assembly_date=date(2026, 3, 15),
        attendance=84,
        households=61,
    )
    version = PlanVersion.objects.get(pk=version.pk)
    text = "\n".join(pdf_pages(plan_pdf(version, thai_digits=True), tmp_path, "approved.pdf"))
    assert "๒๕๗๐" in text and "2570" not in text
    assert contains(text, "๑๕ มีนาคม ๒๕๖๙")
    assert contains(text, "ผู้เข้าร่วม ๘๔ คน จาก ๖๑ ครัวเรือน")
    assert "๕๒๐๑๐๑๐๑" in text and "52010101" not in text  # Thai digits: the code too
    assert contains(text, "ประชาคมหมู่บ้านอนุมัติแล้ว") and not contains(text, "ฉบับร่าง")
    total = plan_print_context(version)["grand_total"]
    assert to_thai_digits(total) in text


def test_demo_plans_are_marked_synthetic(long_plan):
    version = long_plan.versions.get()
    assert "ข้อมูลสังเคราะห์" not in plan_html(version)
    long_plan.is_demo = True
    long_plan.save()
    version = PlanVersion.objects.get(pk=version.pk)
    assert plan_print_context(version)["synthetic_data"] is True
    assert "ข้อมูลสังเคราะห์/ข้อมูลสาธิต" in plan_html(version)


def test_an_empty_plan_still_prints(empty_village_plan):
    version = empty_village_plan.versions.get()
    pdf = plan_pdf(version)
    assert pdf.startswith(b"%PDF")
    assert "ยังไม่มีโครงการ/กิจกรรม" in plan_html(version)


def test_xlsx_export_is_the_round_trip_workbook():
    assert plan_xlsx_export is plan_workbook


@needs_poppler
def test_pdf_of_a_five_year_revision(committee, officer, tmp_path):
    from planlink.areas.models import Area
    from planlink.plans.models import Plan
    from planlink.plans.services import plan_create, revision_start

    Plan.objects.filter(area_id="52010103").delete()
    committee = None  # another village's plan: written as a system process (the demo's way)
    plan = plan_create(
        user=committee,
        area=Area.objects.get(code="52010103"),
        level="village",
        fiscal_years=range(2566, 2570 + 1),
    )
    version = plan.versions.get()
    for n, mode in enumerate(("self", "self", "joint", "request"), start=1):
        item_create(
            user=committee,
            version=version,
            data=data(
                f"โครงการที่ {n} ก่อสร้างรางระบายน้ำคอนกรีตเสริมเหล็กพร้อมบ่อพัก",
                mode,
                budgets={year: Decimal("2345678.75") for year in plan.years},
            ),
        )
    version_transition(user=None, version=version, target="submitted")
    version_transition(user=officer, version=version, target="reviewed")
    version_transition(
        user=committee,
        version=version,
        target="approved",
        assembly_date=date(2025, 12, 1),
        attendance=50,
    )
    draft = revision_start(user=committee, plan=plan, kind="addition", reason="เพิ่มโครงการใหม่")
    pages = pdf_pages(plan_pdf(draft, thai_digits=True), tmp_path, "revision.pdf")
    text = "\n".join(pages)
    assert contains(text, "เพิ่มเติม ครั้งที่ ๑") and contains(text, "เพิ่มโครงการใหม่")
    assert all(to_thai_digits(str(year)) in text for year in plan.years)
    assert to_thai_digits("2,345,678.75") in text and to_thai_digits("46,913,575") in text
    assert contains(text, "ผ่านเกณฑ์") and not contains(text, "ไม่ผ่านเกณฑ์")
