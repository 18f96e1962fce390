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
    for n, tambon in enumerate(todo, start=1):
        rng = random.Random(f"tambon:{tambon.code}")
        with transaction.atomic():
            result = services.tambon_consolidate(
                user=None, tambon=tambon, first_year=DEMO_YEAR, demo=True
            )
            Plan.objects.filter(pk=result.plan.pk).update(is_demo=True)
            consolidated += 1
            held = tambon.code == OWN_TAMBON or rng.random() < FORUM_SHARE
            if held and result.created:
                _forum(result.version, rng)
                forums += 1
        if progress:
            progress(n, len(todo))
    return consolidated, forums


def _forum(version, rng: random.Random) -> None:  # type: ignore[no-untyped-def]
    """Review done, items filed, forum held and tallied, plan approved."""
    issues = list(ProvinceIssue.objects.filter(province_id="52", fiscal_year=DEMO_YEAR))
    if not issues:
        return
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
                    values[f"{item.pk}:{group}"] = rng.randint(3, 10)
            else:
                values[str(item.pk)] = rng.randint(5, 60)
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
