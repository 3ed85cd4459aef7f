"""The shipped CRF model: loaded on first use, tagging one text's characters with BIOES labels.

The model is trained with python-crfsuite (tools/train_ner.py) and shipped as the numpy arrays
of its weights (tools/export_ner.py, see compiled); a text's features become integer rows of
those arrays, and the sums, the best path and the marginals run compiled (see kernel). Neither
crfsuite nor numpy is imported before the first text is tagged.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from importlib import resources
from itertools import accumulate
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from unionreader.analysis.ner.compiled import Model

Span = tuple[int, int, str]
MODEL_NAME = "model.npz"
_lock = threading.Lock()
_state: dict[str, Any] = {}
# What a name never starts or ends with, though the model may take it in (a blank before a
# byline name, a bracket after an address).
_EDGE = frozenset(" \t\u3000\r\n，。、；：？！,.;:?!“”‘’\"'（）()《》【】[]")


class ModelMissing(RuntimeError):
    """The package was installed without its trained model."""


def _model() -> Model:
    """The model, loaded once per process (numpy and numba are imported here, not before)."""
    got = _state.get("model")
    if got is not None:
        return got
    with _lock:
        if "model" not in _state:
            import numpy as np

            from unionreader.analysis.ner import compiled

            ref = resources.files(__package__).joinpath(MODEL_NAME)
            if not ref.is_file():
                raise ModelMissing(f"the entity model {MODEL_NAME} is missing from the package")
            with ref.open("rb") as fh, np.load(fh) as arrays:
                model = compiled.load(arrays)
            _warm(model)
            _state["model"] = model
        return _state["model"]


def _warm(model: Model) -> None:
    """Run the compiled loops once on one character: they compile (or load from their cache)
    here, as part of loading, not in the middle of the first text (no jieba needed)."""
    import numpy as np

    from unionreader.analysis.ner import compiled, kernel

    one = np.zeros(1, dtype=np.int64)
    raw = np.array([2, 2, ord("一"), 3, 3], dtype=np.uint32)
    codes, types, _basic = kernel.folded(raw, model.fold, model.char_types)
    scores = compiled.run(model, codes, types, one, one + 1)
    kernel.best(scores, model.transitions)
    kernel.marginal(scores, model.exp_transitions, model.outside)
    kernel.spans(kernel.best(scores, model.transitions), model.heads, model.kinds)


def decode(labels: Sequence[str]) -> list[Span]:
    """(start, end, type) spans of a BIOES label sequence; a span with no proper end is dropped."""
    spans: list[Span] = []
    start, kind = -1, ""
    for i, label in enumerate(labels):
        head = label[0]
        if head == "O":
            start = -1
            continue
        typ = label[2:]
        if head == "S":
            spans.append((i, i + 1, typ))
            start = -1
        elif head == "B":
            start, kind = i, typ
        elif head == "I":
            if start < 0 or kind != typ:
                start, kind = i, typ
        elif head == "E":
            if start >= 0 and kind == typ:
                spans.append((start, i + 1, typ))
            start = -1
    return spans


def read(
    text: str, words: list[str], probes: Sequence[Span] = ()
) -> tuple[list[Span], list[float]]:
    """The names the model finds in text (cut into words by jieba) as (start, end, type), and
    for each probe span how strongly the model reads its characters as part of some name (the
    mean of 1 - P(outside any name) over them)."""
    reading = Reading(text, words)
    return reading.spans, [reading.belief(start, end) for start, end, _ in probes]


def spans_of(model: Model, text: str, words: list[str]) -> list[Span]:
    """What read finds, with a model of one's own (a retrained one, before it ships)."""
    return Reading(text, words, model).spans if text else []


class Reading:
    """The model's reading of one text: its names at once, and its belief in any span of the
    text as a name, worked out (the marginals, as long as the rest) only when first asked."""

    def __init__(self, text: str, words: list[str], model: Model | None = None) -> None:
        from unionreader.analysis.ner import compiled, kernel

        self._model = model = _model() if model is None else model
        self._summed: list[float] | None = None  # P(outside) summed up to each character
        self.spans: list[Span] = []
        if not text:
            self._scores = None
            return
        self._scores = scores = compiled.emissions(model, text, words)
        path = kernel.best(scores, model.transitions)
        types = model.types
        found = kernel.spans(path, model.heads, model.kinds).tolist()
        self.spans = trimmed(text, [(s, e, types[k]) for s, e, k in found])

    def belief(self, start: int, end: int) -> float:
        """The mean of 1 - P(outside any name) over the characters start..end."""
        if end <= start or self._scores is None:
            return 0.0
        summed = self._summed
        if summed is None:
            from unionreader.analysis.ner import kernel

            model = self._model
            outside = kernel.marginal(self._scores, model.exp_transitions, model.outside)
            summed = self._summed = [0.0, *accumulate(outside.tolist())]
        return 1.0 - (summed[end] - summed[start]) / (end - start)


def trimmed(text: str, spans: Sequence[Span]) -> list[Span]:
    """The spans without the blanks and marks at their edges (a span of nothing else goes)."""
    found = []
    for start, end, kind in spans:
        while start < end and text[start] in _EDGE:
            start += 1
        while end > start and text[end - 1] in _EDGE:
            end -= 1
        if end > start:
            found.append((start, end, kind))
    return found


def spans(text: str, words: list[str]) -> list[Span]:
    """People, places and organisations the model finds in text, as (start, end, type)."""
    return Reading(text, words).spans
