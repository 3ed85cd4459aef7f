"""Why each line of a page dump was, or was not, taken as the start of an article."""

from __future__ import annotations

from .headlines import Decision, TitleBlock
from .pages import analyse_units
from .roles import Piece, Role, merge_letter_lines
from .units import split_units


def explain_page(text: str) -> list[tuple[int, str, str, str]]:
    """Per unit of the dump: line number, text, role, and why it heads an item or does not."""
    units = merge_letter_lines(split_units(text))
    pieces, blocks, why = analyse_units(units)
    starts = {b.start: b for b in blocks}
    kept = {id(p.unit) for p in pieces}
    rows: list[tuple[int, str, str, str]] = []
    index = {id(p.unit): i for i, p in enumerate(pieces)}
    for unit in units:
        if id(unit) not in kept:
            rows.append((unit.line, unit.text, "furniture", "page furniture: left out"))
            continue
        i = index[id(unit)]
        piece = pieces[i]
        decision = why.get(i)
        if decision is None:
            block = starts.get(i)
            if block is not None and not block.brief:
                decision = Decision("headline", reasons=[_marked_reason(pieces, block)])
            elif any(b.start <= i < b.end for b in blocks):
                decision = Decision("head line", reasons=["part of the title block above"])
            elif piece.role in (Role.BODY, Role.DATELINE):
                decision = Decision("body", reasons=["continues the item above"])
            else:
                decision = Decision(piece.role.value, reasons=["belongs to the item above"])
        rows.append((unit.line, piece.text, piece.role.value, decision.describe()))
    return rows


def _marked_reason(pieces: list[Piece], block: TitleBlock) -> str:
    after = pieces[block.end] if block.end < len(pieces) else None
    if block.subtitles:
        return "above a —— subtitle"
    if block.bylines:
        return "above a byline"
    if after is not None and after.role is Role.DATELINE:
        return "above a dateline"
    if pieces[block.start].unit.heading:
        return "markdown heading"
    return "above a photo credit"
