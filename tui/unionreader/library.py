"""The library: files and folders opened into the archive database (analysing what is new).

Over 400 lines: opening, checking and analysing files (with the worker pool safe to start
beside a UI) are one path with one set of invariants about what is committed when.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, overload

from .corpus.sources import SourceError, SourceFile, decode, find_files, read_bytes
from .model import Article, Block, Problem

if TYPE_CHECKING:
    from concurrent.futures import Future

    from .search.build import ArticleRows
    from .search.hits import SearchHit
    from .search.index import SearchIndex
    from .store.archive import Archive, Prepared, SourceRow
    from .store.listing import Listing, ListQuery
    from .store.search_pending import Material

Progress = Callable[[int, int, Sequence[Article]], None]
# a file's articles as the archive stores them, and their search rows (None: made once the
# articles are stored, by Library.index_pending)
_Analysed = tuple[list["Prepared"], list["ArticleRows"] | None]
IndexProgress = Callable[[int, int], None]
# Articles given their search rows per transaction after a large first open, and what one
# weighs against _PARALLEL_BYTES (a worker pool indexes 5,000 articles or more)
_INDEX_BATCH = 2_000
_INDEX_BYTES_EACH = 200
# Below this much new text a worker pool costs more to start than it saves.
_PARALLEL_BYTES = 1_000_000
_CHUNK = 64
# files handed to the workers per worker, ahead of the one stored next: enough to keep them
# busy while a batch is stored (a few hundred files, up to half a second)
_AHEAD = 32
# A first open commits files in batches: a batch is stored once it holds this many files or
# articles, or its first file has waited long enough: half a second at first (the list fills
# as files finish), growing to two as the open goes on. Each commit costs the search index a
# segment to merge and rewrites every page its inserts touch: of the head entries' table
# (ordered by text) that is nearly every page, so fewer, larger commits as the archive grows.
_BATCH_FILES = 400
_BATCH_ARTICLES = 2_000
_BATCH_SECONDS = (0.5, 2.0)
_BATCH_GROWTH = 0.05  # seconds of wait per second the open has run, between those bounds
# Small files go to a worker this many to a task, up to this many bytes (a tenth of a second's
# work): each result wakes the parent, which takes a core from a worker for a moment
_FILES_PER_TASK = 8
_TASK_BYTES = 64_000
# A file up to this size is read and parsed in a worker; a larger one is parsed here and its
# articles shared over the workers
_PARSE_IN_WORKER_BYTES = 256_000


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
        unchanged are not read again; new and changed ones are analysed and stored in
        batches of files (each reported through `on_progress` once its batch is stored);
        files gone are dropped. With `cached_only`, returns None as soon as a file would need
        analysing (nothing is parsed): a front end can open a warm library at once and leave a
        cold one to a worker.
        With `check_later` too, the archive of these paths is opened as it is (empty on a first
        open), without looking at the files (a warm start reads what the first screen shows
        and no more): the front end calls `check` once that screen is up.
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
            # shown as the archive holds it (nothing, on a first open), files looked at after:
            # the list reads what is stored as it is stored, never every article in memory
            library = cls(archive, list(archive.notices), archive.source_displays())
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
                self._index = None  # its kept articles and body keys may be stale
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

    def pending(self) -> int:
        """How many articles wait for their search rows (after a large first open)."""
        return self.archive.pending()

    def index_pending(self, on_progress: IndexProgress | None = None) -> int:
        """Give every article that waits for them its search rows, a batch of articles to a
        transaction (what is committed stays if the process stops; the next call goes on from
        there), on every core when there are many; reports (articles done, articles to do) at
        the start and after each batch. How many were indexed.

        A first open on every core stores articles only, so that the list fills as fast as
        the files can be analysed; the search tables follow here, before the first search.
        """
        archive = self.archive
        total = archive.pending()
        if not total:
            return 0
        done = 0

        def report(count: int) -> None:
            nonlocal done, total
            done += count
            total = max(total, done)
            if on_progress is not None:
                on_progress(done, total)

        report(0)
        pool = _Pool.start_if_worth_it(total * _INDEX_BYTES_EACH, warm=_warm_search_worker)
        if pool is None:
            while found := archive.index_pending(_INDEX_BATCH):
                report(found)
            return done
        try:
            window: deque[tuple[list[Material], Future[list[ArticleRows]]]] = deque()
            after: int | None = None  # the last rowid handed out
            while True:
                while len(window) <= pool.workers:  # a batch for each worker, and one waiting
                    material = archive.waiting(after, _INDEX_BATCH)
                    if not material:
                        break
                    after = material[-1][0]
                    window.append((material, pool.executor.submit(_search_rows, material)))
                if not window:
                    return done
                material, future = window.popleft()
                archive.index_material(material, future.result())
                report(len(material))
        finally:
            pool.close()

    @property
    def index(self) -> SearchIndex:
        """The search index: the archive's search tables, kept file by file with the articles
        (nothing is built or loaded whole). Articles that wait for their search rows are not
        found until `index_pending` (which `search` calls) has given them theirs."""
        with self._index_lock:
            if self._index is None:
                from .search.index import SearchIndex
                from .store.search_reads import SearchStore

                self._index = SearchIndex(SearchStore(self.archive))
            return self._index

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """The best hits for a query, every stored article indexed first."""
        self.index_pending()
        return self.index.search(query, limit=limit)


class _Kept(Sequence[Article]):
    """The articles an open keeps as they were, counted in SQL and read only if iterated."""

    def __init__(self, archive: Archive, changed: set[str]) -> None:
        self._archive = archive
        self._changed = changed
        self._count: int | None = None

    def __len__(self) -> int:
        if self._count is None:
            self._count = self._archive.count_kept(self._changed)
        return self._count

    def __iter__(self) -> Iterator[Article]:
        return (a for a in self._archive.iter_articles() if a.source not in self._changed)

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return list(self)[index]
        for k, article in enumerate(self):
            if k == index:
                return article
        raise IndexError(index)


class _Stored(Sequence[Article]):
    """The articles of a file just stored, read from the archive only if iterated (the workers
    hand the parent rows to store, not articles)."""

    def __init__(self, archive: Archive, rowids: list[int]) -> None:
        self._archive = archive
        self._rowids = rowids
        self._read: list[Article] | None = None

    def __len__(self) -> int:
        return len(self._rowids)

    def _articles(self) -> list[Article]:
        if self._read is None:
            found = self._archive.articles_by_rowid(self._rowids) if self._rowids else {}
            self._read = [found[r] for r in self._rowids]
        return self._read

    def __iter__(self) -> Iterator[Article]:
        return iter(self._articles())

    def __getitem__(self, index: Any) -> Any:
        return self._articles()[index]


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
    if gone or any(row.path in known for row in todo):
        archive.compact()  # rows replaced or dropped leave pages free; given back past a share
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
    a batch of files to a transaction (a few tenths of a second's worth): what is stored stays
    stored if the process stops. Progress is reported file by file as each batch is stored."""
    import time

    done = first = total - len(todo)
    if on_progress is not None:  # at once: the workers take a few seconds to start
        # the articles kept are counted in SQL and streamed only if read; a list that reads
        # the archive is told of none
        kept = _Kept(archive, {row.display for row in todo}) if report_kept else ()
        on_progress(done, total, kept)
    batch: list[tuple[SourceRow, _Analysed | None]] = []
    articles = 0  # in the batch
    since = 0.0  # when the batch's first file came
    wait = _BATCH_SECONDS[0]  # how long that file may wait to be stored
    started = time.monotonic()

    def store() -> None:
        nonlocal done, articles
        stored = iter(
            archive.replace_sources([(row, *found) for row, found in batch if found is not None])
        )
        for _row, found in batch:
            done += 1
            if on_progress is not None:
                rowids = [rowid for rowid, _id in next(stored)] if found is not None else []
                on_progress(done, total, _Stored(archive, rowids))
        batch.clear()
        articles = 0

    def patience() -> float | None:
        """How long the next file may be waited for before the batch is stored."""
        return max(0.0, since + wait - time.monotonic()) if batch else None

    pool = _Pool.start_if_worth_it(sum(max(row.size, 0) for row in todo))
    try:
        for item in _analysed(todo, pool, problems, patience):
            if item is not None:
                if not batch:
                    since = time.monotonic()
                    low, high = _BATCH_SECONDS
                    wait = min(high, max(low, (since - started) * _BATCH_GROWTH))
                batch.append(item)
                articles += len(item[1][0]) if item[1] is not None else 0
                # the first file at once (the list shows something soon), then in batches
                full = _BATCH_FILES if done > first else 1
                if (
                    len(batch) < full
                    and articles < _BATCH_ARTICLES
                    and time.monotonic() - since < wait
                ):
                    continue
            if batch:  # full, old enough, or the next file is late
                store()
        if batch:
            store()
    finally:
        if pool is not None:
            pool.close()


def _analysed(
    todo: list[SourceRow],
    pool: _Pool | None,
    problems: list[Problem],
    patience: Callable[[], float | None] = lambda: None,
) -> Iterator[tuple[SourceRow, _Analysed | None] | None]:
    """Each file's articles as the archive stores them and their search rows, in order (None
    for a file that could not be read); a None between them when the next file has kept the
    caller waiting longer than `patience()` seconds (None: as long as it takes).

    With a pool, a few files per worker are submitted ahead of the one awaited, so the workers
    never wait for the parent and memory stays flat.
    """
    from concurrent.futures import wait

    ahead = _AHEAD * pool.workers if pool is not None else 0
    # (file, its futures, its articles if parsed here, its place in its task's results)
    window: deque[tuple[SourceRow, list[Future[Any]], list[Article] | None, int]] = deque()
    rows = iter(todo)
    exhausted = False
    task: list[SourceRow] = []  # small files read, parsed and analysed in one worker task
    tasks = 0

    def submit_task() -> None:
        nonlocal tasks
        assert pool is not None
        future = pool.executor.submit(_analyse_files_in_worker, [(r.path, r.display) for r in task])
        window.extend((r, [future], [], k) for k, r in enumerate(task))
        task.clear()
        tasks += 1

    while True:
        while not exhausted and len(window) <= ahead:
            row = next(rows, None)
            if row is None:
                exhausted = True
                break
            if pool is not None and row.size <= _PARSE_IN_WORKER_BYTES:
                # read and parsed in the worker too: it hands back rows ready to store; a few
                # small files to a task (the first alone), so the parent wakes less often
                task.append(row)
                if (
                    len(task) >= (_FILES_PER_TASK if tasks else 1)
                    or sum(r.size for r in task) >= _TASK_BYTES
                ):
                    submit_task()
                continue
            if task:
                submit_task()
            articles = _read_and_parse(row, problems)  # a large file's articles shared out
            futures = pool.submit(articles) if pool is not None and articles else []
            window.append((row, futures, articles, -1))
        if task and exhausted:
            submit_task()
        if not window:
            return
        row, futures, articles, part = window[0]
        if futures:
            timeout = patience()
            if timeout is not None and wait(futures, timeout=timeout).not_done:
                yield None  # the caller stores what it holds, then waits on
                continue
        window.popleft()
        if not futures:  # unreadable (None), empty, or no pool
            yield row, (None if articles is None else _analyse_chunk(articles))
            continue
        done: list[Any] = [future.result() for future in futures]
        if part >= 0:  # one file of a task's
            done = [done[0][part]]
        if isinstance(done[0], Problem):
            problems.append(done[0])
            yield row, None
            continue
        yield row, ([a for d in done for a in d[0]], None)


def _analyse_files_in_worker(files: list[tuple[str, str]]) -> list[_Analysed | Problem]:
    """Files (path, display) read, parsed and analysed in a worker, one result each."""
    return [_analyse_file(path, display) for path, display in files]


def _analyse_file(path: str, display: str) -> _Analysed | Problem:
    """One file read, parsed and analysed (in a worker), or the problem met reading it."""
    problems: list[Problem] = []
    articles = _read_and_parse_path(path, display, problems)
    if articles is None:
        return problems[0]
    return _analyse_chunk(articles, search_rows=False)


def _read_and_parse(row: SourceRow, problems: list[Problem]) -> list[Article] | None:
    return _read_and_parse_path(row.path, row.display, problems)


def _read_and_parse_path(path: str, display: str, problems: list[Problem]) -> list[Article] | None:
    try:
        data = read_bytes(Path(path))
        if not data.strip():
            return []  # an empty file is no article and no problem
        return _parse(decode(data, display).text)
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


def _analyse_chunk(articles: list[Article], search_rows: bool = True) -> _Analysed:
    """Analysed articles, and their search rows if asked for (a few files opened here are
    indexed as they are stored; the workers' many are indexed once all are stored)."""
    from .analysis import analyse
    from .search.build import file_rows
    from .store.archive import prepare

    analysed = [analyse(a) for a in articles]
    return prepare(analysed), (file_rows(analysed) if search_rows else None)


def _search_rows(material: list[Material]) -> list[ArticleRows]:
    """The search rows of a batch of stored articles (in a worker)."""
    from .search.build import source_rows
    from .store.search_pending import sources

    return source_rows(sources(material))


def _warm_search_worker(quiet: bool = True) -> None:
    """Load what search rows are made with (opencc, pypinyin) once per worker."""
    if quiet:
        _quiet()
    from .search.keys import syllables, to_simplified

    syllables(to_simplified("會"))


def _quiet() -> None:
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 1)
    os.dup2(null, 2)
    os.close(null)


def _warm_worker(quiet: bool = True) -> None:
    """Load what analysis needs (the dictionary, the tagger and its compiled kernels, the
    word lists) once per worker, by analysing a one-line item, while the parent is still
    reading and parsing; forked workers have it from the parent, loaded once for all.

    A worker started beside a full-screen UI shares its terminal: its stdout and stderr go to
    the null device so that nothing it prints lands on the screen (errors reach the parent
    through the futures).
    """
    if quiet:
        _quiet()
    from .analysis import analyse

    analyse(Article(id="", source="", title="北京市总工会", blocks=(Block("paragraph", _WARM),)))


# A one-line item that takes every analyser through its first use
_WARM = "本报讯（记者 王五）北京市总工会在平谷区举办活动，1000余人参加。"


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

    def __init__(self, workers: int, warm: Callable[..., None] | None = None) -> None:
        import multiprocessing

        self.workers = workers
        import threading
        from concurrent.futures import ProcessPoolExecutor

        # fork is quickest, but only safe while no other thread (the reader's UI) runs; a
        # threaded process starts fresh interpreters (spawn), which inherit no lock or thread
        single = threading.active_count() == 1
        method = "fork" if single and "fork" in multiprocessing.get_all_start_methods() else "spawn"
        warm = warm or _warm_worker
        if method == "fork":
            warm(quiet=False)  # forked workers share the parent's loaded dictionary
        else:
            _start_resource_tracker()
        self.executor = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=multiprocessing.get_context(method),
            initializer=None if method == "fork" else warm,
        )

    @classmethod
    def start_if_worth_it(cls, size: int, warm: Callable[..., None] | None = None) -> _Pool | None:
        """A pool when there are cores to share and enough bytes to share out."""
        cores = os.cpu_count() or 1
        if cores < 2 or size < _PARALLEL_BYTES:
            return None
        return cls(min(cores, 4), warm)

    def submit(self, articles: list[Article]) -> list[Future[_Analysed]]:
        return [
            self.executor.submit(_analyse_chunk, articles[start : start + _CHUNK], False)
            for start in range(0, len(articles), _CHUNK)
        ]

    def close(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)
