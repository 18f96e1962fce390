"""What the plan pages share: finding the village, version or item the user may see, breadcrumbs,
the village's problems, showing a service's refusal on a form."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from planlink.accounts import access
from planlink.accounts.roles import Capability
from planlink.areas import selectors as area_selectors
from planlink.areas.models import Area, AreaLevel
from planlink.evidence.packs import area_pack
from planlink.plans.models import (
    PlanItem,
    PlanVersion,
)


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


def _plan_url(version: PlanVersion) -> str:
    from django.urls import reverse

    return reverse("plans:plan", kwargs={"code": version.plan.area_id})


def plan_page_url(version: PlanVersion) -> str:
    """The page of a version's plan: a village plan's own page, a tambon plan's page of the
    tambon level (the integration app, found by its URL name)."""
    from django.urls import reverse

    if version.plan.level == "tambon":
        url = reverse("integration:tambon_plan", kwargs={"code": version.plan.area_id})
        return f"{url}?year={version.plan.first_year}"
    return f"{_plan_url(version)}?version={version.number}"


_PHOTO_TYPES = {"jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "webp": "image/webp"}
