"""What the province sets for a fiscal year: the issues (ประเด็น) the tambons rank their needs
in and from which the top items go up to the District Development Plan (DOMAIN.md §5 rule 2).

The strategy frameworks an item is aligned with are one generic tree (`Framework` →
`FrameworkNode`): the National Strategy, its master plans, the NESDP 13 milestones (loaded from
`data/national-strategy.csv`), the provincial-group and provincial development plans
(issues → programmes), a district's strategy and each local government's strategy →
programme. A province issue may name the provincial node it serves.
"""

from __future__ import annotations

from typing import Any

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from planlink.accounts.roles import Capability
from planlink.areas.models import Area
from planlink.core import audit
from planlink.core.models import BaseModel

DEFAULT_ITEMS_UP = 2  # the seed: the items ranked 1 and 2 in each issue go up


@audit.register
class ProvinceIssue(BaseModel):
    """One issue of a province's year, in the order the province lists them."""

    province = models.ForeignKey(
        Area,
        verbose_name=_("province"),
        on_delete=models.CASCADE,
        related_name="province_issues",
    )
    fiscal_year = models.PositiveSmallIntegerField(
        _("fiscal year (B.E.)"), validators=[MinValueValidator(2500), MaxValueValidator(2700)]
    )
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("issue"), max_length=300)
    description = models.TextField(_("what it covers"), blank=True)
    strategy = models.CharField(_("provincial strategy it serves"), max_length=300, blank=True)
    # Words that suggest this issue for a tambon item ("ถนน, ประปา, ไฟฟ้า"); a person confirms.
    keywords = models.TextField(_("words that suggest this issue"), blank=True)
    node = models.ForeignKey(
        "FrameworkNode",
        verbose_name=_("provincial strategy node it serves"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="province_issues",
    )
    items_up = models.PositiveSmallIntegerField(
        _("items per tambon that go up to the district"),
        default=DEFAULT_ITEMS_UP,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
    )
    is_demo = models.BooleanField(_("demo data"), default=False)

    history = audit.audited()

    class Meta:
        verbose_name = _("province issue")
        verbose_name_plural = _("province issues")
        ordering = ["province", "fiscal_year", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["province", "fiscal_year", "number"], name="province_issue_unique_number"
            ),
            models.UniqueConstraint(
                fields=["province", "fiscal_year", "title"], name="province_issue_unique_title"
            ),
            models.CheckConstraint(
                condition=Q(items_up__gte=1) & Q(items_up__lte=20), name="province_issue_items_up"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    def audit_area_code(self) -> str:
        return self.province_id

    def keyword_list(self) -> list[str]:
        return [w.strip() for w in self.keywords.replace("\n", ",").split(",") if w.strip()]


# --- The year's calendar (the Ministry's timeline, set by the province) ----------------------


class Step(models.TextChoices):
    """The steps of a year the province sets a deadline for, in the order they happen."""

    VILLAGE_REVIEW = "village_review", _("Village plans reviewed by the officers")
    TAMBON_CONSOLIDATION = "tambon_consolidation", _("Tambon plan consolidated")
    TAMBON_FORUM = "tambon_forum", _("Tambon civic forum held")
    DISTRICT_SUBMISSION = "district_submission", _("Projects sent to the district")


# Short names of the steps for the overviews' cells and badges.
STEP_SHORT: dict[str, Any] = {
    Step.VILLAGE_REVIEW: _("village plan review"),
    Step.TAMBON_CONSOLIDATION: _("tambon plan"),
    Step.TAMBON_FORUM: _("tambon civic forum"),
    Step.DISTRICT_SUBMISSION: _("sending to the district"),
}
# Who takes each step (the to-do list shows a step due soon to them).
STEP_TAKEN_BY: dict[str, Capability] = {
    Step.VILLAGE_REVIEW: Capability.REVIEW_PLAN,  # the tambon's officer
    Step.TAMBON_CONSOLIDATION: Capability.EDIT_TAMBON_PLAN,  # the ศอช.ต.
    Step.TAMBON_FORUM: Capability.EDIT_TAMBON_PLAN,
    Step.DISTRICT_SUBMISSION: Capability.EDIT_TAMBON_PLAN,
}


@audit.register
class Deadline(BaseModel):
    """The day by which a step of the fiscal year is to be done across the province."""

    province = models.ForeignKey(
        Area, verbose_name=_("province"), on_delete=models.CASCADE, related_name="deadlines"
    )
    fiscal_year = models.PositiveSmallIntegerField(
        _("fiscal year (B.E.)"), validators=[MinValueValidator(2500), MaxValueValidator(2700)]
    )
    step = models.CharField(_("step"), max_length=24, choices=Step.choices)
    due_on = models.DateField(_("due on"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    history = audit.audited()

    class Meta:
        verbose_name = _("deadline")
        verbose_name_plural = _("deadlines")
        ordering = ["province", "fiscal_year", "due_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["province", "fiscal_year", "step"], name="deadline_unique_step"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.fiscal_year} {self.get_step_display()}: {self.due_on.isoformat()}"

    def audit_area_code(self) -> str:
        return self.province_id


# --- The learning media library --------------------------------------------------------------


class Topic(models.TextChoices):
    MANUAL = "manual", _("Community plan manual")
    FLIP_CHART = "flip_chart", _("Flip-chart set")
    VIDEO = "video", _("Video")
    DATA_PACK = "data_pack", _("Using the data pack")
    CONSOLIDATION = "consolidation", _("Consolidating village plans")
    FACILITATION = "facilitation", _("Process facilitation")
    MONITORING = "monitoring", _("Monitoring and evaluation")
    OTHER = "other", _("Other")


class Audience(models.TextChoices):
    VILLAGE_COMMITTEE = "committee", _("Village committee")
    TCOC = "tcoc", _("Tambon coordination centre (ศอช.ต.)")
    OFFICERS = "officers", _("Community development officers")


# The field of LearningMedium saying that a medium is for an audience.
AUDIENCE_FIELD: dict[str, str] = {
    Audience.VILLAGE_COMMITTEE: "for_committee",
    Audience.TCOC: "for_tcoc",
    Audience.OFFICERS: "for_officers",
}


def _medium_path(instance: LearningMedium, filename: str) -> str:
    suffix = filename.rsplit(".", 1)[-1].lower()
    return f"learning/{instance.province_id or 'national'}/{instance.token}.{suffix}"


@audit.register
class LearningMedium(BaseModel):
    """One of the Department's learning media (a manual, a flip-chart set, a video …) as a
    file kept here or a link; a province's own, or national (no province) for every province.
    Files are served through a view that checks the reader (never a public media URL)."""

    province = models.ForeignKey(
        Area,
        verbose_name=_("province"),
        on_delete=models.CASCADE,
        related_name="learning_media",
        null=True,
        blank=True,
    )
    title = models.CharField(_("title"), max_length=300)
    topic = models.CharField(_("topic"), max_length=20, choices=Topic.choices)
    for_committee = models.BooleanField(_("for village committees"), default=False)
    for_tcoc = models.BooleanField(_("for the ศอช.ต."), default=False)
    for_officers = models.BooleanField(_("for officers"), default=False)
    description = models.TextField(_("description"), blank=True)
    token = models.CharField(max_length=32, blank=True, editable=False)
    file = models.FileField(_("file"), upload_to=_medium_path, max_length=255, blank=True)
    file_name = models.CharField(_("file name"), max_length=200, blank=True)
    file_size = models.PositiveBigIntegerField(_("file size (bytes)"), default=0)
    content_type = models.CharField(max_length=100, blank=True)
    url = models.URLField(_("link"), max_length=500, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    history = audit.audited()

    class Meta:
        verbose_name = _("learning medium")
        verbose_name_plural = _("learning media")
        ordering = ["topic", "title", "id"]
        constraints = [
            models.CheckConstraint(
                name="medium_file_or_link",
                condition=(Q(file="") & ~Q(url="")) | (~Q(file="") & Q(url="")),
            ),
            models.CheckConstraint(
                name="medium_has_audience",
                condition=Q(for_committee=True) | Q(for_tcoc=True) | Q(for_officers=True),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def audit_area_code(self) -> str:
        return self.province_id or ""

    @property
    def audiences(self) -> list[str]:
        return [a for a, name in AUDIENCE_FIELD.items() if getattr(self, name)]

    def audience_labels(self) -> list[str]:
        return [str(Audience(a).label) for a in self.audiences]


# --- The trained process facilitators of each tambon -----------------------------------------


@audit.register
class TrainedFacilitator(BaseModel):
    """A community leader who passed the process-facilitator course (วิทยากรกระบวนการ), whom
    officers bring to the village plans' reviews. A name only: never a citizen ID."""

    tambon = models.ForeignKey(
        Area,
        verbose_name=_("tambon"),
        on_delete=models.CASCADE,
        related_name="trained_facilitators",
    )
    name = models.CharField(_("name"), max_length=200)
    organisation = models.CharField(_("village or organisation"), max_length=200, blank=True)
    course = models.CharField(_("course"), max_length=300, blank=True)
    trained_on = models.DateField(_("trained on"), null=True, blank=True)
    active = models.BooleanField(_("active"), default=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    history = audit.audited()

    class Meta:
        verbose_name = _("trained facilitator")
        verbose_name_plural = _("trained facilitators")
        ordering = ["tambon", "name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["tambon", "name"], name="facilitator_unique_name"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation})" if self.organisation else self.name

    def audit_area_code(self) -> str:
        return self.tambon_id


# --- Strategy frameworks ---------------------------------------------------------------------


class FrameworkKind(models.TextChoices):
    """The frameworks an item may be aligned with, from the widest."""

    NATIONAL_STRATEGY = "national_strategy", _("National Strategy")
    MASTER_PLAN = "master_plan", _("Master plans under the National Strategy")
    NESDP = "nesdp", _("National Economic and Social Development Plan milestones")
    PROVINCE_GROUP = "province_group", _("Provincial-group development plan")
    PROVINCE = "province", _("Provincial development plan")
    DISTRICT = "district", _("District strategy")
    LOCAL = "local", _("Local government strategy")


# Short names of the kinds, for the chips beside an item.
KIND_SHORT: dict[str, Any] = {
    FrameworkKind.NATIONAL_STRATEGY: _("National Strategy"),
    FrameworkKind.MASTER_PLAN: _("Master plan"),
    FrameworkKind.NESDP: _("NESDP 13 milestone"),
    FrameworkKind.PROVINCE_GROUP: _("Provincial-group plan"),
    FrameworkKind.PROVINCE: _("Provincial plan"),
    FrameworkKind.DISTRICT: _("District strategy"),
    FrameworkKind.LOCAL: _("Local strategy"),
}

# The national frameworks are set for the whole country (no area); the others by an area of
# this level (the provincial group's plan is kept by each of its provinces), a local
# government's by it.
NATIONAL_KINDS = frozenset(
    {FrameworkKind.NATIONAL_STRATEGY, FrameworkKind.MASTER_PLAN, FrameworkKind.NESDP}
)
KIND_LEVEL: dict[str, int | None] = {
    FrameworkKind.NATIONAL_STRATEGY: None,
    FrameworkKind.MASTER_PLAN: None,
    FrameworkKind.NESDP: None,
    FrameworkKind.PROVINCE_GROUP: 1,  # AreaLevel.PROVINCE
    FrameworkKind.PROVINCE: 1,
    FrameworkKind.DISTRICT: 2,  # AreaLevel.DISTRICT
    FrameworkKind.LOCAL: None,
}
# What a node of each depth is called, per kind (the first is the top level).
DEPTH_NAMES: dict[str, tuple[Any, ...]] = {
    FrameworkKind.NATIONAL_STRATEGY: (_("strategy"), _("sub-strategy")),
    FrameworkKind.MASTER_PLAN: (_("master plan"), _("sub-plan")),
    FrameworkKind.NESDP: (_("milestone"), _("goal")),
    FrameworkKind.PROVINCE_GROUP: (_("development issue"), _("programme"), _("project group")),
    FrameworkKind.PROVINCE: (_("development issue"), _("programme"), _("project group")),
    FrameworkKind.DISTRICT: (_("strategy"), _("programme")),
    FrameworkKind.LOCAL: (_("strategy"), _("tactic"), _("programme")),
}


@audit.register
class Framework(BaseModel):
    """One strategy framework for a span of fiscal years; a new span is a new version (the
    previous one is kept with the alignments made to it)."""

    kind = models.CharField(_("framework"), max_length=20, choices=FrameworkKind.choices)
    area = models.ForeignKey(
        Area,
        verbose_name=_("area"),
        on_delete=models.CASCADE,
        related_name="frameworks",
        null=True,
        blank=True,
    )
    local_government = models.ForeignKey(
        "areas.LocalGovernment",
        verbose_name=_("local government"),
        on_delete=models.CASCADE,
        related_name="frameworks",
        null=True,
        blank=True,
    )
    title = models.CharField(_("title"), max_length=300)
    first_year = models.PositiveSmallIntegerField(
        _("first fiscal year (B.E.)"), validators=[MinValueValidator(2500), MaxValueValidator(2700)]
    )
    last_year = models.PositiveSmallIntegerField(
        _("last fiscal year (B.E.)"), validators=[MinValueValidator(2500), MaxValueValidator(2700)]
    )
    is_demo = models.BooleanField(_("demo data"), default=False)

    history = audit.audited()

    class Meta:
        verbose_name = _("strategy framework")
        verbose_name_plural = _("strategy frameworks")
        ordering = ["kind", "area", "local_government", "-first_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "first_year"],
                condition=Q(area__isnull=True, local_government__isnull=True),
                name="framework_unique_national",
            ),
            models.UniqueConstraint(
                fields=["kind", "area", "first_year"],
                condition=Q(area__isnull=False, local_government__isnull=True),
                name="framework_unique_area",
            ),
            models.UniqueConstraint(
                fields=["kind", "local_government", "first_year"],
                condition=Q(local_government__isnull=False),
                name="framework_unique_local",
            ),
            models.CheckConstraint(
                condition=Q(area__isnull=True) | Q(local_government__isnull=True),
                name="framework_one_owner",
            ),
            models.CheckConstraint(
                condition=Q(first_year__lte=models.F("last_year")), name="framework_years"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.first_year}–{self.last_year})"

    def audit_area_code(self) -> str:
        if self.local_government is not None:
            return str(self.local_government.seat_id)
        return self.area_id or ""

    def covers_year(self, year: int) -> bool:
        return self.first_year <= year <= self.last_year

    @property
    def is_national(self) -> bool:
        return self.kind in NATIONAL_KINDS


@audit.register
class FrameworkNode(BaseModel):
    """A strategy, master plan, issue, programme … of a framework. `code` is its outline number
    ("2", "2.3", "2.3.1"): the parent is the code without its last part."""

    framework = models.ForeignKey(
        Framework, verbose_name=_("framework"), on_delete=models.CASCADE, related_name="nodes"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("under"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
    )
    code = models.CharField(_("number"), max_length=20)
    sort_key = models.CharField(max_length=80, editable=False, db_index=True)
    title = models.CharField(_("title"), max_length=500)
    # Words that suggest this node for an item ("ถนน, ประปา"); the engine also reads the title.
    keywords = models.TextField(_("words that suggest it"), blank=True)

    history = audit.audited()

    class Meta:
        verbose_name = _("framework node")
        verbose_name_plural = _("framework nodes")
        ordering = ["framework", "sort_key"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="framework_node_code"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def audit_area_code(self) -> str:
        return self.framework.audit_area_code()

    @property
    def depth(self) -> int:
        return self.code.count(".")

    def depth_name(self) -> Any:
        names = DEPTH_NAMES.get(self.framework.kind, (_("item"),))
        return names[min(self.depth, len(names) - 1)]

    def keyword_list(self) -> list[str]:
        return [w.strip() for w in self.keywords.replace("\n", ",").split(",") if w.strip()]

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.sort_key = sort_key(self.code)
        super().save(*args, **kwargs)


def sort_key(code: str) -> str:
    """An outline number as a key that sorts 2 before 10 and 2.3 before 2.10."""
    return ".".join(part.zfill(4) for part in code.split("."))
