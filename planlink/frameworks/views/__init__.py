"""The frameworks' pages: the province's issues and calendar of a year, the learning media
library and the tambons' trained facilitators."""

from planlink.frameworks.views.calendar import calendar_page
from planlink.frameworks.views.facilitators import facilitator_remove, facilitators_page
from planlink.frameworks.views.issues import issue_delete, issues_page
from planlink.frameworks.views.learning import learning_page, medium_file, medium_remove

__all__ = [
    "calendar_page",
    "facilitator_remove",
    "facilitators_page",
    "issue_delete",
    "issues_page",
    "learning_page",
    "medium_file",
    "medium_remove",
]
