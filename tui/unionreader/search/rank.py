"""Scoring: how well a query matches one field, on a 0..100 scale that orders every hit."""

from __future__ import annotations

import heapq
from collections.abc import Iterable

from rapidfuzz import fuzz

from .hits import HowMatched

# Where a match is worth most: the title, then a named person/organisation/place, then the deck
# and subtitle, then a byline name, then the body. The steps between weights are at least
# EXACT_BONUS + 1 so that an exact hit in a field outranks an exact hit in any field below it.
WEIGHTS = {"title": 95.0, "entity": 90.0, "deck": 85.0, "subtitle": 85.0, "byline": 80.0}
BODY_WEIGHT = 74.0
EXACT_BONUS = 4.0  # an exact hit gains up to this much for covering more of its field
MENTION_BONUS = 1.0  # an entity named often is what the article is about
FUZZY_CAP = 0.9  # a fuzzy hit scores at most this fraction of its field's weight
PINYIN_FULL = 0.92  # every syllable typed in full
PINYIN_SHORT = 0.86  # initials or syllable prefixes
HOMOPHONE = 0.84  # a Chinese query that reads the same (总公会 for 总工会)


def exact_score(weight: float, query_len: int, text_len: int) -> float:
    """An exact (substring) match: the field weight plus how much of the field it covers."""
    return weight + EXACT_BONUS * query_len / max(text_len, query_len, 1)


def pieces(query: str, text: str) -> list[tuple[int, int, int]]:
    """The longest runs of the query found in the text, in any order.

    Returns (query_start, query_end, text_start) per run of two or more chars (a lone Chinese
    char matches almost anything). Word order and gaps between the runs are free.
    """
    n = len(query)
    if n < 2:
        pos = text.find(query) if query else -1
        return [(0, 1, pos)] if pos >= 0 else []
    found: list[tuple[int, int, int]] = []
    i = 0
    while i < n - 1:
        if query[i : i + 2] not in text:
            i += 1
            continue
        j = i + 2  # grow the run while it is still in the text
        while j < n and query[i : j + 1] in text:
            j += 1
        found.append((i, j, text.find(query[i:j])))
        i = j
    return found


def covered(runs: Iterable[tuple[int, int, int]]) -> int:
    return sum(e - s for s, e, _ in runs)


def runs_quality(query_len: int, matched: int, fragments: int) -> float:
    """0..FUZZY_CAP: more of the query matched beats less, fewer fragments beat more."""
    if not query_len:
        return 0.0
    quality = FUZZY_CAP * matched / query_len - 0.04 * max(fragments - 1, 0)
    return max(0.0, min(FUZZY_CAP, quality))


def typo_quality(query: str, text: str) -> float:
    """A wrong, missing or extra char inside the query, measured by rapidfuzz's partial_ratio
    (the query against its best-aligned window of a short field)."""
    if len(query) < 3:
        return 0.0
    ratio = fuzz.partial_ratio(query, text, score_cutoff=75)
    if not ratio:
        return 0.0
    # partial_ratio aligns the shorter string: a field much shorter than the query is only a
    # piece of it (鼓楼街道 in 鼓楼街道防疫志愿者), not the query with a typo.
    cover = min(1.0, len(text) / max(len(query) - 1, 1))
    return max(0.0, FUZZY_CAP * ratio / 100.0 * cover - 0.03)


def typo_spans(query: str, text: str) -> tuple[tuple[int, int], ...]:
    """The text chars that match the query in its best fuzzy window."""
    align = fuzz.partial_ratio_alignment(query, text)
    if align is None:
        return ()
    wanted = set(query)
    return merge_spans(
        (i, i + 1) for i in range(align.dest_start, align.dest_end) if text[i] in wanted
    )


def run_spans(runs: Iterable[tuple[int, int, int]]) -> tuple[tuple[int, int], ...]:
    return merge_spans((t, t + e - s) for s, e, t in runs if t >= 0)


def merge_spans(spans: Iterable[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return tuple((s, e) for s, e in merged)


class Leaders:
    """The best hit so far for each article, and the score a newcomer must beat."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.best: dict[int, tuple[float, HowMatched, object]] = {}
        self._kth = -1.0  # a lower bound of the limit-th best score (scores only rise)
        self._offers = 0

    def offer(self, article: int, score: float, how: HowMatched, where: object) -> None:
        old = self.best.get(article)
        if old is None or score > old[0]:
            self.best[article] = (score, how, where)
            self._offers += 1

    def kth(self) -> float:
        """The limit-th best score (or a little less), -1 while there are fewer hits.

        Recounted only after enough new offers, so asking is cheap in a loop; a stale answer is
        lower than the truth, which can only delay stopping, never stop too early.
        """
        due = self._offers >= max(self.limit, len(self.best) // 8) or self._kth < 0
        if self._offers and len(self.best) >= self.limit and due:
            self.refresh()
        return self._kth

    def refresh(self) -> float:
        if len(self.best) >= self.limit:
            self._kth = heapq.nlargest(self.limit, (v[0] for v in self.best.values()))[-1]
        self._offers = 0
        return self._kth

    def settled_above(self, bound: float) -> bool:
        """True when `limit` hits already score at least `bound`: nothing below can show."""
        return (self._kth if not self._offers else self.refresh()) >= bound

    def top(self) -> list[tuple[int, tuple[float, HowMatched, object]]]:
        ranked = heapq.nsmallest(
            self.limit, self.best.items(), key=lambda item: (-item[1][0], item[0])
        )
        return ranked
