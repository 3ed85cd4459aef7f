"""The trained tagger's names, with the genre rules' names laid on top where they do better."""

from __future__ import annotations

Span = tuple[int, int, str]


def _overlapping(span: Span, spans: list[Span]) -> list[Span]:
    start, end, _ = span
    return [s for s in spans if s[0] < end and start < s[1]]


def combine(model: list[Span], rules: list[Span]) -> list[Span]:
    """The model's spans; a rule span the model missed is added, and one that holds whole
    model spans and is longer replaces them (中国共产党第十五次全国代表大会 over 中国共产党).

    A longer place from the rules is not added where the model saw nothing: the word lists
    take common nouns for places more often than the model does (measured on the dev sets).
    """
    out = list(model)
    for span in rules:
        start, end, kind = span
        inside = _overlapping(span, out)
        if not inside:
            if kind != "LOC" or end - start == 1:
                out.append(span)
            continue
        if all(start <= s and e <= end for s, e, _ in inside) and end - start > max(
            e - s for s, e, _ in inside
        ):
            out = [s for s in out if s not in inside]
            out.append(span)
    out.sort()
    return out
