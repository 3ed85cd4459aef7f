"""Chinese line breaking for the reader: cell widths, kinsoku rules, unbroken figures and words."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import accumulate

__all__ = [
    "NO_END",
    "NO_START",
    "cell_width",
    "char_width",
    "display_text",
    "line_width",
    "visible_end",
    "wrap",
]

# Characters that may not begin a line (closing punctuation, pauses, dashes and ellipses).
NO_START = frozenset(
    "，。、；：？！）》〉」』】〕〗〙〛”’…—～·・ー々〻ゝゞ％‰，．：；？！）］｝,.;:?!)]}%"
)
# Characters that may not end a line (opening brackets and quotes).
NO_END = frozenset("（《〈「『【〔〖〘〚“‘（［｛([{")

# Whitespace that may hang at the end of a line; a break is allowed after it, never before it.
_SPACES = frozenset(" \t\u3000")

# Half-width punctuation shown full-width when it sits among Chinese text (1 char -> 1 char).
_FULL_WIDTH = {",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "!": "！", "?": "？"}

# Combining marks and format characters take no cell of their own.
_ZERO_WIDTH = frozenset({"Mn", "Me", "Cf"})

_width_cache: dict[str, int] = {}


def _unicode_width(char: str) -> int:
    """Cell width from the Unicode database alone (used when Rich's cell table is missing)."""
    code = ord(char)
    if code < 0x20 or 0x7F <= code < 0xA0 or unicodedata.category(char) in _ZERO_WIDTH:
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def _pick_measure() -> Callable[[str], int]:
    # Widths must agree with the ones the terminal layer renders with, so prefer Rich's table.
    try:
        from rich.cells import get_character_cell_size
    except ImportError:  # pragma: no cover - Rich ships with Textual
        return _unicode_width
    return get_character_cell_size


_measure: Callable[[str], int] | None = None


def char_width(char: str) -> int:
    """Terminal cells taken by one character: 2 for wide East Asian forms, 0 for marks."""
    global _measure
    cached = _width_cache.get(char)
    if cached is not None:
        return cached
    if _measure is None:
        _measure = _pick_measure()
    # a tab is shown as one space (display_text), so it is measured as one
    width = 1 if char == "\t" else _measure(char)
    if len(_width_cache) < 65536:
        _width_cache[char] = width
    return width


def cell_width(text: str) -> int:
    """Terminal cells taken by a string."""
    if text.isascii() and text.isprintable():
        return len(text)
    return sum(char_width(c) for c in text)


def visible_end(text: str, start: int, end: int) -> int:
    """End of the span once trailing spaces and line ends are dropped from display."""
    while end > start and (text[end - 1] in _SPACES or text[end - 1] == "\n"):
        end -= 1
    return end


def line_width(text: str, span: tuple[int, int]) -> int:
    """Cells a wrapped line takes on screen (trailing spaces at the break not counted)."""
    start, end = span
    return cell_width(text[start : visible_end(text, start, end)])


def _is_chinese(char: str) -> bool:
    """Han characters and full-width forms: the context that asks for full-width punctuation."""
    return char not in _SPACES and unicodedata.east_asian_width(char) in ("W", "F")


def _control_picture(char: str) -> str:
    """A visible, harmless stand-in for a control character (never sent raw to the terminal)."""
    code = ord(char)
    if char in "\t\r\f\v":
        return " "
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    return "\ufffd"


def display_text(text: str) -> tuple[str, list[int]]:
    """Text as the reader shows it: half-width `,;:()!?` among Chinese made full-width.

    Control characters (other than line ends) become visible stand-ins so file contents can never
    drive the terminal. The result has the same length as `text`, so every span stays valid; the
    list holds the positions that changed.
    """
    chars = list(text)
    changed: list[int] = []
    for i, char in enumerate(chars):
        code = ord(char)
        if char != "\n" and (code < 0x20 or 0x7F <= code < 0xA0):
            chars[i] = _control_picture(char)
            changed.append(i)
    # colons around a Latin word (`:smile:`, `:+1:`) are a code, not punctuation: kept as typed
    coded = {i for m in _COLON_CODE.finditer(text) for i in (m.start(), m.end() - 1)}
    candidates = [i for i, c in enumerate(chars) if c in _FULL_WIDTH and i not in coded]
    if not candidates:
        return "".join(chars), changed
    partner = _paren_partners(chars)

    def neighbour(i: int, step: int) -> str | None:
        j = i + step
        while 0 <= j < len(chars) and chars[j] in _SPACES:
            j += step
        if 0 <= j < len(chars) and chars[j] != "\n":
            return chars[j]
        return None

    converted: set[int] = set()
    progress = True
    while progress:  # a converted mark is Chinese context for its neighbour: repeat to a fixpoint
        progress = False
        for i in candidates:
            if i in converted:
                continue
            before, after = neighbour(i, -1), neighbour(i, 1)
            chinese = (before is not None and _is_chinese(before)) or (
                after is not None and _is_chinese(after)
            )
            if chinese:
                for j in (i, partner.get(i)):
                    if j is not None and j not in converted:
                        chars[j] = _FULL_WIDTH[chars[j]]
                        converted.add(j)
                progress = True
    changed.extend(converted)
    changed.sort()
    return "".join(chars), changed


_COLON_CODE = re.compile(r":[A-Za-z0-9_+\-]+:")


def _paren_partners(chars: list[str]) -> dict[int, int]:
    """Matching half-width parentheses, so a pair is shown in one width."""
    partner: dict[int, int] = {}
    stack: list[int] = []
    for i, char in enumerate(chars):
        if char == "(":
            stack.append(i)
        elif char == ")" and stack:
            j = stack.pop()
            partner[i] = j
            partner[j] = i
    return partner


# Each character is read as one class letter, so the break rules are fixed regexes run over
# `text.translate(_CLASS_TABLE)`: N line end, S space, z mark, a narrow letter or digit,
# p narrow no-start, o narrow no-end, n other narrow, P wide no-start, O wide no-end, W wide.
_CLASS_TABLE: dict[int, str] = {}
_WIDTH_TABLE: dict[int, str] = {}
_CLASSIFIED: set[str] = set()
_NEVER_BEFORE = re.compile("[NSzpP]+")  # before line ends, spaces, marks and closing marks
_NEVER_AFTER = re.compile("[oO]S*")  # after an opening mark (and the spaces after it)
_NARROW_RUN = re.compile("[anpo][anpoz]+")  # `12351`, `3.5%`, a URL
_WORD_RUN = re.compile("a[az]+")  # letters and digits inside a narrow run


def _classify(char: str) -> str:
    width = char_width(char)
    if char == "\n":
        return "N"
    if char in _SPACES:
        return "S"
    if width == 0:
        return "z"
    if char in NO_START:
        return "p" if width == 1 else "P"
    if char in NO_END:
        return "o" if width == 1 else "O"
    if width == 1:
        return "a" if char.isalnum() else "n"
    return "W"


def _classes(text: str) -> tuple[str, bytes]:
    """The class letters of a text and the width of each character, as bytes."""
    missing = set(text).difference(_CLASSIFIED)
    for char in missing:
        _CLASS_TABLE[ord(char)] = _classify(char)
        _WIDTH_TABLE[ord(char)] = chr(char_width(char))
        _CLASSIFIED.add(char)
    return text.translate(_CLASS_TABLE), text.translate(_WIDTH_TABLE).encode("latin-1")


@dataclass(frozen=True, slots=True)
class _Breaks:
    """Allowed breaks of a text at one width, as sorted positions (a break before position p)."""

    normal: list[int]  # between CJK characters, after spaces...
    emergency: list[int]  # inside a word or kept span wider than the line by itself
    must: list[int]  # after a line end


# Strength of the rule at a boundary; a stronger rule overwrites a weaker one.
_FREE, _RELAXED, _BLOCKED, _NEVER = 0, 1, 2, 3


def _find_breaks(
    codes: str, cum: list[int], keep: Sequence[tuple[int, int]], width: int
) -> _Breaks:
    """Where a text (given as its class letters) may break at this width."""
    n = len(codes)
    rule = bytearray(n + 1)
    # Narrow runs and, inside them, runs of letters and digits: when punctuation forces a long
    # run apart, the break still falls between words, not inside one. Kept spans (figures) too.
    glued = [m.span() for m in _NARROW_RUN.finditer(codes)]
    glued += [m.span() for m in _WORD_RUN.finditer(codes)]
    glued += [(max(0, a), min(n, b)) for a, b in keep if min(n, b) - max(0, a) > 1]
    for oversized in (True, False):  # blocking is applied last: it wins over relaxing
        value = bytes([_RELAXED if oversized else _BLOCKED])
        for a, b in glued:
            if (cum[b] - cum[a] > width) == oversized and b - a > 1:
                rule[a + 1 : b] = value * (b - a - 1)
    never = bytes([_NEVER])
    for match in _NEVER_BEFORE.finditer(codes):
        rule[match.start() : match.end()] = never * (match.end() - match.start())
    for match in _NEVER_AFTER.finditer(codes):
        rule[match.start() + 1 : match.end() + 1] = never * (match.end() - match.start())
    rule[0] = rule[n] = _NEVER
    must = [i + 1 for i, code in enumerate(codes) if code == "N" and i + 1 < n]
    for p in must:
        rule[p] = _NEVER  # a break of its own, kept out of the other lists
    normal = [p for p, value in enumerate(rule) if value == _FREE]
    emergency = [p for p, value in enumerate(rule) if value == _RELAXED]
    return _Breaks(normal, emergency, must)


def wrap(
    text: str, width: int, keep_together: Sequence[tuple[int, int]] = ()
) -> list[tuple[int, int]]:
    """Split text into lines no wider than `width` terminal cells; returns (start, end) spans.

    Breaks fall between CJK characters, after spaces and at line ends; never before closing
    punctuation or after opening brackets (overflowing instead when nothing else fits), never
    inside a run of Latin letters and digits or a `keep_together` span unless that run or span
    alone is wider than the line. The spans are contiguous and cover the whole text; spaces
    and the line end at a break stay in the span but take no room on screen.
    """
    n = len(text)
    if n == 0:
        return []
    width = max(1, width)
    codes, widths = _classes(text)
    cum = [0, *accumulate(widths)]  # cum[p]: cells taken by text[:p]
    breaks = _find_breaks(codes, cum, keep_together, width)
    return _fill_lines(text, cum, breaks, width)


def _fill_lines(text: str, cum: list[int], breaks: _Breaks, width: int) -> list[tuple[int, int]]:
    """Greedy filling: the furthest allowed break that fits, else the first one after overflow."""
    n = len(text)
    lines: list[tuple[int, int]] = []
    start = 0
    while start < n:
        # `fits`: the furthest position p with text[start:p] no wider than the line...
        fits = bisect_right(cum, cum[start] + width) - 1
        while fits < n and text[fits] in _SPACES:
            fits += 1  # ...spaces at the break hang in the margin
        end = _first_after(breaks.must, start)
        if end is None or end > fits:
            end = n if fits >= n else None
        if end is None:
            end = _last_within(breaks.normal, start, fits) or _last_within(
                breaks.emergency, start, fits
            )
        if end is None:  # nothing fits: overflow up to the first break of any kind
            candidates = [
                p
                for p in (_first_after(b, start) for b in (breaks.normal, breaks.emergency))
                if p is not None
            ]
            must = _first_after(breaks.must, start)
            if must is not None:
                candidates.append(must)
            end = min(candidates, default=n)
        lines.append((start, end))
        start = end
    return lines


def _first_after(positions: list[int], start: int) -> int | None:
    i = bisect_right(positions, start)
    return positions[i] if i < len(positions) else None


def _last_within(positions: list[int], start: int, limit: int) -> int | None:
    i = bisect_right(positions, limit) - 1
    return positions[i] if i >= 0 and positions[i] > start else None
