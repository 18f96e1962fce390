"""The import rules of docs/architecture.md: each app imports only the apps below it."""

from __future__ import annotations

import ast
from pathlib import Path

import planlink

ROOT = Path(planlink.__file__).parent
ALLOWED = {
    "core": set(),
    "reports": {"core"},
    "accounts": {"core", "areas"},
    "areas": {"core", "accounts"},
    "evidence": {"core", "accounts", "areas", "reports"},
    "frameworks": {"core", "accounts", "areas"},
    "sources": {"core", "accounts", "areas"},
    "plans": {"core", "accounts", "areas", "evidence", "frameworks", "reports"},
    "integration": {
        "core",
        "accounts",
        "areas",
        "evidence",
        "frameworks",
        "plans",
        "reports",
        "sources",
    },
    "workspace": {
        "core",
        "accounts",
        "areas",
        "evidence",
        "frameworks",
        "plans",
        "integration",
        "reports",
        "sources",
    },
    "demo": {
        "core",
        "accounts",
        "areas",
        "evidence",
        "frameworks",
        "plans",
        "integration",
        "reports",
        "sources",
    },
}


def imports_of(app: str) -> dict[str, set[str]]:
    """Other planlink app → the modules of `app` importing it (tests and migrations aside)."""
    found: dict[str, set[str]] = {}
    for path in (ROOT / app).rglob("*.py"):
        parts = path.relative_to(ROOT / app).parts
        if "tests" in parts or "migrations" in parts:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            for name in names:
                bits = name.split(".")
                if bits[0] == "planlink" and len(bits) > 1 and bits[1] != app:
                    found.setdefault(bits[1], set()).add(str(path.relative_to(ROOT)))
    return found


def test_every_app_is_in_the_table():
    apps = {p.name for p in ROOT.iterdir() if (p / "apps.py").is_file()}
    assert apps == set(ALLOWED)


def test_each_app_imports_only_what_it_may():
    wrong = {
        f"{app} → {other}": sorted(where)
        for app in ALLOWED
        if (ROOT / app).is_dir()
        for other, where in imports_of(app).items()
        if other not in ALLOWED[app]
    }
    assert wrong == {}
