"""SearchIndex: fuzzy search over titles, entities and body text, fast enough per keystroke.

The index lives in the archive's search tables (store.search_tables): FTS5 indexes of head
texts' chars and grams, of their pinyin syllables, and of bodies' chars and grams. Each query
walks tiers in order of the best score a tier can give (exact head fields, pinyin, fuzzy head
fields, same-sounding head fields, exact body, fuzzy body) and stops as soon as `limit`
articles already score above what the next tier could reach; within a tier, head texts come
best class first, shortest first, so a walk stops after the first few pages of a match.

Over 400 lines: the tiers share the running leaders, and each hit is explained from the tier
that found it; split apart they would pass all of that around.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache, partial
from typing import Literal, Protocol

from ..model import Article, Block, Entity, Location
from ..store.listing import ArticleSummary
from .build import (
    CLASS_WEIGHT,
    DECK,
    ENTITY,
    HEAD_FIELDS,
    MAX_SORTED_LENGTH,
    SUBTITLE,
    class_of_id,
    grams,
)
from .hits import HowMatched, SearchHit
from .keys import compact, compact_positions, is_cjk, is_latin_query, to_simplified
from .rank import (
    BODY_WEIGHT,
    EXACT_BONUS,
    FUZZY_CAP,
    HOMOPHONE,
    MENTION_BONUS,
    PINYIN_FULL,
    PINYIN_SHORT,
    WEIGHTS,
    Leaders,
    covered,
    exact_score,
    pieces,
    run_spans,
    runs_quality,
    typo_quality,
    typo_spans,
)

MAX_QUERY = 64  # chars of a query that count; a pasted paragraph is cut here
MAX_PINYIN = 30  # letters of a Latin query matched as pinyin
FUZZY_CANDIDATES = 60  # articles scored precisely per fuzzy tier
FUZZY_TEXTS = 120  # head texts sharing the most grams with a query, read for their articles
FUZZY_PER_TEXT = 20  # the best articles of each of those texts
BODY_BATCH = 128  # body keys read at once while checking exact body candidates (doubling)
TEXT_BATCH = 128  # head texts read at once while walking a match
FIRST_OCCURRENCES = 8  # a head text's first articles, read with those of the next texts
OCCURRENCES = 32  # then a head text's articles read at once, best first
DENSE = 0.3  # a gram in more than this share of articles tells little: counted only if alone
DENSE_CAP = 5000  # nor does one in more places than this, however large the archive


@lru_cache(maxsize=512)
def _pinyin_patterns(
    letters: str, syllables: frozenset[str]
) -> list[tuple[re.Pattern[str], float, int, str]]:
    """Regexes over the "|syl|syl|" keys for a Latin query, without backtracking.

    The query is read as whole syllables, longest first (`pinggu` = ping gu); a letter that
    starts no syllable is an initial (`pxc` = p x c). The last syllable may be cut short, as it
    is while typing (`pingg`). A short query is also tried as initials only (`bsl`).
    Each pattern comes with the best quality its matches can have, its syllable count, and
    the FTS5 query of the texts it can match in (a whole syllable, or a syllable starting so).
    A reading whose syllables are all whole is tried first with its last syllable whole too
    (the best quality), then as typed so far (a lower one): each pass stops as soon as no
    later text can beat the hits found.
    """
    readings = [_tokens(letters, syllables)]
    if len(letters) <= 6 and len(letters) > 1:
        readings.append([(c, False) for c in letters])
    patterns: list[tuple[re.Pattern[str], float, int, str]] = []
    for tokens in dict.fromkeys(tuple(t) for t in readings):
        whole = all(w for _, w in tokens)
        for complete in (True, False) if whole else (False,):
            parts, keys = [], []
            for k, (token, is_whole) in enumerate(tokens):
                last = k == len(tokens) - 1
                if is_whole and (complete or not last):
                    parts.append(r"\|" + re.escape(token) + r"(?=\|)")
                    keys.append(_phrase(token))
                elif last:
                    parts.append(r"\|" + re.escape(token))
                    keys.append(_phrase(token[:2]) + "*")
                else:
                    parts.append(r"\|" + re.escape(token) + r"[a-z0-9]*(?=\|)")
                    keys.append(_phrase(token[:1]) + "*")
            quality = PINYIN_FULL if complete else PINYIN_SHORT
            match = " AND ".join(dict.fromkeys(keys))
            patterns.append((re.compile("".join(parts)), quality, len(tokens), match))
    return patterns


def _tokens(letters: str, syllables: frozenset[str]) -> list[tuple[str, bool]]:
    tokens, i = [], 0
    while i < len(letters):
        for size in range(min(6, len(letters) - i), 0, -1):
            piece = letters[i : i + size]
            if piece in syllables and (size > 1 or piece in "aeo"):
                tokens.append((piece, True))
                i += size
                break
        else:
            tokens.append((letters[i], False))
            i += 1
    return tokens


@dataclass(frozen=True, slots=True)
class HeadRef:
    """The head entry a hit matched: its field, slot (which name) and search key."""

    field: int
    slot: int
    key: str


class SearchStore(Protocol):
    """Where the index lives (the archive's search tables, store.search_tables). Articles are
    named by their rowid in the archive; head texts by their id, which orders them best class
    first, shortest first."""

    def fresh(self) -> int:
        """Forget what was kept if the archive changed; how many times it has changed."""
        ...

    def counts(self) -> tuple[int, int]:
        """How many head texts and bodies there are."""
        ...

    def readings(self, chars: Sequence[str]) -> dict[str, str]:
        """The usual reading of each of these chars the archive holds."""
        ...

    def syllables(self) -> list[str]:
        """Every reading of a char the archive holds."""
        ...

    def head_texts(
        self, match: str, after: int, limit: int, holding: str = ""
    ) -> list[tuple[int, str]]:
        """(id, key) of head texts matching an FTS5 query and holding `holding`, by id."""
        ...

    def pinyin_texts(
        self, match: str, after: int, limit: int, holding: str = ""
    ) -> list[tuple[int, str, str]]:
        """(id, key, pinyin) of head texts matching an FTS5 query of syllables and whose
        pinyin holds `holding`, by id."""
        ...

    def head_frequency(self, gram: str, cap: int) -> int:
        """How many head texts hold the gram, counted up to cap + 1."""
        ...

    def texts_sharing(self, grams: Sequence[str], limit: int) -> list[tuple[int, str]]: ...

    def occurrences(
        self, text: int, after: tuple[int, int] | None, limit: int
    ) -> list[tuple[int, int, int]]:
        """(rank, article, place) of a head text's entries, best first, after (rank, article)."""
        ...

    def first_occurrences(
        self, texts: Sequence[int], limit: int
    ) -> dict[int, list[tuple[int, int, int]]]: ...

    def body_keys(self, articles: Sequence[int]) -> dict[int, str]: ...

    def body_posting(self, gram: str) -> list[int]: ...

    def body_frequency(self, gram: str, cap: int) -> int: ...

    def bodies_containing(self, grams: Sequence[str], after: int, limit: int) -> list[int]: ...

    def bodies_holding_after(
        self, grams: Sequence[str], key: str, after: int, limit: int
    ) -> tuple[list[int], int | None]:
        """Articles after `after` whose bodies hold the grams and `key`, up to `limit` looked
        at; and the last looked at (None: no more)."""
        ...

    def summaries(self, rowids: Sequence[int]) -> dict[int, Article | ArticleSummary]:
        """What these articles' list rows show (or the articles, when held in memory)."""
        ...

    def article(self, rowid: int) -> Article | None: ...

    def heads(self, rowids: Sequence[int]) -> dict[int, dict[str, str | None]]: ...

    def blocks(self, places: Sequence[tuple[int, int]]) -> dict[tuple[int, int], Block]: ...

    def entities(self, places: Sequence[tuple[int, int]]) -> dict[tuple[int, int], Entity]: ...


class _Ahead:
    """The first articles of the head texts a walk is about to visit, read a few texts at once."""

    AT_ONCE = 8

    def __init__(self, store: SearchStore) -> None:
        self.store = store
        self.texts: list[int] = []
        self.where: dict[int, int] = {}
        self.read: dict[int, list[tuple[int, int, int]]] = {}

    def page(self, texts: list[int]) -> None:
        self.texts, self.where, self.read = texts, {t: i for i, t in enumerate(texts)}, {}

    def first(self, text: int) -> list[tuple[int, int, int]]:
        rows = self.read.pop(text, None)
        if rows is None:
            at = self.where.get(text)
            chunk = [text] if at is None else self.texts[at : at + self.AT_ONCE]
            self.read.update(self.store.first_occurrences(chunk, FIRST_OCCURRENCES))
            rows = self.read.pop(text, [])
        return rows


class SearchIndex:
    """Fuzzy search over a store's search tables."""

    def __init__(self, store: SearchStore) -> None:
        self.store = store
        self._syllables: frozenset[str] | None = None
        # the last key whose every exact body hit was found, with them and the archive's
        # generation then: a key typed on from it can only be in those bodies
        self._bodies_of: tuple[str, list[int], int] | None = None
        # the last reading of a key no head text holds, and the generation then
        self._no_homophone: tuple[str, int] | None = None
        self._generation = 0

    @classmethod
    def build(cls, articles: Sequence[Article]) -> SearchIndex:
        """An index of these articles alone, in memory (hits give these very objects)."""
        from ..store.archive import Archive, SourceRow
        from ..store.search_reads import SearchStore as ArchiveStore

        archive = Archive.open(None)
        rowids: dict[int, Article] = {}
        for k, article in enumerate(articles):
            row = SourceRow(0, f"/memory/{k}", article.source, k, 0, 0, "", "")
            archive.replace_source(row, [article])
            rowids[len(rowids) + 1] = article
        return cls(ArchiveStore(archive, given=rowids))

    # -- querying ---------------------------------------------------------------------------

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """The best `limit` articles for a query, best first, each with why it matched."""
        if not isinstance(query, str) or limit <= 0:
            return []
        self._generation = self.store.fresh()
        key = self.query_key(query)
        if not key:
            return []
        found = Leaders(limit)
        latin = is_latin_query(key)
        self._exact_head(key, found)
        if latin and not found.settled_above(WEIGHTS["title"] * PINYIN_FULL + EXACT_BONUS):
            self._pinyin_head(key[:MAX_PINYIN], found)
        if not latin and len(key) >= 2:
            if not found.settled_above(WEIGHTS["title"] * FUZZY_CAP):
                self._fuzzy_head(key, found)
            if not found.settled_above(WEIGHTS["title"] * HOMOPHONE + EXACT_BONUS):
                self._homophone_head(key, found)
        if not found.settled_above(BODY_WEIGHT + EXACT_BONUS):
            self._exact_body(key, found, limit)
        if not latin and len(key) >= 3 and not found.settled_above(BODY_WEIGHT * FUZZY_CAP):
            self._fuzzy_body(key, found)
        top = found.top()
        rows = self.store.summaries([a for a, _record in top])  # one read for all hits
        body_hits = [a for a, (_score, _how, where) in top if not _is_head(where)]
        bodies = self.store.body_keys(body_hits) if body_hits else {}  # one read for all
        plans = [self._plan(key, a, record, bodies) for a, record in top if a in rows]
        parts = _Parts(self.store, plans)  # the heads, names and blocks matched: a read each
        return [self._hit(plan, rows[plan.article], parts) for plan in plans]

    def query_key(self, query: str) -> str:
        """The query as the index reads it: folded, no punctuation, simplified, cut short."""
        key = compact(query[: MAX_QUERY * 4])[:MAX_QUERY]
        cjk = [c for c in key if is_cjk(c)]
        if cjk and len(self.store.readings(cjk)) < len(set(cjk)):
            key = compact(to_simplified(key))  # a char the archive lacks may be traditional
        return key

    def _syllable_set(self) -> frozenset[str]:
        if self._syllables is None:
            self._syllables = frozenset(r for r in self.store.syllables() if r.isalpha())
        return self._syllables

    def _walk(
        self, texts: Callable[[int, int], list], stop: Callable[[tuple, _Ahead], bool]
    ) -> None:
        """Head texts of a match in id order, a page at a time, until `stop` says so."""
        after, size = -1, TEXT_BATCH
        ahead = _Ahead(self.store)
        while True:
            batch = texts(after, size)
            ahead.page([row[0] for row in batch])
            for row in batch:
                if stop(row, ahead):
                    return
            if len(batch) < size:
                return
            after, size = batch[-1][0], min(size * 2, 4096)

    def _offer_entries(
        self,
        text: int,
        key: str,
        score_of: Callable[[float], float],
        how: HowMatched,
        where: Callable[[HeadRef], object],
        found: Leaders,
        ahead: _Ahead,
    ) -> None:
        """Offer the articles of one head text, best entry first, while they can still count."""
        rows, page = ahead.first(text), FIRST_OCCURRENCES
        while True:
            for rank, article, place in rows:
                score = score_of(-rank / 100)
                if score <= found.kth():
                    return  # entries come best first; ties go to earlier articles
                found.offer(article, score, how, where(HeadRef(place % 8, place // 8, key)))
            if len(rows) < page:
                return
            page = OCCURRENCES
            rows = self.store.occurrences(text, (rows[-1][0], rows[-1][1]), OCCURRENCES)

    @staticmethod
    def _bound_class(text: int) -> float:
        """The best weight an entry of a head text can have."""
        klass = class_of_id(text)
        return CLASS_WEIGHT[klass] + (MENTION_BONUS if klass == 1 else 0.0)

    def _exact_head(self, key: str, found: Leaders) -> None:
        n = len(key)
        tokens = [key] if n == 1 else sorted(grams(key, unigrams=False))
        match = " AND ".join(_phrase(t) for t in tokens)

        def visit(row: tuple[int, str], ahead: _Ahead) -> bool:
            text, head = row
            if n > 2 and key not in head:
                return False
            # Texts come best class first, shortest first: once `limit` hits beat this text's
            # best possible score, no later text can do better.
            if found.kth() >= self._bound_class(text) + EXACT_BONUS * n / _sorted_len(head):
                return True
            self._offer_entries(
                text, head, lambda w: exact_score(w, n, len(head)), "exact", lambda r: r, found,
                ahead,
            )  # fmt: skip
            return False

        holding = key if n > 2 else ""  # grams all there but apart are ruled out in SQL
        self._walk(lambda after, size: self.store.head_texts(match, after, size, holding), visit)

    def _pinyin_head(self, letters: str, found: Leaders) -> None:
        seen: set[int] = set()
        for pattern, best_quality, tokens, match in _pinyin_patterns(letters, self._syllable_set()):
            self._pinyin_matches(pattern, letters, best_quality, tokens, match, found, seen)

    def _pinyin_matches(
        self,
        pattern: re.Pattern[str],
        letters: str,
        best_quality: float,
        tokens: int,
        match: str,
        found: Leaders,
        seen: set[int],
    ) -> None:
        def visit(row: tuple[int, str, str], ahead: _Ahead) -> bool:
            text, head, pinyin = row
            if text in seen:
                return False
            for segment in pinyin.split("\n"):
                m = pattern.search(segment)
                if m is not None:
                    break
            else:
                return False
            seen.add(text)
            first = segment.count("|", 0, m.start())  # the syllables before the match's "|"
            touched = segment.count("|", m.start(), m.end())
            token_end = segment.find("|", m.end())
            typed_all = token_end - m.start() - touched == len(letters)
            quality = PINYIN_FULL if typed_all else PINYIN_SHORT
            cover = EXACT_BONUS * touched / len(head)
            # Texts come best class first, shortest first: the bound only falls.
            bound = self._bound_class(text) * best_quality + EXACT_BONUS * tokens / _sorted_len(
                head
            )
            if found.kth() >= bound:
                return True
            self._offer_entries(
                text, head, lambda w: w * quality + cover, "pinyin",
                lambda r: (r, first, first + touched), found, ahead,
            )  # fmt: skip
            return False

        literal = _literal_start(pattern.pattern)
        self._walk(lambda after, size: self.store.pinyin_texts(match, after, size, literal), visit)

    def _homophone_head(self, key: str, found: Leaders) -> None:
        known = self.store.readings([c for c in key if is_cjk(c)])
        readings = [known.get(c, "") if is_cjk(c) else c for c in key]
        if not all(readings):
            return
        needle = "|" + "|".join(readings) + "|"
        none = self._no_homophone
        if none is not None and none[1] == self._generation and none[0] in needle:
            return  # no head text sounds like the key typed so far: none can sound like this
        match = " AND ".join(_phrase(r) for r in dict.fromkeys(readings))
        n = len(key)

        def visit(row: tuple[int, str, str], ahead: _Ahead) -> bool:
            text, head, pinyin = row
            for segment in pinyin.split("\n"):
                at = segment.find(needle)
                if at >= 0:
                    break
            else:
                return False
            cover = EXACT_BONUS * n / len(head)
            if found.kth() >= self._bound_class(text) * HOMOPHONE + EXACT_BONUS * n / _sorted_len(
                head
            ):
                return True
            first = segment.count("|", 0, at)  # the syllables before the needle's "|"
            self._offer_entries(
                text, head, lambda w: w * HOMOPHONE + cover, "homophone",
                lambda r: (r, first, first + n), found, ahead,
            )  # fmt: skip
            return False

        def texts(after: int, size: int) -> list[tuple[int, str, str]]:
            rows = self.store.pinyin_texts(match, after, size, needle)
            if after < 0 and not rows:
                self._no_homophone = (needle, self._generation)
            return rows

        self._walk(texts, visit)

    def _telling(self, frequency: Callable[[str, int], int], total: int, key: str) -> list[str]:
        """The query's two-char grams worth reading: those in most places tell little and
        cost most to read (the rarest is kept if all are so)."""
        grams_ = sorted({key[i : i + 2] for i in range(len(key) - 1)})
        dense = int(min(total * DENSE, DENSE_CAP))
        present = [(n, g) for g, n in ((g, frequency(g, dense)) for g in grams_) if n]
        if not present:
            return []
        telling = [g for n, g in present if n <= dense]
        if telling:
            return telling
        # all dense: the rarest, counted further (up to a bound: past it, any will do)
        return [min((frequency(g, DENSE_CAP * 4), g) for _n, g in present)[1]]

    def _head_telling(self, key: str) -> list[str]:
        """The query's two-char grams in some head text worth reading: not those in the heads
        of most articles (at most in as many as hold it in their head texts or in their
        bodies), nor those in so many head texts that reading them costs a frame; the rarest
        is kept if all are so."""
        grams_ = sorted({key[i : i + 2] for i in range(len(key) - 1)})
        present = [
            (n, g) for g, n in ((g, self.store.head_frequency(g, DENSE_CAP)) for g in grams_) if n
        ]
        if not present:
            return []
        _texts, articles = self.store.counts()
        share = int(min(articles * DENSE, DENSE_CAP))
        telling = [
            g
            for n, g in present
            if n <= DENSE_CAP and (n <= share or self.store.body_frequency(g, share) <= share)
        ]
        return telling or [min(present)[1]]

    def _fuzzy_head(self, key: str, found: Leaders) -> None:
        n = len(key)
        telling = self._head_telling(key)
        if not telling:
            return
        # The head texts sharing the most telling grams, and the articles holding them; the
        # articles whose texts among those hold the most of the grams are scored.
        texts = self.store.texts_sharing(telling, FUZZY_TEXTS)
        firsts = self.store.first_occurrences([t for t, _ in texts], FUZZY_PER_TEXT)
        shared: dict[int, set[str]] = {}
        entries: dict[int, list[tuple[int, int, str]]] = {}
        for text, head in texts:
            held = {g for g in telling if g in head}
            for _rank, article, place in firsts.get(text, ()):
                shared.setdefault(article, set()).update(held)
                entries.setdefault(article, []).append((place % 8, place // 8, head))
        ranked = sorted(shared, key=lambda a: -len(shared[a]))[:FUZZY_CANDIDATES]
        runs_of: dict[str, list[tuple[int, int, int]]] = {}
        for a in ranked:
            best: tuple[float, float, object] | None = None
            mask, fragments, used = 0, 0, []
            for field, slot, head in entries[a]:
                runs = runs_of.get(head)
                if runs is None:
                    runs = runs_of[head] = pieces(key, head)
                if runs:
                    weight = WEIGHTS[HEAD_FIELDS[field]]
                    used.append((covered(runs), weight, HeadRef(field, slot, head), runs))
            if not used:
                continue
            used.sort(key=lambda u: (u[0], u[1]), reverse=True)
            for _cov, weight, ref, runs in used[:1]:
                quality = runs_quality(n, covered(runs), len(runs))
                typo = typo_quality(key, ref.key) if covered(runs) < n else 0.0
                where = (ref, "typo") if typo > quality else (ref, runs)
                best = (weight * max(quality, typo), weight, where)
            # Pieces of the query spread over title, subtitle and entities still add up.
            for _cov, _weight, _ref, runs in used:
                bits = sum(((1 << (e - s)) - 1) << s for s, e, _ in runs)
                if bits & ~mask:
                    mask |= bits
                    fragments += len(runs)
            combined = runs_quality(n, mask.bit_count(), fragments) - 0.02
            if mask.bit_count() * 2 < n and best is not None and best[0] < best[1] * 0.5:
                continue  # less than half the query: noise, not a match
            if best is not None:
                score = max(best[0], best[1] * combined)
                found.offer(a, score, "fuzzy", best[2])

    def _exact_body(self, key: str, found: Leaders, limit: int) -> None:
        """Bodies holding the query, in reading order, until `limit` do or none is left: a
        one- or two-char query is one token of the index; a longer one's grams name the
        candidates, which are checked against the body key in SQL. When fewer than `limit`
        held the last key and this one holds it (typed on), only those are checked."""
        n = len(key)
        score = BODY_WEIGHT + 0.5
        known = self._bodies_of
        if known is not None and known[2] == self._generation and known[0] in key:
            # typed on from a key whose bodies are all known: only those can hold this one
            bodies = self.store.body_keys(known[1])
            holding = [a for a in known[1] if key in bodies.get(a, "")]
            for a in holding[:limit]:
                found.offer(a, score, "exact", None)
            self._bodies_of = (key, holding, self._generation)
            return
        tokens = [key] if n == 1 else sorted(grams(key, unigrams=False))
        taken, after, size = 0, -1, BODY_BATCH
        holding = []
        while taken < limit:
            last: int | None
            if n > 2:
                batch, last = self.store.bodies_holding_after(tokens, key, after, size)
            else:
                batch = self.store.bodies_containing(tokens, after, size)
                last = batch[-1] if len(batch) == size else None
            for a in batch:
                found.offer(a, score, "exact", None)
                holding.append(a)
                taken += 1
                if taken >= limit:
                    return
            if last is None:
                self._bodies_of = (key, holding, self._generation)  # every one found
                return
            after, size = last, min(size * 2, 4096)

    def _fuzzy_body(self, key: str, found: Leaders) -> None:
        store = self.store
        # bodies holding every gram of the query (but not the query itself: those were exact
        # hits) share the most with it; then those sharing most of the telling grams
        grams_ = sorted({key[i : i + 2] for i in range(len(key) - 1)})
        candidates = store.bodies_containing(grams_, -1, FUZZY_CANDIDATES)
        if len(candidates) < FUZZY_CANDIDATES:
            have = set(candidates)
            _texts, total = store.counts()
            counts: Counter[int] = Counter()
            for g in self._telling(store.body_frequency, total, key):
                counts.update(store.body_posting(g))
            more = [a for a, _ in counts.most_common(FUZZY_CANDIDATES)]
            candidates += [a for a in more if a not in have][: FUZZY_CANDIDATES - len(have)]
        bodies = store.body_keys(candidates)
        for a in candidates:
            runs = pieces(key, bodies.get(a, ""))
            if runs and covered(runs) * 2 >= len(key):
                quality = runs_quality(len(key), covered(runs), len(runs))
                found.offer(a, BODY_WEIGHT * quality, "fuzzy", runs)

    # -- hits -------------------------------------------------------------------------------

    def _plan(
        self, key: str, a: int, record: tuple[float, HowMatched, object], bodies: dict[int, str]
    ) -> _Plan:
        """What a hit shows, as spans over search keys: the article's own texts come after."""
        score, how, where = record
        spans: tuple[tuple[int, int], ...]
        score = max(0.0, min(100.0, score))
        if _is_head(where):
            ref: HeadRef = where if isinstance(where, HeadRef) else where[0]  # type: ignore[index]
            ckey = ref.key
            if how == "exact":
                start = ckey.find(key)
                spans = ((start, start + len(key)),) if start >= 0 else ()
            elif how == "fuzzy":
                assert isinstance(where, tuple)
                runs = where[1]
                spans = typo_spans(key, ckey) if runs == "typo" else run_spans(runs)
            else:
                assert isinstance(where, tuple)
                spans = ((where[1], where[2]),)
            return _Plan(a, score, how, spans, ref=ref)
        body = bodies.get(a, "")
        if how == "exact":
            start = body.find(key)
            spans = ((start, start + len(key)),) if start >= 0 else ()
        else:
            spans = run_spans(where)  # type: ignore[arg-type]
        # Which block: the body key is the blocks' keys joined by "\n".
        block, offset = 0, 0
        lengths = [len(part) for part in body.split("\n")]
        if spans:
            while block < len(lengths) - 1 and spans[0][0] >= offset + lengths[block] + 1:
                offset += lengths[block] + 1
                block += 1
        in_block = tuple(
            (s - offset, e - offset)
            for s, e in spans
            if offset <= s and e <= offset + lengths[block]
        )
        return _Plan(a, score, how, in_block, block=block)

    def _hit(self, plan: _Plan, row: Article | ArticleSummary, parts: _Parts) -> SearchHit:
        """A hit pointing at where the article shows what matched."""
        a, score, how, key_spans = plan.article, plan.score, plan.how, plan.spans
        load = partial(self.store.article, a)
        if plan.ref is None:  # a body hit
            found = parts.blocks.get((a, plan.block))
            if found is None:  # no blocks at all
                return SearchHit(row, score, "body", "", (), how=how, load=load)
            spans = _to_original(found.text, key_spans)
            start, end = spans[0] if spans else (0, 0)
            where = Location("block", plan.block, start, end)
            return SearchHit(row, score, "body", found.text, spans, where, how=how, load=load)
        field, slot = HEAD_FIELDS[plan.ref.field], plan.ref.slot
        entity = parts.entities.get((a, slot)) if field == "entity" else None
        if entity is not None:
            spans = _to_original(entity.text, key_spans)
            first = entity.mentions[0] if entity.mentions else None
            return SearchHit(
                row, score, "entity", entity.text, spans, first, entity, entity.type, how, load
            )
        if field in ("entity", "byline"):
            names = (*row.reporters, *row.correspondents, *row.photographers)
            name = names[slot] if slot < len(names) else plan.ref.key
            spans = _to_original(name, key_spans)
            return SearchHit(row, score, "entity", name, spans, None, None, "person", how, load)
        head: Literal["title", "deck", "subtitle"] = field  # type: ignore[assignment]
        text = (row.title if head == "title" else parts.heads.get(a, {}).get(head)) or ""
        spans = _to_original(text, key_spans)
        start, end = spans[0] if spans else (0, 0)
        where = Location(head, None, start, end)
        return SearchHit(row, score, head, text, spans, where, how=how, load=load)


@dataclass(frozen=True, slots=True)
class _Plan:
    """One hit before its article's texts are read: spans over a head's key (with the head
    entry matched) or over a body block's key (with the block)."""

    article: int
    score: float
    how: HowMatched
    spans: tuple[tuple[int, int], ...]
    ref: HeadRef | None = None
    block: int = 0


class _Parts:
    """The decks and subtitles, names and blocks a page of hits shows, read at once."""

    def __init__(self, store: SearchStore, plans: Sequence[_Plan]) -> None:
        heads, names, blocks = [], [], []
        for plan in plans:
            if plan.ref is None:
                blocks.append((plan.article, plan.block))
            elif plan.ref.field in (DECK, SUBTITLE):
                heads.append(plan.article)
            elif plan.ref.field == ENTITY:
                names.append((plan.article, plan.ref.slot))
        self.heads = store.heads(heads) if heads else {}
        self.entities = store.entities(names) if names else {}
        self.blocks = store.blocks(blocks) if blocks else {}


def _literal_start(pattern: str) -> str:
    """The plain text a pinyin pattern's matches start with ("|ping|gu" of "\\|ping(?=\\|)\\|gu"):
    looked for in SQL before the pattern is tried."""
    out: list[str] = []
    i = 0
    while i < len(pattern):
        if pattern.startswith("\\|", i):
            out.append("|")
            i += 2
        elif pattern.startswith("(?=\\|)", i):
            i += 6
        elif pattern[i].isalnum():
            out.append(pattern[i])
            i += 1
        else:
            break  # a class or a repeat: the literal start ends here
    return "".join(out)


def _sorted_len(head: str) -> int:
    """A head text's length as its id orders it (capped: texts longer come in any order)."""
    return min(len(head), MAX_SORTED_LENGTH)


def _phrase(token: str) -> str:
    """One token as an FTS5 string (search keys hold letters and digits only)."""
    return '"' + token.replace('"', '""') + '"'


def _is_head(where: object) -> bool:
    """A hit's record points at a head entry (a HeadRef, or a tuple starting with one)."""
    return isinstance(where, HeadRef) or (
        isinstance(where, tuple) and bool(where) and isinstance(where[0], HeadRef)
    )


def _to_original(text: str, spans: Sequence[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Spans over a field's search key, as spans over its original text."""
    if not spans:
        return ()
    positions = compact_positions(text)
    out = []
    for s, e in spans:
        if 0 <= s < e <= len(positions):
            out.append((positions[s], positions[e - 1] + 1))
    return tuple(out)
