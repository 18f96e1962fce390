"""Demo village plans for the demo villages, generated from a seed.

Every demo village without a plan gets a village plan for fiscal years 2570–2572, written
through the plan services (so the rules and the audit trail apply) and marked as demo data:
8–25 items with titles in the shape Thai plans use (title-patterns.md), several of them
answering the village's top problems in its data pack (the synthetic BMN first), a mix of
self-done, joint and requested work (about 15 % of villages fall below the self-reliance
rule, with the reason the assembly gave), the workflow at different steps, and for approved
plans the villagers' monitoring teams, progress reports (a few with small generated photos),
evaluations and some overdue items.

Each village's plan depends only on the seed and the village (not on which villages are
loaded together), so loading a tambon gives the same plans as loading the province.
"""

from __future__ import annotations

import io
import random
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from itertools import groupby
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from planlink.accounts.models import RoleAssignment
from planlink.accounts.roles import Role
from planlink.areas.models import Area, AreaLevel, Coverage, LocalGovernmentKind
from planlink.demo.plan_catalogue import (
    _DROP_REASONS,
    _LESSONS,
    _MEN,
    _MONITOR_ROLES,
    _NOTES_DONE,
    _NOTES_LATE,
    _NOTES_MIDDLE,
    _NOTES_START,
    _OVERRIDE_REASONS,
    _PARTNERS,
    _PLACE_WORDS,
    _PRODUCTS,
    _REVIEW_NOTES,
    _SURNAMES,
    _WOMEN,
    JOINT,
    PROBLEM_WORKS,
    REQUEST,
    SELF,
    WORKS,
    WORKS_BY_KEY,
    Work,
)
from planlink.evidence.engine.bmn import percent
from planlink.evidence.engine.problems import Problem
from planlink.evidence.models import DevelopmentCategory
from planlink.evidence.packs import area_pack
from planlink.plans.models import (
    FundingSource,
    ItemStatus,
    PlanItem,
    PlanLevel,
    PlanSettings,
    PlanVersion,
    VersionStatus,
    WorkingGroup,
)
from planlink.plans.services import (
    ItemData,
    evaluation_save,
    facilitators_set,
    item_status_set,
    items_create,
    monitors_set,
    plan_create,
    progress_report_add,
    version_transition,
)

SEED = 2570
FIRST_YEAR, LAST_YEAR = 2570, 2572
BELOW_SHARE = 0.15  # share of villages (per tambon, rounded) whose plan is below 30 % self-done
DEFAULT_THRESHOLD = Decimal(30)  # the rule's default; the loader aims at PlanSettings' value
DRAFT_VILLAGE = "52010101"  # stays a draft: the village committee demo account edits it
APPROVED_VILLAGE = "52010102"  # approved at its village assembly
SUBMITTED_VILLAGE = "52010103"  # with the officer: waits on officer-520101's to-do list
PROVINCE_NAME = "ลำปาง"
COUNTS = (
    "plans",
    "items",
    "self_below_threshold",
    "drafts",
    "submitted",
    "reviewed",
    "approved",
    "published",
    "reports",
    "photos",
    "evaluations",
)

# --- What each village's plan looks like ----------------------------------------------------


@dataclass(frozen=True)
class VillageProfile:
    items: int  # 8–25
    below: bool  # fewer self-done items than the rule asks (30 % by default)
    status: str  # the version's workflow status


def village_profiles(codes: Sequence[str], *, seed: int = SEED) -> dict[str, VillageProfile]:
    """The plan each village gets, from the seed and the tambon's village list only.

    Pass every demo village of each tambon concerned: in each tambon, round(15 %) of the
    villages (drawn from the seed) fall below the self-reliance rule."""
    profiles: dict[str, VillageProfile] = {}
    for tambon, group in groupby(sorted(codes), key=lambda c: c[:6]):
        villages = list(group)
        candidates = [c for c in villages if c != DRAFT_VILLAGE]
        random.Random(f"{seed}:below:{tambon}").shuffle(candidates)
        below = set(candidates[: round(BELOW_SHARE * len(villages))])
        for code in villages:
            rng = random.Random(f"{seed}:profile:{code}")
            items = min(25, max(8, round(rng.triangular(8, 25, 13))))
            draw = rng.random()
            status = (
                VersionStatus.DRAFT
                if draw < 0.12
                else VersionStatus.SUBMITTED
                if draw < 0.18
                else VersionStatus.REVIEWED
                if draw < 0.25
                else VersionStatus.APPROVED
                if draw < 0.75
                else VersionStatus.PUBLISHED
            )
            if code == DRAFT_VILLAGE:
                status = VersionStatus.DRAFT
            elif code == APPROVED_VILLAGE:
                status = VersionStatus.APPROVED
            elif code == SUBMITTED_VILLAGE:
                status = VersionStatus.SUBMITTED
            profiles[code] = VillageProfile(items, code in below, str(status))
    return profiles


def self_items_target(
    profile: VillageProfile, rng: random.Random, threshold: Decimal = DEFAULT_THRESHOLD
) -> int:
    """How many of the plan's items are self-done: below the rule or at or above it."""
    n = profile.items
    needed = next(s for s in range(n + 1) if (percent(s, n) or 0) >= threshold)
    if profile.below and needed > 0:
        return rng.randint(min(max(1, round(n * 0.1)), needed - 1), needed - 1)
    return rng.randint(needed, max(needed, round(n * 0.55)))


@dataclass
class _Place:
    """A village and what its titles and agencies are made of."""

    area: Area
    tambon: str
    district: str
    lao: str
    pao: str
    neighbours: list[str]
    households: int
    rng: random.Random
    canal: str = ""
    creek: str = ""
    pond: str = ""
    field_name: str = ""
    soi_max: int = 8
    used_soi: set[int] = field(default_factory=set)
    used_titles: set[str] = field(default_factory=set)
    sections: int = 0

    def __post_init__(self) -> None:
        # Neighbouring villages share the tambon's streams and ponds: drawn from a few
        # waters of the tambon, so that several villages ask for the same dredging (which
        # the tambon's consolidation finds), while their lanes and sois stay their own.
        waters = random.Random(f"waters:{self.area.code[:6]}").sample(_PLACE_WORDS, 7)
        self.canal = f"ลำเหมือง{self.rng.choice(waters[0:2])}"
        self.creek = f"ลำห้วย{self.rng.choice(waters[2:4])}"
        self.pond = f"หนอง{self.rng.choice(waters[4:6])}"
        self.field_name = f"ทุ่ง{waters[6]}"
        self.soi_max = max(4, min(15, self.households // 25))

    @property
    def village_name(self) -> str:
        return self.area.name_th

    def soi(self) -> int | None:
        free = [s for s in range(1, self.soi_max + 1) if s not in self.used_soi]
        if not free:
            return None
        soi = self.rng.choice(free)
        self.used_soi.add(soi)
        return soi

    def title(self, work: Work) -> str | None:
        """A title for `work` not used yet in this plan (None if every variant is taken)."""
        variants = list(work.titles)
        self.rng.shuffle(variants)
        for pattern in variants:
            for _attempt in range(3):
                values = {
                    "moo": self.area.moo,
                    "village": self.village_name,
                    "neighbour": self.rng.choice(self.neighbours) if self.neighbours else "",
                    "canal": self.canal,
                    "creek": self.creek,
                    "pond": self.pond,
                    "field": self.field_name,
                    "section": self.sections + 1,
                    "product": self.rng.choice(_PRODUCTS),
                    "soi": 0,
                }
                if "{neighbour}" in pattern and not self.neighbours:
                    break
                if "{soi}" in pattern:
                    soi = self.soi()
                    if soi is None:
                        break
                    values["soi"] = soi
                title = pattern.format(**values)
                if title not in self.used_titles:
                    self.used_titles.add(title)
                    if "{section}" in pattern:
                        self.sections += 1
                    return title
        return None

    def partner(self, key: str) -> tuple[str, str]:
        source, name = _PARTNERS[key]
        return str(source), name.format(
            lao=self.lao, pao=self.pao, district=self.district, tambon=self.tambon
        )


@dataclass
class _Item:
    work: Work
    title: str
    problems: list[Problem]
    mode: str = ""


def _pick(rng: random.Random, pool: list[Work], taken: Counter[str]) -> Work | None:
    available = [w for w in pool if taken[w.key] < w.repeat and w.weight > 0]
    if not available:
        return None
    return rng.choices(available, weights=[w.weight for w in available])[0]


def _choose_items(
    place: _Place, profile: VillageProfile, problems: list[Problem], threshold: Decimal
) -> list[_Item]:
    """The plan's items: the top problems answered first, then the village's usual work."""
    rng = place.rng
    n = profile.items
    self_target = self_items_target(profile, rng, threshold)
    taken: Counter[str] = Counter()
    chosen: list[_Item] = []
    known = [p for p in problems if p.key in PROBLEM_WORKS]

    def capable() -> int:
        return sum(1 for i in chosen if i.work.allows_self())

    def add(work: Work) -> bool:
        title = place.title(work)
        if title is None:
            taken[work.key] = work.repeat  # no free variant left
            return False
        linked = [p for p in known if work.key in PROBLEM_WORKS[p.key]][:3]
        chosen.append(_Item(work, title, linked))
        taken[work.key] += 1
        return True

    # The top three problems, the top three from the BMN survey, and one to three more.
    wanted = known[:3]
    wanted += [p for p in known if p.family == "bmn" and p not in wanted][:3]
    rest = [p for p in known[3:12] if p not in wanted]
    wanted += rng.sample(rest, min(rng.randint(1, 3), len(rest)))
    for problem in wanted:
        if len(chosen) + max(2, self_target - capable()) >= n:
            break
        if any(problem in item.problems for item in chosen):
            continue
        options = [WORKS_BY_KEY[k] for k in PROBLEM_WORKS[problem.key]]
        options = [w for w in options if taken[w.key] < w.repeat]
        # The main answers first; self-capable ones while self-done items are still wanted.
        selfish = capable() < self_target
        options.sort(key=lambda w: 0 if w.allows_self() or not selfish else 1)
        for work in options[:3]:
            if rng.random() < 0.75 and add(work):
                break
        else:
            for work in options:
                if add(work):
                    break
    self_pool = [w for w in WORKS if w.allows_self()]
    while capable() < self_target and len(chosen) < n:
        extra_work = _pick(rng, self_pool, taken)
        if extra_work is None:
            break
        add(extra_work)
    # The rest: mostly what needs outside help, as village plans are.
    outside = [w for w in WORKS if not w.allows_self()]
    while len(chosen) < n:
        pool = outside if rng.random() < 0.7 else list(WORKS)
        extra_work = _pick(rng, pool, taken) or _pick(rng, list(WORKS), taken)
        if extra_work is None:
            break
        add(extra_work)
    _assign_modes(rng, chosen, self_target)
    # Order: villages rank a mix; problem answers and infrastructure tend to come first.
    rng.shuffle(chosen)
    chosen.sort(
        key=lambda i: rng.random() - (0.35 if i.problems else 0) - (0.2 if i.mode == REQUEST else 0)
    )
    return chosen


def _assign_modes(rng: random.Random, items: list[_Item], self_target: int) -> None:
    capable = [i for i in items if i.work.allows_self()]
    capable.sort(key=lambda i: (0 if i.work.modes[0] == SELF else 1, rng.random()))
    chosen_self = {id(i) for i in capable[:self_target]}
    for item in items:
        if id(item) in chosen_self:
            item.mode = SELF
            continue
        others = [m for m in item.work.modes if m != SELF]
        item.mode = others[0] if len(others) == 1 or rng.random() < 0.7 else others[1]


# --- Money, dates and texts -----------------------------------------------------------------


def _baht(value: float) -> Decimal:
    step = 1_000 if value >= 100_000 else 500 if value >= 10_000 else 100
    return Decimal(round(value / step) * step)


def _fy_start(year: int) -> date:
    """1 October that opens fiscal year `year` (B.E.)."""
    return date(year - 544, 10, 1)


def _texts(item: _Item, place: _Place, cost: float) -> dict[str, str]:
    rng, work = place.rng, item.work
    qty = 0
    if work.unit_cost:
        raw = cost / work.unit_cost
        qty = int(round(raw / 5) * 5) if raw >= 50 else max(1, round(raw))
    values = {
        "moo": place.area.moo,
        "village": place.village_name,
        "hh": place.households,
        "people": rng.choice((20, 25, 30, 35, 40, 45, 50, 60)),
        "qty": f"{qty:,}",
        "area": f"{qty * 4:,}",
    }
    return {
        "objective": work.objective.format(**values),
        "target": work.target.format(**values),
        "kpi": work.kpi.format(**values),
        "expected_result": work.result.format(**values),
    }


def _item_data(
    item: _Item,
    place: _Place,
    categories: dict[str, int],
    groups: dict[str, int],
    year: int | None,
    approved_on: date | None,
    today: date,
) -> ItemData:
    rng, work, mode = place.rng, item.work, item.mode
    cost = float(rng.randint(*work.cost)) if work.cost[1] else 0.0
    if mode == SELF:
        low, high = work.self_cost
        amount = (
            _baht(rng.randint(max(low, 500), max(high, 500)))
            if high and rng.random() < 0.6
            else Decimal(0)
        )
        source: str = FundingSource.COMMUNITY if amount else FundingSource.NONE
        agency = responsible = ""
    else:
        partner = rng.choice(work.partners)
        source, agency = place.partner(partner)
        responsible = agency
        amount = _baht(cost if mode == REQUEST else cost * rng.uniform(0.5, 0.85))
        if mode == JOINT and partner not in ("lao", "pao") and rng.random() < 0.3:
            # An agency brings know-how; the money is the village's own.
            source, agency = FundingSource.COMMUNITY, ""
            amount = _baht(cost * rng.uniform(0.1, 0.3))
    # When: yearly work every year; other work in one year, early years first.
    weights = (75, 15, 10) if mode == SELF else (55, 28, 17)
    first = rng.choices(range(FIRST_YEAR, LAST_YEAR + 1), weights=weights)[0]
    years = list(range(FIRST_YEAR, LAST_YEAR + 1)) if work.yearly else [first]
    budgets: dict[int, Decimal] = {}
    if amount:
        if not work.yearly and amount >= 1_500_000 and first < LAST_YEAR:
            part = _baht(float(amount) * 0.6)
            budgets = {first: part, first + 1: amount - part}
        else:
            budgets = {y: amount for y in years}
    start_year = years[0]
    start = _fy_start(start_year) + timedelta(days=rng.randint(0, 240))
    if approved_on is None:
        # Not approved yet: nothing starts before the assembly can approve it.
        start = max(start, today + timedelta(days=rng.randint(14, 60)))
    elif start_year == FIRST_YEAR and mode == SELF and rng.random() < 0.5:
        start = approved_on + timedelta(days=rng.randint(7, 45))  # villagers start right away
    end = (
        _fy_start(years[-1] + 1) - timedelta(days=1)
        if work.yearly and len(years) > 1 and rng.random() < 0.5
        else start + timedelta(days=rng.randint(*work.days))
    )
    cash = in_kind_value = labour = Decimal(0)
    in_kind = ""
    if mode in (SELF, JOINT):
        labour = Decimal(rng.randint(*work.labour))
        if rng.random() < 0.7:
            in_kind = work.in_kind
            in_kind_value = _baht(rng.randint(5, 60) * 100 + float(labour) * 150)
        if rng.random() < 0.5:
            cash = _baht(rng.randint(5, 100) * 100)
    texts = _texts(item, place, cost or float(sum(budgets.values(), Decimal(0))))
    description = ""
    if mode == REQUEST:
        description = f"เสนอขอรับการสนับสนุนงบประมาณจาก{agency}"
    elif mode == JOINT:
        description = f"ชาวบ้านร่วมลงแรงและสมทบวัสดุ ร่วมกับ{responsible}"
    return ItemData(
        title=item.title,
        mode=mode,
        category_id=categories[work.category],
        description=description,
        funding_source=str(source),
        funding_agency=agency,
        working_group_id=groups.get(work.group),
        responsible_agency=responsible,
        contribution_cash=cash,
        contribution_in_kind=in_kind,
        contribution_in_kind_value=in_kind_value,
        contribution_labour_days=labour,
        start_date=start,
        end_date=end,
        budgets=budgets,
        problems=[(p.key, p.title_th, year, p.share) for p in item.problems],
        **texts,
    )


def _person(rng: random.Random, *, woman: bool | None = None) -> str:
    if woman is None:
        woman = rng.random() < 0.5
    if not woman:
        return f"นาย{rng.choice(_MEN)} {rng.choice(_SURNAMES)}"
    return f"{rng.choice(('นาง', 'นาง', 'นางสาว'))}{rng.choice(_WOMEN)} {rng.choice(_SURNAMES)}"


def _team(rng: random.Random, size: int) -> list[tuple[str, str]]:
    """A monitoring team: a chair and members with the roles they represent."""
    team: list[tuple[str, str]] = []
    names: set[str] = set()
    while len(team) < size:
        role = _MONITOR_ROLES[0] if not team else rng.choice(_MONITOR_ROLES[1:])
        name = _person(rng, woman=True if role == "ผู้แทนกลุ่มสตรี" else None)
        if name not in names:
            names.add(name)
            team.append((name, role))
    return team


def _photo(rng: random.Random, code: str, item: PlanItem, on: date) -> SimpleUploadedFile:
    """A tiny JPEG standing for a photo of the work (a plain scene with a caption)."""
    from PIL import Image, ImageDraw

    hue = rng.choice(((70, 130, 180), (90, 150, 90), (180, 140, 80), (150, 110, 160)))
    image = Image.new("RGB", (240, 160), hue)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 105, 240, 160), fill=(hue[0] // 2, hue[1] // 2, hue[2] // 2))
    for _ in range(rng.randint(2, 5)):
        x = rng.randint(10, 210)
        draw.ellipse((x, 70, x + 22, 110), fill=(40, 100, 50))
    draw.text((8, 8), f"planlink demo {code}", fill=(255, 255, 255))
    draw.text((8, 24), f"item {item.priority}  {on.isoformat()}", fill=(255, 255, 255))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=60)
    return SimpleUploadedFile(
        f"demo-{code}-{item.priority}.jpg", buffer.getvalue(), content_type="image/jpeg"
    )


# --- Loading ---------------------------------------------------------------------------------


@dataclass
class _Context:
    user: Any
    today: date
    categories: dict[str, int]
    threshold: Decimal
    officers: dict[str, Any]  # tambon code → the demo CD officer account covering it
    committees: dict[str, Any]  # village code → the demo village committee account
    counts: Counter[str] = field(default_factory=Counter)


def demo_plans_load(
    *, user: Any = None, province_code: str = "52", seed: int = SEED
) -> dict[str, int]:
    """Create a demo village plan for every demo village under `province_code` (any area
    code prefix: "52", "5201", "520101"…) that has no village plan yet. Returns the counts of
    what was created; a second run finds the plans and returns {}.

    `approved` counts plans approved at their village assembly (published ones included)."""
    villages = list(
        Area.objects.filter(code__startswith=province_code, level=AreaLevel.VILLAGE, is_demo=True)
        .exclude(plans__level=PlanLevel.VILLAGE)
        .order_by("code")
    )
    if not villages:
        return {}
    tambons = sorted({v.code[:6] for v in villages})
    siblings: dict[str, list[Area]] = {}
    for sibling in Area.objects.filter(
        parent_id__in=tambons, level=AreaLevel.VILLAGE, is_demo=True
    ).order_by("code"):
        siblings.setdefault(sibling.code[:6], []).append(sibling)
    profiles = village_profiles([a.code for group in siblings.values() for a in group], seed=seed)
    names = dict(
        Area.objects.filter(code__in=tambons + [t[:4] for t in tambons]).values_list(
            "code", "name_th"
        )
    )
    laos: dict[str, str] = {}
    paos: dict[str, str] = {}
    for coverage in Coverage.objects.filter(village__in=villages).select_related(
        "local_government"
    ):
        lao = coverage.local_government
        if lao.kind == LocalGovernmentKind.PAO:
            paos[coverage.village_id] = lao.name_th
        else:
            laos[coverage.village_id] = lao.name_th
    assignments = RoleAssignment.objects.filter(
        user__is_demo=True, role__in=[Role.CD_OFFICER, Role.VILLAGE_COMMITTEE]
    ).select_related("user")
    officers: dict[str, Any] = {
        str(a.area_id): a.user
        for a in assignments.filter(role=Role.CD_OFFICER, area_id__in=tambons).order_by("-pk")
    }
    committees: dict[str, Any] = {
        str(a.area_id): a.user
        for a in assignments.filter(role=Role.VILLAGE_COMMITTEE, area__in=villages).order_by("-pk")
    }
    context = _Context(
        user=user,
        today=timezone.localdate(),
        categories=dict(DevelopmentCategory.objects.values_list("code", "pk")),
        threshold=PlanSettings.current().self_reliance_threshold,
        officers=officers,
        committees=committees,
    )
    for tambon, group in groupby(villages, key=lambda v: v.code[:6]):
        with transaction.atomic():
            for village in group:
                place = _Place(
                    area=village,
                    tambon=names.get(tambon, ""),
                    district=names.get(tambon[:4], ""),
                    lao=laos.get(village.code)
                    or paos.get(village.code)
                    or f"องค์การบริหารส่วนตำบล{names.get(tambon, '')}",
                    pao=paos.get(village.code) or f"องค์การบริหารส่วนจังหวัด{PROVINCE_NAME}",
                    neighbours=[a.name_th for a in siblings[tambon] if a.code != village.code],
                    households=0,
                    rng=random.Random(f"{seed}:plan:{village.code}"),
                )
                _village_plan(context, place, profiles[village.code])
    if not context.counts["plans"]:
        return {}
    return {key: context.counts[key] for key in COUNTS}


def _assembly_date(rng: random.Random, today: date) -> date:
    """A day in the past few months of 2569 (B.E.), never in the future."""
    latest = min(today - timedelta(days=14), date(2026, 12, 31))
    earliest = max(today - timedelta(days=150), date(2026, 1, 1))
    if earliest > latest:
        earliest = latest - timedelta(days=90)
    return earliest + timedelta(days=rng.randint(0, (latest - earliest).days))


def _village_plan(context: _Context, place: _Place, profile: VillageProfile) -> None:
    rng, village, today = place.rng, place.area, context.today
    pack = area_pack(village, problems_only=True)
    place.households = pack.households or rng.randint(60, 250)
    place.soi_max = max(4, min(15, place.households // 25))
    committee = context.committees.get(village.code, context.user)
    officer = context.officers.get(village.code[:6], context.user)
    status = profile.status
    reviewed = status != VersionStatus.DRAFT
    approved = status in (VersionStatus.APPROVED, VersionStatus.PUBLISHED)
    approved_on = _assembly_date(rng, today) if approved else None

    plan = plan_create(
        user=committee,
        area=village,
        level="village",
        fiscal_years=range(FIRST_YEAR, LAST_YEAR + 1),
        demo=True,
    )
    version: PlanVersion = plan.versions.get()
    version.plan = plan
    # plan_create made the village's working groups (working_groups_ensure).
    group_ids = {g.kind: g.pk for g in WorkingGroup.objects.filter(area=village)}

    datas = [
        _item_data(chosen, place, context.categories, group_ids, pack.year, approved_on, today)
        for chosen in _choose_items(place, profile, pack.problems, context.threshold)
    ]
    items: list[PlanItem] = items_create(user=committee, version=version, datas=datas, demo=True)
    budgets: dict[int, Decimal] = {
        item.pk: sum(data.budgets.values(), Decimal(0))
        for item, data in zip(items, datas, strict=True)
    }
    context.counts["plans"] += 1
    context.counts["items"] += len(items)
    self_items = sum(1 for i in items if i.mode == SELF)
    if (percent(self_items, len(items)) or 0) < context.threshold:
        context.counts["self_below_threshold"] += 1
    if not reviewed:
        context.counts["drafts"] += 1
        return
    version = version_transition(user=committee, version=version, target=VersionStatus.SUBMITTED)
    if status == VersionStatus.SUBMITTED:
        context.counts["submitted"] += 1
        return

    facilitators_set(
        user=officer,
        version=version,
        people=[
            (
                _person(rng),
                rng.choice(
                    (
                        f"วิทยากรกระบวนการตำบล{place.tambon}",
                        f"ศอช.ต.{place.tambon}",
                        f"ผู้นำอาสาพัฒนาชุมชน (ผู้นำ อช.) ตำบล{place.tambon}",
                        f"กลุ่มสตรีอาสาพัฒนา ตำบล{place.tambon}",
                        f"ผู้นำชุมชน{rng.choice(place.neighbours or [place.village_name])}",
                    )
                ),
                rng.random() < 0.85,
            )
            for _ in range(rng.randint(1, 3))
        ],
    )
    override = rng.choice(_OVERRIDE_REASONS) if profile.below else ""
    version = version_transition(
        user=officer,
        version=version,
        target=VersionStatus.REVIEWED,
        override_reason=override,
        note=rng.choice(_REVIEW_NOTES),
    )
    context.counts["reviewed"] += 1
    if not approved or approved_on is None:
        return
    attendance = rng.randint(40, 150)
    version = version_transition(
        user=committee,
        version=version,
        target=VersionStatus.APPROVED,
        assembly_date=approved_on,
        attendance=attendance,
        households=min(place.households, max(30, round(attendance * rng.uniform(0.6, 0.9)))),
    )
    context.counts["approved"] += 1
    if status == VersionStatus.PUBLISHED:
        version = version_transition(
            user=committee, version=version, target=VersionStatus.PUBLISHED
        )
        context.counts["published"] += 1
    version.plan = plan
    for item in items:
        item.version = version
    _carry_out(context, place, profile, items, budgets, committee)


def _carry_out(
    context: _Context,
    place: _Place,
    profile: VillageProfile,
    items: list[PlanItem],
    budgets: dict[int, Decimal],
    user: Any,
) -> None:
    """Monitoring teams, progress reports, evaluations and the odd dropped item."""
    rng, today, code = place.rng, context.today, place.area.code
    report_until = min(today, date(2027, 12, 31))
    if not profile.below and rng.random() < 0.1:
        requested = [i for i in items if i.mode == REQUEST]
        if requested:
            dropped = rng.choice(requested)
            item_status_set(
                user=user,
                item=dropped,
                status=ItemStatus.DROPPED,
                dropped_reason=rng.choice(_DROP_REASONS),
            )
    for item in items:
        if item.status == ItemStatus.DROPPED:
            continue
        if item.mode in (SELF, JOINT):
            monitors_set(user=user, item=item, people=_team(rng, rng.randint(3, 5)))
        if item.start_date is None or item.end_date is None:
            continue
        started = item.start_date + timedelta(days=3)
        ended = item.end_date <= report_until
        chance = 0.9 if ended else 0.4 if item.mode != REQUEST else 0.25
        if started > report_until or rng.random() > chance:
            continue  # not started, or nobody reported yet (if it has ended: overdue)
        span = max(1, (item.end_date - item.start_date).days)
        if ended:
            final = 100 if rng.random() < 0.85 else rng.randint(30, 85)  # the rest is overdue
            last_day = min(report_until, item.end_date + timedelta(days=rng.randint(0, 20)))
        else:
            elapsed = (report_until - item.start_date).days / span
            final = max(5, min(90, round((elapsed * 100 + rng.randint(-15, 10)) / 5) * 5))
            last_day = report_until - timedelta(days=rng.randint(0, 10))
        last_day = max(last_day, started)
        count = rng.choices((1, 2, 3), weights=(5, 4, 1))[0]
        days = sorted(
            {
                started + timedelta(days=rng.randint(0, (last_day - started).days))
                for _ in range(count)
            }
            | {last_day}
        )[-count:]
        budget = budgets[item.pk]
        done_before = 0
        for index, day in enumerate(days):
            done = final if index == len(days) - 1 else round(final * (index + 1) / len(days))
            done = max(done, done_before + 1) if done < 100 else 100
            share = Decimal(done - done_before) / 100
            late = item.end_date < day and done < 100
            note = rng.choice(
                _NOTES_DONE
                if done == 100
                else _NOTES_LATE
                if late
                else _NOTES_START
                if index == 0
                else _NOTES_MIDDLE
            )
            photos: list[tuple[Any, str]] = []
            if rng.random() < 0.06:
                photos = [(_photo(rng, code, item, day), f"ภาพกิจกรรม {item.title}"[:200])]
            progress_report_add(
                user=user,
                item=item,
                reported_on=day,
                percent_done=done,
                money_spent=_baht(float(budget) * done / 100 * rng.uniform(0.85, 1.0))
                if budget
                else Decimal(0),
                contribution_cash=_baht(float(item.contribution_cash * share)),
                contribution_labour_days=(item.contribution_labour_days * share).quantize(
                    Decimal("0.1")
                ),
                note=note,
                photos=photos,
            )
            context.counts["reports"] += 1
            context.counts["photos"] += len(photos)
            done_before = done
        if done_before == 100 and rng.random() < 0.6:
            evaluated = min(today, days[-1] + timedelta(days=rng.randint(0, 14)))
            evaluation_save(
                user=user,
                item=item,
                evaluated_on=evaluated,
                kpi_reached=rng.random() < 0.85,
                satisfaction=rng.choices((3, 4, 5), weights=(2, 5, 4))[0],
                lessons=rng.choice(_LESSONS),
            )
            context.counts["evaluations"] += 1
