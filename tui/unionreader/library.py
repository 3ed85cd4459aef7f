"""The library: files and folders opened into analysed articles (through the cache), and search."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from .corpus.model import Article, ParsedArticle
from .corpus.sources import SourceError, SourceFile, decode, find_files, read_bytes

if TYPE_CHECKING:
    from .search.index import SearchHit, SearchIndex

Progress = Callable[[int, int, list[Article]], None]
# Below this much text a worker pool costs more to start than it saves.
_PARALLEL_CHARS = 400_000
_CHUNK = 64


@dataclass(slots=True)
class _Pending:
    source: SourceFile
    key: str
    articles: list[Article]
    analysed: bool  # True when they came from the cache


class Library:
    """Articles from page dumps, in reading order, with ids unique within the library."""

    def __init__(self, articles: list[Article], problems: list[str], sources: list[str]) -> None:
        self.articles = articles
        self.problems = problems
        self.sources = sources
        self._by_id = {a.id: a for a in articles}
        self._index: SearchIndex | None = None

    @classmethod
    def open(
        cls,
        paths: Sequence[str | os.PathLike[str]] | None = None,
        *,
        on_progress: Progress | None = None,
        use_cache: bool = True,
    ) -> Library:
        """Open files and folders (None: the bundled seeds).

        Raises FileNotFoundError for a path that does not exist; unreadable, binary or
        undecodable files are skipped and described in `problems`.
        """
        if not paths:
            from .resources import seeds_dir

            paths = [seeds_dir()]
        files, problems = find_files(paths)
        loader = _Loader(use_cache)
        articles = loader.load(files, problems, on_progress)
        return cls(articles, problems, [f.display for f in files])

    def get(self, article_id: str) -> Article | None:
        return self._by_id.get(article_id)

    @property
    def index(self) -> SearchIndex:
        if self._index is None:
            from .search.index import SearchIndex

            self._index = SearchIndex.build(self.articles)
        return self._index

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        return self.index.search(query, limit=limit)


class _Loader:
    """Reads files, takes what the cache has, parses and analyses the rest."""

    def __init__(self, use_cache: bool) -> None:
        self.cache = None
        if use_cache:
            from .analysis import analyser_version
            from .store.cache import AnalysisCache

            self.cache = AnalysisCache(analyser_version())
        self.ids: set[str] = set()

    def load(
        self, files: list[SourceFile], problems: list[str], on_progress: Progress | None
    ) -> list[Article]:
        from .store.cache import content_key

        total = len(files)
        done = 0
        result: list[Article] = []
        pending: list[_Pending] = []
        # Files are reported in order, so ids stay stable: a miss holds back the files after it.
        for source in files:
            try:
                data = read_bytes(source.path)
            except SourceError as exc:
                problems.append(str(exc))
                done += 1
                continue
            if not data.strip():
                done += 1  # an empty file is no article and no problem
                continue
            key = content_key(data)
            cached = self.cache.load(key) if self.cache else None
            if cached is not None and not pending:
                articles = self._place(cached, source)
                result.extend(articles)
                done += 1
                if on_progress:
                    on_progress(done, total, articles)
                continue
            if cached is not None:
                pending.append(_Pending(source, key, cached, analysed=True))
                continue
            try:
                text = decode(data, source.display).text
            except SourceError as exc:
                problems.append(str(exc))
                done += 1
                continue
            pending.append(_Pending(source, key, _parse(text), analysed=False))
        for item, analysed in self._analyse(pending):
            if self.cache is not None and not item.analysed:
                self.cache.save(item.key, analysed)
            articles = self._place(analysed, item.source)
            result.extend(articles)
            done += 1
            if on_progress:
                on_progress(done, total, articles)
        return result

    def _analyse(self, pending: list[_Pending]) -> Iterable[tuple[_Pending, list[Article]]]:
        size = sum(len(a.body) for p in pending if not p.analysed for a in p.articles)
        if size < _PARALLEL_CHARS or (os.cpu_count() or 1) < 2:
            for item in pending:
                yield item, item.articles if item.analysed else _analyse_chunk(item.articles)
            return
        yield from _analyse_in_pool(pending)

    def _place(self, articles: list[Article], source: SourceFile) -> list[Article]:
        """Give each article its source and an id unique in this library."""
        placed = []
        for article in articles:
            placed.append(
                replace(article, id=self._unique_id(article, source), source=source.display)
            )
        return placed

    def _unique_id(self, article: Article, source: SourceFile) -> str:
        content = "\x1f".join([article.title, *(b.text for b in article.blocks)])
        candidate = _digest(content)
        salt = 0
        while candidate in self.ids:  # the same article twice: later copies get a derived id
            salt += 1
            candidate = _digest(f"{content}\x1e{source.path.name}\x1e{salt}")
        self.ids.add(candidate)
        return candidate


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=4).hexdigest()


def _parse(text: str) -> list[Article]:
    from .corpus.pages import parse_page

    return [_as_article(p) for p in parse_page(text)]


def _as_article(parsed: ParsedArticle) -> Article:
    return Article(
        id="",
        source="",
        title=parsed.title,
        kind=parsed.kind,
        kicker=parsed.kicker,
        section=parsed.section,
        deck=parsed.deck,
        subtitle=parsed.subtitle,
        reporters=parsed.reporters,
        correspondents=parsed.correspondents,
        photographers=parsed.photographers,
        dateline=parsed.dateline,
        blocks=parsed.blocks,
    )


def _analyse_chunk(articles: list[Article]) -> list[Article]:
    from .analysis import analyse

    return [analyse(a) for a in articles]


def _analyse_in_pool(pending: list[_Pending]) -> Iterable[tuple[_Pending, list[Article]]]:
    """Analyse in worker processes, yielding files in order as soon as each is complete."""
    import multiprocessing

    owners: list[int] = []  # which pending file each chunk belongs to
    chunks: list[list[Article]] = []
    for i, item in enumerate(pending):
        if not item.analysed:
            for start in range(0, len(item.articles), _CHUNK):
                owners.append(i)
                chunks.append(item.articles[start : start + _CHUNK])
    done: dict[int, list[Article]] = {}
    cursor = 0

    def ready() -> Iterable[tuple[_Pending, list[Article]]]:
        nonlocal cursor
        while cursor < len(pending):
            item = pending[cursor]
            if item.analysed:
                yield item, item.articles
            elif len(done.get(cursor, ())) == len(item.articles):
                yield item, done.pop(cursor)
            else:
                return
            cursor += 1

    workers = min(os.cpu_count() or 2, 4)
    context = multiprocessing.get_context("spawn")  # safe from the reader's worker thread
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        for owner, analysed in zip(owners, pool.map(_analyse_chunk, chunks), strict=False):
            done.setdefault(owner, []).extend(analysed)
            yield from ready()
    yield from ready()
