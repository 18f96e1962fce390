from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from planlink.areas import selectors


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


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "403.html", status=403)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)
