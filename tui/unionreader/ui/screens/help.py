"""The help screen: every key, built from the bindings' own descriptions."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

KEY_COLUMN = 18
SPELLED_OUT = {"enter": "enter", "escape": "esc"}  # words read better than glyphs in a key list


def key_rows(
    bindings: Iterable[BindingType], display: Callable[[Binding], str]
) -> list[tuple[str, str]]:
    """(keys, what they do) per distinct action; the tooltip is the longer wording if any."""
    rows: dict[str, list[str]] = {}
    for binding in bindings:
        if not isinstance(binding, Binding) or not binding.description:
            continue
        keys = rows.setdefault(binding.tooltip or binding.description, [])
        for key in binding.key.split(","):
            shown = display(Binding(key.strip(), binding.action, binding.description))
            if shown not in keys:
                keys.append(shown)
    return [(" ".join(keys), description) for description, keys in rows.items()]


def help_text(sections: Sequence[tuple[str, list[tuple[str, str]]]]) -> Table:
    """Keys and what they do in two columns; a long description wraps in its own column."""
    table = Table.grid(padding=(0, 1))
    table.add_column(width=KEY_COLUMN + 1, no_wrap=True)
    table.add_column(ratio=1, overflow="fold")
    for number, (title, rows) in enumerate(sections):
        if number:
            table.add_row("", "")
        table.add_row(Text(title, style="bold"), "")
        for keys, description in rows:
            table.add_row(Text(f"  {keys}", style="bold"), Text(description))
    return table


class HelpScreen(ModalScreen[None]):
    """Lists every key of the app, grouped by where it acts."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark,f1", "dismiss", "关闭帮助"),
        Binding("j,down", "scroll('down')", "向下滚动", show=False),
        Binding("k,up", "scroll('up')", "向上滚动", show=False),
        Binding("space,pagedown", "scroll('page_down')", "下一页", show=False),
        Binding("pageup", "scroll('page_up')", "上一页", show=False),
        Binding("g,home", "scroll('home')", "顶部", show=False),
        Binding("G,end", "scroll('end')", "底部", show=False),
    ]

    def __init__(self, sections: Sequence[tuple[str, Sequence[BindingType]]]) -> None:
        super().__init__()
        self._sections = sections

    def compose(self) -> ComposeResult:
        def display(binding: Binding) -> str:
            return SPELLED_OUT.get(binding.key) or self.app.get_key_display(binding)

        rows = [(title, key_rows(bindings, display)) for title, bindings in self._sections]
        with VerticalScroll(id="help-body") as body:
            body.border_title = "按键"
            body.border_subtitle = "esc 关闭"
            yield Static(help_text(rows), id="help-text")

    def action_scroll(self, where: str) -> None:
        body = self.query_one("#help-body", VerticalScroll)
        move = {
            "down": body.scroll_down,
            "up": body.scroll_up,
            "page_down": body.scroll_page_down,
            "page_up": body.scroll_page_up,
            "home": body.scroll_home,
            "end": body.scroll_end,
        }.get(where)
        if move is not None:
            move(animate=False)
