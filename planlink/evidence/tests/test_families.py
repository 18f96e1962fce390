import pytest
pytestmark = pytest.mark.django_db
def test_peek():
    from planlink.areas.models import Area
    from planlink.evidence.models import BmnResult, VbdVillage, GvhVillage, IndicatorEdition
    vs = list(Area.objects.filter(level=4).order_by("code").values_list("code", flat=True))
    print(len(vs), vs[:12])
    print(sorted(set(BmnResult.objects.values_list("year", flat=True))))
    print(VbdVillage.objects.filter(village__code__startswith="5201").values_list("round_year","village_id")[:6])
    print(sorted(set(VbdVillage.objects.values_list("round_year", flat=True))), sorted(set(GvhVillage.objects.values_list("year", flat=True))))
    print(list(IndicatorEdition.objects.values_list("family","code","first_year","last_year")))
    print(GvhVillage.objects.first().scores)
    print(VbdVillage.objects.filter(village__code__startswith="5201").query)
