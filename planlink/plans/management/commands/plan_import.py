from django.core.management.base import BaseCommand, CommandError

from planlink.core.tabular import ImportRejected
from planlink.plans.excel import plan_import
from planlink.plans.excel.importing import ImportNeedsConfirmation
from planlink.plans.models import Plan, PlanLevel
from planlink.plans.selectors import current_version


class Command(BaseCommand):
    help = (
        "Import a village plan's items from the plan XLSX or a CSV with its columns into the "
        "plan's draft (the file replaces the draft's items). The whole file is checked first; "
        "nothing is written unless every row is valid. Warnings (repeated titles, another "
        "province, a self-done budget above the ceiling) are printed and need --confirm."
    )

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("village", help="the village's DOPA code, e.g. 52010101")
        parser.add_argument("file")
        parser.add_argument(
            "--first-year", type=int, help="the plan's first fiscal year, if it has several"
        )
        parser.add_argument("--dry-run", action="store_true", help="check and count, write nothing")
        parser.add_argument(
            "--confirm", action="store_true", help="import even though the file has warnings"
        )

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        plans = Plan.objects.filter(area_id=options["village"], level=PlanLevel.VILLAGE)
        if options["first_year"]:
            plans = plans.filter(first_year=options["first_year"])
        found = list(plans.order_by("first_year"))
        if not found:
            code = options["village"]
            raise CommandError(f"ไม่พบแผนหมู่บ้านของ {code} / no such village plan of {code}")
        if len(found) > 1:
            years = ", ".join(str(p.first_year) for p in found)
            raise CommandError(
                f"หมู่บ้านนี้มีหลายแผน ให้ระบุ --first-year ({years}) / the village has several "
                f"plans; choose one with --first-year ({years})"
            )
        version = current_version(found[0])
        try:
            outcome = plan_import(
                user=None,
                version=version,
                path=options["file"],
                dry_run=options["dry_run"],
                confirm=options["confirm"],
            )
        except ImportRejected as exc:
            raise CommandError(exc.summary()) from exc
        except ImportNeedsConfirmation as needs:
            raise CommandError(
                f"{needs}\nตรวจแล้วถูกต้อง ให้สั่งอีกครั้งพร้อม --confirm / if the rows are "
                "right, run again with --confirm"
            ) from needs
        except FileNotFoundError as exc:
            raise CommandError(f"ไม่พบไฟล์ / file not found: {options['file']}") from exc
        for warning in outcome.warnings:
            self.stdout.write(f"คำเตือน / warning: {warning}")
        verb = "would be" if outcome.dry_run else "were"
        self.stdout.write(
            f"{found[0].title} — {version.label}: {outcome.rows} rows; {outcome.created} items "
            f"{verb} added, {outcome.updated} changed, {outcome.deleted} removed, "
            f"{outcome.unchanged} unchanged."
        )
