"""`unionreader search QUERY [PATH...] [--json] [--limit N]`: find articles, best first."""

from __future__ import annotations

import argparse
import json
import sys

from ..search.hits import SearchHit

SNIPPET = 24  # chars of context either side of the first match in a long field


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "search",
        help="find articles by title, names and text (typos and pinyin welcome)",
        description="Find articles by title, deck, subtitle, people, organisations, places "
        "and body text. Tolerates typos, word order and gaps; Latin letters match pinyin "
        "(pinggu) and initials (pxc); traditional and simplified characters match.",
    )
    parser.add_argument("query", metavar="QUERY")
    parser.add_argument(
        "paths", nargs="*", metavar="PATH", help="files or folders (default: seeds)"
    )
    parser.add_argument(
        "--json", action="store_true", help='print [{"id","title","score","field"}]'
    )
    parser.add_argument("--limit", type=_positive, default=20, help="at most N hits (default 20)")
    parser.set_defaults(handler=run)


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def run(args: argparse.Namespace) -> int:
    from .common import UsageError, index_for_search, open_library

    if not args.query.strip():
        raise UsageError("search needs a query (words, a name, pinyin or initials)")
    library = open_library(args.paths)
    index_for_search(library)
    hits = library.search(args.query, limit=args.limit)
    if args.json:
        json.dump([h.to_json() for h in hits], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0 if hits else 1
    if not hits:  # like grep: nothing found is exit status 1
        print(f"unionreader: no articles match {args.query!r}", file=sys.stderr)
        return 1
    for hit in hits:
        print(f"{hit.score:5.1f}  {hit.field:<8}  {hit.title}  [{hit.id}]")
        print(f"       {why(hit)}")
    return 0


def why(hit: SearchHit) -> str:
    """The matched field with the matched chars in 【】, cut around the match."""
    text, spans = hit.text, hit.spans
    start = max(0, spans[0][0] - SNIPPET) if spans else 0
    end = min(len(text), spans[-1][1] + SNIPPET) if spans else min(len(text), 2 * SNIPPET)
    pieces, at = [], start
    for s, e in spans:
        if s < at or e > end:
            continue
        pieces += [text[at:s], "【", text[s:e], "】"]
        at = e
    pieces.append(text[at:end])
    snippet = ("…" if start else "") + "".join(pieces) + ("…" if end < len(text) else "")
    where: str = hit.field
    if hit.field == "entity" and hit.entity_type:
        where = f"{hit.entity_type}"
    elif hit.block is not None:
        where = f"block {hit.block}"
    return f"{where} ({hit.how}): {snippet}".replace("\n", " ")
