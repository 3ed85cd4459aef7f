"""The shipped CRF model: loaded on first use, tagging one text's characters with BIOES labels."""

from __future__ import annotations

import threading
from contextlib import ExitStack
from importlib import resources
from typing import Any

from unionreader.analysis.ner.features import sequence

MODEL_NAME = "model.crfsuite"
_lock = threading.Lock()
_state: dict[str, Any] = {}


class ModelMissing(RuntimeError):
    """The package was installed without its trained model."""


def _tagger() -> Any:
    tagger = _state.get("tagger")
    if tagger is not None:
        return tagger
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


def decode(labels: list[str]) -> list[tuple[int, int, str]]:
    """(start, end, type) spans of a BIOES label sequence; a span with no proper end is dropped."""
    spans: list[tuple[int, int, str]] = []
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


def tag(text: str, words: list[str]) -> list[str]:
    """The BIOES label of each character of text (cut into words by jieba)."""
    if not text:
        return []
    return list(_tagger().tag(sequence(text, words)))


def spans(text: str, words: list[str]) -> list[tuple[int, int, str]]:
    """People, places and organisations the model finds in text, as (start, end, type)."""
    return decode(tag(text, words))
