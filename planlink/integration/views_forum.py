"""The tambon civic forum's pages: its record and results, and the paper tally entered one
issue per screen (thin: integration.services.forum decides)."""

from __future__ import annotations

import uuid

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from planlink.accounts import plan_access
from planlink.areas import selectors as area_selectors
from planlink.core.dates import BEDateField
from planlink.frameworks.models import ProvinceIssue
from planlink.integration import selectors, services
from planlink.integration.models import Forum, ForumMethod, ParticipantGroup
from planlink.integration.views import _tambon, first_year_for
from planlink.plans.models import VersionStatus
from planlink.plans.selectors import current_version


class ForumForm(forms.Form):
    held_on = BEDateField(label=gettext_lazy("Date of the forum"))
    place = forms.CharField(label=gettext_lazy("Place"), max_length=200)
    method = forms.ChoiceField(
        label=gettext_lazy("How the forum ranks"),
        choices=ForumMethod.choices,
        widget=forms.RadioSelect,
    )
    villagers = forms.IntegerField(label=ParticipantGroup.VILLAGERS.label, min_value=0, initial=0)
    tcoc = forms.IntegerField(label=ParticipantGroup.TCOC.label, min_value=0, initial=0)
    lao = forms.IntegerField(label=ParticipantGroup.LAO.label, min_value=0, initial=0)
    agencies = forms.IntegerField(label=ParticipantGroup.AGENCIES.label, min_value=0, initial=0)
    leaders = forms.IntegerField(label=ParticipantGroup.LEADERS.label, min_value=0, initial=0)
    minutes = forms.FileField(label=gettext_lazy("Minutes (PDF, photo or Word)"), required=False)
    note = forms.CharField(
        label=gettext_lazy("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        for name in ("villagers", "tcoc", "lao", "agencies", "leaders"):
            self.fields[name].widget.attrs.update({"inputmode": "numeric", "class": "count"})


def _forum_url(tambon: str, year: int) -> str:
    return f"{reverse('integration:forum', args=[tambon])}?year={year}"


@login_required
def forum_page(request: HttpRequest, code: str) -> HttpResponse:
    tambon = _tambon(request, code)
    year = first_year_for(tambon, request.GET.get("year", ""))
    plan = selectors.tambon_plan_of(tambon, year)
    if plan is None:
        messages.info(
            request,
            _("Consolidate the village plans first: the forum ranks the tambon plan's items."),
        )
        return redirect(f"{reverse('integration:tambon_plan', args=[tambon.code])}?year={year}")
    version = current_version(plan)
    forum = Forum.objects.filter(version=version).first()
    can_edit = plan_access.can_edit(request.user, version)
    form = None
    if can_edit:
        initial = (
            {
                "held_on": forum.held_on,
                "place": forum.place,
                "method": forum.method,
                **{g: getattr(forum, g) for g in ParticipantGroup.values},
                "note": forum.note,
            }
            if forum
            else {"method": ForumMethod.HANDS, "held_on": timezone.localdate()}
        )
        form = ForumForm(initial=initial)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        action = request.POST.get("action")
        if action == "approve":
            try:
                services.tambon_plan_approve(user=request.user, version=version)
            except ValidationError as exc:
                messages.error(request, "; ".join(exc.messages))
            else:
                messages.success(request, _("The tambon plan is approved by its civic forum."))
            return redirect(_forum_url(tambon.code, year))
        form = ForumForm(request.POST, request.FILES)
        if form.is_valid():
            d = form.cleaned_data
            try:
                services.forum_record(
                    user=request.user,
                    version=version,
                    data=services.ForumData(
                        held_on=d["held_on"],
                        place=d["place"],
                        method=d["method"],
                        attendance={g: d[g] for g in ParticipantGroup.values},
                        note=d["note"],
                    ),
                    minutes=d.get("minutes"),
                )
            except ValidationError as exc:
                form.add_error(None, "; ".join(exc.messages))
            else:
                messages.success(
                    request, _("Forum recorded. Enter its tally, one issue at a time.")
                )
                return redirect(_forum_url(tambon.code, year))
    results = selectors.forum_results(version=version)
    return render(
        request,
        "integration/forum.html",
        {
            "area": tambon,
            "plan": plan,
            "version": version,
            "forum": forum,
            "form": form,
            "can_edit": can_edit,
            "results": results,
            "year": year,
            "approved": version.status == VersionStatus.APPROVED,
            "crumbs": [
                *area_selectors.breadcrumbs(user=request.user, area=tambon),
                area_selectors.Crumb(tambon, True),
            ],
        },
    )


def _forum(request: HttpRequest, pk: int) -> Forum:
    forum = get_object_or_404(Forum.objects.select_related("version__plan__area"), pk=pk)
    area_selectors.area_get(user=request.user, code=forum.version.plan.area_id)
    return forum


@login_required
def tally(request: HttpRequest, pk: int, issue: int) -> HttpResponse:
    """One issue's tally, numbers only: votes per item, scores per group, or one ballot."""
    forum = _forum(request, pk)
    version = forum.version
    if not plan_access.can_edit(request.user, version):
        raise PermissionDenied
    the_issue = get_object_or_404(
        ProvinceIssue,
        pk=issue,
        province_id=version.plan.area_id[:2],
        fiscal_year=version.plan.first_year,
    )
    items = services.issue_items(version, the_issue)
    if not items:
        raise Http404
    plan = version.plan
    results = {r.issue.pk: r for r in selectors.forum_results(version=version)}
    order = list(results)
    if request.method == "POST":
        try:
            saved = services.tally_save(
                user=request.user,
                forum=forum,
                issue=the_issue,
                token=request.POST.get("token", ""),
                values=request.POST,
            )
        except ValidationError as exc:
            messages.error(request, "; ".join(exc.messages))
        else:
            key = _keep_key(forum, the_issue)
            if saved.saved:
                messages.success(
                    request,
                    _("Ballot %(n)s saved.") % {"n": saved.ballot}
                    if forum.method == ForumMethod.BORDA
                    else _("Issue %(n)s saved.") % {"n": the_issue.number},
                )
            else:
                messages.info(
                    request, _("This screen was saved already; nothing was counted twice.")
                )
            if forum.method == ForumMethod.BORDA:
                return redirect(
                    f"{reverse('integration:tally', args=[forum.pk, the_issue.pk])}?saved={key}"
                )
            later = order[order.index(the_issue.pk) + 1 :] if the_issue.pk in order else []
            if later:
                return redirect(
                    f"{reverse('integration:tally', args=[forum.pk, later[0]])}?saved={key}"
                )
            return redirect(f"{_forum_url(plan.area_id, plan.first_year)}&saved={key}#results")
    current = results.get(the_issue.pk)
    values = _current_values(forum, the_issue) if forum.method != ForumMethod.BORDA else {}
    return render(
        request,
        "integration/tally.html",
        {
            "area": plan.area,
            "forum": forum,
            "issue": the_issue,
            "rows": [
                {
                    "item": i,
                    "value": values.get(str(i.pk), ""),
                    "groups": [
                        (g, label, values.get(f"{i.pk}:{g}", ""))
                        for g, label in ParticipantGroup.choices
                    ],
                }
                for i in items
            ],
            "result": current,
            "token": uuid.uuid4().hex,
            "keep_key": _keep_key(forum, the_issue),
            "saved_key": request.GET.get("saved", ""),
            "position": order.index(the_issue.pk) + 1 if the_issue.pk in order else 1,
            "issues_count": len(order),
            "forum_url": _forum_url(plan.area_id, plan.first_year),
            "crumbs": [
                *area_selectors.breadcrumbs(user=request.user, area=plan.area),
                area_selectors.Crumb(plan.area, True),
            ],
        },
    )


def _keep_key(forum: Forum, issue: ProvinceIssue) -> str:
    return f"tally-{forum.pk}-{issue.pk}"


def _current_values(forum: Forum, issue: ProvinceIssue) -> dict[str, str]:
    values: dict[str, str] = {}
    for t in forum.tallies.filter(issue=issue):
        key = f"{t.item_id}:{t.group}" if t.group else str(t.item_id)
        values[key] = f"{t.value.normalize():f}"
    return values


@login_required
def minutes(request: HttpRequest, pk: int) -> FileResponse:
    forum = _forum(request, pk)
    if not forum.minutes:
        raise Http404
    return FileResponse(forum.minutes.open("rb"), as_attachment=False)
