"""The features the tagger sees at each character: the same code trains it and runs it."""

from __future__ import annotations

from functools import cache

from unionreader.analysis import segmenter

# Sentinels padding a text on either side, so every window has its five characters.
_BEFORE, _AFTER = "\x02", "\x03"
_PUNCT = frozenset("，。、；：？！“”‘’（）《》〈〉【】—…·・,.;:?!\"'()[]<>-/")


def _char_type(ch: str) -> str:
    if "\u4e00" <= ch <= "\u9fff":
        return "h"
    if ch.isdigit():
        return "d"
    if ch.isascii() and ch.isalpha():
        return "a"
    if ch in _PUNCT:
        return "p"
    if ch.isspace():
        return "s"
    if ch in (_BEFORE, _AFTER):
        return "x"
    return "o"


_TYPES: dict[str, str] = {}


def _types(text: str) -> str:
    get = _TYPES.get
    out = []
    for ch in text:
        t = get(ch)
        if t is None:
            t = _TYPES[ch] = _char_type(ch)
        out.append(t)
    return "".join(out)


@cache
def _word_lists() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    words = segmenter.lexicon_words
    surnames = frozenset(s for s in words("surnames") if len(s) == 1)
    titles = frozenset(words("titles"))
    orgs = frozenset(w for w in words("org_suffixes") if len(w) > 1)
    places = frozenset(w for w in words("place_suffixes") if len(w) > 1)
    return surnames, titles, orgs, places


# word -> (tag, flag) where flag marks a title (T), an organisation suffix (O), a place suffix (P)
_WORD_CLASS: dict[str, tuple[str, str]] = {}


def _word_class(word: str) -> tuple[str, str]:
    got = _WORD_CLASS.get(word)
    if got is None:
        tag = segmenter.word_tags().get(word) or ("x" if "\u4e00" <= word[0] <= "\u9fff" else "w")
        _, titles, orgs, places = _word_lists()
        flag = "T" if word in titles else "O" if word in orgs else "P" if word in places else ""
        if len(_WORD_CLASS) > 300_000:
            _WORD_CLASS.clear()
        got = _WORD_CLASS[word] = (tag, flag)
    return got


def word_features(words: list[str]) -> tuple[list[str], list[str]]:
    """Per character: its place in its jieba word with the word's tag, and the word's class."""
    pos: list[str] = []
    cls: list[str] = []
    previous_flag = ""
    for word in words:
        tag, flag = _word_class(word)
        n = len(word)
        if n == 1:
            pos.append("S" + tag)
        else:
            pos.append("B" + tag)
            pos.extend(["M" + tag] * (n - 2))
            pos.append("E" + tag)
        # a word right after a title (主席 江泽民) gets the title's mark as an "after" flag
        mark = flag + ("a" + previous_flag if previous_flag == "T" else "")
        cls.extend([mark] * n)
        previous_flag = flag
    return pos, cls


def sequence(text: str, words: list[str]) -> list[tuple[str, ...]]:
    """The feature strings of each character of text, cut into words (jieba's cut of text)."""
    surnames = _word_lists()[0]
    padded = _BEFORE * 2 + text + _AFTER * 2
    types = _types(padded)
    pos, cls = word_features(words)
    n = len(text)
    bos = ["", "", *pos, "", ""]
    items: list[tuple[str, ...]] = []
    append = items.append
    for i in range(n):
        j = i + 2
        c = padded[j]
        append(
            (
                "c" + c,
                "l" + padded[j - 1],
                "r" + padded[j + 1],
                "L" + padded[j - 2],
                "R" + padded[j + 2],
                "b" + padded[j - 1 : j + 1],
                "f" + padded[j : j + 2],
                "B" + padded[j - 2 : j],
                "F" + padded[j + 1 : j + 3],
                "m" + padded[j - 1] + padded[j + 1],
                "t" + types[j - 1 : j + 2],
                "w" + bos[j],
                "u" + bos[j - 1],
                "v" + bos[j + 1],
                "s" + ("1" if c in surnames else "0"),
                "k" + cls[i],
            )
        )
    return items
