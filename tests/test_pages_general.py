"""The page parser beyond the seeds: other papers' shapes, encodings, and any input at all."""

from __future__ import annotations

import re
from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import FIXTURES, SEEDS
from unionreader.corpus.pages import parse_page
from unionreader.corpus.roles import FURNITURE as _FURNITURE
from unionreader.corpus.sources import decode


def _page(name: str):
    return parse_page((FIXTURES / "pages" / name).read_text(encoding="utf-8"))


def test_bylines_of_other_papers() -> None:
    dated, agency, trailing, colon = _page("other_bylines.txt")
    assert (dated.title, dated.reporters, dated.dateline) == (
        "国务院常务会议部署稳就业举措",
        ("张三",),
        "北京12月31日",
    )
    assert dated.blocks[0].text.startswith("国务院总理主持召开")
    assert (agency.reporters, agency.dateline) == (("李四", "王五"), "新华社北京1月1日电")
    assert agency.blocks[0].text.startswith("1月1日，世界多地")
    assert (trailing.title, trailing.dateline) == ("美国多地遭遇暴风雪袭击", "华盛顿12月30日")
    assert trailing.blocks[0].text.endswith("降雪将持续到周末。")
    # an 引题 that leads into its title with a colon
    assert (colon.deck, colon.title) == ("国务院总理在常务会议上强调：", "切实稳定和扩大就业")
    assert colon.dateline == "北京1月5日"
    everything = "".join(b.text for a in (dated, agency, trailing) for b in a.blocks)
    assert "本版责编" not in everything and "第 3 页" not in everything


def test_one_paragraph_per_line_without_blank_lines() -> None:
    first, second, photo = _page("no_blank_lines.txt")
    assert first.title == "市总工会召开十五届全委会议"
    assert [b.type for b in first.blocks] == ["lead", "paragraph"]
    assert (second.title, second.reporters, second.correspondents) == (
        "职工书屋建设取得新进展",
        ("周丹",),
        ("郝明",),
    )
    assert (photo.title, photo.kind, photo.photographers) == (
        "春风送岗位 就业暖人心",
        "photo",
        ("韩雪",),
    )


def test_pdftotext_dump_with_wrapped_lines_title_and_footers() -> None:
    first, second = _page("pdftotext_wrapped.txt")
    assert first.title == "朝阳区总工会开展“送温暖”活动 走访慰问一线户外劳动者"
    assert len(first.blocks) == 3
    assert "1200余份" in first.blocks[0].text  # a number wrapped mid-way is whole again
    assert first.blocks[2].text.endswith("惠及职工2万余人次。")
    assert second.title == "海淀区举办职工职业技能大赛"
    assert (second.reporters, second.correspondents) == (("孟然",), ("石磊",))
    texts = [b.text for a in (first, second) for b in a.blocks]
    assert not any("北京工人报" in t or "本版责编" in t or "— 3 —" in t for t in texts)


def _articles(text: str):
    return [a for a in parse_page(text)]


def test_gbk_crlf_and_utf16_copies_of_a_seed_parse_the_same() -> None:
    for path in sorted(SEEDS.glob("*.txt")):
        original = path.read_text(encoding="utf-8")
        expected = _articles(original)
        for data in (
            original.replace("\n", "\r\n").encode("gbk"),
            original.encode("gb18030"),
            original.replace("\n", "\r").encode("utf-16"),
            b"\xef\xbb\xbf" + original.encode("utf-8"),
        ):
            assert _articles(decode(data).text) == expected, path.name


def test_big5_traditional_page() -> None:
    page = (
        "香港工會聯合會舉辦職業技能比賽\n\n"
        "本報訊（記者 陳大文 通訊員 李小明）香港工會聯合會日前舉辦職業技能比賽，"
        "共有300餘名會員參加。\n\n比賽設有電工、廚藝等8個項目。\n"
    )
    (article,) = parse_page(decode(page.encode("big5")).text)
    assert article.title == "香港工會聯合會舉辦職業技能比賽"
    assert (article.reporters, article.correspondents) == (("陳大文",), ("李小明",))
    assert article.blocks[0].text.startswith("香港工會聯合會日前")


def test_terminal_escapes_and_controls_are_dropped() -> None:
    raw = "标题\x1b[31m测试\x1b[0m\n\n本报讯（记者 王五）正文\x07内容。\x00\n".encode()
    text = decode(raw.replace(b"\x00", b"")).text
    (article,) = parse_page(text)
    assert article.title == "标题测试"
    assert article.blocks[0].text == "正文内容。"


# -- properties -----------------------------------------------------------------------------

_HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
_PUNCT = st.sampled_from([*list("，。、；：？！“”《》（）,()"), "……", "——"])
_word = st.text(_HAN, min_size=1, max_size=6)
_sentence = st.lists(st.one_of(_word, _PUNCT, st.integers(0, 99999).map(str)), min_size=1,
                     max_size=30).map("".join)  # fmt: skip
_name = st.text(_HAN, min_size=2, max_size=3)
_byline = st.tuples(_name, st.one_of(st.none(), _name)).map(
    lambda n: f"本报讯 (记者 {n[0]}{' 通讯员 ' + n[1] if n[1] else ''}) "
)
_line = st.one_of(
    _word,
    _sentence,
    st.tuples(_byline, _sentence).map("".join),
    _word.map(lambda w: "## " + w),
    st.tuples(_name).map(lambda n: f"本报记者 {n[0]} 摄影报道"),
    _sentence.map(lambda s: "——" + s),
    _name.map(lambda n: "□本报记者 " + n),
)
_page_text = st.lists(st.tuples(_line, st.integers(1, 4)), max_size=25).map(
    lambda items: "".join(line + "\n" * gap for line, gap in items)
)
_FIXED = re.compile(
    r"本[报報][讯訊]|本[报報][记記]者|[记記]者|通[讯訊][员員]|[摄攝]影[报報]道|实习生|實習生|文[/／][摄攝图圖]|[摄攝]影|[摄攝]|[报報]道|□|——|[()（）#\s]"
)


def _chars(text: str) -> Counter:
    return Counter(_FIXED.sub("", text))


def _input_chars(text: str) -> Counter:
    kept = [line for line in text.split("\n") if not _FURNITURE.match(line.strip())]
    return _chars("\n".join(kept))  # page numbers and editor lines are furniture


def _output_chars(articles) -> Counter:
    return _chars("".join(_output_parts(articles)))


def _output_parts(articles) -> list[str]:
    parts: list[str] = []
    for a in articles:
        parts += [
            a.kicker or "",
            a.section or "",
            a.deck or "",
            a.title,
            a.subtitle or "",
            a.dateline or "",
            *a.reporters,
            *a.correspondents,
            *a.photographers,
        ]
        parts += [b.text for b in a.blocks]
    return parts


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_page_text)
def test_nothing_is_lost_from_generated_pages(text: str) -> None:
    articles = parse_page(text)
    missing = _input_chars(text) - _output_chars(articles)
    # a name in two bylines of one item is listed once
    names = {ch for a in articles for n in (*a.reporters, *a.correspondents, *a.photographers)
             for ch in n}  # fmt: skip
    assert not (set(missing) - names), missing


def test_nothing_is_lost_from_the_seeds() -> None:
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        missing = _input_chars(text) - _output_chars(parse_page(text))
        assert not missing, (path.name, missing)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text_parses_without_error(text: str) -> None:
    for article in parse_page(text):
        assert isinstance(article.title, str)
        assert all(b.text for b in article.blocks)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_decode_or_are_refused_cleanly(data: bytes) -> None:
    from unionreader.corpus.sources import SourceError

    try:
        text = decode(data).text
    except SourceError:
        return
    parse_page(text)


# -- real dump shapes: no blank lines, blank lines, hard wraps, form feeds ----------------------

_DATE = st.tuples(st.integers(1, 12), st.integers(1, 28)).map(lambda d: f"{d[0]}月{d[1]}日")
_PLACE = st.sampled_from(["北京", "上海", "巴黎", "开罗", "曼谷"])
_real_line = st.one_of(
    _word,
    _sentence,
    _sentence.map(lambda s: s + "。"),
    st.tuples(_PLACE, _DATE, _sentence).map(lambda t: f"本报{t[0]}{t[1]}讯{t[2]}。"),
    st.tuples(_PLACE, _DATE, _name, _sentence).map(
        lambda t: f"新华社{t[0]}{t[1]}电（记者{t[2]}）{t[3]}。"
    ),
    st.tuples(_PLACE, _DATE, _sentence).map(lambda t: f"据新华社{t[0]}{t[1]}电{t[2]}。"),
    st.tuples(_sentence, _PLACE, _DATE).map(lambda t: f"{t[0]}。（本报{t[1]}{t[2]}电）"),
    st.tuples(_sentence, _name).map(lambda t: f"{t[0]}。（{t[1]}）"),
    _name.map(lambda n: f"本报记者{n}"),
    _name,
    _name.map(lambda n: f"（{n}）"),
    _name.map(lambda n: f"（新华社记者{n}摄）"),
    _word.map(lambda w: f"{w}（图片）"),
    _word.map(lambda w: f"{w}（附图片２张）"),
    st.tuples(st.integers(1, 9), _name, st.integers(10, 99)).map(
        lambda t: f"{t[0]}{t[1]}{t[2]}．{t[0]}{t[2]}"
    ),
)


@st.composite
def _real_page(draw) -> str:
    lines = draw(st.lists(_real_line, min_size=1, max_size=30))
    shape = draw(st.sampled_from(["plain", "blank", "wrapped"]))
    if shape == "wrapped":
        width = draw(st.integers(12, 24))
        lines = ["\n".join(line[i : i + width] for i in range(0, len(line), width))
                 for line in lines]  # fmt: skip
    joiner = "\n" if shape == "plain" else "\n\n"
    if draw(st.booleans()) and len(lines) > 2:
        cut = draw(st.integers(1, len(lines) - 1))
        return joiner.join(lines[:cut]) + "\n\f" + joiner.join(lines[cut:])
    return joiner.join(lines)


_FIXED_REAL = re.compile(_FIXED.pattern + r"|新华社|本报|[据电讯]")  # dateline words


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_real_page())
def test_nothing_is_lost_from_pages_in_every_dump_shape(text: str) -> None:
    articles = parse_page(decode(text.encode("utf-8")).text)
    kept = [line for line in text.split("\n") if not _FURNITURE.match(line.strip())]
    missing = Counter(_FIXED_REAL.sub("", "".join(kept))) - Counter(  # wraps joined
        _FIXED_REAL.sub("", "".join(_output_parts(articles)))
    )
    names = {ch for a in articles for n in (*a.reporters, *a.correspondents, *a.photographers)
             for ch in n}  # fmt: skip
    assert not (set(missing) - names), missing


def test_a_credit_keeps_a_name_that_ends_like_an_agency() -> None:
    # 台 and 社 end agencies (电视台, 新华社), but after 记者 what follows is a person
    (article,) = parse_page("正文一段。\n（新华社记者郑一台摄）")
    assert article.photographers == ("郑一台",)
    assert parse_page("正文一段。\n（新华社摄）")[0].photographers == ()
    assert parse_page("正文一段。\n（北京电视台摄）")[0].photographers == ()
