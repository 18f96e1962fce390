"""The trained process facilitators of the tambons: everyone who may see an area reads its
tambons' list; the community development officers and offices of the area keep it."""

from __future__ import annotations

from itertools import groupby

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from planlink.accounts import access
from planlink.accounts.roles import Capability
from planlink.areas import selectors as area_selectors
from planlink.areas.models import Area, AreaLevel
from planlink.core.collation import ThaiCollate
from planlink.frameworks import selectors, services
from planlink.frameworks.forms import FacilitatorForm
from planlink.frameworks.models import TrainedFacilitator


def _tambons(user: object, area: Area) -> list[Area]:
    """The tambons a facilitator may be registered with from this page by `user`."""
    if area.level >= AreaLevel.TAMBON:
        tambon = area if area.level == AreaLevel.TAMBON else area.parent
        return [tambon] if tambon and selectors.can_assign_facilitators(user, tambon) else []
    if not access.roots(user, Capability.ASSIGN_FACILITATORS):
        return []
    return list(
        access.filter_areas(
            user,
            Area.objects.filter(code__startswith=area.code, level=AreaLevel.TAMBON),
            Capability.ASSIGN_FACILITATORS,
        ).order_by(ThaiCollate("name_th"), "code")
    )


def _url(code: str) -> str:
    return reverse("frameworks:facilitators", args=[code])


@login_required
def facilitators_page(request: HttpRequest, code: str) -> HttpResponse:
    area = area_selectors.area_get(user=request.user, code=code)
    rows = selectors.facilitators_under(user=request.user, code=area.code)
    tambons = _tambons(request.user, area)
    choices = [(t.code, t.display_name) for t in tambons]
    editing = None
    wanted = request.GET.get("edit") or request.POST.get("facilitator") or ""
    if wanted:
        editing = next((f for f in rows if str(f.pk) == wanted), None)
        if editing is None:
            raise Http404
    form = None
    if tambons:
        initial = (
            {
                "tambon": editing.tambon_id,
                "name": editing.name,
                "organisation": editing.organisation,
                "course": editing.course,
                "trained_on": editing.trained_on,
                "active": editing.active,
            }
            if editing
            else {"active": True}
        )
        form = FacilitatorForm(initial=initial, tambons=choices)
    status = 200
    if request.method == "POST":
        if not tambons:
            raise PermissionDenied
        form = FacilitatorForm(request.POST, tambons=choices)
        if form.is_valid():
            d = form.cleaned_data
            tambon = next(t for t in tambons if t.code == d["tambon"])
            if editing is not None and editing.tambon_id != tambon.code:
                raise PermissionDenied  # moving a facilitator: remove and add again
            try:
                saved = services.facilitator_save(
                    user=request.user,
                    tambon=tambon,
                    facilitator=editing,
                    data=services.FacilitatorData(
                        name=d["name"],
                        organisation=d["organisation"],
                        course=d["course"],
                        trained_on=d["trained_on"],
                        active=d["active"],
                    ),
                )
            except ValidationError as exc:
                if hasattr(exc, "error_dict"):
                    for name, errors in exc.error_dict.items():
                        text = "; ".join(m for e in errors for m in e.messages)
                        form.add_error(name if name in form.fields else None, text)
                else:
                    form.add_error(None, "; ".join(exc.messages))
            else:
                messages.success(request, _("Saved: %(name)s") % {"name": saved.name})
                return redirect(_url(area.code) + f"#t-{saved.tambon_id}")
        status = 422
    assignable = {t.code for t in tambons}
    groups = [(tambon, list(people)) for tambon, people in groupby(rows, key=lambda f: f.tambon)]
    return render(
        request,
        "frameworks/facilitators.html",
        {
            "area": area,
            "groups": groups,
            "count": len(rows),
            "active": sum(1 for f in rows if f.active),
            "assignable": assignable,
            "form": form,
            "editing": editing,
            "crumbs": [
                *area_selectors.breadcrumbs(user=request.user, area=area),
                area_selectors.Crumb(area, True),
            ],
        },
        status=status,
    )


@login_required
@require_POST
def facilitator_remove(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    area = area_selectors.area_get(user=request.user, code=code)
    facilitator = get_object_or_404(
        TrainedFacilitator.objects.select_related("tambon"),
        pk=pk,
        tambon__code__startswith=area.code[:6],
    )
    if not selectors.can_assign_facilitators(request.user, facilitator.tambon):
        raise PermissionDenied
    services.facilitator_remove(user=request.user, facilitator=facilitator)
    messages.success(request, _("Removed: %(name)s") % {"name": facilitator.name})
    return redirect(_url(area.code))
