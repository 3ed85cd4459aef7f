"""`unionreader export`: every article as the full JSON contract, or why each line was split so."""

from __future__ import annotations

import argparse

from ..corpus.sources import SourceError
from ..library import explain
from .common import UsageError, add_paths, open_library, print_json_stream


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("export", help="print all articles as JSON (the full contract)")
    add_paths(parser)
    parser.add_argument(
        "--why",
        action="store_true",
        help="instead, show per line of each file its role and why it heads an article or not",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    if args.why:
        return _why(args.paths)
    library = open_library(args.paths)
    print_json_stream(a.to_json() for a in library.iter_articles())
    return 0


def _why(paths: list[str]) -> int:
    if not paths:
        raise UsageError("export --why needs the files to explain")
    try:
        explained = explain(paths)
    except FileNotFoundError as exc:
        raise UsageError(str(exc).strip("'\"")) from exc
    except SourceError as exc:
        raise UsageError(str(exc)) from exc
    for name, rows in explained:
        print(f"== {name}")
        for line, text, role, why in rows:
            shown = text if len(text) <= 24 else text[:23] + "…"
            print(f"{line:>5}  {role:<9} {shown:<24}  {why}")
    return 0
