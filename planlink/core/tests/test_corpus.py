"""The bad-input corpus (planlink/core/tests/corpus): every file through its importer, with
the outcome its manifest entry expects — accepted with the rows it must write, or refused
with each problem named by row and column, in Thai and English, never quoting a citizen ID,
and with the database (and the household-file folder) exactly as before."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.conf import settings
from django.db import connection

from planlink.areas.models import Area
from planlink.areas.villages import villages_import
from planlink.core.tabular import ImportRejected, Problem
from planlink.core.tests.corpus import build, generate
from planlink.core.tests.corpus.manifest import (
    CATEGORIES,
    ENTRIES,
    VERSION,
    Accepted,
    Count,
    Entry,
    Has,
    Refused,
)
from planlink.evidence.editions import edition_load
from planlink.evidence.importers.bmn import bmn_import
from planlink.evidence.importers.families import IMPORTERS
from planlink.plans.models import Plan, PlanVersion

CORPUS = Path(build.__file__).resolve().parent
NOT_CORPUS = {"__init__.py", "build.py", "generate.py", "manifest.py", "README.md"}
THAI = re.compile(r"[\u0e00-\u0e7f]")


def _id_forms() -> set[str]:
    forms = set()
    for citizen_id in (build.ID1, build.ID2, build.ID3):
        for form in (citizen_id, build.grouped(citizen_id), build.grouped(citizen_id, " ")):
            forms |= {form, build.thai(form)}
    return forms


ID_FORMS = _id_forms()


# --- the files -------------------------------------------------------------------------------


def corpus_files() -> set[str]:
    return {
        path.relative_to(CORPUS).as_posix()
        for path in CORPUS.rglob("*")
        if path.is_file() and path.name not in NOT_CORPUS and "__pycache__" not in path.parts
    }


@pytest.fixture(scope="session")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """generated("bmn_rows_bomb") → the file, made once per test session."""
    folder = tmp_path_factory.mktemp("corpus-generated")
    made: dict[str, Path] = {}

    def get(name: str) -> Path:
        if name not in made:
            made[name] = generate.GENERATORS[name](folder)
        return made[name]

    return get


def test_the_manifest_covers_every_file_once_and_nothing_else() -> None:
    listed = {e.path for e in ENTRIES if not e.generated}
    on_disk = corpus_files()
    assert sorted(on_disk - listed) == [], "corpus files without a manifest entry"
    assert sorted(listed - on_disk) == [], "manifest entries without a file"
    generated_stems = {Path(e.path).stem for e in ENTRIES if e.generated}
    assert generated_stems == set(generate.GENERATORS)
    ids = [e.id for e in ENTRIES]
    assert len(ids) == len(set(ids)), "two entries for one file need different variants"
    assert len(listed) + len(generated_stems) >= 60
    for entry in ENTRIES:
        assert entry.categories and set(entry.categories) <= set(CATEGORIES), entry.id
        # Every importer's own folder holds its files (generated ones are named after it).
        folder = entry.path.split("/")[0]
        if not entry.generated:
            assert folder in FOLDERS[entry.importer], entry.id


FOLDERS = {
    "villages": {"villages"},
    "bmn": {"bmn", "summary"},
    "vbd": {"vbd"},
    "gvh": {"gvh"},
    "accounts": {"accounts"},
    "capital": {"capital"},
    "groups": {"groups"},
    "poor": {"poor"},
    "edition": {"editions"},
    "plan": {"plans"},
}


# --- the database ----------------------------------------------------------------------------


def _written_models() -> list[Any]:
    """Every table the importers write (and their audit history and m2m tables)."""
    found = []
    for label in ("areas", "evidence", "plans"):
        found += apps.get_app_config(label).get_models(include_auto_created=True)
    return found


def snapshot() -> dict[str, str]:
    """A digest of every row of every written table, and the household-file folder's files."""
    digest: dict[str, str] = {}
    with connection.cursor() as cursor:
        for model in _written_models():
            table = connection.ops.quote_name(model._meta.db_table)
            pk = connection.ops.quote_name(model._meta.pk.column)
            cursor.execute(f"SELECT * FROM {table} ORDER BY {pk}")
            rows = cursor.fetchall()
            digest[model._meta.label] = (
                f"{len(rows)}:" + hashlib.sha256(repr(rows).encode()).hexdigest()
            )
    root = Path(settings.EVIDENCE_DIR)
    files = sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())
    digest["files"] = "\n".join(files)
    return digest


def _where(where: dict[str, Any], version: PlanVersion | None) -> dict[str, Any]:
    return {k: (version if v == VERSION else v) for k, v in where.items()}


def _matches(expected: Any, actual: Any) -> bool:
    if isinstance(expected, dict) and isinstance(actual, dict):
        return all(k in actual and _matches(v, actual[k]) for k, v in expected.items())
    if isinstance(expected, list) and isinstance(actual, list | tuple):
        return list(actual) == expected
    return bool(actual == expected)


def check_db(expect: Accepted, version: PlanVersion | None) -> None:
    for fact in expect.db:
        model = apps.get_model(fact.model)
        rows = model._default_manager.filter(**_where(fact.where, version))
        if isinstance(fact, Count):
            assert rows.count() == fact.n, fact
            continue
        assert isinstance(fact, Has)
        found = list(rows.values(*fact.values)) if fact.values else list(rows.values("pk"))
        assert len(found) == 1, f"{fact}: {len(found)} rows"
        for key, value in fact.values.items():
            assert _matches(value, found[0][key]), (
                f"{fact.model} {fact.where} {key}: {found[0][key]!r}"
            )


# --- running one file ------------------------------------------------------------------------


@pytest.fixture
def draft_version(request: pytest.FixtureRequest) -> PlanVersion | None:
    """For plan files: a fresh draft plan 2570–2572 of village 52010101 to import into."""
    entry: Entry = request.param
    if entry.importer != "plan":
        return None
    from planlink.accounts.models import User
    from planlink.plans.services import plan_create

    Plan.objects.filter(area_id=build.A).delete()
    plan = plan_create(
        user=User.objects.get(username="village-52010101"),
        area=Area.objects.get(code=build.A),
        level="village",
        fiscal_years=range(2570, 2572 + 1),
    )
    return plan.versions.get()


def run(entry: Entry, path: Path, version: PlanVersion | None) -> Any:
    common = {"path": path, "original_name": path.name}
    if entry.importer == "villages":
        return villages_import(user=None, **common, **entry.kwargs)
    if entry.importer == "bmn":
        return bmn_import(user=None, **common, **entry.kwargs)
    if entry.importer == "edition":
        return edition_load(**common, **entry.kwargs)
    if entry.importer == "plan":
        from planlink.accounts.models import User
        from planlink.plans.excel import plan_import

        assert version is not None
        user = User.objects.get(username="village-52010101")
        # Warnings (repeated titles, a large self-done budget) ask for a confirmation that
        # the corpus gives: what it checks is what is refused and what is written.
        return plan_import(
            user=user, version=version, **{"confirm": True, **common, **entry.kwargs}
        )
    return IMPORTERS[entry.importer](user=None, **common, **entry.kwargs)


def _order(problem: Problem | Any) -> tuple[bool, int, str]:
    return (problem.row is None, problem.row or 0, problem.column or "")


def check_refusal(entry: Entry, expect: Refused, error: ImportRejected) -> None:
    problems = list(error.problems)
    shown = "\n".join(f"  {p.row}, {p.column!r}: {p.en}" for p in problems[:20])
    total = expect.total if expect.total is not None else len(expect.problems)
    assert error.total == total, f"{error.total} problems, expected {total}:\n{shown}"
    actual = sorted(problems, key=_order)[: len(expect.problems)]
    wanted = sorted(expect.problems, key=_order)
    assert [(p.row, p.column) for p in actual] == [(p.row, p.column) for p in wanted], shown
    for got, want in zip(actual, wanted, strict=True):
        assert want.en in got.en, f"row {got.row}, {got.column!r}: {got.en!r}"
    for problem in problems:
        assert problem.en.strip() and THAI.search(problem.th), problem
        for text in (problem.th, problem.en, problem.column or "", str(error)):
            assert not any(form in text for form in ID_FORMS), f"a citizen ID quoted: {text!r}"


@pytest.mark.django_db
@pytest.mark.parametrize("draft_version", ENTRIES, ids=[e.id for e in ENTRIES], indirect=True)
def test_corpus_file(
    request: pytest.FixtureRequest,
    draft_version: PlanVersion | None,
    generated: Callable[[str], Path],
) -> None:
    entry: Entry = request.node.callspec.params["draft_version"]
    if entry.generated:
        path = generated(Path(entry.path).stem)
        assert path.name == Path(entry.path).name
    else:
        path = CORPUS / entry.path
    expect = entry.expect
    if isinstance(expect, Accepted):
        outcome = run(entry, path, draft_version)
        for name, value in expect.outcome.items():
            assert getattr(outcome, name) == value, f"{name}: {getattr(outcome, name)!r}"
        check_db(expect, draft_version)
        return
    before = snapshot()
    with pytest.raises(ImportRejected) as info:
        run(entry, path, draft_version)
    check_refusal(entry, expect, info.value)
    after = snapshot()
    assert after == before, [k for k in before if before[k] != after.get(k)]
