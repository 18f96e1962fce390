"""Village plan pages. Thin: access through accounts.access, writes through services.

An edit form sends back the edit counter of the record it was loaded from; when the service
refuses a stale save (EditConflict), the page shows the form again with what the user typed,
what is stored now (plans.conflicts) and the current counter, so saving again is a choice."""

from __future__ import annotations

import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRedirect

from planlink.accounts import access, plan_access
from planlink.accounts.roles import Capability
from planlink.areas import selectors as area_selectors
from planlink.areas.models import Area, AreaLevel
from planlink.core.tabular import ImportRejected
from planlink.evidence.packs import area_pack
from planlink.plans import conflicts, selectors, services
from planlink.plans.engine.rules import is_overdue
from planlink.plans.forms import (
    EvaluationForm,
    ItemForm,
    PeopleForm,
    PlanCreateForm,
    ProgressForm,
    RevisionForm,
    TransitionForm,
    WorkingGroupForm,
    with_row_version,
)
from planlink.plans.locking import EditConflict
from planlink.plans.models import (
    Plan,
    PlanItem,
    PlanLevel,
    PlanVersion,
    ReportPhoto,
    VersionStatus,
    WorkingGroup,
)
from planlink.reports.pdf import pdf_response
from planlink.reports.xlsx import xlsx_download


def _village(
    request: HttpRequest, code: str, capability: Capability = Capability.VIEW_AREA
) -> Area:
    area = area_selectors.area_get(user=request.user, code=code, capability=capability)
    if area.level != AreaLevel.VILLAGE:
        raise Http404
    return area


def _require(request: HttpRequest, capability: Capability, area_code: str) -> None:
    access.require(request.user, capability, area_code)


def _refused(form: forms.Form, error: ValidationError) -> None:
    """Show a service's refusal on the form: on the field it names, else at the top."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        form.add_error(name if name in form.fields else None, errors)


def _crumbs(request: HttpRequest, area: Area) -> list[area_selectors.Crumb]:
    return [
        *area_selectors.breadcrumbs(user=request.user, area=area),
        area_selectors.Crumb(area, True),
    ]


def _problems(
    village: Area,
) -> tuple[dict[str, tuple[str, int | None, Decimal | None]], dict[str, str | None]]:
    """The village's problems as the item form links them (title, survey year, share), and
    each one's development category."""
    pack = area_pack(village, problems_only=True)
    linked = {p.key: (p.title_th, pack.year, p.share) for p in pack.problems}
    return linked, {p.key: p.category for p in pack.problems}


# --- The plan page ------------------------------------------------------------------------------


@login_required
def plan_page(request: HttpRequest, code: str) -> HttpResponse:
    return _plan_page(request, _village(request, code))


def _plan_page(
    request: HttpRequest,
    village: Area,
    *,
    wanted: str | None = None,
    refused: TransitionForm | None = None,
    conflict: conflicts.Conflict | None = None,
) -> HttpResponse:
    """The plan page; after a refused step, with what the user typed (`refused`) and what
    changed (`conflict`)."""
    plan = selectors.village_plan(user=request.user, village=village)
    can_edit = plan_access.can_create(request.user, PlanLevel.VILLAGE, village.code)
    context: dict[str, Any] = {
        "area": village,
        "crumbs": _crumbs(request, village),
        "plan": plan,
        "can_edit": can_edit,
    }
    if plan is None:
        year = timezone.localdate()
        from planlink.core.thai import fiscal_year

        first = fiscal_year(year)
        context["create_form"] = PlanCreateForm(
            initial={"first_year": first, "last_year": first + 2}
        )
        return render(request, "plans/plan.html", context)
    versions = list(plan.versions.order_by("number"))
    wanted = wanted if wanted is not None else request.GET.get("version")
    version = next(
        (v for v in versions if str(v.number) == wanted), None
    ) or selectors.current_version(plan)
    items = selectors.version_items(version)
    reliance = selectors.reliance_from_items(items)
    may = plan_access.plan_permissions(
        request.user, version, has_draft=any(v.status == VersionStatus.DRAFT for v in versions)
    )
    context.update(
        {
            "versions": versions,
            "version": version,
            "items": items,
            "groups": selectors.grouped(items),
            "reliance": reliance,
            "did": selectors.villagers_did(items),
            "editable": may.edit,
            "can_review": may.review,
            "can_return": may.return_to_draft,
            "can_approve": may.approve,
            "can_publish": may.publish,
            "can_revise": may.revise,
            "transition_form": TransitionForm(initial={"assembly_date": timezone.localdate()}),
            "revision_form": RevisionForm(),
            "today": timezone.localdate(),
            "refused": refused,
            "refused_target": refused.data.get("target") if refused is not None else None,
            "conflict": conflict,
        }
    )
    http_status = 409 if conflict else 422 if refused is not None else 200
    return render(request, "plans/plan.html", context, status=http_status)


@login_required
@require_POST
def plan_create(request: HttpRequest, code: str) -> HttpResponse:
    village = _village(request, code, Capability.EDIT_PLAN)
    if selectors.village_plan(user=request.user, village=village) is not None:
        return redirect("plans:plan", code=village.code)
    form = PlanCreateForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect("plans:plan", code=village.code)
    try:
        services.plan_create(
            user=request.user,
            area=village,
            level=PlanLevel.VILLAGE,
            fiscal_years=range(form.cleaned_data["first_year"], form.cleaned_data["last_year"] + 1),
        )
    except ValidationError as exc:  # e.g. another session created the plan a moment ago
        messages.error(request, "; ".join(exc.messages))
        return redirect("plans:plan", code=village.code)
    messages.success(request, _("The plan is created. Add its projects and activities."))
    return redirect("plans:plan", code=village.code)


# --- Items ---------------------------------------------------------------------------------------


def _version(request: HttpRequest, pk: int, capability: Capability) -> PlanVersion:
    version = get_object_or_404(PlanVersion.objects.select_related("plan__area"), pk=pk)
    _require(request, capability, version.plan.area_id)
    return version


def _item(request: HttpRequest, pk: int, capability: Capability) -> PlanItem:
    item = get_object_or_404(
        PlanItem.objects.select_related("version__plan__area", "category"), pk=pk
    )
    _require(request, capability, item.version.plan.area_id)
    return item


def _item_form_page(
    request: HttpRequest,
    version: PlanVersion,
    form: ItemForm,
    item: PlanItem | None,
    problem: tuple[str, str] | None,
    conflict: conflicts.Conflict | None = None,
    row_id: int | None = None,
) -> HttpResponse:
    village = version.plan.area
    context = {
        "area": village,
        "crumbs": _crumbs(request, village),
        "version": version,
        "form": form,
        "item": item,
        "problem": problem,
        "linked": list(item.problems.all()) if item else [],
        "unlinked": {k.removeprefix("unlink_") for k in request.POST if k.startswith("unlink_")},
        "conflict": conflict,
        "row_id": item.pk if item else row_id,  # the list row an edit in place replaces
    }
    if getattr(request, "htmx", False):
        # Edited in place in the plan's list; htmx swaps only 2xx answers, so errors come
        # back as 200 with the messages in the form.
        return render(request, "plans/partials/item_inline_form.html", context)
    status = 409 if conflict else 422 if form.errors else 200
    return render(request, "plans/item_form.html", context, status=status)


def _row_response(request: HttpRequest, item: PlanItem) -> HttpResponse:
    """The saved item's row, plus the self-reliance box refreshed out of band."""
    version = item.version
    items = selectors.version_items(version)
    fresh = next(i for i in items if i.pk == item.pk)
    context = {
        "item": fresh,
        "version": version,
        "editable": True,
        "today": timezone.localdate(),
        "reliance": selectors.reliance_from_items(items),
        "oob": True,
        "first": fresh.priority == 1,
        "last": fresh.priority == len(items),
    }
    return render(request, "plans/partials/item_row_response.html", context)


@login_required
def item_row(request: HttpRequest, pk: int) -> HttpResponse:
    """One item's row (cancelling an edit in place)."""
    item = _item(request, pk, Capability.VIEW_AREA)
    return _row_response(request, item)


@login_required
def item_new(request: HttpRequest, pk: int) -> HttpResponse:
    version = _version(request, pk, Capability.EDIT_PLAN)
    if not version.is_editable:
        raise PermissionDenied
    problems, categories = _problems(version.plan.area)
    key = request.GET.get("problem") or request.POST.get("problem_key") or ""
    problem = (key, problems[key][0]) if key in problems else None
    initial: dict[str, Any] = {
        "mode": "self",
        "funding_source": "community",
        "problem_key": key if problem else "",
    }
    if problem:
        from planlink.evidence.models import DevelopmentCategory

        category = categories.get(key)
        if category:
            initial["category"] = DevelopmentCategory.objects.filter(code=category).first()
    form = ItemForm(request.POST or None, version=version, problems=problems, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.item_create(user=request.user, version=version, data=form.item_data([]))
        except ValidationError as exc:
            _refused(form, exc)
        else:
            messages.success(request, _("Added: %(title)s") % {"title": item.title})
            if getattr(request, "htmx", False):  # an edit in place whose item was removed
                return HttpResponseClientRedirect(f"{_plan_url(version)}#item-{item.pk}")
            return redirect(f"{_plan_url(version)}#item-{item.pk}")
    return _item_form_page(request, version, form, None, problem)


def _plan_url(version: PlanVersion) -> str:
    from django.urls import reverse

    return reverse("plans:plan", kwargs={"code": version.plan.area_id})


def _item_initial(item: PlanItem) -> dict[str, Any]:
    budgets = {f"budget_{b.fiscal_year}": b.amount for b in item.budgets.all()}
    return {
        "title": item.title,
        "mode": item.mode,
        "category": item.category,
        "objective": item.objective,
        "target": item.target,
        "kpi": item.kpi,
        "expected_result": item.expected_result,
        "description": item.description,
        "funding_source": item.funding_source,
        "funding_agency": item.funding_agency,
        "working_group": item.working_group_id or "",
        "responsible_agency": item.responsible_agency,
        "status": item.status,
        "dropped_reason": item.dropped_reason,
        "contribution_cash": item.contribution_cash,
        "contribution_in_kind": item.contribution_in_kind,
        "contribution_in_kind_value": item.contribution_in_kind_value,
        "contribution_labour_days": item.contribution_labour_days,
        "start_date": item.start_date,
        "end_date": item.end_date,
        "row_version": item.row_version,
        **budgets,
    }


def _removed_item_form(request: HttpRequest, pk: int) -> HttpResponse:
    """An edit saved after someone removed the item: the form again, with what was typed,
    offering to add it as a new item (the audit history says which plan it was in)."""
    last = PlanItem.history.filter(id=pk).order_by("-history_date").first()
    if last is None:
        raise Http404
    version = _version(request, last.version_id, Capability.EDIT_PLAN)
    if not version.is_editable:
        raise PermissionDenied
    form = ItemForm(request.POST, version=version, problems=_problems(version.plan.area)[0])
    form.is_valid()  # its errors show, as on any save
    return _item_form_page(request, version, form, None, None, conflicts.conflict(None), pk)


@login_required
def item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    if request.method == "POST" and not PlanItem.objects.filter(pk=pk).exists():
        return _removed_item_form(request, pk)
    item = _item(request, pk, Capability.EDIT_PLAN)
    version = item.version
    if not version.is_editable:
        raise PermissionDenied
    form = ItemForm(
        request.POST or None,
        version=version,
        problems=_problems(version.plan.area)[0],
        initial=_item_initial(item),
        editing=True,
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        keep = [
            (p.key, p.title, p.survey_year, p.share)
            for p in item.problems.all()
            if f"unlink_{p.key}" not in request.POST
        ]
        typed = form.item_data(keep)
        try:
            services.item_update(
                user=request.user,
                item=item,
                data=typed,
                row_version=form.cleaned_data["row_version"],
            )
        except EditConflict as refused:
            current = refused.current
            if current is None:  # removed meanwhile: the form offers to add it as new
                conflict = conflicts.conflict(None)
            else:
                changes = conflicts.item_changes(form, services.item_data_of(current), typed)
                conflict = conflicts.conflict(current, changes)
                with_row_version(form, current.row_version)
                item = current
        except ValidationError as exc:
            _refused(form, exc)
        else:
            if getattr(request, "htmx", False):
                return _row_response(request, item)
            messages.success(request, _("Saved: %(title)s") % {"title": item.title})
            return redirect(f"{_plan_url(version)}#item-{item.pk}")
    return _item_form_page(request, version, form, item, None, conflict)


@login_required
@require_POST
def item_move(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(request, pk, Capability.EDIT_PLAN)
    try:
        services.item_move(
            user=request.user, item=item, step=-1 if request.POST.get("direction") == "up" else 1
        )
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
    return redirect(f"{_plan_url(item.version)}?order=priority#item-{item.pk}")


@login_required
@require_POST
def item_delete(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(request, pk, Capability.EDIT_PLAN)
    version = item.version
    loaded = request.POST.get("row_version", "")
    try:
        services.item_delete(
            user=request.user, item=item, row_version=int(loaded) if loaded.isdigit() else None
        )
    except EditConflict:
        messages.error(
            request,
            _(
                "Not removed: someone saved this item after you opened it. Look at it as it "
                "is now, then remove it if you still want to."
            ),
        )
        return redirect("plans:item_edit", pk=item.pk)
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
    else:
        messages.success(request, _("Removed: %(title)s") % {"title": item.title})
    return redirect(_plan_url(version))


# --- Workflow and revisions ------------------------------------------------------------------


@login_required
@require_POST
def version_transition(request: HttpRequest, pk: int) -> HttpResponse:
    version = _version(request, pk, Capability.VIEW_AREA)
    target = request.POST.get("target", "")
    if target not in plan_access.STATES[version.plan.level]:
        raise Http404
    # Checked from the status the page showed: if the plan moved since, the service says so.
    shown = request.POST.get("from_status") or version.status
    if not plan_access.can_step_from(request.user, version.plan, shown, target):
        raise PermissionDenied
    form = TransitionForm(request.POST)
    village = version.plan.area
    if not form.is_valid():  # e.g. a citizen ID in the note: shown on the field, kept
        return _plan_page(request, village, wanted=str(version.number), refused=form)
    data = form.cleaned_data
    try:
        services.version_transition(
            user=request.user,
            version=version,
            target=target,
            override_reason=data["override_reason"],
            note=data["note"],
            assembly_date=data["assembly_date"],
            attendance=data["attendance"],
            households=data["households"],
            facilitators=(form.facilitator_rows() or None) if target == "reviewed" else None,
            from_status=data["from_status"] or None,
            row_version=data["row_version"],
        )
    except EditConflict as moved:
        current = moved.current
        typed = [
            (str(form.fields[name].label), data[name])
            for name in ("note", "override_reason", "facilitators")
            if data[name]
        ]
        conflict = conflicts.conflict(
            current,
            wanted=VersionStatus(target).label,
            shown=VersionStatus(data["from_status"] or version.status).label,
            now=current.get_status_display() if current else "—",
            typed=typed,
        )
        return _plan_page(
            request, village, wanted=str(version.number), refused=form, conflict=conflict
        )
    except ValidationError as exc:
        _refused(form, exc)
        return _plan_page(request, village, wanted=str(version.number), refused=form)
    messages.success(
        request, _("The plan is now: %(status)s") % {"status": VersionStatus(target).label}
    )
    return redirect(f"{_plan_url(version)}?version={version.number}")


@login_required
@require_POST
def plan_revise(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(Plan.objects.select_related("area"), pk=pk)
    plan_access.require_revise(request.user, plan)
    form = RevisionForm(request.POST)
    if form.is_valid():
        try:
            draft = services.revision_start(
                user=request.user,
                plan=plan,
                kind=form.cleaned_data["kind"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            messages.error(request, "; ".join(exc.messages))
        else:
            messages.success(request, _("%(label)s started as a draft.") % {"label": draft.label})
    elif "reason" in form.errors and form.data.get("reason", "").strip():
        messages.error(request, " ".join(str(e) for e in form.errors["reason"]))
    else:
        messages.error(request, _("Say why the plan changes."))
    return redirect("plans:plan", code=plan.area_id)


# --- Items' monitoring and evaluation -----------------------------------------------------------


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
    }
    failed = any(f.errors for f in (progress_form, evaluation_form, monitors_form))
    status = 409 if conflict else 422 if failed else 200
    return render(request, "plans/item.html", context, status=status)


# --- Working groups ------------------------------------------------------------------------------


@login_required
def working_groups(request: HttpRequest, code: str) -> HttpResponse:
    village = _village(request, code)
    can_edit = plan_access.can_create(request.user, PlanLevel.VILLAGE, village.code)
    editing = None
    form = None
    conflict = None
    if can_edit:
        group_id = request.GET.get("edit") or request.POST.get("group")
        editing = (
            WorkingGroup.objects.filter(area=village, pk=group_id).first() if group_id else None
        )
        if group_id and editing is None:
            raise Http404
        initial = (
            {
                "name": editing.name,
                "people": _people(editing.members.all()),
                "row_version": editing.row_version,
            }
            if editing
            else {}
        )
        form = WorkingGroupForm(request.POST or None, initial=initial, editing=editing is not None)
        if request.method == "POST" and form.is_valid():
            try:
                services.working_group_save(
                    user=request.user,
                    area=village,
                    name=form.cleaned_data["name"],
                    members=form.pairs(),
                    group=editing,
                    row_version=form.cleaned_data.get("row_version"),
                )
            except EditConflict as refused:
                current = refused.current
                if current is None:  # groups are not removed; a forged id lands here
                    raise Http404 from refused
                label = {name: str(f.label) for name, f in form.fields.items()}
                conflict = conflicts.conflict(
                    current,
                    conflicts.compare(
                        [
                            (label["name"], current.name, form.cleaned_data["name"].strip()),
                            (
                                label["people"],
                                _people(current.members.all()),
                                conflicts.people_text(form.pairs()),
                            ),
                        ]
                    ),
                )
                with_row_version(form, current.row_version)
                editing = current
            except ValidationError as exc:
                _refused(form, exc)
            else:
                messages.success(request, _("Working group saved."))
                return redirect("plans:working_groups", code=village.code)
    elif request.method == "POST":
        raise PermissionDenied
    groups = WorkingGroup.objects.filter(area=village).prefetch_related("members")
    status = 409 if conflict else 422 if form is not None and form.errors else 200
    return render(
        request,
        "plans/working_groups.html",
        {
            "area": village,
            "crumbs": _crumbs(request, village),
            "groups": groups,
            "form": form,
            "editing": editing,
            "can_edit": can_edit,
            "conflict": conflict,
        },
        status=status,
    )


# --- Overview for tambon, district and province --------------------------------------------------


@login_required
def plans_overview(request: HttpRequest, code: str) -> HttpResponse:
    area = area_selectors.area_get(user=request.user, code=code)
    if area.level == AreaLevel.VILLAGE:
        return redirect("plans:plan", code=area.code)
    data = selectors.overview(user=request.user, area=area, today=timezone.localdate())
    from planlink.plans.models import PlanSettings

    return render(
        request,
        "plans/overview.html",
        {
            "area": area,
            "crumbs": _crumbs(request, area),
            "overview": data,
            "threshold": PlanSettings.current().self_reliance_threshold,
        },
    )


# --- Documents and the Excel round trip ----------------------------------------------------------


@login_required
def version_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    version = _version(request, pk, Capability.VIEW_AREA)
    from planlink.plans.excel import plan_workbook

    blank = request.GET.get("blank") == "1"
    name = f"plan-{version.plan.area_id}-v{version.number}{'-template' if blank else ''}.xlsx"
    return xlsx_download(plan_workbook(version, blank=blank), name)


@login_required
def version_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    version = _version(request, pk, Capability.VIEW_AREA)
    from planlink.plans.documents import plan_pdf

    pdf = plan_pdf(version, thai_digits=request.GET.get("digits") == "thai")
    return pdf_response(pdf, f"plan-{version.plan.area_id}-v{version.number}.pdf")


@login_required
def version_import(request: HttpRequest, pk: int) -> HttpResponse:
    version = _version(request, pk, Capability.EDIT_PLAN)
    from planlink.plans.excel import plan_import

    problems = None
    total = 0
    if request.method == "POST" and request.FILES.get("file"):
        upload = request.FILES.getlist("file")[0]
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "upload"
            with path.open("wb") as handle:
                for chunk in upload.chunks():
                    handle.write(chunk)
            try:
                outcome = plan_import(
                    user=request.user, version=version, path=path, original_name=upload.name
                )
            except ImportRejected as rejected:
                problems, total = rejected.problems, rejected.total
            else:
                messages.success(
                    request,
                    _("Imported: %(c)s added, %(u)s changed, %(d)s removed.")
                    % {"c": outcome.created, "u": outcome.updated, "d": outcome.deleted},
                )
                return redirect(_plan_url(version))
    village = version.plan.area
    return render(
        request,
        "plans/import.html",
        {
            "area": village,
            "crumbs": _crumbs(request, village),
            "version": version,
            "problems": problems,
            "total_problems": total,
        },
        status=422 if problems else 200,
    )


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


_PHOTO_TYPES = {"jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "webp": "image/webp"}
