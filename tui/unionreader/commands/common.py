"""What the sub-commands share: opening the library with clear errors, printing JSON."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from ..library import Library
from ..model import Article


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

    Given paths from which no article at all was read end the command with status 1.
    """
    try:
        opened = Library.open(paths or None)
    except FileNotFoundError as exc:
        raise UsageError(str(exc).strip("'\"")) from exc
    assert opened is not None  # None only when asked for the cache alone
    library = opened
    for problem in library.problems:
        print(f"unionreader: warning: {problem}", file=sys.stderr)
    if paths and not library.articles:
        why = "nothing could be read" if library.problems else "no text files with articles"
        raise UsageError(f"no articles in {' '.join(paths)}: {why}", status=1)
    return library


def get_article(library: Library, article_id: str) -> Article:
    article = library.get(article_id)
    if article is None:
        raise UsageError(f"no article with id {article_id!r} (see `unionreader list`)")
    return article


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
