"""The hand-off of tambon community plans to local governments (อปท.) and what each adopted
(thin: the access module decides who sees what, the adoption service who records)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from planlink.accounts import access
from planlink.accounts.roles import Capability
from planlink.areas import selectors as area_selectors
from planlink.areas.models import Area, AreaLevel, Coverage, LocalGovernment
from planlink.integration import services
from planlink.integration.handoff import (
    Handoff,
    HandoffRow,
    handoff_pdf,
    handoff_workbook,
    handoffs,
    latest_tambon_plans,
)
from planlink.integration.models import AdoptionStatus
from planlink.plans.models import PlanItem
from planlink.reports.pdf import pdf_response
from planlink.reports.xlsx import xlsx_download

FORMS = ("ผ.02", "ผ.02/1", "ผ.02/2", "ผ.03")


def _lao_crumbs(request: HttpRequest, lao: LocalGovernment) -> list[area_selectors.Crumb]:
    return [
        *area_selectors.breadcrumbs(user=request.user, area=lao.seat),
        area_selectors.Crumb(lao.seat, access.can(request.user, Capability.VIEW_AREA, lao.seat)),
    ]


def _pack_url(request: HttpRequest, tambon_code: str, lao: LocalGovernment) -> str:
    """The tambon's data pack where the user may open it, else the local government's own."""
    if access.can(request.user, Capability.VIEW_AREA, tambon_code):
        return reverse("evidence:pack", args=[tambon_code])
    return reverse("evidence:lao_pack", args=[lao.code])


_FIELDS = ("status", "plan_years", "form", "project_number", "forwarded_to", "reason")


def _values(row: HandoffRow, posted: QueryDict | None) -> dict[str, str]:
    """What the decision form of a row shows: what was just sent (when it was refused), else
    the decision recorded."""
    if posted is not None:
        return {name: str(posted.get(name, "")) for name in _FIELDS}
    a = row.adoption
    return {name: str(getattr(a, name, "") or "") for name in _FIELDS}


def _lao_page(
    request: HttpRequest,
    code: str,
    *,
    errors: dict[int, dict[str, list[str]]] | None = None,
    posted: dict[int, QueryDict] | None = None,
    status: int = 200,
) -> HttpResponse:
    lao, villages = area_selectors.local_government_get(user=request.user, code=code)
    tambon_codes = sorted({v[:6] for v in villages.visible})
    tambons = list(Area.objects.filter(code__in=tambon_codes).order_by("code"))
    plans = latest_tambon_plans(tambon_codes)
    found = handoffs(local_governments=[lao], covered={lao.code: villages.visible}, plans=plans)
    sections = [
        {
            "handoff": h,
            "values": {r.item.pk: _values(r, (posted or {}).get(r.item.pk)) for r in h.rows},
            "can_record": services.can_record(request.user, lao, h.tambon.code),
            "viewable": access.can(request.user, Capability.VIEW_AREA, h.tambon),
            "pack_url": _pack_url(request, h.tambon.code, lao),
        }
        for h in found
    ]
    return render(
        request,
        "integration/handoff_lao.html",
        {
            "lao": lao,
            "villages": villages,
            "sections": sections,
            "single": len(sections) == 1,
            "unplanned": [t for t in tambons if t.code not in plans],
            "tambon_count": len(tambons),
            "handed": sum(len(h.rows) for h in found),
            "waiting": sum(h.counts["waiting"] for h in found),
            "statuses": AdoptionStatus.choices,
            "forms": FORMS,
            "errors": errors or {},
            "posted": posted or {},
            "crumbs": _lao_crumbs(request, lao),
        },
        status=status,
    )


@login_required
def lao_tambon_plans(request: HttpRequest, lg_code: str) -> HttpResponse:
    return _lao_page(request, lg_code)


@login_required
@require_POST
def adopt(request: HttpRequest, lg_code: str, pk: int) -> HttpResponse:
    lao, _villages = area_selectors.local_government_get(user=request.user, code=lg_code)
    item = get_object_or_404(PlanItem.objects.select_related("version__plan"), pk=pk)
    try:
        services.adoption_record(
            user=request.user,
            item=item,
            local_government=lao,
            status=request.POST.get("status", ""),
            plan_years=request.POST.get("plan_years", ""),
            form=request.POST.get("form", ""),
            project_number=request.POST.get("project_number", ""),
            forwarded_to=request.POST.get("forwarded_to", ""),
            reason=request.POST.get("reason", ""),
        )
    except ValidationError as exc:
        found = exc.message_dict if hasattr(exc, "error_dict") else {"general": exc.messages}
        found["general"] = found.pop("__all__", []) + found.get("general", [])
        messages.error(request, _("The decision was not saved: see the item below."))
        return _lao_page(
            request, lg_code, errors={item.pk: found}, posted={item.pk: request.POST}, status=422
        )
    messages.success(request, _("Decision saved: %(title)s") % {"title": item.title})
    url = reverse("integration:handoff_lao", args=[lao.code])
    return redirect(f"{url}#item-{item.pk}")


def _one(request: HttpRequest, lg_code: str, tambon_code: str) -> tuple[Handoff, str]:
    """One tambon's hand-off to one local government, of the villages the user may see."""
    lao, villages = area_selectors.local_government_get(user=request.user, code=lg_code)
    visible = frozenset(v for v in villages.visible if v[:6] == tambon_code)
    plans = latest_tambon_plans([tambon_code]) if visible else {}
    if not plans:
        raise Http404
    found = handoffs(local_governments=[lao], covered={lao.code: visible}, plans=plans)
    return found[0], request.build_absolute_uri(_pack_url(request, tambon_code, lao))


def _filename(handoff: Handoff, suffix: str) -> str:
    return (
        f"handoff-{handoff.tambon.code}-{handoff.plan.first_year}-"
        f"{handoff.local_government.code}.{suffix}"
    )


@login_required
def handoff_xlsx(request: HttpRequest, lg_code: str, tambon_code: str) -> HttpResponse:
    handoff, pack_url = _one(request, lg_code, tambon_code)
    return xlsx_download(handoff_workbook(handoff, pack_url=pack_url), _filename(handoff, "xlsx"))


@login_required
def handoff_pdf_view(request: HttpRequest, lg_code: str, tambon_code: str) -> HttpResponse:
    handoff, pack_url = _one(request, lg_code, tambon_code)
    pdf = handoff_pdf(handoff, pack_url=pack_url, thai_digits=request.GET.get("digits") == "thai")
    return pdf_response(pdf, _filename(handoff, "pdf"))


@login_required
def tambon_handoff(request: HttpRequest, code: str) -> HttpResponse:
    """Per local government covering the tambon: what it was handed and what it decided."""
    tambon = area_selectors.area_get(user=request.user, code=code)
    if tambon.level != AreaLevel.TAMBON:
        raise Http404
    plans = latest_tambon_plans([tambon.code])
    laos = [lao for lao, _n in area_selectors.local_governments_in(area=tambon)]
    covered: dict[str, set[str]] = {lao.code: set() for lao in laos}
    for lao_code, village in Coverage.objects.filter(
        local_government__in=list(covered), village__code__startswith=tambon.code
    ).values_list("local_government_id", "village_id"):
        covered[lao_code].add(village)
    found = handoffs(
        local_governments=laos,
        covered={k: frozenset(v) for k, v in covered.items()},
        plans=plans,
    )
    rows: list[dict[str, Any]] = [
        {
            "handoff": h,
            "viewable": access.can_view_local_government(request.user, h.local_government),
        }
        for h in found
    ]
    return render(
        request,
        "integration/handoff_summary.html",
        {
            "area": tambon,
            "plan": plans.get(tambon.code),
            "rows": rows,
            "laos": laos,
            "crumbs": [
                *area_selectors.breadcrumbs(user=request.user, area=tambon),
                area_selectors.Crumb(tambon, True),
            ],
        },
    )
