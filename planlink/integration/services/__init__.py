"""Writes of the tambon level: consolidation of the village plans, the ศอช.ต.'s review, the
civic forum and the hand-off to local governments. Each takes the acting user, refuses one
who may not act (accounts.plan_access) and records who did what, when and why."""

from planlink.integration.services.consolidation import (
    ConsolidationResult,
    Sources,
    tambon_consolidate,
    tambon_items,
    tambon_plan_for,
    tambon_sources,
)

__all__ = [
    "ConsolidationResult",
    "Sources",
    "tambon_consolidate",
    "tambon_items",
    "tambon_plan_for",
    "tambon_sources",
]
from planlink.integration.services.review import (
    refresh_from_sources,
    tambon_item_accept,
    tambon_item_add,
    tambon_item_drop,
    tambon_item_file,
    tambon_item_rename,
    tambon_item_restore,
    tambon_item_split,
    tambon_items_merge,
)

__all__ += [
    "refresh_from_sources",
    "tambon_item_accept",
    "tambon_item_add",
    "tambon_item_drop",
    "tambon_item_file",
    "tambon_item_rename",
    "tambon_item_restore",
    "tambon_item_split",
    "tambon_items_merge",
]
from planlink.integration.services.forum import (  # noqa: E402
    ForumData,
    TallyResult,
    ballot_remove,
    forum_record,
    issue_items,
    tally_save,
    tambon_plan_approve,
)

__all__ += [
    "ForumData",
    "TallyResult",
    "ballot_remove",
    "forum_record",
    "issue_items",
    "tally_save",
    "tambon_plan_approve",
]

# The hand-off to local governments: what each did with the tambon items handed to it.
from planlink.integration.services.adoption import (  # noqa: E402
    adoption_record,
    can_record,
    plan_years_clean,
)

__all__ += ["adoption_record", "can_record", "plan_years_clean"]

# A tambon plan made outside planlink, imported from XLSX/CSV into its draft (seed item 5.2).
from planlink.integration.services.tambon_import import (  # noqa: E402
    TambonImportOutcome,
    tambon_plan_import,
)

__all__ += ["TambonImportOutcome", "tambon_plan_import"]
