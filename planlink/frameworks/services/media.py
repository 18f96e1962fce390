"""The learning media library: the provincial offices add and remove media (a file kept here
or a link); national media (no province) only a role over the whole country adds."""

from __future__ import annotations

import secrets
import zipfile
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import URLValidator
from django.db import transaction

from planlink.accounts import access
from planlink.accounts.roles import Capability
from planlink.areas.models import Area
from planlink.core.filelimits import MAX_ZIP_ENTRIES, MB
from planlink.frameworks.models import AUDIENCE_FIELD, LearningMedium, Topic
from planlink.frameworks.services._common import (
    audit_as,
    one_line,
    refuse_citizen_ids,
    require_province,
)

DEFAULT_MAX_BYTES = 50 * MB  # settings.LEARNING_MEDIUM_MAX_BYTES overrides

# Suffix → the content type served. Each file is also recognised by its first bytes (a
# renamed file of another kind is refused).
MEDIUM_TYPES: dict[str, str] = {
    "pdf": "application/pdf",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "webp": "image/webp",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "mp4": "video/mp4",
}
# The part an Office file of each kind always has.
_OFFICE_PART = {"pptx": "ppt/presentation.xml", "docx": "word/document.xml"}


def max_bytes() -> int:
    return int(getattr(settings, "LEARNING_MEDIUM_MAX_BYTES", DEFAULT_MAX_BYTES))


@dataclass(frozen=True)
class MediumData:
    title: str
    topic: str
    audiences: tuple[str, ...] = field(default_factory=tuple)
    description: str = ""
    url: str = ""


def _kind_of(head: bytes, suffix: str) -> bool:
    """Do the first bytes of a file match its suffix?"""
    if suffix == "pdf":
        return head.startswith(b"%PDF-")
    if suffix in ("jpg", "jpeg"):
        return head.startswith(b"\xff\xd8\xff")
    if suffix == "png":
        return head.startswith(b"\x89PNG\r\n\x1a\n")
    if suffix == "webp":
        return head[:4] == b"RIFF" and head[8:12] == b"WEBP"
    if suffix == "mp4":
        return head[4:8] == b"ftyp"
    if suffix in _OFFICE_PART:
        return head.startswith(b"PK\x03\x04")
    return False


def check_upload(upload: UploadedFile[Any]) -> tuple[str, str]:
    """(suffix, content type) of an accepted file; ValidationError saying what is wrong."""
    name = upload.name or ""
    suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if suffix not in MEDIUM_TYPES:
        raise ValidationError(
            "รับเฉพาะไฟล์ PDF, รูปภาพ (JPEG, PNG, WebP), PowerPoint (.pptx), Word (.docx) หรือ "
            "วิดีโอ MP4 / only PDF, images (JPEG, PNG, WebP), PowerPoint (.pptx), Word (.docx) "
            "or MP4 video files are accepted"
        )
    limit = max_bytes()
    if upload.size is None or upload.size > limit:
        raise ValidationError(
            f"ไฟล์ใหญ่เกิน {limit // MB:,} MB วิดีโอหรือไฟล์ที่ใหญ่กว่านี้ให้ใส่เป็นลิงก์แทน / "
            f"the file is larger than {limit // MB:,} MB: give a link to a larger video or file"
        )
    if upload.size == 0:
        raise ValidationError("ไฟล์ว่างเปล่า / the file is empty")
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    ok = _kind_of(head, suffix)
    if ok and suffix in _OFFICE_PART:
        ok = _office_has_part(upload, _OFFICE_PART[suffix])
    if not ok:
        raise ValidationError(
            f"ไฟล์นี้ไม่ใช่ไฟล์ .{suffix} จริง (อาจเสียหายหรือเปลี่ยนนามสกุลมา) ให้เปิดแล้วบันทึกใหม่ / "
            f"this is not a real .{suffix} file (damaged or renamed): open it and save it again"
        )
    return suffix, MEDIUM_TYPES[suffix]


def _office_has_part(upload: UploadedFile[Any], part: str) -> bool:
    try:
        with zipfile.ZipFile(upload) as book:
            names = book.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    finally:
        upload.seek(0)
    return len(names) <= MAX_ZIP_ENTRIES and part in names


def _require(user: Any, province: Area | None) -> None:
    if province is None:
        if user is not None and access.EVERYWHERE not in access.roots(
            user, Capability.SET_FRAMEWORKS
        ):
            raise PermissionDenied
        return
    require_province(
        user,
        province,
        "สื่อการเรียนรู้เพิ่มได้ที่ระดับจังหวัดเท่านั้น / learning media are added by a province",
    )


def _clean_url(url: str) -> str:
    url = url.strip()
    if not url:
        return ""
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError as exc:
        raise ValidationError(
            {"url": "ลิงก์ต้องขึ้นต้นด้วย http:// หรือ https:// / the link must start with http(s)://"}
        ) from exc
    return url


@transaction.atomic
def medium_add(
    *,
    user: Any,
    province: Area | None,
    data: MediumData,
    upload: UploadedFile[Any] | None = None,
    demo: bool = False,
) -> LearningMedium:
    """Add a medium to a province's library (None: the national one): a file or a link."""
    _require(user, province)
    title = one_line(data.title)
    if not title:
        raise ValidationError({"title": "กรุณากรอกชื่อสื่อ / the medium needs a title"})
    if data.topic not in Topic.values:
        raise ValidationError({"topic": "เลือกหัวข้อของสื่อ / choose the topic"})
    audiences = [a for a in data.audiences if a in AUDIENCE_FIELD]
    if not audiences:
        raise ValidationError(
            {"audiences": "เลือกกลุ่มผู้ใช้อย่างน้อยหนึ่งกลุ่ม / choose at least one audience"}
        )
    refuse_citizen_ids({"title": title, "description": data.description})
    url = _clean_url(data.url)
    if (upload is None) == (not url):
        raise ValidationError(
            "ใส่ไฟล์หรือลิงก์อย่างใดอย่างหนึ่ง / give either a file or a link (one of them)"
        )
    medium = LearningMedium(
        province=province,
        title=title[:300],
        topic=data.topic,
        description=data.description.strip(),
        url=url,
        is_demo=demo,
        **{name: a in audiences for a, name in AUDIENCE_FIELD.items()},
    )
    if upload is not None:
        suffix, content_type = check_upload(upload)
        medium.token = secrets.token_hex(8)
        stem = one_line((upload.name or "").rsplit("/", 1)[-1])
        medium.file_name = stem[-200:]
        medium.file_size = upload.size or 0
        medium.content_type = content_type
        medium.file.save(f"{medium.token}.{suffix}", upload, save=False)
    audit_as(medium, user)
    medium.save()
    return medium


@transaction.atomic
def medium_remove(*, user: Any, medium: LearningMedium) -> None:
    """Remove a medium and its file."""
    _require(user, medium.province)
    stored = medium.file.name if medium.file else ""
    audit_as(medium, user)
    medium.delete()
    if stored:
        storage = medium.file.storage
        transaction.on_commit(lambda: storage.delete(stored))
