"""Writes of the frameworks: what the province sets for a fiscal year (issues, calendar,
learning media) and the tambons' trained facilitators. Each service checks that the user may
act, runs atomically and is audited; `user=None` is a system process (the demo, commands)."""

from planlink.frameworks.services.calendar import calendar_copy, calendar_set, deadline_set
from planlink.frameworks.services.facilitators import (
    FacilitatorData,
    facilitator_remove,
    facilitator_save,
)
from planlink.frameworks.services.issues import (
    IssueData,
    issue_delete,
    issue_save,
    issues_copy,
)
from planlink.frameworks.services.media import MediumData, check_upload, medium_add, medium_remove
from planlink.frameworks.services.strategies import (
    FrameworkData,
    NodeData,
    framework_create,
    framework_import,
    framework_new_version,
    framework_update,
    node_delete,
    node_save,
)

__all__ = [
    "FacilitatorData",
    "FrameworkData",
    "IssueData",
    "MediumData",
    "NodeData",
    "calendar_copy",
    "calendar_set",
    "check_upload",
    "deadline_set",
    "facilitator_remove",
    "facilitator_save",
    "framework_create",
    "framework_import",
    "framework_new_version",
    "framework_update",
    "issue_delete",
    "issue_save",
    "issues_copy",
    "medium_add",
    "medium_remove",
    "node_delete",
    "node_save",
]
