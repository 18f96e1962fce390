"""An Excel/CSV file back into a draft version (plan_import), all or nothing; a valid file
with warnings (import_warnings) is imported only once the user confirms them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from planlink.accounts import plan_access
from planlink.core.tabular import ImportRejected, Problem
from planlink.core.tabular import read_table as _read_table
from planlink.plans.excel.columns import import_columns
from planlink.plans.excel.export import (
    _item_data,
)
from planlink.plans.excel.import_warnings import import_warnings, warnings_digest
from planlink.plans.excel.reading import (
    _Context,
    _context,
    _fingerprint,
    _parse,
    _Row,
)
from planlink.plans.locking import lock_version
from planlink.plans.models import (
    PlanItem,
    PlanVersion,
)
from planlink.plans.services import (
    item_create,
    item_delete,
    item_update,
    items_reorder,
)

# --- Import ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlanImportOutcome:
    created: int
    updated: int
    deleted: int
    unchanged: int
    rows: int
    dry_run: bool = False
    warnings: tuple[Problem, ...] = ()  # confirmed (or, in a dry run, to be confirmed)


class ImportNeedsConfirmation(Exception):
    """The file is valid but has warnings; nothing was written. Import it again with
    `confirm=digest` (the warnings shown to the user) or `confirm=True`."""

    def __init__(self, warnings: Sequence[Problem], outcome: PlanImportOutcome) -> None:
        self.warnings = list(warnings)
        self.outcome = outcome  # what the import would do
        self.digest = warnings_digest(self.warnings)
        shown = "\n".join(f"  {w}" for w in self.warnings)
        super().__init__(
            f"ยังไม่ได้นำเข้า มีคำเตือน {len(self.warnings):,} ข้อ ให้ตรวจแล้วยืนยัน / "
            f"Not imported yet: {len(self.warnings):,} warning(s) to confirm; nothing was "
            f"written.\n{shown}"
        )


def plan_import(
    *,
    user: Any,
    version: PlanVersion,
    path: Path | str,
    original_name: str | None = None,
    dry_run: bool = False,
    confirm: bool | str = False,
) -> PlanImportOutcome:
    """Make the draft `version` equal to the file (see the module doc); all or nothing.

    A valid file with warnings raises ImportNeedsConfirmation unless `confirm` is True or
    the digest of exactly these warnings (what the user was shown); a dry run returns them
    in the outcome."""
    plan_access.require_edit(user, version)
    with transaction.atomic():
        version = lock_version(version.pk)  # first: the items read below stay as read
        if not version.is_editable:
            raise ImportRejected(
                [
                    Problem(
                        None,
                        None,
                        "นำเข้าได้เฉพาะแผนฉบับร่าง แผนฉบับนี้ผ่านการตรวจหรืออนุมัติแล้ว ให้เริ่มแผนเพิ่มเติม/แก้ไขก่อน",
                        "only a draft can be imported into; this version was reviewed or "
                        "approved: start a revision first",
                    )
                ]
            )
        table = _read_table(path, import_columns(), original_name=original_name, limits="plan")
        context = _context(version)
        context.problems.extend(table.problems)
        rows = _parse(table, context)
        if context.problems:
            raise ImportRejected(context.problems)
        warnings = import_warnings(table, context, rows)
        confirmed = confirm is True or confirm == warnings_digest(warnings)
        if warnings and not dry_run and not confirmed:
            raise ImportNeedsConfirmation(warnings, _apply(user, context, rows, dry_run=True))
        outcome = _apply(user, context, rows, dry_run=dry_run)
    return replace(outcome, warnings=tuple(warnings))


def _apply(user: Any, context: _Context, rows: list[_Row], *, dry_run: bool) -> PlanImportOutcome:
    version = context.version
    ordered = sorted(rows, key=lambda r: r.order)
    kept = {r.target.pk for r in rows if r.target is not None}
    deleted = [item for pk, item in context.items.items() if pk not in kept]
    updates: list[_Row] = []  # fields change (the priority may too)
    moved = 0  # only the priority changes
    creates: list[tuple[int, _Row]] = []
    unchanged = 0
    for priority, row in enumerate(ordered, start=1):
        if row.target is None:
            creates.append((priority, row))
        elif _fingerprint(row.data) != _fingerprint(_item_data(row.target)):
            updates.append(row)
        elif row.target.priority != priority:
            moved += 1
        else:
            unchanged += 1
    outcome = PlanImportOutcome(
        created=len(creates),
        updated=len(updates) + moved,
        deleted=len(deleted),
        unchanged=unchanged,
        rows=len(rows),
        dry_run=dry_run,
    )
    if dry_run or not (creates or updates or deleted or moved):
        return outcome
    current: _Row | None = None
    try:
        for item in deleted:
            item_delete(user=user, item=item)
        for row in updates:
            current = row
            assert row.target is not None
            row.target.refresh_from_db()  # deletions above renumbered the priorities
            item_update(user=user, item=row.target, data=row.data)
        created: dict[int, PlanItem] = {}
        for priority, row in creates:
            current = row
            created[row.row] = item_create(
                user=user,
                version=version,
                data=row.data,
                priority=priority,
                demo=version.plan.is_demo,
            )
        current = None
        order = [
            (row.target.pk if row.target is not None else created[row.row].pk) for row in ordered
        ]
        items_reorder(user=user, version=version, ordered_ids=order)
    except ValidationError as exc:  # a rule the checks above missed: still nothing is written
        raise ImportRejected(
            [
                Problem(
                    current.row if current else None,
                    None,
                    " ".join(exc.messages),
                    "the plan refused this change; nothing was written",
                )
            ]
        ) from exc
    return outcome
