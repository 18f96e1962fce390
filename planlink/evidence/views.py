from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from planlink.accounts import access
from planlink.accounts.models import User
from planlink.accounts.roles import Capability
from planlink.areas import selectors as area_selectors
from planlink.areas.models import AreaLevel
from planlink.core import jobs
from planlink.core.models import Job
from planlink.evidence import households as household_rows
from planlink.evidence.forms import FAMILY_CHOICES, EvidenceImportForm
from planlink.evidence.pack_render import family_labels, pack_charts, pack_pdf, pack_workbook
from planlink.evidence.packs import DataPack, area_pack, local_government_pack
from planlink.evidence.tasks import EVIDENCE_IMPORT
from planlink.reports.pdf import pdf_response
from planlink.reports.xlsx import xlsx_download


def _year(request: HttpRequest) -> int | None:
    value = request.GET.get("year", "")
    return int(value) if value.isdigit() else None


def _area_pack(request: HttpRequest, code: str) -> DataPack:
    area = area_selectors.area_get(user=request.user, code=code)
    return area_pack(area, year=_year(request))


def _lao_pack(request: HttpRequest, code: str) -> DataPack:
    """The local government's pack, of the covered villages the user may see only."""
    lao, villages = area_selectors.local_government_get(user=request.user, code=code)
    return local_government_pack(lao, villages=villages, year=_year(request))


# The plans app (above this one) offers the draft a problem can be added to, from its
# AppConfig.ready: evidence never imports plans.
_DRAFT_FINDERS: list[Callable[[Any, Any], Any]] = []


def offer_plan_drafts(finder: Callable[[Any, Any], Any]) -> None:
    """Register `finder(user, village)` → the village's draft plan version the user may add
    an item to from a problem on its pack page, or None."""
    if finder not in _DRAFT_FINDERS:
        _DRAFT_FINDERS.append(finder)


def _plan_draft(request: HttpRequest, area: Any) -> Any:
    """The village's draft plan version, if the user may add items to it from a problem."""
    if area is None or area.level != AreaLevel.VILLAGE:
        return None
    return next((d for f in _DRAFT_FINDERS if (d := f(request.user, area)) is not None), None)


def _page(request: HttpRequest, pack: DataPack, crumbs: list[area_selectors.Crumb]) -> HttpResponse:
    area = pack.area
    context = {
        "pack": pack,
        "crumbs": crumbs,
        "charts": pack_charts(pack),
        **family_labels(),
        "can_households": area is not None
        and area.level == AreaLevel.VILLAGE
        and access.can(request.user, Capability.VIEW_HOUSEHOLDS, area),
        "can_import": area is not None
        and area.level < AreaLevel.VILLAGE
        and access.can(request.user, Capability.IMPORT_EVIDENCE, area),
        "plan_draft": _plan_draft(request, area),
        "lao_packs": area_selectors.local_government_packs_in(user=request.user, area=area)
        if area is not None and area.level == AreaLevel.TAMBON
        else [],
    }
    return render(request, "evidence/pack.html", context)


@login_required
def area_pack_page(request: HttpRequest, code: str) -> HttpResponse:
    pack = _area_pack(request, code)
    assert pack.area is not None
    crumbs = [
        *area_selectors.breadcrumbs(user=request.user, area=pack.area),
        area_selectors.Crumb(pack.area, True),
    ]
    return _page(request, pack, crumbs)


@login_required
def lao_pack_page(request: HttpRequest, code: str) -> HttpResponse:
    pack = _lao_pack(request, code)
    lao = pack.local_government
    assert lao is not None
    crumbs = [
        *area_selectors.breadcrumbs(user=request.user, area=lao.seat),
        area_selectors.Crumb(lao.seat, access.can(request.user, Capability.VIEW_AREA, lao.seat)),
    ]
    return _page(request, pack, crumbs)


def _filename(pack: DataPack, suffix: str) -> str:
    place = pack.area.code if pack.area else f"lao-{pack.local_government.code}"  # type: ignore[union-attr]
    return f"planlink-data-pack-{place}-{pack.year or 'none'}.{suffix}"


@login_required
def area_pack_pdf(request: HttpRequest, code: str) -> HttpResponse:
    pack = _area_pack(request, code)
    return pdf_response(
        pack_pdf(pack, thai_digits=request.GET.get("digits") == "thai"), _filename(pack, "pdf")
    )


@login_required
def lao_pack_pdf(request: HttpRequest, code: str) -> HttpResponse:
    pack = _lao_pack(request, code)
    return pdf_response(
        pack_pdf(pack, thai_digits=request.GET.get("digits") == "thai"), _filename(pack, "pdf")
    )


@login_required
def area_pack_xlsx(request: HttpRequest, code: str) -> HttpResponse:
    pack = _area_pack(request, code)
    return xlsx_download(pack_workbook(pack), _filename(pack, "xlsx"))


@login_required
def lao_pack_xlsx(request: HttpRequest, code: str) -> HttpResponse:
    pack = _lao_pack(request, code)
    return xlsx_download(pack_workbook(pack), _filename(pack, "xlsx"))


@login_required
def village_households(request: HttpRequest, code: str) -> HttpResponse:
    """Pseudonymous households of one village failing an indicator: for the committee and the
    officers who plan help for them. Never names or keys, only the keyed hash."""
    area = area_selectors.area_get(
        user=request.user, code=code, capability=Capability.VIEW_HOUSEHOLDS
    )
    if area.level != AreaLevel.VILLAGE:
        raise Http404
    listing = household_rows.failing_households(
        village=area.code, year=_year(request), indicator=request.GET.get("indicator") or None
    )
    crumbs = [
        *area_selectors.breadcrumbs(user=request.user, area=area),
        area_selectors.Crumb(area, True),
    ]
    return render(
        request, "evidence/households.html", {"area": area, "listing": listing, "crumbs": crumbs}
    )


@login_required
def evidence_import_view(request: HttpRequest, code: str) -> HttpResponse:
    """An officer uploads survey data for their own area; the worker imports it while the
    job page shows progress (the officer may leave and come back)."""
    area = area_selectors.area_get(
        user=request.user, code=code, capability=Capability.IMPORT_EVIDENCE
    )
    form = EvidenceImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        path = jobs.save_upload(upload)
        family = form.cleaned_data["family"]
        assert isinstance(request.user, User)  # login_required
        job = Job.objects.create(
            kind=EVIDENCE_IMPORT,
            area=area,
            created_by=request.user,
            title=f"{dict(FAMILY_CHOICES)[family]}: {upload.name}",
            params={
                "family": family,
                "path": str(path),
                "original_name": upload.name,
                "year": form.cleaned_data["year"],
                "within": area.code,
                "drop_personal_columns": form.cleaned_data["drop_personal_columns"],
                "dry_run": form.cleaned_data["dry_run"],
            },
        )
        jobs.enqueue(job)
        return redirect("job", pk=job.pk)
    crumbs = [
        *area_selectors.breadcrumbs(user=request.user, area=area),
        area_selectors.Crumb(area, True),
    ]
    recent = Job.objects.filter(kind=EVIDENCE_IMPORT, area=area).select_related("created_by")[:10]
    return render(
        request,
        "evidence/import.html",
        {"area": area, "form": form, "crumbs": crumbs, "recent": recent},
    )
