"""The national frameworks every province aligns with: the National Strategy 2561–2580 (6
strategies), its master plans 2566–2580 (23) and the NESDP 13 milestones 2566–2570 (13), read
from `data/national-strategy.csv` (the titles as the Office of the NESDC publishes them).

`load_national` takes the model classes so that the data migration can pass its historical
models; it is idempotent (run again, it corrects titles and adds what is missing)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CSV = Path(__file__).parent / "data" / "national-strategy.csv"


@dataclass(frozen=True)
class NationalFramework:
    kind: str
    title: str
    first_year: int
    last_year: int


# The CSV's framework column → the framework it is.
FRAMEWORKS: dict[str, NationalFramework] = {
    "national_strategy_2561_2580": NationalFramework(
        "national_strategy", "ยุทธศาสตร์ชาติ พ.ศ. 2561–2580", 2561, 2580
    ),
    "master_plan_2566_2580": NationalFramework(
        "master_plan", "แผนแม่บทภายใต้ยุทธศาสตร์ชาติ (ฉบับแก้ไขเพิ่มเติม) พ.ศ. 2566–2580", 2566, 2580
    ),
    "nesdp13_milestone_2566_2570": NationalFramework(
        "nesdp", "หมุดหมายการพัฒนา แผนพัฒนาเศรษฐกิจและสังคมแห่งชาติ ฉบับที่ 13 (พ.ศ. 2566–2570)",
        2566, 2570,
    ),
}  # fmt: skip


def national_rows(path: Path = CSV) -> list[tuple[str, str, str]]:
    """(framework key, number, Thai title) of every row, in the file's order."""
    with path.open(encoding="utf-8") as f:
        return [
            (r["framework"], r["number"].strip(), r["title_th"].strip()) for r in csv.DictReader(f)
        ]


def load_national(framework_model: Any, node_model: Any) -> int:
    """Create or correct the national frameworks and their nodes; the number of nodes."""
    from planlink.frameworks.models import sort_key

    frameworks: dict[str, Any] = {}
    count = 0
    for key, number, title in national_rows():
        spec = FRAMEWORKS[key]
        if key not in frameworks:
            frameworks[key], _ = framework_model.objects.update_or_create(
                kind=spec.kind,
                area=None,
                local_government=None,
                first_year=spec.first_year,
                defaults={"title": spec.title, "last_year": spec.last_year},
            )
        node_model.objects.update_or_create(
            framework=frameworks[key],
            code=number,
            defaults={"title": title, "sort_key": sort_key(number), "parent": None},
        )
        count += 1
    return count
