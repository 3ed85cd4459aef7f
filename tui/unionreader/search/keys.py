"""Search keys: folded, simplified, punctuation-free text and pinyin syllables, one per char."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import Any, Literal

# Chars that pypinyin reads: the CJK unified ideographs and their extension A.
_CJK_RANGES = ((0x4E00, 0x9FFF), (0x3400, 0x4DBF), (0xF900, 0xFAFF))
_converter: Callable[[str], str] | None = None


# the same ranges as a regex class
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAS_CJK = re.compile(f"[{_HAN}]").search


def is_cjk(char: str) -> bool:
    code = ord(char)
    return any(lo <= code <= hi for lo, hi in _CJK_RANGES)


@lru_cache(maxsize=8192)
def fold_char(char: str) -> str:
    """One char in, one char out: NFKC (full width to half width), case folded.

    Returns "" for chars that carry no words (punctuation, spaces, symbols), so that a query
    and a text match whatever quotes, spaces or commas stand between their words.
    """
    folded = unicodedata.normalize("NFKC", char).casefold()
    if len(folded) != 1:
        folded = char.lower() if len(char.lower()) == 1 else char
    if unicodedata.category(folded)[0] not in "LN":
        return ""
    return folded


class _FoldTable(dict[int, str]):
    """fold_char by code point, for str.translate: filled as chars are met (a few thousand)."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = fold_char(chr(code))
        return folded


_FOLD = _FoldTable()


def compact(text: str) -> str:
    """The text as search sees it: folded word chars only."""
    return text.translate(_FOLD)


@lru_cache(maxsize=4096)
def compact_positions(text: str) -> tuple[int, ...]:
    """For each char of compact(text), its index in text (to map spans back).

    Kept for the last few thousand texts: the hits of one keystroke are mostly the last's.
    """
    return tuple([i for i, ch in enumerate(text) if fold_char(ch)])


def to_simplified(text: str) -> str:
    """Traditional to simplified Chinese (opencc), keeping one char per char."""
    global _converter
    if _converter is None:
        import opencc  # heavy: only when traditional text is seen

        _converter = opencc.OpenCC("t2s").convert
    converted = _converter(text)
    if len(converted) == len(text):
        return converted
    # A phrase rule changed the length: convert char by char so offsets still line up.
    return "".join(
        c if len(c) == 1 else ch for ch, c in zip(text, map(_converter, text), strict=True)
    )


def search_text(text: str) -> str:
    """Simplified, folded, punctuation-free text: what the index stores for a field."""
    return compact(to_simplified(text)) if _HAS_CJK(text) else compact(text)


def search_texts(texts: Iterable[str]) -> dict[str, str]:
    """search_text for many texts at once (one opencc call for all of them)."""
    unique = [t for t in dict.fromkeys(texts) if t and "\n" not in t]
    keys: dict[str, str] = {}
    traditional_maybe = [t for t in unique if _HAS_CJK(t)]
    converted = to_simplified("\n".join(traditional_maybe)).split("\n")
    if len(converted) != len(traditional_maybe):
        converted = [to_simplified(t) for t in traditional_maybe]
    for original, simplified in zip(traditional_maybe, converted, strict=True):
        if len(simplified) != len(original):
            simplified = to_simplified(original)
        keys[original] = compact(simplified)
    for text in unique:
        if text not in keys:
            keys[text] = compact(text)
    return keys


def is_latin_query(text: str) -> bool:
    """A query typed in Latin letters (maybe with digits): worth matching as pinyin."""
    return bool(text) and text.isascii() and any(c.isalpha() for c in text)


def _each_char(run: str) -> list[str]:
    """pypinyin's `errors` hook: a run it cannot read comes back one char per reading."""
    return list(run)


_CJK_RUNS = re.compile(f"[{_HAN}]+|[^{_HAN}]+")
_plain: dict[str, str] = {}
# pypinyin's pieces _in_context reads with, imported on first use (False: not as expected)
_pypinyin: tuple[Any, ...] | Literal[False] | None = None


def _in_context(text: str) -> list[str] | None:
    """lazy_pinyin(text, Style.NORMAL) one char per reading, from pypinyin's own phrase
    segmentation and dictionaries but without its per-char style pipeline (seven times
    quicker: every head text of an archive is read so). None if pypinyin's layout differs."""
    global _pypinyin
    if _pypinyin is None:
        try:
            from pypinyin import Style
            from pypinyin.constants import PHRASES_DICT, PINYIN_DICT, RE_HANS
            from pypinyin.seg import mmseg
            from pypinyin.style import convert
        except ImportError:
            _pypinyin = False
            return None
        _pypinyin = (Style.NORMAL, PHRASES_DICT, PINYIN_DICT, RE_HANS, mmseg.seg, convert)
    elif _pypinyin is False:
        return None
    normal, PHRASES_DICT, PINYIN_DICT, RE_HANS, seg, convert = _pypinyin

    def plain(reading: str) -> str:
        found = _plain.get(reading)
        if found is None:
            found = _plain[reading] = convert(reading, normal, strict=True)
        return found

    out: list[str] = []
    for run in _CJK_RUNS.findall(text):
        if not RE_HANS.match(run):
            out.extend(run)
            continue
        for word in seg.cut(run):
            phrase = PHRASES_DICT.get(word) if len(word) > 1 else None
            if phrase is not None and len(phrase) == len(word):
                out.extend(plain(p[0]) for p in phrase)
                continue
            for ch in word:
                entry = PINYIN_DICT.get(ord(ch))
                out.append(plain(entry.split(",")[0]) if entry else ch)
    return out


def syllables(text: str, person_names: bool = False) -> list[list[str]]:
    """Pinyin readings for each char of a compact text: the reading in context first.

    Non-CJK chars read as themselves. For a person's name the surname's other readings are
    added (pypinyin reads 薄 as bao in context, but as a surname it is bo), so typing the
    surname's reading finds the person.
    """
    readings = _in_context(text)
    if readings is None or len(readings) != len(text):
        from pypinyin import Style, lazy_pinyin
    if readings is None:
        readings = lazy_pinyin(text, style=Style.NORMAL, errors=_each_char)  # type: ignore[arg-type]
    if len(readings) != len(text):  # defensive: pypinyin always yields one per char here
        readings = [
            lazy_pinyin(ch, style=Style.NORMAL, errors=_each_char)[0]  # type: ignore[arg-type]
            for ch in text
        ]
    result = [[r.lower()] for r in readings]
    if person_names and text and is_cjk(text[0]):
        for reading in _all_readings(text[0]):
            if reading not in result[0]:
                result[0].append(reading)
    return result


@lru_cache(maxsize=8192)
def _all_readings(char: str) -> tuple[str, ...]:
    from pypinyin import Style, pinyin

    return tuple(pinyin(char, style=Style.NORMAL, heteronym=True)[0])


def char_readings(chars: Iterable[str]) -> dict[str, str]:
    """The most common reading of each CJK char (to read a Chinese query as pinyin)."""
    from pypinyin import Style, lazy_pinyin

    cjk = sorted({c for c in chars if is_cjk(c)})
    return dict(zip(cjk, lazy_pinyin(cjk, style=Style.NORMAL), strict=True))
