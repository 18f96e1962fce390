from collections import Counter

import geothai
import pytest
from django.core.management import CommandError, call_command

from planlink.areas.loaders import areas_load
from planlink.areas.models import Area, AreaLevel, Coverage, LocalGovernment, LocalGovernmentKind
from planlink.demo.areas import demo_village_rows

pytestmark = pytest.mark.django_db


def test_chiang_mai_matches_geothai(capsys):
    call_command("areas_load", province=["50"])
    expected_districts = geothai.districts("50")
    expected_tambons = [t for d in expected_districts for t in geothai.subdistricts(d.code)]
    assert (
        Area.objects.filter(code__startswith="50", level=AreaLevel.DISTRICT).count()
        == len(expected_districts)
        == 25
    )
    assert Area.objects.filter(code__startswith="50", level=AreaLevel.TAMBON).count() == len(
        expected_tambons
    )
    assert Area.objects.get(code="50").name_th == "เชียงใหม่"
    assert "25 districts" in capsys.readouterr().out


def test_areas_load_is_idempotent_and_follows_renames():
    first = areas_load(user=None, province_code="50")
    assert first.created == 1 + 25 + first.tambons
    history = Area.history.count()
    again = areas_load(user=None, province_code="50")
    assert (again.created, again.updated) == (0, 0)
    assert Area.history.count() == history
    Area.objects.filter(code="500101").update(name_th="ชื่อเก่า")
    renamed = areas_load(user=None, province_code="50")
    assert renamed.updated == 1
    assert Area.objects.get(code="500101").name_th == geothai.subdistrict("500101").name_th


def test_unknown_province():
    with pytest.raises(CommandError, match="99"):
        call_command("areas_load", province=["99"])


def test_lampang_demo_tree():
    assert Area.objects.filter(code__startswith="52", level=AreaLevel.DISTRICT).count() == 13
    tambons = Area.objects.filter(code__startswith="52", level=AreaLevel.TAMBON)
    assert tambons.count() == 100
    villages = Area.objects.filter(code__startswith="52", level=AreaLevel.VILLAGE)
    assert 900 <= villages.count() <= 1000
    per_tambon = Counter(code[:6] for code in villages.values_list("code", flat=True))
    assert set(per_tambon) == set(tambons.values_list("code", flat=True))
    assert min(per_tambon.values()) >= 5
    assert all(v.is_demo for v in villages)
    # Village names are unique within a tambon and every หมู่ matches its code.
    for village in villages.filter(code__startswith="5201"):
        assert int(village.code[-2:]) == village.moo


def test_demo_rows_are_deterministic():
    assert demo_village_rows(["520101", "520102"]) == demo_village_rows(["520102", "520101"])


def test_every_demo_village_has_its_local_governments():
    """The อบจ. covers every village; every village has exactly one municipality or อบต."""
    villages = set(
        Area.objects.filter(code__startswith="52", level=AreaLevel.VILLAGE).values_list(
            "code", flat=True
        )
    )
    pao = LocalGovernment.objects.get(kind=LocalGovernmentKind.PAO)
    assert set(pao.villages.values_list("code", flat=True)) == villages
    lower = Counter(
        Coverage.objects.exclude(local_government=pao).values_list("village_id", flat=True)
    )
    assert set(lower) == villages
    assert set(lower.values()) == {1}
    city = LocalGovernment.objects.get(code="3520101")
    assert city.kind == LocalGovernmentKind.CITY
    tambon_villages = set(Area.objects.filter(parent_id="520101").values_list("code", flat=True))
    assert tambon_villages <= set(city.villages.values_list("code", flat=True))
    assert LocalGovernment.objects.filter(is_demo=False).count() == 0


def test_demo_setup_twice_changes_nothing():
    counts = (
        Area.objects.count(),
        LocalGovernment.objects.count(),
        Coverage.objects.count(),
        Area.history.count(),
        Coverage.history.count(),
    )
    call_command("demo_setup", plans_within="520101", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert counts == (
        Area.objects.count(),
        LocalGovernment.objects.count(),
        Coverage.objects.count(),
        Area.history.count(),
        Coverage.history.count(),
    )
