"""What a refused save shows: who saved the record since the form was loaded, and for each
field where it differs, the value now stored beside what this user typed.

The user's form is shown again with what they typed and the stored record's edit counter, so
saving it once more saves their values over the newer version, knowingly.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext as _

from planlink.core.templatetags.planlink import be_date, num
from planlink.evidence.models import DevelopmentCategory
from planlink.plans.models import WorkingGroup
from planlink.plans.services import ItemData


@dataclass(frozen=True)
class Change:
    label: str
    stored: str
    typed: str


@dataclass(frozen=True)
class Conflict:
    changes: Sequence[Change] = ()
    saved_by: str = ""
    saved_at: datetime | None = None
    removed: bool = False  # the record is gone: there is nothing to save over
    extra: Mapping[str, Any] = field(default_factory=dict)


def saved_by(record: Any) -> tuple[str, datetime | None]:
    """Who last saved `record`, and when (from its audit history)."""
    history = getattr(record, "history", None)
    last = history.order_by("-history_date", "-history_id").first() if history else None
    if last is None:
        return "", None
    user = last.history_user
    name = (user.get_full_name() or user.get_username()) if user is not None else ""
    return name, last.history_date


def _shown(value: object, choices: Mapping[str, str] | None = None) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if choices is not None:
        return str(choices.get(str(value), value))
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, Decimal):
        return num(value, 0 if value == value.to_integral_value() else 2)
    if isinstance(value, date):
        return be_date(value)
    return str(value)


def compare(
    rows: Iterable[tuple[str, object, object]], choices: Mapping[str, Mapping[str, str]] = {}
) -> list[Change]:
    """Changes for (label, stored, typed) rows whose values differ as people read them."""
    changes = []
    for label, stored, typed in rows:
        table = choices.get(label)
        shown_stored, shown_typed = _shown(stored, table), _shown(typed, table)
        if shown_stored != shown_typed:
            changes.append(Change(label, shown_stored, shown_typed))
    return changes


def conflict(record: Any, changes: Sequence[Change] = (), **extra: Any) -> Conflict:
    if record is None:
        return Conflict(changes=changes, removed=True, extra=extra)
    who, when = saved_by(record)
    return Conflict(changes=changes, saved_by=who, saved_at=when, extra=extra)


def _choices(form: forms.Form, name: str) -> dict[str, str]:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    return {str(value): str(label) for value, label in field.choices}  # type: ignore[union-attr, misc]


def item_changes(form: forms.Form, stored: ItemData, typed: ItemData) -> list[Change]:
    """The item form's fields where what is stored now differs from what the user typed."""
    label = {name: str(f.label) for name, f in form.fields.items()}
    categories = {
        str(c.pk): c.name_th
        for c in DevelopmentCategory.objects.filter(pk__in={stored.category_id, typed.category_id})
    }
    groups = {
        str(g.pk): g.name
        for g in WorkingGroup.objects.filter(
            pk__in={g for g in (stored.working_group_id, typed.working_group_id) if g}
        )
    }
    rows: list[tuple[str, object, object]] = []
    for name in (
        "title",
        "mode",
        "category",
        "funding_source",
        "funding_agency",
        "working_group",
        "responsible_agency",
        "objective",
        "target",
        "kpi",
        "expected_result",
        "contribution_cash",
        "contribution_in_kind",
        "contribution_in_kind_value",
        "contribution_labour_days",
        "description",
        "start_date",
        "end_date",
        "status",
        "dropped_reason",
    ):
        attribute = {"category": "category_id", "working_group": "working_group_id"}.get(name, name)
        rows.append((label[name], getattr(stored, attribute), getattr(typed, attribute)))
    years = sorted(set(stored.budgets) | set(typed.budgets))
    for year in years:
        name = f"budget_{year}"
        rows.append((label.get(name, str(year)), stored.budgets.get(year), typed.budgets.get(year)))
    rows.append(
        (
            _("Problems it addresses"),
            "; ".join(title for _key, title, _y, _s in stored.problems),
            "; ".join(title for _key, title, _y, _s in typed.problems),
        )
    )
    return compare(
        rows,
        {
            label["mode"]: _choices(form, "mode"),
            label["funding_source"]: _choices(form, "funding_source"),
            label["status"]: _choices(form, "status"),
            label["category"]: categories,
            label["working_group"]: groups,
        },
    )


def people_text(pairs: Iterable[tuple[str, str]]) -> str:
    """A member list as the people field shows it (one per line: name | role)."""
    return "\n".join(f"{name} | {role}" if role else name for name, role in pairs)
