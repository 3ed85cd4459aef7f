"""The find box of the reader pane: finds text in the open article; escape ends the find."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Input


class FindBar(Input):
    """A one-line box above the article; typing marks matches, enter goes back to reading."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "submit", "回到正文（n / N 逐处查看）", show=False),
        Binding("escape", "leave", "结束查找", show=True),
    ]

    class Left(Message):
        """The person pressed escape: the find is over."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(placeholder="在本文中查找…", id=id)

    def action_leave(self) -> None:
        self.post_message(self.Left())
