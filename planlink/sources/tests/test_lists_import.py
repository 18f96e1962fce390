"""Provincial project lists (issue → programme → project → activity, merged cells) and
agencies' request lists (any columns, mapped by a person, the mapping remembered)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from openpyxl import Workbook

from planlink.accounts.models import User
from planlink.areas.models import Area
from planlink.core.tabular import ImportRejected
from planlink.integration.models import Proposal
from planlink.sources.importers.lists import agency_preview, guess_mapping, read_provincial
from planlink.sources.models import ColumnMapping, SourceLine, SourceList
from planlink.sources.services import agency_list_import, provincial_list_import, remembered_mapping

pytestmark = pytest.mark.django_db
HEADER = ["ลำดับ", "ประเด็นการพัฒนา", "แผนงาน", "โครงการ", "กิจกรรม", "พื้นที่ดำเนินการ",
          "แหล่งงบประมาณ", "หน่วยดำเนินการ", "งบประมาณ 2570\n(บาท)", "งบประมาณ 2571\n(บาท)", "หมายเหตุ"]  # fmt: skip


def provincial(path: Path, rows: list[list[object]]) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "โครงการ"
    ws.append(["บัญชีรายการชุดโครงการ แผนพัฒนาจังหวัดลำปาง"])
    ws.append(["ประจำปีงบประมาณ พ.ศ. 2570–2571"])
    ws.append([])
    ws.append(HEADER)
    for row in rows:
        ws.append(row)
    ws.merge_cells(start_row=5, end_row=4 + len(rows), start_column=2, end_column=2)
    ws.merge_cells(start_row=5, end_row=4 + len(rows), start_column=3, end_column=3)
    wb.save(path)
    return path


ROWS = [
    [1, "ประเด็นที่ 1 พัฒนาโครงสร้างพื้นฐาน", "แผนงานบริหารจัดการน้ำ", "โครงการพัฒนาแหล่งน้ำ",
     "ขุดลอกหนองผาแดง", "หมู่ที่ 3 บ้านแม่เหียง ต.เวียงเหนือ อ.เมืองลำปาง", "งบจังหวัด",
     "สำนักงานทรัพยากรน้ำ", "1,250,000.-", "-", ""],
    [2, None, None, None, "ก่อสร้างฝายน้ำล้น คสล. ลำห้วยหอย", "ต.เวียงเหนือ อ.เมืองลำปาง",
     "งบกลุ่มจังหวัด", "ชลประทาน", "-", "๒,๐๐๐,๐๐๐", ""],
    [3, None, None, "โครงการส่งเสริมอาชีพ", None, "ทุกอำเภอ", "", "พัฒนาชุมชน", 300000, 300000, ""],
]  # fmt: skip


def test_a_provincial_list_carries_its_merged_cells_down_and_reads_each_activity(tmp_path):
    read = read_provincial(
        provincial(tmp_path / "p.xlsx", ROWS), "p.xlsx", default_source="province"
    )
    assert read.years == (2570, 2571)
    pond, weir, career = read.lines
    assert (pond.strategy, pond.programme, pond.project) == (
        "ประเด็นที่ 1 พัฒนาโครงสร้างพื้นฐาน",
        "แผนงานบริหารจัดการน้ำ",
        "โครงการพัฒนาแหล่งน้ำ",
    )
    assert weir.strategy == pond.strategy and weir.project == "โครงการพัฒนาแหล่งน้ำ"  # merged down
    assert pond.budgets == {2570: Decimal("1250000")} and weir.budgets == {2571: Decimal(2_000_000)}
    assert (pond.budget_source, weir.budget_source, career.budget_source) == (
        "province",
        "province_group",
        "province",  # blank: the list's own
    )
    assert career.title == "โครงการส่งเสริมอาชีพ"  # a project without activities is its own line


def test_provincial_lines_are_placed_from_their_place_cell(tmp_path):
    province = Area.objects.get(code="52")
    source_list = provincial_list_import(
        user=User.objects.get(username="province"),
        area=province,
        body="สำนักงานจังหวัดลำปาง",
        source=provincial(tmp_path / "p.xlsx", ROWS),
        filename="p.xlsx",
    )
    lines = {ln.title: ln for ln in source_list.lines.all()}
    assert lines["ขุดลอกหนองผาแดง"].villages == ["52010103"]
    assert lines["ก่อสร้างฝายน้ำล้น คสล. ลำห้วยหอย"].area_id == "520101"
    assert lines["โครงการส่งเสริมอาชีพ"].area_id == "52"  # ทุกอำเภอ
    assert Proposal.objects.filter(group=f"list:{source_list.pk}", origin="province").count() == 3


@pytest.mark.parametrize(
    ("row", "words"),
    [
        ([4, None, None, None, "ขุดลอก", "", "", "", "ห้าแสน", "-", ""], "อ่านงบประมาณไม่ได้"),
        ([4, None, None, None, "ขุดลอก", "", "", "", "-", "-", ""], "ไม่มีงบประมาณ"),
        ([4, None, None, None, "ขุดลอก " + "ก" * 400, "", "", "", 1, "-", ""], "เกิน 300"),
    ],
)
def test_a_bad_provincial_cell_is_named_and_nothing_is_written(tmp_path, row, words):
    before = (SourceList.objects.count(), SourceLine.objects.count(), Proposal.objects.count())
    with pytest.raises(ImportRejected) as caught:
        provincial_list_import(
            user=None,
            area=Area.objects.get(code="52"),
            body="สำนักงานจังหวัดลำปาง",
            source=provincial(tmp_path / "p.xlsx", [*ROWS, row]),
            filename="p.xlsx",
        )
    problem = next(p for p in caught.value.problems if words in p.th)
    assert problem.row == 8 and problem.en
    assert (
        SourceList.objects.count(),
        SourceLine.objects.count(),
        Proposal.objects.count(),
    ) == before


def test_a_file_without_the_header_is_refused(tmp_path):
    wb = Workbook()
    wb.active.append(["ชื่อ", "ที่อยู่"])
    wb.save(tmp_path / "x.xlsx")
    with pytest.raises(ImportRejected) as caught:
        read_provincial(tmp_path / "x.xlsx", "x.xlsx", default_source="province")
    assert "ไม่พบแถวหัวตาราง" in caught.value.problems[0].th


AGENCY = (
    "ลำดับที่,ชื่อรายการ,สถานที่ก่อสร้าง,หมู่,ตำบล,อำเภอ,ปีงบประมาณ,วงเงิน (บาท),หน่วยงาน,หมายเหตุ\r\n"
    '1,ขุดลอกหนองผาแดง,บ้านแม่เหียง,3,เวียงเหนือ,เมืองลำปาง,2570,"2,350,000",สทภ.1,\r\n'
    '๒,ก่อสร้างฝายชะลอน้ำ,ลำห้วยหอย,๔,เวียงเหนือ,เมืองลำปาง,๒๕๗๑,"1,250,000.-",สทภ.1,\r\n'
)


def agency_file(path: Path, text: str = AGENCY) -> Path:
    path.write_bytes(text.encode("cp874"))
    return path


def test_an_agency_list_in_tis620_is_mapped_read_and_its_mapping_remembered(tmp_path):
    path = agency_file(tmp_path / "a.csv")
    preview = agency_preview(path, "a.csv")
    assert preview.header_row == 1 and preview.headers[1] == "ชื่อรายการ"
    mapping = guess_mapping(preview.headers)
    assert mapping["title"] == "ชื่อรายการ" and mapping["budget"] == "วงเงิน (บาท)"
    assert mapping["years"] == "ปีงบประมาณ" and mapping["moo"] == "หมู่"
    user = User.objects.get(username="district-5201")
    source_list = agency_list_import(
        user=user, area=Area.objects.get(code="5201"), body="สำนักงานทรัพยากรน้ำภาค 1",
        source=path, filename="a.csv", mapping=mapping,
    )  # fmt: skip
    pond, weir = source_list.lines.order_by("position")
    assert pond.villages == ["52010103"] and pond.total == Decimal(2_350_000)
    assert (weir.first_year, weir.total) == (2571, Decimal(1_250_000))
    assert weir.villages == ["52010104"]  # หมู่ ๔ of ต.เวียงเหนือ, Thai digits
    assert remembered_mapping("สำนักงานทรัพยากรน้ำภาค  1") == mapping  # spacing aside
    assert ColumnMapping.objects.get().updated_by == user


def test_an_agency_mapping_naming_a_missing_column_is_refused(tmp_path):
    path = agency_file(tmp_path / "a.csv")
    with pytest.raises(ImportRejected) as caught:
        agency_list_import(
            user=None, area=Area.objects.get(code="5201"), body="สทภ.1", source=path,
            filename="a.csv", mapping={"title": "ชื่อรายการ", "budget": "งบ"},
        )  # fmt: skip
    assert "ไม่พบคอลัมน์ 'งบ'" in caught.value.problems[0].th
    assert not SourceList.objects.filter(body="สทภ.1").exists()


def test_an_agency_row_with_a_ce_year_is_named(tmp_path):
    text = AGENCY.replace(",2570,", ",2027,")
    path = agency_file(tmp_path / "a.csv", text)
    mapping = guess_mapping(agency_preview(path, "a.csv").headers)
    with pytest.raises(ImportRejected) as caught:
        agency_list_import(
            user=None, area=Area.objects.get(code="5201"), body="สทภ.1", source=path,
            filename="a.csv", mapping=mapping,
        )  # fmt: skip
    problem = caught.value.problems[0]
    assert problem.row == 2 and problem.column == "ปีงบประมาณ" and "ไม่ใช่ปี พ.ศ." in problem.th


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("province", True),
        ("district-5201", True),
        ("amphoe-5201", True),
        ("officer-520101", False),  # a tambon's officer imports for the tambon, not the district
        ("lao-3520101", False),  # a local government's planner imports its own plan only
        ("village-52010101", False),
    ],
)
def test_who_may_import_a_list_of_a_district(tmp_path, who, allowed):
    path = agency_file(tmp_path / "a.csv")
    mapping = guess_mapping(agency_preview(path, "a.csv").headers)
    user = User.objects.get(username=who)
    before = SourceList.objects.count()
    call = dict(user=user, area=Area.objects.get(code="5201"), body="สทภ.1", source=path, filename="a.csv", mapping=mapping)  # fmt: skip
    if allowed:
        agency_list_import(**call)  # type: ignore[arg-type]
        assert SourceList.objects.count() == before + 1
    else:
        with pytest.raises(PermissionDenied):
            agency_list_import(**call)  # type: ignore[arg-type]
        assert SourceList.objects.count() == before


SAMPLES = Path(__file__).resolve().parents[3] / "docs" / "samples"


def test_the_sample_files_of_every_source_read_without_a_problem():
    """docs/samples: what the import pages offer to download reads whole."""
    from planlink.sources.importers.lists import read_agency
    from planlink.sources.importers.local_plan import read_local_plan

    local = read_local_plan(SAMPLES / "local-plan-sample.xlsx", "local-plan-sample.xlsx")
    assert len(local.lines) >= 40 and local.notes == []  # its ผ.01 agrees with its ผ.02
    assert {ln.form for ln in local.lines} == {"ผ.02", "ผ.02/1"}
    assert "ผ.03" in local.sheets_ignored and "ปก" in local.sheets_ignored
    provincial_read = read_provincial(
        SAMPLES / "provincial-list-sample.xlsx",
        "provincial-list-sample.xlsx",
        default_source="province",
    )
    assert len(provincial_read.lines) >= 30
    assert all(ln.strategy and ln.project for ln in provincial_read.lines)  # merged cells carried
    path = SAMPLES / "agency-requests-sample.csv"
    agency = read_agency(
        path,
        path.name,
        mapping=guess_mapping(agency_preview(path, path.name).headers),
        default_years=None,
    )
    assert len(agency.lines) >= 20
