"""The archive at scale: each row of the scale table, each against its baseline in the same run.

Builds N synthetic articles from the seeds' paragraphs (tests/perf/synthetic.py, 5 to a file:
the issue's 100,000 articles in 20,000 page files)
in a temp dir with its own cache, then measures:

- first open (cold analysis) against the bare cost of the same work: parsing and analysing a
  twentieth of the files on as many worker processes, storing nothing, scaled to all files;
  also how soon the first articles are stored (they appear in the list as files finish), and
  how long the indexing for search that follows takes (the first search waits for it);
- the first open against the first release's: `unionreader list DIR` on an empty cache with
  each, CPU seconds pair by pair (the bar: not slower);
- the first screen of a warm start against a bare Textual app showing the same first screen
  (a list of the titles on screen and the first article's text), both fresh processes;
- `unionreader search 工会 DIR` from the shell, warm: wall time and peak memory, against a plain
  Python process that reads every file and scans it for the query;
- per-keystroke search through the Python API, p95: six queries typed one char at a time,
  every prefix searched, three rounds each from a freshly opened library, against a plain
  substring scan over the archive's texts held in memory;
- one page file added to the warm archive: time and peak memory of a fresh process to open the
  library and find the new file's title, against the same open and search with nothing new;
- the cache's bytes on disk (the archive database, search tables included) against the
  archive's.

    PYTHONPATH=tui flock /tmp/unionreader-cpu.lock python tests/perf/bench_scale.py --n 10000
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
QUERIES = ("顺义区总公会", "密云区总工会", "服务职工", "pinggu", "工会", "一线职工志愿服务")
SAMPLE_FILES = 20

SCAN = """
import sys
from pathlib import Path
query = sys.argv[1]
found = [p for p in sorted(Path(sys.argv[2]).glob("*.txt")) if query in p.read_text("utf-8")]
print(len(found))
"""


def _run(args: list[str], env: dict[str, str], ready: bool = False) -> tuple[float, float, str]:
    """Wall seconds (to the READY line when asked), peak RSS in MB, and stdout."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    process = subprocess.Popen(
        args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    elapsed = None
    if ready and process.stdout is not None:
        line = process.stdout.readline()
        elapsed = time.perf_counter() - start
        if not line.startswith("READY"):
            raise RuntimeError(f"not ready: {process.communicate()[1][-2000:]}")
    out, err = process.communicate(timeout=600)
    if elapsed is None:
        elapsed = time.perf_counter() - start
    if process.returncode:
        raise RuntimeError(f"{args[:3]} failed: {err[-2000:]}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, max(peak, before) / 1024, out


def _dir_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def _bare_file(path: str) -> int:
    """One file read, parsed and analysed, nothing kept: the bare work of a first open."""
    from unionreader.analysis import analyse
    from unionreader.corpus.pages import parse_page
    from unionreader.corpus.sources import decode

    data = Path(path).read_bytes()
    return len([analyse(a) for a in parse_page(decode(data, Path(path).name).text)])


def _warm_bare(_index: int) -> None:
    from unionreader.analysis import analyse
    from unionreader.corpus.pages import parse_page

    analyse(parse_page("标题\n\n本报讯（记者 王五）预热。\n")[0])  # dictionaries, model
    time.sleep(0.3)  # long enough that each worker takes one


def cold_open(archive: Path, files: list[Path]) -> dict[str, object]:
    """The first open, against the bare work it cannot avoid: the same files read, parsed and
    analysed on as many worker processes, storing and indexing nothing. The baseline runs a
    twentieth of the files (at least 200) on warmed workers and is scaled to all of them; the
    older baseline (a sample of 20 files in one process, divided by the workers, assuming
    they share the work perfectly) is printed beside it."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from unionreader.analysis import analyse
    from unionreader.corpus.pages import parse_page
    from unionreader.corpus.sources import decode
    from unionreader.library import Library, _Pool

    first_stored: list[float] = []
    start = time.perf_counter()

    def progress(done: int, total: int, new: list) -> None:
        if new and not first_stored:
            first_stored.append(time.perf_counter() - start)

    library = Library.open([archive], on_progress=progress)
    seconds = time.perf_counter() - start
    assert library is not None
    count = library.archive.count()
    # the articles' search rows, made after they are stored (before the first search)
    t = time.perf_counter()
    indexed = library.index_pending()
    index_seconds = time.perf_counter() - t
    library.archive.close()

    pool = _Pool.start_if_worth_it(10**9)
    workers = pool.workers if pool is not None else 1
    if pool is not None:
        pool.close()
    step = max(1, min(20, len(files) // 200))
    sample = [str(p) for p in files[::step]]
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool2:
        list(pool2.map(_warm_bare, range(workers)))
        t = time.perf_counter()
        list(pool2.map(_bare_file, sample, chunksize=4))
        bare = (time.perf_counter() - t) * len(files) / len(sample)

    one = files[:: max(1, len(files) // SAMPLE_FILES)][:SAMPLE_FILES]
    analyse(parse_page("标题\n\n本报讯（记者 王五）预热。\n")[0])  # dictionaries loaded
    t = time.perf_counter()
    for path in one:
        for article in parse_page(decode(path.read_bytes(), path.name).text):
            analyse(article)
    one_process = (time.perf_counter() - t) / len(one) * len(files) / workers
    return {
        "articles": count,
        "seconds": round(seconds, 1),
        "first_articles_stored_s": round(first_stored[0], 2) if first_stored else None,
        "then_indexed_for_search_s": round(index_seconds, 1),
        "articles_indexed_after": indexed,
        "baseline_bare_analysis_s": round(bare, 1),
        "baseline_files_sampled": len(sample),
        "ratio": round(seconds / bare, 2),
        "one_process_sample_scaled_s": round(one_process, 1),
        "ratio_to_one_process_sample": round(seconds / one_process, 2),
        "workers": workers,
    }


def first_open_vs_release(archive: Path, home: Path, pairs: int) -> dict[str, object]:
    """The bar of the first open: `unionreader list DIR` on an empty cache with this code and
    with the first release (from git history), one after the other, alternated; wall seconds,
    peak MB and CPU seconds with the workers' (tests/perf/bench_first_open.py, whose method
    this is: within a pair the CPU ratio holds far better than the wall ratio)."""
    import shutil

    from bench_first_open import RELEASE, cold_list, compiled, release_package

    release = compiled(release_package(home / "release"))
    compiled(ROOT / "tui")
    ours: list[tuple[float, float, float, int]] = []
    theirs: list[tuple[float, float, float, int]] = []
    for run in range(pairs):
        order = [("ours", ROOT / "tui"), ("release", release)]
        for name, package in order if run % 2 == 0 else order[::-1]:
            cold = home / f"cold-{name}-{run}"
            (ours if name == "ours" else theirs).append(cold_list(package, archive, cold))
            shutil.rmtree(cold, ignore_errors=True)
    shutil.rmtree(home / "release", ignore_errors=True)
    return {
        "unionreader_s": round(statistics.median(r[0] for r in ours), 1),
        "unionreader_peak_mb": round(max(r[1] for r in ours)),
        "release_s": round(statistics.median(r[0] for r in theirs), 1),
        "release_peak_mb": round(max(r[1] for r in theirs)),
        "cpu_s": [[round(a[2], 1), round(b[2], 1)] for a, b in zip(ours, theirs, strict=True)],
        "cpu_ratio": round(
            statistics.median(a[2] / b[2] for a, b in zip(ours, theirs, strict=True)), 3
        ),
        "release": RELEASE,
    }


def first_screen_warm(archive: Path, home: Path, runs: int) -> dict[str, object]:
    from first_screen import first_screen

    found = first_screen([str(archive)], home, runs, "archive")
    return {k: found[k] for k in ("unionreader_s", "bare_textual_s", "ratio")}


def cli_search(archive: Path, env: dict[str, str], runs: int) -> dict[str, object]:
    ours_cmd = [sys.executable, "-m", "unionreader", "search", "工会", str(archive)]
    scan_cmd = [sys.executable, "-c", SCAN, "工会", str(archive)]
    _run(ours_cmd, env)  # untimed: the OS's file cache is filled
    ours, scans, peaks, scan_peaks = [], [], [], []
    for _ in range(runs):
        seconds, _peak, _out = _run(scan_cmd, env)
        scans.append(seconds)
        seconds, _peak, _out = _run(ours_cmd, env)
        ours.append(seconds)
    # peak memory, each in a process of its own (RUSAGE_CHILDREN keeps the largest child)
    peaks.append(_peak_of(ours_cmd, env))
    scan_peaks.append(_peak_of(scan_cmd, env))
    o, s = statistics.median(ours), statistics.median(scans)
    return {
        "unionreader_s": round(o, 3),
        "peak_mb": round(max(peaks)),
        "baseline_scan_s": round(s, 3),
        "baseline_scan_peak_mb": round(max(scan_peaks)),
        "ratio": round(o / s, 2),
    }


def _peak_of(cmd: list[str], env: dict[str, str]) -> float:
    code = (
        "import resource, subprocess, sys\n"
        "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, *cmd], env=env, capture_output=True, text=True, check=True
    )
    return float(out.stdout.strip())


def keystrokes(archive: Path, files: list[Path]) -> dict[str, object]:
    """Each query typed one char at a time: every prefix searched (limit 100, as the UI asks),
    in three rounds, each from a freshly opened library (the UI opens its search while the
    first screen shows, then keeps what it holds out of the cyclic collector with gc.freeze,
    as done here); nothing is kept from one round to the next but the OS's file cache. The
    baseline scans the same prefixes over the files' texts."""
    import gc

    from unionreader.library import Library

    typed = [q[:k] for q in QUERIES for k in range(1, len(q) + 1)]
    ours = []
    for _round in range(3):
        library = Library.open([archive], cached_only=True)
        assert library is not None
        _ = library.index
        gc.freeze()
        for prefix in typed:
            t = time.perf_counter()
            library.search(prefix, limit=100)
            ours.append(time.perf_counter() - t)
        library.archive.close()
        gc.unfreeze()
    texts = [p.read_text("utf-8") for p in files]
    scans = []
    for prefix in typed:
        t = time.perf_counter()
        [i for i, text in enumerate(texts) if prefix in text][:100]
        scans.append(time.perf_counter() - t)
    p95 = _p95(ours)
    scan_p95 = _p95(scans)
    slowest = sorted(zip(ours, typed * 3, strict=True), reverse=True)[:5]
    return {
        "p95_ms": round(p95 * 1000, 2),
        "median_ms": round(statistics.median(ours) * 1000, 2),
        "baseline_scan_p95_ms": round(scan_p95 * 1000, 2),
        "ratio": round(p95 / scan_p95, 2),
        "keystrokes": len(ours),
        "slowest_ms": [[q, round(s * 1000, 1)] for s, q in slowest],
    }


ADD_CHILD = """
import json, sys, time
start = time.perf_counter()
from unionreader.library import Library
library = Library.open([sys.argv[1]])
hits = library.search(sys.argv[2], limit=5)
print(json.dumps({
    "seconds": time.perf_counter() - start,
    "found": bool(hits) and hits[0].article.title == sys.argv[2],
}))
"""
# runs a command, passing its stdout on with its peak memory (a child forked from this small
# process starts from its small peak, not from the benchmark's)
MEASURED = """
import json, resource, subprocess, sys
out = json.loads(subprocess.run(sys.argv[1:], capture_output=True, text=True, check=True).stdout)
out["peak_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(json.dumps(out))
"""
NEW_TITLE = "文库里新来的一份稿件标题"


def one_file_added(archive: Path, env: dict[str, str], runs: int) -> dict[str, object]:
    """One page file added to the warm archive: a fresh process opens the library (which finds,
    analyses and indexes the new file) and finds its title, against the same open and search
    with nothing new (the warm open baseline). Each run adds a file of its own."""
    cmd = [sys.executable, "-c", MEASURED, sys.executable, "-c", ADD_CHILD, str(archive)]
    base, added, base_peak, added_peak = [], [], [], []
    leftovers = list(archive.glob("zz-added-*.txt"))  # a reused archive's earlier run
    for page in leftovers:
        page.unlink()
    if leftovers:
        _run([*cmd, NEW_TITLE], env)  # untimed: their rows dropped
    for k in range(runs):
        title = f"{NEW_TITLE}{k}"
        out = json.loads(_run([*cmd, title], env)[2])
        assert not out["found"], "the new title is there before its file"
        base.append(out["seconds"])
        base_peak.append(out["peak_mb"])
        page = archive / f"zz-added-{k}.txt"
        page.write_text(
            f"{title}\n\n本报讯（记者 王五）今天，一份新稿件加入了文库，写到区总工会的职工。\n",
            encoding="utf-8",
        )
        out = json.loads(_run([*cmd, title], env)[2])
        assert out["found"], "the new file's article is not searchable"
        added.append(out["seconds"])
        added_peak.append(out["peak_mb"])
    a, b = statistics.median(added), statistics.median(base)
    return {
        "unionreader_s": round(a, 3),
        "peak_mb": round(max(added_peak)),
        "baseline_warm_open_s": round(b, 3),
        "baseline_peak_mb": round(max(base_peak)),
        "ratio": round(a / b, 2),
    }


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


MEASURES = (
    "first_open",
    "first_open_vs_release",
    "first_screen_warm",
    "cli_search",
    "keystroke_search",
    "one_file_added",
    "cache_on_disk",
)


def _measure(args: argparse.Namespace, home: Path, only: list[str]) -> dict[str, object]:
    from first_screen import env_for
    from synthetic import build_archive

    env = env_for(home)
    os.environ.update({k: env[k] for k in ("XDG_CACHE_HOME", "XDG_DATA_HOME")})
    archive = home / "archive"
    reused = archive.is_dir() and any(archive.glob("*.txt"))
    if reused:
        files = sorted(p for p in archive.glob("*.txt") if not p.name.startswith("zz-added-"))
    else:
        files = build_archive(args.n, archive, args.per_file)
    archive_bytes = _dir_bytes(archive)
    rows: dict[str, object] = {"articles": args.n, "files": len(files)}
    rows["archive_mb"] = round(archive_bytes / 1e6, 1)
    if reused:
        rows["reused_archive"] = str(archive)
    if "first_open" in only and not reused:
        rows["first_open"] = cold_open(archive, files)
    elif not reused or not (home / "cache" / "unionreader" / "archives").is_dir():
        from unionreader.library import Library

        library = Library.open([archive])  # untimed: the warm measures need a cache
        assert library is not None
        library.index_pending()  # and its search rows, as the first search would make them
        library.archive.close()
    if "first_open_vs_release" in only:
        rows["first_open_vs_release"] = first_open_vs_release(archive, home, args.pairs)
    if "first_screen_warm" in only:
        rows["first_screen_warm"] = first_screen_warm(archive, home, args.runs)
    if "cli_search" in only:
        rows["cli_search"] = cli_search(archive, env, args.runs)
    if "keystroke_search" in only:
        rows["keystroke_search"] = keystrokes(archive, files)
    if "one_file_added" in only:
        rows["one_file_added"] = one_file_added(archive, env, args.runs)
    if "cache_on_disk" in only:
        root = home / "cache" / "unionreader"
        # the archive database grows with the archive; the word lists' caches (jieba's) are
        # the same few MB for any archive
        cache = _dir_bytes(root / "archives")
        rows["cache_on_disk"] = {
            "cache_mb": round(cache / 1e6, 1),
            "ratio": round(cache / archive_bytes, 2),
            "fixed_dictionary_caches_mb": round((_dir_bytes(root) - cache) / 1e6, 1),
        }
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="synthetic articles")
    parser.add_argument("--runs", type=int, default=3, help="timed launches per measure")
    parser.add_argument("--per-file", type=int, default=5, help="articles per page file")
    parser.add_argument(
        "--pairs", type=int, default=1, help="cold opens of each against the release"
    )
    parser.add_argument(
        "--only",
        default=",".join(MEASURES),
        help=f"comma-separated measures to run, of {','.join(MEASURES)} (default: all)",
    )
    parser.add_argument(
        "--home",
        type=Path,
        help="keep the archive and its cache in this folder and reuse them on the next run "
        "(a warm archive: first_open is then only measured if the folder is new)",
    )
    args = parser.parse_args()
    only = [m.strip() for m in args.only.split(",") if m.strip()]
    unknown = sorted(set(only) - set(MEASURES))
    if unknown:
        parser.error(f"unknown measure(s): {', '.join(unknown)}")
    sys.path.insert(0, str(HERE))
    sys.path.insert(0, str(ROOT / "tui"))
    if args.home is not None:
        args.home.mkdir(parents=True, exist_ok=True)
        rows = _measure(args, args.home.resolve(), only)
    else:
        with tempfile.TemporaryDirectory(prefix="unionreader-scale-") as tmp:
            rows = _measure(args, Path(tmp), only)
    print(json.dumps(rows, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
