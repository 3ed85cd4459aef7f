"""One text cut into words, with the lookups, the tests and the found spans every rule shares."""

from __future__ import annotations

import re
from functools import cached_property
from itertools import accumulate

from unionreader.analysis import segmenter
from unionreader.analysis.entities.wordlists import WORD_INFO, learn_word, lexicon
from unionreader.analysis.short_forms import short_form_places

PER, ORG, LOC = "PER", "ORG", "LOC"
HAN = re.compile(r"[\u4e00-\u9fff]+")
# Tags of words that may sit inside a proper name (jieba's tag set, x = unknown to the dictionary).
NAMEISH = frozenset({"ns", "nr", "nrt", "nrfg", "nz", "nt", "j", "x"})
# Endings that make an abstract noun of a common word (满意度, 安全性, 幸福感)
ABSTRACT_ENDINGS = frozenset("度性感率")
_PRIORITY = {ORG: 0, LOC: 1, PER: 2}


class Sentence:
    """One text cut into jieba words, with the lookups the rules need and what they found.

    The rules themselves are functions of a sentence, one module for each kind of name.
    """

    def __init__(self, text: str, words: list[str]) -> None:
        self.text = text
        self.words = words
        self.starts = [0, *accumulate(len(w) for w in words)]
        self._freq = segmenter.word_freq()
        known = WORD_INFO.get
        self.info = [known(w) or learn_word(w) for w in words]
        self.tags = [tag for tag, _ in self.info]
        self.lex = lexicon()
        self.found: list[tuple[int, int, str]] = []
        self.person_starts: set[int] = set()
        self.person_ends: set[int] = set()
        # organisations that take a verb inside (国家|统计|委员会), with where their verbs are:
        # kept only where the model reads those verbs as part of a name
        self.verbs_inside: dict[tuple[int, int, str], list[tuple[int, int, str]]] = {}

    def freq(self, i: int) -> int:
        return self._freq.get(self.words[i], 0)

    def han(self, i: int) -> bool:
        return 0 <= i < len(self.words) and HAN.fullmatch(self.words[i]) is not None

    def unknown(self, i: int) -> bool:
        """An out-of-vocabulary Chinese word the HMM put together."""
        return self.tags[i] == "x" and len(self.words[i]) > 1 and self.han(i)

    def prev(self, i: int) -> int:
        """Index of the previous word that is not blank space (-1 if none)."""
        i -= 1
        while i >= 0 and self.words[i].isspace():
            i -= 1
        return i

    def next(self, i: int) -> int:
        i += 1
        while i < len(self.words) and self.words[i].isspace():
            i += 1
        return i

    def word(self, i: int) -> str:
        return self.words[i] if 0 <= i < len(self.words) else ""

    def is_title(self, i: int) -> bool:
        w = self.word(i)
        if not w:
            return False
        titles = self.lex.titles
        return w in titles or any(w[-n:] in titles for n in (2, 3, 4) if len(w) > n)

    def name_context(self, first: int, last: int) -> bool:
        """A title or a listed name before, or a speech verb, honorific or list mark after."""
        before = self.prev(first)
        if self.is_title(before):
            return True
        if (
            self.word(before) in ("、", "和", "与", "及")
            and self.starts[before] in self.person_ends
        ):
            return True
        after = self.word(self.next(last))
        if after in ("：", ":") and before < 0:
            return True  # 李明：……: the speaker of an interview's answer
        return after in self.lex.followers or after in ("、", "(", "（")

    def strict_context(self, first: int, last: int) -> bool:
        """A title before or a speech verb or honorific after (not just a list mark)."""
        after = self.next(last)
        if self.word(after) == "副":
            after += 1  # 姆贝基/副/总统
        return (
            self.is_title(self.prev(first))
            or self.word(after) in self.lex.followers
            or (self.transliterated(self.words[first]) and self.is_title(after))
        )

    def add(self, first: int, last: int, kind: str, start_skip: int = 0, end_skip: int = 0) -> None:
        start = self.starts[first] + start_skip
        end = self.starts[last + 1] - end_skip
        if end > start:
            self.found.append((start, end, kind))
            if kind == PER:
                self.person_ends.add(end)

    def common_word(self, w: str, threshold: int) -> bool:
        """Is w a frequent dictionary word that is not itself a name or place?"""
        tags = segmenter.word_tags()
        return segmenter.word_freq().get(w, 0) >= threshold and tags.get(w, "") not in NAMEISH

    def transliterated(self, w: str) -> bool:
        chars = self.lex.transliteration
        return len(w) >= 3 and all(c in chars for c in w)

    @cached_property
    def short_forms(self) -> list[tuple[int, int, str]]:
        """One-character places by the patterns of news prose (中印两国, 访华, 京剧)."""
        return short_form_places(self.text, self.word_at)

    @cached_property
    def word_at(self) -> dict[int, int]:
        """Index of the word starting at each character offset that starts one."""
        return {at: i for i, at in enumerate(self.starts)}


def without_overlaps(found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Longest spans first; a span that overlaps one already kept is dropped."""
    if not found:
        return []
    chosen: list[tuple[int, int, str]] = []
    taken: set[int] = set()
    for start, end, kind in sorted(set(found), key=lambda s: (s[0] - s[1], _PRIORITY[s[2]], s[0])):
        if any(k in taken for k in range(start, end)):
            continue
        taken.update(range(start, end))
        chosen.append((start, end, kind))
    chosen.sort()
    return chosen
