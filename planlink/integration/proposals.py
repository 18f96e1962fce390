"""The one index of proposals: every item of every plan level and every line of every other
source's list, with what the duplicate check needs read from its title once (`Proposal`).

Kept current by the writers: the plans services send `plans.signals.items_changed` after
writing a plan's items, the sources services `sources.signals.list_changed` after an import,
and the integration services call `index_plan` themselves; each rewrites the rows of that
one plan (its latest version) or list, in the writer's transaction. `index_rebuild` rewrites
everything (the demo, `manage.py proposals_rebuild`).

What is indexed: items proposed for a budget — not the village's self-done ones (ทำเอง), not
dropped ones. A programme item of the tambon (each village's own lane repairs as one line) is
indexed as generic: its villages' own items carry the places and are what the check compares.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Prefetch, Q

from planlink.areas.models import Area
from planlink.core.project_text import analyse
from planlink.integration.engine import duplicates as engine
from planlink.integration.models import Proposal, TambonItem, TambonItemKind
from planlink.plans.models import ItemStatus, Mode, Plan, PlanItem, PlanItemBudget, PlanVersion
from planlink.sources.models import SourceKind, SourceLine, SourceList
from planlink.sources.places import common_area

ORIGIN_OF_KIND = {
    SourceKind.LOCAL_PLAN: "local",
    SourceKind.PROVINCIAL: "province",
    SourceKind.AGENCY: "agency",
}
LEVEL_LABEL = {
    "village": "แผนหมู่บ้าน",
    "tambon": "แผนชุมชนระดับตำบล",
    "district": "แผนพัฒนาอำเภอ",
    "local": "แผนพัฒนาท้องถิ่น",
}


def item_key(lineage_id: Any) -> str:
    return f"item:{lineage_id}"


def line_key(line: SourceLine) -> str:
    return f"line:{line.source_list_id}:{line.key}"


def _latest(plan: Plan) -> PlanVersion | None:
    return plan.versions.order_by("-number").first()


def _plan_label(plan: Plan) -> str:
    area = plan.area
    label = LEVEL_LABEL.get(plan.level, plan.level)
    if plan.level == "village" and area.moo:
        return f"{label} {area.name_th} หมู่ที่ {area.moo}"
    return f"{label} {area.name_th}"


def _rows_of_plan(plan: Plan) -> list[Proposal]:
    version = _latest(plan)
    if version is None:
        return []
    items = (
        PlanItem.objects.filter(version=version)
        .exclude(status=ItemStatus.DROPPED)
        .exclude(mode=Mode.SELF)
        .prefetch_related(
            Prefetch(
                "budgets", queryset=PlanItemBudget.objects.only("item_id", "fiscal_year", "amount")
            ),
            "villages",
        )
        .only("pk", "lineage_id", "title", "mode", "status", "version_id")
    )
    programmes: set[Any] = set()
    if plan.level == "tambon":
        programmes = set(
            TambonItem.objects.filter(
                lineage__plan=plan, kind=TambonItemKind.PROGRAMME
            ).values_list("lineage_id", flat=True)
        )
    label = _plan_label(plan)
    rows = []
    for item in items:
        villages = {v.code for v in item.villages.all()}
        if plan.level == "village":
            villages.add(plan.area_id)
        budgets = [b for b in item.budgets.all() if b.amount > 0]
        years = [b.fiscal_year for b in budgets] or [plan.first_year, plan.last_year]
        text = analyse(item.title)
        rows.append(
            Proposal(
                key=item_key(item.lineage_id),
                origin=plan.level,
                group=f"plan:{plan.pk}",
                plan=plan,
                item=item,
                area_code=common_area(villages) or plan.area_id,
                villages=sorted(villages),
                first_year=min(years),
                last_year=max(years),
                title=item.title[:300],
                normalised=text.normalised,
                work=text.work or "",
                object=text.object or "",
                features=engine.features(text),
                generic=item.lineage_id in programmes,
                source_label=label[:300],
                budget=sum((b.amount for b in budgets), Decimal(0)),
            )
        )
    return rows


_deferred = threading.local()


@contextmanager
def deferred() -> Iterator[None]:
    """Inside it, plans whose items change are indexed once, at the end (a consolidation
    writes many items one by one; the index is rewritten once per plan, not per item)."""
    outer = getattr(_deferred, "plans", None)
    if outer is not None:
        yield
        return
    _deferred.plans = {}
    try:
        yield
        plans = list(_deferred.plans.values())
    finally:
        _deferred.plans = None
    for plan in plans:
        index_plan(plan)


def plan_changed(plan: Plan) -> None:
    pending = getattr(_deferred, "plans", None)
    if pending is not None:
        pending[plan.pk] = plan
    else:
        index_plan(plan)


def index_plan(plan: Plan) -> int:
    """Rewrite the index rows of one plan (its latest version); the number of rows."""
    rows = _rows_of_plan(plan)
    with transaction.atomic():
        Proposal.objects.filter(group=f"plan:{plan.pk}").delete()
        Proposal.objects.bulk_create(rows, batch_size=500)
    return len(rows)


def _list_label(source_list: SourceList, line: SourceLine) -> str:
    form = f" ({line.form})" if line.form else ""
    return f"{source_list.body}{form}"[:300]


def _rows_of_list(source_list: SourceList) -> list[Proposal]:
    origin = ORIGIN_OF_KIND[SourceKind(source_list.kind)]
    rows = []
    for line in source_list.lines.all():
        text = analyse(line.title)
        feats = engine.features(text)
        if line.target or line.place:
            # Where the work is may be said only in the target or place cell ("… หมู่ที่ 4").
            extra = analyse(f"{line.target} {line.place}").place
            for name, values in (
                ("moo", extra.moo),
                ("soi", extra.soi),
                ("village_names", extra.villages),
                ("waters", extra.waters),
            ):
                if not feats[name] and values:
                    feats[name] = sorted(set(values))
        rows.append(
            Proposal(
                key=line_key(line),
                origin=origin,
                group=f"list:{source_list.pk}",
                source_list=source_list,
                line=line,
                area_code=line.area_id,
                villages=list(line.villages),
                first_year=line.first_year,
                last_year=line.last_year,
                title=line.title[:300],
                normalised=text.normalised,
                work=text.work or "",
                object=text.object or "",
                features=feats,
                source_label=_list_label(source_list, line),
                budget=line.total,
            )
        )
    return rows


def index_list(source_list: SourceList) -> int:
    rows = _rows_of_list(source_list)
    with transaction.atomic():
        Proposal.objects.filter(group=f"list:{source_list.pk}").delete()
        Proposal.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


def index_rebuild(prefix: str = "", progress: Any = None) -> int:
    """Rewrite the index of every plan and list in `prefix` (all when empty)."""
    plans = Plan.objects.filter(area__code__startswith=prefix).select_related("area")
    lists = SourceList.objects.filter(area__code__startswith=prefix)
    total = 0
    with transaction.atomic():
        for plan in plans:
            total += index_plan(plan)
            if progress:
                progress(1)
        for source_list in lists:
            total += index_list(source_list)
    return total


# --- Reading it --------------------------------------------------------------------------------


def around(area_code: str) -> Q:
    """Proposals whose area meets `area_code`: inside it, or an area holding it."""
    wider = [area_code[:n] for n in (2, 4, 6) if n < len(area_code)]
    return Q(area_code__startswith=area_code) | Q(area_code__in=wider)


def entries(query: Q, years: tuple[int, int] | None = None) -> list[engine.Entry]:
    """The index's proposals matching `query` (and overlapping `years`) as the engine's
    entries. Rows written by an older reading of titles are indexed again first."""
    rows = Proposal.objects.filter(query)
    if years is not None:
        rows = rows.filter(first_year__lte=years[1], last_year__gte=years[0])
    found = list(rows.only(*ENTRY_FIELDS, "plan_id", "source_list_id"))
    stale = [p for p in found if p.features.get("v") != engine.FEATURES_VERSION]
    if stale:
        for plan in Plan.objects.filter(pk__in={p.plan_id for p in stale if p.plan_id}):
            index_plan(plan)
        for source_list in SourceList.objects.filter(
            pk__in={p.source_list_id for p in stale if p.source_list_id}
        ):
            index_list(source_list)
        found = list(rows.only(*ENTRY_FIELDS))
    return [entry_of(p) for p in found]


ENTRY_FIELDS = (
    "key",
    "origin",
    "group",
    "area_code",
    "villages",
    "first_year",
    "last_year",
    "title",
    "features",
    "generic",
)


def entry_of(p: Proposal) -> engine.Entry:
    return engine.Entry(
        key=p.key,
        origin=p.origin,
        group=p.group,
        area=p.area_code,
        villages=frozenset(p.villages),
        first_year=p.first_year,
        last_year=p.last_year,
        title=p.title,
        feats=p.features,
        generic=p.generic,
    )


def proposals_by_key(keys: Iterable[str]) -> dict[str, Proposal]:
    return {
        p.key: p
        for p in Proposal.objects.filter(key__in=list(keys)).select_related(
            "item__version__plan__area", "source_list", "line"
        )
    }


def area_name(code: str) -> str:
    area = Area.objects.filter(code=code).only("name_th", "level").first()
    return area.name_th if area else code
