"""A first open of a new archive through the TUI, with worker processes started beside it."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest

from app_support import FakeStore, pilot_test
from perf.synthetic import build_archive
from unionreader.ui.app import UnionReaderApp

pytestmark = pytest.mark.slow


class _CapturedStderr:
    """What a full-screen UI puts in place of stderr: no file descriptor behind it."""

    def write(self, text: str) -> int:
        return len(text)

    def flush(self) -> None:
        pass

    def fileno(self) -> int:
        return -1


@pytest.fixture(scope="module")
def two_megabytes(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("new-archive")
    build_archive(1750, folder)
    size = sum(p.stat().st_size for p in folder.iterdir())
    assert size > 2_000_000  # above the size where the worker pool starts
    return folder


@pilot_test
async def test_a_new_two_megabyte_archive_opens_in_the_tui_and_shows_its_first_article(
    two_megabytes: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stderr", _CapturedStderr())
    first_title = (two_megabytes / "synthetic_00000.txt").read_text("utf-8").split("\n", 1)[0]
    app = UnionReaderApp([str(two_megabytes)], open_store=FakeStore)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        screen = app.main_screen
        assert screen is not None
        await pilot.press("slash", *"工会")  # typed while the files are being read
        await pilot.pause()
        assert not screen.searchable and screen.articles.border_title == "搜索 · 索引建好后显示结果"
        for _ in range(1200):  # at most two minutes on a busy machine
            await asyncio.sleep(0.1)
            # the list reads the archive as files are stored, the top article shown once
            # there is one; done when every file is in
            library = screen.library
            if library is not None and library.archive.count() == 1750 and screen.article:
                break
        for _ in range(50):  # the last look at the list after the last file
            await pilot.pause()
        await pilot.pause()
        errors = [n.message for n in app._notifications if n.severity == "error"]
        assert errors == []
        assert screen.library is not None and len(screen.library.articles) == 1750
        assert screen.article is not None and screen.article.title == first_title
        assert screen.reader.article is not None
        # the articles are indexed for search after they are stored; then what was typed runs
        for _ in range(600):
            await asyncio.sleep(0.1)
            if screen.searchable and screen.articles.searching:
                break
        await pilot.pause()
        assert screen.library.pending() == 0
        assert screen.articles.searching and screen.articles.option_count > 0
        assert str(screen.articles.border_title).startswith("搜索 · ")


@pilot_test
async def test_a_warm_start_shows_the_archive_then_picks_up_a_new_file(tmp_path: Path) -> None:
    from unionreader.library import Library

    pages = tmp_path / "pages"
    pages.mkdir()
    for name, title in (("a.txt", "甲标题"), ("b.txt", "乙标题")):
        (pages / name).write_text(f"{title}\n\n本报讯（记者 王五）{title}的内容。\n", "utf-8")
    Library.open([pages]).archive.close()
    (pages / "c.txt").write_text("丙标题\n\n本报讯（记者 王五）丙的内容。\n", "utf-8")
    app = UnionReaderApp([str(pages)], open_store=FakeStore)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.main_screen
        assert screen is not None and screen.library is not None  # warm: before the first paint
        assert screen.article is not None and screen.article.title == "甲标题"
        for _ in range(300):
            await pilot.pause(0.1)
            if screen.articles.option_count == 3:
                break
        rows = screen.library.listing().rows(0, 5)
        assert [r.title for r in rows] == ["甲标题", "乙标题", "丙标题"]
        assert screen.articles.option_count == 3
        assert screen.article.title == "甲标题"
