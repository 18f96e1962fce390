"""The village plan's pages: the plan and its workflow, items, monitoring and evaluation,
working groups, overviews, documents and the Excel round trip. Every view asks
accounts.access / accounts.plan_access; services enforce the same rules themselves.

An edit form sends back the edit counter of the record it was loaded from; when the service
refuses a stale save (EditConflict), the page shows the form again with what the user typed,
what is stored now (plans.conflicts) and the current counter, so saving again is a choice.
"""

from planlink.plans.views.area import (
    plans_overview,
    working_groups,
)
from planlink.plans.views.comments import comment_add, comment_resolve
from planlink.plans.views.documents import (
    version_import,
    version_pdf,
    version_xlsx,
)
from planlink.plans.views.items import (
    item_delete,
    item_edit,
    item_move,
    item_new,
    item_row,
)
from planlink.plans.views.plan import (
    plan_create,
    plan_page,
    plan_revise,
    version_transition,
)
from planlink.plans.views.progress import (
    item_page,
    report_photo,
)

__all__ = [
    "comment_add",
    "comment_resolve",
    "item_delete",
    "item_edit",
    "item_move",
    "item_new",
    "item_page",
    "item_row",
    "plan_create",
    "plan_page",
    "plan_revise",
    "plans_overview",
    "report_photo",
    "version_import",
    "version_pdf",
    "version_transition",
    "version_xlsx",
    "working_groups",
]
