"""Articles that wait for their search rows: what the rows are made of, and the rows written.

A first open on every core stores articles only; their search rows follow in rowid order, a
batch to a transaction, so that everything up to `search_counts.indexed` is indexed and nothing
after it. A batch is read here (its blocks still packed: they are unpacked where the rows are
made, in a worker when there are many) and written back once made, unless its articles have
gone or been indexed meanwhile by another process.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from typing import TYPE_CHECKING, Any

from .codec import NAME_SEP
from .search_tables import SearchWriter, unpack

if TYPE_CHECKING:
    from ..search.build import ArticleRows, SearchSource

# One article's material: rowid, id, title, deck, subtitle, its name lists (joined), its names
# as (text, type, mentions), and its blocks' packed text
Material = tuple[int, str, str, str | None, str | None, tuple[str, ...], list[Any], list[bytes]]


def read_material(conn: sqlite3.Connection, after: int, limit: int) -> list[Material]:
    """The next `limit` articles after rowid `after`, in rowid order, as their rows are made."""
    rowids = [
        r
        for (r,) in conn.execute(
            "SELECT rowid FROM articles WHERE rowid > ? ORDER BY rowid LIMIT ?", (after, limit)
        )
    ]
    if not rowids:
        return []
    span = (rowids[0], rowids[-1])  # every article between is one of them
    blocks: dict[int, list[bytes]] = defaultdict(list)
    for article, text in conn.execute(
        "SELECT article, text FROM blocks WHERE article BETWEEN ? AND ? ORDER BY article, n", span
    ):
        blocks[article].append(text)
    counts = {
        (article, n): count
        for article, n, count in conn.execute(
            "SELECT article, entity, count(*) FROM mentions WHERE article BETWEEN ? AND ? "
            "GROUP BY article, entity",
            span,
        )
    }
    names: dict[int, list[Any]] = defaultdict(list)
    for article, n, text, etype in conn.execute(
        "SELECT article, n, text, type FROM entities WHERE article BETWEEN ? AND ? "
        "ORDER BY article, n",
        span,
    ):
        names[article].append((text, etype, counts.get((article, n), 0)))
    rows = conn.execute(
        "SELECT rowid, id, title, deck, subtitle, reporters, correspondents, photographers "
        "FROM articles WHERE rowid BETWEEN ? AND ? ORDER BY rowid",
        span,
    )
    return [
        (rowid, id_, title, deck, subtitle, _names(rep, cor, pho), names[rowid], blocks[rowid])
        for rowid, id_, title, deck, subtitle, rep, cor, pho in rows
    ]


def _names(*lists: str | None) -> tuple[str, ...]:
    return tuple(name for joined in lists if joined for name in joined.split(NAME_SEP))


def sources(material: list[Material]) -> list[SearchSource]:
    """What each article's search rows are made of (its blocks unpacked)."""
    from ..search.build import SearchSource

    return [
        SearchSource(title, deck, subtitle, tuple(entities), names, tuple(map(unpack, blocks)))
        for _r, _id, title, deck, subtitle, names, entities, blocks in material
    ]


def write_rows(
    conn: sqlite3.Connection,
    writer: SearchWriter,
    material: list[Material],
    rows: list[ArticleRows],
) -> None:
    """Index a batch read by `read_material`, in a write transaction: the articles still there
    as they were read, and not indexed yet (another process may have done it meanwhile)."""
    if not material:
        return
    indexed = writer.indexed(conn)
    there = set(
        conn.execute(
            "SELECT rowid, id FROM articles WHERE rowid BETWEEN ? AND ?",
            (material[0][0], material[-1][0]),
        )
    )
    kept = [
        (m[0], row)
        for m, row in zip(material, rows, strict=True)
        if m[0] > indexed and (m[0], m[1]) in there
    ]
    writer.add(conn, [rowid for rowid, _ in kept], [row for _, row in kept])
