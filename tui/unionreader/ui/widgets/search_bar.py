"""The search box: typing filters the list live; up/down move in the results; escape leaves."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Input


class SearchBar(Input):
    """A one-line query box shown above the article list while searching."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "submit", "打开第一条（或选中的）结果", show=False),
        Binding("escape", "leave", "退出搜索", show=True),
        Binding("down", "move(1)", "下一条结果", show=False),
        Binding("up", "move(-1)", "上一条结果", show=False),
    ]

    class Left(Message):
        """The person pressed escape: the search is over."""

    class Move(Message):
        """Move the highlight in the results without leaving the box."""

        def __init__(self, step: int) -> None:
            super().__init__()
            self.step = step

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(placeholder="搜索标题、名称、正文、拼音…", id=id)

    def action_leave(self) -> None:
        self.post_message(self.Left())

    def action_move(self, step: int) -> None:
        self.post_message(self.Move(step))
