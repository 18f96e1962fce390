"""The province's issues of a year: everyone in the province reads them, the provincial
offices set them."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from planlink.areas import selectors as area_selectors
from planlink.areas.models import Area
from planlink.core.thai import fiscal_year as fiscal_year_of
from planlink.frameworks import selectors, services
from planlink.frameworks.forms import CopyForm, IssueForm
from planlink.frameworks.models import ProvinceIssue


def _year(request: HttpRequest) -> int:
    raw = request.GET.get("year") or request.POST.get("year") or ""
    if raw.isdigit() and 2500 <= int(raw) <= 2700:
        return int(raw)
    return fiscal_year_of(timezone.localdate())


def _url(code: str, year: int) -> str:
    return f"{reverse('frameworks:issues', args=[code])}?year={year}"


def _data(form: IssueForm) -> services.IssueData:
    d = form.cleaned_data
    return services.IssueData(
        title=d["title"],
        description=d["description"],
        strategy=d["strategy"],
        keywords=d["keywords"],
        items_up=d["items_up"],
        number=d["number"],
    )


@login_required
def issues_page(request: HttpRequest, code: str) -> HttpResponse:
    """The issues of the province that `code` lies in, for one fiscal year."""
    area = area_selectors.area_get(user=request.user, code=code)
    province = get_object_or_404(Area, code=selectors.province_code(area.code))
    year = _year(request)
    can_set = selectors.can_set(request.user, province.code)
    issues = list(selectors.issues_for(province=province.code, fiscal_year=year))
    editing = None
    if request.GET.get("edit", "").isdigit():
        editing = next((i for i in issues if i.pk == int(request.GET["edit"])), None)
    form = None
    if can_set:
        if editing is not None:
            initial = {f: getattr(editing, f) for f in IssueForm.base_fields}
            form = IssueForm(initial=initial)
        else:
            form = IssueForm()
    if request.method == "POST":
        if not can_set:
            raise PermissionDenied
        if request.POST.get("action") == "copy":
            copy = CopyForm(request.POST)
            if copy.is_valid():
                try:
                    n = services.issues_copy(
                        user=request.user,
                        province=province,
                        from_year=copy.cleaned_data["from_year"],
                        to_year=year,
                    )
                except ValidationError as exc:
                    messages.error(request, "; ".join(exc.messages))
                else:
                    messages.success(request, _("%(n)s issues copied.") % {"n": n})
            return redirect(_url(area.code, year))
        if request.POST.get("issue", "").isdigit():
            editing = get_object_or_404(
                ProvinceIssue, pk=int(request.POST["issue"]), province=province
            )
        form = IssueForm(request.POST)
        if form.is_valid():
            try:
                services.issue_save(
                    user=request.user,
                    province=province,
                    fiscal_year=year,
                    data=_data(form),
                    issue=editing,
                )
            except ValidationError as exc:
                form.add_error(None, "; ".join(exc.messages))
            else:
                messages.success(request, _("Issue saved."))
                return redirect(_url(area.code, year))
    years = selectors.issue_years(province=province.code)
    return render(
        request,
        "frameworks/issues.html",
        {
            "area": area,
            "province": province,
            "year": year,
            "issues": issues,
            "can_set": can_set,
            "form": form,
            "editing": editing,
            "years": years,
            "copy_from": next((y for y in years if y < year), None) if not issues else None,
            "crumbs": [
                *area_selectors.breadcrumbs(user=request.user, area=area),
                area_selectors.Crumb(area, True),
            ],
        },
    )


@login_required
@require_POST
def issue_delete(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    area = area_selectors.area_get(user=request.user, code=code)
    issue = get_object_or_404(ProvinceIssue, pk=pk, province_id=selectors.province_code(area.code))
    if not selectors.can_set(request.user, issue.province_id):
        raise PermissionDenied
    try:
        services.issue_delete(user=request.user, issue=issue)
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
    else:
        messages.success(request, _("Issue removed."))
    return redirect(_url(area.code, issue.fiscal_year))
