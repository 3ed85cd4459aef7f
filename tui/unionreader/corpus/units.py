"""Text of a page dump -> units: paragraphs and short lines, with the blank lines around them."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

_HEADING = re.compile(r"^(#{1,6})\s+")
_INDENT = re.compile(r"^(?:\u3000|\s{2,})")
_ENDS = "。！？!?…”』」"
_PAUSES = "，、；：,;:"
_OPENS_ITEM = re.compile(r"^(?:本报讯|本报\S{1,12}?[电讯]|据?新华社\S{1,12}?电|中新社\S{1,12}?电)")


@dataclass(slots=True)
class Unit:
    """A paragraph or short line of the dump, before it is given a role."""

    text: str
    gap: int  # blank lines before it (the start of the file counts as a wide gap)
    heading: int = 0  # markdown heading level, 0 for none
    line: int = 0  # 1-based line number where it starts
    last_width: int = 0  # cells of its last physical line (hard-wrapped dumps)
    page: bool = False  # the first unit after a form feed: a new printed page starts here


_WIDE = re.compile(
    "[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf"
    "\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]"
)


def cell_width(text: str) -> int:
    """Terminal cells: East Asian wide and full-width characters take two."""
    return len(text) + len(_WIDE.findall(text))


def split_units(text: str) -> list[Unit]:
    """Split normalised text into units; hard-wrapped layouts are re-joined into paragraphs."""
    lines = text.split("\n")
    wrapped = _is_hard_wrapped(lines)
    units: list[Unit] = []
    gap = 4
    page = False
    for number, raw in enumerate(lines, start=1):
        if "\f" in raw:
            page = True  # normalise() sets every form feed on a line of its own
            gap += 2
            continue
        if not raw.strip():
            gap += 1
            continue
        stripped = raw.strip()
        heading = 0
        match = _HEADING.match(stripped)
        if match:
            heading = len(match.group(1))
            stripped = stripped[match.end() :].strip()
            if not stripped:
                gap += 1
                continue
        if wrapped and units and gap == 0 and not heading and _continues(units[-1], raw, wrapped):
            units[-1].text += stripped
            units[-1].last_width = cell_width(raw.rstrip())
            continue
        width = cell_width(raw.rstrip()) if wrapped else 0
        units.append(Unit(stripped, gap, heading, line=number, last_width=width, page=page))
        gap = 0
        page = False
    return units


def _is_hard_wrapped(lines: list[str]) -> int:
    """The wrap width in cells if the dump is hard-wrapped (pdftotext style), else 0."""
    filled = [line.rstrip() for line in lines[:5000] if line.strip()]
    if len(filled) < 8:
        return 0
    sample = lines[:5000]
    adjacent = sum(1 for a, b in itertools.pairwise(sample) if a.strip() and b.strip())
    if adjacent < len(filled) * 0.2:
        return 0  # paragraphs separated by blank lines: one paragraph per line already
    widths = sorted(cell_width(line) for line in filled)
    width = widths[int(len(widths) * 0.9) - 1]
    if width < 30:
        return 0
    full = sum(1 for w in widths if w >= width - 4)
    return width if full >= len(filled) * 0.3 else 0


def _continues(previous: Unit, raw: str, width: int) -> bool:
    """In a hard-wrapped dump, does this line carry on the paragraph above it?"""
    if _INDENT.match(raw):
        return False  # an indented line starts a paragraph
    # the line above must reach (nearly) the right margin
    if previous.last_width < width - 6:
        return False
    line = raw.strip()
    # after a finished sentence, a dateline or a short unpunctuated line starts anew
    return not (
        previous.text[-1:] in _ENDS
        and (
            _OPENS_ITEM.match(line)
            or (cell_width(line) < width - 6 and line[-1:] not in _ENDS + _PAUSES + "）)")
        )
    )
