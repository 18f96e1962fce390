"""Demo villages and local governments for Lampang, generated deterministically.

Real village lists come from `villages_import`; the demo invents plausible ones (northern
Thai village names, 5–14 villages per tambon) so that the whole province can be explored.
Everything made here is marked is_demo and labelled as demo data in the UI.
"""

from __future__ import annotations

import random
from typing import Any

from planlink.areas.models import Area, AreaLevel, LocalGovernmentKind
from planlink.areas.services import local_government_save
from planlink.areas.villages import ImportResult, VillageRow, villages_import_rows

DEMO_PROVINCE = "52"
DEMO_CITY_CODE = "3520101"  # the demo อปท. covering tambon 520101 (account lao-3520101)

_FIRST = (
    "หนอง",
    "แม่",
    "ป่า",
    "ทุ่ง",
    "ดอน",
    "ห้วย",
    "สัน",
    "ปง",
    "ต้น",
    "ศรี",
    "นา",
    "โป่ง",
    "วัง",
    "หัว",
    "ท่า",
    "บ่อ",
    "ไร่",
    "ปาง",
    "ผา",
    "กาด",
    "ข่วง",
    "ฮ่อง",
    "ดง",
    "เหล่า",
    "สบ",
    "ม่อน",
    "ทุ่งกว๋าว",
    "ป่าตัน",
    "ห้วยเป้า",
    "ปางม่วง",
)
_SECOND = (
    "ใหม่",
    "หลวง",
    "น้อย",
    "คำ",
    "ไคร้",
    "ตอง",
    "เหียง",
    "แดง",
    "ฮ่าง",
    "สัก",
    "ยาง",
    "ม่วง",
    "ขาม",
    "ทราย",
    "แก้ว",
    "ทอง",
    "จำปา",
    "บง",
    "กว้าว",
    "ปิน",
    "ไผ่",
    "มะกอก",
    "ดู่",
    "เปา",
    "ติ้ว",
    "หัด",
    "แช่",
    "เฮี้ย",
    "ส้าน",
    "มุ่น",
    "ลัว",
    "เลียง",
    "ขวาง",
    "จ๊ะ",
    "ห้า",
)
_DIRECTIONS = ("เหนือ", "ใต้", "ออก", "ตก", "กลาง", "ใหม่พัฒนา")


def demo_village_rows(tambon_codes: list[str]) -> list[VillageRow]:
    """5–14 villages per tambon (about 950 for Lampang's 100 tambons), same every run."""
    rows: list[VillageRow] = []
    for tambon in sorted(tambon_codes):
        rng = random.Random(int(tambon))
        count = rng.choice((5, 6, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 13, 14))
        used: set[str] = set()
        for moo in range(1, count + 1):
            name = "บ้าน" + rng.choice(_FIRST) + rng.choice(_SECOND)
            while name in used:
                name = name + rng.choice(_DIRECTIONS)
            used.add(name)
            rows.append(
                VillageRow(
                    row=len(rows) + 2, code=f"{tambon}{moo:02d}", moo=moo, name=name, name_en=""
                )
            )
    return rows


def demo_villages_load(*, user: Any, province_code: str = DEMO_PROVINCE) -> ImportResult:
    tambons = list(
        Area.objects.filter(level=AreaLevel.TAMBON, code__startswith=province_code).values_list(
            "code", flat=True
        )
    )
    return villages_import_rows(user=user, rows=demo_village_rows(tambons), demo=True)


def demo_local_governments_load(*, user: Any, province_code: str = DEMO_PROVINCE) -> int:
    """An อบจ. for the province, a city municipality for central Mueang Lampang, and for every
    other tambon an อบต. or a เทศบาลตำบล (district seats share their tambon between a
    municipality and an อบต., as they often do)."""
    areas = {
        a.code: a
        for a in Area.objects.filter(code__startswith=province_code).exclude(
            level=AreaLevel.VILLAGE
        )
    }
    villages_by_tambon: dict[str, list[str]] = {}
    for code in (
        Area.objects.filter(code__startswith=province_code, level=AreaLevel.VILLAGE)
        .values_list("code", flat=True)
        .order_by("code")
    ):
        villages_by_tambon.setdefault(code[:6], []).append(code)
    province = areas[province_code]
    count = 0
    local_government_save(
        user=user,
        code=f"2{province_code}0000",
        kind=LocalGovernmentKind.PAO,
        name_th=f"องค์การบริหารส่วนจังหวัด{province.name_th}",
        seat=province,
        village_codes=[v for vs in villages_by_tambon.values() for v in vs],
        demo=True,
    )
    count += 1
    city_tambons = [
        f"{province_code}0101",
        f"{province_code}0102",
        f"{province_code}0103",
        f"{province_code}0104",
    ]
    shared = f"{province_code}0105"
    city_villages = [v for t in city_tambons for v in villages_by_tambon.get(t, [])]
    shared_villages = villages_by_tambon.get(shared, [])
    half = len(shared_villages) // 2
    city_seat = areas[city_tambons[0]]
    local_government_save(
        user=user,
        code=f"3{city_seat.code}",
        kind=LocalGovernmentKind.CITY,
        name_th=f"เทศบาลนคร{province.name_th}",
        seat=city_seat,
        village_codes=city_villages + shared_villages[:half],
        demo=True,
    )
    count += 1
    for tambon_code, villages in sorted(villages_by_tambon.items()):
        if tambon_code in city_tambons:
            continue
        tambon = areas[tambon_code]
        rng = random.Random(int(tambon_code) * 7)
        if tambon_code == shared:
            remaining = villages[half:]
        elif tambon_code.endswith("01"):
            # District seat: a town or subdistrict municipality around the district office.
            split = max(1, len(villages) // 3)
            district = areas[tambon_code[:4]]
            local_government_save(
                user=user,
                code=f"5{tambon_code}",
                kind=LocalGovernmentKind.SUBDISTRICT_MUNICIPALITY,
                name_th=f"เทศบาลตำบล{district.name_th.removeprefix('เมือง')}",
                seat=tambon,
                village_codes=villages[:split],
                demo=True,
            )
            count += 1
            remaining = villages[split:]
        else:
            remaining = villages
        if rng.random() < 0.3:
            kind, name = LocalGovernmentKind.SUBDISTRICT_MUNICIPALITY, f"เทศบาลตำบล{tambon.name_th}"
            code = f"5{tambon_code}"
            if tambon_code.endswith("01"):
                kind, name, code = (
                    LocalGovernmentKind.SAO,
                    f"องค์การบริหารส่วนตำบล{tambon.name_th}",
                    f"6{tambon_code}",
                )
        else:
            kind, name, code = (
                LocalGovernmentKind.SAO,
                f"องค์การบริหารส่วนตำบล{tambon.name_th}",
                f"6{tambon_code}",
            )
        local_government_save(
            user=user,
            code=code,
            kind=kind,
            name_th=name,
            seat=tambon,
            village_codes=remaining,
            demo=True,
        )
        count += 1
    return count
