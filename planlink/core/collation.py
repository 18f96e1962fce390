"""Thai dictionary order, in the database and in Python.

PostgreSQL sorts with the ICU collation ``th-TH-x-icu``. SQLite has no Thai collation, so
every SQLite connection gets one named ``thai`` built on `thai_sort_key`; `ThaiCollate`
picks the right one, so ``order_by(ThaiCollate("name_th"))`` sorts Thai on both databases.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any, TypeVar, cast

from django.db.models import Func

T = TypeVar("T")

_TONES_AND_SIGNS = re.compile(r"[\u0e47-\u0e4e\u0e3a]")  # tone marks, thanthakhat, phinthu
_LEADING_VOWEL = re.compile(r"([\u0e40-\u0e44])([\u0e01-\u0e2e])")  # เ แ โ ใ ไ + consonant


def thai_sort_key(text: str) -> tuple[str, str]:
    """Primary key: consonants first (leading vowels moved after their consonant), tone marks
    ignored; secondary key: the text itself, so words differing only in tone stay stable."""
    base = _TONES_AND_SIGNS.sub("", text)
    base = _LEADING_VOWEL.sub(r"\2\1", base)
    return base, text


def thai_sorted(items: Iterable[T], key: Callable[[T], str] | None = None) -> list[T]:
    """Sort in Thai dictionary order (for lists that are already in memory)."""
    if key is None:
        return sorted(items, key=lambda item: thai_sort_key(cast(str, item)))
    return sorted(items, key=lambda item: thai_sort_key(key(item)))


def _sqlite_thai(left: str, right: str) -> int:
    a, b = thai_sort_key(left), thai_sort_key(right)
    return (a > b) - (a < b)


def register_sqlite_collation(connection: Any) -> None:
    connection.create_collation("thai", _sqlite_thai)


class ThaiCollate(Func):
    """``<expression> COLLATE <Thai collation of this database>``."""

    template = "%(expressions)s COLLATE %(collation)s"

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(compiler, connection, collation='"th-TH-x-icu"', **extra)

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(compiler, connection, collation="thai", **extra)
