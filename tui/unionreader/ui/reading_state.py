"""Bookmarks and reading position for the app, with store failures turned into notices."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol, TypeVar

from ..model import Article

T = TypeVar("T")


class Titled(Protocol):
    """What a bookmark keeps of an article: a full Article or the list's summary row."""

    @property
    def id(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def source(self) -> str: ...


class ReadingStore(Protocol):
    """What the app needs of the bookmark store (`unionreader.store.state.Store`)."""

    notices: list[str]

    @property
    def read_only(self) -> bool: ...
    def close(self) -> None: ...
    def add_bookmark(
        self, article_id: str, title: str, source: str, note: str | None = None
    ) -> Any: ...
    def bookmarks(self) -> list[Any]: ...
    def remove_bookmark(self, article_id: str) -> Any: ...
    def bookmark_ids(self) -> set[str]: ...
    def read_ids(self) -> set[str]: ...
    def last_article(self) -> str | None: ...
    def set_last_article(self, article_id: str) -> None: ...
    def scroll(self, article_id: str) -> int: ...
    def set_scroll(self, article_id: str, offset: int) -> None: ...
    def mark_read(self, article_id: str) -> None: ...
    def mark_unread(self, article_id: str) -> None: ...


class ReadingState:
    """Wraps the store: keeps bookmarks in memory and reports failed writes instead of raising.

    If the store could not be opened at all the state lives in memory for this session only.
    """

    def __init__(self, store: ReadingStore | None, report: Callable[[str], None]) -> None:
        self._store = store
        self._report = report
        self.bookmarks: set[str] = set()
        self.read: set[str] = set()
        self._last: str | None = None
        self.notes: dict[str, str] = {}  # article id -> the note kept with its bookmark
        self._scrolls: dict[str, int] = {}
        if store is not None:
            self.bookmarks = self._read(store.bookmark_ids, set[str]())
            self.read = self._read(store.read_ids, set[str]())
            self._last = self._read(store.last_article, None)
            self._read_notes()

    def refresh_bookmarks(self) -> set[str]:
        """Take in bookmarks another instance (or the CLI) added or removed; returns those ids.

        The set is updated in place: the list holds the same set object.
        """
        if self._store is None:
            return set()
        current = self._read(self._store.bookmark_ids, None)
        if current is None or current == self.bookmarks:
            return set()
        changed = current ^ self.bookmarks
        self.bookmarks.clear()
        self.bookmarks.update(current)
        self._read_notes()
        return changed

    def _read_notes(self) -> None:
        store = self._store
        if store is None:
            return
        rows: list[Any] = self._read(store.bookmarks, [])
        self.notes.clear()  # in place: the list holds the same dict
        self.notes.update({b.article_id: b.note for b in rows if getattr(b, "note", None)})

    def set_note(self, article: Titled, note: str) -> None:
        """Keep a note with the article's bookmark (bookmarking it if need be); "" clears it."""
        note = note.strip()
        self.bookmarks.add(article.id)
        if note:
            self.notes[article.id] = note
        else:
            self.notes.pop(article.id, None)
        self._write(
            "保存书签备注",
            lambda s: s.add_bookmark(article.id, article.title, article.source, note=note),
        )

    def saved_bookmarks(self) -> list[Any]:
        """Every bookmark the store holds (newest first), for export."""
        store = self._store
        return self._read(store.bookmarks, []) if store is not None else []

    def notices(self) -> list[str]:
        """Messages the store wants shown (a store kept aside, a read-only data directory)."""
        return [_sentence(n) for n in self._store.notices] if self._store is not None else []

    def close(self) -> None:
        if self._store is not None:
            self._read(self._store.close, None)

    def is_bookmarked(self, article_id: str) -> bool:
        return article_id in self.bookmarks

    def toggle_bookmark(self, article: Titled) -> bool:
        """Bookmark or un-bookmark; returns whether the article is now bookmarked."""
        if article.id in self.bookmarks:
            self.bookmarks.discard(article.id)
            self.notes.pop(article.id, None)
            self._write("删除书签", lambda s: s.remove_bookmark(article.id))
            return False
        self.bookmarks.add(article.id)
        self._write("保存书签", lambda s: s.add_bookmark(article.id, article.title, article.source))
        return True

    def opened(self, article: Article, *, read: bool = True) -> None:
        """Remember the article shown; it counts as read when the reader chose it (`read`)."""
        self._last = article.id
        self._write("记住上次读的文章", lambda s: s.set_last_article(article.id))
        if read:
            self.mark_read(article)

    def mark_read(self, article: Titled) -> None:
        if article.id not in self.read:
            self.read.add(article.id)
            self._write("标为已读", lambda s: s.mark_read(article.id))

    def toggle_read(self, article: Titled) -> bool:
        """Mark an article read or unread; returns whether it is now read."""
        if article.id in self.read:
            self.read.discard(article.id)
            self._write("标为未读", lambda s: s.mark_unread(article.id))
            return False
        self.read.add(article.id)
        self._write("标为已读", lambda s: s.mark_read(article.id))
        return True

    def last_article(self) -> str | None:
        return self._last

    def scroll(self, article_id: str) -> int:
        if article_id in self._scrolls:
            return self._scrolls[article_id]
        store = self._store
        if store is None:
            return 0
        return int(self._read(lambda: store.scroll(article_id), 0) or 0)

    def save_scroll(self, article_id: str, offset: int) -> None:
        self._scrolls[article_id] = offset
        self._write("保存阅读位置", lambda s: s.set_scroll(article_id, offset))

    def _read(self, getter: Callable[[], T], default: T) -> T:
        try:
            return getter()
        except Exception as exc:  # a damaged store must not stop reading
            self._report(f"无法读取保存的阅读状态：{exc}")
            return default

    def _write(self, what: str, change: Callable[[ReadingStore], Any]) -> None:
        if self._store is None or self._store.read_only:
            return  # already told once (store notices): changes last for this session only
        try:
            change(self._store)
        except Exception as exc:  # StoreError, or sqlite trouble the store did not wrap
            self._report(f"无法{what}：{exc}")


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]
