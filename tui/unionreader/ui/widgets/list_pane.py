"""The list pane: the article list, and above it the search box that ranks the list as you type."""

from __future__ import annotations

import asyncio

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input

from ...library import Library
from ..messages import SearchResults
from .article_list import ArticleList
from .search_bar import SearchBar

SEARCH_LIMIT = 100  # hits shown for one query: enough to scan, few enough to rank at once


class ListPane(Vertical):
    """Searches the library in a worker as the query changes and shows the hits in the list.

    Results reach the screen too (`SearchResults` bubbles): it titles the list and opens hits.
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.library: Library | None = None
        self.searchable = False  # the library's index is ready
        self.capped = False  # the last search stopped at SEARCH_LIMIT hits
        self._search_bar: SearchBar | None = None  # made once the list is on screen
        self._search_bar_mounted = asyncio.Event()

    def compose(self) -> ComposeResult:
        yield ArticleList(id="articles")

    def on_mount(self) -> None:
        # made, hidden, once the first screen is drawn (which does not wait for it), so that
        # "/" shows it at once: keys typed right after "/" reach the box, not the list
        self.call_after_refresh(self._make_search_bar)

    async def _make_search_bar(self) -> SearchBar:
        if self._search_bar is None:
            bar = self._search_bar = SearchBar(id="search")
            bar.display = False
            await self.mount(bar, before=self.articles)
            self._search_bar_mounted.set()
        await self._search_bar_mounted.wait()
        return self._search_bar

    @property
    def articles(self) -> ArticleList:
        return self.query_one(ArticleList)

    @property
    def search_bar(self) -> SearchBar | None:
        """The search box (hidden until a search starts), once the list is on screen."""
        return self._search_bar

    @property
    def open_search_bar(self) -> SearchBar | None:
        """The search box while it is shown, else None."""
        bar = self._search_bar
        return bar if bar is not None and bar.display else None

    async def show_search_bar(self) -> SearchBar:
        bar = self._search_bar
        if bar is None or not self._search_bar_mounted.is_set():  # "/" before it was made
            bar = await self._make_search_bar()
        bar.display = True
        self.articles.border_title = "搜索"
        bar.focus()
        return bar

    async def start_search(self, query: str) -> None:
        """Search for the given text (a name chosen in a panel or the palette)."""
        bar = await self.show_search_bar()
        bar.value = query  # posts Input.Changed, which runs the search
        self.articles.focus()

    def index_ready(self) -> None:
        """The library can be searched: run what was typed while it was being made."""
        self.searchable = True
        bar = self.open_search_bar
        if bar is not None and bar.value.strip():
            self._search(bar.value)

    def end_search(self) -> None:
        """Hide the box and show the whole list again."""
        bar = self._search_bar
        if bar is not None:
            bar.value = ""
            bar.display = False
        self.articles.show_hits(None)

    @on(Input.Changed, "#search")
    def _query_changed(self, event: Input.Changed) -> None:
        self._search(event.value)  # not stopped: an emptied box retitles the list

    def _search(self, query: str) -> None:
        if not query.strip():
            self.articles.show_hits(None)
        elif self.searchable:
            self._run_search(query.strip())

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def _run_search(self, query: str) -> None:
        library = self.library
        if library is None:
            return
        try:
            hits = library.search(query, limit=SEARCH_LIMIT)
        except Exception as exc:  # a failing query is reported, the list stays as it was
            self.app.call_from_thread(
                self.notify, f"搜索失败：{exc}", severity="error", markup=False
            )
            return
        self.post_message(SearchResults(query, hits))

    @on(SearchResults)
    def _results(self, message: SearchResults) -> None:
        bar = self.open_search_bar
        if bar is None or message.query != bar.value.strip():
            message.stop()  # stale: the person has typed on since
            return
        self.capped = len(message.hits) >= SEARCH_LIMIT
        self.articles.show_hits(message.hits)

    @on(SearchBar.Move)
    def _move(self, message: SearchBar.Move) -> None:
        message.stop()
        if message.step > 0:
            self.articles.action_cursor_down()
        else:
            self.articles.action_cursor_up()
