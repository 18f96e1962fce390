"""Project lists of the other budget sources: what is already proposed for budget outside
the community plans (seed 5.1), so that nothing is proposed twice.

A `SourceList` is one list of one source body for a fiscal-year window:

- a local government's development plan (แผนพัฒนาท้องถิ่น, forms ผ.01 and ผ.02; its ผ.02/1
  lines are proposed to the อบจ., its ผ.02/2 lines to agencies: each line keeps its form);
- a provincial or provincial-group project list (issue → programme → project → activity);
- an agency's request list (any columns, mapped in the web UI, the mapping remembered).

Re-importing a list replaces its lines; a line keeps its `key` (the fingerprint of its
normalised title and places) from one import to the next, so the duplicate decisions made
on it (integration) hold. Lines carry no personal data: titles, places and budgets only.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from planlink.areas.models import Area, LocalGovernment
from planlink.core import audit
from planlink.core.models import BaseModel


class SourceKind(models.TextChoices):
    LOCAL_PLAN = "local_plan", _("local development plan (ผ.01/ผ.02)")
    PROVINCIAL = "provincial", _("provincial or provincial-group project list")
    AGENCY = "agency", _("agency request list")


class BudgetSource(models.TextChoices):
    LAO = "lao", _("the local government's own budget")
    PAO = "pao", _("provincial administrative organisation (อบจ.)")
    PROVINCE = "province", _("provincial budget")
    PROVINCE_GROUP = "province_group", _("provincial-group budget")
    AGENCY = "agency", _("an agency's budget")
    OTHER = "other", _("other")


@audit.register
class SourceList(BaseModel):
    kind = models.CharField(_("kind of list"), max_length=12, choices=SourceKind.choices)
    body = models.CharField(_("source body"), max_length=200)
    # The body as a key: a re-import of the same body's list of the same years replaces it.
    body_key = models.CharField(max_length=200, editable=False)
    local_government = models.ForeignKey(
        LocalGovernment,
        verbose_name=_("local government"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="source_lists",
    )
    area = models.ForeignKey(
        Area,
        verbose_name=_("area covered"),
        on_delete=models.PROTECT,
        related_name="source_lists",
    )
    budget_source = models.CharField(
        _("budget source"), max_length=16, choices=BudgetSource.choices
    )
    first_year = models.PositiveSmallIntegerField(_("first fiscal year (B.E.)"))
    last_year = models.PositiveSmallIntegerField(_("last fiscal year (B.E.)"))
    title = models.CharField(_("title"), max_length=300)
    file_name = models.CharField(_("file"), max_length=255, blank=True)
    notes = models.JSONField(default=list, blank=True)  # what the import noticed (ผ.01 totals …)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    imports = models.PositiveIntegerField(_("times imported"), default=1)
    is_demo = models.BooleanField(_("demo data"), default=False)

    history = audit.audited()

    class Meta:
        verbose_name = _("project list of another budget source")
        verbose_name_plural = _("project lists of other budget sources")
        ordering = ["area", "kind", "body"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "body_key", "first_year"], name="source_list_unique"
            ),
            models.CheckConstraint(
                name="source_list_years", condition=Q(last_year__gte=models.F("first_year"))
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def audit_area_code(self) -> str:
        return self.area_id

    @property
    def years(self) -> list[int]:
        return list(range(self.first_year, self.last_year + 1))


class SourceLine(models.Model):
    """One project (or activity) of a list, where it was in the file, and where it is."""

    source_list = models.ForeignKey(SourceList, on_delete=models.CASCADE, related_name="lines")
    key = models.CharField(max_length=40)
    position = models.PositiveIntegerField()  # order in the file
    sheet = models.CharField(_("sheet"), max_length=60, blank=True)
    row = models.PositiveIntegerField(_("row"))
    form = models.CharField(_("form"), max_length=20, blank=True)  # ผ.02, ผ.02/1, ผ.02/2
    number = models.CharField(_("number"), max_length=30, blank=True)
    strategy = models.CharField(_("strategy or issue"), max_length=300, blank=True)
    programme = models.CharField(_("programme (แผนงาน)"), max_length=300, blank=True)
    project = models.CharField(_("project"), max_length=300, blank=True)
    title = models.CharField(_("project or activity"), max_length=300)
    objective = models.TextField(_("objective"), blank=True)
    target = models.TextField(_("target / output"), blank=True)
    place = models.CharField(_("where"), max_length=300, blank=True)
    unit = models.CharField(_("implementing unit"), max_length=200, blank=True)
    budget_source = models.CharField(
        _("budget source"), max_length=16, choices=BudgetSource.choices
    )
    first_year = models.PositiveSmallIntegerField(_("first fiscal year (B.E.)"))
    last_year = models.PositiveSmallIntegerField(_("last fiscal year (B.E.)"))
    budgets = models.JSONField(_("budget per year"), default=dict)  # {"2570": "500000.00"}
    total = models.DecimalField(
        _("total budget (baht)"), max_digits=16, decimal_places=2, default=Decimal(0)
    )
    area = models.ForeignKey(
        Area, verbose_name=_("area"), on_delete=models.PROTECT, related_name="+"
    )  # the smallest area holding the whole work
    villages = models.JSONField(_("villages"), default=list)  # village codes, when known

    class Meta:
        verbose_name = _("line of a project list")
        verbose_name_plural = _("lines of project lists")
        ordering = ["source_list", "position"]
        constraints = [
            models.UniqueConstraint(fields=["source_list", "key"], name="source_line_unique"),
        ]

    def __str__(self) -> str:
        return self.title


class ColumnMapping(BaseModel):
    """Which column of an agency's file holds what: remembered per source body, so the next
    file of the same body is read without asking again."""

    body_key = models.CharField(max_length=200, unique=True)
    body = models.CharField(_("source body"), max_length=200)
    mapping = models.JSONField(default=dict)  # field → the header as written in the file
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("column mapping of a source")
        verbose_name_plural = _("column mappings of sources")

    def __str__(self) -> str:
        return self.body
