"""Messages that the loading and search workers post to the UI thread."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from ..library import Library
    from ..search.hits import SearchHit


class LibraryLoaded(Message):
    """The library is open and searchable."""

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library


class LibraryFailed(Message):
    """The library could not be opened at all."""

    def __init__(self, error: str) -> None:
        super().__init__()
        self.error = error


class SearchReady(Message):
    """The search index is built: queries can run."""


class SearchResults(Message):
    """Hits for one query; dropped if the query has changed since."""

    def __init__(self, query: str, hits: Sequence[SearchHit]) -> None:
        super().__init__()
        self.query = query
        self.hits = list(hits)
