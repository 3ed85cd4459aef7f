"""Store timings: open (new and existing), one bookmark write, one scroll write, list; prints JSON.

Run: PYTHONPATH=tui python tests/perf/bench_store.py [COUNT]
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

from unionreader.store.state import Store


def _ms(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    return {
        "median_ms": round(statistics.median(ordered) * 1000, 3),
        "p95_ms": round(ordered[int(len(ordered) * 0.95) - 1] * 1000, 3),
    }


def main(count: int = 200) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "unionreader.sqlite3"
        start = time.perf_counter()
        store = Store.open(path)
        open_new = time.perf_counter() - start
        adds, scrolls = [], []
        for i in range(count):
            start = time.perf_counter()
            store.add_bookmark(f"article-{i}", "密云区总工会慰问一线职工" * 2, "/papers/p.txt")
            adds.append(time.perf_counter() - start)
            start = time.perf_counter()
            store.set_scroll(f"article-{i}", i * 7)
            scrolls.append(time.perf_counter() - start)
        store.close()
        start = time.perf_counter()
        store = Store.open(path)
        open_existing = time.perf_counter() - start
        start = time.perf_counter()
        listed = store.bookmarks()
        list_all = time.perf_counter() - start
        store.close()
    print(
        json.dumps(
            {
                "count": count,
                "open_new_ms": round(open_new * 1000, 3),
                "open_existing_ms": round(open_existing * 1000, 3),
                "add_bookmark": _ms(adds),
                "set_scroll": _ms(scrolls),
                "list_ms": round(list_all * 1000, 3),
                "listed": len(listed),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
