"""SVG snapshots of the reader on the bundled seeds at 80x24, 120x40 and 60x20.

A changed snapshot is reviewed in snapshot_report.html, then accepted with
`pytest tests/test_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

import pytest

from unionreader.ui.app import UnionReaderApp

SIZES = [(80, 24), (120, 40), (60, 20)]


@pytest.fixture
def seeds(warm_cache):
    """The seeds as a library, analysed once per session (the cache is shared)."""
    from unionreader.library import Library

    return Library.open(None)


async def loaded(pilot) -> None:
    """Wait until the library is open and nothing is moving (no progress race in the SVG)."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def first_with_figures(library) -> int:
    return next(i for i, a in enumerate(library.articles) if len(a.figures) >= 3)


def open_article_with_figures(library):
    async def run_before(pilot) -> None:
        await loaded(pilot)
        for _ in range(first_with_figures(library)):
            await pilot.press("j")
        await pilot.press("enter")
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_list_and_reader_with_figures(snap_compare, seeds, size):
    assert snap_compare(
        UnionReaderApp(), terminal_size=size, run_before=open_article_with_figures(seeds)
    )


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_search_results(snap_compare, seeds, size):
    async def run_before(pilot) -> None:
        await loaded(pilot)
        await pilot.press("slash")
        pilot.app.main_screen.search_bar.cursor_blink = False  # no blink phase in the SVG
        await pilot.press(*"总工会")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(UnionReaderApp(), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_figures_panel(snap_compare, seeds, size):
    open_article = open_article_with_figures(seeds)

    async def run_before(pilot) -> None:
        await open_article(pilot)
        await pilot.press("f")
        await pilot.pause()

    assert snap_compare(UnionReaderApp(), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_entity_panel(snap_compare, seeds, size):
    open_article = open_article_with_figures(seeds)

    async def run_before(pilot) -> None:
        await open_article(pilot)
        await pilot.press("e")
        await pilot.pause()

    assert snap_compare(UnionReaderApp(), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_bookmarks_view(snap_compare, seeds, size):
    async def run_before(pilot) -> None:
        await loaded(pilot)
        await pilot.press("j", "b", "j", "j", "b", "B")
        await pilot.pause()

    assert snap_compare(UnionReaderApp(), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_help(snap_compare, seeds, size):
    async def run_before(pilot) -> None:
        await loaded(pilot)
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(UnionReaderApp(), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES[:2], ids=[f"{w}x{h}" for w, h in SIZES[:2]])
def test_light_theme_with_find(snap_compare, seeds, size):
    async def run_before(pilot) -> None:
        await open_article_with_figures(seeds)(pilot)
        await pilot.press("ctrl+t", "slash")
        await pilot.pause()
        pilot.app.main_screen.query_one("#find").cursor_blink = False
        await pilot.press(*"工会", "enter", "n")
        await pilot.pause()

    assert snap_compare(UnionReaderApp(), terminal_size=size, run_before=run_before)
