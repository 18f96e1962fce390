"""Reading an Excel/CSV plan file row by row: every cell checked, each problem by row and column."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import partial
from typing import Any

from planlink.core.tabular import ROW, Problem, Table
from planlink.core.thai import ThaiValueError, parse_budget, parse_int, to_arabic_digits
from planlink.evidence.models import DevelopmentCategory
from planlink.plans.excel.cells import (
    _amount,
    _clean_text,
    _date,
    _days,
    _problems,
)
from planlink.plans.excel.columns import (
    _BUDGET_SLOTS,
    _FUNDING_WORDS,
    _MARKER,
    _MAX_LENGTH,
    _MODE_HELP,
    _MODE_WORDS,
    _STATUS_WORDS,
    _TEXT_FIELDS,
    FUNDING_TH,
    MODE_TH,
    STATUS_TH,
    header_year,
)
from planlink.plans.excel.export import (
    _categories,
    _item_data,
    _items_of,
)
from planlink.plans.freetext import citizen_id_problem
from planlink.plans.models import (
    FundingSource,
    ItemStatus,
    PlanItem,
    PlanVersion,
    WorkingGroup,
)
from planlink.plans.services import (
    ItemData,
)


@dataclass
class _Row:
    row: int
    order: tuple[float, int]
    target: PlanItem | None
    data: ItemData


@dataclass
class _Context:
    version: PlanVersion
    items: dict[int, PlanItem]  # this version's items by id
    by_origin: dict[int, PlanItem]  # this version's items by the id they were copied from
    categories: dict[str, int]  # normalized name/code → id
    category_names: list[str]
    groups: dict[str, int]
    group_names: list[str]
    years: list[int]
    problems: list[Problem] = field(default_factory=list)

    def add(self, row: int | None, column: str | None, th: str, en: str) -> None:
        self.problems.append(Problem(row, column, th, en))


def _norm(text: str) -> str:
    """For comparing choice words: digits Arabic, case and spacing/punctuation ignored."""
    return re.sub(r"[\s.()/\-_,:]+", "", to_arabic_digits(str(text)).casefold())


def _choice_table(labels: Mapping[Any, str], words: Mapping[Any, Sequence[str]]) -> dict[str, str]:
    table: dict[str, str] = {}
    for value, label in labels.items():
        for word in (str(value), label, *words.get(value, ())):
            table.setdefault(_norm(word), str(value))
    return table


MODE_CHOICES = _choice_table(MODE_TH, _MODE_WORDS)
FUNDING_CHOICES = _choice_table(FUNDING_TH, _FUNDING_WORDS)
STATUS_CHOICES = _choice_table(STATUS_TH, _STATUS_WORDS)


def _lookup(text: str, table: dict[str, str]) -> str | None:
    """The value `text` names; "ทำเอง (self)" and "self/ทำเอง" are read part by part too, and
    must then agree ("ทำเอง/ทำร่วม" names nothing)."""
    found = table.get(_norm(text))
    if found:
        return found
    named = {table[_norm(p)] for p in re.split(r"[()/]", text) if p.strip() and _norm(p) in table}
    return named.pop() if len(named) == 1 else None


def _name_key(text: str) -> str:
    return " ".join(to_arabic_digits(str(text)).split()).casefold()


def _context(version: PlanVersion) -> _Context:
    items = {i.pk: i for i in _items_of(version)}
    categories: dict[str, int] = {}
    all_categories = list(DevelopmentCategory.objects.all())
    for category in all_categories:
        for word in (category.name_th, category.code, category.name_en):
            if word:
                categories.setdefault(_name_key(word), category.pk)
    groups = list(WorkingGroup.objects.filter(area_id=version.plan.area_id))
    return _Context(
        version=version,
        items=items,
        by_origin={i.origin_id: i for i in items.values() if i.origin_id},
        categories=categories,
        category_names=[c.name_th for c in _categories()],
        groups={_name_key(g.name): g.pk for g in groups},
        group_names=[g.name for g in groups],
        years=version.plan.years,
    )


def _year_columns(table: Table, context: _Context) -> dict[str, int]:
    """Slot key → fiscal year, for the budget columns in the plan window (others reported)."""
    slots: dict[str, int] = {}
    seen: dict[int, str] = {}
    frame = table.frame
    for n in range(_BUDGET_SLOTS):
        key = f"budget_{n}"
        if key not in table.headers:
            continue
        header = table.header(key)
        year = header_year(header)
        if year is None:  # pragma: no cover - the slot matched it
            continue
        if year in seen:
            context.add(
                None,
                header,
                f"มีคอลัมน์งบประมาณปี {year} ซ้ำ ('{seen[year]}' และ '{header}') ให้เหลือคอลัมน์เดียว",
                f"two budget columns for {year} ('{seen[year]}' and '{header}'); keep one",
            )
            continue
        seen[year] = header
        if year in context.years:
            slots[key] = year
            continue
        # Out of the window: harmless while empty, refused where it holds a figure.
        first, last = context.years[0], context.years[-1]
        for row, value in frame.select(ROW, key).iter_rows():
            if value is None or not _filled(value):
                continue
            context.add(
                row,
                header,
                f"ปี {year} อยู่นอกช่วงปีของแผน {first}–{last} ย้ายงบประมาณไปปีในช่วงแผน หรือลบค่าในคอลัมน์นี้",
                f"{year} is outside the plan's years {first}–{last}; move the budget into the "
                "window or clear this column",
            )
    return slots


def _filled(value: object) -> bool:
    """Does a budget cell hold something (a figure, or text that is not a blank or a dash)?"""
    try:
        return parse_budget(value) is not None
    except ThaiValueError:
        return True


def _citizen_ids(table: Table, context: _Context) -> None:
    """Every cell read from the file that holds a citizen ID, by row and column."""
    keys = [key for key in table.frame.columns if key != ROW]
    for record in table.frame.select(ROW, *keys).iter_rows(named=True):
        for key in keys:
            problem = citizen_id_problem(record[key])
            if problem is not None:
                context.add(record[ROW], table.header(key), *problem)


def _parse(table: Table, context: _Context) -> list[_Row]:
    _citizen_ids(table, context)
    marker = None
    if "item_id" in table.headers:
        found = _MARKER.search(table.header("item_id"))
        marker = int(found.group(1)) if found else None
    reader = _RowReader(
        table=table,
        context=context,
        slots=_year_columns(table, context),
        foreign_file=marker is not None and marker != context.version.pk,
    )
    return [reader.read(record) for record in table.frame.iter_rows(named=True)]


@dataclass
class _RowReader:
    """Reads one file row into the item it describes, noting every problem in the context.

    A column missing from the file leaves the item's field as it is, so every step reads only
    the columns present and puts what it read into `values`."""

    table: Table
    context: _Context
    slots: dict[str, int]  # budget column key → fiscal year
    foreign_file: bool  # exported from another version: unknown ids are new items
    taken: dict[int, int] = field(default_factory=dict)  # item id → file row that took it
    record: dict[str, Any] = field(default_factory=dict)
    row: int = 0

    def read(self, record: dict[str, Any]) -> _Row:
        self.record, self.row = record, record[ROW]
        target = self._target()
        data = _item_data(target) if target else ItemData(title="", mode="", category_id=0)
        values: dict[str, Any] = {}
        self._texts(values)
        self._choices(values)
        self._amounts(values, data.budgets)
        self._dates(values)
        if self.present("problems"):
            problems = _problems(
                record.get("problems"),
                record.get("problem_details"),
                data.problems if target is not None else [],
                partial(self.add, "problems"),
            )
            if problems is not None:
                values["problems"] = problems
        data = replace(data, **values)
        self._check_together(data)
        return _Row(
            row=self.row, order=(self._priority(target), self.row), target=target, data=data
        )

    def present(self, key: str) -> bool:
        return key in self.table.headers

    def add(self, key: str, th: str, en: str) -> None:
        self.context.add(self.row, self.table.header(key), th, en)

    def _target(self) -> PlanItem | None:
        """The item the row's id names: of this version, or copied into it by a revision."""
        raw = self.record.get("item_id")
        if raw is None:
            return None
        try:
            item_id = parse_int(raw)
        except ThaiValueError as exc:
            self.add("item_id", exc.th, exc.en)
            return None
        target = self.context.items.get(item_id) or self.context.by_origin.get(item_id)
        if target is None:
            if not self.foreign_file:
                self.add(
                    "item_id",
                    f"รหัสรายการ {item_id} ไม่ใช่รายการของแผนฉบับนี้ (อาจถูกลบไปแล้ว) "
                    "ถ้าเป็นรายการใหม่ให้เว้นรหัสว่าง",
                    f"item id {item_id} is not an item of this plan version (perhaps deleted); "
                    "leave the id blank for a new item",
                )
            return None
        if target.pk in self.taken:
            self.add(
                "item_id",
                f"รหัสรายการ {item_id} ซ้ำกับแถว {self.taken[target.pk]} "
                "แถวที่คัดลอกมาเป็นรายการใหม่ต้องเว้นรหัสว่าง",
                f"item id {item_id} repeats row {self.taken[target.pk]}; a copied row for a "
                "new item must leave the id blank",
            )
            return None
        self.taken[target.pk] = self.row
        return target

    def _texts(self, values: dict[str, Any]) -> None:
        for name in _TEXT_FIELDS:
            if not self.present(name):
                continue
            raw = self.record.get(name)
            value = "" if raw is None else _clean_text(raw)
            limit = _MAX_LENGTH.get(name)
            if limit and len(value) > limit:
                self.add(
                    name,
                    f"ข้อความยาว {len(value)} ตัวอักษร เกิน {limit} ตัวอักษร",
                    f"the text has {len(value)} characters, more than {limit}",
                )
            values[name] = value
        if self.present("title") and not values["title"]:
            self.add("title", "ต้องระบุชื่อโครงการ/กิจกรรม", "the project or activity needs a title")

    def _choices(self, values: dict[str, Any]) -> None:
        record, add = self.record, self.add
        if self.present("mode"):
            raw = record.get("mode")
            if raw is None:
                add(
                    "mode", f"ต้องระบุวิธีดำเนินการ: {_MODE_HELP}", f"the mode is required: {_MODE_HELP}"
                )
            elif (mode := _lookup(raw, MODE_CHOICES)) is None:
                add(
                    "mode",
                    f"ไม่รู้จักวิธีดำเนินการ '{raw}' ให้ใช้ {_MODE_HELP}",
                    f"unknown mode '{raw}'; use {_MODE_HELP}",
                )
            else:
                values["mode"] = mode
        if self.present("funding_source"):
            raw = record.get("funding_source")
            if raw is None:
                values["funding_source"] = FundingSource.COMMUNITY.value
            elif (source := _lookup(raw, FUNDING_CHOICES)) is None:
                add(
                    "funding_source",
                    f"ไม่รู้จักแหล่งงบประมาณ '{raw}' ให้เลือก: {' / '.join(FUNDING_TH.values())}",
                    f"unknown funding source '{raw}'; choose one of: "
                    "community, lao, district, province, agency, none",
                )
            else:
                values["funding_source"] = source
        if self.present("status"):
            raw = record.get("status")
            if raw is None:
                values["status"] = ItemStatus.PROPOSED.value
            elif (status := _lookup(raw, STATUS_CHOICES)) is None:
                add(
                    "status",
                    f"ไม่รู้จักสถานะ '{raw}' ให้เลือก: {' / '.join(STATUS_TH.values())}",
                    f"unknown status '{raw}'; choose proposed, in progress, done or dropped",
                )
            else:
                values["status"] = status
        if self.present("working_group"):
            raw = record.get("working_group")
            names = " / ".join(self.context.group_names)
            if raw is None:
                values["working_group_id"] = None
            elif (group := self.context.groups.get(_name_key(raw))) is None:
                add(
                    "working_group",
                    f"ไม่มีคณะทำงาน '{raw}' ในหมู่บ้านนี้ ให้เลือก: {names}",
                    f"the village has no working group '{raw}'; choose one of the listed groups",
                )
            else:
                values["working_group_id"] = group
        if self.present("category"):
            raw = record.get("category")
            names = " / ".join(self.context.category_names)
            if raw is None:
                add("category", "ต้องระบุด้านการพัฒนา", "the development category is required")
            elif (category := self.context.categories.get(_name_key(raw))) is None:
                add(
                    "category",
                    f"ไม่รู้จักด้าน '{raw}' ให้เลือก: {names}",
                    f"unknown development category '{raw}'; choose one of the listed categories",
                )
            else:
                values["category_id"] = category

    def _amounts(self, values: dict[str, Any], budgets: dict[int, Decimal]) -> None:
        budgets = dict(budgets)  # years without a column in the file keep their budget
        for key, year in self.slots.items():
            try:
                amount = parse_budget(self.record.get(key))
            except ThaiValueError as exc:
                self.add(key, exc.th, exc.en)
                continue
            if amount is None:
                budgets.pop(year, None)
            else:
                budgets[year] = amount
        values["budgets"] = budgets
        for name in ("contribution_cash", "contribution_in_kind_value"):
            if self.present(name):
                amount = _amount(self.record.get(name), partial(self.add, name))
                if amount is not None:
                    values[name] = amount
        name = "contribution_labour_days"
        if self.present(name):
            days = _days(self.record.get(name), partial(self.add, name))
            if days is not None:
                values[name] = days

    def _dates(self, values: dict[str, Any]) -> None:
        for name in ("start_date", "end_date"):
            if not self.present(name):
                continue
            raw = self.record.get(name)
            try:
                values[name] = None if raw is None else _date(raw)
            except ThaiValueError as exc:
                self.add(name, exc.th, exc.en)

    def _check_together(self, data: ItemData) -> None:
        """Rules between fields, checked on the item as it will be."""
        if data.status == ItemStatus.DROPPED and not data.dropped_reason.strip():
            self.add(
                "dropped_reason" if self.present("dropped_reason") else "status",
                "รายการที่ยกเลิกต้องระบุเหตุผลที่ยกเลิก",
                "a dropped item needs the reason it was dropped",
            )
        if data.start_date and data.end_date and data.end_date < data.start_date:
            self.add("end_date", "วันสิ้นสุดอยู่ก่อนวันเริ่มต้น", "the end is before the start")

    def _priority(self, target: PlanItem | None) -> float:
        """The number rows are sorted by (blank: last; no column: the item's own)."""
        if not self.present("priority"):
            return target.priority if target is not None else float("inf")
        raw = self.record.get("priority")
        if raw is None:
            return float("inf")
        try:
            number = parse_int(raw)
        except ThaiValueError as exc:
            self.add("priority", exc.th, exc.en)
            return float("inf")
        if number < 1:
            self.add("priority", "ลำดับความสำคัญต้องเป็นเลข 1 ขึ้นไป", "the priority must be 1 or more")
        return number


def _fingerprint(data: ItemData) -> tuple[object, ...]:
    def text(value: str) -> str:
        return _clean_text(value)

    return (
        tuple(text(getattr(data, name)) for name in _TEXT_FIELDS),
        data.mode,
        data.category_id,
        data.funding_source,
        data.working_group_id,
        data.status,
        data.contribution_cash,
        data.contribution_in_kind_value,
        data.contribution_labour_days,
        data.start_date,
        data.end_date,
        tuple(sorted((y, a) for y, a in data.budgets.items() if a is not None)),
        tuple(sorted((k, text(t)[:300], y, s) for k, t, y, s in data.problems)),
    )
