"""The province's calendar of a year: everyone in the province reads it, the provincial
offices set it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from planlink.areas import selectors as area_selectors
from planlink.areas.models import Area, AreaLevel
from planlink.core.thai import fiscal_year, fiscal_year_bounds
from planlink.frameworks import selectors, services
from planlink.frameworks.calendar import order_problems, step_state
from planlink.frameworks.forms import CalendarForm, CopyForm
from planlink.frameworks.models import STEP_SHORT, STEP_TAKEN_BY, Step
from planlink.frameworks.views.issues import _year


def _url(code: str, year: int) -> str:
    return f"{reverse('frameworks:calendar', args=[code])}?year={year}"


# Who does each step, as the page says it.
_WHO = {
    Step.VILLAGE_REVIEW: gettext_lazy(
        "the tambon's community development officer, with the facilitators"
    ),
    Step.TAMBON_CONSOLIDATION: gettext_lazy("the ศอช.ต., from the villages' plans"),
    Step.TAMBON_FORUM: gettext_lazy("the ศอช.ต. with partner agencies and local government"),
    Step.DISTRICT_SUBMISSION: gettext_lazy(
        "the ศอช.ต. and the district community development office"
    ),
}


@login_required
def calendar_page(request: HttpRequest, code: str) -> HttpResponse:
    """The deadlines of the province that `code` lies in, for one fiscal year."""
    area = area_selectors.area_get(user=request.user, code=code)
    province = get_object_or_404(Area, code=selectors.province_code(area.code))
    year = _year(request)
    can_set = selectors.can_set(request.user, province.code)
    if request.method == "POST":
        if not can_set:
            raise PermissionDenied
        if request.POST.get("action") == "copy":
            copy = CopyForm(request.POST)
            if copy.is_valid():
                try:
                    n = services.calendar_copy(
                        user=request.user,
                        province=province,
                        from_year=copy.cleaned_data["from_year"],
                        to_year=year,
                    )
                except ValidationError as exc:
                    messages.error(request, "; ".join(exc.messages))
                else:
                    messages.success(request, _("%(n)s deadlines copied.") % {"n": n})
            return redirect(_url(area.code, year))
        form = CalendarForm(request.POST)
        if form.is_valid():
            try:
                services.calendar_set(
                    user=request.user, province=province, fiscal_year=year, dates=form.dates()
                )
            except ValidationError as exc:
                form.add_error(None, "; ".join(exc.messages))
            else:
                messages.success(request, _("Calendar saved."))
                return redirect(_url(area.code, year))
        status = 422
    else:
        form = None
        status = 200
    deadlines = selectors.deadlines_for(province=province.code, fiscal_year=year)
    by_step = {d.step: d for d in deadlines}
    if can_set and form is None:
        initial: dict[str, object] = {}
        for d in deadlines:
            initial[f"{d.step}_due"] = d.due_on
            initial[f"{d.step}_note"] = d.note
        form = CalendarForm(initial=initial)
    today = timezone.localdate()
    steps = [
        {
            "step": step.value,
            "label": step.label,
            "short": STEP_SHORT[step],
            "who": _WHO[step],
            "capability": STEP_TAKEN_BY[step],
            "deadline": by_step.get(step.value),
            "state": step_state(by_step[step.value].due_on, False, None, today)
            if step.value in by_step
            else None,
        }
        for step in Step
    ]
    labels = {s.value: s.label for s in Step}
    years = selectors.calendar_years(province=province.code)
    first, last = fiscal_year_bounds(year)
    return render(
        request,
        "frameworks/calendar.html",
        {
            "area": area,
            "province": province,
            "year": year,
            "first_day": first,
            "last_day": last,
            "current_year": year == fiscal_year(today),
            "steps": steps,
            "deadlines": deadlines,
            "backwards": [
                (labels[a], labels[b])
                for a, b in order_problems({d.step: d.due_on for d in deadlines})
            ],
            "can_set": can_set,
            "form": form,
            "years": sorted({*years, year, fiscal_year(today)}, reverse=True),
            "copy_from": next((y for y in years if y < year), None) if not deadlines else None,
            "overview_url": reverse("plans:overview", args=[area.code]) + "?late=1"
            if area.level < AreaLevel.VILLAGE
            else None,
            "crumbs": [
                *area_selectors.breadcrumbs(user=request.user, area=area),
                area_selectors.Crumb(area, True),
            ],
        },
        status=status,
    )
