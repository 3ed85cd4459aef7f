"""A one-line progress indicator shown while the library is being opened."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from ...progress import OpenProgress, format_duration

BAR_WIDTH = 20


class LoadingStatus(Static):
    """'读取文件 3/5 ━━━━━━━━╺━━━ 34 篇文章 · 约剩 0:12'; hidden when done.

    Drawn as text, not an animated bar: nothing repaints while the loader works.
    """

    def on_mount(self) -> None:
        self.progress = OpenProgress()
        self.update("正在打开文库…")

    def update_progress(self, done: int, total: int, articles: int) -> None:
        self.display = True  # shown again when a warm start's look at the files finds work
        progress = self.progress
        progress.update(done, total, articles - progress.articles)
        self._draw("读取文件", f" {articles} 篇文章")

    def update_indexing(self, done: int, total: int) -> None:
        """'建立搜索索引 1200/5000 ━━━━╺━━━ · 约剩 0:08': the articles a large open stored are
        given their search rows; the list can be read meanwhile."""
        self.display = True
        progress = self.progress
        if progress.total != total or done < progress.done:  # a new phase: a new pace
            self.progress = progress = OpenProgress()
        progress.update(done, total, 0)
        self._draw("建立搜索索引")

    def _draw(self, label: str, counted: str = "") -> None:
        """The label, done/total, the bar, what was counted, and the time left if known."""
        done, total = self.progress.done, self.progress.total
        filled = BAR_WIDTH * done // max(total, 1)
        line = Text(f"{label} {done}/{total} ")
        line.append("━" * filled, style="bold")
        line.append("╺" + "━" * (BAR_WIDTH - filled - 1) if filled < BAR_WIDTH else "", "dim")
        line.append(counted)
        left = self.progress.seconds_left()
        if left is not None:
            line.append(f" · 约剩 {format_duration(left)}", style="dim")
        self.update(line)

    def finish(self) -> None:
        self.display = False
