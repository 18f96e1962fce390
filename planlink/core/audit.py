"""Audit trail: who changed what, when, before and after.

Audited models declare ``history = audited()`` (django-simple-history) and an
``audit_area_code()`` method; each history row stores that area code so that an area's
history page can show every change inside its subtree with one prefix query per model.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.models import HistoricalRecords
from simple_history.signals import pre_create_historical_record

_AUDITED: list[type[models.Model]] = []
_TIMESTAMPS = ["created_at", "updated_at"]
_SKIPPED = {"id", *_TIMESTAMPS}


class AuditedHistory(models.Model):
    """Base of every historical model: the area the change belongs to."""

    area_code = models.CharField(max_length=8, db_index=True, blank=True, default="")

    class Meta:
        abstract = True


CHANGE_REASON_LENGTH = 100  # simple-history's history_change_reason column


def change_reason(text: str) -> str:
    """A reason as the audit column holds it (PostgreSQL refuses a longer one; SQLite would
    keep it whole): cut at a word, with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= CHANGE_REASON_LENGTH:
        return text
    cut = text[: CHANGE_REASON_LENGTH - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > CHANGE_REASON_LENGTH // 2 else cut) + "…"


def stamp(obj: Any, user: Any, reason: str = "") -> None:
    """Who makes the next save of `obj` and why, for its history row."""
    obj._history_user = user
    if reason:
        obj._change_reason = change_reason(reason)


def audited(**kwargs: Any) -> HistoricalRecords:
    return HistoricalRecords(bases=[AuditedHistory], **kwargs)


def register(model: type[models.Model]) -> type[models.Model]:
    """Class decorator: list the model on area history pages."""
    _AUDITED.append(model)
    return model


def audited_models() -> Sequence[type[models.Model]]:
    return tuple(_AUDITED)


@receiver(pre_create_historical_record)
def _stamp_area(sender: Any, instance: Any, history_instance: Any, **kwargs: Any) -> None:
    area_code = getattr(instance, "audit_area_code", None)
    if area_code is not None:
        history_instance.area_code = area_code() or ""


def record_bulk(
    model: type[models.Model], objs: Iterable[Any], *, user: Any, update: bool, reason: str = ""
) -> None:
    """History rows for a bulk write (bulk_create/bulk_update send no signals)."""
    history_model = model.history.model  # type: ignore[attr-defined]
    now = timezone.now()
    rows = [
        history_model(
            history_date=now,
            history_user=user,
            history_type="~" if update else "+",
            history_change_reason=change_reason(reason),
            area_code=obj.audit_area_code(),
            **{
                field.attname: getattr(obj, field.attname) for field in history_model.tracked_fields
            },
        )
        for obj in objs
    ]
    history_model.objects.bulk_create(rows, batch_size=2000)


@dataclass(frozen=True)
class Change:
    field: str
    before: Any
    after: Any


@dataclass(frozen=True)
class AuditEntry:
    when: datetime
    who: str
    action: str  # "+" created, "~" changed, "-" deleted
    model_label: str
    object_label: str
    reason: str
    changes: tuple[Change, ...]


def _field(model: type[models.Model], name: str) -> Any:
    try:
        return model._meta.get_field(name)
    except Exception:
        return None


def _label(model: type[models.Model], name: str) -> str:
    field = _field(model, name)
    return str(field.verbose_name) if field is not None else name


def _display(model: type[models.Model], name: str, value: Any, usernames: dict[Any, str]) -> Any:
    """A value as people read it: choice labels, usernames, codes for areas."""
    if value is None or value == "":
        return None
    field = _field(model, name)
    if field is None:
        return value
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    if (
        field.is_relation
        and field.related_model is not None
        and field.related_model._meta.label == (settings.AUTH_USER_MODEL)
    ):
        return usernames.get(value, value)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return value


def area_history(
    area_code: str, *, limit: int = 200, before: datetime | None = None
) -> list[AuditEntry]:
    """The latest changes inside `area_code`'s subtree across every audited model.

    Before/after comes from each record and the record preceding it for the same object,
    fetched in one query per model (no per-row lookups).
    """
    collected: list[tuple[Any, type[models.Model]]] = []
    for model in _AUDITED:
        history_model = model.history.model  # type: ignore[attr-defined]
        qs = history_model.objects.filter(area_code__startswith=area_code).select_related(
            "history_user"
        )
        if before is not None:
            qs = qs.filter(history_date__lt=before)
        collected.extend(
            (row, model) for row in qs.order_by("-history_date", "-history_id")[:limit]
        )
    collected.sort(key=lambda pair: (pair[0].history_date, pair[0].history_id), reverse=True)
    collected = collected[:limit]

    previous = _previous_records(collected)
    usernames = _usernames(collected, previous)
    entries = []
    for row, model in collected:
        prev = previous.get((model, row.history_id))
        changes: list[Change] = []
        if row.history_type == "~" and prev is not None:
            delta = row.diff_against(prev, excluded_fields=_TIMESTAMPS)
            changes = [
                Change(
                    _label(model, c.field),
                    _display(model, c.field, c.old, usernames),
                    _display(model, c.field, c.new, usernames),
                )
                for c in delta.changes
            ]
        elif row.history_type == "+":
            changes = [
                Change(
                    _label(model, f.name),
                    None,
                    _display(model, f.name, getattr(row, f.attname), usernames),
                )
                for f in row.tracked_fields
                if f.name not in _SKIPPED and getattr(row, f.attname) not in (None, "")
            ]
        user = row.history_user
        entries.append(
            AuditEntry(
                when=row.history_date,
                who=user.get_username() if user else "system",
                action=row.history_type,
                model_label=str(model._meta.verbose_name),
                object_label=str(row.history_object),
                reason=row.history_change_reason or "",
                changes=tuple(changes),
            )
        )
    return entries


def _previous_records(
    collected: list[tuple[Any, type[models.Model]]],
) -> dict[tuple[Any, int], Any]:
    """For each change record, the record just before it for the same object."""
    result: dict[tuple[Any, int], Any] = {}
    by_model: dict[type[models.Model], list[Any]] = {}
    for row, model in collected:
        if row.history_type == "~":
            by_model.setdefault(model, []).append(row)
    for model, rows in by_model.items():
        history_model = model.history.model  # type: ignore[attr-defined]
        pk_name = model._meta.pk.attname
        object_ids = {getattr(row, pk_name) for row in rows}
        candidates = history_model.objects.filter(**{f"{pk_name}__in": object_ids}).order_by(
            "history_date", "history_id"
        )
        timelines: dict[Any, list[Any]] = {}
        for record in candidates:
            timelines.setdefault(getattr(record, pk_name), []).append(record)
        for row in rows:
            timeline = timelines.get(getattr(row, pk_name), [])
            earlier = [
                r
                for r in timeline
                if (r.history_date, r.history_id) < (row.history_date, row.history_id)
            ]
            if earlier:
                result[(model, row.history_id)] = earlier[-1]
    return result


def _usernames(
    collected: list[tuple[Any, type[models.Model]]], previous: dict[Any, Any]
) -> dict[Any, str]:
    """Usernames for user foreign keys appearing in the records, in one query."""
    user_model = get_user_model()
    ids: set[Any] = set()
    rows = [*collected, *((record, model) for (model, _id), record in previous.items())]
    for row, model in rows:
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model is user_model:
                ids.add(getattr(row, field.attname))
    ids.discard(None)
    if not ids:
        return {}
    return dict(user_model.objects.filter(pk__in=ids).values_list("pk", "username"))
