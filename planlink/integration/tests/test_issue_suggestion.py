"""Which province issue a tambon item is suggested for (integration.engine.issues)."""

from __future__ import annotations

from planlink.integration.engine.issues import IssueWords, suggest_issue

ISSUES = [
    IssueWords(1, 1, ("ถนน", "รางระบายน้ำ", "ไฟฟ้า", "โครงสร้างพื้นฐาน")),
    IssueWords(2, 2, ("ฝาย", "ขุดลอก", "ประปา", "แหล่งน้ำ")),
    IssueWords(3, 3, ("อาชีพ", "ผัก", "เศรษฐกิจ")),
    IssueWords(5, 5, ("ป่า", "ขยะ", "ทรัพยากรธรรมชาติ")),
]


def test_the_title_words_decide():
    assert suggest_issue(title="ก่อสร้างถนน คสล. ซอย 3 หมู่ที่ 4", issues=ISSUES).issue == 1
    assert suggest_issue(title="ขุดลอกลำเหมืองหลวง", issues=ISSUES).issue == 2
    found = suggest_issue(title="ส่งเสริมการปลูกผักปลอดสารพิษ", issues=ISSUES)
    assert (found.issue, found.because) == (3, ("ผัก",))


def test_a_place_name_does_not_suggest_an_issue():
    # ป่าตัน is a village, not a forest.
    found = suggest_issue(title="ขุดลอกหนองบัว บ้านป่าตัน หมู่ที่ 4", issues=ISSUES)
    assert found.issue == 2 and "ป่า" not in found.because


def test_the_category_and_problems_help_when_the_title_says_nothing():
    assert suggest_issue(title="จัดงานวันเด็ก", category="เศรษฐกิจ", issues=ISSUES).issue == 3
    assert (
        suggest_issue(title="จัดเวทีชุมชน", problems=["ครัวเรือนไม่คัดแยกขยะ"], issues=ISSUES).issue == 5
    )


def test_nothing_matches_nothing_is_suggested():
    assert suggest_issue(title="จัดเวทีชุมชน", issues=ISSUES).issue is None
    assert suggest_issue(title="ก่อสร้างถนน", issues=[]).issue is None
