"""The entities panel: people, organisations and places of an article, grouped, with counts."""

from __future__ import annotations

from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...model import Article
from .article_options import ArticleOptionList

TYPE_LABELS = {"person": "人物", "org": "机构", "place": "地点"}
ENTITY_CLASSES = frozenset(f"reader--entity-{kind}" for kind in TYPE_LABELS)


class EntitiesPanel(ArticleOptionList):
    """Entities by type, most-named first; choosing one asks the app to search for it."""

    COMPONENT_CLASSES = OptionList.COMPONENT_CLASSES | ENTITY_CLASSES

    class EntityChosen(Message):
        """The user chose an entity: its name and type (person | org | place)."""

        def __init__(self, text: str, type: str) -> None:
            super().__init__()
            self.text = text
            self.type = type

    def __init__(self, article: Article | None = None, **kwargs: str | None) -> None:
        self._choices: dict[str, tuple[str, str]] = {}  # option id -> (name, type)
        super().__init__(article, **kwargs)

    def _rebuild(self, keep_highlight: bool = False) -> None:
        highlighted = self.highlighted
        self._choices = {}
        self.clear_options()
        article = self._article
        if article is None:
            return
        options: list[Option | None] = []
        for kind, label in TYPE_LABELS.items():
            group = sorted(
                (e for e in article.entities if e.type == kind),
                key=lambda e: (-e.count, e.text),
            )
            if not group:
                continue
            if options:
                options.append(None)  # a divider between groups
            style = self.get_component_rich_style(f"reader--entity-{kind}", partial=True)
            heading = Text(f"{label}（{len(group)}）", style=style + Style(bold=True), end="")
            options.append(Option(heading, disabled=True))
            for entity in group:
                option_id = f"entity-{len(self._choices)}"
                self._choices[option_id] = (entity.text, entity.type)
                # a name met only in the bylines (a reporter, a photographer) is not counted
                count = Text(f"×{entity.count}" if entity.count else "署名", end="")
                if not entity.count:
                    count.stylize("dim")
                options.append(
                    Option(_name_row(Text(entity.text, style, end=""), count), id=option_id)
                )
        if not options:
            empty = Text("（本文没有识别出人物、机构或地点）", end="")
            options.append(Option(empty, disabled=True))
        self.add_options(options)
        if keep_highlight and highlighted is not None:
            self.highlighted = highlighted

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        choice = self._choices.get(event.option.id or "")
        if choice is not None:
            self.post_message(self.EntityChosen(*choice))


def _name_row(name: Text, count: Text) -> Table:
    """A name and its count: a long name wraps in its own column, the count stays at the right."""
    row = Table.grid(padding=(0, 0, 0, 2), pad_edge=True, expand=True)
    row.add_column(ratio=1, overflow="fold")
    row.add_column(justify="right", no_wrap=True)
    row.add_row(name, count)
    return row
