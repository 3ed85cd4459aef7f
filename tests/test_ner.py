"""The trained tagger and the rules laid on it: sentences of our own, in the pages' genre."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest

from unionreader.analysis import segmenter
from unionreader.analysis.entities import entities_for_article, ner_spans
from unionreader.analysis.entities.mending import mended
from unionreader.analysis.entities.sentence import Sentence
from unionreader.analysis.ner import tagger
from unionreader.analysis.ner.combine import combine
from unionreader.analysis.ner.features import sequence
from unionreader.model import Article, Block

ROOT = Path(__file__).resolve().parents[1]


def names(text: str, kind: str | None = None) -> list[str]:
    return [text[s:e] for s, e, k in ner_spans(text) if kind is None or k == kind]


# -- whole names ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("中华人民共和国成立以来，城乡面貌焕然一新。", "中华人民共和国", "LOC"),
        (
            "代表们学习了中国共产党第十五次全国代表大会的报告。",
            "中国共产党第十五次全国代表大会",
            "ORG",
        ),
        ("北京公交集团客四分公司的司机提前到岗。", "北京公交集团客四分公司", "ORG"),
        ("昌平区人力资源和社会保障局发布了招聘信息。", "昌平区人力资源和社会保障局", "ORG"),
        ("慰问活动在大城子镇举行。", "大城子镇", "LOC"),
        ("顺义区总工会为一线职工送去清凉。", "顺义区总工会", "ORG"),
        # a quoted name inside a body's, a union named by its sectors, a site's union
        ("北京职工志愿“春风”志愿服务队走进社区。", "北京职工志愿“春风”志愿服务队", "ORG"),
        ("区农林卫工会举办职工运动会。", "区农林卫工会", "ORG"),
        ("全市政法财贸工会联合举办技能比赛。", "政法财贸工会", "ORG"),
        ("华星物流通州园区工会为职工送清凉。", "华星物流通州园区工会", "ORG"),
        # a body's national congress, with its session
        ("他出席了共青团第十九次全国代表大会。", "共青团第十九次全国代表大会", "ORG"),
    ],
)
def test_long_names_are_found_whole(text: str, name: str, kind: str) -> None:
    assert name in names(text, kind)
    # and nothing inside it is taken for a name of its own
    start = text.index(name)
    assert all(
        e <= start or s >= start + len(name) for s, e, _ in ner_spans(text) if text[s:e] != name
    )


def test_people_the_word_lists_never_saw() -> None:
    assert "钱柏森" in names("车间主任钱柏森带领工友连夜抢修设备。", "PER")
    assert "卡洛琳·韦伯" in names("来访的卡洛琳·韦伯教授参观了展览。", "PER")


# -- junk on the pages -----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "not_a_name"),
    [
        ("首届青岛啤酒杯职工足球赛在体育馆开幕。", "青岛"),
        ("小区门口的阳光家园店今天重新开业。", "阳光家园"),
        ("区委教育工委宣传文化部的干部参加了培训。", "文化部"),
        ("学校开展弘扬师德师风主题活动。", "师德师"),
        ("山哥家的面馆就在封控区旁边。", "山哥"),
        ("山哥家的面馆就在封控区旁边。", "封控区"),
        ("清明节前，青年职工来到烈士陵园缅怀先烈。", "缅怀"),
        ("深海探测器在海沟底部采集样本。", "海沟"),
        ("这家酒店的桑拿浴设施已经更新。", "桑拿浴"),
    ],
)
def test_ordinary_words_are_not_names(text: str, not_a_name: str) -> None:
    assert not_a_name not in names(text)


def test_a_party_congress_alone_is_no_organisation_in_the_names_panel() -> None:
    article = Article(
        id="c",
        source="-",
        title="学习贯彻党的二十大精神",
        blocks=(Block("paragraph", "顺义区总工会组织职工学习党的二十大精神。"),),
    )
    found = {e.text for e in entities_for_article(article)}
    assert "二十大" not in found
    assert "顺义区总工会" in found


def test_a_name_inside_a_flat_organisation_is_still_an_entity_of_the_article() -> None:
    article = Article(
        id="n",
        source="-",
        title="顺义区总工会慰问环卫工人",
        blocks=(Block("paragraph", "顺义区总工会走访了顺义区多个环卫站点。"),),
    )
    found = {(e.text, e.type): e.count for e in entities_for_article(article)}
    assert found[("顺义区总工会", "org")] == 2
    assert found[("顺义区", "place")] == 1


# -- the model and how it is combined --------------------------------------------------------
def test_features_one_tuple_per_character_whatever_the_cut() -> None:
    text = "ＡＢＣ公司,2024年在北京 开业"
    words = segmenter.cut(text)
    items = sequence(text, words)
    assert len(items) == len(text)
    assert items == sequence(text, list(text))[:0] + items  # stable
    # a cut that does not cover the text falls back to characters instead of failing
    assert len(sequence(text, ["ＡＢＣ"])) == len(text)
    # digits and widths fold: the model sees 0 for every digit, ASCII for full-width letters
    assert items[0][0] == "ca" and items[text.index("2")][0] == "c0"


def test_decode_bioes() -> None:
    labels = ["B-ORG", "I-ORG", "E-ORG", "O", "S-LOC", "B-PER", "O", "I-PER", "E-PER"]
    assert tagger.decode(labels) == [(0, 3, "ORG"), (4, 5, "LOC"), (7, 9, "PER")]


def test_rules_extend_and_split_what_the_model_found() -> None:
    text = "密云区长城环岛至檀溪路"
    model = [(0, 11, "LOC")]
    rules = [(0, 3, "LOC"), (3, 7, "LOC"), (8, 11, "LOC")]
    assert combine(text, model, rules, [0.9, 0.9, 0.9]) == rules
    text = "中国共产党第十五次全国代表大会"
    assert combine(text, [(0, 5, "ORG")], [(0, 15, "ORG")], [0.9]) == [(0, 15, "ORG")]
    # a rule's name the model does not see at all is left out; one it half sees is added
    assert combine("师德师风", [], [(0, 3, "PER")], [0.01]) == []
    assert combine("王小明说", [], [(0, 3, "PER")], [0.4]) == [(0, 3, "PER")]


def test_a_villages_party_branch_and_a_route_leave_their_places() -> None:
    # the model's one body over a town, a village and the village's branch: the places
    text = "怀柔区大水峪镇前山村党支部"
    rules = [(0, 3, "LOC"), (4, 7, "LOC"), (7, 10, "LOC")]
    found = combine(text, [(0, 13, "ORG")], rules, [0.9, 0.9, 0.9])
    assert [text[s:e] for s, e, _ in found] == ["怀柔区", "大水峪镇", "前山村"]
    # a community's committee stays a body
    text = "鼓楼街道东园社区党委"
    assert combine(text, [(0, 10, "ORG")], [(0, 4, "LOC"), (4, 8, "LOC")], [0.9, 0.9]) == [
        (0, 10, "ORG")
    ]
    # a route is no place: the places in it are
    text = "海淀职工延庆云线路"
    assert combine(text, [(4, 9, "LOC")], [(0, 2, "LOC"), (4, 6, "LOC")], [0.9, 0.9]) == [
        (0, 2, "LOC"),
        (4, 6, "LOC"),
    ]


def test_a_unit_named_only_by_what_it_does_is_no_name() -> None:
    text = "全区现有巡逻大队、宣传中队等队伍"
    sentence = Sentence(text, segmenter.cut(text))
    assert mended(sentence, (4, 8, "ORG")) == []
    assert mended(sentence, (9, 13, "ORG")) == []
    text = "市公安局巡逻大队连夜出动"
    sentence = Sentence(text, segmenter.cut(text))
    assert mended(sentence, (0, 8, "ORG")) == [(0, 8, "ORG")]


# -- one-character short forms -----------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("会谈后，中泰两国外长签署了合作文件。", ["中", "泰"]),
        ("双方回顾了中、越建交以来的交往。", ["中", "越"]),
        ("代表团一行昨天抵京，随后访华三天。", ["京", "华"]),
        ("老艺人登台清唱了一段京剧。", ["京"]),
        ("据报道，泰政府宣布了新的救灾措施。", ["泰"]),
    ],
)
def test_short_forms_of_places_are_places(text: str, places: list[str]) -> None:
    found = {text[s:e] for s, e, k in ner_spans(text) if k == "LOC" and e - s == 1}
    assert set(places) <= found


@pytest.mark.parametrize(
    "text",
    [
        "其中美国代表团的意见最为集中。",
        "存在华而不实的作风问题要坚决纠正。",
        "新政府成立后推出了一系列改革。",
        "这道菜色香味俱全，十分美味。",
    ],
)
def test_characters_that_only_look_like_short_forms_are_not_places(text: str) -> None:
    assert not [text[s:e] for s, e, k in ner_spans(text) if k == "LOC" and e - s == 1]


# -- page junk seen on the bundled pages, in sentences of our own -------------------------------
def test_a_room_number_is_not_part_of_a_place() -> None:
    text = "会议改在科技大厦512办公室召开。"
    assert "科技大厦512办公室" not in names(text)
    assert all("512" not in n for n in names(text))


def test_two_courts_side_by_side_are_two_organisations() -> None:
    text = "怀柔区人民法院汤河口人民法院被评为先进集体。"
    found = names(text, "ORG")
    assert "怀柔区人民法院汤河口人民法院" not in found
    assert "怀柔区人民法院" in found


def test_an_unknown_district_word_is_not_cut_inside() -> None:
    text = "会上，高新区总工会主席作了发言。"
    found = names(text)
    assert "新区总工会" not in found


def test_a_community_with_a_direction_before_its_suffix_is_one_place() -> None:
    assert "钟楼行宫东社区" in names("志愿者们走进钟楼行宫东社区开展义诊。", "LOC")


@pytest.mark.parametrize(
    ("text", "not_a_name"),
    [
        ("号召党员、楼组长包楼、认领单元，保持楼道整洁。", "包楼"),
        ("开展走访慰问、大病救助、医疗互助、金秋助", "金秋助"),
    ],
)
def test_actions_and_broken_words_are_not_people(text: str, not_a_name: str) -> None:
    assert not_a_name not in names(text)


def test_no_name_holds_a_comma() -> None:
    text = "干部们身穿红马甲,头戴小红帽,在路口引导行人。"
    assert not any("," in n or "，" in n for n in names(text))


def test_an_area_word_after_a_place_is_left_out() -> None:
    assert "东南亚" in names("东南亚地区的旅游业正在复苏。", "LOC")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("近日，北京公交集团客七分公司工会举办了安全知识竞赛。", "北京公交集团客七分公司工会"),
        ("会议由区应急局、区卫健委共同组织。", "区应急局"),
        ("会议由区应急局、区卫健委共同组织。", "区卫健委"),
        ("街道根据区创城办的部署开展整治。", "区创城办"),
        ("朝阳区总工会女工委举办了读书会。", "朝阳区总工会女工委"),
    ],
)
def test_bodies_named_by_their_level_and_units_with_numbers(text: str, name: str) -> None:
    assert name in names(text, "ORG")


def test_a_direction_names_a_bridge() -> None:
    assert "东大桥" in names("志愿者们在东大桥、南大街等路段劝导行人。", "LOC")


def test_foreign_names_ending_like_a_bureau_are_people() -> None:
    text = "总统与新任的普里马科夫总理会谈。"
    assert "普里马科夫" in names(text, "PER")


def test_a_person_a_doctrine_is_named_after() -> None:
    assert "列宁" in names("他们认真学习列宁主义的基本原理。", "PER")


def test_a_newspaper_named_in_full_is_an_organisation() -> None:
    assert "华盛顿邮报" in names("据《华盛顿邮报》报道，会谈将于下周举行。", "ORG")
    assert not names("会上印发了《情况通报》。", "ORG")


def test_a_body_whose_name_the_dictionary_reads_as_a_verb_is_whole() -> None:
    assert "联合国禁毒署" in names("联合国禁毒署署长在会上发言。", "ORG")


@pytest.mark.parametrize(
    ("text", "people"),
    [
        ("王建国李红梅张卫东等与会代表一起参观了展览。", ["王建国", "李红梅", "张卫东"]),
        ("本报记者周明李华报道", ["周明", "李华"]),
    ],
)
def test_names_printed_without_a_pause_are_people_each(text: str, people: list[str]) -> None:
    found = [text[a:b] for a, b, kind in ner_spans(text) if kind == "PER"]
    assert found == people


def test_a_name_started_earlier_by_mending_never_overlaps_another() -> None:
    text = "李区李街赵村"
    spans = ner_spans(text)
    assert all(a[1] <= b[0] for a, b in pairwise(spans))


def test_training_marks_no_place_the_annotators_read_as_part_of_another_name() -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("train_ner", ROOT / "tools" / "train_ner.py")
    assert spec is not None and spec.loader is not None
    train_ner = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(train_ner)
    # a place CLUENER leaves unmarked is marked, unless it only begins a sight's or a book's name
    assert train_ner.with_places("周末去北京欢乐谷玩。", []) == [(3, 5, "LOC")]
    assert train_ner.with_places("周末去北京欢乐谷玩。", [], [(3, 8, "scene")]) == []
    assert train_ner.with_places("他在读重庆旅游指南。", [], [(3, 9, "book")]) == []
    # a sight alone stays a place, as People's Daily marks it
    assert train_ner.with_places("他在故宫看展览。", [], [(2, 4, "scene")]) == [(2, 4, "LOC")]
