"""The user's workspace: the home page and the background jobs' pages."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from planlink.accounts import access
from planlink.areas import selectors
from planlink.core import jobs
from planlink.core.models import Job, JobStatus
from planlink.workspace import todo


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The user's to-do list (what waits for them, one tap from where it is done), the
    latest of their notification feed, and 'my areas': one card per area of their roles."""
    areas = selectors.home_areas(user=request.user)
    laos = selectors.home_local_governments(user=request.user)
    cards = [(area, selectors.subtree_counts(area=area)) for area in areas]
    lines = todo.feed(user=request.user, limit=20)
    context = {
        "cards": cards,
        "laos": laos,
        "groups": todo.todo_groups(user=request.user, areas=areas),
        "feed": lines[:5],
        "unseen": sum(1 for line in lines if line.new),
    }
    return render(request, "workspace/home.html", context)


@login_required
def notifications(request: HttpRequest) -> HttpResponse:
    """The feed of what happened to the plans the user acts on; opening it marks it seen."""
    lines = todo.feed(user=request.user, limit=100)
    response = render(request, "workspace/notifications.html", {"feed": lines})
    todo.feed_seen(request.user)
    return response


def _job(request: HttpRequest, pk: int) -> Job:
    job = get_object_or_404(Job.objects.select_related("area", "created_by"), pk=pk)
    access.require_job(request.user, job)
    return job


@login_required
def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A background job's progress; htmx refreshes the status block until it finishes. A
    job whose worker died is found here and shown as failed, with "Try again"."""
    job = _job(request, pk)
    if job.status == JobStatus.RUNNING and jobs.jobs_reap(ids=[job.pk]):
        job.refresh_from_db()
    partial = getattr(request, "htmx", False)  # django-htmx's middleware sets request.htmx
    template = "workspace/partials/job_status.html" if partial else "workspace/job.html"
    context = {
        "job": job,
        "can_retry": jobs.can_retry(job),
        "retried_as": job.retries.order_by("-pk").first() if job.is_finished else None,
        "worker_died": job.status == JobStatus.FAILED and job.message.startswith(jobs.DIED_TH),
    }
    return render(request, template, context)


@login_required
@require_POST
def job_retry(request: HttpRequest, pk: int) -> HttpResponse:
    """Run a failed job again on the file it was given (kept JOB_RETRY_HOURS for this)."""
    job = _job(request, pk)
    if not jobs.can_retry(job):
        messages.error(request, _("This job cannot be tried again: upload the file again."))
        return redirect("job", pk=job.pk)
    retry = jobs.job_retry(user=request.user, job=job)
    return redirect("job", pk=retry.pk)
