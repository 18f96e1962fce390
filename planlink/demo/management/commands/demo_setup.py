import time
from collections.abc import Callable

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from planlink.areas.loaders import areas_load
from planlink.areas.models import Area, AreaLevel
from planlink.demo.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD, demo_accounts_ensure
from planlink.demo.areas import DEMO_PROVINCE, demo_local_governments_load, demo_villages_load
from planlink.demo.bmn import demo_bmn_load
from planlink.demo.families import demo_families_load
from planlink.demo.plans import demo_plans_load

STAGES = 9
ALREADY = "มีแล้ว (already loaded)"


class Command(BaseCommand):
    help = "Load the Lampang demo (areas, demo villages and local governments, demo accounts)."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument(
            "--plans-within",
            default="52",
            help="generate demo village plans only under this area code (tests use one tambon)",
        )

    def stage(self, number: int, name: str, work: Callable[[], str]) -> None:
        """One line per stage: its name as it starts (the first run's long stages take a
        while), what it did and how long it took when it ends."""
        self.stdout.write(f"[{number}/{STAGES}] {name} …", ending="")
        self.stdout.flush()
        started = time.monotonic()
        done = work()
        self.stdout.write(f" {done} … {time.monotonic() - started:.1f} s")

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        if not settings.DEMO_MODE:
            raise CommandError("demo_setup runs only in demo mode (PLANLINK_DEMO=1, dev settings).")
        started = time.monotonic()
        self.stage(1, "พื้นที่ลำปาง (areas)", _areas)
        self.stage(2, "หมู่บ้านสาธิต (demo villages)", _villages)
        self.stage(3, "อปท. สาธิต (local governments)", _local_governments)
        self.stage(4, "ข้อมูล จปฐ. สังเคราะห์ (BMN)", _bmn)
        self.stage(5, "ข้อมูลอื่นสังเคราะห์ (other evidence)", _families)
        self.stage(6, "บัญชีผู้ใช้สาธิต (demo accounts)", _accounts)
        # After the accounts: the demo plans are drafted and reviewed in their names.
        from planlink.plans.models import Plan

        within = options["plans_within"]
        plans = "แผนหมู่บ้านสาธิต (village plans)"
        if not Plan.objects.filter(is_demo=True, area__code__startswith=within).exists():
            plans += " ครั้งแรกใช้เวลาราว 2 นาที (first run: about 2 minutes)"
        self.stage(7, plans, lambda: _plans(within))
        self.stage(
            8, "ประเด็นของจังหวัดและแผนชุมชนระดับตำบล (issues, tambon plans)", lambda: _tambons(within)
        )
        self.stage(
            9, "บัญชีโครงการของแหล่งงบประมาณอื่น (other budget sources)", lambda: _sources(within)
        )
        self.stdout.write(f"ready in {time.monotonic() - started:.1f} s\n")
        self.stdout.write(f"Demo accounts (password {DEMO_PASSWORD}):")
        width = max(len(a.username) for a in DEMO_ACCOUNTS)
        for account in DEMO_ACCOUNTS:
            self.stdout.write(f"  {account.username:<{width}}  {account.description}")


def _areas() -> str:
    result = areas_load(user=None, province_code=DEMO_PROVINCE)
    return f"{result.districts} อำเภอ {result.tambons} ตำบล (สร้างใหม่ {result.created:,})"


def _villages() -> str:
    real = Area.objects.filter(
        code__startswith=DEMO_PROVINCE, level=AreaLevel.VILLAGE, is_demo=False
    ).exists()
    if real:
        return "มีหมู่บ้านที่นำเข้าแล้ว ไม่สร้างหมู่บ้านสาธิต (imported villages present)"
    villages = demo_villages_load(user=None)
    return f"{villages.total:,} หมู่บ้าน (สร้างใหม่ {villages.created:,}, ปรับปรุง {villages.updated:,})"


def _local_governments() -> str:
    return f"{demo_local_governments_load(user=None):,} แห่ง"


def _bmn() -> str:
    outcomes = demo_bmn_load()
    if not outcomes:
        return ALREADY
    return ", ".join(f"ปี {o.year} {o.households:,} ครัวเรือน {o.villages:,} หมู่บ้าน" for o in outcomes)


def _families() -> str:
    created = demo_families_load()
    if not created:
        return ALREADY
    return ", ".join(f"{family} {count:,}" for family, count in created.items())


def _accounts() -> str:
    demo_accounts_ensure()
    return f"{len(DEMO_ACCOUNTS)} บัญชี"


def _plans(within: str) -> str:
    counts: dict[str, int] = demo_plans_load(province_code=within)
    if not counts:
        return ALREADY
    rest = ", ".join(f"{k} {v:,}" for k, v in counts.items() if k not in ("plans", "items"))
    return f"{counts['plans']:,} แผน {counts['items']:,} รายการ ({rest})"


def _tambons(within: str) -> str:
    from planlink.demo.facilitators import demo_frameworks_load
    from planlink.demo.frameworks import DEMO_ISSUE_YEAR, demo_issues_load, demo_strategies_load
    from planlink.demo.tambons import demo_tambons_load

    issues = demo_issues_load(province=DEMO_PROVINCE, fiscal_year=DEMO_ISSUE_YEAR)
    demo_strategies_load(province=DEMO_PROVINCE)
    demo_frameworks_load(province=DEMO_PROVINCE)
    tambons, forums = demo_tambons_load(within=within)
    plans = f"รวมแผน {tambons} ตำบล ประชาคมแล้ว {forums} ตำบล" if tambons else ALREADY
    return f"ประเด็นปี {DEMO_ISSUE_YEAR}: {issues or ALREADY}; แผนตำบล: {plans}"


def _sources(within: str) -> str:
    from planlink.demo.sources import demo_sources_load

    counts = demo_sources_load(within=within)
    if not counts:
        return ALREADY
    return (
        f"{counts['lists']} บัญชี {counts['lines']:,} รายการ; ตัดสินรายการที่อาจซ้ำ "
        f"{counts['decided']:,} คู่, ส่งอำเภอ {counts['sent']:,} รายการ"
    )
