"""The six other evidence families (seed item 1): village-level scores and records, and the
household-level accounts and poor-household lists (pseudonymous keys only)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from planlink.areas.models import Area, AreaLevel
from planlink.core import audit
from planlink.core.models import BaseModel
from planlink.evidence.models.reference import IndicatorEdition

_VILLAGE = {"level": AreaLevel.VILLAGE}


class VbdVillage(BaseModel):
    """กชช.2ค: one village's indicator scores (1 = most problems … 3) in one survey round."""

    round_year = models.PositiveSmallIntegerField(_("survey round (B.E.)"))
    edition = models.ForeignKey(IndicatorEdition, on_delete=models.PROTECT)
    village = models.ForeignKey(
        Area, on_delete=models.CASCADE, related_name="vbd_rounds", limit_choices_to=_VILLAGE
    )
    scores = models.JSONField(_("score per indicator"))  # {"1.1": 3, "2.4": 1, ...}
    is_demo = models.BooleanField(_("synthetic demo data"), default=False)

    class Meta:
        verbose_name = _("กชช.2ค village scores")
        verbose_name_plural = _("กชช.2ค village scores")
        constraints = [
            models.UniqueConstraint(fields=["round_year", "village"], name="vbd_unique_round"),
        ]


class GvhVillage(BaseModel):
    """GVH: one village's component scores from its yearly assessment meeting."""

    year = models.PositiveSmallIntegerField(_("year (B.E.)"))
    edition = models.ForeignKey(IndicatorEdition, on_delete=models.PROTECT)
    village = models.ForeignKey(
        Area, on_delete=models.CASCADE, related_name="gvh_years", limit_choices_to=_VILLAGE
    )
    scores = models.JSONField(_("score per component"))  # {"1": 3.5, ...}
    assessed_on = models.DateField(_("assessment date"), null=True, blank=True)
    is_demo = models.BooleanField(_("synthetic demo data"), default=False)

    class Meta:
        verbose_name = _("GVH village scores")
        verbose_name_plural = _("GVH village scores")
        constraints = [
            models.UniqueConstraint(fields=["year", "village"], name="gvh_unique_year"),
        ]


class HouseholdAccount(models.Model):
    """A household's income–expense account for a year (บัญชีรับ-จ่ายครัวเรือน)."""

    year = models.PositiveSmallIntegerField(_("year (B.E.)"))
    village = models.ForeignKey(Area, on_delete=models.CASCADE, limit_choices_to=_VILLAGE)
    household_key = models.CharField(_("household key (keyed hash)"), max_length=32)
    members = models.PositiveSmallIntegerField(_("members"))
    income = models.DecimalField(_("income"), max_digits=14, decimal_places=2)
    expense = models.DecimalField(_("expenses"), max_digits=14, decimal_places=2)
    savings = models.DecimalField(_("savings"), max_digits=14, decimal_places=2)
    debt = models.DecimalField(_("debt"), max_digits=14, decimal_places=2)
    is_demo = models.BooleanField(_("synthetic demo data"), default=False)

    class Meta:
        verbose_name = _("household account")
        verbose_name_plural = _("household accounts")
        constraints = [
            models.UniqueConstraint(
                fields=["year", "village", "household_key"], name="account_unique_household"
            ),
            models.CheckConstraint(
                name="account_amounts_not_negative",
                condition=Q(
                    income__gte=0, expense__gte=0, savings__gte=0, debt__gte=0, members__gte=1
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.village_id} {self.household_key} {self.year}"


class CapitalKind(models.TextChoices):
    FUND = "fund", _("fund (กองทุน)")
    ASSET = "asset", _("shared asset (ทรัพย์สินชุมชน)")
    GROUP = "group", _("organisation or group (องค์กร/กลุ่ม)")
    NATURAL = "natural", _("natural resource (ทรัพยากรธรรมชาติ)")
    CULTURAL = "cultural", _("culture and wisdom (วัฒนธรรม/ภูมิปัญญา)")
    HUMAN = "human", _("people and skills (ทุนมนุษย์)")


class CommunityCapital(BaseModel):
    year = models.PositiveSmallIntegerField(_("year recorded (B.E.)"))
    village = models.ForeignKey(Area, on_delete=models.CASCADE, limit_choices_to=_VILLAGE)
    kind = models.CharField(_("type"), max_length=10, choices=CapitalKind.choices)
    name = models.CharField(_("name"), max_length=255)
    amount = models.DecimalField(
        _("amount (baht)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    is_demo = models.BooleanField(_("synthetic demo data"), default=False)

    class Meta:
        verbose_name = _("community capital")
        verbose_name_plural = _("community capital")
        constraints = [
            models.UniqueConstraint(fields=["year", "village", "name"], name="capital_unique_name"),
        ]


class OccupationGroup(BaseModel):
    year = models.PositiveSmallIntegerField(_("year recorded (B.E.)"))
    village = models.ForeignKey(Area, on_delete=models.CASCADE, limit_choices_to=_VILLAGE)
    name = models.CharField(_("group"), max_length=255)
    product = models.CharField(_("product or service"), max_length=255)
    members = models.PositiveIntegerField(_("members"))
    yearly_revenue = models.DecimalField(
        _("yearly revenue (baht)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    is_demo = models.BooleanField(_("synthetic demo data"), default=False)

    class Meta:
        verbose_name = _("occupation group")
        verbose_name_plural = _("occupation groups")
        constraints = [
            models.UniqueConstraint(fields=["year", "village", "name"], name="group_unique_name"),
        ]


class PoorHousehold(models.Model):
    """A household on an imported poor-household list (e.g. a targeted-poor register)."""

    year = models.PositiveSmallIntegerField(_("year (B.E.)"))
    village = models.ForeignKey(Area, on_delete=models.CASCADE, limit_choices_to=_VILLAGE)
    household_key = models.CharField(_("household key (keyed hash)"), max_length=32)
    list_name = models.CharField(_("list"), max_length=100)
    is_demo = models.BooleanField(_("synthetic demo data"), default=False)

    class Meta:
        verbose_name = _("listed poor household")
        verbose_name_plural = _("listed poor households")
        constraints = [
            models.UniqueConstraint(
                fields=["year", "village", "household_key", "list_name"],
                name="poor_unique_household",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.list_name} {self.year}: {self.village_id} {self.household_key}"


@audit.register
class FamilyImport(BaseModel):
    """Who imported which file of one of the six families, and what it wrote (the records
    themselves carry no link back: a later import of the same villages and years replaces
    them)."""

    family = models.CharField(_("evidence family"), max_length=10)
    source_name = models.CharField(_("file"), max_length=255)
    scope = models.CharField(_("area of the file"), max_length=8, blank=True)
    years = models.JSONField(_("years (B.E.)"), default=list)
    edition = models.CharField(_("indicator edition"), max_length=20, blank=True)
    rows = models.PositiveIntegerField(_("rows read"))
    villages = models.PositiveIntegerField(_("villages"))
    created_records = models.PositiveIntegerField(_("records written"))
    replaced_records = models.PositiveIntegerField(_("earlier records replaced"))
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    is_demo = models.BooleanField(_("synthetic demo data"), default=False)

    history = audit.audited()

    class Meta:
        verbose_name = _("evidence import")
        verbose_name_plural = _("evidence imports")
        indexes = [models.Index(fields=["family", "scope"], name="family_import_scope")]

    def __str__(self) -> str:
        return f"{self.family} {self.source_name} ({self.created_records:,})"

    def audit_area_code(self) -> str:
        return self.scope
