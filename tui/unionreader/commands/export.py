"""`unionreader export`: every article as the full JSON contract."""

from __future__ import annotations

import argparse

from .common import add_paths, open_library, print_json


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("export", help="print all articles as JSON (the full contract)")
    add_paths(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    library = open_library(args.paths)
    print_json([a.to_json() for a in library.articles])
    return 0
