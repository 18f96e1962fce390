"""Fast bulk writes for the hot paths of large imports.

The ORM's bulk_create builds a model instance per row; at national scale (tens of thousands
of result rows per survey year) that dominates an import. These helpers write plain tuples:
COPY on PostgreSQL, executemany on SQLite. Callers pass the model so the table and column
names come from its metadata, not from strings scattered around the code.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connection, models


def _column(field: Any) -> str:
    column = getattr(field, "column", None)
    if not isinstance(column, str):
        raise ValueError(f"{field} is not a concrete column")
    return column


def bulk_insert(
    model: type[models.Model], fields: Sequence[str], rows: Iterable[Sequence[Any]]
) -> None:
    """Insert `rows` (tuples in the order of `fields`, JSON fields as JSON text)."""
    meta = model._meta
    table = connection.ops.quote_name(meta.db_table)
    columns = [_column(meta.get_field(name)) for name in fields]
    quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({quoted}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            placeholders = ", ".join(["%s"] * len(columns))
            cursor.executemany(
                f"INSERT INTO {table} ({quoted}) VALUES ({placeholders})", list(rows)
            )
