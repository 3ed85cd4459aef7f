"""The last pass over the names found (entities.conventions), with sentences of our own."""

from __future__ import annotations

from unionreader.analysis import segmenter
from unionreader.analysis.entities import ner_spans
from unionreader.analysis.entities.conventions import consistent_kinds, conventions, two_bodies
from unionreader.analysis.entities.mending import mended
from unionreader.analysis.entities.sentence import Sentence
from unionreader.analysis.ner.combine import combine


def names(text: str, kind: str | None = None) -> list[str]:
    return [text[s:e] for s, e, k in ner_spans(text) if kind is None or k == kind]


def test_the_government_of_a_city_or_district_is_a_body() -> None:
    assert names("海淀区政府昨天召开会议。", "ORG") == ["海淀区政府"]
    assert names("杭州市政府办公厅发出通知。", "ORG") == ["杭州市政府办公厅"]
    assert names("海淀区政府昨天召开会议。", "LOC") == []


def test_the_places_before_a_government_are_part_of_its_name() -> None:
    assert names("湖北省宜昌市政府发布公告。", "ORG") == ["湖北省宜昌市政府"]


def test_a_countrys_government_is_still_the_country() -> None:
    assert names("法国政府今天宣布新的措施。", "LOC") == ["法国"]
    assert names("特区政府今天宣布", "ORG") == []


def test_a_city_a_match_is_played_against_is_the_team() -> None:
    assert names("上周末尤文图斯主场两球击败巴黎。", "ORG")[-1] == "巴黎"
    assert "巴黎" not in names("上周末尤文图斯主场两球击败巴黎。", "LOC")


def test_a_country_listed_with_a_team_is_a_team() -> None:
    found = names("荷兰和比利时双双出线，上一轮比利时3比1战胜瑞典。", "ORG")
    assert {"荷兰", "比利时", "瑞典"} <= set(found)


def test_where_a_match_is_played_stays_a_place() -> None:
    assert "伦敦" in names("中国队昨天在伦敦战胜英国队。", "LOC")


def test_a_player_of_a_country_beaten_leaves_the_country_a_place() -> None:
    assert "芬兰" in names("她以三比一战胜芬兰的维尔塔宁。", "LOC")


def test_common_nouns_the_dictionary_calls_places_are_not_places() -> None:
    assert names("夏天我们去海滩，也去了一个海岛。", "LOC") == []
    assert names("他是这家商场的贵宾。", "LOC") == []


def test_a_homes_address_is_one_place() -> None:
    found = names("他家住在海淀区清河小区三号楼，每天步行上班。", "LOC")
    assert found == ["海淀区清河小区"]


def test_a_street_keeps_the_places_before_it_apart() -> None:
    found = names("活动在西城区西单北大街举行。", "LOC")
    assert "西城区西单北大街" not in found


def test_a_house_number_belongs_to_its_street_and_makes_an_address() -> None:
    assert names("公司搬到了杭州市延安路98号。", "LOC") == ["杭州市延安路98号"]


def test_a_direction_and_a_border_verb_are_not_part_of_a_place() -> None:
    found = names("项目东临翠湖路，北至学院大街。", "LOC")
    assert "翠湖路" in found and "学院大街" in found


def test_a_name_stops_before_a_bracket_it_does_not_close() -> None:
    for name in names("据花旗银行（中国有限公司披露"):
        assert "（" not in name


def test_a_name_written_twice_is_two_mentions() -> None:
    assert names("晚上是湖人湖人的比赛。", "ORG") in ([], ["湖人", "湖人"])
    for name in names("晚上是湖人湖人的比赛。"):
        assert name != "湖人湖人"


def test_a_surname_before_a_polite_word_names_no_one() -> None:
    assert names("刘女士说她很满意。", "PER") == []
    assert names("李先生表示同意。", "PER") == ["李"]


def test_a_trainee_or_an_author_before_a_name_is_a_title() -> None:
    assert names("（记者王强实习生李明辉）", "PER")[-1] == "李明辉"
    assert names("青年作者周晓川以一部短篇获奖。", "PER") == ["周晓川"]


def test_a_name_read_as_a_body_once_is_one_throughout_the_sentence() -> None:
    text = "奥格斯堡vs弗赖堡：奥格斯堡近况不佳。"
    assert consistent_kinds(text, [(0, 4, "ORG"), (6, 9, "ORG"), (10, 14, "PER")]) == [
        (0, 4, "ORG"),
        (6, 9, "ORG"),
        (10, 14, "ORG"),
    ]
    assert [text[s:e] for s, e, k in ner_spans(text) if k == "ORG"] == [
        "奥格斯堡",
        "弗赖堡",
        "奥格斯堡",
    ]


def test_a_latin_name_that_repeats_itself_is_one_name() -> None:
    assert "no" not in names("他的网名叫nono，很多人都认识。")


def test_a_verb_the_model_takes_into_a_body_is_left_out() -> None:
    text = "预祝民营企业家协会年会圆满成功。"
    sentence = Sentence(text, segmenter.cut(text))
    assert [text[s:e] for s, e, _ in mended(sentence, (0, 9, "ORG"))] == ["民营企业家协会"]


def test_a_particle_or_a_verb_glued_to_a_body_is_no_part_of_it() -> None:
    assert names("这家公司遭到了华宇公司的起诉。", "ORG") == ["华宇公司"]
    assert names("商界排名出炉，微软跌至第五位", "ORG") == ["微软"]


def test_a_surname_before_a_city_is_no_person() -> None:
    assert names("专家谈杭州楼市走势", "PER") == []


def test_the_countries_of_a_group_or_a_list_of_strong_teams_are_teams() -> None:
    found = names("四强已经产生：A组的日本、伊朗，B组的沙特、卡塔尔。", "ORG")
    assert found == ["日本", "伊朗", "沙特", "卡塔尔"]
    found = names("教练希望在对法国、德国等强队时拿到一分。", "ORG")
    assert found == ["法国", "德国"]


def test_a_team_read_as_a_place_is_an_organisation() -> None:
    text = "球直飞秘鲁队网窝。"
    sentence = Sentence(text, segmenter.cut(text))
    assert mended(sentence, (3, 6, "LOC")) == [(3, 6, "ORG")]


def test_levels_or_a_count_before_a_place_suffix_make_no_place() -> None:
    assert names("网点遍布各个省市自治区。", "LOC") == []
    assert names("这里有五大景区可以游览。", "LOC") == []


def test_the_union_of_a_listed_organisation_is_one_name() -> None:
    assert names("据首钢工会负责人介绍，活动很成功。", "ORG") == ["首钢工会"]


def test_a_rare_noun_before_a_street_word_names_the_street() -> None:
    assert names("志愿者们前往鼓楼大街、公交站等地。", "LOC") == ["鼓楼大街"]
    assert names("他们去了牌楼大街。", "LOC") == ["牌楼大街"]


def test_a_model_name_that_cuts_a_rule_name_in_two_gives_way_to_the_rules() -> None:
    text = "下沉滨河街道建西社区"
    found = combine(text, [(2, 7, "ORG")], [(2, 6, "LOC"), (6, 10, "LOC")], [0.9, 0.5])
    assert found == [(2, 6, "LOC"), (6, 10, "LOC")]


def test_two_listed_clubs_run_together_are_two_names() -> None:
    assert two_bodies(Sentence("曼联皇马", segmenter.cut("曼联皇马")), (0, 4, "ORG")) == [
        (0, 2, "ORG"),
        (2, 4, "ORG"),
    ]
    text = "在中国共产党中央委员会的领导下"
    assert "中国共产党中央委员会" in names(text, "ORG")


def test_a_surname_before_a_place_word_and_a_verb_is_a_person() -> None:
    text = "会上,孙峨眉鼓励大家继续努力。"
    sentence = Sentence(text, segmenter.cut(text))
    assert conventions(sentence, [(4, 6, "LOC")]) == [(3, 6, "PER")]
    text = "会上,周天山鼓励大家继续努力。"  # 天山 is a listed place: left to the rules
    assert conventions(Sentence(text, segmenter.cut(text)), [(4, 6, "LOC")]) == [(4, 6, "LOC")]


def test_a_reporter_in_a_byline_is_a_person() -> None:
    assert names("本报讯 (记者 周莹) 近日，区总工会开展慰问活动。", "PER") == ["周莹"]


def test_the_younger_one_of_a_foreign_name_is_not_part_of_it() -> None:
    assert names("此番小卡洛斯基带队出征。", "PER") == ["卡洛斯基"]


def test_a_companys_region_of_a_country_is_no_organisation() -> None:
    text = "公司中国区总裁表示，销售增长明显。"
    sentence = Sentence(text, segmenter.cut(text))
    assert conventions(sentence, [(2, 5, "ORG")]) == []
