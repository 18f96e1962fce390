"""Plans and their items, one model for every level: the village/community plan, the tambon
community plan (ศอช.ต.), the District Development Plan and (brought in from outside) local
governments' plans.

A `Plan` is one area's plan of one level for a fiscal-year window; it lives as numbered
`PlanVersion`s: version 0 is the original, later ones are revisions (เพิ่มเติม/แก้ไข ครั้งที่
n). Only a draft version can be edited; an approved version stays readable as it was, and
changing it means starting a revision, which copies its items (each copy keeps a link to its
origin).

Every item belongs to an `ItemLineage`: the item's identity across revisions (its copies
share it). `ItemLink`s join lineages of different plans — a village need consolidated into a
tambon item, a tambon item selected for the district plan, … — so a link survives every
revision of either plan. Who may do what to a plan lives in accounts.plan_access.

Records people edit in forms carry `row_version`, a counter raised by every save: an edit form
sends back the number it was loaded with, and the service refuses the save when the row has
moved on since (see plans.locking), so two sessions never silently overwrite each other.
"""

from __future__ import annotations

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from planlink.areas.models import Area
from planlink.core import audit
from planlink.core.models import BaseModel, SettingsRow
from planlink.evidence.models import DevelopmentCategory


class PlanLevel(models.TextChoices):
    VILLAGE = "village", _("village/community plan")
    TAMBON = "tambon", _("tambon community plan")
    LOCAL = "local", _("local development plan")
    DISTRICT = "district", _("district development plan")


@audit.register
class Plan(BaseModel):
    area = models.ForeignKey(
        Area, verbose_name=_("area"), on_delete=models.PROTECT, related_name="plans"
    )
    level = models.CharField(_("plan level"), max_length=10, choices=PlanLevel.choices)
    first_year = models.PositiveSmallIntegerField(_("first fiscal year (B.E.)"))
    last_year = models.PositiveSmallIntegerField(_("last fiscal year (B.E.)"))
    title = models.CharField(_("title"), max_length=255)
    is_demo = models.BooleanField(_("demo data"), default=False)

    history = audit.audited()

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        constraints = [
            models.UniqueConstraint(
                fields=["area", "level", "first_year"], name="plan_unique_window"
            ),
            models.CheckConstraint(
                name="plan_window_order", condition=Q(last_year__gte=models.F("first_year"))
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def audit_area_code(self) -> str:
        return self.area_id

    @property
    def years(self) -> list[int]:
        return list(range(self.first_year, self.last_year + 1))


class VersionKind(models.TextChoices):
    ORIGINAL = "original", _("original plan")
    ADDITION = "addition", _("addition (เพิ่มเติม)")
    AMENDMENT = "amendment", _("amendment (แก้ไข)")


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted for the officer's review")
    REVIEWED = "reviewed", _("reviewed by the officer")
    APPROVED = "approved", _("approved by the village assembly")
    PUBLISHED = "published", _("published")


@audit.register
class PlanVersion(BaseModel):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("revision number"))  # 0 = the original
    kind = models.CharField(
        _("kind"), max_length=10, choices=VersionKind.choices, default=VersionKind.ORIGINAL
    )
    based_on = models.ForeignKey(
        "self",
        verbose_name=_("revision of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="revisions",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    reason = models.TextField(_("reason for the revision"), blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    review_note = models.TextField(_("review note"), blank=True)
    self_reliance_override = models.TextField(
        _("reason to accept a self-reliance share below the threshold"), blank=True
    )
    assembly_date = models.DateField(_("village assembly date"), null=True, blank=True)
    assembly_attendance = models.PositiveIntegerField(
        _("assembly attendance (persons)"), null=True, blank=True
    )
    assembly_households = models.PositiveIntegerField(
        _("households represented at the assembly"), null=True, blank=True
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    # The district committee's resolution approving a district plan (มติที่ประชุม ครั้งที่ …).
    resolution = models.CharField(_("resolution number"), max_length=100, blank=True)
    row_version = models.PositiveIntegerField(_("edit counter"), default=1, editable=False)

    history = audit.audited()

    class Meta:
        verbose_name = _("plan version")
        verbose_name_plural = _("plan versions")
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="version_unique_number"),
            # One draft at a time: revisions start from an approved plan.
            models.UniqueConstraint(
                fields=["plan"], condition=Q(status="draft"), name="version_one_draft"
            ),
            models.CheckConstraint(
                name="version_approval_recorded",
                condition=~Q(status__in=["approved", "published"])
                | Q(assembly_date__isnull=False, assembly_attendance__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan} ({self.label})"

    def audit_area_code(self) -> str:
        return self.plan.area_id

    @property
    def label(self) -> str:
        if self.number == 0:
            return str(_("original plan"))
        kind = "เพิ่มเติม" if self.kind == VersionKind.ADDITION else "แก้ไข"
        return f"{kind} ครั้งที่ {self.number}"

    @property
    def is_editable(self) -> bool:
        return self.status == VersionStatus.DRAFT

    def get_status_display(self) -> str:  # type: ignore[no-redef]
        """The status as this level's plan says it: a tambon plan is approved by the tambon
        civic forum, a district plan by the district committee, not by a village assembly."""
        if self.status == VersionStatus.APPROVED:
            approved_by = APPROVED_BY.get(PlanLevel(self.plan.level))
            if approved_by is not None:
                return str(approved_by)
        if self.status == VersionStatus.PUBLISHED and self.plan.level == PlanLevel.DISTRICT:
            return str(_("sent to the province"))
        return str(VersionStatus(self.status).label)


# Who approves a plan of each level other than the village's (VersionStatus.APPROVED).
APPROVED_BY = {
    PlanLevel.TAMBON: _("approved by the tambon civic forum"),
    PlanLevel.DISTRICT: _("approved by the district committee"),
    PlanLevel.LOCAL: _("approved by the local executive"),
}


class WorkingGroupKind(models.TextChoices):
    PLANNING = "planning", _("planning")
    WOMEN_CHILDREN_YOUTH = "women_children_youth", _("women, children and youth")
    ECONOMY = "economy", _("economy")
    EDUCATION_RELIGION_CULTURE = "education_culture", _("education, religion and culture")
    SECURITY = "security", _("peace and order")
    PUBLIC_HEALTH = "health", _("public health")
    CUSTOM = "custom", _("other")


@audit.register
class WorkingGroup(BaseModel):
    """A working group (คณะทำงาน) of an area's planning body: the village committee's six
    standard groups (seed item 2), or groups a tambon's ศอช.ต. sets up."""

    area = models.ForeignKey(
        Area,
        verbose_name=_("area"),
        on_delete=models.CASCADE,
        related_name="working_groups",
    )
    kind = models.CharField(_("kind"), max_length=24, choices=WorkingGroupKind.choices)
    name = models.CharField(_("name"), max_length=200)
    is_demo = models.BooleanField(_("demo data"), default=False)
    # The group's name and members are one form: either change raises the counter.
    row_version = models.PositiveIntegerField(_("edit counter"), default=1, editable=False)

    history = audit.audited()

    class Meta:
        verbose_name = _("working group")
        verbose_name_plural = _("working groups")
        ordering = ["area", "kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["area", "name"], name="working_group_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name

    def audit_area_code(self) -> str:
        return self.area_id


class WorkingGroupMember(models.Model):
    """A member: name and role only (never a citizen ID)."""

    group = models.ForeignKey(WorkingGroup, on_delete=models.CASCADE, related_name="members")
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("working group member")
        verbose_name_plural = _("working group members")
        ordering = ["group", "id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.role})" if self.role else self.name


class Facilitator(models.Model):
    """A process facilitator (วิทยากรกระบวนการ) who took part in reviewing a plan version."""

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="facilitators")
    name = models.CharField(_("name"), max_length=200)
    organisation = models.CharField(_("organisation or village"), max_length=200, blank=True)
    trained = models.BooleanField(_("completed the facilitator course"), default=True)

    class Meta:
        verbose_name = _("facilitator")
        verbose_name_plural = _("facilitators")

    def __str__(self) -> str:
        return self.name


class Mode(models.TextChoices):
    SELF = "self", _("self (ทำเอง)")
    JOINT = "joint", _("joint (ทำร่วม)")
    REQUEST = "request", _("request support (ขอรับการสนับสนุน)")


class FundingSource(models.TextChoices):
    COMMUNITY = "community", _("village/community funds")
    LAO = "lao", _("local government (อปท.)")
    DISTRICT = "district", _("district")
    PROVINCE = "province", _("province")
    AGENCY = "agency", _("a named agency")
    NONE = "none", _("no budget needed")


class ItemStatus(models.TextChoices):
    PROPOSED = "proposed", _("proposed")
    IN_PROGRESS = "in_progress", _("in progress")
    DONE = "done", _("done")
    DROPPED = "dropped", _("dropped")


class ItemLineage(models.Model):
    """The identity of an item across its plan's revisions: every copy of an item in a later
    version belongs to the same lineage. Links between plans join lineages."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="lineages")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("item lineage")
        verbose_name_plural = _("item lineages")

    def __str__(self) -> str:
        return str(self.id)


class LinkKind(models.TextChoices):
    """How an item (the source) went into another plan's item (the target)."""

    CONSOLIDATED_INTO = "consolidated_into", _("consolidated into")  # village → tambon
    SELECTED_FOR = "selected_for", _("selected for")  # tambon → district
    ALIGNED_WITH = "aligned_with", _("aligned with")  # district → provincial
    ADOPTED_BY = "adopted_by", _("adopted by")  # village/tambon → a local government's plan
    DUPLICATE_OF = "duplicate_of", _("duplicate of")  # the same project, another budget source


@audit.register
class ItemLink(BaseModel):
    """One item of a plan went into an item of another plan: who linked it, when and why."""

    source = models.ForeignKey(
        ItemLineage, verbose_name=_("from"), on_delete=models.CASCADE, related_name="links_up"
    )
    target = models.ForeignKey(
        ItemLineage, verbose_name=_("to"), on_delete=models.CASCADE, related_name="links_down"
    )
    kind = models.CharField(_("link"), max_length=20, choices=LinkKind.choices)
    reason = models.TextField(_("why"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("linked by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    is_demo = models.BooleanField(_("demo data"), default=False)

    history = audit.audited()

    class Meta:
        verbose_name = _("item link")
        verbose_name_plural = _("item links")
        constraints = [
            models.UniqueConstraint(fields=["source", "target", "kind"], name="link_unique"),
            models.CheckConstraint(name="link_not_to_itself", condition=~Q(source=F("target"))),
        ]
        indexes = [models.Index(fields=["target", "kind"], name="link_target_kind")]

    def __str__(self) -> str:
        return f"{self.source_id} {self.kind} {self.target_id}"

    def audit_area_code(self) -> str:
        return self.target.plan.area_id


class AlignmentStatus(models.TextChoices):
    SUGGESTED = "suggested", _("suggested")  # by the engine, not yet looked at
    CONFIRMED = "confirmed", _("confirmed")  # a person says the item serves this node
    REJECTED = "rejected", _("rejected")  # a person says it does not: not suggested again


@audit.register
class ItemAlignment(BaseModel):
    """An item (its lineage: every revision) serves a node of a strategy framework. The
    engine suggests, a person confirms or rejects; a rejected node is not suggested again."""

    lineage = models.ForeignKey(
        ItemLineage, verbose_name=_("item"), on_delete=models.CASCADE, related_name="alignments"
    )
    node = models.ForeignKey(
        "frameworks.FrameworkNode",
        verbose_name=_("strategy"),
        on_delete=models.PROTECT,
        related_name="alignments",
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=AlignmentStatus.choices,
        default=AlignmentStatus.SUGGESTED,
    )
    score = models.FloatField(_("how sure the suggestion is"), default=0.0)
    reason = models.CharField(_("why"), max_length=400, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    history = audit.audited()

    class Meta:
        verbose_name = _("item alignment")
        verbose_name_plural = _("item alignments")
        constraints = [
            models.UniqueConstraint(fields=["lineage", "node"], name="alignment_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.lineage_id} → {self.node_id} ({self.status})"

    def audit_area_code(self) -> str:
        return self.lineage.plan.area_id


@audit.register
class PlanItem(BaseModel):
    """A project or activity of a plan version."""

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="items")
    lineage = models.ForeignKey(
        ItemLineage,
        verbose_name=_("lineage"),
        on_delete=models.CASCADE,
        related_name="items",
        editable=False,
    )
    origin = models.ForeignKey(
        "self",
        verbose_name=_("copied from (earlier version)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="copies",
    )
    priority = models.PositiveIntegerField(_("priority"))
    title = models.CharField(_("project or activity"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    objective = models.TextField(_("objective"), blank=True)
    target = models.TextField(_("target / output"), blank=True)
    kpi = models.TextField(_("indicator (KPI)"), blank=True)
    expected_result = models.TextField(_("expected result"), blank=True)
    mode = models.CharField(_("how it is carried out"), max_length=10, choices=Mode.choices)
    funding_source = models.CharField(
        _("funding source"),
        max_length=10,
        choices=FundingSource.choices,
        default=FundingSource.COMMUNITY,
    )
    funding_agency = models.CharField(_("agency asked"), max_length=200, blank=True)
    working_group = models.ForeignKey(
        WorkingGroup,
        verbose_name=_("responsible working group"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="items",
    )
    responsible_agency = models.CharField(_("responsible agency"), max_length=200, blank=True)
    category = models.ForeignKey(
        DevelopmentCategory, verbose_name=_("development category"), on_delete=models.PROTECT
    )
    villages = models.ManyToManyField(
        Area, verbose_name=_("villages covered"), blank=True, related_name="plan_items"
    )
    status = models.CharField(
        _("status"), max_length=12, choices=ItemStatus.choices, default=ItemStatus.PROPOSED
    )
    dropped_reason = models.TextField(_("why it was dropped"), blank=True)
    contribution_cash = models.DecimalField(
        _("villagers' cash (baht)"), max_digits=14, decimal_places=2, default=Decimal("0")
    )
    contribution_in_kind = models.CharField(
        _("villagers' materials or in-kind"), max_length=300, blank=True
    )
    contribution_in_kind_value = models.DecimalField(
        _("value of in-kind (baht)"), max_digits=14, decimal_places=2, default=Decimal("0")
    )
    contribution_labour_days = models.DecimalField(
        _("villagers' labour (person-days)"), max_digits=8, decimal_places=1, default=Decimal("0")
    )
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("planned end"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)
    # The fields of the item form (not the priority, which moves by ▲▼ without a form).
    row_version = models.PositiveIntegerField(_("edit counter"), default=1, editable=False)
    # The monitoring team is edited on its own form, while progress reports change the
    # item's status; its own counter keeps the two from refusing each other.
    monitors_version = models.PositiveIntegerField(
        _("monitoring team edit counter"), default=1, editable=False
    )

    history = audit.audited()

    class Meta:
        verbose_name = _("plan item")
        verbose_name_plural = _("plan items")
        ordering = ["version", "priority", "id"]
        constraints = [
            # One copy of an item per version.
            models.UniqueConstraint(fields=["version", "lineage"], name="item_unique_lineage"),
            models.CheckConstraint(
                name="item_dropped_has_reason",
                condition=~Q(status="dropped") | ~Q(dropped_reason=""),
            ),
            models.CheckConstraint(
                name="item_contribution_not_negative",
                condition=Q(
                    contribution_cash__gte=0,
                    contribution_in_kind_value__gte=0,
                    contribution_labour_days__gte=0,
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def audit_area_code(self) -> str:
        return self.version.plan.area_id

    @property
    def total_budget(self) -> Decimal:
        return sum((b.amount for b in self.budgets.all()), Decimal("0"))


class PlanItemBudget(models.Model):
    item = models.ForeignKey(PlanItem, on_delete=models.CASCADE, related_name="budgets")
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year (B.E.)"))
    amount = models.DecimalField(
        _("budget (baht)"), max_digits=14, decimal_places=2, validators=[MinValueValidator(0)]
    )

    class Meta:
        verbose_name = _("budget of a year")
        verbose_name_plural = _("budgets")
        ordering = ["item", "fiscal_year"]
        constraints = [
            models.UniqueConstraint(fields=["item", "fiscal_year"], name="budget_unique_year"),
            models.CheckConstraint(name="budget_not_negative", condition=Q(amount__gte=0)),
        ]

    def __str__(self) -> str:
        return f"{self.fiscal_year}: {self.amount}"


class PlanItemProblem(models.Model):
    """A problem from the evidence that the item addresses (see evidence.engine.problems)."""

    item = models.ForeignKey(PlanItem, on_delete=models.CASCADE, related_name="problems")
    key = models.CharField(_("problem"), max_length=40)  # "bmn:22", "vbd:1.2", "poor:bmn" …
    title = models.CharField(_("problem as shown"), max_length=300)
    survey_year = models.PositiveSmallIntegerField(
        _("survey year of the evidence"), null=True, blank=True
    )
    share = models.DecimalField(
        _("share affected (%)"), max_digits=5, decimal_places=1, null=True, blank=True
    )

    class Meta:
        verbose_name = _("problem addressed")
        verbose_name_plural = _("problems addressed")
        constraints = [
            models.UniqueConstraint(fields=["item", "key"], name="item_problem_unique"),
        ]

    def __str__(self) -> str:
        return self.title


# --- Villager monitoring and evaluation (seed item 7) -----------------------------------------


class MonitoringMember(models.Model):
    item = models.ForeignKey(PlanItem, on_delete=models.CASCADE, related_name="monitors")
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("monitoring team member")
        verbose_name_plural = _("monitoring team")

    def __str__(self) -> str:
        return self.name


@audit.register
class ProgressReport(BaseModel):
    item = models.ForeignKey(PlanItem, on_delete=models.CASCADE, related_name="reports")
    reported_on = models.DateField(_("date"))
    percent_done = models.PositiveSmallIntegerField(
        _("% done"), validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    money_spent = models.DecimalField(
        _("money spent (baht)"), max_digits=14, decimal_places=2, default=Decimal("0")
    )
    contribution_cash = models.DecimalField(
        _("villagers' cash given (baht)"), max_digits=14, decimal_places=2, default=Decimal("0")
    )
    contribution_labour_days = models.DecimalField(
        _("villagers' labour given (person-days)"),
        max_digits=8,
        decimal_places=1,
        default=Decimal("0"),
    )
    note = models.TextField(_("note"), blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )

    history = audit.audited()

    class Meta:
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        ordering = ["item", "reported_on", "id"]
        constraints = [
            models.CheckConstraint(
                name="report_percent_range", condition=Q(percent_done__gte=0, percent_done__lte=100)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item} {self.reported_on} {self.percent_done}%"

    def audit_area_code(self) -> str:
        return self.item.version.plan.area_id


def _photo_path(instance: ReportPhoto, filename: str) -> str:
    suffix = filename.rsplit(".", 1)[-1].lower()
    area = instance.report.item.version.plan.area_id
    return f"progress/{area}/{instance.report_id}-{instance.token}.{suffix}"


class ReportPhoto(models.Model):
    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="photos")
    token = models.CharField(max_length=32)
    image = models.ImageField(_("photo"), upload_to=_photo_path, max_length=255)
    caption = models.CharField(_("caption"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self) -> str:
        return self.caption or self.image.name or ""


@audit.register
class Evaluation(BaseModel):
    item = models.OneToOneField(PlanItem, on_delete=models.CASCADE, related_name="evaluation")
    evaluated_on = models.DateField(_("date"))
    kpi_reached = models.BooleanField(_("indicator (KPI) reached"))
    satisfaction = models.PositiveSmallIntegerField(
        _("villagers' satisfaction (1–5)"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    lessons = models.TextField(_("lessons learned"), blank=True)
    row_version = models.PositiveIntegerField(_("edit counter"), default=1, editable=False)

    history = audit.audited()

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        constraints = [
            models.CheckConstraint(
                name="evaluation_satisfaction_range",
                condition=Q(satisfaction__gte=1, satisfaction__lte=5),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item}: {self.satisfaction}/5"

    def audit_area_code(self) -> str:
        return self.item.version.plan.area_id


class PlanSettings(SettingsRow):
    """Rules set by the province (one row, editable by administrators)."""

    self_reliance_threshold = models.DecimalField(
        _("self-reliance: minimum share of self-done items (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("30.00"),
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    photo_max_bytes = models.PositiveIntegerField(
        _("largest photo (bytes)"), default=8 * 1024 * 1024
    )
    self_done_budget_ceiling = models.DecimalField(
        _("self-done item: budget above which an import warns (baht)"),
        max_digits=14,
        decimal_places=2,
        default=Decimal("50000.00"),
        validators=[MinValueValidator(0)],
    )

    class Meta:
        verbose_name = _("plan settings")
        verbose_name_plural = _("plan settings")

    def __str__(self) -> str:
        return str(_("plan settings"))


class CommentKind(models.TextChoices):
    COMMENT = "comment", _("comment")
    RETURN = "return", _("returned for changes")


@audit.register
class PlanComment(BaseModel):
    """A comment on a plan version or on one of its items, kept with the version: the
    officer's notes when returning a draft, the committee's replies. An item comment can be
    marked as dealt with by the plan's editor."""

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="comments")
    item = models.ForeignKey(
        PlanItem, on_delete=models.CASCADE, null=True, blank=True, related_name="comments"
    )
    kind = models.CharField(
        _("kind"), max_length=10, choices=CommentKind.choices, default=CommentKind.COMMENT
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = models.TextField(_("comment"))
    resolved_at = models.DateTimeField(_("dealt with at"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    history = audit.audited()

    class Meta:
        verbose_name = _("plan comment")
        verbose_name_plural = _("plan comments")
        ordering = ["version", "created_at", "id"]
        constraints = [models.CheckConstraint(name="comment_not_empty", condition=~Q(text=""))]

    def __str__(self) -> str:
        return self.text[:60]

    def audit_area_code(self) -> str:
        return self.version.plan.area_id


class EventKind(models.TextChoices):
    SUBMITTED = "submitted", _("submitted for review")
    RETURNED = "returned", _("returned for changes")
    REVIEWED = "reviewed", _("reviewed by the officer")
    APPROVED = "approved", _("approved by the village assembly")
    PUBLISHED = "published", _("published")
    COMMENTED = "commented", _("commented")


class PlanEvent(models.Model):
    """Something that happened to a plan that someone must know of: the notification feed
    reads these (workspace). `area_code` is the plan's, so a user's feed is one prefix query
    per role; `audience` is the capability of the people it is for (the next to act)."""

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="events")
    area_code = models.CharField(max_length=8, db_index=True)
    kind = models.CharField(_("what happened"), max_length=10, choices=EventKind.choices)
    audience = models.CharField(max_length=32)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("plan event")
        verbose_name_plural = _("plan events")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.kind} {self.area_code}"
