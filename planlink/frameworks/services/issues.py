"""The province's issues (ประเด็น) of a fiscal year."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, ProtectedError

from planlink.areas.models import Area
from planlink.frameworks.models import DEFAULT_ITEMS_UP, ProvinceIssue
from planlink.frameworks.services._common import audit_as as _audit
from planlink.frameworks.services._common import require_province


@dataclass(frozen=True)
class IssueData:
    title: str
    description: str = ""
    strategy: str = ""
    keywords: str = ""
    items_up: int = DEFAULT_ITEMS_UP
    number: int | None = None  # None: after the last


def _require_province(user: Any, province: Area) -> None:
    require_province(user, province, "ประเด็นกำหนดได้ที่ระดับจังหวัดเท่านั้น / issues are set by a province")


def _duplicate_error() -> ValidationError:
    return ValidationError(
        "มีประเด็นที่ใช้ลำดับหรือชื่อนี้ในปีงบประมาณนี้แล้ว / "
        "an issue of this year already has this number or title"
    )


@transaction.atomic
def issue_save(
    *,
    user: Any,
    province: Area,
    fiscal_year: int,
    data: IssueData,
    issue: ProvinceIssue | None = None,
) -> ProvinceIssue:
    """Create an issue of the province's year, or change one."""
    _require_province(user, province)
    if issue is not None and (
        issue.province_id != province.code or issue.fiscal_year != fiscal_year
    ):
        raise ValidationError("ประเด็นนี้ไม่ใช่ของจังหวัดและปีนี้ / not an issue of this year")
    title = " ".join(data.title.split())
    if not title:
        raise ValidationError("กรุณากรอกชื่อประเด็น / the issue needs a title")
    number = data.number
    if number is None:
        if issue is not None:
            number = issue.number
        else:
            last = ProvinceIssue.objects.filter(
                province=province, fiscal_year=fiscal_year
            ).aggregate(n=Max("number"))["n"]
            number = (last or 0) + 1
    row = issue or ProvinceIssue(province=province, fiscal_year=fiscal_year)
    row.number = number
    row.title = title
    row.description = data.description.strip()
    row.strategy = " ".join(data.strategy.split())
    row.keywords = data.keywords.strip()
    row.items_up = data.items_up
    row.full_clean(validate_unique=False, validate_constraints=False)
    _audit(row, user)
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError as exc:
        raise _duplicate_error() from exc
    return row


@transaction.atomic
def issue_delete(*, user: Any, issue: ProvinceIssue) -> None:
    """Remove an issue no tambon item is filed under yet."""
    _require_province(user, issue.province)
    _audit(issue, user)
    try:
        with transaction.atomic():
            issue.delete()
    except ProtectedError as exc:
        raise ValidationError(
            "ประเด็นนี้มีโครงการของตำบลจัดอยู่แล้ว ย้ายโครงการไปประเด็นอื่นก่อนจึงจะลบได้ / "
            "tambon items are filed under this issue: move them first"
        ) from exc


@transaction.atomic
def issues_copy(*, user: Any, province: Area, from_year: int, to_year: int) -> int:
    """Start a year from another year's issues (a province keeps most of its issues)."""
    _require_province(user, province)
    if ProvinceIssue.objects.filter(province=province, fiscal_year=to_year).exists():
        raise ValidationError("ปีงบประมาณนี้มีประเด็นแล้ว / this year already has issues")
    source = list(ProvinceIssue.objects.filter(province=province, fiscal_year=from_year))
    for old in source:
        new = ProvinceIssue(
            province=province,
            fiscal_year=to_year,
            number=old.number,
            title=old.title,
            description=old.description,
            strategy=old.strategy,
            keywords=old.keywords,
            items_up=old.items_up,
            is_demo=old.is_demo,
        )
        _audit(new, user, f"copied from {from_year}")
        new.save()
    return len(source)
