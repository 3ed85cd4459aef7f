"""Benchmark: plain jieba.lcut against ner_spans over the same text, in one process.

Prints JSON with both timings and their ratio. Run from the repo root:
    PYTHONPATH=tui python tests/perf/bench_ner.py [--repeat 20] [--runs 5] [--eval ../shared/eval]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _seed_lines(repeat: int) -> list[str]:
    lines = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        lines.extend(line for line in path.read_text("utf-8").splitlines() if line.strip())
    return lines * repeat


def _eval_lines(folder: Path) -> list[str]:
    path = folder / "pd1998_dev.jsonl"
    if not path.exists():
        return []
    return [json.loads(line)["text"] for line in path.read_text("utf-8").splitlines() if line]


def _time(fn, lines: list[str]) -> float:
    # CPU time of this process: other work on a shared machine does not count against either
    start = time.process_time()
    for line in lines:
        fn(line)
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=20, help="copies of the seed text")
    parser.add_argument("--runs", type=int, default=7, help="timed runs of each, best kept")
    parser.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval")
    args = parser.parse_args()

    from unionreader.analysis import segmenter
    from unionreader.analysis.entities import ner_spans

    start = time.perf_counter()
    segmenter.cut("预热")  # loads jieba, the tag table and our words
    load = time.perf_counter() - start
    import jieba

    results = {"load_seconds": round(load, 3)}
    for name, lines in (("seeds", _seed_lines(args.repeat)), ("pd1998", _eval_lines(args.eval))):
        if not lines:
            continue
        chars = sum(len(line) for line in lines)
        # alternate the two and keep the best of several runs: a busy machine slows single runs
        lcut_runs, ner_runs = [], []
        for _ in range(args.runs):
            lcut_runs.append(_time(jieba.lcut, lines))
            ner_runs.append(_time(ner_spans, lines))
        lcut, ner = min(lcut_runs), min(ner_runs)
        pair_ratios = sorted(n / c for n, c in zip(ner_runs, lcut_runs, strict=True))
        results[name] = {
            "chars": chars,
            "jieba_lcut_seconds": round(lcut, 3),
            "ner_spans_seconds": round(ner, 3),
            "ratio": round(ner / lcut, 3),
            "median_pair_ratio": round(pair_ratios[len(pair_ratios) // 2], 3),
        }
    print(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
