"""A hand-computed fixture: four villages in two districts, person (6) and household (9, 22)
indicators, two survey years. Every number below was worked out by hand from the rows in
conftest.py, and the engine must match it exactly at every level."""

from decimal import Decimal

import pytest

from planlink.evidence.importers.bmn import bmn_import
from planlink.evidence.models import BmnImport, BmnResult
from planlink.evidence.selectors import bmn_indicator_results
from planlink.evidence.tests.conftest import YEAR_2563, YEAR_2564, household_csv

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clean_bmn")]

# area: (households, members, poor, e6, p6, e9, p9, e22, p22)
EXPECTED_2564 = {
    "52010101": (3, 9, 2, 5, 4, 3, 2, 3, 1),
    "52010102": (1, 5, 0, 3, 0, 1, 1, 1, 1),
    "52010201": (2, 7, 1, 3, 2, 2, 1, 2, 1),
    "52020101": (1, 2, 0, 0, 0, 1, 1, 1, 1),
    "520101": (4, 14, 2, 8, 4, 4, 3, 4, 2),
    "520102": (2, 7, 1, 3, 2, 2, 1, 2, 1),
    "520201": (1, 2, 0, 0, 0, 1, 1, 1, 1),
    "5201": (6, 21, 3, 11, 6, 6, 4, 6, 3),
    "5202": (1, 2, 0, 0, 0, 1, 1, 1, 1),
    "52": (7, 23, 3, 11, 6, 7, 5, 7, 4),
}


def stored(year: int) -> dict[str, tuple[int, ...]]:
    result = {}
    for row in BmnResult.objects.filter(year=year):
        c = row.counts
        result[row.area_id] = (
            row.households,
            row.members,
            row.poor_households,
            *c["6"],
            *c["9"],
            *c["22"],
        )
        # Indicators without data are stored as zeros, never missing.
        assert c["1"] == [0, 0] and len(c) == 31
    return result


def test_household_file_matches_hand_computation_at_every_level(write_file):
    outcome = bmn_import(user=None, path=write_file(household_csv(YEAR_2564, 2564)))
    assert (outcome.households, outcome.villages, outcome.year) == (7, 4, 2564)
    assert stored(2564) == EXPECTED_2564
    assert {r.area_id: r.level for r in BmnResult.objects.filter(year=2564)}["5201"] == 2
    record = BmnImport.objects.get()
    assert (record.scope_id, record.households, record.villages) == ("52", 7, 4)


def test_percentages_and_change_against_the_previous_year(write_file):
    bmn_import(user=None, path=write_file(household_csv(YEAR_2563, 2563), "2563.csv"))
    bmn_import(user=None, path=write_file(household_csv(YEAR_2564, 2564), "2564.csv"))
    results = {r.indicator.code: r for r in bmn_indicator_results(area_code="52010101", year=2564)}
    six = results["6"]
    assert (six.eligible, six.passed, six.failed) == (5, 4, 1)
    assert six.pct_failed == Decimal("20.0") and six.pct_passed == Decimal("80.0")
    assert six.previous_pct_failed == Decimal("66.7")  # 2 of 3 failed in 2563
    assert six.change_pct_failed == Decimal("-46.7")
    district = {r.indicator.code: r for r in bmn_indicator_results(area_code="5201", year=2564)}
    assert district["6"].pct_failed == Decimal("45.5")  # 5 of 11: summed counts, not averages
    assert district["6"].previous_pct_failed == Decimal("66.7")
    # No eligible persons: undefined, not 0 %.
    empty = {r.indicator.code: r for r in bmn_indicator_results(area_code="52020101", year=2564)}
    assert empty["6"].pct_failed is None


def test_village_summary_table_gives_the_same_results(write_file):
    lines = ["รหัสหมู่บ้าน,ปีที่สำรวจ,ตัวชี้วัด,จำนวนที่สำรวจ,ผ่านเกณฑ์,ไม่ผ่านเกณฑ์,จำนวนครัวเรือน"]
    from planlink.evidence.tests.conftest import codes

    for village in ("52010101", "52010102", "52010201", "52020101"):
        households, _m, _poor, e6, p6, e9, p9, e22, p22 = EXPECTED_2564[village]
        values = {"6": (e6, p6), "9": (e9, p9), "22": (e22, p22)}
        for code in codes():
            eligible, passed = values.get(code, (0, 0))
            lines.append(
                f"{village},2564,{code},{eligible},{passed},{eligible - passed},{households}"
            )
    outcome = bmn_import(user=None, path=write_file("\n".join(lines) + "\n", "summary.csv"))
    assert outcome.kind == "summary"
    got = stored(2564)
    for area, expected in EXPECTED_2564.items():
        households, _members, poor, *counts = expected
        assert got[area][0] == households
        assert got[area][1] is None  # a summary table has no member counts
        assert got[area][2] == poor  # income indicator failures
        assert tuple(got[area][3:]) == tuple(counts), area


def test_reimport_of_a_year_replaces_it_atomically(write_file):
    bmn_import(user=None, path=write_file(household_csv(YEAR_2564, 2564), "first.csv"))
    first = BmnImport.objects.get()
    # A corrected file for village 52010102 only: that village changes, the others stay, and
    # every ancestor is summed again.
    corrected = [("52010102", "0001", 5, {"6": (3, 3), "9": (1, 1), "22": (1, 1)})]
    outcome = bmn_import(user=None, path=write_file(household_csv(corrected, 2564), "fix.csv"))
    assert outcome.replaced_villages == 1
    got = stored(2564)
    assert got["52010102"][3:5] == (3, 3)
    assert got["520101"][3:5] == (8, 7)
    assert got["52"][3:5] == (11, 9)
    assert got["52010101"] == EXPECTED_2564["52010101"]
    first.refresh_from_db()
    assert (first.villages, first.households, first.status) == (3, 6, "active")
    # The whole year again: the first import is fully replaced.
    bmn_import(user=None, path=write_file(household_csv(YEAR_2564, 2564), "again.csv"))
    first.refresh_from_db()
    assert first.status == "replaced"
    assert stored(2564) == EXPECTED_2564


def test_the_documented_sample_file_imports():
    from django.conf import settings

    sample = settings.BASE_DIR / "docs/samples/bmn-households-sample.csv"
    outcome = bmn_import(user=None, path=sample, dry_run=True)
    assert (outcome.households, outcome.villages, outcome.year) == (7, 4, 2564)
