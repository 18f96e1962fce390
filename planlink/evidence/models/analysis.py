"""Stored problem analysis: what `evidence.analysis` computed when evidence was imported or
the thresholds changed, so pages, packs and plan item forms read rows instead of
recomputing every family on every request.

One `ProblemAnalysis` per area (every level) or local government and BMN survey year (none
when the area has no survey), with the round of each family it used and the families'
summaries the pack shows; its `StoredProblem`s are the ranked problems.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from planlink.areas.models import Area, AreaLevel, LocalGovernment
from planlink.core.models import BaseModel
from planlink.evidence.models.reference import IndicatorEdition


class ProblemAnalysis(BaseModel):
    area = models.ForeignKey(
        Area, on_delete=models.CASCADE, null=True, blank=True, related_name="problem_analyses"
    )
    local_government = models.ForeignKey(
        LocalGovernment,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="problem_analyses",
    )
    level = models.PositiveSmallIntegerField(choices=AreaLevel.choices, null=True, blank=True)
    year = models.PositiveSmallIntegerField(
        _("BMN survey year (B.E.)"),
        null=True,
        blank=True,
        help_text=_("Empty when the area has no BMN survey: the other families' latest rounds."),
    )
    edition = models.ForeignKey(IndicatorEdition, on_delete=models.PROTECT, null=True, blank=True)
    # The round (B.E. year) of each family the analysis used: {"bmn": 2564, "vbd": 2564, ...}
    rounds = models.JSONField(_("round of each family"), default=dict)
    # The families' summaries as the pack shows them (evidence.codec encodes them).
    families = models.JSONField(_("family summaries"), default=dict)
    # A local government's analysis: the covered villages it was computed for (sorted).
    villages = models.JSONField(_("villages"), default=list, blank=True)
    is_demo = models.BooleanField(_("synthetic demo data"), default=False)

    class Meta:
        verbose_name = _("problem analysis")
        verbose_name_plural = _("problem analyses")
        constraints = [
            models.CheckConstraint(
                name="analysis_area_or_lao",
                condition=Q(area__isnull=False, local_government__isnull=True)
                | Q(area__isnull=True, local_government__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["area", "year"],
                condition=Q(year__isnull=False),
                name="analysis_unique_area_year",
            ),
            models.UniqueConstraint(
                fields=["area"],
                condition=Q(year__isnull=True, area__isnull=False),
                name="analysis_unique_area_no_survey",
            ),
            models.UniqueConstraint(
                fields=["local_government", "year"],
                condition=Q(year__isnull=False),
                name="analysis_unique_lao_year",
            ),
            models.UniqueConstraint(
                fields=["local_government"],
                condition=Q(year__isnull=True, local_government__isnull=False),
                name="analysis_unique_lao_no_survey",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.area_id or self.local_government_id} {self.year or '-'}"


class StoredProblem(models.Model):
    """One ranked problem of an analysis: the engine's `Problem`, field by field."""

    analysis = models.ForeignKey(ProblemAnalysis, on_delete=models.CASCADE, related_name="problems")
    rank = models.PositiveSmallIntegerField(_("rank"))  # 1 = most severe
    key = models.CharField(_("key"), max_length=40)  # "bmn:22", "vbd:1.3", "poor:list" …
    family = models.CharField(_("family"), max_length=10)
    title_th = models.TextField(_("problem (Thai)"))
    category = models.CharField(  # "" for none (the engine's None)
        _("development category code"), max_length=40, blank=True
    )
    affected = models.PositiveIntegerField(_("affected"))
    base = models.PositiveIntegerField(_("out of"))
    unit = models.CharField(_("unit"), max_length=10)
    # Not capped at 100: households on poor lists are counted against the BMN survey's,
    # and a list can name more households than a small survey found.
    share = models.DecimalField(_("share (%)"), max_digits=14, decimal_places=1, null=True)
    change = models.DecimalField(
        _("change (percentage points)"), max_digits=14, decimal_places=1, null=True
    )
    # Exact decimal text: a fraction such as 3/10 villages; a decimal column would round it
    # on SQLite, and the weight decides the ranking.
    weight = models.CharField(_("ranking weight"), max_length=40, default="1")
    details = models.JSONField(_("details"), default=dict)
    round_year = models.PositiveSmallIntegerField(
        _("round of the family (B.E.)"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("stored problem")
        verbose_name_plural = _("stored problems")
        ordering = ["analysis", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["analysis", "rank"], name="problem_unique_rank"),
            models.UniqueConstraint(fields=["analysis", "key"], name="problem_unique_key"),
        ]

    def __str__(self) -> str:
        return f"{self.analysis} #{self.rank} {self.key}"
