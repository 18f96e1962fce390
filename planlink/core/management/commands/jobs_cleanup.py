from django.core.management.base import BaseCommand

from planlink.core.jobs import housekeeping


class Command(BaseCommand):
    help = (
        "Mark failed the background jobs whose worker died (a process of this host that is "
        "gone, or no heartbeat for JOB_STALE_SECONDS), then remove uploads no job needs "
        "(finished, failed more than JOB_RETRY_HOURS ago, abandoned) and the work folders "
        "of imports that were killed. Safe to run at any time; run it from cron every few "
        "minutes in production (every new job runs it too)."
    )

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        swept = housekeeping()
        self.stdout.write(
            f"{swept.jobs_failed} job(s) marked failed (worker gone), "
            f"{swept.uploads} upload(s) and {swept.work_files} work file(s) removed."
        )
