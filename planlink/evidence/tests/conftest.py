"""Small BMN files for tests, written the way officers' files come."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pytest

from planlink.evidence.models import Indicator

# Per household: village, key, members, {indicator: (eligible, passed)}; other indicators 0/0.
Household = tuple[str, str, int, dict[str, tuple[int, int]]]

YEAR_2564: list[Household] = [
    ("52010101", "0001", 4, {"6": (2, 1), "9": (1, 1), "22": (1, 0)}),
    ("52010101", "0002", 3, {"6": (1, 1), "9": (1, 0), "22": (1, 1)}),
    ("52010101", "0003", 2, {"6": (2, 2), "9": (1, 1), "22": (1, 0)}),
    ("52010102", "0001", 5, {"6": (3, 0), "9": (1, 1), "22": (1, 1)}),
    ("52010201", "0001", 1, {"6": (1, 1), "9": (1, 1), "22": (1, 1)}),
    ("52010201", "0002", 6, {"6": (2, 1), "9": (1, 0), "22": (1, 0)}),
    ("52020101", "0001", 2, {"6": (0, 0), "9": (1, 1), "22": (1, 1)}),
]
YEAR_2563: list[Household] = [
    ("52010101", "0001", 4, {"6": (2, 0), "9": (1, 0), "22": (1, 0)}),
    ("52010101", "0002", 3, {"6": (1, 1), "9": (1, 1), "22": (1, 0)}),
]


def codes() -> list[str]:
    return list(
        Indicator.objects.filter(edition__code="2560-2564")
        .order_by("order")
        .values_list("code", flat=True)
    )


def household_csv(
    rows: Iterable[Household],
    year: int,
    *,
    header: list[str] | None = None,
    extra: dict[str, str] | None = None,
) -> str:
    indicator_codes = codes()
    head = header or ["รหัสหมู่บ้าน", "รหัสบ้าน", "ปีที่สำรวจ", "จำนวนสมาชิก"] + [
        f"{k}{c}" for c in indicator_codes for k in ("e", "p")
    ]
    lines = [",".join(head + list((extra or {}).keys()))]
    for village, key, members, values in rows:
        cells = [village, key, str(year), str(members)]
        for code in indicator_codes:
            eligible, passed = values.get(code, (0, 0))
            cells += [str(eligible), str(passed)]
        lines.append(",".join(cells + list((extra or {}).values())))
    return "\n".join(lines) + "\n"


@pytest.fixture
def write_file(tmp_path: Path):  # type: ignore[no-untyped-def]
    def _write(text: str, name: str = "bmn.csv", encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.write_bytes(text.encode(encoding))
        return path

    return _write


@pytest.fixture
def clean_bmn() -> None:
    """Remove the demo BMN survey (loaded for the whole test session) inside this test's
    transaction, so hand-computed fixtures start from nothing; rolled back afterwards."""
    from planlink.evidence.models import BmnImport, BmnResult

    BmnResult.objects.all().delete()
    BmnImport.objects.all().delete()
