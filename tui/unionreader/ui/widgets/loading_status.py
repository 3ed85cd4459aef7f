"""A one-line progress indicator shown while the library is being opened."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from ...progress import OpenProgress, format_duration

BAR_WIDTH = 20


class LoadingStatus(Static):
    """'Reading files 3/5 ━━━━━━━━╺━━━ 34 articles · about 0:12 left'; hidden when done.

    Drawn as text, not an animated bar: nothing repaints while the loader works.
    """

    def on_mount(self) -> None:
        self.progress = OpenProgress()
        self.update("Opening the library…")

    def update_progress(self, done: int, total: int, articles: int) -> None:
        progress = self.progress
        progress.update(done, total, articles - progress.articles)
        filled = BAR_WIDTH * done // max(total, 1)
        line = Text(f"Reading files {done}/{total} ")
        line.append("━" * filled, style="bold")
        line.append("╺" + "━" * (BAR_WIDTH - filled - 1) if filled < BAR_WIDTH else "", "dim")
        line.append(f" {articles} articles")
        left = progress.seconds_left()
        if left is not None:
            line.append(f" · about {format_duration(left)} left", style="dim")
        self.update(line)

    def finish(self) -> None:
        self.display = False
