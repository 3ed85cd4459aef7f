"""Cold and warm opening of a synthetic archive, against plain jieba.lcut over the same text.

Usage: PYTHONPATH=tui python tests/perf/bench_analysis.py [N ...]   (default: 3000 10000)

For each N it builds an archive of N articles from the seed paragraphs, then in fresh
processes (so nothing is shared between them) times:
  - lcut:  jieba.lcut over every file's text, one process, after jieba has loaded its
           dictionary (the baseline the analysis is held to);
  - cold:  Library.open on an empty cache: decode, parse, figures, entities (2 cores);
  - warm:  Library.open again on the filled cache, and whether jieba or numpy (the entity
           tagger's) was imported;
  - index: building the search index for the library (kept apart: it is cached too);
  - parse: splitting every decoded file into articles (corpus.pages), one process.
and prints one JSON object per N with the ratios cold/lcut (target <= 2), warm/cold
(target <= 0.1) and parse/cold (target <= 0.1: finding articles stays cheap). It also gives the
processor time of lcut and of the cold open (the parent and its workers, Linux only): on a
machine that others share, wall times stretch with their load, processor times much less; on
two idle cores, cold/lcut is about cold_cpu/lcut_cpu / 2 plus what the parent does alone.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]

_LCUT = """
import sys, time, jieba, logging
jieba.setLogLevel(logging.WARNING)
jieba.initialize()
from unionreader.corpus.sources import decode
from pathlib import Path
texts = [decode(p.read_bytes()).text for p in sorted(Path(sys.argv[1]).glob('*.txt'))]
start, cpu = time.perf_counter(), time.process_time()
for text in texts:
    jieba.lcut(text)
print(time.perf_counter() - start, time.process_time() - cpu)
"""

_PARSE = """
import sys, time
from pathlib import Path
from unionreader.corpus.pages import parse_page
from unionreader.corpus.sources import decode
texts = [decode(p.read_bytes()).text for p in sorted(Path(sys.argv[1]).glob('*.txt'))]
start = time.perf_counter()
for text in texts:
    parse_page(text)
print(time.perf_counter() - start)
"""

_OPEN = """
import sys, time, json, os, resource, multiprocessing
start = time.perf_counter()
from unionreader.library import Library
lib = Library.open([sys.argv[1]])
opened = time.perf_counter() - start
def cpu(pid):
    try:
        with open(f"/proc/{pid}/stat") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0
alive = sum(cpu(p.pid) for p in multiprocessing.active_children())  # reaps the ended first
reaped = resource.getrusage(resource.RUSAGE_CHILDREN)
used = time.process_time() + reaped.ru_utime + reaped.ru_stime + alive
result = {"seconds": opened, "articles": len(lib.articles), "jieba": "jieba" in sys.modules,
          "numpy": "numpy" in sys.modules, "cpu": used}
if sys.argv[2] == "index":
    start = time.perf_counter()
    lib.index
    result["index_seconds"] = time.perf_counter() - start
print(json.dumps(result))
"""


def _run(code: str, *args: str, cache: Path) -> str:
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT / "tui"),
        "XDG_CACHE_HOME": str(cache),
        "XDG_DATA_HOME": str(cache / "data"),
    }
    done = subprocess.run(
        [sys.executable, "-c", code, *args], env=env, capture_output=True, text=True, check=True
    )
    return done.stdout.strip().splitlines()[-1]


def bench(n: int) -> dict:
    sys.path.insert(0, str(HERE))
    from synthetic import build_archive

    with tempfile.TemporaryDirectory() as tmp:
        archive = Path(tmp) / "archive"
        build_archive(n, archive)
        size = sum(p.stat().st_size for p in archive.glob("*.txt"))
        cache = Path(tmp) / "cache"
        lcut, lcut_cpu = map(float, _run(_LCUT, str(archive), cache=cache).split())
        parse = float(_run(_PARSE, str(archive), cache=cache))
        cold = json.loads(_run(_OPEN, str(archive), "index", cache=cache))
        warm = json.loads(_run(_OPEN, str(archive), "index", cache=cache))
    return {
        "articles": cold["articles"],
        "megabytes": round(size / 1e6, 2),
        "cores": os.cpu_count(),
        "lcut_seconds": round(lcut, 3),
        "cold_seconds": round(cold["seconds"], 3),
        "warm_seconds": round(warm["seconds"], 3),
        "cold_over_lcut": round(cold["seconds"] / lcut, 3),
        "lcut_cpu_seconds": round(lcut_cpu, 3),
        "cold_cpu_seconds": round(cold["cpu"], 3),
        "cold_cpu_over_lcut_cpu": round(cold["cpu"] / lcut_cpu, 3),
        "warm_over_cold": round(warm["seconds"] / cold["seconds"], 4),
        "warm_imports_jieba": warm["jieba"],
        "warm_imports_numpy": warm["numpy"],
        "index_build_seconds": round(cold["index_seconds"], 3),
        "index_load_seconds": round(warm["index_seconds"], 3),
        "parse_seconds": round(parse, 3),
        "parse_over_cold": round(parse / cold["seconds"], 4),
    }


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [3000, 10000]
    for n in sizes:
        print(json.dumps({"n": n, **bench(n)}), flush=True)


if __name__ == "__main__":
    main()
