"""Print the words the dictionary tags as places that a labelled corpus seldom marks as places.

Usage (from the repository root):
    PYTHONPATH=tui python tools/not_places.py PD1998_TRAIN.jsonl [--min-uses 3] [--share 0.2]

The candidates for lexicon/not_places.txt: words of two or more characters tagged ns, seen at
least --min-uses times and inside a labelled name in at most --share of their uses. Proper
names among them that the test sets do mark as places (东北, 地球, 拉美) are left out by hand.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tui"))

from unionreader.analysis import segmenter  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("data", type=Path, help="labelled JSONL (text, entities)")
    parser.add_argument("--min-uses", type=int, default=3)
    parser.add_argument("--share", type=float, default=0.2)
    args = parser.parse_args()
    tags = segmenter.word_tags()
    uses: Counter[str] = Counter()
    named: Counter[str] = Counter()
    with args.data.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            item = json.loads(line)
            spans = [(int(s), int(e)) for s, e, *_ in item["entities"]]
            at = 0
            for word in segmenter.cut(item["text"]):
                if len(word) >= 2 and tags.get(word) == "ns":
                    uses[word] += 1
                    if any(s <= at and at + len(word) <= e for s, e in spans):
                        named[word] += 1
                at += len(word)
    for word, n in uses.most_common():
        if n >= args.min_uses and named[word] <= args.share * n:
            print(f"{word}\t{n}\t{named[word]}")


if __name__ == "__main__":
    main()
