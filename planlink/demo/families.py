"""Synthetic data for the six other evidence families of the demo villages.

Generated from a seed, marked is_demo (shown as synthetic data in the UI), and plausible:
กชช.2ค only for villages outside city and town municipalities (as the survey is), household
accounts for about twenty account-keeping households per village, a few capital items and
occupation groups per village, GVH scores from each village's assessment meeting, and a
short synthetic poor-household list.
"""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal

from django.db import transaction

from planlink.areas.models import Area, AreaLevel, Coverage, LocalGovernmentKind
from planlink.core.pseudonym import as_hex, pseudonymize
from planlink.evidence.models import (
    CapitalKind,
    CommunityCapital,
    GvhVillage,
    HouseholdAccount,
    IndicatorEdition,
    OccupationGroup,
    PoorHousehold,
    ProblemAnalysis,
    VbdVillage,
)
from planlink.evidence.services import problems_refresh

YEAR = 2564
VBD_ROUNDS = (2562, 2564)
POOR_LIST = "ทะเบียนครัวเรือนยากจนเป้าหมาย (สังเคราะห์)"

_CAPITAL = {
    CapitalKind.FUND: [
        "กองทุนหมู่บ้านและชุมชนเมือง",
        "กองทุนแม่ของแผ่นดิน",
        "กลุ่มออมทรัพย์เพื่อการผลิต",
        "กองทุนฌาปนกิจสงเคราะห์",
        "ธนาคารข้าว",
        "กองทุนปุ๋ยชุมชน",
    ],
    CapitalKind.ASSET: [
        "ศาลาอเนกประสงค์",
        "ลานตากผลผลิต",
        "โรงสีข้าวชุมชน",
        "หอกระจายข่าว",
        "ประปาหมู่บ้าน",
    ],
    CapitalKind.NATURAL: ["ป่าชุมชน", "อ่างเก็บน้ำ", "ลำเหมืองสาธารณะ", "หนองน้ำสาธารณะ"],
    CapitalKind.CULTURAL: [
        "ประเพณีสืบชะตาหมู่บ้าน",
        "ประเพณีตานก๋วยสลาก",
        "วงสะล้อซอซึง",
        "การทอผ้าลายโบราณ",
    ],
    CapitalKind.HUMAN: ["ปราชญ์ชาวบ้านด้านสมุนไพร", "หมอเมือง", "ช่างจักสานไม้ไผ่", "อาสาสมัครสาธารณสุข"],
    CapitalKind.GROUP: ["กลุ่มผู้สูงอายุ", "กลุ่มสตรีแม่บ้าน", "กลุ่มเยาวชน", "อาสาพัฒนาชุมชน"],
}
_GROUPS = [
    ("กลุ่มทอผ้าฝ้าย", "ผ้าฝ้ายทอมือ"),
    ("กลุ่มจักสานไม้ไผ่", "ตะกร้าและกระติบข้าว"),
    ("กลุ่มแปรรูปกล้วย", "กล้วยฉาบและกล้วยอบ"),
    ("กลุ่มเลี้ยงโคเนื้อ", "โคเนื้อ"),
    ("กลุ่มปลูกผักปลอดสารพิษ", "ผักปลอดสารพิษ"),
    ("กลุ่มทำขนมพื้นเมือง", "ขนมจ็อกและข้าวแต๋น"),
    ("กลุ่มเพาะเห็ด", "เห็ดนางฟ้า"),
    ("กลุ่มเซรามิก", "ชามตราไก่"),
    ("กลุ่มน้ำพริกลาบ", "น้ำพริกลาบ"),
    ("กลุ่มเลี้ยงไก่พื้นเมือง", "ไก่พื้นเมืองและไข่"),
]


def demo_families_load(*, province_code: str = "52", seed: int = 2564) -> dict[str, int]:
    """Create the synthetic records once; a second run finds them and does nothing."""
    villages = list(
        Area.objects.filter(code__startswith=province_code, level=AreaLevel.VILLAGE, is_demo=True)
        .order_by("code")
        .values_list("code", flat=True)
    )
    if not villages:
        return {}
    if GvhVillage.objects.filter(is_demo=True, village_id__in=villages[:1]).exists():
        # A demo loaded before problems were stored gets them now.
        if not ProblemAnalysis.objects.filter(area_id=province_code).exists():
            problems_refresh(provinces=[province_code])
        return {}
    rng = random.Random(seed)
    vbd_edition = IndicatorEdition.objects.get(family="vbd", code="sample")
    gvh_edition = IndicatorEdition.objects.get(family="gvh", code="default")
    vbd_codes = list(vbd_edition.indicators.order_by("order").values_list("code", flat=True))
    gvh_codes = list(gvh_edition.indicators.order_by("order").values_list("code", flat=True))
    urban = set(
        Coverage.objects.filter(
            local_government__kind__in=[LocalGovernmentKind.CITY, LocalGovernmentKind.TOWN]
        ).values_list("village_id", flat=True)
    )
    vbd, gvh, accounts, capital, groups, poor = [], [], [], [], [], []
    for code in villages:
        strength = rng.uniform(0.3, 1.0)  # the village's own development level
        if code not in urban:
            for round_year in VBD_ROUNDS:
                lift = 0.05 if round_year == VBD_ROUNDS[-1] else 0.0
                scores = {c: _vbd_score(rng, strength + lift) for c in vbd_codes}
                vbd.append(
                    VbdVillage(
                        round_year=round_year,
                        edition=vbd_edition,
                        village_id=code,
                        scores=scores,
                        is_demo=True,
                    )
                )
        gvh.append(
            GvhVillage(
                year=YEAR,
                edition=gvh_edition,
                village_id=code,
                is_demo=True,
                assessed_on=date(2021, rng.randint(1, 9), rng.randint(1, 28)),
                scores={
                    c: str(
                        Decimal(
                            min(
                                5.0, max(1.0, round((1 + 4 * strength + rng.gauss(0, 0.6)) * 2) / 2)
                            )
                        ).quantize(Decimal("0.1"))
                    )
                    for c in gvh_codes
                },
            )
        )
        keys = [f"{n:04d}" for n in rng.sample(range(1, 60), 20)]
        hashes = as_hex(pseudonymize(_series([code] * len(keys)), _series(keys))).to_list()
        for pseudonym in hashes:
            members = rng.randint(1, 6)
            income = Decimal(int(rng.lognormvariate(11.6 + 0.4 * strength, 0.45)) // 100 * 100)
            expense = (income * Decimal(str(round(rng.uniform(0.7, 1.15), 2)))).quantize(Decimal(1))
            savings = max(
                Decimal(0), (income - expense) * Decimal(str(round(rng.uniform(0.2, 1.0), 2)))
            ).quantize(Decimal(1))
            debt = (
                income * Decimal(str(round(rng.uniform(0, 2.2) * (1.3 - strength), 2)))
            ).quantize(Decimal(1))
            accounts.append(
                HouseholdAccount(
                    year=YEAR,
                    village_id=code,
                    household_key=pseudonym,
                    members=members,
                    income=income,
                    expense=expense,
                    savings=savings,
                    debt=debt,
                    is_demo=True,
                )
            )
        for kind, names in rng.sample(list(_CAPITAL.items()), rng.randint(2, 4)):
            name = rng.choice(names)
            amount = (
                Decimal(rng.randrange(50_000, 1_500_000, 10_000))
                if kind == CapitalKind.FUND
                else None
            )
            capital.append(
                CommunityCapital(
                    year=YEAR, village_id=code, kind=kind, name=name, amount=amount, is_demo=True
                )
            )
        for name, product in rng.sample(_GROUPS, rng.randint(1, 3)):
            groups.append(
                OccupationGroup(
                    year=YEAR,
                    village_id=code,
                    name=name,
                    product=product,
                    members=rng.randint(8, 45),
                    yearly_revenue=Decimal(rng.randrange(20_000, 900_000, 1_000)),
                    is_demo=True,
                )
            )
        poor_keys = [
            f"{n:04d}" for n in rng.sample(range(1, 60), rng.randint(0, int(8 * (1.2 - strength))))
        ]
        if poor_keys:
            for pseudonym in as_hex(
                pseudonymize(_series([code] * len(poor_keys)), _series(poor_keys))
            ).to_list():
                poor.append(
                    PoorHousehold(
                        year=YEAR,
                        village_id=code,
                        household_key=pseudonym,
                        list_name=POOR_LIST,
                        is_demo=True,
                    )
                )
    with transaction.atomic():
        VbdVillage.objects.bulk_create(vbd, batch_size=2000)
        GvhVillage.objects.bulk_create(gvh, batch_size=2000)
        HouseholdAccount.objects.bulk_create(accounts, batch_size=2000)
        CommunityCapital.objects.bulk_create(capital, batch_size=2000)
        OccupationGroup.objects.bulk_create(groups, batch_size=2000)
        PoorHousehold.objects.bulk_create(poor, batch_size=2000)
        problems_refresh(villages=villages)
    return {
        "vbd": len(vbd),
        "gvh": len(gvh),
        "accounts": len(accounts),
        "capital": len(capital),
        "groups": len(groups),
        "poor": len(poor),
    }


def _vbd_score(rng: random.Random, strength: float) -> int:
    draw = rng.random() * 0.6 + strength * 0.55
    return 1 if draw < 0.45 else 2 if draw < 0.75 else 3


def _series(values: list[str]):  # type: ignore[no-untyped-def]
    import polars as pl

    return pl.Series(values, dtype=pl.String)
