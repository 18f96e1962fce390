"""Reads of areas, filtered by what the user may see."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q
from django.db.models.functions import Substr
from django.http import Http404

from planlink.accounts import access
from planlink.accounts.roles import Capability
from planlink.areas.models import CODE_LENGTH, Area, AreaLevel, LocalGovernment
from planlink.core.collation import ThaiCollate


@dataclass(frozen=True)
class Crumb:
    area: Area
    viewable: bool


@dataclass(frozen=True)
class ChildRow:
    area: Area
    counts: dict[int, int]  # level → number of areas of that level under the child

    @property
    def districts(self) -> int:
        return self.counts.get(AreaLevel.DISTRICT, 0)

    @property
    def tambons(self) -> int:
        return self.counts.get(AreaLevel.TAMBON, 0)

    @property
    def villages(self) -> int:
        return self.counts.get(AreaLevel.VILLAGE, 0)


def area_get(*, user: Any, code: str, capability: Capability = Capability.VIEW_AREA) -> Area:
    """The area, if it exists (else 404) and the user may see it (else 403)."""
    area = Area.objects.filter(code=code).first()
    if area is None:
        raise Http404
    access.require(user, capability, area)
    return area


def breadcrumbs(*, user: Any, area: Area) -> list[Crumb]:
    ancestors = {a.code: a for a in Area.objects.filter(code__in=area.ancestor_codes())}
    return [
        Crumb(ancestors[code], access.can(user, Capability.VIEW_AREA, code))
        for code in area.ancestor_codes()
        if code in ancestors
    ]


def area_children(*, area: Area) -> list[ChildRow]:
    """Children in Thai order with the number of areas of each level under each; two queries.

    Callers have checked the user may view `area`; a role covers the whole subtree, so every
    child is visible too.
    """
    children = list(
        area.children.order_by(ThaiCollate("name_th"), "code")
        if area.level != AreaLevel.TAMBON
        else area.children.order_by("moo")
    )
    if not children:
        return []
    width = CODE_LENGTH[AreaLevel(area.level + 1)]
    counts: dict[str, dict[int, int]] = {}
    rows = (
        Area.objects.filter(code__startswith=area.code, level__gt=area.level + 1)
        .annotate(prefix=Substr("code", 1, width))
        .values("prefix", "level")
        .annotate(n=Count("code"))
    )
    for row in rows:
        counts.setdefault(row["prefix"], {})[row["level"]] = row["n"]
    return [ChildRow(child, counts.get(child.code, {})) for child in children]


def subtree_counts(*, area: Area) -> dict[int, int]:
    rows = (
        Area.objects.filter(code__startswith=area.code, level__gt=area.level)
        .values("level")
        .annotate(n=Count("code"))
    )
    return {row["level"]: row["n"] for row in rows}


def local_governments_in(*, area: Area) -> list[tuple[LocalGovernment, int]]:
    """Local governments covering villages inside `area`, with how many of them each covers."""
    rows = (
        LocalGovernment.objects.filter(coverage__village__code__startswith=area.code)
        .annotate(
            covered=Count("coverage", filter=Q(coverage__village__code__startswith=area.code))
        )
        .order_by("kind", ThaiCollate("name_th"))
    )
    order = ["pao", "city", "town", "sub_municipality", "sao"]
    result: list[tuple[LocalGovernment, int]] = [(lao, lao.covered) for lao in rows]
    result.sort(key=lambda pair: order.index(pair[0].kind))
    return result


def home_local_governments(*, user: Any) -> list[LocalGovernment]:
    codes = access.access_for(user).local_governments()
    return list(
        LocalGovernment.objects.filter(code__in=codes)
        .annotate(covered=Count("coverage"))
        .order_by("code")
    )


def local_government_get(*, user: Any, code: str) -> tuple[LocalGovernment, access.CoveredVillages]:
    """The local government (else 404) and the covered villages the user may see (none: 403)."""
    lao = LocalGovernment.objects.select_related("seat").filter(code=code).first()
    if lao is None:
        raise Http404
    return lao, access.require_local_government(user, lao)


def local_government_villages(
    *, local_government: LocalGovernment, villages: access.CoveredVillages
) -> list[tuple[Area, list[Area]]]:
    """The visible covered villages grouped by tambon (tambons in Thai order, villages by
    หมู่); tambons holding none of them are left out."""
    rows = Area.objects.filter(coverage__local_government=local_government)
    if not villages.whole:
        rows = rows.filter(code__in=sorted(villages.visible))
    groups: dict[str, tuple[Area, list[Area]]] = {}
    for village in rows.select_related("parent").order_by("code"):
        tambon = village.parent
        assert tambon is not None
        groups.setdefault(tambon.code, (tambon, []))[1].append(village)
    from planlink.core.collation import thai_sorted

    return thai_sorted(groups.values(), key=lambda group: group[0].name_th)


def local_government_packs_in(
    *, user: Any, area: Area
) -> list[tuple[LocalGovernment, access.CoveredVillages]]:
    """Local governments covering villages inside `area` whose pack the user may open, each
    with the villages of it they may see (a pack of only those when not the whole)."""
    laos = [lao for lao, _n in local_governments_in(area=area)]
    villages = access.covered_villages(user, [lao.code for lao in laos])
    return [(lao, seen) for lao in laos if (seen := villages[lao.code]) is not None]


def home_areas(*, user: Any) -> list[Area]:
    """The top areas of the user's area roles (what their dashboard starts from); a
    local-government planner's villages are reached through its local government card."""
    roots = access.access_for(user).area_roots()
    if access.EVERYWHERE in roots:
        return list(Area.objects.filter(level=AreaLevel.PROVINCE).order_by(ThaiCollate("name_th")))
    return list(Area.objects.filter(code__in=roots).order_by("code"))
