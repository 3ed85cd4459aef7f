"""An option list built from one article: rebuilt when the article or the theme changes."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import OptionList

from ...model import Article


class ArticleOptionList(OptionList):
    """Base of the side panels: subclasses say how an article becomes options (`_rebuild`).

    The panels move like the article list (j/k, g/G as well as the arrows)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "cursor_down", "下一项", show=False),
        Binding("k,up", "cursor_up", "上一项", show=False),
        Binding("g,home", "first", "第一项", show=False),
        Binding("G,end", "last", "最后一项", show=False),
        Binding("pagedown", "page_down", "下一页", show=False),
        Binding("pageup", "page_up", "上一页", show=False),
        Binding("enter", "select", "选定：跳到该数字，或搜索该名称", show=False),
    ]

    def __init__(
        self,
        article: Article | None = None,
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._article = article

    def show_article(self, article: Article | None) -> None:
        """Show the options of another article (or none)."""
        self._article = article
        if self.is_mounted:
            self._rebuild()

    def on_mount(self) -> None:
        self._rebuild()
        # the options carry colours from the theme: rebuilt once a new theme's styles are in
        self.watch(self.app, "theme", self._theme_changed, init=False)

    def _theme_changed(self) -> None:
        self.call_after_refresh(self._restyle)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        if self.is_mounted:
            self._restyle()

    def _restyle(self) -> None:
        self._rebuild(keep_highlight=True)

    def _rebuild(self, keep_highlight: bool = False) -> None:
        raise NotImplementedError
