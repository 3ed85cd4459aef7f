"""Figures panel, entities panel and the figure legend: what they list and what choosing posts."""

from __future__ import annotations

import re

from rich.console import Console
from textual.app import App, ComposeResult
from textual.widgets import OptionList

from app_support import pilot_test
from reader_fixture import PARAGRAPH_3, sample_article
from unionreader.model import Article, Block, Entity, Figure, Mention
from unionreader.resources import styles_dir
from unionreader.ui.widgets.entities_panel import EntitiesPanel
from unionreader.ui.widgets.figures_panel import FiguresPanel, figure_sentence
from unionreader.ui.widgets.legend import FigureLegend


class PanelsApp(App):
    CSS_PATH = str(styles_dir() / "reader.tcss")

    def __init__(self, article: Article) -> None:
        super().__init__()
        self.article = article
        self.figures: list[int] = []
        self.entities: list[tuple[str, str]] = []

    def compose(self) -> ComposeResult:
        yield FigureLegend()
        yield FiguresPanel(self.article)
        yield EntitiesPanel(self.article)

    def on_figures_panel_figure_chosen(self, message: FiguresPanel.FigureChosen) -> None:
        self.figures.append(message.index)

    def on_entities_panel_entity_chosen(self, message: EntitiesPanel.EntityChosen) -> None:
        self.entities.append((message.text, message.type))


def prompts(panel: OptionList) -> list[str]:
    """Each option as one line of text (a name row's columns joined by two spaces)."""
    console = Console(width=200, color_system=None)
    texts = []
    for i in range(panel.option_count):
        with console.capture() as capture:
            console.print(panel.get_option_at_index(i).prompt, end="")
        texts.append(re.sub(r" {2,}", "  ", capture.get().rstrip()))
    return texts


def test_figure_sentence_is_cut_at_sentence_ends() -> None:
    article = sample_article(filler=0)
    money = next(f for f in article.figures if f.text == "20余万元")
    sentence, start, end = figure_sentence(article, money)
    expected = "2023年11月,该区总工会拨付20余万元专项资金,在鼓楼街道开展志愿服务活动近200场。"
    assert sentence == expected
    assert sentence[start:end] == "20余万元"
    assert sentence in PARAGRAPH_3


def test_figure_sentence_keeps_closing_quote_and_trims_long_sentences() -> None:
    text = "“活动很好。”他说，" + "职工" * 60 + "共有300人参加" + "活动" * 60 + "。结束"
    start = text.index("300人")
    figure = Figure("300人", "people", "block", 0, start, start + 4)
    article = Article(id="x", source="-", title="t", blocks=(Block("paragraph", text),))
    sentence, first, last = figure_sentence(article, figure)
    assert sentence[first:last] == "300人"
    assert not sentence.startswith("”")
    assert sentence.startswith("…") and sentence.endswith("…")
    assert len(sentence) <= 84


@pilot_test
async def test_figures_panel_lists_figures_with_sentences_and_posts_choice() -> None:
    article = sample_article(filler=0)
    app = PanelsApp(article)
    async with app.run_test(size=(100, 40)) as pilot:
        panel = app.query_one(FiguresPanel)
        texts = prompts(panel)
        assert len(texts) == len(article.figures)
        assert texts[0].startswith("人数  1000余人次")
        assert "出动1000余人次参与周末大扫除活动，累计清理垃圾481吨。" in texts[0]
        assert any(text.startswith("金额  20余万元") for text in texts)
        panel.focus()
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert app.figures == [2]
        assert article.figures[2].text == "95%"


@pilot_test
async def test_entities_panel_groups_by_type_and_posts_choice() -> None:
    article = sample_article(filler=0)
    app = PanelsApp(article)
    async with app.run_test(size=(100, 40)) as pilot:
        panel = app.query_one(EntitiesPanel)
        texts = prompts(panel)
        assert texts[0] == "人物（1）"
        assert texts[1].strip() == "晁怀新  ×1"
        org_heading = texts.index("机构（1）")
        assert texts[org_heading + 1].strip().startswith("密云区总工会  ×")
        assert "地点（1）" in texts
        panel.focus()
        await pilot.press("down", "enter")  # headings are skipped: down lands on the org
        await pilot.pause()
        assert app.entities[-1] in {("密云区总工会", "org"), ("晁怀新", "person")}
        panel.highlighted = texts.index("地点（1）") + 1
        await pilot.press("enter")
        await pilot.pause()
        assert app.entities[-1] == ("鼓楼街道", "place")


@pilot_test
async def test_a_name_met_only_in_the_bylines_is_marked_not_counted() -> None:
    article = Article(
        id="x",
        source="-",
        title="标题",
        reporters=("王路曼",),
        blocks=(Block("paragraph", "正文。"),),
        entities=(Entity("王路曼", "person", ()),),
    )
    app = PanelsApp(article)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert prompts(app.query_one(EntitiesPanel))[1].strip() == "王路曼  署名"


@pilot_test
async def test_panels_say_when_there_is_nothing_to_list() -> None:
    app = PanelsApp(Article(id="x", source="-", title="只有标题"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "没有" in prompts(app.query_one(FiguresPanel))[0]
        assert "没有" in prompts(app.query_one(EntitiesPanel))[0]
        await pilot.press("enter")
        assert app.figures == [] and app.entities == []


@pilot_test
async def test_legend_names_each_kind_in_its_colour() -> None:
    app = PanelsApp(sample_article(filler=0))
    async with app.run_test(size=(100, 24)) as pilot:
        legend = app.query_one(FigureLegend)
        await pilot.pause()
        line = legend.render_line(0)
        assert "人数" in line.text and "金额" in line.text and "比例" in line.text
        colours = {s.text: s.style.color for s in line if s.text in ("人数", "金额", "日期")}
        assert len(set(colours.values())) == 3
        legend.show_kinds(["money"])
        await pilot.pause()
        assert "人数" not in legend.render_line(0).text
        assert "金额" in legend.render_line(0).text


@pilot_test
async def test_a_long_name_keeps_its_count_at_the_right_of_its_first_line() -> None:
    long_name = "北京市某某区某某街道某某社区某某有限责任公司工会联合会委员会"
    text = f"{long_name}组织活动。{long_name}表示。"
    mentions = tuple(
        Mention("block", 0, start, start + len(long_name)) for start in (0, len(long_name) + 5)
    )
    article = Article(
        id="x",
        source="-",
        title="标题",
        blocks=(Block("paragraph", text),),
        entities=(Entity(long_name, "org", mentions),),
    )
    app = PanelsApp(article)
    async with app.run_test(size=(60, 24)) as pilot:
        await pilot.pause()
        panel = app.query_one(EntitiesPanel)
        strips = app.screen._compositor.render_strips()
        region = panel.content_region
        rows = [
            strip.crop(region.x, region.right).text for strip in strips[region.y : region.bottom]
        ]
        first = next(i for i, row in enumerate(rows) if "北京市" in row)
        assert rows[first].rstrip().endswith("×2")
        assert not any(row.lstrip().startswith("×") for row in rows)
