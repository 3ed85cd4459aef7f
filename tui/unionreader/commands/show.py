"""`unionreader show ID`: one article as the reader lays it out, or as JSON."""

from __future__ import annotations

import argparse
import shutil
import sys

from ..layout.article_layout import layout_article, plain_text
from ..model import Article
from .common import UsageError, add_paths, get_article, open_library, print_json

RULE = "─"


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "show",
        help="show one article",
        description="At a terminal the article is laid out at its width as the reader shows it; "
        "piped, each paragraph is one line.",
    )
    # optional for argparse, so that a missing id is named as such (not "PATH is required")
    parser.add_argument("id", nargs="?", help="article id (from `unionreader list`)")
    add_paths(parser)
    parser.add_argument("--json", action="store_true", help="the article's full JSON object")
    parser.add_argument(
        "--width", type=int, metavar="CELLS", help="lay out at this width (default: the terminal's)"
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    if not args.id:
        raise UsageError("show needs an article id (see `unionreader list`)")
    if args.width is not None and args.width < 1:
        raise UsageError(f"--width must be at least 1, not {args.width}")
    article = get_article(open_library(args.paths), args.id)
    if args.json:
        print_json(article.to_json())
        return 0
    width = args.width
    if width is None and sys.stdout.isatty():
        width = shutil.get_terminal_size().columns
    print(render(article, width))
    return 0


def render(article: Article, width: int | None = None) -> str:
    """The article as the reader shows it: wrapped at `width` cells, or a paragraph a line."""
    lines = _laid_out(article, width) if width else plain_text(article)
    details = [d for d in (article.dateline, article.kind, article.id, article.source) if d]
    lines += ["", f"[{' · '.join(details)}]"]
    return "\n".join(lines)


def _laid_out(article: Article, width: int) -> list[str]:
    """The reader's lines: Chinese line breaking, figures never cut, headlines centred."""
    layout = layout_article(article, width)
    lines = []
    for line in layout.lines:
        if line.piece is None:
            lines.append("")
            continue
        piece = layout.pieces[line.piece]
        pad = " " * (layout.margin + line.indent)
        if piece.role == "rule":
            lines.append(pad + RULE * layout.measure)
        else:
            lines.append((pad + piece.text[line.start : line.end]).rstrip())
    return lines
