"""The duplicate check's pages: the candidates of a tambon or district, a decision on one
pair, and the section of a plan item's page listing its own candidates."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from planlink.accounts import access
from planlink.areas import selectors as area_selectors
from planlink.areas.models import AreaLevel
from planlink.integration import proposals
from planlink.integration.models import DuplicateVerdict, Proposal
from planlink.integration.services import duplicates as service
from planlink.plans.models import Plan, PlanLevel


def _years(area_code: str, level: str, wanted: str = "") -> tuple[int, int] | None:
    """The window the check looks at: the area's plan's (the one asked for, else the latest)."""
    plans = Plan.objects.filter(area_id=area_code, level=level).order_by("-first_year")
    if wanted.isdigit():
        plans = plans.filter(first_year=int(wanted))
    plan = plans.first()
    return (plan.first_year, plan.last_year) if plan else None


class Side:
    """One side of a pair, as the page shows it."""

    def __init__(self, proposal: Proposal) -> None:
        self.p = proposal
        self.title = proposal.title
        self.label = proposal.source_label
        self.origin = proposal.get_origin_display()
        self.years = (
            str(proposal.first_year)
            if proposal.first_year == proposal.last_year
            else f"{proposal.first_year}–{proposal.last_year}"
        )
        self.budget = proposal.budget
        self.url = ""
        if proposal.item_id:
            self.url = f"/plans/items/{proposal.item_id}/"
        elif proposal.source_list_id:
            self.url = f"/sources/{proposal.source_list_id}/"


def _rows(request: HttpRequest, found: list[service.Found], inside: str) -> list[dict[str, Any]]:
    rows = []
    for f in found:
        a_in = f.a.area_code.startswith(inside) and f.a.origin in ("village", "tambon", "district")
        mine, other = (f.a, f.b) if a_in else (f.b, f.a)
        rows.append(
            {
                "found": f,
                "mine": Side(mine),
                "other": Side(other),
                "can_decide": service.can_decide(request.user, f.a, f.b),
                "anchor": f"pair-{abs(hash((f.a.key, f.b.key))) % 10**10}",
            }
        )
    return rows


@login_required
def area_duplicates(request: HttpRequest, code: str) -> HttpResponse:
    area = area_selectors.area_get(user=request.user, code=code)
    if area.level not in (AreaLevel.TAMBON, AreaLevel.DISTRICT):
        raise Http404
    level = PlanLevel.TAMBON if area.level == AreaLevel.TAMBON else PlanLevel.DISTRICT
    years = _years(area.code, level, request.GET.get("year", ""))
    found = service.check_area(area.code, years)
    show = request.GET.get("show", "undecided")
    undecided = [f for f in found if not f.decided]
    shown = undecided if show == "undecided" else found
    return render(
        request,
        "integration/duplicates.html",
        {
            "area": area,
            "years": years,
            "rows": _rows(request, shown, area.code),
            "total": len(found),
            "undecided": len(undecided),
            "duplicates": sum(1 for f in found if f.is_duplicate),
            "show": show,
            "crumbs": area_selectors.breadcrumbs(user=request.user, area=area),
            "next": request.get_full_path(),
            "has_sources": Proposal.objects.filter(proposals.around(area.code))
            .exclude(origin__in=("village", "tambon", "district"))
            .exists(),
        },
    )


def _next(request: HttpRequest, default: str) -> str:
    wanted = request.POST.get("next", "")
    if wanted and url_has_allowed_host_and_scheme(wanted, allowed_hosts={request.get_host()}):
        return wanted
    return default


@login_required
@require_POST
def duplicate_decide(request: HttpRequest) -> HttpResponse:
    key_a, key_b = request.POST.get("a", ""), request.POST.get("b", "")
    verdict = request.POST.get("verdict", "")
    back = _next(request, "/")
    try:
        service.duplicate_decide(
            user=request.user,
            key_a=key_a,
            key_b=key_b,
            verdict=verdict,
            reason=request.POST.get("reason", ""),
        )
    except PermissionDenied:
        raise
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
        return redirect(back)
    if verdict == DuplicateVerdict.DUPLICATE:
        messages.success(
            request,
            _("Recorded as a duplicate: the item will not go up to the district."),
        )
    else:
        messages.success(request, _("Recorded as not a duplicate, with the reason."))
    return redirect(back)


def item_candidates_panel(request: HttpRequest, item: Any) -> SafeString | None:
    """The plan item page's section: the projects of other sources it may duplicate."""
    plan = item.version.plan
    if plan.level not in ("village", "tambon", "district"):
        return None
    key = proposals.item_key(item.lineage_id)
    found = service.check_area(plan.area_id, (plan.first_year, plan.last_year), focus={key})
    if not found and not access.can_view_meeting(request.user, plan.area_id):
        return None
    rows = _rows(request, found, plan.area_id)
    return SafeString(
        render_to_string(
            "integration/partials/item_duplicates.html",
            {"rows": rows, "next": request.get_full_path(), "item": item},
            request=request,
        )
    )
