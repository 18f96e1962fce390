"""The six families' columns, their Thai and English headers and aliases, and the words of capital kinds."""

from __future__ import annotations

import re
from dataclasses import dataclass

from planlink.core.pseudonym import KEY_PATTERN

# The wide formats need the whole header row (indicator columns are not known before the
# edition is), which `read_table` does not expose; these are its own header search steps.
from planlink.core.tabular import (
    Column,
)
from planlink.evidence.models import (
    CapitalKind,
)

YEAR_MIN, YEAR_MAX = 2400, 2700
MAX_TEXT = 255


MAX_LIST_NAME = 100


MAX_HOUSEHOLD_MEMBERS = 99


DEFAULT_LIST_NAME = "imported list"


PROGRESS_EVERY = 2000  # rows between progress reports while checking


HOUSEHOLD_LIMITS = "household"  # file bounds of household-level files (core/filelimits)


_KEY_RE = re.compile(KEY_PATTERN)


@dataclass(frozen=True)
class FamilyOutcome:
    family: str
    rows: int
    villages: int
    created: int  # records written (or that would be, on a dry run)
    replaced: int  # earlier records of the file's (year, village) pairs removed
    dry_run: bool
    years: tuple[int, ...] = ()
    encoding: str = ""
    edition: str | None = None


VILLAGE = Column(
    "village",
    "รหัสหมู่บ้าน",
    "village code",
    aliases=("village_code", "vcode", "รหัสหมู่บ้าน8หลัก", "รหัสหมู่บ้าน 8 หลัก"),
)


HOUSEHOLD = Column(
    "household",
    "รหัสบ้าน",
    "household key",
    aliases=("household_key", "house_code", "hh_key", "hhkey", "รหัสครัวเรือน"),
)


_YEAR_ALIASES = ("year", "ปี", "ปี พ.ศ.", "พ.ศ.", "ปีที่สำรวจ", "ปีสำรวจ", "ปีที่บันทึก")


def _year_column(label_th: str, label_en: str, *extra: str) -> Column:
    # Optional in the header: a file without it takes the year given to the import.
    return Column("year", label_th, label_en, aliases=(*_YEAR_ALIASES, *extra), required=False)


VBD_BASE = (
    VILLAGE,
    _year_column("ปีที่สำรวจ", "survey round", "รอบการสำรวจ", "รอบ", "round", "survey year"),
)


GVH_BASE = (
    VILLAGE,
    _year_column("ปี", "year", "ปีที่ประเมิน"),
    Column(
        "assessed_on",
        "วันที่ประเมิน",
        "assessment date",
        aliases=("วันที่", "วันประเมิน", "date", "assessed_on", "assessment_date"),
        required=False,
    ),
)


ACCOUNT_COLUMNS = (
    VILLAGE,
    HOUSEHOLD,
    _year_column("ปี", "year"),
    Column("members", "จำนวนสมาชิก", "members", aliases=("สมาชิก", "จำนวนคน", "persons")),
    Column("income", "รายได้", "income", aliases=("รายรับ", "รายได้ต่อปี", "รายได้รวม")),
    Column("expense", "รายจ่าย", "expenses", aliases=("expense", "รายจ่ายต่อปี", "รายจ่ายรวม")),
    Column("savings", "เงินออม", "savings", aliases=("การออม", "ออม", "saving")),
    Column("debt", "หนี้สิน", "debt", aliases=("หนี้", "debts", "หนี้สินรวม")),
)


CAPITAL_COLUMNS = (
    VILLAGE,
    _year_column("ปี", "year"),
    Column("kind", "ประเภท", "type", aliases=("ประเภททุน", "kind", "capital type")),
    Column("name", "ชื่อ", "name", aliases=("ชื่อทุน", "รายการ", "ชื่อทุนชุมชน", "item")),
    Column(
        "amount",
        "มูลค่า",
        "amount",
        aliases=("มูลค่า (บาท)", "จำนวนเงิน", "เงินทุน", "value", "amount (baht)"),
        required=False,
    ),
)


GROUP_COLUMNS = (
    VILLAGE,
    _year_column("ปี", "year"),
    Column("name", "ชื่อกลุ่ม", "group", aliases=("กลุ่ม", "กลุ่มอาชีพ", "group name", "name")),
    Column(
        "product",
        "ผลิตภัณฑ์",
        "product",
        aliases=("ผลิตภัณฑ์/บริการ", "สินค้า", "product or service", "service"),
    ),
    Column("members", "จำนวนสมาชิก", "members", aliases=("สมาชิก", "จำนวนคน")),
    Column(
        "revenue",
        "รายได้ต่อปี",
        "yearly revenue",
        aliases=("รายได้", "รายได้กลุ่ม", "ยอดขายต่อปี", "revenue", "yearly_revenue"),
        required=False,
    ),
)


POOR_COLUMNS = (
    VILLAGE,
    HOUSEHOLD,
    _year_column("ปี", "year"),
    Column(
        "list_name",
        "ชื่อรายการ",
        "list",
        aliases=("รายการ", "ชื่อบัญชี", "ทะเบียน", "list name", "list_name"),
        required=False,
    ),
)


# Code, English and Thai words of each kind; officers write whichever their form uses.
_CAPITAL_WORDS: dict[str, tuple[str, ...]] = {
    CapitalKind.FUND: ("fund", "funds", "กองทุน", "เงินทุน", "ทุนการเงิน"),
    CapitalKind.ASSET: ("asset", "assets", "shared asset", "ทรัพย์สิน", "ทรัพย์สินชุมชน"),
    CapitalKind.GROUP: (
        "group",
        "organisation",
        "organization",
        "organisation or group",
        "องค์กร",
        "กลุ่ม",
        "องค์กร/กลุ่ม",
        "องค์กรชุมชน",
    ),
    CapitalKind.NATURAL: (
        "natural",
        "natural resource",
        "natural resources",
        "ทรัพยากรธรรมชาติ",
        "ธรรมชาติ",
    ),
    CapitalKind.CULTURAL: (
        "cultural",
        "culture",
        "culture and wisdom",
        "wisdom",
        "วัฒนธรรม",
        "ภูมิปัญญา",
        "วัฒนธรรม/ภูมิปัญญา",
        "ภูมิปัญญาท้องถิ่น",
    ),
    CapitalKind.HUMAN: ("human", "people", "people and skills", "ทุนมนุษย์", "มนุษย์", "บุคคล"),
}


_CAPITAL_KIND = {
    re.sub(r"\s+", "", word.lower()): str(kind)
    for kind, words in _CAPITAL_WORDS.items()
    for word in (str(kind), *words)
}


def capital_kind(text: str) -> str | None:
    """The CapitalKind code a cell means: the code, an English or Thai word, "ทุน…", or a
    label such as "fund (กองทุน)"; None if it means none."""
    cleaned = re.sub(r"\s+", "", text.lower())
    candidates = [cleaned]
    label = re.fullmatch(r"(.*)\((.*)\)", cleaned)
    if label:
        candidates += [label.group(1), label.group(2)]
    for candidate in candidates:
        for word in (candidate, candidate.removeprefix("ทุน")):
            if word in _CAPITAL_KIND:
                return _CAPITAL_KIND[word]
    return None
