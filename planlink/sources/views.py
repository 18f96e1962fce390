"""Pages of the other budget sources' lists: the lists around an area, one list's lines, and
the three imports (a local government's plan, a provincial list, an agency's list with its
column-mapping step). Thin: the services read, check and refuse."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q, Sum
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from planlink.accounts import access
from planlink.areas import selectors as area_selectors
from planlink.areas.models import Area, AreaLevel, LocalGovernment
from planlink.core.jobs import save_upload, uploads_dir
from planlink.core.tabular import ImportRejected
from planlink.sources import services
from planlink.sources.importers.lists import AGENCY_FIELDS, agency_preview, guess_mapping
from planlink.sources.models import BudgetSource, SourceList

SAMPLES = {
    "local": "docs/samples/local-plan-sample.xlsx",
    "provincial": "docs/samples/provincial-list-sample.xlsx",
    "agency": "docs/samples/agency-requests-sample.csv",
}
_SALT = "planlink.sources.agency-upload"


def _area(request: HttpRequest, code: str) -> Area:
    return area_selectors.area_get(user=request.user, code=code)


def _lists_around(code: str) -> Any:
    wider = [code[:n] for n in (2, 4, 6) if n < len(code)]
    return (
        SourceList.objects.filter(Q(area__code__startswith=code) | Q(area__code__in=wider))
        .select_related("area", "local_government", "imported_by")
        .annotate(line_count=Count("lines"), budget=Sum("lines__total"))
        .order_by("kind", "body", "-first_year")
    )


def local_governments_of(area: Area) -> list[LocalGovernment]:
    """The local governments covering a village of the area (or, for a village, it)."""
    return list(
        LocalGovernment.objects.filter(villages__code__startswith=area.code)
        .distinct()
        .order_by("kind", "name_th")
    )


def _can_import_any(user: Any, area: Area) -> bool:
    return access.can_import_source(user, area_code=area.code)


@login_required
def sources_page(request: HttpRequest, code: str) -> HttpResponse:
    area = _area(request, code)
    lists = list(_lists_around(area.code))
    laos = local_governments_of(area) if area.level >= AreaLevel.DISTRICT else []
    imported = {sl.local_government_id for sl in lists if sl.local_government_id}
    return render(
        request,
        "sources/sources.html",
        {
            "area": area,
            "lists": lists,
            "laos_missing": [lao for lao in laos if lao.code not in imported],
            "can_import": _can_import_any(request.user, area),
            "can_import_local": bool(laos)
            and (
                _can_import_any(request.user, area)
                or any(
                    access.can_import_source(
                        request.user, area_code=area.code, local_government=lao.code
                    )
                    for lao in laos
                )
            ),
            "crumbs": area_selectors.breadcrumbs(user=request.user, area=area),
        },
    )


def _list_or_404(request: HttpRequest, pk: int) -> SourceList:
    source_list = get_object_or_404(
        SourceList.objects.select_related("area", "local_government", "imported_by"), pk=pk
    )
    if not access.can_view_meeting(request.user, source_list.area_id):
        raise PermissionDenied
    return source_list


@login_required
def source_list_page(request: HttpRequest, pk: int) -> HttpResponse:
    source_list = _list_or_404(request, pk)
    lines = list(source_list.lines.select_related("area").order_by("position"))
    names = dict(
        Area.objects.filter(code__in={v for ln in lines for v in ln.villages}).values_list(
            "code", "name_th"
        )
    )
    moos = dict(
        Area.objects.filter(code__in={v for ln in lines for v in ln.villages}).values_list(
            "code", "moo"
        )
    )
    for line in lines:
        line.village_names = [  # type: ignore[attr-defined]
            f"หมู่ที่ {moos.get(v)} {names.get(v, v)}" for v in line.villages
        ]
    return render(
        request,
        "sources/list.html",
        {
            "area": source_list.area,
            "source_list": source_list,
            "lines": lines,
            "total": sum((ln.total for ln in lines), 0),
            "can_reimport": _may_import(request.user, source_list),
            "back": request.GET.get("from", ""),
        },
    )


def _may_import(user: Any, source_list: SourceList) -> bool:
    lao = source_list.local_government
    villages = list(lao.villages.values_list("code", flat=True)) if lao else []
    return access.can_import_source(
        user,
        area_code=source_list.area_id,
        local_government=lao.code if lao else None,
        villages=villages,
    )


@login_required
@require_POST
def source_list_delete(request: HttpRequest, pk: int) -> HttpResponse:
    source_list = _list_or_404(request, pk)
    code = request.POST.get("from") or source_list.area_id
    services.source_list_delete(user=request.user, source_list=source_list)
    messages.success(request, _("The list was removed, with its lines."))
    return redirect("sources:area", code=code)


def _rejected(context: dict[str, Any], rejected: ImportRejected) -> None:
    context["problems"], context["total_problems"] = rejected.problems, rejected.total


def _done(request: HttpRequest, source_list: SourceList, area: Area) -> HttpResponse:
    count = source_list.lines.count()
    messages.success(
        request,
        _(
            "Imported %(n)s lines of %(title)s. The duplicate check now compares them with the "
            "village and tambon plans: see the candidates on the tambon plan."
        )
        % {"n": count, "title": source_list.title},
    )
    url = reverse("sources:list", kwargs={"pk": source_list.pk})
    return redirect(f"{url}?from={area.code}")


@login_required
def local_plan_import(request: HttpRequest, code: str) -> HttpResponse:
    area = _area(request, code)
    laos = local_governments_of(area)
    context: dict[str, Any] = {"area": area, "laos": laos, "sample": "local"}
    if request.method == "POST":
        lao = next((x for x in laos if x.code == request.POST.get("lao")), None)
        upload = request.FILES.get("file")
        context["chosen"] = lao.code if lao else ""
        if lao is None:
            messages.error(request, _("Choose the local government whose plan this is."))
        elif upload is None:
            messages.error(request, _("Choose the file to import."))
        else:
            try:
                source_list = services.local_plan_import(
                    user=request.user,
                    local_government=lao,
                    source=upload,
                    filename=str(upload.name),
                )
            except ImportRejected as rejected:
                _rejected(context, rejected)
            else:
                return _done(request, source_list, area)
    elif len(laos) == 1:
        context["chosen"] = laos[0].code
    context["crumbs"] = area_selectors.breadcrumbs(user=request.user, area=area)
    return render(request, "sources/import_local.html", context)


@login_required
def provincial_import(request: HttpRequest, code: str) -> HttpResponse:
    area = _area(request, code)
    if not _can_import_any(request.user, area):
        raise PermissionDenied
    context: dict[str, Any] = {
        "area": area,
        "sample": "provincial",
        "budget_sources": [
            (BudgetSource.PROVINCE, _("provincial budget")),
            (BudgetSource.PROVINCE_GROUP, _("provincial-group budget")),
            (BudgetSource.PAO, _("provincial administrative organisation (อบจ.)")),
            (BudgetSource.AGENCY, _("an agency's budget")),
        ],
        "body": request.POST.get("body", ""),
        "chosen": request.POST.get("budget_source", BudgetSource.PROVINCE),
    }
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            messages.error(request, _("Choose the file to import."))
        else:
            try:
                source_list = services.provincial_list_import(
                    user=request.user,
                    area=area,
                    body=context["body"],
                    source=upload,
                    filename=str(upload.name),
                    budget_source=context["chosen"]
                    if context["chosen"] in BudgetSource.values
                    else BudgetSource.PROVINCE,
                )
            except ImportRejected as rejected:
                _rejected(context, rejected)
            else:
                return _done(request, source_list, area)
    context["crumbs"] = area_selectors.breadcrumbs(user=request.user, area=area)
    return render(request, "sources/import_provincial.html", context)


def _years(text: str) -> tuple[int, int] | None:
    from planlink.sources.importers.common import years_of

    found = years_of(text)
    return found if found and found[0] >= 2400 else None


@login_required
def agency_import(request: HttpRequest, code: str) -> HttpResponse:
    """Step 1: the body, the list's years and the file; step 2: which column holds what
    (guessed, or as remembered for the body), then the import."""
    area = _area(request, code)
    if not _can_import_any(request.user, area):
        raise PermissionDenied
    post = request.POST
    context: dict[str, Any] = {
        "area": area,
        "sample": "agency",
        "fields": AGENCY_FIELDS,
        "body": post.get("body", ""),
        "years": post.get("years", ""),
        "crumbs": area_selectors.breadcrumbs(user=request.user, area=area),
    }
    if request.method != "POST":
        return render(request, "sources/import_agency.html", context)
    token = post.get("token", "")
    if not token:
        upload = request.FILES.get("file")
        if upload is None or not context["body"].strip():
            messages.error(request, _("Give the agency's name and choose the file."))
            return render(request, "sources/import_agency.html", context)
        saved = save_upload(upload)
        token = signing.dumps({"folder": saved.parent.name, "name": str(upload.name)}, salt=_SALT)
    try:
        held = signing.loads(token, salt=_SALT, max_age=3600)
    except signing.BadSignature as exc:
        raise Http404 from exc
    path = uploads_dir() / Path(held["folder"]).name / "upload"
    if not path.exists():
        messages.error(request, _("The uploaded file is gone; upload it again."))
        return render(request, "sources/import_agency.html", context)
    context.update(token=token, filename=held["name"])
    try:
        preview = agency_preview(path, held["name"])
    except ImportRejected as rejected:
        _rejected(context, rejected)
        shutil.rmtree(path.parent, ignore_errors=True)
        context.pop("token")
        return render(request, "sources/import_agency.html", context)
    headers = [h for h in preview.headers if h]
    context.update(preview=preview, headers=headers)
    if "map" not in post:
        remembered = services.remembered_mapping(context["body"])
        mapping = {k: v for k, v in remembered.items() if v in headers} or guess_mapping(headers)
        context.update(mapping=mapping, remembered=bool(remembered))
        return render(request, "sources/import_agency.html", context)
    mapping = {f.key: post.get(f"col_{f.key}", "") for f in AGENCY_FIELDS}
    context["mapping"] = mapping
    try:
        source_list = services.agency_list_import(
            user=request.user,
            area=area,
            body=context["body"],
            source=path,
            filename=held["name"],
            mapping={k: v for k, v in mapping.items() if v},
            years=_years(context["years"]),
        )
    except ImportRejected as rejected:
        _rejected(context, rejected)
        return render(request, "sources/import_agency.html", context)
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
        return render(request, "sources/import_agency.html", context)
    shutil.rmtree(path.parent, ignore_errors=True)
    return _done(request, source_list, area)


@login_required
def sample(request: HttpRequest, kind: str) -> FileResponse:
    from django.conf import settings

    if kind not in SAMPLES:
        raise Http404
    path = Path(settings.BASE_DIR) / SAMPLES[kind]
    return FileResponse(path.open("rb"), as_attachment=True, filename=path.name)
