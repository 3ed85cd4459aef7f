"""The features the tagger sees at each character: the same code trains it and runs it."""

from __future__ import annotations

from functools import cache

from unionreader.analysis import segmenter

# Sentinels padding a text on either side, so every window has its five characters.
_BEFORE, _AFTER = "\x02", "\x03"
# Characters the model reads as one: digits as 0, full-width letters as ASCII lower case, ASCII
# punctuation as the full-width marks of the training text (pages mix both).
FOLD = str.maketrans(
    {
        **{chr(c): "0" for c in range(ord("1"), ord("9") + 1)},
        **{chr(0xFF10 + d): "0" for d in range(10)},
        **{chr(0xFF21 + k): chr(ord("a") + k) for k in range(26)},
        **{chr(0xFF41 + k): chr(ord("a") + k) for k in range(26)},
        **{chr(ord("A") + k): chr(ord("a") + k) for k in range(26)},
        ",": "，",
        ";": "；",
        ":": "：",
        "?": "？",
        "!": "！",
        "(": "（",
        ")": "）",
    }
)
_PUNCT = frozenset("，。、；：？！“”‘’（）《》〈〉【】—…·・,.;:?!\"'()[]<>-/")


def char_type(ch: str) -> str:
    """One letter for the kind of a character: h Han, d digit, a Latin, p punctuation, s space,
    x padding, o other."""
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
            t = _TYPES[ch] = char_type(ch)
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


def surnames() -> frozenset[str]:
    """The one-character surnames of the shipped word list."""
    return _word_lists()[0]


# word -> (tag, flag) where flag marks a title (T), an organisation suffix (O), a place suffix (P)
_WORD_CLASS: dict[str, tuple[str, str]] = {}


def word_class(word: str) -> tuple[str, str]:
    """A word's jieba tag and its flag: a title (T), an organisation (O) or place (P) suffix."""
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
        tag, flag = word_class(word)
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
    """The feature strings of each character of text, cut into words (jieba's cut of text).

    One comprehension over shifted copies of the text: a window of five characters, its
    bigrams, the character types around it, the jieba word it sits in (place and tag) and the
    words either side, whether it is a surname, and the class of its word (title, suffix).
    """
    surnames = _word_lists()[0]
    n = len(text)
    p = _BEFORE * 2 + text.translate(FOLD) + _AFTER * 2
    ty = _types(p)
    pos, cls = word_features(words)
    if len(pos) != n:  # a cut that lost or changed characters: read them one by one instead
        pos, cls = word_features(list(text))
    window = zip(
        p[2 : n + 2],
        p[1 : n + 1],
        p[3 : n + 3],
        p[:n],
        p[4 : n + 4],
        ty[1 : n + 1],
        ty[2 : n + 2],
        ty[3 : n + 3],
        pos,
        ["", *pos[:-1]],
        [*pos[1:], ""],
        cls,
        strict=True,
    )
    return [
        (
            "c" + c,
            "l" + l1,
            "r" + r1,
            "L" + l2,
            "R" + r2,
            "b" + l1 + c,
            "f" + c + r1,
            "B" + l2 + l1,
            "F" + r1 + r2,
            "m" + l1 + r1,
            "t" + t1 + t0 + t2,
            "w" + w,
            "u" + u,
            "v" + v,
            "s1" if c in surnames else "s0",
            "k" + k,
        )
        for c, l1, r1, l2, r2, t1, t0, t2, w, u, v, k in window
    ]
