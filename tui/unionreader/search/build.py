"""What the search tables hold for one article: head entries, pinyin, body key and gram tokens."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from operator import add

from ..model import Article
from .keys import char_readings, is_cjk, search_text, search_texts, syllables
from .rank import MENTION_BONUS, WEIGHTS

# Head fields: short texts that name what an article is about. Bylines are the reporters',
# correspondents' and photographers' names (reported as person entities).
HEAD_FIELDS = ("title", "entity", "deck", "subtitle", "byline")
TITLE, ENTITY, DECK, SUBTITLE, BYLINE = range(5)
ENTITY_TYPES = ("", "person", "org", "place")
# A head text's class: the order a walk of the texts meets them, best field weight first.
CLASS_OF_FIELD = (0, 1, 2, 2, 3)
CLASS_WEIGHT = (WEIGHTS["title"], WEIGHTS["entity"], WEIGHTS["deck"], WEIGHTS["byline"])
# A head text's id orders the texts for that walk: class, then length, then first seen.
CLASS_SHIFT, LENGTH_SHIFT = 44, 36
SEQ_MASK = (1 << LENGTH_SHIFT) - 1
MAX_SORTED_LENGTH = 255


@dataclass(frozen=True, slots=True)
class HeadEntry:
    """One head field or name of an article, as the search tables hold it."""

    field: int  # index into HEAD_FIELDS
    slot: int  # which entity or byline name
    key: str  # its search key
    etype: int  # index into ENTITY_TYPES
    rank: int  # -(weight + bonus) in hundredths: the article's best entries sort first

    @property
    def klass(self) -> int:
        return CLASS_OF_FIELD[self.field]

    @property
    def weight(self) -> float:
        return -self.rank / 100


def text_id(klass: int, length: int, seq: int) -> int:
    """The id of a new head text: class, then length (capped), then sequence."""
    return (klass << CLASS_SHIFT) | (min(length, MAX_SORTED_LENGTH) << LENGTH_SHIFT) | seq


def class_of_id(text: int) -> int:
    return text >> CLASS_SHIFT


def grams(text: str, unigrams: bool = True) -> set[str]:
    """The two-char grams of a search key (and its chars), never across a block break."""
    found = set(map(add, text, text[1:]))
    if unigrams:
        found.update(text)
    if "\n" in text:
        found = {g for g in found if "\n" not in g}
    return found


def gram_tokens(text: str) -> str:
    """A key's chars and two-char grams as space-separated tokens (what an FTS5 index holds)."""
    return " ".join(sorted(grams(text)))


def body_tokens(body: str) -> str:
    """A body key's two-char grams and the last char of each block as tokens: a char is in the
    body where a token starts with it (an FTS5 prefix query), at a third less than every char
    as a token of its own."""
    tokens: list[str] = []
    for part in body.split("\n"):
        if part:
            tokens.extend(map(add, part, part[1:]))
            tokens.append(part[-1])
    return " ".join(dict.fromkeys(tokens))  # each once, in the order met


@dataclass(frozen=True, slots=True)
class SearchSource:
    """What an article's search rows are made of: its head texts, names and blocks' text."""

    title: str
    deck: str | None
    subtitle: str | None
    entities: tuple[tuple[str, str, int], ...]  # text, type, how many mentions
    names: tuple[str, ...]  # reporters, correspondents, photographers
    blocks: tuple[str, ...]

    @classmethod
    def of(cls, article: Article) -> SearchSource:
        return cls(
            article.title,
            article.deck,
            article.subtitle,
            tuple((e.text, e.type, e.count) for e in article.entities),
            (*article.reporters, *article.correspondents, *article.photographers),
            tuple(b.text for b in article.blocks),
        )


def _raw_texts(source: SearchSource) -> Iterable[str]:
    yield from (source.title, source.deck or "", source.subtitle or "")
    yield from (text for text, _type, _count in source.entities)
    yield from source.names
    yield from source.blocks


# What the search tables get for one article: its head entries as (field, slot, key, etype,
# rank, pinyin), its body key, and the body key's gram tokens.
HeadRow = tuple[int, int, str, int, int, str]
ArticleRows = tuple[list[HeadRow], str, str]


def file_rows(articles: Sequence[Article]) -> list[ArticleRows]:
    """The search rows of a file's articles."""
    return source_rows([SearchSource.of(a) for a in articles])


def source_rows(sources: Sequence[SearchSource]) -> list[ArticleRows]:
    """The search rows of articles (one opencc call for all their texts)."""
    keys = search_texts(text for source in sources for text in _raw_texts(source))
    rows: list[ArticleRows] = []
    for source in sources:
        entries, body = article_keys(source, keys)
        heads = [
            (e.field, e.slot, e.key, e.etype, e.rank, pinyin_of(e.key, _is_person(e)))
            for e in entries
        ]
        rows.append((heads, body, body_tokens(body)))
    return rows


def _is_person(entry: HeadEntry) -> bool:
    return entry.field == BYLINE or ENTITY_TYPES[entry.etype] == "person"


def article_keys(
    source: SearchSource, keys: dict[str, str] | None = None
) -> tuple[list[HeadEntry], str]:
    """An article's head entries (deduplicated, best first) and its body key (the blocks'
    keys joined by "\n")."""
    if keys is None:
        keys = search_texts(_raw_texts(source))
    entries: list[HeadEntry] = []
    seen: set[tuple[int, str]] = set()

    def put(field: int, slot: int, text: str | None, etype: int = 0, bonus: float = 0.0) -> None:
        key = keys.get(text) if text else ""
        if key is None:
            key = search_text(text or "")
        group = field if field in (TITLE, DECK, SUBTITLE) else ENTITY
        if key and (group, key) not in seen:
            seen.add((group, key))
            rank = -round((WEIGHTS[HEAD_FIELDS[field]] + bonus) * 100)
            entries.append(HeadEntry(field, slot, key, etype, rank))

    put(TITLE, 0, source.title)
    put(DECK, 0, source.deck)
    put(SUBTITLE, 0, source.subtitle)
    for slot, (text, etype_name, count) in enumerate(source.entities):
        etype = ENTITY_TYPES.index(etype_name) if etype_name in ENTITY_TYPES else 0
        put(ENTITY, slot, text, etype, MENTION_BONUS * min(1.0, count / 10))
    for slot, name in enumerate(source.names):
        put(BYLINE, slot, name, 1)
    body = "\n".join(keys.get(b) or search_text(b) for b in source.blocks)
    return entries, body


@lru_cache(maxsize=32768)  # names recur from article to article (a union, a district)
def pinyin_of(key: str, person: bool) -> str:
    """A head key's pinyin segments, "|syl|syl|", one per line: the reading in context, then
    one per other reading of a person's surname."""
    readings = syllables(key, person_names=person)
    main = [r[0] for r in readings]
    variants = [main] + [[alt, *main[1:]] for alt in (readings[0][1:] if readings else [])]
    return "\n".join("|" + "|".join(tokens) + "|" for tokens in variants)


def pinyin_tokens(pinyin: str) -> str:
    """The syllables of pinyin segments as space-separated tokens."""
    return " ".join(sorted({s for s in pinyin.replace("\n", "|").split("|") if s}))


def new_readings(texts: Iterable[str], known: set[str]) -> dict[str, str]:
    """The reading of each CJK char of the texts not in `known` (which gains them)."""
    new = set().union(*texts) - known
    known.update(new)
    chars = {c for c in new if is_cjk(c)}
    return char_readings(chars) if chars else {}
