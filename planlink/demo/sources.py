"""Demo lists of the other budget sources that really overlap with the demo's village and
tambon plans, so the duplicate check has work to do on every demo tambon:

- each demo local government's development plan (ผ.02) for 2566–2570: about a third of the
  village requests of its villages, worded the way a municipal engineer writes them
  (โครงการ…, ค.ส.ล. / คอนกรีตเสริมเหล็ก, Thai digits, หมู่ที่ and บ้าน…, dimensions), a few
  near misses (the next ซอย, the next หมู่), and works of its own;
- the province's project list (สำนักงานจังหวัดลำปาง, 2570–2571): water and road works of the
  villages, as a provincial office writes them (ต.… อ.…), and near misses;
- an agency's request list (สำนักงานทรัพยากรน้ำภาค 1, 2570): dredging, weirs and wells.

Municipality 3520101 (เทศบาลนครลำปาง) is left out: the demo accounts import its plan from
docs/samples/local-plan-sample.xlsx. What is a duplicate is known here (`truth`), so the demo
decides the pairs of the tambons whose forum is held and sends their items to the district.
"""

from __future__ import annotations

import random
import re
from collections import defaultdict
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.db import transaction

from planlink.areas.models import Area, AreaLevel, LocalGovernment
from planlink.core.thai import to_thai_digits
from planlink.plans.models import Mode, PlanItem, PlanLevel
from planlink.sources import services
from planlink.sources.importers.common import LineData, ReadList
from planlink.sources.models import BudgetSource, SourceKind, SourceList

SEED = 2570
OWN_MUNICIPALITY = "3520101"  # imported by the demo accounts from the sample file
PROVINCE_BODY = "สำนักงานจังหวัดลำปาง"
AGENCY_BODY = "สำนักงานทรัพยากรน้ำภาค 1"
PLACE_WORDS = (
    "ถนน",
    "ราง",
    "ท่อ",
    "ฝาย",
    "ขุดลอก",
    "บ่อบาดาล",
    "ประปา",
    "หอถัง",
    "ไฟฟ้า",
    "ลาน",
    "ศาลา",
    "ศูนย์",
)
WATER_WORDS = ("ขุดลอก", "ฝาย", "บ่อบาดาล")


def _reword(title: str, moo: int, village: str, rng: random.Random) -> str:
    """A village's title as another office would write it: the same work, the same place."""
    text = title
    swaps = [("คสล.", rng.choice(("ค.ส.ล.", "คอนกรีตเสริมเหล็ก", "คสล."))),
             ("ซ่อมแซม", rng.choice(("ซ่อมแซม", "ปรับปรุง"))),
             ("โซล่าเซลล์", "โซลาร์เซลล์")]  # fmt: skip
    for old, new in swaps:
        text = text.replace(old, new)
    if f"หมู่ที่ {moo}" not in text:
        text = f"{text} หมู่ที่ {moo}"
    if village and village not in text and rng.random() < 0.6:
        text = f"{text} {village}"
    if rng.random() < 0.5:
        text = to_thai_digits(text)
    return f"โครงการ{text}" if rng.random() < 0.8 else text


def _near_miss(title: str, moo: int, rng: random.Random) -> str | None:
    """The same work next door: the next ซอย, or the next หมู่."""
    soi = re.search(r"ซอย (\d+)", title)
    if soi:
        return title.replace(soi.group(0), f"ซอย {int(soi.group(1)) + 1}")
    if f"หมู่ที่ {moo}" in title:
        return title.replace(f"หมู่ที่ {moo}", f"หมู่ที่ {moo + 1}")
    return None


def _budgets(rng: random.Random, amount: Decimal, overlap: bool) -> dict[int, Decimal]:
    if not overlap:
        return {rng.choice((2566, 2567)): amount}
    years = rng.choice(((2570,), (2569, 2570), (2568, 2569, 2570)))
    return {y: amount for y in years}


def _requests(codes: list[str]) -> dict[str, list[PlanItem]]:
    """Village code → its requested and joint items (the latest version of each plan)."""
    out: dict[str, list[PlanItem]] = defaultdict(list)
    items = (
        PlanItem.objects.filter(
            version__plan__level=PlanLevel.VILLAGE,
            version__plan__area_id__in=codes,
            mode__in=[Mode.REQUEST, Mode.JOINT],
        )
        .select_related("version__plan__area", "lineage")
        .order_by("version__plan__area_id", "priority")
    )
    for item in items:
        out[item.version.plan.area_id].append(item)
    return out


def _village_line(item: PlanItem, title: str, rng: random.Random, overlap: bool = True) -> LineData:
    area = item.version.plan.area
    amount = Decimal(rng.randrange(150, 2500) * 1000)
    return LineData(
        sheet="ผ.02",
        row=0,
        title=title[:300],
        budgets=_budgets(rng, amount, overlap),
        form="ผ.02",
        target=f"หมู่ที่ {area.moo} {area.name_th}",
        strategy="1. ยุทธศาสตร์การพัฒนาด้านโครงสร้างพื้นฐาน",
        programme="1.1 แผนงานอุตสาหกรรมและการโยธา",
        unit="กองช่าง",
        budget_source=BudgetSource.LAO,
    )


_OWN_WORKS = (
    "โครงการจัดงานประเพณีลอยกระทง",
    "โครงการอบรมคุณธรรมจริยธรรมแก่ผู้บริหาร สมาชิกสภา และพนักงาน",
    "โครงการจัดซื้อวัสดุอุปกรณ์ป้องกันและระงับอัคคีภัย",
    "โครงการส่งเสริมการแข่งขันกีฬาต้านยาเสพติด",
    "โครงการจัดทำแผนที่ภาษีและทะเบียนทรัพย์สิน",
)


def _local_plan(
    lao: LocalGovernment, items: dict[str, list[PlanItem]], truth: dict[tuple[str, str], Any]
) -> ReadList:
    rng = random.Random(f"{SEED}:lao:{lao.code}")
    lines: list[LineData] = []
    for village in sorted(lao.villages.all(), key=lambda v: v.code):
        for item in items.get(village.code, []):
            if not any(w in item.title for w in PLACE_WORDS):
                continue
            draw = rng.random()
            area = village
            if draw < 0.33:
                title = _reword(item.title, area.moo or 0, area.name_th, rng)
                overlap = rng.random() < 0.85
                lines.append(_village_line(item, title, rng, overlap))
                if overlap:
                    truth[(lao.name_th, title[:300])] = item.lineage_id
            elif draw < 0.42:
                miss = _near_miss(item.title, area.moo or 0, rng)
                if miss:
                    moo = (area.moo or 0) + (0 if "ซอย" in miss else 1)
                    line = _village_line(item, _reword(miss, moo, "", rng), rng)
                    line.target = f"หมู่ที่ {moo}"
                    lines.append(line)
    for title in rng.sample(_OWN_WORKS, 3):
        lines.append(
            LineData(
                sheet="ผ.02",
                row=0,
                title=title,
                budgets={y: Decimal(rng.randrange(20, 200) * 1000) for y in (2568, 2569, 2570)},
                form="ผ.02",
                strategy="2. ยุทธศาสตร์การพัฒนาด้านคุณภาพชีวิตและสังคม",
                unit="สำนักปลัด",
                budget_source=BudgetSource.LAO,
            )
        )
    for n, line in enumerate(lines, start=1):
        line.row, line.number = n + 8, str(n)
    return ReadList(lines=lines, years=(2566, 2570))


def _provincial(
    villages: list[Area],
    items: dict[str, list[PlanItem]],
    truth: dict[tuple[str, str], Any],
    *,
    body: str,
    water_only: bool,
) -> ReadList:
    rng = random.Random(f"{SEED}:{body}")
    names = {
        a.code: a.name_th
        for a in Area.objects.filter(
            level__in=[AreaLevel.TAMBON, AreaLevel.DISTRICT], code__startswith="52"
        )
    }
    lines: list[LineData] = []
    for village in villages:
        for item in items.get(village.code, []):
            words = WATER_WORDS if water_only else PLACE_WORDS
            if not any(w in item.title for w in words) or rng.random() > 0.12:
                continue
            tambon, district = names.get(village.code[:6], ""), names.get(village.code[:4], "")
            where = f"หมู่ที่ {village.moo} {village.name_th} ต.{tambon} อ.{district}"
            title = re.sub(r"\s*หมู่ที่ \d+", "", item.title)
            miss = rng.random() < 0.25 and _near_miss(item.title, village.moo or 0, rng)
            if miss:
                title = re.sub(r"\s*หมู่ที่ \d+", "", miss)
                if "ซอย" not in miss:
                    where = f"หมู่ที่ {(village.moo or 0) + 1} ต.{tambon} อ.{district}"
            amount = Decimal(rng.randrange(500, 5000) * 1000)
            year = 2570 if water_only else rng.choice((2570, 2571))
            line = LineData(
                sheet="โครงการ",
                row=0,
                title=title[:300],
                budgets={year: amount},
                place=where,
                strategy="ประเด็นการพัฒนาที่ 1 พัฒนาโครงสร้างพื้นฐานและการบริหารจัดการน้ำ",
                programme="แผนงานบริหารจัดการทรัพยากรน้ำ" if water_only else "แผนงานพัฒนาโครงสร้างพื้นฐาน",
                project="โครงการพัฒนาแหล่งน้ำเพื่อการเกษตร"
                if water_only
                else "โครงการพัฒนาคุณภาพชีวิตประชาชน",
                unit=body,
                budget_source=BudgetSource.AGENCY if water_only else BudgetSource.PROVINCE,
                years=(year, year),
            )
            lines.append(line)
            if not miss:
                truth[(body, title[:300])] = item.lineage_id
    for n, line in enumerate(lines, start=1):
        line.row, line.number = n + 3, str(n)
    return ReadList(lines=lines, years=(2570, 2570 if water_only else 2571))


def demo_sources_load(*, within: str = "52") -> dict[str, int]:
    """Load the demo lists (those not there yet); counts of lists and lines written. With
    the lists there already, the tambons whose forum was held since (a demo widened to more
    areas) decide their candidates and send their items."""
    if SourceList.objects.filter(is_demo=True).exists():
        decided, sent = _decide_and_send({}, within)
        return {"lists": 0, "lines": 0, "decided": decided, "sent": sent} if sent else {}
    villages = list(
        Area.objects.filter(level=AreaLevel.VILLAGE, code__startswith=within[:6]).order_by("code")
    )
    items = _requests([v.code for v in villages])
    if not items:
        return {}
    truth: dict[tuple[str, str], Any] = {}
    counts = {"lists": 0, "lines": 0}
    province = Area.objects.get(code="52")
    with transaction.atomic():
        laos = (
            LocalGovernment.objects.filter(villages__in=[v for v in villages if v.code in items])
            .exclude(code=OWN_MUNICIPALITY)
            .exclude(kind="pao")
            .distinct()
            .order_by("code")
        )
        for lao in laos:
            read = _local_plan(lao, items, truth)
            if not read.lines:
                continue
            area, covered = services.scope_of(lao)
            services.source_list_write(
                user=None,
                kind=SourceKind.LOCAL_PLAN,
                body=lao.name_th,
                area=area,
                read=read,
                file_name="demo",
                budget_source=BudgetSource.LAO,
                local_government=lao,
                villages=covered,
                title=f"แผนพัฒนาท้องถิ่น (พ.ศ. 2566–2570) {lao.name_th}",
                demo=True,
            )
            counts["lists"] += 1
            counts["lines"] += len(read.lines)
        for body, water, kind in (
            (PROVINCE_BODY, False, SourceKind.PROVINCIAL),
            (AGENCY_BODY, True, SourceKind.AGENCY),
        ):
            read = _provincial(villages, items, truth, body=body, water_only=water)
            if not read.lines:
                continue
            services.source_list_write(
                user=None,
                kind=kind,
                body=body,
                area=province,
                read=read,
                file_name="demo",
                budget_source=BudgetSource.AGENCY if water else BudgetSource.PROVINCE,
                title=(
                    f"บัญชีคำขอ {body} (พ.ศ. 2570)"
                    if water
                    else f"บัญชีโครงการตามแผนพัฒนาจังหวัดลำปาง (พ.ศ. 2570–2571) {body}"
                ),
                demo=True,
            )
            counts["lists"] += 1
            counts["lines"] += len(read.lines)
    counts["decided"], counts["sent"] = _decide_and_send(truth, within)
    return counts


def _decide_and_send(truth: dict[tuple[str, str], Any], within: str) -> tuple[int, int]:
    """For the tambons whose forum is held (not the demo accounts' own): every candidate
    decided as the officer would (a line written from the village's item is the same project;
    any other is not, with the reason), then the selected items sent to the district."""
    from planlink.integration.services import duplicates, selection
    from planlink.plans.models import Plan, VersionStatus

    decided = sent = 0
    plans = Plan.objects.filter(
        level=PlanLevel.TAMBON,
        area__code__startswith=within[:6],
        versions__status=VersionStatus.APPROVED,
    ).exclude(area_id=OWN_TAMBON)
    from planlink.integration.models import Sending

    for plan in plans.select_related("area").order_by("area_id"):
        version = plan.versions.get(status=VersionStatus.APPROVED)
        if Sending.objects.filter(version=version).exists():
            continue  # sent already (a demo loaded again, or widened)
        choice = selection.tambon_selection(version)
        for found in choice.found:
            if found.decided:
                continue
            item_side = found.a if found.a.key.startswith("item:") else found.b
            line_side = found.b if item_side is found.a else found.a
            lineage = truth.get(_truth_key(line_side))
            same = lineage is not None and str(lineage) in _lineages_of(item_side.key)
            duplicates.duplicate_decide(
                user=None,
                key_a=found.a.key,
                key_b=found.b.key,
                verdict="duplicate" if same else "distinct",
                reason="" if same else "ตรวจสถานที่แล้ว เป็นคนละจุดกับที่หมู่บ้านขอ (ข้อมูลสาธิต)",
                demo=True,
            )
            decided += 1
        sending = selection.tambon_send(user=None, version=version)
        sent += sum(
            1 for rows in sending.summary.values() for r in rows if r["status"] == "selected"
        )
    return decided, sent


def _lineages_of(key: str) -> set[str]:
    """An item's lineage and those of the village items consolidated into it."""
    from planlink.plans.models import ItemLink, LinkKind

    lineage = key.removeprefix("item:")
    below = ItemLink.objects.filter(target_id=UUID(lineage), kind=LinkKind.CONSOLIDATED_INTO)
    return {lineage} | {str(s) for s in below.values_list("source_id", flat=True)}


def _truth_key(proposal) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    body = proposal.source_list.body if proposal.source_list_id else ""
    return (body, proposal.title)


OWN_TAMBON = "520101"
