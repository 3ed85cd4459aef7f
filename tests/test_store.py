"""The bookmarks store on real files: CRUD, migration, concurrency, crashes, damage, read-only."""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from unionreader.store import sqlite_file
from unionreader.store.schema import CURRENT_VERSION
from unionreader.store.state import Bookmark, Store, StoreError

TUI = str(Path(__file__).resolve().parents[1] / "tui")


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "data" / "unionreader.sqlite3"


@pytest.fixture
def no_write_access(monkeypatch: pytest.MonkeyPatch) -> None:
    """What os.access tells a user who may not write (root may write anywhere)."""
    real_access = os.access

    def no_writes(path: Any, mode: int, **kwargs: Any) -> bool:
        return False if mode & os.W_OK else real_access(path, mode, **kwargs)

    monkeypatch.setattr(sqlite_file.os, "access", no_writes)


def _child_env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": TUI + os.pathsep + os.environ.get("PYTHONPATH", "")}


# -- bookmarks and reading state ---------------------------------------------------------------


def test_bookmarks_add_list_remove(db: Path) -> None:
    with Store.open(db) as store:
        assert store.bookmarks() == []
        first = store.add_bookmark("a1", "密云区总工会慰问一线职工", "/papers/p1.txt")
        store.add_bookmark("b2", "第二篇", "/papers/p2.txt", note="读完")
        store.add_bookmark("c3", "第三篇", "/papers/p2.txt")
        assert isinstance(first, Bookmark)
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", first.created)
        assert [b.article_id for b in store.bookmarks()] == ["c3", "b2", "a1"]  # newest first
        assert store.bookmark_ids() == {"a1", "b2", "c3"}
        assert store.is_bookmarked("b2") and not store.is_bookmarked("zz")
        assert store.remove_bookmark("b2") is True
        assert store.remove_bookmark("b2") is False
        assert store.bookmark_ids() == {"a1", "c3"}
        assert store.notices == [] and store.read_only is False


def test_adding_twice_keeps_first_time_and_updates_note(db: Path, monkeypatch) -> None:
    times = iter(["2024-01-01T00:00:00Z", "2025-06-01T00:00:00Z", "2025-07-01T00:00:00Z"])
    monkeypatch.setattr("unionreader.store.state._now", lambda: next(times))
    with Store.open(db) as store:
        store.add_bookmark("a1", "标题", "/p.txt", note="first")
        again = store.add_bookmark("a1", "标题", "/p.txt")
        assert again.created == "2024-01-01T00:00:00Z" and again.note == "first"
        noted = store.add_bookmark("a1", "标题", "/p.txt", note="second")
        assert noted.note == "second"
        cleared = store.add_bookmark("a1", "标题", "/p.txt", note="")
        assert cleared.note is None
        assert store.bookmarks() == [cleared]


def test_everything_survives_reopening(db: Path) -> None:
    with Store.open(db) as store:
        store.add_bookmark("a1", "标题", "/p.txt", note="备注")
        store.set_last_article("a1")
        store.set_scroll("a1", 42)
        store.set_scroll("b2", 7)
        store.set_scroll("b2", 9)
        store.mark_read("a1")
        store.mark_read("b2")
        store.mark_unread("b2")
        saved = store.bookmarks()
    with Store.open(db) as store:
        assert store.bookmarks() == saved
        assert store.last_article() == "a1"
        assert (store.scroll("a1"), store.scroll("b2"), store.scroll("never")) == (42, 9, 0)
        assert store.read_ids() == {"a1"}


def test_file_is_wal_with_schema_version(db: Path) -> None:
    Store.open(db).close()
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA user_version").fetchone()[0] == CURRENT_VERSION == 2
    conn.close()


def test_xdg_data_home_moves_the_store(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "elsewhere"))
    with Store.open() as store:
        store.add_bookmark("a1", "标题", "/p.txt")
        assert store.path == tmp_path / "elsewhere" / "unionreader" / "unionreader.sqlite3"
    assert store.path.is_file()
    with Store.open(store.path) as again:
        assert again.bookmark_ids() == {"a1"}


# -- migrations --------------------------------------------------------------------------------

V1_LAYOUT = """
CREATE TABLE bookmarks (article_id TEXT PRIMARY KEY, title TEXT NOT NULL, created TEXT NOT NULL);
CREATE TABLE state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE positions (article_id TEXT PRIMARY KEY, scroll INTEGER NOT NULL);
INSERT INTO bookmarks VALUES ('old1', '旧书签', '2023-03-01T08:00:00Z');
INSERT INTO bookmarks VALUES ('old2', '更旧的书签', '2023-02-01T08:00:00Z');
INSERT INTO state VALUES ('last_article', 'old1');
INSERT INTO positions VALUES ('old1', 120);
PRAGMA user_version = 1;
"""


def test_migrates_a_version_1_store(db: Path) -> None:
    db.parent.mkdir(parents=True)
    conn = sqlite3.connect(db)
    conn.executescript(V1_LAYOUT)
    conn.close()
    with Store.open(db) as store:
        assert store.notices == []
        assert store.bookmarks() == [
            Bookmark("old1", "旧书签", "", "2023-03-01T08:00:00Z", None),
            Bookmark("old2", "更旧的书签", "", "2023-02-01T08:00:00Z", None),
        ]
        assert store.last_article() == "old1" and store.scroll("old1") == 120
        updated = store.add_bookmark("old2", "更旧的书签", "/papers/p.txt", note="补上来源")
        assert updated.created == "2023-02-01T08:00:00Z"
        store.mark_read("old1")  # a table version 1 did not have
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == CURRENT_VERSION
    conn.close()
    with Store.open(db) as store:
        assert store.bookmark("old2").source == "/papers/p.txt"
        assert store.read_ids() == {"old1"}


def test_an_empty_file_becomes_a_store(db: Path) -> None:
    db.parent.mkdir(parents=True)
    db.write_bytes(b"")
    with Store.open(db) as store:
        store.add_bookmark("a1", "标题", "/p.txt")
        assert store.notices == []


def test_newer_store_opens_read_only_and_is_left_alone(db: Path) -> None:
    with Store.open(db) as store:
        store.add_bookmark("a1", "标题", "/p.txt")
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA user_version = 7")
    conn.close()
    before = db.read_bytes()
    with Store.open(db) as store:
        assert store.read_only
        assert any("更新版本" in n and "schema 7" in n for n in store.notices)
        assert store.bookmark_ids() == {"a1"}
        with pytest.raises(StoreError, match="更新版本"):
            store.add_bookmark("b2", "别的", "/p.txt")
    assert db.read_bytes() == before
    assert not any(p.name.startswith(db.name + ".corrupt") for p in db.parent.iterdir())


# -- two writers, and a writer killed mid-write ------------------------------------------------

WRITER = """
import sys, time
from pathlib import Path
from unionreader.store.state import Store
path, prefix, count, go = sys.argv[1], sys.argv[2], int(sys.argv[3]), Path(sys.argv[4])
while not go.exists():
    time.sleep(0.005)
with Store.open(path) as store:
    for i in range(count):
        store.add_bookmark(f"{prefix}-{i}", f"{prefix} 第{i}篇", "/papers/p.txt")
        if i < 40:
            store.add_bookmark(f"shared-{i}", "两边都加", "/papers/p.txt")
    store.set_scroll(f"{prefix}-last", count)
"""


def test_two_processes_writing_at_once_lose_nothing(db: Path, tmp_path: Path) -> None:
    go = tmp_path / "go"
    count = 200
    children = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(db), prefix, str(count), str(go)],
            env=_child_env(),
            stderr=subprocess.PIPE,
            text=True,
        )
        for prefix in ("left", "right")
    ]
    time.sleep(0.3)  # both interpreters up and waiting, so the writes really overlap
    go.touch()
    for child in children:
        _, err = child.communicate(timeout=60)
        assert child.returncode == 0, err
    with Store.open(db) as store:
        ids = store.bookmark_ids()
        assert len(ids) == 2 * count + 40
        assert {f"left-{i}" for i in range(count)} <= ids
        assert {f"right-{i}" for i in range(count)} <= ids
        assert store.scroll("left-last") == store.scroll("right-last") == count


KILLED_WRITER = """
import sys
from unionreader.store.state import Store
store = Store.open(sys.argv[1])
i = 0
while True:
    store.add_bookmark(f"k-{i}", "写到一半" * 50, "/papers/p.txt", note="备注" * 200)
    store.set_scroll(f"k-{i}", i + 1)  # reading state skips the fsync; a crash must not matter
    print(i, flush=True)  # printed only after both commits returned
    i += 1
"""


def test_writer_killed_mid_write_leaves_a_readable_store(db: Path) -> None:
    child = subprocess.Popen(
        [sys.executable, "-c", KILLED_WRITER, str(db)],
        env=_child_env(),
        stdout=subprocess.PIPE,
        text=True,
    )
    committed = []
    assert child.stdout is not None
    for line in child.stdout:
        committed.append(int(line))
        if len(committed) >= 60:
            break
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=10)
    committed += [int(line) for line in child.stdout.read().split()]
    assert child.returncode == -signal.SIGKILL
    with Store.open(db) as store:
        assert store.notices == []
        ids = store.bookmark_ids()
        assert {f"k-{i}" for i in committed} <= ids
        assert all(store.scroll(f"k-{i}") == i + 1 for i in committed)
        store.add_bookmark("after", "之后", "/p.txt")  # and it takes writes again
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


# -- damaged files -----------------------------------------------------------------------------


def _aside(db: Path) -> list[Path]:
    """The damaged stores set aside beside db (their -wal/-shm companions left out)."""
    pattern = re.compile(re.escape(db.name) + r"\.corrupt-\d{8}T\d{6}(-\d+)?")
    return sorted(p for p in db.parent.iterdir() if pattern.fullmatch(p.name))


def test_garbage_file_is_moved_aside_and_a_fresh_store_works(db: Path) -> None:
    db.parent.mkdir(parents=True)
    garbage = b"this is not sqlite \x00\xff" * 300
    db.write_bytes(garbage)
    Path(f"{db}-wal").write_bytes(b"stale wal")
    with Store.open(db) as store:
        [moved] = _aside(db)
        assert len(store.notices) == 1 and str(moved) in store.notices[0]
        assert not store.read_only
        store.add_bookmark("a1", "标题", "/p.txt")
    assert moved.read_bytes() == garbage  # the user's bytes, kept as they were
    assert Path(f"{moved}-wal").read_bytes() == b"stale wal"
    with Store.open(db) as store:
        assert store.notices == [] and store.bookmark_ids() == {"a1"}


def test_store_damaged_inside_is_moved_with_its_wal(db: Path, tmp_path: Path) -> None:
    with Store.open(db) as store:
        store.add_bookmark("first", "标题", "/papers/p.txt")
    conn = sqlite3.connect(db)
    with conn:  # enough pages to scribble on, in one transaction
        conn.executemany(
            "INSERT INTO bookmarks VALUES (?, ?, '/papers/p.txt', '2025-01-01T00:00:00Z', ?)",
            [(f"id-{i}", "标题" * 20, "备注" * 30) for i in range(400)],
        )
    conn.close()
    # The last transactions still only in the -wal, as after a crash: copied while open.
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute("PRAGMA synchronous = OFF")
    for i in range(20):
        conn.execute("INSERT INTO bookmarks VALUES (?, '新', '/p.txt', '2025', NULL)", (f"w{i}",))
    crashed = tmp_path / "crashed" / db.name
    crashed.parent.mkdir()
    wal = Path(f"{db}-wal").read_bytes()
    Path(f"{crashed}-wal").write_bytes(wal)
    data = bytearray(db.read_bytes())
    conn.close()
    assert len(data) > 8 * 4096 and len(wal) > 4096
    for offset in range(3 * 4096, len(data) - 4096, 2 * 4096):
        data[offset : offset + 300] = b"\xff" * 300  # header intact, pages scribbled on
    crashed.write_bytes(bytes(data))
    with Store.open(crashed) as store:
        [moved] = _aside(crashed)
        assert str(moved) in store.notices[0] and "malformed" in store.notices[0]
        assert store.bookmarks() == []
    assert moved.read_bytes() == bytes(data)
    assert Path(f"{moved}-wal").read_bytes() == wal  # the newest bookmarks were in there


def test_set_aside_never_overwrites_an_earlier_copy(tmp_path: Path) -> None:
    from datetime import datetime, timezone

    when = datetime(2025, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
    db = tmp_path / "unionreader.sqlite3"
    db.write_bytes(b"first")
    first = sqlite_file.set_aside(db, when)
    db.write_bytes(b"second")
    second = sqlite_file.set_aside(db, when)
    assert first.name == "unionreader.sqlite3.corrupt-20250102T030405"
    assert first != second
    assert (first.read_bytes(), second.read_bytes()) == (b"first", b"second")


# -- read-only data directory ------------------------------------------------------------------


def _filled(db: Path) -> None:
    with Store.open(db) as store:
        store.add_bookmark("a1", "标题", "/p.txt", note="备注")
        store.set_scroll("a1", 33)


def test_read_only_directory_reads_and_refuses_writes(db: Path, request) -> None:
    _filled(db)
    before = db.read_bytes()
    request.getfixturevalue("no_write_access")
    with Store.open(db) as store:
        assert store.read_only
        assert store.notices == [f"数据目录 {db.parent} 只读：更改将不会保存"]
        assert store.bookmarks()[0].note == "备注" and store.scroll("a1") == 33
        for write in (
            lambda: store.add_bookmark("b2", "别的", "/p.txt"),
            lambda: store.remove_bookmark("a1"),
            lambda: store.set_scroll("a1", 1),
            lambda: store.mark_read("a1"),
        ):
            with pytest.raises(StoreError, match="只读"):
                write()
    assert db.read_bytes() == before


def test_old_store_in_read_only_directory_is_read_not_rewritten(db: Path, request) -> None:
    db.parent.mkdir(parents=True)
    conn = sqlite3.connect(db)
    conn.executescript(V1_LAYOUT)
    conn.close()
    before = db.read_bytes()
    request.getfixturevalue("no_write_access")
    with Store.open(db) as store:
        assert store.read_only
        assert [b.article_id for b in store.bookmarks()] == ["old1", "old2"]
        assert store.scroll("old1") == 120
    assert db.read_bytes() == before


def test_damaged_store_in_read_only_directory_is_left_in_place(db: Path, request) -> None:
    db.parent.mkdir(parents=True)
    db.write_bytes(b"not a database at all" * 50)
    request.getfixturevalue("no_write_access")
    with Store.open(db) as store:
        assert store.read_only and store.bookmarks() == []
        assert any("已损坏" in n and "保持不动" in n for n in store.notices)
    assert db.read_bytes() == b"not a database at all" * 50
    assert _aside(db) == []


def test_data_directory_that_cannot_be_created(db: Path, monkeypatch) -> None:
    def refuse(self: Path, *args: Any, **kwargs: Any) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "mkdir", refuse)
    with Store.open(db) as store:
        assert store.read_only and "无法创建" in store.notices[0]
        assert store.bookmarks() == []
        with pytest.raises(StoreError, match="无法创建"):
            store.add_bookmark("a1", "标题", "/p.txt")


def _as_unprivileged_user(work: Callable[[], Any]) -> Any:
    """Run work in a forked child as a user the file permissions apply to (nobody, if root)."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - child
        status = 0
        try:
            os.close(read_end)
            if os.geteuid() == 0:
                os.setgid(65534)
                os.setuid(65534)
            result = {"ok": work()}
        except BaseException as exc:
            result, status = {"error": repr(exc)}, 1
        try:
            with os.fdopen(write_end, "w") as out:
                json.dump(result, out)
        finally:
            os._exit(status)
    os.close(write_end)
    with os.fdopen(read_end) as incoming:
        text = incoming.read()
    os.waitpid(pid, 0)
    result = json.loads(text)
    assert "ok" in result, result["error"]
    return result["ok"]


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork and POSIX permissions")
def test_really_read_only_directory(db: Path) -> None:
    # pytest's temp folders are private to root; nobody needs a path it can walk.
    root = Path(tempfile.mkdtemp(prefix="unionreader-ro-"))
    try:
        root.chmod(0o755)
        folder = root / "data"
        store_file = folder / "unionreader.sqlite3"
        _filled(store_file)
        store_file.chmod(0o666)  # only the folder stands in the way
        folder.chmod(0o555)
        before = store_file.read_bytes()

        def try_it() -> dict[str, Any]:
            with Store.open(store_file) as store:
                outcome: dict[str, Any] = {
                    "read_only": store.read_only,
                    "notices": store.notices,
                    "ids": sorted(store.bookmark_ids()),
                    "scroll": store.scroll("a1"),
                }
                try:
                    store.add_bookmark("b2", "别的", "/p.txt")
                    outcome["write"] = "saved"
                except StoreError as exc:
                    outcome["write"] = str(exc)
            return outcome

        outcome = _as_unprivileged_user(try_it)
        assert outcome["read_only"] is True
        assert "只读" in outcome["notices"][0]
        assert outcome["ids"] == ["a1"] and outcome["scroll"] == 33
        assert "无法保存" in outcome["write"] and "只读" in outcome["write"]
        assert store_file.read_bytes() == before
    finally:
        for path in (root / "data", root):
            path.chmod(0o755)
        for path in sorted(root.rglob("*"), reverse=True):
            path.unlink() if path.is_file() else path.rmdir()
        root.rmdir()


def test_a_bookmark_keeps_its_file_as_an_absolute_path(tmp_path: Path, monkeypatch) -> None:
    """A bookmark made from one folder still finds (or misses) its file from another."""
    from unionreader.bookmark_export import missing_files

    papers = tmp_path / "papers"
    papers.mkdir()
    (papers / "p1.txt").write_text("标题\n正文", encoding="utf-8")
    monkeypatch.chdir(papers)
    with Store.open(tmp_path / "state.db") as store:
        saved = store.add_bookmark("a1", "标题", "p1.txt")
        assert saved.source == str(papers / "p1.txt")
        monkeypatch.chdir(tmp_path)
        assert missing_files(store.bookmarks()) == set()
        (papers / "p1.txt").unlink()
        assert missing_files(store.bookmarks()) == {"a1"}
