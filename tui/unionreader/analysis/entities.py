"""People, organisations and places named in text: a trained tagger, shipped word lists, patterns.

The file is long because the genre rules are many small, related decisions over one sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, cached_property
from itertools import accumulate

from unionreader.analysis import segmenter
from unionreader.analysis.ner import tagger
from unionreader.analysis.ner.combine import combine
from unionreader.analysis.short_forms import in_compound, short_form_places
from unionreader.model import Article, Entity, EntityType, Mention

# Bump ENTITIES_VERSION (in unionreader.versions) whenever what ner_spans returns changes.
from unionreader.versions import ENTITIES_VERSION  # noqa: F401 - bumped there

PER, ORG, LOC = "PER", "ORG", "LOC"
_ENTITY_TYPE: dict[str, EntityType] = {PER: "person", ORG: "org", LOC: "place"}

_HAN = re.compile(r"[\u4e00-\u9fff]+")
_VERSUS_BEFORE = re.compile(r"(?:vs|VS)\.?\s*(?:ac|AC)?$")
_VERSUS_AFTER = re.compile(r"\s*(?:vs|VS)(?![A-Za-z])")
_WORK_TITLE = re.compile(r"《[^《》]{1,40}》")
# Tags of words that may sit inside a proper name (jieba's tag set, x = unknown to the dictionary).
_NAMEISH = frozenset({"ns", "nr", "nrt", "nrfg", "nz", "nt", "j", "x"})
_ORG_INSIDE = _NAMEISH | {"n", "vn", "nz", "b", "an", "ng", "eng", "s"}
_PERSON_TAGS = frozenset({"nr", "nrfg"})
# Tags a given name standing as its own word may carry (高扬 nr, 丹阳 ns, 奇才 n, 欣欣 z ...).
_GIVEN_TAGS = frozenset({"nr", "nrfg", "nrt", "ns", "nz", "n", "a", "z", "x", "ng", "j", "i", "t"})
# Rare common nouns can be the proper part of a place (苍术会村, 鼓楼街道); frequent ones cannot.
_RARE_NOUN = 1500
# Dictionary words tagged as places but this frequent are mostly common words (大街, 普及)
_COMMON_PLACE_WORD = 500
# One-character directions the dictionary tags as places (东, 南, 北): part of a longer name
_DIRECTIONS = frozenset("东南西北")
# The frequency the dictionary gives entries it barely knows (加大力度 3, 广大干部 3)
_STUB_FREQ = 5
# Endings that make an abstract noun of a common word (满意度, 安全性, 幸福感)
_ABSTRACT_ENDINGS = frozenset("度性感率")
_COMMON_SURNAMES = 150
_MAX_ORG_TOKENS = 8
_MAX_ORG_CHARS = 18
# Single-character place suffixes strong enough to make a place of an unknown word (檀溪路, 营村).
_ADMIN_SUFFIX_CHARS = frozenset("省市县区镇乡村路街巷屯寨旗州盟")
# Characters that are grammar, never the start of a place's proper part (对区, 在村).
_GRAMMAR_CHARS = frozenset("的了对在和与及向从到至把被为是等也都就将又还由于以因但而或并且")
_CONGRESS = re.compile(r"(?:中共)?[一二三四五六七八九十]{2,3}大")
_DOTS = frozenset({"·", "•", "・", "‧"})
# 访华, 驻京, 在京: a verb of travel or stay before a one-character place
_VISIT_CHARS = "访驻赴抵离旅援侵返进晋在对"
_VISITED = "华京美英法德俄日韩朝印巴沪港台"
# Degree and linking words before an adjective that looks like a country's short form (很美, 亦美)
_DEGREE = frozenset(
    {
        "很",
        "更",
        "最",
        "真",
        "太",
        "挺",
        "好",
        "多么",
        "非常",
        "十分",
        "特别",
        "亦",
        "又",
        "且",
        "而",
    }
)
# Before a one-character short form, these make it an adjective or a noun (很美, 生活中的美)
_NOT_A_COUNTRY_AFTER = _DEGREE | {"的"}
_LEVELS = frozenset("市区县省镇乡")
_PERSON_GATE = frozenset({"nr", "nrfg", "nrt", "x"})
_PLACE_GATE = frozenset({"ns", "nt", "x", "j"})
# Tags of a word that makes a bare two-character "name" before it more likely a word or a place
_NOT_AFTER_NAME = frozenset({"n", "ns", "nz", "nt", "x", "vn", "f", "j", "s", "m", "q", "ng", "b"})
# Words after a bare surname that make it a way of naming someone (王先生, 李老师, 江主席)
_HONORIFICS = frozenset(
    {"先生", "女士", "小姐", "老师", "教授", "同志", "师傅", "夫人", "大娘", "大爷", "大妈"}
    | {"主席", "总理", "外长", "市长", "省长", "局长", "县长", "厂长", "校长", "院长"}
)
_DOCTRINES = frozenset({"主义", "理论", "思想"})
# Units of a media or internet company named after it (新浪财经, 网易游戏)
_UNITS = frozenset(
    {"科技", "财经", "娱乐", "体育", "房产", "汽车", "游戏", "新闻", "网", "音乐", "视频"}
)
# What a 中心 is for when it is a building people go to (展览中心, 航天中心)
_VENUE_KINDS = frozenset({"展览", "会展", "博览", "太空", "航天", "演艺", "活动", "购物", "会议"})
# Endings only an organisation has (a 中心 or a 大厦 may be a building, so a place)
_ORG_ONLY_SUFFIXES = ("工会", "公司", "委员会", "集团", "协会", "党委", "党支部", "学会")
# Characters a name never begins with: links between names and units of a date before it
_NOT_A_NAME_START = frozenset("至到和与及在从往由年月日号")
_VERB_TAGS = frozenset({"v", "vd", "vg", "vi"})
_SHOPS = frozenset({"店", "分店", "门店", "专卖店", "旗舰店", "便利店", "超市"})
# Tags of the words between a sponsor's name and 杯 (青岛/啤酒/杯)
_CUP_INSIDE = frozenset({"n", "nz", "nt", "ns", "nr", "x", "j", "vn"})
# Common nouns after a place that news corpora leave out of its name (南亚地区, 汉水流域)
_AREA_WORDS = ("地区", "流域", "小镇", "一带", "族")
# What never stands inside a name: the marks between clauses and sentences
_BREAKS = re.compile(r"[，,。；;！!？?：:\n]")
# A building and a room in it (国际大厦967办公室): the building is the place
_ROOM = re.compile(r"(.{2,}?)[0-9０-９]+(?:号)?(?:办公室|会议室|教室|房间|室)")
# What ends the name of a newspaper or a magazine (《费加罗报》, 《时代》周刊 aside)
_PRESS = ("报", "周刊", "杂志", "画报")
_NUMERAL_CHARS = frozenset("一二三四五六七八九十零〇百第分")
# Verbs of a match report: they stand between two teams, never inside a name (战胜, 逼平)
_MATCH_VERBS = frozenset(
    {"战胜", "击败", "逼平", "战平", "负于", "力克", "迎战", "对阵", "不敌", "击溃"}
    | {"胜", "负", "平"}
)
# One-character words that begin a verb or adverb phrase glued to a name by the cut (首|破,
# 刚|出, 任|乡): their tags in the dictionary
_GLUED_HEAD_TAGS = frozenset({"v", "d", "p", "r", "m", "c"})
# The last character of a body's short name and the title of its head that completes it:
# 日报|社长 is the head of the 日报社, 友协|会长 of the 友协会
_HEAD_TITLES = {"报": "社长", "协": "会长", "学": "会长"}
# How strongly the model must read a verb inside a rule's organisation as part of a name
_VERB_BELIEF = 0.06
# Words for a kind of body or group, not for one body: after a place they name none (美国|公司)
_KINDS_OF_BODY = frozenset(
    {"公司", "企业", "工厂", "军队", "部队", "组织", "机关", "公安", "公安机关", "警方", "当局"}
)
# What follows a place inside one word but is no part of it: its currency, its people, the
# mouth of its river (德国马克, 香港市民, 鸭绿江口)
_NOT_OF_A_PLACE = (
    *("马克", "卢比", "克朗", "法郎", "里拉", "比索", "卢布", "先令"),
    *("市民", "居民", "口"),
)
# The titles of the head of a ministry, bureau or department, which jieba may glue to its name
_HEAD_OF_BODY = frozenset({"部长", "局长", "厅长"})
# What a branch of an organisation ends with (中国贸促会|北京市分会)
_BRANCHES = ("分会", "分行", "支行", "分公司", "分院", "分局", "分社", "分部", "分所")
# Tags of the words of grammar: conjunctions, prepositions, pronouns, adverbs, particles
_GRAMMAR_TAGS = frozenset({"c", "p", "r", "d", "u", "uj", "ul", "uz", "m"})
# Words for people of a calling: after a place they name no body (日本|古生物学家)
_KINDS_OF_PEOPLE = ("学家", "专家")
# How often the dictionary may have seen a noun before 队 for it to be read as a team's name
_RARE_TEAM_WORD = 200
_SUBUNITS = frozenset({"党委", "党组", "党支部", "总支", "支部", "团委", "工会", "分工会"})


@dataclass(frozen=True, slots=True)
class _Lexicon:
    surnames: frozenset[str]
    common_surnames: frozenset[str]
    compound_surnames: frozenset[str]
    titles: frozenset[str]
    followers: frozenset[str]
    function_chars: frozenset[str]
    org_suffixes: frozenset[str]
    org_suffix_lengths: tuple[int, ...]
    org_prefixes: frozenset[str]
    organisations: frozenset[str]
    place_suffixes: frozenset[str]
    place_suffix_lengths: tuple[int, ...]
    places: frozenset[str]
    abbreviations: frozenset[str]
    place_heads: frozenset[str]
    not_names: frozenset[str]
    not_given: frozenset[str]
    given: frozenset[str]  # characters common in given names
    people: frozenset[str]  # well-known people
    transliteration: frozenset[str]
    person_first: frozenset[str]  # first characters of words the person rules look at
    place_first: frozenset[str]
    place_last: frozenset[str]  # last characters of place suffixes and heads
    head_last: frozenset[str]  # last characters of place heads (政府, 关系)
    org_last: frozenset[str]  # last characters of organisation suffixes and heads


@cache
def _lexicon() -> _Lexicon:
    words = segmenter.lexicon_words
    surnames = words("surnames")
    org_suffixes = frozenset(words("org_suffixes"))
    place_suffixes = frozenset(words("place_suffixes"))
    place_heads = frozenset(words("place_heads"))
    abbreviations = frozenset(words("place_abbreviations"))
    return _Lexicon(
        surnames=frozenset(s for s in surnames if len(s) == 1),
        # the list runs from the most common down: only common ones make a bare name
        common_surnames=frozenset([s for s in surnames if len(s) == 1][:_COMMON_SURNAMES]),
        compound_surnames=frozenset(s for s in surnames if len(s) == 2),
        titles=frozenset(words("titles")),
        followers=frozenset(words("name_followers")),
        function_chars=frozenset(words("function_chars")),
        org_suffixes=org_suffixes,
        org_suffix_lengths=tuple(sorted({len(s) for s in org_suffixes}, reverse=True)),
        org_prefixes=frozenset(words("org_prefixes")),
        organisations=frozenset(words("organisations")),
        place_suffixes=place_suffixes,
        place_suffix_lengths=tuple(sorted({len(s) for s in place_suffixes}, reverse=True)),
        places=frozenset(words("places")),
        abbreviations=abbreviations,
        place_heads=place_heads,
        not_names=frozenset(words("not_names")),
        not_given=frozenset(words("not_given_chars")),
        given=frozenset(words("given_chars")),
        people=frozenset(words("people")),
        transliteration=frozenset(words("transliteration_chars")),
        person_first=frozenset(s[0] for s in surnames),
        place_first=abbreviations | frozenset(_VISIT_CHARS),
        place_last=frozenset(s[-1] for s in place_suffixes | place_heads),
        head_last=frozenset(s[-1] for s in place_heads),
        org_last=frozenset(s[-1] for s in org_suffixes) | frozenset("记委长大办"),
    )


def _ends_with(word: str, suffixes: frozenset[str], lengths: tuple[int, ...]) -> int:
    """Length of the longest suffix of word found in suffixes (0 if none)."""
    for n in lengths:
        if n <= len(word) and word[-n:] in suffixes:
            return n
    return 0


# Characters that spell foreign names and almost never a Chinese given name.
_TRANSLITERATION = frozenset("斯尔夫普托纳娃蒂科诺耶契巴布")


class _Sentence:
    """One text cut into jieba words, with the lookups the rules need."""

    def __init__(self, text: str, words: list[str]) -> None:
        self.text = text
        self.words = words
        self.starts = [0, *accumulate(len(w) for w in words)]
        self._freq = segmenter.word_freq()
        known = _WORD_INFO.get
        self.info = [known(w) or _learn_word(w) for w in words]
        self.tags = [tag for tag, _ in self.info]
        self.lex = _lexicon()
        self.found: list[tuple[int, int, str]] = []
        self.person_starts: set[int] = set()
        self.person_ends: set[int] = set()
        # organisations that take a verb inside (国家|统计|委员会), with where their verbs are:
        # kept only where the model reads those verbs as part of a name
        self.verbs_inside: dict[tuple[int, int, str], list[tuple[int, int, str]]] = {}

    def freq(self, i: int) -> int:
        return self._freq.get(self.words[i], 0)

    # -- token tests -------------------------------------------------------------------------
    def han(self, i: int) -> bool:
        return 0 <= i < len(self.words) and _HAN.fullmatch(self.words[i]) is not None

    def unknown(self, i: int) -> bool:
        """An out-of-vocabulary Chinese word the HMM put together."""
        return self.tags[i] == "x" and len(self.words[i]) > 1 and self.han(i)

    def prev(self, i: int) -> int:
        """Index of the previous word that is not blank space (-1 if none)."""
        i -= 1
        while i >= 0 and self.words[i].isspace():
            i -= 1
        return i

    def next(self, i: int) -> int:
        i += 1
        while i < len(self.words) and self.words[i].isspace():
            i += 1
        return i

    def word(self, i: int) -> str:
        return self.words[i] if 0 <= i < len(self.words) else ""

    def is_title(self, i: int) -> bool:
        w = self.word(i)
        if not w:
            return False
        titles = self.lex.titles
        return w in titles or any(w[-n:] in titles for n in (2, 3, 4) if len(w) > n)

    def name_context(self, first: int, last: int) -> bool:
        """A title or a listed name before, or a speech verb, honorific or list mark after."""
        before = self.prev(first)
        if self.is_title(before):
            return True
        if (
            self.word(before) in ("、", "和", "与", "及")
            and self.starts[before] in self.person_ends
        ):
            return True
        after = self.word(self.next(last))
        if after in ("：", ":") and before < 0:
            return True  # 李明：……: the speaker of an interview's answer
        return after in self.lex.followers or after in ("、", "(", "（")

    def strict_context(self, first: int, last: int) -> bool:
        """A title before or a speech verb or honorific after (not just a list mark)."""
        after = self.next(last)
        if self.word(after) == "副":
            after += 1  # 姆贝基/副/总统
        return (
            self.is_title(self.prev(first))
            or self.word(after) in self.lex.followers
            or (self.transliterated(self.words[first]) and self.is_title(after))
        )

    def add(self, first: int, last: int, kind: str, start_skip: int = 0, end_skip: int = 0) -> None:
        start = self.starts[first] + start_skip
        end = self.starts[last + 1] - end_skip
        if end > start:
            self.found.append((start, end, kind))
            if kind == PER:
                self.person_ends.add(end)

    # -- people ------------------------------------------------------------------------------
    def surname_len(self, w: str) -> int:
        if len(w) >= 3 and w[:2] in self.lex.compound_surnames:
            return 2
        return 1 if w[:1] in self.lex.surnames else 0

    def plausible_given(self, given: str) -> bool:
        lex = self.lex
        return 0 < len(given) <= 2 and given[-1] not in lex.not_given and given not in lex.titles

    def common_word(self, w: str, threshold: int) -> bool:
        """Is w a frequent dictionary word that is not itself a name or place?"""
        tags = segmenter.word_tags()
        return segmenter.word_freq().get(w, 0) >= threshold and tags.get(w, "") not in _NAMEISH

    def glued_words(self, w: str, n: int) -> bool:
        """幸福感, 安全性: a surname-led word that is really a common word plus a character."""
        return len(w) - n == 2 and (
            self.common_word(w[: n + 1], 100) or self.common_word(w[n:], 200)
        )

    def people(self, i: int) -> None:
        words, lex = self.words, self.lex
        w, tag = words[i], self.tags[i]
        if w in lex.people:
            self.add(i, i, PER)
            return
        if w in lex.not_names or w in lex.places or w in lex.organisations:
            return
        if len(w) >= 3 and w[0] in lex.surnames and w[1:] in _HONORIFICS:
            if w[0] not in lex.function_chars:
                self.add(i, i, PER, end_skip=len(w) - 1)  # 李先生 as one word: 李
            return
        if len(w) >= 3 and self.transliterated(w) and tag in ("nr", "nrt", "nrfg", "x"):
            # foreign places are spelt with the same characters: ask for a title or a verb
            if self.strict_context(i, i):
                self.add(i, i, PER)
            return
        if self.unknown(i):
            n = self.surname_len(w)
            if not n or not self.plausible_given(w[n:]):
                return
            if w[0] in lex.function_chars and not self.is_title(self.prev(i)):
                return
            last = i
            # HMM often leaves the last character of a three-character name alone (薄述/来)
            j = i + 1
            if len(w) == n + 1 and self.han(j) and len(words[j]) == 1:
                after = self.word(j + 1)
                if (
                    self.plausible_given(w[n:] + words[j])
                    and words[j] not in lex.followers
                    and (after in lex.followers or not self.han(j + 1))
                ):
                    last = j
            context = self.name_context(i, last)
            if len(w) - n == 1 and last == i and not context and not self.bare_name(i):
                return
            if last == i and self.glued_words(w, n) and not context:
                return
            if len(w) == 3 and n == 1 and w[0] not in lex.common_surnames and not context:
                return  # 师德师(风): a rare surname alone does not make a name of a phrase
            self.add(i, last, PER)
            return
        if tag in _PERSON_TAGS and 2 <= len(w) <= 4:
            n = self.surname_len(w)
            if not n or not self.plausible_given(w[n:]):
                return
            if self.name_context(i, i) or (len(w) - n == 2 and not self.glued_words(w, n)):
                self.add(i, i, PER)
            return
        if tag == "nrt" and len(w) >= 2 and w[-1] not in lex.not_given:
            if self.strict_context(i, i):
                self.add(i, i, PER)
            return
        if len(w) >= 4 and w.endswith(("主义", "理论", "思想")):
            head = w[:-2]
            tag_of_head = segmenter.word_tags().get(head)
            if tag_of_head in ("nr", "nrt", "nrfg") or self.transliterated(head):
                self.add(i, i, PER, end_skip=2)
            return
        if len(w) <= 2 and self.surname_len(w) == len(w) and self.han(i + 1):
            self.surname_and_given(i)

    def bare_name(self, i: int) -> bool:
        """李伟在, 张敏说: a surname and a name character, then a verb or a stop; no title."""
        w, lex = self.words[i], self.lex
        if len(w) != 2 or w[0] not in lex.common_surnames or w[0] in lex.function_chars:
            return False
        if w[1] not in lex.given:
            return False
        j = self.next(i)
        if j >= len(self.words):
            return True
        after = self.words[j]
        if after in _DOTS or after in lex.place_suffixes or after in lex.org_suffixes:
            return False
        if not self.han(j):
            return not after[0].isalnum()
        return self.tags[j] not in _NOT_AFTER_NAME or self.is_title(j)

    def transliterated(self, w: str) -> bool:
        chars = self.lex.transliteration
        return len(w) >= 3 and all(c in chars for c in w)

    def surname_and_given(self, i: int) -> None:
        """A surname standing alone followed by a given name jieba cut off (刘/高扬, 赵/秦岭)."""
        words, lex = self.words, self.lex
        titled = self.is_title(self.prev(i))
        if words[i] in lex.function_chars and not titled:
            return
        j = i + 1
        given = words[j]
        if given in lex.titles and len(words[i]) == 1:
            # 王先生, 李局长: the surname alone names the person (not 和|夫人, 五|任|县长: a
            # word of grammar that is also a surname)
            if (
                given in _HONORIFICS
                and words[i] not in lex.function_chars
                and self.tags[i] not in _GRAMMAR_TAGS
            ):
                self.add(i, i, PER)
            return
        last = j
        if len(given) == 1 and self.han(j + 1) and len(words[j + 1]) == 1:
            two = given + words[j + 1]
            if self.plausible_given(two) and self.tags[j + 1] in ("x", "ng", "zg", "n", "nr"):
                given, last = two, j + 1
        if not self.plausible_given(given) or given in lex.followers:
            return
        tag = self.tags[j]
        if last == j and tag not in _GIVEN_TAGS:
            return
        if last == j and tag not in _NAMEISH and self.freq(j) >= 300:
            return
        if len(given) == 1 and tag not in ("x", "ng", "zg", "nr", "n", "a"):
            return
        if titled or self.name_context(i, last):
            self.add(i, last, PER)

    # -- places ------------------------------------------------------------------------------
    def proper_part(self, i: int) -> bool:
        """Can word i be the proper part of a place name (鼓楼, 建西, 苍术, 长城)?"""
        if i < 0 or not self.han(i):
            return False
        w, tag = self.words[i], self.tags[i]
        lex = self.lex
        if w in lex.not_names or w in lex.titles or len(w) == 1:
            return False
        if tag in _NAMEISH:
            return tag != "x" or w[0] not in lex.function_chars
        return tag in ("n", "nz") and self.freq(i) < _RARE_NOUN

    def places(self, i: int) -> None:
        words, lex = self.words, self.lex
        w, tag = words[i], self.tags[i]
        if w in lex.not_names or self.abbreviated_places(i):
            return
        nxt = i + 1
        if tag == "nt" and self.venue(w):
            self.add(i, i, LOC)
            return
        if len(w) == 1 and w in _DIRECTIONS and w not in lex.places:
            return  # 东 in 东/菜园/社区: the start of the place after it (see place_start)
        if len(w) == 1 and i and len(words[i - 1]) > 1 and self.tags[i - 1] == "ns":
            return  # 密云/云/线路: a place's last character again, not another place
        if tag == "ns" or w in lex.places:
            # a place and the suffix jieba cut off it (密云/区, 鼓楼/街道, 长城/环岛)
            last = i
            if nxt < len(words) and words[nxt] in lex.place_suffixes:
                last = nxt
            elif self.common_place_tag(i) or self.phrase_tagged_place(i):
                if w in lex.place_suffixes and self.word(i - 1) in _DIRECTIONS:
                    self.add(i - 1, i, LOC)  # 西/大桥: a direction names the bridge
                return
            self.add(i, last, LOC)
            return
        if self.unknown(i):
            n = _ends_with(w, lex.place_suffixes, lex.place_suffix_lengths)
            if not n or (n == 1 and w[-1] not in _ADMIN_SUFFIX_CHARS):
                return
            skip = 1 if w[0] in lex.function_chars and len(w) - n >= 3 else 0
            if len(w) - skip - n >= 2:
                if not any(c in lex.function_chars for c in w[skip:-n]):
                    self.add(i, i, LOC, start_skip=skip)
            elif w[0] not in _GRAMMAR_CHARS and self.proper_part(i - 1):
                self.add(i - 1, i, LOC)
            return
        suffix = w in lex.place_suffixes and (len(w) > 1 or w in _ADMIN_SUFFIX_CHARS)
        if suffix and self.proper_part(i - 1) and not self.place_word(i - 1):
            self.add(self.place_start(i - 1), i, LOC)
        elif suffix and self.word(i - 1) in _DIRECTIONS and self.proper_part(i - 2):
            first = i - 2  # 鼓楼/行宫/南/社区: the proper part, its direction, the suffix
            if self.proper_part(first - 1) and not self.place_word(first - 1):
                first -= 1
            self.add(first, i, LOC)

    def place_start(self, first: int) -> int:
        """东/菜园/社区: a direction standing alone before a place's proper part belongs to it."""
        before = first - 1
        if before >= 0 and self.words[before] in _DIRECTIONS and self.tags[before] == "ns":
            return before
        return first

    def common_place_tag(self, i: int) -> bool:
        """大街, 古城, 普及: a frequent word the dictionary tags as a place is mostly not one."""
        w = self.words[i]
        return (
            len(w) >= 2
            and w not in self.lex.places
            and (w[-1] not in _ADMIN_SUFFIX_CHARS or len(w) < 3)  # 大街 but not 南京市
            and self.freq(i) > _COMMON_PLACE_WORD
        )

    def phrase_tagged_place(self, i: int) -> bool:
        """加大力度, 广大干部, 满意度: the dictionary tags some phrases as places. Such a word of
        three or more characters, with no place suffix and no known place inside it, is taken
        for a phrase if the dictionary barely knows it (frequency of a stub entry) or if it is
        a common word plus an abstract-noun ending (满意+度, 安全+性)."""
        w, lex = self.words[i], self.lex
        if len(w) < 3 or w in lex.places or self.transliterated(w):
            return False
        if _ends_with(w, lex.place_suffixes, lex.place_suffix_lengths):
            return False
        tags = segmenter.word_tags()
        for part in (w[:2], w[:3], w[-2:], w[-3:]):
            if part != w and (part in lex.places or tags.get(part) == "ns"):
                return False
        if self.freq(i) <= _STUB_FREQ:
            return True
        return w[-1] in _ABSTRACT_ENDINGS and self.common_word(w[:-1], 100)

    def abbreviated_places(self, i: int) -> bool:
        """中美关系 -> 中 and 美, 访华 -> 华, 俄总统 -> 俄, 中国政府 -> 中国."""
        w, lex = self.words[i], self.lex
        abbr = lex.abbreviations
        if len(w) >= 3 and w[-1] in lex.head_last:
            for n in range(len(w) - 1, 0, -1):
                head, tail = w[:n], w[n:]
                if tail in lex.place_heads and (head in lex.places or (n == 1 and head in abbr)):
                    self.add(i, i, LOC, end_skip=len(tail))
                    return True
                if tail in lex.place_heads and 2 <= n <= 3 and all(c in abbr for c in head):
                    w = head
                    break
        if 2 <= len(w) <= 3 and all(c in abbr for c in w) and w not in lex.places:
            if self.tags[i] == "x" and w[0] == "中" and self.tags[self.prev(i)] in ("v", "vn"):
                return True  # 工作/中以: the 中 of 工作中, then 以 (nothing to add)
            if w != self.words[i] or self.tags[i] in ("ns", "j", "x", "t"):
                start = self.starts[i]
                for k in range(len(w)):
                    self.found.append((start + k, start + k + 1, LOC))
                return True
            return False
        if len(w) == 2 and w[0] in _VISIT_CHARS and w[1] in _VISITED and w != "来日":
            self.add(i, i, LOC, start_skip=1)
            return True
        if len(w) == 2 and w[1] == "军" and w[0] in abbr and w[0] not in "中新":
            self.add(i, i, LOC, end_skip=1)  # 美军, 日军: the country of its armed forces
            return True
        if len(w) == 2 and w[1] == "方" and w[0] in abbr and w[0] not in "对双一多地各":
            self.add(i, i, LOC, end_skip=1)
            return True
        after = self.word(i + 1)
        if len(w) == 1 and w in abbr and self.word(self.prev(i)) in _NOT_A_COUNTRY_AFTER:
            return True  # 很美, 更新, 生活中的美: an adjective or a noun, not a country
        if len(w) == 1 and w in abbr and self.short_form(i):
            self.add(i, i, LOC)
            return True
        if len(w) == 1 and w in abbr and after in lex.place_heads and len(after) > 1:
            self.add(i, i, LOC)
            return True
        return False

    def short_form(self, i: int) -> bool:
        """俄 (tagged as a short form), or 中/俄, 日/俄: short forms next to one another."""
        abbr = self.lex.abbreviations
        if self.tags[i] in ("j", "ns"):
            return True
        return any(
            len(self.word(k)) == 1 and self.word(k) in abbr and self.tags[k] in ("j", "ns")
            for k in (i - 1, i + 1)
            if 0 <= k < len(self.words)
        )

    # -- organisations -----------------------------------------------------------------------
    def org_head(self, i: int) -> bool:
        w, lex = self.words[i], self.lex
        if w in lex.org_suffixes:
            return w not in ("党", "军", "国际")  # 党的, 军民, 国际上: too common alone
        if len(w) < 3 or self.tags[i] not in ("n", "nt", "nz", "j", "x"):
            return False
        if self.level_led(i):
            return True
        n = _ends_with(w, lex.org_suffixes, lex.org_suffix_lengths)
        if not n:
            return False
        if n == 1:
            # 安全/部 is built on a word; 党员干部 only ends in a common word (干部)
            if self.tags[i] == "x":
                return False
            return segmenter.word_freq().get(w[:-1], 0) > 0 or not self.common_word(w[-2:], 200)
        return True

    def org_inside(self, i: int) -> bool:
        if i < 0 or not self.han(i):
            return False
        w, tag = self.words[i], self.tags[i]
        lex = self.lex
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

    def org_anchor(self, i: int, person_ok: bool = False) -> bool:
        """Can an organisation name begin with word i (a place, a proper name, 全国, 首都)?"""
        w, tag = self.words[i], self.tags[i]
        lex = self.lex
        if w in lex.org_prefixes or w in lex.places or w in lex.organisations:
            return True
        if w in lex.not_names or (not person_ok and self.starts[i] in self.person_starts):
            return False
        if len(w) > 2 and any(w[:n] in lex.places for n in (2, 3) if n < len(w)):
            return True  # 北京公交/集团: a word that begins with a place
        return tag in _NAMEISH and len(w) > 1

    def org_head_cut(self, j: int) -> int | None:
        """Characters to drop from word j to end an organisation name there, None if none ends.

        市委书记 ends 市委 (drop 书记), 财政部长 ends 财政部 (drop 长), 古巴队 ends itself (0).
        """
        w, lex = self.words[j], self.lex
        if len(w) >= 3 and w.endswith(("书记", "常委")) and w[-3] == "委":
            return 2
        if len(w) >= 4 and w.endswith("副书记") and w[-4] == "委":
            return 3
        if len(w) >= 3 and w[-1] == "长" and w[-2] in "部局厅" and w[0] not in "副正代":
            return 1
        if w in ("部长", "局长", "厅长"):
            before = self.word(j - 1)
            if before in ("副", "正", "代理", "常务副") or before in lex.organisations:
                return None
            if len(before) > 1 and before[-1] == w[0]:
                return None  # 中联部|部长: the body ends before the title
            return 1
        return 0 if self.org_head(j) else None

    def organisations(self, heads: list[int]) -> None:
        """Organisation names ending at each candidate head word, right to left."""
        words, lex = self.words, self.lex
        self.person_starts = {start for start, _, kind in self.found if kind == PER}
        covered_to = len(words)
        for j in reversed(heads):
            if j >= covered_to:
                continue
            w = words[j]
            if w in lex.not_names:
                continue
            known = w in lex.organisations or (
                self.tags[j] == "nt"
                and w not in lex.org_suffixes  # 联合体: a suffix alone names nothing
                and not self.place_and_head(w)
                and not self.venue(w)
                and (self.org_head(j) or self.named_within(w) or self.has_place_prefix(w))
            )
            if not known and _CONGRESS.fullmatch(w):
                self.add(j, j, ORG)  # 十五大, 二十大: a party congress
                continue
            cut = 0 if known else self.org_head_cut(j)
            if cut is None:
                continue
            head = w[: len(w) - cut]
            if cut and head in lex.organisations:
                known = True
            # a complete name only takes the places before it (中国/全国政协); other heads take
            # any word that can sit inside a name (北京/青岛/啤酒/三环/有限公司)
            inside = self.org_place if known else self.org_inside
            first = j
            if w == "中心" and self.word(j - 1)[-2:] in _VENUE_KINDS:
                first = j - 1  # 展览 is a verb to the dictionary but part of 展览中心
            verbs: list[int] = []
            while (
                first - 1 >= 0
                and j - first + 1 < _MAX_ORG_TOKENS
                and self.starts[j + 1] - self.starts[first - 1] <= _MAX_ORG_CHARS
                and (inside(first - 1) or (not known and self.verb_inside(first - 1)))
            ):
                first -= 1
                if not inside(first):
                    verbs.append(first)
            while first in verbs:
                first += 1  # 联合|区|应急|局: a verb only sits inside a name, never begins one
            # a generic word at the front is not part of the name (职工/北京市总工会)
            # a person begins an organisation only before a full suffix (吉永达/控股集团,
            # 徐悲鸿/研究会), not before a bare 局 or 所 (李某/局)
            named_for_person = len(head) >= 2 and head != "办公室"
            widest = first
            while first < j and not self.org_anchor(first, named_for_person):
                first += 1
            if first == j and widest < j and words[widest] in _LEVELS:
                first = widest  # 区/应急/局: a level and what the body does
            if first == j and self.glued_level(widest, j):
                self.add(widest - 1, j, ORG, start_skip=1)  # 由区/应急/局: 由 | 区应急局
                covered_to = widest - 1
                continue
            # a stray word before a place is not part of the name (逼平/四川/全兴队, 日电/法国)
            if first + 1 < j and self.tags[first] == "x" and self.place_word(first + 1):
                first += 1
            elif first < j and self.glued_verb(first):
                if words[first][-1] in _LEVELS:
                    self.add(first, j, ORG, start_skip=1, end_skip=cut)  # 任乡|党委: 乡党委
                    covered_to = first
                    continue
                first += 1  # 首破|五牛队, 刚出|医院: a verb the cut glued into one word
            # a one-character level before it belongs to it (市/青年志愿者协会, 区/国资委)
            p = first - 1
            if p >= 0 and words[p] in _LEVELS and not self.org_inside(p - 1):
                first = p
            if first == j and w == "队":
                while first - 1 >= 0 and j - first < 2 and self.rare_noun(first - 1):
                    first -= 1  # 松日|队, 前卫|寰岛|队: a team's name the dictionary barely knows
            if (
                first == j
                and not known
                and not self.named_within(head)
                and not self.level_led(j)
                and not (cut == 1 and len(head) >= 3 and w[-2:] in _HEAD_OF_BODY)
            ):
                continue  # (but 内政部|长: a ministry and its head's title in one word)
            if first < j and w in _SUBUNITS and not self.org_head(j - 1):
                continue  # 村党支部, 社区党委: the sub-unit only attaches to an organisation
            if first == j - 1 and w in lex.place_heads and self.place_word(first):
                continue  # 美国公司, 俄政府: a place and a common noun
            if not cut and self.centre_building(first, j):
                self.add(first, j, LOC)  # 展览中心, 华贸中心: a building, so a place
                covered_to = first
                continue
            last = j
            if known and not cut and self.unit_after(j):
                last = j + 1  # 新浪科技, 腾讯游戏: a company and one of its units
            held = [(self.starts[k], self.starts[k + 1], ORG) for k in verbs if k >= first]
            if held:
                span = (self.starts[first], self.starts[last + 1] - cut, ORG)
                self.verbs_inside[span] = held
            self.add(first, last, ORG, end_skip=cut)
            covered_to = first

    def verb_inside(self, i: int) -> bool:
        """统计, 开发: a two-character verb that may sit inside a name (国家统计委员会) if the
        model reads it so."""
        w = self.words[i]
        return (
            i >= 0
            and len(w) == 2
            and self.tags[i] == "v"
            and self.han(i)
            and w not in _MATCH_VERBS
            and not any(c in self.lex.function_chars for c in w)
        )

    def glued_verb(self, i: int) -> bool:
        """首破, 刚出: a two-character word the dictionary lacks, made of a one-character verb,
        adverb or preposition and what follows it."""
        w = self.words[i]
        return (
            len(w) == 2 and self.unknown(i) and segmenter.word_tags().get(w[0]) in _GLUED_HEAD_TAGS
        )

    def glued_level(self, widest: int, j: int) -> bool:
        """由区/应急/局: a preposition glued to the level that begins a body's name."""
        glued = self.word(widest - 1)
        return (
            widest < j
            and len(glued) == 2
            and glued[0] in self.lex.function_chars
            and glued[1] in _LEVELS
            and self.unknown(widest - 1)
        )

    def level_led(self, j: int) -> bool:
        """区卫健委, 区创城办: one unknown word, a level and a body's short name."""
        w = self.words[j]
        if not self.unknown(j) or w[-1] not in "委局办":
            return False
        return (len(w) >= 3 and w[0] in _LEVELS) or self.word(j - 1) in _LEVELS

    def grammar_org(self, span: tuple[int, int, str]) -> bool:
        """A body named by its level alone (区应急局, 区卫健委): a grammar the model lacks."""
        start, end, kind = span
        lex = self.lex
        name = self.text[start:end]
        return (
            kind == ORG
            and name[0] in _LEVELS
            and self.text[start + 1 : end] not in lex.org_suffixes
            and (_ends_with(name, lex.org_suffixes, lex.org_suffix_lengths) > 0 or name[-1] == "办")
            and start in self.word_at
        )

    def centre_building(self, first: int, j: int) -> bool:
        """A 中心 that is a building: one for shows or flights, or a bare name and 中心."""
        words = self.words
        if words[j] != "中心" or first == j:
            return False
        before = words[j - 1]
        if before[-2:] in _VENUE_KINDS:
            return True
        return first == j - 1 and (self.unknown(j - 1) or self.tags[j - 1] == "ns")

    def unit_after(self, j: int) -> bool:
        """Is the word after a known organisation one of its units (科技, 财经)?"""
        k = j + 1
        if k >= len(self.words) or self.words[j] not in self.lex.organisations:
            return False
        w = self.words[k]
        if w in _UNITS:
            return True
        # an unknown two-character word closing the phrase: a brand of the company
        return (
            len(w) == 2
            and self.unknown(k)
            and (not self.han(k + 1) or self.words[k + 1] in ("的", "和", "与"))
        )

    def named_within(self, word: str) -> bool:
        """古巴队, 皮鞋厂?: does one word carry its own proper name before its suffix?"""
        lex = self.lex
        n = _ends_with(word, lex.org_suffixes, lex.org_suffix_lengths)
        name = word[: len(word) - n]
        if not n or not name:
            return False
        tag = segmenter.word_tags().get(name, "")
        return name in lex.places or name in lex.org_prefixes or tag in ("ns", "nz", "nt", "j")

    def has_place_prefix(self, w: str) -> bool:
        places = self.lex.places
        return any(w[:n] in places for n in range(2, len(w)))

    def place_word(self, i: int) -> bool:
        w = self.words[i]
        return self.tags[i] == "ns" or w in self.lex.places or w in self.lex.abbreviations

    def org_place(self, i: int) -> bool:
        w, lex = self.word(i), self.lex
        return i >= 0 and (
            w in lex.places
            or w in lex.org_prefixes
            or self.tags[i] == "ns"
            or w in lex.organisations
        )

    def place_and_head(self, w: str) -> bool:
        """中国政府, 中美关系: a place (or a pair of short forms) and a common noun."""
        lex = self.lex
        for n in range(1, len(w) - 1):
            head, tail = w[:n], w[n:]
            if tail in lex.place_heads and (
                head in lex.places or all(c in lex.abbreviations for c in head)
            ):
                return True
        return False

    def venue(self, w: str) -> bool:
        """北京图书大厦, 中国美术馆: buildings are places, not organisations."""
        n = _ends_with(w, self.lex.place_suffixes, self.lex.place_suffix_lengths)
        return n > 1

    # -- all together --------------------------------------------------------------------------
    def foreign_names(self) -> None:
        """约翰·史密斯: words joined by a middle dot are one name."""
        words, lex = self.words, self.lex
        i = 0
        while i < len(words):
            if words[i] in _DOTS and self.foreign_part(i - 1) and self.foreign_part(i + 1):
                first, last = i - 1, i + 1
                while self.word(last + 1) in _DOTS and self.foreign_part(last + 2):
                    last += 2
                # the HMM leaves the ends of a long name in pieces (卡/莱维·海/米莱)
                while self.foreign_piece(last + 1) and self.starts[last + 2] - self.starts[i] < 8:
                    last += 1
                while self.foreign_piece(first - 1) and self.starts[i] - self.starts[first - 1] < 6:
                    first -= 1
                end_skip = 1 if words[last][-1] in lex.function_chars else 0
                self.add(first, last, PER, end_skip=end_skip)
                i = last + 1
            else:
                i += 1

    def foreign_piece(self, i: int) -> bool:
        w = self.word(i)
        return (
            0 < len(w) <= 2
            and self.han(i)
            and w not in self.lex.followers
            and all(c in self.lex.transliteration and c not in self.lex.function_chars for c in w)
        )

    def foreign_part(self, i: int) -> bool:
        if not self.han(i):
            return False
        w, tag = self.words[i], self.tags[i]
        return tag in ("nr", "nrt", "nrfg", "x", "nz", "ns") or all(
            c in self.lex.transliteration for c in w
        )

    def spans(self) -> list[tuple[int, int, str]]:
        people, places = self.people, self.places
        heads = []
        for i, (_, rules) in enumerate(self.info):
            if rules:
                if rules & _FOR_PEOPLE:
                    people(i)
                if rules & _FOR_PLACES:
                    places(i)
                if rules & _FOR_ORGS:
                    heads.append(i)
        self.organisations(heads)
        self.found.extend(self.short_forms)
        if "·" in self.text or "•" in self.text or "・" in self.text or "‧" in self.text:
            self.foreign_names()
        found = self.found
        if "vs" in self.text or "VS" in self.text:
            found = self.teams(found)
        if "《" in self.text:
            found = self.outside_titles(found + self.publications())
        return _without_overlaps(found)

    def grammar_place(self, span: tuple[int, int, str]) -> bool:
        """鼓楼街道, 檀溪路, 苍术会村: a place made of a proper part and a place suffix, or one
        of the shipped list of places."""
        start, end, kind = span
        lex = self.lex
        if kind == LOC and self.text[start:end] in lex.places:
            return True
        if kind != LOC or end - start < 3:
            return False
        n = _ends_with(self.text[start:end], lex.place_suffixes, lex.place_suffix_lengths)
        return n > 1 or (n == 1 and self.text[end - 1] in _ADMIN_SUFFIX_CHARS)

    @cached_property
    def short_forms(self) -> list[tuple[int, int, str]]:
        """One-character places by the patterns of news prose (中印两国, 访华, 京剧)."""
        return short_form_places(self.text, self.word_at)

    @cached_property
    def word_at(self) -> dict[int, int]:
        """Index of the word starting at each character offset that starts one."""
        return {at: i for i, at in enumerate(self.starts)}

    def names_run_together(self, start: int, end: int) -> list[tuple[int, int]]:
        """Names printed without a pause between them (a deck's 江泽民李鹏乔石): the words
        that tile the span when each is a two- or three-character Chinese name, else [].

        A transliterated name (tagged nrt, or with characters foreign names are spelt with:
        尤尔|科夫, 贝尔|巴托夫) is never taken apart."""
        first = bisect_right(self.starts, start) - 1
        if self.starts[first] != start or any(c in _TRANSLITERATION for c in self.text[start:end]):
            return []
        lex, pieces, i = self.lex, [], first
        while self.starts[i] < end:
            a, tags = self.starts[i], [self.tags[i]]
            word = self.words[i]
            if word in lex.surnames and self.starts[i + 1] < end and len(self.words[i + 1]) <= 2:
                i += 1  # 李|红梅: a surname cut from its given name
                word += self.words[i]
                tags.append(self.tags[i])
            b = self.starts[i + 1]
            if b > end or not 2 <= len(word) <= 3 or not _HAN.fullmatch(word) or "nrt" in tags:
                return []
            surname = word[:2] if word[:2] in lex.compound_surnames else word[0]
            named = tags[0] == "nr" or surname in lex.common_surnames
            if len(word) == len(surname) or not (named or surname in lex.compound_surnames):
                return []
            pieces.append((a, b))
            i += 1
        return pieces if len(pieces) >= 2 else []

    def mended(self, span: tuple[int, int, str]) -> list[tuple[int, int, str]]:
        """A name as the genre reads it: an organisation without the title after it (法制科|
        科长), a "place" ending in 工会 or 公司 an organisation, a suffix word alone (团委) and a
        person ending like a committee (区卫健委) no name."""
        start, end, kind = span
        text, lex = self.text, self.lex
        name = text[start:end]
        if name in lex.org_suffixes or name in lex.not_names:
            return []
        if kind == PER and (
            (name[-1] in "委局办会部厅处科" and not self.transliterated(name))
            or (name[-1] in _ABSTRACT_ENDINGS and self.common_word(name[:-1], 100))
        ):
            return []  # 区卫健委, 幸福感
        if kind == PER and end - start == 2 and name[1] == "老" and name[0] in lex.surnames:
            return [(start, start + 1, kind)]  # 胡老: the surname and an elder's honorific
        if kind == PER and end - start >= 4:
            run = self.names_run_together(start, end)
            if run:
                return [(a, b, PER) for a, b in run]  # 江泽民李鹏乔石: three people
        at = bisect_right(self.starts, start) - 1
        if kind != PER and end - start >= 3 and self.starts[at] < start and self.han(at):
            head = text[self.starts[at] : start]
            unknown = self.unknown(at) and not any(c in _NOT_A_NAME_START for c in head)
            if text[start] in _LEVELS and self.glued_verb(at):
                pass  # 任|乡党委: a verb glued to the level that begins the name
            elif unknown or (
                (self.tags[at] in _NAMEISH or self.tags[at] == "n")
                and not any(c in lex.function_chars or c in _NOT_A_NAME_START for c in head)
            ):
                start = self.starts[at]  # 经|开区总工会: a name starts where its word starts
                span = (start, end, kind)
                name = text[start:end]
        if kind == ORG and text.startswith(_HEAD_TITLES.get(name[-1], "\0"), end):
            end += 1  # 澳门日报|社长: the head of the 报社, 友协|会长 of the 协会
            span, name = (start, end, kind), text[start:end]
        room = _ROOM.fullmatch(name)
        if kind != PER and room:
            return [(start, start + room.end(1), LOC)]  # 国际大厦|967办公室: the building
        if kind == ORG:
            twice = self.repeated_suffix(name)
            if twice:
                return [(start, start + twice, ORG), (start + twice, end, ORG)]
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

    def foreign_end(self, span: tuple[int, int, str]) -> tuple[int, int, str]:
        """A foreign name cut short (巴蒂斯|图塔, 戈麦尔斯|基): it runs on to the end of the word
        it ends in, or over one more character of a single-character word, while those
        characters spell foreign names too."""
        start, end, kind = span
        text, chars = self.text, self.lex.transliteration
        name = text[start:end].replace("·", "")
        if kind != PER or len(name) < 2 or not all(c in chars for c in name):
            return span
        at = bisect_right(self.starts, end) - 1
        stop = self.starts[at + 1] if self.starts[at] < end else end
        if stop == end and at < len(self.words) and len(self.words[at]) == 1:
            stop = end + 1
            if stop < len(text) and text[stop] in chars:
                return span  # more than one character more: another word
        if stop > end and all(c in chars for c in text[end:stop]):
            return (start, stop, kind)
        return span

    def place_and_kind(self, span: tuple[int, int, str]) -> tuple[int, int, str]:
        """美国|公司, 墨西哥|军队, 山东|公安机关: a place and a word for a kind of body names no
        body; the place is the name."""
        start, end, kind = span
        if kind == LOC:
            name = self.text[start:end]
            for tail in _NOT_OF_A_PLACE:
                if name.endswith(tail) and self.known_place(name[: -len(tail)]):
                    return (start, end - len(tail), LOC)  # 德国|马克, 香港|市民, 鸭绿江|口
            return span
        if kind != ORG:
            return span
        name = self.text[start:end]
        if name[0] == "原" and end - start > 3:
            start, name = start + 1, name[1:]  # 原|国内贸易部: the former body is the body
            span = (start, end, kind)
        for tail in (*_KINDS_OF_BODY, *_KINDS_OF_PEOPLE):
            if name.endswith(tail) and name[: -len(tail)] in self.lex.places:
                return (start, end - len(tail), LOC)  # 美国公司, 日本古生物学家 as one word
        i = self.word_at.get(start)
        if i is None or self.words[i] not in self.lex.places:
            return span
        k = i + 1
        if self.starts[k] >= end:
            return span
        while self.starts[k] < end:
            if self.words[k] not in _KINDS_OF_BODY and not self.words[k].endswith(_KINDS_OF_PEOPLE):
                return span
            k += 1
        if self.starts[k] != end:
            return span
        return (start, self.starts[i + 1], LOC)

    def settled(self, span: tuple[int, int, str]) -> tuple[int, int, str]:
        """A mended name with its last corrections (foreign_end, place_and_kind)."""
        return self.place_and_kind(self.foreign_end(span))

    def branches_joined(self, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """An organisation right after another that is one of its branches (北京市分会) or
        that has no name of its own (环境管理专业委员会) is part of it: one name."""
        out: list[tuple[int, int, str]] = []
        for span in spans:
            if out and out[-1][2] == ORG and span[2] == ORG and out[-1][1] == span[0]:
                i = self.word_at.get(span[0])
                name = self.text[span[0] : span[1]]
                if i is not None and (name.endswith(_BRANCHES) or self.generic_start(i)):
                    out[-1] = (out[-1][0], span[1], ORG)
                    continue
            out.append(span)
        return out

    def rare_noun(self, i: int) -> bool:
        """A two-character noun the dictionary has seen but rarely (寰岛, 松日)."""
        return (
            len(self.words[i]) == 2
            and self.tags[i] in ("n", "nz")
            and 0 < self.freq(i) <= _RARE_TEAM_WORD
            and self.words[i] not in self.lex.not_names
        )

    def generic_start(self, i: int) -> bool:
        """Does a name begin with a common word (环境|管理|专业委员会), no name of its own?"""
        return (
            len(self.words[i]) > 1
            and self.tags[i] in ("n", "vn", "v", "an")
            and not (self.org_anchor(i))
        )

    def known_place(self, name: str) -> bool:
        """A place of the shipped list or of the dictionary."""
        return name in self.lex.places or segmenter.word_tags().get(name) == "ns"

    def doubtful_person(self, span: tuple[int, int, str]) -> bool:
        """A person only the model reads, ending in a character no given name ends in (楼组长|
        包楼), or cut off by the end of the text (医疗互助、金秋助|学 across a broken line)."""
        start, end, kind = span
        if kind != PER or end - start > 3:
            return False
        text = self.text
        name = text[start:end]
        if (
            end - start == 2
            and name[-1] in self.lex.not_given
            and name not in segmenter.word_tags()
        ):
            return True
        if self.is_title(self.prev(bisect_right(self.starts, start) - 1)):
            return False
        return end == len(text) and start > 0 and text[start - 1] in "、，,"

    def repeated_suffix(self, name: str) -> int:
        """Where the first of two organisations ending alike ends (密云区人民法院|溪翁庄人民法院),
        or 0 if the name is one organisation."""
        lex = self.lex
        n = _ends_with(name, lex.org_suffixes, lex.org_suffix_lengths)
        if n < 2:
            return 0
        inner = name.find(name[-n:], 2, len(name) - n)
        if inner < 0 or len(name) - n - (inner + n) < 2:
            return 0
        return inner + n

    def inside_other(self, span: tuple[int, int, str]) -> bool:
        """Is the name only the start or end of another thing's name?

        青岛啤酒杯: a cup named after a sponsor; 阳光家园店: a shop named after a place; 宣传文化部
        (of a committee): a department whose name ends like a ministry's.
        """
        start, end, kind = span
        index = self.word_at
        after = index.get(end)
        if kind == LOC and after is not None and self.word(after) in _SHOPS:
            return True  # 阳光家园店: a shop named after its estate
        if after is not None:
            for k in range(after, min(after + 3, len(self.words))):
                w = self.words[k]
                if w.endswith("杯") and (len(w) > 1 or k > after) and self.tags[k] != "v":
                    return True
                if self.tags[k] not in _CUP_INSIDE:
                    break
        before = index.get(start)
        return (
            kind == ORG
            and end - start <= 3
            and self.text[end - 1] == "部"
            and before is not None
            and before > 0
            and self.tags[before - 1] == "vn"
            and self.han(before - 1)
        )

    def teams(self, found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """罗马vs米兰: places on either side of "vs" are the teams playing for them."""
        text = self.text
        out = []
        for start, end, kind in found:
            if kind == LOC and (
                _VERSUS_BEFORE.search(text, 0, start) or _VERSUS_AFTER.match(text, end)
            ):
                kind = ORG
            out.append((start, end, kind))
        return out

    def publications(self) -> list[tuple[int, int, str]]:
        """《费加罗报》, 《中国足球报》: a newspaper or magazine in full is an organisation."""
        out = []
        for m in _WORK_TITLE.finditer(self.text):
            start, end = m.start() + 1, m.end() - 1
            name = self.text[start:end]
            i = self.word_at.get(start)
            if (
                3 <= len(name) <= 12
                and name.endswith(_PRESS)
                and i is not None
                and (self.tags[i] in _NAMEISH or self.words[i] in self.lex.places)
            ):
                out.append((start, end, ORG))
        return out

    def outside_titles(self, found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """《长江之歌》: a word inside a title names the work, not a place or an organisation.

        A title that is a name in full (《人民日报》) is kept."""
        titles = [m.span() for m in _WORK_TITLE.finditer(self.text)]
        return [
            (start, end, kind)
            for start, end, kind in found
            if kind == PER
            or not any(a < start and end < b and end - start < b - a - 2 for a, b in titles)
        ]


_FOR_PEOPLE, _FOR_PLACES, _FOR_ORGS = 1, 2, 4
# word -> (tag, rules that may use it); most words are none of our business, and deciding that
# once per distinct word keeps the pass close to the cost of the cut itself
_WORD_INFO: dict[str, tuple[str, int]] = {}
_WORD_INFO_LIMIT = 300_000


def _learn_word(w: str) -> tuple[str, int]:
    # the dictionary's tag; x: a Chinese word it does not hold (an HMM guess); w: anything else
    # unknown (punctuation, digits, Latin, blanks)
    tag = segmenter.word_tags().get(w) or ("x" if "\u4e00" <= w[0] <= "\u9fff" else "w")
    rules = 0
    if tag != "w":
        lex = _lexicon()
        first, last = w[0], w[-1]
        if (
            tag in _PERSON_GATE
            or (first in lex.person_first and len(w) <= 2)
            or w[-2:] in _DOCTRINES
        ):
            rules |= _FOR_PEOPLE
        if (
            tag in _PLACE_GATE
            or first in lex.place_first
            or last in lex.place_last
            or w in lex.places
        ):
            rules |= _FOR_PLACES
        if (
            tag == "nt"
            or last in lex.org_last
            or w in lex.organisations
            or (len(w) >= 4 and w[-2:] in _HEAD_OF_BODY and w[0] not in "副正代")
        ):
            rules |= _FOR_ORGS
    if len(_WORD_INFO) >= _WORD_INFO_LIMIT:
        _WORD_INFO.clear()
    info = _WORD_INFO[w] = (tag, rules)
    return info


_PRIORITY = {ORG: 0, LOC: 1, PER: 2}


def _without_overlaps(found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Longest spans first; a span that overlaps one already kept is dropped."""
    if not found:
        return []
    chosen: list[tuple[int, int, str]] = []
    taken: set[int] = set()
    for start, end, kind in sorted(set(found), key=lambda s: (s[0] - s[1], _PRIORITY[s[2]], s[0])):
        if any(k in taken for k in range(start, end)):
            continue
        taken.update(range(start, end))
        chosen.append((start, end, kind))
    chosen.sort()
    return chosen


def ner_spans(text: str) -> list[tuple[int, int, str]]:
    """People (PER), organisations (ORG) and places (LOC) in text as (start, end, type) spans.

    The trained tagger reads every character; the word lists and patterns of news prose are
    laid on top of what it finds (see ner.combine). Both share one jieba cut.
    """
    if not text or not text.strip():
        return []
    words = segmenter.cut(text)
    sentence = _Sentence(text, words)
    rules = [_trimmed(text, span) for span in sentence.spans()]
    loose = {span: sentence.verbs_inside[span] for span in rules if span in sentence.verbs_inside}
    probes = [v for held in loose.values() for v in held]
    model, beliefs = tagger.read(text, words, [*rules, *probes])
    if loose:
        seen = dict(zip(probes, beliefs[len(rules) :], strict=True))
        beliefs = beliefs[: len(rules)]
        kept = [
            not held or all(seen[v] >= _VERB_BELIEF for v in held)
            for held in (loose.get(span) for span in rules)
        ]
        rules = [span for span, keep in zip(rules, kept, strict=True) if keep]
        beliefs = [b for b, keep in zip(beliefs, kept, strict=True) if keep]
    # 李先生 -> 李, and places made by suffix grammar: patterns the model was never taught
    short = set(sentence.short_forms)
    trusted = [
        span
        for span in rules
        if sentence.grammar_place(span)
        or (span[2] == PER and span[1] - span[0] == 1)
        or span in short
        or sentence.grammar_org(span)
        or (span[2] == PER and text.startswith(("主义", "理论", "思想"), span[1]))
    ]
    # a verb that ends like a body (禁毒署, tagged as a verb) does not stop an organisation
    suffixes = sentence.lex.org_suffixes
    verbs = [
        at
        for at, word, tag in zip(sentence.starts, words, sentence.tags, strict=False)
        if tag in _VERB_TAGS and not (len(word) > 1 and word[-1] in suffixes)
    ]
    found = combine(text, model, rules, beliefs, trusted, verbs)
    ruled = set(rules)
    # mending may start a name earlier (经|开区总工会): overlaps are settled longest first
    return sentence.branches_joined(
        _without_overlaps(
            [
                kept
                for span in found
                if span in ruled or not sentence.doubtful_person(span)
                if not sentence.inside_other(span)
                for kept in map(sentence.settled, sentence.mended(span))
                if not _BREAKS.search(text, kept[0], kept[1])
            ]
        )
    )


def rule_spans(text: str) -> list[tuple[int, int, str]]:
    """What the word lists and patterns alone find in text, without the trained model."""
    if not text or not text.strip():
        return []
    return [_trimmed(text, span) for span in _Sentence(text, segmenter.cut(text)).spans()]


def _trimmed(text: str, span: tuple[int, int, str]) -> tuple[int, int, str]:
    """A name never starts with the unit of the number before it (2022年|经开区)."""
    start, end, kind = span
    if end - start > 2 and text[start] in "年月日号" and start and text[start - 1].isdigit():
        start += 1
        if text.startswith("电", start) and text[start - 1] == "日" and end - start > 2:
            start += 1  # 5日电|法国世界杯组委会: a news agency's dateline
        return start, end, kind
    return span


def _find_all(text: str, name: str) -> Iterator[int]:
    """Where name occurs in text, left to right, not overlapping."""
    start = text.find(name)
    while start >= 0:
        yield start
        start = text.find(name, start + len(name))


def entities_for_article(article: Article) -> tuple[Entity, ...]:
    """Every person, organisation and place the article names, with every mention of each.

    A name recognised once (队长何强) is also found where the rules alone would miss it (何强表示),
    and byline names (reporters, correspondents, photographers) are people of the article even
    when its text never repeats them.
    """
    fields = list(article.fields())
    kinds: dict[str, EntityType] = {}  # name -> entity type, first recognition wins
    first_seen: dict[str, tuple[int, int]] = {}
    recognised: dict[str, list[tuple[int, int]]] = {}  # one-character names: where they were
    for position, (_, _, text) in enumerate(fields):
        for start, end, kind in ner_spans(text):
            name = text[start:end]
            if kind == PER and len(name) < 2:
                continue  # 王先生: a bare surname is not someone a reader can look up
            if len(name) == 1 and in_compound(text, start):
                continue  # the 中 of 中医: a place to the corpora, no name to a reader
            if kind == ORG and _CONGRESS.fullmatch(name) and not name.startswith("中共"):
                continue  # 党的二十大: a congress (an event) a reader does not look up as a body
            kinds.setdefault(name, _ENTITY_TYPE[kind])
            first_seen.setdefault(name, (position, start))
            if len(name) == 1:
                recognised.setdefault(name, []).append((position, start))
    for name in (*article.reporters, *article.correspondents, *article.photographers):
        if name and name not in kinds:
            kinds[name] = "person"
            first_seen[name] = (len(fields), len(first_seen))
    taken: list[list[tuple[int, int]]] = [[] for _ in fields]
    mentions: dict[str, list[tuple[int, int, Mention]]] = {name: [] for name in kinds}
    # longer names first, so 密云区总工会 keeps its words from 密云区
    for name in sorted(kinds, key=len, reverse=True):
        if len(name) == 1:  # 中美 names 中, but not the 中 of every 工作中: only where it was found
            places = recognised.get(name, [])
        else:
            places = [
                (p, at) for p, (_, _, text) in enumerate(fields) for at in _find_all(text, name)
            ]
        for position, start in places:
            field, block, _ = fields[position]
            end = start + len(name)
            if all(end <= s or e <= start for s, e in taken[position]):
                taken[position].append((start, end))
                mentions[name].append((position, start, Mention(field, block, start, end)))
    entities = [
        Entity(text=name, type=kinds[name], mentions=tuple(m for *_, m in sorted(found)))
        for name, found in mentions.items()
        if found or kinds[name] == "person"
    ]
    entities.sort(key=lambda e: (-e.count, first_seen[e.text]))
    return tuple(entities)
