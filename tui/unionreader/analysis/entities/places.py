"""The rules for places: names with a place suffix, listed places, short forms of countries."""

from __future__ import annotations

from unionreader.analysis import segmenter
from unionreader.analysis.entities.sentence import ABSTRACT_ENDINGS, LOC, NAMEISH, ORG, Sentence
from unionreader.analysis.entities.wordlists import VISIT_CHARS, ends_with

# Rare common nouns can be the proper part of a place (苍术会村, 鼓楼街道); frequent ones cannot.
_RARE_NOUN = 1500
# Dictionary words tagged as places but this frequent are mostly common words (大街, 普及)
_COMMON_PLACE_WORD = 500
# One-character directions the dictionary tags as places (东, 南, 北): part of a longer name
_DIRECTIONS = frozenset("东南西北")
# The frequency the dictionary gives entries it barely knows (加大力度 3, 广大干部 3)
_STUB_FREQ = 5
# Single-character place suffixes strong enough to make a place of an unknown word (檀溪路, 营村).
_NUMERALS = frozenset("一二两三四五六七八九十百千")
_ADMIN_SUFFIX_CHARS = frozenset("省市县区镇乡村路街巷屯寨旗州盟")
# Characters that are grammar, never the start of a place's proper part (对区, 在村).
_GRAMMAR_CHARS = frozenset("的了对在和与及向从到至把被为是等也都就将又还由于以因但而或并且")
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
# Words for people of a calling: after a place they name no body (日本|古生物学家)
_KINDS_OF_PEOPLE = ("学家", "专家")


def proper_part(s: Sentence, i: int) -> bool:
    """Can word i be the proper part of a place name (鼓楼, 建西, 苍术, 长城)?"""
    if i < 0 or not s.han(i):
        return False
    w, tag = s.words[i], s.tags[i]
    lex = s.lex
    if w in lex.not_names or w in lex.titles or len(w) == 1:
        return False
    if all(c in _ADMIN_SUFFIX_CHARS for c in w) or (w[0] in _NUMERALS and w[1] in "大个"):
        return False  # 省市|自治区, 四大|景区: levels or a count, no place's own name
    if tag in NAMEISH:
        return tag != "x" or w[0] not in lex.function_chars
    return tag in ("n", "nz") and s.freq(i) < _RARE_NOUN


def places(s: Sentence, i: int) -> None:
    words, lex = s.words, s.lex
    w, tag = words[i], s.tags[i]
    if w in lex.not_names or abbreviated_places(s, i):
        return
    nxt = i + 1
    if tag == "nt" and venue(s, w):
        s.add(i, i, LOC)
        return
    if len(w) == 1 and w in _DIRECTIONS and w not in lex.places:
        return  # 东 in 东/菜园/社区: the start of the place after it (see place_start)
    if len(w) == 1 and i and len(words[i - 1]) > 1 and s.tags[i - 1] == "ns":
        return  # 密云/云/线路: a place's last character again, not another place
    if tag == "ns" or w in lex.places:
        # a place and the suffix jieba cut off it (密云/区, 鼓楼/街道, 长城/环岛)
        last = i
        if nxt < len(words) and words[nxt] in lex.place_suffixes:
            last = nxt
        elif common_place_tag(s, i) or phrase_tagged_place(s, i):
            if w in lex.place_suffixes and s.word(i - 1) in _DIRECTIONS:
                s.add(i - 1, i, LOC)  # 西/大桥: a direction names the bridge
            elif w in lex.place_suffixes and len(w) > 1 and proper_part(s, i - 1):
                s.add(i - 1, i, LOC)  # 鼓楼/大街: a rare noun names the street
            return
        s.add(i, last, LOC)
        return
    if s.unknown(i):
        n = ends_with(w, lex.place_suffixes, lex.place_suffix_lengths)
        if not n or (n == 1 and w[-1] not in _ADMIN_SUFFIX_CHARS):
            return
        skip = 1 if w[0] in lex.function_chars and len(w) - n >= 3 else 0
        if len(w) - skip - n >= 2:
            if not any(c in lex.function_chars for c in w[skip:-n]):
                s.add(i, i, LOC, start_skip=skip)
        elif w[0] not in _GRAMMAR_CHARS and proper_part(s, i - 1):
            s.add(i - 1, i, LOC)
        return
    suffix = w in lex.place_suffixes and (len(w) > 1 or w in _ADMIN_SUFFIX_CHARS)
    if suffix and proper_part(s, i - 1) and not place_word(s, i - 1):
        s.add(place_start(s, i - 1), i, LOC)
    elif suffix and s.word(i - 1) in _DIRECTIONS and proper_part(s, i - 2):
        first = i - 2  # 鼓楼/行宫/南/社区: the proper part, its direction, the suffix
        if proper_part(s, first - 1) and not place_word(s, first - 1):
            first -= 1
        s.add(first, i, LOC)


def place_start(s: Sentence, first: int) -> int:
    """东/菜园/社区: a direction standing alone before a place's proper part belongs to it."""
    before = first - 1
    if before >= 0 and s.words[before] in _DIRECTIONS and s.tags[before] == "ns":
        return before
    return first


def common_place_tag(s: Sentence, i: int) -> bool:
    """大街, 古城, 普及: a frequent word the dictionary tags as a place is mostly not one."""
    w = s.words[i]
    return (
        len(w) >= 2
        and w not in s.lex.places
        and (w[-1] not in _ADMIN_SUFFIX_CHARS or len(w) < 3)  # 大街 but not 南京市
        and s.freq(i) > _COMMON_PLACE_WORD
    )


def phrase_tagged_place(s: Sentence, i: int) -> bool:
    """加大力度, 广大干部, 满意度: the dictionary tags some phrases as places. Such a word of
    three or more characters, with no place suffix and no known place inside it, is taken
    for a phrase if the dictionary barely knows it (frequency of a stub entry) or if it is
    a common word plus an abstract-noun ending (满意+度, 安全+性)."""
    w, lex = s.words[i], s.lex
    if len(w) < 3 or w in lex.places or s.transliterated(w):
        return False
    if ends_with(w, lex.place_suffixes, lex.place_suffix_lengths):
        return False
    tags = segmenter.word_tags()
    for part in (w[:2], w[:3], w[-2:], w[-3:]):
        if part != w and (part in lex.places or tags.get(part) == "ns"):
            return False
    if s.freq(i) <= _STUB_FREQ:
        return True
    return w[-1] in ABSTRACT_ENDINGS and s.common_word(w[:-1], 100)


def abbreviated_places(s: Sentence, i: int) -> bool:
    """中美关系 -> 中 and 美, 访华 -> 华, 俄总统 -> 俄, 中国政府 -> 中国."""
    w, lex = s.words[i], s.lex
    abbr = lex.abbreviations
    if len(w) >= 3 and w[-1] in lex.head_last:
        for n in range(len(w) - 1, 0, -1):
            head, tail = w[:n], w[n:]
            if tail in lex.place_heads and (head in lex.places or (n == 1 and head in abbr)):
                s.add(i, i, LOC, end_skip=len(tail))
                return True
            if tail in lex.place_heads and 2 <= n <= 3 and all(c in abbr for c in head):
                w = head
                break
    if 2 <= len(w) <= 3 and all(c in abbr for c in w) and w not in lex.places:
        if s.tags[i] == "x" and w[0] == "中" and s.tags[s.prev(i)] in ("v", "vn"):
            return True  # 工作/中以: the 中 of 工作中, then 以 (nothing to add)
        if w != s.words[i] or s.tags[i] in ("ns", "j", "x", "t"):
            start = s.starts[i]
            for k in range(len(w)):
                s.found.append((start + k, start + k + 1, LOC))
            return True
        return False
    if len(w) == 2 and w[0] in VISIT_CHARS and w[1] in _VISITED and w != "来日":
        s.add(i, i, LOC, start_skip=1)
        return True
    if len(w) == 2 and w[1] == "军" and w[0] in abbr and w[0] not in "中新":
        s.add(i, i, LOC, end_skip=1)  # 美军, 日军: the country of its armed forces
        return True
    if len(w) == 2 and w[1] == "方" and w[0] in abbr and w[0] not in "对双一多地各":
        s.add(i, i, LOC, end_skip=1)
        return True
    after = s.word(i + 1)
    if len(w) == 1 and w in abbr and s.word(s.prev(i)) in _NOT_A_COUNTRY_AFTER:
        return True  # 很美, 更新, 生活中的美: an adjective or a noun, not a country
    if len(w) == 1 and w in abbr and short_form(s, i):
        s.add(i, i, LOC)
        return True
    if len(w) == 1 and w in abbr and after in lex.place_heads and len(after) > 1:
        s.add(i, i, LOC)
        return True
    return False


def short_form(s: Sentence, i: int) -> bool:
    """俄 (tagged as a short form), or 中/俄, 日/俄: short forms next to one another."""
    abbr = s.lex.abbreviations
    if s.tags[i] in ("j", "ns"):
        return True
    return any(
        len(s.word(k)) == 1 and s.word(k) in abbr and s.tags[k] in ("j", "ns")
        for k in (i - 1, i + 1)
        if 0 <= k < len(s.words)
    )


def place_word(s: Sentence, i: int) -> bool:
    w = s.words[i]
    return s.tags[i] == "ns" or w in s.lex.places or w in s.lex.abbreviations


def venue(s: Sentence, w: str) -> bool:
    """北京图书大厦, 中国美术馆: buildings are places, not organisations."""
    n = ends_with(w, s.lex.place_suffixes, s.lex.place_suffix_lengths)
    return n > 1


def grammar_place(s: Sentence, span: tuple[int, int, str]) -> bool:
    """鼓楼街道, 檀溪路, 苍术会村: a place made of a proper part and a place suffix, or one
    of the shipped list of places."""
    start, end, kind = span
    lex = s.lex
    if kind == LOC and s.text[start:end] in lex.places:
        return True
    if kind != LOC or end - start < 3:
        return False
    n = ends_with(s.text[start:end], lex.place_suffixes, lex.place_suffix_lengths)
    return n > 1 or (n == 1 and s.text[end - 1] in _ADMIN_SUFFIX_CHARS)


def place_and_kind(s: Sentence, span: tuple[int, int, str]) -> tuple[int, int, str]:
    """美国|公司, 墨西哥|军队, 山东|公安机关: a place and a word for a kind of body names no
    body; the place is the name."""
    start, end, kind = span
    if kind == LOC:
        name = s.text[start:end]
        for tail in _NOT_OF_A_PLACE:
            if name.endswith(tail) and known_place(s, name[: -len(tail)]):
                return (start, end - len(tail), LOC)  # 德国|马克, 香港|市民, 鸭绿江|口
        return span
    if kind != ORG:
        return span
    name = s.text[start:end]
    if name[0] == "原" and end - start > 3:
        start, name = start + 1, name[1:]  # 原|国内贸易部: the former body is the body
        span = (start, end, kind)
    for tail in (*_KINDS_OF_BODY, *_KINDS_OF_PEOPLE):
        if name.endswith(tail) and name[: -len(tail)] in s.lex.places:
            return (start, end - len(tail), LOC)  # 美国公司, 日本古生物学家 as one word
    i = s.word_at.get(start)
    if i is None or s.words[i] not in s.lex.places:
        return span
    k = i + 1
    if s.starts[k] >= end:
        return span
    while s.starts[k] < end:
        if s.words[k] not in _KINDS_OF_BODY and not s.words[k].endswith(_KINDS_OF_PEOPLE):
            return span
        k += 1
    if s.starts[k] != end:
        return span
    return (start, s.starts[i + 1], LOC)


def known_place(s: Sentence, name: str) -> bool:
    """A place of the shipped list or of the dictionary."""
    return name in s.lex.places or segmenter.word_tags().get(name) == "ns"
