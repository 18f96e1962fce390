"""Importing a tambon community plan made outside planlink into its draft (seed item 5.2).

A tambon that has its plan ranks from it: `tambon_plan_import` reads the file
(`integration.tambon_import`: every cell checked first, every problem by row and column in
Thai and English) and, only if nothing is wrong, writes every row in one transaction into the
draft of the tambon plan whose window starts in `first_year` (creating the plan if there is
none): the items through the plan services (audited, citizen IDs refused), their budgets per
year and villages, and for each a `TambonItem` (imported from the tambon's plan, accepted,
its province issue confirmed by the importing user), then one `ReviewEntry`.

A draft that already has items (consolidated, added or imported) is not imported into: the
file would mix with them. Nothing is written if the file is refused.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from planlink.accounts import plan_access
from planlink.areas.models import Area, AreaLevel
from planlink.core import audit
from planlink.core.jobs import upload_on_disk
from planlink.core.tabular import ImportRejected, Problem
from planlink.integration.models import (
    AddedFrom,
    ReviewAction,
    ReviewEntry,
    TambonItem,
    TambonItemKind,
)
from planlink.integration.tambon_import import ImportRow, read_plan
from planlink.plans.locking import lock_version
from planlink.plans.models import Plan, PlanItem, PlanLevel, PlanVersion, VersionStatus
from planlink.plans.services import ItemData, items_create, plan_create


@dataclass(frozen=True)
class TambonImportOutcome:
    plan: Plan
    version: PlanVersion
    items: int
    budget: Decimal  # all years together
    skipped: int  # heading and total rows, not items
    created_plan: bool


def _refusal(th: str, en: str) -> ImportRejected:
    return ImportRejected([Problem(None, None, th, en)])


NOT_EMPTY = (
    "แผนตำบลฉบับร่างนี้มีรายการอยู่แล้ว (จากการรวมแผนหมู่บ้านหรือที่เพิ่มไว้) จึงนำเข้าไฟล์ไม่ได้ "
    "เพราะรายการจะปนกัน ให้ใช้ร่างที่ยังไม่มีรายการ หรือทบทวนรายการที่มีในหน้าแผนตำบล",
    "this tambon plan's draft already has items (consolidated from the village plans or "
    "added), so the file is not imported: the two would mix; import into a draft without "
    "items, or review the items on the tambon plan page",
)


@contextmanager
def _on_disk(source: Any) -> Iterator[Path]:
    """A path to read: the path given, or an uploaded or open file written to a temporary
    folder for the length of the import (never kept)."""
    if isinstance(source, str | Path):
        yield Path(source)
    elif hasattr(source, "chunks"):
        with upload_on_disk(source) as path:
            yield path
    else:
        with tempfile.TemporaryDirectory(prefix="planlink-tambon-") as folder:
            path = Path(folder) / "upload"
            with path.open("wb") as handle:
                shutil.copyfileobj(source, handle)
            yield path


def _draft(plan: Plan) -> PlanVersion:
    version = plan.versions.filter(status=VersionStatus.DRAFT).order_by("-number").first()
    if version is None:
        raise _refusal(
            "แผนตำบลของช่วงปีนี้ผ่านประชาคมตำบลแล้ว ไม่มีฉบับร่างให้นำเข้า ให้จัดทำแผนเพิ่มเติม/แก้ไขก่อน",
            "this tambon plan has no draft to import into (it was approved): start a revision",
        )
    return lock_version(version.pk)


def tambon_plan_import(
    *,
    user: Any,
    tambon: Area,
    first_year: int,
    last_year: int,
    upload_path_or_file: Any,
    filename: str,
) -> TambonImportOutcome:
    """Import the tambon's own plan from a file into its plan's draft; all or nothing.

    Raises PermissionDenied for a user who does not draft this tambon's plan, ImportRejected
    (every problem, nothing written) for a file with any problem or a draft with items."""
    if tambon.level != AreaLevel.TAMBON:
        raise ValidationError("นำเข้าแผนได้ที่ระดับตำบล / a tambon plan is imported for a tambon")
    plan_access.require_create(user, PlanLevel.TAMBON, tambon.code)
    name = Path(str(filename or "upload")).name[:200]
    with transaction.atomic():
        plan = Plan.objects.filter(
            area=tambon, level=PlanLevel.TAMBON, first_year=first_year
        ).first()
        version: PlanVersion | None = None
        problems: list[Problem] = []
        if plan is not None:
            version = _draft(plan)
            plan_access.require_edit(user, version)
            if version.items.exists():
                problems.append(Problem(None, None, *NOT_EMPTY))
            years = plan.years
        else:
            if not 2400 <= first_year <= last_year <= 2700 or last_year - first_year > 9:
                raise _refusal(
                    f"ช่วงปีของแผน {first_year}–{last_year} ไม่ถูกต้อง ให้ใช้ปี พ.ศ. ต่อเนื่องกัน",
                    f"the plan's years {first_year}–{last_year} are not valid B.E. years",
                )
            years = list(range(first_year, last_year + 1))
        try:
            with _on_disk(upload_path_or_file) as path:
                reading = read_plan(path, name, tambon=tambon, years=years)
        except ImportRejected as rejected:
            total = rejected.total + len(problems)
            raise ImportRejected(problems + rejected.problems, total) from rejected
        if problems:
            raise ImportRejected(problems)
        created_plan = plan is None
        if plan is None:
            plan = plan_create(user=user, area=tambon, level=PlanLevel.TAMBON, fiscal_years=years)
            version = _draft(plan)
        assert version is not None
        from planlink.integration.proposals import plan_changed

        try:
            items = _write(user, version, reading.rows, name)
            plan_changed(plan)
        except ValidationError as exc:  # a rule the checks missed (PlanLocked too): nothing written
            raise _refusal(
                " ".join(getattr(exc, "messages", [str(exc)])),
                "the plan refused the import; nothing was written",
            ) from exc
    return TambonImportOutcome(
        plan=plan,
        version=version,
        items=len(items),
        budget=sum((a for r in reading.rows for a in r.budgets.values()), Decimal(0)),
        skipped=reading.skipped,
        created_plan=created_plan,
    )


def _write(user: Any, version: PlanVersion, rows: list[ImportRow], name: str) -> list[PlanItem]:
    demo = version.plan.is_demo
    items = items_create(
        user=user,
        version=version,
        datas=[
            ItemData(
                title=r.title,
                mode=r.mode,
                category_id=r.category_id,
                objective=r.objective,
                target=r.target,
                kpi=r.kpi,
                expected_result=r.expected_result,
                funding_source=r.funding_source,
                responsible_agency=r.responsible_agency,
                budgets=dict(r.budgets),
            )
            for r in rows
        ],
        demo=demo,
    )
    # items_create puts each item in the plan's own area; a tambon item covers villages.
    through = PlanItem.villages.through
    through.objects.filter(planitem_id__in=[i.pk for i in items]).delete()
    through.objects.bulk_create(
        through(planitem_id=item.pk, area_id=village.pk)
        for item, row in zip(items, rows, strict=True)
        for village in row.villages
    )
    now = timezone.now()
    for item in items:
        item.lineage.plan = version.plan  # for the audit rows' area, without a query each
    infos = TambonItem.objects.bulk_create(
        TambonItem(
            lineage=item.lineage,
            kind=TambonItemKind.IMPORTED,
            added_from=AddedFrom.PLAN,
            explanation=f"นำเข้าจากแผนชุมชนระดับตำบล ไฟล์ {name} แถว {row.row}",
            accepted_by=user,
            accepted_at=now,
            suggested_issue=row.issue,
            issue=row.issue,
            issue_confirmed_by=user,
            issue_confirmed_at=now,
            is_demo=demo,
        )
        for item, row in zip(items, rows, strict=True)
    )
    audit.record_bulk(TambonItem, infos, user=user, update=False, reason=f"import {name}")
    ReviewEntry.objects.create(
        version=version,
        action=ReviewAction.ADD,
        actor=user,
        summary=f"นำเข้าแผนตำบล {len(items)} รายการจากไฟล์ {name}",
        items=[i.pk for i in items],
    )
    return items
