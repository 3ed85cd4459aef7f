"""Recall of the seed pages' organisations and places in the names panel; prints JSON.

Usage: PYTHONPATH=tui python tests/eval/eval_names.py [--gold FILE] [--seeds DIR] [--errors]

The gold file (seed_names.txt) is a careful reading of the five seed pages: per article, the
organisations and places a reader would name. A name counts as found when the article's names
panel (entities_for_article) holds it, whatever type it gives it. With --errors it also lists
the misses and the panel's organisations and places the reading does not hold.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from unionreader.analysis.entities import entities_for_article
from unionreader.corpus.pages import parse_page
from unionreader.corpus.sources import decode

ROOT = Path(__file__).resolve().parents[2]
Reading = list[tuple[tuple[str, str], str, list[str]]]


def read_gold(path: Path) -> Reading:
    """(article, type, accepted forms) for every name of the reading."""
    gold: Reading = []
    article = ("", "")
    for line in path.read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if line[:3].isdigit():
            article = (line[:3], line[4:])
            continue
        kind, _, names = line.partition(" ")
        gold.extend((article, kind, name.split("|")) for name in names.split())
    return gold


def panels(seeds: Path) -> dict[tuple[str, str], dict[str, str]]:
    out = {}
    for path in sorted(seeds.glob("*.txt")):
        for article in parse_page(decode(path.read_bytes()).text):
            found = {e.text: e.type for e in entities_for_article(article)}
            out[(path.name[:3], article.title)] = found
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=Path(__file__).with_name("seed_names.txt"))
    parser.add_argument("--seeds", type=Path, default=ROOT / "seeds")
    parser.add_argument("--errors", action="store_true")
    args = parser.parse_args()
    gold = read_gold(args.gold)
    found = panels(args.seeds)
    hits = {"ORG": 0, "LOC": 0}
    totals = {"ORG": 0, "LOC": 0}
    misses = []
    for article, kind, forms in gold:
        totals[kind] += 1
        if any(form in found.get(article, {}) for form in forms):
            hits[kind] += 1
        else:
            misses.append(f"{article[0]} {article[1][:10]}: {kind} {forms[0]}")
    result = {
        kind: {
            "gold": totals[kind],
            "found": hits[kind],
            "recall": round(hits[kind] / totals[kind], 4),
        }
        for kind in totals
    }
    result["all"] = {
        "gold": sum(totals.values()),
        "found": sum(hits.values()),
        "recall": round(sum(hits.values()) / sum(totals.values()), 4),
    }
    print(json.dumps(result, ensure_ascii=False))
    if args.errors:
        read = {(article, form) for article, _, forms in gold for form in forms}
        for miss in misses:
            print("missed", miss)
        for article, names in found.items():
            extra = [
                f"{t}:{n}" for n, t in names.items() if t != "person" and (article, n) not in read
            ]
            if extra:
                print("not in the reading", article[0], article[1][:10], " ".join(extra))


if __name__ == "__main__":
    main()
