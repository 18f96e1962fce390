"""The frameworks' pages: the province's issues and calendar of a year, the strategy
frameworks and their trees, the learning media library and the tambons' trained
facilitators."""

from planlink.frameworks.views.calendar import calendar_page
from planlink.frameworks.views.facilitators import facilitator_remove, facilitators_page
from planlink.frameworks.views.issues import issue_delete, issues_page
from planlink.frameworks.views.learning import learning_page, medium_file, medium_remove
from planlink.frameworks.views.strategies import (
    strategies_page,
    strategy_node_delete,
    strategy_page,
    strategy_sample,
    strategy_xlsx,
)

__all__ = [
    "calendar_page",
    "facilitator_remove",
    "facilitators_page",
    "issue_delete",
    "issues_page",
    "learning_page",
    "medium_file",
    "medium_remove",
    "strategies_page",
    "strategy_node_delete",
    "strategy_page",
    "strategy_sample",
    "strategy_xlsx",
]
