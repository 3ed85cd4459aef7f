"""One-character short forms of places in news prose (中美两国, 访华, 京剧) found as places."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from functools import cache

from unionreader.analysis import segmenter

Span = tuple[int, int, str]

# What follows two short forms when they name two countries or provinces (中印两国, 中、阿建交).
_RELATIONS = (
    "两国|三国|双方|双边|关系|边界|边境|建交|合作|友好|会谈|贸易|经贸|首脑|元首|领导人|外长|"
    "联合|之间|人民|协定|协议|条约|对话|谈判|战争|比赛|对抗|大战|高层|等国|间"
)
# Verbs of travel or stay before a country or city (访华, 驻京, 赴港).
_VISIT = "访驻赴抵离来在对返进旅援侵"
# Short forms that follow a verb of travel, and what may not follow them there (在华北, 来美化).
_VISITED = {
    "华": "北南东中西侨人夏裔灯丽美文语商工",
    "京": "剧城都郊胡腔韵味",
    "美": "元术丽好化食容妙满德景感意观",
    "英": "语文雄勇俊镑才明",
    "法": "律规院庭官制治定人案令国",
    "德": "育行国才",
    "俄": "语文罗国",
    "日": "期前内后常益子夜报本元记",
    "韩": "语文国元",
    "港": "口务湾区元币",
    "台": "阶上下风湾词",
    "澳": "门洲大元",
}
# Prepositions the cut glues to the pair after them (从|美中, 以|中美)
_GLUED = "从以在对与和同跟把被向为"
# A short form before these is its country's (罗政府, 俄总统, 美军).
_HEADS = "政府|总统|总理|首相|外长|外交部|议会|当局|全国|境内|军|驻"
# Words that hold short forms, and which of their characters are places (京剧 -> 京).
_COMPOUNDS = {
    "京剧": (0,),
    "京韵": (0,),
    "京胡": (0,),
    "京腔": (0,),
    "中医": (0,),
    "中药": (0,),
    "中西医": (0, 1),
    "中成药": (0,),
    "中草药": (0,),
    "港人": (0,),
    "台胞": (0,),
    "藏胞": (0,),
    "藏区": (0,),
    "日寇": (0,),
    "川剧": (0,),
    "川菜": (0,),
    "川戏": (0,),
    "粤菜": (0,),
    "粤剧": (0,),
    "沪剧": (0,),
    "黄淮": (0, 1),
    "江淮": (0, 1),
    "奥运": (0,),
    "亚运": (0,),
    "港澳": (0, 1),
    "港澳台": (0, 1, 2),
    "京津": (0, 1),
    "京津冀": (0, 1, 2),
    "沪宁": (0, 1),
    "沪杭": (0, 1),
    "粤港澳": (0, 1, 2),
    "江浙沪": (0, 1, 2),
}


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    abbr = "".join(sorted(abbreviations()))
    # no look-behind at their start: re then scans for their first char in C, where a pattern
    # that opens with one is tried at every char (what the look-behind did is done by hand)
    pairs = re.compile(f"([{abbr}](?:、?[{abbr}]){{1,3}})(?={_RELATIONS})")
    visits = re.compile(f"[{_VISIT}]([{''.join(_VISITED)}])")  # the two sets share no char
    heads = re.compile(f"([{abbr}])(?={_HEADS})")
    words = "|".join(sorted(_COMPOUNDS, key=len, reverse=True))
    compounds = re.compile(f"(?:{words})")
    return pairs, visits, heads, compounds


def short_form_places(text: str, starts: Collection[int]) -> list[Span]:
    """One-character places in text (cut into words starting at `starts`): two or more short
    forms before a relation (中美关系, 中、阿建交), one after a verb of travel (访华, 驻京), one
    before its government (罗政府), and the short forms inside the words that hold them (京剧,
    港澳). Each must start a word, or follow the verb starting one (其中|美国, 存在|华人: none)."""
    pairs, visits, heads, compounds = _patterns()
    found: set[int] = set()
    for m in _first_of_runs(pairs, text, abbreviations()):
        at = m.start(1)
        if at in starts or (at - 1 in starts and text[at - 1] in _GLUED):
            found.update(i for i in range(m.start(1), m.end(1)) if text[i] != "、")
    for m in visits.finditer(text):
        at = m.start(1)
        after = text[at + 1 : at + 2]
        if at - 1 in starts and (not after or after not in _VISITED[text[at]]):
            found.add(at)
    for m in heads.finditer(text):
        if m.start(1) in starts and text[m.start(1)] not in "新中以":
            found.add(m.start(1))
    for m in compounds.finditer(text):
        if m.start() in starts:
            found.update(m.start() + k for k in _COMPOUNDS[m.group()])
    return [(i, i + 1, "LOC") for i in sorted(found)]


def _first_of_runs(
    pattern: re.Pattern[str], text: str, chars: Collection[str]
) -> Iterator[re.Match[str]]:
    """pattern.finditer(text), for matches that do not follow one of chars: what a look-behind
    (?<![chars]) before the pattern finds, tried again one char on where one does."""
    at = 0
    while (m := pattern.search(text, at)) is not None:
        if m.start() and text[m.start() - 1] in chars:
            at = m.start() + 1
            continue
        yield m
        at = m.end()


@cache
def abbreviations() -> frozenset[str]:
    """The chars of the place abbreviations' list (the pairs' character class)."""
    return frozenset("".join(segmenter.lexicon_words("place_abbreviations")))


def in_compound(text: str, at: int) -> bool:
    """Is the character at `at` a short form inside a word such as 京剧 or 中医 (a place by the
    news corpora's reckoning, but no name a reader looks up)?"""
    _, _, _, compounds = _patterns()
    return any(
        (m := compounds.match(text, at - k)) is not None and k in _COMPOUNDS[m.group()]
        for k in range(3)
        if at - k >= 0
    )
