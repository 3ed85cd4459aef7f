"""One made-up page in every dump shape: the same articles, headlines found by their evidence."""

from __future__ import annotations

import pytest

from helpers import FIXTURES
from unionreader.cli import main
from unionreader.corpus.pages import parse_page
from unionreader.corpus.sources import decode
from unionreader.corpus.units import split_units
from unionreader.corpus.why import explain_page

SHAPES = FIXTURES / "pages" / "shapes"
FILES = ["blank.txt", "plain_gbk_crlf.txt", "wrapped.txt", "formfeed_pages.txt", "markdown.md",
         "toc_furniture.txt"]  # fmt: skip
TITLES = ["全省冬小麦长势良好", "港口集装箱吞吐量创新高", "山村里的读书声", "冰雕迎新春（图片）",
          "公交站牌该更新了", "雪夜", "国际油价小幅回落", "雅加达举行国际书展"]  # fmt: skip


def _page(name: str):
    return parse_page(decode((SHAPES / name).read_bytes(), name).text)


def _summary(articles) -> list[tuple]:
    return [
        (a.kind, a.deck, a.title, a.subtitle, a.reporters, a.photographers, a.dateline,
         [(b.type, b.text) for b in a.blocks])
        for a in articles
    ]  # fmt: skip


@pytest.mark.parametrize("name", FILES[1:])
def test_every_shape_gives_the_same_articles(name: str) -> None:
    assert _summary(_page(name)) == _summary(_page("blank.txt"))


def test_headlines_and_briefs() -> None:
    articles = _page("blank.txt")
    assert [a.title for a in articles if a.kind != "brief"] == TITLES
    briefs = [a for a in articles if a.kind == "brief"]
    # untitled items are their own articles, listed by their first words, never glued above
    assert [a.title for a in briefs] == [
        "江苏省今年将安排专项资金二十亿元",
        "全国青少年围棋锦标赛日前在杭州结束",
    ]
    assert briefs[0].dateline == "新华社南京１月５日电"
    port = next(a for a in articles if a.title.startswith("港口"))
    assert not any("江苏" in b.text for b in port.blocks)


def test_bylines_credits_and_closing_marks() -> None:
    by_title = {a.title: a for a in _page("blank.txt")}
    wheat = by_title["全省冬小麦长势良好"]
    assert (wheat.reporters, wheat.dateline) == (("赵明",), "石家庄１月５日")
    assert wheat.blocks[0].text.startswith("入冬以来")
    assert by_title["山村里的读书声"].reporters == ("孙丽",)
    photo = by_title["冰雕迎新春（图片）"]
    assert (photo.kind, photo.photographers) == ("photo", ("刘冰",))
    poem = by_title["雪夜"]
    assert poem.reporters == ("林海",)  # the bare name under the title is its author
    assert "雪落在屋檐上" in [b.text for b in poem.blocks]
    assert by_title["雅加达举行国际书展"].dateline == "雅加达１月５日"


def test_a_subhead_of_a_signed_feature_stays_a_subhead() -> None:
    feature = next(a for a in _page("blank.txt") if a.title == "山村里的读书声")
    assert ("subhead", "教师的坚守") in [(b.type, b.text) for b in feature.blocks]


def test_furniture_and_contents_are_left_out() -> None:
    text = " ".join(b.text for a in _page("toc_furniture.txt") for b in a.blocks)
    assert "本版导读" not in text and "……" not in text and "本版责编" not in text


def test_form_feeds_survive_decoding_as_page_boundaries() -> None:
    text = decode((SHAPES / "formfeed_pages.txt").read_bytes()).text
    assert "\f" in text
    assert [u.text for u in split_units(text) if u.page] == ["第 4 版"]
    rows = explain_page(text)
    why = {t: reason for _n, t, _r, reason in rows}
    assert "page start" in why["公交站牌该更新了"]  # the first title under the header


def test_why_explains_every_line() -> None:
    rows = explain_page((SHAPES / "blank.txt").read_text(encoding="utf-8"))
    why = {text: reason for _line, text, _role, reason in rows}
    assert why["山村里的读书声"].startswith("headline")
    assert why["公交站牌该更新了"].startswith("headline")
    assert "after an item's closing mark" in why["公交站牌该更新了"]
    assert why["教师的坚守"].startswith("not a headline")
    assert "inside a signed feature" in why["教师的坚守"]
    assert why[
        "新华社南京１月５日电江苏省今年将安排专项资金二十亿元，用于农村公路改造，计划新建和改建农村公路五千公里。"
    ].startswith("brief")


def test_export_why_command(capsys) -> None:
    assert main(["export", "--why", str(SHAPES / "blank.txt")]) == 0
    out = capsys.readouterr().out
    assert "headline" in out and "雅加达举行国际书展" in out
    assert main(["export", "--why", str(SHAPES / "nothing.txt")]) == 2
    assert "no such file" in capsys.readouterr().err


_TITLE = "城市书房开到家门口\n\n"
_BODY = "近日，城区新开放了十二家城市书房，市民可以就近借阅图书。\n"


@pytest.mark.parametrize(
    ("head", "reporters", "dateline"),
    [
        ("本报讯（记者 周明）", ("周明",), None),
        ("本报北京１月５日讯记者周明报道：", ("周明",), "北京１月５日"),
        ("本报曼谷１月５日电记者周明报道：", ("周明",), "曼谷１月５日"),
        ("本报记者周明报道：", ("周明",), None),
        ("新华社北京１月５日电（记者周明）", ("周明",), "新华社北京１月５日电"),
        ("据新华社北京１月５日电", (), "据新华社北京１月５日电"),
        ("中新社北京１月５日电（记者 周明）", ("周明",), "中新社北京１月５日电"),
        ("本报北京１月５日讯新华社记者周明、本报记者李华报道：", ("周明", "李华"), "北京１月５日"),
        (
            "新华社北京１月５日电（省广播电台记者周明、新华社记者李华）",
            ("周明", "李华"),
            "新华社北京１月５日电",
        ),
    ],
)
def test_datelines_of_every_common_form(head: str, reporters: tuple, dateline: str | None) -> None:
    (article,) = parse_page(_TITLE + head + _BODY)
    assert (article.title, article.reporters, article.dateline) == (
        "城市书房开到家门口",
        reporters,
        dateline,
    )
    assert article.blocks[0].text == _BODY.strip()


@pytest.mark.parametrize(
    "byline",
    ["本报记者周明", "人民网记者周明", "本报驻埃及记者周明", "周明", "本报记者\n\n周明", "周\n明"],
)
def test_bylines_alone_split_or_bare(byline: str) -> None:
    (article,) = parse_page(_TITLE + byline + "\n\n" + _BODY)
    assert (article.title, article.reporters) == ("城市书房开到家门口", ("周明",))
    assert [b.text for b in article.blocks] == [_BODY.strip()]


@pytest.mark.parametrize("credit", ["张冰/摄", "本报记者张冰摄", "（新华社记者张冰摄）"])
def test_photo_credits(credit: str) -> None:
    (article,) = parse_page("冰雕迎新春\n\n游客在冰雪大世界观赏冰雕作品。\n\n" + credit + "\n")
    assert (article.kind, article.photographers) == ("photo", ("张冰",))


def test_a_bracketed_date_under_a_speech_title_is_not_its_title() -> None:
    page = (
        "迈向新的一年——新年讲话（附图片１张）\n"
        "中共某某省委书记、省长周明\n"
        "（二〇二三年十二月三十一日）\n"
        "１２月３１日，中共某某省委书记、省长周明发表新年讲话。\n"
        "同志们、朋友们：\n"
        "在新年来临之际，我向全省人民致以新年的祝福。\n"
    )
    (article,) = parse_page(page)
    assert (article.deck, article.title, article.subtitle) == (
        None,
        "迈向新的一年——新年讲话（附图片１张）",
        "中共某某省委书记、省长周明 （二〇二三年十二月三十一日）",
    )


def test_a_story_goes_on_below_its_pictures_caption_and_credit() -> None:
    page = (
        "冰雪节在江城开幕\n\n"
        "游客在冰雪大世界观赏冰雕作品。\n\n"
        "（新华社记者张冰摄）\n\n"
        "本报哈尔滨１月５日讯记者周明报道：第二十届冰雪节今天开幕。\n\n"
        "开幕式上，来自各地的艺术团体表演了节目。\n\n"
        "城市书房开到家门口\n\n"
        "本报讯 近日，城区新开放了十二家城市书房。\n"
    )
    first, second = parse_page(page)
    assert (first.title, first.kind, first.photographers) == ("冰雪节在江城开幕", "news", ("张冰",))
    assert "周明" in first.reporters and first.dateline == "哈尔滨１月５日"
    assert [b.text[:4] for b in first.blocks] == ["游客在冰", "第二十届", "开幕式上"]
    assert second.title == "城市书房开到家门口"


@pytest.mark.parametrize(
    ("byline", "names"),
    [("本报记者周明李华", ("周明", "李华")), ("高建国史文彬王林", ("高建国", "史文彬", "王林"))],
)
def test_names_run_together_are_told_apart(byline: str, names: tuple) -> None:
    (article,) = parse_page(_TITLE + byline + "\n\n" + _BODY)
    assert (article.title, article.reporters) == ("城市书房开到家门口", names)
