"""Bookmarks and reading state: one SQLite file in the user data directory that never loses data."""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from types import TracebackType
from typing import Any

from . import schema
from .sqlite_file import (
    BUSY_TIMEOUT_MS,
    DamagedFile,
    connect_read_only,
    connect_writable,
    file_identity,
    is_busy_error,
    is_damage,
    is_read_only_error,
    memory_copy,
    set_aside,
    writable,
)

STORE_FILENAME = "unionreader.sqlite3"
_OPEN_ATTEMPTS = 3


class StoreError(Exception):
    """A change that could not be saved, or a store that could not be read; one line to show."""


@dataclass(frozen=True, slots=True)
class Bookmark:
    """A bookmarked article, with enough of it kept to list it after its file is gone."""

    article_id: str
    title: str
    source: str
    created: str  # ISO-8601, UTC
    note: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.article_id,
            "title": self.title,
            "source": self.source,
            "created": self.created,
            "note": self.note,
        }


def default_path() -> Path:
    """user_data_dir("unionreader")/unionreader.sqlite3 (XDG_DATA_HOME moves it)."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("unionreader")) / STORE_FILENAME


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


class Store:
    """Bookmarks and reading state. Open with Store.open(); every write is one short transaction.

    `notices` holds what the user must be told (a damaged store moved aside, a read-only data
    directory); `read_only` is true when changes cannot be saved, and writes then raise StoreError.
    """

    def __init__(
        self,
        conn: sqlite3.Connection,
        path: Path,
        *,
        notices: list[str] | None = None,
        read_only_reason: str | None = None,
    ) -> None:
        self._conn = conn
        self._lock = threading.RLock()  # one connection, used from the UI and its workers
        self.path = path
        self.notices: list[str] = notices if notices is not None else []
        self._read_only_reason = read_only_reason
        self._durable = True  # connect_writable starts with synchronous = FULL

    @property
    def read_only(self) -> bool:
        return self._read_only_reason is not None

    # -- opening ------------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path | str | None = None) -> Store:
        """Open the store, creating, migrating or recovering it as needed; never deletes a file."""
        path = Path(path) if path is not None else default_path()
        notices: list[str] = []
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            reason = f"数据目录 {path.parent} 无法创建（{exc.strerror}）"
            notices.append(f"{reason}：更改将不会保存")
            return cls(_fresh_memory_store(), path, notices=notices, read_only_reason=reason)
        if not writable(path):
            reason = f"数据目录 {path.parent} 只读"
            notices.append(f"{reason}：更改将不会保存")
            return cls._open_read_only(path, reason, notices)
        for _ in range(_OPEN_ATTEMPTS):
            identity = file_identity(path)
            try:
                conn = connect_writable(path)
            except (sqlite3.Error, DamagedFile) as exc:
                if isinstance(exc, sqlite3.Error) and is_read_only_error(exc):
                    reason = f"书签库 {path} 只读"
                    notices.append(f"{reason}：更改将不会保存")
                    return cls._open_read_only(path, reason, notices)
                if not is_damage(exc):
                    raise StoreError(f"无法打开书签库 {path}：{exc}") from exc
                if file_identity(path) == identity:  # else another process already moved it
                    moved = cls._move_damaged(path)
                    notices.append(f"书签库 {path} 已损坏（{exc}）：已移至 {moved}，并新建了书签库")
                continue
            try:
                version = schema.schema_version(conn)
                if version > schema.CURRENT_VERSION:
                    conn.close()
                    reason = (
                        f"书签库 {path} 由更新版本的 unionreader 写入（schema {version}，"
                        f"本版本只认识 schema {schema.CURRENT_VERSION}）"
                    )
                    notices.append(f"{reason}：以只读方式打开")
                    return cls._open_read_only(path, reason, notices)
                if version < schema.CURRENT_VERSION:
                    schema.upgrade(conn)
            except sqlite3.Error as exc:
                conn.close()
                raise StoreError(f"无法准备书签库 {path}：{exc}") from exc
            return cls(conn, path, notices=notices)
        raise StoreError(f"无法打开书签库 {path}：它一直在被改动")

    @staticmethod
    def _move_damaged(path: Path) -> Path:
        try:
            return set_aside(path)
        except OSError as exc:
            raise StoreError(f"书签库 {path} 已损坏，且无法移开（{exc.strerror}）") from exc

    @classmethod
    def _open_read_only(cls, path: Path, reason: str, notices: list[str]) -> Store:
        """A snapshot in memory: readable, migrated if old, and never written back."""
        if not path.exists():
            return cls(_fresh_memory_store(), path, notices=notices, read_only_reason=reason)
        try:
            source = connect_read_only(path)
        except (sqlite3.Error, DamagedFile) as exc:
            if not is_damage(exc):
                raise StoreError(f"无法读取书签库 {path}：{exc}") from exc
            return cls._damaged_read_only(path, exc, reason, notices)
        try:
            conn = memory_copy(source)
            if schema.schema_version(conn) < schema.CURRENT_VERSION:
                schema.upgrade(conn)  # the copy only: an old file is read, never rewritten
        except sqlite3.Error as exc:
            raise StoreError(f"无法读取书签库 {path}：{exc}") from exc
        finally:
            source.close()
        return cls(conn, path, notices=notices, read_only_reason=reason)

    @classmethod
    def _damaged_read_only(
        cls, path: Path, exc: BaseException, reason: str, notices: list[str]
    ) -> Store:
        notices.append(
            f"书签库 {path} 已损坏（{exc}），而{reason}，无法移开；原文件保持不动，显示一个空书签库"
        )
        return cls(_fresh_memory_store(), path, notices=notices, read_only_reason=reason)

    # -- plumbing -----------------------------------------------------------------------------

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _rows(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        with self._lock:
            try:
                return self._conn.execute(sql, params).fetchall()
            except sqlite3.Error as exc:
                raise StoreError(f"无法读取书签库 {self.path}：{exc}") from exc

    @contextmanager
    def _writing(self, *, durable: bool = False) -> Iterator[sqlite3.Connection]:
        """One short write transaction; the write lock is taken at BEGIN so no upgrade deadlock.

        durable: the commit is on disk before this returns (bookmarks). Reading state commits
        survive a crashed process either way and only skip the wait for the disk; the next
        durable commit flushes them too.
        """
        if self._read_only_reason is not None:
            raise StoreError(f"无法保存：{self._read_only_reason}")
        with self._lock:
            conn = self._conn
            try:
                if durable != self._durable:
                    conn.execute(f"PRAGMA synchronous = {'FULL' if durable else 'NORMAL'}")
                    self._durable = durable
                conn.execute("BEGIN IMMEDIATE")
                yield conn
                conn.execute("COMMIT")
            except BaseException as exc:
                if conn.in_transaction:
                    conn.rollback()
                if isinstance(exc, sqlite3.Error):
                    raise StoreError(self._explain(exc)) from exc
                raise

    def _explain(self, exc: sqlite3.Error) -> str:
        if is_read_only_error(exc):
            self._read_only_reason = f"书签库 {self.path} 只读"
            return f"无法保存：{self._read_only_reason}"
        if is_busy_error(exc):
            return (
                f"无法保存：书签库 {self.path} 被另一个 unionreader 锁定了 "
                f"{BUSY_TIMEOUT_MS // 1000} 秒；请重试"
            )
        return f"无法保存到书签库 {self.path}：{exc}"

    # -- bookmarks ----------------------------------------------------------------------------

    def add_bookmark(
        self, article_id: str, title: str, source: str, note: str | None = None
    ) -> Bookmark:
        """Bookmark an article. Adding again keeps the first created time; a given note replaces
        the old one ("" clears it), None keeps it. The source is kept as an absolute path: the
        bookmark outlives the working directory it was made from."""
        source = os.path.abspath(source) if source else source
        with self._writing(durable=True) as conn:
            row = conn.execute(
                "SELECT created, note FROM bookmarks WHERE article_id = ?", (article_id,)
            ).fetchone()
            if row is None:
                created, kept_note = _now(), (note or None)
                conn.execute(
                    "INSERT INTO bookmarks (article_id, title, source, created, note) "
                    "VALUES (?, ?, ?, ?, ?)",
                    (article_id, title, source, created, kept_note),
                )
            else:
                created = row[0]
                kept_note = row[1] if note is None else (note or None)
                conn.execute(
                    "UPDATE bookmarks SET title = ?, source = ?, note = ? WHERE article_id = ?",
                    (title, source, kept_note, article_id),
                )
        return Bookmark(article_id, title, source, created, kept_note)

    def remove_bookmark(self, article_id: str) -> bool:
        """Remove a bookmark; False when there was none."""
        with self._writing(durable=True) as conn:
            cursor = conn.execute("DELETE FROM bookmarks WHERE article_id = ?", (article_id,))
            return cursor.rowcount > 0

    def bookmarks(self) -> list[Bookmark]:
        """All bookmarks, newest first."""
        rows = self._rows(
            "SELECT article_id, title, source, created, note FROM bookmarks "
            "ORDER BY created DESC, rowid DESC"
        )
        return [Bookmark(*row) for row in rows]

    def bookmark(self, article_id: str) -> Bookmark | None:
        rows = self._rows(
            "SELECT article_id, title, source, created, note FROM bookmarks WHERE article_id = ?",
            (article_id,),
        )
        return Bookmark(*rows[0]) if rows else None

    def is_bookmarked(self, article_id: str) -> bool:
        return bool(self._rows("SELECT 1 FROM bookmarks WHERE article_id = ?", (article_id,)))

    def bookmark_ids(self) -> set[str]:
        return {row[0] for row in self._rows("SELECT article_id FROM bookmarks")}

    # -- reading state ------------------------------------------------------------------------

    def set_last_article(self, article_id: str) -> None:
        with self._writing() as conn:
            conn.execute(
                "INSERT INTO state (key, value) VALUES ('last_article', ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (article_id,),
            )

    def last_article(self) -> str | None:
        rows = self._rows("SELECT value FROM state WHERE key = 'last_article'")
        return rows[0][0] if rows else None

    def set_scroll(self, article_id: str, offset: int) -> None:
        with self._writing() as conn:
            conn.execute(
                "INSERT INTO positions (article_id, scroll) VALUES (?, ?) "
                "ON CONFLICT (article_id) DO UPDATE SET scroll = excluded.scroll",
                (article_id, max(0, int(offset))),
            )

    def scroll(self, article_id: str) -> int:
        rows = self._rows("SELECT scroll FROM positions WHERE article_id = ?", (article_id,))
        return int(rows[0][0]) if rows else 0

    def mark_read(self, article_id: str) -> None:
        with self._writing() as conn:
            conn.execute(
                "INSERT OR IGNORE INTO read_marks (article_id, read_at) VALUES (?, ?)",
                (article_id, _now()),
            )

    def mark_unread(self, article_id: str) -> None:
        with self._writing() as conn:
            conn.execute("DELETE FROM read_marks WHERE article_id = ?", (article_id,))

    def read_ids(self) -> set[str]:
        return {row[0] for row in self._rows("SELECT article_id FROM read_marks")}


def _fresh_memory_store() -> sqlite3.Connection:
    conn = memory_copy(None)
    schema.upgrade(conn)
    return conn
