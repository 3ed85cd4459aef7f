"""Time to first screen with a warm cache: unionreader against a bare Textual list + text pane.

On the bundled seeds and on a synthetic archive (tests/perf/synthetic.py) of --articles
articles. Both apps run as fresh processes, in alternation (tests/perf/first_screen.py):
unionreader opens its archive database, lists the rows on screen and shows the first article;
the bare app shows the same titles and text. Prints JSON with the medians and the ratio.

    PYTHONPATH=tui flock /tmp/unionreader-cpu.lock python tests/perf/bench_startup.py \
        [--articles 3000] [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
TARGET = 2.0  # the warm first screen's bar, against the bare app


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=3000, help="synthetic archive size")
    parser.add_argument("--runs", type=int, default=5, help="launches of each app per library")
    args = parser.parse_args()
    sys.path.insert(0, str(HERE))
    from first_screen import first_screen
    from synthetic import build_archive

    with tempfile.TemporaryDirectory(prefix="unionreader-bench-") as tmp:
        home = Path(tmp)
        archive = home / "archive"
        build_archive(args.articles, archive)
        results = [
            first_screen([], home, args.runs, "seeds"),
            first_screen([str(archive)], home, args.runs, f"synthetic-{args.articles}"),
        ]
    worst = max(r["ratio"] for r in results)
    print(json.dumps({"results": results, "worst_ratio": worst, "target": TARGET}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
