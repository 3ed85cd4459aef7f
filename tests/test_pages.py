"""The page parser on the five seed pages: every title block, byline, lead and mended break."""

from __future__ import annotations

import pytest

from helpers import seed_text
from unionreader.corpus.pages import complete, parse_page

KICKER = "深入学习贯彻党的二十大精神 奋力开拓首都工会工作新局面"

# (title, deck, subtitle, kind, reporters, correspondents, photographers)
EXPECTED = {
    "000": [
        ("为创建文明城区注入工力量", None, "密云区总工会助力全国文明城市创建工作纪实",
         "feature", ["王路曼"], [], []),
    ],
    "001": [
        ("市推进产业工人队伍建设改革工作评价组赴密云调研", None, None, "news", ["王路曼"], [], []),
        ("体验非遗文化", None, None, "photo", ["余翠平"], [], ["余翠平"]),
        ("走进花艺世界", None, None, "photo", ["周美玉"], [], ["周美玉"]),
        ("经开区学雷锋志愿服务月主题活动启动", None, None, "news", ["陈曦"], ["刘换利"], []),
        ("劳模讲述雷锋故事", None, None, "photo", ["盛丽"], ["李肖杰"], ["盛丽", "李肖杰"]),
        ("顺义区总工会开展创城志愿服务活动", None, None, "news", ["王路曼"], [], []),
        ("朝阳邮政女职工插花比拼喜迎“三八”节", None, None, "news", ["边磊"], [], []),
        ("和平街工会7场活动贴心服务女职工", None, None, "news", ["刘欣欣"], [], []),
    ],
    "002": [
        ("工会在身边 温暖在心间", None, "盘点2023年密云区工会工作关键词",
         "feature", ["王路曼"], [], ["王路曼"]),
    ],
    "003": [
        ("平谷区总工会凝聚干部职工同心抗疫",
         "建立支援保障工作梯队 走访慰问一线防疫人员 强化榜样导向和示范效应", None,
         "news", ["马超"], [], []),
        ("交通运输部 全国总工会联合发布“2021年十大最美出租汽车司机”", None, None,
         "news", ["白莹"], [], []),
        ("市皮鞋厂职工热学党的二十大精神", None, None, "news", ["陈曦"], [], []),
        ("密云区鼓楼街道10个企业工会支援社区疫情防控", None,
         "百余名职工闻令而动化身防疫志愿者", "news", ["王路曼"], [], []),
        ("公交特色文化墙记录职工精彩瞬间", None, None, "photo",
         ["盛丽"], ["赵宇", "邢懋震"], ["盛丽", "赵宇", "邢懋震"]),
        ("北京外国语大学工会评选“最美办公室”", None, None, "news", ["任洁"], ["薛晨希"], []),
        ("普田物流怀柔厂区工会为职工免费义诊", None, None, "news", ["崔欣"], ["张顺俭"], []),
    ],
    "004": [
        ("赓续劳动精神 争当先锋模范", None, "密云区总工会深入开展劳模先进评选和服务工作纪实",
         "feature", ["王路曼"], [], []),
    ],
}  # fmt: skip


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_seed_title_blocks_and_bylines(prefix: str) -> None:
    articles = parse_page(seed_text(prefix))
    got = [
        (a.title, a.deck, a.subtitle, a.kind, list(a.reporters), list(a.correspondents),
         list(a.photographers))
        for a in articles
    ]  # fmt: skip
    assert got == [tuple(e) for e in EXPECTED[prefix]]


def test_seeds_give_eighteen_articles() -> None:
    assert sum(len(parse_page(seed_text(p))) for p in EXPECTED) == 18


def test_page_banner_and_section_label_head_every_item() -> None:
    page = parse_page(seed_text("001"))
    assert {(a.kicker, a.section) for a in page} == {(KICKER, "多彩三月")}
    page = parse_page(seed_text("003"))
    assert {(a.kicker, a.section) for a in page} == {(KICKER, None)}
    assert parse_page(seed_text("000"))[0].kicker is None


def test_bylines_leave_the_text() -> None:
    for prefix in EXPECTED:
        for article in parse_page(seed_text(prefix)):
            for block in article.blocks:
                assert not block.text.startswith("本报讯"), block.text
                assert "摄影报道" not in block.text
                assert "□" not in block.text
    first = parse_page(seed_text("001"))[0]
    assert first.blocks[0].type == "lead"
    assert first.blocks[0].text.startswith("近日,市推进产业工人队伍建设改革工作评价组赴密云调研。")


def _types(article) -> list[str]:
    return [b.type for b in article.blocks]


def test_news_items_open_with_their_lead_and_photo_items_hold_one_paragraph() -> None:
    for prefix in ("001", "003"):
        for article in parse_page(seed_text(prefix)):
            if article.kind == "photo":
                assert _types(article) == ["paragraph"]
            else:
                assert _types(article)[0] == "lead"
                assert set(_types(article)[1:]) == {"paragraph"}


def test_feature_leads_are_found_wherever_they_sit() -> None:
    leads = {p: parse_page(seed_text(p))[0].blocks[0] for p in ("000", "002", "004")}
    assert all(block.type == "lead" for block in leads.values())
    # 000: the lead sits just above the mid-page title block; 002 and 004: at the top.
    assert leads["000"].text.startswith("创城有我,工会在行动。")
    assert leads["002"].text.startswith("2023年,密云区总工会以学习宣传贯彻中共二十大精神为主线")
    assert leads["004"].text.startswith("他们是新时代奋斗者的杰出代表")
    for prefix in ("000", "002", "004"):
        assert _types(parse_page(seed_text(prefix))[0]).count("lead") == 1


def test_feature_subheads_and_captions() -> None:
    feature = parse_page(seed_text("000"))[0]
    subheads = [b.text for b in feature.blocks if b.type == "subhead"]
    assert subheads == [
        "主动担当作为 冲锋创城一线",
        "以活动为载体 让“文明之花”深入人心",
        "创城有我 职工志愿服务随处可见",
        "打造服务阵地 送达温暖慰问",
    ]
    captions = [b.text for b in feature.blocks if b.type == "caption"]
    assert captions == [
        "密云区总工会举行创城攻坚阶段工作部署会",
        "“劳动创造幸福”劳模先进事迹主题宣讲活动举行",
        "“讲劳模故事 传文明家风”文明家庭创建活动开展",
        "职工志愿者开展“周末大扫除”活动",
        "助力创城骑行宣传活动举行",
        "工会干部走上街头参与志愿服务",
        "工会干部带头参与创城志愿服务",
        "密云区总工会慰问创城一线职工",
    ]
    report = parse_page(seed_text("002"))[0]
    assert [b.text for b in report.blocks if b.type == "subhead"][:2] == [
        "关键词一 唱响主旋律",
        "持续强化职工思想政治引领工作",
    ]
    assert "积极落实“朝密对接”工作,开展“共护一泓碧水 助力乡村振兴”农副产品推介活动" in [
        b.text for b in report.blocks if b.type == "caption"
    ]
    awards = parse_page(seed_text("004"))[0]
    assert [b.text for b in awards.blocks if b.type == "caption"][-2:] == [
        "开展劳模体检工作",
        "慰问劳模先进",
    ]
    assert [b.text for b in awards.blocks if b.type == "subhead"] == [
        "大力弘扬劳模精神 唱响时代主旋律",
        "立足岗位立新功 各行各业涌现先进人物",
        "工会在行动 关心关爱劳模先进暖人心",
    ]


# Each pair: the end of one column and the start of the next, which must now be one paragraph.
MENDED = {
    "000": ["进行慰问,让他们", "志愿服务活动随处可见", "生态涵养区建设"],
    "001": ["强化任务落实", "搞好顶层设计", "服务民生", "启动仪式现场", "四人一组", "乱停乱放",
            "不同的色彩", "文体活动、权益"],
    "002": ["扩大工会组织的覆盖面", "积极构建和谐"],
    "003": ["还积极汇聚", "等环节,综合考虑", "极大增强了党员", "志愿服务和基层", "口腔医院等企业",
            "教师办公室,虽然", "腰椎,进行"],
    "004": ["在密云区委和北京市总工会", "东菜园社区时刻", "不文明养犬"],
}  # fmt: skip


@pytest.mark.parametrize("prefix", sorted(MENDED))
def test_column_breaks_are_mended(prefix: str) -> None:
    articles = parse_page(seed_text(prefix))
    paragraphs = [b.text for a in articles for b in a.blocks if b.type in ("lead", "paragraph")]
    for joined in MENDED[prefix]:
        assert any(joined in text for text in paragraphs), joined
    broken = [t for t in paragraphs if not complete(t)]
    if prefix == "002":
        # the continuation of "金秋助" was lost on the page: the fragment stays as it is
        assert [t[-6:] for t in broken] == ["医疗互助、金秋助"[-6:]]
    else:
        assert broken == []


def test_a_fragment_is_never_glued_to_a_new_paragraph() -> None:
    report = parse_page(seed_text("002"))[0]
    texts = [b.text for b in report.blocks]
    fragment = next(t for t in texts if t.endswith("金秋助"))
    assert "此外" not in fragment
    assert any(t.startswith("此外,2023年,密云区总工会开展优秀职工疗休养11批") for t in texts)


def test_captions_between_halves_stay_captions() -> None:
    awards = parse_page(seed_text("004"))[0]
    texts = [b.text for b in awards.blocks]
    joined = next(t for t in texts if t.startswith("在过去的一年里"))
    assert "表彰活动现场" not in joined
    assert texts.index("表彰活动现场") > texts.index(joined)


def test_whole_file_belongs_to_the_feature() -> None:
    for prefix in ("000", "002", "004"):
        (feature,) = parse_page(seed_text(prefix))
        body = "".join(b.text for b in feature.blocks)
        assert len(body) > 3000
    (report,) = parse_page(seed_text("002"))
    assert report.blocks[-1].text == "“缘起工会”系列单身职工联谊活动举行"
