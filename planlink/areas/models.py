"""The DOPA area tree (province → district → tambon → village) and local governments."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.utils.translation import gettext_lazy as _

from planlink.core import audit
from planlink.core.models import BaseModel

models.CharField.register_lookup(Length)
models.ForeignKey.register_lookup(Length)


class AreaLevel(models.IntegerChoices):
    PROVINCE = 1, _("province")
    DISTRICT = 2, _("district")
    TAMBON = 3, _("tambon")
    VILLAGE = 4, _("village")


# DOPA codes grow by two digits per level: 52 → 5201 → 520101 → 52010101.
CODE_LENGTH = {
    AreaLevel.PROVINCE: 2,
    AreaLevel.DISTRICT: 4,
    AreaLevel.TAMBON: 6,
    AreaLevel.VILLAGE: 8,
}
LEVEL_OF_LENGTH = {length: level for level, length in CODE_LENGTH.items()}


class AreaSource(models.TextChoices):
    GEOTHAI = "geothai", _("DOPA register (geothai)")
    IMPORT = "import", _("imported file")
    DEMO = "demo", _("demo data")


@audit.register
class Area(BaseModel):
    code = models.CharField(_("DOPA code"), max_length=8, primary_key=True)
    level = models.PositiveSmallIntegerField(_("level"), choices=AreaLevel.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent area"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    name_th = models.CharField(_("name (Thai)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    moo = models.PositiveSmallIntegerField(_("village number (หมู่ที่)"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=10, choices=AreaSource.choices)
    is_demo = models.BooleanField(_("demo data"), default=False)

    history = audit.audited()

    class Meta:
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        constraints = [
            models.CheckConstraint(
                name="area_code_digits",
                condition=Q(code__regex=r"^[0-9]+$"),
            ),
            models.CheckConstraint(
                name="area_code_length_matches_level",
                condition=(
                    Q(level=AreaLevel.PROVINCE, code__length=2, parent__isnull=True)
                    | Q(level=AreaLevel.DISTRICT, code__length=4, parent__length=2)
                    | Q(level=AreaLevel.TAMBON, code__length=6, parent__length=4)
                    | Q(level=AreaLevel.VILLAGE, code__length=8, parent__length=6)
                ),
            ),
            models.CheckConstraint(
                name="area_moo_only_for_villages",
                condition=Q(level=AreaLevel.VILLAGE, moo__gte=1, moo__lte=99)
                | (~Q(level=AreaLevel.VILLAGE) & Q(moo__isnull=True)),
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    def audit_area_code(self) -> str:
        return self.code

    @property
    def is_bangkok(self) -> bool:
        return self.code.startswith("10")

    @property
    def display_name(self) -> str:
        """The name as Thai documents write it: จังหวัดลำปาง, อำเภอเกาะคา, ตำบล…, หมู่ที่ 5 บ้าน…"""
        if self.level == AreaLevel.PROVINCE:
            return self.name_th if self.is_bangkok else f"จังหวัด{self.name_th}"
        if self.level == AreaLevel.DISTRICT:
            return f"{'เขต' if self.is_bangkok else 'อำเภอ'}{self.name_th}"
        if self.level == AreaLevel.TAMBON:
            return f"{'แขวง' if self.is_bangkok else 'ตำบล'}{self.name_th}"
        return f"หมู่ที่ {self.moo} {self.name_th}"

    @property
    def display_name_en(self) -> str:
        if self.level == AreaLevel.VILLAGE:
            return f"Moo {self.moo} {self.name_en or self.name_th}"
        return self.name_en or self.name_th

    def contains(self, code: str) -> bool:
        """Is the area with `code` this area or inside it? (DOPA codes are prefixes.)"""
        return code.startswith(self.code)

    def ancestor_codes(self) -> list[str]:
        """Codes from the province down to the parent, derived from the code itself."""
        return [self.code[:n] for n in range(2, len(self.code), 2)]


class LocalGovernmentKind(models.TextChoices):
    PAO = "pao", _("Provincial Administrative Organisation (อบจ.)")
    CITY = "city", _("City municipality (เทศบาลนคร)")
    TOWN = "town", _("Town municipality (เทศบาลเมือง)")
    SUBDISTRICT_MUNICIPALITY = "sub_municipality", _("Subdistrict municipality (เทศบาลตำบล)")
    SAO = "sao", _("Subdistrict Administrative Organisation (อบต.)")


LOCAL_GOVERNMENT_ABBREVIATION = {
    LocalGovernmentKind.PAO: "อบจ.",
    LocalGovernmentKind.CITY: "ทน.",
    LocalGovernmentKind.TOWN: "ทม.",
    LocalGovernmentKind.SUBDISTRICT_MUNICIPALITY: "ทต.",
    LocalGovernmentKind.SAO: "อบต.",
}


@audit.register
class LocalGovernment(BaseModel):
    """An อปท.; it covers a set of villages that need not follow tambon lines."""

    code = models.CharField(_("local government code"), max_length=10, primary_key=True)
    kind = models.CharField(_("type"), max_length=20, choices=LocalGovernmentKind.choices)
    name_th = models.CharField(_("name (Thai)"), max_length=200)
    seat = models.ForeignKey(
        Area,
        verbose_name=_("office located in"),
        on_delete=models.PROTECT,
        related_name="seated_local_governments",
    )
    villages = models.ManyToManyField(
        Area,
        verbose_name=_("villages covered"),
        through="Coverage",
        related_name="local_governments",
        blank=True,
    )
    is_demo = models.BooleanField(_("demo data"), default=False)

    history = audit.audited()

    class Meta:
        verbose_name = _("local government (อปท.)")
        verbose_name_plural = _("local governments (อปท.)")
        constraints = [
            models.CheckConstraint(name="lao_code_digits", condition=Q(code__regex=r"^[0-9]+$")),
        ]

    def __str__(self) -> str:
        return self.name_th

    def audit_area_code(self) -> str:
        return self.seat_id

    @property
    def abbreviation(self) -> str:
        return LOCAL_GOVERNMENT_ABBREVIATION[LocalGovernmentKind(self.kind)]


@audit.register
class Coverage(models.Model):
    """One village covered by one local government."""

    local_government = models.ForeignKey(
        LocalGovernment, verbose_name=_("local government"), on_delete=models.CASCADE
    )
    village = models.ForeignKey(
        Area,
        verbose_name=_("village"),
        on_delete=models.PROTECT,
        limit_choices_to={"level": AreaLevel.VILLAGE},
    )

    history = audit.audited()

    class Meta:
        verbose_name = _("coverage")
        verbose_name_plural = _("coverage")
        constraints = [
            models.UniqueConstraint(
                fields=["local_government", "village"], name="coverage_unique_village"
            ),
            models.CheckConstraint(name="coverage_village_code", condition=Q(village__length=8)),
        ]

    def __str__(self) -> str:
        return f"{self.local_government_id} → {self.village_id}"

    def audit_area_code(self) -> str:
        return self.village_id
