"""Download headers shared by the PDF and XLSX responses."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

_UNSAFE_ASCII = re.compile(r"[^A-Za-z0-9._-]+")


def _clean_name(filename: str, extension: str) -> str:
    """The name without any path, control characters or quotes, ending in `extension`."""
    name = re.split(r"[\\/]", filename)[-1]
    name = "".join(" " if unicodedata.category(char)[0] == "C" else char for char in name)
    name = " ".join(name.replace('"', "'").split())
    if not name.lower().endswith(extension):
        name += extension
    return name


def ascii_filename(filename: str, extension: str, *, default: str = "document") -> str:
    """An ASCII-only stand-in for old clients, e.g. "แผนตำบล 2567.pdf" → "2567.pdf"."""
    name = _clean_name(filename, extension)
    stem = name[: -len(extension)]
    folded = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode("ascii")
    folded = _UNSAFE_ASCII.sub("_", folded).strip("._-")
    if not re.search(r"[A-Za-z0-9]", folded):
        folded = default
    return folded[:120] + extension


def content_disposition(filename: str, *, extension: str, inline: bool) -> str:
    """A Content-Disposition value with an ASCII `filename` and, for Thai names, the exact
    UTF-8 name in RFC 5987/6266 `filename*` (which every current browser prefers)."""
    name = _clean_name(filename, extension)
    fallback = ascii_filename(filename, extension)
    value = f'{"inline" if inline else "attachment"}; filename="{fallback}"'
    if name != fallback:
        value += f"; filename*=UTF-8''{quote(name, safe='')}"
    return value
