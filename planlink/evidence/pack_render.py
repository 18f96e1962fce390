"""Rendering a data pack: its charts (SVG), its PDF and its workbook."""

from __future__ import annotations

from decimal import Decimal

from planlink.evidence.packs import DataPack
from planlink.reports.charts import BarItem, TrendSeries, bar_chart_svg, trend_chart_svg
from planlink.reports.pdf import render_pdf
from planlink.reports.xlsx import Sheet, workbook_bytes

MAX_BARS = 15


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
                    label=f"ข้อ {code} {by_code[code].indicator.text_th[:40]}",
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


def pack_pdf(pack: DataPack, *, thai_digits: bool = False) -> bytes:
    return render_pdf(
        "evidence/pack_print.html",
        {
            "pack": pack,
            "charts": pack_charts(pack, thai_digits=thai_digits),
            "synthetic_data": pack.synthetic,
            **family_labels(),
        },
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
                    pr.unit,
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
                    "คน" if r.indicator.unit == "person" else "ครัวเรือน",
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
                title=f"GVH {f['gvh'].year}",
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
