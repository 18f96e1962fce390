"""The village plan page, creating the plan, its workflow steps and revisions."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from planlink.accounts import plan_access
from planlink.accounts.roles import Capability
from planlink.areas.models import Area
from planlink.frameworks import selectors as framework_selectors
from planlink.plans import conflicts, selectors, services
from planlink.plans.forms import (
    CommentForm,
    PlanCreateForm,
    RevisionForm,
    TransitionForm,
)
from planlink.plans.locking import EditConflict
from planlink.plans.models import (
    Plan,
    PlanLevel,
    VersionStatus,
)
from planlink.plans.views.common import (
    _crumbs,
    _plan_url,
    _refused,
    _version,
    _village,
)


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
    comments = list(version.comments.select_related("author", "item", "resolved_by"))
    open_counts: dict[int, int] = {}
    for comment in comments:
        if comment.item_id is not None and comment.resolved_at is None:
            open_counts[comment.item_id] = open_counts.get(comment.item_id, 0) + 1
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
            "can_submit": may.submit,
            "can_comment": may.comment,
            "editor": may.editor,
            "comments": comments,
            "plan_comments": [c for c in comments if c.item_id is None],
            "item_comments": [c for c in comments if c.item_id is not None],
            "open_comments": open_counts,
            "open_total": sum(open_counts.values()),
            "comment_form": CommentForm(),
            "can_review": may.review,
            # The tambon's trained facilitators, quick picks of the review form.
            "registered_facilitators": framework_selectors.facilitators_of(village.code[:6])
            if may.review
            else [],
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
    facilitators = form.facilitator_rows()
    if target == "reviewed":  # and the tambon's registered facilitators ticked on the form
        names = {name for name, _org, _trained in facilitators}
        facilitators += [
            row
            for row in framework_selectors.picked_facilitators(
                village.code[:6], request.POST.getlist("registered")
            )
            if row[0] not in names
        ]
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
            facilitators=(facilitators or None) if target == "reviewed" else None,
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
