from decimal import Decimal

import pytest
from django.utils import timezone

from planlink.areas.models import Area, AreaLevel
from planlink.demo.plans import (
    APPROVED_VILLAGE,
    DRAFT_VILLAGE,
    PROBLEM_WORKS,
    SUBMITTED_VILLAGE,
    WORKS,
    WORKS_BY_KEY,
    demo_plans_load,
    village_profiles,
)
from planlink.evidence.models import Indicator
from planlink.evidence.packs import area_pack
from planlink.plans.models import (
    Evaluation,
    ItemStatus,
    Plan,
    PlanItem,
    PlanVersion,
    ProgressReport,
    ReportPhoto,
)
from planlink.plans.services import reliance_of

pytestmark = pytest.mark.django_db

TAMBON = "520101"


def _load(prefix: str = TAMBON) -> dict[str, int]:
    """Load the demo plans of `prefix` from scratch (the demo command may have made them)."""
    Plan.objects.filter(area__code__startswith=prefix).delete()
    return demo_plans_load(province_code=prefix)


def _villages(prefix: str = TAMBON) -> list[str]:
    return list(
        Area.objects.filter(code__startswith=prefix, level=AreaLevel.VILLAGE, is_demo=True)
        .order_by("code")
        .values_list("code", flat=True)
    )


def _versions(prefix: str = TAMBON) -> list[PlanVersion]:
    return list(
        PlanVersion.objects.filter(plan__area__code__startswith=prefix)
        .select_related("plan", "reviewed_by")
        .order_by("plan__area_id")
    )


def test_mapping_covers_every_bmn_indicator_and_poor_households():
    codes = Indicator.objects.filter(edition__family="bmn", edition__code="2560-2564").values_list(
        "code", flat=True
    )
    assert len(codes) == 31
    for code in codes:
        assert PROBLEM_WORKS.get(f"bmn:{code}"), code
    assert PROBLEM_WORKS["poor:bmn"]
    for works in PROBLEM_WORKS.values():
        assert all(key in WORKS_BY_KEY for key in works)
    titles = lambda key: " ".join(WORKS_BY_KEY[k].titles[0] for k in PROBLEM_WORKS[key])  # noqa: E731
    assert "แอลกอฮอล์" in titles("bmn:24")
    assert "ออม" in titles("bmn:23")
    assert "35 ปีขึ้นไป" in titles("bmn:6")
    assert "ผู้สูงอายุ" in titles("bmn:21")
    assert "นมแม่" in titles("bmn:2")


def test_every_work_can_be_self_done_or_not():
    """Any work may land on a plan below or above the rule, so each has a non-self mode."""
    for work in WORKS:
        assert [m for m in work.modes if m != "self"], work.key
        assert work.titles and work.objective and work.target and work.kpi and work.result


def test_profiles_aim_at_fifteen_percent_below_the_rule():
    profiles = village_profiles(_villages("52"))
    assert len(profiles) > 900
    below = sum(p.below for p in profiles.values()) / len(profiles)
    assert 0.12 <= below <= 0.18
    assert all(8 <= p.items <= 25 for p in profiles.values())
    assert profiles[DRAFT_VILLAGE].status == "draft" and not profiles[DRAFT_VILLAGE].below
    assert profiles[APPROVED_VILLAGE].status == "approved"
    assert profiles[SUBMITTED_VILLAGE].status == "submitted"


def test_tambon_plans_items_and_problems():
    counts = _load()
    villages = _villages()
    assert counts["plans"] == len(villages) == Plan.objects.filter(area_id__in=villages).count()
    assert Plan.objects.filter(area_id__in=villages, is_demo=False).count() == 0
    for version in _versions():
        items = list(version.items.prefetch_related("problems", "budgets"))
        assert 8 <= len(items) <= 25
        titles = [i.title for i in items]
        assert len(set(titles)) == len(titles), version.plan.area_id
        assert all(i.is_demo for i in items)
        moo = Area.objects.get(code=version.plan.area_id).moo
        assert any(f"หมู่ที่ {moo}" in t for t in titles)
        top = {p.key for p in area_pack(version.plan.area).problems[:3]}
        linked = {p.key for i in items for p in i.problems.all()}
        assert top & linked, version.plan.area_id
        for item in items:
            assert item.objective and item.target and item.kpi and item.expected_result
            assert item.working_group_id is not None
            assert all(2570 <= b.fiscal_year <= 2572 for b in item.budgets.all())
            if item.mode == "self":
                assert item.funding_source in ("community", "none")
                assert not item.funding_agency
            elif item.mode == "request":
                assert item.funding_source in ("lao", "district", "province", "agency")
                assert item.funding_agency
                assert item.contribution_labour_days == 0
            else:
                assert item.responsible_agency
            if item.title.startswith(("ก่อสร้างถนน คสล.", "ก่อสร้างถนนคอนกรีต")):
                assert item.category.code == "infrastructure"
                assert item.total_budget >= Decimal("100000")


def test_self_reliance_mix_matches_the_profiles():
    _load()
    profiles = village_profiles(_villages())
    below = 0
    for version in _versions():
        reliance = reliance_of(version)
        profile = profiles[version.plan.area_id]
        assert reliance.meets is not profile.below, version.plan.area_id
        below += not reliance.meets
        if profile.below and version.status not in ("draft", "submitted"):
            assert version.self_reliance_override.strip()
    assert below == sum(p.below for p in profiles.values()) == 1  # round(15 % of 8)


def test_workflow_demo_villages_and_monitoring():
    counts = _load()
    today = timezone.localdate()
    versions = {v.plan.area_id: v for v in _versions()}
    draft, approved = versions[DRAFT_VILLAGE], versions[APPROVED_VILLAGE]
    assert draft.status == "draft" and reliance_of(draft).meets
    assert approved.status == "approved"
    assert counts["approved"] == sum(
        v.status in ("approved", "published") for v in versions.values()
    )
    assert counts["published"] == sum(v.status == "published" for v in versions.values())
    for version in versions.values():
        if version.status in ("draft", "submitted"):  # not reviewed yet
            assert version.facilitators.count() == 0 and version.reviewed_by is None
            if version.status == "submitted":
                assert version.submitted_at is not None
            continue
        assert version.submitted_at is not None  # every reviewed plan was submitted first
        assert version.reviewed_by is not None
        assert version.reviewed_by.username == "officer-520101"
        assert 1 <= version.facilitators.count() <= 3
        if version.status in ("approved", "published"):
            assert version.assembly_date <= today
            assert version.assembly_date.year == 2026  # B.E. 2569
            assert 40 <= version.assembly_attendance <= 150
            for item in version.items.exclude(status=ItemStatus.DROPPED):
                names = list(item.monitors.values_list("name", flat=True))
                if item.mode in ("self", "joint"):
                    assert 3 <= len(names) <= 5 and len(set(names)) == len(names)
                else:
                    assert names == []
    reports = ProgressReport.objects.filter(item__version__plan__area__code__startswith=TAMBON)
    assert reports.count() == counts["reports"] > 0
    assert not reports.filter(reported_on__gt=today).exists()
    assert not reports.filter(reported_on__year__lt=2026).exists()
    assert not Evaluation.objects.filter(evaluated_on__gt=today).exists()
    evaluated = PlanItem.objects.filter(
        version__plan__area__code__startswith=TAMBON, evaluation__isnull=False
    )
    assert evaluated.count() == counts["evaluations"]
    assert not evaluated.exclude(status=ItemStatus.DONE).exists()
    for photo in ReportPhoto.objects.filter(report__in=reports):
        assert photo.image.size < 20 * 1024


def test_same_seed_same_plans_and_second_run_creates_nothing():
    def snapshot() -> list[tuple[str, int, str, str]]:
        return list(
            PlanItem.objects.filter(version__plan__area__code__startswith=TAMBON)
            .order_by("version__plan__area_id", "priority")
            .values_list("version__plan__area_id", "priority", "title", "mode")
        )

    first = _load()
    before = snapshot()
    assert demo_plans_load(province_code=TAMBON) == {}
    assert snapshot() == before
    assert _load() == first
    assert snapshot() == before
    # One village alone gets the same plan as in its tambon.
    assert _load(APPROVED_VILLAGE)["plans"] == 1
    assert snapshot() == before
