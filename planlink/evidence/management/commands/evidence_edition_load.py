import json

from django.core.management.base import BaseCommand, CommandError

from planlink.core.tabular import ImportRejected
from planlink.evidence.editions import edition_load
from planlink.evidence.models import Family


class Command(BaseCommand):
    help = (
        "Load an indicator edition from a CSV/XLSX file in the shape of "
        "planlink/evidence/data/bmn-2560-2564.csv (BMN editions, กชช.2ค forms, GVH components). "
        "Re-loading corrects texts and thresholds; an edition with data keeps its indicators."
    )

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("file")
        parser.add_argument("--family", required=True, choices=[f.value for f in Family])
        parser.add_argument("--code", help="edition code (default: the file's edition column)")
        parser.add_argument("--name", required=True, help="name in Thai, shown to users")
        parser.add_argument("--first-year", type=int, help="first survey year (B.E.) it applies to")
        parser.add_argument("--last-year", type=int, help="last survey year (B.E.) it applies to")
        parser.add_argument(
            "--income-indicator",
            help="BMN: the household-income indicator (its failures count as poor)",
        )
        parser.add_argument(
            "--edition-settings", default="{}", help="more edition settings as JSON"
        )

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        try:
            settings = json.loads(options["edition_settings"])
        except json.JSONDecodeError as exc:
            raise CommandError(f"--edition-settings is not JSON: {exc}") from exc
        if options["income_indicator"]:
            settings["income_indicator"] = options["income_indicator"]
        try:
            edition = edition_load(
                path=options["file"],
                family=options["family"],
                code=options["code"],
                name_th=options["name"],
                first_year=options["first_year"],
                last_year=options["last_year"],
                settings=settings,
            )
        except ImportRejected as exc:
            raise CommandError(exc.summary()) from exc
        self.stdout.write(
            f"{edition}: {edition.indicators.count()} indicators "
            f"({edition.first_year or '…'}–{edition.last_year or '…'})"
        )
