"""Command line: argument parsing and sub-commands; the TUI is the default command."""

from __future__ import annotations

import argparse
import difflib
import os
import sys
from collections.abc import Sequence

from . import __version__
from .commands import bookmarks, export, listing, search, show
from .commands.common import UsageError

# Each command module has register(subparsers) that adds its parser and sets `handler` (a
# function taking the parsed args, returning an exit code) as a default.
COMMAND_MODULES = (listing, show, export, search, bookmarks)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="unionreader",
        description="Read Chinese newspaper page dumps: articles, key figures, names, search.",
    )
    parser.add_argument("--version", action="version", version=f"unionreader {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    tui = sub.add_parser("read", help="open the reader (the default command)")
    tui.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: seeds)")
    tui.set_defaults(handler=_run_tui)
    for module in COMMAND_MODULES:
        module.register(sub)
    return parser


def _run_tui(args: argparse.Namespace) -> int:
    # Without a terminal the app would pour escape codes into a pipe or file for ever.
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UsageError(
            "the reader needs a terminal (stdin and stdout); "
            "for scripts use list, show, export, search or bookmarks"
        )
    from .ui.app import run_app

    return run_app(args.paths or None)


def _command_names(parser: argparse.ArgumentParser) -> list[str]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return list(action.choices)
    return []


def _check_command_or_path(word: str, commands: Sequence[str]) -> None:
    """A first word that is neither a sub-command nor an existing path is a typo, not a path."""
    if os.path.lexists(word):
        return
    close = difflib.get_close_matches(word, commands, n=1, cutoff=0.6)
    hint = f" (did you mean {close[0]}?)" if close else ""
    raise UsageError(f"unknown command or path: {word}{hint}")


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    commands = _command_names(parser)
    if not argv or (argv[0] not in commands and not argv[0].startswith("-")):
        if argv:
            try:
                _check_command_or_path(argv[0], commands)
            except UsageError as exc:
                print(f"unionreader: {exc}", file=sys.stderr)
                return 2
        argv = ["read", *argv]  # `unionreader [PATH...]` opens the reader
    args, extra = parser.parse_known_args(argv)
    # argparse leaves PATHs that follow an option (`show ID --json pages/`) unparsed
    stray = [a for a in extra if a.startswith("-")]
    if stray or (extra and not hasattr(args, "paths")):
        parser.error(f"unrecognized arguments: {' '.join(stray or extra)}")
    if extra:
        args.paths = [*args.paths, *extra]
    if getattr(args, "handler", None) is None:
        parser.print_help()
        return 0
    try:
        return int(args.handler(args) or 0)
    except UsageError as exc:
        print(f"unionreader: {exc}", file=sys.stderr)
        return exc.status
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
