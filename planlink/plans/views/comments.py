"""Comments on a plan version and its items: the officer's notes, the committee's answers."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from planlink.accounts import plan_access
from planlink.accounts.roles import Capability
from planlink.plans import services
from planlink.plans.forms import CommentForm
from planlink.plans.models import PlanComment
from planlink.plans.views.common import _plan_url, _version


def _back(request: HttpRequest, fallback: str) -> HttpResponse:
    wanted = request.POST.get("next", "")
    if wanted and url_has_allowed_host_and_scheme(wanted, {request.get_host()}):
        return redirect(wanted)
    return redirect(fallback)


@login_required
@require_POST
def comment_add(request: HttpRequest, pk: int) -> HttpResponse:
    version = _version(request, pk, Capability.VIEW_AREA)
    if not plan_access.can_comment(request.user, version.plan):
        raise PermissionDenied
    form = CommentForm(request.POST)
    fallback = f"{_plan_url(version)}?version={version.number}#comments"
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return _back(request, fallback)
    item = None
    if form.cleaned_data["item"]:
        item = version.items.filter(pk=form.cleaned_data["item"]).first()
        if item is None:
            messages.error(request, _("That project is not in this version of the plan."))
            return _back(request, fallback)
    try:
        services.comment_add(
            user=request.user, version=version, text=form.cleaned_data["text"], item=item
        )
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
    else:
        messages.success(request, _("Comment saved."))
    return _back(request, fallback)


@login_required
@require_POST
def comment_resolve(request: HttpRequest, pk: int) -> HttpResponse:
    comment = get_object_or_404(PlanComment.objects.select_related("version__plan__area"), pk=pk)
    version = comment.version
    if not plan_access.can_comment(request.user, version.plan):
        raise PermissionDenied
    resolved = request.POST.get("resolved", "1") == "1"
    services.comment_resolve(user=request.user, comment=comment, resolved=resolved)
    return _back(request, f"{_plan_url(version)}?version={version.number}#comments")
