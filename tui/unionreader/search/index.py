"""SearchIndex: fuzzy search over titles, entities and body text, fast enough per keystroke.

Each query walks tiers in order of the best score a tier can give (exact head fields, pinyin,
fuzzy head fields, same-sounding head fields, exact body, fuzzy body) and stops as soon as
`limit` articles already score above what the next tier could reach.

Over 400 lines: the tiers share the index's arrays and the running leaders, and each hit is
explained from the tier that found it; split apart they would pass all of that around.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Literal, Protocol

from ..model import Article, Location
from .build import HEAD_FIELDS
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
BODY_BATCH = 256  # body keys read at once while checking exact body candidates
DENSE = 0.3  # a gram in more than this share of articles tells little: counted only if alone
DENSE_CAP = 5000  # nor does one in more articles than this, however large the archive
MAX_CHECKED = 2048  # body candidates checked for an exact hit per query, at most (one frame)


def _view(data: bytes) -> memoryview:
    return memoryview(data).cast("I")


@lru_cache(maxsize=512)
def _pinyin_patterns(
    letters: str, syllables: frozenset[str]
) -> list[tuple[re.Pattern[str], float, int, tuple[str, ...]]]:
    """Regexes over the "|syl|syl|" keys for a Latin query, without backtracking.

    The query is read as whole syllables, longest first (`pinggu` = ping gu); a letter that
    starts no syllable is an initial (`pxc` = p x c). The last syllable may be cut short, as it
    is while typing (`pingg`). A short query is also tried as initials only (`bsl`).
    Each pattern comes with the best quality its matches can have, its syllable count, and
    the keys of the segment lists its matches must be in ("=syl" a whole syllable, "^ab" a
    syllable starting so). A reading whose syllables are all whole is tried first with its
    last syllable whole too (the best quality), then as typed so far (a lower one): each pass
    stops as soon as no later text can beat the hits found.
    """
    readings = [_tokens(letters, syllables)]
    if len(letters) <= 6 and len(letters) > 1:
        readings.append([(c, False) for c in letters])
    patterns: list[tuple[re.Pattern[str], float, int, tuple[str, ...]]] = []
    for tokens in dict.fromkeys(tuple(t) for t in readings):
        whole = all(w for _, w in tokens)
        for complete in (True, False) if whole else (False,):
            parts, keys = [], []
            for k, (token, is_whole) in enumerate(tokens):
                last = k == len(tokens) - 1
                if is_whole and (complete or not last):
                    parts.append(r"\|" + re.escape(token) + r"(?=\|)")
                    keys.append("=" + token)
                elif last:
                    parts.append(r"\|" + re.escape(token))
                    keys.append("^" + token[:2])
                else:
                    parts.append(r"\|" + re.escape(token) + r"[a-z0-9]*(?=\|)")
                    keys.append("^" + token[:1])
            quality = PINYIN_FULL if complete else PINYIN_SHORT
            patterns.append((re.compile("".join(parts)), quality, len(tokens), tuple(keys)))
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


class SearchIndex:
    """Search keys and posting lists for a list of articles."""

    def __init__(
        self, state: dict, articles: Sequence[Article], body: BodyStore | None = None
    ) -> None:
        if state.get("version") != _state_version() or state.get("articles") != len(articles):
            raise ValueError("search state does not fit these articles; rebuild it")
        if body is None and "bodies" not in state:
            raise ValueError("search state without its bodies; rebuild it")
        self._state = state
        self.articles = articles  # a Sequence: an archive reads only the articles hit
        self._texts: list[str] = state["texts"]
        self._entry_article = _view(state["entry_article"])
        self._entry_field: bytes = state["entry_field"]
        self._entry_slot = _view(state["entry_slot"])
        self._entry_uid = _view(state["entry_uid"])
        self._entry_type: bytes = state["entry_type"]
        self._entry_bonus: bytes = state["entry_bonus"]
        self._article_entry_start = _view(state["article_entry_start"])
        self._occ_start = _view(state["occ_start"])
        self._occ_flat = _view(state["occ_flat"])
        self._head_grams: dict[str, bytes] = state["head_grams"]
        self._head_article_grams: dict[str, bytes] = state["head_article_grams"]
        self._body: BodyStore = body if body is not None else MemoryBodies(state)
        self._pinyin: str = state["pinyin"]
        self._seg_start = _view(state["seg_start"])
        self._seg_uid = _view(state["seg_uid"])
        self._readings: dict[str, str] = state["readings"]
        self._pinyin_segs: dict[str, bytes] = state["pinyin_segs"]
        self._vocab = frozenset(state["vocab"])
        self._syllables = frozenset(state["syllables"])

    # -- building and the cache ------------------------------------------------------------

    @classmethod
    def build(cls, articles: Sequence[Article]) -> SearchIndex:
        from .build import build_state  # pypinyin and opencc are needed only here

        return cls(build_state(articles), articles)

    def to_state(self) -> dict:
        """Plain picklable data (str, bytes, lists, dicts) for the library cache."""
        return self._state

    @classmethod
    def from_state(
        cls, state: dict, articles: Sequence[Article], body: BodyStore | None = None
    ) -> SearchIndex:
        return cls(state, articles, body)

    # -- querying ---------------------------------------------------------------------------

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """The best `limit` articles for a query, best first, each with why it matched."""
        if not isinstance(query, str) or limit <= 0:
            return []
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
        prefetch = getattr(self.articles, "prefetch", None)
        if prefetch is not None:  # an archive: one read for all the hits
            prefetch([a for a, _record in top])
        body_hits = [a for a, (_score, _how, where) in top if not _is_head(where)]
        if len(body_hits) > 1:
            self._body.keys(body_hits)  # one read for every body hit's key
        return [self._hit(key, a, record) for a, record in top]

    def query_key(self, query: str) -> str:
        """The query as the index reads it: folded, no punctuation, simplified, cut short."""
        key = compact(query[: MAX_QUERY * 4])[:MAX_QUERY]
        if any(is_cjk(c) and c not in self._vocab for c in key):
            key = compact(to_simplified(key))  # a char the archive lacks may be traditional
        return key

    def _occurrences(self, uid: int) -> memoryview:
        return self._occ_flat[self._occ_start[uid] : self._occ_start[uid + 1]]

    def _entry_weight(self, e: int) -> float:
        return WEIGHTS[HEAD_FIELDS[self._entry_field[e]]] + self._entry_bonus[e] / 100

    def _uid_class(self, uid: int) -> float:
        """The best weight a head text can have (texts are ordered by field, then length)."""
        weight = self._entry_weight_class(self._occ_flat[self._occ_start[uid]])
        return weight + MENTION_BONUS if weight == WEIGHTS["entity"] else weight

    def _entry_weight_class(self, e: int) -> float:
        return WEIGHTS[HEAD_FIELDS[self._entry_field[e]]]

    def _smallest_posting(self, grams: dict[str, bytes], key: str) -> bytes | None:
        keys = [key] if len(key) == 1 else [key[i : i + 2] for i in range(len(key) - 1)]
        postings = [grams.get(g) for g in keys]
        if any(p is None for p in postings):
            return None  # some gram of the query is nowhere: no exact hit
        return min((p for p in postings if p is not None), key=len)

    def _exact_head(self, key: str, found: Leaders) -> None:
        posting = self._smallest_posting(self._head_grams, key)
        if posting is None:
            return
        n = len(key)
        for uid in _view(posting):
            text = self._texts[uid]
            if n > 2 and key not in text:
                continue
            # Texts come best class first, shortest first: once `limit` hits beat this text's
            # best possible score, no later text can do better.
            bound = self._uid_class(uid) + EXACT_BONUS * n / len(text)
            if found.kth() >= bound:
                break
            for e in self._occurrences(uid):
                score = exact_score(self._entry_weight(e), n, len(text))
                if score <= found.kth():
                    break  # occurrences come best first; ties go to earlier articles
                found.offer(self._entry_article[e], score, "exact", e)

    def _pinyin_head(self, letters: str, found: Leaders) -> None:
        seen: set[int] = set()
        for pattern, best_quality, tokens, keys in _pinyin_patterns(letters, self._syllables):
            segments = self._segments_with(keys)
            if segments is not None:
                self._pinyin_matches(pattern, letters, best_quality, tokens, segments, found, seen)

    def _segments_with(self, keys: Sequence[str]) -> memoryview | None:
        """The pinyin segments that can match: the shortest of the keys' lists (None: some
        key is in no segment, so nothing matches)."""
        postings = [self._pinyin_segs.get(key) for key in keys]
        if not postings or any(p is None for p in postings):
            return None
        return _view(min((p for p in postings if p is not None), key=len))

    def _pinyin_matches(
        self,
        pattern: re.Pattern[str],
        letters: str,
        best_quality: float,
        tokens: int,
        segments: memoryview,
        found: Leaders,
        seen: set[int],
    ) -> None:
        hay, starts = self._pinyin, self._seg_start
        last = len(starts) - 1
        for seg in segments:
            uid = self._seg_uid[seg]
            if uid in seen:
                continue
            end = starts[seg + 1] if seg < last else len(hay)
            match = pattern.search(hay, starts[seg], end)
            if match is None:
                continue
            seen.add(uid)
            text = self._texts[uid]
            first = hay.count("|", self._seg_start[seg] + 1, match.start())
            touched = hay.count("|", match.start(), match.end())
            token_end = hay.find("|", match.end())
            typed_all = token_end - match.start() - touched == len(letters)
            quality = PINYIN_FULL if typed_all else PINYIN_SHORT
            cover = EXACT_BONUS * touched / len(text)
            # Texts come best class first, shortest first: the bound only falls.
            bound = self._uid_class(uid) * best_quality + EXACT_BONUS * (tokens / len(text))
            if found.kth() >= bound:
                break
            for e in self._occurrences(uid):
                score = self._entry_weight(e) * quality + cover
                if score <= found.kth():
                    break
                found.offer(self._entry_article[e], score, "pinyin", (e, first, first + touched))

    def _homophone_head(self, key: str, found: Leaders) -> None:
        readings = [self._readings.get(c, c if not is_cjk(c) else "") for c in key]
        if not all(readings):
            return
        needle = "|" + "|".join(readings) + "|"
        postings = [self._pinyin_segs.get("=" + r) for r in readings]
        if any(p is None for p in postings):
            return
        hay, seen, starts = self._pinyin, set(), self._seg_start
        segments = _view(min((p for p in postings if p is not None), key=len))
        last = len(starts) - 1

        def matches():  # the needle's places, segment by segment in order
            for seg in segments:
                end = starts[seg + 1] if seg < last else len(hay)
                at = hay.find(needle, starts[seg], end)
                if at >= 0:
                    yield at

        for pos in matches():
            seg = bisect_right(self._seg_start, pos) - 1
            uid = self._seg_uid[seg]
            if uid not in seen:
                seen.add(uid)
                cover = EXACT_BONUS * len(key) / len(self._texts[uid])
                if found.kth() >= self._uid_class(uid) * HOMOPHONE + cover:
                    break
                first = hay.count("|", self._seg_start[seg] + 1, pos)
                for e in self._occurrences(uid):
                    score = self._entry_weight(e) * HOMOPHONE + cover
                    if score <= found.kth():
                        break
                    found.offer(
                        self._entry_article[e], score, "homophone", (e, first, first + len(key))
                    )

    def _candidates(
        self,
        posting: Callable[[str], bytes | None],
        frequency: Callable[[str], int],
        key: str,
    ) -> list[int]:
        """Articles sharing the most two-char grams with the query (grams in most articles are
        left out: they tell little and cost most to read)."""
        grams = {key[i : i + 2] for i in range(len(key) - 1)}
        counted = [(frequency(g), g) for g in grams]
        present = [(n, g) for n, g in counted if n]
        if not present:
            return []
        dense = min(len(self.articles) * DENSE, DENSE_CAP)
        telling = [g for n, g in present if n <= dense] or [min(present)[1]]
        counts: Counter[int] = Counter()
        for g in telling:
            p = posting(g)
            if p:
                counts.update(_view(p))
        return [a for a, _ in counts.most_common(FUZZY_CANDIDATES)]

    def _fuzzy_head(self, key: str, found: Leaders) -> None:
        n = len(key)
        runs_of: dict[int, list[tuple[int, int, int]]] = {}
        relevant: set[int] = set()  # head texts sharing a gram with the query
        for g in {key[i : i + 2] for i in range(n - 1)}:
            if g in self._head_grams:
                relevant.update(_view(self._head_grams[g]))
        grams = self._head_article_grams
        for a in self._candidates(grams.get, lambda g: len(grams.get(g, b"")) // 4, key):
            best: tuple[float, float, object] | None = None
            mask, fragments, used = 0, 0, []
            start, end = self._article_entry_start[a], self._article_entry_start[a + 1]
            for e in range(start, end):
                uid = self._entry_uid[e]
                if uid not in relevant:
                    continue
                runs = runs_of.get(uid)
                if runs is None:
                    runs = runs_of[uid] = pieces(key, self._texts[uid])
                if runs:
                    used.append((covered(runs), self._entry_weight_class(e), e, runs))
            if not used:
                continue
            used.sort(key=lambda u: (u[0], u[1]), reverse=True)
            for _cov, weight, e, runs in used[:1]:
                text = self._texts[self._entry_uid[e]]
                quality = runs_quality(n, covered(runs), len(runs))
                typo = typo_quality(key, text) if covered(runs) < n else 0.0
                where = (e, "typo") if typo > quality else (e, runs)
                best = (weight * max(quality, typo), weight, where)
            # Pieces of the query spread over title, subtitle and entities still add up.
            for _cov, _weight, _e, runs in used:
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
        """Bodies holding the query, in reading order: the gram index's candidates (one-char
        queries match heads only), checked against the body key when longer than a gram."""
        if len(key) < 2:
            return
        grams = sorted({key[i : i + 2] for i in range(len(key) - 1)})
        score, taken, after, checked = BODY_WEIGHT + 0.5, 0, -1, 0
        while taken < limit and checked < MAX_CHECKED:
            batch = self._body.containing(grams, after, BODY_BATCH)
            if not batch:
                return
            after, checked = batch[-1], checked + len(batch)
            bodies = self._body.keys(batch) if len(key) > 2 else {}
            for a in batch:
                if len(key) <= 2 or key in bodies.get(a, ""):
                    found.offer(a, score, "exact", None)
                    taken += 1
                    if taken >= limit:
                        return

    def _fuzzy_body(self, key: str, found: Leaders) -> None:
        body = self._body
        # bodies holding every gram of the query (but not the query itself: those were exact
        # hits) share the most with it; then those sharing most of the telling grams
        grams = sorted({key[i : i + 2] for i in range(len(key) - 1)})
        candidates = body.containing(grams, -1, FUZZY_CANDIDATES)
        if len(candidates) < FUZZY_CANDIDATES:
            have = set(candidates)
            more = self._candidates(body.posting, body.frequency, key)
            candidates += [a for a in more if a not in have][: FUZZY_CANDIDATES - len(have)]
        bodies = body.keys(candidates)
        for a in candidates:
            runs = pieces(key, bodies.get(a, ""))
            if runs and covered(runs) * 2 >= len(key):
                quality = runs_quality(len(key), covered(runs), len(runs))
                found.offer(a, BODY_WEIGHT * quality, "fuzzy", runs)

    # -- hits -------------------------------------------------------------------------------

    def _hit(self, key: str, a: int, record: tuple[float, HowMatched, object]) -> SearchHit:
        score, how, where = record
        spans: tuple[tuple[int, int], ...]
        article = self.articles[a]
        score = max(0.0, min(100.0, score))
        if _is_head(where):
            e: int = where if isinstance(where, int) else where[0]  # type: ignore[index]
            ckey = self._texts[self._entry_uid[e]]
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
            return self._head_hit(article, e, score, spans, how)
        return self._body_hit(key, article, a, score, how, where)

    def _head_hit(
        self,
        article: Article,
        e: int,
        score: float,
        key_spans: Sequence[tuple[int, int]],
        how: HowMatched,
    ) -> SearchHit:
        """A hit on a head field or a name, pointing at where the article shows it."""
        field = HEAD_FIELDS[self._entry_field[e]]
        slot = self._entry_slot[e]
        if field == "entity":
            entity = article.entities[slot]
            spans = _to_original(entity.text, key_spans)
            where = entity.mentions[0] if entity.mentions else None
            return SearchHit(
                article, score, "entity", entity.text, spans, where, entity, entity.type, how
            )
        if field == "byline":
            names = (*article.reporters, *article.correspondents, *article.photographers)
            name = names[slot]
            spans = _to_original(name, key_spans)
            return SearchHit(article, score, "entity", name, spans, None, None, "person", how)
        head: Literal["title", "deck", "subtitle"] = field  # type: ignore[assignment]
        text = getattr(article, head) or ""
        spans = _to_original(text, key_spans)
        start, end = spans[0] if spans else (0, 0)
        return SearchHit(
            article, score, head, text, spans, Location(head, None, start, end), how=how
        )

    def _body_hit(
        self, key: str, article: Article, a: int, score: float, how: HowMatched, where: object
    ) -> SearchHit:
        body = self._body.keys([a]).get(a, "")
        spans: tuple[tuple[int, int], ...]
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
        if not article.blocks:
            return SearchHit(article, score, "body", "", (), how=how)
        in_block = tuple(
            (s - offset, e - offset)
            for s, e in spans
            if offset <= s and e <= offset + lengths[block]
        )
        text = article.blocks[block].text
        spans = _to_original(text, in_block)
        start, end = spans[0] if spans else (0, 0)
        return SearchHit(
            article, score, "body", text, spans, Location("block", block, start, end), how=how
        )


class BodyStore(Protocol):
    """Where the body side of the index lives: each article's body key and which articles'
    bodies hold a two-char gram (the archive's FTS5 table; for a freshly built index, memory).
    Articles are given by their place in reading order."""

    def keys(self, articles: Sequence[int]) -> dict[int, str]: ...

    def posting(self, gram: str) -> bytes | None:
        """Every article holding the gram, ascending, as u32s."""
        ...

    def frequency(self, gram: str) -> int:
        """How many articles hold the gram."""
        ...

    def containing(self, grams: Sequence[str], after: int, limit: int) -> list[int]:
        """The first `limit` articles after `after` holding every gram, ascending."""
        ...


class MemoryBodies:
    """The body side of a state that holds it: bodies and postings in memory."""

    def __init__(self, state: dict) -> None:
        self._bodies: list[str] = state["bodies"]
        self._grams: dict[str, bytes] = state["body_grams"]

    def keys(self, articles: Sequence[int]) -> dict[int, str]:
        return {a: self._bodies[a] for a in articles}

    def posting(self, gram: str) -> bytes | None:
        return self._grams.get(gram)

    def frequency(self, gram: str) -> int:
        return len(self._grams.get(gram, b"")) // 4

    def containing(self, grams: Sequence[str], after: int, limit: int) -> list[int]:
        postings = sorted((self._grams.get(g, b"") for g in grams), key=len)
        if not postings or not postings[0]:
            return []
        first = _view(postings[0])
        others = [set(_view(p)) for p in postings[1:]]
        found: list[int] = []
        for a in first[bisect_right(first, after) :]:
            if all(a in other for other in others):
                found.append(a)
                if len(found) >= limit:
                    break
        return found


def _is_head(where: object) -> bool:
    """A hit's record points at a head entry (an int, or a tuple starting with one)."""
    return isinstance(where, int) or (isinstance(where, tuple) and isinstance(where[0], int))


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


def _state_version() -> int:
    from ..versions import SEARCH_STATE_VERSION

    return SEARCH_STATE_VERSION
