"""The rules for organisations: names ending in a body's suffix, with the words before it."""

from __future__ import annotations

import re

from unionreader.analysis import segmenter
from unionreader.analysis.entities.places import place_word, venue
from unionreader.analysis.entities.sentence import LOC, NAMEISH, ORG, PER, Sentence
from unionreader.analysis.entities.wordlists import HEAD_OF_BODY, ends_with

_ORG_INSIDE = NAMEISH | {"n", "vn", "nz", "b", "an", "ng", "eng", "s"}
_MAX_ORG_TOKENS = 8
_MAX_ORG_CHARS = 18
CONGRESS = re.compile(r"(?:中共)?[一二三四五六七八九十]{2,3}大")
LEVELS = frozenset("市区县省镇乡")
# Units of a media or internet company named after it (新浪财经, 网易游戏)
_UNITS = frozenset(
    {"科技", "财经", "娱乐", "体育", "房产", "汽车", "游戏", "新闻", "网", "音乐", "视频"}
)
# What a 中心 is for when it is a building people go to (展览中心, 航天中心)
_VENUE_KINDS = frozenset({"展览", "会展", "博览", "太空", "航天", "演艺", "活动", "购物", "会议"})
_NUMERAL_CHARS = frozenset("一二三四五六七八九十零〇百第分")
# Verbs of a match report: they stand between two teams, never inside a name (战胜, 逼平)
_MATCH_VERBS = frozenset(
    {"战胜", "击败", "逼平", "战平", "负于", "力克", "迎战", "对阵", "不敌", "击溃"}
    | {"胜", "负", "平"}
)
# One-character words that begin a verb or adverb phrase glued to a name by the cut (首|破,
# 刚|出, 任|乡): their tags in the dictionary
_GLUED_HEAD_TAGS = frozenset({"v", "d", "p", "r", "m", "c"})
# What a branch of an organisation ends with (中国贸促会|北京市分会)
_BRANCHES = ("分会", "分行", "支行", "分公司", "分院", "分局", "分社", "分部", "分所")
# How often the dictionary may have seen a noun before 队 for it to be read as a team's name
_RARE_TEAM_WORD = 200
_SUBUNITS = frozenset({"党委", "党组", "党支部", "总支", "支部", "团委", "工会", "分工会"})
# A company's site whose own union or party committee is named after it (X物流|怀柔|厂区|工会)
_SITES = frozenset({"厂区", "分厂", "园区", "基地", "车间", "项目部", "工地", "矿区"})
# One-character abbreviations of the sectors whose workers share a union (政法|卫文|工会: the
# union of politics and law, health and culture; 财贸, 农林水)
_SECTOR_CHARS = frozenset("政法卫文教科农林水财贸金融邮电交建商医药体旅粮轻纺冶铁航")
# The session of a congress (中国共产党|第十五次|全国代表大会)
_SESSION = re.compile(r"第[一二三四五六七八九十百零〇0-9]+[次届]")
# A quoted short name inside a body's (河北省|“心连心”|艺术团): at most this many characters
_MAX_QUOTED = 8


def org_head(s: Sentence, i: int) -> bool:
    w, lex = s.words[i], s.lex
    if w in lex.org_suffixes:
        return w not in ("党", "军", "国际")  # 党的, 军民, 国际上: too common alone
    if len(w) < 3 or s.tags[i] not in ("n", "nt", "nz", "j", "x"):
        return False
    if level_led(s, i):
        return True
    n = ends_with(w, lex.org_suffixes, lex.org_suffix_lengths)
    if not n:
        return False
    if n == 1:
        # 安全/部 is built on a word; 党员干部 only ends in a common word (干部)
        if s.tags[i] == "x":
            return False
        return segmenter.word_freq().get(w[:-1], 0) > 0 or not s.common_word(w[-2:], 200)
    return True


def org_inside(s: Sentence, i: int) -> bool:
    if i < 0 or not s.han(i):
        return False
    w, tag = s.words[i], s.tags[i]
    lex = s.lex
    if w in lex.org_prefixes or w in lex.places or w in lex.organisations:
        return True
    if w in lex.titles or w in lex.followers or w in _MATCH_VERBS:
        return False
    if w in lex.not_names:
        # not a name alone, but a noun may sit inside one (华宇/城市/管理/集团); words for
        # countries do not (中美/两国/有关/公司)
        return tag == "n" and len(w) > 1 and not w.endswith("国")
    if len(w) == 1:
        return w not in lex.function_chars and tag in ("x", "ng", "n", "j", "ns", "nz", "b")
    if w[-1] in lex.function_chars:
        return False  # 隶属于, 位于
    if tag == "m":
        return all(c in _NUMERAL_CHARS for c in w)  # 客/四分/公司, 第一/中学
    if tag == "x":
        return w[0] not in lex.function_chars
    return tag in _ORG_INSIDE


def org_anchor(s: Sentence, i: int, person_ok: bool = False) -> bool:
    """Can an organisation name begin with word i (a place, a proper name, 全国, 首都)?"""
    w, tag = s.words[i], s.tags[i]
    lex = s.lex
    if w in lex.org_prefixes or w in lex.places or w in lex.organisations:
        return True
    if w in lex.not_names or (not person_ok and s.starts[i] in s.person_starts):
        return False
    if len(w) > 2 and any(w[:n] in lex.places for n in (2, 3) if n < len(w)):
        return True  # 北京公交/集团: a word that begins with a place
    return tag in NAMEISH and len(w) > 1


def org_head_cut(s: Sentence, j: int) -> int | None:
    """Characters to drop from word j to end an organisation name there, None if none ends.

    市委书记 ends 市委 (drop 书记), 财政部长 ends 财政部 (drop 长), 古巴队 ends itself (0).
    """
    w, lex = s.words[j], s.lex
    if len(w) >= 3 and w.endswith(("书记", "常委")) and w[-3] == "委":
        return 2
    if len(w) >= 4 and w.endswith("副书记") and w[-4] == "委":
        return 3
    if len(w) >= 3 and w[-1] == "长" and w[-2] in "部局厅" and w[0] not in "副正代":
        return 1
    if w in ("部长", "局长", "厅长"):
        before = s.word(j - 1)
        if before in ("副", "正", "代理", "常务副") or before in lex.organisations:
            return None
        if len(before) > 1 and before[-1] == w[0]:
            return None  # 中联部|部长: the body ends before the title
        return 1
    return 0 if org_head(s, j) else None


def organisations(s: Sentence, heads: list[int]) -> None:
    """Organisation names ending at each candidate head word, right to left."""
    words, lex = s.words, s.lex
    s.person_starts = {start for start, _, kind in s.found if kind == PER}
    covered_to = len(words)
    for j in reversed(heads):
        if j >= covered_to:
            continue
        w = words[j]
        if w in lex.not_names:
            continue
        known = w in lex.organisations or (
            s.tags[j] == "nt"
            and w not in lex.org_suffixes  # 联合体: a suffix alone names nothing
            and not place_and_head(s, w)
            and not venue(s, w)
            and (org_head(s, j) or named_within(s, w) or has_place_prefix(s, w))
        )
        if not known and CONGRESS.fullmatch(w):
            s.add(j, j, ORG)  # 十五大, 二十大: a party congress
            continue
        session = congress_session(s, j)
        if session is not None:
            known = True  # 中国共产党|第十五次|全国代表大会: the party's congress
        cut = 0 if known else org_head_cut(s, j)
        if cut is None:
            continue
        head = w[: len(w) - cut]
        if cut and head in lex.organisations:
            known = True
        # a complete name only takes the places before it (中国/全国政协); other heads take
        # any word that can sit inside a name (北京/青岛/啤酒/三环/有限公司)
        inside = org_place if known else org_inside
        first = j
        if w == "中心" and s.word(j - 1)[-2:] in _VENUE_KINDS:
            first = j - 1  # 展览 is a verb to the dictionary but part of 展览中心
        sector = sector_run(s, j)
        if sector is not None:
            while org_place(s, sector - 1):
                sector -= 1  # 北京市|政法卫文|工会
            if s.word(sector - 1) in LEVELS:
                sector -= 1  # 区|农林卫|工会
            s.add(sector, j, ORG)  # 政法|卫文|工会: the union of the sectors abbreviated
            covered_to = sector
            continue
        if session is not None:
            first = session
        verbs: list[int] = []
        quotes: list[int] = []
        while first - 1 >= 0 and j - first + 1 < _MAX_ORG_TOKENS:
            opening = quoted_before(s, first - 1) if not known else None
            if opening is not None and s.starts[j + 1] - s.starts[opening] <= _MAX_ORG_CHARS:
                quotes.append(opening)
                first = opening  # 首都职工志愿|“一呼来”|志愿服务队: a quoted name inside
                continue
            if not (
                s.starts[j + 1] - s.starts[first - 1] <= _MAX_ORG_CHARS
                and (inside(s, first - 1) or (not known and verb_inside(s, first - 1)))
            ):
                break
            first -= 1
            if not inside(s, first):
                verbs.append(first)
        while first in verbs:
            first += 1  # 联合|区|应急|局: a verb only sits inside a name, never begins one
        # a generic word at the front is not part of the name (职工/北京市总工会)
        # a person begins an organisation only before a full suffix (吉永达/控股集团,
        # 徐悲鸿/研究会), not before a bare 局 or 所 (李某/局)
        named_for_person = len(head) >= 2 and head != "办公室"
        widest = first
        while first < j and not org_anchor(s, first, named_for_person):
            first += 1
        for opening in quotes:
            if opening < first < s.word_at.get(end_of_quote(s, opening), j):
                first = opening  # “一呼来”志愿服务队: the quoted name begins it, marks and all
        if first == j and widest < j and words[widest] in LEVELS:
            first = widest  # 区/应急/局: a level and what the body does
        if first == j and glued_level(s, widest, j):
            s.add(widest - 1, j, ORG, start_skip=1)  # 由区/应急/局: 由 | 区应急局
            covered_to = widest - 1
            continue
        # a stray word before a place is not part of the name (逼平/四川/全兴队, 日电/法国)
        if first + 1 < j and s.tags[first] == "x" and place_word(s, first + 1):
            first += 1
        elif first < j and glued_verb(s, first):
            if words[first][-1] in LEVELS:
                s.add(first, j, ORG, start_skip=1, end_skip=cut)  # 任乡|党委: 乡党委
                covered_to = first
                continue
            first += 1  # 首破|五牛队, 刚出|医院: a verb the cut glued into one word
        # a one-character level before it belongs to it (市/青年志愿者协会, 区/国资委)
        p = first - 1
        if p >= 0 and words[p] in LEVELS and not org_inside(s, p - 1):
            first = p
        if first == j and w == "队":
            while first - 1 >= 0 and j - first < 2 and rare_noun(s, first - 1):
                first -= 1  # 松日|队, 前卫|寰岛|队: a team's name the dictionary barely knows
        if (
            first == j
            and not known
            and not named_within(s, head)
            and not level_led(s, j)
            and not (cut == 1 and len(head) >= 3 and w[-2:] in HEAD_OF_BODY)
        ):
            continue  # (but 内政部|长: a ministry and its head's title in one word)
        if (
            first < j
            and w in _SUBUNITS
            and not org_head(s, j - 1)
            and words[j - 1] not in lex.organisations
            and not site_of_body(s, first, j)
        ):
            continue  # 村党支部, 社区党委: a sub-unit only attaches to a body (首钢|工会)
        if first == j - 1 and w in lex.place_heads and place_word(s, first):
            continue  # 美国公司, 俄政府: a place and a common noun
        if not cut and centre_building(s, first, j):
            s.add(first, j, LOC)  # 展览中心, 华贸中心: a building, so a place
            covered_to = first
            continue
        last = j
        if known and not cut and unit_after(s, j):
            last = j + 1  # 新浪科技, 腾讯游戏: a company and one of its units
        held = [(s.starts[k], s.starts[k + 1], ORG) for k in verbs if k >= first]
        if held:
            span = (s.starts[first], s.starts[last + 1] - cut, ORG)
            s.verbs_inside[span] = held
        s.add(first, last, ORG, end_skip=cut)
        covered_to = first


def sector_run(s: Sentence, j: int) -> int | None:
    """Where a union named by its sectors begins (政法|卫文|工会), or None: 工会 after a run of
    sector abbreviations, one the dictionary lacks (卫文) or more than one (政法|财贸)."""
    if s.words[j] != "工会":
        return None

    def sectors(i: int) -> bool:
        w = s.word(i)
        return 0 < len(w) <= 3 and s.han(i) and all(c in _SECTOR_CHARS for c in w)

    first = j
    while first - 1 >= 0 and j - first < 3 and sectors(first - 1):
        first -= 1
    if first == j or (first == j - 1 and not s.unknown(first)):
        return None  # 政法|工会 alone may be any union of the sector: left to the model
    return first


def congress_session(s: Sentence, j: int) -> int | None:
    """Where a body's national congress begins with its session (中国工会|第十八次|
    全国代表大会), or None. Only a national congress: a body's other congresses are events of
    the body (丹麦共产党|第二十次代表大会)."""
    w = s.words[j]
    at = j - 1
    if w == "代表大会" and s.word(at) == "全国":
        at -= 1
    elif w != "全国代表大会":
        return None
    if not _SESSION.fullmatch(s.word(at)):
        return None
    body = at - 1
    if body < 0 or not (
        s.words[body] in s.lex.organisations
        or (s.tags[body] in ("nt", "j") and s.han(body))
        or org_head(s, body)
    ):
        return None  # 党的|第十五次全国代表大会: no name before the session
    return body


def quoted_before(s: Sentence, i: int) -> int | None:
    """The opening mark of a short quoted name ending with word i (“一呼来”), or None."""
    if s.word(i) != "”":
        return None
    k = i - 1
    while k >= 0 and i - k <= 4 and s.han(k):
        k -= 1
    if k < i - 1 and s.word(k) == "“" and s.starts[i] - s.starts[k + 1] <= _MAX_QUOTED:
        return k
    return None


def end_of_quote(s: Sentence, opening: int) -> int:
    """The character offset just past the closing mark of the quote opened at word opening."""
    k = opening + 1
    while k < len(s.words) and s.words[k] != "”":
        k += 1
    return s.starts[min(k + 1, len(s.words))]


def site_of_body(s: Sentence, first: int, j: int) -> bool:
    """普田物流|怀柔|厂区|工会: the union of a company's site, named by the company (a word that
    ends like a body), the site's place and the word for a site."""
    return s.word(j - 1) in _SITES and any(
        org_head(s, k) and s.words[k] not in _SUBUNITS for k in range(first, j - 1)
    )


def verb_inside(s: Sentence, i: int) -> bool:
    """统计, 开发: a two-character verb that may sit inside a name (国家统计委员会) if the
    model reads it so."""
    w = s.words[i]
    return (
        i >= 0
        and len(w) == 2
        and s.tags[i] == "v"
        and s.han(i)
        and w not in _MATCH_VERBS
        and not any(c in s.lex.function_chars for c in w)
    )


def glued_verb(s: Sentence, i: int) -> bool:
    """首破, 刚出: a two-character word the dictionary lacks, made of a one-character verb,
    adverb or preposition and what follows it."""
    w = s.words[i]
    return len(w) == 2 and s.unknown(i) and segmenter.word_tags().get(w[0]) in _GLUED_HEAD_TAGS


def glued_level(s: Sentence, widest: int, j: int) -> bool:
    """由区/应急/局: a preposition glued to the level that begins a body's name."""
    glued = s.word(widest - 1)
    return (
        widest < j
        and len(glued) == 2
        and glued[0] in s.lex.function_chars
        and glued[1] in LEVELS
        and s.unknown(widest - 1)
    )


def level_led(s: Sentence, j: int) -> bool:
    """区卫健委, 区创城办: one unknown word, a level and a body's short name."""
    w = s.words[j]
    if not s.unknown(j) or w[-1] not in "委局办":
        return False
    return (len(w) >= 3 and w[0] in LEVELS) or s.word(j - 1) in LEVELS


def grammar_org(s: Sentence, span: tuple[int, int, str]) -> bool:
    """A body named by its level alone (区应急局, 区卫健委): a grammar the model lacks."""
    start, end, kind = span
    lex = s.lex
    name = s.text[start:end]
    return (
        kind == ORG
        and name[0] in LEVELS
        and s.text[start + 1 : end] not in lex.org_suffixes
        and (ends_with(name, lex.org_suffixes, lex.org_suffix_lengths) > 0 or name[-1] == "办")
        and start in s.word_at
    )


def centre_building(s: Sentence, first: int, j: int) -> bool:
    """A 中心 that is a building: one for shows or flights, or a bare name and 中心."""
    words = s.words
    if words[j] != "中心" or first == j:
        return False
    before = words[j - 1]
    if before[-2:] in _VENUE_KINDS:
        return True
    return first == j - 1 and (s.unknown(j - 1) or s.tags[j - 1] == "ns")


def unit_after(s: Sentence, j: int) -> bool:
    """Is the word after a known organisation one of its units (科技, 财经)?"""
    k = j + 1
    if k >= len(s.words) or s.words[j] not in s.lex.organisations:
        return False
    w = s.words[k]
    if w in _UNITS:
        return True
    # an unknown two-character word closing the phrase: a brand of the company (not a verb
    # the cut glued on: 谷歌|跌至, 国际米兰|做胆)
    return (
        len(w) == 2
        and s.unknown(k)
        and (not s.han(k + 1) or s.words[k + 1] in ("的", "和", "与"))
        and not glued_verb(s, k)
        and w[-1] not in s.lex.function_chars
    )


def named_within(s: Sentence, word: str) -> bool:
    """古巴队, 皮鞋厂?: does one word carry its own proper name before its suffix?"""
    lex = s.lex
    n = ends_with(word, lex.org_suffixes, lex.org_suffix_lengths)
    name = word[: len(word) - n]
    if not n or not name:
        return False
    tag = segmenter.word_tags().get(name, "")
    return name in lex.places or name in lex.org_prefixes or tag in ("ns", "nz", "nt", "j")


def has_place_prefix(s: Sentence, w: str) -> bool:
    places = s.lex.places
    return any(w[:n] in places for n in range(2, len(w)))


def org_place(s: Sentence, i: int) -> bool:
    w, lex = s.word(i), s.lex
    return i >= 0 and (
        w in lex.places or w in lex.org_prefixes or s.tags[i] == "ns" or w in lex.organisations
    )


def place_and_head(s: Sentence, w: str) -> bool:
    """中国政府, 中美关系: a place (or a pair of short forms) and a common noun."""
    lex = s.lex
    for n in range(1, len(w) - 1):
        head, tail = w[:n], w[n:]
        if tail in lex.place_heads and (
            head in lex.places or all(c in lex.abbreviations for c in head)
        ):
            return True
    return False


def branches_joined(s: Sentence, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """An organisation right after another that is one of its branches (北京市分会) or
    that has no name of its own (环境管理专业委员会) is part of it: one name."""
    out: list[tuple[int, int, str]] = []
    for span in spans:
        if out and out[-1][2] == ORG and span[2] == ORG and out[-1][1] == span[0]:
            i = s.word_at.get(span[0])
            name = s.text[span[0] : span[1]]
            if i is not None and (name.endswith(_BRANCHES) or generic_start(s, i)):
                out[-1] = (out[-1][0], span[1], ORG)
                continue
        out.append(span)
    return out


def rare_noun(s: Sentence, i: int) -> bool:
    """A two-character noun the dictionary has seen but rarely (寰岛, 松日)."""
    return (
        len(s.words[i]) == 2
        and s.tags[i] in ("n", "nz")
        and 0 < s.freq(i) <= _RARE_TEAM_WORD
        and s.words[i] not in s.lex.not_names
    )


def generic_start(s: Sentence, i: int) -> bool:
    """Does a name begin with a common word (环境|管理|专业委员会), no name of its own?"""
    return len(s.words[i]) > 1 and s.tags[i] in ("n", "vn", "v", "an") and not (org_anchor(s, i))


def repeated_suffix(s: Sentence, name: str) -> int:
    """Where the first of two organisations ending alike ends (密云区人民法院|溪翁庄人民法院),
    or 0 if the name is one organisation."""
    lex = s.lex
    n = ends_with(name, lex.org_suffixes, lex.org_suffix_lengths)
    if n < 2:
        return 0
    inner = name.find(name[-n:], 2, len(name) - n)
    if inner < 0 or len(name) - n - (inner + n) < 2:
        return 0
    return inner + n
