"""The shipped CRF model: loaded on first use, tagging one text's characters with BIOES labels."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from contextlib import ExitStack
from importlib import resources
from typing import Any

from unionreader.analysis.ner.features import sequence

Span = tuple[int, int, str]
MODEL_NAME = "model.crfsuite"
# One tagger per process; tagging and reading its marginals are one step under this lock.
_lock = threading.RLock()
_state: dict[str, Any] = {}
# What a name never starts or ends with, though the model may take it in (a blank before a
# byline name, a bracket after an address).
_EDGE = frozenset(" \t\u3000\r\n，。、；：？！,.;:?!“”‘’\"'（）()《》【】[]")


class ModelMissing(RuntimeError):
    """The package was installed without its trained model."""


def _tagger() -> Any:
    with _lock:
        if "tagger" not in _state:
            import pycrfsuite

            stack = ExitStack()
            ref = resources.files(__package__).joinpath(MODEL_NAME)
            if not ref.is_file():
                raise ModelMissing(f"the entity model {MODEL_NAME} is missing from the package")
            path = stack.enter_context(resources.as_file(ref))
            tagger = pycrfsuite.Tagger()
            tagger.open(str(path))
            _state["files"] = stack  # keeps a temporary copy alive when the package is zipped
            _state["tagger"] = tagger
        return _state["tagger"]


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
    if not text:
        return [], [0.0 for _ in probes]
    features = sequence(text, words)
    with _lock:
        tagger = _tagger()
        labels = tagger.tag(features)
        marginal = tagger.marginal
        beliefs = [
            sum(1.0 - marginal("O", i) for i in range(start, end)) / (end - start)
            for start, end, _ in probes
        ]
    found = []
    for start, end, kind in decode(labels):
        while start < end and text[start] in _EDGE:
            start += 1
        while end > start and text[end - 1] in _EDGE:
            end -= 1
        if end > start:
            found.append((start, end, kind))
    return found, beliefs


def spans(text: str, words: list[str]) -> list[Span]:
    """People, places and organisations the model finds in text, as (start, end, type)."""
    return read(text, words)[0]
