"""The trained model as numpy arrays: built from the CRF's weights, and read as integer rows.

The CRF is trained on the feature strings of features.sequence; at run time the same weights
are looked up by integer: every feature template owns a block of rows of one weight table,
and each character's features are one row per template (kernel.emissions finds them and sums
them; inputs gives it what it needs of a text). Templates (the letter each string starts with):

    c l r L R   the character and its neighbours at -1, +1, -2, +2: one row per character
    b f B F m   bigrams (-1,0) (0,+1) (-2,-1) (+1,+2) (-1,+1): rows found by key (hashed)
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
            t1, t0, t2 = (TYPES.index(x) for x in rest)
            types[(t1 * len(TYPES) + t0) * len(TYPES) + t2, y] += weight
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
    for (source, target), weight in transitions.items():
        matrix[label_index[source], label_index[target]] = weight
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


# The order of the templates' blocks in the weight table (and of Model.offsets).
BLOCKS = ("zero", *UNIGRAMS, "bigram", "types", "w", "u", "v", "surname", "klass")


class _WordCodes(dict[str, int]):
    """word -> its tag's index * len(FLAGS) + its flag's index, filled as words come."""

    def __init__(self, tag_ids: dict[str, int]) -> None:
        super().__init__()
        self.tag_ids = tag_ids
        self.unknown = len(tag_ids)

    def __missing__(self, word: str) -> int:
        tag, flag = features.word_class(word)
        code = self.tag_ids.get(tag, self.unknown) * len(FLAGS) + FLAGS.index(flag)
        if len(self) > 300_000:
            self.clear()
        self[word] = code
        return code


@dataclass(frozen=True)
class Model:
    """The weights as one table, where each template's rows start, and the lookups."""

    labels: tuple[str, ...]
    transitions: np.ndarray  # (labels, labels): from, to
    exp_transitions: np.ndarray
    outside: int  # the row of label O
    heads: np.ndarray  # per label: 0 O, 1 B, 2 I, 3 E, 4 S (see kernel.spans)
    kinds: np.ndarray  # per label: its index in types
    types: tuple[str, ...]  # PER, LOC, ORG ... as the labels name them
    weights: np.ndarray  # (rows, labels); row 0 is all zeros (a feature the model lacks)
    offsets: np.ndarray  # where each of BLOCKS starts in weights
    n_chars: int
    n_tags: int
    bigrams: np.ndarray  # the bigram rows by key (bigram_key): kernel.bigram_table
    char_ids: np.ndarray  # code point -> character id (0: unseen)
    char_types: np.ndarray  # code point (below 0x10000) -> index in TYPES
    fold: np.ndarray  # code point (below 0x10000) -> the one features.FOLD makes of it
    surnames: np.ndarray  # code point -> 1 if a one-character surname
    word_codes: _WordCodes


def load(arrays: Mapping[str, np.ndarray]) -> Model:
    """The runtime form of the saved arrays (see build)."""
    from unionreader.analysis.ner import kernel

    n_labels = len(arrays["labels"])
    unigram = arrays["unigram"]
    n_chars = unigram.shape[1]
    parts = {
        "zero": np.zeros((1, n_labels)),
        **{name: unigram[i] for i, name in enumerate(UNIGRAMS)},
        "bigram": arrays["bigram"],
        "types": arrays["types"],
        **{name: arrays["pos"][i] for i, name in enumerate("wuv")},
        "surname": arrays["surname"],
        "klass": arrays["klass"],
    }
    sizes = [len(parts[name]) for name in BLOCKS]
    offsets = np.concatenate(([0], np.cumsum(sizes)[:-1])).astype(np.int64)
    weights = np.ascontiguousarray(np.concatenate([parts[b] for b in BLOCKS]), dtype=np.float64)
    keys = np.asarray(arrays["bigram_keys"], dtype=np.int64)
    char_ids = np.zeros(_CODES, dtype=np.int32)
    char_ids[arrays["chars"]] = np.arange(1, n_chars, dtype=np.int32)
    surnames = np.zeros(_CODES, dtype=np.uint8)
    surnames[np.array([ord(s) for s in features.surnames()], dtype=np.int64)] = 1
    tags = [str(t) for t in arrays["tags"] if str(t)]
    labels = tuple(str(label) for label in arrays["labels"])
    types = tuple(sorted({label[2:] for label in labels if label != "O"}))
    transitions = np.ascontiguousarray(arrays["transitions"], dtype=np.float64)
    return Model(
        labels=labels,
        transitions=transitions,
        exp_transitions=np.exp(transitions),
        outside=labels.index("O"),
        heads=np.array(["OBIES".index(label[0]) for label in labels], dtype=np.int64),
        kinds=np.array([types.index(lb[2:]) if lb != "O" else -1 for lb in labels], np.int64),
        types=types,
        weights=weights,
        offsets=offsets,
        n_chars=n_chars,
        n_tags=len(tags),
        bigrams=kernel.bigram_table(keys),
        char_ids=char_ids,
        char_types=_char_types(),
        fold=_fold_table(),
        surnames=surnames,
        word_codes=_WordCodes({t: i for i, t in enumerate(tags)}),
    )


def _char_types() -> np.ndarray:
    """features.char_type of every char of the basic plane, as its index in TYPES."""
    index = {t: i for i, t in enumerate(TYPES)}
    out = np.empty(_BMP, dtype=np.int8)
    out[0x4E00:0xA000] = index["h"]  # the Han block, a third of the plane, at once
    for code in (*range(0x4E00), *range(0xA000, _BMP)):
        out[code] = index[features.char_type(chr(code))]
    return out


def _fold_table() -> np.ndarray:
    """features.FOLD as an array over the basic plane (it maps only such chars, one to one)."""
    table = np.arange(_BMP, dtype=np.int64)
    for code, to in features.FOLD.items():
        table[code] = ord(to)
    return table


def inputs(model: Model, text: str, words: list[str]) -> tuple[np.ndarray, ...]:
    """What kernel.emissions needs of a text besides the model: the code points of the folded
    text padded two either side, their types, and the jieba words' codes and lengths."""
    from unionreader.analysis.ner import kernel

    padded = "\x02\x02" + text + "\x03\x03"
    raw = np.frombuffer(padded.encode("utf-32-le"), dtype="<u4")
    codes, types, basic = kernel.folded(raw, model.fold, model.char_types)
    if not basic:  # a character beyond the basic plane: typed one by one
        types = np.array([TYPES.index(features.char_type(chr(c))) for c in codes], dtype=np.int8)
    if sum(map(len, words)) != len(text):  # a cut that lost or changed characters
        words = list(text)
    count = len(words)
    word_codes = np.fromiter(map(model.word_codes.__getitem__, words), np.int64, count)
    lengths = np.fromiter(map(len, words), np.int64, count)
    return codes, types, word_codes, lengths


def emissions(model: Model, text: str, words: list[str]) -> np.ndarray:
    """The score of every label at every character of text (cut into words): (n, labels)."""
    return run(model, *inputs(model, text, words))


def run(
    model: Model, codes: np.ndarray, types: np.ndarray, word_codes: np.ndarray, lengths: np.ndarray
) -> np.ndarray:
    """kernel.emissions over the model's arrays and a text's inputs (see inputs)."""
    from unionreader.analysis.ner import kernel

    return kernel.emissions(
        model.weights,
        model.offsets,
        model.bigrams,
        model.char_ids,
        model.surnames,
        model.n_chars,
        model.n_tags,
        codes,
        types,
        word_codes,
        lengths,
    )
