"""The main screen: list pane, reader pane, side panel, loading status, key bar.

Longer than most modules: its job is the flows that cross widgets (loading into the list,
opening a row or a hit in the reader pane, bookmarks and read marks between list and store,
panels beside the reader, copying). What one widget can do alone lives in that widget: the
list pane searches, the reader pane finds in the article, the list sorts, filters and draws.
"""

from __future__ import annotations

import gc
import threading
import time
from collections.abc import Callable, Sequence
from contextlib import suppress
from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import Input

from ...layout.article_layout import plain_text
from ...layout.textlayout import display_text
from ...library import Library
from ...model import Article, Problem
from ...search.hits import SearchHit
from ..messages import (
    LibraryFailed,
    LibraryLoaded,
    SearchReady,
    SearchResults,
)
from ..reading_state import ReadingState
from ..widgets.article_list import ArticleList, Listed
from ..widgets.entities_panel import EntitiesPanel
from ..widgets.figures_panel import FiguresPanel, figure_sentence
from ..widgets.key_bar import KeyBar
from ..widgets.list_pane import ListPane
from ..widgets.loading_status import LoadingStatus
from ..widgets.reader import ArticleReader
from ..widgets.reader_pane import ReaderPane
from ..widgets.search_bar import SearchBar
from ..widgets.side_panel import SidePanel
from ..wording import problem_text
from .note import NoteScreen

NARROW_WIDTH = 72  # below this, list and reader take turns on the full width
PROGRESS_INTERVAL = 0.1  # seconds between list updates while files are being read
MEDIUM_WIDTH = 110  # below this, an open side panel hides the list
EXPORT_NAME = "unionreader-bookmarks.md"
BOOKMARK_SYNC_INTERVAL = 2.0  # seconds between looks at bookmarks other instances made


class MainScreen(Screen):
    """Routes messages between the list, the search bar, the reader and the side panel."""

    AUTO_FOCUS = "#articles"  # not the (hidden) search bar: no focus hand-over on the first frame

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "search", "搜索", id="search"),
        Binding("b", "bookmark", "书签", id="bookmark"),
        Binding("B", "bookmarks_only", "只看书签", id="bookmarks-only"),
        Binding("u", "toggle_read", "已读/未读", show=False, id="toggle-read"),
        Binding("a", "note", "备注", tooltip="书签备注：添加、修改或删去", show=False, id="note"),
        Binding(
            "y",
            "copy",
            "复制",
            tooltip="复制选中的文字；数字面板打开时复制该数字及其句子；否则复制全文",
            show=False,
            id="copy",
        ),
        Binding("n", "next_figure", "下一个数字", show=False, id="next-figure"),
        Binding("N", "previous_figure", "上一个数字", show=False, id="previous-figure"),
        Binding(
            "f",
            "figures",
            "数字",
            tooltip="数字面板：每个关键数字及其所在句子",
            id="figures",
        ),
        Binding(
            "e", "entities", "名称", tooltip="按类型标出人物、机构、地点；名称面板", id="entities"
        ),
        Binding("escape", "back", "关闭面板、回到列表、退出搜索", show=False),
        Binding("right_square_bracket", "step_article(1)", "下一篇文章", show=False),
        Binding("left_square_bracket", "step_article(-1)", "上一篇文章", show=False),
    ]

    def __init__(
        self,
        paths: Sequence[str] | None,
        open_library: Callable[..., Library | None],
        state: ReadingState,
    ) -> None:
        super().__init__()
        self.paths = list(paths) if paths else None
        self._open_library = open_library
        self.state = state
        self.library: Library | None = None
        self._list_shown = threading.Event()
        self._incoming: list[Article] = []  # read by the worker, not yet listed
        self._incoming_lock = threading.Lock()
        self._files = (0, 0)
        self.article: Article | None = None
        self._reader: ArticleReader | None = None
        self._restored = state.last_article() is None
        # bookmarks whose file is gone, counted for this set of bookmarks
        self._gone_counted: tuple[frozenset[str], int] = (frozenset(), 0)

    def compose(self) -> ComposeResult:
        with Horizontal(id="panes"):
            yield ListPane(id="list-pane")  # the search box comes above the list on first use
            yield ReaderPane(id="reader-pane")
            yield SidePanel(id="side-panel")
        yield LoadingStatus(id="loading")
        yield KeyBar(id="keys")

    def on_mount(self) -> None:
        articles = self.articles
        articles.bookmarks = self.state.bookmarks
        articles.notes = self.state.notes
        articles.read = self.state.read
        self._update_list_title()
        self._reader = self.reader
        self._incoming_timer = self.set_interval(PROGRESS_INTERVAL, self._take_incoming)
        self.set_interval(BOOKMARK_SYNC_INTERVAL, self.sync_bookmarks)
        articles.focus()
        library = self._open_cached()
        if library is not None:  # a warm cache: the list is filled before the first paint
            self._loaded(LibraryLoaded(library))
            self._build_index(library)
        else:
            self._load()

    # parts

    @property
    def articles(self) -> ArticleList:
        return self.query_one("#articles", ArticleList)

    @property
    def reader_pane(self) -> ReaderPane:
        return self.query_one("#reader-pane", ReaderPane)

    @property
    def reader(self) -> ArticleReader:
        return self.query_one("#reader", ArticleReader)

    @property
    def list_pane(self) -> ListPane:
        return self.query_one("#list-pane", ListPane)

    @property
    def searchable(self) -> bool:
        """The library's index is ready."""
        return self.list_pane.searchable

    @property
    def search_bar(self) -> SearchBar | None:
        """The search box (hidden until a search starts), once the list is on screen."""
        return self.list_pane.search_bar

    @property
    def open_search_bar(self) -> SearchBar | None:
        """The search box while it is shown, else None."""
        return self.list_pane.open_search_bar

    @property
    def side_panel(self) -> SidePanel:
        return self.query_one("#side-panel", SidePanel)

    # loading

    def _open_cached(self) -> Library | None:
        """The library, if every file is in the analysis cache (a few milliseconds), else None."""
        try:
            return self._open_library(self.paths, cached_only=True)
        except Exception:  # anything wrong is met and reported by the full load
            return None

    @work(thread=True, exit_on_error=False, group="load")
    def _build_index(self, library: Library) -> None:
        self._list_shown.wait(timeout=5)
        if getattr(library, "unchecked", None):  # shown from the archive: now the files
            try:
                if library.check(on_progress=self._checking(library)):
                    self.post_message(LibraryLoaded(library))
            except Exception as exc:  # reported, never a traceback
                self.post_message(LibraryFailed(str(exc) or type(exc).__name__))
        self._index_for_search(library)

    def _index_for_search(self, library: Library) -> None:
        """Give the articles a large open stored their search rows (in a worker thread, the
        list already usable), shown on the progress line; then the search box is live."""
        last = [0.0]

        def progress(done: int, total: int) -> None:
            now = time.monotonic()
            if now - last[0] < PROGRESS_INTERVAL * 5 and done < total:
                return
            last[0] = now
            with suppress(Exception):  # the app may be closing
                self.app.call_from_thread(self._indexed_so_far, done, total)

        with suppress(Exception):  # a broken index is reported when a search uses it
            library.index_pending(on_progress=progress)
            _ = library.index
        # the index's millions of entries live as long as the library: kept out of the cyclic
        # collector, whose full passes over them would pause a keystroke by 50-90 ms
        gc.freeze()
        self.post_message(SearchReady())

    def _indexed_so_far(self, done: int, total: int) -> None:
        status = self.query_one(LoadingStatus)
        if done < total:
            status.update_indexing(done, total)
        else:
            status.finish()

    def _checking(self, library: Library) -> Callable[[int, int, Sequence[Article]], None]:
        """Progress of a warm start's look at the files: when it finds files to analyse, the
        list (read from the archive) and the progress line are brought up to date each
        PROGRESS_INTERVAL * 10, as files are stored."""
        last = [0.0]

        def progress(done: int, total: int, new: Sequence[Article]) -> None:
            now = time.monotonic()
            if now - last[0] < PROGRESS_INTERVAL * 10 and done < total:
                return
            last[0] = now
            count = library.archive.count()
            with suppress(Exception):  # the app may be closing
                self.app.call_from_thread(self._checked_so_far, done, total, count)

        return progress

    def _checked_so_far(self, done: int, total: int, count: int) -> None:
        self.articles.refresh_rows()
        self._update_list_title()
        self.query_one(LoadingStatus).update_progress(done, total, count)
        if self.article is None:  # a first open: the top article as soon as there is one
            self._open_top_article()

    @work(thread=True, exit_on_error=False, group="load")
    def _load(self) -> None:
        def progress(done: int, total: int, new: Sequence[Article]) -> None:
            with self._incoming_lock:  # the UI takes these in batches (_take_incoming)
                self._incoming.extend(new)
                self._files = (done, total)

        try:
            library = self._open_library(self.paths, on_progress=progress)
        except Exception as exc:  # reported, never a traceback
            self.post_message(LibraryFailed(str(exc) or type(exc).__name__))
            return
        if library is None:  # only a cached-only open gives up; this one reads every file
            self.post_message(LibraryFailed("无法读取这些文件"))
            return
        self.post_message(LibraryLoaded(library))
        # the index is built here, off the UI thread, once the list is on screen: the first
        # screen does not wait for it, nor share the interpreter with it while being drawn
        self._list_shown.wait(timeout=5)
        self._index_for_search(library)

    def _take_incoming(self) -> None:
        """Show the articles read since the last look: one repaint per batch, not per file."""
        with self._incoming_lock:
            batch, self._incoming = self._incoming, []
            done, total = self._files
        if not batch:
            return
        self.articles.add_articles(batch)
        self._update_list_title()
        count = len(self.articles.articles)
        self.query_one(LoadingStatus).update_progress(done, total, count)
        self._restore()

    @on(LibraryLoaded)
    def _loaded(self, message: LibraryLoaded) -> None:
        self._incoming_timer.stop()
        self.library = self.list_pane.library = message.library
        # the articles (and the modules loaded so far) live as long as the screen: keep them out
        # of every later collection, which would otherwise walk them all (a pause that grows
        # with the archive); on_unmount lets them go
        gc.freeze()
        self.articles.set_listing(self.library.listing)  # rows read as they come on screen
        self._update_list_title()
        self.call_after_refresh(self._list_shown.set)
        self.query_one(LoadingStatus).finish()
        self._restore()
        self._restored = True
        if self.article is None:  # nothing to restore (a first start): the top article
            self._open_top_article()
        self._report_problems(self.library.problems)
        if not self.articles.option_count and not getattr(self.library, "unchecked", None):
            where = f"：{' '.join(self.paths)}" if self.paths else ""
            self.notify(f"没有找到文章{where}", severity="warning", markup=False)

    @on(SearchReady)
    def _search_ready(self) -> None:
        self.list_pane.index_ready()

    @on(LibraryFailed)
    def _failed(self, message: LibraryFailed) -> None:
        self._incoming_timer.stop()
        self.query_one(LoadingStatus).finish()
        self.notify(
            f"无法打开文库：{message.error}",
            severity="error",
            timeout=30,
            markup=False,
        )

    def _report_problems(self, problems: Sequence[Problem | str], shown: int = 3) -> None:
        for problem in problems[:shown]:
            self.notify(problem_text(problem), severity="warning", timeout=15, markup=False)
        if len(problems) > shown:
            more = len(problems) - shown
            self.notify(f"……另有 {more} 个文件有问题。", severity="warning", markup=False)

    def _full(self, listed: Listed | None) -> Article | None:
        """The whole article for a list row (the archive's rows hold only what the list shows)."""
        if listed is None or isinstance(listed, Article):
            return listed
        return self.library.get(listed.id) if self.library is not None else None

    def _open_top_article(self) -> None:
        top = self._full(self.articles.highlighted_article)
        if self.article is None and top is not None:  # shown, not yet read
            self.open_article(top, focus_reader=False, read=False)

    def _restore(self) -> None:
        """Reopen the last article, at its position, as soon as it is listed."""
        if self._restored:
            return
        last = self.state.last_article()
        if last is None or not self.articles.select_article(last):
            return
        self._restored = True
        if self.article is None:
            article = self._full(self.articles.highlighted_article)
            if article is not None:
                self.open_article(article, focus_reader=False, read=False)

    # opening

    def open_article(
        self,
        article: Article,
        hit: SearchHit | None = None,
        *,
        focus_reader: bool = True,
        read: bool = True,
    ) -> None:
        """Show an article; one shown without being chosen (at start) is read once the reader
        is focused or scrolled."""
        self._save_position()
        self.article = article
        self._restored = True
        # a hit on the title shows the article from its top
        where = hit.location if hit is not None and hit.field != "title" else None
        scroll = 0 if where else self.state.scroll(article.id)
        bar = self.open_search_bar
        query = None if hit is None else bar.value if bar is not None else ""
        self.reader_pane.show(article, scroll_to=scroll, query=query, at=where)
        self.state.opened(article, read=read)
        self.articles.update_article(article.id)
        self._update_list_title()
        self.side_panel.show_article(article)
        if focus_reader:
            self.reader.focus()

    def open_article_by_id(self, article_id: str) -> None:
        article = self.library.get(article_id) if self.library is not None else None
        if article is not None:
            self.articles.select_article(article_id)
            self.open_article(article)

    @on(ArticleList.Opened)
    def _opened(self, message: ArticleList.Opened) -> None:
        article = self._full(message.article)
        if article is not None:
            self.open_article(article, message.hit)

    # reading position

    @on(ArticleReader.ScrollChanged)
    def _scrolled(self, message: ArticleReader.ScrollChanged) -> None:
        self.state.save_scroll(message.article_id, message.offset)
        self._mark_shown_read()

    def _mark_shown_read(self) -> None:
        article = self.article
        if article is not None and article.id not in self.state.read:
            self.state.mark_read(article)
            self.articles.update_article(article.id)
            self._update_list_title()

    def _save_position(self) -> None:
        """The reader reports positions once scrolling settles: take the latest one now."""
        reader = self._reader  # held: on unmount the screen's children are already gone
        if reader is not None and reader.article is not None:
            self.state.save_scroll(reader.article.id, reader.reading_offset)

    def on_unmount(self) -> None:
        gc.unfreeze()  # what was kept out of collections may go now
        self._list_shown.set()  # let the loading worker finish
        self._save_position()
        self.state.close()

    # search

    async def action_search(self) -> None:
        await self.list_pane.show_search_bar()

    async def start_search(self, query: str) -> None:
        """Search for the given text (an entity chosen in a panel or the palette)."""
        await self.list_pane.start_search(query)

    @on(Input.Changed, "#search")
    def _query_changed(self, event: Input.Changed) -> None:
        if not event.value.strip() or not self.searchable:  # the whole list again, or waiting
            self._update_list_title()

    @on(SearchResults)
    def _results(self) -> None:
        self._update_list_title()

    @on(Input.Submitted, "#search")
    def _submit(self, event: Input.Submitted) -> None:
        hit = self.articles.highlighted_hit or self.articles.top_hit()
        if hit is not None:
            found = self._full(hit.row)  # a hit holds the list row: the article is read now
            if found is not None:
                self.open_article(found, hit)
        else:
            article = self._full(self.articles.highlighted_article)
            if article is not None:
                self.open_article(article)

    @on(SearchBar.Left)
    def leave_search(self) -> None:
        self.list_pane.end_search()
        if self.article is not None:
            self.articles.select_article(self.article.id)
        self._update_list_title()
        self.articles.focus()

    def _update_list_title(self) -> None:
        articles = self.articles
        bar = self.open_search_bar
        waiting = not self.searchable and bar is not None and bool(bar.value.strip())
        if waiting:
            title = "搜索 · 索引建好后显示结果"  # what is typed is searched once it is ready
        elif articles.searching:
            count = articles.option_count
            # the search stops at SEARCH_LIMIT hits: then the count is a floor, and says so
            title = f"搜索 · 前 {count} 篇" if self.list_pane.capped else f"搜索 · {count} 篇"
        elif articles.bookmarks_only:
            title = "书签"
        else:
            unread = articles.unread_count
            if not articles.option_count:
                title = "文章"  # none yet (a first open) or none found: nothing is read
            else:
                title = f"文章 · {unread} 篇未读" if unread else "文章 · 全部已读"
        if articles.bookmarks_only and articles.searching:
            title += "（书签内）"
        view = articles.view_label()
        if view and not articles.searching and not waiting:
            title += f" · {view}"
        articles.border_title = title
        subtitle = ""
        if articles.bookmarks_only and not articles.searching:
            if gone := self._gone_bookmarks():
                subtitle = f"另有 {gone} 个书签的文件已不在（可从命令面板导出）"
            elif not articles.option_count:
                subtitle = "还没有书签：按 b 添加"
        articles.border_subtitle = subtitle

    @on(ArticleList.ViewChanged)
    def _view_changed(self) -> None:
        self._update_list_title()

    # bookmarks

    def current_article(self) -> Listed | None:
        """The article a key acts on: the highlighted one in the list, else the open one."""
        if self.focused is self.articles and self.articles.highlighted_article is not None:
            return self.articles.highlighted_article
        return self.article or self.articles.highlighted_article

    def action_bookmark(self) -> None:
        article = self._full(self.current_article())
        if article is None:
            return
        marked = self.state.toggle_bookmark(article)
        self.articles.update_article(article.id)
        self._update_list_title()
        verb = "已加书签" if marked else "已取消书签"
        self.notify(f"{verb}：{article.title}", markup=False, timeout=3)

    def sync_bookmarks(self) -> None:
        """Show bookmarks that another running instance or the command line has changed."""
        changed = self.state.refresh_bookmarks()
        if not changed:
            return
        if self.articles.bookmarks_only:
            self.articles.refresh_rows()
        else:
            for article_id in changed:
                self.articles.update_article(article_id)
        self._update_list_title()

    def action_toggle_read(self) -> None:
        article = self.current_article()
        if article is None:
            return
        now_read = self.state.toggle_read(article)
        self.articles.update_article(article.id)
        self._update_list_title()
        verb = "已读" if now_read else "标为未读"
        self.notify(f"{verb}：{article.title}", markup=False, timeout=3)

    def action_note(self) -> None:
        article = self.current_article()
        if article is None:
            return

        def saved(note: str | None) -> None:
            if note is None:
                return
            self.state.set_note(article, note)
            self.articles.update_article(article.id)
            self._update_list_title()
            said = "已保存备注" if note.strip() else "已删去备注"
            self.notify(f"{said}：{article.title}", markup=False, timeout=3)

        note = self.state.notes.get(article.id, "")
        self.app.push_screen(NoteScreen(article.title, note), saved)

    def export_bookmarks(self, folder: Path | None = None) -> Path | None:
        """Write every bookmark as Markdown into a folder (default: the user's documents)."""
        from ...bookmark_export import bookmarks_markdown, missing_files

        bookmarks = self.state.saved_bookmarks()
        if not bookmarks:
            self.notify("还没有书签可导出", timeout=3)
            return None
        try:
            target = (folder or _documents_dir()) / EXPORT_NAME
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(bookmarks_markdown(bookmarks, missing_files(bookmarks)), "utf-8")
        except OSError as exc:
            self.notify(f"书签未能导出：{exc}", severity="error", markup=False)
            return None
        self.notify(f"已导出 {len(bookmarks)} 个书签到 {target}", markup=False, timeout=8)
        return target

    def action_bookmarks_only(self) -> None:
        self.articles.set_bookmarks_only(not self.articles.bookmarks_only)
        self._update_list_title()

    def _gone_bookmarks(self) -> int:
        """How many bookmarks point at files now gone (bookmarks outlive their files)."""
        marked = frozenset(self.state.bookmarks)
        if self._gone_counted[0] != marked:
            from ...bookmark_export import missing_files

            library = self.library
            gone = missing_files(self.state.saved_bookmarks())
            listed = {i for i in gone if library is not None and library.get(i) is not None}
            self._gone_counted = (marked, len(gone - listed))
        return self._gone_counted[1]

    # figures and entities

    def action_next_figure(self) -> None:
        self.reader.next_figure()

    def action_previous_figure(self) -> None:
        self.reader.previous_figure()

    async def action_figures(self) -> None:
        await self._toggle_panel("figures")

    async def action_entities(self) -> None:
        reader = self.reader
        reader.show_entities = self.side_panel.kind != "entities" and self.article is not None
        await self._toggle_panel("entities")

    async def _toggle_panel(self, kind: str) -> None:
        panel = self.side_panel
        if panel.kind == kind:
            await self.close_panel()
            return
        if self.article is None:
            self.notify("请先打开一篇文章（在列表中按 enter）。", timeout=3)
            return
        if kind == "figures":
            self.reader.show_entities = False
        await panel.show(kind, self.article)  # type: ignore[arg-type]
        self.set_class(True, "panel-open")
        if panel.content is not None:
            panel.content.focus()

    async def close_panel(self) -> None:
        if self.side_panel.kind == "entities":
            self.reader.show_entities = False
        await self.side_panel.close()
        self.set_class(False, "panel-open")
        self.reader.focus()

    @on(FiguresPanel.FigureChosen)
    def _figure_chosen(self, message: FiguresPanel.FigureChosen) -> None:
        self.reader.scroll_to_figure(message.index)

    @on(ArticleReader.FigureSelected)
    def _figure_selected(self, message: ArticleReader.FigureSelected) -> None:
        content = self.side_panel.content
        if isinstance(content, FiguresPanel):
            content.highlight_figure(message.index)

    @on(EntitiesPanel.EntityChosen)
    async def _entity_chosen(self, message: EntitiesPanel.EntityChosen) -> None:
        await self.start_search(message.text)

    # copying

    def action_copy(self) -> None:
        """Copy the selection, else the current figure with its sentence, else the article."""
        text, what = self._what_to_copy()
        if not text:
            self.app.bell()
            return
        self.app.copy_to_clipboard(text)
        flat = " ".join(text.split())
        preview = flat if len(flat) <= 24 else flat[:24] + "…"
        self.notify(f"已复制{what}：{preview}", markup=False, timeout=3)

    def _what_to_copy(self) -> tuple[str, str]:
        selected = self.get_selected_text()
        if selected:
            return selected, "选中的文字"
        article = self.article
        if article is None:
            return "", ""
        content = self.side_panel.content
        # with the figures panel open, its highlighted figure (which n / N move too)
        figure = content.highlighted_figure if isinstance(content, FiguresPanel) else None
        if figure is not None and 0 <= figure < len(article.figures):
            sentence, _, _ = figure_sentence(article, article.figures[figure])
            return display_text(sentence)[0], "数字及其句子"
        return "\n".join(plain_text(article)).strip(), "全文"

    # navigation

    def action_step_article(self, step: int) -> None:
        """Open the next (or previous) article of the list or the results, focus staying put."""
        articles = self.articles
        row = articles.highlighted
        if self.article is not None and articles.highlighted_article is not self.article:
            # the cursor wandered: step from the open one
            row = articles.row_of(self.article.id)
        first = 0 if step > 0 else articles.option_count - 1
        target = first if row is None else row + step
        if not 0 <= target < articles.option_count:
            self.app.bell()
            self.notify("已是最后一篇" if step > 0 else "已是第一篇", timeout=2)
            return
        articles.highlighted = target
        article, hit = self._full(articles.highlighted_article), articles.highlighted_hit
        if article is not None:
            self.open_article(article, hit, focus_reader=self.focused is not articles)

    async def action_back(self) -> None:
        """One step back: close the panel, back to the list (or results), then leave search."""
        if self.side_panel.kind is not None:
            await self.close_panel()
        elif self.reader_pane.finding:
            self.reader_pane.end_find()
        elif not self._focus_in_list_pane():
            self.articles.focus()  # the results and their query stay as they were
        elif self.open_search_bar is not None:
            self.leave_search()
        elif self.focused is not self.articles:
            self.articles.focus()

    def _focus_in_list_pane(self) -> bool:
        focused = self.focused
        return focused is not None and self.query_one("#list-pane") in (
            focused,
            *focused.ancestors,
        )

    def on_resize(self, event: Resize) -> None:
        self.set_class(event.size.width < NARROW_WIDTH, "narrow")
        self.set_class(event.size.width < MEDIUM_WIDTH, "medium")

    def on_descendant_focus(self) -> None:
        # on a narrow terminal only one pane shows: the list, or the reader with its panel
        self.set_class(not self._focus_in_list_pane(), "reading")
        if self.focused is self._reader:
            self._mark_shown_read()


def _documents_dir() -> Path:
    from platformdirs import user_documents_dir

    return Path(user_documents_dir())
