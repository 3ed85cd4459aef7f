"""The bookmark note box: add, edit or clear the note kept with an article's bookmark."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static


class NoteScreen(ModalScreen[str | None]):
    """Asks for a note; dismissed with the text (enter) or None (escape)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "取消", show=False),
    ]

    DEFAULT_CSS = """
    NoteScreen {
        align: center middle;
    }
    #note-body {
        width: 64;
        max-width: 100%;
        height: auto;
        border: round $accent;
        background: $surface;
        padding: 0 1;
    }
    #note-title {
        color: $text;
    }
    #note-help {
        color: $text-muted;
    }
    """

    def __init__(self, title: str, note: str) -> None:
        super().__init__()
        self._title = title
        self._note = note

    def compose(self) -> ComposeResult:
        with Vertical(id="note-body") as body:
            body.border_title = "书签备注"
            yield Static(Content(self._title), id="note-title")  # a title from a file: no markup
            yield Input(self._note, placeholder="写点什么…", id="note-input")
            yield Static("enter 保存（留空则删去备注） · esc 取消", id="note-help")

    @on(Input.Submitted, "#note-input")
    def _save(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)
