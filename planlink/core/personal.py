"""Spotting personal data in survey files: names and 13-digit Thai citizen IDs.

planlink keeps counts and pseudonymous household keys, never names or citizen IDs. Household
files are checked by header (Thai and English names of such columns) and by content (values
that are 13-digit citizen IDs with a valid check digit).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import polars as pl

from planlink.core.tabular import normalize_header

_NAME_HEADERS = {
    normalize_header(h)
    for h in (
        "ชื่อ",
        "นามสกุล",
        "ชื่อสกุล",
        "ชื่อ-สกุล",
        "ชื่อ-นามสกุล",
        "ชื่อ นามสกุล",
        "คำนำหน้า",
        "คำนำหน้าชื่อ",
        "ชื่อหัวหน้าครัวเรือน",
        "หัวหน้าครัวเรือน",
        "ชื่อเจ้าบ้าน",
        "เจ้าบ้าน",
        "ชื่อผู้ให้ข้อมูล",
        "ผู้ให้ข้อมูล",
        "ชื่อสมาชิก",
        "ผู้ใหญ่บ้าน",
        "ชื่อผู้ใหญ่บ้าน",
        "ชื่อกำนัน",
        "ประธานกลุ่ม",
        "ชื่อประธาน",
        "ชื่อประธานกลุ่ม",
        "ผู้ติดต่อ",
        "ชื่อผู้ติดต่อ",
        "ผู้ประสานงาน",
        "ชื่อผู้ประสานงาน",
        "headman",
        "chairperson",
        "contact name",
        "name",
        "first name",
        "firstname",
        "last name",
        "lastname",
        "surname",
        "full name",
        "fullname",
        "head name",
        "head of household",
        "respondent",
        "title",
    )
}
_ID_HEADERS = {
    normalize_header(h)
    for h in (
        "เลขประจำตัวประชาชน",
        "เลขบัตรประชาชน",
        "เลขบัตรประจำตัวประชาชน",
        "บัตรประชาชน",
        "เลขบัตร",
        "เลข 13 หลัก",
        "เลขประจำตัว",
        "pid",
        "cid",
        "citizen id",
        "citizenid",
        "national id",
        "nationalid",
        "id card",
        "idcard",
        "id card no",
        "thai id",
    )
}
_ID_SHAPE = re.compile(r"^\d{13}$")
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
# A citizen ID written inside other text: 13 digits in a row, or in the card's grouping
# 1-2345-67890-12-3 (dashes or single spaces), not part of a longer run of digits.
_ID_IN_TEXT = (
    r"(?:^|[^0-9])([0-9]{13}|[0-9][- ][0-9]{4}[- ][0-9]{5}[- ][0-9]{2}[- ][0-9])(?:[^0-9]|$)"
)
_ID_IN_TEXT_RE = re.compile(_ID_IN_TEXT)
# The same shape for Polars (Rust regex), Thai digits included: a cheap first filter, after
# which Python checks the check digit of the few cells that match.
_D = "[0-9๐-๙]"
_GROUPED = f"{_D}[- ]{_D}{{4}}[- ]{_D}{{5}}[- ]{_D}{{2}}[- ]{_D}"
_CANDIDATE = f"(?:^|[^0-9๐-๙])(?:{_D}{{13}}|{_GROUPED})(?:[^0-9๐-๙]|$)"


@dataclass(frozen=True)
class PersonalColumn:
    header: str
    kind: str  # "name" or "citizen_id"

    @property
    def label_th(self) -> str:
        return "ชื่อบุคคล" if self.kind == "name" else "เลขประจำตัวประชาชน 13 หลัก"


def is_citizen_id(text: str) -> bool:
    """A 13-digit Thai citizen ID with a valid check digit (dashes and spaces ignored)."""
    digits = re.sub(r"[\s-]", "", text)
    if not _ID_SHAPE.fullmatch(digits):
        return False
    total = sum(int(d) * (13 - i) for i, d in enumerate(digits[:12]))
    return (11 - total % 11) % 10 == int(digits[12])


def citizen_ids_in_text(text: str) -> list[str]:
    """Every valid citizen ID written anywhere in `text` (Thai digits too), as 13 digits."""
    normal = str(text).translate(_THAI_DIGITS)
    found: list[str] = []
    position = 0
    while True:
        match = _ID_IN_TEXT_RE.search(normal, position)
        if match is None:
            return found
        digits = re.sub(r"[- ]", "", match.group(1))
        if is_citizen_id(digits):
            found.append(digits)
        position = match.end(1)


_DIGIT_RUN = re.compile(r"[0-9๐-๙]")


def redact_citizen_ids(text: str) -> str:
    """`text` with every valid citizen ID in it masked (for messages that quote a cell)."""
    if len(_DIGIT_RUN.findall(text)) < 13:
        return text
    for found in set(citizen_ids_in_text(text)):
        pattern = r"[- ]?".join(found)
        thai = found.translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙"))
        for digits in (pattern, r"[- ]?".join(thai)):
            text = re.sub(digits, "•" * 13, text)
    return text


def contains_citizen_id(text: str | None) -> bool:
    """True if free text (a form field, a note) contains a valid 13-digit citizen ID."""
    return bool(text) and bool(citizen_ids_in_text(str(text)))


def citizen_id_rows(values: pl.Series) -> list[int]:
    """Positions (0-based) of the values that contain a valid citizen ID anywhere."""
    if values.dtype != pl.String:
        values = values.cast(pl.String)
    frame = pl.DataFrame({"v": values}).with_row_index("i")
    candidates = frame.filter(pl.col("v").str.contains(_CANDIDATE))
    return [i for i, v in candidates.iter_rows() if citizen_ids_in_text(v)]


def citizen_id_cells(frame: pl.DataFrame, columns: list[str] | None = None) -> dict[str, list[int]]:
    """Column → row positions (0-based) of the cells holding a valid citizen ID."""
    found: dict[str, list[int]] = {}
    for name in columns if columns is not None else frame.columns:
        rows = citizen_id_rows(frame[name])
        if rows:
            found[name] = rows
    return found


def id_in_cell_problem_text(*, key_column: bool, household_key: bool) -> tuple[str, str]:
    """Thai and English text of a problem: a cell holds a citizen ID (never quoting it)."""
    if household_key:
        return (
            "ช่องนี้มีเลขประจำตัวประชาชน 13 หลัก ระบบไม่เก็บข้อมูลส่วนบุคคล "
            "ใช้รหัสบ้านแทนเลขประจำตัวประชาชนเป็นรหัสครัวเรือน",
            "this cell holds a 13-digit citizen ID; planlink never stores personal data: "
            "use the house code, not a citizen ID, as the household key",
        )
    if key_column:
        return (
            "ช่องนี้มีเลขประจำตัวประชาชน 13 หลัก ระบบไม่เก็บข้อมูลส่วนบุคคล ลบเลขนี้ออกจากช่อง",
            "this cell holds a 13-digit citizen ID; planlink never stores personal data: "
            "remove it from the cell",
        )
    return (
        "ช่องนี้มีเลขประจำตัวประชาชน 13 หลัก ระบบไม่เก็บข้อมูลส่วนบุคคล ลบออกจากไฟล์ "
        "หรือนำเข้าด้วยตัวเลือกตัดคอลัมน์ข้อมูลส่วนบุคคล (คอลัมน์นี้จะไม่ถูกอ่าน)",
        "this cell holds a 13-digit citizen ID; planlink never stores personal data: remove "
        "it, or import with the option to drop personal-data columns (the column is then "
        "not read)",
    )


def citizen_id_share(values: pl.Series) -> float:
    """Share of non-empty values that are valid citizen IDs (vectorised)."""
    text = values.cast(pl.String).str.replace_all(r"[\s-]", "").drop_nulls()
    text = text.filter(text != "")
    if text.len() == 0:
        return 0.0
    shaped = text.filter(text.str.contains(r"^\d{13}$"))
    if shaped.len() == 0:
        return 0.0
    digits = pl.DataFrame({"v": shaped}).select(
        pl.col("v").str.slice(i, 1).cast(pl.Int64).alias(f"d{i}") for i in range(13)
    )
    weighted = digits.select(
        pl.sum_horizontal(pl.col(f"d{i}") * (13 - i) for i in range(12)).alias("total"), "d12"
    )
    valid = weighted.select(((11 - pl.col("total") % 11) % 10 == pl.col("d12")).sum()).item()
    return float(valid) / text.len()


def personal_columns(
    headers: list[str], sample: pl.DataFrame | None = None
) -> list[PersonalColumn]:
    """Columns that carry names or citizen IDs, by header, then by content of `sample`
    (a frame of strings whose columns are named as `headers`): one valid citizen ID anywhere
    in a column is enough."""
    found: list[PersonalColumn] = []
    for header in headers:
        key = normalize_header(header)
        if key in _NAME_HEADERS:
            found.append(PersonalColumn(header, "name"))
        elif key in _ID_HEADERS:
            found.append(PersonalColumn(header, "citizen_id"))
    if sample is not None:
        flagged = {c.header for c in found}
        for header in sample.columns:
            if header in flagged or header.startswith("_"):
                continue
            if citizen_id_rows(sample[header]):
                found.append(PersonalColumn(header, "citizen_id"))
    return found
