"""Rewrite the index of proposals (every plan item and source line) from the plans and lists:
after restoring a database, or to index an area again at once."""

from django.core.management.base import BaseCommand

from planlink.core.progress import CommandProgress


class Command(BaseCommand):
    help = "Rewrite the index of proposals the duplicate check reads (all, or one area)."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--within", default="", help="an area code prefix, e.g. 5201")

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        from planlink.integration.proposals import index_rebuild
        from planlink.plans.models import Plan

        within = options["within"]
        total = Plan.objects.filter(area__code__startswith=within).count()
        progress = CommandProgress()
        done = 0

        def step(n: int) -> None:
            nonlocal done
            done += n
            progress("plans", done, total)

        try:
            rows = index_rebuild(within, progress=step)
        finally:
            progress.close()
        self.stdout.write(f"{rows:,} proposals indexed")
