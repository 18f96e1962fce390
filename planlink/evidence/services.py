"""Writes of evidence: storing BMN imports (all or nothing, replacing earlier data of the
same villages and year) and the other families' records."""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl
from django.conf import settings
from django.db import transaction
from django.db.models import Q

from planlink.areas.models import AreaLevel
from planlink.evidence.engine import bmn as engine
from planlink.evidence.models import BmnImport, BmnResult, IndicatorEdition
from planlink.evidence.models.bmn import ImportStatus


@dataclass(frozen=True)
class Stored:
    import_id: int
    replaced_villages: int


def evidence_path(relative: str) -> Path:
    return Path(settings.EVIDENCE_DIR) / relative


def bmn_store(
    *,
    user: Any,
    year: int,
    edition: IndicatorEdition,
    codes: Sequence[str],
    village_sums: pl.DataFrame,
    parts_dir: Path | None,
    source_name: str,
    scope: str,
    households: int,
    demo: bool,
) -> Stored:
    """Store one checked import in one transaction.

    The new villages' rows replace that year's rows of the same villages from any earlier
    import (their household files are rewritten without them, or retired); every tambon,
    district and province touched is then summed again from its villages' rows.
    """
    new_villages = set(village_sums["village"].to_list())
    final_relative = f"bmn/{year}/{uuid.uuid4().hex}" if parts_dir else ""
    cleanup_after_commit: list[Path] = []
    moved_to: Path | None = None
    try:
        with transaction.atomic():
            if parts_dir:
                moved_to = evidence_path(final_relative)
                moved_to.parent.mkdir(parents=True, exist_ok=True)
                shutil.move(str(parts_dir), moved_to)
            record = BmnImport(
                year=year,
                edition=edition,
                scope_id=scope or _province_of(new_villages),
                source_name=source_name[:255],
                households=households,
                villages=len(new_villages),
                household_file=final_relative,
                imported_by=user,
                is_demo=demo,
            )
            record._history_user = user  # type: ignore[attr-defined]
            record.save()
            replaced = _retire_replaced(year, record, new_villages, user, cleanup_after_commit)
            _store_results(year, edition, codes, village_sums, record, demo)
            for path in cleanup_after_commit:
                transaction.on_commit(_remover(path))
    except BaseException:
        if moved_to is not None:
            shutil.rmtree(moved_to, ignore_errors=True)
        if parts_dir is not None:
            shutil.rmtree(parts_dir, ignore_errors=True)
        raise
    return Stored(import_id=record.pk, replaced_villages=replaced)


def _remover(path: Path) -> Callable[[], None]:
    return lambda: shutil.rmtree(path, ignore_errors=True)


def _province_of(villages: set[str]) -> str:
    return sorted(villages)[0][:2]


def _retire_replaced(
    year: int, record: BmnImport, new_villages: set[str], user: Any, cleanup: list[Path]
) -> int:
    """Take the new villages away from the earlier imports of the year that held them."""
    held: dict[int, set[str]] = {}
    for village, source in BmnResult.objects.filter(
        year=year, level=AreaLevel.VILLAGE, area_id__in=new_villages, source__isnull=False
    ).values_list("area_id", "source_id"):
        held.setdefault(source, set()).add(village)
    if not held:
        return 0
    replaced_ints = pl.Series([int(v) for v in new_villages], dtype=pl.UInt32)
    for old in BmnImport.objects.filter(pk__in=held):
        taken = held[old.pk]
        old.villages = max(0, old.villages - len(taken))
        if old.household_file:
            folder = evidence_path(old.household_file)
            cleanup.append(folder)
            if old.villages:
                old.household_file = f"bmn/{year}/{uuid.uuid4().hex}"
                target = evidence_path(old.household_file)
                target.mkdir(parents=True)
                kept = (
                    pl.scan_ipc(folder / "*.arrow")
                    .filter(~pl.col("village").is_in(replaced_ints.implode()))
                    .collect()
                )
                kept.write_ipc(target / "part-00000.arrow", compression="lz4")
                old.households = kept.height
        if old.villages == 0:
            old.status = ImportStatus.REPLACED
        old._history_user = user  # type: ignore[attr-defined]
        old._change_reason = f"{len(taken)} villages replaced by import #{record.pk}"  # type: ignore[attr-defined]
        old.save()
    return sum(len(v) for v in held.values())


def _store_results(
    year: int,
    edition: IndicatorEdition,
    codes: Sequence[str],
    village_sums: pl.DataFrame,
    record: BmnImport,
    demo: bool,
) -> None:
    """Replace the year's rows of the new villages, then re-sum every affected ancestor from
    all of its villages' rows (the untouched ones included)."""
    new = village_sums.with_columns(pl.col("village").cast(pl.String))
    new_codes = new["village"].to_list()
    provinces = sorted({code[:2] for code in new_codes})
    # The other villages of the affected provinces keep their stored rows.
    in_provinces = Q()
    for province in provinces:
        in_provinces |= Q(area__code__startswith=province)
    kept = list(
        BmnResult.objects.filter(in_provinces, year=year, level=AreaLevel.VILLAGE)
        .exclude(area_id__in=new_codes)
        .values("area_id", "households", "members", "poor_households", "counts")
    )
    kept_frame = _frame_from_rows(kept, codes)
    villages = (
        pl.concat([new.select(kept_frame.columns), kept_frame], how="vertical_relaxed")
        if kept
        else new
    )
    all_levels = engine.rollup(villages, codes)
    affected_prefixes = {code[:n] for code in new_codes for n in (2, 4, 6)}
    rows = all_levels.filter(
        pl.col("area").is_in(new_codes) | pl.col("area").is_in(list(affected_prefixes))
    )
    BmnResult.objects.filter(year=year, area_id__in=new_codes).delete()
    BmnResult.objects.filter(year=year, area_id__in=affected_prefixes).delete()
    objects = [
        BmnResult(
            year=year,
            edition=edition,
            area_id=row["area"],
            level=row["level"],
            households=int(row["households"] or 0),
            members=None if row["members"] is None else int(row["members"]),
            poor_households=int(row["poor"] or 0),
            counts=engine.counts_json(row, codes),
            source=record if row["level"] == AreaLevel.VILLAGE else None,
            is_demo=demo,
        )
        for row in rows.iter_rows(named=True)
    ]
    BmnResult.objects.bulk_create(objects, batch_size=2000)


def _frame_from_rows(rows: Sequence[Any], codes: Sequence[str]) -> pl.DataFrame:
    data: dict[str, list[Any]] = {"village": [], "households": [], "members": [], "poor": []}
    for name in engine.count_columns(codes):
        data[name] = []
    for row in rows:
        data["village"].append(row["area_id"])
        data["households"].append(row["households"])
        data["members"].append(row["members"])
        data["poor"].append(row["poor_households"])
        for code in codes:
            eligible, passed = row["counts"].get(code, [0, 0])
            data[engine.e(code)].append(eligible)
            data[engine.p(code)].append(passed)
    schema: dict[str, type[pl.DataType]] = {name: pl.Int64 for name in data}
    schema["village"] = pl.String
    return pl.DataFrame(data, schema=schema)
