"""The demo's tambon community plans: every demo tambon with village plans is consolidated
for the demo year, and some of them — always the demo accounts' tambon 520101, whose officer
then checks its items against the other budget sources and sends them to the district —
have held their civic forum: items filed under their suggested issues, a paper tally
entered, the plan approved. `demo_tambon_reopen` puts a tambon back to consolidated, not
reviewed (the browser test of the ศอช.ต.'s review and forum starts there)."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from planlink.areas.models import Area, AreaLevel
from planlink.frameworks.models import ProvinceIssue
from planlink.integration import selectors, services
from planlink.integration.models import ForumMethod, TambonItem
from planlink.plans.models import Plan, PlanLevel

DEMO_YEAR = 2570
OWN_TAMBON = "520101"  # the demo accounts' tambon: its forum is held, its items not yet sent
FORUM_SHARE = 0.3  # of the other tambons, those whose forum has been held


def demo_tambons_load(
    *, within: str = "52", progress: Callable[[int, int], None] | None = None
) -> tuple[int, int]:
    """(tambons consolidated now, forums held now); tambons already planned are left alone."""
    tambons = list(
        Area.objects.filter(level=AreaLevel.TAMBON, code__startswith=within[:6]).order_by("code")
    )
    planned = set(
        Plan.objects.filter(level=PlanLevel.TAMBON, first_year=DEMO_YEAR).values_list(
            "area_id", flat=True
        )
    )
    with_villages = set(
        Plan.objects.filter(level=PlanLevel.VILLAGE, first_year=DEMO_YEAR).values_list(
            "area__parent_id", flat=True
        )
    )
    consolidated = forums = 0
    todo = [t for t in tambons if t.code not in planned and t.code in with_villages]
    roads = shared_roads(todo)
    for n, tambon in enumerate(todo, start=1):
        rng = random.Random(f"tambon:{tambon.code}")
        with transaction.atomic():
            result = services.tambon_consolidate(
                user=None, tambon=tambon, first_year=DEMO_YEAR, demo=True
            )
            Plan.objects.filter(pk=result.plan.pk).update(is_demo=True)
            consolidated += 1
            held = tambon.code in roads or tambon.code == OWN_TAMBON or rng.random() < FORUM_SHARE
            if held and result.created:
                _forum(result.version, rng, shared=roads.get(tambon.code))
                forums += 1
        if progress:
            progress(n, len(todo))
    return consolidated, forums


SHARED_DISTRICT = "5201"  # the district whose plan gets a road two tambons both ask for


def shared_roads(tambons: list[Area]) -> dict[str, str]:
    """Tambon code → the title of the road it asks for: one road between the first villages
    of two neighbouring tambons of SHARED_DISTRICT (not the demo accounts' own), each tambon
    writing it its own way, so the district plan has a duplicate between tambons to resolve."""
    pair = [t for t in tambons if t.code.startswith(SHARED_DISTRICT) and t.code != OWN_TAMBON][:2]
    if len(pair) < 2:
        return {}
    first = [
        Area.objects.filter(parent=t, level=AreaLevel.VILLAGE).order_by("code").first()
        for t in pair
    ]
    if None in first:
        return {}
    x, y = (v.name_th for v in first if v is not None)
    return {
        pair[
            0
        ].code: f"ก่อสร้างถนน คสล. สาย{x} - {y} เชื่อมตำบล{pair[0].name_th}กับตำบล{pair[1].name_th}",
        pair[1].code: f"ก่อสร้างถนนคอนกรีตเสริมเหล็ก สาย{y} - {x}",
    }


def _forum(version, rng: random.Random, shared: str | None = None) -> None:  # type: ignore[no-untyped-def]
    """Review done, items filed, forum held and tallied, plan approved; with `shared`, the
    forum added the road the tambon shares with its neighbour and ranked it first."""
    issues = sorted(
        ProvinceIssue.objects.filter(province_id="52", fiscal_year=DEMO_YEAR),
        key=lambda i: i.number,
    )
    if not issues:
        return
    road = None
    if shared:
        from planlink.evidence.models import DevelopmentCategory
        from planlink.integration.models import AddedFrom

        road = services.tambon_item_add(
            user=None,
            version=version,
            title=shared,
            added_from=AddedFrom.FORUM,
            reason="ประชาคมตำบลเสนอถนนเชื่อมตำบลที่ใช้ร่วมกับตำบลข้างเคียง (ข้อมูลสาธิต)",
            category_id=DevelopmentCategory.objects.get(code="infrastructure").pk,
            issue=issues[0],
        )
    for item in version.items.all():
        info = TambonItem.objects.get(lineage_id=item.lineage_id)
        services.tambon_item_accept(user=None, item=item)
        services.tambon_item_file(user=None, item=item, issue=info.issue or rng.choice(issues))
    today = timezone.localdate()
    held = min(today, date(2026, 11, 28)) - timedelta(days=rng.randint(3, 40))
    method = rng.choice((ForumMethod.HANDS, ForumMethod.HANDS, ForumMethod.SCORES))
    forum = services.forum_record(
        user=None,
        version=version,
        data=services.ForumData(
            held_on=held,
            place=f"ห้องประชุม{version.plan.area.name_th}",
            method=method,
            attendance={
                "villagers": rng.randint(40, 120),
                "tcoc": rng.randint(9, 25),
                "lao": rng.randint(2, 6),
                "agencies": rng.randint(3, 10),
                "leaders": rng.randint(5, 20),
            },
        ),
    )
    forum.is_demo = True
    forum.save(update_fields=["is_demo"])
    for result in selectors.forum_results(version=version):
        values: dict[str, object] = {}
        for item in result.items:
            if method == ForumMethod.SCORES:
                for group in ("villagers", "tcoc", "lao", "agencies", "leaders"):
                    first = road is not None and item.pk == road.pk
                    values[f"{item.pk}:{group}"] = 10 if first else rng.randint(3, 9)
            else:
                values[str(item.pk)] = (
                    99 if road is not None and item.pk == road.pk else rng.randint(5, 60)
                )
        services.tally_save(
            user=None,
            forum=forum,
            issue=result.issue,
            token=f"demo-{result.issue.pk}",
            values=values,
        )
    services.tambon_plan_approve(user=None, version=version)


def demo_tambon_reopen(code: str, *, forum: bool = False) -> None:
    """The tambon's plan removed and consolidated again (not reviewed); with `forum`, its
    forum held and the plan approved as the demo does."""
    tambon = Area.objects.get(code=code, level=AreaLevel.TAMBON)
    with transaction.atomic():
        Plan.objects.filter(level=PlanLevel.TAMBON, area=tambon, first_year=DEMO_YEAR).delete()
        result = services.tambon_consolidate(
            user=None, tambon=tambon, first_year=DEMO_YEAR, demo=True
        )
        Plan.objects.filter(pk=result.plan.pk).update(is_demo=True)
        if forum:
            _forum(result.version, random.Random(f"tambon:{code}"))
