"""Writes of the strategy frameworks: a framework and its span of years, its nodes one by one,
the whole tree from an XLSX/CSV file (validated first, all-or-nothing), and a new version for
another span of years. The owner of each kind is decided by `access.can_edit_framework`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from planlink.accounts import access
from planlink.areas.models import Area, LocalGovernment
from planlink.core.tabular import Column, ImportRejected, ProblemLog, read_table
from planlink.core.thai import to_arabic_digits as arabic_digits
from planlink.frameworks.models import (
    KIND_LEVEL,
    NATIONAL_KINDS,
    Framework,
    FrameworkKind,
    FrameworkNode,
)
from planlink.frameworks.services._common import audit_as, one_line, refuse_citizen_ids

CODE = re.compile(r"^[0-9]{1,3}(?:\.[0-9]{1,3}){0,4}$")
MAX_TITLE = 500


def can_edit(user: Any, framework: Framework) -> bool:
    return user is None or access.can_edit_framework(
        user,
        kind=framework.kind,
        area_code=framework.area_id,
        local_government=framework.local_government_id,
    )


def _require(user: Any, framework: Framework) -> None:
    if not can_edit(user, framework):
        raise PermissionDenied


@dataclass(frozen=True)
class FrameworkData:
    kind: str
    title: str
    first_year: int
    last_year: int


def _check_owner(kind: str, area: Area | None, local_government: LocalGovernment | None) -> None:
    if kind in NATIONAL_KINDS:
        if area is not None or local_government is not None:
            raise ValidationError("กรอบระดับชาติไม่มีพื้นที่เจ้าของ / a national framework has no area")
        return
    if kind == FrameworkKind.LOCAL:
        if local_government is None:
            raise ValidationError(
                "ยุทธศาสตร์ขององค์กรปกครองส่วนท้องถิ่นต้องระบุ อปท. / "
                "a local strategy needs its local government"
            )
        return
    if area is None or area.level != KIND_LEVEL[kind]:
        raise ValidationError(
            "กรอบนี้ต้องเป็นของพื้นที่ระดับที่ถูกต้อง (จังหวัดหรืออำเภอ) / "
            "this framework belongs to an area of its level (a province or a district)"
        )


def _check_years(first: int, last: int) -> None:
    if not (2500 <= first <= 2700 and 2500 <= last <= 2700):
        raise ValidationError(
            "ปีงบประมาณต้องเป็นปี พ.ศ. เช่น 2570 / fiscal years are Buddhist-Era years such as 2570"
        )
    if first > last:
        raise ValidationError("ปีแรกต้องไม่เกินปีสุดท้าย / the first year cannot be after the last")


@transaction.atomic
def framework_create(
    *,
    user: Any,
    data: FrameworkData,
    area: Area | None = None,
    local_government: LocalGovernment | None = None,
    demo: bool = False,
) -> Framework:
    """A new framework (empty, or filled by `framework_import` or node by node)."""
    _check_owner(data.kind, area, local_government)
    _check_years(data.first_year, data.last_year)
    title = one_line(data.title)
    if not title:
        raise ValidationError("กรุณากรอกชื่อกรอบยุทธศาสตร์ / the framework needs a title")
    refuse_citizen_ids({"title": title})
    row = Framework(
        kind=data.kind,
        area=area,
        local_government=local_government,
        title=title,
        first_year=data.first_year,
        last_year=data.last_year,
        is_demo=demo,
    )
    _require(user, row)
    overlapping = Framework.objects.filter(
        kind=data.kind,
        area=area,
        local_government=local_government,
        first_year__lte=data.last_year,
        last_year__gte=data.first_year,
    )
    if overlapping.exists():
        raise ValidationError(
            "มีกรอบนี้ที่ครอบคลุมปีงบประมาณเหล่านี้อยู่แล้ว ให้แก้ไขฉบับเดิม หรือสร้างฉบับใหม่สำหรับช่วงปีถัดไป / "
            "a version of this framework already covers these years: edit it, or start a version "
            "for the years after it"
        )
    audit_as(row, user)
    row.save()
    return row


@transaction.atomic
def framework_update(*, user: Any, framework: Framework, title: str, last_year: int) -> Framework:
    _require(user, framework)
    _check_years(framework.first_year, last_year)
    title = one_line(title)
    if not title:
        raise ValidationError("กรุณากรอกชื่อกรอบยุทธศาสตร์ / the framework needs a title")
    refuse_citizen_ids({"title": title})
    later = Framework.objects.filter(
        kind=framework.kind,
        area_id=framework.area_id,
        local_government_id=framework.local_government_id,
        first_year__gt=framework.first_year,
        first_year__lte=last_year,
    )
    if later.exists():
        raise ValidationError(
            "ช่วงปีนี้ทับกับฉบับถัดไป / these years overlap the next version of this framework"
        )
    framework.title, framework.last_year = title, last_year
    audit_as(framework, user)
    framework.save()
    return framework


@transaction.atomic
def framework_new_version(
    *, user: Any, framework: Framework, first_year: int, last_year: int
) -> Framework:
    """The framework for a later span of years, starting from a copy of its tree: the
    alignments made to the earlier version stay with it."""
    _require(user, framework)
    if first_year <= framework.last_year:
        raise ValidationError(
            f"ฉบับใหม่ต้องเริ่มหลังปี {framework.last_year} / a new version starts after "
            f"{framework.last_year}"
        )
    new = framework_create(
        user=user,
        data=FrameworkData(framework.kind, framework.title, first_year, last_year),
        area=framework.area,
        local_government=framework.local_government,
        demo=framework.is_demo,
    )
    by_code: dict[str, FrameworkNode] = {}
    for node in framework.nodes.order_by("sort_key"):
        copy = FrameworkNode(
            framework=new,
            code=node.code,
            title=node.title,
            keywords=node.keywords,
            parent=by_code.get(_parent_code(node.code) or ""),
        )
        audit_as(copy, user)
        copy.save()
        by_code[copy.code] = copy
    return new


def _parent_code(code: str) -> str | None:
    return code.rsplit(".", 1)[0] if "." in code else None


def _clean_code(raw: str) -> str:
    return arabic_digits(raw).strip().rstrip(".").replace(" ", "")


@dataclass(frozen=True)
class NodeData:
    code: str
    title: str
    keywords: str = ""


@transaction.atomic
def node_save(
    *, user: Any, framework: Framework, data: NodeData, node: FrameworkNode | None = None
) -> FrameworkNode:
    """Add a node (its parent is the code without its last part, and must exist) or change
    one; a node with nodes under it keeps its number."""
    _require(user, framework)
    if node is not None and node.framework_id != framework.pk:
        raise ValidationError("รายการนี้ไม่ใช่ของกรอบนี้ / not a node of this framework")
    code = _clean_code(data.code)
    if not CODE.match(code):
        raise ValidationError(
            {"code": "เลขที่ต้องเป็นตัวเลขคั่นด้วยจุด เช่น 2 หรือ 2.3 / the number is digits "
             "separated by dots, such as 2 or 2.3"}
        )  # fmt: skip
    title = one_line(data.title)
    if not title:
        raise ValidationError({"title": "กรุณากรอกชื่อ / the title is required"})
    if len(title) > MAX_TITLE:
        raise ValidationError(
            {"title": f"ชื่อยาวเกิน {MAX_TITLE} ตัวอักษร / over {MAX_TITLE} characters"}
        )
    refuse_citizen_ids({"title": title, "keywords": data.keywords})
    parent = None
    parent_code = _parent_code(code)
    if parent_code is not None:
        parent = framework.nodes.filter(code=parent_code).first()
        if parent is None:
            raise ValidationError(
                {"code": f"ยังไม่มีรายการเลขที่ {parent_code} ที่จะเป็นรายการแม่ เพิ่มรายการนั้นก่อน / "
                 f"there is no {parent_code} to put it under: add that first"}
            )  # fmt: skip
    if node is not None and node.code != code and node.children.exists():
        raise ValidationError(
            {"code": "รายการนี้มีรายการย่อยอยู่ จึงเปลี่ยนเลขที่ไม่ได้ / it has nodes under it: "
             "its number cannot change"}
        )  # fmt: skip
    row = node or FrameworkNode(framework=framework)
    row.code, row.title, row.keywords, row.parent = code, title, data.keywords.strip(), parent
    audit_as(row, user)
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError as exc:
        raise ValidationError(
            {"code": f"มีรายการเลขที่ {code} อยู่แล้ว / there is already a {code}"}
        ) from exc
    return row


@transaction.atomic
def node_delete(*, user: Any, node: FrameworkNode) -> None:
    _require(user, node.framework)
    if node.children.exists():
        raise ValidationError("ลบรายการย่อยก่อนจึงจะลบรายการนี้ได้ / remove the nodes under it first")
    if node.alignments.exists():
        raise ValidationError(
            "มีโครงการเชื่อมโยงกับรายการนี้อยู่ จึงลบไม่ได้ / projects are aligned with it: it "
            "cannot be removed"
        )
    audit_as(node, user)
    node.delete()


# --- The tree from a file -------------------------------------------------------------------

COLUMNS = (
    Column("code", "เลขที่", "number", aliases=("ลำดับ", "รหัส", "ข้อ", "no", "code")),
    Column("title", "ชื่อ", "title", aliases=("ยุทธศาสตร์/แผนงาน", "รายการ", "ประเด็น", "name")),
    Column("keywords", "คำสำคัญ", "keywords", aliases=("คำที่ใช้แนะนำ",), required=False),
)


@dataclass(frozen=True)
class ImportResult:
    added: int
    changed: int
    removed: int


def framework_import(
    *, user: Any, framework: Framework, path: Path | str, original_name: str | None = None
) -> ImportResult:
    """Replace the framework's tree with the file's (one row per node: number, title, and
    optionally the words that suggest it). Every row is checked first; on any problem
    nothing is written. Nodes kept by number keep their alignments; a node with aligned
    projects cannot be left out of the file."""
    _require(user, framework)
    table = read_table(Path(path), COLUMNS, original_name=original_name, limits="edition")
    log = ProblemLog()
    for problem in table.problems:
        log.add(problem)
    rows: list[tuple[str, str, str]] = []
    seen: dict[str, int] = {}
    frame = table.frame
    keywords = frame["keywords"].to_list() if "keywords" in frame.columns else [""] * frame.height
    for row_no, raw_code, raw_title, raw_words in zip(
        frame["_row"].to_list(), frame["code"].to_list(), frame["title"].to_list(), keywords,
        strict=True,
    ):  # fmt: skip
        code = _clean_code(raw_code or "")
        title = one_line(raw_title or "")
        column_code, column_title = table.header("code"), table.header("title")
        if not CODE.match(code):
            log.note(
                row_no,
                column_code,
                f"เลขที่ '{raw_code or ''}' ไม่ถูกต้อง ต้องเป็นตัวเลขคั่นด้วยจุด เช่น 2 หรือ 2.3",
                f"number '{raw_code or ''}' is not digits separated by dots, such as 2 or 2.3",
            )
            continue
        if code in seen:
            log.note(row_no, column_code, f"เลขที่ {code} ซ้ำกับแถว {seen[code]}",
                     f"number {code} repeats row {seen[code]}")  # fmt: skip
            continue
        seen[code] = row_no
        if not title:
            log.note(row_no, column_title, "ไม่มีชื่อ", "the title is empty")
        elif len(title) > MAX_TITLE:
            log.note(row_no, column_title, f"ชื่อยาวเกิน {MAX_TITLE} ตัวอักษร",
                     f"the title is over {MAX_TITLE} characters")  # fmt: skip
        rows.append((code, title, (raw_words or "").strip()))
    for code, _title, _words in rows:
        parent = _parent_code(code)
        if parent is not None and parent not in seen:
            log.note(seen[code], table.header("code"),
                     f"ไม่มีรายการเลขที่ {parent} ในไฟล์ ที่จะเป็นรายการแม่ของ {code}",
                     f"there is no {parent} in the file to put {code} under")  # fmt: skip
    existing = {n.code: n for n in framework.nodes.all()}
    aligned = set(framework.nodes.filter(alignments__isnull=False).values_list("code", flat=True))
    for code in sorted(aligned - set(seen)):
        log.note(
            None,
            table.header("code"),
            f"รายการเลขที่ {code} ({existing[code].title}) มีโครงการเชื่อมโยงอยู่ ต้องคงไว้ในไฟล์",
            f"{code} ({existing[code].title}) has aligned projects: keep it in the file",
        )
    texts = {f"{c}": f"{t} {w}" for c, t, w in rows}
    try:
        refuse_citizen_ids(texts)
    except ValidationError as exc:
        for code, messages_ in exc.message_dict.items():
            log.note(
                seen.get(code), None, messages_[0].split(" / ")[0], messages_[0].split(" / ")[-1]
            )
    if log.total:
        raise ImportRejected(log.items, log.total)
    return _write_tree(user, framework, rows, existing)


@transaction.atomic
def _write_tree(
    user: Any,
    framework: Framework,
    rows: list[tuple[str, str, str]],
    existing: dict[str, FrameworkNode],
) -> ImportResult:
    added = changed = 0
    by_code: dict[str, FrameworkNode] = {}
    wanted = {code for code, _t, _w in rows}
    # Deepest first, so a node goes before the one it is under.
    removed = [n for code, n in existing.items() if code not in wanted]
    for node in sorted(removed, key=lambda n: -n.depth):
        audit_as(node, user, "import")
        node.delete()
    for code, title, words in sorted(rows, key=lambda r: r[0].count(".")):
        found = existing.get(code)
        parent = by_code.get(_parent_code(code) or "")
        if found is None:
            node = FrameworkNode(framework=framework, code=code)
            added += 1
        elif (found.title, found.keywords, found.parent_id) != (
            title,
            words,
            parent.pk if parent else None,
        ):
            node = found
            changed += 1
        else:
            node = found
            by_code[code] = node
            continue
        node.title, node.keywords, node.parent = title, words, parent
        audit_as(node, user, "import")
        node.save()
        by_code[code] = node
    return ImportResult(added=added, changed=changed, removed=len(removed))
