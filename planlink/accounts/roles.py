"""The roles of DOMAIN.md §4, where each is held, and what each may do.

Kept as data so that access.py has no role-specific branches: a new capability is one line in
`CAPABILITIES`, and the permission matrix tests read the same table.
"""

from __future__ import annotations

from enum import StrEnum

from django.db import models
from django.utils.translation import gettext_lazy as _

from planlink.areas.models import AreaLevel


class Role(models.TextChoices):
    VILLAGE_COMMITTEE = "village_committee", _("Village committee (กม.)")
    CD_OFFICER = "cd_officer", _("Community development officer (พัฒนากร)")
    TCOC_COMMITTEE = "tcoc_committee", _("Tambon coordination centre committee (ศอช.ต.)")
    LAO_PLANNER = "lao_planner", _("Local government planner (อปท.)")
    DISTRICT_CD_OFFICE = "district_cd_office", _("District community development office")
    DISTRICT_ADMIN_OFFICE = (
        "district_admin_office",
        _("District administration office (ที่ทำการปกครองอำเภอ)"),
    )
    PROVINCIAL_CD_OFFICE = "provincial_cd_office", _("Provincial community development office")
    PROVINCIAL_PLANNING_OFFICE = "provincial_planning_office", _("Provincial planning office")
    SYSTEM_ADMIN = "system_admin", _("System administrator")


# The level of area a role is held on; None: held on a local government (LAO planner) or,
# for the system administrator, on any area or on the whole country (no area).
ROLE_LEVEL: dict[Role, AreaLevel | None] = {
    Role.VILLAGE_COMMITTEE: AreaLevel.VILLAGE,
    Role.CD_OFFICER: AreaLevel.TAMBON,
    Role.TCOC_COMMITTEE: AreaLevel.TAMBON,
    Role.LAO_PLANNER: None,
    Role.DISTRICT_CD_OFFICE: AreaLevel.DISTRICT,
    Role.DISTRICT_ADMIN_OFFICE: AreaLevel.DISTRICT,
    Role.PROVINCIAL_CD_OFFICE: AreaLevel.PROVINCE,
    Role.PROVINCIAL_PLANNING_OFFICE: AreaLevel.PROVINCE,
    Role.SYSTEM_ADMIN: None,
}


class Capability(StrEnum):
    VIEW_AREA = "view_area"
    VIEW_HISTORY = "view_history"
    IMPORT_VILLAGES = "import_villages"
    MANAGE_LOCAL_GOVERNMENTS = "manage_local_governments"
    MANAGE_ROLES = "manage_roles"
    IMPORT_EVIDENCE = "import_evidence"
    VIEW_HOUSEHOLDS = "view_households"
    EDIT_PLAN = "edit_plan"  # the village committee drafts its plan and working groups
    EDIT_TAMBON_PLAN = "edit_tambon_plan"  # the ศอช.ต. drafts the tambon community plan
    EDIT_DISTRICT_PLAN = "edit_district_plan"  # the district administration office
    EDIT_LOCAL_PLAN = "edit_local_plan"  # a local government's planner: its local plan
    REVIEW_PLAN = "review_plan"  # the tambon's officer reviews it (or returns it)
    RECORD_ASSEMBLY = "record_assembly"  # record the assembly's approval, publish
    REPORT_PROGRESS = "report_progress"  # villagers' monitoring: progress and evaluation
    SET_FRAMEWORKS = "set_frameworks"  # the province: the year's issues, calendar, media
    ASSIGN_FACILITATORS = "assign_facilitators"  # CD officers and offices: trained facilitators
    IMPORT_SOURCES = "import_sources"  # other budget sources' project lists (ผ.02, provincial …)
    DECIDE_DUPLICATES = "decide_duplicates"  # duplicate or not, across budget sources
    SEND_TO_DISTRICT = "send_to_district"  # the tambon's top items go to the district plan


_EVERYONE = frozenset({Capability.VIEW_AREA, Capability.VIEW_HISTORY})
# Household-level rows (pseudonymous) are for the people who work with those households:
# the village committee and the community development officers of the area.
_HOUSEHOLD_WORK = _EVERYONE | {Capability.VIEW_HOUSEHOLDS}
# The village committee drafts and submits its plan, records the assembly's approval and
# publishes it; the villagers' monitoring reports go through it.
_COMMITTEE = _HOUSEHOLD_WORK | {
    Capability.EDIT_PLAN,
    Capability.RECORD_ASSEMBLY,
    Capability.REPORT_PROGRESS,
}
# The tambon's community development officer reviews the plans of its villages (or returns
# them) and helps the villagers enter their progress reports.
_OFFICER = _HOUSEHOLD_WORK | {
    Capability.IMPORT_EVIDENCE,
    Capability.REVIEW_PLAN,
    Capability.REPORT_PROGRESS,
    Capability.ASSIGN_FACILITATORS,
    Capability.IMPORT_SOURCES,
    Capability.DECIDE_DUPLICATES,
    Capability.SEND_TO_DISTRICT,
}
# District and provincial CD offices run the process and supply the data: they import and
# see everything in their area, and take no step of a village's plan (the guideline gives
# each step to the village committee or the tambon's officer).
_CD_OFFICES = _HOUSEHOLD_WORK | {
    Capability.IMPORT_EVIDENCE,
    Capability.IMPORT_VILLAGES,
    Capability.MANAGE_LOCAL_GOVERNMENTS,
    Capability.ASSIGN_FACILITATORS,
    Capability.IMPORT_SOURCES,
}

CAPABILITIES: dict[Role, frozenset[Capability]] = {
    Role.VILLAGE_COMMITTEE: _COMMITTEE,
    Role.CD_OFFICER: _OFFICER,
    Role.TCOC_COMMITTEE: _EVERYONE
    | {Capability.EDIT_TAMBON_PLAN, Capability.DECIDE_DUPLICATES, Capability.SEND_TO_DISTRICT},
    Role.LAO_PLANNER: _EVERYONE | {Capability.EDIT_LOCAL_PLAN, Capability.IMPORT_SOURCES},
    Role.DISTRICT_CD_OFFICE: _CD_OFFICES,
    Role.DISTRICT_ADMIN_OFFICE: _EVERYONE
    | {Capability.EDIT_DISTRICT_PLAN, Capability.IMPORT_SOURCES, Capability.DECIDE_DUPLICATES},
    Role.PROVINCIAL_CD_OFFICE: _CD_OFFICES | {Capability.SET_FRAMEWORKS},
    Role.PROVINCIAL_PLANNING_OFFICE: _EVERYONE
    | {Capability.SET_FRAMEWORKS, Capability.IMPORT_SOURCES, Capability.DECIDE_DUPLICATES},
    Role.SYSTEM_ADMIN: frozenset(Capability),
}
