from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from planlink.evidence.models import IndicatorEdition

pytestmark = pytest.mark.django_db

HEADER = "edition,number,category_number,category_th,category_en,indicator_th,unit,threshold,development_category\n"


def test_builtin_editions_are_data():
    bmn = IndicatorEdition.objects.get(family="bmn", code="2560-2564")
    assert bmn.indicators.count() == 31
    income = bmn.indicators.get(code="22")
    assert income.threshold == Decimal("38000.00") and income.unit == "household"
    assert income.development_category.code == "economy"
    assert bmn.setting("income_indicator") == "22"
    assert IndicatorEdition.objects.get(family="gvh").indicators.count() == 6


def test_an_administrator_loads_a_new_edition(tmp_path, capsys):
    path = tmp_path / "bmn-2566.csv"
    path.write_text(
        HEADER + "2566-2570,1,1,สุขภาพ,health,ตัวชี้วัดใหม่ 1,person,,health\n"
        '2566-2570,2,2,รายได้,income,รายได้เฉลี่ย,household,"40,000",economy\n',
        encoding="utf-8",
    )
    call_command(
        "evidence_edition_load",
        str(path),
        family="bmn",
        name="จปฐ. 2566–2570",
        first_year=2566,
        last_year=2570,
        income_indicator="2",
    )
    edition = IndicatorEdition.objects.get(family="bmn", code="2566-2570")
    assert edition.indicators.get(code="2").threshold == Decimal("40000.00")
    assert edition.covers(2568) and not edition.covers(2565)
    assert "2 indicators" in capsys.readouterr().out


def test_bad_edition_file_names_rows_and_changes_nothing(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(
        HEADER + "x,1,1,ก,a,ข้อ 1,people,,health\nx,1,1,ก,a,ข้อ ซ้ำ,person,,nowhere\n",
        encoding="utf-8",
    )
    before = IndicatorEdition.objects.count()
    with pytest.raises(CommandError) as info:
        call_command("evidence_edition_load", str(path), family="bmn", name="x")
    text = str(info.value)
    assert "[row 2, column 'unit']" in text and "[row 3, column 'number']" in text
    assert "unknown development category 'nowhere'" in text
    assert IndicatorEdition.objects.count() == before


def test_an_edition_with_data_keeps_its_indicators(tmp_path):
    path = tmp_path / "shrunk.csv"
    path.write_text(HEADER + "2560-2564,1,1,สุขภาพ,health,ข้อเดียว,person,,health\n", encoding="utf-8")
    with pytest.raises(CommandError, match="already has data"):
        call_command("evidence_edition_load", str(path), family="bmn", name="x", code="2560-2564")
    assert IndicatorEdition.objects.get(code="2560-2564").indicators.count() == 31
