"""The key bar: the keys that work where the focus is, drawn as one line by one widget."""

from __future__ import annotations

from typing import ClassVar, NamedTuple

from rich.text import Text
from textual import events
from textual.screen import Screen
from textual.widget import Widget


class Key(NamedTuple):
    """One entry of the bar: the key to press and what it does."""

    key: str
    display: str
    description: str
    enabled: bool


class KeyBar(Widget):
    """Like Textual's Footer, but one widget drawing one line: no widget per key to mount and
    style, and the keys are there on the first frame (the Footer composes them a frame later).
    It redraws when the focus (and so the keys that apply) changes; a click presses the key."""

    ALLOW_SELECT = False

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        background: $footer-background;
        & > .key-bar--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .key-bar--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {"key-bar--key", "key-bar--description"}

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._hot: list[tuple[int, int, Key]] = []  # cell ranges of the last drawing

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen) -> None:
        if self.is_attached and screen is self.screen:
            self.refresh()

    def keys(self) -> tuple[list[Key], list[Key]]:
        """The keys on the left (one per action, in binding order) and those kept on the right:
        help and the command palette, which stay in view when the line is too short."""
        left: dict[str, Key] = {}
        help_key: Key | None = None
        palette: Key | None = None
        app = self.app
        for _node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            key = Key(binding.key, app.get_key_display(binding), binding.description, enabled)
            if app.ENABLE_COMMAND_PALETTE and binding.key == app.COMMAND_PALETTE_BINDING:
                palette = key._replace(description="命令")
            elif binding.show and binding.action == "help":
                help_key = help_key or key
            elif binding.show:
                left.setdefault(binding.action, key)
        return list(left.values()), [key for key in (help_key, palette) if key is not None]

    def render(self) -> Text:
        left, right = self.keys()
        width = self.size.width
        tail, tail_hot = self._draw(right)
        room = max(0, width - tail.cell_len)
        line, hot = self._draw(left)
        line.truncate(room, overflow="ellipsis", pad=True)
        self._hot = [(start, min(end, room), key) for start, end, key in hot if start < room]
        self._hot += [(start + room, end + room, key) for start, end, key in tail_hot]
        line.append_text(tail)
        line.truncate(width, overflow="ellipsis")
        return line

    def _draw(self, keys: list[Key]) -> tuple[Text, list[tuple[int, int, Key]]]:
        """The keys as one run of text, with the cells each one takes."""
        key_style = self.get_component_rich_style("key-bar--key")
        description_style = self.get_component_rich_style("key-bar--description")
        line = Text(no_wrap=True, end="")
        hot = []
        for key in keys:
            start = line.cell_len
            line.append(f" {key.display} ", key_style)
            line.append(f"{key.description} ", description_style)
            if not key.enabled:
                line.stylize("dim", start)
            hot.append((start, line.cell_len, key))
        return line, hot

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self._hot:
            if start <= event.x < end:
                if key.enabled:
                    self.app.simulate_key(key.key)
                else:
                    self.app.bell()
                return
