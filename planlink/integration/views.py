"""The tambon community plan's pages: consolidation and the ศอช.ต.'s review (thin: the
services decide and refuse, the selectors read)."""

from __future__ import annotations

from collections import Counter

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from planlink.accounts import plan_access
from planlink.areas import selectors as area_selectors
from planlink.areas.models import Area, AreaLevel
from planlink.core.thai import fiscal_year
from planlink.evidence.models import DevelopmentCategory
from planlink.frameworks.models import ProvinceIssue
from planlink.integration import selectors, services
from planlink.integration.models import AddedFrom
from planlink.plans.models import Plan, PlanItem, PlanLevel, PlanVersion

ACTIONS = ("accept", "rename", "file", "split", "drop", "restore")


def _tambon(request: HttpRequest, code: str) -> Area:
    area = area_selectors.area_get(user=request.user, code=code)
    if area.level != AreaLevel.TAMBON:
        raise Http404
    return area


def first_year_for(tambon: Area, wanted: str = "") -> int:
    """The window the page shows: the one asked for, else the tambon plan's, else the one
    most of its village plans start in, else the current fiscal year."""
    if wanted.isdigit() and 2500 <= int(wanted) <= 2700:
        return int(wanted)
    plan = selectors.tambon_plan_of(tambon)
    if plan is not None:
        return plan.first_year
    starts = Counter(
        Plan.objects.filter(
            level=PlanLevel.VILLAGE, area__code__startswith=tambon.code
        ).values_list("first_year", flat=True)
    )
    if starts:
        return starts.most_common(1)[0][0]
    return fiscal_year(timezone.localdate())


def _page_url(tambon_code: str, year: int, anchor: str = "") -> str:
    url = f"{reverse('integration:tambon_plan', args=[tambon_code])}?year={year}"
    return f"{url}#{anchor}" if anchor else url


@login_required
def tambon_plan(request: HttpRequest, code: str) -> HttpResponse:
    tambon = _tambon(request, code)
    year = first_year_for(tambon, request.GET.get("year", ""))
    page = selectors.tambon_page(user=request.user, tambon=tambon, first_year=year)
    can_edit = (
        plan_access.can_edit(request.user, page.version)
        if page.version
        else plan_access.can_create(request.user, PlanLevel.TAMBON, tambon.code)
    )
    summary = None
    if page.version is not None:
        from planlink.integration.services.selection import duplicate_summary

        summary = duplicate_summary(page.version)
    return render(
        request,
        "integration/tambon_plan.html",
        {
            "area": tambon,
            "page": page,
            "dups": summary,
            "year": year,
            "can_edit": can_edit,
            "categories": DevelopmentCategory.objects.filter(is_active=True).order_by("order"),
            "added_from": [
                (AddedFrom.DATA, AddedFrom.DATA.label),
                (AddedFrom.FORUM, AddedFrom.FORUM.label),
            ],
            "crumbs": [
                *area_selectors.breadcrumbs(user=request.user, area=tambon),
                area_selectors.Crumb(tambon, True),
            ],
        },
    )


@login_required
@require_POST
def consolidate(request: HttpRequest, code: str) -> HttpResponse:
    tambon = _tambon(request, code)
    year = first_year_for(tambon, request.POST.get("year", ""))
    try:
        result = services.tambon_consolidate(user=request.user, tambon=tambon, first_year=year)
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
    else:
        messages.success(
            request,
            _(
                "Consolidated: %(created)s new tambon items, %(joined)s village items added to "
                "items already there, %(kept)s kept where they were."
            )
            % {"created": result.created, "joined": result.joined, "kept": result.kept},
        )
    return redirect(_page_url(tambon.code, year))


def _item(request: HttpRequest, pk: int) -> PlanItem:
    item = get_object_or_404(
        PlanItem.objects.select_related("version__plan__area", "lineage"), pk=pk
    )
    if item.version.plan.level != PlanLevel.TAMBON:
        raise Http404
    area_selectors.area_get(user=request.user, code=item.version.plan.area_id)
    if not plan_access.can_edit(request.user, item.version):
        raise PermissionDenied
    return item


@login_required
@require_POST
def item_action(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    plan = item.version.plan
    action = request.POST.get("action", "")
    reason = request.POST.get("reason", "")
    try:
        if action == "accept":
            services.tambon_item_accept(user=request.user, item=item)
        elif action == "rename":
            services.tambon_item_rename(
                user=request.user, item=item, title=request.POST.get("title", ""), reason=reason
            )
        elif action == "file":
            issue = ProvinceIssue.objects.filter(pk=_int(request.POST.get("issue"))).first()
            if issue is None:
                raise ValidationError(_("Choose an issue."))
            services.tambon_item_file(user=request.user, item=item, issue=issue, reason=reason)
        elif action == "split":
            chosen = [_int(v) for v in request.POST.getlist("source")]
            sources = list(PlanItem.objects.filter(pk__in=chosen))
            services.tambon_item_split(
                user=request.user,
                item=item,
                sources=sources,
                title=request.POST.get("title", ""),
                reason=reason,
            )
        elif action == "drop":
            services.tambon_item_drop(user=request.user, item=item, reason=reason)
        elif action == "restore":
            services.tambon_item_restore(user=request.user, item=item, reason=reason)
        else:
            raise Http404
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
    else:
        messages.success(request, _("Saved."))
    return redirect(_page_url(plan.area_id, plan.first_year, f"item-{item.pk}"))


@login_required
@require_POST
def merge(request: HttpRequest, pk: int) -> HttpResponse:
    version = get_object_or_404(PlanVersion.objects.select_related("plan"), pk=pk)
    plan = version.plan
    if plan.level != PlanLevel.TAMBON:
        raise Http404
    area_selectors.area_get(user=request.user, code=plan.area_id)
    if not plan_access.can_edit(request.user, version):
        raise PermissionDenied
    chosen = list(version.items.filter(pk__in=[_int(v) for v in request.POST.getlist("item")]))
    into = next((i for i in chosen if i.pk == _int(request.POST.get("into"))), None)
    try:
        if len(chosen) < 2 or into is None:
            raise ValidationError(_("Choose two or more items, and the one they go into."))
        services.tambon_items_merge(
            user=request.user,
            items=chosen,
            into=into,
            reason=request.POST.get("reason", ""),
            title=request.POST.get("title", ""),
        )
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
        return redirect(_page_url(plan.area_id, plan.first_year, "merge"))
    messages.success(request, _("Merged."))
    return redirect(_page_url(plan.area_id, plan.first_year, f"item-{into.pk}"))


@login_required
@require_POST
def add(request: HttpRequest, pk: int) -> HttpResponse:
    version = get_object_or_404(PlanVersion.objects.select_related("plan"), pk=pk)
    plan = version.plan
    if plan.level != PlanLevel.TAMBON:
        raise Http404
    area_selectors.area_get(user=request.user, code=plan.area_id)
    if not plan_access.can_edit(request.user, version):
        raise PermissionDenied
    issue = ProvinceIssue.objects.filter(pk=_int(request.POST.get("issue"))).first()
    category = DevelopmentCategory.objects.filter(pk=_int(request.POST.get("category"))).first()
    try:
        if category is None:
            raise ValidationError(_("Choose a development category."))
        item = services.tambon_item_add(
            user=request.user,
            version=version,
            title=request.POST.get("title", ""),
            added_from=request.POST.get("added_from", ""),
            reason=request.POST.get("reason", ""),
            category_id=category.pk,
            mode=request.POST.get("mode", "request"),
            issue=issue,
        )
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
        return redirect(_page_url(plan.area_id, plan.first_year, "add"))
    messages.success(request, _("Added."))
    return redirect(_page_url(plan.area_id, plan.first_year, f"item-{item.pk}"))


def _int(value: object) -> int:
    text = str(value or "")
    return int(text) if text.isdigit() else 0
