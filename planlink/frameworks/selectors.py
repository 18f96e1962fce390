"""Reads of the frameworks: what a province set for a year, for anyone inside the province;
its learning media; the tambons' trained facilitators."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from functools import lru_cache
from typing import Any

from django.db.models import Q, QuerySet

from planlink.accounts import access
from planlink.accounts.roles import Capability
from planlink.core.thai import to_arabic_digits
from planlink.frameworks.calendar import ORDER
from planlink.frameworks.models import (
    AUDIENCE_FIELD,
    Deadline,
    Framework,
    FrameworkKind,
    FrameworkNode,
    LearningMedium,
    ProvinceIssue,
    TrainedFacilitator,
)


def province_code(area_code: str) -> str:
    return area_code[:2]


def issues_for(*, province: str, fiscal_year: int) -> QuerySet[ProvinceIssue]:
    """The issues of a province's year, in their order (no access check: services and engines
    that already hold an area of the province call this)."""
    return ProvinceIssue.objects.filter(province_id=province, fiscal_year=fiscal_year).order_by(
        "number"
    )


def issue_years(*, province: str) -> list[int]:
    return sorted(
        set(
            ProvinceIssue.objects.filter(province_id=province).values_list("fiscal_year", flat=True)
        ),
        reverse=True,
    )


def can_set(user: Any, province: str) -> bool:
    return access.can(user, Capability.SET_FRAMEWORKS, province)


# --- The calendar ------------------------------------------------------------------------------


def deadlines_for(*, province: str, fiscal_year: int) -> list[Deadline]:
    """The deadlines of a province's year, in the order the steps happen."""
    rows = Deadline.objects.filter(province_id=province, fiscal_year=fiscal_year)
    return sorted(rows, key=lambda d: ORDER.index(d.step) if d.step in ORDER else len(ORDER))


def deadline_dates(*, province: str, fiscal_year: int) -> dict[str, date]:
    """step → due date of a province's year (one query; for overviews and the to-do list)."""
    return dict(
        Deadline.objects.filter(province_id=province, fiscal_year=fiscal_year).values_list(
            "step", "due_on"
        )
    )


def calendar_years(*, province: str) -> list[int]:
    return sorted(
        set(Deadline.objects.filter(province_id=province).values_list("fiscal_year", flat=True)),
        reverse=True,
    )


# --- The learning media ------------------------------------------------------------------------

_SPACES = re.compile(r"[\s\u200b]+")


def _normal(text: str) -> str:
    return _SPACES.sub(" ", to_arabic_digits(text or "").casefold()).strip()


@lru_cache(maxsize=256)
def _words(chunk: str) -> tuple[str, ...]:
    from pythainlp.tokenize import word_tokenize  # lazy: the dictionary loads on first use

    return tuple(w for w in word_tokenize(chunk, keep_whitespace=False) if len(w.strip()) > 1)


def text_matches(query: str, text: str) -> bool:
    """Does `text` hold every word of `query`? Thai is written without spaces between words,
    so a part of the query that is not found as typed is cut into words (PyThaiNLP) and each
    word is looked for: "คู่มือแผนชุมชน" finds "แผนชุมชน: คู่มือสำหรับ ศอช.ต."."""
    hay = _normal(text)
    packed = hay.replace(" ", "")
    for chunk in _normal(query).split():
        if chunk in hay or chunk in packed:
            continue
        words = _words(chunk)
        if not words or not all(w in hay for w in words):
            return False
    return True


def media_for(
    *, province: str, query: str = "", topic: str = "", audience: str = ""
) -> list[LearningMedium]:
    """The media a province's people read (its own and the national ones), filtered by topic,
    audience and a search over title and description. Callers have checked that the user
    may see an area of the province."""
    media = LearningMedium.objects.filter(Q(province_id=province) | Q(province__isnull=True))
    if topic:
        media = media.filter(topic=topic)
    if audience in AUDIENCE_FIELD:
        media = media.filter(**{AUDIENCE_FIELD[audience]: True})
    rows = list(media.order_by("topic", "title", "id"))
    if query.strip():
        rows = [m for m in rows if text_matches(query, f"{m.title} {m.description}")]
    return rows


# --- The trained facilitators ------------------------------------------------------------------


def can_assign_facilitators(user: Any, area: Any) -> bool:
    return access.can(user, Capability.ASSIGN_FACILITATORS, area)


def facilitators_under(*, user: Any, code: str) -> list[TrainedFacilitator]:
    """The facilitators registered with the tambons under `code` that `user` may see (a
    village's page: its tambon's), by tambon then name."""
    prefix = code[:6] if len(code) > 6 else code
    rows = TrainedFacilitator.objects.filter(tambon__code__startswith=prefix)
    if len(code) <= 6:
        rows = access.filter_areas(user, rows, field_name="tambon__code")
    return list(rows.select_related("tambon").order_by("tambon_id", "-active", "name", "id"))


def facilitators_of(tambon: str) -> list[TrainedFacilitator]:
    """A tambon's active facilitators, for the quick picks of a village plan's review."""
    return list(TrainedFacilitator.objects.filter(tambon_id=tambon, active=True).order_by("name"))


def picked_facilitators(tambon: str, ids: Iterable[str]) -> list[tuple[str, str, bool]]:
    """(name, organisation, trained) of the registered facilitators picked by id on a review
    form; ids of another tambon's or unknown facilitators are ignored."""
    wanted = [int(i) for i in ids if str(i).isdigit()]
    if not wanted:
        return []
    return [
        (f.name, f.organisation, True)
        for f in TrainedFacilitator.objects.filter(tambon_id=tambon, pk__in=wanted).order_by("name")
    ]


# --- Strategy frameworks ---------------------------------------------------------------------

_KIND_ORDER = [k.value for k in FrameworkKind]


def frameworks_for(*, area_code: str, fiscal_year: int | None = None) -> list[Framework]:
    """The frameworks an item of `area_code` is aligned with, widest first: the national ones,
    its province's (and provincial group's), its district's, and those of the local
    governments seated inside it (a tambon, a district) or covering it (a village). With a
    year, only the versions covering it; without, every version, newest first."""
    province, district = area_code[:2], area_code[:4] if len(area_code) >= 4 else None
    owners = Q(area__isnull=True, local_government__isnull=True) | Q(area_id=province)
    if district:
        owners |= Q(area_id=district)
    if len(area_code) >= 6:
        owners |= Q(local_government__seat__code__startswith=area_code[:6])
        if len(area_code) == 8:
            owners |= Q(local_government__villages__code=area_code)
    elif len(area_code) == 4:
        owners |= Q(local_government__seat__code__startswith=area_code)
    rows = Framework.objects.filter(owners).select_related("area", "local_government")
    if fiscal_year is not None:
        rows = rows.filter(first_year__lte=fiscal_year, last_year__gte=fiscal_year)
    found = list({f.pk: f for f in rows}.values())
    return sorted(
        found,
        key=lambda f: (
            _KIND_ORDER.index(f.kind),
            f.local_government_id or "",
            -f.first_year,
        ),
    )


def readable(user: Any, framework: Framework) -> bool:
    return access.can_read_framework(
        user, area_code=framework.area_id, local_government=framework.local_government
    )


def can_edit(user: Any, framework: Framework) -> bool:
    return access.can_edit_framework(
        user,
        kind=framework.kind,
        area_code=framework.area_id,
        local_government=framework.local_government_id,
    )


def tree(framework: Framework) -> list[FrameworkNode]:
    """The framework's nodes in outline order (one query), each with its depth."""
    return list(framework.nodes.order_by("sort_key"))


def nodes_for(*, area_code: str, fiscal_year: int) -> list[FrameworkNode]:
    """Every node an item of the area may be aligned with in the year, widest framework first
    (two queries): what the alignment engine reads."""
    frameworks = frameworks_for(area_code=area_code, fiscal_year=fiscal_year)
    order = {f.pk: i for i, f in enumerate(frameworks)}
    nodes = FrameworkNode.objects.filter(framework_id__in=list(order)).select_related("framework")
    return sorted(nodes, key=lambda n: (order[n.framework_id], n.sort_key))
