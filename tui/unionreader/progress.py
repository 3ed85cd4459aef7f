"""Progress of a first open: files and articles done, and the time left, as one line."""

from __future__ import annotations

import time

# The pace is taken from the files finished after the first: the first waits for the workers
# to start and load their word lists and model, which would make the first estimate many times
# too long. No estimate is shown until the pace has been watched for this long and this many files.
STEADY_SECONDS = 1.0
STEADY_FILES = 3


class OpenProgress:
    """Counts files and articles as they finish and estimates the time left from the pace."""

    def __init__(self, clock: float | None = None) -> None:
        self.started = time.monotonic() if clock is None else clock
        self.done = 0
        self.total = 0
        self.articles = 0
        self.now = self.started
        self._first: tuple[int, float] | None = None  # files done and time at the first report

    def update(self, done: int, total: int, new_articles: int, now: float | None = None) -> None:
        self.done, self.total = done, total
        self.articles += new_articles
        self.now = time.monotonic() if now is None else now
        if self._first is None and done:
            self._first = (done, self.now)

    def seconds_left(self) -> float | None:
        """None until the pace after the first finished files is known."""
        if self._first is None or self.done >= self.total:
            return None
        first_done, first_time = self._first
        files, elapsed = self.done - first_done, self.now - first_time
        if files < STEADY_FILES or elapsed < STEADY_SECONDS:
            return None
        return elapsed * (self.total - self.done) / files

    def line(self, unit: str = "files", counted: bool = True) -> str:
        """'files 3/125 · 340 articles · about 0:12 left' (without the articles counted:
        'articles 1200/5000 · about 0:12 left')."""
        text = f"{unit} {self.done}/{self.total}"
        if counted:
            text += f" · {self.articles} articles"
        left = self.seconds_left()
        if left is not None:
            text += f" · about {format_duration(left)} left"
        return text


def format_duration(seconds: float) -> str:
    seconds = max(0, round(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
