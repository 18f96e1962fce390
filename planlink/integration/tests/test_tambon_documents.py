"""The tambon community plan as a document (PDF, XLSX, DOCX): what it says, laid out on A4
without a table past the page or a Thai word split, and who may download it."""

from __future__ import annotations

import io
import shutil
import time
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import include, path
from django.utils import timezone

from planlink.accounts.models import RoleAssignment, User
from planlink.accounts.roles import Role
from planlink.areas.models import Area, AreaLevel
from planlink.integration import services, urls_documents
from planlink.integration import urls as integration_urls
from planlink.integration.documents import (
    TambonDocument,
    tambon_document,
    tambon_docx,
    tambon_layout,
    tambon_pdf,
    tambon_workbook,
)
from planlink.integration.models import ForumMethod, TambonItem
from planlink.integration.selectors import forum_results
from planlink.plans.models import Plan, PlanItemBudget, PlanVersion
from planlink.reports.tests.layout import (
    bad_thai_breaks,
    dump_pngs,
    overflowing_cells,
    pdf_text,
    too_wide_tables,
)

TAMBON = "520101"
YEAR = 2570
needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils")


def _urlpatterns() -> list:  # type: ignore[type-arg]
    """The project's URLs with the document ones in the integration namespace (until they
    are included there; then the same patterns, once more, change nothing)."""
    from config import urls as root

    rest = [p for p in root.urlpatterns if getattr(p, "app_name", None) != "integration"]
    patterns = [*integration_urls.urlpatterns, *urls_documents.urlpatterns]
    return [*rest, path("", include((patterns, "integration")))]


urlpatterns = _urlpatterns()
pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]


@pytest.fixture
def version() -> PlanVersion:
    tambon = Area.objects.get(code=TAMBON)
    return services.tambon_consolidate(user=None, tambon=tambon, first_year=YEAR).version


@pytest.fixture
def forum_held(version: PlanVersion) -> PlanVersion:
    """Every item accepted; one dropped, one taken out of its issue; the forum recorded and
    every issue tallied but the last (so it stays unranked)."""
    items = list(version.items.order_by("priority"))
    for item in items:
        services.tambon_item_accept(user=None, item=item)
    services.tambon_item_drop(user=None, item=items[-1], reason="ซ้ำกับโครงการของ อบต.")
    TambonItem.objects.filter(lineage_id=items[-2].lineage_id).update(issue=None)
    forum = services.forum_record(
        user=None,
        version=version,
        data=services.ForumData(
            held_on=timezone.localdate() - timedelta(days=3),
            place="ศาลาอเนกประสงค์บ้านดงยาง หมู่ที่ 8",
            method=ForumMethod.HANDS,
            attendance={"villagers": 84, "tcoc": 15, "lao": 4, "agencies": 6, "leaders": 11},
            note="ที่ประชุมเห็นชอบให้เสนอโครงการด้านแหล่งน้ำเป็นลำดับแรก",
        ),
    )
    results = forum_results(version=version)
    for result in results[:-1]:
        services.tally_save(
            user=None,
            forum=forum,
            issue=result.issue,
            token=f"t-{result.issue.pk}",
            values={str(i.pk): 10 + (n * 7) % 23 for n, i in enumerate(result.items)},
        )
    return version


def _document(version: PlanVersion) -> TambonDocument:
    return tambon_document(PlanVersion.objects.get(pk=version.pk))


# --- What the document says -------------------------------------------------------------------


def test_document_ranks_the_tallied_issues_and_lists_the_rest_in_plan_order(
    forum_held: PlanVersion,
) -> None:
    doc = _document(forum_held)
    filed = [b for b in doc.blocks if b.number is not None]
    assert [b.ranked for b in filed[:-1]] == [True] * (len(filed) - 1)
    assert filed[-1].ranked is False
    ranked = filed[0]
    assert [line.rank for line in ranked.lines] == list(range(1, len(ranked.lines) + 1))
    assert [line.goes_up for line in ranked.lines[:3]] == [True, True, False][: len(ranked.lines)]
    unranked = filed[-1]
    assert {line.rank_text for line in unranked.lines} == {"—"}
    priorities = [line.item.priority for line in unranked.lines]
    assert priorities == sorted(priorities)
    unfiled = doc.blocks[-1]
    assert unfiled.number is None and len(unfiled.lines) == 1
    assert [i.dropped_reason for i in doc.dropped] == ["ซ้ำกับโครงการของ อบต."]
    # Every kept item once, each with the villages its village items came from.
    kept = forum_held.items.exclude(status="dropped").count()
    assert doc.item_count == kept
    lines = [line for b in doc.blocks for line in b.lines]
    assert all(line.villages and line.villages[0].startswith("หมู่ที่ ") for line in lines)
    assert doc.forum is not None and doc.forum.total == 120
    assert sum(doc.grand) == sum(line.total for line in lines)


def test_villages_evidence_and_self_done_work(version: PlanVersion) -> None:
    doc = _document(version)
    assert [v.moo for v in doc.villages] == sorted(v.moo for v in doc.villages if v.moo)
    included = doc.included
    assert included and doc.waiting == len(doc.villages) - len(included)
    for v in included:
        assert v.self_done == len(v.self_titles)
        assert v.share is not None
    assert 0 < len(doc.problems) <= 10
    assert doc.problems[0].title and doc.problems[0].unit in ("คน", "ครัวเรือน", "หมู่บ้าน")
    assert doc.forum is None
    assert all(b.ranked is False for b in doc.blocks)


# --- PDF ---------------------------------------------------------------------------------------


@needs_poppler
def test_pdf_shows_title_issue_villages_and_forum(forum_held: PlanVersion, tmp_path: Path) -> None:
    doc = _document(forum_held)
    started = time.perf_counter()
    pdf = tambon_pdf(doc)
    elapsed = time.perf_counter() - started
    assert pdf.startswith(b"%PDF")
    dump_pngs(pdf, "tambon-plan")
    text = " ".join(pdf_text(pdf, tmp_path).split())
    assert "แผนชุมชนระดับตำบล" in text
    assert doc.area["tambon"] in text and "ปีงบประมาณ พ.ศ. 2570–2572" in text
    assert "ศูนย์ประสานงานองค์กรชุมชนระดับตำบล (ศอช.ต.)" in text
    assert doc.blocks[0].title in text
    village = doc.blocks[0].lines[0].villages[0]
    assert village in text
    assert "ศาลาอเนกประสงค์บ้านดงยาง" in text and "ยกมือลงคะแนน" in text
    assert "เสนออำเภอ" in text
    assert "การประชุมประชาคมตำบล" in text and "งานที่หมู่บ้านทำเอง" in text
    assert elapsed < 30


def test_pdf_layout_keeps_tables_on_the_page_and_thai_words_whole(
    forum_held: PlanVersion,
) -> None:
    layout = tambon_layout(_document(forum_held))
    assert too_wide_tables(layout) == []
    assert bad_thai_breaks(layout) == []
    assert overflowing_cells(layout) == []
    sizes = {(round(p.width), round(p.height)) for p in layout.pages}
    assert len(sizes) == 2  # portrait and the landscape items part


def test_five_years_of_tens_of_millions_fit_the_landscape_page(version: PlanVersion) -> None:
    Plan.objects.filter(pk=version.plan_id).update(last_year=YEAR + 4)
    for item in version.items.order_by("priority")[:4]:
        PlanItemBudget.objects.create(
            item=item, fiscal_year=YEAR + 3, amount=Decimal("12345678.90")
        )
        PlanItemBudget.objects.create(item=item, fiscal_year=YEAR + 4, amount=Decimal("9876543"))
    doc = _document(version)
    assert len(doc.years) == 5
    for thai_digits in (False, True):
        layout = tambon_layout(doc, thai_digits=thai_digits)
        assert too_wide_tables(layout) == []
        assert overflowing_cells(layout) == []


@needs_poppler
def test_pdf_without_a_forum_says_so_and_thai_digits(version: PlanVersion, tmp_path: Path) -> None:
    pdf = tambon_pdf(_document(version), thai_digits=True)
    text = " ".join(pdf_text(pdf, tmp_path).split())
    assert "ยังไม่ได้บันทึกการประชุมประชาคมตำบล" in text
    assert "๒๕๗๐–๒๕๗๒" in text and "2570" not in text
    assert "ฉบับร่าง" in text


# --- XLSX --------------------------------------------------------------------------------------


def test_workbook_has_the_sheets_and_headers(forum_held: PlanVersion) -> None:
    from openpyxl import load_workbook

    doc = _document(forum_held)
    book = load_workbook(io.BytesIO(tambon_workbook(doc)))
    assert book.sheetnames == [
        "แผนชุมชนระดับตำบล",
        "หมู่บ้าน",
        "สภาพปัญหา",
        "ประเด็น",
        "รายการตามประเด็น",
        "ประชาคมตำบล",
        "งานที่ทำเอง",
    ]

    def table(name: str) -> tuple[list[object], list[tuple[object, ...]]]:
        rows = list(book[name].iter_rows(values_only=True))
        starts = ("รายการ", "หมู่ที่", "ลำดับ", "ประเด็นที่", "กลุ่มผู้เข้าร่วม")
        at = next(n for n, r in enumerate(rows) if r and r[0] in starts)
        return [c for c in rows[at] if c is not None], rows[at + 1 :]

    header, data = table("รายการตามประเด็น")
    assert header[:5] == ["ประเด็นที่", "ลำดับ", "เสนออำเภอ", "โครงการ/กิจกรรม", "หมู่ที่เสนอ"]
    assert "งบประมาณ 2570" in header and "วิธีดำเนินการ" in header
    assert len(data) == doc.item_count
    budget = header.index("งบประมาณ 2570")
    assert any(isinstance(r[budget], int | float) for r in data)  # numbers stay numbers
    assert {r[1] for r in data if r[0] == doc.blocks[-2].number} == {"—"}
    assert {r[3] for r in data} == {line.item.title for b in doc.blocks for line in b.lines}
    issues_header, issues = table("ประเด็น")
    assert issues_header[:2] == ["ประเด็นที่", "ประเด็นการพัฒนาของจังหวัด"]
    assert [r[1] for r in issues] == [b.title for b in doc.blocks]
    assert table("หมู่บ้าน")[0][:4] == ["หมู่ที่", "รหัสหมู่บ้าน", "หมู่บ้าน", "สถานะแผนหมู่บ้าน"]
    assert table("สภาพปัญหา")[0][:2] == ["ลำดับ", "ปัญหา"]
    assert table("ประชาคมตำบล")[0] == ["กลุ่มผู้เข้าร่วม", "จำนวน (คน)"]


# --- DOCX --------------------------------------------------------------------------------------


def test_docx_has_the_title_and_the_items_table(forum_held: PlanVersion) -> None:
    from docx import Document

    doc = _document(forum_held)
    word = Document(io.BytesIO(tambon_docx(doc)))
    text = "\n".join(p.text for p in word.paragraphs)
    assert "แผนชุมชนระดับตำบล" in text and doc.area["tambon"] in text
    assert doc.blocks[0].heading in text
    cells = {c.text for t in word.tables for r in t.rows for c in r.cells}
    titles = {line.item.title for b in doc.blocks for line in b.lines}
    assert titles <= cells
    assert doc.blocks[0].lines[0].villages[0] in "\n".join(cells)
    assert any("ศาลาอเนกประสงค์บ้านดงยาง" in p.text for p in word.paragraphs)
    orientations = [int(s.page_width or 0) > int(s.page_height or 0) for s in word.sections]
    assert orientations == [False, True, False]


# --- Views -------------------------------------------------------------------------------------


def test_the_tambon_downloads_each_format(forum_held: PlanVersion, login: Any) -> None:
    client = login("tambon-520101")
    base = f"/tambon/versions/{forum_held.pk}/plan"
    pdf = client.get(f"{base}.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert pdf["Content-Type"] == "application/pdf"
    xlsx = client.get(f"{base}.xlsx")
    assert xlsx.status_code == 200 and xlsx.content.startswith(b"PK")
    assert "attachment" in xlsx["Content-Disposition"]
    docx = client.get(f"{base}.docx?digits=thai")
    assert docx.status_code == 200 and docx.content.startswith(b"PK")
    assert docx["Content-Type"].endswith("wordprocessingml.document")
    assert f"tambon-plan-{TAMBON}-2570-v0.docx" in docx["Content-Disposition"]


def test_a_user_of_another_tambon_gets_403(version: PlanVersion, client: Client) -> None:
    other = (
        Area.objects.filter(level=AreaLevel.TAMBON).exclude(code=TAMBON).order_by("code").first()
    )
    assert other is not None
    user = User.objects.create_user(username="tcoc-other", password="x")
    RoleAssignment.objects.create(user=user, role=Role.TCOC_COMMITTEE, area=other)
    client.force_login(user)
    for suffix in ("pdf", "xlsx", "docx"):
        assert client.get(f"/tambon/versions/{version.pk}/plan.{suffix}").status_code == 403


def test_a_village_plan_is_not_a_tambon_document(login: Any) -> None:
    village = PlanVersion.objects.filter(plan__level="village").first()
    assert village is not None
    client = login("admin")
    assert client.get(f"/tambon/versions/{village.pk}/plan.pdf").status_code == 404
