"""Who may do what to a plan, through the services themselves: plan level × workflow step ×
role × own or another area. Every allowed case does what it says; every denied case raises
PermissionDenied and leaves every plan table (and its audit history) exactly as it was.

The expectations are written here from DOMAIN.md §4 (roles) and the guideline's steps, not
read from accounts.plan_access, so a change to its tables that breaks a rule fails here.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied

from planlink.accounts.models import User
from planlink.accounts.roles import Role
from planlink.accounts.services import role_grant
from planlink.areas.models import Area
from planlink.plans import lineage, services
from planlink.plans.models import LinkKind, Plan, PlanComment, PlanLevel, PlanVersion
from planlink.plans.tests.conftest import data

pytestmark = pytest.mark.django_db

YEARS = range(2570, 2573)

# actor → (role, area code) for the accounts the demo lacks; demo accounts by username.
EXTRA = {
    "committee_other": (Role.VILLAGE_COMMITTEE, "52010102"),
    "officer_other": (Role.CD_OFFICER, "520102"),
    "tcoc_other": (Role.TCOC_COMMITTEE, "520102"),
    "district_admin_other": (Role.DISTRICT_ADMIN_OFFICE, "5202"),
    "province_planning": (Role.PROVINCIAL_PLANNING_OFFICE, "52"),
}
DEMO = {
    "committee_own": "village-52010101",
    "officer_own": "officer-520101",
    "tcoc_own": "tambon-520101",
    "district_cd": "district-5201",
    "district_admin_own": "amphoe-5201",
    "province_cd": "province",
    "lao": "lao-3520101",
    "admin": "admin",
}
ACTORS = sorted([*DEMO, *EXTRA])

# The guideline gives each step of a village plan to one body (DOMAIN.md §4, seed items 2–3):
# the committee drafts and submits it, the tambon's officer reviews it or returns it, the
# committee records the village assembly's approval and publishes. District and provincial
# offices supervise: they see every step and take none.
OFFICER = {"officer_own", "admin"}
COMMITTEE = {"committee_own", "admin"}
ALLOWED: dict[str, set[str]] = {
    # village/community plan of 52010101
    "village.create": COMMITTEE,
    "village.edit": COMMITTEE,
    "village.working_group": COMMITTEE,
    "village.submit": COMMITTEE,  # draft → submitted
    "village.review": OFFICER,  # submitted → reviewed
    "village.return": OFFICER,  # submitted → draft, with a comment
    "village.reopen": OFFICER,  # reviewed → draft, with a comment
    "village.approve": COMMITTEE,  # records the village assembly's approval
    "village.publish": COMMITTEE,
    "village.revise": COMMITTEE,
    "village.facilitators": OFFICER | COMMITTEE,
    "village.comment": OFFICER | COMMITTEE,  # on the plan or an item, between the two
    "village.resolve": OFFICER | COMMITTEE,
    "village.progress": OFFICER | COMMITTEE,  # villagers' M&E, with their officer
    # tambon community plan of 520101: the ศอช.ต.
    "tambon.create": {"tcoc_own", "admin"},
    "tambon.edit": {"tcoc_own", "admin"},
    "tambon.consolidate": {"tcoc_own", "admin"},
    # District Development Plan of 5201: the district administration office
    "district.create": {"district_admin_own", "admin"},
    "district.edit": {"district_admin_own", "admin"},
    "district.select": {"district_admin_own", "admin"},
    # the district committee's approval is recorded, and the plan sent to the province and
    # revised, by its secretary: the district administration office
    "district.approve": {"district_admin_own", "admin"},
    "district.send": {"district_admin_own", "admin"},
    "district.revise": {"district_admin_own", "admin"},
}


def actor(name: str) -> User:
    if name in DEMO:
        return User.objects.get(username=DEMO[name])
    role, code = EXTRA[name]
    user = User.objects.create_user(username=f"matrix-{name}")
    role_grant(user=None, holder=user, role=role, area=Area.objects.get(code=code))
    return user


def fresh_plan(level: str, code: str) -> Plan:
    Plan.objects.filter(area_id=code, level=level).delete()
    return services.plan_create(
        user=None, area=Area.objects.get(code=code), level=level, fiscal_years=YEARS
    )


def village_version(status: str) -> PlanVersion:
    """Village 52010101's plan, with items meeting the 30 % rule, moved to `status`."""
    version = fresh_plan(PlanLevel.VILLAGE, "52010101").versions.get()
    services.items_create(
        user=None,
        version=version,
        datas=[data("ทำปุ๋ยหมักใช้เองในหมู่บ้าน", "self"), data("ขุดลอกลำเหมือง", "request")],
    )
    chain = ["submitted", "reviewed", "approved", "published"]
    for target in chain[: chain.index(status) + 1] if status in chain else []:
        version = services.version_transition(
            user=None,
            version=version,
            target=target,
            assembly_date=date(2026, 11, 20),
            attendance=90,
        )
    return version


def tambon_item() -> Any:
    version = fresh_plan(PlanLevel.TAMBON, "520101").versions.get()
    return services.item_create(user=None, version=version, data=data("ขุดลอกลำเหมือง", "request"))


def district_version(status: str) -> PlanVersion:
    """District 5201's plan with one item aligned with the provincial plan, at `status`."""
    from planlink.frameworks.models import FrameworkKind, FrameworkNode
    from planlink.integration.services import alignment, district

    version = fresh_plan(PlanLevel.DISTRICT, "5201").versions.get()
    item = services.item_create(user=None, version=version, data=data("ขุดลอกลำเหมือง", "request"))
    node = FrameworkNode.objects.filter(
        framework__kind=FrameworkKind.PROVINCE, framework__area_id="52",
        framework__first_year__lte=2570, framework__last_year__gte=2570,
    ).first()  # fmt: skip
    if node is not None:
        alignment.alignment_add(user=None, item=item, node=node)
    if status in ("approved", "published"):
        district.district_plan_approve(
            user=None, version=version, meeting_date=date(2026, 11, 20), attendance=21,
            resolution="ครั้งที่ 1/2570",
        )  # fmt: skip
    if status == "published":
        district.district_plan_send(user=None, version=version)
    return PlanVersion.objects.get(pk=version.pk)


def district_step(action: str) -> tuple[Callable[[User], Any], Callable[[], bool]]:
    from planlink.integration.services import district

    if action == "district.approve":
        version = district_version("draft")
        return (
            lambda u: district.district_plan_approve(
                user=u,
                version=version,
                meeting_date=date(2026, 11, 20),
                attendance=21,
                resolution="ครั้งที่ 1/2570",
            ),
            lambda: PlanVersion.objects.get(pk=version.pk).status == "approved",
        )
    if action == "district.send":
        version = district_version("approved")
        return (
            lambda u: district.district_plan_send(user=u, version=version),
            lambda: PlanVersion.objects.get(pk=version.pk).status == "published",
        )
    version = district_version("published")
    return (
        lambda u: services.revision_start(
            user=u, plan=version.plan, kind="amendment", reason="แก้ไขตามมติคณะกรรมการ"
        ),
        lambda: version.plan.versions.count() == 2,
    )


def act(action: str) -> tuple[Callable[[User], Any], Callable[[], bool]]:
    """(the action as `user`, did it take effect?), with the plans set up as it needs."""
    if action == "village.create":
        Plan.objects.filter(area_id="52010101").delete()
        village = Area.objects.get(code="52010101")
        return (
            lambda u: services.plan_create(
                user=u, area=village, level=PlanLevel.VILLAGE, fiscal_years=YEARS
            ),
            lambda: Plan.objects.filter(area_id="52010101").exists(),
        )
    if action in ("village.edit", "village.revise", "village.facilitators"):
        version = village_version("approved" if action == "village.revise" else "draft")
        if action == "village.edit":
            return (
                lambda u: services.item_create(
                    user=u, version=version, data=data("ฝึกอบรมอาชีพ", "self")
                ),
                lambda: version.items.count() == 3,
            )
        if action == "village.revise":
            return (
                lambda u: services.revision_start(
                    user=u, plan=version.plan, kind="addition", reason="เพิ่มโครงการ"
                ),
                lambda: version.plan.versions.count() == 2,
            )
        return (
            lambda u: services.facilitators_set(
                user=u, version=version, people=[("นางบุญมี ใจดี", "อสม.", True)]
            ),
            lambda: version.facilitators.count() == 1,
        )
    if action == "village.working_group":
        village = Area.objects.get(code="52010101")
        return (
            lambda u: services.working_group_save(user=u, area=village, name="คณะทำงานด้านน้ำ"),
            lambda: village.working_groups.filter(name="คณะทำงานด้านน้ำ").exists(),
        )
    if action in ("village.comment", "village.resolve"):
        version = village_version("submitted")
        item = version.items.first()
        if action == "village.comment":
            return (
                lambda u: services.comment_add(
                    user=u, version=version, item=item, text="งบประมาณสูงเกินไป ขอให้ทบทวน"
                ),
                lambda: version.comments.filter(item=item).exists(),
            )
        comment = services.comment_add(user=None, version=version, item=item, text="ทบทวนงบ")
        return (
            lambda u: services.comment_resolve(user=u, comment=comment),
            lambda: PlanComment.objects.get(pk=comment.pk).resolved_at is not None,
        )
    steps = {
        "village.submit": ("draft", "submitted"),
        "village.review": ("submitted", "reviewed"),
        "village.return": ("submitted", "draft"),
        "village.reopen": ("reviewed", "draft"),
        "village.approve": ("reviewed", "approved"),
        "village.publish": ("approved", "published"),
    }
    if action in steps:
        start, target = steps[action]
        version = village_version(start)
        return (
            lambda u: services.version_transition(
                user=u,
                version=version,
                target=target,
                note="ขอให้แก้ไขงบประมาณโครงการขุดลอกลำเหมือง" if target == "draft" else "",
                assembly_date=date(2026, 11, 20),
                attendance=90,
            ),
            lambda: PlanVersion.objects.get(pk=version.pk).status == target,
        )
    if action == "village.progress":
        version = village_version("approved")
        item = version.items.first()
        assert item is not None
        return (
            lambda u: services.progress_report_add(
                user=u, item=item, reported_on=date(2026, 11, 25), percent_done=40
            ),
            lambda: item.reports.count() == 1,
        )
    if action in ("district.approve", "district.send", "district.revise"):
        return district_step(action)
    level, verb = action.split(".")
    code = {"tambon": "520101", "district": "5201"}[level]
    if verb == "create":
        Plan.objects.filter(area_id=code, level=level).delete()
        area = Area.objects.get(code=code)
        return (
            lambda u: services.plan_create(user=u, area=area, level=level, fiscal_years=YEARS),
            lambda: Plan.objects.filter(area_id=code, level=level).exists(),
        )
    if verb == "edit":
        version = fresh_plan(level, code).versions.get()
        return (
            lambda u: services.item_create(
                user=u, version=version, data=data("ซ่อมแซมถนนในหมู่บ้าน", "request")
            ),
            lambda: version.items.count() == 1,
        )
    if verb == "consolidate":
        source = village_version("approved").items.first()
        target = tambon_item()
        kind = LinkKind.CONSOLIDATED_INTO
    else:  # select: a tambon item for the district plan
        source = tambon_item()
        version = fresh_plan(PlanLevel.DISTRICT, "5201").versions.get()
        target = services.item_create(
            user=None, version=version, data=data("ขุดลอกลำเหมือง", "request")
        )
        kind = LinkKind.SELECTED_FOR
    return (
        lambda u: lineage.item_link(user=u, source=source, target=target, kind=kind),
        lambda: target.lineage.links_down.filter(kind=kind).exists(),
    )


def snapshot() -> dict[str, str]:
    """Every row of every plans table and its history, digested."""
    digest = {}
    for model in apps.get_app_config("plans").get_models(include_auto_created=True):
        rows = list(model._default_manager.order_by("pk").values_list())
        digest[model._meta.label] = (
            f"{len(rows)}:" + hashlib.sha256(repr(rows).encode()).hexdigest()
        )
    return digest


@pytest.mark.parametrize("who", ACTORS)
@pytest.mark.parametrize("action", sorted(ALLOWED))
def test_plan_matrix(action: str, who: str) -> None:
    user = actor(who)
    run, happened = act(action)
    if who in ALLOWED[action]:
        run(user)
        assert happened(), f"{who} may {action}, but nothing changed"
        return
    before = snapshot()
    with pytest.raises(PermissionDenied):
        run(user)
    assert snapshot() == before, f"{who} was refused {action}, yet something changed"
    assert not happened()


def test_every_role_and_both_sides_of_the_boundary_are_in_the_matrix() -> None:
    roles = {EXTRA[a][0] for a in EXTRA} | {
        Role.VILLAGE_COMMITTEE,
        Role.CD_OFFICER,
        Role.TCOC_COMMITTEE,
        Role.DISTRICT_CD_OFFICE,
        Role.DISTRICT_ADMIN_OFFICE,
        Role.PROVINCIAL_CD_OFFICE,
        Role.LAO_PLANNER,
        Role.SYSTEM_ADMIN,
    }
    assert roles == set(Role)
    for level in ("village", "tambon", "district"):
        allowed = set().union(*(v for k, v in ALLOWED.items() if k.startswith(level)))
        assert allowed - {"admin"}, level  # someone besides the administrator acts there
        assert set(ACTORS) - allowed, level  # and someone is refused
