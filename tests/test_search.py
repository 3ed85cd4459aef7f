"""Search: ranking, typos, word order, pinyin and initials, traditional text, odd queries."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from unionreader.model import Article, Block
from unionreader.search.index import SearchIndex

HEPINGJIE = "和平街工会7场活动贴心服务女职工"
GULOU = "密云区鼓楼街道10个企业工会支援社区疫情防控"
SHUNYI = "顺义区总工会开展创城志愿服务活动"
TAXI = "交通运输部 全国总工会联合发布“2021年十大最美出租汽车司机”"
PINGGU = "平谷区总工会凝聚干部职工同心抗疫"
SHOES = "市皮鞋厂职工热学党的二十大精神"
FLOWERS = "朝阳邮政女职工插花比拼喜迎“三八”节"
HK = "香港職工會聯盟舉辦職業培訓課程"


def _hk_article() -> Article:
    return Article(
        id="hk-1",
        source="hk.txt",
        title=HK,
        blocks=(
            Block("paragraph", "本報訊 香港職工會聯盟昨日為會員舉辦電腦及語言課程，反應熱烈。"),
        ),
    )


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    """The seeds as the library reads them (parsed and analysed), and a Hong Kong item."""
    from unionreader.library import Library

    return [*Library.open(use_cache=False).articles, _hk_article()]


@pytest.fixture(scope="module")
def index(articles) -> SearchIndex:
    return SearchIndex.build(articles)


def titles(index: SearchIndex, query: str, limit: int = 20) -> list[str]:
    return [h.article.title for h in index.search(query, limit)]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("薄述来", HEPINGJIE),
        ("九龙口腔医院", GULOU),
        ("吉永达", GULOU),
        ("顺义区总公会", SHUNYI),  # wrong char
        ("顺义总工会", SHUNYI),  # missing char
        ("出租车司机", TAXI),  # missing char inside a word
        ("鼓楼街道防疫志愿者", GULOU),  # pieces from title and subtitle
        ("志愿者防疫 鼓楼街道", GULOU),  # word order
        ("pinggu", PINGGU),
        ("chahua", FLOWERS),
        ("pxc", SHOES),
        ("bsl", HEPINGJIE),
        ("boshulai", HEPINGJIE),  # 薄 read as a surname
        ("pingg", PINGGU),  # while typing
        ("順義區總工會", SHUNYI),  # traditional query, simplified article
        ("职工会联盟", HK),  # simplified query, traditional article
        ("喜迎三八节", FLOWERS),  # quotes in the title do not get in the way
    ],
)
def test_query_finds_article_first(index, query, expected):
    assert titles(index, query)[:1] == [expected]


def test_title_hit_beats_body_hit(index):
    hits = index.search("插花")
    assert hits[0].field == "title" and hits[0].article.title == FLOWERS
    assert {h.field for h in hits[1:]} == {"body"}
    assert hits[0].score > hits[1].score


def test_entity_hit_beats_body_hit(articles):
    from dataclasses import replace

    # 002 names 北京吉永达房地产经纪有限公司 too: stripped of entities, it has 吉永达 in its body
    arts = [replace(a, entities=()) if a.kind == "feature" else a for a in articles]
    hits = SearchIndex.build(arts).search("吉永达")
    assert (hits[0].field, hits[0].entity_type, hits[0].text) == ("entity", "org", "吉永达控股集团")
    body = [h for h in hits if h.field == "body"]
    assert body and all(h.score < hits[0].score for h in body)


def test_exact_beats_fuzzy(index):
    exact = index.search("顺义区总工会")[0]
    typo = index.search("顺义区总公会")[0]
    assert exact.how == "exact" and typo.how != "exact"
    assert exact.score > typo.score


def test_more_of_the_query_beats_less(index):
    whole = index.search("鼓楼街道防疫志愿者")[0]
    part = [h for h in index.search("鼓楼街道防疫志愿者") if h.article.title != GULOU]
    assert all(h.score < whole.score for h in part)


def test_spans_mark_the_matched_chars(index):
    hit = index.search("pinggu")[0]
    assert [hit.text[s:e] for s, e in hit.spans] == ["平谷"]
    hit = index.search("出租车司机")[0]
    assert "".join(hit.text[s:e] for s, e in hit.spans) == "出租汽车司机".replace("汽", "")
    hit = index.search("顺义区总公会")[0]
    assert hit.text[hit.spans[0][0] : hit.spans[-1][1]] == "顺义区总工会"


def test_spans_of_a_reading_matched_inside_a_title_start_at_its_first_char():
    title = "北京公交集团顺义区总工会"
    index = SearchIndex.build([Article(id="x", source="x.txt", title=title)])
    expected = {"顺义区总公会": "顺义区总工会", "shunyiqu": "顺义区", "syq": "顺义区"}
    for query, marked in expected.items():
        hit = index.search(query)[0]
        assert hit.how in ("homophone", "pinyin"), query
        assert "".join(title[s:e] for s, e in hit.spans) == marked, query


def test_body_hit_names_its_block(index):
    hit = next(h for h in index.search("12351") if h.article.title == PINGGU)
    assert hit.field == "body" and hit.block is not None
    assert hit.text == hit.article.blocks[hit.block].text
    assert [hit.text[s:e] for s, e in hit.spans] == ["12351"]


def test_works_without_entities(articles):
    from dataclasses import replace

    arts = [replace(a, entities=()) for a in articles]
    index = SearchIndex.build(arts)
    assert titles(index, "薄述来")[:1] == [HEPINGJIE]  # found in the body instead
    assert index.search("薄述来")[0].field == "body"


@pytest.mark.parametrize(
    "query", ["", "   ", "，。！？", "...", ".*[(", "\\", "a" * 500, "工" * 300]
)
def test_odd_queries_do_not_fail(index, query):
    hits = index.search(query)
    assert isinstance(hits, list) and len(hits) <= 20


def test_punctuation_only_finds_nothing(index):
    assert index.search("，。！？") == [] and index.search("   ") == []


def test_limit(index):
    assert len(index.search("工会", limit=3)) == 3
    assert index.search("工会", limit=0) == []


def test_one_char_queries_find_bodies_too(index):
    # 插 is in one title (the flower arranging) and in other articles' bodies
    hits = index.search("插", limit=50)
    assert hits[0].field == "title" and hits[0].article.title == FLOWERS
    body = [h for h in hits if h.field == "body"]
    assert body and all(h.text[s:e] == "插" for h in body for s, e in h.spans)
    assert all(h.score < hits[0].score for h in body)


def test_exact_body_hits_are_not_lost_behind_many_candidates():
    # 3,000 bodies hold every gram of 甲乙丙丁 but not the phrase; the last two hold it
    near = [
        Article(
            id=f"n{k}",
            source="n.txt",
            title=f"标题{k}",
            blocks=(Block("paragraph", "甲乙 乙丙 丙丁"),),
        )
        for k in range(3000)
    ]
    far = [
        Article(
            id=f"f{k}", source="f.txt", title=f"末{k}", blocks=(Block("paragraph", "见甲乙丙丁"),)
        )
        for k in range(2)
    ]
    hits = SearchIndex.build([*near, *far]).search("甲乙丙丁", limit=10)
    exact = [h.article.id for h in hits if h.how == "exact"]
    assert exact == ["f0", "f1"]


def test_a_warm_archive_searches_without_pinyin_or_opencc(tmp_path):
    import os
    import shutil

    from unionreader.library import Library
    from unionreader.resources import seeds_dir

    pages = tmp_path / "pages"
    shutil.copytree(seeds_dir(), pages)
    Library.open([pages]).archive.close()  # analysed and indexed
    code = (
        "import sys\n"
        "from unionreader.library import Library\n"
        f"library = Library.open([{str(pages)!r}], cached_only=True)\n"
        "assert library.search('pinggu')[0].article.title.startswith('平谷')\n"
        "assert library.search('顺义区总公会')[0].article.title.startswith('顺义')\n"
        "print(sorted(m for m in ('pypinyin', 'opencc', 'jieba', 'textual') if m in sys.modules))\n"
    )
    tui = Path(__file__).resolve().parents[1] / "tui"
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": f"{tui}"},
        check=True,
    )
    assert out.stdout.strip() == "[]"


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=40))
def test_any_query_gives_sane_hits(index, query):
    hits = index.search(query, limit=10)
    assert len(hits) <= 10
    scores = [h.score for h in hits]
    assert scores == sorted(scores, reverse=True)
    for hit in hits:
        assert 0 <= hit.score <= 100
        assert hit.field in {"title", "deck", "subtitle", "entity", "body"}
        assert all(0 <= s < e <= len(hit.text) for s, e in hit.spans)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="顺义区总工会银行长重庆乐音好朝阳薄述来和平街abc12 -", max_size=20))
def test_pinyin_in_context_reads_as_pypinyin_does(text):
    from pypinyin import Style, lazy_pinyin

    from unionreader.search.keys import _each_char, _in_context

    expected = lazy_pinyin(text, style=Style.NORMAL, errors=_each_char)
    assert _in_context(text) == [r for r in expected]


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz ", max_size=30))
def test_any_latin_query_gives_sane_hits(index, query):
    for hit in index.search(query):
        assert 0 <= hit.score <= 100
        assert all(0 <= s < e <= len(hit.text) for s, e in hit.spans)


def test_archive_hits_hold_list_rows_and_read_the_article_when_asked(tmp_path):
    """A hit from the archive holds its article's list row and the one text that matched; the
    whole article is read on first access, and agrees with what the hit says."""
    import shutil

    from unionreader.library import Library
    from unionreader.resources import seeds_dir
    from unionreader.store.listing import ArticleSummary

    pages = tmp_path / "pages"
    shutil.copytree(seeds_dir(), pages)
    Library.open([pages]).archive.close()
    library = Library.open([pages], cached_only=True)
    assert library is not None
    rows = {row.id: row for row in library.listing().rows(0, 10_000)}
    fields = set()
    for query in ("工会", "顺义区总公会", "pinggu", "服务职工", "薄述来", "12351", "吉永达"):
        found = library.search(query, limit=30)
        assert found
        for hit in found:
            assert isinstance(hit.row, ArticleSummary) and hit.row == rows[hit.id]
            article = hit.article
            assert (article.id, article.title) == (hit.id, hit.title)
            fields.add(hit.field)
            if hit.field == "entity" and hit.entity is not None:
                assert hit.entity in article.entities and hit.text == hit.entity.text
            elif hit.location is not None and hit.field != "entity":
                assert hit.text == article.field_text(hit.location.field, hit.location.block)
                if hit.spans:
                    start, end = hit.spans[0]
                    assert article.text_at(hit.location) == hit.text[start:end]
            assert json.dumps(hit.to_json())  # the --json object needs no article
    assert {"title", "entity", "body"} <= fields


def test_typing_on_finds_what_a_fresh_index_finds(articles):
    """Each key typed reuses what the last found (the bodies holding it, the grams counted):
    the hits are those of an index that saw only this query."""
    typing = SearchIndex.build(articles)
    for query in ("一线职工志愿服务", "顺义区总公会", "服务职工", "平谷区总工会凝聚", "12351"):
        for k in range(1, len(query) + 1):
            prefix = query[:k]
            fresh = SearchIndex.build(articles).search(prefix, limit=30)
            assert typing.search(prefix, limit=30) == fresh, prefix


def test_an_article_added_between_keys_is_found_at_the_next():
    from unionreader.store.archive import Archive, SourceRow
    from unionreader.store.search_reads import SearchStore

    archive = Archive.open(None)
    body = "本报讯 一线职工志愿服务队今天出发。"
    first = Article(id="x1", source="x.txt", title="第一篇", blocks=(Block("paragraph", body),))
    archive.replace_source(SourceRow(0, "/x/1", "x.txt", 0, 0, 0, "", ""), [first])
    index = SearchIndex(SearchStore(archive))
    assert [h.title for h in index.search("一线职工志") if h.how == "exact"] == ["第一篇"]
    second = Article(id="x2", source="y.txt", title="第二篇", blocks=(Block("paragraph", body),))
    archive.replace_source(SourceRow(0, "/x/2", "y.txt", 1, 0, 0, "", ""), [second])
    found = [h.title for h in index.search("一线职工志愿") if h.how == "exact"]
    assert found == ["第一篇", "第二篇"]
