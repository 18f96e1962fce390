"""The learning media library: everyone in the province reads and searches it, the provincial
offices add and remove media; files are served only to those who may see the province."""

from __future__ import annotations

from urllib.parse import quote, urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from planlink.accounts import access
from planlink.accounts.roles import Capability
from planlink.areas import selectors as area_selectors
from planlink.areas.models import Area
from planlink.frameworks import selectors, services
from planlink.frameworks.forms import MediaSearchForm, MediumForm
from planlink.frameworks.models import LearningMedium, Topic
from planlink.frameworks.services.media import max_bytes


def _sets_national(user: object) -> bool:
    return access.EVERYWHERE in access.roots(user, Capability.SET_FRAMEWORKS)


def _medium(code: str, pk: int) -> LearningMedium:
    """A medium of the province `code` lies in, or a national one (else 404)."""
    medium = get_object_or_404(LearningMedium.objects.select_related("province"), pk=pk)
    if medium.province_id not in (None, selectors.province_code(code)):
        raise Http404
    return medium


def _error_text(exc: ValidationError) -> list[tuple[str, str]]:
    if hasattr(exc, "error_dict"):
        return [
            (name, "; ".join(m for e in errors for m in e.messages))
            for name, errors in exc.error_dict.items()
        ]
    return [("", "; ".join(exc.messages))]


@login_required
def learning_page(request: HttpRequest, code: str) -> HttpResponse:
    """The province's learning media and the national ones, searchable and filtered by
    topic and audience; the provincial offices add media below the list."""
    area = area_selectors.area_get(user=request.user, code=code)
    province = get_object_or_404(Area, code=selectors.province_code(area.code))
    can_set = selectors.can_set(request.user, province.code)
    national = _sets_national(request.user)
    form = None
    status = 200
    if can_set or national:
        form = MediumForm(national=national)
    if request.method == "POST":
        if not (can_set or national):
            raise PermissionDenied
        form = MediumForm(request.POST, request.FILES, national=national)
        if form.is_valid():
            d = form.cleaned_data
            target = None if d.get("national") else province
            try:
                medium = services.medium_add(
                    user=request.user,
                    province=target,
                    upload=d.get("file"),
                    data=services.MediumData(
                        title=d["title"],
                        topic=d["topic"],
                        audiences=tuple(d["audiences"]),
                        description=d["description"],
                        url=d["url"],
                    ),
                )
            except ValidationError as exc:
                for name, text in _error_text(exc):
                    form.add_error(name if name in form.fields else None, text)
            else:
                messages.success(request, _("Added: %(title)s") % {"title": medium.title})
                return redirect(reverse("frameworks:learning", args=[area.code]))
        status = 422
    search = MediaSearchForm(request.GET or None)
    query = topic = audience = ""
    if search.is_valid():
        query = search.cleaned_data["q"]
        topic = search.cleaned_data["topic"]
        audience = search.cleaned_data["audience"]
    media = selectors.media_for(province=province.code, query=query, topic=topic, audience=audience)
    everything = not (query or topic or audience)
    return render(
        request,
        "frameworks/learning.html",
        {
            "area": area,
            "province": province,
            "media": media,
            "search": search,
            "filtered": not everything,
            "query_string": urlencode({k: v for k, v in request.GET.items() if v}),
            "can_set": can_set,
            "national": national,
            "form": form,
            "max_mb": max_bytes() // (1024 * 1024),
            "topics": Topic.choices,
            "crumbs": [
                *area_selectors.breadcrumbs(user=request.user, area=area),
                area_selectors.Crumb(area, True),
            ],
        },
        status=status,
    )


@login_required
def medium_file(request: HttpRequest, code: str, pk: int) -> FileResponse:
    """A medium's file, for those who may see an area of its province (never a public URL)."""
    area_selectors.area_get(user=request.user, code=code)
    medium = _medium(code, pk)
    if not medium.file:
        raise Http404
    response = FileResponse(medium.file.open("rb"), content_type=medium.content_type)
    name = medium.file_name or (medium.file.name or "").rsplit("/", 1)[-1]
    response["Content-Disposition"] = f"inline; filename*=UTF-8''{quote(name)}"
    response["Cache-Control"] = "private, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_POST
def medium_remove(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    area = area_selectors.area_get(user=request.user, code=code)
    medium = _medium(code, pk)
    if medium.province_id is None and not _sets_national(request.user):
        raise PermissionDenied
    if medium.province_id is not None and not selectors.can_set(request.user, medium.province_id):
        raise PermissionDenied
    services.medium_remove(user=request.user, medium=medium)
    messages.success(request, _("Removed: %(title)s") % {"title": medium.title})
    return redirect(reverse("frameworks:learning", args=[area.code]))
