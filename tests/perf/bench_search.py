"""Search benchmark on a synthetic archive: index writing, its size, per-keystroke latency.

Run: PYTHONPATH=tui python tests/perf/bench_search.py [--articles 10000]
Prints JSON. Every prefix of each query is searched (what typing does, one keystroke at a
time) through the library's archive and timed; the comparison is a plain exact substring scan
over all article text. Caches go to a temp dir.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import build_archive

from unionreader.model import Article, Block, Entity
from unionreader.search.index import SearchIndex

QUERIES = {
    "chinese": [
        "密云区总工会",
        "顺义区总工会开展创城志愿服务活动",
        "九龙口腔医院",
        "吉永达",
        "薄述来",
        "插花培训",
        "学雷锋志愿服务",
        "产业工人队伍建设改革",
        "最美出租汽车司机",
        "疫情防控",
        "劳模先进事迹",
        "北京外国语大学",
    ],
    "typo": [
        "顺义区总公会",
        "顺义总工会",
        "出租车司机",
        "鼓楼街道防疫志愿者",
        "平谷总工会抗疫",
        "皮鞋场职工",
        "和平街道工会",
    ],
    "traditional": ["順義區總工會", "職工志願服務"],
    "pinyin": ["pinggu", "chahua", "miyunqu zonggonghui", "shunyi", "jiulong", "boshulai"],
    "initials": ["pxc", "bsl", "myqzgh", "jlkqyy"],
}
_ORG = re.compile(r"(?<![\u4e00-\u9fff])[\u4e00-\u9fff]{2,10}?(?:总工会|公司|集团|医院|大学)")


def load_articles(paths: list[Path]) -> tuple[list[Article], str]:
    """Through the Library when it is there; else read the synthetic format directly."""
    try:
        from unionreader.library import Library
    except ImportError:
        pass
    else:
        return list(Library.open(paths).articles), "library"
    articles = []
    for path in paths:
        for k, chunk in enumerate(path.read_text(encoding="utf-8").split("\n\n\n\n")):
            lines = [x.strip() for x in chunk.split("\n\n") if x.strip()]
            if len(lines) < 2:
                continue
            byline = re.match(r"本报讯 \(记者 (\S+)(?: 通讯员 (\S+))?\) ", lines[1])
            blocks = [lines[1][byline.end() :] if byline else lines[1], *lines[2:]]
            articles.append(
                Article(
                    id=f"{path.stem}-{k}",
                    source=str(path),
                    title=lines[0],
                    reporters=(byline.group(1),) if byline else (),
                    correspondents=(byline.group(2),) if byline and byline.group(2) else (),
                    blocks=tuple(Block("paragraph", b) for b in blocks),
                )
            )
    return articles, "synthetic reader"


def with_rough_entities(articles: list[Article]) -> list[Article]:
    """Organisations found by suffix, so entity search has work to do before analysis lands."""
    out = []
    for article in articles:
        if article.entities:
            out.append(article)
            continue
        names = dict.fromkeys(_ORG.findall(article.body))
        entities = tuple(Entity(name, "org") for name in names)
        out.append(article.with_analysis(article.figures, entities))
    return out


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def prefixes(query: str) -> list[str]:
    return [query[: i + 1] for i in range(len(query)) if query[i] != " "]


SEARCH_TABLES = (
    "head_texts",
    "head_texts_by_hash",
    "heads",
    "heads_by_article",
    "readings",
    "body_keys",
    "search_counts",
)
SEARCH_FTS = ("head_index", "head_pinyin", "body_index")


def search_tables_mb(db: Path) -> float:
    """The bytes of the archive's search tables (FTS5 shadow tables included)."""
    import sqlite3

    conn = sqlite3.connect(db)
    try:
        sizes = dict(conn.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name"))
    finally:
        conn.close()
    total = sum(
        size
        for name, size in sizes.items()
        if name in SEARCH_TABLES or any(name.startswith(f"{fts}_") for fts in SEARCH_FTS)
    )
    return round(total / 2**20, 1)


def warm_imports(paths: list[Path], env: dict[str, str]) -> dict:
    """Open the library's archive in a fresh process and search it: time it, and list the
    heavy modules it imported."""
    code = f"""
import json, sys, time
t = time.perf_counter()
from unionreader.library import Library
library = Library.open({[str(p) for p in paths]!r}, cached_only=True)
load = time.perf_counter() - t
heavy = [m for m in ('pypinyin', 'opencc', 'jieba', 'textual') if m in sys.modules]
t = time.perf_counter(); library.search('pinggu'); first_latin = time.perf_counter() - t
t = time.perf_counter(); library.search('順義區總工會'); first_trad = time.perf_counter() - t
print(json.dumps({{'open_s': round(load, 4), 'heavy_modules_after_open': heavy,
    'first_latin_query_ms': round(first_latin * 1000, 2),
    'first_traditional_query_ms': round(first_trad * 1000, 2)}}))
"""
    tui = Path(__file__).resolve().parents[2] / "tui"
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**env, "PYTHONPATH": str(tui)},
        check=True,
    )
    return json.loads(out.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3, help="timings per prefix")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        os.environ["XDG_CACHE_HOME"] = str(Path(tmp) / "cache")
        os.environ["XDG_DATA_HOME"] = str(Path(tmp) / "data")
        paths = build_archive(args.articles, Path(tmp) / "archive")
        articles, reader = load_articles(paths)
        articles = with_rough_entities(articles)

        # the search rows of every article written into a fresh archive, file by file
        t0 = time.perf_counter()
        index = SearchIndex.build(articles)
        build_s = time.perf_counter() - t0
        del index

        from unionreader.library import Library
        from unionreader.store.archive import archive_path

        library = Library.open(paths)
        tables_mb = search_tables_mb(archive_path(paths))
        warm = warm_imports(paths, dict(os.environ))

        latencies: dict[str, list[float]] = {k: [] for k in QUERIES}
        for kind, queries in QUERIES.items():
            for query in queries:
                for prefix in prefixes(query):
                    for _ in range(args.repeat):
                        t0 = time.perf_counter()
                        library.search(prefix, 20)
                        latencies[kind].append((time.perf_counter() - t0) * 1000)
        every = [x for v in latencies.values() for x in v]

        texts = ["\n".join([a.title, *(b.text for b in a.blocks)]) for a in articles]
        scan: list[float] = []
        for query in (q for qs in QUERIES.values() for q in qs):
            for prefix in prefixes(query):
                t0 = time.perf_counter()
                _ = [i for i, text in enumerate(texts) if prefix in text]
                scan.append((time.perf_counter() - t0) * 1000)

    def stats(values: list[float]) -> dict:
        return {
            "p50_ms": round(statistics.median(values), 3),
            "p95_ms": round(percentile(values, 95), 3),
            "max_ms": round(max(values), 3),
            "n": len(values),
        }

    print(
        json.dumps(
            {
                "articles": len(articles),
                "reader": reader,
                "chars": sum(map(len, texts)),
                "index_write_s": round(build_s, 2),
                "search_tables_mb": tables_mb,
                "warm_start": warm,
                "keystroke": stats(every),
                "keystroke_by_kind": {k: stats(v) for k, v in latencies.items()},
                "exact_substring_scan": stats(scan),
                "p95_within_16ms": percentile(every, 95) <= 16.0,
                "p95_not_slower_than_scan_p50": percentile(every, 95) <= statistics.median(scan),
            },
            ensure_ascii=False,
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
