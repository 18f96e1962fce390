"""A draft's items: add, edit, move, remove (htmx rows and the item form)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRedirect

from planlink.accounts.roles import Capability
from planlink.plans import conflicts, selectors, services
from planlink.plans.forms import (
    ItemForm,
    with_row_version,
)
from planlink.plans.locking import EditConflict
from planlink.plans.models import (
    PlanItem,
    PlanVersion,
)
from planlink.plans.views.common import (
    _crumbs,
    _item,
    _plan_url,
    _problems,
    _refused,
    _version,
)


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
