"""An article laid out as screen lines at one width: header, body blocks, where each span lands."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from ..model import Article, FieldName
from .textlayout import cell_width, display_text, visible_end, wrap

# Lines longer than this are hard to follow; wider panes centre a column of this many cells.
MAX_MEASURE = 100
# Below this many cells the paragraph indent costs more than it helps.
_INDENT_MIN_WIDTH = 12
PARAGRAPH_INDENT = "\u3000\u3000"  # two full-width spaces, as Chinese print indents
CAPTION_MARK = "▲ "
SUBTITLE_MARK = "——"

DisplayRole = Literal[
    "kicker",
    "deck",
    "title",
    "subtitle",
    "byline",
    "rule",
    "lead",
    "subhead",
    "caption",
    "paragraph",
]


@dataclass(frozen=True, slots=True)
class DisplayPiece:
    """One field of the article as shown: its display text with any mark or indent in front."""

    role: DisplayRole
    text: str
    field: FieldName | None = None  # None for lines built from several fields (kicker, byline)
    block: int | None = None
    offset: int = 0  # where the field's own text starts in `text` (after the prefix)
    centred: bool = False


@dataclass(frozen=True, slots=True)
class Line:
    """One screen line: a slice of a piece (or a blank line when piece is None)."""

    piece: int | None
    start: int = 0
    end: int = 0  # visible end: spaces and line ends at the break are dropped
    indent: int = 0  # cells before the text (centring)


@dataclass(slots=True)
class ArticleLayout:
    """The lines of one article at one width, with lookups from text positions to lines."""

    width: int
    margin: int  # cells left of the text column
    measure: int  # width of the text column
    pieces: list[DisplayPiece]
    lines: list[Line]
    _piece_lines: dict[int, list[int]] = field(default_factory=dict)
    _piece_starts: dict[int, list[int]] = field(default_factory=dict)
    _field_piece: dict[tuple[str, int | None], int] = field(default_factory=dict)
    _anchors: list[int] = field(default_factory=list)
    _piece_first: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        for index, piece in enumerate(self.pieces):
            if piece.field is not None:
                self._field_piece[(piece.field, piece.block)] = index
        total = 0
        for piece in self.pieces:
            self._piece_first.append(total)
            total += len(piece.text) + 1
        for y, line in enumerate(self.lines):
            if line.piece is not None:
                self._piece_lines.setdefault(line.piece, []).append(y)
                self._piece_starts.setdefault(line.piece, []).append(line.start)
        # a blank line takes the anchor of the text line below it
        self._anchors = [0] * len(self.lines)
        anchor = total
        for y in range(len(self.lines) - 1, -1, -1):
            line = self.lines[y]
            if line.piece is not None:
                anchor = self._piece_first[line.piece] + line.start
            self._anchors[y] = anchor

    def piece_for(self, field_name: str, block: int | None) -> int | None:
        """The piece showing a field (block index only for blocks)."""
        return self._field_piece.get((field_name, block if field_name == "block" else None))

    def line_at(self, field_name: str, block: int | None, position: int) -> int | None:
        """The screen line showing a character position of a field."""
        piece = self.piece_for(field_name, block)
        if piece is None or piece not in self._piece_lines:
            return None
        starts = self._piece_starts[piece]
        shifted = position + self.pieces[piece].offset
        return self._piece_lines[piece][max(0, bisect_right(starts, shifted) - 1)]

    def anchor_of(self, y: int) -> int:
        """A width-independent position for screen line y: where its text starts."""
        if not self._anchors:
            return 0
        return self._anchors[max(0, min(y, len(self._anchors) - 1))]

    def line_of_anchor(self, anchor: int) -> int:
        """The screen line holding an anchor position (the inverse of `anchor_of`)."""
        best = 0
        for y, line in enumerate(self.lines):
            if line.piece is None:
                continue
            if self._anchors[y] > anchor:
                break
            best = y
        return best


def article_pieces(article: Article, width: int) -> list[DisplayPiece]:
    """The fields of an article in reading order, each with the marks it is shown with."""
    pieces: list[DisplayPiece] = []
    header = [part for part in (article.section, article.kicker) if part]
    if header:
        pieces.append(DisplayPiece("kicker", _shown(" · ".join(header)), centred=True))
    if article.deck:
        pieces.append(DisplayPiece("deck", _shown(article.deck), "deck", centred=True))
    pieces.append(DisplayPiece("title", _shown(article.title), "title", centred=True))
    if article.subtitle:
        pieces.append(
            DisplayPiece(
                "subtitle",
                SUBTITLE_MARK + _shown(article.subtitle),
                "subtitle",
                offset=len(SUBTITLE_MARK),
                centred=True,
            )
        )
    byline = bylines(article)
    if byline:
        pieces.append(DisplayPiece("byline", _shown(byline), centred=True))
    pieces.append(DisplayPiece("rule", ""))
    indent = PARAGRAPH_INDENT if width >= _INDENT_MIN_WIDTH else ""
    for index, block in enumerate(article.blocks):
        text = _shown(block.text)
        if block.type == "caption":
            prefix = CAPTION_MARK
        elif block.type in ("lead", "paragraph"):
            prefix = indent
        else:
            prefix = ""
        pieces.append(DisplayPiece(block.type, prefix + text, "block", index, offset=len(prefix)))
    return pieces


def bylines(article: Article) -> str:
    """记者 … 通讯员 … 摄影 …: who wrote and who photographed the article; a reporter whose
    credit is a photograph ("记者樊如钧摄") is named once, under 摄影."""
    shooters = tuple(dict.fromkeys(article.photographers))
    parts = []
    for label, names in (
        ("记者", tuple(n for n in dict.fromkeys(article.reporters) if n not in shooters)),
        ("通讯员", tuple(n for n in dict.fromkeys(article.correspondents) if n not in shooters)),
        ("摄影", shooters),
    ):
        if names:
            parts.append(f"{label} {'、'.join(names)}")
    return "  ".join(parts)


@lru_cache(maxsize=8192)
def _shown(text: str) -> str:
    # remembered so that re-flowing at another width does not redo the punctuation pass
    return display_text(text)[0]


def layout_article(article: Article, width: int) -> ArticleLayout:
    """Lay an article out at a width in cells, figures never split across lines."""
    width = max(1, width)
    measure = min(width, MAX_MEASURE)
    margin = (width - measure) // 2
    pieces = article_pieces(article, measure)
    keep = figure_spans(article, pieces)
    lines: list[Line] = []
    for index, piece in enumerate(pieces):
        if piece.role == "rule":
            lines.extend([Line(None), Line(index, 0, 0), Line(None)])
            continue
        if lines and lines[-1].piece is not None and piece.role in _BLOCK_ROLES:
            lines.append(Line(None))  # a blank line between body blocks
        kept = keep.get(index, [])
        if piece.centred:
            # headlines set phrases apart with spaces: break between phrases when they fit
            kept = kept + [m.span() for m in _PHRASE.finditer(piece.text)]
        for start, end in wrap(piece.text, measure, kept):
            shown_end = visible_end(piece.text, start, end)
            indent = 0
            if piece.centred:
                indent = max(0, (measure - cell_width(piece.text[start:shown_end])) // 2)
            lines.append(Line(index, start, shown_end, indent))
    return ArticleLayout(width, margin, measure, pieces, lines)


def figure_spans(article: Article, pieces: list[DisplayPiece]) -> dict[int, list[tuple[int, int]]]:
    """Each piece's figure spans in the piece's own text (prefix included)."""
    where = {(p.field, p.block): i for i, p in enumerate(pieces) if p.field is not None}
    spans: dict[int, list[tuple[int, int]]] = {}
    for figure in article.figures:
        index = where.get((figure.field, figure.block if figure.field == "block" else None))
        if index is None:
            continue
        offset = pieces[index].offset
        spans.setdefault(index, []).append((figure.start + offset, figure.end + offset))
    return spans


_BLOCK_ROLES = frozenset({"lead", "subhead", "caption", "paragraph"})
_PHRASE = re.compile(r"[^ \u3000]+")


def plain_text(article: Article) -> list[str]:
    """The article as lines of plain text: headings, bylines, then one paragraph a line.

    Punctuation as the reader shows it; a blank line where the reader draws its rule. For
    pipes, scripts and the clipboard, which wrap text themselves.
    """
    lines = []
    for piece in article_pieces(article, width=MAX_MEASURE):
        if piece.role == "rule":
            lines.append("")
        else:
            lines.append(piece.text.replace("\n", " ").lstrip("\u3000"))
    return lines
