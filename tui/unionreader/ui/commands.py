"""Command palette providers: articles (through the search index) and named entities."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.markup import escape

from .screens.main import MainScreen
from .widgets.article_list import FIELD_LABELS

PALETTE_LIMIT = 20
ENTITY_TYPES = {"person": "人物", "org": "机构", "place": "地点"}


def _main_screen(provider: Provider) -> MainScreen | None:
    """The app's main screen, which owns the library (None while it is not there)."""
    screen = getattr(provider.app, "main_screen", None)
    return screen if isinstance(screen, MainScreen) else None


def _plain(
    text: str, spans: Iterable[tuple[int, int]] = (), style: str = "bold underline"
) -> Content:
    """Text from a file as palette content: never parsed as markup."""
    content = Content(text)
    for start, end in spans:
        content = content.stylize(style, start, end)
    return content


class ArticleCommands(Provider):
    """Finds articles by title, names, text and pinyin, and opens them."""

    async def search(self, query: str) -> Hits:
        screen = _main_screen(self)
        library = screen.library if screen is not None else None
        if screen is None or library is None or not screen.searchable or not query.strip():
            return  # the index is still being built
        for hit in library.search(query.strip(), limit=PALETTE_LIMIT):
            spans = hit.spans if hit.field == "title" else ()
            yield Hit(
                hit.score / 100,
                _plain(hit.title, spans),
                partial(screen.open_article_by_id, hit.id),
                text=hit.title,
                help=escape(f"打开文章 · 匹配于{FIELD_LABELS.get(hit.field, hit.field)}"),
            )

    async def discover(self) -> Hits:
        screen = _main_screen(self)
        library = screen.library if screen is not None else None
        if screen is None or library is None:
            return
        for article in library.listing().rows(0, PALETTE_LIMIT):  # only the rows shown
            yield DiscoveryHit(
                _plain(article.title),
                partial(screen.open_article_by_id, article.id),
                text=article.title,
                help="打开文章",
            )


class EntityCommands(Provider):
    """Finds people, organisations and places named in the library, and searches for them."""

    async def startup(self) -> None:
        screen = _main_screen(self)
        library = screen.library if screen is not None else None
        self._entities = library.entity_counts() if library is not None else []  # in SQL

    async def search(self, query: str) -> Hits:
        screen = _main_screen(self)
        if screen is None:
            return
        matcher = self.matcher(query)
        for (text, kind), articles in self._entities:
            score = matcher.match(text)
            if score > 0:
                _, offsets = matcher.fuzzy_search.match(query, text)
                spans = [(offset, offset + 1) for offset in offsets]
                yield Hit(
                    score,
                    _plain(text, spans),
                    partial(screen.start_search, text),
                    text=text,
                    help=escape(f"{ENTITY_TYPES.get(kind, kind)} · 见于 {articles} 篇文章 · 搜索"),
                )
