"""App test support: stand-ins for the library and the store, and a runner for Pilot tests."""

from __future__ import annotations

import asyncio
import functools
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from unionreader.model import Article, Block, Entity, Figure, Location, Mention, Problem
from unionreader.search.hits import SearchHit
from unionreader.store.listing import ListQuery
from unionreader.store.state import Bookmark
from unionreader.ui.widgets.article_list import MemoryRows


def pilot_test(test):
    """Run an async Pilot test on its own event loop (no async pytest plugin needed)."""

    @functools.wraps(test)
    def run(*args, **kwargs):
        return asyncio.run(test(*args, **kwargs))

    return run


def make_article(
    number: int,
    title: str,
    paragraphs: list[str],
    *,
    kind: str = "news",
    reporters: tuple[str, ...] = (),
    source: str = "fake.txt",
) -> Article:
    blocks = tuple(Block("paragraph", text) for text in paragraphs)
    figures = []
    entities = []
    for index, text in enumerate(paragraphs):
        for token in ("1000余人次", "20余万元", "4月26日"):
            start = text.find(token)
            if start >= 0:
                figures.append(Figure(token, "people", "block", index, start, start + len(token)))
        for name, kind_ in (("密云区总工会", "org"), ("王路曼", "person"), ("鼓楼街道", "place")):
            start = text.find(name)
            if start >= 0:
                mention = Mention("block", index, start, start + len(name))
                entities.append(Entity(name, kind_, (mention,)))  # type: ignore[arg-type]
    return Article(
        id=f"a{number:04d}",
        source=source,
        title=title,
        kind=kind,  # type: ignore[arg-type]
        reporters=reporters,
        blocks=blocks,
        figures=tuple(figures),
        entities=tuple(entities),
    )


def sample_articles() -> list[Article]:
    return [
        make_article(
            1,
            "密云区总工会开展职工服务活动",
            ["本报讯 密云区总工会近日组织活动,服务职工1000余人次。", "活动在鼓楼街道举行。"],
            reporters=("王路曼",),
        ),
        make_article(
            2,
            "平谷区职工志愿者参与防疫",
            ["平谷区总工会号召职工志愿者投身一线,捐款20余万元。"],
            kind="feature",
        ),
        make_article(
            3,
            "[bold]标记[/] [link=https://x]链接[/link] [@click=app.quit]退出[/]",
            ["正文里也有 [bold]粗体[/] 和 [@click=app.quit]点击[/] 字样。"],
            kind="photo",
        ),
    ]


@dataclass
class FakeLibrary:
    """Substring search over titles then bodies; files arrive one article at a time."""

    articles: list[Article]
    problems: list[Problem | str] = field(default_factory=list)
    searches: list[str] = field(default_factory=list)

    @classmethod
    def opener(cls, articles: list[Article], problems: list[Problem | str] | None = None):
        def open_library(paths: Any, *, on_progress=None, cached_only=False) -> FakeLibrary | None:
            if cached_only:
                return None  # always the worker's way: it is the one with progress to test
            for done, article in enumerate(articles, 1):
                if on_progress is not None:
                    on_progress(done, len(articles), [article])
            return cls(list(articles), list(problems or []))

        return open_library

    def get(self, article_id: str) -> Article | None:
        return next((a for a in self.articles if a.id == article_id), None)

    def listing(self, query: ListQuery | None = None) -> MemoryRows:
        return MemoryRows(self.articles, query or ListQuery())

    def entity_counts(self) -> list[tuple[tuple[str, str], int]]:
        counts = Counter((e.text, e.type) for a in self.articles for e in a.entities)
        return counts.most_common()

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        self.searches.append(query)
        hits = []
        for article in self.articles:
            start = article.title.find(query)
            if start >= 0:
                where = Location("title", None, start, start + len(query))
                span = ((where.start, where.end),)
                hits.append(SearchHit(article, 100.0, "title", article.title, span, where))
                continue
            for index, block in enumerate(article.blocks):
                start = block.text.find(query)
                if start >= 0:
                    where = Location("block", index, start, start + len(query))
                    span = ((where.start, where.end),)
                    hits.append(SearchHit(article, 60.0, "body", block.text, span, where))
                    break
        return hits[:limit]


class FakeStore:
    """Keeps everything in memory, like the SQLite store's API."""

    def __init__(self, *, fail_writes: bool = False, notices: list[str] | None = None) -> None:
        self.saved: dict[str, tuple[str, str]] = {}  # article id -> (title, source)
        self.notes: dict[str, str] = {}
        self.last: str | None = None
        self.scrolls: dict[str, int] = {}
        self.read: set[str] = set()
        self.notices = list(notices or [])
        self.read_only = False
        self.fail_writes = fail_writes

    def close(self) -> None:
        pass

    def _check(self) -> None:
        if self.fail_writes:
            raise OSError("attempt to write a readonly database")

    def add_bookmark(self, article_id: str, title: str, source: str, note: str | None = None):
        self._check()
        self.saved[article_id] = (title, source)
        if note is not None:
            self.notes[article_id] = note

    def bookmarks(self) -> list[Bookmark]:
        return [
            Bookmark(article_id, title, source, "2026-01-01T00:00:00", self.notes.get(article_id))
            for article_id, (title, source) in self.saved.items()
        ]

    def remove_bookmark(self, article_id: str) -> None:
        self._check()
        self.saved.pop(article_id, None)

    def bookmark_ids(self) -> set[str]:
        return set(self.saved)

    def is_bookmarked(self, article_id: str) -> bool:
        return article_id in self.saved

    def set_last_article(self, article_id: str) -> None:
        self._check()
        self.last = article_id

    def last_article(self) -> str | None:
        return self.last

    def set_scroll(self, article_id: str, offset: int) -> None:
        self._check()
        self.scrolls[article_id] = offset

    def scroll(self, article_id: str) -> int:
        return self.scrolls.get(article_id, 0)

    def mark_read(self, article_id: str) -> None:
        self._check()
        self.read.add(article_id)

    def mark_unread(self, article_id: str) -> None:
        self._check()
        self.read.discard(article_id)

    def read_ids(self) -> set[str]:
        return set(self.read)
