"""Saving over what someone else saved in the meantime is refused, on SQLite and PostgreSQL.

An edit form carries the `row_version` its record had when the form was loaded. The service
raises the counter with a compare in the same UPDATE (`claim`): if another session saved first,
no row matches and the save is refused with `EditConflict`, carrying the record as it is now,
so the page can show what changed and let the user save again on top of it.

Writes that read before they write (renumbering priorities, adding an item after the last one)
first take the plan version's lock with a write (`lock_version`): PostgreSQL holds the row lock
until commit, and SQLite takes its database write lock then, so what they read next is current
(a SQLite transaction that reads first and writes later fails with "database is locked" when
another writer committed in between).
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F

from planlink.plans.models import PlanVersion

M = TypeVar("M", bound=models.Model)

STALE_TH = "มีผู้บันทึกข้อมูลนี้ไปก่อนหลังจากที่คุณเปิดฟอร์ม จึงยังไม่ได้บันทึกสิ่งที่คุณแก้"
STALE_EN = "someone else saved this after you opened the form, so your changes were not saved"


class EditConflict(ValidationError):
    """The record changed (or went) since the form was loaded; nothing was written.

    `current` is the record as stored now (None if it was removed)."""

    def __init__(self, current: Any, message: str = f"{STALE_TH} / {STALE_EN}") -> None:
        super().__init__(message, code="stale")
        self.current = current


def claim(model: type[M], pk: Any, loaded: int | None, counter: str = "row_version") -> M:
    """Raise the record's counter if it still is `loaded` (any value when None) and return
    the record as stored now, for the caller to change and save in the same transaction.

    The compare and the increment are one UPDATE, so of two sessions loaded from the same
    version exactly one gets past here; the other gets `EditConflict`."""
    rows = model._default_manager.filter(pk=pk)
    if loaded is not None:
        rows = rows.filter(**{counter: loaded})
    if rows.update(**{counter: F(counter) + 1}) == 0:
        raise EditConflict(model._default_manager.filter(pk=pk).first())
    return model._default_manager.get(pk=pk)


def lock_row(model: type[models.Model], pk: Any) -> None:
    """Lock one row until the transaction ends, by a write that changes nothing. Call it
    first in the transaction (see the module doc)."""
    model._default_manager.filter(pk=pk).update(updated_at=F("updated_at"))


def lock_version(pk: int) -> PlanVersion:
    """Lock the plan version (and so the order of its items) and return it as stored now."""
    lock_row(PlanVersion, pk)
    return PlanVersion.objects.select_related("plan__area").get(pk=pk)
