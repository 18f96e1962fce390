"""What the tambon adds to its plan's items, and every decision the ศอช.ต. takes on them.

A tambon community plan is a `plans.Plan` of level tambon; its items are `PlanItem`s, each
linked (`ItemLink` consolidated_into) to every village item it came from. This app keeps what
only a tambon item has: how it was formed (a need several villages share, a programme of
villages' own works, or added from data or the forum), the explanation consolidation gave,
the province issue it is filed under (suggested, then confirmed by a person), and the log of
the ศอช.ต.'s review (accept, merge, split, rename, move, add, drop: who, when, why). It is
keyed on the item's lineage, so it holds for every revision of the tambon plan.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from planlink.core import audit
from planlink.core.models import BaseModel
from planlink.frameworks.models import ProvinceIssue
from planlink.plans.models import ItemLineage, PlanVersion


class TambonItemKind(models.TextChoices):
    NEED = "need", _("a need of one or more villages")
    PROGRAMME = "programme", _("a programme of villages' own works")
    ADDED = "added", _("added by the tambon")


class AddedFrom(models.TextChoices):
    VILLAGES = "villages", _("the village plans")
    DATA = "data", _("the tambon's data")
    FORUM = "forum", _("the tambon civic forum")


@audit.register
class TambonItem(BaseModel):
    lineage = models.OneToOneField(
        ItemLineage, on_delete=models.CASCADE, related_name="tambon", primary_key=True
    )
    kind = models.CharField(_("formed as"), max_length=10, choices=TambonItemKind.choices)
    added_from = models.CharField(
        _("came from"), max_length=10, choices=AddedFrom.choices, default=AddedFrom.VILLAGES
    )
    explanation = models.TextField(_("why these were put together"), blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accepted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    suggested_issue = models.ForeignKey(
        ProvinceIssue,
        verbose_name=_("suggested issue"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    issue = models.ForeignKey(
        ProvinceIssue,
        verbose_name=_("province issue"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tambon_items",
    )
    issue_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issue confirmed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    issue_confirmed_at = models.DateTimeField(_("issue confirmed at"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    history = audit.audited()

    class Meta:
        verbose_name = _("tambon item")
        verbose_name_plural = _("tambon items")

    def __str__(self) -> str:
        return f"{self.kind} {self.lineage_id}"

    def audit_area_code(self) -> str:
        return self.lineage.plan.area_id


class ReviewAction(models.TextChoices):
    CONSOLIDATE = "consolidate", _("consolidated the village plans")
    ACCEPT = "accept", _("accepted")
    MERGE = "merge", _("merged")
    SPLIT = "split", _("split")
    RENAME = "rename", _("renamed")
    MOVE = "move", _("filed under an issue")
    ADD = "add", _("added")
    DROP = "drop", _("dropped")
    RESTORE = "restore", _("restored")


class ReviewEntry(models.Model):
    """One decision of the ศอช.ต. on its draft: who, when, why, and on which items (their
    titles as they were, so the log reads the same after the items change)."""

    version = models.ForeignKey(
        PlanVersion, on_delete=models.CASCADE, related_name="review_entries"
    )
    action = models.CharField(_("action"), max_length=12, choices=ReviewAction.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reason = models.TextField(_("why"), blank=True)
    summary = models.TextField(_("what"))
    items = models.JSONField(default=list)  # the item ids involved
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("review decision")
        verbose_name_plural = _("review decisions")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.action}: {self.summary}"
