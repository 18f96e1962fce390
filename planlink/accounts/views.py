from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from planlink.accounts.models import RoleAssignment, User


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    assert isinstance(request.user, User)  # login_required
    assignments = (
        RoleAssignment.objects.filter(user=request.user)
        .select_related("area", "local_government")
        .order_by("role")
    )
    return render(request, "accounts/profile.html", {"assignments": assignments})
