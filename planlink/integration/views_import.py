"""Importing a tambon plan made outside planlink (seed item 5.2): the ศอช.ต.'s upload page
(thin: the service checks the file and refuses the user who may not import)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from planlink.accounts import plan_access
from planlink.areas import selectors as area_selectors
from planlink.areas.models import Area, AreaLevel
from planlink.core.tabular import ImportRejected, Problem
from planlink.frameworks import selectors as framework_selectors
from planlink.integration import selectors, services
from planlink.integration.tambon_import import SPECS
from planlink.integration.views import _page_url, _tambon, first_year_for
from planlink.plans.models import Plan, PlanLevel, VersionStatus

SAMPLE = "docs/samples/tambon-plan-sample.xlsx"


@dataclass(frozen=True)
class ColumnHelp:
    header: str
    also: str
    help: str


def _columns() -> list[ColumnHelp]:
    english = (get_language() or "th").startswith("en")
    return [
        ColumnHelp(
            header=s.th,
            also=", ".join(a for a in s.aliases if not a.isascii())[:120],
            help=(s.help_en or s.en) if english else (s.help_th or ""),
        )
        for s in SPECS
    ]


def _last_year(tambon: Area, first_year: int, plan: Plan | None) -> int:
    """The window's last year: the plan's, else the one the tambon's village plans that start
    in `first_year` mostly end in, else three years."""
    if plan is not None:
        return plan.last_year
    ends = Counter(
        Plan.objects.filter(
            level=PlanLevel.VILLAGE, area__code__startswith=tambon.code, first_year=first_year
        ).values_list("last_year", flat=True)
    )
    return ends.most_common(1)[0][0] if ends else first_year + 2


def _posted_last_year(request: HttpRequest, first_year: int, default: int) -> int:
    text = str(request.POST.get("last_year") or "")
    if text.isdigit() and first_year <= int(text) <= first_year + 9:
        return int(text)
    return default


@login_required
def tambon_import(request: HttpRequest, code: str) -> HttpResponse:
    tambon = _tambon(request, code)
    if not plan_access.can_create(request.user, PlanLevel.TAMBON, tambon.code):
        raise PermissionDenied(_("Only the tambon's ศอช.ต. imports its tambon plan."))
    source = request.POST if request.method == "POST" else request.GET
    year = first_year_for(tambon, str(source.get("year", "")))
    plan = selectors.tambon_plan_of(tambon, year)
    draft = plan.versions.filter(status=VersionStatus.DRAFT).first() if plan else None
    last_year = _last_year(tambon, year, plan)
    problems: list[Problem] | None = None
    total = 0
    upload = request.FILES.get("file") if request.method == "POST" else None
    if request.method == "POST" and upload is None:
        messages.error(request, _("Choose the file to import."))
    elif upload is not None:
        if plan is None:
            last_year = _posted_last_year(request, year, last_year)
        try:
            outcome = services.tambon_plan_import(
                user=request.user,
                tambon=tambon,
                first_year=year,
                last_year=last_year,
                upload_path_or_file=upload,
                filename=str(upload.name),
            )
        except ImportRejected as rejected:
            problems, total = rejected.problems, rejected.total
        except ValidationError as exc:
            messages.error(request, "; ".join(exc.messages))
        else:
            messages.success(
                request,
                _(
                    "Imported %(n)s items of the tambon plan, each filed under its province "
                    "issue. The tambon civic forum can now rank them."
                )
                % {"n": outcome.items},
            )
            return redirect(_page_url(tambon.code, outcome.plan.first_year))
    villages = Area.objects.filter(parent=tambon, level=AreaLevel.VILLAGE).order_by("code")
    return render(
        request,
        "integration/tambon_import.html",
        {
            "area": tambon,
            "year": year,
            "last_year": last_year,
            "plan": plan,
            "draft": draft,
            "has_items": bool(draft and draft.items.exists()),
            "problems": problems,
            "total_problems": total,
            "columns": _columns(),
            "issues": list(
                framework_selectors.issues_for(province=tambon.code[:2], fiscal_year=year)
            ),
            "villages": villages,
            "crumbs": [
                *area_selectors.breadcrumbs(user=request.user, area=tambon),
                area_selectors.Crumb(tambon, True),
            ],
        },
        status=422 if problems else 200,
    )


@login_required
def tambon_import_sample(request: HttpRequest, code: str) -> FileResponse:
    """The sample file (docs/samples, made by scripts/make_tambon_sample.py)."""
    _tambon(request, code)
    path = settings.BASE_DIR / SAMPLE
    if not path.is_file():
        raise Http404
    return FileResponse(path.open("rb"), as_attachment=True, filename="tambon-plan-sample.xlsx")
