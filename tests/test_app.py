"""Pilot tests of the app shell: every key and flow a person uses, on small known libraries."""

from __future__ import annotations

import io
import threading
from contextlib import asynccontextmanager

import pytest
from rich.cells import cell_len
from rich.console import Console
from textual.widgets import Input, Static

from app_support import FakeLibrary, FakeStore, make_article, pilot_test, sample_articles
from unionreader.model import Problem
from unionreader.ui.app import UnionReaderApp, run_app
from unionreader.ui.messages import SearchResults
from unionreader.ui.screens.help import HelpScreen
from unionreader.ui.screens.main import MainScreen
from unionreader.ui.themes import DARK_THEME, LIGHT_THEME
from unionreader.ui.widgets.article_list import ArticleList
from unionreader.ui.widgets.side_panel import SidePanel


def long_article(number: int) -> object:
    paragraphs = [f"第{i}段。密云区总工会服务职工1000余人次,活动持续开展。" for i in range(60)]
    return make_article(number, f"长文章{number}", paragraphs, kind="feature")


def make_app(articles=None, store=None, problems=None, **kwargs) -> UnionReaderApp:
    articles = sample_articles() if articles is None else articles
    store = FakeStore() if store is None else store
    return UnionReaderApp(
        None,
        open_library=kwargs.pop("open_library", FakeLibrary.opener(articles, problems)),
        open_store=kwargs.pop("open_store", lambda: store),
    )


@asynccontextmanager
async def running(app: UnionReaderApp, size=(100, 30)):
    async with app.run_test(size=size, notifications=True) as pilot:
        await settle(pilot)
        yield pilot


async def settle(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def screen_text(app: UnionReaderApp) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def toast_text(app: UnionReaderApp) -> str:
    """The notifications on screen, each read as one line (wrapped lines joined)."""
    strips = app.screen._compositor.render_strips()
    toasts = []
    for toast in app.screen.query("Toast"):
        region = toast.region
        lines = [
            strips[y].crop(region.x, region.right).text.strip(" ▌")
            for y in range(region.y, region.bottom)
        ]
        toasts.append("".join(lines))
    return "\n".join(toasts)


def shown(needle: str, text: str) -> bool:
    """Whether needle is in text, ignoring where lines wrapped."""
    return "".join(needle.split()) in "".join(text.split())


def row_text(article_list: ArticleList, index: int) -> str:
    return article_list.row_text(index).plain


def main(app: UnionReaderApp) -> MainScreen:
    assert app.main_screen is not None
    return app.main_screen


# the list


@pilot_test
async def test_list_rows_show_marker_kind_byline_and_figure_count():
    store = FakeStore()
    store.saved["a0001"] = ("t", "s")
    async with running(make_app(store=store)) as pilot:
        articles = main(pilot.app).articles
        assert articles.option_count == 3
        first = row_text(articles, 0)
        assert first.startswith("★•密云区总工会开展职工服务活动")  # bookmarked, unread
        assert "消息 · 1个数字 · 王路曼" in first
        second = row_text(articles, 1)
        assert second.startswith(" •平谷区") and "通讯 · 1个数字" in second  # • unread


@pilot_test
async def test_a_row_with_no_figures_and_no_byline_says_only_its_kind():
    async with running(make_app([make_article(1, "无数字的消息", ["正文。"])])) as pilot:
        row = row_text(main(pilot.app).articles, 0)
        assert row.split("\n")[1].strip() == "消息"


@pilot_test
async def test_j_k_and_arrows_move_the_selection_and_enter_opens():
    async with running(make_app()) as pilot:
        screen = main(pilot.app)
        articles = screen.articles
        assert articles.highlighted == 0
        await pilot.press("j")
        assert articles.highlighted == 1
        await pilot.press("k")
        assert articles.highlighted == 0
        await pilot.press("down", "down")
        assert articles.highlighted == 2
        await pilot.press("up")
        assert articles.highlighted == 1
        await pilot.press("enter")
        assert screen.reader.article is not None
        assert screen.reader.article.id == "a0002"
        assert pilot.app.focused is screen.reader


@pilot_test
async def test_g_G_space_and_pages_move_through_the_list():
    many = [make_article(i, f"标题{i}", ["正文。"]) for i in range(40)]
    async with running(make_app(many), size=(80, 24)) as pilot:
        articles = main(pilot.app).articles
        await pilot.press("G")
        assert articles.highlighted == 39
        await pilot.press("g")
        assert articles.highlighted == 0
        await pilot.press("space")
        after_space = articles.highlighted
        assert after_space > 3
        await pilot.press("pagedown")
        after_pagedown = articles.highlighted
        assert after_pagedown > after_space
        await pilot.press("pageup")
        assert articles.highlighted < after_pagedown


@pilot_test
async def test_the_list_scrolls_by_whole_rows_so_its_top_row_is_never_cut():
    many = [make_article(i, f"标题{i}", ["正文。"]) for i in range(40)]
    for height in (23, 24):  # list panes of an odd and an even number of lines
        async with running(make_app(many), size=(80, height)) as pilot:
            articles = main(pilot.app).articles
            for keys in (("j",) * 15, ("G",), ("k",) * 12, ("g",), ("pagedown",) * 2):
                await pilot.press(*keys)
                await pilot.pause()
                top = round(articles.scroll_y)
                assert top % articles.row_height == 0, (height, keys, top)
                view = articles.scrollable_content_region.height
                row = articles.highlighted
                assert top <= row * articles.row_height
                assert (row + 1) * articles.row_height <= top + view


@pilot_test
async def test_tab_and_shift_tab_move_between_panes_and_escape_returns_to_the_list():
    async with running(make_app()) as pilot:
        screen = main(pilot.app)
        assert pilot.app.focused is screen.articles
        await pilot.press("tab")
        assert pilot.app.focused is screen.reader
        await pilot.press("shift+tab")
        assert pilot.app.focused is screen.articles
        await pilot.press("enter")
        assert pilot.app.focused is screen.reader
        await pilot.press("escape")
        assert pilot.app.focused is screen.articles


@pilot_test
async def test_j_k_scroll_the_reader_when_it_has_focus():
    async with running(make_app([long_article(1)]), size=(80, 24)) as pilot:
        screen = main(pilot.app)
        await pilot.press("enter")
        await pilot.pause()
        assert screen.reader.scroll_y == 0
        await pilot.press("j", "j", "j")
        assert screen.reader.scroll_y == 3
        await pilot.press("k")
        assert screen.reader.scroll_y == 2
        await pilot.press("G")
        assert screen.reader.scroll_y == screen.reader.max_scroll_y > 10


# text from files is never markup


@pilot_test
async def test_markup_in_articles_is_shown_literally_everywhere():
    async with running(make_app()) as pilot:
        screen = main(pilot.app)
        text = screen_text(pilot.app)
        assert "[bold]标记[/] [link=https://x]" in text  # the list row (cut to its width)
        assert row_text(screen.articles, 2).startswith(
            " •[bold]标记[/] [link=https://x]链接[/link]"
        )
        await pilot.press("G", "enter")
        await pilot.pause()
        assert "[bold]粗体[/]" in screen_text(pilot.app)
        await pilot.press("b")  # the notification repeats the title
        await pilot.pause()
        title = "[bold]标记[/] [link=https://x]链接[/link] [@click=app.quit]退出[/]"
        assert shown(title, toast_text(pilot.app))
        await pilot.press("escape", "slash", *"[bold]")
        await settle(pilot)
        assert screen.articles.option_count == 1
        assert "[bold]标记[/]" in row_text(screen.articles, 0)
        assert pilot.app.is_running


# search


@pilot_test
async def test_slash_searches_live_and_shows_the_matched_field():
    async with running(make_app()) as pilot:
        screen = main(pilot.app)
        await pilot.press("slash")
        assert screen.search_bar.display and pilot.app.focused is screen.search_bar
        await pilot.press(*"一线")
        await settle(pilot)
        assert screen.articles.option_count == 1
        row = row_text(screen.articles, 0)
        assert row.startswith(" •平谷区职工志愿者参与防疫")
        assert "正文：" in row and "一线" in row
        await pilot.press("backspace", "backspace", *"平谷")
        await settle(pilot)
        assert screen.articles.option_count == 1
        assert "正文：" not in row_text(screen.articles, 0)  # a title hit


@pilot_test
async def test_keys_typed_right_after_slash_reach_the_search_box():
    async with running(make_app()) as pilot:
        screen = main(pilot.app)
        await pilot.press("slash", *"gonghui")
        assert screen.search_bar is not None and screen.search_bar.value == "gonghui"
        assert pilot.app.focused is screen.search_bar  # no g or G reached the list


@pilot_test
async def test_search_highlights_matched_characters_in_titles():
    async with running(make_app()) as pilot:
        screen = main(pilot.app)
        await pilot.press("slash", *"职工")
        await settle(pilot)
        row = screen.articles.row_text(0)
        match_style = screen.articles.get_component_rich_style("article-list--match", partial=True)
        highlighted = [
            row.plain[span.start : span.end] for span in row.spans if span.style == match_style
        ]
        assert highlighted == ["职工"]


@pilot_test
async def test_enter_in_search_opens_the_top_hit_and_escape_leaves_search():
    async with running(make_app()) as pilot:
        screen = main(pilot.app)
        await pilot.press("slash", *"志愿")
        await settle(pilot)
        await pilot.press("enter")
        assert screen.reader.article.id == "a0002"
        await pilot.press("escape", "slash")  # / in the reader finds in the article
        assert pilot.app.focused is screen.search_bar
        await pilot.press("escape")
        assert not screen.search_bar.display
        assert screen.search_bar.value == ""
        assert screen.articles.option_count == 3
        assert pilot.app.focused is screen.articles


@pilot_test
async def test_opening_a_body_hit_scrolls_the_reader_to_the_match():
    async with running(make_app([long_article(1)]), size=(80, 24)) as pilot:
        screen = main(pilot.app)
        await pilot.press("slash", *"第50段")
        await settle(pilot)
        assert "正文：" in row_text(screen.articles, 0)
        await pilot.press("enter")
        await pilot.pause(0.2)
        assert screen.reader.scroll_y > 20


@pilot_test
async def test_down_in_the_search_box_moves_through_results():
    async with running(make_app()) as pilot:
        screen = main(pilot.app)
        await pilot.press("slash", *"区")
        await settle(pilot)
        assert screen.articles.option_count == 2
        await pilot.press("down", "enter")
        assert screen.reader.article.id == "a0002"


@pilot_test
async def test_stale_search_results_are_dropped():
    async with running(make_app()) as pilot:
        screen = main(pilot.app)
        await pilot.press("slash", *"平谷")
        await settle(pilot)
        old = screen.library.search("密云")
        screen.post_message(SearchResults("密云", old))
        await pilot.pause()
        assert screen.articles.highlighted_article.id == "a0002"
        assert screen.articles.option_count == 1


@pilot_test
async def test_typing_during_loading_searches_once_loaded():
    gate = threading.Event()

    def slow_open(paths, *, on_progress=None):
        articles = sample_articles()
        on_progress(1, 2, articles[:1])
        gate.wait(5)
        on_progress(2, 2, articles[1:])
        return FakeLibrary(articles)

    app = make_app(open_library=slow_open)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.pause(0.2)
        screen = main(app)
        assert screen.articles.option_count == 1  # usable before loading is done
        assert screen.query_one("#loading").display
        await pilot.press("slash", *"平谷")
        gate.set()
        await settle(pilot)
        assert not screen.query_one("#loading").display
        assert screen.articles.searching and screen.articles.option_count == 1
        assert screen.articles.highlighted_article.id == "a0002"


# bookmarks


@pilot_test
async def test_b_toggles_the_bookmark_marker_at_once_and_saves_it():
    store = FakeStore()
    async with running(make_app(store=store)) as pilot:
        articles = main(pilot.app).articles
        await pilot.press("j", "b")
        assert row_text(articles, 1).startswith("★•平谷区")
        assert store.saved == {"a0002": ("平谷区职工志愿者参与防疫", "fake.txt")}
        await pilot.press("b")
        assert row_text(articles, 1).startswith(" •平谷区")
        assert store.saved == {}


@pilot_test
async def test_b_in_the_reader_bookmarks_the_open_article():
    store = FakeStore()
    async with running(make_app(store=store)) as pilot:
        await pilot.press("G", "enter", "b")
        assert set(store.saved) == {"a0003"}


@pilot_test
async def test_capital_b_shows_bookmarks_only():
    store = FakeStore()
    store.saved["a0003"] = ("t", "s")
    async with running(make_app(store=store)) as pilot:
        articles = main(pilot.app).articles
        await pilot.press("B")
        assert articles.option_count == 1
        assert articles.highlighted_article.id == "a0003"
        assert articles.border_title == "书签"
        assert articles.border_subtitle == ""  # its file is not on disk, but it is listed
        await pilot.press("b")  # un-bookmarking in this view removes the row
        assert articles.option_count == 0
        assert "还没有书签" in articles.border_subtitle
        await pilot.press("B")
        assert articles.option_count == 3


# reading state


@pilot_test
async def test_last_article_and_its_position_are_restored_on_start():
    store = FakeStore()
    articles = [long_article(1), long_article(2)]
    async with running(make_app(articles, store=store), size=(80, 24)) as pilot:
        await pilot.press("j", "enter", *"jjjjjjj", "q")
    assert store.last == "a0002" and store.scrolls["a0002"] > 0
    async with running(make_app(articles, store=store), size=(80, 24)) as pilot:
        screen = main(pilot.app)
        await pilot.pause()
        assert screen.reader.article.id == "a0002"
        assert screen.articles.highlighted_article.id == "a0002"
        assert screen.reader.reading_offset == store.scrolls["a0002"]
        assert screen.reader.scroll_y == 7
        assert pilot.app.focused is screen.articles


@pilot_test
async def test_opening_marks_read_and_scrolling_is_saved_once_it_settles():
    store = FakeStore()
    async with running(make_app([long_article(1)], store=store), size=(80, 24)) as pilot:
        await pilot.press("enter")
        assert store.last == "a0001" and store.read == {"a0001"}
        await pilot.press("j", "j", "j", "j")
        await pilot.pause(0.8)
        assert store.scrolls == {"a0001": main(pilot.app).reader.reading_offset}
        assert store.scrolls["a0001"] > 0


@pilot_test
async def test_reading_position_is_saved_on_quit():
    store = FakeStore()
    async with running(make_app([long_article(1)], store=store), size=(80, 24)) as pilot:
        await pilot.press("enter", "j", "j")
        offset = main(pilot.app).reader.reading_offset
        await pilot.press("q")
    assert offset > 0
    assert store.scrolls == {"a0001": offset}


# figures and entities


@pilot_test
async def test_f_opens_the_figures_panel_and_choosing_a_figure_moves_the_reader():
    async with running(make_app()) as pilot:
        screen = main(pilot.app)
        await pilot.press("enter", "f")
        panel = screen.query_one(SidePanel)
        assert panel.kind == "figures" and panel.display
        assert pilot.app.focused is panel.content
        await pilot.press("enter")
        assert screen.reader.current_figure == 0
        await pilot.press("f")
        assert panel.kind is None and not panel.display
        assert pilot.app.focused is screen.reader


@pilot_test
async def test_panels_move_with_j_k_g_and_G_like_the_list():
    paragraphs = [f"第{i}段服务职工1000余人次。" for i in range(5)]
    app = make_app([make_article(1, "多个数字", paragraphs)])
    async with running(app) as pilot:
        await pilot.press("enter", "f")
        content = main(pilot.app).query_one(SidePanel).content
        assert content.highlighted == 0
        await pilot.press("j", "j")
        assert content.highlighted == 2
        await pilot.press("k")
        assert content.highlighted == 1
        await pilot.press("G")
        assert content.highlighted == content.option_count - 1
        await pilot.press("g")
        assert content.highlighted == 0


@pilot_test
async def test_f_without_an_open_article_says_so():
    async with running(make_app([])) as pilot:  # an empty library: nothing to open
        await pilot.press("f")
        assert main(pilot.app).query_one(SidePanel).kind is None
        assert shown("请先打开一篇文章", toast_text(pilot.app))


@pilot_test
async def test_n_and_N_step_through_figures():
    article = make_article(1, "两个数字", ["服务职工1000余人次。", "捐款20余万元。"])
    async with running(make_app([article])) as pilot:
        screen = main(pilot.app)
        await pilot.press("enter", "f")
        figures = screen.query_one(SidePanel).content
        await pilot.press("n")
        assert figures.highlighted == 0
        await pilot.press("n")
        assert figures.highlighted == 1
        await pilot.press("N")
        assert figures.highlighted == 0


@pilot_test
async def test_e_underlines_names_and_choosing_one_searches_for_it():
    async with running(make_app()) as pilot:
        screen = main(pilot.app)
        await pilot.press("enter", "e")
        panel = screen.query_one(SidePanel)
        assert panel.kind == "entities"
        assert screen.reader.show_entities
        assert pilot.app.focused is panel.content
        await pilot.press("down", "enter")
        await settle(pilot)
        assert screen.search_bar.display
        assert screen.search_bar.value in {"密云区总工会", "鼓楼街道"}
        assert screen.articles.searching
        assert screen.articles.highlighted_article.id == "a0001"
        await pilot.press("e")
        assert panel.kind is None and not screen.reader.show_entities


@pilot_test
async def test_escape_closes_a_panel():
    async with running(make_app()) as pilot:
        screen = main(pilot.app)
        await pilot.press("enter", "e", "escape")
        assert screen.query_one(SidePanel).kind is None
        assert not screen.reader.show_entities


@pilot_test
async def test_on_a_medium_terminal_an_open_panel_takes_the_lists_place():
    async with running(make_app(), size=(100, 30)) as pilot:
        screen = main(pilot.app)
        await pilot.press("enter", "f")
        await pilot.pause()
        assert screen.query_one("#list-pane").region.width == 0
        assert screen.query_one("#reader-pane").region.width >= 50
        await pilot.press("escape")
        await pilot.pause()
        assert screen.query_one("#list-pane").region.width > 0


@pilot_test
async def test_panel_follows_the_open_article():
    async with running(make_app(), size=(120, 40)) as pilot:
        screen = main(pilot.app)
        await pilot.press("enter", "f", "shift+tab", "shift+tab", "j", "enter")
        await pilot.pause()
        assert screen.query_one(SidePanel).article.id == "a0002"


# help, palette, themes, quit


def _plain(renderable) -> str:
    console = Console(width=200, record=True, file=io.StringIO())
    console.print(renderable)
    return console.export_text()


@pilot_test
async def test_question_mark_and_f1_show_help_with_every_key():
    async with running(make_app()) as pilot:
        await pilot.press("question_mark")
        assert isinstance(pilot.app.screen, HelpScreen)
        text = _plain(pilot.app.screen.query_one("#help-text", Static).content)  # scrolled or not
        for key in (
            "y",
            "u",
            "[",
            "]",
            "j",
            "k",
            "↓",
            "↑",
            "enter",
            "/",
            "esc",
            "tab",
            "shift+tab",
            "b",
            "B",
        ):
            assert f" {key} " in text, key
        for key in ("n", "N", "f", "e", "g", "G", "space", "pgup", "pgdn", "?", "f1", "q", "^p"):
            assert f" {key} " in text, key
        help_text = _plain(pilot.app.screen.query_one("#help-text", Static).content)
        assert "数字和名称面板" in help_text and "搜索该名称" in help_text
        await pilot.press("escape")
        assert not isinstance(pilot.app.screen, HelpScreen)
        await pilot.press("f1")
        assert isinstance(pilot.app.screen, HelpScreen)
        await pilot.press("f1")
        assert not isinstance(pilot.app.screen, HelpScreen)


def key_bar_text(app: UnionReaderApp) -> str:
    bar = app.screen.query_one("#keys")
    return app.screen._compositor.render_strips()[bar.region.y].text


@pilot_test
async def test_key_bar_shows_the_keys_of_the_focused_pane():
    async with running(make_app()) as pilot:
        text = key_bar_text(pilot.app)
        for shown in ("/ 搜索", "b 书签", "f 数字", "e 名称", "? 帮助", "^p 命令"):
            assert shown in text
        await pilot.press("slash")
        await pilot.pause()
        text = key_bar_text(pilot.app)
        assert "esc 退出搜索" in text and "b 书签" not in text  # b types into the box
        await pilot.press("escape", "tab")
        await pilot.pause()
        assert "n 下一个数字" in key_bar_text(pilot.app)


@pilot_test
async def test_key_bar_keeps_help_and_commands_in_view_when_narrow():
    async with running(make_app(), size=(44, 14)) as pilot:
        text = key_bar_text(pilot.app).rstrip()
        assert text.endswith("? 帮助  ^p 命令")
        assert "…" in text


@pilot_test
async def test_clicking_a_key_in_the_key_bar_presses_it():
    async with running(make_app()) as pilot:
        text = key_bar_text(pilot.app)
        cells = cell_len(text[: text.index("? 帮助")])  # the bar holds wide characters
        await pilot.click("#keys", offset=(cells + 1, 0))
        await pilot.pause()
        assert isinstance(pilot.app.screen, HelpScreen)


@pilot_test
async def test_help_scrolls_with_the_reading_keys():
    async with running(make_app(), size=(60, 16)) as pilot:
        await pilot.press("question_mark")
        body = pilot.app.screen.query_one("#help-body")
        await pilot.press("G")
        await pilot.pause()
        assert body.scroll_y == body.max_scroll_y > 0
        await pilot.press("g")
        await pilot.pause()
        assert body.scroll_y == 0
        await pilot.press("space")
        await pilot.pause()
        assert body.scroll_y > 0


@pilot_test
async def test_command_palette_finds_and_opens_articles():
    async with running(make_app()) as pilot:
        await pilot.press("ctrl+p", *"志愿")
        await pilot.pause(0.5)
        assert "平谷区职工志愿者参与防疫" in screen_text(pilot.app)
        await pilot.press("enter")
        await pilot.pause()
        assert main(pilot.app).reader.article.id == "a0002"


@pilot_test
async def test_command_palette_finds_entities_and_searches_for_them():
    async with running(make_app()) as pilot:
        await pilot.press("ctrl+p", *"鼓楼街")
        await pilot.pause(0.5)
        assert "地点 · 见于 1 篇文章" in screen_text(pilot.app)
        await pilot.press("enter")
        await settle(pilot)
        assert main(pilot.app).search_bar.value == "鼓楼街道"


@pilot_test
async def test_command_palette_runs_commands():
    async with running(make_app()) as pilot:
        await pilot.press("ctrl+p", *"只看书签")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert main(pilot.app).articles.bookmarks_only


@pilot_test
async def test_ctrl_t_switches_between_dark_and_light():
    async with running(make_app()) as pilot:
        assert pilot.app.theme == DARK_THEME
        await pilot.press("ctrl+t")
        assert pilot.app.theme == LIGHT_THEME
        await pilot.press("ctrl+t")
        assert pilot.app.theme == DARK_THEME


@pilot_test
async def test_the_theme_is_kept_across_restarts(tmp_path):
    from unionreader.ui.settings import default_path

    async with running(make_app()) as pilot:
        await pilot.press("ctrl+t")
    assert default_path().is_file()
    async with running(make_app()) as pilot:
        assert pilot.app.theme == LIGHT_THEME
    default_path().write_text("{not json", encoding="utf-8")
    async with running(make_app()) as pilot:
        assert pilot.app.theme == DARK_THEME  # a damaged file: the default, no complaint


@pilot_test
async def test_q_quits():
    app = make_app()
    async with running(app) as pilot:
        await pilot.press("q")
        await pilot.pause()
    assert not app.is_running
    assert app.return_code == 0


@pilot_test
async def test_q_in_the_search_box_is_typed_not_quit():
    async with running(make_app()) as pilot:
        await pilot.press("slash", "q")
        assert pilot.app.is_running
        assert main(pilot.app).search_bar.value == "q"


# problems become notifications


@pilot_test
async def test_unreadable_files_are_reported():
    problems = ["bad.txt: cannot decode [bold]bytes[/]", "b.txt: x", "c.txt: y", "d.txt: z"]
    async with running(make_app(problems=problems)) as pilot:
        text = toast_text(pilot.app)
        assert shown("bad.txt: cannot decode [bold]bytes[/]", text)
        assert shown("另有 1 个文件有问题", text)


@pilot_test
async def test_a_library_that_cannot_open_is_reported_not_raised():
    def broken(paths, *, on_progress=None):
        raise FileNotFoundError("no such file: /nowhere")

    async with running(make_app(open_library=broken)) as pilot:
        assert shown("无法打开文库：no such file: /nowhere", toast_text(pilot.app))
        assert pilot.app.is_running


@pilot_test
async def test_store_notices_and_failed_writes_are_reported():
    store = FakeStore(fail_writes=True, notices=["the store x was damaged; moved to y"])
    async with running(make_app(store=store)) as pilot:
        assert shown("The store x was damaged; moved to y", toast_text(pilot.app))
        await pilot.press("b")
        assert row_text(main(pilot.app).articles, 0).startswith("★")  # kept for this session
        assert shown("无法保存书签", toast_text(pilot.app))


@pilot_test
async def test_a_store_that_cannot_open_leaves_a_working_reader():
    def no_store():
        raise PermissionError("read-only file system")

    async with running(make_app(open_store=no_store)) as pilot:
        assert shown("将无法保存", toast_text(pilot.app))
        await pilot.press("b")
        assert row_text(main(pilot.app).articles, 0).startswith("★")


def test_run_app_turns_a_failure_into_one_line(monkeypatch, capsys):
    def fail(self, *args, **kwargs):
        raise RuntimeError("no terminal")

    monkeypatch.setattr(UnionReaderApp, "run", fail)
    assert run_app(None) == 1
    err = capsys.readouterr().err
    assert err == "unionreader: no terminal\n"


# sizes


@pytest.mark.parametrize("size", [(40, 12), (60, 20), (250, 80)])
@pilot_test
async def test_every_terminal_size_from_40x12_to_250x80_works(size):
    async with running(make_app(), size=size) as pilot:
        screen = main(pilot.app)
        assert "密云区总工会" in screen_text(pilot.app)
        await pilot.press("enter")
        await pilot.pause()
        assert "本报讯" in screen_text(pilot.app)  # the reader is visible
        await pilot.press("f", "escape", "escape", "slash", *"平谷", "enter")
        await settle(pilot)
        assert screen.reader.article.id == "a0002"


@pilot_test
async def test_a_narrow_terminal_shows_list_and_reader_in_turn():
    async with running(make_app(), size=(40, 12)) as pilot:
        screen = main(pilot.app)
        assert screen.has_class("narrow")
        assert screen.query_one("#list-pane").region.width == 40
        await pilot.press("enter")
        await pilot.pause()
        assert screen.query_one("#reader-pane").region.width == 40
        assert screen.query_one("#list-pane").region.width == 0
        await pilot.press("escape")
        await pilot.pause()
        assert screen.query_one("#list-pane").region.width == 40


@pilot_test
async def test_a_first_start_shows_the_top_article_and_keeps_the_list_focused():
    articles = sample_articles()
    async with running(make_app(articles)) as pilot:
        screen = main(pilot.app)
        assert screen.article is not None and screen.article.id == articles[0].id
        assert isinstance(pilot.app.focused, ArticleList)
        await pilot.press("j", "enter")
        assert screen.article.id == articles[1].id


@pilot_test
async def test_escape_from_an_opened_hit_returns_to_the_results_then_leaves_search():
    articles = [long_article(n) for n in range(1, 6)]
    async with running(make_app(articles)) as pilot:
        screen = main(pilot.app)
        await pilot.press("slash", *"长文章")
        await settle(pilot)
        await pilot.press("down", "down", "enter")
        assert screen.reader.article.id == "a0003"
        assert pilot.app.focused is screen.reader
        await pilot.press("escape")
        assert pilot.app.focused is screen.articles
        assert screen.search_bar.display and screen.search_bar.value == "长文章"
        assert screen.articles.searching and screen.articles.highlighted == 2
        await pilot.press("escape")
        assert not screen.search_bar.display and not screen.articles.searching


@pilot_test
async def test_a_narrow_list_shown_again_scrolls_to_its_cursor():
    articles = [make_article(n, f"文章{n}", ["正文。"]) for n in range(1, 21)]
    async with running(make_app(articles), size=(40, 12)) as pilot:
        screen = main(pilot.app)
        await pilot.press("slash", *"文章1")  # 文章1, 文章10 ... 文章19
        await settle(pilot)
        await pilot.press(*["down"] * 9, "enter")
        await pilot.pause()
        assert screen.article.id == "a0018"
        assert screen.query_one("#list-pane").region.width == 0
        await pilot.press("escape", "escape")
        await pilot.pause()
        await pilot.pause()
        assert not screen.articles.searching and screen.articles.highlighted == 17
        assert "文章18" in screen_text(pilot.app)
        cursor_y = 17 * screen.articles.row_height - round(screen.articles.scroll_y)
        assert 0 <= cursor_y < screen.articles.scrollable_content_region.height


@pilot_test
async def test_the_figure_legend_shows_only_beside_an_article_with_figures():
    articles = [make_article(9, "没有数字的文章", ["正文。"]), *sample_articles()]
    app = make_app([])
    async with running(app) as pilot:
        assert not main(pilot.app).query_one("#legend").display  # an empty reader
    async with running(make_app(articles)) as pilot:
        screen = main(pilot.app)
        assert screen.article.id == "a0009"
        assert not screen.query_one("#legend").display
        await pilot.press("j", "enter")
        await pilot.pause()
        assert screen.query_one("#legend").display
        assert "人数" in screen_text(pilot.app)


@pilot_test
async def test_a_search_stopped_at_its_limit_says_the_count_is_a_floor():
    from unionreader.ui.widgets.list_pane import SEARCH_LIMIT

    articles = [make_article(n, f"职工文章{n}", ["正文。"]) for n in range(1, SEARCH_LIMIT + 11)]
    async with running(make_app(articles)) as pilot:
        screen = main(pilot.app)
        await pilot.press("slash", *"职工")
        await settle(pilot)
        assert screen.articles.border_title == f"搜索 · 前 {SEARCH_LIMIT} 篇"
        await pilot.press(*"文章5")
        await settle(pilot)
        assert screen.articles.border_title == "搜索 · 11 篇"  # 文章5, 文章50 ... 文章59


@pilot_test
async def test_bookmarks_made_elsewhere_show_up_in_a_running_reader():
    store = FakeStore()
    async with running(make_app(store=store)) as pilot:
        screen = main(pilot.app)
        store.add_bookmark("a0002", "平谷区职工志愿者参与防疫", "fake.txt")  # another instance
        screen.sync_bookmarks()
        await pilot.pause()
        assert "★" in row_text(screen.articles, 1)
        store.remove_bookmark("a0002")
        screen.sync_bookmarks()
        await pilot.pause()
        assert "★" not in row_text(screen.articles, 1)


@pilot_test
async def test_stepping_through_figures_shows_the_position_and_says_when_it_wraps():
    async with running(make_app([long_article(1)])) as pilot:
        screen = main(pilot.app)
        pane = screen.query_one("#reader-pane")
        await pilot.press("enter", "n")
        await pilot.pause()
        assert pane.border_subtitle == "数字 1/60"
        await pilot.press("n", "n")
        assert pane.border_subtitle == "数字 3/60"
        await pilot.press("N", "N", "N")
        await pilot.pause()
        assert pane.border_subtitle == "数字 60/60"
        assert shown("回到最后一个", toast_text(pilot.app))


@pilot_test
async def test_brackets_open_the_next_and_previous_article_from_the_reader():
    async with running(make_app()) as pilot:
        screen = main(pilot.app)
        await pilot.press("enter")
        assert screen.article.id == "a0001" and pilot.app.focused is screen.reader
        await pilot.press("right_square_bracket")
        assert screen.article.id == "a0002" and pilot.app.focused is screen.reader
        assert screen.articles.highlighted == 1
        await pilot.press("right_square_bracket", "right_square_bracket")
        await pilot.pause()
        assert screen.article.id == "a0003"
        assert shown("已是最后一篇", toast_text(pilot.app))
        await pilot.press("left_square_bracket")
        assert screen.article.id == "a0002"


@pilot_test
async def test_brackets_step_through_search_results():
    articles = [long_article(n) for n in range(1, 5)]
    async with running(make_app(articles)) as pilot:
        screen = main(pilot.app)
        await pilot.press("slash", *"长文章3")
        await settle(pilot)
        await pilot.press("backspace")
        await settle(pilot)
        await pilot.press("enter")
        opened = screen.article.id
        await pilot.press("right_square_bracket")
        assert screen.articles.searching and screen.article.id != opened


@pilot_test
async def test_unread_articles_are_marked_counted_and_u_toggles():
    store = FakeStore()
    async with running(make_app(store=store)) as pilot:
        screen = main(pilot.app)
        articles = screen.articles
        assert screen.article.id == "a0001"  # shown at start, not yet read
        assert articles.border_title == "文章 · 3 篇未读" and not store.read
        assert row_text(articles, 0)[1] == "•" and row_text(articles, 1)[1] == "•"
        await pilot.press("j", "u")
        assert row_text(articles, 1)[1] == " " and "a0002" in store.read
        assert articles.border_title == "文章 · 2 篇未读"
        await pilot.press("u")
        assert row_text(articles, 1)[1] == "•" and "a0002" not in store.read
        assert articles.border_title == "文章 · 3 篇未读"
        await pilot.press("j", "enter")
        assert articles.border_title == "文章 · 2 篇未读"
        await pilot.press("escape", "k", "enter", "escape", "k", "enter")
        assert articles.border_title == "文章 · 全部已读"


@pilot_test
async def test_an_empty_list_is_not_called_all_read():
    async with running(make_app([])) as pilot:
        assert main(pilot.app).articles.border_title == "文章"


@pilot_test
async def test_the_article_shown_at_start_is_read_once_the_reader_is_focused():
    store = FakeStore()
    async with running(make_app(store=store)) as pilot:
        screen = main(pilot.app)
        assert screen.article.id == "a0001" and not store.read
        await pilot.press("tab")
        assert pilot.app.focused is screen.reader
        assert store.read == {"a0001"} and row_text(screen.articles, 0)[1] == " "


@pilot_test
async def test_slash_in_the_reader_finds_in_the_article_and_n_steps_through_matches():
    async with running(make_app([long_article(1), long_article(2)])) as pilot:
        screen = main(pilot.app)
        pane = screen.query_one("#reader-pane")
        await pilot.press("enter", "slash")
        assert isinstance(pilot.app.focused, Input) and pilot.app.focused.id == "find"
        assert not screen.articles.searching  # the list's search is not touched
        await pilot.press(*"第5", "enter")  # 第5段, 第50段 ... 第59段
        await pilot.pause()
        assert pilot.app.focused is screen.reader and screen.reader.finding
        assert pane.border_subtitle == "查找 1/11"
        await pilot.press("n", "n")
        assert pane.border_subtitle == "查找 3/11"
        await pilot.press("N", "N", "N")
        await pilot.pause()
        assert pane.border_subtitle == "查找 11/11"
        assert shown("回到最后一处", toast_text(pilot.app))
        await pilot.press("escape")  # ends the find, the reader keeps the focus
        assert not screen.reader.finding and pilot.app.focused is screen.reader
        await pilot.press("n")
        assert pane.border_subtitle.startswith("数字 ")  # n is the figures' key again
        await pilot.press("escape")
        assert pilot.app.focused is screen.articles


@pilot_test
async def test_find_says_when_nothing_matches_and_ignores_case_and_punctuation_width():
    article = make_article(1, "标题", ["Beijing 职工,工会。", "另一段"])
    async with running(make_app([article])) as pilot:
        screen = main(pilot.app)
        await pilot.press("enter", "slash")
        await pilot.pause()
        await pilot.press(*"beijing")
        await pilot.pause()
        assert screen.query_one("#reader-pane").border_subtitle == "查找 1/1"
        pilot.app.focused.value = "职工，工会"  # the text has a half-width comma
        await pilot.pause()
        assert screen.query_one("#reader-pane").border_subtitle == "查找 1/1"
        await pilot.press(*"没有")
        await pilot.pause()
        assert screen.query_one("#reader-pane").border_subtitle == "查找：没有找到"


@pilot_test
async def test_an_opened_hit_shows_its_query_marked_wherever_it_occurs():
    async with running(make_app([long_article(1)]), size=(80, 24)) as pilot:
        screen = main(pilot.app)
        await pilot.press("slash", *"第5")
        await settle(pilot)
        await pilot.press("enter")
        matches = screen.reader.search_matches
        assert len(matches) == 11  # 第5段, 第50段 ... 第59段
        assert {m[2:] for m in matches} == {(0, 2)}


@pilot_test
async def test_y_copies_the_article_or_the_figure_with_its_sentence():
    async with running(make_app()) as pilot:
        app = pilot.app
        await pilot.press("enter", "y")
        assert app.clipboard.startswith("密云区总工会开展职工服务活动\n")
        assert "服务职工1000余人次。" in app.clipboard  # the reader's punctuation: ，
        assert "，" in app.clipboard and "," not in app.clipboard
        assert shown("已复制全文", toast_text(app))
        await pilot.press("f", "y")
        assert app.clipboard == "本报讯 密云区总工会近日组织活动，服务职工1000余人次。"


@pilot_test
async def test_a_adds_edits_and_clears_a_bookmark_note_shown_in_the_list():
    store = FakeStore()
    async with running(make_app(store=store)) as pilot:
        screen = main(pilot.app)
        await pilot.press("j", "a")
        await pilot.pause()
        await pilot.press(*"值得跟进", "enter")
        await pilot.pause()
        assert store.notes["a0002"] == "值得跟进" and "a0002" in store.saved
        assert "✎ 值得跟进" in row_text(screen.articles, 1)
        assert row_text(screen.articles, 1).startswith("★")
        await pilot.press("a")
        await pilot.pause()
        assert pilot.app.focused.value == "值得跟进"  # the note to edit
        await pilot.press("escape")
        await pilot.pause()
        assert store.notes["a0002"] == "值得跟进"  # escape keeps it as it was
        await pilot.press("a")
        await pilot.pause()
        pilot.app.focused.value = ""
        await pilot.press("enter")
        await pilot.pause()
        assert "✎" not in row_text(screen.articles, 1) and store.notes["a0002"] == ""


@pilot_test
async def test_bookmarks_are_exported_from_the_palette(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DOCUMENTS_DIR", str(tmp_path / "docs"))
    store = FakeStore()
    store.add_bookmark("a0002", "平谷区职工志愿者参与防疫", str(tmp_path / "gone.txt"), note="跟进")
    async with running(make_app(store=store)) as pilot:
        await pilot.press("ctrl+p", *"导出书签")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        exported = tmp_path / "docs" / "unionreader-bookmarks.md"
        text = exported.read_text(encoding="utf-8")
        assert "## 平谷区职工志愿者参与防疫" in text and "> 跟进" in text
        assert "- missing:" in text
        assert shown("已导出 1 个书签", toast_text(pilot.app))


@pilot_test
async def test_a_mouse_selection_in_the_reader_is_shown_and_y_copies_it_joined():
    async with running(make_app(), size=(60, 24)) as pilot:
        app, screen = pilot.app, main(pilot.app)
        await pilot.press("enter")
        reader = screen.reader
        lines = reader.line_texts()
        first = next(i for i, line in enumerate(lines) if "本报讯" in line)
        column = lines[first].index("本报讯")
        x = sum(2 if ord(ch) > 0x2E7F else 1 for ch in lines[first][:column])  # cells
        await pilot.mouse_down(reader, offset=(x, first))
        await pilot.hover(reader, offset=(x + 20, first + 1))
        await pilot.mouse_up(reader, offset=(x + 20, first + 1))
        await pilot.pause()
        selected = screen.get_selected_text()
        assert selected is not None and selected.startswith("本报讯")
        assert "\n" not in selected  # two lines of one paragraph are one text again
        selection_style = reader.selection_style
        drawn = reader.render_line(first)
        assert any(s.style and s.style.bgcolor == selection_style.bgcolor for s in drawn)
        await pilot.press("y")
        assert app.clipboard == selected
        assert shown("已复制选中的文字", toast_text(app))


@pilot_test
async def test_the_bookmarks_view_says_how_many_bookmarks_point_at_files_now_gone(tmp_path):
    kept = tmp_path / "kept.txt"
    kept.write_text("x", "utf-8")
    store = FakeStore()
    store.saved["a0001"] = ("密云区总工会开展职工服务活动", str(kept))
    store.saved["z9999"] = ("早已删去的文章", str(tmp_path / "gone.txt"))
    async with running(make_app(store=store)) as pilot:
        articles = main(pilot.app).articles
        await pilot.press("B")
        assert articles.border_title == "书签" and articles.option_count == 1
        assert articles.border_subtitle.startswith("另有 1 个书签的文件已不在")
        await pilot.press("B")
        assert articles.border_subtitle == ""


@pilot_test
async def test_file_problems_are_worded_in_the_readers_language():
    problems = [Problem("binary", "scan.txt"), Problem("cache-damaged", "/c/archive.db.damaged")]
    async with running(make_app(problems=problems)) as pilot:
        text = toast_text(pilot.app)
        assert shown("scan.txt：二进制文件（含空字节），已跳过", text)
        assert shown("文库缓存已损坏：已移至 /c/archive.db.damaged", text)
