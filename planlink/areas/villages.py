"""Village import: CSV/XLSX of (village code, หมู่ที่, name) → Area rows.

`validate_villages` is pure (a Polars frame and the set of known tambons in, clean rows or
problems out); `villages_import` reads, validates the whole file, and only then writes
everything in one transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl
from django.db import transaction
from django.utils import timezone

from planlink.areas.models import Area, AreaLevel, AreaSource
from planlink.core import audit
from planlink.core.tabular import (
    ROW,
    Column,
    ImportRejected,
    Problem,
    ProblemLog,
    Table,
    integer_text_expr,
    read_table,
)

COLUMNS = (
    Column(
        "code",
        "รหัสหมู่บ้าน",
        "village code",
        aliases=("รหัส", "รหัสหมู่บ้าน8หลัก", "villagecode", "village_code", "code", "vcode"),
    ),
    Column("moo", "หมู่ที่", "moo", aliases=("หมู่", "ม.", "villageno", "village number", "no")),
    Column("name", "ชื่อหมู่บ้าน", "village name", aliases=("ชื่อ", "name", "ชื่อบ้าน", "name_th")),
    Column("name_en", "ชื่อภาษาอังกฤษ", "name (English)", aliases=("name_en",), required=False),
)
MAX_NAME = 200

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class VillageRow:
    row: int
    code: str
    moo: int
    name: str
    name_en: str


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int
    dry_run: bool
    encoding: str

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


def validate_villages(
    table: Table, known_tambons: set[str], *, within: str = ""
) -> tuple[list[VillageRow], list[Problem], int]:
    """Check every row; return (clean rows, problems to report, total problem count).

    `within`: an area code every village must lie in (an officer imports for their own area).
    """
    frame = table.frame.with_columns(
        integer_text_expr("code").alias("_code"),
        integer_text_expr("moo").alias("_moo"),
        pl.col("name").str.strip_chars().alias("_name"),
    )
    frame = frame.with_columns(
        pl.col("_code").str.contains(r"^\d{8}$").fill_null(False).alias("_code_ok"),
        pl.col("_moo").str.contains(r"^\d{1,2}$").fill_null(False).alias("_moo_ok"),
    )
    frame = frame.with_columns(
        pl.when(pl.col("_moo_ok"))
        .then(pl.col("_moo").cast(pl.Int64, strict=False))
        .alias("_moo_n"),
        pl.when(pl.col("_code_ok")).then(pl.col("_code").str.slice(0, 6)).alias("_tambon"),
    )
    frame = frame.with_columns(
        pl.col("_tambon").is_in(list(known_tambons)).fill_null(False).alias("_tambon_ok"),
        pl.col("_code").is_duplicated().and_(pl.col("_code_ok")).alias("_dup"),
    )
    code_h, moo_h, name_h = table.header("code"), table.header("moo"), table.header("name")
    log = ProblemLog()
    add = log.add
    for problem in table.problems:
        add(problem)

    first_row_of: dict[str, int] = {}
    clean: list[VillageRow] = []
    for rec in frame.iter_rows(named=True):
        row = rec[ROW]
        ok = True
        code = rec["_code"]
        if not rec["_code_ok"]:
            ok = False
            if code is None:
                add(Problem(row, code_h, "ไม่มีรหัสหมู่บ้าน", "the village code is missing"))
            else:
                add(
                    Problem(
                        row,
                        code_h,
                        f"รหัสหมู่บ้าน '{rec['code']}' ต้องเป็นตัวเลข 8 หลัก",
                        f"village code '{rec['code']}' must be 8 digits",
                    )
                )
        elif not code.startswith(within):
            ok = False
            add(
                Problem(
                    row,
                    code_h,
                    f"หมู่บ้านรหัส {code} ไม่อยู่ในพื้นที่ {within} ที่กำลังนำเข้า",
                    f"village {code} is not inside area {within}, the area being imported",
                )
            )
        elif not rec["_tambon_ok"]:
            ok = False
            add(
                Problem(
                    row,
                    code_h,
                    f"ไม่พบตำบลรหัส {code[:6]} ในระบบ (โหลดจังหวัดด้วย areas_load ก่อน)",
                    f"unknown tambon {code[:6]} (load the province with areas_load first)",
                )
            )
        elif rec["_dup"]:
            if code in first_row_of:
                ok = False
                add(
                    Problem(
                        row,
                        code_h,
                        f"รหัสหมู่บ้าน {code} ซ้ำกับแถวที่ {first_row_of[code]}",
                        f"village code {code} repeats row {first_row_of[code]}",
                    )
                )
            else:
                first_row_of[code] = row
        moo = rec["_moo_n"]
        if moo is None or not 1 <= moo <= 99:
            ok = False
            add(
                Problem(
                    row,
                    moo_h,
                    f"หมู่ที่ '{rec['moo'] or ''}' ต้องเป็นตัวเลข 1–99",
                    f"moo '{rec['moo'] or ''}' must be a number from 1 to 99",
                )
            )
        elif rec["_code_ok"] and int(code[6:]) != moo:
            ok = False
            add(
                Problem(
                    row,
                    moo_h,
                    f"หมู่ที่ {moo} ไม่ตรงกับรหัส {code} (2 หลักท้ายต้องเป็น {moo:02d})",
                    f"moo {moo} does not match code {code} (its last 2 digits must be {moo:02d})",
                )
            )
        name = rec["_name"]
        if not name:
            ok = False
            add(Problem(row, name_h, "ไม่มีชื่อหมู่บ้าน", "the village name is missing"))
        elif len(name) > MAX_NAME:
            ok = False
            add(
                Problem(
                    row,
                    name_h,
                    f"ชื่อหมู่บ้านยาวเกิน {MAX_NAME} ตัวอักษร",
                    f"the village name is longer than {MAX_NAME} characters",
                )
            )
        if ok:
            clean.append(VillageRow(row, code, moo, name, (rec["name_en"] or "").strip()))
    return clean, log.items, log.total


def villages_import(
    *,
    user: Any,
    path: Path | str,
    original_name: str | None = None,
    dry_run: bool = False,
    demo: bool = False,
    within: str = "",
    progress: Progress | None = None,
    drop_personal_columns: bool = False,
) -> ImportResult:
    """Validate the whole file, then create or update every village in one transaction.

    Villages not in the file are left alone (a file for one district must not remove the
    others). Raises ImportRejected, having written nothing, if any row has a problem — a
    citizen ID anywhere, or a column of people's names or IDs (ignored instead with
    `drop_personal_columns`), among them.
    """
    report = progress or (lambda stage, done, total: None)
    report("read", 0, 1)
    table = read_table(
        Path(path),
        COLUMNS,
        original_name=original_name,
        limits="villages",
        drop_personal=drop_personal_columns,
    )
    report("read", 1, 1)
    known_tambons = set(Area.objects.filter(level=AreaLevel.TAMBON).values_list("code", flat=True))
    rows, problems, total = validate_villages(table, known_tambons, within=within)
    report("validate", 1, 1)
    if problems:
        raise ImportRejected(problems, total)
    return _write(
        rows, user=user, dry_run=dry_run, demo=demo, encoding=table.encoding, report=report
    )


def villages_import_rows(
    *, user: Any, rows: list[VillageRow], demo: bool = False, progress: Progress | None = None
) -> ImportResult:
    """Write rows produced in code (the demo) through the same path as a file import."""
    known = set(Area.objects.filter(level=AreaLevel.TAMBON).values_list("code", flat=True))
    frame = pl.DataFrame(
        {
            ROW: [r.row for r in rows],
            "code": [r.code for r in rows],
            "moo": [str(r.moo) for r in rows],
            "name": [r.name for r in rows],
            "name_en": [r.name_en for r in rows],
        },
        schema={
            ROW: pl.Int64,
            "code": pl.String,
            "moo": pl.String,
            "name": pl.String,
            "name_en": pl.String,
        },
    )
    clean, problems, total = validate_villages(Table(frame), known)
    if problems:
        raise ImportRejected(problems, total)
    return _write(
        clean,
        user=user,
        dry_run=False,
        demo=demo,
        encoding="rows",
        report=progress or (lambda stage, done, total: None),
    )


def _write(
    rows: list[VillageRow], *, user: Any, dry_run: bool, demo: bool, encoding: str, report: Progress
) -> ImportResult:
    existing = {a.code: a for a in Area.objects.filter(code__in=[r.code for r in rows])}
    source = AreaSource.DEMO if demo else AreaSource.IMPORT
    now = timezone.now()
    to_create: list[Area] = []
    to_update: list[Area] = []
    for row in rows:
        area = existing.get(row.code)
        if area is None:
            to_create.append(
                Area(
                    code=row.code,
                    level=AreaLevel.VILLAGE,
                    parent_id=row.code[:6],
                    moo=row.moo,
                    name_th=row.name,
                    name_en=row.name_en,
                    source=source,
                    is_demo=demo,
                )
            )
        elif (area.name_th, area.name_en, area.moo) != (row.name, row.name_en, row.moo):
            area.name_th, area.name_en, area.moo = row.name, row.name_en, row.moo
            area.updated_at = now  # bulk_update skips auto_now
            to_update.append(area)
    result = ImportResult(
        created=len(to_create),
        updated=len(to_update),
        unchanged=len(rows) - len(to_create) - len(to_update),
        dry_run=dry_run,
        encoding=encoding,
    )
    if dry_run:
        return result
    batch = 1000
    done = 0
    with transaction.atomic():
        for start in range(0, len(to_create), batch):
            chunk = to_create[start : start + batch]
            Area.objects.bulk_create(chunk)
            audit.record_bulk(Area, chunk, user=user, update=False, reason="villages_import")
            done += len(chunk)
            report("write", done, len(to_create) + len(to_update))
        if to_update:
            Area.objects.bulk_update(
                to_update, ["name_th", "name_en", "moo", "updated_at"], batch_size=batch
            )
            audit.record_bulk(Area, to_update, user=user, update=True, reason="villages_import")
            report("write", len(to_create) + len(to_update), len(to_create) + len(to_update))
    return result
