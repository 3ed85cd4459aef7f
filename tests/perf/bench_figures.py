"""Time find_figures over an archive-sized text (the seeds repeated); prints JSON.

Usage: PYTHONPATH=tui python tests/perf/bench_figures.py [--mb 25]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from unionreader.analysis.figures import find_figures

ROOT = Path(__file__).resolve().parents[2]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=float, default=25.0, help="archive size in UTF-8 megabytes")
    args = parser.parse_args()
    paragraphs = [
        p
        for f in sorted((ROOT / "seeds").glob("*.txt"))
        for p in f.read_text(encoding="utf-8").split("\n")
        if p.strip()
    ]
    unit = sum(len(p.encode("utf-8")) + 1 for p in paragraphs)
    copies = max(1, int(args.mb * 1_000_000 / unit))
    t0, c0 = time.perf_counter(), time.process_time()
    figures = 0
    for _ in range(copies):
        for p in paragraphs:  # paragraph by paragraph, as figures_for_article calls it
            figures += len(find_figures(p))
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    mb = copies * unit / 1_000_000
    report = {
        "megabytes": round(mb, 2),
        "paragraphs": copies * len(paragraphs),
        "figures": figures,
        "seconds": round(seconds, 3),
        "cpu_seconds": round(cpu, 3),
        "mb_per_cpu_second": round(mb / cpu, 2),
    }
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
