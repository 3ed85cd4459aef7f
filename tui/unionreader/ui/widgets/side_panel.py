"""The panel beside the reader: the article's figures or its named entities."""

from __future__ import annotations

from typing import Literal

from textual.containers import Vertical

from ...model import Article
from .reader import EntitiesPanel, FiguresPanel

PanelKind = Literal["figures", "entities"]
TITLES = {"figures": "关键数字", "entities": "名称"}


class SidePanel(Vertical):
    """Holds one FiguresPanel or EntitiesPanel (the screen shows it while one is open)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.kind: PanelKind | None = None
        self.article: Article | None = None

    async def show(self, kind: PanelKind, article: Article) -> None:
        """Show the given panel for the article (replacing whatever was shown)."""
        await self.remove_children()
        self.kind, self.article = kind, article
        panel = FiguresPanel(article) if kind == "figures" else EntitiesPanel(article)
        panel.add_class("side-panel-content")
        self.border_title = TITLES[kind]
        await self.mount(panel)

    def show_article(self, article: Article) -> None:
        """Follow the reader to another article (the open panel lists its figures or names)."""
        content = self.content
        if content is not None:
            self.article = article
            content.show_article(article)

    async def close(self) -> None:
        await self.remove_children()
        self.kind, self.article = None, None

    @property
    def content(self):
        children = self.children
        return children[0] if children else None
