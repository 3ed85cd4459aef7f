"""The list from the archive: windows, positions, sort and filter in SQL, its keys in the TUI."""

from __future__ import annotations

import asyncio

import pytest

from app_support import FakeStore, pilot_test
from unionreader.library import Library
from unionreader.store.listing import ORDERS, ArticleSummary, ListQuery
from unionreader.ui.app import UnionReaderApp


@pytest.fixture
def seeds(warm_cache) -> Library:
    library = Library.open(None)
    assert library is not None
    return library


@pytest.mark.parametrize("order", ORDERS)
def test_every_order_lists_every_article_once_and_knows_where_each_is(seeds, order) -> None:
    query = ListQuery(order=order)
    listing = seeds.listing(query)
    rows = listing.rows(0, len(listing))
    assert sorted(r.id for r in rows) == sorted(a.id for a in seeds.articles)
    for i, row in enumerate(rows):
        assert seeds.archive.list_position(query, row.id) == i
    if order == "title":
        assert [r.title for r in rows] == sorted(r.title for r in rows)
    if order == "date":
        dated = [r.date for r in rows if r.date]
        assert dated == sorted(dated, reverse=True) and rows[-1].date is None


def test_rows_match_the_articles_they_summarise(seeds) -> None:
    rows = seeds.listing().rows(0, 100)
    for row, article in zip(rows, seeds.articles, strict=True):
        assert isinstance(row, ArticleSummary)
        assert (row.id, row.title, row.kind, row.reporters, row.figure_count) == (
            article.id,
            article.title,
            article.kind,
            article.reporters,
            len(article.figures),
        )


def test_filters_keep_one_kind_one_file_or_some_ids(seeds) -> None:
    photos = seeds.listing(ListQuery(only=("kind", "photo")))
    assert len(photos) == sum(a.kind == "photo" for a in seeds.articles) > 0
    source = seeds.articles[0].source
    one_file = seeds.listing(ListQuery(only=("source", source)))
    assert [r.id for r in one_file.rows(0, 50)] == [
        a.id for a in seeds.articles if a.source == source
    ]
    ids = frozenset(a.id for a in seeds.articles[2:5])
    assert {r.id for r in seeds.listing(ListQuery(ids=ids)).rows(0, 50)} == ids
    assert seeds.listing(ListQuery(ids=ids)).position(seeds.articles[0].id) is None


@pilot_test
async def test_o_sorts_and_u_keeps_one_file_in_the_tui(seeds) -> None:
    app = UnionReaderApp(None, open_store=FakeStore)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.main_screen
        assert screen is not None
        for _ in range(300):
            await asyncio.sleep(0.05)
            if screen.library is not None:
                break
        await pilot.pause()
        articles = screen.articles
        assert articles.option_count == 18
        await pilot.press("o")  # newest first
        assert "最新在前" in str(articles.border_title)
        first = articles.highlighted_article
        await pilot.press("g")
        assert articles.highlighted_article is not None
        await pilot.press("v")  # only the highlighted article's file
        source = articles.highlighted_article.source
        assert articles.option_count == sum(a.source == source for a in seeds.articles)
        assert "只看文件" in str(articles.border_title)
        await pilot.press("enter")
        await pilot.pause()
        assert screen.article is not None and screen.article.source == source
        assert first is not None


def test_entity_counts_come_from_sql_as_from_the_articles(seeds) -> None:
    from collections import Counter

    counts = Counter((e.text, e.type) for a in seeds.articles for e in a.entities)
    assert dict(seeds.entity_counts()) == dict(counts)
    assert [n for _, n in seeds.entity_counts()] == sorted(counts.values(), reverse=True)
