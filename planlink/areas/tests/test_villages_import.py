"""villages_import: good files in every encoding, and bad files that must change nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from planlink.areas.models import Area, AreaLevel, AreaSource
from planlink.areas.villages import villages_import
from planlink.core.tabular import ImportRejected

pytestmark = pytest.mark.django_db

HEADER = "รหัสหมู่บ้าน,หมู่ที่,ชื่อหมู่บ้าน\n"


def snapshot() -> list[tuple]:
    return list(Area.objects.order_by("code").values_list("code", "name_th", "moo", "updated_at"))


def history_count() -> int:
    return Area.history.count()


def write(tmp_path: Path, text: str, encoding: str = "utf-8", name: str = "villages.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def new_tambon_codes() -> list[str]:
    # Chiang Mai has no villages in the demo database; load its tambons for new villages.
    call_command("areas_load", province=["50"], stdout=open("/dev/null", "w"))  # noqa: SIM115
    return ["500101", "500102"]


def assert_rejected_and_unchanged(path: Path, *fragments: str, **kwargs) -> ImportRejected:
    before, history = snapshot(), history_count()
    with pytest.raises(ImportRejected) as info:
        villages_import(user=None, path=path, **kwargs)
    assert snapshot() == before
    assert history_count() == history
    text = str(info.value)
    for fragment in fragments:
        assert fragment in text, text
    return info.value


# --- good files -----------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp874"])
def test_imports_csv_in_each_encoding(tmp_path, encoding):
    t1, t2 = new_tambon_codes()
    path = write(
        tmp_path, HEADER + f"{t1}01,1,บ้านหลวง\n{t1}02,2,บ้านแม่ริม\n{t2}01,1,บ้านป่าแดด\n", encoding
    )
    result = villages_import(user=None, path=path)
    assert (result.created, result.updated, result.unchanged) == (3, 0, 0)
    village = Area.objects.get(code=f"{t1}02")
    assert (village.name_th, village.moo, village.level, village.parent_id) == (
        "บ้านแม่ริม",
        2,
        AreaLevel.VILLAGE,
        t1,
    )
    assert village.source == AreaSource.IMPORT and not village.is_demo
    assert result.encoding == encoding


def test_thai_digits_in_codes_and_numbers(tmp_path):
    t1, _ = new_tambon_codes()
    thai_code = t1.translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")) + "๐๗"
    path = write(tmp_path, HEADER + f"{thai_code},๗,บ้านสันป่าตอง\n")
    villages_import(user=None, path=path)
    assert Area.objects.get(code=f"{t1}07").moo == 7


def test_xlsx_with_title_rows_and_numeric_cells(tmp_path):
    t1, _ = new_tambon_codes()
    book = Workbook()
    sheet = book.active
    sheet.append(["ทะเบียนหมู่บ้าน อำเภอเมืองเชียงใหม่"])  # a title row above the header
    sheet.append([])
    sheet.append(["Village code", "Moo", "Village name"])
    sheet.append([int(f"{t1}03"), 3, "บ้านช้างคลาน"])
    sheet.append([f"{t1}04", "4", "บ้านหนองประทีป"])
    path = tmp_path / "villages.xlsx"
    book.save(path)
    result = villages_import(user=None, path=path)
    assert result.created == 2
    assert Area.objects.get(code=f"{t1}03").name_th == "บ้านช้างคลาน"


def test_reimport_updates_names_and_is_idempotent(tmp_path):
    path = write(tmp_path, HEADER + "52010101,1,บ้านสันลัวใหม่\n")
    first = villages_import(user=None, path=path)
    assert (first.created, first.updated) == (0, 1)
    assert Area.objects.get(code="52010101").name_th == "บ้านสันลัวใหม่"
    history = history_count()
    again = villages_import(user=None, path=path)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)
    assert history_count() == history


def test_dry_run_writes_nothing(tmp_path):
    t1, _ = new_tambon_codes()
    path = write(tmp_path, HEADER + f"{t1}01,1,บ้านหลวง\n")
    before = snapshot()
    result = villages_import(user=None, path=path, dry_run=True)
    assert result.created == 1 and result.dry_run
    assert snapshot() == before


def test_command_reports_counts(tmp_path, capsys):
    t1, _ = new_tambon_codes()
    path = write(tmp_path, HEADER + f"{t1}01,1,บ้านหลวง\n")
    call_command("villages_import", str(path))
    assert "1 were created" in capsys.readouterr().out


# --- bad files: each problem named by row and column, nothing written -----------------------


def test_unknown_tambon(tmp_path):
    path = write(tmp_path, HEADER + "52010101,1,บ้านสันลัว\n99990101,1,บ้านไม่มี\n")
    rejected = assert_rejected_and_unchanged(path, "999901", "unknown tambon")
    assert [(p.row, p.column) for p in rejected.problems] == [(3, "รหัสหมู่บ้าน")]


def test_duplicate_codes(tmp_path):
    path = write(tmp_path, HEADER + "52010101,1,บ้านก\n52010102,2,บ้านข\n52010101,1,บ้านค\n")
    rejected = assert_rejected_and_unchanged(path, "repeats row 2")
    assert [(p.row, p.column) for p in rejected.problems] == [(4, "รหัสหมู่บ้าน")]


def test_cp874_file_with_problems_reports_thai_correctly(tmp_path):
    path = write(tmp_path, HEADER + "52010101,1,\n", encoding="cp874")
    rejected = assert_rejected_and_unchanged(path, "ไม่มีชื่อหมู่บ้าน", "name is missing")
    assert rejected.problems[0].column == "ชื่อหมู่บ้าน"


def test_moo_must_match_code(tmp_path):
    path = write(tmp_path, HEADER + "52010103,4,บ้านก\n")
    assert_rejected_and_unchanged(path, "moo 4 does not match code 52010103")


def test_bad_codes_and_numbers(tmp_path):
    path = write(tmp_path, HEADER + "5201010,1,บ้านก\n52010102,สอง,บ้านข\n,3,บ้านค\n")
    rejected = assert_rejected_and_unchanged(
        path, "must be 8 digits", "must be a number from 1 to 99", "code is missing"
    )
    assert {p.row for p in rejected.problems} == {2, 3, 4}


def test_missing_column(tmp_path):
    path = write(tmp_path, "รหัสหมู่บ้าน,ชื่อหมู่บ้าน\n52010101,บ้านก\n")
    rejected = assert_rejected_and_unchanged(path, "missing column 'moo'")
    assert rejected.problems[0].row == 1


@pytest.mark.parametrize("content", ["", "\n\n", HEADER])
def test_empty_file(tmp_path, content):
    path = write(tmp_path, content)
    assert_rejected_and_unchanged(path, "empty" if content != HEADER else "no data rows")


def test_undecodable_bytes(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_bytes(HEADER.encode() + b"52010101,1,\xff\xfe\xdb\n")
    assert_rejected_and_unchanged(path, "neither UTF-8 nor TIS-620")


def test_village_outside_the_officers_area(tmp_path):
    path = write(tmp_path, HEADER + "52020101,1,บ้านก\n")
    assert_rejected_and_unchanged(path, "not inside area 5201", within="5201")


def test_twenty_megabyte_file_is_checked_whole_and_rejected(tmp_path):
    """A 20 MB national file (every tambon of the country, ~350,000 rows) whose last row is
    bad: every row is read and checked, the report names the bad row, nothing is written."""
    import geothai

    from planlink.areas.loaders import areas_load

    for province in geothai.provinces():
        areas_load(user=None, province_code=province.code)
    tambons = list(Area.objects.filter(level=AreaLevel.TAMBON).values_list("code", flat=True))
    lines = [HEADER]
    size = len(HEADER.encode())
    moo = 0
    while size < 20 * 1024 * 1024:
        moo += 1
        for tambon in tambons:
            line = f"{tambon}{moo:02d},{moo},บ้านทดสอบไฟล์ใหญ่ หมู่ที่ {moo} ตำบล {tambon}\n"
            lines.append(line)
            size += len(line.encode())
    lines.append(f"{tambons[0]}99,99,\n")  # the one bad row (no name), at the very end
    path = tmp_path / "big.csv"
    path.write_text("".join(lines), encoding="utf-8")
    assert path.stat().st_size >= 20 * 1024 * 1024
    rejected = assert_rejected_and_unchanged(path)
    assert rejected.total == 1
    assert (rejected.problems[0].row, rejected.problems[0].column) == (len(lines), "ชื่อหมู่บ้าน")


def test_command_fails_with_the_report(tmp_path):
    path = write(tmp_path, HEADER + "99990101,1,บ้านไม่มี\n")
    with pytest.raises(CommandError, match="row 2"):
        call_command("villages_import", str(path))


def test_csv_title_row_narrower_than_the_table(tmp_path):
    """A one-cell title row above the header (as people type it) must not cut the columns."""
    t1, _ = new_tambon_codes()
    path = write(tmp_path, "ทะเบียนหมู่บ้าน อำเภอเมืองเชียงใหม่\n" + HEADER + f"{t1}05,5,บ้านป่าแดด\n")
    assert villages_import(user=None, path=path).created == 1
    assert Area.objects.get(code=f"{t1}05").moo == 5
