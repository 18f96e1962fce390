from django.core.management.base import BaseCommand, CommandError

from planlink.core.progress import CommandProgress
from planlink.core.tabular import ImportRejected
from planlink.evidence.importers.bmn import bmn_import


class Command(BaseCommand):
    help = (
        "Import a BMN (จปฐ.) survey file: household rows (CSV/XLSX/Parquet) or a village "
        "summary table. Everything is checked first; nothing is stored unless all is right. "
        "Re-importing a year replaces the villages in the file. See docs/formats.md."
    )

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("file")
        parser.add_argument("--year", type=int, help="survey year (B.E.); default: from the file")
        parser.add_argument("--edition", help="indicator edition code, e.g. 2560-2564")
        parser.add_argument("--within", default="", help="refuse villages outside this area code")
        parser.add_argument(
            "--drop-personal-columns",
            action="store_true",
            help="ignore columns with names or citizen IDs instead of refusing",
        )
        parser.add_argument("--dry-run", action="store_true", help="check only, store nothing")

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        progress = CommandProgress()
        try:
            outcome = bmn_import(
                user=None,
                path=options["file"],
                year=options["year"],
                edition_code=options["edition"],
                within=options["within"],
                drop_personal_columns=options["drop_personal_columns"],
                dry_run=options["dry_run"],
                progress=progress,
            )
        except ImportRejected as exc:
            raise CommandError(exc.summary()) from exc
        except FileNotFoundError as exc:
            raise CommandError(f"ไม่พบไฟล์ / file not found: {options['file']}") from exc
        finally:
            progress.close()
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
