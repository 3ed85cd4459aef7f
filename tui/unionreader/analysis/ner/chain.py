"""Best labels and label marginals of a linear-chain CRF over one text, in numpy.

Most characters of news prose are plainly outside any name. A bound computed for every
character at once (gaps) says by how much, at least, the best path ending in the outside
label O there beats the best path ending in any other label. Where that lead is wide (an
anchor) the text is cut, O is taken as the anchor's label, and the stretches between anchors
(runs) are decoded side by side: one numpy step per character of the longest run, instead of
one Python step per character and label pair. Where O leads by more than every transition
could make up (Chain.need), the cut is exact; a narrower lead (_LEAD) cuts more often and
gives up exactness in a few characters in ten thousand (measured against the CRF's own
decoder on the dev sets; tests/test_ner.py pins sentences of our own).

Marginals (how likely each character is outside any name) are computed the same way, over
the runs that hold the characters asked about, with the anchors around them taken as O.
"""

from __future__ import annotations

import numpy as np

OUTSIDE = 0  # the row of label O
# Nats by which O must lead every other label at a character (by the bound) to cut there.
_LEAD = 4.0
# Rounds of tightening the bound (each lets a character learn from one more before it).
_ROUNDS = 2
_NEG = -1e30


class Chain:
    """A transition matrix (from, to), and the best paths and marginals it gives scores."""

    def __init__(self, transitions: np.ndarray) -> None:
        t = np.ascontiguousarray(transitions, dtype=np.float64)
        self.t = t
        self.t_in = np.ascontiguousarray(t.T)  # (to, from): a step reduces the last axis
        self.exp_t = np.exp(t)
        self.exp_t_back = np.ascontiguousarray(self.exp_t.T)
        # the bound's start: O's worst way in against another label's best way in
        self.worst_in = t[:, OUTSIDE].min() - t.max(axis=0)
        # how far O must lead label y to be the best way into every next label (exact cut)
        need = (t - t[OUTSIDE]).max(axis=1)
        self.cut = np.minimum(need, _LEAD)
        self.cut[OUTSIDE] = -np.inf

    def anchors(self, scores: np.ndarray) -> np.ndarray:
        """Where the text is cut, O taken as the label there: (n,) booleans."""
        t = self.t
        lead = scores[:, OUTSIDE : OUTSIDE + 1] - scores
        g = lead + self.worst_in
        g[0] = lead[0]
        if len(g) > 1:
            step = lead[1:] + t[OUTSIDE, OUTSIDE]
            for _ in range(_ROUNDS):
                into = (t[None, :, :] - g[:-1, :, None]).max(axis=1)
                np.maximum(g[1:], step - into, out=g[1:])
        return np.asarray((g >= self.cut).all(axis=1))

    def best(self, scores: np.ndarray, anchors: np.ndarray) -> np.ndarray:
        """The label index of every character on the best path: (n,)."""
        n = len(scores)
        labels = np.full(n, OUTSIDE, dtype=np.int64)
        starts, ends = runs(anchors)
        if not len(starts):
            return labels
        where, em = self._padded(scores, starts, ends)
        r, width = where.shape
        t_in = self.t_in
        back = np.empty((width, r, t_in.shape[0]), dtype=np.int64)
        delta = em[:, 0]
        for j in range(1, width):
            cand = delta[:, None, :] + t_in
            back[j] = cand.argmax(axis=2)
            delta = cand.max(axis=2)
            delta += em[:, j]
        delta += np.where((ends < n)[:, None], self.t[:, OUTSIDE], 0.0)
        cur = delta.argmax(axis=1)
        rows = np.arange(r)
        out = np.empty((r, width), dtype=np.int64)
        for j in range(width - 1, 0, -1):
            out[:, j] = cur
            cur = back[j, rows, cur]
        real = where >= 0
        labels[where[real]] = out[real]
        return labels

    def outside(self, scores: np.ndarray, anchors: np.ndarray, wanted: np.ndarray) -> np.ndarray:
        """P(O) at every character of the runs holding a wanted character (1 elsewhere)."""
        n = len(scores)
        p = np.ones(n)
        starts, ends = runs(anchors)
        counted = np.concatenate(([0], np.cumsum(wanted)))
        keep = counted[ends] > counted[starts]
        starts, ends = starts[keep], ends[keep]
        if not len(starts):
            return p
        where, em = self._padded(scores, starts, ends)
        r, width = where.shape
        psi = np.exp(em - em.max(axis=2, keepdims=True))
        m, m_back = self.exp_t, self.exp_t_back
        alpha = np.empty_like(psi)
        a = psi[:, 0]
        alpha[:, 0] = a
        for j in range(1, width):
            a = (a @ m) * psi[:, j]
            a /= a.sum(axis=1, keepdims=True)
            alpha[:, j] = a
        beta = np.empty_like(psi)
        b = np.where((ends < n)[:, None], m[:, OUTSIDE], 1.0)
        beta[:, width - 1] = b
        for j in range(width - 1, 0, -1):
            b = (psi[:, j] * b) @ m_back
            b /= b.sum(axis=1, keepdims=True)
            beta[:, j - 1] = b
        post = alpha * beta
        post_o = post[:, :, OUTSIDE] / post.sum(axis=2)
        real = where >= 0
        p[where[real]] = post_o[real]
        return p

    def _padded(
        self, scores: np.ndarray, starts: np.ndarray, ends: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """The runs' scores side by side, aligned on their last character, with one column or
        more before each run held to O (so that the step into its first character is the step
        from an anchor; a run at the start of the text has that step taken back out)."""
        lengths = ends - starts
        width = int(lengths.max()) + 1
        cols = np.arange(width)[None, :] - (width - lengths)[:, None]  # <0: padding
        where = np.where(cols >= 0, starts[:, None] + cols, -1)
        em = np.full((len(starts), width, scores.shape[1]), _NEG)
        em[:, :, OUTSIDE] = 0.0
        real = where >= 0
        em[real] = scores[where[real]]
        if starts[0] == 0:
            em[0, width - lengths[0]] -= self.t[OUTSIDE]
        return where, em


def runs(anchors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Starts and ends of the stretches of characters between anchors."""
    edges = np.diff(np.concatenate(([True], anchors, [True])).astype(np.int8))
    return np.flatnonzero(edges == -1), np.flatnonzero(edges == 1)
