"""Score find_figures against the hand-annotated figures of the seed pages; prints JSON.

Usage: PYTHONPATH=tui python tests/eval/eval_figures.py [--gold FILE] [--seeds DIR] [--errors]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from unionreader.analysis.figures import find_figures

ROOT = Path(__file__).resolve().parents[2]


def score(gold: Counter, found: Counter) -> dict[str, float | int]:
    hits = sum((gold & found).values())
    n_gold, n_found = sum(gold.values()), sum(found.values())
    precision = hits / n_found if n_found else 1.0
    recall = hits / n_gold if n_gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "gold": n_gold,
        "found": n_found,
        "hits": hits,
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=Path(__file__).with_name("seed_figures.json"))
    parser.add_argument("--seeds", type=Path, default=ROOT / "seeds")
    parser.add_argument("--errors", action="store_true", help="list misses and false hits")
    args = parser.parse_args(argv)

    gold_files = json.loads(args.gold.read_text(encoding="utf-8"))["files"]
    exact_gold: Counter = Counter()
    exact_found: Counter = Counter()
    text_gold: Counter = Counter()
    text_found: Counter = Counter()
    errors: dict[str, dict[str, list[str]]] = {}
    for name, items in sorted(gold_files.items()):
        text = (args.seeds / name).read_text(encoding="utf-8")
        gold = Counter((name, g["text"], g["kind"]) for g in items)
        found = Counter((name, f.text, f.kind) for f in find_figures(text))
        exact_gold += gold
        exact_found += found
        text_gold += Counter((n, t) for n, t, _ in gold.elements())
        text_found += Counter((n, t) for n, t, _ in found.elements())
        misses = sorted(f"{t}/{k}" for _, t, k in (gold - found).elements())
        false = sorted(f"{t}/{k}" for _, t, k in (found - gold).elements())
        if misses or false:
            errors[name] = {"missed": misses, "false": false}

    report: dict[str, object] = {
        "exact": score(exact_gold, exact_found),
        "text_only": score(text_gold, text_found),
    }
    if args.errors:
        report["errors"] = errors
    json.dump(report, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
