"""The archive at scale: each row of the scale table, each against its baseline in the same run.

Builds N synthetic articles from the seeds' paragraphs (tests/perf/synthetic.py, 5 to a file:
the issue's 100,000 articles in 20,000 page files)
in a temp dir with its own cache, then measures:

- first open (cold analysis) against the bare cost of the same work: parsing and analysing a
  sample of the files in one process, scaled to all files and shared over the workers;
  also how soon the first articles are stored (they appear in the list as files finish);
- the first screen of a warm start against a bare Textual app showing the same first screen
  (a list of the titles on screen and the first article's text), both fresh processes;
- `unionreader search 工会 DIR` from the shell, warm: wall time and peak memory, against a plain
  Python process that reads every file and scans it for the query;
- per-keystroke search through the Python API (every prefix of a few queries), p95, against a
  plain substring scan over the archive's texts held in memory;
- the cache's bytes on disk (archive database and saved search index) against the archive's.

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
SIZE = (120, 40)
SHOWN_ROWS = 19  # rows of the list on a 120x40 screen (two lines each)
QUERIES = ("顺义区总公会", "密云区总工会", "服务职工", "pinggu", "工会", "一线职工志愿服务")
SAMPLE_FILES = 20

OURS = """
import sys
from unionreader.ui.app import UnionReaderApp
from unionreader.ui.screens.main import MainScreen

class TimedScreen(MainScreen):
    def _loaded(self, message):
        super()._loaded(message)
        self.call_after_refresh(self.app.report_ready)

class Timed(UnionReaderApp):
    def get_default_screen(self):
        self.main_screen = TimedScreen(self.paths, self._open_library, self._reading_state())
        return self.main_screen

    def report_ready(self):
        screen = self.main_screen
        assert screen.reader.article is not None
        print("READY", screen.articles.option_count, flush=True)
        self.exit()

Timed(sys.argv[1:]).run(headless=True, size=SIZE)
"""

BARE = """
import json, sys
from rich.text import Text
from textual.app import App
from textual.containers import Horizontal
from textual.widgets import OptionList, Static

with open(sys.argv[1], encoding="utf-8") as handle:
    shown = json.load(handle)

class Bare(App):
    def compose(self):
        with Horizontal():
            yield OptionList(*(Text(title) for title in shown["titles"]))
            yield Static(Text(shown["text"]))

    def on_mount(self):
        self.call_after_refresh(self._report_ready)

    def _report_ready(self):
        print("READY", len(shown["titles"]), flush=True)
        self.exit()

Bare().run(headless=True, size=SIZE)
"""

SCAN = """
import sys
from pathlib import Path
query = sys.argv[1]
found = [p for p in sorted(Path(sys.argv[2]).glob("*.txt")) if query in p.read_text("utf-8")]
print(len(found))
"""


def _env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT / "tui")
    env["XDG_CACHE_HOME"] = str(home / "cache")
    env["XDG_DATA_HOME"] = str(home / "data")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(home / "pycache")
    return env


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


def cold_open(archive: Path, files: list[Path]) -> dict[str, object]:
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
    library.archive.close()

    from unionreader.analysis import analyse

    step = max(1, len(files) // SAMPLE_FILES)
    sample = files[::step][:SAMPLE_FILES]
    analyse(parse_page("标题\n\n本报讯（记者 王五）预热。\n")[0])  # dictionaries loaded
    t = time.perf_counter()
    for path in sample:
        for article in parse_page(decode(path.read_bytes(), path.name).text):
            analyse(article)
    per_file = (time.perf_counter() - t) / len(sample)
    workers = min(os.cpu_count() or 1, 4) if _Pool.start_if_worth_it(10**9) else 1
    bare = per_file * len(files) / workers
    return {
        "articles": count,
        "seconds": round(seconds, 1),
        "first_articles_stored_s": round(first_stored[0], 2) if first_stored else None,
        "baseline_bare_analysis_s": round(bare, 1),
        "ratio": round(seconds / bare, 2),
        "workers": workers,
    }


def first_screen(archive: Path, home: Path, env: dict[str, str], runs: int) -> dict[str, object]:
    from unionreader.library import Library

    library = Library.open([archive], cached_only=True)
    assert library is not None
    rows = library.listing().rows(0, SHOWN_ROWS)
    first = library.get(rows[0].id)
    assert first is not None
    text = "\n\n".join([first.title, *(b.text for b in first.blocks)])
    shown = home / "shown.json"
    shown.write_text(json.dumps({"titles": [r.title for r in rows], "text": text}), "utf-8")
    library.archive.close()
    ours_cmd = [sys.executable, "-c", f"SIZE = {SIZE!r}\n" + OURS, str(archive)]
    bare_cmd = [sys.executable, "-c", f"SIZE = {SIZE!r}\n" + BARE, str(shown)]
    _run(ours_cmd, env, ready=True)  # untimed: bytecode compiled, search state saved
    _run(bare_cmd, env, ready=True)
    ours, bare = [], []
    for _ in range(runs):
        bare.append(_run(bare_cmd, env, ready=True)[0])
        ours.append(_run(ours_cmd, env, ready=True)[0])
    o, b = statistics.median(ours), statistics.median(bare)
    return {"unionreader_s": round(o, 3), "bare_textual_s": round(b, 3), "ratio": round(o / b, 2)}


def cli_search(archive: Path, env: dict[str, str], runs: int) -> dict[str, object]:
    ours_cmd = [sys.executable, "-m", "unionreader", "search", "工会", str(archive)]
    scan_cmd = [sys.executable, "-c", SCAN, "工会", str(archive)]
    _run(ours_cmd, env)  # untimed: the search index is built and saved on the first search
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
    from unionreader.library import Library

    library = Library.open([archive], cached_only=True)
    assert library is not None
    library.search("预热")  # the saved index is loaded
    typed = [q[:k] for q in QUERIES for k in range(1, len(q) + 1)]
    ours = []
    for _round in range(3):
        for prefix in typed:
            t = time.perf_counter()
            library.search(prefix, limit=100)
            ours.append(time.perf_counter() - t)
    texts = [p.read_text("utf-8") for p in files]
    scans = []
    for prefix in typed:
        t = time.perf_counter()
        [i for i, text in enumerate(texts) if prefix in text][:100]
        scans.append(time.perf_counter() - t)
    p95 = _p95(ours)
    scan_p95 = _p95(scans)
    return {
        "p95_ms": round(p95 * 1000, 2),
        "median_ms": round(statistics.median(ours) * 1000, 2),
        "baseline_scan_p95_ms": round(scan_p95 * 1000, 2),
        "ratio": round(p95 / scan_p95, 2),
        "keystrokes": len(ours),
    }


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="synthetic articles")
    parser.add_argument("--runs", type=int, default=3, help="timed launches per measure")
    parser.add_argument("--per-file", type=int, default=5, help="articles per page file")
    args = parser.parse_args()
    sys.path.insert(0, str(HERE))
    sys.path.insert(0, str(ROOT / "tui"))
    from synthetic import build_archive

    with tempfile.TemporaryDirectory(prefix="unionreader-scale-") as tmp:
        home = Path(tmp)
        env = _env(home)
        os.environ.update({k: env[k] for k in ("XDG_CACHE_HOME", "XDG_DATA_HOME")})
        archive = home / "archive"
        files = build_archive(args.n, archive, args.per_file)
        archive_bytes = _dir_bytes(archive)
        rows: dict[str, object] = {"articles": args.n, "files": len(files)}
        rows["archive_mb"] = round(archive_bytes / 1e6, 1)
        rows["first_open"] = cold_open(archive, files)
        rows["first_screen_warm"] = first_screen(archive, home, env, args.runs)
        rows["cli_search"] = cli_search(archive, env, args.runs)
        rows["keystroke_search"] = keystrokes(archive, files)
        root = home / "cache" / "unionreader"
        # the archive database and the saved search index grow with the archive; the word
        # lists' caches (jieba's) are the same few MB for any archive
        cache = _dir_bytes(root / "archives") + _dir_bytes(root / "analysis-v1")
        rows["cache_on_disk"] = {
            "cache_mb": round(cache / 1e6, 1),
            "ratio": round(cache / archive_bytes, 2),
            "fixed_dictionary_caches_mb": round((_dir_bytes(root) - cache) / 1e6, 1),
        }
    print(json.dumps(rows, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
