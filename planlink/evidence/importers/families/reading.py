"""Reading a family file: the header search, household files, editions and the wide files of
scored indicators, the narrow files of records."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl

from planlink.core.progress import Progress, no_progress

# The wide formats need the whole header row (indicator columns are not known before the
# edition is), which `read_table` does not expose; these are its own header search steps.
from planlink.core.tabular import (
    Column,
    ImportRejected,
    Problem,
    ProblemLog,
    Table,
    arabic_digits_expr,
    find_header,
    integer_text_expr,
    normalize_header,
    raw_frame,
    read_table,
)
from planlink.core.thai import (
    to_arabic_digits,
)
from planlink.evidence.importers.families.checks import (
    _check_year_argument,
    _require_year,
    _Rows,
)
from planlink.evidence.importers.families.columns import (
    HOUSEHOLD_LIMITS,
    YEAR_MAX,
    YEAR_MIN,
)
from planlink.evidence.models import (
    Family,
    IndicatorEdition,
)


@dataclass
class _Head:
    """The header row as the file has it: 0-based index, every header, where the wanted
    columns are, and the rows below it (for personal-data checks and year look-ups)."""

    index: int
    headers: list[str]
    positions: dict[str, int]
    body: pl.DataFrame  # columns named by `names`
    names: list[str]  # the headers made unique (blank and repeated ones renamed)

    @property
    def row(self) -> int:
        return self.index + 1


def _head(
    path: Path, original_name: str | None, columns: Sequence[Column], limits: str = "default"
) -> _Head:
    raw, _encoding = raw_frame(path, original_name, limits)
    if raw.height == 0 or raw.width == 0:
        read_table(path, columns, original_name=original_name)  # raises: the file is empty
    raw = raw.with_columns(pl.all().cast(pl.String).str.strip_chars())
    index, positions = find_header(raw, columns)
    if index is None:
        read_table(path, columns, original_name=original_name)  # raises: missing columns
        raise AssertionError("read_table found a header that the header search did not")
    headers = ["" if v is None else str(v) for v in raw.row(index)]
    names: list[str] = []
    for position, header in enumerate(headers):
        name = header or f"_blank{position}"
        names.append(name if name not in names else f"{name}#{position}")
    body = raw.slice(index + 1)
    body.columns = names
    return _Head(index, headers, positions, body, names)


def _household_table(
    path: Path, original_name: str | None, columns: Sequence[Column], drop_personal: bool
) -> Table:
    table = read_table(
        path,
        columns,
        original_name=original_name,
        limits=HOUSEHOLD_LIMITS,
        drop_personal=drop_personal,
    )
    table.frame = table.frame.with_columns(
        arabic_digits_expr("household").str.strip_chars().alias("_household")
    )
    return table


_CODE_HEADER = re.compile(
    r"(?:ข้อที่|ข้อ|ตัวชี้วัดที่|ตัวชี้วัด|องค์ประกอบที่|องค์ประกอบ|indicator|component|item|no\.?)?"
    r"(\d+(?:\.\d+)*)"
)


def indicator_code_of(header: str) -> str | None:
    """The indicator code a wide-format header names: "1.1", "ข้อ 1.1", "ข้อ1.1", "๑.๑",
    "องค์ประกอบที่ 2", "indicator 3" …; None for any other header."""
    text = re.sub(r"\s+", "", to_arabic_digits(str(header)).lower())
    match = _CODE_HEADER.fullmatch(text)
    return match.group(1) if match else None


def _editions_for(family: str, years: set[int]) -> list[IndicatorEdition]:
    # Editions bounded by years come before open-ended ones (the built-in sample), newest
    # first: the model's ordering, with NULL years placed the same on SQLite and PostgreSQL.
    editions = list(IndicatorEdition.objects.filter(family=family))
    editions.sort(key=lambda e: (e.first_year is None, -(e.first_year or 0), e.code))
    return [e for e in editions if all(e.covers(y) for y in years)]


def _edition(
    family: str, code: str | None, years: set[int], year_header: str, head_row: int
) -> IndicatorEdition:
    label_th = "กชช.2ค" if family == Family.VBD else "GVH"
    if code:
        edition = IndicatorEdition.objects.filter(family=family, code=code).first()
        if edition is None:
            raise ImportRejected(
                [
                    Problem(
                        None,
                        None,
                        f"ไม่พบชุดตัวชี้วัด {label_th} '{code}'",
                        f"no {label_th} edition '{code}'",
                    )
                ]
            )
        outside = sorted(y for y in years if not edition.covers(y))
        if outside:
            raise ImportRejected(
                [
                    Problem(
                        None,
                        year_header,
                        f"ชุดตัวชี้วัด {code} ใช้กับปี {edition.first_year}–{edition.last_year} ไม่ใช่ปี {outside[0]}",
                        f"edition {code} is for {edition.first_year}–{edition.last_year}, not {outside[0]}",
                    )
                ]
            )
        return edition
    candidates = _editions_for(family, years)
    if candidates:
        return candidates[0]
    shown = ", ".join(map(str, sorted(years)))
    if len(years) > 1 and all(_editions_for(family, {y}) for y in years):
        raise ImportRejected(
            [
                Problem(
                    None,
                    year_header,
                    f"ไฟล์มีหลายปี ({shown}) ที่ใช้ชุดตัวชี้วัด{label_th}ต่างกัน ให้แยกไฟล์ตามปี",
                    f"the file's years ({shown}) use different {label_th} editions; import each year separately",
                )
            ]
        )
    raise ImportRejected(
        [
            Problem(
                head_row,
                year_header,
                f"ยังไม่มีชุดตัวชี้วัด{label_th}สำหรับปี {shown} ให้ผู้ดูแลระบบโหลดชุดตัวชี้วัดก่อน",
                f"no {label_th} edition covers {shown}; an administrator must load it first",
            )
        ]
    )


def _file_years(head: _Head, year: int | None) -> set[int]:
    """The B.E. years the rows give (cells that are not years are reported row by row later)."""
    if year is not None:
        return {year}
    if "year" not in head.positions:
        return set()
    column = head.body.columns[head.positions["year"]]
    texts = head.body.select(integer_text_expr(column)).to_series().drop_nulls().to_list()
    return {int(t) for t in texts if t.isdigit() and YEAR_MIN <= int(t) <= YEAR_MAX}


@dataclass
class _Wide:
    table: Table
    edition: IndicatorEdition
    codes: list[str]  # the edition's indicator codes, in order
    present: list[str]  # those with a column in the file
    head_row: int


def _read_wide(
    path: Path,
    original_name: str | None,
    family: str,
    base: Sequence[Column],
    year: int | None,
    edition_code: str | None,
    problems: ProblemLog,
    drop_personal: bool = False,
) -> _Wide:
    head = _head(path, original_name, base)
    year_header = head.headers[head.positions["year"]] if "year" in head.positions else "ปี"
    edition = _edition(family, edition_code, _file_years(head, year), year_header, head.row)
    indicators = list(edition.indicators.order_by("order"))
    codes = [i.code for i in indicators]
    by_name = _indicator_names(indicators)
    found: dict[str, int] = {}
    unknown: list[str] = []
    for position, header in enumerate(head.headers):
        if not header or position in head.positions.values():
            continue
        code = indicator_code_of(header)
        if code is not None and code not in codes and code.endswith(".0") and code[:-2] in codes:
            code = code[:-2]  # a spreadsheet's number 1 read back as "1.0"
        if code is None:
            code = by_name.get(normalize_header(header))
            if code is None:
                continue  # a column the importer does not need, e.g. the village name
        if code not in codes:
            unknown.append(header)
        elif code in found:
            problems.note(
                head.row,
                header,
                f"มีคอลัมน์ของข้อ {code} ซ้ำกับคอลัมน์ '{head.headers[found[code]]}'",
                f"indicator {code} has a second column; the first is '{head.headers[found[code]]}'",
            )
        else:
            found[code] = position
    for header in unknown:
        problems.note(
            head.row,
            header,
            f"ข้อ '{header}' ไม่มีในชุดตัวชี้วัด {edition.code} (ไฟล์อาจเป็นชุดตัวชี้วัดอื่น)",
            f"'{header}' is not an indicator of edition {edition.code} (the file may be of another edition)",
        )
    for code in codes:
        if code not in found:
            problems.note(
                head.row,
                code,
                f"ไม่มีคอลัมน์ของข้อ {code} ของชุดตัวชี้วัด {edition.code}",
                f"missing the column of indicator {code} of edition {edition.code}",
            )
    # Listed in file order, each indicator column takes its own header even where two
    # headers would read alike once normalised ("1.11" and "11.1").
    wanted = [
        Column(_score_key(code), head.headers[pos], head.headers[pos])
        for code, pos in sorted(found.items(), key=lambda item: item[1])
    ]
    table = read_table(
        path, (*base, *wanted), original_name=original_name, drop_personal=drop_personal
    )
    for problem in table.problems:
        problems.add(problem)
    _require_year(table, year, head.row, problems)
    return _Wide(table, edition, codes, [c for c in codes if c in found], head.row)


def _indicator_names(indicators: Sequence[Any]) -> dict[str, str]:
    """Normalised indicator texts, and category names of one-indicator categories (the GVH
    components), → code: headers may name a component instead of numbering it."""
    per_category: dict[str, list[str]] = defaultdict(list)
    for indicator in indicators:
        per_category[indicator.category_th].append(indicator.code)
    names: dict[str, str] = {}
    for indicator in indicators:
        names[normalize_header(indicator.text_th)] = indicator.code
        if per_category[indicator.category_th] == [indicator.code]:
            for name in (indicator.category_th, indicator.category_en):
                if name:
                    names[normalize_header(name)] = indicator.code
    return names


def _score_key(code: str) -> str:
    return f"score:{code}"


def _narrow(
    path: Path | str,
    original_name: str | None,
    columns: Sequence[Column],
    year: int | None,
    within: str,
    problems: ProblemLog,
    *,
    household: bool = False,
    drop_personal: bool = False,
    progress: Progress | None = None,
) -> _Rows:
    _check_year_argument(year)
    (progress or no_progress)("read", 0, 1)
    if household:
        table = _household_table(Path(path), original_name, columns, drop_personal)
    else:
        table = read_table(path, columns, original_name=original_name, drop_personal=drop_personal)
    for problem in table.problems:
        problems.add(problem)
    if year is None and "year" not in table.headers:
        limits = HOUSEHOLD_LIMITS if household else "default"
        _require_year(table, year, _head(Path(path), original_name, columns, limits).row, problems)
    return _Rows(table, problems, year=year, within=within, progress=progress)
