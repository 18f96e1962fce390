from django.core.management.base import BaseCommand

from planlink.core.management.importing import add_import_arguments, run_import
from planlink.evidence.importers.bmn import bmn_import


class Command(BaseCommand):
    help = (
        "Import a BMN (จปฐ.) survey file: household rows (CSV/XLSX/Parquet) or a village "
        "summary table. Everything is checked first; nothing is stored unless all is right. "
        "Re-importing a year replaces the villages in the file. See docs/formats.md."
    )

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        add_import_arguments(parser, dry_run_help="check only, store nothing")
        parser.add_argument("--year", type=int, help="survey year (B.E.); default: from the file")
        parser.add_argument("--edition", help="indicator edition code, e.g. 2560-2564")

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        outcome = run_import(
            bmn_import,
            options,
            year=options["year"],
            edition_code=options["edition"],
            within=options["within"],
        )
        verb = "checked (dry run)" if outcome.dry_run else "imported"
        self.stdout.write(
            f"BMN {outcome.year} ({outcome.edition}, {outcome.kind}, {outcome.encoding}): "
            f"{outcome.households:,} households in {outcome.villages:,} villages {verb}"
            + (
                f"; {outcome.replaced_villages} villages replaced an earlier import"
                if outcome.replaced_villages
                else ""
            )
        )
