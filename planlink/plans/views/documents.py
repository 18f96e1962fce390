"""A version as PDF and XLSX, and the Excel round trip back into a draft."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from planlink.accounts.roles import Capability
from planlink.core import jobs
from planlink.core.tabular import ImportRejected
from planlink.plans.views.common import (
    _crumbs,
    _plan_url,
    _version,
)
from planlink.reports.pdf import pdf_response
from planlink.reports.xlsx import xlsx_download


@login_required
def version_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    version = _version(request, pk, Capability.VIEW_AREA)
    from planlink.plans.excel import plan_workbook

    blank = request.GET.get("blank") == "1"
    name = f"plan-{version.plan.area_id}-v{version.number}{'-template' if blank else ''}.xlsx"
    return xlsx_download(plan_workbook(version, blank=blank), name)


@login_required
def version_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    version = _version(request, pk, Capability.VIEW_AREA)
    from planlink.plans.documents import plan_pdf

    pdf = plan_pdf(version, thai_digits=request.GET.get("digits") == "thai")
    return pdf_response(pdf, f"plan-{version.plan.area_id}-v{version.number}.pdf")


@login_required
def version_import(request: HttpRequest, pk: int) -> HttpResponse:
    version = _version(request, pk, Capability.EDIT_PLAN)
    from planlink.plans.excel import plan_import

    problems = None
    total = 0
    if request.method == "POST" and request.FILES.get("file"):
        upload = request.FILES.getlist("file")[0]
        with jobs.upload_on_disk(upload) as path:
            try:
                outcome = plan_import(
                    user=request.user, version=version, path=path, original_name=upload.name
                )
            except ImportRejected as rejected:
                problems, total = rejected.problems, rejected.total
            else:
                messages.success(
                    request,
                    _("Imported: %(c)s added, %(u)s changed, %(d)s removed.")
                    % {"c": outcome.created, "u": outcome.updated, "d": outcome.deleted},
                )
                return redirect(_plan_url(version))
    village = version.plan.area
    return render(
        request,
        "plans/import.html",
        {
            "area": village,
            "crumbs": _crumbs(request, village),
            "version": version,
            "problems": problems,
            "total_problems": total,
        },
        status=422 if problems else 200,
    )
