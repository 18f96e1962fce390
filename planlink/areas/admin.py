from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from planlink.areas.models import Area, Coverage, LocalGovernment


@admin.register(Area)
class AreaAdmin(SimpleHistoryAdmin):  # type: ignore[misc]
    list_display = ("code", "name_th", "name_en", "level", "moo", "is_demo")
    list_filter = ("level", "is_demo", "source")
    search_fields = ("code", "name_th", "name_en")
    raw_id_fields = ("parent",)


class CoverageInline(admin.TabularInline[Coverage, LocalGovernment]):
    model = Coverage
    raw_id_fields = ("village",)
    extra = 0


@admin.register(LocalGovernment)
class LocalGovernmentAdmin(SimpleHistoryAdmin):  # type: ignore[misc]
    list_display = ("code", "name_th", "kind", "seat", "is_demo")
    list_filter = ("kind", "is_demo")
    search_fields = ("code", "name_th")
    raw_id_fields = ("seat",)
    inlines = [CoverageInline]
