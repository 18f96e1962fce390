"""A CSV row with more cells than its header (an unquoted comma in a name) is a problem of
that row, wherever it is in the file — never silently cut to the header's width."""

from __future__ import annotations

from pathlib import Path

import pytest

from planlink.core.tabular import Column, read_table

COLUMNS = [Column("code", "รหัส", "code"), Column("name", "ชื่อ", "name")]


def write(tmp_path: Path, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / "file.csv"
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize("encoding", ["utf-8", "cp874"])
def test_a_row_wider_than_its_header_deep_in_the_file_is_named(tmp_path, encoding):
    rows = [f"{n},บ้าน{n}" for n in range(1, 200)]
    rows[149] = "150,บ้านดอน,ไชย"  # file row 151: the header is row 1
    table = read_table(write(tmp_path, "รหัส,ชื่อ\n" + "\n".join(rows) + "\n", encoding), COLUMNS)
    assert [(p.row, p.column) for p in table.problems] == [(151, "คอลัมน์ที่ 3")]
    assert "comma" in table.problems[0].en and "จุลภาค" in table.problems[0].th
    assert table.frame.height == 199  # every row read, none cut or lost


def test_trailing_empty_cells_and_quoted_commas_are_fine(tmp_path):
    text = 'รหัส,ชื่อ\n1,"บ้านดอน, ไชย"\n2,บ้านนา,,\n'
    table = read_table(write(tmp_path, text), COLUMNS)
    assert table.problems == []
    assert table.frame["name"].to_list() == ["บ้านดอน, ไชย", "บ้านนา"]
