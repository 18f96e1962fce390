"""Writes of plans: create, edit items, reorder, move through the workflow, revise, report
progress. Each takes the acting user (recorded in the audit trail) and refuses one who may
not act (accounts.plan_access: PermissionDenied, nothing changed); `user=None` is a system
process (a command, the demo).

Edits of a record take the `row_version` the form was loaded with and refuse a stale one with
`EditConflict` (see plans.locking); writes that depend on the order of a version's items lock
the version first. Free text never holds a citizen ID (plans.freetext).

The services live by subject in this package (plans, workflow, items, monitoring); import them
from here."""

from planlink.plans.services.common import DEFAULT_GROUPS, PHOTO_TYPES, PlanLocked
from planlink.plans.services.items import (
    ItemData,
    item_create,
    item_data_of,
    item_delete,
    item_move,
    item_status_set,
    item_update,
    items_create,
    items_reorder,
)
from planlink.plans.services.monitoring import evaluation_save, monitors_set, progress_report_add
from planlink.plans.services.plans import (
    LEVEL_TITLES,
    plan_check,
    plan_create,
    working_group_save,
    working_groups_ensure,
)
from planlink.plans.services.workflow import (
    StatusMoved,
    comment_add,
    comment_resolve,
    facilitators_set,
    reliance_of,
    revision_start,
    version_transition,
)

__all__ = [
    "DEFAULT_GROUPS",
    "LEVEL_TITLES",
    "PHOTO_TYPES",
    "ItemData",
    "PlanLocked",
    "StatusMoved",
    "comment_add",
    "comment_resolve",
    "evaluation_save",
    "facilitators_set",
    "item_create",
    "item_data_of",
    "item_delete",
    "item_move",
    "item_status_set",
    "item_update",
    "items_create",
    "items_reorder",
    "monitors_set",
    "plan_check",
    "plan_create",
    "progress_report_add",
    "reliance_of",
    "revision_start",
    "version_transition",
    "working_group_save",
    "working_groups_ensure",
]
