import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from planlink.areas.loaders import areas_load
from planlink.areas.models import Area, AreaLevel
from planlink.demo.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD, demo_accounts_ensure
from planlink.demo.areas import DEMO_PROVINCE, demo_local_governments_load, demo_villages_load
from planlink.demo.bmn import demo_bmn_load
from planlink.demo.families import demo_families_load
from planlink.demo.plans import demo_plans_load


class Command(BaseCommand):
    help = "Load the Lampang demo (areas, demo villages and local governments, demo accounts)."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument(
            "--plans-within",
            default="52",
            help="generate demo village plans only under this area code (tests use one tambon)",
        )

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        if not settings.DEMO_MODE:
            raise CommandError("demo_setup runs only in demo mode (PLANLINK_DEMO=1, dev settings).")
        started = time.monotonic()
        result = areas_load(user=None, province_code=DEMO_PROVINCE)
        self.stdout.write(
            f"areas: Lampang {result.districts} districts, {result.tambons} tambons "
            f"({result.created} created)"
        )
        real = Area.objects.filter(
            code__startswith=DEMO_PROVINCE, level=AreaLevel.VILLAGE, is_demo=False
        ).exists()
        if real:
            self.stdout.write("villages: imported villages present; demo villages not generated")
        else:
            villages = demo_villages_load(user=None)
            self.stdout.write(
                f"villages (demo): {villages.total} ({villages.created} created, "
                f"{villages.updated} updated)"
            )
        laos = demo_local_governments_load(user=None)
        self.stdout.write(f"local governments (demo): {laos}")
        for outcome in demo_bmn_load():
            self.stdout.write(
                f"BMN {outcome.year} (synthetic): {outcome.households:,} households in "
                f"{outcome.villages} villages"
            )
        created = demo_families_load()
        if created:
            self.stdout.write(
                "other evidence (synthetic): "
                + ", ".join(f"{family} {count:,}" for family, count in created.items())
            )
        demo_accounts_ensure()
        # After the accounts: the demo plans are drafted and reviewed in their names.
        from planlink.plans.models import Plan

        if not Plan.objects.filter(
            is_demo=True, area__code__startswith=options["plans_within"]
        ).exists():
            self.stdout.write(
                "village plans (demo): writing them (first run only, about a minute)…"
            )
        plans = demo_plans_load(province_code=options["plans_within"])
        if plans:
            self.stdout.write(
                "village plans (demo): " + ", ".join(f"{k} {v:,}" for k, v in plans.items())
            )
        self.stdout.write(f"ready in {time.monotonic() - started:.1f} s\n")
        self.stdout.write(f"Demo accounts (password {DEMO_PASSWORD}):")
        width = max(len(a.username) for a in DEMO_ACCOUNTS)
        for account in DEMO_ACCOUNTS:
            self.stdout.write(f"  {account.username:<{width}}  {account.description}")
