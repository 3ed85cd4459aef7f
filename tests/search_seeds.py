"""The bundled seeds as Article objects for search tests, split by known titles.

Search tests need articles before and without the page parser: this cuts each seed file at
the titles a reader sees on the page, which is all the search needs to be tested against.
"""

from __future__ import annotations

import re
from pathlib import Path

from unionreader.corpus.model import Article, Block, Entity, Mention
from unionreader.resources import seeds_dir

# file prefix -> [(deck, title, subtitle)] in page order
SEED_TITLES: dict[str, list[tuple[str | None, str, str | None]]] = {
    "000": [(None, "为创建文明城区注入工力量", "密云区总工会助力全国文明城市创建工作纪实")],
    "001": [
        (None, "市推进产业工人队伍建设改革工作评价组赴密云调研", None),
        (None, "体验非遗文化", None),
        (None, "走进花艺世界", None),
        (None, "经开区学雷锋志愿服务月主题活动启动", None),
        (None, "劳模讲述雷锋故事", None),
        (None, "顺义区总工会开展创城志愿服务活动", None),
        (None, "朝阳邮政女职工插花比拼喜迎“三八”节", None),
        (None, "和平街工会7场活动贴心服务女职工", None),
    ],
    "002": [(None, "工会在身边 温暖在心间", "盘点2023年密云区工会工作关键词")],
    "003": [
        (
            "建立支援保障工作梯队 走访慰问一线防疫人员 强化榜样导向和示范效应",
            "平谷区总工会凝聚干部职工同心抗疫",
            None,
        ),
        (None, "交通运输部 全国总工会联合发布“2021年十大最美出租汽车司机”", None),
        (None, "市皮鞋厂职工热学党的二十大精神", None),
        (None, "密云区鼓楼街道10个企业工会支援社区疫情防控", "百余名职工闻令而动化身防疫志愿者"),
        (None, "公交特色文化墙记录职工精彩瞬间", None),
        (None, "北京外国语大学工会评选“最美办公室”", None),
        (None, "普田物流怀柔厂区工会为职工免费义诊", None),
    ],
    "004": [(None, "赓续劳动精神 争当先锋模范", "密云区总工会深入开展劳模先进评选和服务工作纪实")],
}

_BYLINE = re.compile(r"^本报讯\s*[(（]记者\s*([^)）]*?)(?:\s*通讯员\s*([^)）]*))?[)）]\s*")


def _clean(line: str) -> str:
    return line.strip().lstrip("#").strip().lstrip("—").strip()


def seed_articles() -> list[Article]:
    """The 18 seed articles: one feature in 000, 002, 004; eight items in 001; seven in 003."""
    articles: list[Article] = []
    for path in sorted(seeds_dir().glob("*.txt")):
        prefix = path.name[:3]
        lines = [_clean(x) for x in path.read_text(encoding="utf-8").splitlines()]
        lines = [x for x in lines if x]
        items = SEED_TITLES[prefix]
        titles = [t for _, t, _ in items]
        feature = len(items) == 1
        starts = [lines.index(t) for t in titles]
        for k, (deck, title, subtitle) in enumerate(items):
            if feature:
                body_lines = lines
            else:
                stop = starts[k + 1] if k + 1 < len(items) else len(lines)
                body_lines = lines[starts[k] + 1 : stop]
            skip = {title, deck, subtitle}
            reporters: list[str] = []
            correspondents: list[str] = []
            blocks = []
            for line in body_lines:
                if line in skip or line.startswith("□本报记者") or line.endswith("摄影报道"):
                    continue
                if deck is None and k + 1 < len(items) and line == items[k + 1][0]:
                    continue
                match = _BYLINE.match(line)
                if match:
                    reporters += match.group(1).split()
                    correspondents += (match.group(2) or "").split()
                    line = line[match.end() :]
                kind = "paragraph" if len(line) > 30 else "caption"
                blocks.append(Block(kind, line))
            articles.append(
                Article(
                    id=f"{prefix}-{k}",
                    source=str(path),
                    title=title,
                    kind="feature" if feature else "news",
                    deck=deck,
                    subtitle=subtitle,
                    reporters=tuple(reporters),
                    correspondents=tuple(correspondents),
                    blocks=tuple(blocks),
                )
            )
    return articles


def with_entities(article: Article, names: list[tuple[str, str]]) -> Article:
    """The article with the given (text, type) entities, each mentioned where it occurs."""
    entities = []
    for text, etype in names:
        mentions = tuple(
            Mention("block", i, m.start(), m.end())
            for i, block in enumerate(article.blocks)
            for m in re.finditer(re.escape(text), block.text)
        )
        entities.append(Entity(text, etype, mentions))  # type: ignore[arg-type]
    return article.with_analysis(article.figures, tuple(entities))


def seeds_dir_path() -> Path:
    return seeds_dir()
