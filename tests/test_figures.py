"""Key figures: what counts as a figure, its kind, value and approximator, and its span."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from unionreader.analysis.figures import KINDS, figures_for_article, find_figures
from unionreader.analysis.numerals import NumeralError, parse_numeral, parse_spread
from unionreader.model import Article, Block, Figure


def texts(text: str) -> list[str]:
    return [f.text for f in find_figures(text)]


def one(text: str) -> Figure:
    found = find_figures(text)
    assert len(found) == 1, found
    return found[0]


def named(text: str, figure: str) -> Figure:
    found = [f for f in find_figures(text) if f.text == figure]
    assert found, find_figures(text)
    return found[0]


# --- numerals ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("numeral", "value"),
    [
        ("一千二百三十四", 1234),
        ("两千四百五", 2450),
        ("九百九", 990),
        ("九万零四百", 90400),
        ("九万四", 94000),
        ("九萬四", 94000),
        ("一亿五", 150_000_000),
        ("四万万", 400_000_000),
        ("万亿", 10**12),
        ("二十万亿", 2 * 10**13),
        ("十万柒仟捌佰伍拾肆", 107_854),
        ("五兆六十二億四萬五千二", 5_006_200_045_200),
        ("一千零一", 1001),
        ("一千零一十", 1010),
        ("两百点两", 200.2),
        ("零点五", 0.5),
        ("一万零一十八点一五", 10018.15),
        ("三点五万", 35000),
        ("十", 10),
        ("百", 100),
        ("1,234", 1234),
        ("３４", 34),
        ("1.3万", 13000),
        ("5万4千6百", 54600),
        ("4000万", 40_000_000),
        ("1·5万", 15000),
    ],
)
def test_numerals_parse_to_their_value(numeral: str, value: float) -> None:
    assert parse_numeral(numeral) == (value, False)


@pytest.mark.parametrize(
    ("numeral", "value"),
    [("十几", 10), ("几十", 10), ("数万", 10000), ("二十几万", 200_000), ("几百", 100)],
)
def test_uncounted_digits_give_the_floor_and_a_vague_flag(numeral: str, value: int) -> None:
    assert parse_numeral(numeral) == (value, True)


@pytest.mark.parametrize("numeral", ["十二五", "两三", "五一", "三八", "十百", "一二", "", "二〇"])
def test_malformed_numerals_are_refused(numeral: str) -> None:
    with pytest.raises(NumeralError):
        parse_numeral(numeral)


def test_neighbouring_digits_are_a_spread() -> None:
    assert parse_spread("五六十") == ((50, 60), False)
    assert parse_spread("十六七") == ((16, 17), False)
    assert parse_spread("一百四五十") == ((140, 150), False)
    assert parse_spread("三八") is None
    assert parse_spread("五六") is None


# --- what is a figure --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "figure", "kind"),
    [
        ("先后出动1000余人次参与周末大扫除活动", "1000余人次", "people"),
        ("对坚守在创城一线的3000余名职工进行慰问", "3000余名", "people"),
        ("来自42家企业的近万名职工参与其中", "近万名", "people"),
        ("组织百余名职工积极支援", "百余名", "people"),
        ("邀请4位劳模及其家属", "4位", "people"),
        ("已下沉6批次,共58人次干部职工", "58人次", "people"),
        ("服务职工2万余人", "2万余人", "people"),
        ("送达慰问品总价值20余万元", "20余万元", "money"),
        ("累计销售农副产品817万元", "817万元", "money"),
        ("景区门票收入246万余元", "246万余元", "money"),
        ("2023年11月,北京市总工会职工服务中心", "2023年11月", "date"),
        ("4月26日,密云区总工会召开表彰会", "4月26日", "date"),
        ("自10月28日突发疫情以来", "10月28日", "date"),
        ("共481支职工志愿服务队伍", "481支", "quantity"),
        ("打造6000余平方米的“体验式党建广场”", "6000余平方米", "quantity"),
        ("开展职工沟通会近200场", "近200场", "quantity"),
        ("开展法律宣传60场次", "60场次", "quantity"),
        ("服务时长两万小时", "两万小时", "duration"),
        ("制作出了248块企业文化展板", "248块", "quantity"),
        ("新开辟11条朝阳职工密云云线路", "11条", "quantity"),
        ("新建单独基层工会组织23家", "23家", "quantity"),
        ("优良率达到98.5%", "98.5%", "percent"),
        ("百分之十二的企业", "百分之十二", "percent"),
        ("每组10至20人", "10至20人", "people"),
        ("为期3-5天", "3-5天", "duration"),
    ],
)
def test_news_numbers_are_figures_with_their_kind(text: str, figure: str, kind: str) -> None:
    found = [(f.text, f.kind) for f in find_figures(text)]
    assert (figure, kind) in found


@pytest.mark.parametrize(
    "text",
    [
        "以实际行动落实党的二十大精神",
        "学习贯彻中国工会十八大精神",
        "中国工会第十八次全国代表大会隆重召开",
        "积极开展“四个一”志愿服务活动",
        "坚定捍卫“两个确立”,坚决做到“两个维护”",
        "努力实现“四个确保”和“五个样板”的目标",
        "发挥“1+10”党员联系群众机制作用",
        "通过开展党员1+10、在职党员进楼门等活动",
        "充分发挥“群众身边的华宇5X服务先锋”优势",
        "依托12351职工热线,为受疫情影响的企业提供服务",
        "国际大厦967办公室是国际教育学院的教师办公室",
        "国际大厦1012办公室是专用英语学院教师办公室",
        "冲锋创城一线",
        "心往一处想、劲往一处使",
        "开展了一系列丰富多彩的活动",
        "千方百计为群众办实事",
        "一位聆听了现场宣讲的基层工会干部说",
        "一朵栩栩如生的木质纹理的“玫瑰花”",
        "真是一举多得",
        "第一时间学习到大会精神",
        "守护密云水库的这一盆净水",
        "喜迎“三八”节的到来",
        "五一国际劳动节庆祝活动",
        "首都职工志愿“一呼来”志愿服务队",
        "被全国总工会评为2023年“最美站点”",
        "联合发布“2021年十大最美出租汽车司机”",
        "其中王建生等人为2021年十大最美出租汽车司机",
        "对2023年全国工人先锋号获得集体予以表彰",
        "获得2023年首都劳动奖章的密云区中医院副院长",
        "2023年学雷锋志愿服务月主题活动启动",
        "制定了《密云区2023年产业工人队伍建设改革工作要点》",
        "在第五个“中国农民丰收节”之际",
        "以产业工人队伍建设改革实施五周年为起点",
        "我平均每周就会来两三次",
        "国是千万家",
        "十字路口等区域",
        "党的十九届六中全会",
        "“十四五”规划开局之年",
        "成千上万名群众",
        "第 3 页",
        "关键词五 坚守主阵地",
        "比分2-1",
        "3胜2平1负",
        "一天一个样",
        "环顾四周",
        "三位一体的新领导",
        "四人一组在路口",
        "稿件为2009年银行卡安全有奖征文活动投稿",
    ],
)
def test_names_slogans_codes_and_words_are_not_figures(text: str) -> None:
    assert find_figures(text) == []


@pytest.mark.parametrize(
    ("title", "figure"),
    [
        ("和平街工会7场活动贴心服务女职工", "7场"),
        ("密云区鼓楼街道10个企业工会支援社区疫情防控", "10个"),
        ("百余名职工闻令而动化身防疫志愿者", "百余名"),
    ],
)
def test_titles_have_figures_too(title: str, figure: str) -> None:
    assert texts(title) == [figure]


# --- approximators and values ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "figure", "value", "approx"),
    [
        ("累计参与职工达1.3万余人次", "1.3万余人次", 13000, "over"),
        ("累计创收近4000万元", "近4000万元", 40_000_000, "under"),
        ("服务时长两万小时", "两万小时", 20000, None),
        ("开展志愿服务活动百余次", "百余次", 100, "over"),
        ("支援20多个社区", "20多个", 20, "over"),
        ("现有职工不到50人", "不到50人", 50, "under"),
        ("总重约5万吨", "约5万吨", 50000, "about"),
        ("参观者已逾万人", "逾万人", 10000, "over"),
        ("总时间超过7500小时", "超过7500小时", 7500, "over"),
        ("派出上千人次宣传", "上千人次", 1000, "over"),
        ("我干个体快20年了", "快20年", 20, "under"),
        ("占据68％以上的市场", "68％以上", 68, "over"),
        ("每桶13美元左右", "13美元左右", 13, "about"),
        ("其中百人以上1家", "百人以上", 100, "over"),
        ("十来个村庄", "十来个", 10, "about"),
        ("吸引数万职工参与", "数万", 10000, "over"),
        ("投资三十多万元", "三十多万元", 300_000, "over"),
        ("投资两千多万元人民币", "两千多万元人民币", 20_000_000, "over"),
        ("面积达1·5万亩", "1·5万亩", 15000, None),
        ("共有１，２３４人", "１，２３４人", 1234, None),
        ("八成以上的职工", "八成以上", 80, "over"),
        ("约有3成企业", "3成", 30, None),
        ("来了五六十人", "五六十人", "50-60", None),
        ("活动为期三个月", "三个月", 3, None),
        ("他干了1年半", "1年半", 1.5, None),
        ("用了3个半小时", "3个半小时", 3.5, None),
        ("同比下降-22.2%", "-22.2%", -22.2, None),
        ("增速为负3.9%", "负3.9%", -3.9, None),
        ("气温零下5℃", "零下5℃", -5, None),
        ("央行到期定存单5306亿台币", "5306亿台币", 530_600_000_000, None),
        ("身高168cm的人", "168cm", 168, None),
        ("委员会共由九名成员组成", "九名", 9, None),
        ("戎马倥偬7年多,仅回乡一次", "7年多", 7, "over"),
    ],
)
def test_values_are_normalised_with_their_approximator(
    text: str, figure: str, value: object, approx: str | None
) -> None:
    f = named(text, figure)
    assert (f.value, f.approx) == (value, approx)


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("共58人次", "58人次"),
        ("累计开展公益服务400余次", "400余次"),
        ("达1.3万余人次", "1.3万余人次"),
    ],
)
def test_totals_words_stay_outside_the_figure(text: str, figure: str) -> None:
    assert texts(text) == [figure]


@pytest.mark.parametrize(
    ("text", "figure", "approx"),
    [
        ("最近3天", "3天", None),  # 最近 is recent, not nearly
        ("预约3名专家", "3名", None),  # 预约 is a booking
        ("近3年来,我国高校", "3年", None),  # 近3年来: the last three years
        ("加快3个项目", "3个", None),
    ],
)
def test_words_ending_in_an_approximator_do_not_approximate(
    text: str, figure: str, approx: str | None
) -> None:
    f = one(text)
    assert (f.text, f.approx) == (figure, approx)


@pytest.mark.parametrize(
    ("text", "figure", "value"),
    [
        ("2022年5月,密云区总工会开展活动", "2022年5月", "2022-05"),
        ("2023年,密云区总工会将继续扩大", "2023年", "2023"),
        ("2023年开展环境保护志愿服务活动60余次", "2023年", "2023"),
        ("2023年初,密云区总工会对10名劳动模范进行了走访慰问", "2023年初", "2023"),
        ("顺利完成2022年度劳模体检工作", "2022年度", "2022"),
        ("4月,密云区总工会举办活动", "4月", "--04"),
        ("10月28日突发疫情", "10月28日", "--10-28"),
        ("本报讯 17日在此间说", "17日", "---17"),
        ("二〇二三年十一月五日", "二〇二三年十一月五日", "2023-11-05"),
        ("发布日期 2023-11-05。", "2023-11-05", "2023-11-05"),
        ("1999—2002年是过渡期", "1999—2002年", "1999/2002"),
        ("80年代初", "80年代", None),
    ],
)
def test_dates_get_iso_like_values(text: str, figure: str, value: str | None) -> None:
    f = next(f for f in find_figures(text) if f.kind == "date")
    assert (f.text, f.value) == (figure, value)


@pytest.mark.parametrize(
    ("text", "figure", "value"),
    [
        ("会议于下午3点30分开始", "下午3点30分", "15:30"),
        ("当晚8时举行", "晚8时", "20:00"),
        ("北京时间清晨4时45分结束", "4时45分", "04:45"),
        ("开门时间 9:30。", "9:30", "09:30"),
        ("今天2:00 pm, 你会收到", "2:00 pm", "14:00"),
    ],
)
def test_times_of_day(text: str, figure: str, value: str) -> None:
    f = one(text)
    assert (f.text, f.kind, f.value) == (figure, "time", value)


def test_more_after_a_count_belongs_to_the_next_word() -> None:
    assert texts("3天多次检查") == ["3天"]
    assert texts("建了3个多功能厅") == ["3个"]


def test_points_of_a_speech_are_not_a_time() -> None:
    f = one("他提出3点建议")
    assert (f.text, f.kind) == ("3点", "quantity")


def test_each_documented_kind_is_produced() -> None:
    sample = "2023年,共有1000余人参与,投入20万元,开展30场活动,服务5000小时,满意率98%,下午3点结束。"
    found = find_figures(sample)
    assert {f.kind for f in found} == set(KINDS)


def test_values_are_json_serialisable() -> None:
    found = find_figures("2023年11月,近4000万元,10至20人,98.5%,下午3点,1.3万余人次,80年代")
    payload = json.dumps([[f.text, f.kind, f.value, f.approx] for f in found], ensure_ascii=False)
    assert "近4000万元" in payload


def test_figures_in_short_quotes_and_book_titles_are_skipped_but_speech_keeps_them() -> None:
    assert find_figures("“100人”") == []
    assert find_figures("《2023年工作报告》") == []
    assert texts("他说:“我们服务了3000人,很自豪。”") == ["3000人"]


# --- articles ----------------------------------------------------------------------------


def test_figures_for_article_covers_title_deck_subtitle_and_blocks() -> None:
    article = Article(
        id="a1",
        source="x.txt",
        title="和平街工会7场活动贴心服务女职工",
        deck="3000余名职工参与",
        subtitle="——盘点2023年工作",
        blocks=(
            Block("lead", "没有数字的一段。"),
            Block("paragraph", "预计累计参与女职工400余人。"),
        ),
    )
    figures = figures_for_article(article)
    assert [(f.field, f.block, f.text) for f in figures] == [
        ("title", None, "7场"),
        ("deck", None, "3000余名"),
        ("subtitle", None, "2023年"),
        ("block", 1, "400余人"),
    ]
    for f in figures:
        assert article.field_text(f.field, f.block)[f.start : f.end] == f.text
    assert figures[3].to_json()["value"] == 400
    assert figures[3].approx == "over"


def test_an_article_without_deck_or_subtitle_is_fine() -> None:
    article = Article(id="a", source="s", title="无数字标题")
    assert figures_for_article(article) == ()


# --- properties --------------------------------------------------------------------------

NUMERALISH = st.sampled_from(
    list("0123456789０１２３４５６７８９一二两三四五六七八九十百千万亿零〇几数余多近约")
    + list(".,，·%％:：-至到年月日号人名位次元个场点时分成第“”《》+X ")
    + ["人次", "万元", "平方米", "百分之", "以上", "左右", "不到", "超过", "2023年", "个百分点"]
)
ANY_TEXT = st.one_of(
    st.text(max_size=80),
    st.lists(st.one_of(NUMERALISH, st.text(max_size=3)), max_size=40).map("".join),
)


def _is_digit(ch: str) -> bool:
    return ch.isdecimal()


@settings(max_examples=400, deadline=None)
@given(ANY_TEXT)
def test_any_text_gives_sorted_disjoint_spans_that_match_the_text(text: str) -> None:
    found = find_figures(text)
    previous_end = 0
    for f in found:
        assert 0 <= f.start < f.end <= len(text)
        assert f.start >= previous_end
        assert f.text == text[f.start : f.end]
        assert f.kind in KINDS
        assert f.value is None or isinstance(f.value, (int, float, str))
        assert f.approx in (None, "over", "under", "about")
        # never starts or ends in the middle of a run of digits
        if f.start > 0:
            assert not (_is_digit(text[f.start - 1]) and _is_digit(text[f.start]))
        if f.end < len(text):
            assert not (_is_digit(text[f.end - 1]) and _is_digit(text[f.end]))
        previous_end = f.end


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=30), st.integers(min_value=1, max_value=99999), st.text(max_size=30))
def test_a_counted_group_of_people_is_always_found(left: str, n: int, right: str) -> None:
    # separated from the surroundings by punctuation, N名 is a people figure with value N
    text = f"{left}。共{n}名职工,{right}"
    hits = [f for f in find_figures(text) if f.text == f"{n}名"]
    assert hits and hits[0].kind == "people" and hits[0].value == n


@pytest.mark.parametrize("text", ["1万" * 2000 + "人", "十" * 5000 + "人", "1" * 5000 + "人"])
def test_runaway_numerals_are_refused_whole(text: str) -> None:
    assert find_figures(text) == []
