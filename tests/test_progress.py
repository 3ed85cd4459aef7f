"""The first open's progress line: files, articles, and a time left from the steady pace."""

from __future__ import annotations

from unionreader.progress import OpenProgress, format_duration


def test_no_estimate_before_any_file() -> None:
    progress = OpenProgress(clock=0.0)
    progress.update(0, 10, 0, now=5.0)
    assert progress.seconds_left() is None
    assert progress.line() == "files 0/10 · 0 articles"


def test_slow_start_does_not_inflate_the_estimate() -> None:
    # the first file takes 20 s (workers starting), then one file a second
    progress = OpenProgress(clock=0.0)
    progress.update(1, 100, 5, now=20.0)
    assert progress.seconds_left() is None  # one file is no pace
    for done in range(2, 11):
        progress.update(done, 100, 5, now=20.0 + (done - 1))
    left = progress.seconds_left()
    assert left is not None and abs(left - 90.0) < 1e-9
    assert progress.line() == "files 10/100 · 50 articles · about 1:30 left"


def test_no_estimate_when_done() -> None:
    progress = OpenProgress(clock=0.0)
    for done in range(1, 6):
        progress.update(done, 5, 1, now=float(done))
    assert progress.seconds_left() is None


def test_durations() -> None:
    assert format_duration(-3) == "0:00"
    assert format_duration(59.6) == "1:00"
    assert format_duration(3725) == "1:02:05"
