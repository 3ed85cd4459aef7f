"""Time to the first screen of a warm start, against a bare Textual app showing the same screen.

Shared by bench_startup.py and bench_scale.py. Both apps run as fresh processes (interpreter
start, imports, first paint), in alternation, from byte-compiled modules in a private cache
(filled by one untimed launch of each, even where PYTHONDONTWRITEBYTECODE is set), as an
installed package runs. unionreader is ready at the first paint after its library is open with
the first article in the reader; the bare app when a list of the same titles (the rows on
screen) and a text pane with the same article's text are painted.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SIZE = (120, 40)
SHOWN_ROWS = 19  # rows of the list on a 120x40 screen (two lines each)

OURS = """
import sys
from unionreader.ui.app import UnionReaderApp
from unionreader.ui.screens.main import MainScreen

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
        assert screen.reader.article is not None or not screen.articles.option_count
        print("READY", screen.articles.option_count, flush=True)
        self.exit()

Timed(sys.argv[1:] or None).run(headless=True, size=SIZE)
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

# Opens the library (analysing what is new: the cache is warm after it) and writes what the
# first screen shows: the titles of the rows on screen and the first article's text.
SHOWN = """
import json, sys
from unionreader.library import Library

library = Library.open(sys.argv[3:] or None)
rows = library.listing().rows(0, int(sys.argv[2]))
first = library.get(rows[0].id) if rows else None
text = "\\n\\n".join([first.title, *(b.text for b in first.blocks)]) if first else ""
shown = {"titles": [r.title for r in rows], "text": text}
with open(sys.argv[1], "w", encoding="utf-8") as handle:
    json.dump(shown, handle, ensure_ascii=False)
print(library.archive.count())
"""


def env_for(home: Path) -> dict[str, str]:
    """The environment of every timed process: caches and data in `home`, bytecode kept."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT / "tui")
    env["XDG_CACHE_HOME"] = str(home / "cache")
    env["XDG_DATA_HOME"] = str(home / "data")
    env["XDG_STATE_HOME"] = str(home / "state")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(home / "pycache")
    return env


def time_to_ready(code: str, args: list[str], env: dict[str, str]) -> float:
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
    _, err = process.communicate(timeout=600)
    if not line.startswith("READY"):
        raise RuntimeError(f"the app did not start: {err.strip()[-2000:]}")
    return elapsed


def warm_and_note(paths: list[str], shown_file: Path, env: dict[str, str]) -> int:
    """Open the library once (filling the cache); note what the first screen shows."""
    result = subprocess.run(
        [sys.executable, "-c", SHOWN, str(shown_file), str(SHOWN_ROWS), *paths],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return int(result.stdout.strip().splitlines()[-1])


def first_screen(paths: list[str], home: Path, runs: int, name: str = "library") -> dict:
    """Medians of `runs` warm starts of each app, and their ratio (ours over bare)."""
    env = env_for(home)
    shown = home / f"{name}-shown.json"
    articles = warm_and_note(paths, shown, env)
    time_to_ready(BARE, [str(shown)], env)  # untimed: bytecode compiled, search state saved
    time_to_ready(OURS, paths, env)
    ours, bare = [], []
    for _ in range(runs):  # alternate, so a busy moment on the machine hits both alike
        bare.append(time_to_ready(BARE, [str(shown)], env))
        ours.append(time_to_ready(OURS, paths, env))
    o, b = statistics.median(ours), statistics.median(bare)
    return {
        "library": name,
        "articles": articles,
        "runs": runs,
        "unionreader_s": round(o, 3),
        "bare_textual_s": round(b, 3),
        "ratio": round(o / b, 2),
        "unionreader_all_s": [round(t, 3) for t in ours],
        "bare_textual_all_s": [round(t, 3) for t in bare],
    }
