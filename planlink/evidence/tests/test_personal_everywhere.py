"""A valid citizen ID anywhere in an imported file is refused, by row and column, for every
importer — even when only a few rows of a free column hold one; with the explicit drop
option the column is never read. Columns of people's names are refused the same way.
Nothing is written on refusal, and no message quotes the ID."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from planlink.areas.models import Area, AreaLevel
from planlink.areas.villages import villages_import
from planlink.core.tabular import ImportRejected
from planlink.evidence.importers.bmn import bmn_import
from planlink.evidence.importers.families import IMPORTERS
from planlink.evidence.models import (
    BmnImport,
    CommunityCapital,
    GvhVillage,
    HouseholdAccount,
    IndicatorEdition,
    OccupationGroup,
    PoorHousehold,
    VbdVillage,
)
from planlink.evidence.tests.conftest import codes as bmn_codes

pytestmark = pytest.mark.django_db

ROWS = 40
ID_ROWS = (17, 23, 31, 39)  # file rows (header = 1): all below the first rows people look at


def make_id(first12: str) -> str:
    total = sum(int(d) * (13 - i) for i, d in enumerate(first12))
    return first12 + str((11 - total % 11) % 10)


IDS = [make_id(f"3{n:011d}") for n in (52010, 77771, 12345, 99001)]


def villages_5201(n: int) -> list[str]:
    return list(
        Area.objects.filter(level=AreaLevel.VILLAGE, code__startswith="5201")
        .order_by("code")
        .values_list("code", flat=True)[:n]
    )


def vbd_codes() -> list[str]:
    edition = IndicatorEdition.objects.get(family="vbd", code="sample")
    return list(edition.indicators.order_by("order").values_list("code", flat=True))


def _rows(n: int, row: Callable[[int], list[str]]) -> list[list[str]]:
    return [row(i) for i in range(n)]


# Each: header, row(i) → cells, the model written, a lookup of what the file writes.
def files() -> dict[str, tuple[list[str], Callable[[int], list[str]], object, dict]]:
    villages = villages_5201(ROWS)
    vcodes = vbd_codes()
    return {
        "villages": (
            ["รหัสหมู่บ้าน", "หมู่ที่", "ชื่อหมู่บ้าน"],
            lambda i: [f"5201{1 + i // 20:02d}{50 + i % 20:02d}", str(50 + i % 20), f"บ้านใหม่ {i}"],
            Area,
            {"code__regex": r"^5201(01|02)(5|6)\d$"},
        ),
        "vbd": (
            ["รหัสหมู่บ้าน", "ปีที่สำรวจ", *vcodes],
            lambda i: [villages[i], "2566", *(["2"] * len(vcodes))],
            VbdVillage,
            {"round_year": 2566},
        ),
        "gvh": (
            ["รหัสหมู่บ้าน", "ปี", "1", "2", "3", "4", "5", "6"],
            lambda i: [villages[i], "2566", "3", "3", "3", "3", "3", "3"],
            GvhVillage,
            {"year": 2566},
        ),
        "accounts": (
            ["รหัสหมู่บ้าน", "รหัสบ้าน", "ปี", "จำนวนสมาชิก", "รายได้", "รายจ่าย", "เงินออม", "หนี้สิน"],
            lambda i: ["52010101", f"{i + 1:04d}", "2566", "3", "1000", "900", "0", "0"],
            HouseholdAccount,
            {"year": 2566},
        ),
        "capital": (
            ["รหัสหมู่บ้าน", "ปี", "ประเภท", "ชื่อ", "มูลค่า"],
            lambda i: ["52010101", "2566", "กองทุน", f"กองทุนที่ {i}", "1000"],
            CommunityCapital,
            {"year": 2566},
        ),
        "groups": (
            ["รหัสหมู่บ้าน", "ปี", "ชื่อกลุ่ม", "ผลิตภัณฑ์", "จำนวนสมาชิก"],
            lambda i: ["52010101", "2566", f"กลุ่มที่ {i}", "ผ้าทอ", "12"],
            OccupationGroup,
            {"year": 2566},
        ),
        "poor": (
            ["รหัสหมู่บ้าน", "รหัสบ้าน", "ปี"],
            lambda i: ["52010101", f"{i + 1:04d}", "2566"],
            PoorHousehold,
            {"year": 2566},
        ),
        "bmn": (
            ["รหัสหมู่บ้าน", "รหัสบ้าน", "ปีที่สำรวจ", "จำนวนสมาชิก"]
            + [f"{k}{c}" for c in bmn_codes() for k in ("e", "p")],
            lambda i: ["52010101", f"{i + 1:04d}", "2564", "2"] + ["1", "1"] * len(bmn_codes()),
            BmnImport,
            {},
        ),
    }


def importer(name: str) -> Callable[..., object]:
    if name == "villages":
        return villages_import
    if name == "bmn":
        return bmn_import
    return IMPORTERS[name]


def write(tmp_path: Path, header: list[str], rows: list[list[str]]) -> Path:
    path = tmp_path / "data.csv"
    path.write_text("\n".join(",".join(r) for r in [header, *rows]) + "\n", encoding="utf-8")
    return path


def snapshot(model) -> list[tuple]:  # type: ignore[no-untyped-def]
    fields = [f.attname for f in model._meta.concrete_fields if f.attname != "updated_at"]
    return list(model._default_manager.order_by("pk").values_list(*fields))


NAMES = sorted(["villages", "vbd", "gvh", "accounts", "capital", "groups", "poor", "bmn"])


@pytest.mark.parametrize("name", NAMES)
def test_a_few_ids_in_a_remarks_column_are_refused_then_dropped(name, tmp_path, clean_bmn):
    header, row, model, lookup = files()[name]
    notes = {r: f"ติดต่อ {cid}" for r, cid in zip(ID_ROWS, IDS, strict=True)}
    rows = [[*row(i), notes.get(i + 2, "ปกติ")] for i in range(ROWS)]  # file row = i + 2
    path = write(tmp_path, [*header, "หมายเหตุ"], rows)
    before = snapshot(model)
    with pytest.raises(ImportRejected) as info:
        importer(name)(user=None, path=path)
    assert snapshot(model) == before
    problems = info.value.problems
    assert [(p.row, p.column) for p in problems] == [(r, "หมายเหตุ") for r in ID_ROWS]
    assert all("citizen ID" in p.en and "เลขประจำตัวประชาชน" in p.th for p in problems)
    assert not any(cid in p.th + p.en for p in problems for cid in IDS)

    importer(name)(user=None, path=path, drop_personal_columns=True)
    assert model._default_manager.filter(**lookup).exists()  # type: ignore[attr-defined]


@pytest.mark.parametrize(("name", "column"), [("villages", 2), ("capital", 3), ("groups", 2)])
def test_an_id_in_a_column_the_import_needs_is_refused_even_when_dropping(name, column, tmp_path):
    header, row, model, _lookup = files()[name]
    rows = [row(i) for i in range(ROWS)]
    rows[30][column] = f"{rows[30][column]} {IDS[0]}"  # a name cell: "บ้านใหม่ 30 <ID>"
    path = write(tmp_path, header, rows)
    before = snapshot(model)
    with pytest.raises(ImportRejected) as info:
        importer(name)(user=None, path=path, drop_personal_columns=True)
    assert [(p.row, p.column) for p in info.value.problems] == [(32, header[column])]
    assert snapshot(model) == before


@pytest.mark.parametrize(("name", "column"), [("villages", "ชื่อผู้ใหญ่บ้าน"), ("groups", "ชื่อประธานกลุ่ม")])
def test_columns_of_peoples_names_are_refused_unless_dropped(name, column, tmp_path):
    header, row, model, lookup = files()[name]
    rows = [[*row(i), f"นาย สมชาย ใจดี {i}"] for i in range(5)]
    path = write(tmp_path, [*header, column], rows)
    before = snapshot(model)
    with pytest.raises(ImportRejected) as info:
        importer(name)(user=None, path=path)
    assert [(p.row, p.column) for p in info.value.problems] == [(1, column)]
    assert "names" in info.value.problems[0].en
    assert snapshot(model) == before
    importer(name)(user=None, path=path, drop_personal_columns=True)
    assert model._default_manager.filter(**lookup).exists()  # type: ignore[attr-defined]
    assert not any(
        "สมชาย" in str(value)
        for rec in snapshot(model)
        for value in rec  # the names were never read
    )


def test_bmn_id_deep_in_an_indicator_column_is_refused_without_quoting_it(tmp_path, clean_bmn):
    header, row, _model, _lookup = files()["bmn"]
    rows = [row(i) for i in range(ROWS)]
    rows[35][5] = IDS[1]  # p of the first indicator
    path = write(tmp_path, header, rows)
    with pytest.raises(ImportRejected) as info:
        bmn_import(user=None, path=path)
    assert [(p.row, p.column) for p in info.value.problems] == [(37, header[5])]
    assert "citizen ID" in info.value.problems[0].en
    assert IDS[1] not in str(info.value)
    assert not BmnImport.objects.exists()
