"""Bookmarks as a Markdown document, for `bookmarks export` and the reader's export command."""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .store.state import Bookmark

_MARKDOWN_SPECIALS = str.maketrans({c: "\\" + c for c in "\\`*_[]<>#|"})


def missing_files(bookmarks: list[Bookmark]) -> set[str]:
    """Bookmarks whose file is gone (one from schema 1 has no source: not called missing)."""
    return {b.article_id for b in bookmarks if b.source and not Path(b.source).exists()}


def bookmarks_markdown(bookmarks: list[Bookmark], missing: Collection[str] | None = None) -> str:
    """A Markdown document: one section per bookmark, newest first, with its note quoted."""
    lines = ["# Bookmarks", ""]
    if not bookmarks:
        lines += ["No bookmarks yet.", ""]
    for b in bookmarks:
        lines += [f"## {b.title.translate(_MARKDOWN_SPECIALS)}", ""]
        lines.append(f"- id: `{b.article_id}`")
        lines.append(f"- bookmarked: {b.created}")
        if b.source:
            lines.append(f"- source: `{b.source}`")
        if missing and b.article_id in missing:
            lines.append("- missing: its file is gone")
        lines.append("")
        if b.note:
            lines += [f"> {line.translate(_MARKDOWN_SPECIALS)}" for line in b.note.splitlines()]
            lines.append("")
    return "\n".join(lines)
