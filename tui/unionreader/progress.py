"""Progress of a first open: files and articles done, and the time left, as one line."""

from __future__ import annotations

import time


class OpenProgress:
    """Counts files and articles as they finish and estimates the time left from the pace."""

    def __init__(self, clock: float | None = None) -> None:
        self.started = time.monotonic() if clock is None else clock
        self.done = 0
        self.total = 0
        self.articles = 0
        self.now = self.started

    def update(self, done: int, total: int, new_articles: int, now: float | None = None) -> None:
        self.done, self.total = done, total
        self.articles += new_articles
        self.now = time.monotonic() if now is None else now

    def seconds_left(self) -> float | None:
        """None until a file has finished (no pace to go by yet)."""
        if not self.done or self.done >= self.total:
            return None
        elapsed = self.now - self.started
        return elapsed * (self.total - self.done) / self.done

    def line(self) -> str:
        """'files 3/125 · 340 articles · about 0:12 left'."""
        text = f"files {self.done}/{self.total} · {self.articles} articles"
        left = self.seconds_left()
        if left is not None:
            text += f" · about {format_duration(left)} left"
        return text


def format_duration(seconds: float) -> str:
    seconds = max(0, round(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
