"""What every write of the frameworks shares: who may set a province's frameworks, and the
audit stamp (the user and a reason on the history row)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError

from planlink.accounts import access
from planlink.accounts.roles import Capability
from planlink.areas.models import Area, AreaLevel
from planlink.core import audit
from planlink.core.personal import citizen_ids_in_text


def require_province(user: Any, province: Area, message: str) -> None:
    """`province` is a province and `user` may set its frameworks (None: a system process)."""
    if province.level != AreaLevel.PROVINCE:
        raise ValidationError(message)
    if user is not None:
        access.require(user, Capability.SET_FRAMEWORKS, province)


def audit_as(obj: Any, user: Any, reason: str = "") -> None:
    obj._history_user = user
    if reason:
        obj._change_reason = audit.change_reason(reason)


def one_line(text: str) -> str:
    return " ".join(text.split())


def refuse_citizen_ids(fields: dict[str, str]) -> None:
    """ValidationError({field: message}) for each text holding a 13-digit citizen ID: the
    frameworks keep names, never IDs (the ID is named by its last four digits only)."""
    errors: dict[str, str] = {}
    for name, text in fields.items():
        found = citizen_ids_in_text(text or "")
        if found:
            tails = ", ".join(f"…{digits[-4:]}" for digits in dict.fromkeys(found))
            errors[name] = (
                f"มีเลขประจำตัวประชาชน 13 หลัก ({tails}) ในข้อความ ระบบไม่เก็บเลขประจำตัวประชาชน "
                "ให้ลบเลขนี้ออก (บันทึกเฉพาะชื่อ) แล้วบันทึกอีกครั้ง / "
                f"the text contains a 13-digit citizen ID ({tails}); planlink never stores "
                "citizen IDs: remove it (names only) and save again"
            )
    if errors:
        raise ValidationError(errors)
