"""The province's issues: the provincial offices set them, everyone in the province reads
them, and nobody else changes them."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from planlink.accounts.models import User
from planlink.areas.models import Area
from planlink.demo.frameworks import DEMO_ISSUE_YEAR, DEMO_ISSUES
from planlink.frameworks import services
from planlink.frameworks.models import ProvinceIssue

pytestmark = pytest.mark.django_db
YEAR = 2571  # the demo fills 2570


def _province() -> Area:
    return Area.objects.get(code="52")


def test_the_demo_sets_lampangs_issues_for_its_year():
    titles = list(
        ProvinceIssue.objects.filter(province_id="52", fiscal_year=DEMO_ISSUE_YEAR).values_list(
            "title", flat=True
        )
    )
    assert titles == [t for t, *_ in DEMO_ISSUES]
    assert set(
        ProvinceIssue.objects.filter(fiscal_year=DEMO_ISSUE_YEAR).values_list("items_up", "is_demo")
    ) == {(2, True)}


def test_the_provincial_office_adds_numbers_and_edits_issues():
    user = User.objects.get(username="province")
    first = services.issue_save(
        user=user,
        province=_province(),
        fiscal_year=YEAR,
        data=services.IssueData(title="  แหล่งน้ำ   เพื่อการเกษตร ", keywords="ฝาย, ขุดลอก"),
    )
    second = services.issue_save(
        user=user, province=_province(), fiscal_year=YEAR, data=services.IssueData(title="อาชีพ")
    )
    assert (first.number, first.title, first.keyword_list()) == (
        1,
        "แหล่งน้ำ เพื่อการเกษตร",
        ["ฝาย", "ขุดลอก"],
    )
    assert second.number == 2
    services.issue_save(
        user=user,
        province=_province(),
        fiscal_year=YEAR,
        issue=second,
        data=services.IssueData(title="อาชีพและรายได้", items_up=3),
    )
    second.refresh_from_db()
    assert (second.title, second.items_up, second.number) == ("อาชีพและรายได้", 3, 2)
    assert second.history.count() == 2


def test_a_repeated_title_or_number_is_refused_with_a_thai_message():
    user = User.objects.get(username="province")
    services.issue_save(
        user=user, province=_province(), fiscal_year=YEAR, data=services.IssueData(title="อาชีพ")
    )
    with pytest.raises(ValidationError, match="มีประเด็นที่ใช้ลำดับหรือชื่อนี้"):
        services.issue_save(
            user=user, province=_province(), fiscal_year=YEAR, data=services.IssueData(title="อาชีพ")
        )
    with pytest.raises(ValidationError, match="ลำดับ"):
        services.issue_save(
            user=user,
            province=_province(),
            fiscal_year=YEAR,
            data=services.IssueData(title="อื่น", number=1),
        )
    assert ProvinceIssue.objects.filter(fiscal_year=YEAR).count() == 1


@pytest.mark.parametrize(
    "username",
    [
        "tambon-520101",
        "officer-520101",
        "district-5201",
        "amphoe-5201",
        "village-52010101",
        "lao-3520101",
    ],
)
def test_no_one_below_the_province_sets_issues(username):
    before = ProvinceIssue.objects.count()
    with pytest.raises(PermissionDenied):
        services.issue_save(
            user=User.objects.get(username=username),
            province=_province(),
            fiscal_year=YEAR,
            data=services.IssueData(title="x"),
        )
    issue = ProvinceIssue.objects.filter(fiscal_year=DEMO_ISSUE_YEAR).first()
    with pytest.raises(PermissionDenied):
        services.issue_delete(user=User.objects.get(username=username), issue=issue)
    assert ProvinceIssue.objects.count() == before


def test_issues_are_set_by_a_province_only():
    with pytest.raises(ValidationError, match="ระดับจังหวัด"):
        services.issue_save(
            user=None,
            province=Area.objects.get(code="5201"),
            fiscal_year=YEAR,
            data=services.IssueData(title="x"),
        )


def test_a_year_starts_from_another_years_issues():
    user = User.objects.get(username="province")
    n = services.issues_copy(
        user=user, province=_province(), from_year=DEMO_ISSUE_YEAR, to_year=YEAR
    )
    assert n == len(DEMO_ISSUES)
    assert list(ProvinceIssue.objects.filter(fiscal_year=YEAR).values_list("number", "title")) == [
        (i, t) for i, (t, *_rest) in enumerate(DEMO_ISSUES, start=1)
    ]
    with pytest.raises(ValidationError):
        services.issues_copy(
            user=user, province=_province(), from_year=DEMO_ISSUE_YEAR, to_year=YEAR
        )


def test_the_page_lets_the_province_set_and_others_read(login):
    client = login("province")
    page = client.get("/areas/52/issues/?year=2571")
    assert "ยังไม่มีประเด็น" in page.content.decode() or "No issues" in page.content.decode()
    response = client.post(
        "/areas/52/issues/?year=2571",
        {"year": "2571", "title": "ถนนและไฟฟ้า", "items_up": "2", "keywords": "ถนน"},
    )
    assert response.status_code == 302
    assert ProvinceIssue.objects.filter(fiscal_year=2571, title="ถนนและไฟฟ้า").exists()

    client = login("tambon-520101")
    page = client.get("/areas/520101/issues/?year=2570").content.decode()
    assert DEMO_ISSUES[0][0] in page
    assert 'name="title"' not in page  # read-only
    response = client.post(
        "/areas/520101/issues/?year=2570", {"year": "2570", "title": "x", "items_up": "2"}
    )
    assert response.status_code == 403
    assert not ProvinceIssue.objects.filter(title="x").exists()
