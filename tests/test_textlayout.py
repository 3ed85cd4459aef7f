"""Chinese line breaking: widths in cells, kinsoku, figures and Latin words kept whole."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from unionreader.layout.textlayout import (
    NO_END,
    NO_START,
    cell_width,
    char_width,
    display_text,
    line_width,
    wrap,
)

SEED_PARAGRAPH = (
    "初春时节，乍暖还寒，周末清晨的街道上行车并不多。密云区长城环岛至檀溪路两侧，一队身着工会"
    "“蓝马甲”的职工志愿者手持夹子、扫把、铁锹等工具，对主次干道沿线、公交站、十字路口等区域的"
    "残枝落叶、烟头纸屑、动物粪便进行清理……这是密云区总工会积极开展周末大扫除的活动现场。"
    "截至目前，该区总工会先后出动1000余人次参与周末大扫除活动，拨付20余万元，拨打12351职工热线，"
    "覆盖率达到95.5%。"
)


def lines_of(text: str, width: int, keep=()) -> list[str]:
    return [text[s:e] for s, e in wrap(text, width, keep)]


def figure_span(text: str, figure: str) -> tuple[int, int]:
    start = text.index(figure)
    return (start, start + len(figure))


# --- widths -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "cells"),
    [
        ("abc", 3),
        ("中文", 4),
        ("，。", 4),
        ("“”", 2),  # curly quotes are narrow in terminals
        ("……——", 4),
        ("1000余人次", 10),
        ("e\u0301", 1),  # a combining accent takes no cell
        ("　", 2),  # ideographic space
        ("ＡＢ", 4),
        ("", 0),
    ],
)
def test_cell_width(text: str, cells: int) -> None:
    assert cell_width(text) == cells
    assert cell_width(text) == cell_len(text)


# --- display text -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("初春时节,乍暖还寒", "初春时节，乍暖还寒"),
        ("本报讯 (记者 马超) 近日", "本报讯 （记者 马超） 近日"),
        ("据介绍:活动;很好!对吗?", "据介绍：活动；很好！对吗？"),
        ("措施(1)加强", "措施（1）加强"),
        ("f(x)中", "f（x）中"),  # a pair of parentheses is shown in one width
        ("1,000 and 3:30 (ok)", "1,000 and 3:30 (ok)"),
        ("http://example.com/a?b=1", "http://example.com/a?b=1"),
        ("好!)", "好！）"),
        ("大家:smile:好", "大家:smile:好"),  # a code between colons is kept as typed
        ("点赞:+1:,谢谢", "点赞:+1:，谢谢"),
        ("时间:上午", "时间：上午"),
    ],
)
def test_display_text_full_width_among_chinese(raw: str, shown: str) -> None:
    text, changed = display_text(raw)
    assert text == shown
    assert len(text) == len(raw)
    assert changed == [i for i, (a, b) in enumerate(zip(raw, text, strict=True)) if a != b]


def test_display_text_neutralises_control_characters() -> None:
    text, changed = display_text("红\x1b[31m色\tA\nB")
    assert "\x1b" not in text and "\t" not in text
    assert text.endswith("\nB")  # line ends are kept: they are breaks, not markup
    assert len(text) == len("红\x1b[31m色\tA\nB")
    assert changed == [1, 7]


# --- concrete wrapping ------------------------------------------------------------------


def test_wrap_80_columns_fills_lines_with_chinese() -> None:
    lines = lines_of(SEED_PARAGRAPH, 80)
    assert "".join(lines) == SEED_PARAGRAPH
    assert all(cell_width(line) <= 80 for line in lines)
    # a full line of Chinese is 40 characters; the first line is full
    assert cell_width(lines[0]) >= 78


def test_wrap_120_columns() -> None:
    text, _ = display_text(SEED_PARAGRAPH)
    lines = lines_of(text, 120, [figure_span(text, "1000余人次")])
    assert "".join(lines) == text
    assert all(cell_width(line) <= 120 for line in lines)
    assert sum(1 for line in lines if "1000余人次" in line) == 1


def test_never_starts_a_line_with_closing_punctuation() -> None:
    # at width 10 the comma would land at the start of line 2; it moves up with its neighbour
    text = "一二三四五，六七八九十"
    assert lines_of(text, 10) == ["一二三四", "五，六七八", "九十"]


def test_never_ends_a_line_with_opening_bracket() -> None:
    text = "一二三四《五六》七八"
    assert lines_of(text, 10) == ["一二三四", "《五六》七", "八"]


def test_closing_quote_and_full_stop_stay_with_the_sentence() -> None:
    text = "一二三四五。”六七"
    assert lines_of(text, 10) == ["一二三四", "五。”六七"]
    assert lines_of(text, 12) == ["一二三四", "五。”六七"]
    assert lines_of(text, 13) == ["一二三四五。”", "六七"]


def test_ellipsis_is_never_split_or_leading() -> None:
    text = "一二三四……五六七八"
    for width in range(2, 16):
        for line in lines_of(text, width)[1:]:
            assert not line.startswith("…")


def test_figure_is_kept_on_one_line() -> None:
    text = "该区总工会先后出动1000余人次参与"
    keep = [figure_span(text, "1000余人次")]
    for width in range(10, 40):
        lines = lines_of(text, width, keep)
        assert sum("1000余人次" in line for line in lines) == 1, (width, lines)


def test_figure_wider_than_the_line_is_split_rather_than_lost() -> None:
    text = "出动1000余人次"
    keep = [figure_span(text, "1000余人次")]
    lines = lines_of(text, 8, keep)
    assert "".join(lines) == text
    assert lines[0] == "出动"  # the figure starts a fresh line before it is split
    assert all(cell_width(line) <= 8 for line in lines)


def test_latin_words_and_numbers_are_not_split() -> None:
    text = "拨打12351职工热线和5X服务，CT检查，网址https://example.org/a"
    for width in range(8, 40):
        joined = lines_of(text, width)
        for word in ("12351", "5X", "CT"):
            assert sum(word in line for line in joined) == 1, (width, joined)


def test_long_url_breaks_only_when_wider_than_the_line() -> None:
    url = "https://example.org/a/very/long/path"
    text = "网址" + url + "。"
    lines = lines_of(text, 20)
    assert lines[0] == "网址"  # moved whole to the next line first
    assert "".join(lines) == text
    assert all(cell_width(line) <= 20 for line in lines)


def test_spaces_hang_at_a_break() -> None:
    text = "hello world again"
    spans = wrap(text, 6)
    assert [text[s:e] for s, e in spans] == ["hello ", "world ", "again"]
    assert [line_width(text, span) for span in spans] == [5, 5, 5]


def test_line_ends_are_hard_breaks() -> None:
    text = "第一段\n第二段"
    assert lines_of(text, 80) == ["第一段\n", "第二段"]


@pytest.mark.parametrize("width", [1, 2, 3])
def test_narrow_widths_never_lose_text(width: int) -> None:
    text, _ = display_text(SEED_PARAGRAPH)
    keep = [figure_span(text, "1000余人次"), figure_span(text, "20余万元")]
    spans = wrap(text, width, keep)
    assert "".join(text[s:e] for s, e in spans) == text
    for s, e in spans:
        if line_width(text, (s, e)) > width:
            # only an unbreakable cluster may overflow: one wide char, or one kept by kinsoku
            visible = text[s:e].rstrip()
            assert len(visible) == 1 or visible[-1] in NO_START or visible[0] in NO_END


def test_width_ten_layout_of_a_seed_sentence() -> None:
    text = "截至目前，该区总工会先后出动1000余人次参与周末大扫除活动。"
    keep = [figure_span(text, "1000余人次")]
    assert lines_of(text, 10, keep) == [
        "截至目前，",
        "该区总工会",
        "先后出动",
        "1000余人次",
        "参与周末大",
        "扫除活动。",
    ]


def test_empty_text_has_no_lines() -> None:
    assert wrap("", 10) == []


# --- properties -------------------------------------------------------------------------

ALPHABET = (
    "中文工会职工密云区人次万元年月日"
    "，。、；：？！）》”’」』…—"
    "（《“‘「『"
    "abcXYZ0123456789.,:;()/%-"
    "  　\n\u0301"
)

texts = st.one_of(st.text(alphabet=ALPHABET, max_size=120), st.text(max_size=60))


@st.composite
def text_and_spans(draw):
    text = draw(texts)
    n = len(text)
    spans = []
    for _ in range(draw(st.integers(0, 3))):
        if n == 0:
            break
        start = draw(st.integers(0, n - 1))
        end = draw(st.integers(start, min(n, start + 8)))
        spans.append((start, end))
    return text, spans


def _breakable(text: str, q: int, keep, width: int) -> bool:
    """The spec's break rules, stated independently of the implementation."""
    cur = text[q]
    if text[q - 1] == "\n":
        return True
    if cur in " \t\u3000\n" or char_width(cur) == 0 or cur in NO_START:
        return False
    k = q - 1
    while k >= 0 and text[k] in " \t\u3000":
        k -= 1
    if k >= 0 and text[k] in NO_END:
        return False
    for s, e in [*keep, *_runs(text, narrow=True), *_runs(text, narrow=False)]:
        if s < q < e and cell_width(text[s:e]) <= width:
            return False
    return True


def _runs(text: str, *, narrow: bool) -> list[tuple[int, int]]:
    """Runs of narrow non-space characters, or of letters and digits, with their marks."""

    def member(i: int) -> bool:
        char = text[i]
        if char_width(char) == 0 and char != "\n":
            return i > 0 and member(i - 1)
        if char_width(char) != 1 or char in " \t":
            return False
        return narrow or char.isalnum()

    runs, start = [], None
    for i in range(len(text) + 1):
        inside = i < len(text) and member(i)
        if inside and start is None:
            start = i
        elif not inside and start is not None:
            runs.append((start, i))
            start = None
    return runs


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(text_and_spans(), st.integers(1, 40))
def test_wrap_properties(case, width: int) -> None:
    text, keep = case
    spans = wrap(text, width, keep)
    # coverage: contiguous, in order, every character exactly once
    assert "".join(text[s:e] for s, e in spans) == text
    position = 0
    for s, e in spans:
        assert s == position and e > s
        position = e
    for index, (s, e) in enumerate(spans):
        if index > 0 and text[s - 1] != "\n":
            # kinsoku at every soft break
            assert text[s] not in NO_START
            previous = text[spans[index - 1][0] : s].rstrip(" \t\u3000")
            assert not previous or previous[-1] not in NO_END
        # width bound, unless nothing inside the line could be broken
        if line_width(text, (s, e)) > width:
            assert not any(_breakable(text, q, keep, width) for q in range(s + 1, e)), (
                text[s:e],
                width,
            )
    starts = {s for s, _ in spans}
    # kept spans (figures) that fit are never split
    for ks, ke in keep:
        if cell_width(text[ks:ke]) <= width and "\n" not in text[ks:ke]:
            assert not any(ks < s < ke for s in starts)
    # runs of Latin letters and digits that fit are never split
    for ws, we in _runs(text, narrow=False):
        if cell_width(text[ws:we]) <= width:
            assert not any(ws < s < we for s in starts)


@settings(max_examples=200)
@given(st.text(), st.integers(1, 300))
def test_wrap_never_raises(text: str, width: int) -> None:
    shown, changed = display_text(text)
    assert len(shown) == len(text)
    assert all(0 <= i < len(text) for i in changed)
    spans = wrap(shown, width)
    assert "".join(shown[s:e] for s, e in spans) == shown
