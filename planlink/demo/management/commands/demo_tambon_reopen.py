"""Put a demo tambon's plan back to consolidated, not reviewed (or, with --forum, approved by
its civic forum): the browser tests start each flow from the state it needs."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Consolidate a demo tambon's plan again from its village plans (demo mode only)."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("tambon", help="tambon code, e.g. 520101")
        parser.add_argument("--forum", action="store_true", help="also hold its forum")

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        if not settings.DEMO_MODE:
            raise CommandError("demo_tambon_reopen runs only in demo mode (PLANLINK_DEMO=1).")
        from planlink.demo.tambons import demo_tambon_reopen

        demo_tambon_reopen(options["tambon"], forum=options["forum"])
        self.stdout.write(f"tambon {options['tambon']} consolidated again")
