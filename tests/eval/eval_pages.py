"""Article splitting on labelled real pages: headline recall and article precision per shape.

Run: PYTHONPATH=tui python tests/eval/eval_pages.py KEY.json PAGES_DIR [--show] [--only NAME]
KEY.json maps each page file to its headlines ({"samples": {file: {"headlines", "shape"}}}).
Scores in process with the rule of the external scorer: a headline is found when its first
min(6, len) characters occur in an article's deck+title+subtitle (or the other way round), after
NFKC and without whitespace; articles of kind "brief" are left out of precision.
"""

from __future__ import annotations

import argparse
import json
import re
import unicodedata
from collections import defaultdict
from pathlib import Path

from unionreader.corpus.pages import parse_page
from unionreader.corpus.sources import decode


def norm(text: str | None) -> str:
    return re.sub(r"[\s\u3000]+", "", unicodedata.normalize("NFKC", text or ""))


def match(head: str, got: str) -> bool:
    k = min(6, len(head))
    return len(got) >= 2 and (head[:k] in got or got[:k] in head)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("key")
    parser.add_argument("pages")
    parser.add_argument("--show", action="store_true", help="list every article and miss")
    parser.add_argument("--only", default="", help="score only files whose name holds this")
    args = parser.parse_args()
    samples = json.loads(Path(args.key).read_text(encoding="utf-8"))["samples"]
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0, 0])
    for name, spec in sorted(samples.items()):
        if args.only not in name:
            continue
        path = Path(args.pages) / name
        articles = parse_page(decode(path.read_bytes(), name).text)
        heads = [norm(h) for h in spec["headlines"]]
        briefs = [a for a in articles if a.kind == "brief"]
        titled = [a for a in articles if a.kind != "brief"]
        got = [norm((a.deck or "") + a.title + (a.subtitle or "")) for a in titled]
        found = [any(match(h, g) for g in got) for h in heads]
        real = [any(match(h, g) for h in heads) for g in got]
        for shape in (spec.get("shape", "?"), "all"):
            t = totals[shape]
            t[0] += sum(found)
            t[1] += len(heads)
            t[2] += sum(real)
            t[3] += len(titled)
            t[4] += len(briefs)
            t[5] += 1
        print(
            f"{name}: headlines found {sum(found)}/{len(heads)}, "
            f"articles real {sum(real)}/{len(titled)}, briefs {len(briefs)}"
        )
        if args.show:
            for a in articles:
                ok = "br" if a.kind == "brief" else ("ok" if real[titled.index(a)] else "XX")
                print(
                    "    ", ok, (a.deck or "")[:20], "|", a.title[:40], "|", (a.subtitle or "")[:20]
                )
            for h, ok in zip(spec["headlines"], found, strict=True):
                if not ok:
                    print("     missed:", h[:40])
    print("| shape | headline recall | article precision | briefs |")
    print("|---|---|---|---|")
    for shape, (f, h, r, a, b, _n) in sorted(totals.items()):
        share = b / max(a + b, 1)
        print(
            f"| {shape} | {f / max(h, 1):.3f} ({f}/{h}) | {r / max(a, 1):.3f} ({r}/{a}) "
            f"| {b} ({share:.1%}) |"
        )


if __name__ == "__main__":
    main()
