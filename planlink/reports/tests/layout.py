"""Reading WeasyPrint's layout boxes in tests: tables against the page, Thai line breaks
against PyThaiNLP's words, pdftotext and PNG pages of a PDF."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

THAI_LETTER = re.compile(r"[\u0e01-\u0e4f]")
INVISIBLE = str.maketrans("", "", "\u200b\u2060")
# Words that must never be split over two lines, whatever the column width.
WHOLE_WORDS = ("แอสฟัลท์", "หมู่ที่")
TOLERANCE = 0.5  # CSS px


def boxes(box: Any) -> Iterator[Any]:
    yield box
    for child in getattr(box, "children", ()):
        yield from boxes(child)


def _name(box: Any) -> str:
    return type(box).__name__


def content_area(page: Any) -> tuple[float, float]:
    """(left, right) x of the page's content area."""
    root = page._page_box
    left = root.margin_left + root.border_left_width + root.padding_left
    return left, left + root.width


def too_wide_tables(document: Any) -> list[str]:
    """Each table box that reaches past the page's content area, as a readable line."""
    found = []
    for number, page in enumerate(document.pages, start=1):
        left, right = content_area(page)
        for box in boxes(page._page_box):
            if _name(box) != "TableBox":
                continue
            start = box.border_box_x()
            end = start + box.border_width()
            if start < left - TOLERANCE or end > right + TOLERANCE:
                found.append(f"page {number}: table {start:.1f}–{end:.1f} outside {left}–{right}")
    return found


def overflowing_cells(document: Any) -> list[str]:
    """Text lines wider than the table cell (or block) that holds them."""
    found = []
    for number, page in enumerate(document.pages, start=1):
        for box in boxes(page._page_box):
            if _name(box) not in ("TableCellBox", "BlockBox"):
                continue
            right = box.content_box_x() + box.width
            for line in box.children:
                if _name(line) != "LineBox":
                    continue
                for text in boxes(line):
                    if _name(text) == "TextBox" and text.text.strip():
                        end = text.position_x + text.width
                        if end > right + 1:
                            found.append(f"page {number}: {text.text!r} ends {end - right:.1f} out")
    return found


@dataclass
class Block:
    """The lines of one block of text (a paragraph or a table cell)."""

    lines: list[str]

    @property
    def text(self) -> str:
        return "".join(self.lines)

    @property
    def breaks(self) -> list[int]:
        """Offsets in `text` where a line ends and the next begins."""
        offsets, total = [], 0
        for line in self.lines[:-1]:
            total += len(line)
            offsets.append(total)
        return offsets


def _line_text(line: Any) -> str:
    return "".join(b.text for b in boxes(line) if _name(b) == "TextBox").translate(INVISIBLE)


def text_blocks(document: Any) -> list[Block]:
    """Every block of two or more lines in the document, continued across pages."""
    blocks = []
    for page in document.pages:
        for box in boxes(page._page_box):
            lines = [_line_text(c) for c in getattr(box, "children", ()) if _name(c) == "LineBox"]
            if len(lines) > 1:
                blocks.append(Block(lines))
    return blocks


def words(text: str) -> list[tuple[int, int]]:
    """(start, end) of PyThaiNLP's words (newmm) in `text`."""
    from pythainlp.tokenize import word_tokenize

    spans, total = [], 0
    for word in word_tokenize(text, engine="newmm", keep_whitespace=True):
        spans.append((total, total + len(word)))
        total += len(word)
    return spans


def bad_thai_breaks(document: Any) -> list[str]:
    """Line breaks between two Thai letters inside one of PyThaiNLP's words, or inside one of
    WHOLE_WORDS; each as "…before|after…". A word longer than every line of its block (it
    cannot fit its column, e.g. "องค์การบริหารส่วนตำบล" in a narrow one) may break inside;
    WHOLE_WORDS never."""
    found = []
    for block in text_blocks(document):
        text = block.text
        spans: list[tuple[int, int]] | None = None
        longest = max(len(line.strip()) for line in block.lines)
        for offset in block.breaks:
            if not (0 < offset < len(text)):
                continue
            before, after = text[offset - 1], text[offset]
            if not (THAI_LETTER.match(before) and THAI_LETTER.match(after)):
                continue  # a break at a space, a digit or punctuation
            spans = spans if spans is not None else words(text)
            inside = [(s, e) for s, e in spans if s < offset < e]
            split_whole = any(
                start < offset < start + len(word)
                for word in WHOLE_WORDS
                for start in (m.start() for m in re.finditer(word, text))
            )
            if split_whole or any(e - s <= longest for s, e in inside):
                found.append(f"{text[max(0, offset - 12) : offset]}|{text[offset : offset + 12]}")
    return found


def pdf_text(pdf: bytes, tmp_path: Path, *, layout: bool = False) -> str:
    path = tmp_path / "document.pdf"
    path.write_bytes(pdf)
    mode = "-layout" if layout else "-raw"
    return subprocess.run(
        ["pdftotext", mode, "-enc", "UTF-8", str(path), "-"],
        capture_output=True,
        check=True,
        text=True,
    ).stdout


def dump_pngs(pdf: bytes, name: str) -> None:
    """With PLANLINK_PRINT_DUMP=/some/dir, keep the PDF and its pages as PNG for a look."""
    target = os.environ.get("PLANLINK_PRINT_DUMP")
    if not target or shutil.which("pdftoppm") is None:
        return
    folder = Path(target)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.pdf").write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-r", "60", "-png", str(folder / f"{name}.pdf"), str(folder / name)],
        check=True,
    )
