"""The tagger's loops, compiled (numba): emission sums, best path, its spans, P(outside).

They do what python-crfsuite's tagger does, in the same order, over the arrays of compiled:
the score of a label at a character is the sum of its features' weights; the best path is
the first highest-scoring one (no start or end weights, as in crfsuite); marginals come from
a scaled forward-backward pass. Compiled once per machine (see _compiled).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import numpy as np
from numba import njit

F = TypeVar("F", bound=Callable[..., Any])


def _compiled(function: F) -> F:
    """function compiled, its machine code cached where numba finds a folder it may write
    (beside this file, else the user's cache); compiled anew in every process if none."""
    try:
        return njit(cache=True, nogil=True)(function)  # type: ignore[return-value]
    except RuntimeError:  # "no locator available": nowhere to cache
        return njit(nogil=True)(function)  # type: ignore[return-value]


# Bigram rows are found by their key in an open-addressing hash table: (key, row) pairs side by
# side, a power of two of them, at most half full; a key's slot is its Fibonacci hash. One
# lookup reads one cache line or two, where a binary search over the sorted keys read several
# (the bigrams were half the time of emissions).
_FIBONACCI = 0x9E3779B97F4A7C15


@_compiled
def bigram_table(keys: np.ndarray) -> np.ndarray:  # pragma: no cover - compiled
    """The hash table of the bigram rows' keys: row i has key keys[i]."""
    bits = 1
    while (1 << bits) < 2 * len(keys):
        bits += 1
    size = 1 << bits
    table = np.full(2 * size + 1, -1, dtype=np.int64)
    table[2 * size] = 64 - bits  # the shift that takes a hash to a slot
    mask = size - 1
    for i in range(len(keys)):
        slot = np.int64((np.uint64(keys[i]) * np.uint64(_FIBONACCI)) >> np.uint64(64 - bits))
        while table[2 * slot] != -1:
            slot = (slot + 1) & mask
        table[2 * slot] = keys[i]
        table[2 * slot + 1] = i
    return table


@_compiled
def _bigram(table: np.ndarray, key: int) -> int:  # pragma: no cover - compiled
    """The bigram row of a key (bigram_table), -1 if the model has no such bigram."""
    size = (len(table) - 1) // 2
    shift = table[2 * size]
    mask = size - 1
    slot = np.int64((np.uint64(key) * np.uint64(_FIBONACCI)) >> np.uint64(shift))
    while True:
        found = table[2 * slot]
        if found == key:
            return table[2 * slot + 1]
        if found == -1:
            return -1
        slot = (slot + 1) & mask


@_compiled
def folded(
    raw: np.ndarray, fold: np.ndarray, char_types: np.ndarray
) -> tuple[np.ndarray, np.ndarray, bool]:  # pragma: no cover - compiled
    """The code points of a text folded (features.FOLD as an array), their types, and whether
    all of them are in the basic plane (else the types are left for the caller)."""
    n = len(raw)
    codes = np.empty(n, dtype=np.int64)
    types = np.zeros(n, dtype=np.int8)
    basic = True
    for i in range(n):
        c = np.int64(raw[i])
        if c < len(fold):
            c = fold[c]
            types[i] = char_types[c]
        else:
            basic = False
        codes[i] = c
    return codes, types, basic


@_compiled
def emissions(
    weights: np.ndarray,
    offsets: np.ndarray,
    bigrams: np.ndarray,
    char_ids: np.ndarray,
    surnames: np.ndarray,
    n_chars: int,
    n_tags: int,
    codes: np.ndarray,
    types: np.ndarray,
    word_codes: np.ndarray,
    lengths: np.ndarray,
) -> np.ndarray:  # pragma: no cover - compiled
    """Per character and label, the sum of the weights of its features (see compiled for the
    templates; codes and types are of the text padded two characters either side)."""
    n = len(codes) - 4
    labels = weights.shape[1]
    out = np.zeros((n, labels))
    ids = np.empty(n + 4, dtype=np.int64)
    for i in range(n + 4):
        ids[i] = char_ids[codes[i]]
    # each character's place in its word and the word's tag, and the word's class
    pos = np.zeros(n, dtype=np.int64)
    klass = np.zeros(n, dtype=np.int64)
    at = 0
    after_title = 0
    for w in range(len(word_codes)):
        size = lengths[w]
        tag = word_codes[w] // 4
        flag = word_codes[w] % 4
        for k in range(size):
            if size == 1:
                place = 3  # S
            elif k == 0:
                place = 0  # B
            elif k == size - 1:
                place = 2  # E
            else:
                place = 1  # M
            pos[at + k] = 1 + place * (n_tags + 1) + tag
            klass[at + k] = flag + 4 * after_title
        at += size
        after_title = 1 if flag == 1 else 0
    rows = np.empty(16, dtype=np.int64)
    for t in range(n):
        c = t + 2
        rows[0] = offsets[1] + ids[c]
        rows[1] = offsets[2] + ids[c - 1]
        rows[2] = offsets[3] + ids[c + 1]
        rows[3] = offsets[4] + ids[c - 2]
        rows[4] = offsets[5] + ids[c + 2]
        for b in range(5):
            if b == 0:
                x, y = ids[c - 1], ids[c]
            elif b == 1:
                x, y = ids[c], ids[c + 1]
            elif b == 2:
                x, y = ids[c - 2], ids[c - 1]
            elif b == 3:
                x, y = ids[c + 1], ids[c + 2]
            else:
                x, y = ids[c - 1], ids[c + 1]
            found = _bigram(bigrams, (b * n_chars + x) * n_chars + y)
            rows[5 + b] = 0 if found < 0 else offsets[6] + found
        rows[10] = offsets[7] + (types[c - 1] * 7 + types[c]) * 7 + types[c + 1]
        rows[11] = offsets[8] + pos[t]
        rows[12] = offsets[9] + (pos[t - 1] if t > 0 else 0)
        rows[13] = offsets[10] + (pos[t + 1] if t < n - 1 else 0)
        rows[14] = offsets[11] + surnames[codes[c]]
        rows[15] = offsets[12] + klass[t]
        for f in range(16):
            r = rows[f]
            if r != 0:
                for y in range(labels):
                    out[t, y] += weights[r, y]
    return out


@_compiled
def best(scores: np.ndarray, transitions: np.ndarray) -> np.ndarray:  # pragma: no cover
    """The label of every character on the highest-scoring path (the first, on a tie).

    The previous label is the outer loop and the next the inner one: the inner loop runs
    over contiguous rows and compiles to vector code; the sums and the first-best choice (a
    later label must score strictly higher) are those of the label-by-label loop."""
    n, labels = scores.shape
    path = np.zeros(n, dtype=np.int64)
    if n == 0:
        return path
    back = np.zeros((n, labels), dtype=np.int64)
    prev = scores[0].copy()
    cur = np.empty(labels)
    top = np.empty(labels)
    arg = np.zeros(labels, dtype=np.int64)
    for t in range(1, n):
        for j in range(labels):
            top[j] = prev[0] + transitions[0, j]
            arg[j] = 0
        for i in range(1, labels):
            p = prev[i]
            for j in range(labels):
                s = p + transitions[i, j]
                if s > top[j]:
                    top[j] = s
                    arg[j] = i
        for j in range(labels):
            back[t, j] = arg[j]
            cur[j] = top[j] + scores[t, j]
        prev, cur = cur, prev
    last = 0
    for j in range(1, labels):
        if prev[j] > prev[last]:
            last = j
    path[n - 1] = last
    for t in range(n - 1, 0, -1):
        last = back[t, last]
        path[t - 1] = last
    return path


@_compiled
def marginal(
    scores: np.ndarray, exp_transitions: np.ndarray, label: int
) -> np.ndarray:  # pragma: no cover - compiled
    """P(label) at every character (forward-backward, scaled at every step)."""
    n, labels = scores.shape
    out = np.zeros(n)
    if n == 0:
        return out
    psi = np.empty((n, labels))
    for t in range(n):
        top = scores[t].max()
        for y in range(labels):
            psi[t, y] = np.exp(scores[t, y] - top)
    alpha = np.empty((n, labels))
    beta = np.empty((n, labels))
    total = 0.0
    for y in range(labels):
        alpha[0, y] = psi[0, y]
        total += psi[0, y]
    for y in range(labels):
        alpha[0, y] /= total
    for t in range(1, n):
        total = 0.0
        for j in range(labels):
            s = 0.0
            for i in range(labels):
                s += alpha[t - 1, i] * exp_transitions[i, j]
            s *= psi[t, j]
            alpha[t, j] = s
            total += s
        for j in range(labels):
            alpha[t, j] /= total
    for y in range(labels):
        beta[n - 1, y] = 1.0
    for t in range(n - 2, -1, -1):
        total = 0.0
        for i in range(labels):
            s = 0.0
            for j in range(labels):
                s += exp_transitions[i, j] * psi[t + 1, j] * beta[t + 1, j]
            beta[t, i] = s
            total += s
        for i in range(labels):
            beta[t, i] /= total
    for t in range(n):
        z = 0.0
        for y in range(labels):
            z += alpha[t, y] * beta[t, y]
        out[t] = alpha[t, label] * beta[t, label] / z
    return out


@_compiled
def spans(path: np.ndarray, heads: np.ndarray, kinds: np.ndarray) -> np.ndarray:  # pragma: no cover
    """The (start, end, kind) rows of a best path, as tagger.decode reads labels: heads[label]
    is 0 for O, 1 B, 2 I, 3 E, 4 S; kinds[label] the type's index."""
    out = np.empty((len(path), 3), dtype=np.int64)
    found = 0
    start = -1
    kind = -1
    for i in range(len(path)):
        head = heads[path[i]]
        typ = kinds[path[i]]
        if head == 0:
            start = -1
        elif head == 4:
            out[found, 0] = i
            out[found, 1] = i + 1
            out[found, 2] = typ
            found += 1
            start = -1
        elif head == 1:
            start = i
            kind = typ
        elif head == 2:
            if start < 0 or kind != typ:
                start = i
                kind = typ
        else:
            if start >= 0 and kind == typ:
                out[found, 0] = start
                out[found, 1] = i + 1
                out[found, 2] = typ
                found += 1
            start = -1
    return out[:found]
