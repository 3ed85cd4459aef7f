"""The trained tagger's names, with the genre rules' names laid on top where they do better."""

from __future__ import annotations

from collections.abc import Collection, Sequence

Span = tuple[int, int, str]

# How strongly the model must read a rule's name as some name (mean 1 - P(outside) over its
# characters) for the name to be added where the model itself found none. Chosen on the dev
# sets (again for the model the training script gives with the rules of this commit): the
# rules' people and places (中美 -> 中 美, a transliteration the model half reads: 加尔各答) add
# more than they cost; for the model before it, longer places needed 0.3 (common nouns the
# dictionary tags as places), which now saves nothing (People's Daily dev 0.8540 against
# 0.8544 at 0.15, CLUENER dev 0.7042 against 0.7039).
_BELIEF = {"PER": 0.1, "ORG": 0.0, "LOC": 0.15}
_LONG_PLACE_BELIEF = 0.15


# The party branches of a village, named by it (X镇|Y村|党支部): the rules read the places
_VILLAGE_BRANCHES = ("党支部", "党总支", "支部", "党委")
# Characters that link two names rather than begin one (至, 到, 和, 与 ...)
_LINKS = frozenset("至到和与及、，,的在从经往或及以")


def _overlapping(span: Span, spans: Sequence[Span]) -> list[Span]:
    start, end, _ = span
    return [s for s in spans if s[0] < end and start < s[1]]


def _model_span(
    text: str, span: Span, rules: Collection[Span], verbs: Collection[int]
) -> list[Span]:
    """What stands of one model span before the rules are laid on.

    The rules' name where the model ran on past its end into a verb, the rules' names if the
    model took a route between them for one place (密云区长城环岛至
    檀溪路), the country of a government (美国政府 -> 美国), no one-character place the rules do
    not read as one (工作中以).
    """
    start, end, kind = span
    held = [r for r in rules if start <= r[0] and r[1] <= end]
    for r in held:
        if r[0] == start and r[2] == kind and any(r[1] <= v < end for v in verbs):
            return [r]  # 顺义区总工会|组织职工学习: a name does not run on into a verb
    if kind == "LOC" and len(held) >= 2 and _overlapping(span, list(rules)) == held:
        return _tiled(text, start, held)
    if held and any(r[0] < end < r[1] for r in rules):
        return (
            held  # 滨河街道建|西社区: a span that cuts a rule's name in two gives way to the rules'
        )

    if kind == "ORG" and _village_branch(text, end, held):
        return _tiled(text, start, held)  # 大城子镇|苍术会村|党支部: the town and the village
    if kind == "LOC" and text.endswith("线路", start, end):
        return held  # 密云|云线路: a route is no place; the places the rules find in it are
    if kind == "ORG" and text.endswith("政府", start, end) and (start, end - 2, "LOC") in rules:
        return [(start, end - 2, "LOC")]
    if kind == "ORG" and end - start > 3 and text[end - 1] == "讯":
        return [(start, end - 1, kind)]  # 新浪科技讯: the dateline mark is not part of the name
    if kind == "LOC" and end - start == 1 and span not in rules:
        return []
    return [span]


def _village_branch(text: str, end: int, held: list[Span]) -> bool:
    """Does a model organisation end with a village's party branch, the rules' places before it?"""
    if not held or not all(r[2] == "LOC" for r in held):
        return False
    last = max(r[1] for r in held)
    return text[last - 1] == "村" and text[last:end] in _VILLAGE_BRANCHES


def _tiled(text: str, start: int, held: list[Span]) -> list[Span]:
    """The rules' names inside one model place, each taking the characters before it that are
    no word of linking (密云区|大|城子镇 -> 大城子镇; 长城环岛|至|檀溪路 keeps 至 out)."""
    out = []
    for s, e, kind in sorted(held):
        gap = text[start:s]
        if gap and not any(c in _LINKS or not "\u4e00" <= c <= "\u9fff" for c in gap):
            s = start
        out.append((s, e, kind))
        start = e
    return out


def combine(
    text: str,
    model: Sequence[Span],
    rules: Sequence[Span],
    beliefs: Sequence[float],
    trusted: Collection[Span] = (),
    verbs: Collection[int] = (),
) -> list[Span]:
    """The model's spans, corrected by the rules' (beliefs: the model's reading of each;
    trusted: rule spans made by a grammar the model does not know, such as a place suffix;
    verbs: where the jieba words tagged as verbs start).

    - a rule's name the model missed is added if the model half sees it (see _BELIEF), or if
      it is trusted;
    - a rule's name that holds whole model names and is longer replaces them
      (中国共产党第十五次全国代表大会 over 中国共产党); a trusted one over the same characters
      gives its type (长城环岛 is a place).
    """
    ruled = set(rules)
    out = [kept for span in model for kept in _model_span(text, span, ruled, verbs)]
    if len(beliefs) != len(rules):
        raise ValueError("one belief for each rule span")
    for k, span in enumerate(rules):
        start, end, kind = span
        inside = _overlapping(span, out)
        if not inside:
            need = _LONG_PLACE_BELIEF if kind == "LOC" and end - start > 1 else _BELIEF[kind]
            # a belief is only read where it decides (it takes a pass of the model's own): not
            # for a trusted span, nor where none is needed (a belief is never below zero)
            if span in trusted or need <= 0.0 or beliefs[k] >= need:
                out.append(span)
            continue
        if all(start <= s and e <= end for s, e, _ in inside) and (
            end - start > max(e - s for s, e, _ in inside) or span in trusted
        ):
            out = [s for s in out if s not in inside]
            out.append(span)
    out.sort()
    return out
