from django.core.management.base import BaseCommand, CommandError

from planlink.core.management.importing import add_import_arguments, run_import
from planlink.evidence.importers.families import IMPORTERS


class Command(BaseCommand):
    help = (
        "Import a file of one of the other evidence families: vbd (กชช.2ค), gvh, accounts "
        "(household accounts), capital (community capital), groups (occupation groups), poor "
        "(poor-household list). CSV (UTF-8, BOM or cp874) or XLSX. Everything is checked "
        "first; nothing is written unless every row is valid. The file's (year, village) "
        "pairs replace earlier records of that family. See docs/formats-families.md."
    )

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("family", choices=sorted(IMPORTERS))
        add_import_arguments(parser)
        parser.add_argument("--year", type=int, help="year (B.E.) every row must have")
        parser.add_argument(
            "--edition", help="indicator edition code (vbd and gvh only; default: by year)"
        )

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        family = options["family"]
        extra = {"edition_code": options["edition"]} if family in ("vbd", "gvh") else {}
        if options["edition"] and not extra:
            raise CommandError("--edition applies to vbd and gvh only")
        outcome = run_import(
            IMPORTERS[family], options, year=options["year"], within=options["within"], **extra
        )
        verb = "would be written (dry run)" if outcome.dry_run else "written"
        replaced = "would be replaced" if outcome.dry_run else "replaced"
        years = ", ".join(map(str, outcome.years))
        edition = f", edition {outcome.edition}" if outcome.edition else ""
        self.stdout.write(
            f"{family} ({outcome.encoding}{edition}): {outcome.rows:,} rows, "
            f"{outcome.villages:,} villages, year {years}: {outcome.created:,} records {verb}, "
            f"{outcome.replaced:,} earlier records {replaced}."
        )
