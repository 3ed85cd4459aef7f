"""The store's schema: one migration per version, applied in order inside one transaction."""

from __future__ import annotations

import sqlite3

# MIGRATIONS[n] takes a store at schema version n to version n + 1; a new store runs them all,
# so every step is exercised on every fresh start, not only on old files.
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    # 0 -> 1: the first layout: bookmarks with a title only, the last article, scroll positions.
    (
        """CREATE TABLE IF NOT EXISTS bookmarks (
            article_id TEXT PRIMARY KEY,
            title TEXT NOT NULL,
            created TEXT NOT NULL
        )""",
        "CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        """CREATE TABLE IF NOT EXISTS positions (
            article_id TEXT PRIMARY KEY,
            scroll INTEGER NOT NULL
        )""",
    ),
    # 1 -> 2: a bookmark keeps its source file (to list it when the file is gone) and a note;
    # read marks join the reading state.
    (
        "ALTER TABLE bookmarks ADD COLUMN source TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE bookmarks ADD COLUMN note TEXT",
        """CREATE TABLE IF NOT EXISTS read_marks (
            article_id TEXT PRIMARY KEY,
            read_at TEXT NOT NULL
        )""",
        "CREATE INDEX IF NOT EXISTS bookmarks_by_created ON bookmarks (created)",
    ),
)

CURRENT_VERSION = len(MIGRATIONS)


def schema_version(conn: sqlite3.Connection) -> int:
    """The version recorded in the file (0 for a new, empty one)."""
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def upgrade(conn: sqlite3.Connection) -> int:
    """Bring the store to CURRENT_VERSION; returns the version it had before.

    The version is read again under the write lock, so two processes opening an old store at once
    migrate it once. Stores from a newer version are left untouched.
    """
    conn.execute("BEGIN IMMEDIATE")
    try:
        found = schema_version(conn)
        if found < CURRENT_VERSION:
            for step in MIGRATIONS[found:]:
                for statement in step:
                    conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {CURRENT_VERSION}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return found
