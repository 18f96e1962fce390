"""Every family import records who imported what (FamilyImport, with its audit history);
a dry run or a refused file records nothing."""

from __future__ import annotations

import pytest

from planlink.accounts.models import User
from planlink.core.tabular import ImportRejected
from planlink.evidence.importers.families import IMPORTERS, capital_import, poor_import
from planlink.evidence.models import FamilyImport, PoorHousehold
from planlink.evidence.tests.test_families import CAPITAL_HEAD, A, B, write

pytestmark = pytest.mark.django_db


def test_an_import_records_who_imported_which_file(tmp_path):
    officer = User.objects.get(username="officer-520101")
    text = CAPITAL_HEAD + f"{A},2566,fund,กองทุนหมู่บ้าน,1\n{B},2566,asset,ศาลา,\n"
    outcome = capital_import(
        user=officer,
        path=write(tmp_path, text),
        original_name="ทุนชุมชน ต.เวียงเหนือ.csv",
        within="520101",
    )
    record = FamilyImport.objects.get()
    assert (record.family, record.source_name, record.scope, record.years) == (
        "capital",
        "ทุนชุมชน ต.เวียงเหนือ.csv",
        "520101",
        [2566],
    )
    assert (record.rows, record.villages, record.created_records) == (2, 2, outcome.created)
    assert record.imported_by == officer
    history = FamilyImport.history.get()  # type: ignore[attr-defined]
    assert (history.history_user, history.area_code) == (officer, "520101")
    # Without an area given, the smallest area holding the file's villages.
    capital_import(user=None, path=write(tmp_path, CAPITAL_HEAD + f"{A},2567,fund,ก,1\n", "b.csv"))
    assert FamilyImport.objects.order_by("-pk").first().scope == A


def test_dry_runs_and_refusals_record_nothing(tmp_path):
    text = CAPITAL_HEAD + f"{A},2566,fund,กองทุนหมู่บ้าน,1\n"
    capital_import(user=None, path=write(tmp_path, text), dry_run=True)
    with pytest.raises(ImportRejected):
        capital_import(
            user=None, path=write(tmp_path, CAPITAL_HEAD + f"{A},2566,???,ก,1\n", "x.csv")
        )
    assert not FamilyImport.objects.exists()


def test_household_keys_are_hashed_through_the_shared_path(tmp_path):
    text = "รหัสหมู่บ้าน,รหัสบ้าน,ปี\n" + f"{A},0001,2566\n{A},0002,2566\n"
    poor_import(user=None, path=write(tmp_path, text))
    keys = set(
        PoorHousehold.objects.filter(year=2566, village_id=A).values_list(
            "household_key", flat=True
        )
    )
    assert len(keys) == 2 and not keys & {"0001", "0002"}
    assert all(len(k) == 16 for k in keys)
    assert set(IMPORTERS) == {"vbd", "gvh", "accounts", "capital", "groups", "poor"}
