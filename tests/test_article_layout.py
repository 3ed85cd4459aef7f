"""Article layout without a terminal: header order, headline phrases, anchors across widths."""

from __future__ import annotations

from reader_fixture import sample_article
from unionreader.layout.article_layout import PARAGRAPH_INDENT, bylines, layout_article
from unionreader.layout.textlayout import cell_width
from unionreader.model import Article, Figure


def shown(layout) -> list[str]:
    lines = []
    for line in layout.lines:
        if line.piece is None:
            lines.append("")
        else:
            lines.append(layout.pieces[line.piece].text[line.start : line.end])
    return lines


def test_headlines_break_between_phrases_when_they_fit() -> None:
    article = Article(
        id="x",
        source="-",
        title="平谷区总工会凝聚干部职工同心抗疫",
        deck="建立支援保障工作梯队 走访慰问一线防疫人员 强化榜样导向和示范效应",
    )
    lines = shown(layout_article(article, 40))
    assert lines[:3] == ["建立支援保障工作梯队", "走访慰问一线防疫人员", "强化榜样导向和示范效应"]


def test_centred_header_and_indented_body() -> None:
    layout = layout_article(sample_article(filler=0), 80)
    title = next(
        line
        for line in layout.lines
        if line.piece is not None and layout.pieces[line.piece].role == "title"
    )
    text = layout.pieces[title.piece].text
    assert title.indent == (80 - cell_width(text)) // 2
    body = [layout.pieces[line.piece] for line in layout.lines if line.piece is not None]
    paragraph = next(piece for piece in body if piece.role == "paragraph")
    assert paragraph.text.startswith(PARAGRAPH_INDENT)
    assert next(piece for piece in body if piece.role == "caption").text.startswith("▲")
    assert (
        not layout_article(sample_article(filler=0), 10)
        .pieces[-1]
        .text.startswith(PARAGRAPH_INDENT)
    )  # no indent on a very narrow pane


def test_wide_panes_centre_a_column_of_readable_measure() -> None:
    layout = layout_article(sample_article(filler=0), 246)
    assert layout.measure == 100 and layout.margin == 73


def test_figure_positions_map_to_the_line_that_shows_them() -> None:
    article = sample_article(filler=2)
    subtitle_figure = Figure("1000余人次", "people", "subtitle", None, 6, 13)
    article = article.with_analysis((*article.figures, subtitle_figure), article.entities)
    for width in (20, 40, 76, 116):
        layout = layout_article(article, width)
        lines = shown(layout)
        for figure in article.figures:
            y = layout.line_at(figure.field, figure.block, figure.start)
            assert figure.text in lines[y], (width, figure.text, lines[y])


def test_anchors_survive_a_change_of_width() -> None:
    article = sample_article(filler=4)
    narrow, wide = layout_article(article, 30), layout_article(article, 100)
    for y, line in enumerate(narrow.lines):
        if line.piece is None:
            continue
        assert narrow.line_of_anchor(narrow.anchor_of(y)) == y
        # the same text position lands on the wide line that contains it
        wide_y = wide.line_of_anchor(narrow.anchor_of(y))
        start = narrow.pieces[line.piece].text[line.start : line.end][:2]
        assert start in shown(wide)[wide_y] or line.start == line.end


def test_a_reporter_credited_for_the_photograph_is_named_once_under_photography():
    article = Article("x", "s", "t", reporters=("樊如钧", "王五"), photographers=("樊如钧",))
    assert bylines(article) == "记者 王五  摄影 樊如钧"
