"""Reads of the archive's search tables for the search index, kept between keystrokes."""

from __future__ import annotations

import json
import threading
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from ..model import Article, Block, Entity
from .listing import ArticleSummary
from .search_tables import key_bytes, key_text, phrase

if TYPE_CHECKING:
    from .archive import Archive

K = TypeVar("K")
V = TypeVar("V")


class SearchStore:
    """Reads of the search tables for SearchIndex (thread-safe: the archive's lock).

    The list rows, body keys and matched blocks read last are kept (a few thousand): the next
    keystroke's query mostly hits the same ones. A hit needs no more of its article than its
    list row and the one head, name or block that matched: the whole article is read when it
    is opened. Grams' counts and lists, and head texts' first entries, are kept too; all of it
    is forgotten when the archive changes.
    """

    KEEP_SUMMARIES = 2000
    KEEP_BODIES = 4000
    KEEP_BLOCKS = 2000  # matched blocks
    KEEP_POSTINGS = 48  # grams' lists of rows: a query typed on reads one more each key
    KEEP_POSTING = 8192  # (those this long at most)
    KEEP_FIRSTS = 8192  # head texts' first entries (and keys)
    SHARING_AND = 2000  # head texts to read for a count, past which those holding all go first

    def __init__(self, archive: Archive, given: dict[int, Article] | None = None) -> None:
        self.archive = archive
        self._given = given  # an index of a list of articles: hits give those very objects
        self._summaries: OrderedDict[int, ArticleSummary] = OrderedDict()
        self._bodies: OrderedDict[int, str] = OrderedDict()
        self._blocks: OrderedDict[tuple[int, int], Block] = OrderedDict()  # matched blocks
        self._counted: dict[tuple[str, str, int], int] = {}  # (table, gram, cap): count
        self._sizes: dict[tuple[str, str], int] = {}  # (table, gram): the most counted
        self._postings: OrderedDict[tuple[str, str], list[int]] = OrderedDict()
        self._firsts: dict[tuple[int, int], list[Any]] = {}  # (text, limit): first entries
        self._text_keys: dict[int, str] = {}  # head texts' keys by id
        self._lock = threading.Lock()
        self._seen: tuple[int, int] | None = None  # the database as last seen
        self._generation = 0

    def _all(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        with self.archive.lock:
            return self.archive.conn.execute(sql, params).fetchall()

    def _kept_or_read(
        self,
        kept: OrderedDict[K, V],
        keys: Sequence[K],
        read: Callable[[list[K]], Mapping[K, V]],
        limit: int,
    ) -> dict[K, V]:
        """Those of `keys` kept from earlier reads, the rest read (once) and kept, the least
        recently used let go past `limit`."""
        found: dict[K, V] = {}
        with self._lock:
            for k in keys:
                value = kept.get(k)
                if value is not None:
                    found[k] = value
                    kept.move_to_end(k)
        missing = [k for k in keys if k not in found]
        if missing:
            fresh = read(missing)
            found.update(fresh)
            with self._lock:
                kept.update(fresh)
                while len(kept) > limit:
                    kept.popitem(last=False)
        return found

    def fresh(self) -> int:
        """Forget what was kept if the archive changed since it was read (written by this
        connection or another); the number of times it has changed, as seen here."""
        with self.archive.lock:
            conn = self.archive.conn
            seen = (int(conn.execute("PRAGMA data_version").fetchone()[0]), conn.total_changes)
        if seen != self._seen:
            with self._lock:
                if self._seen is not None:
                    self._summaries.clear()
                    self._bodies.clear()
                    self._blocks.clear()
                self._counted.clear()
                self._sizes.clear()
                self._postings.clear()
                self._firsts.clear()
                self._text_keys.clear()
                self._seen = seen
                self._generation += 1
        return self._generation

    def _count(self, table: str, gram: str, cap: int) -> int:
        """How many rows of an FTS5 table hold the gram, counted up to cap + 1 (a gram in many
        rows costs a read of its whole list to count); kept until the archive changes."""
        counted = self._counted.get((table, gram, cap))
        if counted is None:
            rows = self._all(
                f"SELECT count(*) FROM (SELECT rowid FROM {table} WHERE {table} MATCH ? LIMIT ?)",
                (phrase(gram), cap + 1),
            )
            counted = int(rows[0][0]) if rows else 0
            with self._lock:
                if len(self._counted) > 4096:
                    self._counted.clear()
                    self._sizes.clear()
                self._counted[(table, gram, cap)] = counted
                self._sizes[(table, gram)] = max(counted, self._sizes.get((table, gram), 0))
        return counted

    def counts(self) -> tuple[int, int]:
        """How many head texts and bodies the archive holds."""
        rows = self._all("SELECT texts, bodies FROM search_counts")
        return (int(rows[0][0]), int(rows[0][1])) if rows else (0, 0)

    def readings(self, chars: Iterable[str]) -> dict[str, str]:
        """The usual reading of each of these chars the archive holds."""
        wanted = sorted(set(chars))
        if not wanted:
            return {}
        marks = ", ".join("?" * len(wanted))
        return dict(
            self._all(f"SELECT char, reading FROM readings WHERE char IN ({marks})", wanted)
        )

    def syllables(self) -> list[str]:
        """Every reading of a char the archive holds."""
        return [r for (r,) in self._all("SELECT DISTINCT reading FROM readings")]

    # -- head texts ---------------------------------------------------------------------------

    def head_texts(
        self, match: str, after: int, limit: int, holding: str = ""
    ) -> list[tuple[int, str]]:
        """(id, key) of head texts matching an FTS5 query of grams (and holding `holding`,
        checked in SQL), in id order after `after`."""
        return self._all(
            "SELECT t.id, t.key FROM head_index JOIN head_texts t ON t.id = head_index.rowid "
            "WHERE head_index MATCH ? AND head_index.rowid > ? AND instr(t.key, ?) "
            "ORDER BY head_index.rowid LIMIT ?",
            (match, after, holding, limit),
        )

    def pinyin_texts(
        self, match: str, after: int, limit: int, holding: str = ""
    ) -> list[tuple[int, str, str]]:
        """(id, key, pinyin) of head texts matching an FTS5 query of syllables (and whose
        pinyin holds `holding`, checked in SQL), in id order."""
        return self._all(
            "SELECT t.id, t.key, t.pinyin FROM head_pinyin "
            "JOIN head_texts t ON t.id = head_pinyin.rowid "
            "WHERE head_pinyin MATCH ? AND head_pinyin.rowid > ? AND instr(t.pinyin, ?) "
            "ORDER BY head_pinyin.rowid LIMIT ?",
            (match, after, holding, limit),
        )

    def head_frequency(self, gram: str, cap: int) -> int:
        """How many head texts hold this gram, counted up to cap + 1."""
        return self._count("head_index", gram, cap)

    def texts_sharing(self, grams: Sequence[str], limit: int) -> list[tuple[int, str]]:
        """(id, key) of the head texts holding the most of these grams, most first, by id.

        Counted here from the grams' lists of head texts (kept: a query typed on adds one
        gram a key), not grouped in SQL."""
        if not grams:
            return []
        grams = list(dict.fromkeys(grams))
        unread = sum(
            self._sizes.get(("head_index", g), self.SHARING_AND)
            for g in grams
            if ("head_index", g) not in self._postings
        )
        if len(grams) > 1 and unread >= self.SHARING_AND:
            # long lists not read yet: the texts holding every gram may be enough (the same
            # texts, in the same order, as counting would choose)
            every = self._all(
                "SELECT t.id, t.key FROM head_index JOIN head_texts t ON t.id = head_index.rowid "
                "WHERE head_index MATCH ? ORDER BY head_index.rowid LIMIT ?",
                (" AND ".join(phrase(g) for g in grams), limit),
            )
            if len(every) >= limit:
                return every
        counts: Counter[int] = Counter()
        for gram in grams:
            counts.update(self._posting("head_index", gram))
        # the fewest grams a text chosen holds: texts holding more all go, then by id
        least, more = 1, 0
        for count, texts in sorted(Counter(counts.values()).items(), reverse=True):
            least = count
            if more + texts >= limit:
                break
            more += texts
        candidates = [t for t, c in counts.items() if c >= least]
        chosen = sorted(t for t in candidates if counts[t] > least)
        chosen += sorted(t for t in candidates if counts[t] == least)[: limit - len(chosen)]
        chosen.sort(key=lambda t: -counts[t])  # stable: by id within a count
        with self._lock:
            keys = {t: k for t in chosen if (k := self._text_keys.get(t)) is not None}
        missing = [t for t in chosen if t not in keys]
        if missing:
            read = dict(
                self._all(
                    "SELECT t.id, t.key FROM json_each(?) j JOIN head_texts t ON t.id = j.value",
                    (json.dumps(missing),),
                )
            )
            keys.update(read)
            with self._lock:
                if len(self._text_keys) > self.KEEP_FIRSTS:
                    self._text_keys.clear()
                self._text_keys.update(read)
        return [(t, keys[t]) for t in chosen if t in keys]

    def occurrences(
        self, text: int, after: tuple[int, int] | None, limit: int
    ) -> list[tuple[int, int, int]]:
        """(rank, article, place) of a head text's entries, best first, after the (rank,
        article) given."""
        if after is None:
            return self._all(
                "SELECT rank, article, place FROM heads WHERE text = ? "
                "ORDER BY rank, article LIMIT ?",
                (text, limit),
            )
        return self._all(
            "SELECT rank, article, place FROM heads WHERE text = ? AND (rank, article) > (?, ?) "
            "ORDER BY rank, article LIMIT ?",
            (text, *after, limit),
        )

    def first_occurrences(
        self, texts: Sequence[int], limit: int
    ) -> dict[int, list[tuple[int, int, int]]]:
        """The first `limit` (rank, article, place) of each of these head texts, in one read
        for those not kept (a key typed on meets mostly the same texts)."""
        found: dict[int, list[tuple[int, int, int]]] = {}
        kept = self._firsts
        with self._lock:
            for t in texts:
                rows = kept.get((t, limit))
                if rows is not None:
                    found[t] = rows
        missing = [t for t in texts if t not in found]
        if not missing:
            return found
        read = self._all(
            "SELECT j.value, (SELECT json_group_array(json_array(rank, article, place)) FROM "
            "(SELECT rank, article, place FROM heads WHERE text = j.value "
            "ORDER BY rank, article LIMIT ?)) FROM json_each(?) j",
            (limit, json.dumps(missing)),
        )
        with self._lock:
            if len(kept) > self.KEEP_FIRSTS:
                kept.clear()
            for t, rows_json in read:
                rows = [tuple(r) for r in json.loads(rows_json)]
                found[t] = kept[(t, limit)] = rows
        return found

    # -- bodies -------------------------------------------------------------------------------

    def body_keys(self, articles: Sequence[int]) -> dict[int, str]:
        def read(missing: list[int]) -> dict[int, str]:
            found: dict[int, str] = {}
            for start in range(0, len(missing), 500):
                chunk = missing[start : start + 500]
                marks = ", ".join("?" * len(chunk))
                rows = self._all(
                    f"SELECT article, key FROM body_keys WHERE article IN ({marks})", chunk
                )
                found.update((a, key_text(key)) for a, key in rows)
            return found

        return self._kept_or_read(self._bodies, articles, read, self.KEEP_BODIES)

    def bodies_holding_after(
        self, grams: Sequence[str], key: str, after: int, limit: int
    ) -> tuple[list[int], int | None]:
        """Articles after `after` whose bodies hold every gram and the key itself (its bytes
        looked for in SQL, then decoded to be sure), up to `limit` of them by the bytes; and
        the last one looked at, None when no more can follow."""
        match = " AND ".join(phrase(g) for g in grams)
        rows = self._all(
            "SELECT body_index.rowid, k.key FROM body_index "
            "JOIN body_keys k ON k.article = body_index.rowid "
            "WHERE body_index MATCH ? AND body_index.rowid > ? AND instr(k.key, ?) "
            "ORDER BY body_index.rowid LIMIT ?",
            (match, after, key_bytes(key), limit),
        )
        found = [a for a, data in rows if key in key_text(data)]
        return found, (rows[-1][0] if len(rows) == limit else None)

    def body_posting(self, gram: str) -> list[int]:
        """Every article whose body holds this gram, by rowid."""
        return self._posting("body_index", gram)

    def _posting(self, table: str, gram: str) -> list[int]:
        """The rowids of an FTS5 table's rows holding the gram, in order (the last few lists
        read are kept, those not too long)."""
        with self._lock:
            kept = self._postings.get((table, gram))
            if kept is not None:
                self._postings.move_to_end((table, gram))
                return kept
        rows = self._all(
            f"SELECT rowid FROM {table} WHERE {table} MATCH ? ORDER BY rowid", (phrase(gram),)
        )
        posting = [r for (r,) in rows]
        if len(posting) <= self.KEEP_POSTING:
            with self._lock:
                self._postings[(table, gram)] = posting
                while len(self._postings) > self.KEEP_POSTINGS:
                    self._postings.popitem(last=False)
        return posting

    def body_frequency(self, gram: str, cap: int) -> int:
        """How many bodies hold this gram, counted up to cap + 1."""
        return self._count("body_index", gram, cap)

    def bodies_containing(self, grams: Sequence[str], after: int, limit: int) -> list[int]:
        """The first `limit` articles after `after` (by rowid) whose bodies hold every gram (a
        single char: the bodies holding it)."""
        if len(grams) == 1 and len(grams[0]) == 1:
            match = phrase(grams[0]) + "*"  # a bigram starting with it, or a block's last char
        else:
            match = " AND ".join(phrase(g) for g in grams)
        rows = self._all(
            "SELECT rowid FROM body_index WHERE body_index MATCH ? AND rowid > ? "
            "ORDER BY rowid LIMIT ?",
            (match, after, limit),
        )
        return [r for (r,) in rows]

    # -- articles ---------------------------------------------------------------------------

    def summaries(self, rowids: Sequence[int]) -> dict[int, Article | ArticleSummary]:
        """What the list rows of these articles show (one read for those not kept); the
        articles themselves for an index of articles in memory."""
        if self._given is not None:
            return {r: self._given[r] for r in rowids if r in self._given}
        kept = self._kept_or_read(
            self._summaries, rowids, self.archive.summaries_by_rowid, self.KEEP_SUMMARIES
        )
        return dict(kept)

    def article(self, rowid: int) -> Article | None:
        """One whole article: blocks, figures, names and all."""
        if self._given is not None:
            return self._given.get(rowid)
        return self.archive.articles_by_rowid([rowid]).get(rowid)

    def heads(self, rowids: Sequence[int]) -> dict[int, dict[str, str | None]]:
        """The deck and subtitle of these articles."""
        if self._given is not None:
            return {
                r: {"deck": a.deck, "subtitle": a.subtitle}
                for r in rowids
                if (a := self._given.get(r)) is not None
            }
        return self.archive.heads_by_rowid(rowids)

    def blocks(self, places: Sequence[tuple[int, int]]) -> dict[tuple[int, int], Block]:
        """Body blocks by (article, block number), those there are."""
        if self._given is not None:
            return {
                (r, n): a.blocks[n]
                for r, n in places
                if (a := self._given.get(r)) is not None and 0 <= n < len(a.blocks)
            }
        return self._kept_or_read(self._blocks, places, self.archive.blocks_at, self.KEEP_BLOCKS)

    def entities(self, places: Sequence[tuple[int, int]]) -> dict[tuple[int, int], Entity]:
        """Names, with their mentions, by (article, name number), those there are."""
        if self._given is not None:
            return {
                (r, n): a.entities[n]
                for r, n in places
                if (a := self._given.get(r)) is not None and 0 <= n < len(a.entities)
            }
        return self.archive.entities_at(places)
