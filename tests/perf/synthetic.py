"""A synthetic archive of N articles recombined from the seed paragraphs, for benchmarks.

Files hold 50 articles each (or as many as asked) in the newspaper dump format: a title
line, a blank line, a `本报讯 (记者 NAME) ...` paragraph, more paragraphs, blank lines.
Titles, organisations and people's names are recombined from the seeds so that the archive
is varied but reads like the real pages. The output is deterministic for a given N.
"""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
PER_FILE = 50

_ORG = re.compile(
    r"(?<![\u4e00-\u9fff])[\u4e00-\u9fff]{2,8}?(?:区总工会|街道总工会|总工会|公司|集团|医院|大学)"
)
_PLACE = re.compile(r"(?<![\u4e00-\u9fff])[\u4e00-\u9fff]{2,3}(?:区|街道|镇)")
# Words that the organisation pattern picks up before a name (据密云区总工会, 这是...).
_LEAD_IN = re.compile(
    r"^(?:据|这是|我们圆满完成|记者从|继续完成|并代表|同时协调|设置在|该|云区委和)"
)
_NAME = re.compile(r"(?:记者|通讯员|主席|书记|队长)\s*([\u4e00-\u9fff]{2,3})")
_ACTIONS = (
    "开展创城志愿服务活动",
    "举办庆“三八”插花培训活动",
    "组织职工学习党的二十大精神",
    "慰问一线防疫职工",
    "评选“最美办公室”",
    "为职工免费义诊",
    "召开劳模先进事迹宣讲会",
    "推进产业工人队伍建设改革",
    "开展职工文体竞赛活动",
    "打造特色企业文化墙",
    "举行学雷锋志愿服务月启动仪式",
    "支援社区疫情防控工作",
    "发布十大最美出租汽车司机",
    "开展保水护山志愿服务",
)


def _seed_material() -> tuple[list[str], list[str], list[str], list[str], list[str]]:
    paragraphs, titles, orgs, places, names = [], [], set(), set(), set()
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for raw in text.splitlines():
            line = raw.strip().lstrip("#").strip()
            if len(line) >= 60:
                paragraphs.append(re.sub(r"^本报讯\s*[(（][^)）]*[)）]\s*", "", line))
            elif 6 <= len(line) <= 30 and not re.search(r"[，。,；：]|记者", line):
                titles.append(line.lstrip("—□"))
                places.update(_PLACE.findall(line))
        orgs.update(_LEAD_IN.sub("", m) for m in _ORG.findall(text))
        names.update(_NAME.findall(text))
    orgs = {o for o in orgs if 4 <= len(o) <= 14}
    places = {p for p in places if not p.startswith("年")}
    return paragraphs, titles, sorted(orgs), sorted(places), sorted(names)


def _person(rng: random.Random, names: list[str]) -> str:
    surname = rng.choice(names)[0]
    given = "".join(rng.choice(rng.choice(names)[1:]) for _ in range(rng.choice((1, 2))))
    return surname + given


def _article(rng: random.Random, material) -> str:
    paragraphs, titles, orgs, places, names = material
    org = rng.choice(orgs)
    roll = rng.random()
    if roll < 0.05:
        title = rng.choice(titles)
    elif roll < 0.4:
        title = org + rng.choice(_ACTIONS)
    else:  # an organisation and a clause from some paragraph: titles rarely repeat
        clauses = [
            c for c in re.split(r"[，。,；：、“”]", rng.choice(paragraphs)) if 6 <= len(c) <= 18
        ]
        title = org + (rng.choice(clauses) if clauses else rng.choice(_ACTIONS))
    reporter = _person(rng, names)
    byline = f"本报讯 (记者 {reporter})"
    if rng.random() < 0.4:
        byline = f"本报讯 (记者 {reporter} 通讯员 {_person(rng, names)})"
    body = []
    for _ in range(rng.choice((1, 2, 2, 3, 4))):
        paragraph = rng.choice(paragraphs)
        # Recombine: other organisations, places and people in the same sentences.
        paragraph = _ORG.sub(lambda m: rng.choice(orgs) if rng.random() < 0.5 else m[0], paragraph)
        paragraph = _PLACE.sub(
            lambda m: rng.choice(places) if rng.random() < 0.3 else m[0], paragraph
        )
        paragraph = _NAME.sub(lambda m: m[0][: -len(m[1])] + _person(rng, names), paragraph)
        body.append(paragraph)
    body[0] = f"{byline} {body[0]}"
    return title + "\n\n" + "\n\n".join(body) + "\n\n\n"


def build_archive(n: int, out_dir: Path, per_file: int = PER_FILE) -> list[Path]:
    """Write n synthetic articles into out_dir, `per_file` to a file; return the files."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(n)
    material = _seed_material()
    paths = []
    for start in range(0, n, per_file):
        count = min(per_file, n - start)
        path = out_dir / f"synthetic_{start // per_file:05d}.txt"
        path.write_text("\n".join(_article(rng, material) for _ in range(count)), encoding="utf-8")
        paths.append(path)
    return paths


if __name__ == "__main__":
    files = build_archive(int(sys.argv[1]), Path(sys.argv[2]))
    print(f"{len(files)} files in {sys.argv[2]}")
