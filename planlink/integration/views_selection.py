"""Selecting the tambon's items for the District Development Plan and sending them; the
district's page of what has arrived (seed 5.2)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from planlink.areas import selectors as area_selectors
from planlink.areas.models import Area
from planlink.frameworks.models import ProvinceIssue
from planlink.integration import selectors
from planlink.integration.models import Sending
from planlink.integration.services import selection as service
from planlink.integration.views import _tambon, first_year_for
from planlink.plans.models import VersionStatus


def _version(tambon: Area, year: int) -> Any:
    plan = selectors.tambon_plan_of(tambon, year)
    return plan.versions.order_by("-number").first() if plan else None


@login_required
def selection_page(request: HttpRequest, code: str) -> HttpResponse:
    tambon = _tambon(request, code)
    year = first_year_for(tambon, request.GET.get("year", ""))
    version = _version(tambon, year)
    context: dict[str, Any] = {
        "area": tambon,
        "year": year,
        "version": version,
        "crumbs": area_selectors.breadcrumbs(user=request.user, area=tambon),
        "can_send": service.can_send(request.user, tambon.code),
    }
    if version is not None:
        choice = service.tambon_selection(version)
        context.update(
            choice=choice,
            approved=version.status == VersionStatus.APPROVED,
            sendings=list(Sending.objects.filter(version=version).select_related("sent_by")),
            new_selected=[r for r in choice.selected if not r.sent],
        )
    return render(request, "integration/selection.html", context)


def _selection_url(tambon: Area, year: int) -> str:
    return reverse("integration:selection", kwargs={"code": tambon.code}) + f"?year={year}"


@login_required
@require_POST
def selection_override(request: HttpRequest, code: str, issue: int) -> HttpResponse:
    tambon = _tambon(request, code)
    year = first_year_for(tambon, request.POST.get("year", ""))
    version = _version(tambon, year)
    issue_row = ProvinceIssue.objects.filter(pk=issue, province_id=tambon.code[:2]).first()
    if version is None or issue_row is None:
        raise Http404
    chosen = request.POST.getlist("chosen") if "reset" not in request.POST else []
    try:
        service.selection_override_set(
            user=request.user,
            version=version,
            issue=issue_row,
            chosen=chosen,
            reason=request.POST.get("reason", ""),
        )
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
    else:
        messages.success(
            request,
            _("The officer's choice was recorded with its reason.")
            if chosen
            else _("The issue goes back to the forum's ranks."),
        )
    return redirect(_selection_url(tambon, year) + f"#issue-{issue_row.pk}")


@login_required
@require_POST
def selection_send(request: HttpRequest, code: str) -> HttpResponse:
    tambon = _tambon(request, code)
    year = first_year_for(tambon, request.POST.get("year", ""))
    version = _version(tambon, year)
    if version is None:
        raise Http404
    try:
        sending = service.tambon_send(user=request.user, version=version)
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
    else:
        sent = sum(
            1 for rows in sending.summary.values() for r in rows if r["status"] == "selected"
        )
        messages.success(
            request,
            _("Sent to the district development plan: %(n)s items. The district sees them now.")
            % {"n": sent},
        )
    return redirect(_selection_url(tambon, year))
