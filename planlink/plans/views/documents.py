"""A version as PDF and XLSX, and the Excel round trip back into a draft."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from planlink.accounts.roles import Capability
from planlink.core import jobs
from planlink.core.tabular import ImportRejected
from planlink.plans.models import PlanVersion
from planlink.plans.views.common import (
    _crumbs,
    _plan_url,
    _version,
)
from planlink.reports.pdf import pdf_response
from planlink.reports.xlsx import xlsx_download

if TYPE_CHECKING:
    from planlink.plans.excel.importing import ImportNeedsConfirmation


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


# A file whose import needs confirming is kept under uploads/<token>/ (core.jobs.save_upload)
# until the user confirms it; the session says which tokens are this user's and for which
# version. The sweep removes a kept file no one confirmed (core.jobs.files_sweep).
_KEPT = "plan_import_kept"
_TOKEN = re.compile(r"[0-9a-f]{32}")


def _keep(request: HttpRequest, path: Path, version: PlanVersion, name: str) -> str:
    token = path.parent.name
    kept = dict(request.session.get(_KEPT, {}))
    for old in list(kept)[:-4]:  # at most five files waiting per session
        shutil.rmtree(jobs.uploads_dir() / old, ignore_errors=True)
        del kept[old]
    kept[token] = {"version": version.pk, "name": name}
    request.session[_KEPT] = kept
    return token


def _kept(request: HttpRequest, version: PlanVersion, token: str) -> tuple[Path, str] | None:
    entry = request.session.get(_KEPT, {}).get(token)
    if not _TOKEN.fullmatch(token) or not entry or entry.get("version") != version.pk:
        return None
    path = jobs.uploads_dir() / token / "upload"
    return (path, str(entry.get("name") or "")) if path.is_file() else None


def _forget(request: HttpRequest, path: Path) -> None:
    kept = dict(request.session.get(_KEPT, {}))
    if kept.pop(path.parent.name, None) is not None:
        request.session[_KEPT] = kept
    if path.parent.parent == jobs.uploads_dir():
        shutil.rmtree(path.parent, ignore_errors=True)


@login_required
def version_import(request: HttpRequest, pk: int) -> HttpResponse:
    """Upload, check, import; a valid file with warnings is kept and shown with them, and
    imported when the user confirms (a second POST with the kept file's token)."""
    version = _version(request, pk, Capability.EDIT_PLAN)
    from planlink.plans.excel import plan_import
    from planlink.plans.excel.importing import ImportNeedsConfirmation

    problems = None
    total = 0
    pending: ImportNeedsConfirmation | None = None
    token = ""
    file: tuple[Path, str] | None = None
    confirm: bool | str = False
    if request.method == "POST" and request.FILES.get("file"):
        upload = request.FILES.getlist("file")[0]
        file = (jobs.save_upload(upload), str(upload.name))
    elif request.method == "POST" and request.POST.get("token"):
        token = str(request.POST["token"])
        file = _kept(request, version, token)
        confirm = str(request.POST.get("confirm") or "") or False
        if file is None:
            messages.error(
                request,
                _("The checked file is no longer kept (or was imported already). Upload it again."),
            )
            return redirect("plans:import", version.pk)
    if file is not None:
        path, name = file
        try:
            outcome = plan_import(
                user=request.user, version=version, path=path, original_name=name, confirm=confirm
            )
        except ImportRejected as rejected:
            problems, total = rejected.problems, rejected.total
            _forget(request, path)
        except ImportNeedsConfirmation as needs:
            pending = needs
            token = _keep(request, path, version, name)
        except BaseException:
            _forget(request, path)
            raise
        else:
            _forget(request, path)
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
            "warnings": pending.warnings if pending else None,
            "would": pending.outcome if pending else None,
            "digest": pending.digest if pending else "",
            "token": token if pending else "",
            "file_name": file[1] if file and pending else "",
        },
        status=422 if problems else 200,
    )
