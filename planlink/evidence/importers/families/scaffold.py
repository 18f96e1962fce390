"""The one way every family is imported: read the file, check each row into a record (a row
is kept only when it added no problem), refuse the file on any problem, then replace the
family's records of the file's (year, village) pairs in one transaction, analyse the villages'
problems again and record who imported what (FamilyImport, audited).

A family is a `FamilySpec`: how its file is read (wide scores or narrow records), how one row
becomes a record, and what is done to all records before they are stored (household keys
become keyed hashes)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl
from django.db import models, transaction

from planlink.core.progress import Progress, no_progress
from planlink.core.pseudonym import as_hex, pseudonymize
from planlink.core.tabular import ProblemLog
from planlink.evidence.importers.families.checks import _check_year_argument, _Rows
from planlink.evidence.importers.families.columns import FamilyOutcome
from planlink.evidence.models import FamilyImport, IndicatorEdition
from planlink.evidence.services import problems_refresh


@dataclass(frozen=True)
class ReadRequest:
    path: Path
    original_name: str | None
    year: int | None
    within: str
    edition_code: str | None
    drop_personal: bool
    problems: ProblemLog
    progress: Progress | None


@dataclass
class Reading:
    """A file read and ready to check row by row."""

    check: _Rows
    edition: IndicatorEdition | None = None
    present: list[str] = field(default_factory=list)  # indicator codes of a wide file
    seen: dict[Any, int] = field(default_factory=dict)  # duplicate key → its first row
    extra: dict[str, Any] = field(default_factory=dict)  # what one family needs besides


@dataclass(frozen=True)
class FamilySpec:
    name: str  # vbd, gvh, accounts, capital, groups, poor
    model: type[models.Model]
    year_field: str
    read: Callable[[ReadRequest], Reading]
    # One row → its record (None when the row cannot make one: its problems are logged).
    row: Callable[[Reading, dict[str, Any], bool], Any | None]
    # All records, before they are stored (e.g. household keys → keyed hashes).
    finish: Callable[[list[Any]], list[Any]] = lambda records: records
    # A poor-household list replaces only the same list of those villages and years.
    scope_field: str | None = None


def family_import(
    spec: FamilySpec,
    *,
    user: Any,
    path: Path | str,
    original_name: str | None = None,
    year: int | None = None,
    within: str = "",
    edition_code: str | None = None,
    dry_run: bool = False,
    demo: bool = False,
    drop_personal_columns: bool = False,
    progress: Progress | None = None,
) -> FamilyOutcome:
    """Import one family's file (see the module doc). Raises ImportRejected, having written
    nothing, on any problem."""
    _check_year_argument(year)
    (progress or no_progress)("read", 0, 1)
    problems = ProblemLog()
    reading = spec.read(
        ReadRequest(
            Path(path),
            original_name,
            year,
            within,
            edition_code,
            drop_personal_columns,
            problems,
            progress,
        )
    )
    records = []
    for rec in reading.check.records():
        before = problems.total
        record = spec.row(reading, rec, demo)
        if record is not None and problems.total == before:
            records.append(record)
    problems.raise_if_any()
    return _store(
        spec,
        spec.finish(records),
        user=user,
        source_name=original_name or Path(path).name,
        within=within,
        rows=reading.check.frame.height,
        dry_run=dry_run,
        demo=demo,
        encoding=reading.check.table.encoding,
        edition=reading.edition.code if reading.edition else None,
        progress=progress,
    )


def _store(
    spec: FamilySpec,
    records: list[Any],
    *,
    user: Any,
    source_name: str,
    within: str,
    rows: int,
    dry_run: bool,
    demo: bool,
    encoding: str,
    edition: str | None,
    progress: Progress | None,
) -> FamilyOutcome:
    """Replace the family's records of the file's (year, village) pairs (and scope) with
    `records`, atomically, with the import recorded."""
    model, year_field, scope_field = spec.model, spec.year_field, spec.scope_field
    villages_by_scope: dict[tuple[int, Any], set[str]] = defaultdict(set)
    for record in records:
        scope = getattr(record, scope_field) if scope_field else None
        villages_by_scope[(getattr(record, year_field), scope)].add(record.village_id)

    def earlier(year: int, scope: Any, villages: set[str]) -> Any:
        lookup: dict[str, Any] = {year_field: year, "village_id__in": villages}
        if scope_field:
            lookup[scope_field] = scope
        return model._default_manager.filter(**lookup)

    report = progress or no_progress
    report("store", 0, 1)
    villages = {record.village_id for record in records}
    years = sorted({year for year, _scope in villages_by_scope})
    if dry_run:
        replaced = sum(earlier(y, s, v).count() for (y, s), v in villages_by_scope.items())
    else:
        replaced = 0
        with transaction.atomic():
            for (year, scope), in_scope in villages_by_scope.items():
                _total, per_model = earlier(year, scope, in_scope).delete()
                replaced += per_model.get(model._meta.label, 0)
            model._default_manager.bulk_create(records, batch_size=1000)
            problems_refresh(villages=villages)
            record = FamilyImport(
                family=spec.name,
                source_name=source_name[:255],
                scope=within or _common_prefix(villages),
                years=years,
                edition=edition or "",
                rows=rows,
                villages=len(villages),
                created_records=len(records),
                replaced_records=replaced,
                imported_by=user,
                is_demo=demo,
            )
            record._history_user = user  # type: ignore[attr-defined]
            record.save()
    report("store", 1, 1)
    return FamilyOutcome(
        family=spec.name,
        rows=rows,
        villages=len(villages),
        created=len(records),
        replaced=replaced,
        dry_run=dry_run,
        years=tuple(years),
        encoding=encoding,
        edition=edition,
    )


def _common_prefix(codes: set[str]) -> str:
    """The smallest area holding every village (a DOPA code prefix: 2, 4, 6 or 8 digits)."""
    if not codes:
        return ""
    first, last = min(codes), max(codes)
    for length in (8, 6, 4, 2):
        if first[:length] == last[:length]:
            return first[:length]
    return ""


def hash_household_keys(records: list[Any]) -> list[Any]:
    """Each record's household key (the house code as read) → its keyed hash, in one pass:
    the key itself is never stored."""
    if records:
        hashed = as_hex(
            pseudonymize(
                pl.Series([r.village_id for r in records], dtype=pl.String),
                pl.Series([r.household_key for r in records], dtype=pl.String),
            )
        ).to_list()
        for record, key in zip(records, hashed, strict=True):
            record.household_key = key
    return records
