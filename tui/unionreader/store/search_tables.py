"""The search tables of the archive: head texts, names and pinyin, body keys and their grams.

Rows are written and removed with their articles, in the archive's transaction for the files
(replace_sources, drop_sources), so one file changed changes only its rows; or, after a large
first open that stored articles only, in rowid order by Archive.index_pending. Every article up
to the rowid `search_counts.indexed` has its rows, none after it. Reads go through
store.search_reads.SearchStore.

Head texts (titles, decks, subtitles, names, bylines: folded, simplified search keys) are kept
once per text and class; their ids order them best class first, shortest first, so that a walk
of an FTS5 match in rowid order meets the best possible hits first and stops early.
"""

from __future__ import annotations

import re
import sqlite3
import zlib
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..search.build import ArticleRows

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
    # the next head text's sequence number, how many head texts and bodies there are, and the
    # largest article rowid whose rows are in (every article up to it is indexed, none after)
    "CREATE TABLE search_counts (seq INTEGER NOT NULL, texts INTEGER NOT NULL, "
    "bodies INTEGER NOT NULL, indexed INTEGER NOT NULL)",
    "INSERT INTO search_counts VALUES (0, 0, 0, 0)",
)
# From the layout before `indexed` (schema 8), where every article was indexed as stored
ADD_INDEXED = (
    "ALTER TABLE search_counts ADD COLUMN indexed INTEGER NOT NULL DEFAULT 0",
    "UPDATE search_counts SET indexed = (SELECT coalesce(max(rowid), 0) FROM articles)",
)


_GB = b"\x01"  # raw deflate of GB18030 (two bytes a Chinese char, not three: a fifth less)


def pack(text: str) -> bytes:
    """Text compressed for the archive: GB18030 (every Unicode char has one) deflated, or
    zlib of UTF-8 for what GB18030 cannot encode (a lone surrogate)."""
    try:
        encoded = text.encode("gb18030")
    except UnicodeEncodeError:
        return zlib.compress(text.encode("utf-8", "surrogatepass"))
    # level 1: Chinese text deflates by a sixth at any level, and 1 takes half the time of 9
    # (0.05 ms an article) for 0.1% more bytes. An 8 KB window and a small hash table: a
    # paragraph is a few hundred bytes, and the default's 256 KB of state, set up for each,
    # can cost more than the deflating (when the allocator maps it afresh), for 0.01% fewer
    # bytes. Any window inflates with -15 (unpack).
    deflate = zlib.compressobj(1, zlib.DEFLATED, -13, 5)
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


def _char_not_in(chars: set[str]) -> re.Pattern[str]:
    """A regex that finds a char not in the set."""
    if not chars:
        return re.compile(".", re.DOTALL)
    return re.compile("[^" + "".join(map(re.escape, sorted(chars))) + "]")


class SearchWriter:
    """Adds and removes articles' search rows inside the archive's write transactions."""

    KEEP_IDS = 200_000

    def __init__(self) -> None:
        self._known: set[str] | None = None  # chars whose readings are stored
        # finds a char not in _known as it was when compiled (None: to compile)
        self._unknown: re.Pattern[str] | None = None
        self._compiled = 0  # how many chars _unknown knew
        self._ids: dict[tuple[str, int], int] = {}  # head texts' ids met (a lookup each, else)
        # _ids holds every head text of the database (it was empty when first seen, and only
        # this writer has written since): a text not in it is new, with no lookup
        self._complete = False
        self._version: int | None = None  # the database as this writer last saw it
        # in the open transaction: the next head text's sequence (None: not read yet), head
        # texts and bodies added less removed, and the largest rowid indexed (None: not read
        # yet), written once by `finish`
        self._seq: int | None = None
        self._texts = self._bodies = 0
        self._indexed: int | None = None
        self._moved = False  # _indexed changed (by `add`)
        # head texts added in the open transaction, by id: (key, pinyin), indexed by `finish`
        self._unindexed: dict[int, tuple[str, str]] = {}

    def _fresh(self, conn: sqlite3.Connection) -> None:
        """Forget what was read if another connection has written since."""
        version = int(conn.execute("PRAGMA data_version").fetchone()[0])
        if version != self._version:
            self._version = version
            self._known = None
            self._ids.clear()
            self._complete = conn.execute("SELECT 1 FROM head_texts LIMIT 1").fetchone() is None

    def indexed(self, conn: sqlite3.Connection) -> int:
        """The largest article rowid whose rows are in, in the open transaction."""
        if self._indexed is None:
            self._fresh(conn)
            self._indexed = int(conn.execute("SELECT indexed FROM search_counts").fetchone()[0])
        return self._indexed

    def add(
        self, conn: sqlite3.Connection, rowids: Sequence[int], rows: Sequence[ArticleRows]
    ) -> None:
        """Index articles by their search rows (search.build.file_rows): the next ones after
        the largest rowid indexed, in rowid order (every article between is indexed with them
        or gone)."""
        from ..search.build import new_readings

        self._fresh(conn)
        if not rowids:
            return
        if rowids[0] <= self.indexed(conn):
            raise ValueError(f"article {rowids[0]} is indexed already")
        self._indexed = rowids[-1]
        self._moved = True
        # counts are written once, before the commit (finish): an UPDATE between FTS5 inserts
        # makes FTS5 write out what it holds (a statement savepoint), a small segment each time
        if self._seq is None:
            self._seq = int(conn.execute("SELECT seq FROM search_counts").fetchone()[0])
        heads: list[tuple[int, ...]] = []
        new: list[tuple[int, str, int, str, int]] = []  # head texts met for the first time
        chars: list[str] = []
        for rowid, (entries, body, _tokens) in zip(rowids, rows, strict=True):
            for field, slot, key, _etype, rank, pinyin in entries:
                text = self._text(conn, key, CLASS_OF_FIELD[field], pinyin, new)
                heads.append((text, rank, rowid, field + 8 * slot))
                chars.append(key)
            chars.append(body)
        if new:
            conn.executemany("INSERT INTO head_texts VALUES (?, ?, ?, ?, ?)", new)
            self._unindexed.update((tid, (key, pinyin)) for tid, key, _k, pinyin, _h in new)
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
            self._unknown = None
        if self._unknown is None or len(self._known) > self._compiled * 1.05 + 20:
            # compiled again once the chars have grown by a twentieth (13 ms at 6,000 chars):
            # a text with a char it does not know takes the set's way
            self._unknown = _char_not_in(self._known)
            self._compiled = len(self._known)
        joined = "".join(chars)
        first = self._unknown.search(joined)
        if first is None:
            return  # a regex over the text: ten times quicker than a set of its chars
        # the chars the regex does not know (a few), not a set of every char of the file
        readings = new_readings(self._unknown.findall(joined, first.start()), self._known)
        if readings:
            conn.executemany("INSERT OR IGNORE INTO readings VALUES (?, ?)", readings.items())

    def _text(
        self,
        conn: sqlite3.Connection,
        key: str,
        klass: int,
        pinyin: str,
        new: list[tuple[int, str, int, str, int]],
    ) -> int:
        """The id of a head text: known, stored, or new (added to `new`, to be inserted)."""
        from ..search.build import text_id

        known = self._ids.get((key, klass))
        if known is not None:
            return known
        if len(self._ids) >= self.KEEP_IDS:
            self._ids.clear()
            self._complete = False
        digest = zlib.crc32(key.encode("utf-8"), klass)
        row = (
            None
            if self._complete
            else conn.execute(
                "SELECT id FROM head_texts WHERE hash = ? AND key = ? AND klass = ?",
                (digest, key, klass),
            ).fetchone()
        )
        if row is not None:
            self._ids[(key, klass)] = int(row[0])
            return int(row[0])
        assert self._seq is not None
        seq = self._seq
        self._seq += 1
        self._texts += 1
        tid = text_id(klass, len(key), seq)
        new.append((tid, key, klass, pinyin, digest))
        self._ids[(key, klass)] = tid
        return tid

    def forget(self) -> None:
        """A transaction rolled back: what it wrote was never there."""
        self._unindexed.clear()
        self._version = None
        self._known = None
        self._ids.clear()
        self._complete = False
        self._seq = None
        self._texts = self._bodies = 0
        self._indexed = None
        self._moved = False

    def finish(self, conn: sqlite3.Connection) -> None:
        """Index the head texts the transaction added and write the counts it changed (once,
        just before its commit).

        The texts go into their FTS5 tables in ascending id order: FTS5 writes out what it
        holds as a new segment whenever a rowid comes lower than the last (head text ids are
        ordered by class and length, not by when they come), which in file order made a
        segment every few texts, each to be merged again.
        """
        from ..search.build import gram_tokens, pinyin_tokens

        if self._unindexed:
            ids = sorted(self._unindexed)
            texts = self._unindexed
            conn.executemany(
                "INSERT INTO head_index (rowid, grams) VALUES (?, ?)",
                [(tid, gram_tokens(texts[tid][0])) for tid in ids],
            )
            conn.executemany(
                "INSERT INTO head_pinyin (rowid, syllables) VALUES (?, ?)",
                [(tid, pinyin_tokens(texts[tid][1])) for tid in ids],
            )
            self._unindexed.clear()
        moved = self._indexed if self._moved else None
        self._indexed = None
        self._moved = False
        if self._seq is None and not self._texts and not self._bodies and moved is None:
            return
        conn.execute(
            "UPDATE search_counts SET seq = coalesce(?, seq), texts = texts + ?, "
            "bodies = bodies + ?, indexed = coalesce(?, indexed)",
            (self._seq, self._texts, self._bodies, moved),
        )
        self._seq = None
        self._texts = self._bodies = 0

    def remove(self, conn: sqlite3.Connection, rowids: Sequence[int]) -> None:
        """Take these articles' rows out (head texts no other article has go too); articles
        not indexed yet have none."""
        from ..search.build import body_tokens, gram_tokens, pinyin_tokens

        self._fresh(conn)
        indexed = self.indexed(conn)
        rowids = [r for r in rowids if r <= indexed]
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
                # a text added in this transaction is not in the FTS5 tables yet
                if self._unindexed.pop(tid, None) is None:
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
