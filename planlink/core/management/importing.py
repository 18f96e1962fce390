"""What every import command shares: its usual options and how it runs an importer (a
progress bar; a refused file or a missing one is a clear CommandError, never a traceback)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.core.management.base import CommandError

from planlink.core.progress import CommandProgress
from planlink.core.tabular import ImportRejected

T = TypeVar("T")


def add_import_arguments(parser: Any, *, within: bool = True, dry_run_help: str = "") -> None:
    """The file and the options every importer takes: --within, --drop-personal-columns,
    --dry-run."""
    parser.add_argument("file")
    if within:
        parser.add_argument("--within", default="", help="refuse villages outside this area code")
    parser.add_argument(
        "--drop-personal-columns",
        action="store_true",
        help="ignore columns with people's names or citizen IDs instead of refusing",
    )
    parser.add_argument(
        "--dry-run", action="store_true", help=dry_run_help or "check and count, write nothing"
    )


def run_import(importer: Callable[..., T], options: dict[str, Any], **kwargs: Any) -> T:
    """`importer(user=None, path=the file, dry_run=..., drop_personal_columns=..., progress=…,
    **kwargs)`, with a progress bar and the file's problems as a CommandError."""
    progress = CommandProgress()
    try:
        return importer(
            user=None,
            path=options["file"],
            dry_run=options["dry_run"],
            drop_personal_columns=options["drop_personal_columns"],
            progress=progress,
            **kwargs,
        )
    except ImportRejected as exc:
        raise CommandError(exc.summary()) from exc
    except FileNotFoundError as exc:
        raise CommandError(f"ไม่พบไฟล์ / file not found: {options['file']}") from exc
    finally:
        progress.close()
