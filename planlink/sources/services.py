"""Writing the other budget sources' lists: an import replaces the list's lines in one
transaction, after the whole file has been read and checked (nothing is written when it is
refused). A line found again by its key (the same words at the same place) keeps it, so the
duplicate decisions taken on it stay with it."""

from __future__ import annotations

import shutil
import tempfile
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from planlink.accounts import access
from planlink.areas.models import Area, LocalGovernment
from planlink.core import audit
from planlink.core.jobs import upload_on_disk
from planlink.core.project_text import place_key
from planlink.core.tabular import ImportRejected, Problem
from planlink.sources import signals
from planlink.sources.importers.common import LineData, ReadList, line_key
from planlink.sources.models import BudgetSource, SourceKind, SourceLine, SourceList
from planlink.sources.places import Resolver


@contextmanager
def on_disk(source: Any) -> Iterator[Path]:
    """A path to read: the path given, or an upload written to a temporary folder."""
    if isinstance(source, str | Path):
        yield Path(source)
    elif hasattr(source, "chunks"):
        with upload_on_disk(source) as path:
            yield path
    else:
        with tempfile.TemporaryDirectory(prefix="planlink-source-") as folder:
            path = Path(folder) / "upload"
            with path.open("wb") as handle:
                shutil.copyfileobj(source, handle)
            yield path


def body_key(body: str) -> str:
    return place_key(" ".join(body.split())).lower()


def _denied() -> PermissionDenied:
    return PermissionDenied(
        "คุณไม่มีสิทธิ์นำเข้าบัญชีโครงการของพื้นที่นี้ / you may not import project lists here"
    )


def require_import(user: Any, *, area: Area, local_government: LocalGovernment | None) -> None:
    if user is None:
        return
    villages = (
        list(local_government.villages.values_list("code", flat=True)) if local_government else []
    )
    allowed = access.can_import_source(
        user,
        area_code=area.code,
        local_government=local_government.code if local_government else None,
        villages=villages,
    )
    if not allowed:
        raise _denied()


def scope_of(local_government: LocalGovernment) -> tuple[Area, list[str]]:
    """A local government's list covers its villages; its area is the smallest holding them."""
    from planlink.sources.places import common_area

    villages = list(local_government.villages.values_list("code", flat=True))
    code = common_area(villages) or (local_government.seat_id or "")
    return Area.objects.get(code=code), villages


def source_list_write(
    *,
    user: Any,
    kind: str,
    body: str,
    area: Area,
    read: ReadList,
    file_name: str,
    budget_source: str,
    local_government: LocalGovernment | None = None,
    villages: list[str] | None = None,
    title: str = "",
    demo: bool = False,
) -> SourceList:
    """Write (or replace) the list of `body` for the years read, with its lines placed."""
    require_import(user, area=area, local_government=local_government)
    if kind not in SourceKind.values or budget_source not in BudgetSource.values:
        raise ValueError(f"unknown kind {kind!r} or budget source {budget_source!r}")
    resolver = Resolver(area.code, villages)
    first, last = read.years
    rows = _lines(read.lines, resolver)
    with transaction.atomic():
        source_list, created = SourceList.objects.select_for_update().get_or_create(
            kind=kind,
            body_key=body_key(body),
            first_year=first,
            defaults={
                "body": body,
                "area": area,
                "local_government": local_government,
                "budget_source": budget_source,
                "last_year": last,
                "title": title or body,
                "file_name": file_name,
                "notes": read.notes,
                "imported_by": user,
                "is_demo": demo,
            },
        )
        if not created:
            source_list.body = body
            source_list.area = area
            source_list.local_government = local_government
            source_list.budget_source = budget_source
            source_list.last_year = last
            source_list.title = title or body
            source_list.file_name = file_name
            source_list.notes = read.notes
            source_list.imported_by = user
            source_list.imports += 1
        audit.stamp(source_list, user, f"import {file_name}")
        source_list.save()
        source_list.lines.all().delete()
        for row in rows:
            row.source_list = source_list
        SourceLine.objects.bulk_create(rows, batch_size=500)
        signals.list_changed.send(sender=SourceList, source_list=source_list)
    return source_list


def _lines(lines: list[LineData], resolver: Resolver) -> list[SourceLine]:
    seen: Counter[tuple[str, str]] = Counter()
    out = []
    for position, line in enumerate(lines, start=1):
        where = resolver.resolve(line.title, line.target, line.place)
        place_words = line.place or line.target
        seen[(line.title, place_words)] += 1
        budgets = {str(y): str(a) for y, a in sorted(line.budgets.items()) if y}
        out.append(
            SourceLine(
                key=line_key(line.title, place_words, seen[(line.title, place_words)]),
                position=position,
                sheet=line.sheet[:60],
                row=line.row,
                form=line.form,
                number=line.number[:30],
                strategy=line.strategy[:300],
                programme=line.programme[:300],
                project=line.project[:300],
                title=line.title[:300],
                objective=line.objective,
                target=line.target,
                place=line.place[:300],
                unit=line.unit[:200],
                budget_source=line.budget_source,
                first_year=line.first_year,
                last_year=line.last_year,
                budgets=budgets,
                total=line.total,
                area_id=where.area,
                villages=list(where.villages),
            )
        )
    return out


def source_list_delete(*, user: Any, source_list: SourceList) -> None:
    require_import(user, area=source_list.area, local_government=source_list.local_government)
    with transaction.atomic():
        pk = source_list.pk
        source_list.lines.all().delete()
        audit.stamp(source_list, user, "deleted")
        source_list.delete()
        signals.list_changed.send(sender=SourceList, source_list=None, deleted=pk)


def local_plan_import(
    *, user: Any, local_government: LocalGovernment, source: Any, filename: str, demo: bool = False
) -> SourceList:
    """Import a local government's development plan workbook (ผ.01/ผ.02), all or nothing."""
    from planlink.sources.importers.local_plan import read_local_plan

    area, villages = scope_of(local_government)
    require_import(user, area=area, local_government=local_government)
    with on_disk(source) as path:
        read = read_local_plan(path, filename)
    first, last = read.years
    return source_list_write(
        user=user,
        kind=SourceKind.LOCAL_PLAN,
        body=local_government.name_th,
        area=area,
        read=read,
        file_name=filename,
        budget_source=BudgetSource.LAO,
        local_government=local_government,
        villages=villages,
        title=f"แผนพัฒนาท้องถิ่น (พ.ศ. {first}–{last}) {local_government.name_th}",
        demo=demo,
    )


def refused(th: str, en: str) -> ImportRejected:
    return ImportRejected([Problem(None, None, th, en)])


def provincial_list_import(
    *,
    user: Any,
    area: Area,
    body: str,
    source: Any,
    filename: str,
    budget_source: str = BudgetSource.PROVINCE,
    title: str = "",
    demo: bool = False,
) -> SourceList:
    """Import a provincial (or provincial-group) project list covering `area`."""
    from planlink.sources.importers.lists import read_provincial

    require_import(user, area=area, local_government=None)
    body = " ".join(body.split())
    if not body:
        raise refused("ต้องระบุหน่วยงานเจ้าของบัญชี", "the list's source body is required")
    with on_disk(source) as path:
        read = read_provincial(path, filename, default_source=budget_source)
    first, last = read.years
    return source_list_write(
        user=user,
        kind=SourceKind.PROVINCIAL,
        body=body,
        area=area,
        read=read,
        file_name=filename,
        budget_source=budget_source,
        title=title or f"บัญชีโครงการ {body} (พ.ศ. {first}–{last})",
        demo=demo,
    )


def agency_list_import(
    *,
    user: Any,
    area: Area,
    body: str,
    source: Any,
    filename: str,
    mapping: dict[str, str],
    years: tuple[int, int] | None = None,
    title: str = "",
    demo: bool = False,
) -> SourceList:
    """Import an agency's request list with the columns a person mapped; the mapping is
    remembered for the body's next file."""
    from planlink.sources.importers.lists import read_agency
    from planlink.sources.models import ColumnMapping

    require_import(user, area=area, local_government=None)
    body = " ".join(body.split())
    if not body:
        raise refused("ต้องระบุหน่วยงานเจ้าของบัญชี", "the list's source body is required")
    with on_disk(source) as path:
        read = read_agency(path, filename, mapping=mapping, default_years=years)
    first, last = read.years
    with transaction.atomic():
        source_list = source_list_write(
            user=user,
            kind=SourceKind.AGENCY,
            body=body,
            area=area,
            read=read,
            file_name=filename,
            budget_source=BudgetSource.AGENCY,
            title=title or f"บัญชีคำขอ {body} (พ.ศ. {first}–{last})",
            demo=demo,
        )
        ColumnMapping.objects.update_or_create(
            body_key=body_key(body),
            defaults={"body": body, "mapping": dict(mapping), "updated_by": user},
        )
    return source_list


def remembered_mapping(body: str) -> dict[str, str]:
    from planlink.sources.models import ColumnMapping

    row = ColumnMapping.objects.filter(body_key=body_key(body)).first()
    return dict(row.mapping) if row else {}
