"""Who may do what to a plan — the one place it is decided.

A plan has a level (village, tambon, district, local) and an area; a user may act on it when
a role of theirs covers the area and carries the capability that the table below gives the
action at that level. The tables:

- `EDIT`: who drafts a plan of each level (its items, working groups, facilitators);
- `STEPS`: the workflow of each level, (level, from, to) → capability;
- `REVISE_FROM`: the statuses a revision may start from;
- `PROGRESS`: who reports progress on a plan's items (villagers' M&E);
- `LINKS`: which levels a link of each kind joins, and which side's editor makes it.

Views ask `plan_permissions(user, version)` what to show; services call `require_*`
themselves, so a service called by a user who may not act raises `PermissionDenied` and
changes nothing. `user=None` is a system process (a management command, the demo), never a
request's user: it may do anything the rules of the plan allow.

Levels and statuses are the plain strings of plans.models (PlanLevel, VersionStatus,
LinkKind); this module does not import the plans app.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied

from planlink.accounts import access
from planlink.accounts.roles import Capability

VILLAGE, TAMBON, DISTRICT, LOCAL = "village", "tambon", "district", "local"
DRAFT, SUBMITTED, REVIEWED = "draft", "submitted", "reviewed"
APPROVED, PUBLISHED = "approved", "published"

# The area level (areas.AreaLevel) a plan of each level belongs to; local plans come with the
# import of local governments' plans (they are not created here).
AREA_LEVEL: dict[str, int] = {VILLAGE: 4, TAMBON: 3, DISTRICT: 2}

EDIT: dict[str, Capability] = {
    VILLAGE: Capability.EDIT_PLAN,  # the village committee
    TAMBON: Capability.EDIT_TAMBON_PLAN,  # the ศอช.ต. (tambon coordination centre)
    DISTRICT: Capability.EDIT_DISTRICT_PLAN,  # the district administration office
    LOCAL: Capability.EDIT_LOCAL_PLAN,  # the local government's planner
}

STATES: dict[str, tuple[str, ...]] = {
    VILLAGE: (DRAFT, SUBMITTED, REVIEWED, APPROVED, PUBLISHED),
    TAMBON: (DRAFT, APPROVED),  # approved by the tambon civic forum (ประชาคมตำบล)
    DISTRICT: (DRAFT, APPROVED, PUBLISHED),  # approved by the district committee, sent up
    LOCAL: (DRAFT,),
}

STEPS: dict[tuple[str, str, str], Capability] = {
    # Village plan (seed items 2–3, DOMAIN.md §4): the village committee drafts the plan and
    # submits it to the tambon's community development officer (พัฒนากร), who reviews it with
    # the facilitators or returns it to the committee with comments (also after reviewing,
    # should the review need to be taken back). The plan is approved by the village assembly
    # (ประชาคมหมู่บ้าน): the committee records the assembly's date and attendance, then
    # publishes it. District and provincial offices see every step and take none: no role
    # above the tambon holds REVIEW_PLAN or RECORD_ASSEMBLY (accounts.roles).
    (VILLAGE, DRAFT, SUBMITTED): Capability.EDIT_PLAN,
    (VILLAGE, SUBMITTED, DRAFT): Capability.REVIEW_PLAN,
    (VILLAGE, SUBMITTED, REVIEWED): Capability.REVIEW_PLAN,
    (VILLAGE, REVIEWED, DRAFT): Capability.REVIEW_PLAN,
    (VILLAGE, REVIEWED, APPROVED): Capability.RECORD_ASSEMBLY,
    (VILLAGE, APPROVED, PUBLISHED): Capability.RECORD_ASSEMBLY,
    # Tambon community plan (seed item 5): the ศอช.ต. consolidates and reviews it, and records
    # the tambon civic forum that ranks its items and approves it (integration.services.forum).
    (TAMBON, DRAFT, APPROVED): Capability.EDIT_TAMBON_PLAN,
    # District Development Plan (seed item 5): the district administration office, secretary
    # of the district committee (อ.ก.อ./กบอ.), records the committee's approval (meeting date,
    # members present, resolution number: integration.services.district) and sends the
    # approved plan to the province.
    (DISTRICT, DRAFT, APPROVED): Capability.EDIT_DISTRICT_PLAN,
    (DISTRICT, APPROVED, PUBLISHED): Capability.EDIT_DISTRICT_PLAN,
}

# The review step of each level (its reviewer also records the facilitators and comments).
REVIEW_STEP: dict[str, tuple[str, str]] = {VILLAGE: (SUBMITTED, REVIEWED)}

REVISE_FROM: dict[str, tuple[str, ...]] = {
    VILLAGE: (APPROVED, PUBLISHED),
    DISTRICT: (APPROVED, PUBLISHED),  # numbered revisions of the approved district plan
}

PROGRESS: dict[str, Capability] = {VILLAGE: Capability.REPORT_PROGRESS}


@dataclass(frozen=True)
class LinkRule:
    sources: tuple[str, ...]  # plan levels of the item that went up
    targets: tuple[str, ...]  # plan levels of the item it went into
    made_by: str  # "target": the target plan's editor (in its draft); "either": either one
    nested: bool  # the source plan's area lies inside the target plan's


LINKS: dict[str, LinkRule] = {
    "consolidated_into": LinkRule((VILLAGE,), (TAMBON,), "target", nested=True),
    "selected_for": LinkRule((TAMBON,), (DISTRICT,), "target", nested=True),
    "adopted_by": LinkRule((VILLAGE, TAMBON), (LOCAL,), "target", nested=False),
    "aligned_with": LinkRule(
        (VILLAGE, TAMBON, DISTRICT, LOCAL), (TAMBON, DISTRICT, LOCAL), "target", nested=False
    ),
    "duplicate_of": LinkRule(
        (VILLAGE, TAMBON, DISTRICT, LOCAL), (VILLAGE, TAMBON, DISTRICT, LOCAL), "either", False
    ),
}


def _can(user: Any, capability: Capability, area_code: str) -> bool:
    return user is None or access.can(user, capability, area_code)


def _denied(en: str, th: str) -> PermissionDenied:
    return PermissionDenied(f"{th} / {en}")


# --- Plans -----------------------------------------------------------------------------------


def can_create(user: Any, level: str, area_code: str) -> bool:
    return level in AREA_LEVEL and _can(user, EDIT[level], area_code)


def require_create(user: Any, level: str, area_code: str) -> None:
    if not can_create(user, level, area_code):
        raise _denied(
            f"you may not create a {level} plan of area {area_code}",
            f"คุณไม่มีสิทธิ์จัดทำแผนระดับนี้ของพื้นที่ {area_code}",
        )


def can_edit(user: Any, version: Any) -> bool:
    """Draft the plan: only a draft version, only its level's editor."""
    plan = version.plan
    return version.status == DRAFT and _can(user, EDIT[plan.level], plan.area_id)


def require_edit(user: Any, version: Any) -> None:
    """The plan's editor (that the version is a draft, the caller's service checks and says)."""
    if not _can(user, EDIT[version.plan.level], version.plan.area_id):
        raise _denied("you may not edit this plan", "คุณไม่มีสิทธิ์แก้ไขแผนนี้")


def can_set_facilitators(user: Any, plan: Any) -> bool:
    """The process facilitators of a review: recorded by the plan's editor or its reviewer."""
    return _can(user, EDIT[plan.level], plan.area_id) or is_reviewer(user, plan)


def require_set_facilitators(user: Any, plan: Any) -> None:
    if not can_set_facilitators(user, plan):
        raise _denied(
            "you may not record this plan's facilitators", "คุณไม่มีสิทธิ์บันทึกวิทยากรกระบวนการของแผนนี้"
        )


def reviewer_capability(level: str) -> Capability | None:
    step = REVIEW_STEP.get(level)
    return STEPS.get((level, *step)) if step else None


def is_reviewer(user: Any, plan: Any) -> bool:
    """Holds the review step's capability on the plan's area (the tambon's officer)."""
    review = reviewer_capability(plan.level)
    return review is not None and _can(user, review, plan.area_id)


def can_comment(user: Any, plan: Any) -> bool:
    """Comments on a plan and its items: between its editor and its reviewer."""
    return _can(user, EDIT[plan.level], plan.area_id) or is_reviewer(user, plan)


def require_comment(user: Any, plan: Any) -> None:
    if not can_comment(user, plan):
        raise _denied("you may not comment on this plan", "คุณไม่มีสิทธิ์แสดงความเห็นในแผนนี้")


def step_capability(level: str, current: str, target: str) -> Capability | None:
    return STEPS.get((level, current, target))


def can_step(user: Any, version: Any, target: str) -> bool:
    return can_step_from(user, version.plan, version.status, target)


def can_step_from(user: Any, plan: Any, current: str, target: str) -> bool:
    capability = step_capability(plan.level, current, target)
    return capability is not None and _can(user, capability, plan.area_id)


def require_step(user: Any, version: Any, target: str) -> None:
    require_step_from(user, version.plan, version.status, target)


def require_step_from(user: Any, plan: Any, current: str, target: str) -> None:
    """`current`: the status the step starts from (as the user's page showed it)."""
    if step_capability(plan.level, current, target) is None:
        raise _denied(
            f"{current} → {target} is not a step of a {plan.level} plan",
            "ขั้นตอนนี้ไม่มีในการจัดทำแผนระดับนี้",
        )
    if not can_step_from(user, plan, current, target):
        raise _denied(
            f"you may not move this plan from {current} to {target}",
            "คุณไม่มีสิทธิ์ดำเนินการขั้นตอนนี้ของแผน",
        )


def can_revise(user: Any, version: Any, *, has_draft: bool) -> bool:
    plan = version.plan
    return (
        not has_draft
        and version.status in REVISE_FROM.get(plan.level, ())
        and _can(user, EDIT[plan.level], plan.area_id)
    )


def require_revise(user: Any, plan: Any) -> None:
    if plan.level not in REVISE_FROM or not _can(user, EDIT[plan.level], plan.area_id):
        raise _denied("you may not revise this plan", "คุณไม่มีสิทธิ์จัดทำแผนเพิ่มเติม/แก้ไข")


def can_report_progress(user: Any, plan: Any) -> bool:
    capability = PROGRESS.get(plan.level)
    return capability is not None and _can(user, capability, plan.area_id)


def require_report_progress(user: Any, plan: Any) -> None:
    if not can_report_progress(user, plan):
        raise _denied("you may not report progress on this plan", "คุณไม่มีสิทธิ์รายงานความก้าวหน้าของแผนนี้")


@dataclass(frozen=True)
class PlanPermissions:
    """What one user may do to one plan version, as the plan page shows it."""

    view: bool
    edit: bool  # items, working groups, Excel import — the draft only
    submit: bool  # draft → submitted (the committee hands it to the officer)
    review: bool  # submitted → reviewed
    return_to_draft: bool  # submitted/reviewed → draft, with comments
    comment: bool  # on the plan and its items
    approve: bool  # reviewed → approved (the assembly's approval recorded)
    publish: bool  # approved → published
    revise: bool  # start an addition/amendment
    report_progress: bool
    editor: bool  # holds the plan's edit capability (whatever the version's status)

    @property
    def steps(self) -> frozenset[str]:
        """The statuses this user may move the version to."""
        return frozenset(
            status
            for status, allowed in (
                (SUBMITTED, self.submit),
                (REVIEWED, self.review),
                (DRAFT, self.return_to_draft),
                (APPROVED, self.approve),
                (PUBLISHED, self.publish),
            )
            if allowed
        )


def plan_permissions(user: Any, version: Any, *, has_draft: bool | None = None) -> PlanPermissions:
    """`has_draft`: whether the plan has a draft version (read from the database if None)."""
    plan = version.plan
    if has_draft is None:
        has_draft = plan.versions.filter(status=DRAFT).exists()
    editor = _can(user, EDIT[plan.level], plan.area_id)
    return PlanPermissions(
        view=_can(user, Capability.VIEW_AREA, plan.area_id),
        edit=editor and version.status == DRAFT,
        submit=can_step(user, version, SUBMITTED),
        review=can_step(user, version, REVIEWED),
        return_to_draft=version.status != DRAFT and can_step(user, version, DRAFT),
        comment=editor or is_reviewer(user, plan),
        approve=can_step(user, version, APPROVED),
        publish=can_step(user, version, PUBLISHED),
        revise=can_revise(user, version, has_draft=has_draft),
        report_progress=can_report_progress(user, plan),
        editor=editor,
    )


# --- Links between items of different plans ----------------------------------------------------


def link_problems(kind: str, source_plan: Any, target_plan: Any) -> list[str]:
    """What is wrong with linking an item of `source_plan` to one of `target_plan` (English;
    empty when the link is one the guideline has)."""
    rule = LINKS.get(kind)
    if rule is None:
        return [f"unknown link kind {kind!r}"]
    problems = []
    if source_plan.pk == target_plan.pk:
        problems.append("both items are of the same plan")
    if source_plan.level not in rule.sources or target_plan.level not in rule.targets:
        problems.append(
            f"a {kind} link goes from a {'/'.join(rule.sources)} plan to a "
            f"{'/'.join(rule.targets)} plan, not from {source_plan.level} to {target_plan.level}"
        )
    if rule.nested and not source_plan.area_id.startswith(target_plan.area_id):
        problems.append(f"area {source_plan.area_id} is not inside {target_plan.area_id}")
    return problems


def can_link(user: Any, kind: str, source: Any, target: Any) -> bool:
    """`source`, `target`: plan items (with `version.plan`)."""
    rule = LINKS.get(kind)
    if rule is None:
        return False
    if not _can(user, Capability.VIEW_AREA, source.version.plan.area_id):
        return False
    if rule.made_by == "target":
        return can_edit(user, target.version)
    return any(
        _can(user, EDIT[item.version.plan.level], item.version.plan.area_id)
        for item in (source, target)
    )


def require_link(user: Any, kind: str, source: Any, target: Any) -> None:
    if not can_link(user, kind, source, target):
        raise _denied(
            "you may not link these items (the plan that takes the item must be your draft)",
            "คุณไม่มีสิทธิ์เชื่อมโยงรายการนี้ (ต้องเป็นร่างแผนที่คุณรับผิดชอบ)",
        )


def visible_plan_areas(user: Any, area_codes: Iterable[str], *, above: bool = False) -> set[str]:
    """Which of `area_codes` the user may see plans of; with `above`, also the plans of the
    areas holding the user's own (the district plan a tambon's item went into)."""
    return {
        code
        for code in area_codes
        if _can(user, Capability.VIEW_AREA, code) or (above and access.can_view_meeting(user, code))
    }
