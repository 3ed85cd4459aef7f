"""The archive database: the analysed articles of one set of files and folders (SQLite, WAL).

One file per set of opened paths in the user cache dir. Sources are keyed by path with their
size, mtime, content hash and the analyser version that read them; each source's articles,
blocks, figures, entities and mentions are rows in field-named tables (store.codec), and
their search rows are written and removed with them in the same transaction
(store.search_tables). It is a cache: a damaged file is set aside and rebuilt, another schema
version is rebuilt, and a folder it cannot write gives an in-memory archive that lasts the
session.

Over 400 lines: every statement on the articles is here, behind one lock, so that the
schema, its version and the transactions that keep it consistent are read in one place.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import threading
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..model import Article, Block, Entity, Location, Problem
from .codec import (
    ARTICLE_COLUMNS,
    BLOCK_COLUMNS,
    ENTITY_COLUMNS,
    FIGURE_COLUMNS,
    MENTION_COLUMNS,
    NAME_SEP,
    article_from_rows,
    article_row,
    block_rows,
    entity_rows,
    figure_rows,
    mention_rows,
    quoted,
)
from .listing import ArticleSummary, ListQuery, article_date
from .search_pending import Material, read_material, sources, write_rows
from .search_tables import ADD_INDEXED, SearchWriter, pack, unpack
from .search_tables import SCHEMA as SEARCH_SCHEMA

if TYPE_CHECKING:
    from ..search.build import ArticleRows
from .sqlite_file import DamagedFile, connect_writable, is_damage, memory_copy, set_aside

# 7: the search index in the database, file by file; 8: plain body keys; 9: articles indexed
# up to a rowid (a large first open indexes after storing)
SCHEMA_VERSION = 9

_SCHEMA = (
    """CREATE TABLE sources (
        id INTEGER PRIMARY KEY,
        path TEXT NOT NULL UNIQUE,
        display TEXT NOT NULL,
        ord INTEGER NOT NULL,
        size INTEGER NOT NULL,
        mtime_ns INTEGER NOT NULL,
        hash TEXT NOT NULL,
        analyser TEXT NOT NULL
    )""",
    f"""CREATE TABLE articles (
        rowid INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        source_id INTEGER NOT NULL,
        position INTEGER NOT NULL,
        figure_count INTEGER NOT NULL,
        date TEXT,
        {quoted(ARTICLE_COLUMNS)}
    )""",
    "CREATE INDEX articles_by_source ON articles (source_id, position)",
    "CREATE INDEX articles_by_title ON articles (title)",
    "CREATE INDEX articles_by_date ON articles (date)",
    "CREATE INDEX sources_by_ord ON sources (ord)",
    # blocks' text is the bulk of the archive: zlib-compressed (a third less), in a rowid
    # table (rows this long spill out of a WITHOUT ROWID table's pages: 40% more bytes)
    f"""CREATE TABLE blocks (
        article INTEGER NOT NULL, n INTEGER NOT NULL, {quoted(BLOCK_COLUMNS)},
        PRIMARY KEY (article, n)
    )""",
    f"""CREATE TABLE figures (
        article INTEGER NOT NULL, n INTEGER NOT NULL, {quoted(FIGURE_COLUMNS)},
        PRIMARY KEY (article, n)
    ) WITHOUT ROWID""",
    f"""CREATE TABLE entities (
        article INTEGER NOT NULL, n INTEGER NOT NULL, {quoted(ENTITY_COLUMNS)},
        PRIMARY KEY (article, n)
    ) WITHOUT ROWID""",
    f"""CREATE TABLE mentions (
        article INTEGER NOT NULL, entity INTEGER NOT NULL, n INTEGER NOT NULL,
        {quoted(MENTION_COLUMNS)},
        PRIMARY KEY (article, entity, n)
    ) WITHOUT ROWID""",
    # the search tables (store.search_tables), kept with the articles file by file
    *SEARCH_SCHEMA,
)
_DETAIL_TABLES = ("blocks", "figures", "entities", "mentions")
_ARTICLE_SELECT = (
    "SELECT a.rowid, a.id, s.display, "
    + ", ".join(f'a."{c}"' for c in ARTICLE_COLUMNS)
    + " FROM articles a JOIN sources s ON s.id = a.source_id"
)


def archive_path(roots: Sequence[str | os.PathLike[str]]) -> Path:
    """Where the archive of these files and folders lives: one database per set of paths."""
    from platformdirs import user_cache_dir

    names = sorted({os.path.realpath(r) for r in roots})
    key = hashlib.sha256("\n".join(names).encode("utf-8", "surrogateescape")).hexdigest()[:24]
    return Path(user_cache_dir("unionreader")) / "archives" / f"{key}.sqlite3"


@dataclass(frozen=True, slots=True)
class SourceRow:
    """What the archive knows of one file."""

    id: int
    path: str
    display: str
    ord: int
    size: int
    mtime_ns: int
    hash: str
    analyser: str


class Archive:
    """A handle on one archive database; safe to share between threads (one lock)."""

    def __init__(self, conn: sqlite3.Connection, path: Path | None) -> None:
        self.conn = conn
        self.path = path  # None: in memory, for this session only
        self.notices: list[Problem] = []
        self.lock = threading.RLock()
        self._search = SearchWriter()

    @classmethod
    def open(cls, path: Path | None) -> Archive:
        """Open (creating, setting aside a damaged file, rebuilding another schema)."""
        notices: list[Problem] = []
        conn: sqlite3.Connection | None = None
        if path is not None:
            conn = _connect(path, notices)
        if conn is None:
            path = None
            conn = memory_copy(None)
        archive = cls(conn, path)
        archive.notices = notices
        archive._prepare()
        return archive

    def close(self) -> None:
        with self.lock:
            self.conn.close()

    def _prepare(self) -> None:
        conn = self.conn
        conn.execute("PRAGMA synchronous = NORMAL")  # a cache: a commit survives a killed process
        conn.execute("PRAGMA temp_store = MEMORY")
        # pages read straight from the file's mapping, and more of them kept: a page of search
        # hits reads a hundred articles from all over the file
        conn.execute("PRAGMA mmap_size = 268435456")
        conn.execute("PRAGMA cache_size = -16384")
        with self.write():
            found = int(conn.execute("PRAGMA user_version").fetchone()[0])
            if found == SCHEMA_VERSION:
                return
            if found == 8:  # every article indexed as it was stored: indexed up to the last
                for statement in ADD_INDEXED:
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                return
            # Another version's layout (older or newer): a cache is rebuilt, not migrated.
            for virtual_first in (True, False):  # an FTS table drops its own shadow tables
                tables = conn.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table' "
                    "AND name NOT LIKE 'sqlite_%' AND (sql LIKE 'CREATE VIRTUAL%') = ?",
                    (virtual_first,),
                ).fetchall()
                for (name,) in tables:
                    conn.execute(f'DROP TABLE IF EXISTS "{name}"')
            for statement in _SCHEMA:
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        if found and found < 7 and self.path is not None:
            _sweep_saved_index(self.path)

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, taken at once (BEGIN IMMEDIATE) so that it never deadlocks."""
        with self.lock:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.conn
            except BaseException:
                self.conn.execute("ROLLBACK")
                self._search.forget()
                raise
            try:
                self._search.finish(self.conn)  # the search counts, once per transaction
            except BaseException:
                self.conn.execute("ROLLBACK")
                self._search.forget()
                raise
            self.conn.execute("COMMIT")

    def compact(self, share: float = 0.25) -> bool:
        """Give the file's free pages back (VACUUM) once they are more than `share` of it:
        after many files changed or went. False when busy or in memory."""
        if self.path is None:
            return False
        with self.lock:
            try:
                pages = int(self.conn.execute("PRAGMA page_count").fetchone()[0])
                free = int(self.conn.execute("PRAGMA freelist_count").fetchone()[0])
                if not pages or free / pages <= share:
                    return False
                self.conn.execute("VACUUM")
                self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            except sqlite3.Error:  # another instance is reading: next time
                return False
        return True

    # -- sources ----------------------------------------------------------------------------

    def sources(self) -> dict[str, SourceRow]:
        with self.lock:
            rows = self.conn.execute(
                "SELECT id, path, display, ord, size, mtime_ns, hash, analyser FROM sources"
            ).fetchall()
        return {row[1]: SourceRow(*row) for row in rows}

    def source_displays(self) -> list[str]:
        """Every file as shown, in the order opened."""
        with self.lock:
            return [d for (d,) in self.conn.execute("SELECT display FROM sources ORDER BY ord")]

    def source_hashes(self) -> list[str]:
        """The content hash of every file, in the order opened."""
        with self.lock:
            return [h for (h,) in self.conn.execute("SELECT hash FROM sources ORDER BY ord")]

    def place_sources(self, placed: Sequence[tuple[int, str, int]]) -> None:
        """Set (ord, display) of kept sources, given as (ord, display, id), where changed."""
        with self.write() as conn:
            conn.executemany(
                "UPDATE sources SET ord = ?1, display = ?2 "
                "WHERE id = ?3 AND (ord != ?1 OR display != ?2)",
                placed,
            )

    def touch(self, source_id: int, size: int, mtime_ns: int) -> None:
        """The same bytes under a new mtime (a copy, a touch): no need to read them again."""
        with self.write() as conn:
            conn.execute(
                "UPDATE sources SET size = ?, mtime_ns = ? WHERE id = ?",
                (size, mtime_ns, source_id),
            )

    def drop_sources(self, paths: Sequence[str]) -> None:
        """Forget files gone from the opened folders, with all their rows."""
        with self.write() as conn:
            for path in paths:
                row = conn.execute("SELECT id FROM sources WHERE path = ?", (path,)).fetchone()
                if row is not None:
                    self._delete_articles(conn, row[0])
                    conn.execute("DELETE FROM sources WHERE id = ?", (row[0],))

    def replace_source(
        self,
        source: SourceRow,
        articles: Sequence[Article],
        search_rows: Sequence[ArticleRows] | None = None,
    ) -> list[Article]:
        """Store one file's analysed articles in place of what it held, with their search
        rows (made here unless given); one transaction.

        Returns the articles with their source and ids (unique in the archive) filled in.
        """
        if search_rows is None:
            from ..search.build import file_rows

            search_rows = file_rows(articles)
        [stored] = self.replace_sources([(source, prepare(articles), search_rows)])
        return [
            replace(article, id=article_id, source=source.display)
            for article, (_rowid, article_id) in zip(articles, stored, strict=True)
        ]

    def replace_sources(
        self,
        files: Sequence[tuple[SourceRow, Sequence[Prepared], Sequence[ArticleRows] | None]],
    ) -> list[list[tuple[int, str]]]:
        """Store files' articles (as `prepare` gives them, made where they were analysed) and
        their search rows in place of what each file held, in one transaction (a first open
        commits files in batches: each commit writes the search index's pending terms out as
        a segment of their own, to be merged again and again).

        A file's search rows are written with it when given and every article before it is
        indexed; otherwise its articles wait for `index_pending`.

        Returns each file's articles as (rowid, id), the ids unique in the archive.
        """
        with self.write() as conn:
            return [self._replace(conn, *file) for file in files]

    def _replace(
        self,
        conn: sqlite3.Connection,
        source: SourceRow,
        articles: Sequence[Prepared],
        search_rows: Sequence[ArticleRows] | None,
    ) -> list[tuple[int, str]]:
        old = conn.execute("SELECT id FROM sources WHERE path = ?", (source.path,)).fetchone()
        if old is not None:
            self._delete_articles(conn, old[0])
            conn.execute("DELETE FROM sources WHERE id = ?", (old[0],))
        cursor = conn.execute(
            "INSERT INTO sources (path, display, ord, size, mtime_ns, hash, analyser) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (source.path, source.display, source.ord, source.size, source.mtime_ns,
             source.hash, source.analyser),
        )  # fmt: skip
        source_id = cursor.lastrowid
        taken: set[str] = set()
        stored: list[tuple[int, str]] = []
        candidates = [article[0] for article in articles]
        held = {
            found
            for start in range(0, len(candidates), 500)
            for (found,) in conn.execute(
                "SELECT id FROM articles WHERE id IN "
                f"({', '.join('?' * len(candidates[start : start + 500]))})",
                candidates[start : start + 500],
            )
        }  # ids already taken by other files' articles (rare: the same article twice)
        (largest,) = conn.execute("SELECT max(rowid) FROM articles").fetchone()
        # past the largest indexed too: a rowid at or below it counts as indexed
        indexed = self._search.indexed(conn)
        next_rowid = max(largest or 0, indexed) + 1
        if indexed < next_rowid - 1:
            search_rows = None  # articles before these wait to be indexed: these wait too
        article_rows: list[tuple[Any, ...]] = []
        blocks: list[tuple[Any, ...]] = []
        figures: list[tuple[Any, ...]] = []
        entities: list[tuple[Any, ...]] = []
        mentions: list[tuple[Any, ...]] = []
        for position, (
            candidate,
            row,
            block_list,
            figure_list,
            entity_list,
            mention_list,
        ) in enumerate(articles):
            if candidate in held or candidate in taken:
                candidate = _unique_id(conn, candidate, row, block_list, source.path, taken)
            taken.add(candidate)
            # the rowid SQLite would give (one past the largest), given here: one statement
            # for the file's articles, not one each
            rowid = next_rowid
            next_rowid += 1
            article_rows.append((rowid, candidate, source_id, position, *row))
            stored.append((rowid, candidate))
            blocks.extend((rowid, *r) for r in block_list)
            figures.extend((rowid, *r) for r in figure_list)
            entities.extend((rowid, *r) for r in entity_list)
            mentions.extend((rowid, *r) for r in mention_list)
        conn.executemany(_INSERT_ARTICLE, article_rows)
        for table, columns, rows in (
            ("blocks", BLOCK_COLUMNS, blocks),
            ("figures", FIGURE_COLUMNS, figures),
            ("entities", ENTITY_COLUMNS, entities),
        ):
            _insert(conn, table, columns, rows)
        if mentions:
            conn.executemany(
                f"INSERT INTO mentions (article, entity, n, {quoted(MENTION_COLUMNS)}) "
                f"VALUES (?{', ?' * (len(MENTION_COLUMNS) + 2)})",
                mentions,
            )
        if search_rows is not None:
            self._search.add(conn, [rowid for rowid, _id in stored], search_rows)
        return stored

    def pending(self) -> int:
        """How many articles wait for their search rows."""
        with self.lock:
            return int(
                self.conn.execute(
                    "SELECT count(*) FROM articles "
                    "WHERE rowid > (SELECT indexed FROM search_counts)"
                ).fetchone()[0]
            )

    def waiting(self, after: int | None, limit: int) -> list[Material]:
        """The next `limit` articles that wait for their search rows, after rowid `after`
        (None: after the last indexed), as their rows are made (store.search_pending)."""
        with self.lock:
            self.conn.execute("BEGIN")  # one snapshot for the batch's statements
            try:
                if after is None:
                    (after,) = self.conn.execute("SELECT indexed FROM search_counts").fetchone()
                return read_material(self.conn, int(after or 0), limit)
            finally:
                self.conn.execute("COMMIT")

    def index_material(self, material: list[Material], rows: list[ArticleRows]) -> None:
        """Write the search rows made from a batch `waiting` gave, in one transaction."""
        with self.write() as conn:
            write_rows(conn, self._search, material, rows)

    def index_pending(self, limit: int = 2_000) -> int:
        """Give up to `limit` articles that wait for them their search rows, here; how many
        there were (0: none waits)."""
        from ..search.build import source_rows

        material = self.waiting(None, limit)
        if material:
            self.index_material(material, source_rows(sources(material)))
        return len(material)

    def _delete_articles(self, conn: sqlite3.Connection, source_id: int) -> None:
        rowids = [
            r
            for (r,) in conn.execute("SELECT rowid FROM articles WHERE source_id = ?", (source_id,))
        ]
        self._search.remove(conn, rowids)
        for table in _DETAIL_TABLES:
            conn.execute(
                f"DELETE FROM {table} WHERE article IN "
                "(SELECT rowid FROM articles WHERE source_id = ?)",
                (source_id,),
            )
        conn.execute("DELETE FROM articles WHERE source_id = ?", (source_id,))

    # -- articles ---------------------------------------------------------------------------

    def count(self) -> int:
        with self.lock:
            return int(self.conn.execute("SELECT count(*) FROM articles").fetchone()[0])

    def count_kept(self, changed: set[str]) -> int:
        """How many articles come from files other than these (shown names)."""
        with self.lock:
            row = self.conn.execute(
                "SELECT count(*) FROM articles a JOIN sources s ON s.id = a.source_id "
                "WHERE s.display NOT IN (SELECT value FROM json_each(?))",
                (json.dumps(sorted(changed)),),
            ).fetchone()
        return int(row[0])

    def article(self, article_id: str) -> Article | None:
        """One article with its blocks, figures and names, or None."""
        with self.lock:
            row = self.conn.execute(f"{_ARTICLE_SELECT} WHERE a.id = ?", (article_id,)).fetchone()
            if row is None:
                return None
            details = self._details("WHERE article = ?", (row[0],))
        return _article(row, details)

    def entity_counts(self) -> list[tuple[tuple[str, str], int]]:
        """((name, type), articles naming it), most named first."""
        with self.lock:
            rows = self.conn.execute(
                "SELECT text, type, count(*) AS n FROM entities "
                "GROUP BY text, type ORDER BY n DESC, text"
            ).fetchall()
        return [((text, etype), n) for text, etype, n in rows]

    def iter_articles(self, sources_at_once: int = 64) -> Iterator[Article]:
        """Every article in reading order, read a few files at a time (flat memory)."""
        with self.lock:
            ids = [i for (i,) in self.conn.execute("SELECT id FROM sources ORDER BY ord")]
        for start in range(0, len(ids), sources_at_once):
            chunk = ids[start : start + sources_at_once]
            marks = ", ".join("?" * len(chunk))
            with self.lock:
                rows = self.conn.execute(
                    f"{_ARTICLE_SELECT} WHERE a.source_id IN ({marks}) ORDER BY s.ord, a.position",
                    chunk,
                ).fetchall()
                where = (
                    f"WHERE article IN (SELECT rowid FROM articles WHERE source_id IN ({marks}))"
                )
                details = self._details(where, tuple(chunk))
            yield from (_article(row, details) for row in rows)

    def articles_by_rowid(self, rowids: Sequence[int]) -> dict[int, Article]:
        """Several articles by rowid at once (a page of search hits)."""
        if not rowids:
            return {}
        marks = ", ".join("?" * len(rowids))
        with self.lock:
            rows = self.conn.execute(
                f"{_ARTICLE_SELECT} WHERE a.rowid IN ({marks})", tuple(rowids)
            ).fetchall()
            details = self._details(f"WHERE article IN ({marks})", tuple(rowids))
        return {row[0]: _article(row, details) for row in rows}

    def summaries_by_rowid(self, rowids: Sequence[int]) -> dict[int, ArticleSummary]:
        """The list rows of several articles by rowid (a page of search hits)."""
        if not rowids:
            return {}
        with self.lock:
            rows = self.conn.execute(
                f"SELECT a.rowid, {_SUMMARY_COLUMNS} FROM json_each(?) j "
                "JOIN articles a ON a.rowid = j.value JOIN sources s ON s.id = a.source_id",
                (json.dumps(list(rowids)),),
            ).fetchall()
        return {row[0]: _summary(row[1:]) for row in rows}

    def heads_by_rowid(self, rowids: Sequence[int]) -> dict[int, dict[str, str | None]]:
        """The deck and subtitle of several articles by rowid."""
        if not rowids:
            return {}
        with self.lock:
            rows = self.conn.execute(
                "SELECT a.rowid, a.deck, a.subtitle FROM json_each(?) j "
                "JOIN articles a ON a.rowid = j.value",
                (json.dumps(list(rowids)),),
            ).fetchall()
        return {r: {"deck": deck, "subtitle": subtitle} for r, deck, subtitle in rows}

    def blocks_at(self, places: Sequence[tuple[int, int]]) -> dict[tuple[int, int], Block]:
        """Blocks by (article rowid, block number), those there are."""
        if not places:
            return {}
        with self.lock:
            rows = self.conn.execute(
                f"SELECT b.article, b.n, {_of('b', BLOCK_COLUMNS)} "
                "FROM json_each(?) j JOIN blocks b ON b.article = json_extract(j.value, '$[0]') "
                "AND b.n = json_extract(j.value, '$[1]')",
                (json.dumps(list(places)),),
            ).fetchall()
        return {(a, n): Block(kind, _unpack(text)) for a, n, kind, text in rows}

    def entities_at(self, places: Sequence[tuple[int, int]]) -> dict[tuple[int, int], Entity]:
        """Names with their mentions by (article rowid, name number), those there are."""
        if not places:
            return {}
        wanted = json.dumps(list(places))
        with self.lock:
            names = self.conn.execute(
                "SELECT e.article, e.n, e.text, e.type FROM json_each(?) j "
                "JOIN entities e ON e.article = json_extract(j.value, '$[0]') "
                "AND e.n = json_extract(j.value, '$[1]')",
                (wanted,),
            ).fetchall()
            mentions: dict[tuple[int, int], list[Location]] = defaultdict(list)
            for article, entity, *rest in self.conn.execute(
                f"SELECT m.article, m.entity, {_of('m', MENTION_COLUMNS)} "
                "FROM json_each(?) j JOIN mentions m ON m.article = json_extract(j.value, '$[0]') "
                "AND m.entity = json_extract(j.value, '$[1]') ORDER BY m.article, m.entity, m.n",
                (wanted,),
            ):
                mentions[(article, entity)].append(Location(*rest))
        return {
            (a, n): Entity(text, etype, tuple(mentions.get((a, n), ())))
            for a, n, text, etype in names
        }

    def articles(self, source_id: int | None = None) -> list[Article]:
        """Every article in reading order (files in the order opened), or one source's."""
        where, params = "", ()  # type: tuple[str, tuple[Any, ...]]
        if source_id is not None:
            where = "WHERE article IN (SELECT rowid FROM articles WHERE source_id = ?)"
            params = (source_id,)
        with self.lock:
            sql = _ARTICLE_SELECT
            if source_id is not None:
                sql += " WHERE a.source_id = ?"
            rows = self.conn.execute(sql + " ORDER BY s.ord, a.position", params).fetchall()
            details = self._details(where, params)
        return [_article(row, details) for row in rows]

    # -- the list ---------------------------------------------------------------------------

    def list_count(self, query: ListQuery) -> int:
        where, params = _list_where(query)
        sql = f"SELECT count(*) FROM articles a JOIN sources s ON s.id = a.source_id {where}"
        with self.lock:
            return int(self.conn.execute(sql, params).fetchone()[0])

    def list_window(
        self, query: ListQuery, offset: int, limit: int, after: tuple[Any, ...] | None = None
    ) -> tuple[list[ArticleSummary], tuple[Any, ...] | None]:
        """Rows offset..offset+limit-1 of the list, sorted and filtered in SQL, and the order's
        key of the last (for `after`). Given the key of the row before offset, the window is
        found by it (an index seek) rather than by skipping offset rows: a list read through
        window by window costs its rows, not their square."""
        terms = _ORDER_TERMS[query.order]
        where, params = _list_where(query)
        if after is not None:
            condition, values = _after(terms, after)
            where = f"{where} {'AND' if where else 'WHERE'} {condition}"
            params = (*params, *values)
            offset = 0
        order = ", ".join(f"{expr} {'DESC' if desc else 'ASC'}" for expr, desc in terms)
        keys = ", ".join(expr for expr, _ in terms)
        sql = (
            f"SELECT {_SUMMARY_COLUMNS}, {keys} "
            f"FROM articles a JOIN sources s ON s.id = a.source_id {where} "
            f"ORDER BY {order} LIMIT ? OFFSET ?"
        )
        with self.lock:
            rows = self.conn.execute(sql, (*params, limit, offset)).fetchall()
        width = len(terms)
        last = tuple(rows[-1][-width:]) if rows else None
        return [_summary(row[:-width]) for row in rows], last

    def list_position(self, query: ListQuery, article_id: str) -> int | None:
        """How many rows of the list come before the article (None: not in the list)."""
        terms = _ORDER_TERMS[query.order]
        where, params = _list_where(query)
        keys = ", ".join(expr for expr, _ in terms)
        with self.lock:
            found = self.conn.execute(
                f"SELECT {keys} FROM articles a JOIN sources s ON s.id = a.source_id "
                f"{where} {'AND' if where else 'WHERE'} a.id = ?",
                (*params, article_id),
            ).fetchone()
            if found is None:
                return None
            # lexicographic "comes before" over the order's terms
            before, values = [], []
            for k, (expr, desc) in enumerate(terms):
                equal = " AND ".join(f"{e} IS ?" for e, _ in terms[:k])
                cmp = f"{expr} {'>' if desc else '<'} ?"
                null_first = f"({expr} IS NOT NULL AND ? IS NULL)" if desc else ""
                part = f"({cmp} OR {null_first})" if desc else cmp
                before.append(f"({equal + ' AND ' if equal else ''}{part})")
                values.extend(found[:k])
                values.append(found[k])
                if desc:
                    values.append(found[k])
            condition = " OR ".join(before)
            sql = (
                f"SELECT count(*) FROM articles a JOIN sources s ON s.id = a.source_id "
                f"{where} {'AND' if where else 'WHERE'} ({condition})"
            )
            return int(self.conn.execute(sql, (*params, *values)).fetchone()[0])

    def _details(self, where: str, params: tuple[Any, ...]) -> dict[str, dict[int, list[Any]]]:
        conn = self.conn
        found: dict[str, dict[int, list[Any]]] = {}
        blocks: dict[int, list[Any]] = defaultdict(list)
        for article, kind, text in conn.execute(
            f"SELECT article, {quoted(BLOCK_COLUMNS)} FROM blocks {where} ORDER BY article, n",
            params,
        ):
            blocks[article].append((kind, _unpack(text)))
        figures: dict[int, list[Any]] = defaultdict(list)
        for article, *rest in conn.execute(
            f"SELECT article, {quoted(FIGURE_COLUMNS)} FROM figures {where} ORDER BY article, n",
            params,
        ):
            figures[article].append(rest)
        mentions: dict[tuple[int, int], list[Any]] = defaultdict(list)
        for article, entity, *rest in conn.execute(
            f"SELECT article, entity, {quoted(MENTION_COLUMNS)} FROM mentions {where} "
            "ORDER BY article, entity, n",
            params,
        ):
            mentions[(article, entity)].append(rest)
        entities: dict[int, list[Any]] = defaultdict(list)
        for article, n, text, etype in conn.execute(
            f"SELECT article, n, text, type FROM entities {where} ORDER BY article, n", params
        ):
            entities[article].append((text, etype, mentions.get((article, n), ())))
        found["blocks"], found["figures"], found["entities"] = blocks, figures, entities
        return found


# Each order as (expression, descending) terms; every order ends in reading order, so the
# rows of one query always come in the same sequence.
_READING = (("s.ord", False), ("a.position", False))
_ORDER_TERMS: dict[str, tuple[tuple[str, bool], ...]] = {
    "reading": _READING,
    "date": (("a.date", True), *_READING),  # newest first, undated last
    "source": (("s.display", False), *_READING),
    "title": (("a.title", False), *_READING),
}
_ONLY_COLUMNS = {"source": "s.display", "section": "a.section", "kind": "a.kind"}


def _after(terms: Sequence[tuple[str, bool]], key: Sequence[Any]) -> tuple[str, list[Any]]:
    """The rows an order puts after the row of this key (its terms' values): NULL sorts
    first ascending and last descending, as SQLite sorts it. The first term is bounded on
    its own too (ascending), so that an index on it is used."""
    parts: list[str] = []
    values: list[Any] = []
    for k, (expr, desc) in enumerate(terms):
        value = key[k]
        if value is None:
            if desc:
                continue  # nothing is after NULL, descending
            strict = f"{expr} IS NOT NULL"
            after: list[Any] = []
        elif desc:
            strict, after = f"({expr} < ? OR {expr} IS NULL)", [value]
        else:
            strict, after = f"{expr} > ?", [value]
        equal = " AND ".join(f"{e} IS ?" for e, _ in terms[:k])
        parts.append(f"({equal} AND {strict})" if equal else f"({strict})")
        values.extend(key[:k])
        values.extend(after)
    condition = "(" + (" OR ".join(parts) or "0") + ")"
    expr, desc = terms[0]
    if not desc and key[0] is not None:
        condition = f"{expr} >= ? AND {condition}"
        values.insert(0, key[0])
    return condition, values


def _list_where(query: ListQuery) -> tuple[str, tuple[Any, ...]]:
    clauses: list[str] = []
    params: list[Any] = []
    if query.only is not None:
        field, value = query.only
        clauses.append(f"{_ONLY_COLUMNS[field]} = ?")
        params.append(value)
    if query.ids is not None:
        clauses.append("a.id IN (SELECT value FROM json_each(?))")
        params.append(json.dumps(sorted(query.ids)))
    return ("WHERE " + " AND ".join(clauses) if clauses else ""), tuple(params)


_pack, _unpack = pack, unpack


def _names(value: str | None) -> tuple[str, ...]:
    return tuple(value.split(NAME_SEP)) if value else ()


def _of(table: str, columns: Sequence[str]) -> str:
    """Columns of a table named in a join, quoted."""
    return ", ".join(f'{table}."{c}"' for c in columns)


_SUMMARY_COLUMNS = (
    "a.id, s.display, a.title, a.kind, a.section, a.reporters, a.correspondents, "
    "a.photographers, a.figure_count, a.date"
)


def _summary(row: Sequence[Any]) -> ArticleSummary:
    """A list row from the columns of _SUMMARY_COLUMNS."""
    id_, source, title, kind, section, rep, cor, pho, figs, date = row
    return ArticleSummary(
        id_, source, title, kind, section, _names(rep), _names(cor), _names(pho), figs, date
    )


def _article(row: Sequence[Any], details: dict[str, dict[int, list[Any]]]) -> Article:
    rowid, article_id, source, *columns = row
    return article_from_rows(
        article_id,
        source,
        columns,
        details["blocks"].get(rowid, ()),
        details["figures"].get(rowid, ()),
        details["entities"].get(rowid, ()),
    )


def _insert(conn: sqlite3.Connection, table: str, columns: Sequence[str], rows: list[Any]) -> None:
    """Rows of (article rowid, n, *columns)."""
    if rows:
        conn.executemany(
            f"INSERT INTO {table} (article, n, {quoted(columns)}) "
            f"VALUES (?, ?{', ?' * len(columns)})",
            rows,
        )


# An analysed article as the archive stores it, made where it was analysed (a worker) so that
# the parent only inserts: (its id unless taken, its articles row from figure_count on, its
# blocks (n, type, packed text), figures, entities and mentions rows without the rowid)
Prepared = tuple[
    str,
    tuple[Any, ...],
    list[tuple[Any, ...]],
    list[tuple[Any, ...]],
    list[tuple[Any, ...]],
    list[tuple[Any, ...]],
]
_INSERT_ARTICLE = (
    "INSERT INTO articles (rowid, id, source_id, position, figure_count, date, "
    f"{quoted(ARTICLE_COLUMNS)}) "
    f"VALUES (?, ?, ?, ?, ?, ?{', ?' * len(ARTICLE_COLUMNS)})"
)
_TITLE = 2 + ARTICLE_COLUMNS.index("title")  # in a Prepared articles row


def prepare(articles: Sequence[Article]) -> list[Prepared]:
    """The rows of analysed articles, as `replace_sources` stores them."""
    return [
        (
            _digest(_content(article.title, (b.text for b in article.blocks))),
            (len(article.figures), article_date(article), *article_row(article)),
            [(n, kind, _pack(text)) for n, kind, text in block_rows(article)],
            figure_rows(article),
            entity_rows(article),
            mention_rows(article),
        )
        for article in articles
    ]


def _content(title: str, texts: Iterable[str]) -> str:
    return "\x1f".join([title, *texts])


def _unique_id(
    conn: sqlite3.Connection,
    candidate: str,
    row: Sequence[Any],
    blocks: Sequence[Sequence[Any]],
    path: str,
    taken: set[str],
) -> str:
    """A short id from the article's text (the candidate); the same article twice gets a
    derived one."""
    salt = 0
    name = os.path.basename(path)
    content: str | None = None
    while (
        candidate in taken
        or conn.execute("SELECT 1 FROM articles WHERE id = ?", (candidate,)).fetchone()
    ):
        if content is None:  # rare: the text is read back from the packed blocks
            content = _content(row[_TITLE], (_unpack(packed) for _n, _t, packed in blocks))
        salt += 1
        candidate = _digest(f"{content}\x1e{name}\x1e{salt}")
    return candidate


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=4).hexdigest()


def _sweep_saved_index(path: Path) -> None:
    """Before schema 7 the search index's head side was saved beside the archives, whole: it
    goes with the old database."""
    import shutil

    shutil.rmtree(path.parent.parent / "analysis-v1", ignore_errors=True)


def _connect(path: Path, notices: list[Problem]) -> sqlite3.Connection | None:
    """A writable connection to the file, or None when the cache folder cannot be used."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    for _attempt in range(2):
        try:
            # no whole-file check at every open: it reads every page (0.7 s at 10^5 articles);
            # a damaged file fails its first statements, and is set aside then
            conn = connect_writable(path, check=False)
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return conn
        except (sqlite3.Error, DamagedFile) as exc:
            if not is_damage(exc):
                return None
        except OSError:
            return None
        try:  # damaged: set it aside (never deleted) and start a new one
            aside = set_aside(path)
        except OSError:
            return None
        notices.append(Problem("cache-damaged", str(aside)))
    return None
