"""A one-line legend of figure colours: which colour means people, money, dates..."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from .figure_kinds import FIGURE_CLASSES, FIGURE_KINDS, kind_label, kind_style


class FigureLegend(Widget):
    """`■ 人数  ■ 金额 …` in the colours the reader gives each kind of figure."""

    DEFAULT_CSS = """
    FigureLegend {
        height: 1;
        width: 1fr;
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = set(FIGURE_CLASSES)

    kinds: reactive[tuple[str, ...]] = reactive(FIGURE_KINDS)
    """The kinds listed, in this order."""

    def show_kinds(self, kinds: Iterable[str] | None) -> None:
        """List only these kinds (those of the article on show); None lists every kind.

        With no kinds to list (no article, or one without figures) the legend is hidden.
        """
        self.kinds = FIGURE_KINDS if kinds is None else tuple(dict.fromkeys(kinds))

    def watch_kinds(self, kinds: tuple[str, ...]) -> None:
        self.display = bool(kinds)

    def render(self) -> Text:
        legend = Text(no_wrap=True, overflow="ellipsis", end="")
        for position, kind in enumerate(self.kinds):
            if position:
                legend.append("  ")
            style = kind_style(self, kind)
            legend.append("■ ", style)
            legend.append(kind_label(kind), style)
        return legend
