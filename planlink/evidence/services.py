"""Writes of evidence: storing BMN imports (all or nothing, replacing earlier data of the
same villages and year) and the other families' records, and storing the problem analysis
that every such write, and every change of the thresholds, runs (`problems_refresh`)."""

from __future__ import annotations

import shutil
import time
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl
from django.conf import settings
from django.db import transaction
from django.db.models import Q, TextField
from django.db.models.functions import Cast

from planlink.areas.models import Area, AreaLevel, Coverage, LocalGovernment
from planlink.core.bulk import bulk_insert
from planlink.evidence.engine import bmn as engine
from planlink.evidence.models import (
    BmnImport,
    BmnResult,
    IndicatorEdition,
    ProblemAnalysis,
    ProblemSettings,
    StoredProblem,
)
from planlink.evidence.models.bmn import ImportStatus


@dataclass(frozen=True)
class Stored:
    import_id: int
    replaced_villages: int
    analysis_seconds: float = 0.0


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
    work_name: str = "",
    scope: str,
    households: int,
    demo: bool,
) -> Stored:
    """Store one checked import in one transaction.

    The new villages' rows replace that year's rows of the same villages from any earlier
    import (whose household files are rewritten without them, or retired); every tambon,
    district and province touched is summed again from all of its villages' rows.

    Right after the commit, the problems of the new villages and of every area above them
    are analysed again, one province per transaction: for a national survey that takes
    longer than the import itself, so it is not held inside the import's transaction (and
    SQLite's write lock). Until a province's analysis commits, its pages show the earlier
    problems beside the new figures; if it never does (the process died), the next import
    or `manage.py problems_refresh` makes it.
    """
    new = village_sums.with_columns(pl.col("village").cast(pl.String))
    provinces = sorted(set(new["village"].str.slice(0, 2).to_list()))
    # Named after the import's locked work folder: until the commit, the lock tells a sweep
    # the folder is in use (core/workdirs).
    work_name = work_name or uuid.uuid4().hex
    final_relative = f"bmn/{year}/{work_name}" if parts_dir else ""
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
                scope_id=scope or provinces[0],
                source_name=source_name[:255],
                households=households,
                villages=new.height,
                household_file=final_relative,
                imported_by=user,
                is_demo=demo,
            )
            record._history_user = user  # type: ignore[attr-defined]
            record.save()
            existing = _village_rows(year, provinces, codes)
            taken = existing.join(new.select("village"), on="village", how="semi")
            replaced = _retire_replaced(year, record, taken, user, cleanup_after_commit, work_name)
            kept = existing.join(new.select("village"), on="village", how="anti")
            _store_results(year, edition, codes, new, kept, provinces, record, demo)
            for path in cleanup_after_commit:
                transaction.on_commit(_remover(path))
    except BaseException:
        if moved_to is not None:
            shutil.rmtree(moved_to, ignore_errors=True)
        if parts_dir is not None:
            shutil.rmtree(parts_dir, ignore_errors=True)
        raise
    started = time.perf_counter()
    villages = new["village"].to_list()
    for province in provinces:
        problems_refresh(villages=[v for v in villages if v.startswith(province)])
    return Stored(
        import_id=record.pk,
        replaced_villages=replaced,
        analysis_seconds=time.perf_counter() - started,
    )


def _remover(path: Path) -> Callable[[], None]:
    return lambda: shutil.rmtree(path, ignore_errors=True)


def _in_provinces(provinces: Sequence[str]) -> Q:
    q = Q()
    for province in provinces:
        q |= Q(area__code__startswith=province)
    return q


def _village_rows(year: int, provinces: Sequence[str], codes: Sequence[str]) -> pl.DataFrame:
    """The year's stored village rows in the provinces, as a frame (one query)."""
    rows = list(
        BmnResult.objects.filter(_in_provinces(provinces), year=year, level=AreaLevel.VILLAGE)
        .annotate(counts_text=Cast("counts", TextField()))
        .values_list(
            "area_id",
            "source_id",
            "households",
            "members",
            "poor_households",
            "counts_text",
            "is_demo",
        )
    )
    columns = ["village", "source", "households", "members", "poor", "counts", "is_demo"]
    schema = {
        "village": pl.String,
        "source": pl.Int64,
        "households": pl.Int64,
        "members": pl.Int64,
        "poor": pl.Int64,
        "counts": pl.String,
        "is_demo": pl.Boolean,
    }
    frame = pl.DataFrame(rows, schema=schema, orient="row") if rows else pl.DataFrame(schema=schema)
    counts = (
        engine.counts_frame(frame["counts"], codes)
        if rows
        else pl.DataFrame(schema=dict.fromkeys(engine.count_columns(codes), pl.Int64))
    )
    return pl.concat([frame.drop("counts"), counts], how="horizontal").select(
        *columns[:5], "is_demo", *engine.count_columns(codes)
    )


def _retire_replaced(
    year: int,
    record: BmnImport,
    taken: pl.DataFrame,
    user: Any,
    cleanup: list[Path],
    work_name: str,
) -> int:
    """Take the new file's villages away from the earlier imports of the year that held them."""
    held = taken.filter(pl.col("source").is_not_null()).group_by("source").agg(pl.col("village"))
    for number, old in enumerate(BmnImport.objects.filter(pk__in=held["source"].to_list())):
        villages = next(r["village"] for r in held.iter_rows(named=True) if r["source"] == old.pk)
        old.villages = max(0, old.villages - len(villages))
        if old.household_file:
            folder = evidence_path(old.household_file)
            cleanup.append(folder)
            if old.villages:
                old.household_file = f"bmn/{year}/{work_name}-{number}"
                target = evidence_path(old.household_file)
                target.mkdir(parents=True)
                gone = pl.Series([int(v) for v in villages], dtype=pl.UInt32)
                kept = (
                    pl.scan_ipc(folder / "*.arrow")
                    .filter(~pl.col("village").is_in(gone.implode()))
                    .collect()
                )
                kept.write_ipc(target / "part-00000.arrow", compression="lz4")
                old.households = kept.height
        if old.villages == 0:
            old.status = ImportStatus.REPLACED
        old._history_user = user  # type: ignore[attr-defined]
        old._change_reason = f"{len(villages)} villages replaced by import #{record.pk}"  # type: ignore[attr-defined]
        old.save()
    return taken.height


RESULT_FIELDS = (
    "year",
    "edition",
    "area",
    "level",
    "households",
    "members",
    "poor_households",
    "counts",
    "source",
    "is_demo",
)


def _store_results(
    year: int,
    edition: IndicatorEdition,
    codes: Sequence[str],
    new: pl.DataFrame,
    kept: pl.DataFrame,
    provinces: Sequence[str],
    record: BmnImport,
    demo: bool,
) -> None:
    """Replace every row of the year in the affected provinces: the new villages, the kept
    villages (unchanged, with their source), and all ancestors summed again."""
    value_columns = [*engine.SUM_COLUMNS, *engine.count_columns(codes)]
    new_villages = new.select(
        "village",
        *(pl.col(c).cast(pl.Int64) for c in value_columns),
        pl.lit(record.pk, dtype=pl.Int64).alias("source"),
        pl.lit(demo).alias("is_demo"),
    )
    villages = pl.concat([new_villages, kept.select(new_villages.columns)], how="vertical_relaxed")
    upper = (
        engine.rollup(villages.drop("source", "is_demo"), codes)
        .filter(pl.col("level") < AreaLevel.VILLAGE)
        .join(
            villages.group_by(pl.col("village").str.slice(0, 2).alias("province")).agg(
                pl.col("is_demo").all()
            ),
            how="left",
            left_on=pl.col("area").str.slice(0, 2),
            right_on="province",
        )
        .with_columns(pl.lit(None, dtype=pl.Int64).alias("source"))
    )
    rows = pl.concat(
        [
            villages.rename({"village": "area"}).with_columns(
                pl.lit(AreaLevel.VILLAGE, dtype=pl.Int8).alias("level")
            ),
            upper.select("area", "level", *value_columns, "source", "is_demo"),
        ],
        how="diagonal_relaxed",
    ).select(
        pl.lit(year).alias("year"),
        pl.lit(edition.pk).alias("edition"),
        "area",
        pl.col("level").cast(pl.Int64),
        "households",
        "members",
        pl.col("poor").alias("poor_households"),
        engine.counts_json_expr(codes).alias("counts"),
        "source",
        "is_demo",
    )
    BmnResult.objects.filter(_in_provinces(provinces), year=year).delete()
    bulk_insert(BmnResult, RESULT_FIELDS, rows.iter_rows())


# --- Stored problem analysis ------------------------------------------------------------------

ANALYSIS_FIELDS = (
    "analysis",
    "rank",
    "key",
    "family",
    "title_th",
    "category",
    "affected",
    "base",
    "unit",
    "share",
    "change",
    "weight",
    "details",
    "round_year",
)


def problems_refresh(*, villages: Iterable[str] = (), provinces: Iterable[str] = ()) -> int:
    """Analyse again, and store, every area and local government whose evidence these
    villages (or these whole provinces) hold: the villages, every area above them and the
    local governments covering them, for each survey year, in one transaction. Family
    imports call it inside their own transaction (pages never see their records with old
    problems), a BMN import right after its commit (see `bmn_store`). Refreshes take turns
    (a lock on the settings row), so each sees what the one before it committed. Returns
    the number of analyses stored."""
    from planlink.evidence.analysis_many import compute_many

    wanted = {v for v in villages if len(v) == 8}
    whole = set(provinces)
    if not wanted and not whole:
        return 0
    with transaction.atomic():
        ProblemSettings.current()
        ProblemSettings.objects.select_for_update().filter(pk=1).first()
        scopes = _scopes(wanted, whole)
        needed = sorted(whole | {v[:2] for v in wanted} | _scope_provinces(scopes))
        analyses = compute_many(scopes, needed)
        _analyses_replace(scopes, analyses)
    return len(analyses)


def problems_refresh_all() -> int:
    """Every province analysed again (after a change of thresholds or indicator texts), one
    province per transaction."""
    stored = 0
    for province in Area.objects.filter(level=AreaLevel.PROVINCE).values_list("code", flat=True):
        stored += problems_refresh(provinces=[province])
    return stored


def _scopes(villages: set[str], provinces: set[str]) -> list[Any]:
    from planlink.evidence.analysis_many import Scope

    areas = Area.objects.filter(
        Q(code__in={v[:n] for v in villages for n in (2, 4, 6, 8)}) | _prefixed("code", provinces)
    ).order_by("code")
    scopes = [
        Scope(code, None, level, code, None) for code, level in areas.values_list("code", "level")
    ]
    touched = Coverage.objects.filter(
        Q(village_id__in=villages) | _prefixed("village__code", provinces)
    )
    covered: dict[str, list[str]] = {}
    for lao, village in (
        Coverage.objects.filter(local_government__in=touched.values("local_government"))
        .order_by("local_government_id", "village_id")
        .values_list("local_government_id", "village_id")
    ):
        covered.setdefault(lao, []).append(village)
    seats = dict(LocalGovernment.objects.filter(code__in=covered).values_list("code", "seat_id"))
    scopes += [
        Scope(None, lao, None, seats[lao][:2], tuple(codes)) for lao, codes in covered.items()
    ]
    return scopes


def _scope_provinces(scopes: Sequence[Any]) -> set[str]:
    return {v[:2] for scope in scopes for v in scope.villages or ()}


def _prefixed(field: str, prefixes: Iterable[str]) -> Q:
    q = Q(pk__in=[])
    for prefix in prefixes:
        q |= Q(**{f"{field}__startswith": prefix})
    return q


def _analyses_replace(scopes: Sequence[Any], analyses: Sequence[tuple[Any, Any]]) -> None:
    from planlink.evidence import codec

    areas = [s.area for s in scopes if s.area]
    laos = [s.local_government for s in scopes if s.local_government]
    old = ProblemAnalysis.objects.filter(Q(area_id__in=areas) | Q(local_government_id__in=laos))
    StoredProblem.objects.filter(analysis__in=old.values("pk")).delete()
    old.only("pk").delete()
    records = ProblemAnalysis.objects.bulk_create(
        [
            ProblemAnalysis(
                area_id=scope.area,
                local_government_id=scope.local_government,
                level=scope.level,
                year=analysis.year,
                edition_id=analysis.edition_id,
                rounds=analysis.rounds,
                families=codec.encode(analysis.families),
                villages=list(scope.villages or ()),
                is_demo=analysis.synthetic,
            )
            for scope, analysis in analyses
        ],
        batch_size=500,
    )
    bulk_insert(
        StoredProblem,
        ANALYSIS_FIELDS,
        (
            (
                record.pk,
                rank,
                problem.key,
                problem.family,
                problem.title_th,
                problem.category or "",
                problem.affected,
                problem.base,
                problem.unit,
                problem.share,
                problem.change,
                str(problem.weight),
                codec.dumps_tagged(problem.details),
                analysis.round_of(problem),
            )
            for record, (_scope, analysis) in zip(records, analyses, strict=True)
            for rank, problem in enumerate(analysis.problems, start=1)
        ),
    )
