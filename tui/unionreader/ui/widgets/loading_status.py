"""A one-line progress indicator shown while the library is being opened."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label, ProgressBar


class LoadingStatus(Horizontal):
    """'Reading files 3/5 · 34 articles' with a progress bar; hidden when loading is done."""

    def compose(self) -> ComposeResult:
        yield Label("Opening the library…", id="loading-label")
        yield ProgressBar(show_eta=False, show_percentage=False, id="loading-bar")

    def update_progress(self, done: int, total: int, articles: int) -> None:
        self.query_one("#loading-label", Label).update(
            f"Reading files {done}/{total} · {articles} articles "
        )
        self.query_one("#loading-bar", ProgressBar).update(total=max(total, 1), progress=done)

    def finish(self) -> None:
        self.display = False
