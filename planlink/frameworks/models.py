"""What the province sets for a fiscal year: the issues (ประเด็น) the tambons rank their needs
in and from which the top items go up to the District Development Plan (DOMAIN.md §5 rule 2).

The strategy trees (national, provincial, district, local) join this app with the alignment
issue; until then an issue names the provincial strategy it serves in words.
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
