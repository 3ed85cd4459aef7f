"""The entities of an article: every name it carries, with every mention of each."""

from __future__ import annotations

from collections.abc import Iterator

from unionreader.analysis.entities.extract import ner_spans
from unionreader.analysis.entities.organisations import CONGRESS
from unionreader.analysis.entities.sentence import LOC, ORG, PER
from unionreader.analysis.short_forms import in_compound
from unionreader.model import Article, Entity, EntityType, Mention

_ENTITY_TYPE: dict[str, EntityType] = {PER: "person", ORG: "org", LOC: "place"}


def _find_all(text: str, name: str) -> Iterator[int]:
    """Where name occurs in text, left to right, not overlapping."""
    start = text.find(name)
    while start >= 0:
        yield start
        start = text.find(name, start + len(name))


def entities_for_article(article: Article) -> tuple[Entity, ...]:
    """Every person, organisation and place the article names, with every mention of each.

    A name recognised once (队长何强) is also found where the rules alone would miss it (何强表示),
    and byline names (reporters, correspondents, photographers) are people of the article even
    when its text never repeats them.
    """
    fields = list(article.fields())
    kinds: dict[str, EntityType] = {}  # name -> entity type, first recognition wins
    first_seen: dict[str, tuple[int, int]] = {}
    recognised: dict[str, list[tuple[int, int]]] = {}  # one-character names: where they were
    for position, (_, _, text) in enumerate(fields):
        for start, end, kind in ner_spans(text):
            name = text[start:end]
            if kind == PER and len(name) < 2:
                continue  # 王先生: a bare surname is not someone a reader can look up
            if len(name) == 1 and in_compound(text, start):
                continue  # the 中 of 中医: a place to the corpora, no name to a reader
            if kind == ORG and CONGRESS.fullmatch(name) and not name.startswith("中共"):
                continue  # 党的二十大: a congress (an event) a reader does not look up as a body
            kinds.setdefault(name, _ENTITY_TYPE[kind])
            first_seen.setdefault(name, (position, start))
            if len(name) == 1:
                recognised.setdefault(name, []).append((position, start))
    for name in (*article.reporters, *article.correspondents, *article.photographers):
        if name and name not in kinds:
            kinds[name] = "person"
            first_seen[name] = (len(fields), len(first_seen))
    taken: list[list[tuple[int, int]]] = [[] for _ in fields]
    mentions: dict[str, list[tuple[int, int, Mention]]] = {name: [] for name in kinds}
    # longer names first, so 密云区总工会 keeps its words from 密云区
    for name in sorted(kinds, key=len, reverse=True):
        if len(name) == 1:  # 中美 names 中, but not the 中 of every 工作中: only where it was found
            places = recognised.get(name, [])
        else:
            places = [
                (p, at) for p, (_, _, text) in enumerate(fields) for at in _find_all(text, name)
            ]
        for position, start in places:
            field, block, _ = fields[position]
            end = start + len(name)
            if all(end <= s or e <= start for s, e in taken[position]):
                taken[position].append((start, end))
                mentions[name].append((position, start, Mention(field, block, start, end)))
    entities = [
        Entity(text=name, type=kinds[name], mentions=tuple(m for *_, m in sorted(found)))
        for name, found in mentions.items()
        if found or kinds[name] == "person"
    ]
    entities.sort(key=lambda e: (-e.count, first_seen[e.text]))
    return tuple(entities)
