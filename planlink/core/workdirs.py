"""Working folders of imports that leave nothing behind, even when the process is killed.

An import works in `EVIDENCE_DIR/tmp/<name>/` while holding an exclusive lock on
`tmp/<name>.lock`. The operating system releases the lock when the process ends, however it
ends (kill -9 included), so `sweep` can tell a folder still in use from one whose process
died: a folder whose lock it can take is an orphan and is removed. Household files an import
moves under `bmn/<year>/` are named after its folder, so one that no committed import
refers to and whose lock is free is an orphan too.
"""

from __future__ import annotations

import fcntl
import logging
import os
import shutil
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings

log = logging.getLogger(__name__)

GRACE_SECONDS = 15 * 60  # a folder without a lock file this young may be being created


def root() -> Path:
    return Path(settings.EVIDENCE_DIR)


def tmp_dir() -> Path:
    return root() / "tmp"


@contextmanager
def locked_workdir() -> Iterator[Path]:
    """A new empty folder under tmp/, locked for the life of the block, removed after it."""
    tmp = tmp_dir()
    tmp.mkdir(parents=True, exist_ok=True)
    name = uuid.uuid4().hex
    lock_path = tmp / f"{name}.lock"
    fd = os.open(lock_path, os.O_CREAT | os.O_RDWR, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        os.write(fd, f"{os.getpid()}\n".encode())
        folder = tmp / name
        folder.mkdir()
        try:
            yield folder
        finally:
            shutil.rmtree(folder, ignore_errors=True)
            lock_path.unlink(missing_ok=True)
    finally:
        os.close(fd)


def owner_name(folder_name: str) -> str:
    """The work folder a file under bmn/<year>/ belongs to: "<work>" or "<work>-<n>"."""
    return folder_name.split("-", 1)[0]


def in_use(name: str) -> bool:
    """True while a live process holds the lock of work folder `name`."""
    lock_path = tmp_dir() / f"{name}.lock"
    try:
        fd = os.open(lock_path, os.O_RDWR)
    except FileNotFoundError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)
        return False
    finally:
        os.close(fd)


def _old(path: Path, now: float) -> bool:
    try:
        return now - path.stat().st_mtime > GRACE_SECONDS
    except FileNotFoundError:
        return False


def sweep(*, referenced: Callable[[], set[str]] | None = None) -> list[Path]:
    """Remove what dead imports left: work folders whose lock is free (and their lock files),
    and household folders under bmn/ that no import refers to (`referenced` gives the
    relative paths the database refers to). Returns what was removed."""
    removed: list[Path] = []
    now = time.time()
    tmp = tmp_dir()
    # Household folders first: whether their owner died is told by its lock file, which
    # the second step removes.
    bmn = root() / "bmn"
    if referenced is not None and bmn.is_dir():
        known = referenced()
        for year in bmn.iterdir():
            if not year.is_dir():
                continue
            for folder in year.iterdir():
                owner = owner_name(folder.name)
                if f"bmn/{year.name}/{folder.name}" in known or in_use(owner):
                    continue
                if not (tmp / f"{owner}.lock").exists() and not _old(folder, now):
                    continue  # its import may have just committed
                shutil.rmtree(folder, ignore_errors=True)
                removed.append(folder)
    if tmp.is_dir():
        for entry in sorted(tmp.iterdir()):
            name = entry.name.removesuffix(".lock")
            if in_use(name):
                continue
            if not (tmp / f"{name}.lock").exists() and not _old(entry, now):
                continue  # created a moment ago, its lock not yet taken
            if entry.is_dir():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                entry.unlink(missing_ok=True)
            removed.append(entry)
    for path in removed:
        log.info("removed %s left by an import that did not finish", path)
    return removed
