"""Chinese line breaking for the reader: cell widths, kinsoku rules, unbroken figures and words."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence

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
    width = _measure(char)
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
    candidates = [i for i, c in enumerate(chars) if c in _FULL_WIDTH]
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


# Break classes for the boundary before position p.
_NEVER = 0
_EMERGENCY = 1  # inside a word or kept span that is wider than the line by itself
_NORMAL = 2
_MUST = 3  # after a line end


def _word_chars(text: str, widths: list[int]) -> list[bool]:
    """Which characters belong to a run of narrow characters: a Latin word, a number, a URL."""
    word = [False] * len(text)
    for i, char in enumerate(text):
        if widths[i] == 1:
            word[i] = char not in _SPACES
        elif widths[i] == 0 and char != "\n" and i > 0:
            word[i] = word[i - 1]  # a mark belongs to the character it decorates
    return word


def _runs(flags: list[bool]) -> list[tuple[int, int]]:
    """Maximal runs of True of two or more positions, as (start, end)."""
    runs: list[tuple[int, int]] = []
    i, n = 0, len(flags)
    while i < n:
        if flags[i]:
            j = i + 1
            while j < n and flags[j]:
                j += 1
            if j - i > 1:
                runs.append((i, j))
            i = j
        else:
            i += 1
    return runs


def _breaks(
    text: str, widths: list[int], keep_together: Sequence[tuple[int, int]], width: int
) -> list[int]:
    """Break class of the boundary before each position."""
    n = len(text)
    breaks = [_NORMAL] * (n + 1)
    breaks[0] = breaks[n] = _NEVER
    hard_never = [False] * (n + 1)
    last_visible = ""  # last non-space character, so `（ ` still may not end a line
    for p in range(1, n):
        prev, cur = text[p - 1], text[p]
        if prev == "\n":
            breaks[p] = _MUST
            last_visible = ""
            continue
        if prev not in _SPACES:
            last_visible = prev
        if cur in _SPACES or cur == "\n" or widths[p] == 0:
            hard_never[p] = True  # spaces hang at the line end; marks stay with their base
        elif cur in NO_START or last_visible in NO_END:
            hard_never[p] = True
    # Spans that must not break unless they cannot fit on a line of their own.
    word = _word_chars(text, widths)
    # Narrow runs (`12351`, `3.5%`, URLs) and, inside them, runs of letters and digits: when
    # punctuation forces a long run apart, the break still falls between words, not in one.
    letters = [False] * n
    for i in range(n):
        if word[i]:
            letters[i] = letters[i - 1] if widths[i] == 0 and i > 0 else text[i].isalnum()
    glued = _runs(word) + _runs(letters)
    glued.extend((max(0, s), min(n, e)) for s, e in keep_together if min(n, e) - max(0, s) > 1)
    relaxed = [False] * (n + 1)
    blocked = [False] * (n + 1)
    for start, end in glued:
        oversized = sum(widths[start:end]) > width
        target = relaxed if oversized else blocked
        for q in range(start + 1, end):
            target[q] = True
    for p in range(1, n):
        if breaks[p] == _MUST:
            continue
        if hard_never[p] or blocked[p]:
            breaks[p] = _NEVER
        elif relaxed[p]:
            breaks[p] = _EMERGENCY
    return breaks


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
    widths = [char_width(c) for c in text]
    return _fill_lines(text, widths, _breaks(text, widths, keep_together, width), width)


def _fill_lines(
    text: str, widths: list[int], breaks: list[int], width: int
) -> list[tuple[int, int]]:
    """Greedy filling: the furthest allowed break that fits, else the first one after overflow."""
    n = len(text)
    lines: list[tuple[int, int]] = []
    start = 0
    while start < n:
        cells = 0
        visible = 0
        best_normal = best_emergency = None
        end = n
        i = start
        while i < n:
            if i > start:
                cls = breaks[i]
                if cls == _MUST:
                    end = i
                    break
                if cls == _NORMAL:
                    best_normal = i
                elif cls == _EMERGENCY:
                    best_emergency = i
            cells += widths[i]
            if text[i] not in _SPACES and text[i] != "\n":
                visible = cells
            if visible > width:
                break
            i += 1
        if i < n and end == n:  # stopped by overflow, not by the end of the text
            if best_normal is not None:
                end = best_normal
            elif best_emergency is not None:
                end = best_emergency
            else:
                end = next((q for q in range(i + 1, n) if breaks[q] != _NEVER), n)
        lines.append((start, end))
        start = end
    return lines
