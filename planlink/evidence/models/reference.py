"""Reference data as data: indicator editions, indicators, development categories and the
problem-analysis thresholds. Nothing about 31 indicators or 38,000 baht is a code constant."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from planlink.core import audit
from planlink.core.models import BaseModel, SettingsRow


class Family(models.TextChoices):
    BMN = "bmn", _("BMN (จปฐ.)")
    VBD = "vbd", _("Village basic data (กชช.2ค)")
    GVH = "gvh", _("Gross Village Happiness (GVH)")


class IndicatorUnit(models.TextChoices):
    PERSON = "person", _("persons")
    HOUSEHOLD = "household", _("households")
    VILLAGE = "village", _("village score")


@audit.register
class DevelopmentCategory(BaseModel):
    """ด้าน: the one vocabulary of development categories shared by problems and plan items."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_th = models.CharField(_("name (Thai)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("in use"), default=True)

    history = audit.audited()

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("development category (ด้าน)")
        verbose_name_plural = _("development categories (ด้าน)")

    def __str__(self) -> str:
        return self.name_th

    def audit_area_code(self) -> str:
        return ""


class IndicatorEdition(BaseModel):
    """A versioned indicator set: BMN 2560–2564, a กชช.2ค round's form, the GVH components.

    `settings` holds the edition's own figures, e.g. for BMN
    ``{"income_indicator": "22"}`` (the household-income indicator whose failing households
    are counted as poor), for กชช.2ค the village classification cut-offs, for GVH the scale.
    """

    family = models.CharField(_("family"), max_length=8, choices=Family.choices)
    code = models.CharField(_("edition"), max_length=40)
    name_th = models.CharField(_("name (Thai)"), max_length=200)
    first_year = models.PositiveSmallIntegerField(_("first year (B.E.)"), null=True, blank=True)
    last_year = models.PositiveSmallIntegerField(_("last year (B.E.)"), null=True, blank=True)
    settings = models.JSONField(_("settings"), default=dict, blank=True)

    class Meta:
        ordering = ["family", "-first_year", "code"]
        verbose_name = _("indicator edition")
        verbose_name_plural = _("indicator editions")
        constraints = [
            models.UniqueConstraint(fields=["family", "code"], name="edition_unique_code"),
        ]

    def __str__(self) -> str:
        return f"{self.get_family_display()} {self.code}"

    def setting(self, name: str, default: Any = None) -> Any:
        return self.settings.get(name, default)

    def covers(self, year: int) -> bool:
        return (self.first_year is None or self.first_year <= year) and (
            self.last_year is None or year <= self.last_year
        )


class Indicator(models.Model):
    edition = models.ForeignKey(
        IndicatorEdition, on_delete=models.CASCADE, related_name="indicators"
    )
    code = models.CharField(_("code"), max_length=20)
    order = models.PositiveSmallIntegerField(_("order"))
    category_number = models.PositiveSmallIntegerField(_("category number"))
    category_th = models.CharField(_("category (Thai)"), max_length=200)
    category_en = models.CharField(_("category (English)"), max_length=200, blank=True)
    text_th = models.TextField(_("indicator (Thai)"))
    text_en = models.TextField(_("indicator (English)"), blank=True)
    unit = models.CharField(_("unit"), max_length=10, choices=IndicatorUnit.choices)
    threshold = models.DecimalField(
        _("threshold"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("A figure the indicator is measured against, e.g. 38,000 baht/person/year."),
    )
    development_category = models.ForeignKey(
        DevelopmentCategory,
        verbose_name=_("development category"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )

    class Meta:
        ordering = ["edition", "order"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            models.UniqueConstraint(fields=["edition", "code"], name="indicator_unique_code"),
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.text_th}"


class ProblemSettings(SettingsRow):
    """Thresholds of the problem analysis (one row; editable by administrators)."""

    bmn_min_failed_share = models.DecimalField(
        _("BMN: an indicator is a problem from this failing share (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("5.00"),
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    bmn_min_failed_count = models.PositiveIntegerField(
        _("BMN: … and at least this many failing"), default=1
    )
    vbd_problem_level = models.PositiveSmallIntegerField(
        _("กชช.2ค: scores at or below this level are problems"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(3)],
    )
    poor_min_share = models.DecimalField(
        _("Poor households: a problem from this share of households (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("1.00"),
    )
    gvh_low_share = models.DecimalField(
        _("GVH: a component is low below this share of the scale's maximum (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("60.00"),
    )
    accounts_debt_to_income = models.DecimalField(
        _("Household accounts: debt above this multiple of yearly income is weak"),
        max_digits=6,
        decimal_places=2,
        default=Decimal("1.00"),
    )
    village_evidence_full_weight = models.PositiveSmallIntegerField(
        _("Village-scored evidence (กชช.2ค, GVH) ranks in full from this many villages"),
        default=10,
        validators=[MinValueValidator(1)],
    )
    accounts_min_share = models.DecimalField(
        _("Household accounts: a problem from this share of account-keeping households (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("10.00"),
    )

    class Meta:
        verbose_name = _("problem analysis settings")
        verbose_name_plural = _("problem analysis settings")

    def __str__(self) -> str:
        return str(_("problem analysis settings"))
