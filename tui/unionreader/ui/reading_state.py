"""Bookmarks and reading position for the app, with store failures turned into notices."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..model import Article


class ReadingState:
    """Wraps the store: keeps bookmarks in memory and reports failed writes instead of raising.

    If the store could not be opened at all the state lives in memory for this session only.
    """

    def __init__(self, store: Any | None, report: Callable[[str], None]) -> None:
        self._store = store
        self._report = report
        self.bookmarks: set[str] = set()
        self.read: set[str] = set()
        self._last: str | None = None
        self._scrolls: dict[str, int] = {}
        if store is not None:
            self.bookmarks = set(self._read(store.bookmark_ids, ()))
            self.read = set(self._read(store.read_ids, ()))
            self._last = self._read(store.last_article, None)

    @property
    def persistent(self) -> bool:
        return self._store is not None and not getattr(self._store, "read_only", False)

    def notices(self) -> list[str]:
        """Messages the store wants shown (a store kept aside, a read-only data directory)."""
        return [_sentence(n) for n in getattr(self._store, "notices", ()) or ()]

    def close(self) -> None:
        close = getattr(self._store, "close", None)
        if close is not None:
            self._read(close, None)

    def is_bookmarked(self, article_id: str) -> bool:
        return article_id in self.bookmarks

    def toggle_bookmark(self, article: Article) -> bool:
        """Bookmark or un-bookmark; returns whether the article is now bookmarked."""
        if article.id in self.bookmarks:
            self.bookmarks.discard(article.id)
            self._write("remove the bookmark", "remove_bookmark", article.id)
            return False
        self.bookmarks.add(article.id)
        self._write("save the bookmark", "add_bookmark", article.id, article.title, article.source)
        return True

    def opened(self, article: Article) -> None:
        self._last = article.id
        self.read.add(article.id)
        self._write("remember the last article", "set_last_article", article.id)
        self._write("mark the article read", "mark_read", article.id)

    def last_article(self) -> str | None:
        return self._last

    def scroll(self, article_id: str) -> int:
        if article_id in self._scrolls:
            return self._scrolls[article_id]
        if self._store is None:
            return 0
        return int(self._read(lambda: self._store.scroll(article_id), 0) or 0)

    def save_scroll(self, article_id: str, offset: int) -> None:
        self._scrolls[article_id] = offset
        self._write("save the reading position", "set_scroll", article_id, offset)

    def _read(self, getter: Callable[[], Any], default: Any) -> Any:
        try:
            return getter()
        except Exception as exc:  # a damaged store must not stop reading
            self._report(f"Could not read saved reading state: {exc}")
            return default

    def _write(self, what: str, method: str, *args: Any) -> None:
        if self._store is None or getattr(self._store, "read_only", False):
            return  # already told once (store notices): changes last for this session only
        try:
            getattr(self._store, method)(*args)
        except Exception as exc:  # StoreError, or sqlite trouble the store did not wrap
            self._report(f"Could not {what}: {exc}")


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]
