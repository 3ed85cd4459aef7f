"""People, organisations and places in a text: the rules laid over the trained tagger."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import overload

from unionreader.analysis import segmenter
from unionreader.analysis.entities.conventions import conventions
from unionreader.analysis.entities.mending import inside_other, mended, settled
from unionreader.analysis.entities.organisations import branches_joined, grammar_org
from unionreader.analysis.entities.people import doubtful_person
from unionreader.analysis.entities.places import grammar_place
from unionreader.analysis.entities.rules import spans, trimmed
from unionreader.analysis.entities.sentence import PER, Sentence, without_overlaps
from unionreader.analysis.ner import tagger
from unionreader.analysis.ner.combine import combine

_VERB_TAGS = frozenset({"v", "vd", "vg", "vi"})
# What never stands inside a name: the marks between clauses and sentences
_BREAKS = re.compile(r"[，,。；;！!？?：:\n]")
# How strongly the model must read a verb inside a rule's organisation as part of a name
_VERB_BELIEF = 0.06
# The titles of a byline and what ends the name after one: (记者 白莹), 记者 王强 通讯员 李明
_BYLINE_TITLES = frozenset(
    {"记者", "本报记者", "特约记者", "见习记者", "实习记者", "通讯员", "实习生"}
)
_BYLINE_ENDS = frozenset(")）/ \u3000")


def _in_byline(sentence: Sentence, span: tuple[int, int, str]) -> bool:
    """(记者 白莹): a name between a byline's title and the end of the byline."""
    at = sentence.word_at.get(span[0])
    if at is None or sentence.word(sentence.prev(at)) not in _BYLINE_TITLES:
        return False
    end = span[1]
    return end == len(sentence.text) or sentence.text[end] in _BYLINE_ENDS


class _Beliefs(Sequence[float]):
    """The model's belief in each rule span, worked out only for the spans combine asks about
    (most overlap a name the model found, and need none)."""

    def __init__(self, reading: tagger.Reading, spans: list[tuple[int, int, str]]) -> None:
        self._reading = reading
        self._spans = spans

    def __len__(self) -> int:
        return len(self._spans)

    @overload
    def __getitem__(self, index: int) -> float: ...

    @overload
    def __getitem__(self, index: slice) -> list[float]: ...

    def __getitem__(self, index: int | slice) -> float | list[float]:
        if isinstance(index, slice):
            return [self[k] for k in range(len(self))[index]]
        start, end, _ = self._spans[index]
        return self._reading.belief(start, end)


# Bump ENTITIES_VERSION (in unionreader.versions) whenever what ner_spans returns changes.
def ner_spans(text: str) -> list[tuple[int, int, str]]:
    """People (PER), organisations (ORG) and places (LOC) in text as (start, end, type) spans.

    The trained tagger reads every character; the word lists and patterns of news prose are
    laid on top of what it finds (see ner.combine). Both share one jieba cut.
    """
    if not text or not text.strip():
        return []
    words = segmenter.cut(text)
    sentence = Sentence(text, words)
    rules = [trimmed(text, span) for span in spans(sentence)]
    loose = {span: sentence.verbs_inside[span] for span in rules if span in sentence.verbs_inside}
    reading = tagger.Reading(text, words)
    model = reading.spans
    if loose:
        rules = [
            span
            for span in rules
            if all(reading.belief(v[0], v[1]) >= _VERB_BELIEF for v in loose.get(span, ()))
        ]
    # 李先生 -> 李, and places made by suffix grammar: patterns the model was never taught
    short = set(sentence.short_forms)
    trusted = [
        span
        for span in rules
        if grammar_place(sentence, span)
        or (span[2] == PER and span[1] - span[0] == 1)
        or span in short
        or grammar_org(sentence, span)
        or (span[2] == PER and text.startswith(("主义", "理论", "思想"), span[1]))
        or (span[2] == PER and _in_byline(sentence, span))
    ]
    # a verb that ends like a body (禁毒署, tagged as a verb) does not stop an organisation
    suffixes = sentence.lex.org_suffixes
    verbs = [
        at
        for at, word, tag in zip(sentence.starts, words, sentence.tags, strict=False)
        if tag in _VERB_TAGS and not (len(word) > 1 and word[-1] in suffixes)
    ]
    found = combine(text, model, rules, _Beliefs(reading, rules), trusted, verbs)
    ruled = set(rules)
    # mending may start a name earlier (经|开区总工会): overlaps are settled longest first
    joined = branches_joined(
        sentence,
        without_overlaps(
            [
                kept
                for span in found
                if span in ruled or not doubtful_person(sentence, span)
                if not inside_other(sentence, span)
                for kept in (settled(sentence, m) for m in mended(sentence, span))
                if not _BREAKS.search(text, kept[0], kept[1])
            ]
        ),
    )
    return conventions(sentence, joined)
