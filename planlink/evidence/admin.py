from django.contrib import admin, messages
from django.utils.translation import gettext as _
from simple_history.admin import SimpleHistoryAdmin

from planlink.evidence.models import (
    BmnImport,
    DevelopmentCategory,
    Indicator,
    IndicatorEdition,
    ProblemSettings,
)
from planlink.evidence.tasks import problems_refresh_later


@admin.register(DevelopmentCategory)
class DevelopmentCategoryAdmin(SimpleHistoryAdmin):  # type: ignore[misc]
    """The one vocabulary of ด้าน shared by problems and plan items."""

    list_display = ("order", "code", "name_th", "name_en", "is_active")
    list_display_links = ("code",)
    list_editable = ("order", "name_th", "name_en", "is_active")


class IndicatorInline(admin.TabularInline[Indicator, IndicatorEdition]):
    model = Indicator
    fields = (
        "order",
        "code",
        "category_th",
        "text_th",
        "unit",
        "threshold",
        "development_category",
    )
    extra = 0


class ReanalysesProblems:
    """Stored problems carry the thresholds, indicator texts and categories: a change here
    has every area analysed again (in the background, see tasks.problems_refresh_later)."""

    def save_related(self, request, form, formsets, change):  # type: ignore[no-untyped-def]
        super().save_related(request, form, formsets, change)  # type: ignore[misc]
        problems_refresh_later()
        messages.info(request, _("The problems of every area are being analysed again."))


@admin.register(IndicatorEdition)
class IndicatorEditionAdmin(ReanalysesProblems, admin.ModelAdmin[IndicatorEdition]):
    list_display = ("family", "code", "name_th", "first_year", "last_year")
    list_filter = ("family",)
    inlines = [IndicatorInline]


@admin.register(ProblemSettings)
class ProblemSettingsAdmin(ReanalysesProblems, admin.ModelAdmin[ProblemSettings]):
    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return not ProblemSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(BmnImport)
class BmnImportAdmin(SimpleHistoryAdmin):  # type: ignore[misc]
    """Imports are made by the importer; the admin only looks."""

    list_display = ("year", "scope", "source_name", "households", "villages", "status", "is_demo")
    list_filter = ("year", "status", "is_demo")
    readonly_fields = [f.name for f in BmnImport._meta.fields]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False
