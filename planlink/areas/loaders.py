"""Province, district and tambon rows from the DOPA register as shipped by `geothai`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import geothai
from django.db import transaction
from django.utils import timezone

from planlink.areas.models import Area, AreaLevel, AreaSource
from planlink.core import audit


class UnknownProvince(ValueError):
    pass


@dataclass(frozen=True)
class LoadResult:
    province: str
    districts: int
    tambons: int
    created: int
    updated: int


def areas_load(*, user: Any, province_code: str) -> LoadResult:
    """Create or update one province's districts and tambons; idempotent.

    Names follow the register (a renamed tambon is updated); nothing is deleted, because plans
    and evidence may point at an area the register has since abolished.
    """
    province = geothai.province(province_code)
    if province is None:
        raise UnknownProvince(
            f"ไม่พบจังหวัดรหัส {province_code} / no province with code {province_code}"
        )
    wanted: list[Area] = [
        Area(
            code=province.code,
            level=AreaLevel.PROVINCE,
            parent_id=None,
            name_th=province.name_th,
            name_en=province.name_en,
            source=AreaSource.GEOTHAI,
        )
    ]
    tambon_count = 0
    districts = geothai.districts(province.code)
    for district in districts:
        wanted.append(
            Area(
                code=district.code,
                level=AreaLevel.DISTRICT,
                parent_id=province.code,
                name_th=district.name_th,
                name_en=district.name_en,
                source=AreaSource.GEOTHAI,
            )
        )
        for tambon in geothai.subdistricts(district.code):
            tambon_count += 1
            wanted.append(
                Area(
                    code=tambon.code,
                    level=AreaLevel.TAMBON,
                    parent_id=district.code,
                    name_th=tambon.name_th,
                    name_en=tambon.name_en,
                    source=AreaSource.GEOTHAI,
                )
            )
    existing = {a.code: a for a in Area.objects.filter(code__in=[a.code for a in wanted])}
    to_create = [a for a in wanted if a.code not in existing]
    to_update = []
    now = timezone.now()
    for area in wanted:
        current = existing.get(area.code)
        if current and (current.name_th, current.name_en) != (area.name_th, area.name_en):
            current.name_th, current.name_en, current.updated_at = area.name_th, area.name_en, now
            to_update.append(current)
    with transaction.atomic():
        # Parents first: the list is built province → district → tambon.
        Area.objects.bulk_create(to_create, batch_size=1000)
        audit.record_bulk(Area, to_create, user=user, update=False, reason="areas_load")
        if to_update:
            Area.objects.bulk_update(to_update, ["name_th", "name_en", "updated_at"])
            audit.record_bulk(Area, to_update, user=user, update=True, reason="areas_load")
    return LoadResult(
        province=province.code,
        districts=len(districts),
        tambons=tambon_count,
        created=len(to_create),
        updated=len(to_update),
    )
