"""`unionreader bookmarks`: list, add, remove and export the reader's bookmarks."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Any

from ..bookmark_export import bookmarks_markdown, missing_files
from .common import UsageError

if TYPE_CHECKING:
    from ..store.state import Bookmark, Store

Handler = Callable[[argparse.Namespace], int]


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "bookmarks",
        help="list, add, remove or export bookmarks",
        description="Bookmarks live in the user data directory and outlast the files they name.",
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION")
    parser.set_defaults(handler=_list, json=False, paths=[])  # `bookmarks` alone lists them

    listing = actions.add_parser("list", help="list bookmarks, newest first")
    listing.add_argument("--json", action="store_true", help="print a JSON array")
    listing.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="mark as missing the bookmarks these files and folders do not hold "
        "(default: those whose file is gone)",
    )
    listing.set_defaults(handler=_list)

    add = actions.add_parser("add", help="bookmark an article by its id (adding twice is harmless)")
    # optional for argparse, so that a missing id is named as such (not "PATH is required")
    add.add_argument(
        "id", nargs="?", metavar="ID", help="article id, as `unionreader list` shows it"
    )
    add.add_argument("--note", metavar="TEXT", help='a note to keep with it ("" clears it)')
    add.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: seeds)")
    add.set_defaults(handler=_add)

    remove = actions.add_parser("remove", help="remove a bookmark")
    remove.add_argument("id", metavar="ID")
    remove.set_defaults(handler=_remove)

    export = actions.add_parser("export", help="print every bookmark as JSON or Markdown")
    export.add_argument("--format", choices=("json", "markdown"), default="json")
    export.set_defaults(handler=_export)


def _reporting_store_errors(handler: Handler) -> Handler:
    """A store that cannot save or be read is one line on stderr and exit status 1."""

    @wraps(handler)
    def run(args: argparse.Namespace) -> int:
        from ..store.state import StoreError

        try:
            return handler(args)
        except StoreError as exc:
            print(f"unionreader: {exc}", file=sys.stderr)
            return 1

    return run


def _open_store() -> Store:
    from ..store.state import Store

    store = Store.open()
    for notice in store.notices:
        print(f"unionreader: {notice}", file=sys.stderr)
    return store


def _missing_ids(bookmarks: list[Bookmark], paths: list[str]) -> set[str]:
    """Bookmarks whose article is gone: absent from the given library, or whose file is gone."""
    if paths:
        from ..library import Library

        library = Library.open(paths)
        return {b.article_id for b in bookmarks if library.get(b.article_id) is None}
    return missing_files(bookmarks)


@_reporting_store_errors
def _list(args: argparse.Namespace) -> int:
    with _open_store() as store:
        bookmarks = store.bookmarks()
    missing = _missing_ids(bookmarks, args.paths)
    if args.json:
        rows = [{**b.to_json(), "missing": b.article_id in missing} for b in bookmarks]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    if not bookmarks:
        print("unionreader: no bookmarks yet", file=sys.stderr)
    for b in bookmarks:
        flag = "  [missing]" if b.article_id in missing else ""
        print(f"{b.article_id}  {b.created[:10]}  {b.title}{flag}")
        if b.note:
            for line in b.note.splitlines():
                print(f"    {line}")
    return 0


@_reporting_store_errors
def _add(args: argparse.Namespace) -> int:
    from ..library import Library

    if not args.id:
        raise UsageError("bookmarks add needs an article id (see `unionreader list`)")
    article = Library.open(args.paths or None).get(args.id)
    with _open_store() as store:
        known = store.bookmark(args.id)
        if article is not None:
            title, source = article.title, article.source
        elif known is not None:
            # The file is gone but the bookmark remembers it: a new note can still be kept.
            title, source = known.title, known.source
        else:
            where = " in " + " ".join(args.paths) if args.paths else ""
            raise UsageError(f"no article with id {args.id!r}{where} (see `unionreader list`)")
        bookmark = store.add_bookmark(args.id, title, source, note=args.note)
    verb = "already bookmarked" if known is not None else "bookmarked"
    print(f"{verb}: {bookmark.article_id}  {bookmark.title}")
    return 0


@_reporting_store_errors
def _remove(args: argparse.Namespace) -> int:
    with _open_store() as store:
        removed = store.remove_bookmark(args.id)
    if removed:
        print(f"removed: {args.id}")
    else:
        print(f"unionreader: {args.id} was not bookmarked", file=sys.stderr)
    return 0


@_reporting_store_errors
def _export(args: argparse.Namespace) -> int:
    with _open_store() as store:
        bookmarks = store.bookmarks()
    missing = _missing_ids(bookmarks, [])
    if args.format == "json":
        rows = [{**b.to_json(), "missing": b.article_id in missing} for b in bookmarks]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        sys.stdout.write(bookmarks_markdown(bookmarks, missing))
    return 0
