from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from planlink.frameworks.models import ProvinceIssue


@admin.register(ProvinceIssue)
class ProvinceIssueAdmin(SimpleHistoryAdmin):  # type: ignore[misc]
    list_display = ("province", "fiscal_year", "number", "title", "items_up", "is_demo")
    list_filter = ("fiscal_year", "is_demo")
    search_fields = ("title", "strategy")
