from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from planlink.accounts import access
from planlink.areas import selectors
from planlink.core.models import Job


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """'My areas': where each of the user's roles starts, one card per area."""
    areas = selectors.home_areas(user=request.user)
    laos = selectors.home_local_governments(user=request.user)
    cards = [(area, selectors.subtree_counts(area=area)) for area in areas]
    return render(request, "core/home.html", {"cards": cards, "laos": laos})


@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok", "database": connection.vendor})


@require_GET
def livez(request: HttpRequest) -> HttpResponse:
    """Liveness: the process answers, touching nothing (no database, no session).

    Also the load benchmark's baseline: the cost of the stack itself around a page.
    """
    return HttpResponse(b"ok\n", content_type="text/plain")


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "403.html", status=403)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


@login_required
def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A background job's progress; htmx refreshes the status block until it finishes."""
    job = get_object_or_404(Job.objects.select_related("area", "created_by"), pk=pk)
    access.require_job(request.user, job)
    partial = getattr(request, "htmx", False)  # django-htmx's middleware sets request.htmx
    template = "core/partials/job_status.html" if partial else "core/job.html"
    return render(request, template, {"job": job})
