"""An item's page: villagers' progress reports, photos, the monitoring team, the evaluation."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from planlink.accounts import plan_access
from planlink.accounts.roles import Capability
from planlink.plans import conflicts, lineage, services
from planlink.plans.engine.rules import is_overdue
from planlink.plans.forms import (
    EvaluationForm,
    PeopleForm,
    ProgressForm,
    with_row_version,
)
from planlink.plans.locking import EditConflict
from planlink.plans.models import (
    ReportPhoto,
    VersionStatus,
)
from planlink.plans.panels import item_panels
from planlink.plans.views.common import (
    _PHOTO_TYPES,
    _crumbs,
    _item,
    _refused,
    _require,
    plan_page_url,
)


def _evaluation_initial(evaluation: Any) -> dict[str, Any]:
    if evaluation is None:
        return {"evaluated_on": timezone.localdate(), "row_version": 0}
    return {
        "evaluated_on": evaluation.evaluated_on,
        "kpi_reached": "1" if evaluation.kpi_reached else "0",
        "satisfaction": str(evaluation.satisfaction),
        "lessons": evaluation.lessons,
        "row_version": evaluation.row_version,
    }


def _evaluation_conflict(form: EvaluationForm, current: Any) -> conflicts.Conflict:
    d = form.cleaned_data
    label = {name: str(f.label) for name, f in form.fields.items()}
    yes_no = {"True": _("yes"), "False": _("no")}
    changes = conflicts.compare(
        [
            (label["evaluated_on"], current.evaluated_on if current else None, d["evaluated_on"]),
            (label["kpi_reached"], current.kpi_reached if current else None, d["kpi_reached"]),
            (label["satisfaction"], current.satisfaction if current else None, d["satisfaction"]),
            (label["lessons"], current.lessons if current else None, d["lessons"]),
        ],
        {label["kpi_reached"]: yes_no},
    )
    return conflicts.conflict(current, changes)


def _people(pairs: Any) -> str:
    return conflicts.people_text((m.name, m.role) for m in pairs)


@login_required
def item_page(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(request, pk, Capability.VIEW_AREA)
    village = item.version.plan.area
    can_report = plan_access.can_report_progress(
        request.user, item.version.plan
    ) and item.version.status in (VersionStatus.APPROVED, VersionStatus.PUBLISHED)
    progress_form = ProgressForm(initial={"reported_on": timezone.localdate()})
    evaluation = getattr(item, "evaluation", None)
    evaluation_form = EvaluationForm(initial=_evaluation_initial(evaluation))
    monitors_form = PeopleForm(
        initial={"people": _people(item.monitors.all()), "row_version": item.monitors_version}
    )
    conflict: dict[str, conflicts.Conflict] = {}
    if request.method == "POST":
        if not can_report:
            raise PermissionDenied
        which = request.POST.get("form")
        if which == "progress":
            progress_form = ProgressForm(request.POST, request.FILES)
            if progress_form.is_valid():
                d = progress_form.cleaned_data
                photos = [(f, d.get("caption") or "") for f in d.get("photos") or []]
                try:
                    services.progress_report_add(
                        user=request.user,
                        item=item,
                        reported_on=d["reported_on"],
                        percent_done=d["percent_done"],
                        money_spent=d.get("money_spent") or Decimal(0),
                        contribution_cash=d.get("contribution_cash") or Decimal(0),
                        contribution_labour_days=d.get("contribution_labour_days") or Decimal(0),
                        note=d["note"],
                        photos=photos,
                    )
                except ValidationError as exc:
                    _refused(progress_form, exc)
                else:
                    messages.success(request, _("Progress recorded."))
                    return redirect("plans:item", pk=item.pk)
        elif which == "evaluation":
            evaluation_form = EvaluationForm(request.POST)
            if evaluation_form.is_valid():
                d = evaluation_form.cleaned_data
                try:
                    services.evaluation_save(
                        user=request.user,
                        item=item,
                        evaluated_on=d["evaluated_on"],
                        kpi_reached=d["kpi_reached"],
                        satisfaction=d["satisfaction"],
                        lessons=d["lessons"],
                        row_version=d["row_version"],
                    )
                except EditConflict as refused:
                    current = refused.current
                    conflict["evaluation"] = _evaluation_conflict(evaluation_form, current)
                    with_row_version(evaluation_form, current.row_version if current else 0)
                    evaluation = current
                except ValidationError as exc:
                    _refused(evaluation_form, exc)
                else:
                    messages.success(request, _("Evaluation saved."))
                    return redirect("plans:item", pk=item.pk)
        elif which == "monitors":
            monitors_form = PeopleForm(request.POST)
            if monitors_form.is_valid():
                try:
                    services.monitors_set(
                        user=request.user,
                        item=item,
                        people=monitors_form.pairs(),
                        monitors_version=monitors_form.cleaned_data["row_version"],
                    )
                except EditConflict as refused:
                    current = refused.current
                    stored = _people(current.monitors.all()) if current else ""
                    typed = conflicts.people_text(monitors_form.pairs())
                    conflict["monitors"] = conflicts.Conflict(
                        changes=conflicts.compare(
                            [(str(monitors_form.fields["people"].label), stored, typed)]
                        ),
                        removed=current is None,
                    )
                    if current is not None:
                        with_row_version(monitors_form, current.monitors_version)
                except ValidationError as exc:
                    _refused(monitors_form, exc)
                else:
                    messages.success(request, _("Monitoring team saved."))
                    return redirect("plans:item", pk=item.pk)
    context = {
        "area": village,
        "crumbs": _crumbs(request, village),
        "item": item,
        "reports": item.reports.prefetch_related("photos").order_by("-reported_on", "-id"),
        "evaluation": evaluation,
        "can_report": can_report,
        "progress_form": progress_form,
        "evaluation_form": evaluation_form,
        "monitors_form": monitors_form,
        "conflict": conflict,
        "overdue": is_overdue(item.end_date, item.status, timezone.localdate()),
        "comments": list(item.comments.select_related("author", "resolved_by")),
        "can_comment": plan_access.can_comment(request.user, item.version.plan),
        "editable": item.version.status == VersionStatus.DRAFT
        and plan_access.can_edit(request.user, item.version),
        "plan_url": plan_page_url(item.version),
        "went": lineage.lineage_up(user=request.user, item=item),
        "came_from": lineage.lineage_down(user=request.user, item=item),
        "panels": item_panels(request, item),
    }
    failed = any(f.errors for f in (progress_form, evaluation_form, monitors_form))
    status = 409 if conflict else 422 if failed else 200
    return render(request, "plans/item.html", context, status=status)


@login_required
def report_photo(request: HttpRequest, pk: int) -> FileResponse:
    """A progress photo, for those who may see the village (never a public media URL)."""
    photo = get_object_or_404(
        ReportPhoto.objects.select_related("report__item__version__plan"), pk=pk
    )
    _require(request, Capability.VIEW_AREA, photo.report.item.version.plan.area_id)
    response = FileResponse(
        photo.image.open("rb"),
        content_type=_PHOTO_TYPES.get(
            (photo.image.name or "").rsplit(".", 1)[-1].lower(), "application/octet-stream"
        ),
    )
    response["Cache-Control"] = "private, max-age=3600"
    return response
