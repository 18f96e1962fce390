from typing import Self

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class BaseModel(models.Model):
    """Every planlink table records when a row was created and last changed."""

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class SettingsRow(BaseModel):
    """Settings kept as one row (pk 1) that administrators edit; defaults until they do."""

    class Meta:
        abstract = True

    @classmethod
    def current(cls) -> Self:
        row, _created = cls.objects.get_or_create(pk=1)  # type: ignore[attr-defined]
        return row  # type: ignore[no-any-return]


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("waiting to start")
    RUNNING = "running", _("running")
    DONE = "done", _("done")
    REJECTED = "rejected", _("rejected: problems in the file")
    FAILED = "failed", _("failed")


class Job(BaseModel):
    """A long piece of work run by the background worker, with progress people can watch."""

    kind = models.CharField(_("kind"), max_length=40)
    status = models.CharField(
        _("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    area = models.ForeignKey(
        "areas.Area", verbose_name=_("area"), on_delete=models.CASCADE, null=True, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    title = models.CharField(_("title"), max_length=255)
    params = models.JSONField(default=dict, blank=True)
    stage = models.CharField(_("stage"), max_length=40, blank=True)
    done = models.PositiveBigIntegerField(default=0)
    total = models.PositiveBigIntegerField(default=0)
    message = models.TextField(_("message"), blank=True)
    result = models.JSONField(default=dict, blank=True)
    problems = models.JSONField(default=list, blank=True)
    problem_total = models.PositiveIntegerField(default=0)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Liveness: the worker running the job ("host:pid") and when it last said it was alive.
    # A job whose worker died is found by these and marked failed (core/jobs.py).
    worker = models.CharField(_("worker"), max_length=120, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    retry_of = models.ForeignKey(
        "self",
        verbose_name=_("retry of"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="retries",
    )

    class Meta:
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk} ({self.status})"

    @property
    def percent(self) -> int | None:
        if not self.total:
            return None
        return min(100, int(self.done * 100 / self.total))

    @property
    def is_finished(self) -> bool:
        return self.status in {JobStatus.DONE, JobStatus.REJECTED, JobStatus.FAILED}

    @property
    def upload_path(self) -> str:
        return str(self.params.get("path", ""))
