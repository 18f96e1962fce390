"""An area's planning pages: the village's working groups, the overview of plans below an area."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from planlink.accounts import access, plan_access
from planlink.accounts.roles import Capability
from planlink.areas import selectors as area_selectors
from planlink.areas.models import Area, AreaLevel, LocalGovernment
from planlink.core.dates import long_be_date
from planlink.plans import conflicts, selectors, services
from planlink.plans.forms import (
    WorkingGroupForm,
    with_row_version,
)
from planlink.plans.locking import EditConflict
from planlink.plans.models import (
    PlanLevel,
    PlanSettings,
    VersionStatus,
    WorkingGroup,
)
from planlink.plans.views.common import (
    _crumbs,
    _refused,
    _village,
)
from planlink.plans.views.progress import (
    _people,
)
from planlink.reports.xlsx import Sheet, workbook_bytes, xlsx_download


@login_required
def working_groups(request: HttpRequest, code: str) -> HttpResponse:
    village = _village(request, code)
    can_edit = plan_access.can_create(request.user, PlanLevel.VILLAGE, village.code)
    editing = None
    form = None
    conflict = None
    if can_edit:
        group_id = request.GET.get("edit") or request.POST.get("group")
        editing = (
            WorkingGroup.objects.filter(area=village, pk=group_id).first() if group_id else None
        )
        if group_id and editing is None:
            raise Http404
        initial = (
            {
                "name": editing.name,
                "people": _people(editing.members.all()),
                "row_version": editing.row_version,
            }
            if editing
            else {}
        )
        form = WorkingGroupForm(request.POST or None, initial=initial, editing=editing is not None)
        if request.method == "POST" and form.is_valid():
            try:
                services.working_group_save(
                    user=request.user,
                    area=village,
                    name=form.cleaned_data["name"],
                    members=form.pairs(),
                    group=editing,
                    row_version=form.cleaned_data.get("row_version"),
                )
            except EditConflict as refused:
                current = refused.current
                if current is None:  # groups are not removed; a forged id lands here
                    raise Http404 from refused
                label = {name: str(f.label) for name, f in form.fields.items()}
                conflict = conflicts.conflict(
                    current,
                    conflicts.compare(
                        [
                            (label["name"], current.name, form.cleaned_data["name"].strip()),
                            (
                                label["people"],
                                _people(current.members.all()),
                                conflicts.people_text(form.pairs()),
                            ),
                        ]
                    ),
                )
                with_row_version(form, current.row_version)
                editing = current
            except ValidationError as exc:
                _refused(form, exc)
            else:
                messages.success(request, _("Working group saved."))
                return redirect("plans:working_groups", code=village.code)
    elif request.method == "POST":
        raise PermissionDenied
    groups = WorkingGroup.objects.filter(area=village).prefetch_related("members")
    status = 409 if conflict else 422 if form is not None and form.errors else 200
    return render(
        request,
        "plans/working_groups.html",
        {
            "area": village,
            "crumbs": _crumbs(request, village),
            "groups": groups,
            "form": form,
            "editing": editing,
            "can_edit": can_edit,
            "conflict": conflict,
        },
        status=status,
    )


def _filters(request: HttpRequest) -> selectors.OverviewFilters:
    """The overview's filters from the query string; an unknown status is ignored."""
    status = request.GET.get("status", "")
    if status not in {selectors.NO_PLAN, *VersionStatus.values}:
        status = ""
    return selectors.OverviewFilters(
        status=status,
        below=request.GET.get("below") == "1",
        overdue=request.GET.get("overdue") == "1",
        late=request.GET.get("late") == "1",
    )


def _filter_query(filters: selectors.OverviewFilters) -> str:
    params = {
        "status": filters.status,
        "below": "1" if filters.below else "",
        "overdue": "1" if filters.overdue else "",
        "late": "1" if filters.late else "",
    }
    return urlencode({k: v for k, v in params.items() if v})


@login_required
def plans_overview(request: HttpRequest, code: str) -> HttpResponse:
    """The village plans under a province, district or tambon, one level down at a time:
    a province lists its districts, a district its tambons, a tambon its villages. A local
    government's code goes to its own page of what its villages ask of it."""
    if (
        not Area.objects.filter(code=code).exists()
        and LocalGovernment.objects.filter(code=code).exists()
    ):
        return redirect("plans:lao_plans", code=code)
    area = area_selectors.area_get(user=request.user, code=code)
    if area.level == AreaLevel.VILLAGE:
        return redirect("plans:plan", code=area.code)
    filters = _filters(request)
    rollup = selectors.overview_rollup(
        user=request.user, area=area, today=timezone.localdate(), filters=filters
    )
    return render(
        request,
        "plans/overview.html",
        {
            "area": area,
            "crumbs": _crumbs(request, area),
            "rollup": rollup,
            # A tambon's villages, as the page listed them before (and tests read).
            "overview": selectors.Overview(rows=rollup.villages),
            "threshold": PlanSettings.current().self_reliance_threshold,
            "filters": filters,
            "query": _filter_query(filters),
            "statuses": [(selectors.NO_PLAN, _("no plan yet")), *VersionStatus.choices],
            "child_label": {
                AreaLevel.PROVINCE: _("District"),
                AreaLevel.DISTRICT: _("Tambon"),
            }.get(AreaLevel(area.level), _("Village")),
        },
    )


def _status_words(row: selectors.VillagePlanRow) -> str:
    if row.version is None:
        return _("no plan yet")
    return f"{row.version.label} · {row.version.get_status_display()}"


@login_required
def plans_overview_xlsx(request: HttpRequest, code: str) -> HttpResponse:
    """The overview as a workbook: the rows one level down, and every village under the
    area that the filters keep (the list a page never shows at once), A4 print set up."""
    area = area_selectors.area_get(user=request.user, code=code)
    if area.level == AreaLevel.VILLAGE:
        raise Http404
    filters = _filters(request)
    today = timezone.localdate()
    rollup = selectors.overview_rollup(user=request.user, area=area, today=today, filters=filters)
    threshold = PlanSettings.current().self_reliance_threshold
    notes = [
        f"ภาพรวมแผนหมู่บ้าน — {area.display_name} ({area.code})",
        f"ข้อมูล ณ วันที่ {today.day}/{today.month}/{today.year + 543}"
        f" · เกณฑ์พึ่งตนเอง (ทำเอง) ไม่น้อยกว่าร้อยละ {threshold:.0f}",
    ]
    if filters.active:
        notes.append("กรองแล้ว: " + _filter_words(filters))
    if rollup.due:
        notes.append(
            f"ปฏิทินปีงบประมาณ {rollup.year}: "
            + " · ".join(
                f"{label} ภายใน {long_be_date(day)}" for _s, label, day in rollup.deadlines
            )
        )
    summary_header = [
        "รหัส",
        "พื้นที่",
        "หมู่บ้าน",
        "มีแผนแล้ว",
        "ยังไม่มีแผน",
        "ร่าง",
        "รอตรวจ/ตรวจแล้ว",
        "อนุมัติแล้ว",
        "ประกาศแล้ว",
        "ตัดสินเกณฑ์ได้ (มีรายการ)",
        "ต่ำกว่าเกณฑ์พึ่งตนเอง",
        "ร้อยละต่ำกว่าเกณฑ์",
        "รายการเลยกำหนด",
        "หมู่บ้านที่มีรายการเลยกำหนด",
        "หมู่บ้านที่ยังไม่ตรวจแผน (เลยกำหนด)",
        "ตำบลที่ยังไม่รวบรวมแผน (เลยกำหนด)",
        "ตำบลที่ยังไม่จัดประชาคม (เลยกำหนด)",
        "ตำบลที่ยังไม่ส่งอำเภอ (เลยกำหนด)",
    ]

    def summary(row: selectors.RollupRow) -> list[object]:
        return [
            row.area.code,
            row.area.display_name,
            row.villages,
            row.with_plan,
            row.without_plan,
            row.status_count(VersionStatus.DRAFT),
            row.in_review,
            row.status_count(VersionStatus.APPROVED),
            row.status_count(VersionStatus.PUBLISHED),
            row.judged,
            row.below,
            row.below_share,
            row.overdue_items,
            row.overdue_villages,
            row.review_late,
            *(row.tambons_late.get(step, 0) for step in selectors.TAMBON_STEPS),
        ]

    sheets = []
    if rollup.children:
        sheets.append(
            Sheet(
                title=f"สรุปราย{'อำเภอ' if area.level == AreaLevel.PROVINCE else 'ตำบล'}",
                header=summary_header,
                rows=[
                    *(summary(r) for r in rollup.children),
                    ["", "รวม", *summary(rollup.total)[2:]],
                ],
                number_formats={11: "0.0"},
                notes=notes,
            )
        )
    everyone = rollup.rows
    names = dict(
        Area.objects.filter(
            code__in={r.village.code[:n] for r in everyone for n in (4, 6)}
        ).values_list("code", "name_th")
    )
    sheets.append(
        Sheet(
            title="หมู่บ้าน",
            header=[
                "รหัสหมู่บ้าน",
                "อำเภอ",
                "ตำบล",
                "หมู่ที่",
                "หมู่บ้าน",
                "แผน / สถานะ",
                "จำนวนรายการ",
                "ร้อยละทำเอง",
                "ต่ำกว่าเกณฑ์",
                "รายการเลยกำหนด",
                "ตรวจแผนล่าช้า (วัน)",
            ],
            rows=[
                [
                    r.village.code,
                    names.get(r.village.code[:4], ""),
                    names.get(r.village.code[:6], ""),
                    r.village.moo,
                    r.village.name_th,
                    _status_words(r),
                    r.items,
                    r.reliance.share if r.reliance and r.reliance.items else None,
                    "ต่ำกว่าเกณฑ์" if r.below else "",
                    r.overdue,
                    r.review_late,
                ]
                for r in everyone
            ],
            number_formats={7: "0.0"},
            notes=notes,
        )
    )
    data = workbook_bytes(sheets, title=notes[0])  # with its A4 print setup
    return xlsx_download(data, f"แผนหมู่บ้าน-{area.code}.xlsx")


def _filter_words(filters: selectors.OverviewFilters) -> str:
    words = []
    if filters.status:
        labels = dict([(selectors.NO_PLAN, "ยังไม่มีแผน"), *VersionStatus.choices])
        words.append(f"สถานะ {labels[filters.status]}")
    if filters.below:
        words.append("เฉพาะหมู่บ้านที่ต่ำกว่าเกณฑ์พึ่งตนเอง")
    if filters.overdue:
        words.append("เฉพาะหมู่บ้านที่มีรายการเลยกำหนด")
    if filters.late:
        words.append("เฉพาะที่ล่าช้ากว่าปฏิทินของจังหวัด")
    return ", ".join(words)


def _lao_requests(request: HttpRequest, code: str) -> tuple[Any, Any, Any]:
    lao, villages = area_selectors.local_government_get(user=request.user, code=code)
    found = selectors.local_government_requests(
        user=request.user,
        local_government=lao,
        villages=villages,
        today=timezone.localdate(),
        tambon=request.GET.get("tambon", ""),
    )
    return lao, villages, found


@login_required
def local_government_plans(request: HttpRequest, code: str) -> HttpResponse:
    """What the villages a local government covers ask of it: the items of their current
    village plans done jointly (ทำร่วม) or asking for support (ขอรับการสนับสนุน) from this
    local government, grouped by village (by tambon first when there are many). Only those
    who may see the local government open it (a role on it, or on an area holding villages
    it covers: then only those villages)."""
    lao, villages, found = _lao_requests(request, code)
    return render(
        request,
        "plans/local_government_plans.html",
        {
            "lao": lao,
            "villages": villages,
            "found": found,
            "crumbs": [
                *area_selectors.breadcrumbs(user=request.user, area=lao.seat),
                area_selectors.Crumb(
                    lao.seat, access.can(request.user, Capability.VIEW_AREA, lao.seat)
                ),
            ],
        },
    )


@login_required
def local_government_plans_xlsx(request: HttpRequest, code: str) -> HttpResponse:
    """Every item the page lists, for all tambons, as a workbook (A4 landscape)."""
    lao, villages, found = _lao_requests(request, code)
    today = timezone.localdate()
    notes = [
        f"สิ่งที่หมู่บ้านขอรับการสนับสนุนจาก {lao.name_th}",
        f"ข้อมูล ณ วันที่ {today.day}/{today.month}/{today.year + 543}"
        " · รายการแบบทำร่วมและขอรับการสนับสนุนในแผนหมู่บ้านฉบับปัจจุบัน",
    ]
    if villages.outside:
        notes.append(f"เฉพาะหมู่บ้านในพื้นที่ของท่าน ({len(villages.visible):,} จาก {villages.total:,})")
    rows = [
        [
            group.village.code,
            tambon.tambon.name_th,
            group.village.moo,
            group.village.name_th,
            f"{group.version.label} · {group.version.get_status_display()}",
            row.item.priority,
            row.item.title,
            row.item.get_mode_display(),
            row.item.category.name_th,
            row.item.total_budget,
            row.item.funding_agency or "ไม่ระบุ อปท.",
            row.item.end_date,
            "เลยกำหนด" if row.overdue else "",
        ]
        for tambon in found.tambons
        for group in tambon.villages
        for row in group.items
    ]
    sheet = Sheet(
        title="รายการขอรับการสนับสนุน",
        header=[
            "รหัสหมู่บ้าน",
            "ตำบล",
            "หมู่ที่",
            "หมู่บ้าน",
            "แผน / สถานะ",
            "ลำดับความสำคัญ",
            "โครงการ/กิจกรรม",
            "วิธีดำเนินการ",
            "ด้าน",
            "งบประมาณ (บาท)",
            "หน่วยงานที่ขอรับการสนับสนุน",
            "กำหนดแล้วเสร็จ",
            "ติดตาม",
        ],
        rows=rows,
        number_formats={9: "#,##0"},
        notes=notes,
    )
    data = workbook_bytes([sheet], title=notes[0])
    return xlsx_download(data, f"ขอรับการสนับสนุน-{lao.code}.xlsx")
