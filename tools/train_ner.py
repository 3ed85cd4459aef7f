"""Train the entity tagger (a character CRF) from labelled JSONL and print its dev scores.

Usage (from the repository root; the data files are described in the README):
    PYTHONPATH=tui python tools/train_ner.py \
        --daily PD1998_TRAIN.jsonl --unmarked-places CLUENER_TRAIN.jsonl \
        --dev PD1998_DEV.jsonl CLUENER_DEV.jsonl \
        [--out tools/ner.crfsuite] [--arrays tui/unionreader/analysis/ner/model.npz] \
        [--limit N] [--iterations 150]

Needs python-crfsuite (pip install -e '.[train]'). The trained CRF is written to --out and its
weights exported (export_ner.py) to the arrays the package ships and tags with,
tui/unionreader/analysis/ner/model.npz; the dev scores printed are the shipped tagger's.

Each JSONL line is {"text": ..., "entities": [[start, end, "PER"|"LOC"|"ORG", surface], ...]}.
The dev files are only scored, never trained on. --limit N trains on the first N sentences of
each training file, for quick comparisons of features and parameters.

Files given with --daily were made from the People's Daily POS-tagged corpus, whose bracketed
names follow other conventions than the news NER releases the product is measured against.
Their labels are aligned first (see daily_conventions): a country before 政府 is a place (中国政府
-> 中国) while the government of a place below a country stays a body (顺义区政府), and the
short forms, congresses and party committees the corpus tags only as abbreviations (中美 -> 中
美, 十五大, 市委) and people before 理论 or 思想 (邓小平理论) get the labels the shipped rules
give them. Files given with --unmarked-places leave most countries and
cities unlabelled (CLUENER marks addresses, not every place named); the places the dictionary
and the rules agree on are marked there (not the common nouns of lexicon/not_places.txt, nor
a place inside a longer name CLUENER's finer labels give another kind, a sight's or a work's,
nor a work's title), so that the two sources do not teach opposite things.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tui"))

import numpy as np  # noqa: E402

from unionreader.analysis import segmenter  # noqa: E402
from unionreader.analysis.entities import rule_spans  # noqa: E402
from unionreader.analysis.entities.wordlists import lexicon  # noqa: E402
from unionreader.analysis.ner import compiled, tagger  # noqa: E402
from unionreader.analysis.ner.features import sequence  # noqa: E402

sys.path.insert(0, str(ROOT / "tools"))
from export_ner import DEFAULT_OUT as ARRAYS  # noqa: E402
from export_ner import export  # noqa: E402

TYPES = ("PER", "LOC", "ORG")
# A place below a country whose government stays one organisation (顺义区政府), as the rules
# read it (entities.conventions); a country's government is read as the country
GOVERNED_LEVELS = frozenset("市县区镇乡旗省州盟")
DEFAULT_OUT = ROOT / "tools" / "ner.crfsuite"
# CLUENER's labels that are none of the three types: a span they cover was read by its
# annotators as a sight, a work or a post, not as an address
UNMAPPED_LABELS = frozenset({"scene", "book", "game", "movie"})
# Of those, the ones that are never a place even when they are a place's name alone (a film or
# a game called 罗马); a sight alone (故宫) stays a place, as People's Daily marks it
TITLE_LABELS = frozenset({"book", "game", "movie"})


def read(path: Path, limit: int = 0) -> list[tuple[str, list[tuple[int, int, str]]]]:
    return [(text, spans) for text, spans, _ in read_labelled(path, limit)]


def read_labelled(
    path: Path, limit: int = 0
) -> list[tuple[str, list[tuple[int, int, str]], list[tuple[int, int, str]]]]:
    """Each sentence's text, its PER/LOC/ORG spans and its spans of the finer labels the
    three types leave out (CLUENER's "fine": scenes, books, games ...), if it has any."""
    rows = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            item = json.loads(line)
            spans = [(int(s), int(e), t) for s, e, t, *_ in item["entities"] if t in TYPES]
            other = [
                (int(s), int(e), t) for s, e, t, *_ in item.get("fine", []) if t in UNMAPPED_LABELS
            ]
            rows.append((item["text"], spans, other))
            if limit and len(rows) >= limit:
                break
    return rows


def _overlaps(span: tuple[int, int, str], others: list[tuple[int, int, str]]) -> bool:
    return any(span[0] < e and s < span[1] for s, e, _ in others)


def daily_conventions(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Labels of the People's Daily corpus aligned with the news NER releases (module docstring)."""
    out = []
    for start, end, kind in spans:
        if (
            kind == "ORG"
            and text.endswith("政府", start, end)
            and end - start > 2
            and (text[end - 3] not in GOVERNED_LEVELS or text.endswith("特区政府", start, end))
        ):
            out.append((start, end - 2, "LOC"))
        else:
            out.append((start, end, kind))
    for span in rule_spans(text):
        start, end, kind = span
        if _overlaps(span, out):
            continue
        if (
            (kind == "LOC" and end - start == 1)
            or (kind == "ORG" and end - start <= 3)
            or (kind == "PER" and text.startswith(("理论", "思想"), end))
        ):
            out.append(span)
    return sorted(out)


def with_places(
    text: str, spans: list[tuple[int, int, str]], other: Sequence[tuple[int, int, str]] = ()
) -> list[tuple[int, int, str]]:
    """Spans of a file whose annotators left countries and cities unmarked, with those places
    marked where the dictionary knows the word as a place and the rules find it, unless the
    annotators read the place as part of a longer name of another kind (other: 加州 of a
    museum's name, 中国 of a newspaper's) or as the title of a work (a film called 罗马)."""
    tags = segmenter.word_tags()
    not_places = lexicon().not_places
    out = list(spans)
    for span in rule_spans(text):
        start, end, kind = span
        word = text[start:end]
        if (
            kind == "LOC"
            and end - start >= 2
            and tags.get(word) == "ns"
            and word not in not_places
            and not _overlaps(span, out)
            and not any(
                s <= start and end <= e and (e - s > end - start or t in TITLE_LABELS)
                for s, e, t in other
            )
        ):
            out.append(span)
    return sorted(out)


def labels(n: int, spans: list[tuple[int, int, str]]) -> list[str]:
    out = ["O"] * n
    for start, end, kind in sorted(spans):
        if any(out[k] != "O" for k in range(start, end)) or end > n or start >= end:
            continue  # overlapping or broken gold: keep the first
        if end - start == 1:
            out[start] = "S-" + kind
        else:
            out[start] = "B-" + kind
            for k in range(start + 1, end - 1):
                out[k] = "I-" + kind
            out[end - 1] = "E-" + kind
    return out


def score(model: compiled.Model, rows) -> dict[str, float]:
    """Micro and per-type F1 of the exported arrays, tagging as the package does."""
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for text, gold in rows:
        got = set(tagger.spans_of(model, text, segmenter.cut(text))) if text else set()
        want = set(gold)
        for s in got & want:
            tp[s[2]] += 1
        for s in got - want:
            fp[s[2]] += 1
        for s in want - got:
            fn[s[2]] += 1

    def f1(t: int, p: int, n: int) -> float:
        return 2 * t / (2 * t + p + n) if t else 0.0

    result = {k: round(f1(tp[k], fp[k], fn[k]), 4) for k in TYPES}
    result["micro"] = round(f1(sum(tp.values()), sum(fp.values()), sum(fn.values())), 4)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--train", type=Path, nargs="*", default=[])
    parser.add_argument("--daily", type=Path, nargs="*", default=[], help="People's Daily files")
    parser.add_argument(
        "--unmarked-places",
        type=Path,
        nargs="*",
        default=[],
        help="files that leave countries and cities unlabelled (CLUENER)",
    )
    parser.add_argument("--dev", type=Path, nargs="*", default=[])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="the trained CRF")
    parser.add_argument(
        "--arrays", type=Path, default=ARRAYS, help="its weights as the package ships them"
    )
    parser.add_argument("--limit", type=int, default=0, help="sentences per training file (0: all)")
    parser.add_argument("--iterations", type=int, default=150)
    parser.add_argument("--c1", type=float, default=0.05, help="L1 weight (prunes features)")
    parser.add_argument("--c2", type=float, default=0.01, help="L2 weight")
    parser.add_argument("--minfreq", type=float, default=2, help="drop rarer features")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    started = time.perf_counter()
    rows = [row for path in args.train for row in read(path, args.limit)]
    for path in args.unmarked_places:
        rows.extend(
            (text, with_places(text, spans, other))
            for text, spans, other in read_labelled(path, args.limit)
        )
    for path in args.daily:
        rows.extend(
            (text, daily_conventions(text, spans)) for text, spans in read(path, args.limit)
        )
    random.Random(args.seed).shuffle(rows)
    for text, spans in rows:
        if text:
            trainer.append(sequence(text, segmenter.cut(text)), labels(len(text), spans))
    print(f"features of {len(rows)} sentences: {time.perf_counter() - started:.1f} s", flush=True)
    trainer.set_params(
        {
            "c1": args.c1,
            "c2": args.c2,
            "max_iterations": args.iterations,
            "feature.minfreq": args.minfreq,
            "feature.possible_transitions": True,
        }
    )
    started = time.perf_counter()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(args.out))
    size = os.path.getsize(args.out) / 1e6
    print(
        f"trained in {time.perf_counter() - started:.0f} s: {args.out} ({size:.1f} MB)", flush=True
    )

    arrays = export(args.out, args.arrays)
    print(f"exported: {arrays} ({arrays.stat().st_size / 1e6:.1f} MB)", flush=True)
    with np.load(arrays) as saved:
        model = compiled.load(saved)
    for path in args.dev:
        print(json.dumps({"dev": path.name, **score(model, read(path))}), flush=True)


if __name__ == "__main__":
    main()
