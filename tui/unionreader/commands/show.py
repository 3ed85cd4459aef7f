"""`unionreader show ID`: one article, readable in a terminal or as JSON."""

from __future__ import annotations

import argparse
import textwrap

from ..model import Article
from .common import UsageError, add_paths, get_article, open_library, print_json

_ROLES = (("reporters", "记者"), ("correspondents", "通讯员"), ("photographers", "摄影"))


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("show", help="show one article")
    # optional for argparse, so that a missing id is named as such (not "PATH is required")
    parser.add_argument("id", nargs="?", help="article id (from `unionreader list`)")
    add_paths(parser)
    parser.add_argument("--json", action="store_true", help="the article's full JSON object")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    if not args.id:
        raise UsageError("show needs an article id (see `unionreader list`)")
    article = get_article(open_library(args.paths), args.id)
    if args.json:
        print_json(article.to_json())
    else:
        print(render(article))
    return 0


def render(article: Article, width: int = 72) -> str:
    """Plain text: title block, bylines, then the body with its block types marked."""
    lines: list[str] = []
    for label in (article.kicker, article.section):
        if label:
            lines.append(f"【{label}】")
    if article.deck:
        lines.append(article.deck)
    lines.append(f"■ {article.title}")
    if article.subtitle:
        lines.append(f"——{article.subtitle}")
    credits = [
        f"{word} {' '.join(getattr(article, role))}"
        for role, word in _ROLES
        if getattr(article, role)
    ]
    if article.dateline:
        credits.insert(0, article.dateline)
    if credits:
        lines.append("  ".join(credits))
    lines.append(f"[{article.kind} · {article.id} · {article.source}]")
    for block in article.blocks:
        lines.append("")
        if block.type == "subhead":
            lines.append(f"◆ {block.text}")
        elif block.type == "caption":
            lines.append(f"▲ {block.text}")
        else:
            # CJK text has no spaces to break at: wrap by characters, half the cell width.
            wrapped = textwrap.wrap(
                "\u3000\u3000" + block.text, width=width // 2, break_on_hyphens=False
            )
            lines.extend(wrapped)
    return "\n".join(lines)
