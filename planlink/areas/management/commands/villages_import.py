from django.core.management.base import BaseCommand

from planlink.areas.villages import villages_import
from planlink.core.management.importing import add_import_arguments, run_import


class Command(BaseCommand):
    help = (
        "Import villages from CSV or XLSX (columns: village code, หมู่ที่, name; UTF-8, "
        "UTF-8 with BOM or cp874; Thai digits accepted). The whole file is checked first; "
        "nothing is written unless every row is valid."
    )

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        add_import_arguments(parser, within=False)

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        result = run_import(villages_import, options)
        verb = "would be" if result.dry_run else "were"
        self.stdout.write(
            f"{result.total} villages checked ({result.encoding}): "
            f"{result.created} {verb} created, {result.updated} {verb} updated, "
            f"{result.unchanged} unchanged."
        )
