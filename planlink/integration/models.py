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
    IMPORTED = "imported", _("from the tambon's own plan")


class AddedFrom(models.TextChoices):
    VILLAGES = "villages", _("the village plans")
    DATA = "data", _("the tambon's data")
    FORUM = "forum", _("the tambon civic forum")
    PLAN = "plan", _("the tambon's plan made outside planlink")


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


# --- The tambon civic forum (ประชาคมตำบล) ------------------------------------------------------


class ForumMethod(models.TextChoices):
    HANDS = "hands", _("show of hands")
    SCORES = "scores", _("scores per participant group")
    BORDA = "borda", _("rank orders combined (Borda count)")


class ParticipantGroup(models.TextChoices):
    VILLAGERS = "villagers", _("villagers")
    TCOC = "tcoc", _("ศอช.ต.")
    LAO = "lao", _("local governments")
    AGENCIES = "agencies", _("agencies")
    LEADERS = "leaders", _("local leaders")


def _minutes_path(instance: Forum, filename: str) -> str:
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"forums/{instance.version.plan.area_id}/{instance.version_id}-minutes.{suffix}"


@audit.register
class Forum(BaseModel):
    """The tambon civic forum that ranks the tambon plan's items within each province issue
    and approves the plan: when, where, who came (by group) and how it ranked."""

    version = models.OneToOneField(PlanVersion, on_delete=models.CASCADE, related_name="forum")
    held_on = models.DateField(_("date of the forum"))
    place = models.CharField(_("place"), max_length=200)
    method = models.CharField(_("how the forum ranks"), max_length=10, choices=ForumMethod.choices)
    villagers = models.PositiveIntegerField(_("villagers"), default=0)
    tcoc = models.PositiveIntegerField(_("ศอช.ต."), default=0)
    lao = models.PositiveIntegerField(_("local governments"), default=0)
    agencies = models.PositiveIntegerField(_("agencies"), default=0)
    leaders = models.PositiveIntegerField(_("local leaders"), default=0)
    minutes = models.FileField(_("minutes"), upload_to=_minutes_path, max_length=255, blank=True)
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    is_demo = models.BooleanField(_("demo data"), default=False)

    history = audit.audited(excluded_fields=["minutes"])

    class Meta:
        verbose_name = _("tambon civic forum")
        verbose_name_plural = _("tambon civic forums")

    def __str__(self) -> str:
        return f"{self.version} {self.held_on}"

    def audit_area_code(self) -> str:
        return self.version.plan.area_id

    @property
    def attendance(self) -> int:
        return self.villagers + self.tcoc + self.lao + self.agencies + self.leaders


class ForumTally(models.Model):
    """One number of the forum's paper tally: an item's votes (hands), a group's score for an
    item (scores), or an item's place on one ballot (Borda)."""

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="tallies")
    issue = models.ForeignKey(ProvinceIssue, on_delete=models.CASCADE, related_name="+")
    item = models.ForeignKey("plans.PlanItem", on_delete=models.CASCADE, related_name="+")
    group = models.CharField(max_length=10, choices=ParticipantGroup.choices, blank=True)
    ballot = models.PositiveSmallIntegerField(default=0)  # Borda: the ballot's number
    value = models.DecimalField(max_digits=8, decimal_places=2)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["forum", "item", "group", "ballot"], name="forum_tally_unique"
            ),
            models.CheckConstraint(condition=models.Q(value__gte=0), name="forum_tally_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.item_id} {self.group or self.ballot}: {self.value}"


class TallySubmission(models.Model):
    """A tally screen sent: its token makes a resubmission (a dropped connection, a second
    tap) recognisable, so it is never counted twice."""

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="submissions")
    issue = models.ForeignKey(ProvinceIssue, on_delete=models.CASCADE, related_name="+")
    token = models.CharField(max_length=64)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["forum", "token"], name="tally_token_unique"),
        ]

    def __str__(self) -> str:
        return self.token


# --- The hand-off to local governments -------------------------------------------------------


class AdoptionStatus(models.TextChoices):
    ADOPTED = "adopted", _("adopted into the local development plan")
    FORWARDED = "forwarded", _("forwarded to another body")
    NOT_ADOPTED = "not_adopted", _("not adopted")


@audit.register
class Adoption(BaseModel):
    """What a local government did with a tambon item handed to it (seed items 4–5)."""

    lineage = models.ForeignKey(ItemLineage, on_delete=models.CASCADE, related_name="adoptions")
    local_government = models.ForeignKey(
        "areas.LocalGovernment", on_delete=models.CASCADE, related_name="adoptions"
    )
    status = models.CharField(_("decision"), max_length=12, choices=AdoptionStatus.choices)
    plan_years = models.CharField(_("local plan years"), max_length=20, blank=True)
    form = models.CharField(_("form"), max_length=20, blank=True)  # ผ.02, ผ.02/1 …
    project_number = models.CharField(
        _("project number in the local plan"), max_length=40, blank=True
    )
    forwarded_to = models.CharField(_("forwarded to"), max_length=200, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    is_demo = models.BooleanField(_("demo data"), default=False)

    history = audit.audited()

    class Meta:
        verbose_name = _("adoption by a local government")
        verbose_name_plural = _("adoptions by local governments")
        constraints = [
            models.UniqueConstraint(fields=["lineage", "local_government"], name="adoption_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.local_government_id} {self.status}"

    def audit_area_code(self) -> str:
        return self.lineage.plan.area_id


# --- The index of proposals and the duplicate check (seed 5.1) ------------------------------


class ProposalOrigin(models.TextChoices):
    VILLAGE = "village", _("village/community plan")
    TAMBON = "tambon", _("tambon community plan")
    DISTRICT = "district", _("district development plan")
    LOCAL = "local", _("local development plan")
    PROVINCE = "province", _("provincial project list")
    AGENCY = "agency", _("agency request list")


class Proposal(models.Model):
    """One proposal of any level or source, as the duplicate check reads it (a read model:
    written by `integration.proposals` whenever the items of a plan or the lines of a list
    change, never edited). `key` is what decisions are keyed on: "item:<lineage>" for a plan
    item (every revision of it), "line:<list>:<line key>" for a list's line (every re-import
    of the same words)."""

    key = models.CharField(max_length=80, unique=True)
    origin = models.CharField(max_length=10, choices=ProposalOrigin.choices)
    group = models.CharField(max_length=40, db_index=True)  # "plan:<id>" or "list:<id>"
    plan = models.ForeignKey(
        "plans.Plan", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    item = models.ForeignKey(
        "plans.PlanItem", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    source_list = models.ForeignKey(
        "sources.SourceList", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    line = models.ForeignKey(
        "sources.SourceLine", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    area_code = models.CharField(max_length=8, db_index=True)
    villages = models.JSONField(default=list)
    first_year = models.PositiveSmallIntegerField()
    last_year = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=300)
    normalised = models.TextField()
    work = models.CharField(max_length=30, blank=True)
    object = models.CharField(max_length=30, blank=True)
    features = models.JSONField(default=dict)
    generic = models.BooleanField(default=False)  # a programme: its villages' lines are checked
    source_label = models.CharField(max_length=300)  # where it comes from, in Thai
    budget = models.DecimalField(max_digits=16, decimal_places=2, default=0)
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("proposal (index)")
        verbose_name_plural = _("proposals (index)")
        indexes = [models.Index(fields=["first_year", "last_year"], name="proposal_years")]

    def __str__(self) -> str:
        return self.title


class DuplicateVerdict(models.TextChoices):
    DUPLICATE = "duplicate", _("the same project (duplicate)")
    DISTINCT = "distinct", _("not a duplicate")


@audit.register
class DuplicateDecision(BaseModel):
    """A person's decision on a candidate pair, keyed on the two proposals' keys (the smaller
    first), so it holds through revisions and re-imports of either side."""

    key_a = models.CharField(max_length=80)
    key_b = models.CharField(max_length=80)
    verdict = models.CharField(_("decision"), max_length=10, choices=DuplicateVerdict.choices)
    reason = models.TextField(_("why"), blank=True)
    title_a = models.CharField(max_length=300)
    title_b = models.CharField(max_length=300)
    explanation = models.TextField(_("why the check paired them"), blank=True)
    score = models.DecimalField(max_digits=4, decimal_places=3, default=0)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    area_code = models.CharField(max_length=8, db_index=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    history = audit.audited()

    class Meta:
        verbose_name = _("duplicate decision")
        verbose_name_plural = _("duplicate decisions")
        constraints = [
            models.UniqueConstraint(fields=["key_a", "key_b"], name="duplicate_pair_unique"),
            models.CheckConstraint(
                name="duplicate_pair_ordered", condition=models.Q(key_a__lt=models.F("key_b"))
            ),
            models.CheckConstraint(
                name="duplicate_distinct_has_reason",
                condition=~models.Q(verdict="distinct") | ~models.Q(reason=""),
            ),
        ]
        indexes = [models.Index(fields=["key_b"], name="duplicate_key_b")]

    def __str__(self) -> str:
        return f"{self.verdict}: {self.title_a} / {self.title_b}"

    def audit_area_code(self) -> str:
        return self.area_code


# --- Selection for the District Development Plan (seed 5.2) ---------------------------------


@audit.register
class SelectionOverride(BaseModel):
    """An officer's choice of the items of one issue that go up instead of the forum's top
    ranks, with the reason (seed 5.2: ranks 1–2 go up unless a recorded reason says why not)."""

    version = models.ForeignKey(
        PlanVersion, on_delete=models.CASCADE, related_name="selection_overrides"
    )
    issue = models.ForeignKey(ProvinceIssue, on_delete=models.CASCADE, related_name="+")
    chosen = models.JSONField(default=list)  # lineage ids, in the order they go up
    reason = models.TextField(_("why"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    is_demo = models.BooleanField(_("demo data"), default=False)

    history = audit.audited()

    class Meta:
        verbose_name = _("selection override")
        verbose_name_plural = _("selection overrides")
        constraints = [
            models.UniqueConstraint(fields=["version", "issue"], name="selection_override_unique"),
            models.CheckConstraint(
                name="selection_override_reason", condition=~models.Q(reason="")
            ),
        ]

    def __str__(self) -> str:
        return f"{self.version_id} {self.issue_id}"

    def audit_area_code(self) -> str:
        return self.version.plan.area_id


class Sending(models.Model):
    """The tambon's selected items sent to the district plan's draft: who, when, what."""

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="sendings")
    district_version = models.ForeignKey(
        PlanVersion, on_delete=models.CASCADE, related_name="arrivals"
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    summary = models.JSONField(default=dict)  # per issue: selected and skipped with why
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("sending to the district")
        verbose_name_plural = _("sendings to the district")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.version_id} → {self.district_version_id}"
