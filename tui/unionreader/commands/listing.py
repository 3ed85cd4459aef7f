"""`unionreader list`: the articles, one line each, or as JSON."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from ..store.listing import ArticleSummary
from .common import add_paths, open_library, print_json_stream


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("list", help="list the articles")
    add_paths(parser)
    parser.add_argument("--json", action="store_true", help="JSON objects without the body")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    library = open_library(args.paths)
    if args.json:
        print_json_stream(a.summary_json() for a in library.iter_articles())
        return 0
    listing = library.listing()
    for start in range(0, len(listing), 512):  # a window at a time: memory stays flat
        _print_rows(listing.rows(start, start + 512))
    return 0


def _print_rows(rows: Sequence[ArticleSummary]) -> None:
    for article in rows:
        names = "、".join(article.reporters or article.photographers)
        byline = f"  ({names})" if names else ""
        print(f"{article.id}  {article.kind:<7}  {article.title}{byline}")
