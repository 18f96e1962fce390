from django.core.management.base import BaseCommand

from planlink.areas.models import Area, AreaLevel
from planlink.evidence.services import problems_refresh


class Command(BaseCommand):
    help = (
        "Analyse the problems of every area and local government again and store them "
        "(imports and changes of the thresholds do this themselves; run it once after "
        "upgrading to stored problems). Idempotent: the same evidence gives the same rows."
    )

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument(
            "--province", action="append", help="only this province code (may repeat)"
        )

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        provinces = options["province"] or list(
            Area.objects.filter(level=AreaLevel.PROVINCE).values_list("code", flat=True)
        )
        for province in provinces:
            stored = problems_refresh(provinces=[province])
            self.stdout.write(f"{province}: {stored:,} analyses stored")
