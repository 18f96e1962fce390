"""The admin looks at plans of every level; what it changes goes through the services (so the
rules — who may, which level on which area, lineage of items — hold there too)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from planlink.plans import lineage, services
from planlink.plans.models import (
    ItemLink,
    LinkKind,
    Plan,
    PlanItem,
    PlanSettings,
    PlanVersion,
    WorkingGroup,
)


@admin.register(PlanSettings)
class PlanSettingsAdmin(admin.ModelAdmin[PlanSettings]):
    """The self-reliance threshold (30 % by default), the photo size limit and the budget
    above which a ทำเอง item in an imported plan file is warned about (50,000 baht)."""

    fields = ("self_reliance_threshold", "photo_max_bytes", "self_done_budget_ceiling")

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


class PlanCreateForm(forms.ModelForm[Plan]):
    user: Any = None  # set on the class admin builds for each request

    class Meta:
        model = Plan
        fields = ("area", "level", "first_year", "last_year", "title")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["title"].required = False
        self.fields[
            "title"
        ].help_text = "เว้นว่าง: ใช้ชื่อมาตรฐานตามระดับแผน พื้นที่ และปี / empty: the standard title"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        try:
            services.plan_check(
                user=self.user,
                area=data["area"],
                level=data["level"],
                fiscal_years=range(data["first_year"], data["last_year"] + 1),
                title=data.get("title", ""),
            )
        except PermissionDenied as exc:
            raise ValidationError(str(exc) or "you may not create this plan") from exc
        return data


@admin.register(Plan)
class PlanAdmin(SimpleHistoryAdmin):  # type: ignore[misc]
    """Plans of every level. A new plan is made by plan_create (the area must be of the
    plan's level, the window free); after that, plans are edited on their pages."""

    list_display = ("title", "area", "level", "first_year", "last_year", "is_demo")
    list_filter = ("level", "is_demo")
    search_fields = ("title", "area__code", "area__name_th")
    raw_id_fields = ("area",)
    inlines = [VersionInline]

    def get_readonly_fields(self, request: HttpRequest, obj: Plan | None = None) -> Any:
        return ("area", "level", "first_year", "last_year", "is_demo") if obj else ()

    def get_inlines(self, request: HttpRequest, obj: Plan | None = None) -> Any:
        return self.inlines if obj else []  # the original version is made with the plan

    def get_form(self, request: HttpRequest, obj: Plan | None = None, **kwargs: Any) -> Any:
        if obj is not None:
            return super().get_form(request, obj, **kwargs)
        form = super().get_form(request, obj, form=PlanCreateForm, **kwargs)
        form.user = request.user
        return form

    def save_model(self, request: HttpRequest, obj: Plan, form: Any, change: bool) -> None:
        if change:
            super().save_model(request, obj, form, change)
            return
        created = services.plan_create(
            user=request.user,
            area=obj.area,
            level=obj.level,
            fiscal_years=range(obj.first_year, obj.last_year + 1),
            title=obj.title,
        )
        obj.pk = created.pk
        obj.refresh_from_db()


class LinkForm(forms.ModelForm[ItemLink]):
    user: Any = None
    source_item = forms.ModelChoiceField(
        PlanItem.objects.all(), widget=forms.NumberInput, label="source item (id)"
    )
    target_item = forms.ModelChoiceField(
        PlanItem.objects.all(), widget=forms.NumberInput, label="target item (id)"
    )

    class Meta:
        model = ItemLink
        fields = ("kind", "reason")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        try:
            lineage.link_check(
                user=self.user,
                source=data["source_item"],
                target=data["target_item"],
                kind=LinkKind(data["kind"]),
            )
        except PermissionDenied as exc:
            raise ValidationError(str(exc) or "you may not link these items") from exc
        return data


@admin.register(ItemLink)
class ItemLinkAdmin(SimpleHistoryAdmin):  # type: ignore[misc]
    """Links between items of different plans; made and removed through plans.lineage."""

    list_display = ("source", "kind", "target", "created_by", "created_at")
    list_filter = ("kind",)
    readonly_fields = ("source", "target", "created_by", "created_at")

    def get_form(self, request: HttpRequest, obj: ItemLink | None = None, **kwargs: Any) -> Any:
        if obj is not None:
            return super().get_form(request, obj, **kwargs)
        form = super().get_form(request, obj, form=LinkForm, **kwargs)
        form.user = request.user
        return form

    def get_readonly_fields(self, request: HttpRequest, obj: ItemLink | None = None) -> Any:
        return (*self.readonly_fields, "kind", "reason") if obj else ()

    def save_model(self, request: HttpRequest, obj: ItemLink, form: Any, change: bool) -> None:
        if change:
            return
        data = form.cleaned_data
        link = lineage.item_link(
            user=request.user,
            source=data["source_item"],
            target=data["target_item"],
            kind=LinkKind(data["kind"]),
            reason=data["reason"],
        )
        obj.pk = link.pk
        obj.refresh_from_db()

    def delete_model(self, request: HttpRequest, obj: ItemLink) -> None:
        lineage.item_unlink(user=request.user, link=obj)


@admin.register(WorkingGroup)
class WorkingGroupAdmin(SimpleHistoryAdmin):  # type: ignore[misc]
    list_display = ("name", "area", "kind")
    search_fields = ("name", "area__code")
    raw_id_fields = ("area",)
