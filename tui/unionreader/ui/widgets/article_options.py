"""An option list built from one article: rebuilt when the article or the theme changes."""

from __future__ import annotations

from textual.widgets import OptionList

from ...corpus.model import Article


class ArticleOptionList(OptionList):
    """Base of the side panels: subclasses say how an article becomes options (`_rebuild`)."""

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

    def on_mount(self) -> None:
        self._rebuild()

    def show_article(self, article: Article | None) -> None:
        """Show the options of another article (or none)."""
        self._article = article
        if self.is_mounted:
            self._rebuild()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        if self.is_mounted:
            self._rebuild(keep_highlight=True)  # the options' colours come from the theme

    def _rebuild(self, keep_highlight: bool = False) -> None:
        raise NotImplementedError
