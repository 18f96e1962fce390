"""Rendering a data pack: its charts (SVG), its PDF and its workbook."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from planlink.evidence.packs import ChildRow, DataPack
from planlink.reports.charts import BarItem, TrendSeries, bar_chart_svg, trend_chart_svg
from planlink.reports.pdf import render_document, render_pdf
from planlink.reports.xlsx import Sheet, workbook_bytes

MAX_BARS = 15
# The unit a problem or an indicator counts in, as the workbook's readers write it.
UNIT_TH = {"person": "คน", "household": "ครัวเรือน", "village": "หมู่บ้าน"}
# Indicator columns per printed comparison table: with the name, households and the poor
# share, five short-headed share columns fit A4 portrait; more go into further tables that
# repeat the name column.
INDICATORS_PER_TABLE = 5


@dataclass(frozen=True)
class ComparisonPart:
    """One printed table of the children's comparison: the indicators (with their index in
    each child's `shares`) it shows; the first part also shows households and the poor."""

    first: bool
    indicators: list[Any]  # IndicatorResult
    rows: list[tuple[ChildRow, list[Decimal | None]]]  # each child and its shares shown here


def comparison_parts(pack: DataPack) -> list[ComparisonPart]:
    if not pack.children:
        return []
    top = list(enumerate(pack.top_indicators))
    step = INDICATORS_PER_TABLE
    chunks = [top[i : i + step] for i in range(0, len(top), step)] or [[]]
    return [
        ComparisonPart(
            first=n == 0,
            indicators=[r for _, r in chunk],
            rows=[
                (c, [c.shares[i] if i < len(c.shares) else None for i, _ in chunk])
                for c in pack.children
            ],
        )
        for n, chunk in enumerate(chunks)
    ]


def pack_charts(pack: DataPack, *, thai_digits: bool = False) -> dict[str, str]:
    """The failing-share bar chart (worst indicators first) and the trend of the top problems."""
    if not pack.indicators:
        return {}
    problems = set(pack.top_codes)
    worst = sorted(
        (r for r in pack.indicators if r.pct_failed is not None and r.failed > 0),
        key=lambda r: (r.pct_failed or Decimal(0), r.failed),
        reverse=True,
    )[:MAX_BARS]
    charts = {
        "bars": bar_chart_svg(
            [
                BarItem(
                    label=f"{r.indicator.code}. {r.indicator.text_th}",
                    value=r.pct_failed,
                    note=f"{r.failed:,}/{r.eligible:,}",
                    highlight=r.indicator.code in problems,
                )
                for r in worst
            ],
            title=f"ร้อยละที่ไม่ผ่านเกณฑ์ จปฐ. ปี {pack.year} ({len(worst)} ข้อที่ไม่ผ่านมากที่สุด)",
            thai_digits=thai_digits,
        )
        if worst
        else "",
    }
    if len(pack.trend_years) > 1 and pack.trends:
        by_code = {r.indicator.code: r for r in pack.indicators}
        charts["trend"] = trend_chart_svg(
            [
                TrendSeries(
                    label=f"ข้อ {code} {by_code[code].indicator.text_th}",  # cut by words if long
                    points=list(zip(pack.trend_years, values, strict=True)),
                )
                for code, values in pack.trends.items()
            ],
            title="แนวโน้มร้อยละที่ไม่ผ่านเกณฑ์ของปัญหาสำคัญ",
            thai_digits=thai_digits,
        )
    return charts


def family_labels() -> dict[str, dict[str, str]]:
    """Texts the family sections show: กชช.2ค indicators by code, capital kinds by code."""
    from planlink.evidence.models import CapitalKind, Indicator

    return {
        "vbd_texts": dict(
            Indicator.objects.filter(edition__family="vbd").values_list("code", "text_th")
        ),
        "capital_kinds": {k.value: str(k.label) for k in CapitalKind},
    }


def document_id(pack: DataPack) -> str:
    """The printed pack's identifier: the area's DOPA code (or the local government's code)
    and the survey year."""
    if pack.area is not None:
        code = pack.area.code
    elif pack.local_government is not None:
        code = f"อปท.{pack.local_government.code}"
    else:
        code = "-"
    return f"{code}/{pack.year}" if pack.year else code


def pack_print_context(pack: DataPack, *, thai_digits: bool = False) -> dict[str, Any]:
    return {
        "pack": pack,
        "charts": pack_charts(pack, thai_digits=thai_digits),
        "synthetic_data": pack.synthetic,
        "document_id": document_id(pack),
        "comparison_parts": comparison_parts(pack),
        **family_labels(),
    }


def pack_document(pack: DataPack, *, thai_digits: bool = False) -> Any:
    """The laid-out pack (WeasyPrint pages and boxes) that `pack_pdf` writes."""
    return render_document(
        "evidence/pack_print.html",
        pack_print_context(pack, thai_digits=thai_digits),
        thai_digits=thai_digits,
    )


def pack_pdf(pack: DataPack, *, thai_digits: bool = False) -> bytes:
    return render_pdf(
        "evidence/pack_print.html",
        pack_print_context(pack, thai_digits=thai_digits),
        thai_digits=thai_digits,
    )


def pack_workbook(pack: DataPack) -> bytes:
    notes = [f"{pack.title} — {pack.subject}", pack.audience]
    if pack.year:
        notes.append(f"ข้อมูล จปฐ. ปี {pack.year}")
    if pack.synthetic:
        notes.append("ข้อมูลสังเคราะห์สำหรับสาธิต ไม่ใช่ข้อมูลจริง")
    sheets = [
        Sheet(
            title="ปัญหา",
            header=[
                "ลำดับ",
                "ปัญหา",
                "ด้าน",
                "จำนวนที่ประสบปัญหา",
                "จากทั้งหมด",
                "หน่วยนับ",
                "ร้อยละ",
                "เปลี่ยนแปลง (จุดร้อยละ)",
            ],
            rows=[
                [
                    n,
                    pr.title_th,
                    pack.categories.get(pr.category or "", ""),
                    pr.affected,
                    pr.base,
                    UNIT_TH.get(pr.unit, pr.unit),
                    pr.share,
                    pr.change,
                ]
                for n, pr in enumerate(pack.problems, start=1)
            ],
            number_formats={3: "#,##0", 4: "#,##0", 6: "0.0", 7: "+0.0;-0.0;0.0"},
            notes=notes,
        ),
        Sheet(
            title=f"จปฐ. {pack.year or ''}".strip(),
            header=[
                "หมวด",
                "ข้อ",
                "ตัวชี้วัด",
                "หน่วยนับ",
                "จำนวนที่สำรวจ",
                "ผ่านเกณฑ์",
                "ไม่ผ่านเกณฑ์",
                "ร้อยละไม่ผ่าน",
                "ร้อยละไม่ผ่าน ปีก่อน",
                "เปลี่ยนแปลง",
            ],
            rows=[
                [
                    r.indicator.category_th,
                    r.indicator.code,
                    r.indicator.text_th,
                    UNIT_TH.get(r.indicator.unit, r.indicator.unit),
                    r.eligible,
                    r.passed,
                    r.failed,
                    r.pct_failed,
                    r.previous_pct_failed,
                    r.change_pct_failed,
                ]
                for r in pack.indicators
            ],
            number_formats={
                4: "#,##0",
                5: "#,##0",
                6: "#,##0",
                7: "0.0",
                8: "0.0",
                9: "+0.0;-0.0;0.0",
            },
            notes=notes,
        ),
    ]
    if pack.children:
        top = pack.top_indicators
        sheets.append(
            Sheet(
                title=pack.child_label or "พื้นที่ย่อย",
                header=[
                    "รหัส",
                    "ชื่อ",
                    "ครัวเรือน",
                    "ครัวเรือนรายได้ต่ำกว่าเกณฑ์",
                    "ร้อยละ",
                    *(f"ร้อยละไม่ผ่าน ข้อ {r.indicator.code}" for r in top),
                ],
                rows=[
                    [
                        c.area.code,
                        c.area.display_name,
                        c.households,
                        c.poor,
                        c.poor_share,
                        *c.shares,
                    ]
                    for c in pack.children
                ],
                number_formats={
                    2: "#,##0",
                    3: "#,##0",
                    4: "0.0",
                    **{5 + i: "0.0" for i in range(len(top))},
                },
                notes=notes,
            )
        )
    sheets.extend(_family_sheets(pack, notes))
    return workbook_bytes(sheets, title=f"{pack.title} {pack.subject}")


def _family_sheets(pack: DataPack, notes: list[str]) -> list[Sheet]:
    f = pack.families
    labels = family_labels()
    sheets = []
    if f.get("vbd") and f["vbd"].villages:
        sheets.append(
            Sheet(
                title=f"กชช.2ค {f['vbd'].round_year}",
                header=["ข้อ", "ตัวชี้วัด", "หมู่บ้านระดับ 1", "ระดับ 2", "ระดับ 3"],
                rows=[
                    [i.code, labels["vbd_texts"].get(i.code, ""), i.at_1, i.at_2, i.at_3]
                    for i in f["vbd"].indicators
                ],
                notes=notes,
            )
        )
    if f.get("gvh") and f["gvh"].villages:
        sheets.append(
            Sheet(
                title=f"ความสุขมวลรวม {f['gvh'].year}",
                header=["องค์ประกอบ", "หมู่บ้าน", "เฉลี่ย", "ต่ำสุด", "สูงสุด"],
                rows=[
                    [c.name_th, c.villages, c.mean, c.minimum, c.maximum]
                    for c in f["gvh"].components
                ],
                number_formats={2: "0.00", 3: "0.0", 4: "0.0"},
                notes=notes,
            )
        )
    accounts = f.get("accounts")
    if accounts and accounts.households:
        sheets.append(
            Sheet(
                title=f"บัญชีครัวเรือน {accounts.year}",
                header=["รายการ", "รวม (บาท)", "ต่อครัวเรือน (บาท)", "ต่อคน (บาท)"],
                rows=[
                    [name, stats.total, stats.per_household, stats.per_person]
                    for name, stats in (
                        ("รายได้", accounts.income),
                        ("รายจ่าย", accounts.expense),
                        ("เงินออม", accounts.savings),
                        ("หนี้สิน", accounts.debt),
                    )
                ],
                notes=[*notes, f"ครัวเรือนที่ทำบัญชี {accounts.households:,} ครัวเรือน"],
            )
        )
    return sheets
