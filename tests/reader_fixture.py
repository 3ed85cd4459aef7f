"""A hand-built article for the reader tests: header fields, every block type, figures, entities."""

from __future__ import annotations

from unionreader.model import Article, Block, Entity, Figure, Mention

PARAGRAPH_1 = (
    "初春时节,乍暖还寒,周末清晨的街道上行车并不多。截至目前,该区总工会先后出动1000余人次"
    "参与周末大扫除活动,累计清理垃圾481吨。"
)
PARAGRAPH_2 = (
    "文中的[bold]不是标记[/],[link=https://example.org]也不是链接[/link],"
    "[@click=app.quit]更不会退出程序。密云区总工会党组书记晁怀新介绍,全区职工参与率达到95%。"
)
PARAGRAPH_3 = (
    "据了解,密云区总工会根据区创城办关于创建全国文明城市工作的总体部署,认真完成各项分配任务。"
    "2023年11月,该区总工会拨付20余万元专项资金,在鼓楼街道开展志愿服务活动近200场。"
)


def _figure(text: str, kind: str, block: int, source: str) -> Figure:
    start = source.index(text)
    return Figure(text, kind, "block", block, start, start + len(text))


def _mentions(name: str, blocks: dict[int, str]) -> tuple[Mention, ...]:
    found = []
    for index, text in blocks.items():
        start = text.find(name)
        while start != -1:
            found.append(Mention("block", index, start, start + len(name)))
            start = text.find(name, start + 1)
    return tuple(found)


def sample_article(filler: int = 6) -> Article:
    """The article; `filler` extra paragraphs push later figures below the first screen."""
    filler_text = "工会组织职工志愿者对主次干道沿线、公交站、十字路口等区域进行清理。" * 3
    blocks = [
        Block("lead", "本报讯 密云区总工会积极开展周末大扫除活动。"),
        Block("paragraph", PARAGRAPH_1),
        Block("subhead", "主动担当作为 冲锋创城一线"),
        *[Block("paragraph", filler_text) for _ in range(filler)],
        Block("caption", "职工志愿者清理街道"),
        Block("paragraph", PARAGRAPH_2),
        Block("paragraph", PARAGRAPH_3),
    ]
    p2 = 3 + filler + 1
    p3 = p2 + 1
    figures = (
        _figure("1000余人次", "people", 1, PARAGRAPH_1),
        _figure("481吨", "quantity", 1, PARAGRAPH_1),
        _figure("95%", "percent", p2, PARAGRAPH_2),
        _figure("2023年11月", "date", p3, PARAGRAPH_3),
        _figure("20余万元", "money", p3, PARAGRAPH_3),
        _figure("近200场", "quantity", p3, PARAGRAPH_3),
    )
    texts = {i: b.text for i, b in enumerate(blocks)}
    entities = (
        Entity("密云区总工会", "org", _mentions("密云区总工会", texts)),
        Entity("晁怀新", "person", _mentions("晁怀新", texts)),
        Entity("鼓楼街道", "place", _mentions("鼓楼街道", texts)),
    )
    return Article(
        id="a1b2c3",
        source="seeds/000.txt",
        title="密云区总工会举行创城攻坚阶段工作部署会",
        kicker="深入学习贯彻党的二十大精神",
        section="第3版",
        deck="主动担当作为 冲锋创城一线",
        subtitle="全区工会系统1000余人次参与周末大扫除",
        reporters=("王路曼",),
        correspondents=("张三",),
        photographers=("李四",),
        blocks=tuple(blocks),
        figures=figures,
        entities=entities,
    )
