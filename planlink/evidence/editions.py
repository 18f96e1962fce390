"""Indicator editions from files, and the development-category vocabulary.

An edition file has one row per indicator, in the shape of ``data/bmn-2560-2564.csv``:
edition, number, category_number, category_th, category_en, indicator_th, unit, and
optionally threshold, development_category, indicator_en. The same shape serves BMN
editions, กชช.2ค forms (unit "village", scores 1/2/3) and GVH components.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import transaction

from planlink.core.tabular import ROW, Column, ImportRejected, Problem, read_table
from planlink.core.thai import ThaiValueError, parse_budget, parse_int

DATA_DIR = Path(__file__).resolve().parent / "data"

DEFAULT_CATEGORIES: tuple[tuple[str, str, str], ...] = (
    ("infrastructure", "โครงสร้างพื้นฐาน", "Infrastructure"),
    ("economy", "เศรษฐกิจ", "Economy"),
    ("social", "สังคมและคุณภาพชีวิต", "Society and quality of life"),
    ("health", "สาธารณสุข", "Public health"),
    ("education", "การศึกษา ศาสนา วัฒนธรรม", "Education, religion and culture"),
    ("environment", "ทรัพยากรธรรมชาติและสิ่งแวดล้อม", "Natural resources and environment"),
    ("governance", "การบริหารจัดการและความมั่นคง", "Administration and security"),
)


@dataclass(frozen=True)
class BuiltinEdition:
    family: str
    file: str
    code: str
    name_th: str
    first_year: int | None
    last_year: int | None
    settings: dict[str, Any]


BUILTIN_EDITIONS = (
    BuiltinEdition(
        "bmn",
        "bmn-2560-2564.csv",
        "2560-2564",
        "ข้อมูลความจำเป็นพื้นฐาน (จปฐ.) ปี 2560–2564",
        2560,
        2564,
        {"income_indicator": "22"},
    ),
    BuiltinEdition(
        "vbd",
        "vbd-sample.csv",
        "sample",
        "กชช.2ค (แบบตัวอย่างสำหรับสาธิต — โหลดแบบสำรวจจริงจากไฟล์)",
        None,
        None,
        {
            # Village classification: class 1 when at least this share of its indicators
            # score 1; class 3 when at least this share score 3; class 2 otherwise.
            "class_1_min_share_at_1": 0.25,
            "class_3_min_share_at_3": 0.60,
            "class_labels_th": {
                "1": "หมู่บ้านเร่งรัดพัฒนา (ระดับ 1)",
                "2": "หมู่บ้านพัฒนาปานกลาง (ระดับ 2)",
                "3": "หมู่บ้านพัฒนาก้าวหน้า (ระดับ 3)",
            },
        },
    ),
    BuiltinEdition(
        "gvh",
        "gvh-default.csv",
        "default",
        "ความสุขมวลรวมชุมชน (GVH) 6 องค์ประกอบ",
        None,
        None,
        {"scale_min": 1, "scale_max": 5},
    ),
)

COLUMNS = (
    Column("edition", "ชุดตัวชี้วัด", "edition"),
    Column("number", "ตัวชี้วัดที่", "number", aliases=("code", "ข้อ", "ลำดับ")),
    Column("category_number", "หมวดที่", "category number", aliases=("category_no",)),
    Column("category_th", "หมวด", "category (Thai)", aliases=("ด้าน",)),
    Column("category_en", "หมวด (อังกฤษ)", "category (English)", required=False),
    Column("indicator_th", "ตัวชี้วัด", "indicator (Thai)", aliases=("indicator",)),
    Column("indicator_en", "ตัวชี้วัด (อังกฤษ)", "indicator (English)", required=False),
    Column("unit", "หน่วยนับ", "unit"),
    Column("threshold", "เกณฑ์", "threshold", required=False),
    Column("development_category", "ด้านการพัฒนา", "development category", required=False),
)
UNITS = {
    "person": "person",
    "คน": "person",
    "household": "household",
    "ครัวเรือน": "household",
    "village": "village",
    "หมู่บ้าน": "village",
}


@dataclass(frozen=True)
class IndicatorRow:
    code: str
    order: int
    category_number: int
    category_th: str
    category_en: str
    text_th: str
    text_en: str
    unit: str
    threshold: Decimal | None
    development_category: str | None


def parse_edition(
    path: Path | str, *, known_categories: set[str], original_name: str | None = None
) -> tuple[str, list[IndicatorRow]]:
    """Read and check an edition file; (edition code, indicators) or ImportRejected."""
    table = read_table(path, COLUMNS, original_name=original_name, limits="edition")
    problems: list[Problem] = list(table.problems)
    rows: list[IndicatorRow] = []
    editions: set[str] = set()
    seen: dict[str, int] = {}
    for order, rec in enumerate(table.frame.iter_rows(named=True), start=1):
        row = rec[ROW]

        def bad(key: str, th: str, en: str, row: int = row) -> None:
            problems.append(Problem(row, table.header(key), th, en))

        editions.add((rec["edition"] or "").strip())
        code = (rec["number"] or "").strip()
        if not code:
            bad("number", "ไม่มีเลขตัวชี้วัด", "the indicator number is missing")
        elif code in seen:
            bad(
                "number",
                f"ตัวชี้วัด {code} ซ้ำกับแถวที่ {seen[code]}",
                f"indicator {code} repeats row {seen[code]}",
            )
        seen.setdefault(code, row)
        try:
            category_number = parse_int(rec["category_number"] or "")
        except ThaiValueError as exc:
            bad("category_number", exc.th, exc.en)
            category_number = 0
        unit = UNITS.get((rec["unit"] or "").strip().lower())
        if unit is None:
            bad(
                "unit",
                f"หน่วยนับ '{rec['unit'] or ''}' ต้องเป็น person/household/village (คน/ครัวเรือน/หมู่บ้าน)",
                f"unit '{rec['unit'] or ''}' must be person, household or village",
            )
        threshold: Decimal | None = None
        try:
            threshold = parse_budget(rec["threshold"])
        except ThaiValueError as exc:
            bad("threshold", exc.th, exc.en)
        category = (rec["development_category"] or "").strip() or None
        if category is not None and category not in known_categories:
            bad(
                "development_category",
                f"ไม่รู้จักด้านการพัฒนา '{category}'",
                f"unknown development category '{category}' "
                f"(known: {', '.join(sorted(known_categories))})",
            )
        if not (rec["indicator_th"] or "").strip():
            bad("indicator_th", "ไม่มีข้อความตัวชี้วัด", "the indicator text is missing")
        if not problems:
            rows.append(
                IndicatorRow(
                    code=code,
                    order=order,
                    category_number=category_number,
                    category_th=(rec["category_th"] or "").strip(),
                    category_en=(rec["category_en"] or "").strip(),
                    text_th=(rec["indicator_th"] or "").strip(),
                    text_en=(rec["indicator_en"] or "").strip(),
                    unit=unit or "",
                    threshold=threshold,
                    development_category=category,
                )
            )
    editions.discard("")
    if len(editions) > 1:
        problems.append(
            Problem(
                None,
                table.header("edition"),
                f"ไฟล์มีหลายชุดตัวชี้วัด: {', '.join(sorted(editions))}",
                f"the file mixes editions: {', '.join(sorted(editions))}",
            )
        )
    if problems:
        raise ImportRejected(problems)
    return (editions.pop() if editions else ""), rows


def categories_ensure(category_model: Any) -> None:
    for order, (code, name_th, name_en) in enumerate(DEFAULT_CATEGORIES, start=1):
        category_model.objects.get_or_create(
            code=code, defaults={"name_th": name_th, "name_en": name_en, "order": order}
        )


def edition_save(
    *,
    edition_model: Any,
    indicator_model: Any,
    category_model: Any,
    family: str,
    code: str,
    name_th: str,
    first_year: int | None,
    last_year: int | None,
    settings: dict[str, Any],
    rows: list[IndicatorRow],
    in_use: bool = False,
) -> Any:
    """Create or update an edition with exactly `rows`. Models are passed in so that data
    migrations can use their historical models. An edition that data already uses may have
    its texts, thresholds and categories corrected but not its set of indicators."""
    with transaction.atomic():
        edition, _created = edition_model.objects.update_or_create(
            family=family,
            code=code,
            defaults={
                "name_th": name_th,
                "first_year": first_year,
                "last_year": last_year,
                "settings": settings,
            },
        )
        existing = {i.code: i for i in indicator_model.objects.filter(edition=edition)}
        wanted = {r.code for r in rows}
        if in_use and existing and set(existing) != wanted:
            raise ImportRejected(
                [
                    Problem(
                        None,
                        None,
                        "ชุดตัวชี้วัดนี้มีข้อมูลใช้อยู่แล้ว แก้ข้อความได้แต่เพิ่มหรือลบตัวชี้วัดไม่ได้ ให้สร้างชุดใหม่",
                        "this edition already has data: texts may change, but not its set of "
                        "indicators; load it as a new edition",
                    )
                ]
            )
        categories = {c.code: c for c in category_model.objects.all()}
        indicator_model.objects.filter(edition=edition).exclude(code__in=wanted).delete()
        for row in rows:
            indicator_model.objects.update_or_create(
                edition=edition,
                code=row.code,
                defaults={
                    "order": row.order,
                    "category_number": row.category_number,
                    "category_th": row.category_th,
                    "category_en": row.category_en,
                    "text_th": row.text_th,
                    "text_en": row.text_en,
                    "unit": row.unit,
                    "threshold": row.threshold,
                    "development_category": categories.get(row.development_category or ""),
                },
            )
    return edition


def builtin_editions_ensure(apps: Any = None) -> None:
    """Default categories and the editions shipped in data/ (used by a data migration)."""
    get = apps.get_model if apps is not None else _live_model
    category_model = get("evidence", "DevelopmentCategory")
    categories_ensure(category_model)
    known = set(category_model.objects.values_list("code", flat=True))
    for builtin in BUILTIN_EDITIONS:
        _code, rows = parse_edition(DATA_DIR / builtin.file, known_categories=known)
        edition_save(
            edition_model=get("evidence", "IndicatorEdition"),
            indicator_model=get("evidence", "Indicator"),
            category_model=category_model,
            family=builtin.family,
            code=builtin.code,
            name_th=builtin.name_th,
            first_year=builtin.first_year,
            last_year=builtin.last_year,
            settings=builtin.settings,
            rows=rows,
        )


def _live_model(app_label: str, name: str) -> Any:
    from django.apps import apps

    return apps.get_model(app_label, name)


def edition_load(
    *,
    path: Path | str,
    family: str,
    code: str | None,
    name_th: str,
    first_year: int | None,
    last_year: int | None,
    settings: dict[str, Any],
    original_name: str | None = None,
) -> Any:
    """Load an edition file as an administrator (validated first; all or nothing)."""
    from planlink.evidence.models import (
        BmnResult,
        DevelopmentCategory,
        GvhVillage,
        Indicator,
        IndicatorEdition,
        VbdVillage,
    )

    known = set(DevelopmentCategory.objects.values_list("code", flat=True))
    file_code, rows = parse_edition(path, known_categories=known, original_name=original_name)
    code = code or file_code
    if not code:
        raise ImportRejected(
            [
                Problem(
                    None,
                    None,
                    "ไม่ได้ระบุรหัสชุดตัวชี้วัด",
                    "no edition code: give --code or fill the edition column",
                )
            ]
        )
    income = settings.get("income_indicator")
    if family == "bmn" and income and income not in {r.code for r in rows}:
        raise ImportRejected(
            [
                Problem(
                    None,
                    None,
                    f"ไม่มีตัวชี้วัดรายได้ข้อ {income} ในไฟล์",
                    f"the income indicator {income} is not in the file",
                )
            ]
        )
    existing = IndicatorEdition.objects.filter(family=family, code=code).first()
    in_use = existing is not None and any(
        model.objects.filter(edition=existing).exists()
        for model in (BmnResult, VbdVillage, GvhVillage)
    )
    edition = edition_save(
        edition_model=IndicatorEdition,
        indicator_model=Indicator,
        category_model=DevelopmentCategory,
        family=family,
        code=code,
        name_th=name_th,
        first_year=first_year,
        last_year=last_year,
        settings=settings,
        rows=rows,
        in_use=in_use,
    )
    if in_use or family in ("vbd", "gvh"):
        # Stored problems carry this edition's texts and categories (กชช.2ค and GVH ones
        # are looked up by indicator code across editions).
        from planlink.evidence.tasks import problems_refresh_later

        problems_refresh_later()
    return edition
