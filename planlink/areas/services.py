"""Writes to areas and local governments; each records who did it in the audit trail."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from planlink.areas.models import Area, AreaLevel, Coverage, LocalGovernment, LocalGovernmentKind
from planlink.core import audit


@transaction.atomic
def local_government_save(
    *,
    user: Any,
    code: str,
    kind: LocalGovernmentKind,
    name_th: str,
    seat: Area,
    village_codes: Iterable[str],
    demo: bool = False,
) -> LocalGovernment:
    """Create or update a local government and set exactly the villages it covers."""
    wanted = set(village_codes)
    villages = set(
        Area.objects.filter(code__in=wanted, level=AreaLevel.VILLAGE).values_list("code", flat=True)
    )
    unknown = sorted(wanted - villages)
    if unknown:
        raise ValidationError(
            f"ไม่พบหมู่บ้าน {', '.join(unknown[:10])} / unknown villages {', '.join(unknown[:10])}"
        )
    lao = LocalGovernment.objects.filter(code=code).first()
    if lao is None:
        lao = LocalGovernment(code=code)
    changed = lao._state.adding or (lao.kind, lao.name_th, lao.seat_id, lao.is_demo) != (
        kind,
        name_th,
        seat.code,
        demo,
    )
    if changed:
        lao.kind, lao.name_th, lao.seat, lao.is_demo = kind, name_th, seat, demo
        lao._history_user = user  # type: ignore[attr-defined]
        lao.save()
    current = dict(Coverage.objects.filter(local_government=lao).values_list("village_id", "id"))
    removed = [pk for village, pk in current.items() if village not in villages]
    if removed:
        for coverage in Coverage.objects.filter(pk__in=removed):
            coverage._history_user = user  # type: ignore[attr-defined]
            coverage.delete()
    added = [Coverage(local_government=lao, village_id=v) for v in sorted(villages - set(current))]
    if added:
        Coverage.objects.bulk_create(added, batch_size=2000)
        audit.record_bulk(Coverage, added, user=user, update=False)
    return lao
