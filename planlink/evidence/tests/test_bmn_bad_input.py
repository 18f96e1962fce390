"""Bad BMN files: each problem named by row and column in Thai and English; nothing stored."""

from __future__ import annotations

import polars as pl
import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from planlink.core.personal import is_citizen_id
from planlink.core.tabular import ImportRejected
from planlink.evidence.importers.bmn import bmn_import
from planlink.evidence.models import BmnImport, BmnResult
from planlink.evidence.tests.conftest import YEAR_2564, codes, household_csv

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clean_bmn")]


def state() -> tuple:
    return (
        BmnImport.objects.count(),
        BmnResult.objects.count(),
        BmnImport.history.count(),
        list(BmnResult.objects.order_by("pk").values_list("counts", flat=True)),
    )


def rejected(path, *fragments, **kwargs) -> ImportRejected:
    before = state()
    with pytest.raises(ImportRejected) as info:
        bmn_import(user=None, path=path, **kwargs)
    assert state() == before
    text = str(info.value)
    for fragment in fragments:
        assert fragment in text, text
    return info.value


def with_row(rows, index, village=None, key=None, members=None, **values):
    v, k, m, d = rows[index]
    d = dict(d)
    for name, value in values.items():
        d[name.removeprefix("i")] = value
    rows = list(rows)
    rows[index] = (village or v, key or k, members if members is not None else m, d)
    return rows


def test_unknown_village(write_file):
    path = write_file(household_csv(with_row(YEAR_2564, 2, village="52019999"), 2564))
    problem = rejected(path, "unknown village 52019999").problems[0]
    assert (problem.row, problem.column) == (4, "รหัสหมู่บ้าน")


def test_passed_more_than_eligible(write_file):
    path = write_file(household_csv(with_row(YEAR_2564, 0, i6=(1, 2)), 2564))
    problem = rejected(path, "indicator 6: passed 2 is more than eligible 1").problems[0]
    assert (problem.row, problem.column) == (2, "p6")
    assert "ผ่าน 2 มากกว่าจำนวนที่สำรวจ 1" in problem.th


def test_household_indicator_counts_zero_or_one(write_file):
    path = write_file(household_csv(with_row(YEAR_2564, 1, i9=(2, 1)), 2564))
    assert rejected(path, "indicator 9 counts households").problems[0].column == "e9"


def test_more_eligible_persons_than_members(write_file):
    path = write_file(household_csv(with_row(YEAR_2564, 3, i6=(6, 0)), 2564))
    rejected(path, "6 eligible persons but 5 members")


def test_negative_and_non_numeric_counts_name_each_cell(write_file):
    text = household_csv(YEAR_2564, 2564).replace(
        "\n52010102,0001,2564,5,", "\n52010102,0001,2564,-1,", 1
    )
    lines = text.splitlines()
    cells = lines[6].split(",")
    cells[4] = "สอง"  # e1 of row 7
    lines[6] = ",".join(cells)
    problems = rejected(
        write_file("\n".join(lines) + "\n"),
        "'-1' is not a whole number",
        "'สอง' is not a whole number",
    ).problems
    assert {(p.row, p.column) for p in problems} == {(5, "จำนวนสมาชิก"), (7, "e1")}


def test_duplicate_household_keys(write_file):
    path = write_file(household_csv(with_row(YEAR_2564, 2, key="0001"), 2564))
    problem = rejected(path, "the household key repeats row 2").problems[0]
    assert (problem.row, problem.column) == (4, "รหัสบ้าน")


def test_same_key_in_two_villages_is_fine(write_file):
    # Keys are house codes within a village: 0001 in two villages are two households.
    bmn_import(user=None, path=write_file(household_csv(YEAR_2564, 2564)))
    assert BmnImport.objects.get().households == 7


def test_wrong_edition_extra_indicator(write_file):
    text = household_csv(YEAR_2564, 2564, extra={"e32": "0", "p32": "0"})
    problem = rejected(write_file(text), "indicator 32 is not in this year's edition").problems[0]
    assert (problem.row, problem.column) == (1, "e32")


def test_wrong_edition_year(write_file):
    rejected(write_file(household_csv(YEAR_2564, 2570)), "no BMN edition covers 2570")


def test_year_written_in_common_era(write_file):
    rejected(write_file(household_csv(YEAR_2564, 2021)), "must be a Buddhist-Era year")


def test_rows_of_another_year(write_file):
    text = household_csv(YEAR_2564, 2564).replace("52020101,0001,2564", "52020101,0001,2563")
    assert (
        rejected(write_file(text), "survey year '2563' is not the year being imported")
        .problems[0]
        .row
        == 8
    )


def test_missing_indicator_columns(write_file):
    header = ["รหัสหมู่บ้าน", "รหัสบ้าน", "ปีที่สำรวจ", "จำนวนสมาชิก"] + [
        f"{k}{c}" for c in codes() if c != "22" for k in ("e", "p")
    ]
    rows = [(v, k, m, {c: x for c, x in d.items() if c != "22"}) for v, k, m, d in YEAR_2564]
    text = household_csv(rows, 2564, header=header)
    # household_csv still writes 22's cells; drop them to keep rows aligned with the header.
    lines = [line.split(",") for line in text.splitlines()]
    drop = [4 + 2 * codes().index("22"), 5 + 2 * codes().index("22")]
    body = [",".join(c for i, c in enumerate(line) if i not in drop) for line in lines[1:]]
    text = ",".join(header) + "\n" + "\n".join(body) + "\n"
    problems = rejected(
        write_file(text), "missing the eligible column of indicator 22 (e22)"
    ).problems
    assert {p.column for p in problems} == {"e22", "p22"}


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp874"])
def test_encodings(write_file, encoding):
    outcome = bmn_import(
        user=None, path=write_file(household_csv(YEAR_2564, 2564), encoding=encoding)
    )
    assert outcome.encoding == encoding and outcome.households == 7


def test_cp874_problems_are_reported_in_readable_thai(write_file):
    path = write_file(
        household_csv(with_row(YEAR_2564, 0, village="52019999"), 2564), encoding="cp874"
    )
    problem = rejected(path).problems[0]
    assert problem.column == "รหัสหมู่บ้าน" and "ไม่พบหมู่บ้าน" in problem.th


def test_thai_digits(write_file):
    text = household_csv(YEAR_2564, 2564).translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙"))
    outcome = bmn_import(user=None, path=write_file(text))
    assert outcome.households == 7
    assert BmnResult.objects.get(area_id="52", year=2564).counts["6"] == [11, 6]


def test_xlsx_and_parquet(tmp_path):
    text = household_csv(YEAR_2564, 2564)
    rows = [line.split(",") for line in text.splitlines()]
    book = Workbook()
    sheet = book.active
    sheet.append(["ข้อมูล จปฐ. ปี 2564 (ตัวอย่าง)"])
    for row in rows:
        sheet.append([int(c) if c.isdigit() and i >= 2 else c for i, c in enumerate(row)])
    book.save(tmp_path / "bmn.xlsx")
    assert bmn_import(user=None, path=tmp_path / "bmn.xlsx").households == 7
    frame = pl.DataFrame(rows[1:], schema=rows[0], orient="row")
    frame.write_parquet(tmp_path / "bmn.parquet")
    assert bmn_import(user=None, path=tmp_path / "bmn.parquet").households == 7


def test_empty_and_header_only(write_file):
    rejected(write_file(""), "the file is empty")
    rejected(write_file(household_csv([], 2564), "h.csv"), "no household rows", year=2564)


# --- personal data ---------------------------------------------------------------------------


def make_id(first12: str) -> str:
    total = sum(int(d) * (13 - i) for i, d in enumerate(first12))
    return first12 + str((11 - total % 11) % 10)


def test_names_are_refused(write_file):
    text = household_csv(YEAR_2564, 2564, extra={"ชื่อหัวหน้าครัวเรือน": "นายสมชาย ใจดี"})
    problem = rejected(write_file(text), "planlink never stores personal data").problems[0]
    assert problem.column == "ชื่อหัวหน้าครัวเรือน"


def test_citizen_ids_found_by_checksum_under_an_innocent_header(write_file):
    ident = make_id("310050012345")
    assert is_citizen_id(ident)
    text = household_csv(YEAR_2564, 2564, extra={"หมายเหตุ": ident})
    error = rejected(write_file(text), "this cell holds a 13-digit citizen ID")
    # Each cell named (docs/formats.md), the ID never quoted.
    assert [(p.row, p.column) for p in error.problems] == [(r, "หมายเหตุ") for r in range(2, 9)]
    assert ident not in str(error)


def test_drop_personal_columns_imports_without_them(write_file, settings):
    ident = make_id("310050012345")
    text = household_csv(YEAR_2564, 2564, extra={"ชื่อ-นามสกุล": "นางสาวมาลี ดีใจ", "PID": ident})
    outcome = bmn_import(user=None, path=write_file(text), drop_personal_columns=True)
    assert outcome.households == 7
    record = BmnImport.objects.get()
    from planlink.evidence.services import evidence_path

    stored = pl.read_ipc(next(evidence_path(record.household_file).glob("*.arrow")))
    assert "ชื่อ-นามสกุล" not in stored.columns and "PID" not in stored.columns
    assert stored["household"].dtype == pl.UInt64  # keyed hashes, never the keys
    assert set(stored.columns) == {
        "village",
        "household",
        "members",
        *(f"{k}{c}" for c in codes() for k in "ep"),
    }


def test_household_key_that_is_a_citizen_id_is_refused_even_with_drop(write_file):
    rows = [(v, make_id(f"1100{i:08d}"), m, d) for i, (v, _k, m, d) in enumerate(YEAR_2564)]
    rejected(
        write_file(household_csv(rows, 2564)), "use the house code", drop_personal_columns=True
    )


def test_command(write_file, capsys):
    call_command("bmn_import", str(write_file(household_csv(YEAR_2564, 2564))))
    assert "7 households" in capsys.readouterr().out
    with pytest.raises(CommandError, match="row 2"):
        call_command(
            "bmn_import",
            str(
                write_file(household_csv(with_row(YEAR_2564, 0, village="52019999"), 2564), "x.csv")
            ),
        )


def test_tis620_text_after_the_first_megabyte_is_still_read_correctly(tmp_path):
    """English headers and a megabyte of plain rows, then a TIS-620 household key: the reader
    notices, transcodes, and the problem shows the key in readable Thai."""
    header = "village_code,household_key,year,members," + ",".join(f"e{c},p{c}" for c in codes())
    zeros = ",".join("0" for _ in range(2 * len(codes())))
    lines = [header]
    n = 0
    while sum(len(line) + 1 for line in lines) < 1_200_000:
        n += 1
        lines.append(f"52010101,{n:05d},2564,1,{zeros}")
    lines.append(f"52010101,บ้านนา,2564,1,{zeros}")
    path = tmp_path / "late.csv"
    path.write_bytes(("\n".join(lines) + "\n").encode("cp874"))
    problem = rejected(path, "household key 'บ้านนา'").problems[0]
    assert (problem.row, problem.column) == (len(lines), "household_key")


def test_title_row_above_the_header(write_file):
    text = "ข้อมูล จปฐ. ปี 2564 ตำบลเวียงเหนือ\n\n" + household_csv(YEAR_2564, 2564)
    assert bmn_import(user=None, path=write_file(text)).households == 7


def _long_file(last_row_extra: str) -> str:
    """Over a megabyte of households (past what the header search reads), the last row
    with `last_row_extra` appended."""
    rows = [("52010101", f"{n:05d}", 3, {"6": (1, 1)}) for n in range(9000)]
    text = household_csv(rows, 2564)
    assert len(text.encode()) > 1024 * 1024
    return text.rstrip("\n") + last_row_extra + "\n"


def test_a_row_wider_than_the_header_deep_in_the_file_is_named(write_file):
    ident = make_id("310050012345")
    error = rejected(write_file(_long_file(f",{ident}")), "a column that has no header")
    width = len(household_csv([], 2564).splitlines()[0].split(","))
    assert [(p.row, p.column) for p in error.problems] == [(9001, f"คอลัมน์ที่ {width + 1}")]
    assert ident not in str(error)


def test_trailing_empty_cells_deep_in_the_file_lose_nothing(write_file):
    outcome = bmn_import(user=None, path=write_file(_long_file(",,")))
    assert outcome.households == 9000
