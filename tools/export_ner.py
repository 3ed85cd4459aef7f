"""Export a trained CRF (.crfsuite) as the numpy arrays the package tags with at run time.

Usage (from the repository root; needs python-crfsuite, the `train` extra):
    PYTHONPATH=tui python tools/export_ner.py MODEL.crfsuite \
        [--out tui/unionreader/analysis/ner/model.npz]

train_ner.py calls this after training; run it alone to re-export a model already trained.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tui"))

from unionreader.analysis.ner import compiled  # noqa: E402
from unionreader.analysis.ner.tagger import MODEL_NAME  # noqa: E402

DEFAULT_OUT = ROOT / "tui" / "unionreader" / "analysis" / "ner" / MODEL_NAME


def export(model: Path, out: Path = DEFAULT_OUT) -> Path:
    """Write the arrays of the CRF at model to out (a compressed .npz); returns out."""
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    info = tagger.info()
    labels = sorted(info.labels, key=lambda label: int(info.labels[label]))
    arrays = compiled.build(labels, info.transitions, info.state_features)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("wb") as fh:
        np.savez_compressed(fh, **arrays)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("model", type=Path)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    out = export(args.model, args.out)
    print(f"{out} ({out.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
