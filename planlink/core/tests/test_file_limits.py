"""Files bigger than an importer accepts, and cells longer than it accepts, are refused with a
problem people can act on — before any reader builds the file in memory."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from planlink.areas.models import Area
from planlink.areas.villages import villages_import
from planlink.core.filelimits import ReadLimits, check_file, count_lines, limits_for
from planlink.core.tabular import ImportRejected, Problem
from planlink.evidence.importers.bmn import bmn_import
from planlink.evidence.importers.families import accounts_import
from planlink.evidence.models import BmnImport, HouseholdAccount
from planlink.evidence.tests.conftest import YEAR_2564, clean_bmn, household_csv  # noqa: F401

pytestmark = pytest.mark.django_db

HEADER = "รหัสหมู่บ้าน,หมู่ที่,ชื่อหมู่บ้าน\n"
HUGE = 200_000  # characters: more than the csv module's 131,072 field limit


def areas() -> list[tuple]:
    return list(Area.objects.order_by("code").values_list("code", "name_th", "updated_at"))


def refused(call, *fragments: str) -> ImportRejected:  # type: ignore[no-untyped-def]
    with pytest.raises(ImportRejected) as info:
        call()
    text = str(info.value)
    for fragment in fragments:
        assert fragment in text, text[:2000]
    return info.value


def inline_xlsx(path: Path, rows: int, *, first: tuple[str, ...] = ("a", "b", "c")) -> Path:
    """An XLSX written straight as XML with inline strings, as generators do: a few MB on
    disk that a reader expands to `rows` rows."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        book.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="rels" ContentType="application/vnd.openxml'
            'formats-package.relationships+xml"/><Default Extension="xml" ContentType="'
            'application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override '
            'PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.worksheet+xml"/></Types>',
        )
        book.writestr(
            "_rels/.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
            'openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
            'Target="xl/workbook.xml"/></Relationships>',
        )
        book.writestr(
            "xl/workbook.xml",
            '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/'
            'spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" '
            'r:id="rId1"/></sheets></workbook>',
        )
        book.writestr(
            "xl/_rels/workbook.xml.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
            'openxmlformats.org/officeDocument/2006/relationships/worksheet" '
            'Target="worksheets/sheet1.xml"/></Relationships>',
        )
        with book.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(
                b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/'
                b'spreadsheetml/2006/main"><sheetData>'
            )

            def row(cells: tuple[str, ...]) -> bytes:
                # Cell references are optional in the format; without them rows repeat
                # byte for byte and compress a thousandfold.
                inner = "".join(f'<c t="inlineStr"><is><t>{v}</t></is></c>' for v in cells)
                return f"<row>{inner}</row>".encode()

            sheet.write(row(first))
            block = row(("52010101", "1", "x")) * 10_000
            for _ in range(rows // 10_000):
                sheet.write(block)
            sheet.write(row(("52010101", "1", "x")) * (rows % 10_000))
            sheet.write(b"</sheetData></worksheet>")
    return path


# --- over-long cells (defect 2) ---------------------------------------------------------------


def test_a_cell_over_the_csv_field_limit_is_a_row_and_column_problem(tmp_path):
    path = tmp_path / "villages.csv"
    path.write_text(HEADER + f"52010199,99,{'ก' * HUGE}\n", encoding="utf-8")
    before = areas()
    error = refused(lambda: villages_import(user=None, path=path), "200,000")
    assert [(p.row, p.column) for p in error.problems] == [(2, "ชื่อหมู่บ้าน")]
    assert len(error.problems[0].th) < 700  # the cell itself is not quoted whole
    assert areas() == before


def test_the_command_reports_a_huge_cell_without_a_traceback(tmp_path):
    path = tmp_path / "villages.csv"
    path.write_text(f"ทะเบียน {'ก' * HUGE}\n" + HEADER + "52010199,99,บ้านใหม่\n", encoding="utf-8")
    # A huge cell in a title row is not read as data: the import goes on.
    call_command("villages_import", str(path), "--dry-run", stdout=open(os.devnull, "w"))  # noqa: SIM115
    path.write_text(HEADER + f"52010199,99,{'ก' * HUGE}\n", encoding="utf-8")
    with pytest.raises(CommandError, match="row 2"):
        call_command("villages_import", str(path))


@pytest.mark.usefixtures("clean_bmn")
def test_huge_cells_in_family_and_bmn_files(tmp_path):
    accounts = tmp_path / "accounts.csv"
    accounts.write_text(
        "รหัสหมู่บ้าน,รหัสบ้าน,ปี,จำนวนสมาชิก,รายได้,รายจ่าย,เงินออม,หนี้สิน\n"
        f"52010101,{'9' * HUGE},2566,2,1,1,0,0\n",
        encoding="utf-8",
    )
    error = refused(lambda: accounts_import(user=None, path=accounts), "characters")
    assert [(p.row, p.column) for p in error.problems] == [(2, "รหัสบ้าน")]
    assert not HouseholdAccount.objects.filter(year=2566).exists()

    rows = [r for r in YEAR_2564 if r[0].startswith("520101")]
    text = household_csv(rows, 2564).splitlines()
    cells = text[2].split(",")
    cells[1] = "7" * HUGE  # the household key of file row 3
    text[2] = ",".join(cells)
    bmn = tmp_path / "bmn.csv"
    bmn.write_text("\n".join(text) + "\n", encoding="utf-8")
    error = refused(lambda: bmn_import(user=None, path=bmn), "household key")
    assert (error.problems[0].row, error.problems[0].column) == (3, "รหัสบ้าน")
    assert all(len(p.th) < 700 and len(p.en) < 700 for p in error.problems)
    assert not BmnImport.objects.exists()


def test_problem_texts_are_bounded_and_never_quote_a_citizen_id():
    first12 = "110170020345"
    total = sum(int(d) * (13 - i) for i, d in enumerate(first12))
    valid = first12 + str((11 - total % 11) % 10)
    problem = Problem(2, "x", f"รหัส '{valid}' ยาว " + "ก" * 5000, f"key '{valid}'")
    assert valid not in problem.th and valid not in problem.en
    assert len(problem.th) < 700


# --- bounds on what a file expands to (defect 3) ----------------------------------------------


def test_xlsx_bomb_is_refused_before_reading_with_little_memory(tmp_path):
    bomb = inline_xlsx(tmp_path / "villages.xlsx", 3_000_000)
    assert bomb.stat().st_size < 5 * 1024 * 1024  # under the upload limit; ~300 MB of XML
    before = areas()
    refused(
        lambda: villages_import(user=None, path=bomb, original_name="villages.xlsx"),
        "expands to more than",
    )
    assert areas() == before
    # Measured in a process of its own: checking the file never builds it in memory.
    # Peak memory of this process (VmHWM: ru_maxrss would count the parent's, kept over exec).
    script = (
        "import django; django.setup()\n"
        "from pathlib import Path\n"
        "from planlink.core.tabular import ImportRejected, raw_frame\n"
        "try:\n"
        f"    raw_frame(Path({str(bomb)!r}), 'villages.xlsx', 'villages')\n"
        "except ImportRejected as e:\n"
        "    peak = [l for l in open('/proc/self/status') if l.startswith('VmHWM')][0]\n"
        "    print('refused', peak.split()[1])\n"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True
    ).stdout.split()
    assert out[0] == "refused"
    assert int(out[1]) < 300 * 1024, f"peak {int(out[1]) // 1024} MB"  # KB: Django + Polars


def test_xlsx_rows_are_counted_in_the_sheet(tmp_path, settings):
    settings.IMPORT_LIMITS = {"villages": {"rows": 1_000}}
    refused(
        lambda: villages_import(
            user=None, path=inline_xlsx(tmp_path / "v.xlsx", 1_100), original_name="v.xlsx"
        ),
        "more than the 1,000 rows",
    )


def test_csv_rows_and_columns_are_bounded(tmp_path, settings):
    settings.IMPORT_LIMITS = {"villages": {"rows": 50}}
    path = tmp_path / "villages.csv"
    path.write_text(HEADER + "".join(f"520101{n:02d},{n},บ้าน {n}\n" for n in range(1, 90)))
    refused(lambda: villages_import(user=None, path=path), "more than the 50 rows")
    wide = tmp_path / "wide.csv"
    wide.write_text(
        HEADER.strip() + "," + ",".join(f"c{i}" for i in range(100)) + "\n52010101,1,บ้าน\n"
    )
    refused(lambda: villages_import(user=None, path=wide), "columns, more than the 60 accepted")


def test_limits_come_from_settings_over_the_defaults(settings):
    settings.IMPORT_LIMITS = {"villages": {"rows": 7}, "bmn": {"cell_chars": 3}}
    assert limits_for("villages").rows == 7
    assert limits_for("villages").columns == 60
    assert limits_for("bmn").cell_chars == 3
    assert limits_for("no-such-importer") == limits_for("default")


def test_damaged_xlsx_is_refused_plainly(tmp_path):
    path = tmp_path / "v.xlsx"
    path.write_bytes(b"PK\x03\x04 this is not a workbook")
    error = refused(lambda: villages_import(user=None, path=path, original_name="v.xlsx"))
    assert "Excel" in error.problems[0].en


def test_real_workbooks_pass_the_check(tmp_path):
    book = Workbook()
    book.active.append(["รหัสหมู่บ้าน", "หมู่ที่", "ชื่อหมู่บ้าน"])
    for n in range(1, 200):
        book.active.append([f"520101{n:02d}", n, f"บ้าน {n}"])
    path = tmp_path / "v.xlsx"
    book.save(path)
    check_file(path, "v.xlsx", ReadLimits(rows=200, columns=3, bytes=1024 * 1024, cell_chars=10))


def test_line_counting_stops_early(tmp_path):
    path = tmp_path / "lines.csv"
    path.write_bytes(b"x\n" * 100_000)
    assert count_lines(path, stop_after=10**9) == 100_000
    assert count_lines(path, stop_after=10) > 10
