"""Plain article reader used until the full CJK reader lands (same public API)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ...corpus.model import Article


class ArticleReader(VerticalScroll, can_focus=True):
    """Shows one article as plain wrapped text."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "scroll_down", "Scroll down", show=False),
        Binding("k,up", "scroll_up", "Scroll up", show=False),
        Binding("g,home", "scroll_home", "Top", show=False),
        Binding("G,end", "scroll_end", "Bottom", show=False),
        Binding("space,pagedown", "page_down", "Page down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
    ]

    show_entities: reactive[bool] = reactive(False)

    class ScrollChanged(Message):
        def __init__(self, article_id: str, offset: int) -> None:
            super().__init__()
            self.article_id = article_id
            self.offset = offset

    class FigureSelected(Message):
        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.article: Article | None = None
        self.figure_index = -1

    def compose(self):
        yield Static(id="reader-text")

    def show_article(self, article: Article | None, scroll_to: int = 0) -> None:
        self.article = article
        self.figure_index = -1
        text = Text()
        if article is not None:
            text.append(article.title + "\n\n", style="bold")
            for block in article.blocks:
                text.append(block.text + "\n\n")
        self.query_one("#reader-text", Static).update(text)
        self.call_after_refresh(self.scroll_to, 0, scroll_to, animate=False)

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        if self.article is not None:
            self.post_message(self.ScrollChanged(self.article.id, round(new)))

    def next_figure(self) -> None:
        self._select_figure(self.figure_index + 1)

    def previous_figure(self) -> None:
        self._select_figure(self.figure_index - 1)

    def scroll_to_figure(self, index: int) -> None:
        self._select_figure(index)

    def scroll_to_span(self, field: str, block: int | None, start: int) -> None:
        if field == "block" and block is not None:
            self.scroll_to(0, 2 + 2 * block, animate=False)

    def _select_figure(self, index: int) -> None:
        if self.article is None or not self.article.figures:
            return
        self.figure_index = index % len(self.article.figures)
        self.post_message(self.FigureSelected(self.figure_index))


class FiguresPanel(OptionList):
    """The article's key figures, one per row."""

    class FigureChosen(Message):
        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(self, article: Article, *, id: str | None = None) -> None:
        super().__init__(*(Option(Text(f.text)) for f in article.figures), id=id)

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.FigureChosen(event.option_index))


class EntitiesPanel(OptionList):
    """The article's people, organisations and places."""

    class EntityChosen(Message):
        def __init__(self, text: str, type: str) -> None:
            super().__init__()
            self.text = text
            self.type = type

    def __init__(self, article: Article, *, id: str | None = None) -> None:
        self._entities = list(article.entities)
        super().__init__(*(Option(Text(f"{e.text} {e.type}")) for e in self._entities), id=id)

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        entity = self._entities[event.option_index]
        self.post_message(self.EntityChosen(entity.text, entity.type))


class FigureLegend(Static):
    """Names the figure kinds."""
