"""An area's planning pages: the village's working groups, the overview of plans below an area."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from planlink.accounts import plan_access
from planlink.areas import selectors as area_selectors
from planlink.areas.models import AreaLevel
from planlink.plans import conflicts, selectors, services
from planlink.plans.forms import (
    WorkingGroupForm,
    with_row_version,
)
from planlink.plans.locking import EditConflict
from planlink.plans.models import (
    PlanLevel,
    WorkingGroup,
)
from planlink.plans.views.common import (
    _crumbs,
    _refused,
    _village,
)
from planlink.plans.views.progress import (
    _people,
)


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
