from __future__ import annotations

from datetime import datetime

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from planlink.accounts import access
from planlink.accounts.models import User
from planlink.accounts.roles import Capability
from planlink.areas import selectors
from planlink.areas.forms import VillageImportForm
from planlink.areas.models import AreaLevel
from planlink.areas.tasks import VILLAGES_IMPORT
from planlink.core import audit, jobs
from planlink.core.models import Job
from planlink.core.xlsx import xlsx_response

HISTORY_PAGE = 50


@login_required
def area_detail(request: HttpRequest, code: str) -> HttpResponse:
    area = selectors.area_get(user=request.user, code=code)
    children = selectors.area_children(area=area)
    context = {
        "area": area,
        "crumbs": selectors.breadcrumbs(user=request.user, area=area),
        "children": children,
        "counts": selectors.subtree_counts(area=area),
        "local_governments": selectors.local_governments_in(area=area),
        "child_level": AreaLevel(area.level + 1) if area.level < AreaLevel.VILLAGE else None,
        "can_history": access.can(request.user, Capability.VIEW_HISTORY, area),
        "can_import": area.level < AreaLevel.VILLAGE
        and access.can(request.user, Capability.IMPORT_VILLAGES, area),
        "can_import_evidence": area.level < AreaLevel.VILLAGE
        and access.can(request.user, Capability.IMPORT_EVIDENCE, area),
        "has_demo_children": any(row.area.is_demo for row in children),
    }
    return render(request, "areas/area_detail.html", context)


@login_required
def area_children_xlsx(request: HttpRequest, code: str) -> HttpResponse:
    area = selectors.area_get(user=request.user, code=code)
    rows = selectors.area_children(area=area)
    header = ["รหัส / code", "ชื่อ / name", "ชื่อภาษาอังกฤษ / English name"]
    if area.level == AreaLevel.TAMBON:
        header.insert(1, "หมู่ที่ / moo")
    if area.level <= AreaLevel.PROVINCE:
        header.append("ตำบล / tambons")
    if area.level <= AreaLevel.DISTRICT:
        header.append("หมู่บ้าน / villages")
    header.append("ข้อมูลสาธิต / demo")
    data = []
    for row in rows:
        line: list[object] = [row.area.code, row.area.display_name, row.area.name_en]
        if area.level == AreaLevel.TAMBON:
            line.insert(1, row.area.moo)
        if area.level <= AreaLevel.PROVINCE:
            line.append(row.tambons)
        if area.level <= AreaLevel.DISTRICT:
            line.append(row.villages)
        line.append("ใช่" if row.area.is_demo else "")
        data.append(line)
    return xlsx_response(
        filename=f"areas-{area.code}.xlsx",
        title=f"{area.display_name} ({area.code})",
        header=header,
        rows=data,
    )


@login_required
def area_history(request: HttpRequest, code: str) -> HttpResponse:
    area = selectors.area_get(user=request.user, code=code, capability=Capability.VIEW_HISTORY)
    before_param = request.GET.get("before")
    before: datetime | None = parse_datetime(before_param) if before_param else None
    entries = audit.area_history(area.code, limit=HISTORY_PAGE + 1, before=before)
    more = len(entries) > HISTORY_PAGE
    entries = entries[:HISTORY_PAGE]
    context = {
        "area": area,
        "crumbs": [
            *selectors.breadcrumbs(user=request.user, area=area),
            selectors.Crumb(area, True),
        ],
        "entries": entries,
        "older": entries[-1].when.isoformat() if more and entries else None,
    }
    return render(request, "areas/area_history.html", context)


@login_required
def local_government_detail(request: HttpRequest, code: str) -> HttpResponse:
    lao, villages = selectors.local_government_get(user=request.user, code=code)
    groups = selectors.local_government_villages(local_government=lao, villages=villages)
    context = {
        "lao": lao,
        "groups": groups,
        "villages": villages,
        "crumbs": [
            *selectors.breadcrumbs(user=request.user, area=lao.seat),
            selectors.Crumb(lao.seat, access.can(request.user, Capability.VIEW_AREA, lao.seat)),
        ],
        "visible": {
            code
            for code in [*(v.code for _, vs in groups for v in vs), *(t.code for t, _ in groups)]
            if access.can(request.user, Capability.VIEW_AREA, code)
        },
    }
    return render(request, "areas/local_government_detail.html", context)


@login_required
def villages_import_view(request: HttpRequest, code: str) -> HttpResponse:
    """An officer imports the village list for their own area. The file is saved and
    imported by the background worker (validate all, then write); the job page shows the
    progress and the result."""
    area = selectors.area_get(user=request.user, code=code, capability=Capability.IMPORT_VILLAGES)
    if area.level == AreaLevel.VILLAGE:
        return redirect("areas:detail", code=area.code)
    form = VillageImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        assert isinstance(request.user, User)  # login_required
        job = Job.objects.create(
            kind=VILLAGES_IMPORT,
            area=area,
            created_by=request.user,
            title=_("Villages: %(name)s") % {"name": upload.name},
            params={
                "path": str(jobs.save_upload(upload)),
                "original_name": upload.name,
                "within": area.code,
                "dry_run": form.cleaned_data["dry_run"],
                "drop_personal_columns": form.cleaned_data["drop_personal_columns"],
            },
        )
        jobs.enqueue(job)
        return redirect("job", pk=job.pk)
    context = {
        "area": area,
        "crumbs": [
            *selectors.breadcrumbs(user=request.user, area=area),
            selectors.Crumb(area, True),
        ],
        "form": form,
        "recent": Job.objects.filter(kind=VILLAGES_IMPORT, area=area).select_related("created_by")[
            :10
        ],
    }
    return render(request, "areas/villages_import.html", context)
