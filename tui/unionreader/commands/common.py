"""What the sub-commands share: opening the library with clear errors, printing JSON."""

from __future__ import annotations

import argparse
import json
import os
import shlex
import sys
from collections.abc import Iterable, Sequence
from typing import Any, TypeVar

from ..library import Library
from ..model import Article
from ..progress import OpenProgress


class UsageError(Exception):
    """A problem the user can fix: printed as one line, exit status 2 (or the one given)."""

    def __init__(self, message: str, status: int = 2) -> None:
        super().__init__(message)
        self.status = status


def add_paths(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths", nargs="*", metavar="PATH", help="files or folders to read (default: the seeds)"
    )


def open_library(paths: list[str] | None) -> Library:
    """Open the library; missing paths are usage errors, file problems go to stderr.

    While new files are analysed, a terminal's stderr shows files, articles and time left.
    Given paths from which no article at all was read end the command with status 1.
    """
    report = _stderr_progress(_StderrProgress)
    try:
        library = Library.open(paths or None, on_progress=report)
    except FileNotFoundError as exc:
        raise UsageError(str(exc).strip("'\"")) from exc
    finally:
        if report is not None:
            report.close()
    for problem in library.problems:
        print(f"unionreader: warning: {problem}", file=sys.stderr)
    if paths and not library.archive.count():
        why = "nothing could be read" if library.problems else "no text files with articles"
        raise UsageError(f"no articles in {' '.join(paths)}: {why}", status=1)
    return library


class _StderrProgress:
    """One self-rewriting stderr line, at most five times a second, wiped when done."""

    INTERVAL = 0.2

    def __init__(self) -> None:
        self.progress = OpenProgress()
        self.shown = 0.0
        self.written = False

    def __call__(self, done: int, total: int, new: Sequence[Article]) -> None:
        self.progress.update(done, total, len(new))
        self._show("analysing", self.progress.line())

    def _show(self, doing: str, line: str) -> None:
        now = self.progress.now
        if now - self.shown < self.INTERVAL or now - self.progress.started < self.INTERVAL:
            return  # a warm open finishes before anything is worth showing
        self.shown = now
        self.written = True
        sys.stderr.write(f"\runionreader: {doing} {line}\x1b[K")
        sys.stderr.flush()

    def close(self) -> None:
        if self.written:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()


class _StderrIndexing(_StderrProgress):
    """The same line while the articles of a large first open get their search rows."""

    def __call__(self, done: int, total: int, new: Sequence[Article] = ()) -> None:
        self.progress.update(done, total, 0)
        self._show("indexing for search", self.progress.line("articles", counted=False))


def index_for_search(library: Library) -> None:
    """Give the articles a large first open stored their search rows, before a search; a
    terminal's stderr shows how far it is."""
    report = _stderr_progress(_StderrIndexing)
    try:
        library.index_pending(on_progress=report)
    finally:
        if report is not None:
            report.close()


_Line = TypeVar("_Line", bound=_StderrProgress)


def _stderr_progress(kind: type[_Line]) -> _Line | None:
    """A progress line of this kind when stderr is a terminal, else None."""
    try:
        return kind() if sys.stderr.isatty() else None
    except (AttributeError, ValueError):
        return None


def get_article(library: Library, article_id: str) -> Article:
    article = library.get(article_id)
    if article is None:
        if os.path.exists(article_id):
            quoted = shlex.quote(article_id)
            raise UsageError(
                f"{article_id!r} is a file or folder, not an article id: "
                f"`unionreader list {quoted}` lists its articles with their ids, "
                f"`unionreader show ID {quoted}` shows one"
            )
        raise UsageError(f"no article with id {article_id!r} (see `unionreader list`)")
    return article


def print_json_stream(items: Iterable[Any]) -> None:
    """A JSON array written item by item, formatted as print_json would (memory stays flat)."""
    out = sys.stdout
    first = True
    for item in items:
        text = json.dumps(item, ensure_ascii=False, indent=2).replace("\n", "\n  ")
        out.write(("[\n  " if first else ",\n  ") + text)
        first = False
    out.write("[]\n" if first else "\n]\n")


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
