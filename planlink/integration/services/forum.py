"""The tambon civic forum (ประชาคมตำบล): its record, its paper tally entered screen by screen
(one issue at a time, numbers only), and the approval of the tambon plan it gives.

A tally screen carries a token made when it was shown: sending it twice (a second tap, a
connection that dropped after the server saved) saves it once. Saving a screen replaces the
numbers of that issue (of that ballot, for Borda), so a corrected tally never adds up twice.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from planlink.accounts import plan_access
from planlink.frameworks.models import ProvinceIssue
from planlink.integration.models import (
    Forum,
    ForumMethod,
    ForumTally,
    ParticipantGroup,
    ReviewAction,
    ReviewEntry,
    TallySubmission,
    TambonItem,
)
from planlink.integration.services.review import require_tambon_draft
from planlink.plans.freetext import refuse_citizen_ids
from planlink.plans.models import ItemStatus, PlanItem, PlanVersion, VersionStatus
from planlink.plans.services.common import _audit

GROUPS = tuple(ParticipantGroup.values)
MINUTES_TYPES = {"pdf", "jpg", "jpeg", "png", "docx", "doc"}
MAX_MINUTES_BYTES = 15 * 1024 * 1024


@dataclass(frozen=True)
class ForumData:
    held_on: date
    place: str
    method: str
    attendance: Mapping[str, int]  # participant group → people
    note: str = ""


@transaction.atomic
def forum_record(
    *,
    user: Any,
    version: PlanVersion,
    data: ForumData,
    minutes: UploadedFile[bytes] | None = None,
) -> Forum:
    """Record (or correct) the forum of the tambon plan's draft."""
    require_tambon_draft(user, version)
    if data.method not in ForumMethod.values:
        raise ValidationError("เลือกวิธีจัดลำดับ / choose how the forum ranks")
    place = " ".join(data.place.split())
    if not place:
        raise ValidationError("กรุณากรอกสถานที่จัดประชาคม / where was the forum held?")
    if data.held_on > timezone.localdate():
        raise ValidationError("วันประชาคมต้องไม่เป็นวันในอนาคต / the forum's date is in the future")
    counts = {g: int(data.attendance.get(g, 0) or 0) for g in GROUPS}
    if any(n < 0 for n in counts.values()):
        raise ValidationError("จำนวนผู้เข้าร่วมต้องไม่ติดลบ / attendance cannot be negative")
    if sum(counts.values()) == 0:
        raise ValidationError("กรุณากรอกจำนวนผู้เข้าร่วม / how many people came?")
    refuse_citizen_ids({"place": place, "note": data.note})
    forum = Forum.objects.filter(version=version).first()
    if forum is not None and forum.method != data.method and forum.tallies.exists():
        raise ValidationError(
            "บันทึกผลการลงคะแนนด้วยวิธีเดิมไว้แล้ว ล้างผลเดิมก่อนเปลี่ยนวิธี / the tally was "
            "entered by the other method: clear it before changing the method"
        )
    forum = forum or Forum(version=version)
    forum.held_on = data.held_on
    forum.place = place
    forum.method = data.method
    for group, n in counts.items():
        setattr(forum, group, n)
    forum.note = data.note.strip()
    forum.recorded_by = user
    if minutes is not None:
        _check_minutes(minutes)
        forum.minutes.save(minutes.name or "minutes", minutes, save=False)
    _audit(forum, user)
    forum.save()
    return forum


def _check_minutes(upload: UploadedFile[bytes]) -> None:
    suffix = (upload.name or "").rsplit(".", 1)[-1].lower()
    if suffix not in MINUTES_TYPES:
        raise ValidationError(
            "รายงานการประชุมต้องเป็นไฟล์ PDF รูปภาพ หรือ Word / the minutes must be a PDF, an image or "
            "a Word file"
        )
    if (upload.size or 0) > MAX_MINUTES_BYTES:
        raise ValidationError(
            f"ไฟล์รายงานการประชุมใหญ่เกิน {MAX_MINUTES_BYTES // (1024 * 1024)} MB / the minutes file "
            f"is larger than {MAX_MINUTES_BYTES // (1024 * 1024)} MB"
        )


def issue_items(version: PlanVersion, issue: ProvinceIssue) -> list[PlanItem]:
    """The items the forum ranks in an issue: filed under it, not dropped, in plan order."""
    lineages = TambonItem.objects.filter(lineage__plan_id=version.plan_id, issue=issue).values_list(
        "lineage_id", flat=True
    )
    return list(
        version.items.filter(lineage_id__in=list(lineages))
        .exclude(status=ItemStatus.DROPPED)
        .order_by("priority", "id")
    )


def _number(raw: object, where: str) -> Decimal:
    text = str(raw).strip()
    if text == "":
        return Decimal(0)
    try:
        value = Decimal(text.replace(",", ""))
    except InvalidOperation as exc:
        raise ValidationError(f"{where}: ต้องเป็นตัวเลข / must be a number") from exc
    if value < 0 or value != value.quantize(Decimal("0.01")):
        raise ValidationError(f"{where}: ตัวเลขไม่ถูกต้อง / not a valid count")
    return value


@dataclass(frozen=True)
class TallyResult:
    saved: bool  # False: this screen was saved already (the same token)
    ballot: int = 0


@transaction.atomic
def tally_save(
    *,
    user: Any,
    forum: Forum,
    issue: ProvinceIssue,
    token: str,
    values: Mapping[str, object],
    ballot: int | None = None,
) -> TallyResult:
    """One tally screen. `values` keys: "<item id>" (hands: its votes; Borda: its place on
    this ballot) or "<item id>:<group>" (scores). Borda: `ballot` None adds a new ballot."""
    version = forum.version
    require_tambon_draft(user, version)
    token = token.strip()[:64]
    if not token:
        raise ValidationError("แบบฟอร์มไม่สมบูรณ์ กรุณาเปิดหน้านี้ใหม่ / reload the page")
    if TallySubmission.objects.filter(forum=forum, token=token).exists():
        return TallyResult(saved=False)
    items = {str(i.pk): i for i in issue_items(version, issue)}
    if not items:
        raise ValidationError("ประเด็นนี้ยังไม่มีรายการให้ลงคะแนน / no items in this issue")
    rows: list[ForumTally] = []
    if forum.method == ForumMethod.SCORES:
        for key, item in items.items():
            for group in GROUPS:
                raw = values.get(f"{key}:{group}", "")
                value = _number(raw, f"{item.title[:40]} ({ParticipantGroup(group).label})")
                rows.append(_row(forum, issue, item, value, group=group))
        ForumTally.objects.filter(forum=forum, issue=issue).delete()
    elif forum.method == ForumMethod.HANDS:
        for key, item in items.items():
            value = _number(values.get(key, ""), item.title[:40])
            rows.append(_row(forum, issue, item, value))
        ForumTally.objects.filter(forum=forum, issue=issue).delete()
    else:
        ballot = ballot or (
            (
                ForumTally.objects.filter(forum=forum, issue=issue).aggregate(n=Max("ballot"))["n"]
                or 0
            )
            + 1
        )
        places: dict[int, PlanItem] = {}
        for key, item in items.items():
            value = _number(values.get(key, ""), item.title[:40])
            if value == 0:
                continue  # left off this ballot
            if value != int(value) or int(value) > len(items) or int(value) in places:
                raise ValidationError(
                    f"{item.title[:40]}: ลำดับต้องเป็น 1–{len(items)} และไม่ซ้ำกัน / each place "
                    f"1–{len(items)} once"
                )
            places[int(value)] = item
        if not places:
            raise ValidationError("บัตรนี้ยังไม่ได้เรียงลำดับ / this ballot ranks nothing")
        rows = [_row(forum, issue, item, Decimal(p), ballot=ballot) for p, item in places.items()]
        ForumTally.objects.filter(forum=forum, issue=issue, ballot=ballot).delete()
    ForumTally.objects.bulk_create(rows)
    try:
        with transaction.atomic():
            TallySubmission.objects.create(forum=forum, issue=issue, token=token, actor=user)
    except IntegrityError:  # the same screen, sent twice at once: the first one counts
        transaction.set_rollback(True)
        return TallyResult(saved=False)
    ReviewEntry.objects.create(
        version=version,
        action=ReviewAction.ACCEPT,
        actor=user,
        summary=f"บันทึกผลประชาคมตำบล ประเด็นที่ {issue.number}"
        + (f" บัตรที่ {ballot}" if forum.method == ForumMethod.BORDA else ""),
        items=[],
    )
    return TallyResult(saved=True, ballot=ballot or 0)


def _row(
    forum: Forum,
    issue: ProvinceIssue,
    item: PlanItem,
    value: Decimal,
    *,
    group: str = "",
    ballot: int = 0,
) -> ForumTally:
    return ForumTally(forum=forum, issue=issue, item=item, group=group, ballot=ballot, value=value)


@transaction.atomic
def ballot_remove(*, user: Any, forum: Forum, issue: ProvinceIssue, ballot: int) -> int:
    """A Borda ballot typed by mistake."""
    require_tambon_draft(user, forum.version)
    removed, _by_model = ForumTally.objects.filter(forum=forum, issue=issue, ballot=ballot).delete()
    return removed


@transaction.atomic
def tambon_plan_approve(*, user: Any, version: PlanVersion) -> PlanVersion:
    """The forum approved the tambon plan: every item kept is filed under a confirmed issue,
    and every issue that has items has its tally."""
    version = PlanVersion.objects.select_for_update().select_related("plan").get(pk=version.pk)
    require_tambon_draft(user, version)
    plan_access.require_step(user, version, VersionStatus.APPROVED)
    forum = Forum.objects.filter(version=version).first()
    if forum is None:
        raise ValidationError("ยังไม่ได้บันทึกประชาคมตำบล / record the civic forum first")
    kept = version.items.exclude(status=ItemStatus.DROPPED)
    infos = {
        t.lineage_id: t
        for t in TambonItem.objects.filter(lineage_id__in=kept.values_list("lineage_id"))
    }
    unfiled = [
        i.title
        for i in kept
        if not infos.get(i.lineage_id) or not infos[i.lineage_id].issue_confirmed_at
    ]
    if unfiled:
        raise ValidationError(
            f"ยังมี {len(unfiled)} รายการที่ยังไม่ได้ยืนยันประเด็น / {len(unfiled)} items are not "
            "filed under a confirmed issue"
        )
    issues = {infos[i.lineage_id].issue_id or 0 for i in kept}
    tallied = set(forum.tallies.values_list("issue_id", flat=True))
    missing = issues - tallied
    if missing:
        numbers = sorted(
            ProvinceIssue.objects.filter(pk__in=missing).values_list("number", flat=True)
        )
        raise ValidationError(
            "ยังไม่ได้บันทึกผลการลงคะแนนของประเด็นที่ "
            + ", ".join(str(n) for n in numbers)
            + " / the tally of these issues is missing"
        )
    version.status = VersionStatus.APPROVED
    version.assembly_date = forum.held_on
    version.assembly_attendance = forum.attendance
    version.reviewed_by = user
    version.reviewed_at = timezone.now()
    _audit(version, user, "approved by the tambon civic forum")
    version.save()
    ReviewEntry.objects.create(
        version=version,
        action=ReviewAction.ACCEPT,
        actor=user,
        summary=f"ประชาคมตำบลอนุมัติแผน ({forum.attendance} คน)",
        items=[],
    )
    return version
