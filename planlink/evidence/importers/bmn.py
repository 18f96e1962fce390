"""BMN import: read → check everything → pseudonymise → roll up → store, all or nothing.

Accepts the household summary sheet (one row per household: village code, household key,
survey year, optional member count, eligible/passed per indicator) as CSV (UTF-8, BOM,
cp874), XLSX or Parquet, and the village summary table of published reports (one row per
village and indicator). See docs/formats.md.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import polars as pl

from planlink.areas.models import Area, AreaLevel
from planlink.core.filelimits import limits_for, too_many_rows
from planlink.core.personal import (
    citizen_id_cells,
    contains_citizen_id,
    id_in_cell_problem_text,
)
from planlink.core.progress import Progress, no_progress
from planlink.core.pseudonym import pseudonymize
from planlink.core.tabular import (
    HEADER_SEARCH_ROWS,
    MAX_REPORTED_PROBLEMS,
    ROW,
    ImportRejected,
    Problem,
    ProblemLog,
    arabic_digits_expr,
    integer_text_expr,
)
from planlink.core.thai import ThaiValueError, parse_int
from planlink.core.workdirs import locked_workdir
from planlink.evidence.engine import bmn as engine
from planlink.evidence.importers.bmn_read import (
    Checks,
    Layout,
    clean_text_batch,
    extra_name,
    household_batches,
    household_row_limit,
    inspect_file,
    is_wider_row_error,
    summary_frame,
    summary_rows,
    transcode,
    wider_csv_rows,
)
from planlink.evidence.models import Family, IndicatorEdition


@dataclass
class BmnOutcome:
    year: int
    edition: str
    kind: str
    encoding: str
    households: int
    villages: int
    scope: str
    dry_run: bool
    import_id: int | None = None
    replaced_villages: int = 0
    seconds: dict[str, float] = field(default_factory=dict)


def bmn_import(
    *,
    user: Any,
    path: Path | str,
    original_name: str | None = None,
    year: int | None = None,
    within: str = "",
    edition_code: str | None = None,
    drop_personal_columns: bool = False,
    dry_run: bool = False,
    demo: bool = False,
    progress: Progress | None = None,
) -> BmnOutcome:
    """Import one BMN survey file. Raises ImportRejected (nothing written) on any problem.

    Everything the import writes to disk lives in one locked work folder until the
    database commits (see core/workdirs): a killed import leaves nothing that the next
    sweep does not remove."""
    with locked_workdir() as work:
        return _bmn_import(
            user=user,
            path=Path(path),
            original_name=original_name,
            year=year,
            within=within,
            edition_code=edition_code,
            drop_personal_columns=drop_personal_columns,
            dry_run=dry_run,
            demo=demo,
            report=progress or no_progress,
            work=work,
        )


def _bmn_import(
    *,
    user: Any,
    path: Path,
    original_name: str | None,
    year: int | None,
    within: str,
    edition_code: str | None,
    drop_personal_columns: bool,
    dry_run: bool,
    demo: bool,
    report: Progress,
    work: Path,
) -> BmnOutcome:
    clock: dict[str, float] = {}
    started = time.perf_counter()
    layout = inspect_file(path, original_name, work=work)
    try:
        _refuse_personal(layout, drop_personal_columns)
        survey_year = year if year is not None else _year_from_sample(layout)
        edition = _edition(edition_code, survey_year, layout)
        indicators = list(edition.indicators.order_by("order"))
        codes = [i.code for i in indicators]
        units = {i.code: i.unit for i in indicators}
        income = edition.setting("income_indicator")
        income_code = income if income in units else None
        clock["inspect"] = time.perf_counter() - started
        if layout.kind == "summary":
            sums, parts_dir, households = _summary(
                layout, codes, units, income_code, survey_year, within, drop_personal_columns
            )
        else:
            _check_indicator_columns(layout, codes)
            sums, parts_dir, households = _households(
                layout,
                codes,
                units,
                income_code,
                survey_year,
                within,
                report,
                clock,
                drop_personal=drop_personal_columns,
                work=work / "parts",
            )
        scope = _common_scope(sums["village"].to_list())
        outcome = BmnOutcome(
            year=survey_year,
            edition=edition.code,
            kind=layout.kind,
            encoding=layout.encoding,
            households=households,
            villages=sums.height,
            scope=scope,
            dry_run=dry_run,
        )
        if dry_run:
            if parts_dir:
                shutil.rmtree(parts_dir, ignore_errors=True)
            return outcome
        from planlink.evidence.services import bmn_store

        t = time.perf_counter()
        report("store", 0, 1)
        stored = bmn_store(
            user=user,
            year=survey_year,
            edition=edition,
            codes=codes,
            village_sums=sums,
            parts_dir=parts_dir,
            work_name=work.name,
            source_name=original_name or path.name,
            scope=scope,
            households=households,
            demo=demo,
        )
        report("store", 1, 1)
        clock["store"] = time.perf_counter() - t - stored.analysis_seconds
        clock["analyse"] = stored.analysis_seconds
        outcome.import_id = stored.import_id
        outcome.replaced_villages = stored.replaced_villages
        outcome.seconds = clock
        return outcome
    finally:
        layout.cleanup()


def _refuse_personal(layout: Layout, drop: bool) -> None:
    if not layout.personal:
        return
    key_headers = {layout.base_header(k) for k in ("village", "household")}
    locked = [c for c in layout.personal if c.header in key_headers]
    if locked or not drop:
        problems = [
            Problem(
                layout.header_index + 1,
                c.header,
                f"คอลัมน์ '{c.header}' มี{c.label_th} ระบบไม่เก็บข้อมูลส่วนบุคคล "
                + (
                    "ใช้รหัสบ้านแทนเลขประจำตัวประชาชนเป็นรหัสครัวเรือน"
                    if c in locked
                    else "ลบคอลัมน์นี้ออกจากไฟล์ หรือนำเข้าด้วยตัวเลือกตัดคอลัมน์ข้อมูลส่วนบุคคล"
                ),
                f"column '{c.header}' holds {'names' if c.kind == 'name' else '13-digit citizen IDs'}; "
                "planlink never stores personal data: "
                + (
                    "use the house code, not a citizen ID, as the household key"
                    if c in locked
                    else "remove the column or import with --drop-personal-columns"
                ),
            )
            for c in (locked or layout.personal)
        ]
        raise ImportRejected(problems)
    # With drop: the reader only ever selects known columns, so the personal ones are
    # never read, let alone stored.


def _year_from_sample(layout: Layout) -> int:
    key = "year"
    if layout.sample is None or key not in layout.base:
        raise ImportRejected([Problem(None, None, "ไม่พบปีที่สำรวจ", "no survey year found")])
    column = layout.sample.columns[layout.base[key]]
    for value in layout.sample[column].to_list():
        if value not in (None, ""):
            try:
                return _be_year(parse_int(value), layout.first_data_row, layout.base_header(key))
            except ThaiValueError as exc:
                raise ImportRejected(
                    [Problem(layout.first_data_row, layout.base_header(key), exc.th, exc.en)]
                ) from exc
    sample = layout.sample
    assert sample is not None
    ended = layout.header_index + 1 + sample.height < HEADER_SEARCH_ROWS  # all of it was read
    if ended and all(v in (None, "") for name in sample.columns for v in sample[name].to_list()):
        raise ImportRejected([Problem(None, None, *_no_rows())])
    raise ImportRejected(
        [
            Problem(
                layout.first_data_row,
                layout.base_header(key),
                "ไม่มีปีที่สำรวจ",
                "the survey year is missing",
            )
        ]
    )


def _be_year(year: int, row: int, column: str) -> int:
    if not 2400 <= year <= 2700:
        raise ImportRejected(
            [
                Problem(
                    row,
                    column,
                    f"ปีที่สำรวจ {year} ต้องเป็นปี พ.ศ. เช่น 2564",
                    f"survey year {year} must be a Buddhist-Era year such as 2564",
                )
            ]
        )
    return year


def _edition(code: str | None, year: int, layout: Layout) -> IndicatorEdition:
    editions = IndicatorEdition.objects.filter(family=Family.BMN)
    if code:
        edition = editions.filter(code=code).first()
        if edition is None:
            raise ImportRejected(
                [Problem(None, None, f"ไม่พบชุดตัวชี้วัด จปฐ. '{code}'", f"no BMN edition '{code}'")]
            )
        if not edition.covers(year):
            raise ImportRejected(
                [
                    Problem(
                        None,
                        layout.base_header("year"),
                        f"ชุดตัวชี้วัด {code} ใช้กับปี {edition.first_year}–{edition.last_year} ไม่ใช่ปี {year}",
                        f"edition {code} is for {edition.first_year}–{edition.last_year}, not {year}",
                    )
                ]
            )
        return edition
    for edition in editions:
        if edition.covers(year):
            return edition
    raise ImportRejected(
        [
            Problem(
                None,
                layout.base_header("year"),
                f"ยังไม่มีชุดตัวชี้วัด จปฐ. สำหรับปี {year} ให้ผู้ดูแลระบบโหลดชุดตัวชี้วัดก่อน",
                f"no BMN edition covers {year}; an administrator must load it first",
            )
        ]
    )


def _check_indicator_columns(layout: Layout, codes: Sequence[str]) -> None:
    problems = []
    header_row = layout.header_index + 1
    for code in codes:
        e_pos, p_pos = layout.indicators.get(code, (-1, -1))
        for pos, kind_th, kind_en, name in (
            (e_pos, "จำนวนที่สำรวจ", "eligible", f"e{code}"),
            (p_pos, "จำนวนที่ผ่าน", "passed", f"p{code}"),
        ):
            if pos < 0:
                problems.append(
                    Problem(
                        header_row,
                        name,
                        f"ไม่มีคอลัมน์{kind_th}ของตัวชี้วัด {code} ({name})",
                        f"missing the {kind_en} column of indicator {code} ({name})",
                    )
                )
    extra = sorted(set(layout.indicators) - set(codes), key=lambda c: (len(c), c))
    for code in extra:
        positions = [p for p in layout.indicators[code] if p >= 0]
        problems.append(
            Problem(
                header_row,
                layout.header(positions[0]),
                f"ตัวชี้วัด {code} ไม่มีในชุดตัวชี้วัดของปีนี้ (ไฟล์อาจเป็นชุดตัวชี้วัดอื่น)",
                f"indicator {code} is not in this year's edition (the file may be another edition)",
            )
        )
    if problems:
        raise ImportRejected(problems)


def _known_villages(within: str) -> pl.Series:
    qs = Area.objects.filter(level=AreaLevel.VILLAGE)
    if within:
        qs = qs.filter(code__startswith=within)
    return pl.Series("known", list(qs.values_list("code", flat=True)), dtype=pl.String)


def _estimate_rows(layout: Layout) -> int:
    """Rows in the file for the progress bar, from its size and its first lines' length."""
    if layout.file_format != "csv":
        return 0
    with layout.source.open("rb") as handle:
        head = handle.read(256 * 1024)
    lines = head.count(b"\n")
    if lines < 2:
        return 0
    return int(layout.source.stat().st_size / (len(head) / lines)) - layout.header_index - 1


def _households(
    layout: Layout,
    codes: list[str],
    units: dict[str, str],
    income_code: str | None,
    year: int,
    within: str,
    report: Progress,
    clock: dict[str, float],
    *,
    drop_personal: bool = False,
    work: Path,
) -> tuple[pl.DataFrame, Path, int]:
    checks = Checks(
        codes=codes,
        units=units,
        year=year,
        known_villages=_known_villages(within),
        within=within,
        layout=layout,
    )
    total_rows = _estimate_rows(layout)
    work.mkdir(parents=True, exist_ok=True)
    attempts = [True, False]  # typed fast path, then text to name every bad cell
    try:
        while attempts:
            typed = attempts.pop(0)
            try:
                return _household_pass(
                    layout,
                    codes,
                    income_code,
                    checks,
                    work,
                    total_rows,
                    typed=typed,
                    report=report,
                    clock=clock,
                    extras=[] if drop_personal else _extra_positions(layout, codes),
                )
            except pl.exceptions.PolarsError as exc:
                shutil.rmtree(work, ignore_errors=True)
                work.mkdir(parents=True, exist_ok=True)
                if is_wider_row_error(exc) and not layout.cut_ragged:
                    refusal = wider_csv_rows(layout)
                    if refusal is not None:
                        raise refusal from exc
                    attempts.insert(0, typed)  # only empty cells beyond: read them cut
                    continue
                late_thai = "utf-8" in str(exc).lower() or "utf8" in str(exc).lower()
                if late_thai and layout.temp_dir is None and layout.file_format == "csv":
                    # TIS-620 text past the first megabyte: transcode, then read again.
                    layout.source, layout.encoding, layout.temp_dir = transcode(
                        layout.source, within=work.parent
                    )
                    attempts.insert(0, typed)
                elif not attempts:
                    raise
        raise AssertionError("unreachable")
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise


def _household_pass(
    layout: Layout,
    codes: list[str],
    income_code: str | None,
    checks: Checks,
    work: Path,
    total_rows: int,
    *,
    typed: bool,
    report: Progress,
    clock: dict[str, float],
    extras: Sequence[int] = (),
) -> tuple[pl.DataFrame, Path, int]:
    problems = ProblemLog()
    row_limit = household_row_limit()
    scanned = ["village", "household", *(extra_name(pos) for pos in extras)]
    writer = ThreadPoolExecutor(max_workers=1)  # compress and write while the next batch is read
    writes: list[Future[None]] = []
    sums: list[pl.DataFrame] = []
    keys: list[pl.DataFrame] = []
    done = 0
    t_read = t_check = t_hash = t_write = 0.0
    value_columns = ["members", *engine.count_columns(codes)]
    t = time.perf_counter()
    for index, raw in enumerate(household_batches(layout, codes, typed=typed, extras=extras)):
        t_read += time.perf_counter() - t
        t = time.perf_counter()
        if done + raw.height > row_limit:
            raise ImportRejected([Problem(None, None, *_too_many(row_limit))])
        _citizen_ids(raw, scanned, checks, problems)
        raw = raw.drop(scanned[2:])
        if typed:
            batch = _normalize_codes(raw)
        else:
            batch, bad_cells = clean_text_batch(raw, codes)
            if bad_cells.height:
                for rec in bad_cells.head(MAX_REPORTED_PROBLEMS).iter_rows(named=True):
                    if contains_citizen_id(rec["value"]):
                        th, en = id_in_cell_problem_text(key_column=True, household_key=False)
                    else:
                        th = f"'{rec['value']}' ไม่ใช่จำนวนเต็ม 0–255"
                        en = f"'{rec['value']}' is not a whole number 0–255"
                    problems.add(Problem(rec[ROW], checks._header(rec["key"]), th, en))
                problems.count(max(0, bad_cells.height - MAX_REPORTED_PROBLEMS))
                batch = batch.filter(~pl.col(ROW).is_in(bad_cells[ROW].implode()))
        found = checks.report(batch, problems.add)
        problems.count(found)
        t_check += time.perf_counter() - t
        t = time.perf_counter()
        valid = batch.filter(~checks.mask().fill_null(True)) if found else batch
        # From here on the village is its integer code: cheaper to hash and to group by.
        village = valid["village"].cast(pl.UInt32)
        ids = pseudonymize(village, valid["household"])
        keys.append(pl.DataFrame({"village": village, "household": ids, ROW: valid[ROW]}))
        t_hash += time.perf_counter() - t
        t = time.perf_counter()
        if problems.total == 0:
            stored = valid.select(
                village, ids.alias("household"), *(pl.col(c) for c in value_columns)
            )
            writes.append(
                writer.submit(stored.write_ipc, work / f"part-{index:05d}.arrow", compression="lz4")
            )
            sums.append(engine.village_sums(stored, codes, income_code))
        t_write += time.perf_counter() - t
        done += raw.height
        report("check", done, max(total_rows, done))
        t = time.perf_counter()
    t = time.perf_counter()
    writer.shutdown(wait=True)
    for write in writes:
        write.result()  # re-raise a failed write
    t_write += time.perf_counter() - t
    clock.update(read=t_read, check=t_check, hash=t_hash, write=t_write)
    t = time.perf_counter()
    all_keys = pl.concat(keys) if keys else None
    # Counting distinct pseudonyms is ~6× cheaper than marking duplicates; most files have none.
    if all_keys is not None and all_keys["household"].n_unique() < all_keys.height:
        # The pseudonym is a keyed hash of village and key together, so equal pseudonyms are
        # the same key in the same village (the village is compared too, to be exact).
        duplicated = all_keys.filter(pl.col("household").is_duplicated())
        duplicated = duplicated.filter(pl.struct("village", "household").is_duplicated())
        if duplicated.height:
            first = duplicated.group_by("village", "household").agg(
                pl.col(ROW).min().alias("first")
            )
            repeats = duplicated.join(first, on=["village", "household"]).filter(
                pl.col(ROW) != pl.col("first")
            )
            for rec in repeats.sort(ROW).iter_rows(named=True):
                problems.add(
                    Problem(
                        rec[ROW],
                        layout.base_header("household"),
                        f"รหัสบ้านซ้ำกับแถวที่ {rec['first']} ในหมู่บ้านเดียวกัน",
                        f"the household key repeats row {rec['first']} in the same village",
                    )
                )
    if done == 0:
        problems.add(Problem(None, None, *_no_rows()))
    clock["duplicates"] = time.perf_counter() - t
    problems.raise_if_any()
    t = time.perf_counter()
    villages = engine.combine_village_sums(sums, codes).with_columns(
        pl.col("village").cast(pl.String).str.zfill(8)
    )
    clock["rollup_villages"] = time.perf_counter() - t
    return villages, work, done


def _extra_positions(layout: Layout, codes: Sequence[str]) -> list[int]:
    """Columns the import does not use: read only to be sure no citizen ID hides in them."""
    used = set(layout.base.values())
    for code in codes:
        used.update(layout.indicators.get(code, ()))
    return [pos for pos in range(len(layout.headers)) if pos not in used]


def _citizen_ids(
    batch: pl.DataFrame, columns: Sequence[str], checks: Checks, problems: ProblemLog
) -> None:
    """Every cell of the batch's text columns holding a valid citizen ID, by row and column."""
    for name, positions in citizen_id_cells(batch, list(columns)).items():
        th, en = id_in_cell_problem_text(
            key_column=name in ("village", "household"), household_key=name == "household"
        )
        if name.startswith("_extra"):
            header = checks.layout.header(int(name.removeprefix("_extra")))
        else:
            header = checks._header(name)
        rows = batch[ROW].gather(positions).to_list()
        for row in rows:
            problems.add(Problem(row, header, th, en))


def _no_rows() -> tuple[str, str]:
    return "ไฟล์มีแต่หัวตาราง ไม่มีข้อมูลครัวเรือน", "the file has a header but no household rows"


def _too_many(limit: int) -> tuple[str, str]:
    error = too_many_rows(replace(limits_for("bmn"), rows=limit))
    return error.th, error.en


def _normalize_codes(batch: pl.DataFrame) -> pl.DataFrame:
    """Village codes and household keys written with Thai digits read as Arabic ones (checked
    first: the conversion is only paid for when a file has them)."""
    batch = batch.with_columns(pl.col("household").str.strip_chars())
    thai = pl.col("village").str.contains("[๐-๙]") | pl.col("household").str.contains("[๐-๙]")
    if batch.select(thai.any()).item():
        batch = batch.with_columns(
            arabic_digits_expr("village").alias("village"),
            arabic_digits_expr("household").alias("household"),
        )
    return batch


def _summary(
    layout: Layout,
    codes: list[str],
    units: dict[str, str],
    income_code: str | None,
    year: int,
    within: str,
    drop_personal: bool,
) -> tuple[pl.DataFrame, None, int]:
    """Village summary table (one row per village and indicator) → village sums."""
    everything = summary_frame(layout, [] if drop_personal else _extra_positions(layout, []))
    problems = ProblemLog()
    known = _known_villages(within)
    scanned = ["village", *(c for c in everything.columns if c.startswith("_extra"))]
    _citizen_ids(everything, scanned, Checks([], {}, year, known, within, layout), problems)
    problems.raise_if_any()
    frame = summary_rows(everything)
    header = layout.base_header
    frame = frame.with_columns(
        integer_text_expr("village").alias("village"),
        integer_text_expr("indicator").str.replace(r"^ข้อ", "").alias("indicator"),
        *(
            integer_text_expr(c).cast(pl.Int64, strict=False).alias(f"_{c}")
            for c in ("year", "eligible", "passed", "failed", "households")
        ),
    )

    def check(expr: pl.Expr, key: str, th: str, en: str) -> None:
        failing = frame.filter(expr.fill_null(False))
        for rec in failing.head(MAX_REPORTED_PROBLEMS).iter_rows(named=True):
            value = "" if rec.get(key) is None else str(rec[key])
            problems.add(
                Problem(rec[ROW], header(key), th.format(value=value), en.format(value=value))
            )
        problems.count(max(0, failing.height - MAX_REPORTED_PROBLEMS))

    good_code = pl.col("village").str.contains(r"^\d{8}$")
    check(
        ~good_code.fill_null(False),
        "village",
        "รหัสหมู่บ้าน '{value}' ต้องเป็นตัวเลข 8 หลัก",
        "village code '{value}' must be 8 digits",
    )
    check(
        good_code & ~pl.col("village").is_in(known.implode()),
        "village",
        "ไม่พบหมู่บ้านรหัส {value} ในระบบหรือในพื้นที่ที่นำเข้า",
        "village {value} is unknown or outside the area being imported",
    )
    check(
        pl.col("_year") != year,
        "year",
        f"ปีที่สำรวจ '{{value}}' ไม่ใช่ {year}",
        f"survey year '{{value}}' is not {year}",
    )
    check(
        ~pl.col("indicator").is_in(codes),
        "indicator",
        "ตัวชี้วัด '{value}' ไม่มีในชุดตัวชี้วัดของปีนี้",
        "indicator '{value}' is not in this year's edition",
    )
    for key in ("eligible", "passed"):
        check(
            pl.col(f"_{key}").is_null() | (pl.col(f"_{key}") < 0),
            key,
            "'{value}' ต้องเป็นจำนวนเต็มไม่ติดลบ",
            "'{value}' must be a whole number, not negative",
        )
    check(
        (pl.col("_eligible") >= 0) & (pl.col("_passed") > pl.col("_eligible")),
        "passed",
        "ผ่านเกณฑ์ {value} มากกว่าจำนวนที่สำรวจ",
        "passed {value} is more than eligible",
    )
    check(
        pl.col("failed").is_not_null()
        & (pl.col("_eligible") >= 0)
        & (pl.col("_passed") >= 0)
        & (pl.col("_failed") != pl.col("_eligible") - pl.col("_passed")),
        "failed",
        "ไม่ผ่านเกณฑ์ {value} ไม่เท่ากับ สำรวจ − ผ่าน",
        "failed {value} is not eligible − passed",
    )
    check(
        pl.struct("village", "indicator").is_duplicated()
        & (pl.col(ROW) != pl.col(ROW).min().over("village", "indicator")),
        "indicator",
        "ตัวชี้วัด {value} ของหมู่บ้านนี้ซ้ำ",
        "indicator {value} repeats for this village",
    )
    counted = frame.group_by("village").agg(
        pl.col("indicator").n_unique().alias("n"), pl.col(ROW).min()
    )
    for rec in (
        counted.filter(pl.col("n") < len(codes)).head(MAX_REPORTED_PROBLEMS).iter_rows(named=True)
    ):
        problems.add(
            Problem(
                rec[ROW],
                header("indicator"),
                f"หมู่บ้าน {rec['village']} มีตัวชี้วัดไม่ครบ {len(codes)} ตัว",
                f"village {rec['village']} lacks some of the {len(codes)} indicators",
            )
        )
    check(
        pl.col("_households").n_unique().over("village") > 1,
        "households",
        "จำนวนครัวเรือนของหมู่บ้านเดียวกันไม่ตรงกันระหว่างแถว",
        "the village's household count differs between rows",
    )
    if frame.height == 0:
        problems.add(Problem(None, None, "ไฟล์ไม่มีข้อมูล", "the file has no data rows"))
    problems.raise_if_any()

    household_codes = [c for c in codes if units[c] == "household"]
    wide = frame.pivot(
        on="indicator", index="village", values=["_eligible", "_passed"], aggregate_function="first"
    )
    renamed = {}
    for code in codes:
        renamed[f"_eligible_{code}"] = engine.e(code)
        renamed[f"_passed_{code}"] = engine.p(code)
    wide = wide.rename({k: v for k, v in renamed.items() if k in wide.columns})
    households = frame.group_by("village").agg(pl.col("_households").max().alias("given"))
    wide = wide.join(households, on="village")
    inferred = (
        pl.max_horizontal(*(pl.col(engine.e(c)) for c in household_codes))
        if household_codes
        else pl.lit(0)
    )
    poor = (
        pl.col(engine.e(income_code)) - pl.col(engine.p(income_code)) if income_code else pl.lit(0)
    )
    wide = wide.with_columns(
        pl.coalesce(pl.col("given"), inferred).cast(pl.Int64).alias("households"),
        pl.lit(None, dtype=pl.Int64).alias("members"),
        poor.cast(pl.Int64).alias("poor"),
    )
    result = wide.select("village", *engine.SUM_COLUMNS, *engine.count_columns(codes))
    return result, None, int(result["households"].sum())


def _common_scope(villages: list[str]) -> str:
    """The code of the smallest area containing every village ('' if they span provinces)."""
    if not villages:
        return ""
    for width in (8, 6, 4, 2):
        prefixes = {v[:width] for v in villages}
        if len(prefixes) == 1:
            return prefixes.pop()
    return ""
