"""The reason of a candidate in plain Thai (and English), its places as the titles write them."""

from __future__ import annotations

import re
from typing import Any

from planlink.core.project_text import normalise, object_label, work_label
from planlink.integration.engine.duplicates.features import _MARKS

_ROUTE_TEXT = re.compile(r"สาย\s?([^\s()]+(?:\s?[-–]\s?[^\s()]+)*)")


def _as_written(key: str, text: str) -> str | None:
    """The words of `text` that read as `key` once tone marks and spaces are taken out
    (the index keeps place names as keys; a person reads them as written)."""
    kept = [(i, c) for i, c in enumerate(text) if c not in "\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c "]
    bare = "".join(c for _i, c in kept)
    at = bare.find(key)
    if at < 0 or not key:
        return None
    end = kept[at + len(key) - 1][0] + 1
    while end < len(text) and text[end] in "\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c":
        end += 1  # the tone mark on the last letter
    return text[kept[at][0] : end]


def shown_place(where: str, *titles: str) -> str:
    """The place of a reason as the titles write it: "สาย ชาง" → "สายทุ่งช้าง"."""
    if not where:
        return where
    for title in titles:
        text = normalise(title)
        if where.startswith("สาย "):
            key = where.removeprefix("สาย ").split(" - ")[0]
            for found in _ROUTE_TEXT.finditer(text):
                if key in found.group(0).translate(_MARKS).replace(" ", ""):
                    return found.group(0)
        else:
            head = where.split(" ")[0]
            if head in ("หมู่ที่", "ซอย"):
                return where
            written = _as_written(head.translate(_MARKS), text)
            if written:
                return where.replace(head, written, 1)
    return where


def _work_words(f: dict[str, Any]) -> str:
    if f["work"] and f["object"]:
        return work_label(f["work"]) + object_label(f["object"])
    if f["work"]:
        return work_label(f["work"])
    return " ".join(f["tokens"][:4])


def _years_th(years: tuple[int, int]) -> str:
    first, last = years
    return str(first) if first == last else f"{first}–{last}"


def _reason_th(
    fa: dict[str, Any],
    fb: dict[str, Any],
    where: str,
    years: tuple[int, int],
    same_work: bool,
    same_object: bool,
    text: float,
) -> str:
    parts = []
    if same_work or same_object:
        parts.append(f"งานเดียวกัน: {_work_words(fa)}")
    else:
        parts.append(f"ชื่อโครงการคล้ายกัน {round(text * 100)}%")
    parts.append(f"ที่เดียวกัน: {where}" if where else "อยู่ในพื้นที่เดียวกัน")
    parts.append(f"ปีซ้อนกัน {_years_th(years)}")
    return "; ".join(parts)


def _reason_en(fa: dict[str, Any], where: str, years: tuple[int, int], text: float) -> str:
    work = " ".join(filter(None, (fa["work"], fa["object"]))) or "similar title"
    place = f"same place: {where}" if where else "same area"
    wording = round(text * 100)
    return f"same work: {work}; {place}; years overlap {_years_th(years)}; wording {wording}%"
