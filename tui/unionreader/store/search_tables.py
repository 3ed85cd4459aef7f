"""The search tables of the archive: head texts, names and pinyin, body keys and their grams.

Rows are written and removed with their articles, in the archive's transaction for the files
(replace_sources, drop_sources), so one file changed changes only its rows. Reads go through
SearchStore, which keeps the list rows and body keys it read last for the next keystroke.

Head texts (titles, decks, subtitles, names, bylines: folded, simplified search keys) are kept
once per text and class; their ids order them best class first, shortest first, so that a walk
of an FTS5 match in rowid order meets the best possible hits first and stops early.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import zlib
from collections import Counter, OrderedDict
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from ..model import Article, Block, Entity
from .listing import ArticleSummary

if TYPE_CHECKING:
    from ..search.build import ArticleRows
    from .archive import Archive

CLASS_OF_FIELD = (0, 1, 2, 2, 3)  # search.build's, without importing it to read

_FTS = "content='', detail='none', columnsize=0, tokenize='unicode61 remove_diacritics 0'"

SCHEMA = (
    # one row per head text and class; id = class, length, sequence (search.build.text_id)
    """CREATE TABLE head_texts (
        id INTEGER PRIMARY KEY, key TEXT NOT NULL, klass INTEGER NOT NULL,
        pinyin TEXT NOT NULL, hash INTEGER NOT NULL
    )""",
    # found by a hash of key and class when a file is stored (a third of a (key, klass) index)
    "CREATE INDEX head_texts_by_hash ON head_texts (hash)",
    # the articles of each head text, best first: rank is -(weight + bonus) in hundredths,
    # place the field and slot (which name) as field + 8 * slot
    """CREATE TABLE heads (
        text INTEGER NOT NULL, rank INTEGER NOT NULL, article INTEGER NOT NULL,
        place INTEGER NOT NULL, PRIMARY KEY (text, rank, article)
    ) WITHOUT ROWID""",
    "CREATE INDEX heads_by_article ON heads (article)",
    # the head texts' chars and two-char grams, and their pinyin syllables (with prefix
    # indexes for initials and syllables being typed), by head text id
    f"CREATE VIRTUAL TABLE head_index USING fts5(grams, {_FTS})",
    "CREATE VIRTUAL TABLE head_vocab USING fts5vocab(head_index, 'row')",
    f"CREATE VIRTUAL TABLE head_pinyin USING fts5(syllables, {_FTS}, prefix='1 2')",
    # the usual reading of every char the archive holds (a Chinese query read as pinyin)
    "CREATE TABLE readings (char TEXT PRIMARY KEY, reading TEXT NOT NULL) WITHOUT ROWID",
    # each article's body search key, and its chars and two-char grams, by article rowid
    # GB18030, not compressed: a query's bytes are looked for in SQL (instr), candidates by the
    # hundred without a decode each
    "CREATE TABLE body_keys (article INTEGER PRIMARY KEY, key BLOB NOT NULL)",
    f"CREATE VIRTUAL TABLE body_index USING fts5(grams, {_FTS})",
    "CREATE VIRTUAL TABLE body_vocab USING fts5vocab(body_index, 'row')",
    # the next head text's sequence number, and how many head texts and bodies there are
    "CREATE TABLE search_counts (seq INTEGER NOT NULL, texts INTEGER NOT NULL, "
    "bodies INTEGER NOT NULL)",
    "INSERT INTO search_counts VALUES (0, 0, 0)",
)


_GB = b"\x01"  # raw deflate of GB18030 (two bytes a Chinese char, not three: a fifth less)


def pack(text: str) -> bytes:
    """Text compressed for the archive: GB18030 (every Unicode char has one) deflated, or
    zlib of UTF-8 for what GB18030 cannot encode (a lone surrogate)."""
    try:
        encoded = text.encode("gb18030")
    except UnicodeEncodeError:
        return zlib.compress(text.encode("utf-8", "surrogatepass"))
    deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
    return _GB + deflate.compress(encoded) + deflate.flush()


def key_bytes(key: str) -> bytes:
    """A search key as stored: GB18030 (a char it cannot encode, a lone surrogate, becomes ?)."""
    return key.encode("gb18030", "replace")


def key_text(data: bytes) -> str:
    return data.decode("gb18030", "replace")


def unpack(data: bytes) -> str:
    if data[:1] == _GB:
        return zlib.decompress(data[1:], -15).decode("gb18030")
    return zlib.decompress(data).decode("utf-8", "surrogatepass")  # zlib starts 0x78, not 0x01


def phrase(token: str) -> str:
    """One token as an FTS5 string (search keys hold letters and digits only)."""
    return '"' + token.replace('"', '""') + '"'


class SearchWriter:
    """Adds and removes articles' search rows inside the archive's write transactions."""

    KEEP_IDS = 200_000

    def __init__(self) -> None:
        self._known: set[str] | None = None  # chars whose readings are stored
        self._ids: dict[tuple[str, int], int] = {}  # head texts' ids met (a lookup each, else)
        self._version: int | None = None  # the database as this writer last saw it
        # in the open transaction: the next head text's sequence (None: not read yet), and
        # head texts and bodies added less removed, written once by `finish`
        self._seq: int | None = None
        self._texts = self._bodies = 0

    def _fresh(self, conn: sqlite3.Connection) -> None:
        """Forget what was read if another connection has written since."""
        version = int(conn.execute("PRAGMA data_version").fetchone()[0])
        if version != self._version:
            self._version = version
            self._known = None
            self._ids.clear()

    def add(
        self, conn: sqlite3.Connection, rowids: Sequence[int], rows: Sequence[ArticleRows]
    ) -> None:
        """Index a file's articles by their search rows (search.build.file_rows, made where
        the file was analysed)."""
        from ..search.build import new_readings

        self._fresh(conn)
        # counts are written once, before the commit (finish): an UPDATE between FTS5 inserts
        # makes FTS5 write out what it holds (a statement savepoint), a small segment each time
        if self._seq is None:
            self._seq = int(conn.execute("SELECT seq FROM search_counts").fetchone()[0])
        heads: list[tuple[int, ...]] = []
        chars: list[str] = []
        for rowid, (entries, body, _tokens) in zip(rowids, rows, strict=True):
            for field, slot, key, _etype, rank, pinyin in entries:
                text = self._text(conn, key, CLASS_OF_FIELD[field], pinyin)
                heads.append((text, rank, rowid, field + 8 * slot))
                chars.append(key)
            chars.append(body)
        # a deck and a subtitle alike are one entry
        conn.executemany("INSERT OR IGNORE INTO heads VALUES (?, ?, ?, ?)", heads)
        conn.executemany(
            "INSERT INTO body_keys VALUES (?, ?)",
            [(rowid, key_bytes(body)) for rowid, (_e, body, _t) in zip(rowids, rows, strict=True)],
        )
        conn.executemany(
            "INSERT INTO body_index (rowid, grams) VALUES (?, ?)",
            [(rowid, tokens) for rowid, (_e, _b, tokens) in zip(rowids, rows, strict=True)],
        )
        self._bodies += len(rows)
        if self._known is None:
            self._known = {c for (c,) in conn.execute("SELECT char FROM readings")}
        readings = new_readings(chars, self._known)
        if readings:
            conn.executemany("INSERT OR IGNORE INTO readings VALUES (?, ?)", readings.items())

    def _text(self, conn: sqlite3.Connection, key: str, klass: int, pinyin: str) -> int:
        from ..search.build import gram_tokens, pinyin_tokens, text_id

        known = self._ids.get((key, klass))
        if known is not None:
            return known
        if len(self._ids) >= self.KEEP_IDS:
            self._ids.clear()
        digest = zlib.crc32(key.encode("utf-8"), klass)
        row = conn.execute(
            "SELECT id FROM head_texts WHERE hash = ? AND key = ? AND klass = ?",
            (digest, key, klass),
        ).fetchone()
        if row is not None:
            self._ids[(key, klass)] = int(row[0])
            return int(row[0])
        assert self._seq is not None
        seq = self._seq
        self._seq += 1
        self._texts += 1
        tid = text_id(klass, len(key), seq)
        conn.execute(
            "INSERT INTO head_texts VALUES (?, ?, ?, ?, ?)", (tid, key, klass, pinyin, digest)
        )
        conn.execute("INSERT INTO head_index (rowid, grams) VALUES (?, ?)", (tid, gram_tokens(key)))
        conn.execute(
            "INSERT INTO head_pinyin (rowid, syllables) VALUES (?, ?)", (tid, pinyin_tokens(pinyin))
        )
        self._ids[(key, klass)] = tid
        return tid

    def forget(self) -> None:
        """A transaction rolled back: what it wrote was never there."""
        self._version = None
        self._known = None
        self._ids.clear()
        self._seq = None
        self._texts = self._bodies = 0

    def finish(self, conn: sqlite3.Connection) -> None:
        """Write the counts the transaction changed (once, just before its commit)."""
        if self._seq is None and not self._texts and not self._bodies:
            return
        conn.execute(
            "UPDATE search_counts SET seq = coalesce(?, seq), texts = texts + ?, "
            "bodies = bodies + ?",
            (self._seq, self._texts, self._bodies),
        )
        self._seq = None
        self._texts = self._bodies = 0

    def remove(self, conn: sqlite3.Connection, rowids: Sequence[int]) -> None:
        """Take these articles' rows out (head texts no other article has go too)."""
        from ..search.build import body_tokens, gram_tokens, pinyin_tokens

        self._fresh(conn)
        gone_texts = gone_bodies = 0
        for start in range(0, len(rowids), 500):
            chunk = tuple(rowids[start : start + 500])
            marks = ", ".join("?" * len(chunk))
            texts = [
                t
                for (t,) in conn.execute(
                    f"SELECT DISTINCT text FROM heads WHERE article IN ({marks})", chunk
                )
            ]
            conn.execute(f"DELETE FROM heads WHERE article IN ({marks})", chunk)
            for tid in texts:
                if conn.execute("SELECT 1 FROM heads WHERE text = ? LIMIT 1", (tid,)).fetchone():
                    continue
                key, klass, pinyin = conn.execute(
                    "SELECT key, klass, pinyin FROM head_texts WHERE id = ?", (tid,)
                ).fetchone()
                self._ids.pop((key, klass), None)
                conn.execute(
                    "INSERT INTO head_index (head_index, rowid, grams) VALUES ('delete', ?, ?)",
                    (tid, gram_tokens(key)),
                )
                conn.execute(
                    "INSERT INTO head_pinyin (head_pinyin, rowid, syllables) "
                    "VALUES ('delete', ?, ?)",
                    (tid, pinyin_tokens(pinyin)),
                )
                conn.execute("DELETE FROM head_texts WHERE id = ?", (tid,))
                gone_texts += 1
            bodies = conn.execute(
                f"SELECT article, key FROM body_keys WHERE article IN ({marks})", chunk
            ).fetchall()
            for article, key in bodies:
                conn.execute(
                    "INSERT INTO body_index (body_index, rowid, grams) VALUES ('delete', ?, ?)",
                    (article, body_tokens(key_text(key))),
                )
            conn.execute(f"DELETE FROM body_keys WHERE article IN ({marks})", chunk)
            gone_bodies += len(bodies)
        self._texts -= gone_texts
        self._bodies -= gone_bodies


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
        found: dict[int, str] = {}
        with self._lock:
            kept = self._bodies
            for a in articles:
                key = kept.get(a)
                if key is not None:
                    found[a] = key
                    kept.move_to_end(a)
        missing = [a for a in articles if a not in found]
        read: dict[int, str] = {}
        for start in range(0, len(missing), 500):
            chunk = missing[start : start + 500]
            marks = ", ".join("?" * len(chunk))
            rows = self._all(
                f"SELECT article, key FROM body_keys WHERE article IN ({marks})", chunk
            )
            read.update((a, key_text(key)) for a, key in rows)
        if read:
            found.update(read)
            with self._lock:
                self._bodies.update(read)
                while len(self._bodies) > self.KEEP_BODIES:
                    self._bodies.popitem(last=False)
        return found

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
        found: dict[int, Article | ArticleSummary] = {}
        with self._lock:
            for r in rowids:
                summary = self._summaries.get(r)
                if summary is not None:
                    found[r] = summary
                    self._summaries.move_to_end(r)
        missing = [r for r in rowids if r not in found]
        if missing:
            read = self.archive.summaries_by_rowid(missing)
            found.update(read)
            with self._lock:
                self._summaries.update(read)
                while len(self._summaries) > self.KEEP_SUMMARIES:
                    self._summaries.popitem(last=False)
        return found

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
        found: dict[tuple[int, int], Block] = {}
        with self._lock:
            for place in places:
                block = self._blocks.get(place)
                if block is not None:
                    found[place] = block
                    self._blocks.move_to_end(place)
        missing = [place for place in places if place not in found]
        if missing:
            read = self.archive.blocks_at(missing)
            found.update(read)
            with self._lock:
                self._blocks.update(read)
                while len(self._blocks) > self.KEEP_SUMMARIES:
                    self._blocks.popitem(last=False)
        return found

    def entities(self, places: Sequence[tuple[int, int]]) -> dict[tuple[int, int], Entity]:
        """Names, with their mentions, by (article, name number), those there are."""
        if self._given is not None:
            return {
                (r, n): a.entities[n]
                for r, n in places
                if (a := self._given.get(r)) is not None and 0 <= n < len(a.entities)
            }
        return self.archive.entities_at(places)
