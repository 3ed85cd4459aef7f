"""The reader pane as a user sees it: literal text, figure keys, re-flow, entity underlines."""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

import pytest
from rich.cells import cell_len
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType

from app_support import pilot_test
from reader_fixture import PARAGRAPH_2, sample_article
from unionreader.model import Article, Location
from unionreader.resources import styles_dir
from unionreader.ui.widgets.reader import ArticleReader


class ReaderApp(App):
    """The reader alone, with the stylesheet the real app loads and an `e` key like its own."""

    CSS_PATH = str(styles_dir() / "reader.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [Binding("e", "toggle_entities", "Entities")]

    def __init__(self, article: Article) -> None:
        super().__init__()
        self.article = article
        self.selected: list[int] = []
        self.scrolls: list[tuple[str, int]] = []

    def compose(self) -> ComposeResult:
        yield ArticleReader(self.article)

    def on_mount(self) -> None:
        self.query_one(ArticleReader).focus()

    def action_toggle_entities(self) -> None:
        reader = self.query_one(ArticleReader)
        reader.show_entities = not reader.show_entities

    def on_article_reader_figure_selected(self, message: ArticleReader.FigureSelected) -> None:
        self.selected.append(message.index)

    def on_article_reader_scroll_changed(self, message: ArticleReader.ScrollChanged) -> None:
        self.scrolls.append((message.article_id, message.offset))


def screen_lines(reader: ArticleReader) -> list[str]:
    """The reader's visible rows, as the terminal would draw them."""
    return [reader.render_line(y).text for y in range(reader.size.height)]


def segments_for(reader: ArticleReader, needle: str):
    """(row, segment) pairs of visible segments whose text contains needle."""
    found = []
    for y in range(reader.size.height):
        for segment in reader.render_line(y):
            if needle in segment.text:
                found.append((y, segment))
    return found


def visible_text(reader: ArticleReader) -> str:
    return "".join(line.rstrip() for line in screen_lines(reader))


@pilot_test
async def test_article_text_is_never_read_as_markup() -> None:
    app = ReaderApp(sample_article())
    async with app.run_test(size=(80, 24)) as pilot:
        reader = app.query_one(ArticleReader)
        block = next(i for i, b in enumerate(reader.article.blocks) if b.text == PARAGRAPH_2)
        reader.go_to(Location("block", block, 0, 0))
        await pilot.pause()
        shown = visible_text(reader)
        assert "[bold]不是标记[/]" in shown
        assert "[link=https://example.org]也不是链接[/link]" in shown
        assert "[@click=app.quit]更不会退出程序" in shown
        bold = [s for _, s in segments_for(reader, "不是标记") if s.style and s.style.bold]
        assert not bold
        await pilot.click(ArticleReader)  # a click on the text must not run app.quit
        await pilot.pause()
        assert app.is_running


@pilot_test
async def test_half_width_punctuation_among_chinese_shows_full_width() -> None:
    app = ReaderApp(sample_article())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shown = visible_text(app.query_one(ArticleReader))
        assert "初春时节，乍暖还寒，" in shown
        assert "初春时节," not in shown


@pilot_test
async def test_header_then_indented_paragraphs() -> None:
    app = ReaderApp(sample_article())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        lines = [line.strip(" ") for line in screen_lines(app.query_one(ArticleReader))]
        order = [
            "第3版 · 深入学习贯彻党的二十大精神",
            "主动担当作为 冲锋创城一线",
            "密云区总工会举行创城攻坚阶段工作部署会",
            "——全区工会系统1000余人次参与周末大扫除",
            "记者 王路曼  通讯员 张三  摄影 李四",
        ]
        assert [lines.index(text) for text in order] == sorted(lines.index(t) for t in order)
        paragraph = next(line for line in lines if "初春时节" in line)
        assert paragraph.startswith("\u3000\u3000初春时节")
        title = next(s for _, s in segments_for(app.query_one(ArticleReader), "创城攻坚"))
        assert title.style.bold


@pilot_test
async def test_n_and_shift_n_step_through_figures_and_scroll() -> None:
    article = sample_article(filler=8)
    app = ReaderApp(article)
    async with app.run_test(size=(80, 24)) as pilot:
        reader = app.query_one(ArticleReader)
        await pilot.pause()
        assert reader.current_figure is None and reader.scroll_y == 0
        await pilot.press("n")
        assert reader.current_figure == 0
        current = segments_for(reader, "1000余人次")
        assert any(s.style.reverse for _, s in current)  # the current figure stands out
        await pilot.press("n", "n")
        await pilot.pause()
        assert reader.current_figure == 2
        assert reader.scroll_y > 0  # 95% sits below the first screen
        assert any(s.style.reverse for _, s in segments_for(reader, "95%"))
        assert not any(s.style.reverse for _, s in segments_for(reader, "1000余人次"))
        await pilot.press("N")
        await pilot.pause()
        assert reader.current_figure == 1
        assert segments_for(reader, "481吨"), "the previous figure is scrolled back into view"
        assert app.selected == [0, 1, 2, 1]


@pilot_test
async def test_n_wraps_from_last_figure_to_first() -> None:
    app = ReaderApp(sample_article(filler=1))
    async with app.run_test(size=(80, 24)) as pilot:
        reader = app.query_one(ArticleReader)
        for _ in range(len(reader.article.figures)):
            await pilot.press("n")
        assert reader.current_figure == 5
        await pilot.press("n")
        assert reader.current_figure == 0


@pilot_test
async def test_figures_are_coloured_by_kind() -> None:
    app = ReaderApp(sample_article(filler=0))
    async with app.run_test(size=(120, 40)) as pilot:
        reader = app.query_one(ArticleReader)
        await pilot.pause()
        colours = {}
        for figure in ("1000余人次", "481吨", "95%", "20余万元", "2023年11月"):
            # the figure is a span of its own in the body
            segment = next(s for _, s in segments_for(reader, figure) if s.text == figure)
            colours[figure] = segment.style.color
        plain = next(s for _, s in segments_for(reader, "乍暖还寒"))
        assert plain.style.color not in colours.values()
        assert len(set(colours.values())) == len(colours)  # one colour per kind


@pytest.mark.parametrize("size", [(40, 12), (80, 24), (120, 40), (250, 80)])
@pilot_test
async def test_every_size_lays_out_within_the_width(size: tuple[int, int]) -> None:
    app = ReaderApp(sample_article())
    async with app.run_test(size=size) as pilot:
        reader = app.query_one(ArticleReader)
        await pilot.pause()
        text_width = reader.scrollable_content_region.width
        lines = reader.line_texts()
        assert lines and all(cell_len(line.rstrip()) <= text_width for line in lines)
        _assert_figures_whole(reader, lines)
        assert all(reader.render_line(y).cell_length == reader.size.width for y in range(5))


def _assert_figures_whole(reader: ArticleReader, lines: list[str]) -> None:
    """Each figure's text shows up inside one screen line as often as the article has it."""
    article = reader.article
    fields = [article.deck or "", article.title, article.subtitle or ""]
    fields += [block.text for block in article.blocks]
    for figure in article.figures:
        expected = sum(text.count(figure.text) for text in fields)
        assert sum(line.count(figure.text) for line in lines) == expected, figure.text


@pilot_test
async def test_resize_reflows_and_keeps_the_reading_position() -> None:
    app = ReaderApp(sample_article(filler=8))
    async with app.run_test(size=(80, 24)) as pilot:
        reader = app.query_one(ArticleReader)
        reader.scroll_to_figure(3)  # 2023年11月, near the end
        await pilot.pause()
        assert segments_for(reader, "2023年11月")
        narrow_lines = None
        for width in (40, 120, 60):
            await pilot.resize_terminal(width, 24)
            await pilot.pause()
            lines = reader.line_texts()
            text_width = reader.scrollable_content_region.width
            assert all(cell_len(line.rstrip()) <= text_width for line in lines)
            _assert_figures_whole(reader, lines)
            assert segments_for(reader, "2023年11月"), f"figure scrolled away at {width}"
            if width == 40:
                narrow_lines = len(lines)
            if width == 120:
                assert len(lines) < narrow_lines  # wider lines, fewer of them


@pilot_test
async def test_entities_are_underlined_only_when_shown() -> None:
    app = ReaderApp(sample_article(filler=0))
    async with app.run_test(size=(100, 40)) as pilot:
        reader = app.query_one(ArticleReader)
        await pilot.pause()

        def style_of(name: str):
            return next(s.style for _, s in segments_for(reader, name) if s.text == name)

        assert not any(s.style.underline for _, s in segments_for(reader, "晁怀新"))
        await pilot.press("e")
        await pilot.pause()
        person, org, place = style_of("晁怀新"), style_of("密云区总工会"), style_of("鼓楼街道")
        assert person.underline and org.underline and place.underline
        assert len({person.color, org.color, place.color}) == 3  # one style per type
        await pilot.press("e")
        await pilot.pause()
        assert not any(s.style.underline for _, s in segments_for(reader, "晁怀新"))


@pilot_test
async def test_scroll_position_is_reported_once_settled_and_restores() -> None:
    article = sample_article(filler=8)
    app = ReaderApp(article)
    async with app.run_test(size=(80, 24)) as pilot:
        reader = app.query_one(ArticleReader)
        await pilot.pause()
        for _ in range(15):
            await pilot.press("j")
        for _ in range(50):  # a busy machine may take a while to let the scroll settle
            await pilot.pause(ArticleReader.SCROLL_SETTLE / 2)
            if app.scrolls:
                break
        assert app.scrolls and app.scrolls[-1][0] == article.id
        assert len(app.scrolls) < 15  # debounced, not one report per key
        offset = app.scrolls[-1][1]
        top = screen_lines(reader)[0].strip()
        reader.show_article(replace(article), scroll_to=0)
        await pilot.pause()
        assert reader.scroll_y == 0
        await pilot.resize_terminal(120, 30)
        reader.show_article(article, scroll_to=offset)
        await pilot.pause()
        first_visible = next(line for line in screen_lines(reader) if line.strip())
        assert top[:6] in first_visible  # the same text is at the top, at another width


@pilot_test
async def test_search_match_is_highlighted_and_scrolled_to() -> None:
    article = sample_article(filler=8)
    app = ReaderApp(article)
    async with app.run_test(size=(80, 24)) as pilot:
        reader = app.query_one(ArticleReader)
        block = len(article.blocks) - 1
        start = article.blocks[block].text.index("鼓楼街道")
        reader.go_to(Location("block", block, start, start + 4))
        await pilot.pause()
        (_, segment), *_ = segments_for(reader, "鼓楼街道")
        assert segment.style.bgcolor != reader.rich_style.bgcolor


@pilot_test
async def test_no_article_and_empty_article() -> None:
    app = ReaderApp(sample_article())
    async with app.run_test(size=(40, 12)) as pilot:
        reader = app.query_one(ArticleReader)
        reader.show_article(None)
        await pilot.pause()
        assert all(not line.strip() for line in screen_lines(reader))
        await pilot.press("n", "N", "j", "G")
        reader.show_article(Article(id="x", source="-", title="只有标题"))
        await pilot.pause()
        assert "只有标题" in visible_text(reader)


@pilot_test
async def test_paging_keys_move_through_the_article() -> None:
    app = ReaderApp(sample_article(filler=8))
    async with app.run_test(size=(80, 24)) as pilot:
        reader = app.query_one(ArticleReader)
        await pilot.press("G")
        await pilot.pause()
        assert reader.scroll_y == reader.max_scroll_y > 0
        assert "近200场" in visible_text(reader)  # the last paragraph is on screen
        await pilot.press("g")
        await pilot.pause()
        assert reader.scroll_y == 0
        await pilot.press("space")
        await pilot.pause()
        assert reader.scroll_y >= reader.scrollable_content_region.height - 1
        await pilot.press("k")
        await pilot.pause()
        assert 0 < reader.scroll_y < reader.scrollable_content_region.height
