"""The District Development Plan's page: what the tambons sent, by issue; the cross-tambon
duplicate check; alignment with the provincial and national strategies; the committee's
approval, the sending to the province and revisions. Writes go through
`services.district` and `services.alignment`; who may do what through `accounts.plan_access`."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any
from uuid import UUID

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from planlink.accounts import access, plan_access
from planlink.accounts.roles import Capability
from planlink.areas import selectors as area_selectors
from planlink.areas.models import Area, AreaLevel
from planlink.core.dates import BEDateField
from planlink.evidence.models import DevelopmentCategory
from planlink.frameworks.models import KIND_SHORT, FrameworkKind, FrameworkNode
from planlink.integration.models import TambonItem
from planlink.integration.services import alignment as alignment_services
from planlink.integration.services import district as services
from planlink.plans.models import (
    AlignmentStatus,
    ItemAlignment,
    ItemLink,
    LinkKind,
    Plan,
    PlanItem,
    PlanItemBudget,
    PlanLevel,
    PlanVersion,
    VersionKind,
    VersionStatus,
)
from planlink.plans.services import revision_start


class ApproveForm(forms.Form):
    meeting_date = BEDateField(label=gettext_lazy("Date of the district committee's meeting"))
    attendance = forms.IntegerField(
        label=gettext_lazy("Members present"), min_value=1, max_value=500
    )
    resolution = forms.CharField(
        label=gettext_lazy("Resolution (meeting number / year)"),
        max_length=100,
        help_text=gettext_lazy("As written in the minutes, e.g. ครั้งที่ 3/2570 วาระที่ 4.1"),
    )


class AddItemForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Project"), max_length=300)
    category = forms.ModelChoiceField(
        label=gettext_lazy("Development category"), queryset=DevelopmentCategory.objects.none()
    )
    budget = forms.CharField(
        label=gettext_lazy("Budget for the first fiscal year (baht)"), required=False, max_length=40
    )
    objective = forms.CharField(label=gettext_lazy("Objective"), required=False, max_length=1000)
    kpi = forms.CharField(label=gettext_lazy("Indicator (KPI)"), required=False, max_length=500)
    responsible_agency = forms.CharField(
        label=gettext_lazy("Responsible unit"), required=False, max_length=200
    )
    reason = forms.CharField(
        label=gettext_lazy("From which district data (e.g. the district's top problem)"),
        max_length=500,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = DevelopmentCategory.objects.order_by("pk")  # type: ignore[attr-defined]

    def clean_budget(self) -> Decimal | None:
        from planlink.core.thai import parse_budget

        raw = self.cleaned_data.get("budget") or ""
        if not raw.strip():
            return None
        try:
            return parse_budget(raw)
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from exc


class RevisionForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind of revision"),
        choices=[
            (VersionKind.AMENDMENT, gettext_lazy("amendment (แก้ไข)")),
            (VersionKind.ADDITION, gettext_lazy("addition (เพิ่มเติม)")),
        ],
    )
    reason = forms.CharField(
        label=gettext_lazy("Why the plan changes"), widget=forms.Textarea(attrs={"rows": 2})
    )


def _district(request: HttpRequest, code: str) -> Area:
    area = area_selectors.area_get(user=request.user, code=code)
    if area.level != AreaLevel.DISTRICT:
        raise Http404
    return area


def _plan(district: Area, year: str) -> Plan | None:
    plans = Plan.objects.filter(area=district, level=PlanLevel.DISTRICT).order_by("-first_year")
    return (plans.filter(first_year=int(year)) if year.isdigit() else plans).first()


def _url(code: str, plan: Plan | None, anchor: str = "") -> str:
    url = reverse("integration:district_plan", kwargs={"code": code})
    if plan is not None:
        url += f"?year={plan.first_year}"
    return url + (f"#{anchor}" if anchor else "")


@login_required
def district_plan_page(request: HttpRequest, code: str) -> HttpResponse:
    """The district plan of a fiscal-year window (the latest by default)."""
    district = _district(request, code)
    plan = _plan(district, request.GET.get("year", ""))
    version = plan.versions.order_by("-number").first() if plan else None
    context: dict[str, Any] = {
        "area": district,
        "plan": plan,
        "version": version,
        "crumbs": area_selectors.breadcrumbs(user=request.user, area=district),
        "years": list(
            Plan.objects.filter(area=district, level=PlanLevel.DISTRICT)
            .order_by("-first_year")
            .values_list("first_year", flat=True)
        ),
    }
    tambons = list(Area.objects.filter(parent=district, level=AreaLevel.TAMBON).order_by("code"))
    context["tambons"] = _tambon_rows(tambons, version)
    if version is None:
        return render(request, "integration/district_plan.html", context)
    perms = plan_access.plan_permissions(request.user, version)
    editable = perms.edit
    if editable:
        # Suggestions are made for items that arrived since (cheap: a few hundred items).
        alignment_services.alignments_refresh(user=request.user, version=version)
    items = _items(version)
    found = services.cross_tambon(version) if version.is_editable else []
    blockers = services.blockers(version) if version.is_editable else None
    context.update(
        {
            "perms": perms,
            "editable": editable,
            "issues": items["issues"],
            "count": items["count"],
            "budget": items["budget"],
            "pairs": _pairs(found, items["by_lineage"]),
            "undecided": sum(1 for f in found if not f.decided),
            "blockers": blockers,
            "aligned": items["aligned"],
            "suggested": items["suggested"],
            "nodes": _node_choices(version) if editable else [],
            "approve_form": ApproveForm() if editable else None,
            "add_form": AddItemForm() if editable else None,
            "can_send": perms.publish,
            "revise_form": RevisionForm() if perms.revise else None,
            "versions": list(plan.versions.order_by("number")) if plan else [],
            "can_decide": access.can(request.user, Capability.DECIDE_DUPLICATES, district.code),
            "next": request.get_full_path(),
        }
    )
    return render(request, "integration/district_plan.html", context)


def _tambon_rows(tambons: list[Area], version: PlanVersion | None) -> list[dict[str, Any]]:
    approved = set(
        Plan.objects.filter(
            area__in=tambons,
            level=PlanLevel.TAMBON,
            versions__status=VersionStatus.APPROVED,
        ).values_list("area_id", flat=True)
    )
    sent: dict[str, int] = defaultdict(int)
    if version is not None:
        for tambon in ItemLink.objects.filter(
            target__items__version=version, kind=LinkKind.SELECTED_FOR
        ).values_list("source__plan__area_id", flat=True):
            sent[tambon] += 1
    return [
        {"tambon": t, "sent": sent.get(t.code, 0), "approved": t.code in approved} for t in tambons
    ]


def _items(version: PlanVersion) -> dict[str, Any]:
    """The version's items by province issue, each with the tambons it came from, its
    budget and its alignments (a fixed number of queries)."""
    items = list(
        version.items.select_related("category")
        .prefetch_related(
            Prefetch("budgets", queryset=PlanItemBudget.objects.only("item_id", "amount")),
            "villages",
        )
        .order_by("priority", "pk")
    )
    lineages = [i.lineage_id for i in items]
    sources: dict[UUID, list[ItemLink]] = defaultdict(list)
    for link in ItemLink.objects.filter(
        target_id__in=lineages, kind=LinkKind.SELECTED_FOR
    ).select_related("source__plan__area"):
        sources[link.target_id].append(link)
    infos = {
        t.lineage_id: t
        for t in TambonItem.objects.filter(
            lineage_id__in=[link.source_id for links in sources.values() for link in links]
        ).select_related("issue")
    }
    alignments: dict[UUID, list[ItemAlignment]] = defaultdict(list)
    for kept in (
        ItemAlignment.objects.filter(lineage_id__in=lineages)
        .exclude(status=AlignmentStatus.REJECTED)
        .select_related("node__framework")
        .order_by("node__sort_key")
    ):
        kept.kind_short = KIND_SHORT.get(kept.node.framework.kind, "")  # type: ignore[attr-defined]
        alignments[kept.lineage_id].append(kept)
    for rows_ in alignments.values():
        rows_.sort(key=lambda r: _SHOWN_ORDER.index(r.node.framework.kind))
    by_issue: dict[Any, list[dict[str, Any]]] = defaultdict(list)
    by_lineage: dict[UUID, dict[str, Any]] = {}
    total = Decimal(0)
    aligned = suggested = 0
    for item in items:
        links = sources.get(item.lineage_id, [])
        issue = next(
            (infos[link.source_id].issue for link in links if link.source_id in infos), None
        )
        budget = sum((b.amount for b in item.budgets.all()), Decimal(0))
        total += budget
        mine = alignments.get(item.lineage_id, [])
        provincial = [r for r in mine if r.node.framework.kind in _PROVINCIAL]
        if any(r.status == AlignmentStatus.CONFIRMED for r in provincial):
            aligned += 1
        suggested += sum(1 for r in mine if r.status == AlignmentStatus.SUGGESTED)
        row: dict[str, Any] = {
            "item": item,
            "tambons": sorted({link.source.plan.area.name_th for link in links}),
            "villages": len(item.villages.all()),
            "budget": budget,
            "alignments": mine,
            "provincial_ok": any(r.status == AlignmentStatus.CONFIRMED for r in provincial),
            "open": sum(1 for r in mine if r.status == AlignmentStatus.SUGGESTED),
        }
        by_issue[issue].append(row)
        by_lineage[item.lineage_id] = row
    issues = sorted(by_issue.items(), key=lambda kv: (kv[0] is None, kv[0].number if kv[0] else 0))
    return {
        "issues": [{"issue": issue, "rows": rows} for issue, rows in issues],
        "by_lineage": by_lineage,
        "count": len(items),
        "budget": total,
        "aligned": aligned,
        "suggested": suggested,
    }


_PROVINCIAL = frozenset({FrameworkKind.PROVINCE, FrameworkKind.PROVINCE_GROUP})
# Beside an item: the province's plan first (what approval needs), the nation's last.
_SHOWN_ORDER: list[str] = [
    FrameworkKind.PROVINCE_GROUP,
    FrameworkKind.PROVINCE,
    FrameworkKind.DISTRICT,
    FrameworkKind.LOCAL,
    FrameworkKind.NATIONAL_STRATEGY,
    FrameworkKind.MASTER_PLAN,
    FrameworkKind.NESDP,
]


def _pairs(found: list[Any], by_lineage: dict[UUID, dict[str, Any]]) -> list[dict[str, Any]]:
    rows = []
    for n, f in enumerate(found, start=1):
        sides = []
        for proposal in (f.a, f.b):
            lineage = UUID(proposal.key.removeprefix("item:"))
            sides.append(by_lineage.get(lineage))
        if None in sides:
            continue
        rows.append(
            {"found": f, "a": sides[0], "b": sides[1], "sides": sides, "anchor": f"pair-{n}"}
        )
    return rows


def _node_choices(version: PlanVersion) -> list[tuple[str, list[FrameworkNode]]]:
    """The nodes an item may be aligned with by hand, by framework (provincial plan first)."""
    from planlink.frameworks import selectors

    nodes = selectors.nodes_for(area_code=version.plan.area_id, fiscal_year=version.plan.first_year)
    grouped: dict[int, list[FrameworkNode]] = defaultdict(list)
    titles: dict[int, str] = {}
    for node in nodes:
        grouped[node.framework_id].append(node)
        titles[node.framework_id] = node.framework.title
    order = sorted(
        grouped, key=lambda f: (grouped[f][0].framework.kind not in _PROVINCIAL, titles[f])
    )
    return [(titles[f], grouped[f]) for f in order]


def _version(request: HttpRequest, pk: int) -> PlanVersion:
    version = get_object_or_404(
        PlanVersion.objects.select_related("plan__area"), pk=pk, plan__level=PlanLevel.DISTRICT
    )
    area_selectors.area_get(user=request.user, code=version.plan.area_id)
    return version


def _back(version: PlanVersion, anchor: str = "") -> HttpResponse:
    return redirect(_url(version.plan.area_id, version.plan, anchor))


@login_required
@require_POST
def district_merge(request: HttpRequest, pk: int) -> HttpResponse:
    version = _version(request, pk)
    wanted = [int(x) for x in request.POST.getlist("items") if x.isdigit()]
    items = list(version.items.filter(pk__in=wanted))
    into_pk = request.POST.get("into", "")
    into = next((i for i in items if str(i.pk) == into_pk), items[0] if items else None)
    if into is None or len(items) < 2:
        messages.error(request, _("Choose at least two items to merge."))
        return _back(version, "items")
    try:
        services.district_items_merge(
            user=request.user,
            items=items,
            into=into,
            reason=request.POST.get("reason", ""),
            title=request.POST.get("title", ""),
            add_budgets=request.POST.get("add_budgets") == "1",
        )
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
        return _back(version, request.POST.get("anchor", "items"))
    messages.success(
        request,
        _("%(n)s items merged into “%(title)s”; it keeps the links to every tambon they came from.")
        % {"n": len(items), "title": into.title},
    )
    return _back(version, "items")


@login_required
@require_POST
def alignment_decide(request: HttpRequest, pk: int) -> HttpResponse:
    row = get_object_or_404(ItemAlignment.objects.select_related("node__framework"), pk=pk)
    item = (
        PlanItem.objects.filter(lineage_id=row.lineage_id)
        .select_related("version__plan")
        .order_by("-version__number")
        .first()
    )
    if item is None or item.version.plan.level != PlanLevel.DISTRICT:
        raise Http404
    try:
        alignment_services.alignment_decide(
            user=request.user, alignment=row, confirm=request.POST.get("confirm") == "1"
        )
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
    return _back(item.version, f"item-{item.pk}")


@login_required
@require_POST
def alignment_add(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(
        PlanItem.objects.select_related("version__plan"), pk=pk,
        version__plan__level=PlanLevel.DISTRICT,
    )  # fmt: skip
    node = get_object_or_404(FrameworkNode, pk=request.POST.get("node") or 0)
    try:
        alignment_services.alignment_add(user=request.user, item=item, node=node)
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
    return _back(item.version, f"item-{item.pk}")


@login_required
@require_POST
def alignments_confirm_all(request: HttpRequest, pk: int) -> HttpResponse:
    version = _version(request, pk)
    wanted = request.POST.get("item", "")
    item = version.items.filter(pk=int(wanted)).first() if wanted.isdigit() else None
    try:
        n = alignment_services.alignments_confirm_all(user=request.user, version=version, item=item)
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
    else:
        messages.success(request, _("%(n)s suggested alignments confirmed.") % {"n": n})
    return _back(version, f"item-{item.pk}" if item else "alignment")


@login_required
@require_POST
def district_approve(request: HttpRequest, pk: int) -> HttpResponse:
    version = _version(request, pk)
    form = ApproveForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(str(e) for e in errors))
        return _back(version, "approve")
    try:
        services.district_plan_approve(user=request.user, version=version, **form.cleaned_data)
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
        return _back(version, "approve")
    messages.success(
        request,
        _(
            "The district committee's approval is recorded; the plan is locked. "
            "Send it to the province next."
        ),
    )
    return _back(version)


@login_required
@require_POST
def district_send(request: HttpRequest, pk: int) -> HttpResponse:
    version = _version(request, pk)
    try:
        services.district_plan_send(user=request.user, version=version)
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
    else:
        messages.success(request, _("The district development plan was sent to the province."))
    return _back(version)


@login_required
@require_POST
def district_revise(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(Plan, pk=pk, level=PlanLevel.DISTRICT)
    area_selectors.area_get(user=request.user, code=plan.area_id)
    form = RevisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the plan changes."))
        return redirect(_url(plan.area_id, plan))
    try:
        draft = revision_start(
            user=request.user,
            plan=plan,
            kind=form.cleaned_data["kind"],
            reason=form.cleaned_data["reason"],
        )
    except PermissionDenied:
        raise
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
    else:
        messages.success(request, _("%(label)s started as a draft.") % {"label": draft.label})
    return redirect(_url(plan.area_id, plan))


@login_required
def district_coverage_page(request: HttpRequest, code: str) -> HttpResponse:
    """Coverage and gaps: issues × tambons, strategies and problems no item serves, villages
    whose needs never went up, and the indicator each item is meant to move."""
    from planlink.integration.coverage import district_coverage

    district = _district(request, code)
    plan = _plan(district, request.GET.get("year", ""))
    version = plan.versions.order_by("-number").first() if plan else None
    return render(
        request,
        "integration/district_coverage.html",
        {
            "area": district,
            "plan": plan,
            "version": version,
            "coverage": district_coverage(version) if version else None,
            "crumbs": area_selectors.breadcrumbs(user=request.user, area=district),
        },
    )


@login_required
def district_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    """The district plan's workbook: cover, summary by issue, the project table."""
    from planlink.integration import district_documents
    from planlink.reports.xlsx import xlsx_download

    version = _version(request, pk)
    return xlsx_download(
        district_documents.district_workbook(version),
        f"{district_documents.file_stem(version)}.xlsx",
    )


@login_required
@require_POST
def district_add(request: HttpRequest, pk: int) -> HttpResponse:
    version = _version(request, pk)
    form = AddItemForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(str(e) for e in errors))
        return _back(version, "add")
    d = form.cleaned_data
    try:
        item = services.district_item_add(
            user=request.user,
            version=version,
            title=d["title"],
            category_id=d["category"].pk,
            reason=d["reason"],
            budget=d["budget"],
            objective=d["objective"],
            kpi=d["kpi"],
            responsible_agency=d["responsible_agency"],
        )
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
        return _back(version, "add")
    messages.success(request, _("Added: %(title)s") % {"title": item.title})
    return _back(version, f"item-{item.pk}")
