from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from planlink.plans.models import PlanItem, PlanVersion, ProgressReport
from planlink.plans.services import (
    PlanLocked,
    evaluation_save,
    item_create,
    item_move,
    items_reorder,
    progress_report_add,
    reliance_of,
    revision_start,
    version_transition,
)
from planlink.plans.tests.conftest import data, png

pytestmark = pytest.mark.django_db


def approve(version, committee, officer, override=""):
    version_transition(user=None, version=version, target="submitted")
    version_transition(user=officer, version=version, target="reviewed", override_reason=override)
    version_transition(
        user=committee,
        version=version,
        target="approved",
        assembly_date=date.today() - timedelta(days=1),
        attendance=84,
        households=61,
    )
    return PlanVersion.objects.get(pk=version.pk)


def test_plan_starts_as_a_draft_with_working_groups(empty_village_plan):
    version = empty_village_plan.versions.get()
    assert (version.number, version.status, version.is_editable) == (0, "draft", True)
    assert empty_village_plan.area.working_groups.count() == 6


def test_items_priorities_and_reorder(plan_with_items, committee):
    version = plan_with_items.versions.get()
    titles = lambda: list(version.items.order_by("priority").values_list("title", flat=True))  # noqa: E731
    assert titles()[0].startswith("ก่อสร้างถนน")
    third = version.items.get(priority=3)
    item_move(user=committee, item=third, step=-2)
    assert titles()[0] == "ส่งเสริมการปลูกผักปลอดสารพิษ"
    assert list(version.items.order_by("priority").values_list("priority", flat=True)) == [1, 2, 3]
    with pytest.raises(ValidationError):
        items_reorder(user=committee, version=version, ordered_ids=[third.pk])


def test_budget_years_must_be_in_the_window(empty_village_plan, committee):
    version = empty_village_plan.versions.get()
    with pytest.raises(ValidationError, match="2575"):
        item_create(
            user=committee,
            version=version,
            data=data("ซ่อมแซมศาลาอเนกประสงค์", "request", budgets={2575: Decimal("1")}),
        )
    assert not version.items.exists()


def test_review_needs_the_officer_and_a_reason_below_30_percent(
    plan_with_items, committee, officer
):
    version = plan_with_items.versions.get()
    reliance = reliance_of(version)
    assert reliance.share == Decimal("33.3") and reliance.meets
    item_create(user=committee, version=version, data=data("ติดตั้งไฟฟ้าส่องสว่าง", "request"))
    assert not reliance_of(version).meets  # 1 of 4 = 25 %
    with pytest.raises(PermissionDenied, match="may not move this plan from draft to submitted"):
        version_transition(user=officer, version=version, target="submitted")  # the committee's
    version_transition(user=committee, version=version, target="submitted")
    with pytest.raises(PermissionDenied, match="may not move this plan from submitted to reviewed"):
        version_transition(user=committee, version=version, target="reviewed")  # the officer's
    with pytest.raises(ValidationError, match="needs a recorded reason"):
        version_transition(user=officer, version=version, target="reviewed")
    assert PlanVersion.objects.get(pk=version.pk).status == "submitted"
    reviewed = version_transition(
        user=officer,
        version=version,
        target="reviewed",
        override_reason="ปีนี้เน้นโครงสร้างพื้นฐานตามมติประชาคม",
    )
    assert reviewed.self_reliance_override.startswith("ปีนี้") and reviewed.reviewed_by == officer


def test_approval_needs_the_assembly_and_locks_the_plan(plan_with_items, committee, officer):
    version = plan_with_items.versions.get()
    version_transition(user=None, version=version, target="submitted")
    version_transition(user=officer, version=version, target="reviewed")
    with pytest.raises(ValidationError, match="assembly"):
        version_transition(user=committee, version=version, target="approved")
    with pytest.raises(ValidationError, match="future"):
        version_transition(
            user=committee,
            version=version,
            target="approved",
            assembly_date=date.today() + timedelta(days=3),
            attendance=10,
        )
    version = PlanVersion.objects.get(pk=version.pk)
    version_transition(
        user=committee,
        version=version,
        target="approved",
        assembly_date=date.today(),
        attendance=84,
        households=61,
    )
    version.refresh_from_db()
    assert (version.status, version.assembly_attendance) == ("approved", 84)
    with pytest.raises(PlanLocked):
        item_create(user=committee, version=version, data=data("โครงการใหม่", "self"))


def test_revision_copies_items_and_keeps_the_approved_version(plan_with_items, committee, officer):
    original = approve(plan_with_items.versions.get(), committee, officer)
    with pytest.raises(ValidationError, match="reason"):
        revision_start(user=committee, plan=plan_with_items, kind="addition", reason=" ")
    draft = revision_start(
        user=committee, plan=plan_with_items, kind="addition", reason="เพิ่มโครงการตามมติประชาคม"
    )
    assert (draft.number, draft.label, draft.based_on_id) == (1, "เพิ่มเติม ครั้งที่ 1", original.pk)
    copies = list(draft.items.order_by("priority"))
    originals = list(original.items.order_by("priority"))
    assert [c.title for c in copies] == [o.title for o in originals]
    assert [c.origin_id for c in copies] == [o.pk for o in originals]
    assert copies[0].total_budget == Decimal("650000.00")
    item_create(user=committee, version=draft, data=data("จัดตั้งกองทุนปุ๋ย", "self"))
    assert original.items.count() == 3 and draft.items.count() == 4  # the approved one unchanged
    with pytest.raises(ValidationError, match="already open"):
        revision_start(user=committee, plan=plan_with_items, kind="amendment", reason="x")


def test_progress_reports_with_photos_and_evaluation(plan_with_items, committee, officer):
    version = approve(plan_with_items.versions.get(), committee, officer)
    item = version.items.get(mode="self")
    report = progress_report_add(
        user=committee,
        item=item,
        reported_on=date.today(),
        percent_done=40,
        contribution_labour_days=Decimal("12.5"),
        note="ปลูกแล้ว 3 แปลง",
        photos=[(png(), "แปลงผักหน้าศาลา")],
    )
    assert report.photos.count() == 1
    assert PlanItem.objects.get(pk=item.pk).status == "in_progress"
    progress_report_add(user=committee, item=item, reported_on=date.today(), percent_done=100)
    assert PlanItem.objects.get(pk=item.pk).status == "done"
    evaluation = evaluation_save(
        user=committee,
        item=item,
        evaluated_on=date.today(),
        kpi_reached=True,
        satisfaction=4,
        lessons="ใช้ปุ๋ยหมักได้ผลดี",
    )
    assert evaluation.satisfaction == 4
    with pytest.raises(ValidationError):
        evaluation_save(
            user=committee, item=item, evaluated_on=date.today(), kpi_reached=True, satisfaction=9
        )


def test_photos_are_checked(plan_with_items, committee, officer, settings):
    version = approve(plan_with_items.versions.get(), committee, officer)
    item = version.items.first()
    before = ProgressReport.objects.count()
    fake = SimpleUploadedFile("photo.jpg", b"not an image at all", content_type="image/jpeg")
    with pytest.raises(ValidationError, match="not a JPEG"):
        progress_report_add(
            user=committee,
            item=item,
            reported_on=date.today(),
            percent_done=10,
            photos=[(fake, "")],
        )
    from planlink.plans.models import PlanSettings

    PlanSettings.objects.update_or_create(pk=1, defaults={"photo_max_bytes": 100})
    with pytest.raises(ValidationError, match="larger than"):
        progress_report_add(
            user=committee,
            item=item,
            reported_on=date.today(),
            percent_done=10,
            photos=[(png((200, 200)), "")],
        )
    assert ProgressReport.objects.count() == before


def test_no_progress_on_a_draft(plan_with_items, committee):
    item = plan_with_items.versions.get().items.first()
    with pytest.raises(ValidationError, match="approved plan"):
        progress_report_add(user=committee, item=item, reported_on=date.today(), percent_done=10)


def test_items_create_in_bulk_matches_one_by_one(empty_village_plan, committee):
    from planlink.plans.services import items_create

    version = empty_village_plan.versions.get()
    group = empty_village_plan.area.working_groups.first()
    created = items_create(
        user=committee,
        version=version,
        datas=[
            data(
                "ก่อสร้างถนน คสล. ซอย 1",
                "request",
                budgets={2570: Decimal("100000")},
                problems=[("bmn:9", "น้ำดื่ม", 2564, Decimal("5.0"))],
            ),
            data("ปลูกผักสวนครัว", "self", working_group_id=group.pk),
        ],
    )
    assert [(i.priority, i.title) for i in version.items.order_by("priority")] == [
        (1, "ก่อสร้างถนน คสล. ซอย 1"),
        (2, "ปลูกผักสวนครัว"),
    ]
    first = created[0]
    assert first.total_budget == Decimal("100000.00") and first.problems.get().key == "bmn:9"
    assert list(first.villages.values_list("code", flat=True)) == ["52010101"]
    assert first.history.count() == 1 and first.history.first().history_user == committee
    other_group = (
        __import__("planlink.plans.models", fromlist=["WorkingGroup"])
        .WorkingGroup.objects.exclude(area_id="52010101")
        .first()
    )
    with pytest.raises(ValidationError, match="working group"):
        items_create(
            user=committee,
            version=version,
            datas=[data("อื่น", "self", working_group_id=other_group.pk)],
        )
    assert version.items.count() == 2
