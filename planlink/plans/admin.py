from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from planlink.plans.models import Plan, PlanSettings, PlanVersion, WorkingGroup


@admin.register(PlanSettings)
class PlanSettingsAdmin(admin.ModelAdmin[PlanSettings]):
    """The self-reliance threshold (30 % by default) and the photo size limit."""

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return not PlanSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


class VersionInline(admin.TabularInline[PlanVersion, Plan]):
    model = PlanVersion
    fields = ("number", "kind", "status", "assembly_date", "assembly_attendance")
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(Plan)
class PlanAdmin(SimpleHistoryAdmin):  # type: ignore[misc]
    """Plans are edited on their pages (where the rules apply); the admin looks."""

    list_display = ("title", "area", "level", "first_year", "last_year", "is_demo")
    list_filter = ("level", "is_demo")
    search_fields = ("title", "area__code", "area__name_th")
    readonly_fields = ("area", "level", "first_year", "last_year", "is_demo")
    inlines = [VersionInline]


@admin.register(WorkingGroup)
class WorkingGroupAdmin(SimpleHistoryAdmin):  # type: ignore[misc]
    list_display = ("name", "village", "kind")
    search_fields = ("name", "village__code")
    raw_id_fields = ("village",)
