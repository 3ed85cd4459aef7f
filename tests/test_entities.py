"""People, organisations and places: the seeds, the patterns of news prose, any text at all."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from unionreader.analysis import segmenter
from unionreader.analysis.entities import ENTITIES_VERSION, entities_for_article, ner_spans
from unionreader.model import Article, Block

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))

# the 45 people the seed pages name (reporters, correspondents and photographers included)
SEED_PEOPLE = [
    "晁怀新",
    "王路曼",
    "刘高扬",
    "赵秦岭",
    "何强",
    "王越永",
    "付宝君",
    "齐雪峰",
    "郑丹阳",
    "余卫国",
    "陈奇才",
    "蔺占军",
    "常虹",
    "杜宗军",
    "陈光",
    "曹金凤",
    "罗其花",
    "刘晓光",
    "余翠平",
    "周美玉",
    "陈曦",
    "刘换利",
    "安春玲",
    "常洪霞",
    "倪亮",
    "曹兰敏",
    "张延辉",
    "乔栋",
    "盛丽",
    "李肖杰",
    "边磊",
    "刘欣欣",
    "薄述来",
    "马超",
    "张艳革",
    "白莹",
    "马玉芬",
    "王建生",
    "顾尚礼",
    "赵宇",
    "邢懋震",
    "任洁",
    "薛晨希",
    "崔欣",
    "张顺俭",
]
SEED_ORGS = (
    "密云区总工会 北京青岛啤酒三环有限公司 首都职工志愿密云区服务总队 北京市皮鞋厂 和平街街道总工会"
    " 华宇城市管理集团 吉永达控股集团"
)
# words of the seeds that are not names, nor parts of one cut off (高扬 of 刘高扬)
NOT_NAMES_IN_SEEDS = (
    "文明 承诺书 马甲 碧水 高扬 秦岭 广大干部 加大力度 美观大方 满意度 中 以 东 和睦 科普"
)
SEED_PLACES = "密云区 鼓楼街道 檀溪路 长城环岛 建西社区 苍术会村"


@pytest.fixture(scope="module")
def seed_entities() -> dict[str, set[str]]:
    """Every entity the names panel shows for the seed files, read line by line."""
    kinds = {"person": "PER", "org": "ORG", "place": "LOC"}
    found: dict[str, set[str]] = defaultdict(set)
    for path in SEEDS:
        for n, line in enumerate(path.read_text("utf-8").splitlines()):
            article = Article(id=str(n), source="-", title="", blocks=(Block("paragraph", line),))
            for entity in entities_for_article(article):
                found[kinds[entity.type]].add(entity.text)
    return found


def names(text: str, kind: str | None = None) -> list[str]:
    return [text[s:e] for s, e, k in ner_spans(text) if kind is None or k == kind]


# -- the seeds --------------------------------------------------------------------------------
def test_seeds_are_all_there() -> None:
    assert len(SEEDS) == 5
    assert len(SEED_PEOPLE) == len(set(SEED_PEOPLE)) == 45


@pytest.mark.parametrize("person", SEED_PEOPLE)
def test_every_person_in_the_seeds_is_found(seed_entities, person: str) -> None:
    assert person in seed_entities["PER"]


@pytest.mark.parametrize("org", SEED_ORGS.split())
def test_seed_organisations_are_found_whole(seed_entities, org: str) -> None:
    assert org in seed_entities["ORG"]


@pytest.mark.parametrize("place", SEED_PLACES.split())
def test_seed_places_are_found(seed_entities, place: str) -> None:
    assert place in seed_entities["LOC"]


@pytest.mark.parametrize("word", NOT_NAMES_IN_SEEDS.split())
def test_no_false_or_broken_names_in_the_seeds(seed_entities, word: str) -> None:
    assert all(word not in found for found in seed_entities.values())


# -- patterns of news prose ---------------------------------------------------------------------
def test_phrases_the_dictionary_calls_places_are_not_places() -> None:
    assert names("组织动员广大干部职工积极参与，加大力度宣传一线职工", "LOC") == []
    assert names("入选的办公室美观大方，居民的满意度大幅提升。", "LOC") == []
    # real places keep their place: a transliteration the model only half reads (加尔) whole
    assert "加尔各答" in names("他访问了加尔各答和温得和克。", "LOC")


def test_a_direction_before_a_place_belongs_to_it() -> None:
    assert names("家住东菜园社区的老人说", "LOC") == ["东菜园社区"]
    # the community's party committee is one organisation, places and all
    assert names("鼓楼街道东菜园社区党委书记陈奇才介绍", "ORG") == ["鼓楼街道东菜园社区党委"]


def test_one_character_short_forms_need_a_country_context() -> None:
    assert names("点缀生活中的美，让女职工更加热爱生活。", "LOC") == []
    assert names("在工作中以党建带创建，号召职工参与。", "LOC") == []
    assert names("新开辟11条密云云线路。", "LOC") == ["密云"]
    assert names("中美关系稳步发展。", "LOC") == ["中", "美"]


def test_a_one_character_name_is_mentioned_only_where_it_was_recognised() -> None:
    article = Article(
        id="x",
        source="-",
        title="t",
        blocks=(Block("paragraph", "中美关系稳步发展。在工作中，大家表示欢迎。"),),
    )
    china = next(e for e in entities_for_article(article) if e.text == "中")
    assert [m.start for m in china.mentions] == [0]


def test_reporters_in_a_byline_are_people() -> None:
    text = "本报讯 (记者 陈曦 通讯员 刘换利) 近日,经开区总工会举办活动。"
    assert {"陈曦", "刘换利"} <= set(names(text, "PER"))


def test_a_title_before_a_surname_and_a_word_makes_a_name() -> None:
    # jieba cuts these names into a surname and a common word (刘/高扬, 郑/丹阳)
    assert "刘高扬" in names("北京市先进工作者刘高扬告诉记者", "PER")
    assert "郑丹阳" in names("该公司新当选的工会主席郑丹阳表示", "PER")


def test_a_three_character_name_left_in_pieces_is_joined() -> None:
    assert "薄述来" in names("和平街街道总工会主席薄述来表示,新时代女职工要自强。", "PER")


def test_common_words_after_a_surname_character_are_not_names() -> None:
    text = "提升职工的幸福感和安全感,文明出行。"
    assert names(text, "PER") == []


def test_organisation_runs_from_its_place_to_its_suffix() -> None:
    assert names("评价组走访了北京青岛啤酒三环有限公司。", "ORG") == ["北京青岛啤酒三环有限公司"]
    assert "海淀区人民法院" in names("他向海淀区人民法院提起诉讼", "ORG")


def test_a_generic_organisation_word_alone_is_not_a_name() -> None:
    assert names("基层工会组织职工参加公司活动", "ORG") == []


def test_a_place_with_the_suffix_jieba_cut_off() -> None:
    text = "职工志愿者走上长城环岛和鼓楼街道开展服务"
    assert {"长城环岛", "鼓楼街道"} <= set(names(text, "LOC"))


def test_short_forms_of_countries_in_pairs() -> None:
    text = "双方就中美关系和访华安排交换了意见"
    assert names(text, "LOC") == ["中", "美", "华"]


def test_a_country_before_a_government_word_is_a_place() -> None:
    assert names("美国政府今天宣布", "LOC") == ["美国"]
    assert names("美国政府今天宣布", "ORG") == []


def test_a_surname_and_a_name_character_before_a_verb_is_a_name() -> None:
    assert names("李伟在会上发言。", "PER") == ["李伟"]


def test_well_known_people_need_no_title() -> None:
    assert names("该书研究了周恩来的经济思想。", "PER") == ["周恩来"]


def test_a_speaker_before_a_colon_is_a_person() -> None:
    assert names("张华：我们会继续努力。", "PER") == ["张华"]


def test_a_surname_before_an_honorific_names_the_person() -> None:
    assert names("李先生表示同意。", "PER") == ["李"]


def test_well_known_companies_and_their_units() -> None:
    assert names("首钢与宝钢签约", "ORG") == ["首钢", "宝钢"]
    assert names("新浪科技讯 北京时间3月3日消息", "ORG") == ["新浪科技"]
    assert names("中共十五大召开", "ORG") == ["中共十五大"]


def test_places_named_in_a_title_are_not_places() -> None:
    assert names("他在电影《长江七号》中出演。") == []
    assert names("他在《人民日报》发表文章", "ORG") == ["人民日报"]


def test_places_either_side_of_versus_are_teams() -> None:
    assert names("本周焦点：罗马vs米兰。", "ORG") == ["罗马", "米兰"]


def test_common_words_the_dictionary_tags_as_places_are_not_places() -> None:
    assert names("大街上人很多，古城很美。") == []
    assert names("中美关系很好", "LOC") == ["中", "美"]


def test_a_centre_that_is_a_building_is_a_place() -> None:
    assert names("在香港展览中心展出") == ["香港展览中心"]
    assert names("在香港展览中心展出", "LOC") == ["香港展览中心"]
    assert names("国家信息中心发布报告", "ORG") == ["国家信息中心"]


def test_names_joined_by_a_middle_dot_are_one_person() -> None:
    assert "约翰·史密斯" in names("主持人约翰·史密斯说", "PER")


def test_the_version_is_a_string_the_cache_can_key_on() -> None:
    assert isinstance(ENTITIES_VERSION, str) and ENTITIES_VERSION


# -- any text -----------------------------------------------------------------------------------
PIECES = [
    *"王李刘陈赵区市县村路街公司总工会记者主席说、,。·()（）\n 0123456789ab",
    *("北京", "密云区", "有限公司", "中美", "主义", "队长", "街道"),
]
TEXT = st.lists(st.sampled_from(PIECES), max_size=40).map("".join) | st.text(max_size=40)


@settings(max_examples=300, deadline=None)
@given(TEXT)
@example("北京有限公司 李有限公司")  # two companies split at the blank between them
def test_any_text_gives_valid_separate_spans(text: str) -> None:
    spans = ner_spans(text)
    assert spans == sorted(spans)
    last_end = 0
    for start, end, kind in spans:
        assert kind in ("PER", "ORG", "LOC")
        assert last_end <= start < end <= len(text)
        assert text[start:end].strip() == text[start:end]
        last_end = end


# -- articles -----------------------------------------------------------------------------------
def make_article(**fields) -> Article:
    base = {"id": "a1", "source": "seed.txt", "title": "密云区总工会开展活动"}
    base.update(fields)
    return Article(**base)


def test_entities_of_an_article_carry_every_mention() -> None:
    article = make_article(
        deck="密云区总工会助力创城",
        blocks=(
            Block("paragraph", "本报讯 (记者 王路曼) 近日,密云区总工会党组书记晁怀新带队慰问。"),
            Block("paragraph", "晁怀新表示,密云区总工会将继续努力。"),
        ),
        reporters=("王路曼",),
    )
    entities = {(e.text, e.type): e for e in entities_for_article(article)}
    union = entities[("密云区总工会", "org")]
    assert union.count == 4
    assert [m.field for m in union.mentions] == ["title", "deck", "block", "block"]
    for mention in union.mentions:
        text = article.field_text(mention.field, mention.block)
        assert text[mention.start : mention.end] == "密云区总工会"
    assert entities[("晁怀新", "person")].count == 2
    assert entities[("王路曼", "person")].count == 1
    first = entities_for_article(article)[0]
    assert (first.text, first.type) == ("密云区总工会", "org")


def test_byline_names_are_people_even_when_the_text_omits_them() -> None:
    article = make_article(
        blocks=(Block("paragraph", "活动现场气氛热烈。"),),
        photographers=("余翠平",),
        correspondents=("刘换利",),
    )
    entities = {(e.text, e.type): e for e in entities_for_article(article)}
    assert entities[("余翠平", "person")].count == 0
    assert entities[("刘换利", "person")].count == 0


def test_entities_sort_by_count_then_first_appearance() -> None:
    article = make_article(
        title="北京市皮鞋厂职工学习",
        blocks=(Block("paragraph", "密云区总工会和北京市皮鞋厂、密云区总工会与北京市皮鞋厂。"),),
    )
    order = [e.text for e in entities_for_article(article)]
    assert order.index("北京市皮鞋厂") < order.index("密云区总工会")


# -- the segmenter ------------------------------------------------------------------------------
def test_lexicon_files_say_what_they_are() -> None:
    folder = Path(segmenter.__file__).parent / "lexicon"
    files = sorted(folder.glob("*.txt"))
    assert files
    for path in files:
        lines = path.read_text("utf-8").splitlines()
        assert lines[0].startswith("# "), path.name
        assert segmenter.lexicon_words(path.stem), path.name


def test_the_segmenter_is_quiet_and_caches_in_the_user_cache_dir(tmp_path: Path) -> None:
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path), PYTHONPATH=str(ROOT / "tui"))
    code = (
        "from unionreader.analysis.entities import ner_spans\n"
        "import sys, tempfile\n"
        "print(ner_spans('本报讯 (记者 王路曼) 密云区总工会举行会议'))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert "王路曼" not in result.stderr and "Building prefix dict" not in result.stdout
    assert (tmp_path / "unionreader" / "jieba-words.marshal").is_file()


def test_no_unit_of_a_number_and_no_adjective_taken_for_a_place() -> None:
    text = "北京经济技术开发区“亦善亦美 爱满亦城”活动启动,现场设置了2022年经开区志愿服务项目展示。"
    names = {text[s:e] for s, e, _ in ner_spans(text)}
    assert "美" not in names  # 亦善亦美: an adjective, not the United States
    assert not any(n.startswith("年") for n in names)  # 2022年|经开区
    assert "经开区" in names


def test_a_match_verb_glued_to_a_team_is_not_part_of_it() -> None:
    assert names("上周日主场作战的辽东队逼平河南建业队。", "ORG") == ["辽东队", "河南建业队"]
    assert "湖南湘涛队" in names("客场作战的他们首破湖南湘涛队大门", "ORG")
    assert names("老张刚出医院便回到车间", "ORG") == []


def test_a_verb_glued_to_a_level_leaves_the_level_to_the_body() -> None:
    assert names("他先后任乡党委书记、县委副书记。", "ORG") == ["乡党委", "县委"]


def test_a_body_before_the_title_of_its_head_keeps_its_own_end() -> None:
    assert names("外交部部长会见了来访客人", "ORG") == ["外交部"]
    assert names("出席会议的有羊城晚报社长和南粤友协会长", "ORG") == ["羊城晚报社", "南粤友协会"]


def test_a_verb_inside_a_body_name_where_the_model_reads_one() -> None:
    assert "加拿大国家统计委员会" in names("加拿大国家统计委员会昨天公布了数字。", "ORG")
    # a verb never begins one
    assert names("并联合区应急局开展检查", "ORG") == ["区应急局"]


def test_a_foreign_name_runs_to_the_end_of_its_spelling() -> None:
    assert names("前锋帕蒂斯图塔两次射门", "PER") == ["帕蒂斯图塔"]
    assert names("此番小克麦尔斯基集合全国选手", "PER") == ["克麦尔斯基"]


def test_a_place_and_a_word_for_a_kind_of_body_is_the_place() -> None:
    assert names("据报道，浙江公安机关破获了这起案件", "LOC") == ["浙江"]
    assert names("据报道，浙江公安机关破获了这起案件", "ORG") == []


def test_a_currency_or_the_people_of_a_place_are_not_the_place() -> None:
    assert names("游客用法国法郎和瑞典克朗付款", "LOC") == ["法国", "瑞典"]
    assert names("广州市民纷纷前往观看", "LOC") == ["广州"]


def test_short_forms_before_a_list_of_countries() -> None:
    assert names("中俄等国代表出席", "LOC") == ["中", "俄"]


def test_a_ministry_glued_to_its_heads_title_is_found() -> None:
    assert names("据悉，国防部长将于下周访问邻国", "ORG") == ["国防部"]
    # a verb before a ministry does not make it a department of something else
    assert names("政府决定派遣外交部副部长出席会议", "ORG") == ["外交部"]
    assert names("这位新部长表示", "ORG") == []


def test_an_elders_honorific_after_a_surname_is_not_part_of_the_name() -> None:
    assert names("谈起往事，陈老介绍说：", "PER") == ["陈"]


def test_a_branch_right_after_its_organisation_is_part_of_its_name() -> None:
    text = "中国红十字会上海市分会昨天发起募捐"
    assert names(text, "ORG") == ["中国红十字会上海市分会"]
    # two courts named alike are two organisations
    assert names("城关镇人民法院河西乡人民法院联合审理", "ORG") != ["城关镇人民法院河西乡人民法院"]


def test_a_word_of_grammar_before_an_honorific_is_no_surname() -> None:
    assert names("会上，厂长和夫人向大家致意", "PER") == []
    assert "王" in names("会上，王先生向大家致意", "PER")


def test_a_consortium_is_an_organisation() -> None:
    assert names("这座电站由华东电力建设联合体承建", "ORG") == ["华东电力建设联合体"]


def test_a_former_body_a_dateline_and_a_place_before_its_people() -> None:
    assert names("公安部、原国内商业部等单位派员参加", "ORG") == ["公安部", "国内商业部"]
    assert "亚洲足球联合会" in names("新华社东京3月8日电亚洲足球联合会今天宣布", "ORG")
    assert names("德国天文学家近日发现一颗彗星", "LOC") == ["德国"]
    assert names("英国公司纷纷撤出", "LOC") == ["英国"]


def test_a_team_named_by_a_word_the_dictionary_barely_knows() -> None:
    assert names("主场作战的雄狮队扳回一球", "ORG") == ["雄狮队"]
    assert names("学校组建了篮球队", "ORG") == []


def test_the_segmenter_cuts_latin_runs_with_marks_as_jieba_does() -> None:
    # the tagger learned from jieba's cut: letters and digits apart from the marks between them
    assert segmenter.cut("F-22战机与MH-60直升机") == [
        "F",
        "-",
        "22",
        "战机",
        "与",
        "MH",
        "-",
        "60",
        "直升机",
    ]
    assert segmenter.cut("增长3.5%，约93-110人") == [
        "增长",
        "3.5%",
        "，",
        "约",
        "93",
        "-",
        "110",
        "人",
    ]
    assert "".join(segmenter.cut("a.b_c#d+e&f")) == "a.b_c#d+e&f"
    assert segmenter.cut("学C++和AT&T") == ["学", "C++", "和", "AT&T"]


def test_the_segmenter_knows_the_shipped_words_and_their_tags() -> None:
    tags, freq = segmenter.word_tags(), segmenter.word_freq()
    assert tags["北京"] == "ns" and freq["北京"] > 0
    assert freq.get("的", 0) > freq.get("北京", 0)
    place = next(w for w in segmenter.lexicon_words("places") if len(w) > 2)
    assert tags[place] == "ns" and freq[place] > 0
