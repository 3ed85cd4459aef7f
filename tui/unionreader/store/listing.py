"""The article list from the archive: a count and windows of rows, sorted and filtered in SQL."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Literal

from ..model import Article

if TYPE_CHECKING:
    from .archive import Archive

Order = Literal["reading", "date", "source", "title"]
ORDERS: tuple[Order, ...] = ("reading", "date", "source", "title")
OnlyField = Literal["source", "section", "kind"]
ONLY_FIELDS: tuple[OnlyField, ...] = ("source", "section", "kind")
_WINDOW = 128  # rows fetched at once: a few screens


@dataclass(frozen=True, slots=True)
class ListQuery:
    """Which articles the list shows, in which order."""

    order: Order = "reading"
    only: tuple[OnlyField, str] | None = None  # one source file, page label or kind
    ids: frozenset[str] | None = None  # only these (the bookmarks)


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    """What a list row shows of an article: no body, figures or names, only their count."""

    id: str
    source: str
    title: str
    kind: str
    section: str | None
    reporters: tuple[str, ...]
    correspondents: tuple[str, ...]
    photographers: tuple[str, ...]
    figure_count: int
    date: str | None


def article_date(article: Article) -> str | None:
    """The date an article is sorted by: its first date figure that names a year."""
    for figure in article.figures:
        value = figure.value
        if figure.kind == "date" and isinstance(value, str) and value[:4].isdigit():
            return value
    return None


class Listing:
    """One query's rows, read a window at a time; the count is read once."""

    def __init__(self, archive: Archive, query: ListQuery) -> None:
        self.archive = archive
        self.query = query
        self._count: int | None = None
        self._windows: dict[int, list[ArticleSummary]] = {}
        self._last: tuple[int, tuple[Any, ...] | None] | None = None  # a window and its last key

    def __len__(self) -> int:
        if self._count is None:
            self._count = self.archive.list_count(self.query)
        return self._count

    def rows(self, start: int, stop: int) -> list[ArticleSummary]:
        """Rows start..stop-1 (fewer at the end)."""
        found: list[ArticleSummary] = []
        for window in range(start // _WINDOW, (max(stop, start + 1) - 1) // _WINDOW + 1):
            rows = self._windows.get(window)
            if rows is None:
                if len(self._windows) > 64:  # a long scroll: keep memory flat
                    self._windows.clear()
                # the window after the one read last is found from its last row (a list read
                # through in order: the CLI's, a long scroll)
                after = self._last[1] if self._last and self._last[0] == window - 1 else None
                rows, last = self.archive.list_window(self.query, window * _WINDOW, _WINDOW, after)
                self._windows[window] = rows
                self._last = (window, last)
            offset = window * _WINDOW
            found.extend(rows[max(0, start - offset) : max(0, stop - offset)])
        return found

    def position(self, article_id: str) -> int | None:
        """Where an article is in this list, or None if it is not shown."""
        for window, rows in self._windows.items():
            for i, row in enumerate(rows):
                if row.id == article_id:
                    return window * _WINDOW + i
        return self.archive.list_position(self.query, article_id)

    def count_among(self, ids: Collection[str]) -> int:
        """How many of these articles the list shows (the read ones, for an unread count)."""
        among = frozenset(ids) if self.query.ids is None else self.query.ids.intersection(ids)
        return self.archive.list_count(replace(self.query, ids=among)) if among else 0
