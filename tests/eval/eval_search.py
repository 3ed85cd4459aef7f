"""Search quality on the bundled seeds: top-1 and top-3 over a set of reader's queries.

Run: PYTHONPATH=tui python tests/eval/eval_search.py [QUERIES.json] [--misses]
Each query names the articles (by title) that must come first; any of them counts. Prints JSON.
The articles come from unionreader.library.Library.open() (the bundled seeds); while the
library is not there, from the split of the seeds used by the search tests.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent


def open_articles():
    from unionreader.library import Library

    library = Library.open()
    return library.search, "Library.open()"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("queries", nargs="?", default=str(HERE / "search_queries.json"))
    parser.add_argument("--misses", action="store_true", help="list the queries not in top 1")
    args = parser.parse_args()

    cases = json.loads(Path(args.queries).read_text(encoding="utf-8"))
    search, source = open_articles()
    top1 = top3 = 0
    by_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    misses = []
    for case in cases:
        found = [h.article.title for h in search(case["query"], limit=3)]
        expect = set(case["expect"])
        one = bool(found[:1]) and found[0] in expect
        three = any(t in expect for t in found[:3])
        top1 += one
        top3 += three
        stats = by_kind[case.get("kind", "?")]
        stats[0] += 1
        stats[1] += one
        stats[2] += three
        if not one:
            misses.append({"query": case["query"], "got": found[:3], "expect": case["expect"]})
    n = len(cases)
    report = {
        "articles_from": source,
        "queries": n,
        "top1": round(top1 / n, 3),
        "top3": round(top3 / n, 3),
        "by_kind": {k: {"n": v[0], "top1": v[1], "top3": v[2]} for k, v in by_kind.items()},
    }
    if args.misses:
        report["misses"] = misses
    print(json.dumps(report, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
