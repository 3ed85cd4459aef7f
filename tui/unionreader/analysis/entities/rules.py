"""The rules alone over one sentence: each word to the rules that concern it, overlaps settled."""

from __future__ import annotations

import re

from unionreader.analysis import segmenter
from unionreader.analysis.entities.organisations import organisations
from unionreader.analysis.entities.people import foreign_names, people
from unionreader.analysis.entities.places import places
from unionreader.analysis.entities.sentence import (
    LOC,
    NAMEISH,
    ORG,
    PER,
    Sentence,
    without_overlaps,
)
from unionreader.analysis.entities.wordlists import FOR_ORGS, FOR_PEOPLE, FOR_PLACES

_VERSUS_BEFORE = re.compile(r"(?:vs|VS)\.?\s*(?:ac|AC)?$")
_VERSUS_AFTER = re.compile(r"\s*(?:vs|VS)(?![A-Za-z])")
_WORK_TITLE = re.compile(r"《[^《》]{1,40}》")
# What ends the name of a newspaper or a magazine (《费加罗报》, 《时代》周刊 aside)
_PRESS = ("报", "周刊", "杂志", "画报")


def spans(s: Sentence) -> list[tuple[int, int, str]]:
    """Every name the rules find in the sentence, overlaps settled longest first."""
    heads = []
    for i, (_, rules) in enumerate(s.info):
        if rules:
            if rules & FOR_PEOPLE:
                people(s, i)
            if rules & FOR_PLACES:
                places(s, i)
            if rules & FOR_ORGS:
                heads.append(i)
    organisations(s, heads)
    s.found.extend(s.short_forms)
    if "·" in s.text or "•" in s.text or "・" in s.text or "‧" in s.text:
        foreign_names(s)
    found = s.found
    if "vs" in s.text or "VS" in s.text:
        found = teams(s, found)
    if "《" in s.text:
        found = outside_titles(s, found + publications(s))
    return without_overlaps(found)


def teams(s: Sentence, found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """罗马vs米兰: places on either side of "vs" are the teams playing for them."""
    text = s.text
    out = []
    for start, end, kind in found:
        if kind == LOC and (
            _VERSUS_BEFORE.search(text, 0, start) or _VERSUS_AFTER.match(text, end)
        ):
            kind = ORG
        out.append((start, end, kind))
    return out


def publications(s: Sentence) -> list[tuple[int, int, str]]:
    """《费加罗报》, 《中国足球报》: a newspaper or magazine in full is an organisation."""
    out = []
    for m in _WORK_TITLE.finditer(s.text):
        start, end = m.start() + 1, m.end() - 1
        name = s.text[start:end]
        i = s.word_at.get(start)
        if (
            3 <= len(name) <= 12
            and name.endswith(_PRESS)
            and i is not None
            and (s.tags[i] in NAMEISH or s.words[i] in s.lex.places)
        ):
            out.append((start, end, ORG))
    return out


def outside_titles(s: Sentence, found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """《长江之歌》: a word inside a title names the work, not a place or an organisation.

    A title that is a name in full (《人民日报》) is kept."""
    titles = [m.span() for m in _WORK_TITLE.finditer(s.text)]
    return [
        (start, end, kind)
        for start, end, kind in found
        if kind == PER
        or not any(a < start and end < b and end - start < b - a - 2 for a, b in titles)
    ]


def rule_spans(text: str) -> list[tuple[int, int, str]]:
    """What the word lists and patterns alone find in text, without the trained model."""
    if not text or not text.strip():
        return []
    return [trimmed(text, span) for span in spans(Sentence(text, segmenter.cut(text)))]


def trimmed(text: str, span: tuple[int, int, str]) -> tuple[int, int, str]:
    """A name never starts with the unit of the number before it (2022年|经开区)."""
    start, end, kind = span
    if end - start > 2 and text[start] in "年月日号" and start and text[start - 1].isdigit():
        start += 1
        if text.startswith("电", start) and text[start - 1] == "日" and end - start > 2:
            start += 1  # 5日电|法国世界杯组委会: a news agency's dateline
        return start, end, kind
    return span
