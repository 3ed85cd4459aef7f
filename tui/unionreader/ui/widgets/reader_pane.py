"""The reader pane: the article, its figure legend and the find box, under the article's title."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input

from ...model import Article, Location
from .find_bar import FindBar
from .legend import FigureLegend
from .reader import ArticleReader

# what a step past the end, or back past the start, says
_WRAPPED = {
    "find": ("已过最后一处，回到第一处", "已过第一处，回到最后一处"),
    "figure": ("已过最后一个数字，回到第一个", "已过第一个数字，回到最后一个"),
}


class ReaderPane(Vertical):
    """Shows one article; the border says which, and where a find or a figure step stands."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._find_bar: FindBar | None = None  # made on the first find

    def compose(self) -> ComposeResult:
        yield ArticleReader(id="reader")
        legend = FigureLegend(id="legend")
        legend.show_kinds(())  # shown once an article with figures is open
        yield legend

    @property
    def reader(self) -> ArticleReader:
        return self.query_one(ArticleReader)

    @property
    def finding(self) -> bool:
        """A find is shown: its box, or its matches in the article."""
        bar = self._find_bar
        return self.reader.finding or (bar is not None and bar.display)

    def show(
        self,
        article: Article,
        *,
        scroll_to: int = 0,
        query: str | None = None,
        at: Location | None = None,
    ) -> None:
        """Show an article at a position; opened from a search, its query is marked and the
        hit (`at`) brought into view."""
        if self._find_bar is not None:
            self._find_bar.display = False  # a find belongs to the article it was made in
        reader = self.reader
        reader.show_article(article, scroll_to=scroll_to)
        if query is not None:
            reader.mark_query(query, at)
        self.query_one(FigureLegend).show_kinds(f.kind for f in article.figures)
        self.border_title = Content(article.title)  # never markup
        self.border_subtitle = ""

    # find in the article

    @on(ArticleReader.FindRequested)
    async def _find_requested(self) -> None:
        bar = self._find_bar
        if bar is None:
            bar = self._find_bar = FindBar(id="find")
            await self.mount(bar, before=self.reader)
        bar.display = True
        bar.focus()
        if bar.value:
            self._find(bar.value)

    @on(Input.Changed, "#find")
    def _find_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._find(event.value)

    def _find(self, query: str) -> None:
        count = self.reader.find(query)
        if not query.strip():
            self.border_subtitle = ""
        elif not count:
            self.border_subtitle = "查找：没有找到"

    @on(Input.Submitted, "#find")
    def _find_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.reader.focus()

    @on(FindBar.Left)
    def end_find(self) -> None:
        """Close the find box and clear its marks; reading goes on where it was."""
        bar = self._find_bar
        if bar is not None:
            bar.display = False
        self.reader.clear_find()
        self.border_subtitle = ""
        self.reader.focus()

    @on(ArticleReader.FindMoved)
    def _find_moved(self, message: ArticleReader.FindMoved) -> None:
        self.border_subtitle = f"查找 {message.position}/{message.total}"
        self._say_wrapped(message.wrapped, "find")

    # stepping through figures

    @on(ArticleReader.FigureSelected)
    def _figure_selected(self, message: ArticleReader.FigureSelected) -> None:
        # not stopped: the screen highlights the figure in the figures panel too
        self.border_subtitle = f"数字 {message.position}/{message.total}"
        self._say_wrapped(message.wrapped, "figure")

    def _say_wrapped(self, wrapped: int, what: str) -> None:
        """A step that went round the end (1) or the start (-1) says so."""
        if wrapped:
            self.notify(_WRAPPED[what][0 if wrapped > 0 else 1], timeout=3)
