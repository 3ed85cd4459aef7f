"""Time to first screen with a warm cache: unionreader against a bare Textual list + text pane.

Both apps run as fresh processes (interpreter start, imports, first paint) in the same run, in
alternation, on the bundled seeds and on a synthetic archive. unionreader is "ready" at the first
paint after its library is open (the list then holds every article); the bare app when its
list of the same titles and a text pane with the first article are painted. Prints JSON with
the medians and the ratio (the target is at most 1.5).

Both run from byte-compiled modules, as an installed package does (pip compiles on install):
bytecode goes to a private cache, filled by one untimed launch of each app, even where
PYTHONDONTWRITEBYTECODE is set.

    PYTHONPATH=tui python tests/perf/bench_startup.py [--articles 3000] [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SIZE = (120, 40)

OURS = """
import sys
from unionreader.ui.app import UnionReaderApp
from unionreader.ui.screens.main import MainScreen

paths = sys.argv[1:] or None

class TimedScreen(MainScreen):
    def _loaded(self, message):  # a warm library is taken in on mount, a cold one by message
        super()._loaded(message)
        self.call_after_refresh(self.app.report_ready)

class Timed(UnionReaderApp):
    def get_default_screen(self):
        self.main_screen = TimedScreen(self.paths, self._open_library, self._reading_state())
        return self.main_screen

    def report_ready(self):
        screen = self.main_screen
        assert screen.articles.option_count == len(screen.library.articles)
        assert screen.reader.article is not None or not screen.library.articles
        print("READY", screen.articles.option_count, flush=True)
        self.exit()

Timed(paths).run(headless=True, size=SIZE)
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


def _env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT / "tui")
    env["XDG_CACHE_HOME"] = str(home / "cache")
    env["XDG_DATA_HOME"] = str(home / "data")
    env["XDG_STATE_HOME"] = str(home / "state")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(home / "pycache")
    return env


def _time_to_ready(code: str, args: list[str], env: dict[str, str]) -> float:
    """Seconds from spawning the process to its READY line (the first painted screen)."""
    script = f"SIZE = {SIZE!r}\n" + code
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-c", script, *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    line = process.stdout.readline() if process.stdout else ""
    elapsed = time.perf_counter() - start
    _, err = process.communicate(timeout=120)
    if not line.startswith("READY"):
        raise RuntimeError(f"the app did not start: {err.strip()[-2000:]}")
    return elapsed


def _warm(paths: list[str], shown_file: Path, env: dict[str, str]) -> int:
    """Open the library once (filling the analysis cache) and note what the bare app shows."""
    code = (
        "import json, sys\n"
        "from unionreader.library import Library\n"
        "lib = Library.open(sys.argv[2:] or None)\n"
        "first = lib.articles[0] if lib.articles else None\n"
        "text = '\\n\\n'.join([first.title, *(b.text for b in first.blocks)]) if first else ''\n"
        "shown = {'titles': [a.title for a in lib.articles], 'text': text}\n"
        "open(sys.argv[1], 'w', encoding='utf-8').write(json.dumps(shown, ensure_ascii=False))\n"
        "print(len(lib.articles))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(shown_file), *paths],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return int(result.stdout.strip().splitlines()[-1])


def _build_archive(n: int, out_dir: Path) -> list[Path]:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    try:
        from synthetic import build_archive  # the shared archive builder, where present
    except ImportError:
        build_archive = _small_archive
    return build_archive(n, out_dir)


def _small_archive(n: int, out_dir: Path, per_file: int = 50) -> list[Path]:
    """News items recombined from the seeds' long paragraphs: title, byline paragraph, more."""
    import random

    rng = random.Random(n)
    paragraphs = [
        line.strip().lstrip("#").strip()
        for path in sorted((ROOT / "seeds").glob("*.txt"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if len(line.strip()) >= 60
    ]
    out_dir.mkdir(parents=True, exist_ok=True)
    files = []
    for start in range(0, n, per_file):
        items = []
        for number in range(start, min(n, start + per_file)):
            body = rng.sample(paragraphs, rng.choice((1, 2, 3)))
            title = body[0][4:18].strip("，。,、 ") + f"第{number}期"
            items.append(f"{title}\n\n本报讯 (记者 王路曼) " + "\n\n".join(body) + "\n\n\n")
        path = out_dir / f"archive_{start // per_file:05d}.txt"
        path.write_text("".join(items), encoding="utf-8")
        files.append(path)
    return files


def measure(name: str, paths: list[str], home: Path, runs: int) -> dict[str, object]:
    env = _env(home)
    shown = home / f"{name}-shown.json"
    articles = _warm(paths, shown, env)
    _time_to_ready(BARE, [str(shown)], env)  # untimed: compiles and caches the bytecode
    _time_to_ready(OURS, paths, env)
    ours, bare = [], []
    for _ in range(runs):  # alternate, so a busy moment on the machine hits both alike
        bare.append(_time_to_ready(BARE, [str(shown)], env))
        ours.append(_time_to_ready(OURS, paths, env))
    ours_median, bare_median = statistics.median(ours), statistics.median(bare)
    return {
        "library": name,
        "articles": articles,
        "runs": runs,
        "unionreader_s": round(ours_median, 3),
        "bare_textual_s": round(bare_median, 3),
        "ratio": round(ours_median / bare_median, 2),
        "unionreader_all_s": [round(t, 3) for t in ours],
        "bare_textual_all_s": [round(t, 3) for t in bare],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=3000, help="synthetic archive size")
    parser.add_argument("--runs", type=int, default=5, help="launches of each app per library")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="unionreader-bench-") as tmp:
        home = Path(tmp)
        archive = home / "archive"
        _build_archive(args.articles, archive)
        results = [
            measure("seeds", [], home, args.runs),
            measure(f"synthetic-{args.articles}", [str(archive)], home, args.runs),
        ]
    worst = max(r["ratio"] for r in results)
    print(json.dumps({"results": results, "worst_ratio": worst, "target": 1.5}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
