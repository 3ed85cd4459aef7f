"""The store's SQLite file: connecting, checking for damage, read-only access, setting aside."""

from __future__ import annotations

import os
import sqlite3
import time
from datetime import datetime, timezone
from pathlib import Path

BUSY_TIMEOUT_MS = 5000
SIDE_FILES = ("-wal", "-shm")  # SQLite's companions of a WAL-mode database, moved with it

# SQLite's primary result codes (the low byte of an extended code), named as in sqlite3.h.
_SQLITE_BUSY = 5
_SQLITE_LOCKED = 6
_SQLITE_READONLY = 8
_SQLITE_CORRUPT = 11
_SQLITE_NOTADB = 26
_PRIMARY = 0xFF  # mask from an extended result code to its primary code


class DamagedFile(Exception):
    """The file is not a readable SQLite database, or its integrity check fails."""


def is_damage(exc: BaseException) -> bool:
    """Whether an error from SQLite means the file itself is damaged (not busy or locked)."""
    if isinstance(exc, DamagedFile):
        return True
    if not isinstance(exc, sqlite3.DatabaseError):
        return False
    code = getattr(exc, "sqlite_errorcode", None)  # Python 3.11+
    if code is not None:
        return code & _PRIMARY in (_SQLITE_CORRUPT, _SQLITE_NOTADB)
    # Older Pythons: SQLite's CORRUPT and NOTADB are the codes raised as the plain base class.
    return type(exc) is sqlite3.DatabaseError


def is_read_only_error(exc: BaseException) -> bool:
    """SQLITE_READONLY and its extended codes, or SQLite's wording of them."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return code & _PRIMARY == _SQLITE_READONLY
    return "readonly" in str(exc) or "read-only" in str(exc)


def is_busy_error(exc: BaseException) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return code & _PRIMARY in (_SQLITE_BUSY, _SQLITE_LOCKED)
    return "locked" in str(exc) or "busy" in str(exc)


def file_identity(path: Path) -> tuple[int, int] | None:
    """Device and inode, to tell whether another process replaced the file meanwhile."""
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


def writable(path: Path) -> bool:
    """Whether this process may write the store: its folder (WAL needs side files) and files."""
    if not os.access(path.parent, os.W_OK | os.X_OK):
        return False
    for candidate in (path, *(Path(f"{path}{s}") for s in SIDE_FILES)):
        if candidate.exists() and not os.access(candidate, os.W_OK):
            return False
    return True


def check_integrity(conn: sqlite3.Connection) -> None:
    rows = conn.execute("PRAGMA quick_check").fetchall()
    if rows != [("ok",)]:
        # SQLite's report spans lines; the user is told in one.
        raise DamagedFile(" ".join("; ".join(str(row[0]) for row in rows[:3]).split()))


def _connect(target: str, *, uri: bool = False) -> sqlite3.Connection:
    # isolation_level=None: no implicit transactions; every write says BEGIN IMMEDIATE itself.
    conn = sqlite3.connect(
        target,
        uri=uri,
        timeout=BUSY_TIMEOUT_MS / 1000,
        isolation_level=None,
        check_same_thread=False,
    )
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return conn


def check_before_writing(path: Path) -> None:
    """Quick-check an existing file through a read-only connection; raises DamagedFile.

    A read/write connection to a damaged file would, on close, checkpoint and delete its -wal,
    which may hold the last good transactions; a read-only one leaves every byte where it was.
    """
    if not path.exists():
        return
    conn = _connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        check_integrity(conn)
    finally:
        conn.close()


def connect_writable(path: Path, *, check: bool = True) -> sqlite3.Connection:
    """Open (creating if needed) for reading and writing; raises DamagedFile or sqlite3 errors.

    `check` quick-checks the whole file first: right for a small store whose every byte is the
    user's, too slow for a large cache (it reads every page), which finds damage as it reads.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            return _connect_writable_once(path, check)
        except sqlite3.OperationalError as exc:
            # Switching a new file to WAL while another process does the same can report
            # "locked" at once, without waiting for the busy timeout: wait here instead.
            if not is_busy_error(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def _connect_writable_once(path: Path, check: bool = True) -> sqlite3.Connection:
    if check:
        check_before_writing(path)
    conn = _connect(str(path))
    try:
        conn.execute("PRAGMA journal_mode = WAL").fetchone()
        # FULL: a commit is on disk before it returns; Store relaxes it for reading state only.
        conn.execute("PRAGMA synchronous = FULL")
    except BaseException:
        conn.close()
        raise
    return conn


def connect_read_only(path: Path) -> sqlite3.Connection:
    """Open without writing anything, not even SQLite's side files."""
    uri = path.resolve().as_uri()
    try:
        conn = _connect(f"{uri}?mode=ro", uri=True)
        try:
            check_integrity(conn)
        except BaseException:
            conn.close()
            raise
        return conn
    except sqlite3.OperationalError:
        # In a folder it cannot write, SQLite cannot make the WAL index a reader needs;
        # immutable reads the file as it stands, which is all a read-only session wants.
        conn = _connect(f"{uri}?mode=ro&immutable=1", uri=True)
        try:
            check_integrity(conn)
        except BaseException:
            conn.close()
            raise
        return conn


def memory_copy(source: sqlite3.Connection | None) -> sqlite3.Connection:
    """An in-memory store holding a snapshot of source (or nothing)."""
    conn = _connect(":memory:")
    if source is not None:
        source.backup(conn)
    return conn


def set_aside(path: Path, when: datetime | None = None) -> Path:
    """Rename a damaged store (and its side files) to NAME.corrupt-YYYYmmddTHHMMSS beside it."""
    stamp = (when or datetime.now(timezone.utc)).strftime("%Y%m%dT%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while any(Path(f"{target}{s}").exists() for s in ("", *SIDE_FILES)):
        n += 1
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
    os.replace(path, target)
    for suffix in SIDE_FILES:
        side = Path(f"{path}{suffix}")
        if side.exists():
            # Same stem as the main file, so SQLite opens the pair together if anyone inspects it.
            os.replace(side, Path(f"{target}{suffix}"))
    return target
