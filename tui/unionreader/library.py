"""The library: files and folders opened into the archive database (analysing what is new).

Over 400 lines: opening, checking and analysing files (with the worker pool safe to start
beside a UI) are one path with one set of invariants about what is committed when.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections import OrderedDict, deque
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, overload

from .corpus.sources import SourceError, SourceFile, decode, find_files, read_bytes
from .model import Article, Problem

if TYPE_CHECKING:
    from concurrent.futures import Future

    from .search.index import SearchHit, SearchIndex
    from .store.archive import Archive, SourceRow
    from .store.listing import Listing, ListQuery

Progress = Callable[[int, int, list[Article]], None]
# Below this much new text a worker pool costs more to start than it saves.
_PARALLEL_BYTES = 1_000_000
_CHUNK = 64
_AHEAD = 3  # files parsed and handed to the workers per worker, ahead of the one stored next


class Library:
    """Articles from page dumps, in reading order, with ids unique within the library.

    A thin handle on the archive database: `get` reads one article; `articles` reads them all
    (once, on first use).
    """

    def __init__(self, archive: Archive, problems: list[Problem], sources: list[str]) -> None:
        self.archive = archive
        self.problems = problems
        self.sources = sources
        self._articles: list[Article] | None = None
        self._by_id: dict[str, Article] = {}
        self._index: SearchIndex | None = None
        self._index_lock = threading.Lock()
        self.unchecked: list[str | os.PathLike[str]] | None = None  # paths not yet looked at

    @overload
    @classmethod
    def open(
        cls,
        paths: Sequence[str | os.PathLike[str]] | None = None,
        *,
        on_progress: Progress | None = None,
        use_cache: bool = True,
        cached_only: Literal[False] = False,
        check_later: bool = False,
    ) -> Library: ...

    @overload
    @classmethod
    def open(
        cls,
        paths: Sequence[str | os.PathLike[str]] | None = None,
        *,
        on_progress: Progress | None = None,
        use_cache: bool = True,
        cached_only: bool,
        check_later: bool = False,
    ) -> Library | None: ...

    @classmethod
    def open(
        cls,
        paths: Sequence[str | os.PathLike[str]] | None = None,
        *,
        on_progress: Progress | None = None,
        use_cache: bool = True,
        cached_only: bool = False,
        check_later: bool = False,
    ) -> Library | None:
        """Open files and folders (None: the bundled seeds).

        Raises FileNotFoundError for a path that does not exist; unreadable, binary or
        undecodable files are skipped and described in `problems`. Files the archive holds
        unchanged are not read again; new and changed ones are analysed and stored file by
        file (reported through `on_progress` as they finish); files gone are dropped. With
        `cached_only`, returns None as soon as a file would need analysing (nothing is
        parsed): a front end can open a warm library at once and leave a cold one to a worker.
        With `check_later` too, an archive that holds these paths' files is opened as it is,
        without looking at the files (a warm start reads what the first screen shows and no
        more): the front end calls `check` once that screen is up.
        """
        from .store.archive import Archive, archive_path

        if not paths:
            from .resources import seeds_dir

            paths = [seeds_dir()]
        for path in paths:  # a missing path is a usage error at once, checked or not
            if not os.path.lexists(path):
                raise FileNotFoundError(f"no such file or folder: {path}")
        archive = Archive.open(archive_path(paths) if use_cache else None)
        if cached_only and check_later and archive.path is not None:
            held = archive.source_displays()
            if held:
                library = cls(archive, list(archive.notices), held)
                library.unchecked = list(paths)
                return library
        files, problems = find_files(paths)
        problems.extend(archive.notices)
        if _update(archive, files, problems, on_progress, cached_only) is None:
            archive.close()
            return None
        return cls(archive, problems, [f.display for f in files])

    def check(self, on_progress: Progress | None = None) -> bool:
        """Look at the files of a library opened with `check_later`: analyse new and changed
        ones, drop the gone, as `open` does first. True when the list changed; `problems`
        then holds what was met. Nothing to do (False) for a library already checked."""
        paths, self.unchecked = self.unchecked, None
        if paths is None:
            return False
        files, problems = find_files(paths)
        changed = _update(self.archive, files, problems, on_progress, False, report_kept=False)
        self.problems = problems
        self.sources = [f.display for f in files]
        if changed:
            with self._index_lock:
                self._index = None  # built again, for what the archive now holds
            self._articles = None
        return bool(changed) or bool(problems)

    @property
    def articles(self) -> list[Article]:
        if self._articles is None:
            self._articles = self.archive.articles()
            self._by_id = {a.id: a for a in self._articles}
        return self._articles

    def iter_articles(self) -> Iterator[Article]:
        """Every article in reading order, streamed from the archive (flat memory)."""
        if self._articles is not None:
            return iter(self._articles)
        return self.archive.iter_articles()

    def get(self, article_id: str) -> Article | None:
        if self._articles is not None:
            return self._by_id.get(article_id)
        return self.archive.article(article_id)

    def listing(self, query: ListQuery | None = None) -> Listing:
        """The list of articles as a query asks for it, read from the archive a window at a time."""
        from .store.listing import Listing, ListQuery

        return Listing(self.archive, query or ListQuery())

    def entity_counts(self) -> list[tuple[tuple[str, str], int]]:
        """Every name with its type and how many articles name it, most named first."""
        return self.archive.entity_counts()

    @property
    def index(self) -> SearchIndex:
        """The search index: from the cache when this library was indexed before, else built."""
        with self._index_lock:
            if self._index is None:
                self._index = self._load_index()
            return self._index

    def _content_key(self) -> str | None:
        """Names this exact library: its files' contents, in order, and the analyser version."""
        if self.archive.path is None:
            return None
        from .versions import SEARCH_STATE_VERSION, analyser_version

        parts = [analyser_version(), str(SEARCH_STATE_VERSION), *self.archive.source_hashes()]
        return hashlib.sha256("\n".join(parts).encode()).hexdigest()

    def _load_index(self) -> SearchIndex:
        """The head side from the saved state, the body side from the archive; or build both.

        Nothing but the articles a query hits is read from the archive once it is saved.
        """
        from .search.index import SearchIndex
        from .store.cache import load_index_state, save_index_state

        key = self._content_key()
        if key and self.archive.search_body_key() == key:
            state = load_index_state(key)
            if state is not None and state.get("ids") == self.archive.ordered_ids():
                try:
                    return SearchIndex.from_state(
                        state, _ArchiveArticles(self, state["ids"]), _ArchiveBodies(self.archive)
                    )
                except (ValueError, KeyError, TypeError):
                    pass  # an old or damaged index: build it again
        from .search.build import build_state

        articles = self.articles
        state = build_state(articles)
        index = SearchIndex(state, articles)
        if key:
            from .search.build import body_tokens

            bodies = state["bodies"]
            head = {k: v for k, v in state.items() if k not in ("bodies", "body_grams")}
            head["ids"] = [a.id for a in articles]
            try:
                self.archive.save_search_body(key, bodies, map(body_tokens, bodies))
                save_index_state(key, head)
                self.archive.compact()  # the index replaced leaves its old pages free
            except Exception:  # a read-only or busy cache only costs speed next time
                pass
        return index

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        return self.index.search(query, limit=limit)


class _ArchiveArticles(Sequence[Article]):
    """The library's articles by place in reading order, read from the archive when asked.

    The articles of recent hits are kept (a few thousand): the next keystroke's query mostly
    hits the same ones.
    """

    KEEP = 2000

    def __init__(self, library: Library, ids: list[str]) -> None:
        self._library = library
        self._ids = ids
        self._kept: OrderedDict[str, Article] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._ids)

    def prefetch(self, indices: Sequence[int]) -> None:
        """Read the articles of these places not yet kept, in one go (a page of hits)."""
        with self._lock:
            missing = [self._ids[i] for i in indices if self._ids[i] not in self._kept]
        found = self._library.archive.articles_by_id(missing) if missing else {}
        with self._lock:
            self._kept.update(found)
            for i in indices:
                if self._ids[i] in self._kept:
                    self._kept.move_to_end(self._ids[i])
            while len(self._kept) > self.KEEP:
                self._kept.popitem(last=False)

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        article_id = self._ids[index]
        with self._lock:
            article = self._kept.get(article_id)
        if article is None:
            article = self._library.get(article_id)
        if article is None:
            raise KeyError(article_id)
        return article


class _ArchiveBodies:
    """The body side of the search index, kept in the archive database.

    The body keys read last are kept (a few thousand): the next keystroke checks and shows
    mostly the same articles.
    """

    KEEP = 4000

    def __init__(self, archive: Archive) -> None:
        self._archive = archive
        self._kept: OrderedDict[int, str] = OrderedDict()
        self._lock = threading.Lock()

    def keys(self, articles: Sequence[int]) -> dict[int, str]:
        found: dict[int, str] = {}
        with self._lock:
            kept = self._kept
            for a in articles:
                key = kept.get(a)
                if key is not None:
                    found[a] = key
                    kept.move_to_end(a)
        missing = [a for a in articles if a not in found]
        if missing:
            read = self._archive.body_keys(missing)
            found.update(read)
            with self._lock:
                self._kept.update(read)
                while len(self._kept) > self.KEEP:
                    self._kept.popitem(last=False)
        return found

    def posting(self, gram: str) -> bytes | None:
        from array import array

        places = self._archive.body_posting(gram)
        return array("I", places).tobytes() if places else None

    def frequency(self, gram: str) -> int:
        return self._archive.body_frequency(gram)

    def containing(self, grams: Sequence[str], after: int, limit: int) -> list[int]:
        return self._archive.bodies_containing(grams, after, limit)


def _update(
    archive: Archive,
    files: list[SourceFile],
    problems: list[Problem],
    on_progress: Progress | None,
    cached_only: bool,
    report_kept: bool = True,
) -> int | None:
    """Bring the archive in line with the files: how many sources changed (moved, gone or
    analysed), or None (and nothing parsed) if cached_only and some file needs analysing.
    With report_kept, progress starts with every article kept (a list filling in memory);
    without it, only the new ones are reported (a list that reads the archive)."""
    from .store.archive import SourceRow
    from .versions import analyser_version

    version = analyser_version()
    known = archive.sources()
    placed: list[tuple[int, str, int]] = []  # (ord, display, id) of sources kept as they are
    todo: list[SourceRow] = []
    seen: set[str] = set()
    for ord_, source in enumerate(files):
        path = os.path.abspath(source.display)
        seen.add(path)
        row = known.get(path)
        try:
            st = os.stat(path)
            size, mtime = st.st_size, st.st_mtime_ns
        except OSError:
            size, mtime = -1, -1
        unchanged = row is not None and (row.size, row.mtime_ns) == (size, mtime)
        if row is not None and unchanged and row.analyser == version:
            if (row.ord, row.display) != (ord_, source.display):
                placed.append((ord_, source.display, row.id))
            continue
        if cached_only:
            return None
        try:
            data = read_bytes(source.path)
        except SourceError as exc:
            problems.append(exc.problem)
            continue
        digest = hashlib.sha256(data).hexdigest()
        if row is not None and row.analyser == version and row.hash == digest:
            archive.touch(row.id, size, mtime)
            placed.append((ord_, source.display, row.id))
            continue
        todo.append(SourceRow(0, path, source.display, ord_, size, mtime, digest, version))
    gone = [path for path in known if path not in seen]
    if gone:
        archive.drop_sources(gone)
    if placed:  # a warm open with nothing moved writes nothing
        archive.place_sources(placed)
    if todo:
        _analyse_files(archive, todo, len(files), problems, on_progress, report_kept)
    return len(placed) + len(gone) + len(todo)


def _analyse_files(
    archive: Archive,
    todo: list[SourceRow],
    total: int,
    problems: list[Problem],
    on_progress: Progress | None,
    report_kept: bool = True,
) -> None:
    """Parse, analyse (on every core when there is enough) and store the files, in order,
    each in its own transaction: what is stored stays stored if the process stops."""
    done = total - len(todo)
    if on_progress is not None and report_kept:
        changed = {row.display for row in todo}
        kept = [a for a in archive.articles() if a.source not in changed]
        on_progress(done, total, kept)
    pool = _Pool.start_if_worth_it(sum(max(row.size, 0) for row in todo))
    try:
        for row, analysed in _analysed(todo, pool, problems):
            stored = archive.replace_source(row, analysed) if analysed is not None else []
            done += 1
            if on_progress is not None:
                on_progress(done, total, stored)
    finally:
        if pool is not None:
            pool.close()


def _analysed(
    todo: list[SourceRow], pool: _Pool | None, problems: list[Problem]
) -> Iterator[tuple[SourceRow, list[Article] | None]]:
    """Each file's analysed articles, in order (None for a file that could not be read).

    With a pool, a few files per worker are parsed and submitted ahead of the one awaited,
    so the workers never wait for the parent and memory stays flat.
    """
    ahead = _AHEAD * pool.workers if pool is not None else 0
    window: deque[tuple[SourceRow, list[Article] | None, list[Future[list[Article]]]]] = deque()
    rows = iter(todo)
    exhausted = False
    while True:
        while not exhausted and len(window) <= ahead:
            row = next(rows, None)
            if row is None:
                exhausted = True
                break
            articles = _read_and_parse(row, problems)
            futures = pool.submit(articles) if pool is not None and articles else []
            window.append((row, articles, futures))
        if not window:
            return
        row, articles, futures = window.popleft()
        if articles is None:
            yield row, None
        elif futures:
            yield row, [a for future in futures for a in future.result()]
        else:
            yield row, _analyse_chunk(articles)


def _read_and_parse(row: SourceRow, problems: list[Problem]) -> list[Article] | None:
    try:
        data = read_bytes(Path(row.path))
        if not data.strip():
            return []  # an empty file is no article and no problem
        return _parse(decode(data, row.display).text)
    except SourceError as exc:
        problems.append(exc.problem)
        return None


def explain(paths: Sequence[str]) -> list[tuple[str, list[tuple[int, str, str, str]]]]:
    """Per file, per line of the dump: line number, text, role, and why it heads an item or not.

    Missing paths raise FileNotFoundError; unreadable files raise SourceError.
    """
    from .corpus.why import explain_page

    files, _problems = find_files(paths)
    return [
        (source.display, explain_page(decode(read_bytes(source.path), source.display).text))
        for source in files
    ]


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

        self.workers = workers
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
    def start_if_worth_it(cls, size: int) -> _Pool | None:
        """A pool when there are cores to share and enough bytes to share out."""
        cores = os.cpu_count() or 1
        if cores < 2 or size < _PARALLEL_BYTES:
            return None
        return cls(min(cores, 4))

    def submit(self, articles: list[Article]) -> list[Future[list[Article]]]:
        return [
            self.executor.submit(_analyse_chunk, articles[start : start + _CHUNK])
            for start in range(0, len(articles), _CHUNK)
        ]

    def close(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)
