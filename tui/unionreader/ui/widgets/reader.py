"""Plain article reader used until the full CJK reader lands (same public API)."""

from __future__ import annotations

from collections.abc import Iterable
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
    """Shows one article as plain wrapped text; offsets are screen lines."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "next_figure", "Next figure"),
        Binding("N", "previous_figure", "Previous figure"),
        Binding("j,down", "scroll_down", "Down", show=False),
        Binding("k,up", "scroll_up", "Up", show=False),
        Binding("g,home", "scroll_home", "Top", show=False),
        Binding("G,end", "scroll_end", "Bottom", show=False),
        Binding("space,pagedown", "page_down", "Page down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
    ]

    show_entities: reactive[bool] = reactive(False)
    current_figure: reactive[int | None] = reactive(None)

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
        self._article: Article | None = None

    @property
    def article(self) -> Article | None:
        return self._article

    @property
    def reading_offset(self) -> int:
        return round(self.scroll_y)

    def compose(self):
        yield Static(id="reader-text")

    def show_article(self, article: Article | None, scroll_to: int = 0) -> None:
        self._article = article
        self.current_figure = None
        text = Text()
        if article is not None:
            text.append(article.title + "\n\n", style="bold")
            for block in article.blocks:
                text.append(block.text + "\n\n")
        self.query_one("#reader-text", Static).update(text)
        self.call_after_refresh(self.scroll_to, 0, scroll_to, animate=False)

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        if self._article is not None:
            self.post_message(self.ScrollChanged(self._article.id, round(new)))

    def next_figure(self) -> None:
        self._select_figure(+1)

    def previous_figure(self) -> None:
        self._select_figure(-1)

    def action_next_figure(self) -> None:
        self.next_figure()

    def action_previous_figure(self) -> None:
        self.previous_figure()

    def scroll_to_figure(self, index: int) -> None:
        if self._article is not None and 0 <= index < len(self._article.figures):
            self.current_figure = index
            self.post_message(self.FigureSelected(index))

    def scroll_to_span(
        self, field: str, block: int | None, start: int, end: int | None = None
    ) -> None:
        if field == "block" and block is not None:
            self.scroll_to(0, 2 + 2 * block, animate=False)

    def set_search_matches(self, matches: Iterable[tuple]) -> None:
        pass

    def _select_figure(self, step: int) -> None:
        if self._article is None or not self._article.figures:
            return
        current = -1 if self.current_figure is None and step > 0 else (self.current_figure or 0)
        self.scroll_to_figure((current + step) % len(self._article.figures))


class FiguresPanel(OptionList):
    """The article's key figures, one per row."""

    class FigureChosen(Message):
        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(self, article: Article | None = None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.show_article(article)

    def show_article(self, article: Article | None) -> None:
        self.clear_options()
        if article is not None:
            self.add_options(Option(Text(f.text)) for f in article.figures)

    def on_mount(self) -> None:
        if self.option_count:
            self.highlighted = 0

    def highlight_figure(self, index: int) -> None:
        self.highlighted = index

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

    def __init__(self, article: Article | None = None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.show_article(article)

    def show_article(self, article: Article | None) -> None:
        self._entities = list(article.entities) if article is not None else []
        self.clear_options()
        self.add_options(Option(Text(f"{e.text} {e.type}")) for e in self._entities)

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        entity = self._entities[event.option_index]
        self.post_message(self.EntityChosen(entity.text, entity.type))


class FigureLegend(Static):
    """Names the figure kinds of the article on show."""

    def show_kinds(self, kinds: Iterable[str] | None) -> None:
        self.update(Text("  ".join(dict.fromkeys(kinds or ()))))
