"""The library: files and folders opened into analysed articles (through the cache), and search."""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from .corpus.sources import SourceError, SourceFile, decode, find_files, read_bytes
from .model import Article

if TYPE_CHECKING:
    from concurrent.futures import Future

    from .search.index import SearchHit, SearchIndex

Progress = Callable[[int, int, list[Article]], None]
# Below this much new text a worker pool costs more to start than it saves.
_PARALLEL_BYTES = 1_000_000
_CHUNK = 64


@dataclass(slots=True)
class _Pending:
    source: SourceFile
    key: str
    articles: list[Article]
    analysed: bool  # True when they came from the cache
    futures: list[Future[list[Article]]] | None = None


class Library:
    """Articles from page dumps, in reading order, with ids unique within the library."""

    def __init__(
        self,
        articles: list[Article],
        problems: list[str],
        sources: list[str],
        content_key: str | None = None,
    ) -> None:
        self.articles = articles
        self.problems = problems
        self.sources = sources
        self._by_id = {a.id: a for a in articles}
        self._index: SearchIndex | None = None
        self._content_key = content_key  # what the search index is cached under
        self._index_lock = threading.Lock()

    @classmethod
    def open(
        cls,
        paths: Sequence[str | os.PathLike[str]] | None = None,
        *,
        on_progress: Progress | None = None,
        use_cache: bool = True,
        cached_only: bool = False,
    ) -> Library | None:
        """Open files and folders (None: the bundled seeds).

        Raises FileNotFoundError for a path that does not exist; unreadable, binary or
        undecodable files are skipped and described in `problems`. With `cached_only`, returns
        None as soon as a file is missing from the analysis cache (nothing is parsed): a front
        end can open a warm library at once and leave a cold one to a worker.
        """
        if not paths:
            from .resources import seeds_dir

            paths = [seeds_dir()]
        files, problems = find_files(paths)
        loader = _Loader(use_cache)
        articles = loader.load(files, problems, on_progress, cached_only)
        if articles is None:
            return None
        key = loader.library_key(articles) if use_cache else None
        return cls(articles, problems, [f.display for f in files], key)

    def get(self, article_id: str) -> Article | None:
        return self._by_id.get(article_id)

    @property
    def index(self) -> SearchIndex:
        """The search index: from the cache when this library was indexed before, else built."""
        with self._index_lock:
            if self._index is None:
                self._index = self._load_index()
            return self._index

    def _load_index(self) -> SearchIndex:
        from .search.index import SearchIndex
        from .store.cache import load_index_state, save_index_state

        if self._content_key:
            state = load_index_state(self._content_key)
            if state is not None:
                try:
                    return SearchIndex.from_state(state, self.articles)
                except (ValueError, KeyError, TypeError):
                    pass  # an old or damaged index: build it again
        index = SearchIndex.build(self.articles)
        if self._content_key:
            save_index_state(self._content_key, index.to_state())
        return index

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        return self.index.search(query, limit=limit)


class _Loader:
    """Reads files, takes what the cache has, parses and analyses the rest."""

    def __init__(self, use_cache: bool) -> None:
        self.cache = None
        if use_cache:
            from .store.cache import AnalysisCache
            from .versions import analyser_version

            self.cache = AnalysisCache(analyser_version())
        self.ids: set[str] = set()
        self.keys: list[str] = []  # content keys of the files read, in order

    def load(
        self,
        files: list[SourceFile],
        problems: list[str],
        on_progress: Progress | None,
        cached_only: bool = False,
    ) -> list[Article] | None:
        from .store.cache import content_key

        total = len(files)
        done = 0
        result: list[Article] = []
        pending: list[_Pending] = []
        pool: _Pool | None = None
        pool_decided = False
        try:
            # Files are reported in order so that ids are stable: a miss holds back later files.
            for position, source in enumerate(files):
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
                self.keys.append(key)
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
                if cached_only:
                    return None
                try:
                    text = decode(data, source.display).text
                except SourceError as exc:
                    problems.append(str(exc))
                    done += 1
                    continue
                if not pool_decided:  # the first miss: is there enough left to share out?
                    pool_decided = True
                    pool = _Pool.start_if_worth_it(files[position:])
                item = _Pending(source, key, _parse(text), analysed=False)
                if pool is not None:
                    item.futures = pool.submit(item.articles)
                pending.append(item)
            for item in pending:
                if item.analysed:
                    analysed = item.articles
                elif item.futures is not None:
                    analysed = [a for future in item.futures for a in future.result()]
                else:
                    analysed = _analyse_chunk(item.articles)
                if self.cache is not None and not item.analysed:
                    self.cache.save(item.key, analysed)
                articles = self._place(analysed, item.source)
                result.extend(articles)
                done += 1
                if on_progress:
                    on_progress(done, total, articles)
        finally:
            if pool is not None:
                pool.close()
        return result

    def library_key(self, articles: list[Article]) -> str:
        """Names this exact library: its files' contents, in order, and the analyser version."""
        from .versions import SEARCH_STATE_VERSION

        version = self.cache.root.name if self.cache else ""
        parts = [version, str(SEARCH_STATE_VERSION), str(len(articles)), *self.keys]
        return hashlib.sha256("\n".join(parts).encode()).hexdigest()

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

    return parse_page(text)


def _analyse_chunk(articles: list[Article]) -> list[Article]:
    from .analysis import analyse

    return [analyse(a) for a in articles]


def _warm_worker(quiet: bool = True) -> None:
    """Load the dictionary once per worker, while the parent is still reading and parsing.

    A worker started beside a full-screen UI shares its terminal: its stdout and stderr go to
    the null device so that nothing it prints lands on the screen (errors reach the parent
    through the futures).
    """
    if quiet:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 1)
        os.dup2(null, 2)
        os.close(null)
    from .analysis import segmenter

    segmenter.word_tags()


def _start_resource_tracker() -> None:
    """Start multiprocessing's resource tracker with a real stderr to hand it.

    The tracker is passed sys.stderr's file descriptor; a UI that captures stderr (Textual
    does, with fileno() == -1) makes that -1 and every process start fails with "bad value(s)
    in fds_to_keep". Started once here with the process's own stderr, it is reused after.
    """
    import sys
    from multiprocessing import resource_tracker

    if _fileno(sys.stderr) >= 0:
        resource_tracker.ensure_running()
        return
    saved = sys.stderr
    with open(os.devnull, "w") as null:
        sys.stderr = sys.__stderr__ if _fileno(sys.__stderr__) >= 0 else null
        try:
            resource_tracker.ensure_running()
        finally:
            sys.stderr = saved


def _fileno(stream: object) -> int:
    try:
        return int(stream.fileno())  # type: ignore[attr-defined]
    except (OSError, ValueError, AttributeError, TypeError):
        return -1


class _Pool:
    """Worker processes for a cold start: analysis of many files on every core."""

    def __init__(self, workers: int) -> None:
        import multiprocessing
        import threading
        from concurrent.futures import ProcessPoolExecutor

        # fork is quickest, but only safe while no other thread (the reader's UI) runs; a
        # threaded process starts fresh interpreters (spawn), which inherit no lock or thread
        single = threading.active_count() == 1
        method = "fork" if single and "fork" in multiprocessing.get_all_start_methods() else "spawn"
        if method == "fork":
            _warm_worker(quiet=False)  # forked workers share the parent's loaded dictionary
        else:
            _start_resource_tracker()
        self.executor = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=multiprocessing.get_context(method),
            initializer=None if method == "fork" else _warm_worker,
        )

    @classmethod
    def start_if_worth_it(cls, files: list[SourceFile]) -> _Pool | None:
        cores = os.cpu_count() or 1
        if cores < 2:
            return None
        size = 0
        for source in files:
            try:
                size += source.path.stat().st_size
            except OSError:
                continue
        if size < _PARALLEL_BYTES:
            return None
        return cls(min(cores, 4))

    def submit(self, articles: list[Article]) -> list[Future[list[Article]]]:
        return [
            self.executor.submit(_analyse_chunk, articles[start : start + _CHUNK])
            for start in range(0, len(articles), _CHUNK)
        ]

    def close(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)
