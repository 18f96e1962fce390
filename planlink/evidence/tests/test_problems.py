from decimal import Decimal

from planlink.evidence.engine.bmn import IndicatorInfo, IndicatorResult
from planlink.evidence.engine.problems import (
    AccountsFacts,
    GvhComponentFacts,
    PoorFacts,
    Thresholds,
    VbdIndicatorFacts,
    analyse,
)


def bmn(
    code: str,
    eligible: int,
    passed: int,
    unit: str = "person",
    category: str = "health",
    previous: tuple[int, int] | None = None,
) -> IndicatorResult:
    info = IndicatorInfo(
        code=code,
        text_th=f"ตัวชี้วัด {code}",
        unit=unit,
        category_number=1,
        category_th="สุขภาพ",
        development_category=category,
    )
    return IndicatorResult(
        info,
        eligible,
        passed,
        previous_eligible=previous[0] if previous else None,
        previous_passed=previous[1] if previous else None,
    )


def test_one_ranked_list_across_families():
    problems = analyse(
        thresholds=Thresholds(),
        bmn=[
            bmn("6", 200, 150, previous=(180, 150)),  # 25.0 % failing, was 16.7 → +8.3
            bmn("22", 100, 97, unit="household", category="economy"),  # 3.0 %: under 5 %
            bmn("24", 300, 180),  # 40.0 %
            bmn("1", 0, 0),  # nobody eligible: never a problem
        ],
        poor=PoorFacts(households=100, failing_income=3, listed=12),
        vbd=[
            VbdIndicatorFacts(
                "1.2", "น้ำดื่ม", "infrastructure", villages_at_or_below=3, villages_assessed=10
            )
        ],
        gvh=[
            GvhComponentFacts(
                "2",
                "เศรษฐกิจดี",
                "economy",
                villages_low=1,
                villages_assessed=10,
                mean_score=Decimal("3.1"),
                scale_max=Decimal(5),
            )
        ],
        accounts=AccountsFacts(households=40, over_indebted=8, overspending=2),
    )
    assert [(p.key, p.share) for p in problems] == [
        ("bmn:24", Decimal("40.0")),
        ("vbd:1.2", Decimal("30.0")),
        ("bmn:6", Decimal("25.0")),
        ("accounts:debt", Decimal("20.0")),
        ("poor:list", Decimal("12.0")),
        ("gvh:2", Decimal("10.0")),
        ("poor:bmn", Decimal("3.0")),
    ]
    six = next(p for p in problems if p.key == "bmn:6")
    assert (six.affected, six.base, six.unit, six.category) == (50, 200, "person", "health")
    assert six.change == Decimal("8.3")


def test_thresholds_decide_what_is_a_problem():
    results = [bmn("6", 100, 92), bmn("7", 100, 97)]  # 8 % and 3 %
    assert [p.key for p in analyse(thresholds=Thresholds(), bmn=results)] == ["bmn:6"]
    strict = Thresholds(bmn_min_failed_share=Decimal("2"), bmn_min_failed_count=5)
    assert [p.key for p in analyse(thresholds=strict, bmn=results)] == ["bmn:6"]
    loose = Thresholds(bmn_min_failed_share=Decimal("2"), bmn_min_failed_count=1)
    assert [p.key for p in analyse(thresholds=loose, bmn=results)] == ["bmn:6", "bmn:7"]


def test_ties_are_broken_by_how_many_are_affected():
    problems = analyse(thresholds=Thresholds(), bmn=[bmn("6", 100, 80), bmn("7", 1000, 800)])
    assert [p.key for p in problems] == ["bmn:7", "bmn:6"]


def test_nothing_to_analyse():
    assert analyse(thresholds=Thresholds()) == []
    assert analyse(thresholds=Thresholds(), poor=PoorFacts(households=0, failing_income=0)) == []


def test_one_villages_yes_or_no_does_not_bury_measured_shares():
    """At village level a กชช.2ค score of 1 is "1 of 1 villages": shown as 100 %, but ranked
    with the weight of one village in ten, below a 25 % BMN share."""
    problems = analyse(
        thresholds=Thresholds(),
        bmn=[bmn("6", 200, 150)],  # 25 %
        vbd=[
            VbdIndicatorFacts(
                "1.2", "น้ำดื่ม", "infrastructure", villages_at_or_below=1, villages_assessed=1
            )
        ],
    )
    assert [p.key for p in problems] == ["bmn:6", "vbd:1.2"]
    assert problems[1].share == Decimal("100.0")
    # From ten villages up the share counts in full.
    wide = analyse(
        thresholds=Thresholds(),
        bmn=[bmn("6", 200, 150)],
        vbd=[
            VbdIndicatorFacts(
                "1.2", "น้ำดื่ม", "infrastructure", villages_at_or_below=3, villages_assessed=10
            )
        ],
    )
    assert [p.key for p in wide] == ["vbd:1.2", "bmn:6"]
