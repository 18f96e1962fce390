from django.core.management.base import BaseCommand, CommandError

from planlink.areas.loaders import UnknownProvince, areas_load


class Command(BaseCommand):
    help = "Load a province's districts and tambons from the DOPA register (geothai); idempotent."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument(
            "--province",
            required=True,
            action="append",
            help="2-digit province code, e.g. 52 (repeat for several)",
        )

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        for code in options["province"]:
            try:
                result = areas_load(user=None, province_code=code.strip())
            except UnknownProvince as exc:
                raise CommandError(str(exc)) from exc
            self.stdout.write(
                f"province {result.province}: {result.districts} districts, "
                f"{result.tambons} tambons ({result.created} created, {result.updated} updated)"
            )
