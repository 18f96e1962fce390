"""The only module that reads the process environment.

Settings modules ask here for typed values so that every knob the deployment can turn is
listed in one place (see docs/deploy.md).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent


def string(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def required(name: str) -> str:
    value = os.environ.get(name, "")
    if not value:
        raise RuntimeError(f"Environment variable {name} must be set for this configuration.")
    return value


def boolean(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def integer(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def csv_list(name: str, default: str = "") -> list[str]:
    return [part.strip() for part in os.environ.get(name, default).split(",") if part.strip()]


def database(default_sqlite: Path) -> dict[str, Any]:
    """DATABASE_URL selects the database; without it, a SQLite file (the demo)."""
    url = os.environ.get("DATABASE_URL") or f"sqlite:///{default_sqlite}"
    config = dj_database_url.parse(url, conn_max_age=integer("DB_CONN_MAX_AGE", 0))
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # WAL lets the web server read while an import writes; a busy timeout instead of
        # "database is locked" errors under the demo's concurrent requests.
        config["OPTIONS"] = {"init_command": "PRAGMA journal_mode=WAL;", "timeout": 20}
    return dict(config)
