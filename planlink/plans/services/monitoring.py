"""Villagers' monitoring and evaluation of their plan's items (seed item 7)."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from planlink.accounts import plan_access
from planlink.plans.freetext import refuse_citizen_ids
from planlink.plans.locking import EditConflict, claim, lock_row
from planlink.plans.models import (
    Evaluation,
    ItemStatus,
    MonitoringMember,
    PlanItem,
    PlanSettings,
    ProgressReport,
    ReportPhoto,
    VersionStatus,
)
from planlink.plans.services.common import (
    PHOTO_TYPES,
    _audit,
)
from planlink.plans.services.items import item_status_set

# --- Monitoring and evaluation ---------------------------------------------------------------


def monitors_set(
    *,
    user: Any,
    item: PlanItem,
    people: Sequence[tuple[str, str]],
    monitors_version: int | None = None,
) -> None:
    """Replace the item's monitoring team. `monitors_version` is the team's version the form
    was loaded from (None: whatever it is now); a stale one raises EditConflict."""
    plan_access.require_report_progress(user, item.version.plan)
    refuse_citizen_ids({"people": people})
    with transaction.atomic():
        item.monitors_version = claim(
            PlanItem, item.pk, monitors_version, counter="monitors_version"
        ).monitors_version
        item.monitors.all().delete()
        MonitoringMember.objects.bulk_create(
            MonitoringMember(item=item, name=n.strip(), role=r.strip())
            for n, r in people
            if n.strip()
        )


def _check_photo(photo: UploadedFile[Any], limit: int) -> str:
    if photo.size is None or photo.size > limit:
        raise ValidationError(
            f"รูปใหญ่เกิน {limit // (1024 * 1024)} MB / the photo is larger than "
            f"{limit // (1024 * 1024)} MB"
        )
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(photo) as image:
            image.verify()
            kind = Image.MIME.get(image.format or "", "")
    except (UnidentifiedImageError, OSError) as exc:
        raise ValidationError(
            "ไฟล์นี้ไม่ใช่รูปภาพ JPEG/PNG/WebP / not a JPEG, PNG or WebP photo"
        ) from exc
    photo.seek(0)
    if kind not in PHOTO_TYPES:
        raise ValidationError("รับเฉพาะรูป JPEG, PNG หรือ WebP / only JPEG, PNG or WebP photos")
    return PHOTO_TYPES[kind]


@transaction.atomic
def progress_report_add(
    *,
    user: Any,
    item: PlanItem,
    reported_on: date,
    percent_done: int,
    money_spent: Decimal = Decimal("0"),
    contribution_cash: Decimal = Decimal("0"),
    contribution_labour_days: Decimal = Decimal("0"),
    note: str = "",
    photos: Sequence[tuple[UploadedFile[Any], str]] = (),
) -> ProgressReport:
    plan_access.require_report_progress(user, item.version.plan)
    lock_row(PlanItem, item.pk)  # reports at the same time raise the item's status in turn
    if item.version.status not in (VersionStatus.APPROVED, VersionStatus.PUBLISHED):
        raise ValidationError(
            "รายงานความก้าวหน้าได้เมื่อแผนได้รับอนุมัติแล้ว / progress is reported on an approved plan"
        )
    if reported_on > timezone.localdate():
        raise ValidationError("วันที่รายงานเป็นวันในอนาคต / the report date is in the future")
    refuse_citizen_ids({"note": note, "caption": [caption for _photo, caption in photos]})
    limit = PlanSettings.current().photo_max_bytes
    checked = [(photo, caption, _check_photo(photo, limit)) for photo, caption in photos]
    report = ProgressReport(
        item=item,
        reported_on=reported_on,
        percent_done=percent_done,
        money_spent=money_spent,
        contribution_cash=contribution_cash,
        contribution_labour_days=contribution_labour_days,
        note=note,
        reported_by=user,
    )
    report.full_clean(exclude=["item", "reported_by"])
    _audit(report, user)
    report.save()
    for photo, caption, _suffix in checked:
        ReportPhoto.objects.create(
            report=report, token=secrets.token_hex(8), image=photo, caption=caption[:200]
        )
    if percent_done > 0 and item.status == ItemStatus.PROPOSED:
        item_status_set(user=user, item=item, status=ItemStatus.IN_PROGRESS)
    if percent_done == 100 and item.status != ItemStatus.DONE:
        item_status_set(user=user, item=item, status=ItemStatus.DONE)
    return report


@transaction.atomic
def evaluation_save(
    *,
    user: Any,
    item: PlanItem,
    evaluated_on: date,
    kpi_reached: bool,
    satisfaction: int,
    lessons: str = "",
    row_version: int | None = None,
) -> Evaluation:
    """Record or correct the item's evaluation. `row_version` is the evaluation's version the
    form was loaded from, 0 if there was none yet (None: save over whatever is there); a
    stale one raises EditConflict (with the evaluation as stored now) and nothing changes."""
    plan_access.require_report_progress(user, item.version.plan)
    refuse_citizen_ids({"lessons": lessons})
    lock_row(PlanItem, item.pk)  # two first evaluations of the item come one after the other
    existing = Evaluation.objects.filter(item=item).first()
    if existing is None:
        if row_version:  # the form showed an evaluation that is gone now
            raise EditConflict(None)
        evaluation = Evaluation(item=item)
    elif row_version == 0:  # someone evaluated it after the form was loaded empty
        raise EditConflict(existing)
    else:
        evaluation = claim(Evaluation, existing.pk, row_version)
    evaluation.evaluated_on, evaluation.kpi_reached = evaluated_on, kpi_reached
    evaluation.satisfaction, evaluation.lessons = satisfaction, lessons
    evaluation.full_clean(exclude=["item"])
    _audit(evaluation, user)
    try:
        with transaction.atomic():
            evaluation.save()
    except IntegrityError as exc:  # two first evaluations at once: one item, one evaluation
        raise EditConflict(Evaluation.objects.filter(item=item).first()) from exc
    return evaluation
