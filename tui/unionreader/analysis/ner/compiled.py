"""The trained model as numpy arrays: built from the CRF's weights, and read as integer rows.

The CRF is trained on the feature strings of features.sequence; at run time the same weights
are looked up by integer: every feature template owns a block of rows of one weight table,
and a text's features become one row number per template and character, so that its
emission scores are one gather and one sum. Templates (the letter each string starts with):

    c l r L R   the character and its neighbours at -1, +1, -2, +2: one row per character
    b f B F m   bigrams (-1,0) (0,+1) (-2,-1) (+1,+2) (-1,+1): sorted keys, searched
    t           the character types at -1, 0, +1: one row per triple
    w u v       the jieba word's place and tag at 0, -1, +1: one row per (place, tag)
    s           whether the character is a surname
    k           the class of the word (title, suffix) and whether a title comes before it
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from unionreader.analysis.ner import features

UNIGRAMS = "clrLR"
BIGRAMS = "bfBFm"
TYPES = "hdapsxo"  # what features.char_type returns, in row order
PLACES = "BMES"  # a character's place in its jieba word
FLAGS = ("", "T", "O", "P")  # features.word_class: title, organisation and place suffixes
_CODES = 0x110000
_BMP = 0x10000


def _empty(rows: int, labels: int) -> np.ndarray:
    return np.zeros((rows, labels), dtype=np.float64)


def build(
    labels: Sequence[str],
    transitions: Mapping[tuple[str, str], float],
    state_features: Mapping[tuple[str, str], float],
) -> dict[str, np.ndarray]:
    """The arrays of a trained CRF (its labels, transition and state feature weights as
    pycrfsuite's Tagger.info() gives them), as saved in the shipped .npz file."""
    label_index = {label: i for i, label in enumerate(labels)}
    n_labels = len(labels)
    chars: set[str] = set()
    tags: set[str] = set()
    for attr, _ in state_features:
        head, rest = attr[0], attr[1:]
        if head in UNIGRAMS or head in BIGRAMS:
            chars.update(rest)
        elif head in "wuv" and rest:
            tags.add(rest[1:])
    char_list = sorted(chars)
    char_id = {c: i + 1 for i, c in enumerate(char_list)}  # 0: a character the model never saw
    tag_list = sorted(tags)
    tag_id = {t: i for i, t in enumerate(tag_list)}  # len(tag_list): a tag the model never saw
    n_chars = len(char_list) + 1
    n_pos = 1 + len(PLACES) * (len(tag_list) + 1)  # 0: no word (before the first, after the last)

    unigram = np.zeros((len(UNIGRAMS), n_chars, n_labels))
    bigram: dict[int, np.ndarray] = {}
    types = _empty(len(TYPES) ** 3, n_labels)
    pos = np.zeros((3, n_pos, n_labels))
    surname = _empty(2, n_labels)
    klass = _empty(2 * len(FLAGS), n_labels)
    for (attr, label), weight in state_features.items():
        y = label_index[label]
        head, rest = attr[0], attr[1:]
        if head in UNIGRAMS:
            unigram[UNIGRAMS.index(head), char_id[rest], y] += weight
        elif head in BIGRAMS:
            key = bigram_key(BIGRAMS.index(head), char_id[rest[0]], char_id[rest[1]], n_chars)
            bigram.setdefault(key, np.zeros(n_labels))[y] += weight
        elif head == "t":
            a, b, c = (TYPES.index(x) for x in rest)
            types[(a * len(TYPES) + b) * len(TYPES) + c, y] += weight
        elif head in "wuv":
            row = 0 if not rest else pos_id(PLACES.index(rest[0]), tag_id[rest[1:]], len(tag_list))
            pos["wuv".index(head), row, y] += weight
        elif head == "s":
            surname[int(rest), y] += weight
        elif head == "k":
            after = rest.endswith("aT")
            flag = rest[:-2] if after else rest
            klass[FLAGS.index(flag) + len(FLAGS) * after, y] += weight
        else:
            raise ValueError(f"a feature of no known template: {attr!r}")
    keys = np.array(sorted(bigram), dtype=np.int64)
    matrix = np.zeros((n_labels, n_labels))
    for (a, b), weight in transitions.items():
        matrix[label_index[a], label_index[b]] = weight
    return {
        "labels": np.array(list(labels)),
        "transitions": matrix,
        "chars": np.array([ord(c) for c in char_list], dtype=np.int32),
        "tags": np.array(tag_list if tag_list else [""]),
        "unigram": unigram,
        "bigram_keys": keys,
        "bigram": np.array([bigram[int(k)] for k in keys]).reshape(len(keys), n_labels),
        "types": types,
        "pos": pos,
        "surname": surname,
        "klass": klass,
    }


def bigram_key(template: Any, a: Any, b: Any, n_chars: int) -> Any:
    """The search key of a bigram feature (works on ints and on integer arrays alike)."""
    return (template * n_chars + a) * n_chars + b


def pos_id(place: Any, tag: Any, n_tags: int) -> Any:
    """The row of a character's place in its word and the word's tag (0 is no word)."""
    return 1 + place * (n_tags + 1) + tag


@dataclass(frozen=True)
class Model:
    """The weights as one table, with where each template's rows start, and the lookups."""

    labels: tuple[str, ...]
    transitions: np.ndarray  # (labels, labels): from, to
    weights: np.ndarray  # (rows, labels); row 0 is all zeros (a feature the model lacks)
    offsets: dict[str, int]
    n_chars: int
    bigram_keys: np.ndarray
    char_ids: np.ndarray  # code point -> character id (0: unseen)
    char_types: np.ndarray  # code point (below 0x10000) -> index in TYPES
    surnames: np.ndarray  # code point -> 1 if a one-character surname
    tag_ids: dict[str, int]


def load(arrays: Mapping[str, np.ndarray]) -> Model:
    """The runtime form of the saved arrays (see build)."""
    n_labels = len(arrays["labels"])
    unigram = arrays["unigram"]
    n_chars = unigram.shape[1]
    blocks = [("zero", np.zeros((1, n_labels)))]
    blocks += [(name, unigram[i]) for i, name in enumerate(UNIGRAMS)]
    blocks += [
        ("bigram", arrays["bigram"]),
        ("types", arrays["types"]),
        *((name, arrays["pos"][i]) for i, name in enumerate("wuv")),
        ("surname", arrays["surname"]),
        ("klass", arrays["klass"]),
    ]
    offsets: dict[str, int] = {}
    at = 0
    for name, block in blocks:
        offsets[name] = at
        at += len(block)
    weights = np.ascontiguousarray(np.concatenate([b for _, b in blocks]), dtype=np.float64)
    char_ids = np.zeros(_CODES, dtype=np.int32)
    char_ids[arrays["chars"]] = np.arange(1, n_chars, dtype=np.int32)
    surnames = np.zeros(_CODES, dtype=np.int32)
    listed = [ord(s) for s in features.surnames()]
    surnames[np.array(listed, dtype=np.int64)] = 1
    tags = [str(t) for t in arrays["tags"]]
    return Model(
        labels=tuple(str(label) for label in arrays["labels"]),
        transitions=np.ascontiguousarray(arrays["transitions"], dtype=np.float64),
        weights=weights,
        offsets=offsets,
        n_chars=n_chars,
        bigram_keys=np.ascontiguousarray(arrays["bigram_keys"], dtype=np.int64),
        char_ids=char_ids,
        char_types=_char_types(),
        surnames=surnames,
        tag_ids={t: i for i, t in enumerate(tags) if t},
    )


def _char_types() -> np.ndarray:
    table = np.array([TYPES.index(features.char_type(chr(c))) for c in range(_BMP)], np.int32)
    return table


def _types_of(model: Model, codes: np.ndarray) -> np.ndarray:
    high = codes >= _BMP
    if not high.any():
        return model.char_types[codes]
    out = model.char_types[np.where(high, 0, codes)]
    for i in np.flatnonzero(high):
        out[i] = TYPES.index(features.char_type(chr(int(codes[i]))))
    return out


def _word_rows(model: Model, words: list[str], n: int) -> tuple[np.ndarray, np.ndarray]:
    """Per character: the pos row (place in word, tag) and the class row (see features)."""
    n_tags = len(model.tag_ids)
    tag_ids = model.tag_ids
    classes = [features.word_class(w) for w in words]
    lengths = np.fromiter(map(len, words), dtype=np.int64, count=len(words))
    tags = np.fromiter(
        (tag_ids.get(tag, n_tags) for tag, _ in classes), dtype=np.int64, count=len(words)
    )
    flags = np.fromiter(
        (FLAGS.index(flag) for _, flag in classes), dtype=np.int64, count=len(words)
    )
    after_title = np.zeros(len(words), dtype=np.int64)
    after_title[1:] = flags[:-1] == 1
    ends = np.cumsum(lengths)
    single = np.repeat(lengths == 1, lengths)
    first = np.zeros(n, dtype=bool)
    first[ends - lengths] = True
    last = np.zeros(n, dtype=bool)
    last[ends - 1] = True
    place = np.where(single, 3, np.where(first, 0, np.where(last, 2, 1)))
    pos = pos_id(place, np.repeat(tags, lengths), n_tags)
    klass = np.repeat(flags + len(FLAGS) * after_title, lengths)
    return pos, klass


def rows(model: Model, text: str, words: list[str]) -> np.ndarray:
    """The weight-table rows of every feature of every character of text: (16, len(text))."""
    n = len(text)
    padded = "\x02\x02" + text.translate(features.FOLD) + "\x03\x03"
    codes = np.frombuffer(padded.encode("utf-32-le"), dtype="<u4").astype(np.int64)
    ids = model.char_ids[codes].astype(np.int64)
    off = model.offsets
    out = np.empty((16, n), dtype=np.int64)
    for k, (name, shift) in enumerate(zip(UNIGRAMS, (2, 1, 3, 0, 4), strict=True)):
        out[k] = off[name] + ids[shift : shift + n]
    v = model.n_chars
    pairs = ((1, 2), (2, 3), (0, 1), (3, 4), (1, 3))
    keys = np.concatenate(
        [bigram_key(t, ids[a : a + n], ids[b : b + n], v) for t, (a, b) in enumerate(pairs)]
    )
    found = np.searchsorted(model.bigram_keys, keys)
    np.minimum(found, len(model.bigram_keys) - 1, out=found)
    hit = model.bigram_keys[found] == keys
    out[5:10] = np.where(hit, off["bigram"] + found, 0).reshape(5, n)
    ty = _types_of(model, codes)
    base = len(TYPES)
    out[10] = off["types"] + (ty[1 : n + 1] * base + ty[2 : n + 2]) * base + ty[3 : n + 3]
    if sum(map(len, words)) != n:  # a cut that lost or changed characters: one by one instead
        words = list(text)
    pos, klass = _word_rows(model, words, n)
    out[11] = off["w"] + pos
    out[12, 0] = off["u"]
    out[12, 1:] = off["u"] + pos[:-1]
    out[13, :-1] = off["v"] + pos[1:]
    out[13, -1] = off["v"]
    out[14] = off["surname"] + model.surnames[codes[2 : n + 2]]
    out[15] = off["klass"] + klass
    return out


def emissions(model: Model, text: str, words: list[str]) -> np.ndarray:
    """The state scores of every label at every character of text: (len(text), labels)."""
    return model.weights[rows(model, text, words)].sum(axis=0)
