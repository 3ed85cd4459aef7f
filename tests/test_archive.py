"""The archive database on real files: incremental opens, faults, two processes, kills."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

import unionreader.library as library_module
from helpers import ROOT, SEEDS
from unionreader.library import Library
from unionreader.store.archive import SCHEMA_VERSION, Archive, archive_path


def _copy_seeds(folder: Path) -> Path:
    folder.mkdir()
    for path in SEEDS.glob("*.txt"):
        shutil.copy(path, folder / path.name)
    return folder


def _json(library: Library) -> list[dict]:
    return [a.to_json() for a in library.articles]


def _count_parses(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    real = library_module._parse

    def parse(text: str):
        calls.append(1)
        return real(text)

    monkeypatch.setattr(library_module, "_parse", parse)
    return calls


def _small_page(title: str, body: str) -> str:
    return f"{title}\n\n本报讯（记者 王五）{body}\n"


def _write_pages(folder: Path, **pages: tuple[str, str]) -> Path:
    """Small pages by file stem: a=("甲标题", "甲的内容。") writes a.txt."""
    folder.mkdir(exist_ok=True)
    for stem, (title, body) in pages.items():
        (folder / f"{stem}.txt").write_text(_small_page(title, body), encoding="utf-8")
    return folder


def test_a_warm_open_parses_nothing_and_reads_one_article_by_id(tmp_path, monkeypatch) -> None:
    pages = _copy_seeds(tmp_path / "pages")
    first = Library.open([pages])
    assert first is not None
    calls = _count_parses(monkeypatch)
    again = Library.open([pages], cached_only=True)
    assert again is not None and calls == []
    article = first.articles[3]
    assert again.get(article.id) == article  # straight from the database
    assert _json(again) == _json(first)


def test_changed_files_are_replaced_new_ones_added_removed_ones_dropped(
    tmp_path, monkeypatch
) -> None:
    pages = _write_pages(tmp_path / "pages", a=("甲标题", "甲的内容。"), b=("乙标题", "乙的内容。"))
    first = Library.open([pages])
    assert first is not None
    assert [a.title for a in first.articles] == ["甲标题", "乙标题"]
    (pages / "a.txt").write_text(_small_page("甲新标题", "甲的新内容。"), encoding="utf-8")
    (pages / "b.txt").unlink()
    _write_pages(pages, c=("丙标题", "丙的内容。"))
    calls = _count_parses(monkeypatch)
    again = Library.open([pages])
    assert again is not None
    assert [a.title for a in again.articles] == ["甲新标题", "丙标题"]
    assert len(calls) == 2  # a.txt and c.txt; nothing else read again
    assert again.get(first.articles[1].id) is None  # b's article is gone
    assert Library.open([pages], cached_only=True) is not None


def test_a_warm_start_shows_the_archive_first_and_looks_at_the_files_after(
    tmp_path, monkeypatch
) -> None:
    pages = _write_pages(tmp_path / "pages", a=("甲标题", "甲的内容。"), b=("乙标题", "乙的内容。"))
    Library.open([pages])
    (pages / "b.txt").unlink()
    _write_pages(pages, c=("丙标题", "丙的内容。"))
    calls = _count_parses(monkeypatch)
    warm = Library.open([pages], cached_only=True, check_later=True)
    assert warm is not None and calls == []
    assert [r.title for r in warm.listing().rows(0, 10)] == ["甲标题", "乙标题"]  # as stored
    assert warm.check() is True and len(calls) == 1  # c.txt, read now
    assert [r.title for r in warm.listing().rows(0, 10)] == ["甲标题", "丙标题"]
    assert [h.article.title for h in warm.search("丙标题")][:1] == ["丙标题"]
    assert warm.check() is False  # checked once
    again = Library.open([pages], cached_only=True, check_later=True)
    assert again is not None and again.check() is False  # nothing changed since
    with pytest.raises(FileNotFoundError):
        Library.open([tmp_path / "gone"], cached_only=True, check_later=True)


def test_looking_at_the_files_reports_at_once_then_only_the_articles_it_stores(tmp_path) -> None:
    pages = _write_pages(tmp_path / "pages", a=("甲标题", "甲的内容。"))
    Library.open([pages])
    _write_pages(pages, b=("乙标题", "乙的内容。"), c=("丙标题", "丙的内容。"))
    warm = Library.open([pages], cached_only=True, check_later=True)
    assert warm is not None
    calls: list[tuple[int, int, list[str]]] = []
    assert warm.check(on_progress=lambda d, t, new: calls.append((d, t, [a.title for a in new])))
    # at once, before the workers start, the files already done; then each file stored
    assert calls == [(1, 3, []), (2, 3, ["乙标题"]), (3, 3, ["丙标题"])]  # the kept one not read


def test_a_touched_but_unchanged_file_is_not_analysed_again(tmp_path, monkeypatch) -> None:
    pages = _copy_seeds(tmp_path / "pages")
    Library.open([pages])
    for path in pages.iterdir():
        os.utime(path, ns=(1, 1))
    calls = _count_parses(monkeypatch)
    assert Library.open([pages]) is not None
    assert calls == []


def test_a_damaged_database_is_set_aside_and_rebuilt(tmp_path) -> None:
    pages = _copy_seeds(tmp_path / "pages")
    first = Library.open([pages])
    assert first is not None
    expected = _json(first)
    first.archive.close()
    db = archive_path([pages])
    db.write_bytes(b"\x00not a database at all" * 500)
    again = Library.open([pages])
    assert again is not None
    assert _json(again) == expected
    assert list(db.parent.glob(f"{db.name}.corrupt-*"))  # kept, never deleted
    assert any(p.kind == "cache-damaged" for p in again.problems)


def test_a_database_of_another_schema_is_rebuilt(tmp_path) -> None:
    pages = _copy_seeds(tmp_path / "pages")
    db = archive_path([pages])
    db.parent.mkdir(parents=True)
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE articles (id TEXT, title TEXT)")  # an older layout
    conn.execute("INSERT INTO articles VALUES ('x', 'old')")
    conn.execute("PRAGMA user_version = 0")
    conn.commit()
    conn.close()
    library = Library.open([pages])
    assert library is not None and len(library.articles) == 18
    version = sqlite3.connect(db).execute("PRAGMA user_version").fetchone()[0]
    assert version == SCHEMA_VERSION


def test_quitting_mid_way_keeps_what_was_stored_and_the_next_open_goes_on(
    tmp_path, monkeypatch
) -> None:
    pages = _copy_seeds(tmp_path / "pages")
    files = len(list(pages.iterdir()))
    # the first file is stored alone, then two to a batch: files 2 and 3 are committed
    # together before file 2 is reported
    monkeypatch.setattr(library_module, "_BATCH_FILES", 2)
    reported: list[int] = []

    def stop_after_two(done: int, total: int, new: list) -> None:
        reported.append(done)
        if done >= 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        Library.open([pages], on_progress=stop_after_two)
    assert reported == [0, 1, 2]
    stored = sqlite3.connect(archive_path([pages])).execute("SELECT count(*) FROM sources")
    assert stored.fetchone()[0] == 3
    calls = _count_parses(monkeypatch)
    library = Library.open([pages])
    assert library is not None and len(library.articles) == 18
    assert len(calls) == files - 3


# a file to a commit: the files stored grow one by one, however quick the machine
_ANALYSE = """
import sys
import unionreader.library as library
library._BATCH_FILES = 1
library.Library.open([sys.argv[1]])
"""


def _run_open(folder: Path, env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", _ANALYSE, str(folder)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT / "tui")
    return env


def _stored_sources(db: Path) -> int:
    try:
        conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True, timeout=5)
        try:
            return conn.execute("SELECT count(*) FROM sources").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.OperationalError:
        return 0


def _many_pages(folder: Path, count: int) -> Path:
    folder.mkdir()
    seeds = sorted(SEEDS.glob("*.txt"))
    for n in range(count):
        text = seeds[n % len(seeds)].read_text(encoding="utf-8")
        (folder / f"page_{n:03d}.txt").write_text(f"第{n}版\n\n{text}", encoding="utf-8")
    return folder


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_sigkill_during_a_first_open_loses_nothing_committed(tmp_path, monkeypatch) -> None:
    pages = _many_pages(tmp_path / "pages", 40)
    db = archive_path([pages])
    process = _run_open(pages, _env())
    deadline = time.monotonic() + 120
    while _stored_sources(db) < 3 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait()
    stored = _stored_sources(db)
    assert 3 <= stored < 40
    calls = _count_parses(monkeypatch)
    library = Library.open([pages])
    assert library is not None
    assert len(calls) == 40 - stored  # only what the killed process had not committed
    assert len({a.source for a in library.articles}) == 40


@pytest.mark.slow
def test_one_process_reads_while_another_analyses(tmp_path) -> None:
    pages = _many_pages(tmp_path / "pages", 30)
    db = archive_path([pages])
    process = _run_open(pages, _env())
    seen = []
    try:
        while process.poll() is None:
            if db.exists():
                archive = Archive.open(db)
                seen.append(archive.count())
                archive.close()
            time.sleep(0.05)
    finally:
        process.wait()
    assert process.returncode == 0, process.stderr.read().decode() if process.stderr else ""
    assert seen == sorted(seen)  # articles only ever appear
    library = Library.open([pages], cached_only=True)  # everything is there
    assert library is not None and len({a.source for a in library.articles}) == 30


def test_a_reopened_library_searches_from_the_archive_with_the_same_hits(tmp_path) -> None:
    pages = _copy_seeds(tmp_path / "pages")
    queries = ["工会", "顺义区总公会", "pinggu", "服务职工", "一线职工", "工", "密云"]

    def hits(library: Library) -> list:
        return [
            [(h.article.to_json(), h.field, round(h.score, 3), h.spans, h.location) for h in found]
            for found in (library.search(q, limit=10) for q in queries)
        ]

    first = Library.open([pages])
    assert first is not None
    expected = hits(first)  # built from the articles in memory
    again = Library.open([pages])
    assert again is not None
    assert hits(again) == expected  # head state saved, bodies and articles from the database
    assert again._articles is None  # nothing read the whole archive


def _fresh_tables(pages: Path, tmp_path: Path) -> dict[str, object]:
    """The search tables a first open of a copy of these files writes, in one process."""
    copy = tmp_path / "fresh"
    shutil.copytree(pages, copy)
    return _search_tables(Library.open([copy]))


def _search_tables(library: Library) -> dict[str, object]:
    """What the search tables hold, by article id and key (not by rowid)."""
    conn = library.archive.conn
    ids = dict(conn.execute("SELECT rowid, id FROM articles"))
    conn.execute(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.pinyin_vocab "
        "USING fts5vocab('main', 'head_pinyin', 'row')"
    )
    return {
        "texts": sorted(conn.execute("SELECT key, klass, pinyin FROM head_texts")),
        "heads": sorted(
            (ids[a], key, klass, rank, place)
            for a, key, klass, rank, place in conn.execute(
                "SELECT h.article, t.key, t.klass, h.rank, h.place "
                "FROM heads h JOIN head_texts t ON t.id = h.text"
            )
        ),
        "bodies": sorted((ids[a], key) for a, key in conn.execute("SELECT * FROM body_keys")),
        "head_grams": sorted(conn.execute("SELECT term, doc FROM head_vocab")),
        "pinyin": sorted(conn.execute("SELECT term, doc FROM temp.pinyin_vocab")),
        "body_grams": sorted(conn.execute("SELECT term, doc FROM body_vocab")),
        "counts": conn.execute("SELECT texts, bodies FROM search_counts").fetchone(),
    }


def test_one_file_changed_changes_only_its_search_rows(tmp_path) -> None:
    pages = _copy_seeds(tmp_path / "pages")
    first = Library.open([pages])
    texts_before = first.archive.conn.execute("SELECT id FROM head_texts").fetchall()
    assert first.search("新来的标题") == [] or first.search("新来的标题")[0].field == "body"
    seeds = sorted(pages.glob("*.txt"))
    gone = first.articles[0]
    seeds[0].unlink()  # gone
    seeds[1].write_text(_small_page("改过的标题", "改过的内容。"), encoding="utf-8")  # changed
    _write_pages(pages, z=("新来的标题", "新来的内容。"))  # new
    again = Library.open([pages])
    assert again.search("新来的标题")[0].article.title == "新来的标题"
    assert again.search("改过的标题")[0].article.title == "改过的标题"
    assert gone.source == str(seeds[0])
    assert all(h.article.source != gone.source for h in again.search(gone.title, limit=100))
    # every head text still held kept its id: nothing was rebuilt
    kept = set(texts_before) & set(again.archive.conn.execute("SELECT id FROM head_texts"))
    assert len(kept) > len(texts_before) // 2
    # and the tables hold exactly what a first open of the same files writes
    assert _search_tables(again) == _fresh_tables(pages, tmp_path)


def test_every_char_stored_has_its_reading_whichever_transaction_met_it(
    tmp_path, monkeypatch
) -> None:
    from unionreader.search.keys import is_cjk
    from unionreader.store.search_tables import key_text

    monkeypatch.setattr(library_module, "_BATCH_FILES", 2)  # many transactions
    pages = _copy_seeds(tmp_path / "pages")
    _write_pages(pages, z=("罕见的字：龘靐齉", "新来的内容。"))
    library = Library.open([pages])
    conn = library.archive.conn
    texts = [k for (k,) in conn.execute("SELECT key FROM head_texts")]
    texts += [key_text(k) for (k,) in conn.execute("SELECT key FROM body_keys")]
    expected = {c for text in texts for c in text if is_cjk(c)}
    assert "龘" in expected
    assert {c for (c,) in conn.execute("SELECT char FROM readings")} == expected


def test_an_archive_from_before_the_search_tables_is_rebuilt_and_its_saved_index_goes(
    tmp_path,
) -> None:
    pages = _copy_seeds(tmp_path / "pages")
    db = archive_path([pages])
    db.parent.mkdir(parents=True)
    saved = db.parent.parent / "analysis-v1" / "index"  # where schema 6 kept the head side
    saved.mkdir(parents=True)
    (saved / "0123.zbin").write_bytes(b"old head index")
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE search_meta (key TEXT NOT NULL)")
    conn.execute("PRAGMA user_version = 6")
    conn.commit()
    conn.close()
    library = Library.open([pages])
    assert library.search("pinggu")[0].article.title.startswith("平谷")
    assert not saved.exists()
    assert sqlite3.connect(db).execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


@pytest.mark.parametrize("parse_in_worker", [True, False])
def test_files_analysed_by_workers_are_stored_as_one_process_stores_them(
    tmp_path, monkeypatch, parse_in_worker: bool
) -> None:
    pages = _copy_seeds(tmp_path / "pages")
    (pages / "binary.txt").write_bytes(b"\x00\x01\x02\x03" * 100)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "one"))
    alone = Library.open([pages])
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "pooled"))
    monkeypatch.setattr(library_module, "_PARALLEL_BYTES", 0)  # a pool for these few files
    if not parse_in_worker:  # every file parsed here, its articles shared over the workers
        monkeypatch.setattr(library_module, "_PARSE_IN_WORKER_BYTES", 0)
    pooled = Library.open([pages])
    assert pooled.archive.path != alone.archive.path
    assert _json(pooled) == _json(alone) and len(_json(pooled)) == 18
    assert [p.kind for p in pooled.problems] == [p.kind for p in alone.problems] != []
    # the workers' articles wait for their search rows; given them, the tables are the same
    assert (alone.pending(), pooled.pending()) == (0, 18)
    assert pooled.index_pending() == 18 and pooled.pending() == 0
    assert _search_tables(pooled) == _search_tables(alone)


def _pooled_open(pages: Path, monkeypatch: pytest.MonkeyPatch) -> Library:
    """A first open on the worker pool (which leaves the search rows for later)."""
    with monkeypatch.context() as patch:
        patch.setattr(library_module, "_PARALLEL_BYTES", 0)
        return Library.open([pages])


def test_indexing_after_a_large_first_open_goes_on_where_it_stopped(tmp_path, monkeypatch) -> None:
    pages = _copy_seeds(tmp_path / "pages")
    monkeypatch.setattr(library_module, "_INDEX_BATCH", 5)
    first = _pooled_open(pages, monkeypatch)
    seen: list[tuple[int, int]] = []
    stop = RuntimeError("quit")

    def progress(done: int, total: int) -> None:
        seen.append((done, total))
        if done >= 10:
            raise stop  # quitting after two batches

    with pytest.raises(RuntimeError):
        first.index_pending(on_progress=progress)
    assert seen == [(0, 18), (5, 18), (10, 18)] and first.pending() == 8
    first.archive.close()
    again = Library.open([pages])  # nothing analysed again; the search indexes the rest first
    assert again.pending() == 8
    assert again.search("pinggu")[0].article.title.startswith("平谷")
    assert again.pending() == 0
    assert _search_tables(again) == _fresh_tables(pages, tmp_path)


def test_many_waiting_articles_are_indexed_on_the_workers_as_one_process_indexes_them(
    tmp_path, monkeypatch
) -> None:
    pages = _copy_seeds(tmp_path / "pages")
    pooled = _pooled_open(pages, monkeypatch)
    monkeypatch.setattr(library_module, "_INDEX_BYTES_EACH", library_module._PARALLEL_BYTES)
    monkeypatch.setattr(library_module, "_INDEX_BATCH", 4)  # five batches, three at a time
    seen: list[tuple[int, int]] = []
    assert pooled.index_pending(on_progress=lambda done, total: seen.append((done, total))) == 18
    assert seen == [(0, 18), (4, 18), (8, 18), (12, 18), (16, 18), (18, 18)]
    assert _search_tables(pooled) == _fresh_tables(pages, tmp_path)


def test_a_batch_whose_articles_went_while_it_was_made_indexes_only_those_still_there(
    tmp_path, monkeypatch
) -> None:
    from unionreader.search.build import source_rows
    from unionreader.store.search_pending import sources

    pages = _copy_seeds(tmp_path / "pages")
    library = _pooled_open(pages, monkeypatch)
    batch = library.archive.waiting(None, 10)
    rows = source_rows(sources(batch))  # made (as in a worker) while the first file goes
    first = sorted(pages.glob("*.txt"))[0]
    first.unlink()
    library.archive.drop_sources([p for p in library.archive.sources() if p.endswith(first.name)])
    assert library.archive.count() < 18
    library.archive.index_material(batch, rows)
    library.archive.index_material(batch, rows)  # a second time (another process): nothing
    assert library.index_pending() > 0 and library.pending() == 0
    assert _search_tables(library) == _fresh_tables(pages, tmp_path)


def test_files_changed_before_their_articles_were_indexed(tmp_path, monkeypatch) -> None:
    pages = _copy_seeds(tmp_path / "pages")
    first = _pooled_open(pages, monkeypatch)
    first.archive.index_pending(7)  # some indexed, some not, when the files change
    seeds = sorted(pages.glob("*.txt"))
    seeds[0].unlink()
    seeds[-1].unlink()
    seeds[1].write_text(_small_page("改过的标题", "改过的内容。"), encoding="utf-8")
    _write_pages(pages, z=("新来的标题", "新来的内容。"))
    again = Library.open([pages])
    assert again.search("新来的标题")[0].article.title == "新来的标题"
    assert again.search("改过的标题")[0].article.title == "改过的标题"
    assert _search_tables(again) == _fresh_tables(pages, tmp_path)


def test_new_articles_after_the_last_indexed_ones_went_are_indexed(tmp_path) -> None:
    pages = _copy_seeds(tmp_path / "pages")
    Library.open([pages])
    last = sorted(pages.glob("*.txt"))[-1]
    last.unlink()  # the articles with the largest rowids, indexed, go
    Library.open([pages])
    _write_pages(pages, z=("新来的标题", "新来的内容。"))
    again = Library.open([pages])  # its rowids come after every rowid ever indexed
    assert again.pending() == 0
    assert again.search("新来的标题")[0].article.title == "新来的标题"


def test_an_archive_from_before_indexing_was_deferred_is_kept_not_rebuilt(
    tmp_path, monkeypatch
) -> None:
    pages = _copy_seeds(tmp_path / "pages")
    Library.open([pages]).archive.close()
    db = archive_path([pages])
    conn = sqlite3.connect(db)  # the layout of schema 8: no `indexed`, every article indexed
    conn.execute("ALTER TABLE search_counts DROP COLUMN indexed")
    conn.execute("PRAGMA user_version = 8")
    conn.commit()
    conn.close()
    calls = _count_parses(monkeypatch)
    library = Library.open([pages])
    assert calls == [] and library.pending() == 0
    assert library.search("pinggu")[0].article.title.startswith("平谷")
    assert sqlite3.connect(db).execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


@pytest.mark.parametrize("order", ["reading", "date", "source", "title"])
@pytest.mark.parametrize("only", [None, ("kind", "news")])
def test_a_list_read_through_in_order_finds_each_window_after_the_last(
    warm_cache, monkeypatch, order, only
) -> None:
    """Windows read one after another are found by the last row's key (no OFFSET): the same
    rows as windows read out of order, which skip to their offset."""
    import unionreader.store.listing as listing_module
    from unionreader.store.listing import ListQuery

    monkeypatch.setattr(listing_module, "_WINDOW", 2)
    library = Library.open(None)
    query = ListQuery(order=order, only=only)  # type: ignore[arg-type]
    through = library.listing(query)
    count = len(through)
    assert count > 6
    rows = [row for start in range(0, count, 3) for row in through.rows(start, start + 3)]
    jumping = library.listing(query)
    starts = list(range(0, count, 2))[::-1]  # every window read first, none after the one before
    backwards = {start: jumping.rows(start, start + 2) for start in starts}
    assert rows == [row for start in sorted(backwards) for row in backwards[start]]
    assert len({row.id for row in rows}) == count


def test_two_archives_writing_in_turn_keep_each_head_text_once(tmp_path) -> None:
    """A writer that began on an empty archive takes a text it has not met for new; once
    another connection has written, it looks texts up again."""
    from unionreader.analysis import analyse
    from unionreader.corpus.pages import parse_page
    from unionreader.store.archive import SourceRow

    def page(n: int) -> list:
        text = _small_page(f"北京市总工会第{n}次会议", f"密云区总工会和顺义区总工会第{n}次开会。")
        return [analyse(article) for article in parse_page(text)]

    def row(n: int) -> SourceRow:
        return SourceRow(0, f"/pages/{n}.txt", f"{n}.txt", n, 1, 1, f"h{n}", "v")

    db = tmp_path / "archive.db"
    first, second = Archive.open(db), Archive.open(db)
    first.replace_source(row(1), page(1))
    second.replace_source(row(2), page(2))  # the same names, written by the other
    first.replace_source(row(3), page(3))
    first.replace_source(row(4), page(4))
    doubles = first.conn.execute(
        "SELECT key, klass FROM head_texts GROUP BY key, klass HAVING count(*) > 1"
    ).fetchall()
    assert doubles == []
    assert first.conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 4
    for key in ("密云区总工会", "王五"):  # a name and a reporter in all four articles
        held = first.conn.execute("SELECT count(*) FROM head_texts WHERE key = ?", (key,))
        assert held.fetchone()[0] == 1
        articles = first.conn.execute(
            "SELECT count(DISTINCT h.article) FROM heads h JOIN head_texts t ON t.id = h.text "
            "WHERE t.key = ?",
            (key,),
        )
        assert articles.fetchone()[0] == 4
    first.close()
    second.close()
