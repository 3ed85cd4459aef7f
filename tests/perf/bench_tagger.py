"""The entity tagger alone: the shipped one against python-crfsuite on the same paragraphs.

Usage: PYTHONPATH=tui python tests/perf/bench_tagger.py [N]   (default: 1000 articles)

Builds N synthetic articles (see synthetic.py), cuts every field with jieba and finds the
rules' names in it (outside the timings: both taggers are handed them), then times, in one
process, over every field:
  - shipped: tagger.read (features, emission sums, best path, marginals of the rules' names);
  - crfsuite: the same model through python-crfsuite (tools/ner.crfsuite), as the package
    tagged before: feature strings, tag, marginals (only where crfsuite is installed);
and prints JSON with characters per second of each, their ratio, and how many fields got
the same names from both.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]


def _fields(n: int) -> list[str]:
    sys.path.insert(0, str(HERE))
    from synthetic import build_archive

    from unionreader.corpus.pages import parse_page
    from unionreader.corpus.sources import decode

    with tempfile.TemporaryDirectory() as tmp:
        build_archive(n, Path(tmp))
        articles = [
            article
            for path in sorted(Path(tmp).glob("*.txt"))
            for article in parse_page(decode(path.read_bytes()).text)
        ]
    return [text for article in articles for _, _, text in article.fields() if text.strip()]


def _crfsuite(calls: list[tuple[str, list[str], list[tuple[int, int, str]]]]) -> dict:
    try:
        import pycrfsuite
    except ImportError:
        return {}
    if not (ROOT / "tools" / "ner.crfsuite").is_file():
        return {}
    from unionreader.analysis.ner.features import sequence
    from unionreader.analysis.ner.tagger import decode, trimmed

    crf = pycrfsuite.Tagger()
    crf.open(str(ROOT / "tools" / "ner.crfsuite"))
    out = []
    start = time.perf_counter()
    for text, words, probes in calls:
        labels = crf.tag(sequence(text, words))
        beliefs = [
            sum(1.0 - crf.marginal("O", i) for i in range(s, e)) / (e - s) for s, e, _ in probes
        ]
        out.append((trimmed(text, decode(labels)), beliefs))
    return {"seconds": time.perf_counter() - start, "results": out}


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    from unionreader.analysis import segmenter
    from unionreader.analysis.entities import rule_spans
    from unionreader.analysis.ner import tagger

    texts = _fields(n)
    calls = [(text, segmenter.cut(text), rule_spans(text)) for text in texts]
    chars = sum(len(text) for text in texts)
    start = time.perf_counter()
    tagger._model()
    load = time.perf_counter() - start
    start = time.perf_counter()
    shipped = [tagger.read(text, words, probes) for text, words, probes in calls]
    seconds = time.perf_counter() - start
    result: dict = {
        "articles": n,
        "fields": len(texts),
        "chars": chars,
        "load_seconds": round(load, 3),
        "shipped_seconds": round(seconds, 3),
        "shipped_chars_per_s": round(chars / seconds),
    }
    old = _crfsuite(calls)
    if old:
        pairs = list(zip(shipped, old["results"], strict=True))
        same = sum(new[0] == ref[0] for new, ref in pairs)
        gaps = [abs(a - b) for new, ref in pairs for a, b in zip(new[1], ref[1], strict=True)]
        worst = max(gaps, default=0.0)
        result.update(
            crfsuite_seconds=round(old["seconds"], 3),
            crfsuite_chars_per_s=round(chars / old["seconds"]),
            speedup=round(old["seconds"] / seconds, 2),
            fields_same_names=same,
            belief_max_difference=float(f"{worst:.2g}"),
        )
    print(json.dumps(result))


if __name__ == "__main__":
    main()
