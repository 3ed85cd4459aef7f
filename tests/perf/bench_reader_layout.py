"""Benchmark: laying out and drawing a long article in the reader (prints JSON).

Run: PYTHONPATH=tui python tests/perf/bench_reader_layout.py [--repeat N]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import time
from pathlib import Path

from textual.app import App, ComposeResult

from unionreader.layout.article_layout import layout_article
from unionreader.model import Article, Block, Figure
from unionreader.resources import seeds_dir, styles_dir
from unionreader.ui.widgets.reader import ArticleReader

FIGURE = re.compile(r"[近约逾]?\d+(?:\.\d+)?[余多]?(?:人次|万元|元|名|场|支|个|%|年|月|日)")


def long_article(copies: int) -> Article:
    """Every paragraph of the bundled seeds, repeated: a long feature with many figures."""
    paragraphs = []
    for path in sorted(Path(seeds_dir()).glob("*.txt")):
        text = path.read_text(encoding="utf-8", errors="replace")
        paragraphs += [p.strip() for p in text.split("\n") if len(p.strip()) > 20]
    blocks = tuple(Block("paragraph", p) for p in paragraphs * copies)
    figures = tuple(
        Figure(m.group(), "quantity", "block", i, m.start(), m.end())
        for i, block in enumerate(blocks)
        for m in FIGURE.finditer(block.text)
    )
    return Article(id="bench", source="-", title="长文基准", blocks=blocks, figures=figures)


class BenchApp(App):
    CSS_PATH = str(styles_dir() / "reader.tcss")

    def __init__(self, article: Article) -> None:
        super().__init__()
        self.article = article

    def compose(self) -> ComposeResult:
        yield ArticleReader(self.article)


async def draw_times(article: Article, size: tuple[int, int]) -> dict[str, float]:
    app = BenchApp(article)
    async with app.run_test(size=size) as pilot:
        reader = app.query_one(ArticleReader)
        await pilot.pause()
        height = reader.size.height
        started = time.perf_counter()
        reader.scroll_to(y=reader.max_scroll_y // 2, animate=False, immediate=True)
        for y in range(height):
            reader.render_line(y)
        first = time.perf_counter() - started
        started = time.perf_counter()
        for y in range(height):
            reader.render_line(y)
        cached = time.perf_counter() - started
        started = time.perf_counter()
        reader.next_figure()
        for y in range(height):
            reader.render_line(y)
        step = time.perf_counter() - started
        return {
            "screen_draw_ms": round(first * 1000, 2),
            "screen_redraw_cached_ms": round(cached * 1000, 2),
            "next_figure_and_redraw_ms": round(step * 1000, 2),
        }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--copies", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    article = long_article(args.copies)
    chars = sum(len(b.text) for b in article.blocks)
    result: dict[str, object] = {
        "blocks": len(article.blocks),
        "characters": chars,
        "figures": len(article.figures),
    }
    for width in (38, 76, 116, 246):
        best = min(_timed(lambda w=width: layout_article(article, w)) for _ in range(args.repeat))
        result[f"layout_ms_width_{width}"] = round(best * 1000, 1)
    for size in ((80, 24), (250, 80)):
        result[f"draw_{size[0]}x{size[1]}"] = asyncio.run(draw_times(article, size))
    print(json.dumps(result, ensure_ascii=False, indent=2))


def _timed(work) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


if __name__ == "__main__":
    main()
