"""The strategy frameworks' pages: those that apply to an area in a year (and starting the
ones the user owns there), and one framework's tree, edited node by node or from a file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.forms import Form
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from planlink.accounts import access
from planlink.accounts.roles import Capability
from planlink.areas import selectors as area_selectors
from planlink.areas.models import CODE_LENGTH, Area, AreaLevel, LocalGovernment
from planlink.core import jobs
from planlink.core.tabular import ImportRejected
from planlink.core.thai import fiscal_year as fiscal_year_of
from planlink.core.xlsx import xlsx_response
from planlink.frameworks import selectors, services
from planlink.frameworks.forms import (
    FrameworkEditForm,
    FrameworkImportForm,
    FrameworkStartForm,
    FrameworkVersionForm,
    NodeForm,
)
from planlink.frameworks.models import (
    KIND_LEVEL,
    NATIONAL_KINDS,
    Framework,
    FrameworkKind,
    FrameworkNode,
)

SAMPLE = "docs/samples/provincial-strategy-sample.xlsx"
# The download's header: the import's own column names, so the file can be imported back.
XLSX_HEADER = ["เลขที่", "ชื่อ", "คำสำคัญ"]


def _year(request: HttpRequest) -> int:
    raw = request.GET.get("year") or request.POST.get("year") or ""
    if raw.isdigit() and 2500 <= int(raw) <= 2700:
        return int(raw)
    return fiscal_year_of(timezone.localdate())


def _list_url(code: str, year: int) -> str:
    return f"{reverse('frameworks:strategies', args=[code])}?year={year}"


def _page_url(framework: Framework, back: str | None, **extra: Any) -> str:
    query = {"from": back} if back else {}
    query.update(extra)
    url = reverse("frameworks:strategy", args=[framework.pk])
    return f"{url}?{urlencode(query)}" if query else url


def _errors_to(form: Form, exc: ValidationError) -> None:
    """A service's refusal on the form: under its fields when it names them, else on top."""
    if hasattr(exc, "error_dict") and all(name in form.fields for name in exc.error_dict):
        form.add_error(None, exc)
    else:
        form.add_error(None, "; ".join(exc.messages))


# --- The frameworks of an area ----------------------------------------------------------------


@dataclass(frozen=True)
class Startable:
    """A framework the user may start at the area, which no version covers in the year."""

    value: str  # the form's choice: the kind, or "local:<code>"
    kind: str
    area: Area | None
    local_government: LocalGovernment | None
    label: str
    earlier: Framework | None = None  # its latest version before the year: continue from it


def _covered(kind: str, area_code: str | None, local_government: str | None, year: int) -> bool:
    return Framework.objects.filter(
        kind=kind,
        area_id=area_code,
        local_government_id=local_government,
        first_year__lte=year,
        last_year__gte=year,
    ).exists()


def _earlier(
    kind: str, area_code: str | None, local_government: str | None, year: int
) -> Framework | None:
    return (
        Framework.objects.filter(
            kind=kind,
            area_id=area_code,
            local_government_id=local_government,
            first_year__lt=year,
        )
        .order_by("-first_year")
        .first()
    )


def startable(user: Any, area: Area, year: int) -> list[Startable]:
    """The national frameworks (the system administrator), the province's plans, the
    district's strategy at an area inside them, and the user's own local governments'."""
    found: list[Startable] = []
    owners: dict[str, Area] = {}
    for kind in FrameworkKind:
        if kind == FrameworkKind.LOCAL:
            continue
        code: str | None = None
        if kind not in NATIONAL_KINDS:
            level = KIND_LEVEL[kind]
            width = CODE_LENGTH[AreaLevel(level)] if level else 0
            if not width or len(area.code) < width:
                continue
            code = area.code[:width]
        if not access.can_edit_framework(user, kind=kind, area_code=code):
            continue
        if _covered(kind, code, None, year):
            continue
        owner = None
        if code is not None:
            owner = owners.get(code) or Area.objects.get(code=code)
            owners[code] = owner
        found.append(
            Startable(
                kind.value, kind, owner, None, str(kind.label), _earlier(kind, code, None, year)
            )
        )
    mine = access.access_for(user).local_governments()
    for lg in LocalGovernment.objects.filter(code__in=mine).order_by("code"):
        if not access.can_edit_framework(
            user, kind=FrameworkKind.LOCAL, area_code=None, local_government=lg.code
        ) or _covered(FrameworkKind.LOCAL, None, lg.code, year):
            continue
        label = f"{lg.name_th} — {FrameworkKind.LOCAL.label}"
        earlier = _earlier(FrameworkKind.LOCAL, None, lg.code, year)
        found.append(Startable(f"local:{lg.code}", FrameworkKind.LOCAL, None, lg, label, earlier))
    return found


@dataclass(frozen=True)
class KindGroup:
    kind: str
    label: str
    frameworks: list[Framework]


@login_required
def strategies_page(request: HttpRequest, code: str) -> HttpResponse:
    """The frameworks that apply to the area in the year, widest first, grouped by kind."""
    area = area_selectors.area_get(user=request.user, code=code)
    year = _year(request)
    options = startable(request.user, area, year)
    # The provincial plan first: the province's usual one to start.
    first = next((o for o in options if o.kind == FrameworkKind.PROVINCE), None)
    initial = {"first_year": year, "last_year": year + 4, "kind": first.value if first else None}
    form = FrameworkStartForm(initial=initial, choices=[(o.value, o.label) for o in options])
    if request.method == "POST":
        if not options:
            raise PermissionDenied
        form = FrameworkStartForm(request.POST, choices=[(o.value, o.label) for o in options])
        if form.is_valid():
            d = form.cleaned_data
            chosen = next(o for o in options if o.value == d["kind"])
            try:
                made = services.framework_create(
                    user=request.user,
                    data=services.FrameworkData(
                        chosen.kind, d["title"], d["first_year"], d["last_year"]
                    ),
                    area=chosen.area,
                    local_government=chosen.local_government,
                )
            except ValidationError as exc:
                _errors_to(form, exc)
            else:
                messages.success(
                    request,
                    _("%(title)s started. Add its nodes here, or import them from a file.")
                    % {"title": made.title},
                )
                return redirect(_page_url(made, area.code))
    frameworks = [
        f
        for f in selectors.frameworks_for(area_code=area.code, fiscal_year=year)
        if selectors.readable(request.user, f)
    ]
    counts = dict(
        FrameworkNode.objects.filter(framework_id__in=[f.pk for f in frameworks])
        .values_list("framework_id")
        .annotate(n=Count("id"))
    )
    groups: list[KindGroup] = []
    for f in frameworks:
        f.node_count = counts.get(f.pk, 0)  # type: ignore[attr-defined]
        if not groups or groups[-1].kind != f.kind:
            groups.append(KindGroup(f.kind, str(FrameworkKind(f.kind).label), []))
        groups[-1].frameworks.append(f)
    kinds_shown = {f.kind for f in frameworks}
    return render(
        request,
        "frameworks/strategies.html",
        {
            "area": area,
            "year": year,
            "groups": groups,
            "options": options,
            "form": form if options else None,
            "missing_province": any(o.kind == FrameworkKind.PROVINCE for o in options),
            "no_province_plan": FrameworkKind.PROVINCE not in kinds_shown,
            "crumbs": [
                *area_selectors.breadcrumbs(user=request.user, area=area),
                area_selectors.Crumb(area, True),
            ],
        },
    )


@login_required
def strategy_sample(request: HttpRequest) -> FileResponse:
    """The sample file of a framework's tree (a provincial development plan)."""
    path = Path(settings.BASE_DIR) / SAMPLE
    return FileResponse(path.open("rb"), as_attachment=True, filename=path.name)


# --- One framework ----------------------------------------------------------------------------


def _readable(request: HttpRequest, pk: int) -> Framework:
    framework = get_object_or_404(
        Framework.objects.select_related("area", "local_government"), pk=pk
    )
    if not selectors.readable(request.user, framework):
        raise PermissionDenied
    return framework


def _back(request: HttpRequest, framework: Framework) -> Area | None:
    """The area the reader came from (?from=), else the framework's own, if they may see it."""
    codes = [request.GET.get("from") or request.POST.get("from") or ""]
    codes.append(framework.area_id or "")
    if framework.local_government is not None:
        codes.append(framework.local_government.seat_id or "")
    for code in codes:
        if code and code.isdigit() and access.can(request.user, Capability.VIEW_AREA, code):
            area = Area.objects.filter(code=code).first()
            if area is not None:
                return area
    return None


def _list_year(request: HttpRequest, framework: Framework) -> int:
    """The year of the list to go back to: the one it came from, else the current fiscal
    year if the framework covers it, else its first."""
    raw = request.GET.get("year", "")
    if raw.isdigit() and 2500 <= int(raw) <= 2700:
        return int(raw)
    now = fiscal_year_of(timezone.localdate())
    return now if framework.covers_year(now) else framework.first_year


@login_required
def strategy_page(request: HttpRequest, pk: int) -> HttpResponse:
    """A framework's tree in outline order; its owner edits it here."""
    framework = _readable(request, pk)
    can_edit = selectors.can_edit(request.user, framework)
    back = _back(request, framework)
    back_code = back.code if back else None
    nodes = selectors.tree(framework)
    editing = None
    if can_edit and request.GET.get("edit", "").isdigit():
        editing = next((n for n in nodes if n.pk == int(request.GET["edit"])), None)
    context: dict[str, Any] = {}
    edit_form = node_form = framework_form = version_form = import_form = None
    if can_edit:
        if editing is not None:
            edit_form = NodeForm(
                initial={
                    "code": editing.code,
                    "title": editing.title,
                    "keywords": editing.keywords,
                },
                prefix="edit",
            )
        node_form = NodeForm()
        framework_form = FrameworkEditForm(
            initial={"title": framework.title, "last_year": framework.last_year}
        )
        version_form = FrameworkVersionForm(
            initial={"first_year": framework.last_year + 1, "last_year": framework.last_year + 5}
        )
        import_form = FrameworkImportForm()
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        action = request.POST.get("action", "")
        if action == "node":
            if request.POST.get("node", "").isdigit():
                editing = get_object_or_404(
                    FrameworkNode, pk=int(request.POST["node"]), framework=framework
                )
                edit_form = NodeForm(request.POST, prefix="edit")
                bound = edit_form
            else:
                node_form = NodeForm(request.POST)
                bound = node_form
            if bound.is_valid():
                d = bound.cleaned_data
                try:
                    saved = services.node_save(
                        user=request.user,
                        framework=framework,
                        data=services.NodeData(d["code"], d["title"], d["keywords"]),
                        node=editing,
                    )
                except ValidationError as exc:
                    _errors_to(bound, exc)
                else:
                    messages.success(request, _("%(code)s saved.") % {"code": saved.code})
                    return redirect(_page_url(framework, back_code) + f"#node-{saved.pk}")
        elif action == "framework":
            framework_form = FrameworkEditForm(request.POST)
            if framework_form.is_valid():
                try:
                    services.framework_update(
                        user=request.user,
                        framework=framework,
                        title=framework_form.cleaned_data["title"],
                        last_year=framework_form.cleaned_data["last_year"],
                    )
                except ValidationError as exc:
                    _errors_to(framework_form, exc)
                else:
                    messages.success(request, _("Title and years saved."))
                    return redirect(_page_url(framework, back_code))
        elif action == "version":
            version_form = FrameworkVersionForm(request.POST)
            if version_form.is_valid():
                try:
                    new = services.framework_new_version(
                        user=request.user,
                        framework=framework,
                        first_year=version_form.cleaned_data["first_year"],
                        last_year=version_form.cleaned_data["last_year"],
                    )
                except ValidationError as exc:
                    _errors_to(version_form, exc)
                else:
                    messages.success(
                        request,
                        _(
                            "The version for %(first)s–%(last)s starts as a copy of this tree; "
                            "the earlier version keeps the projects aligned with it."
                        )
                        % {"first": new.first_year, "last": new.last_year},
                    )
                    return redirect(_page_url(new, back_code))
        elif action == "import":
            import_form = FrameworkImportForm(request.POST, request.FILES)
            if import_form.is_valid():
                upload = import_form.cleaned_data["file"]
                try:
                    with jobs.upload_on_disk(upload) as path:
                        result = services.framework_import(
                            user=request.user,
                            framework=framework,
                            path=path,
                            original_name=str(upload.name),
                        )
                except ImportRejected as rejected:
                    # By row, the file's own problems (no row) last.
                    context["problems"] = sorted(
                        rejected.problems, key=lambda p: (p.row is None, p.row or 0)
                    )
                    context["total_problems"] = rejected.total
                else:
                    messages.success(
                        request,
                        _("Imported: %(c)s added, %(u)s changed, %(d)s removed.")
                        % {"c": result.added, "u": result.changed, "d": result.removed},
                    )
                    return redirect(_page_url(framework, back_code))
    crumbs = []
    if back is not None:
        crumbs = [
            *area_selectors.breadcrumbs(user=request.user, area=back),
            area_selectors.Crumb(back, True),
        ]
    context.update(
        {
            "framework": framework,
            "kind_label": FrameworkKind(framework.kind).label,
            "nodes": nodes,
            "can_edit": can_edit,
            "editing": editing,
            "edit_form": edit_form,
            "node_form": node_form,
            "framework_form": framework_form,
            "version_form": version_form,
            "import_form": import_form,
            "back": back,
            "back_code": back_code or "",
            "list_year": _list_year(request, framework),
            "crumbs": crumbs,
        }
    )
    return render(request, "frameworks/strategy.html", context)


@login_required
@require_POST
def strategy_node_delete(request: HttpRequest, pk: int, node: int) -> HttpResponse:
    framework = _readable(request, pk)
    if not selectors.can_edit(request.user, framework):
        raise PermissionDenied
    row = get_object_or_404(FrameworkNode, pk=node, framework=framework)
    back = request.POST.get("from") or None
    try:
        services.node_delete(user=request.user, node=row)
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
        return redirect(_page_url(framework, back) + f"#node-{row.pk}")
    messages.success(request, _("%(code)s removed.") % {"code": row.code})
    return redirect(_page_url(framework, back))


@login_required
def strategy_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    """The tree as XLSX with the import's columns: edit it and import it back."""
    framework = _readable(request, pk)
    rows = [(n.code, n.title, n.keywords) for n in selectors.tree(framework)]
    return xlsx_response(
        filename=f"strategy-{framework.kind}-{framework.first_year}-{framework.last_year}.xlsx",
        title=str(framework),
        header=XLSX_HEADER,
        rows=rows,
    )
