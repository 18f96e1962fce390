"""The only module that reads the process environment.

Settings modules ask here for typed values so that every knob the deployment can turn is
listed in one place (see docs/deploy.md).
"""

from __future__ import annotations

import ipaddress
import os
import sys
from collections.abc import Sequence
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


# How an administrator makes a good secret; the refusals below say it.
MAKE_SECRET = 'python -c "import secrets; print(secrets.token_urlsafe(64))"'


def secret(name: str, *, min_length: int, min_distinct: int = 10, known: Sequence[str] = ()) -> str:
    """A secret the configuration cannot start without, refused when it is guessable.

    Refused: unset, one of the ``known`` development defaults (or Django's
    ``django-insecure-`` keys), shorter than ``min_length`` or with fewer than
    ``min_distinct`` different characters. The message names the variable, never its value.
    """
    value = os.environ.get(name, "")
    if not value:
        raise RuntimeError(
            f"Environment variable {name} must be set for this configuration. "
            f"Make a good one with: {MAKE_SECRET}"
        )
    problem = ""
    if value in known or value.startswith("django-insecure-"):
        problem = "is a development default"
    elif len(value) < min_length:
        problem = f"has {len(value)} characters; at least {min_length} are needed"
    elif len(set(value)) < min_distinct:
        problem = (
            f"has only {len(set(value))} different characters; at least {min_distinct} are needed"
        )
    if problem:
        raise RuntimeError(
            f"{name} is too weak for production: it {problem}. Make a good one with: {MAKE_SECRET}"
        )
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
        # "database is locked" errors under the demo's concurrent requests; transactions
        # take the write lock when they begin, so one that reads before it writes waits its
        # turn instead of failing when another writer got in between.
        config["OPTIONS"] = {
            "init_command": "PRAGMA journal_mode=WAL;",
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
        }
    return dict(config)


def is_loopback(host: str) -> bool:
    """True for addresses only this machine can reach (127.0.0.0/8, ::1, localhost)."""
    name = host.strip().strip("[]").lower()
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False  # a host name or a typo: assume a network can reach it


# manage.py options that take a value (so the value is not runserver's address).
_VALUED_OPTIONS = {"--settings", "--pythonpath", "-v", "--verbosity"}


def served_host(argv: Sequence[str] | None = None) -> str:
    """The address the development server listens on.

    ``PLANLINK_HOST`` (the Makefile's ``HOST``), else the address given to ``runserver``
    on the command line, else Django's default, loopback.
    """
    host = os.environ.get("PLANLINK_HOST", "").strip()
    if host:
        return host
    args = list(sys.argv if argv is None else argv)
    if "runserver" not in args:
        return "127.0.0.1"
    after = args[args.index("runserver") + 1 :]
    ipv6 = "-6" in after or "--ipv6" in after
    skip = False
    for arg in after:
        if skip:
            skip = False
        elif arg in _VALUED_OPTIONS:
            skip = True
        elif not arg.startswith("-"):
            address = arg.rpartition(":")[0]
            if not address:
                break  # a port alone: the default address
            return "0.0.0.0" if address == "0" else address
    return "::1" if ipv6 else "127.0.0.1"
