"""The District Development Plan as a workbook (seed 6): a cover sheet, the summary by
province issue and provincial strategy, and the project table — project, objective,
target, budget per fiscal year, KPI, responsible unit, the tambons and villages it came
from, and the strategies it serves. Numbers are numbers; every sheet prints on A4."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from uuid import UUID

from django.utils import timezone

from planlink.core.templatetags.planlink import be_date
from planlink.frameworks.models import KIND_SHORT, FrameworkKind
from planlink.integration.models import TambonItem
from planlink.plans.models import (
    AlignmentStatus,
    ItemAlignment,
    ItemLink,
    LinkKind,
    PlanItem,
    PlanVersion,
)
from planlink.reports.xlsx import INTEGER, MONEY, Sheet, workbook_bytes

DASH = "—"


def file_stem(version: PlanVersion) -> str:
    plan = version.plan
    return f"district-plan-{plan.area_id}-{plan.first_year}-v{version.number}"


def district_workbook(version: PlanVersion) -> bytes:
    plan = version.plan
    years = list(plan.years)
    items = list(
        version.items.select_related("category")
        .prefetch_related("budgets", "villages__parent")
        .order_by("priority", "pk")
    )
    lineages = [i.lineage_id for i in items]
    sources: dict[UUID, list[tuple[UUID, str]]] = defaultdict(list)
    for target, source, tambon in ItemLink.objects.filter(
        target_id__in=lineages, kind=LinkKind.SELECTED_FOR
    ).values_list("target_id", "source_id", "source__plan__area__name_th"):
        sources[target].append((source, tambon))
    issues = {
        t.lineage_id: t.issue
        for t in TambonItem.objects.filter(
            lineage_id__in=[s for rows in sources.values() for s, _n in rows], issue__isnull=False
        ).select_related("issue")
    }
    aligned: dict[UUID, list[ItemAlignment]] = defaultdict(list)
    for kept in ItemAlignment.objects.filter(
        lineage_id__in=lineages, status=AlignmentStatus.CONFIRMED
    ).select_related("node__framework"):
        aligned[kept.lineage_id].append(kept)

    def issue_of(item: PlanItem) -> object:
        return next((issues[s] for s, _n in sources.get(item.lineage_id, []) if s in issues), None)

    def strategies(item: PlanItem, kinds: set[str]) -> str:
        rows = [a for a in aligned.get(item.lineage_id, []) if a.node.framework.kind in kinds]
        return "; ".join(f"{a.node.code} {a.node.title}" for a in rows) or DASH

    provincial: set[str] = {FrameworkKind.PROVINCE, FrameworkKind.PROVINCE_GROUP}
    national: set[str] = {
        FrameworkKind.NATIONAL_STRATEGY,
        FrameworkKind.MASTER_PLAN,
        FrameworkKind.NESDP,
    }
    status = version.get_status_display()
    heading = f"{plan.title} ({version.label})"
    notes = [heading, f"สถานะ: {status}"]
    if version.resolution:
        notes.append(
            f"คณะกรรมการระดับอำเภอเห็นชอบ {be_date(version.assembly_date)} มติ {version.resolution}"
        )
    if plan.is_demo:
        notes.append("ข้อมูลสังเคราะห์/ข้อมูลสาธิต — ไม่ใช่ข้อมูลจริงของพื้นที่")
    budgets = {i.pk: {b.fiscal_year: b.amount for b in i.budgets.all()} for i in items}
    total = sum((a for b in budgets.values() for a in b.values()), Decimal(0))
    cover = Sheet(
        title="แผนพัฒนาอำเภอ",
        header=["รายการ", "ข้อมูล"],
        rows=[
            ["ชื่อแผน", plan.title],
            ["อำเภอ", plan.area.name_th],
            ["ปีงบประมาณ (พ.ศ.)", f"{years[0]}–{years[-1]}"],
            ["ฉบับ", version.label],
            ["สถานะ", status],
            [
                "วันประชุมคณะกรรมการ",
                be_date(version.assembly_date) if version.assembly_date else DASH,
            ],
            ["มติที่ประชุม", version.resolution or DASH],
            ["จัดทำโดย", f"ที่ทำการปกครองอำเภอ{plan.area.name_th}"],
            ["พิมพ์เมื่อ", be_date(timezone.localdate())],
            ["จำนวนโครงการ", len(items)],
            ["งบประมาณรวมทุกปี (บาท)", total],
        ],
        notes=notes,
    )
    counts: dict[str, int] = defaultdict(int)
    sums: dict[str, dict[int, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for item in items:
        issue = issue_of(item)
        key = f"{issue.number}. {issue.title}" if issue else "อำเภอเพิ่มเติม"  # type: ignore[attr-defined]
        counts[key] += 1
        for year in years:
            sums[key][year] += budgets[item.pk].get(year, Decimal(0))
    summary_rows = [[key, n, *[sums[key][y] for y in years]] for key, n in counts.items()]
    summary = Sheet(
        title="สรุปตามประเด็น",
        header=["ประเด็นการพัฒนาของจังหวัด", "จำนวนโครงการ", *[f"งบประมาณ {y} (บาท)" for y in years]],
        rows=summary_rows,
        number_formats={1: INTEGER, **{2 + n: MONEY for n in range(len(years))}},
        notes=notes,
    )
    table = Sheet(
        title="บัญชีโครงการ",
        header=[
            "ลำดับ",
            "โครงการ",
            "วัตถุประสงค์",
            "เป้าหมาย",
            *[f"งบประมาณ {y} (บาท)" for y in years],
            "ตัวชี้วัด (KPI)",
            "หน่วยงานรับผิดชอบ",
            "ตำบลที่เสนอ",
            "หมู่บ้าน",
            "ประเด็นของจังหวัด",
            f"{KIND_SHORT[FrameworkKind.PROVINCE]}",
            "ยุทธศาสตร์ชาติ/แผนแม่บท/แผนฯ 13",
        ],
        rows=[
            [
                n,
                item.title,
                item.objective or DASH,
                item.target or DASH,
                *[budgets[item.pk].get(y) for y in years],
                item.kpi or DASH,
                item.responsible_agency or DASH,
                ", ".join(sorted({t for _s, t in sources.get(item.lineage_id, [])}))
                or "อำเภอเพิ่มเติม",
                ", ".join(v.display_name for v in item.villages.all()) or DASH,
                (lambda i: f"{i.number}. {i.title}" if i else DASH)(issue_of(item)),  # type: ignore[attr-defined]
                strategies(item, provincial),
                strategies(item, national),
            ]
            for n, item in enumerate(items, start=1)
        ],
        number_formats={0: INTEGER, **{4 + n: MONEY for n in range(len(years))}},
        notes=notes,
    )
    return workbook_bytes([cover, summary, table], title=heading)
