"""No citizen IDs in what people type: one check for the plan forms, services and imports.

planlink keeps names and roles of committee members, never a 13-digit citizen ID (see
core.personal). Every free-text field of the plans app goes through `citizen_id_problem`:
forms by `FreeTextForm` (a validator on each text field, so the error sits on that field),
services by `refuse_citizen_ids` (so no other caller stores one either), the Excel import by
`citizen_id_problem` per cell.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from planlink.core.personal import citizen_ids_in_text


def citizen_id_problem(text: object) -> tuple[str, str] | None:
    """(Thai, English) saying that `text` holds a citizen ID and how to fix it, or None.

    The ID is named by its last four digits only: enough to find it in a long text, without
    repeating it on the page."""
    if text is None or text == "":
        return None
    found = citizen_ids_in_text(str(text))
    if not found:
        return None
    tails = ", ".join(f"…{digits[-4:]}" for digits in dict.fromkeys(found))
    return (
        f"มีเลขประจำตัวประชาชน 13 หลัก ({tails}) ในข้อความ ระบบไม่เก็บเลขประจำตัวประชาชน "
        "ให้ลบเลขนี้ออก (บันทึกเฉพาะชื่อและตำแหน่ง) แล้วบันทึกอีกครั้ง",
        f"the text contains a 13-digit citizen ID ({tails}); planlink never stores citizen "
        "IDs: remove it (names and roles only) and save again",
    )


def no_citizen_id(value: object) -> None:
    """Form and model field validator."""
    problem = citizen_id_problem(value)
    if problem is not None:
        raise ValidationError(f"{problem[0]} / {problem[1]}", code="citizen_id")


def refuse_citizen_ids(fields: Mapping[str, object]) -> None:
    """Raise ValidationError({field: message}) for every field holding a citizen ID.

    A value may be text or several texts (e.g. the names and roles of a member list)."""
    errors: dict[str, list[ValidationError]] = {}
    for name, value in fields.items():
        texts = (
            [value] if value is None or isinstance(value, str) else list(_flatten(value))  # type: ignore[arg-type]
        )
        for text in texts:
            try:
                no_citizen_id(text)
            except ValidationError as error:
                errors.setdefault(name, []).append(error)
                break
    if errors:
        raise ValidationError(errors)


def _flatten(values: Iterable[Any]) -> Iterable[object]:
    for value in values:
        if isinstance(value, str) or not isinstance(value, Iterable):
            yield value
        else:
            yield from _flatten(value)


class FreeTextForm(forms.Form):
    """A form whose every visible text field refuses a citizen ID (on that field)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if (
                type(field) is forms.CharField  # not subclasses that parse (BudgetField)
                and not field.widget.is_hidden
                and no_citizen_id not in field.validators
            ):
                field.validators.append(no_citizen_id)
