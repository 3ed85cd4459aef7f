"""Names after the model: mended as the genre reads them, or dropped as part of another name."""

from __future__ import annotations

import re
from bisect import bisect_right

from unionreader.analysis.entities.organisations import LEVELS, glued_verb, repeated_suffix
from unionreader.analysis.entities.people import foreign_end, names_run_together
from unionreader.analysis.entities.places import place_and_kind
from unionreader.analysis.entities.sentence import (
    ABSTRACT_ENDINGS,
    LOC,
    NAMEISH,
    ORG,
    PER,
    Sentence,
)

# Endings only an organisation has, a team's 队 among them (a 中心 or a 大厦 may be a building,
# so a place)
_ORG_ONLY_SUFFIXES = ("工会", "公司", "委员会", "集团", "协会", "党委", "党支部", "学会", "队")
# Characters a name never begins with: links between names, units of a date before it and
# the particles of a verb before it (遭到了|泽东公司)
_NOT_A_NAME_START = frozenset("至到和与及在从往由年月日号了着已将被把为给使并又就还仍便")
_VERB_TAGS = frozenset({"v", "vd", "vi"})
_SHOPS = frozenset({"店", "分店", "门店", "专卖店", "旗舰店", "便利店", "超市"})
# Tags of the words between a sponsor's name and 杯 (青岛/啤酒/杯)
_CUP_INSIDE = frozenset({"n", "nz", "nt", "ns", "nr", "x", "j", "vn"})
# Common nouns after a place that news corpora leave out of its name (南亚地区, 汉水流域)
_AREA_WORDS = ("地区", "流域", "小镇", "一带", "族")
# A building and a room in it (国际大厦967办公室): the building is the place
_ROOM = re.compile(r"(.{2,}?)[0-9０-９]+(?:号)?(?:办公室|会议室|教室|房间|室)")
# The last character of a body's short name and the title of its head that completes it:
# 日报|社长 is the head of the 日报社, 友协|会长 of the 友协会
_HEAD_TITLES = {"报": "社长", "协": "会长", "学": "会长"}
# The ranks of the units of a corps (总队, 大队, 小队): a unit named only by what it does
# (服务|大队) is one of many, no name
_UNIT_RANKS = frozenset({"总队", "大队", "中队", "小队", "支队"})
_ACTIVITY_TAGS = frozenset({"v", "vn"})


def mended(s: Sentence, span: tuple[int, int, str]) -> list[tuple[int, int, str]]:
    """A name as the genre reads it: an organisation without the title after it (法制科|
    科长), a "place" ending in 工会 or 公司 an organisation, a suffix word alone (团委) and a
    person ending like a committee (区卫健委) no name."""
    start, end, kind = span
    text, lex = s.text, s.lex
    name = text[start:end]
    if name in lex.org_suffixes or name in lex.not_names:
        return []
    if kind == ORG and unit_of_activity(s, start, end):
        return []  # 服务|大队: a unit named only by what it does
    if kind == PER and (
        (name[-1] in "委局办会部厅处科" and not s.transliterated(name))
        or (name[-1] in ABSTRACT_ENDINGS and s.common_word(name[:-1], 100))
    ):
        return []  # 区卫健委, 幸福感
    if kind == PER and end - start == 2 and name[1] == "老" and name[0] in lex.surnames:
        return [(start, start + 1, kind)]  # 胡老: the surname and an elder's honorific
    if kind == PER and end - start >= 4:
        run = names_run_together(s, start, end)
        if run:
            return [(a, b, PER) for a, b in run]  # 江泽民李鹏乔石: three people
    at = bisect_right(s.starts, start) - 1
    if kind != PER and end - start >= 3 and s.starts[at] < start and s.han(at):
        head = text[s.starts[at] : start]
        unknown = s.unknown(at) and not any(c in _NOT_A_NAME_START for c in head)
        if text[start] in LEVELS and glued_verb(s, at):
            pass  # 任|乡党委: a verb glued to the level that begins the name
        elif unknown or (
            (s.tags[at] in NAMEISH or s.tags[at] == "n")
            and not any(c in lex.function_chars or c in _NOT_A_NAME_START for c in head)
        ):
            start = s.starts[at]  # 经|开区总工会: a name starts where its word starts
            span = (start, end, kind)
            name = text[start:end]
    first = s.word_at.get(start)
    if (
        kind == ORG
        and first is not None
        and s.tags[first] in _VERB_TAGS
        and len(s.words[first]) > 1
        and end - s.starts[first + 1] >= 4
        and s.words[first] not in lex.org_suffixes
    ):
        start = s.starts[first + 1]  # 预祝|民营工作委员会: a verb before a body is not its name
        span, name = (start, end, kind), text[start:end]
    if kind == ORG and text.startswith(_HEAD_TITLES.get(name[-1], "\0"), end):
        end += 1  # 澳门日报|社长: the head of the 报社, 友协|会长 of the 协会
        span, name = (start, end, kind), text[start:end]
    room = _ROOM.fullmatch(name)
    if kind != PER and room:
        return [(start, start + room.end(1), LOC)]  # 国际大厦|967办公室: the building
    if kind == ORG:
        twice = repeated_suffix(s, name)
        if twice:
            second = start + twice
            while text[second].isspace():
                second += 1  # 北京有限公司 李有限公司: the blank between them is in neither
            return [(start, start + twice, ORG), (second, end, ORG)]
        for n in (3, 2):
            if end - start <= n + 2:
                continue
            if name[-n:] in lex.titles and name[-n - 1] in "科处局部室组":
                return [(start, end - n, kind)]
    if kind == LOC and len(name) >= 4 and name.endswith(_AREA_WORDS):
        cut = 1 if name[-1] == "族" else 2
        return [(start, end - cut, kind)]  # 南亚|地区, 汉水|流域: the place, not its area
    if kind == LOC and name.endswith(_ORG_ONLY_SUFFIXES):
        return [(start, end, ORG)]
    return [span]


def unit_of_activity(s: Sentence, start: int, end: int) -> bool:
    """服务大队, 巡逻中队: two words, a verb of what the unit does and its rank."""
    first = s.word_at.get(start)
    return (
        first is not None
        and s.starts[first + 1] < end
        and s.starts[min(first + 2, len(s.words))] == end
        and s.tags[first] in _ACTIVITY_TAGS
        and s.words[first + 1] in _UNIT_RANKS
    )


def settled(s: Sentence, span: tuple[int, int, str]) -> tuple[int, int, str]:
    """A mended name with its last corrections (foreign_end, place_and_kind)."""
    return place_and_kind(s, foreign_end(s, span))


def inside_other(s: Sentence, span: tuple[int, int, str]) -> bool:
    """Is the name only the start or end of another thing's name?

    青岛啤酒杯: a cup named after a sponsor; 阳光家园店: a shop named after a place; 宣传文化部
    (of a committee): a department whose name ends like a ministry's.
    """
    start, end, kind = span
    index = s.word_at
    after = index.get(end)
    if kind == LOC and after is not None and s.word(after) in _SHOPS:
        return True  # 阳光家园店: a shop named after its estate
    if after is not None:
        for k in range(after, min(after + 3, len(s.words))):
            w = s.words[k]
            if w.endswith("杯") and (len(w) > 1 or k > after) and s.tags[k] != "v":
                return True
            if s.tags[k] not in _CUP_INSIDE:
                break
    before = index.get(start)
    return (
        kind == ORG
        and end - start <= 3
        and s.text[end - 1] == "部"
        and before is not None
        and before > 0
        and s.tags[before - 1] == "vn"
        and s.han(before - 1)
    )
