"""Building the search state from articles: keys, posting lists and pinyin, as plain data."""

from __future__ import annotations

import gc
from array import array
from collections import defaultdict
from collections.abc import Sequence
from operator import add

from ..model import Article
from ..versions import SEARCH_STATE_VERSION as STATE_VERSION
from .keys import char_readings, search_text, search_texts, syllables
from .rank import MENTION_BONUS, WEIGHTS

# Head fields: short texts that name what an article is about. Bylines are the reporters',
# correspondents' and photographers' names (reported as person entities).
HEAD_FIELDS = ("title", "entity", "deck", "subtitle", "byline")
TITLE, ENTITY, DECK, SUBTITLE, BYLINE = range(5)
ENTITY_TYPES = ("", "person", "org", "place")


def u32(values) -> bytes:
    return array("I", values).tobytes()


def _grams(text: str, unigrams: bool = True) -> set[str]:
    """The two-char grams of a search key (and its chars), never across a block break."""
    grams = set(map(add, text, text[1:]))
    if unigrams:
        grams.update(text)
    if "\n" in text:
        grams = {g for g in grams if "\n" not in g}
    return grams


def body_tokens(body: str) -> str:
    """A body key's two-char grams as space-separated tokens (what the archive's FTS5 body
    index holds), never across a block break."""
    return " ".join(sorted(_grams(body, unigrams=False)))


def _raw_texts(article: Article):
    yield from (article.title, article.deck or "", article.subtitle or "")
    yield from (e.text for e in article.entities)
    yield from (*article.reporters, *article.correspondents, *article.photographers)
    yield from (b.text for b in article.blocks)


def _head_entries(article: Article, keys: dict[str, str]) -> list[tuple[int, int, str, int, float]]:
    """(field, slot, key, entity type, bonus) for each head field of an article, deduplicated."""
    entries: list[tuple[int, int, str, int, float]] = []
    seen: set[tuple[int, str]] = set()

    def add(field: int, slot: int, text: str | None, etype: int = 0, bonus: float = 0.0):
        key = keys.get(text) if text else ""
        if key is None:
            key = search_text(text or "")
        group = field if field in (TITLE, DECK, SUBTITLE) else ENTITY
        if key and (group, key) not in seen:
            seen.add((group, key))
            entries.append((field, slot, key, etype, bonus))

    add(TITLE, 0, article.title)
    add(DECK, 0, article.deck)
    add(SUBTITLE, 0, article.subtitle)
    for slot, entity in enumerate(article.entities):
        etype = ENTITY_TYPES.index(entity.type) if entity.type in ENTITY_TYPES else 0
        add(ENTITY, slot, entity.text, etype, MENTION_BONUS * min(1.0, entity.count / 10))
    names = (*article.reporters, *article.correspondents, *article.photographers)
    for slot, name in enumerate(names):
        add(BYLINE, slot, name, 1)
    return entries


def build_state(articles: Sequence[Article]) -> dict:
    """Everything SearchIndex needs, as picklable plain data (str, bytes, lists, dicts)."""
    enabled = gc.isenabled()
    gc.disable()  # millions of small lists: the cyclic collector would rescan them all
    try:
        return _build_state(articles)
    finally:
        if enabled:
            gc.enable()


def _build_state(articles: Sequence[Article]) -> dict:
    keys = search_texts(text for a in articles for text in _raw_texts(a))
    per_article = [_head_entries(a, keys) for a in articles]

    # Unique head texts, ordered so that a walk in id order meets the best possible score first.
    best_weight: dict[str, float] = {}
    person: set[str] = set()
    for entries in per_article:
        for field, _slot, key, etype, _bonus in entries:
            weight = WEIGHTS[HEAD_FIELDS[field]]
            best_weight[key] = max(best_weight.get(key, 0.0), weight)
            if etype == 1:
                person.add(key)
    texts = sorted(best_weight, key=lambda t: (-best_weight[t], len(t), t))
    uid_of = {t: i for i, t in enumerate(texts)}

    entry_article: list[int] = []
    entry_field: list[int] = []
    entry_slot: list[int] = []
    entry_uid: list[int] = []
    entry_type: list[int] = []
    entry_bonus: list[int] = []  # hundredths
    article_entry_start = [0]
    occurrences: list[list[int]] = [[] for _ in texts]
    head_article_grams: dict[str, list[int]] = defaultdict(list)
    for a, entries in enumerate(per_article):
        grams: set[str] = set()
        for field, slot, key, etype, bonus in entries:
            e = len(entry_uid)
            entry_article.append(a)
            entry_field.append(field)
            entry_slot.append(slot)
            entry_uid.append(uid_of[key])
            entry_type.append(etype)
            entry_bonus.append(round(bonus * 100))
            occurrences[uid_of[key]].append(e)
            grams |= _grams(key, unigrams=False)
        for g in grams:
            head_article_grams[g].append(a)
        article_entry_start.append(len(entry_uid))

    def entry_rank(e: int) -> tuple[float, int]:
        return (-(WEIGHTS[HEAD_FIELDS[entry_field[e]]] + entry_bonus[e] / 100), e)

    occ_start, occ_flat = [0], []
    for occ in occurrences:
        occ_flat.extend(sorted(occ, key=entry_rank))
        occ_start.append(len(occ_flat))

    head_grams: dict[str, list[int]] = defaultdict(list)
    for uid, text in enumerate(texts):
        for g in _grams(text):
            head_grams[g].append(uid)

    bodies = [
        "\n".join(keys.get(b.text) or search_text(b.text) for b in a.blocks) for a in articles
    ]
    body_grams: dict[str, list[int]] = defaultdict(list)
    for a, body in enumerate(bodies):
        for g in _grams(body, unigrams=False):
            body_grams[g].append(a)

    # Pinyin: one segment per head text, "\n|syl|syl|...|", plus one per other reading of a
    # person's surname.
    parts: list[str] = []
    seg_start: list[int] = []
    seg_uid: list[int] = []
    offset = 0
    for uid, text in enumerate(texts):
        readings = syllables(text, person_names=text in person)
        main = [r[0] for r in readings]
        variants = [main] + [[alt, *main[1:]] for alt in (readings[0][1:] if readings else [])]
        for tokens in variants:
            segment = "\n|" + "|".join(tokens) + "|"
            seg_start.append(offset)
            seg_uid.append(uid)
            parts.append(segment)
            offset += len(segment)

    # Which segments hold each syllable ("=syl"), and a syllable starting with each letter and
    # pair of letters ("^p", "^pi"): a query reads only the segments that can match.
    pinyin_segs: dict[str, list[int]] = defaultdict(list)
    for s, segment in enumerate(parts):
        held = set(segment[2:-1].split("|"))
        held.discard("")
        for key in {
            f"{mark}{t}" for t in held for mark, t in (("=", t), ("^", t[:1]), ("^", t[:2]))
        }:
            pinyin_segs[key].append(s)
    syllable_set = {k[1:] for k in pinyin_segs if k[0] == "=" and k[1:].isalpha()}
    vocab = set("".join(texts)) | set("".join(bodies))
    vocab.discard("\n")
    return {
        "version": STATE_VERSION,
        "articles": len(articles),
        "texts": texts,
        "entry_article": u32(entry_article),
        "entry_field": bytes(entry_field),
        "entry_slot": u32(entry_slot),
        "entry_uid": u32(entry_uid),
        "entry_type": bytes(entry_type),
        "entry_bonus": bytes(entry_bonus),
        "article_entry_start": u32(article_entry_start),
        "occ_start": u32(occ_start),
        "occ_flat": u32(occ_flat),
        "head_grams": {g: u32(v) for g, v in head_grams.items()},
        "head_article_grams": {g: u32(v) for g, v in head_article_grams.items()},
        "bodies": bodies,
        "body_grams": {g: u32(v) for g, v in body_grams.items()},
        "pinyin": "".join(parts),
        "seg_start": u32(seg_start),
        "seg_uid": u32(seg_uid),
        "pinyin_segs": {k: u32(v) for k, v in pinyin_segs.items()},
        "readings": char_readings(vocab),
        "vocab": "".join(sorted(vocab)),
        "syllables": sorted(syllable_set),
    }
