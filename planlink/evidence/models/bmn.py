"""BMN (จปฐ.) survey imports and their roll-ups.

Household rows are kept columnar (a Parquet file per import, household keys only as keyed
hashes); what pages and reports read are the per-area roll-ups in `BmnResult`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from planlink.areas.models import Area, AreaLevel
from planlink.core import audit
from planlink.core.models import BaseModel
from planlink.evidence.models.reference import IndicatorEdition


class ImportStatus(models.TextChoices):
    ACTIVE = "active", _("in use")
    REPLACED = "replaced", _("replaced by a later import")


@audit.register
class BmnImport(BaseModel):
    year = models.PositiveSmallIntegerField(_("survey year (B.E.)"))
    edition = models.ForeignKey(IndicatorEdition, on_delete=models.PROTECT)
    scope = models.ForeignKey(
        Area, verbose_name=_("area of the survey file"), on_delete=models.PROTECT
    )
    source_name = models.CharField(_("file"), max_length=255)
    households = models.PositiveIntegerField(_("households"))
    villages = models.PositiveIntegerField(_("villages"))
    household_file = models.CharField(_("household rows (Parquet)"), max_length=255)
    status = models.CharField(
        _("status"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.ACTIVE
    )
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    is_demo = models.BooleanField(_("synthetic demo data"), default=False)

    history = audit.audited()

    class Meta:
        verbose_name = _("BMN import")
        verbose_name_plural = _("BMN imports")
        indexes = [models.Index(fields=["year", "status"])]

    def __str__(self) -> str:
        return f"BMN {self.year} {self.scope_id} ({self.households:,})"

    def audit_area_code(self) -> str:
        return self.scope_id


class BmnResult(models.Model):
    """One area's BMN totals for one survey year: per indicator eligible and passed counts
    (``counts = {"22": [eligible, passed], ...}``); failing = eligible − passed. Upper levels
    are sums of their villages — counts are summed, never percentages averaged."""

    year = models.PositiveSmallIntegerField(_("survey year (B.E.)"))
    edition = models.ForeignKey(IndicatorEdition, on_delete=models.PROTECT)
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="bmn_results")
    level = models.PositiveSmallIntegerField(choices=AreaLevel.choices)
    households = models.PositiveIntegerField(_("households"))
    members = models.PositiveIntegerField(_("persons"), null=True, blank=True)
    poor_households = models.PositiveIntegerField(
        _("households failing the income indicator"), default=0
    )
    counts = models.JSONField(_("eligible and passed per indicator"))
    source = models.ForeignKey(
        BmnImport,
        verbose_name=_("import"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="village_results",
        help_text=_("For villages: the import the row came from."),
    )
    is_demo = models.BooleanField(_("synthetic demo data"), default=False)

    class Meta:
        verbose_name = _("BMN result")
        verbose_name_plural = _("BMN results")
        constraints = [
            models.UniqueConstraint(fields=["year", "area"], name="bmn_result_unique_year_area"),
        ]
        indexes = [models.Index(fields=["level", "year"])]

    def __str__(self) -> str:
        return f"BMN {self.year} {self.area_id}"
