"""`unionreader list`: the articles, one line each, or as JSON."""

from __future__ import annotations

import argparse

from .common import add_paths, open_library, print_json


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("list", help="list the articles")
    add_paths(parser)
    parser.add_argument("--json", action="store_true", help="JSON objects without the body")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    library = open_library(args.paths)
    if args.json:
        print_json([a.summary_json() for a in library.articles])
        return 0
    for article in library.articles:
        names = "、".join(article.reporters or article.photographers)
        byline = f"  ({names})" if names else ""
        print(f"{article.id}  {article.kind:<7}  {article.title}{byline}")
    return 0
