from django.core.management.base import BaseCommand, CommandError

from planlink.areas.villages import villages_import
from planlink.core.progress import CommandProgress
from planlink.core.tabular import ImportRejected


class Command(BaseCommand):
    help = (
        "Import villages from CSV or XLSX (columns: village code, หมู่ที่, name; UTF-8, "
        "UTF-8 with BOM or cp874; Thai digits accepted). The whole file is checked first; "
        "nothing is written unless every row is valid."
    )

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true", help="check and count, write nothing")
        parser.add_argument(
            "--drop-personal-columns",
            action="store_true",
            help="ignore columns with people's names or citizen IDs instead of refusing",
        )

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        progress = CommandProgress()
        try:
            result = villages_import(
                user=None,
                path=options["file"],
                dry_run=options["dry_run"],
                progress=progress,
                drop_personal_columns=options["drop_personal_columns"],
            )
        except ImportRejected as exc:
            raise CommandError(exc.summary()) from exc
        except FileNotFoundError as exc:
            raise CommandError(f"ไม่พบไฟล์ / file not found: {options['file']}") from exc
        finally:
            progress.close()
        verb = "would be" if result.dry_run else "were"
        self.stdout.write(
            f"{result.total} villages checked ({result.encoding}): "
            f"{result.created} {verb} created, {result.updated} {verb} updated, "
            f"{result.unchanged} unchanged."
        )
