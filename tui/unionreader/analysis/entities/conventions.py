"""The last pass over the names found: how news NER releases mark a few kinds of names.

A city's government is a body (顺义区政府), a country or a club's city in a match report is the
team (逼平米兰), a home's address is one place (江北区石桥小区), a common noun the dictionary
calls a place is none (海滩), a surname before 女士 names no one on its own, and a name never
runs into an unclosed bracket or itself twice.
"""

from __future__ import annotations

import re

from unionreader.analysis.entities.sentence import HAN, LOC, ORG, PER, Sentence

Span = tuple[int, int, str]

# The last characters of a place below a country: its government is a body of its own
# (顺义区政府, 宁波市政府); a country's (日本政府) is read as the country, as People's Daily does
_LEVELS = frozenset("市县区镇乡旗省州盟")
_GOVERNMENT = "政府"
_GOVERNMENT_OFFICES = ("办公室", "办公厅", "办")
# The last characters of places that are no team's name: levels, streets, rivers, mountains
_NOT_A_TEAM = frozenset("市县区镇乡旗省州盟路街村港湾河江湖山")
# What stands right before a team in a match report (战胜米兰, 客场与里昂, 、平罗马, e组的)
_MATCH_BEFORE = re.compile(
    r"(?:[客主]场与|战胜|击败|逼平|战平|负于|不敌|胜过|平过|输给|败给|迎战|对阵|轻取|力克"
    r"|完胜|大胜|小胜|绝杀|淘汰|(?:^|[、，,；;客主])[胜平负]|vs|VS|[A-Za-z]组的?)$"
)
# ... and right after one (米兰坐镇主场, 米兰的客场, 罗马德比, 丹麦、韩国等强队)
_MATCH_AFTER = re.compile(
    r"(?:坐镇|主场|客场|的客场|的主场|德比|状态|战胜|击败|逼平|战平|负于|不敌|轻取|力克"
    r"|以\d|\d+[:：比]|等强?球?队)"
)
# What joins teams in a list (荷兰和冰岛, 皇马、巴萨)
_LIST_MARKS = "、和与"
# What is not a team's place when it stands before it: 在杜塞尔多夫战胜 is where the match was
_VENUE_MARKS = ("在", "于", "到")
# The last words of a place a street address ends with: it takes the places before it
# The last words of a place that ends a home's or an office's address (江北区|石桥小区二期c座,
# 王府井大街218号): the address is one place with the places right before it. A street alone
# (鼓楼街道|东大街) keeps its places apart, for a reader looks each of them up.
_ADDRESS_ENDS = ("号", "小区", "苑", "座", "弄")
_BRACKETS = {"（": "）", "(": ")"}
_VERB_TAGS = frozenset({"v", "vd", "vi"})
# What may stand before a person's surname: marks between clauses and words of a list
_NAME_BREAKS = frozenset({"，", ",", "、", "。", "：", ":", "和", "与", "“"})
# How the organs of a party or a state begin (中央委员会, 全国委员会, 国家…)
_ORGANS = ("中央", "全国", "国家", "常务")
# What links two places and never stands inside one (西山|及|北湖, 通州区|以|运河路)
_PLACE_LINKS = re.compile(r"及|和|与|至|以|到|地处|位于|邻近")
# A direction and a verb of bordering before a place (北至|环城大街, 东临|广福路)
_BORDERING = re.compile(r"[东南西北](?:至|邻|临|靠|接)")
# Polite or kin words after a bare surname that neither corpus marks it before (李女士, 张奶奶,
# 杨律师; People's Daily marks 汤局长 and often 王先生, so titles and 先生 keep theirs)
_ADDRESS_WORDS = ("女士", "夫人", "太太", "奶奶", "阿姨", "大妈", "律师")
# A house number after a street or an estate (王府井大街|218号, 玉泉花园|3号)
_HOUSE_NUMBER = re.compile(r"[0-9０-９]{1,5}号")


def conventions(s: Sentence, spans: list[Span]) -> list[Span]:
    """The names found, with the conventions of the module docstring applied."""
    spans = [_named_after_place(s, span) for span in spans]
    spans = governments(s, spans)
    spans = match_teams(s.text, spans)
    spans = consistent_kinds(s.text, spans)
    spans = [
        span
        for span in spans
        if not (span[2] == LOC and s.text[span[0] : span[1]] in s.lex.not_places)
        and not _market_region(s, span)
    ]
    spans = [kept for span in spans for kept in _unbracketed(s.text, span)]
    spans = [kept for span in spans for kept in _undoubled(s.text, span)]
    spans = [kept for span in spans for kept in two_bodies(s, span)]
    spans = [kept for span in spans for kept in _place_parts(s, span)]
    spans = [
        span
        for span in spans
        if not (
            span[2] == PER and span[1] - span[0] == 1 and s.text.startswith(_ADDRESS_WORDS, span[1])
        )
    ]
    return streets(s.text, spans)


def governments(s: Sentence, spans: list[Span]) -> list[Span]:
    """顺义区政府, 河北省涞水县政府, 涞水县政府办: the government of a place below a country is
    one organisation, with the places before it that say where it is."""
    text = s.text
    out = sorted(spans)
    for span in sorted(spans):
        start, end, kind = span
        if (
            kind != LOC
            or not text.startswith(_GOVERNMENT, end)
            or text[end - 1] not in _LEVELS
            or text.endswith("特区", start, end)
        ):
            continue
        stop = end + len(_GOVERNMENT)
        for office in _GOVERNMENT_OFFICES:
            if text.startswith(office, stop):
                stop += len(office)
                break
        while True:  # 河北省|涞水县|政府: the places right before it are part of its name
            before = [x for x in out if x[1] == start and x[2] == LOC]
            if not before:
                break
            start = before[0][0]
        if any(x[0] < stop and start < x[1] and not (x[2] == LOC and x[1] <= end) for x in out):
            continue  # another name over 政府 itself: leave both alone
        out = [x for x in out if not (start <= x[0] and x[1] <= end)]
        out.append((start, stop, ORG))
        out.sort()
    return out


def _team_place(text: str, span: Span) -> bool:
    start, end, kind = span
    return kind == LOC and end - start >= 2 and text[end - 1] not in _NOT_A_TEAM


def match_teams(text: str, spans: list[Span]) -> list[Span]:
    """逼平米兰, 米兰坐镇主场, 轻取冰岛: a country or a city a match is played against is the
    team; so are its other mentions in the sentence and the places listed with it."""
    out = []
    teams = set()
    for span in spans:
        start, end, _ = span
        after = _MATCH_AFTER.match(text, end) is not None
        before = _MATCH_BEFORE.search(text[max(0, start - 6) : start]) is not None
        if _team_place(text, span) and (
            # 击败意大利 (not 战胜比利时的卡勃莱拉: a player of that country)
            (before and (after or not text.startswith("的", end)))
            # 米兰坐镇主场 (not 在杜塞尔多夫战胜: where the match was played)
            or (after and not text.endswith(_VENUE_MARKS, 0, start))
        ):
            out.append((start, end, ORG))
            teams.add(text[start:end])
        else:
            out.append(span)
    changed = bool(teams)
    while changed:  # 荷兰……轻取冰岛: one team named makes the others in its list teams
        changed = False
        for i, span in enumerate(out):
            start, end, _ = span
            if not _team_place(text, span):
                continue
            listed = any(
                kind == ORG
                and text[a:b] in teams
                and (
                    (b == start - 1 and text[b] in _LIST_MARKS)
                    or (a == end + 1 and text[end] in _LIST_MARKS)
                )
                for a, b, kind in out
            )
            if text[start:end] in teams or listed:
                out[i] = (start, end, ORG)
                teams.add(text[start:end])
                changed = True
    return out


def consistent_kinds(text: str, spans: list[Span]) -> list[Span]:
    """多特vs沙尔克：多特客场取胜: a name read as an organisation once in a sentence is one
    wherever else it stands there."""
    bodies = {text[start:end] for start, end, kind in spans if kind == ORG}
    return [
        (start, end, ORG) if text[start:end] in bodies else (start, end, kind)
        for start, end, kind in spans
    ]


def _unbracketed(text: str, span: Span) -> list[Span]:
    """某某银行（中国: a name stops before a bracket it does not close."""
    start, end, kind = span
    for at in range(start, end):
        close = _BRACKETS.get(text[at])
        if close is not None and close not in text[at:end]:
            return [(start, at, kind)] if at - start >= 2 else []
    return [span]


def _undoubled(text: str, span: Span) -> list[Span]:
    """火箭队火箭队: one Chinese name written twice is two mentions of it (not toto, a
    Latin name that spells itself so)."""
    start, end, kind = span
    half = (end - start) // 2
    if (
        end - start >= 4
        and (end - start) % 2 == 0
        and text[start : start + half] == text[start + half : end]
        and HAN.fullmatch(text, start, start + half) is not None
    ):
        return [(start, start + half, kind), (start + half, end, kind)]
    return [span]


def streets(text: str, spans: list[Span]) -> list[Span]:
    """江北区|石桥小区二期c座, 北京市|朝阳区|朝外大街: a street address is one place, from the
    places right before the street to its end."""
    spans = sorted(spans)
    out = []
    i = 0
    while i < len(spans):
        start, _, kind = spans[i]
        j = i
        while (
            kind == LOC
            and j + 1 < len(spans)
            and spans[j + 1][2] == LOC
            and spans[j + 1][0] == spans[j][1]
        ):
            j += 1
        if j > i and text[spans[j][0] : spans[j][1]].endswith(_ADDRESS_ENDS):
            out.append((start, spans[j][1], LOC))
            i = j + 1
            continue
        out.append(spans[i])
        i += 1
    return out


def _place_parts(s: Sentence, span: Span) -> list[Span]:
    """A place read across a link is the places it links (西山及北湖, 金桥花园地处通州区);
    a direction and a verb of bordering before a place are not part of it (北至环城大街); a
    house number after it is (玉泉花园3号). A link is a word of its own (not the 及 of
    阿尔及利亚)."""
    text = s.text
    start, end, kind = span
    if kind != LOC:
        return [span]
    bordering = _BORDERING.match(text, start)
    if bordering and end - bordering.end() >= 2:
        start = bordering.end()
    for link in _PLACE_LINKS.finditer(text, start + 2, end - 2):
        at = s.word_at.get(link.start())
        if at is not None and s.starts[at + 1] == link.end():
            return [(start, link.start(), LOC), *_place_parts(s, (link.end(), end, LOC))]
    number = _HOUSE_NUMBER.match(text, end)
    if number and not text[end - 1].isdigit():
        end = number.end()
    return [(start, end, kind)]


def two_bodies(s: Sentence, span: Span) -> list[Span]:
    """曼联皇马: two listed organisations run together are two names (not a body and one of
    its own organs, 中国共产党|中央委员会)."""
    start, end, kind = span
    known = s.lex.organisations
    if kind != ORG or s.text[start:end] in known:
        return [span]
    for at in range(start + 2, end - 1):
        second = s.text[at:end]
        if s.text[start:at] in known and second in known and not second.startswith(_ORGANS):
            return [(start, at, ORG), (at, end, ORG)]
    return [span]


def _named_after_place(s: Sentence, span: Span) -> Span:
    """赵|秦岭|鼓励: a surname cut off alone before a two-character place word that is no
    listed place, with a verb after it, is a person named after the place."""
    start, end, kind = span
    at = s.word_at.get(start)
    if kind != LOC or at is None or at == 0 or end - start != 2 or s.starts[at + 1] != end:
        return span
    before, word = s.words[at - 1], s.words[at]
    lex = s.lex
    if (
        len(before) == 1
        and before in lex.common_surnames
        and before not in lex.function_chars
        and word not in lex.places
        and at + 1 < len(s.words)
        and s.tags[at + 1] in _VERB_TAGS
        and (at < 2 or not s.han(at - 2) or s.words[at - 2] in _NAME_BREAKS)
    ):
        return (start - 1, end, PER)
    return span


def _market_region(s: Sentence, span: Span) -> bool:
    """中国区, 亚太区 as a body: a company's region of a country or a continent, no name."""
    start, end, kind = span
    name = s.text[start:end]
    return (
        kind == ORG
        and len(name) >= 3
        and name[-1] == "区"
        and name[:-1] in s.lex.places
        and name[-2] not in _LEVELS
    )
