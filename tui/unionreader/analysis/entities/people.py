"""The rules for people: Chinese names (a surname and a given name), foreign names."""

from __future__ import annotations

from bisect import bisect_right

from unionreader.analysis import segmenter
from unionreader.analysis.entities.sentence import HAN, NAMEISH, PER, Sentence

_PERSON_TAGS = frozenset({"nr", "nrfg"})
# Tags a given name standing as its own word may carry (高扬 nr, 丹阳 ns, 奇才 n, 欣欣 z ...).
_GIVEN_TAGS = frozenset({"nr", "nrfg", "nrt", "ns", "nz", "n", "a", "z", "x", "ng", "j", "i", "t"})
_DOTS = frozenset({"·", "•", "・", "‧"})
# Tags of a word that makes a bare two-character "name" before it more likely a word or a place
_NOT_AFTER_NAME = frozenset({"n", "ns", "nz", "nt", "x", "vn", "f", "j", "s", "m", "q", "ng", "b"})
# Words after a bare surname that make it a way of naming someone (王先生, 李老师, 江主席)
_HONORIFICS = frozenset(
    {"先生", "女士", "小姐", "老师", "教授", "同志", "师傅", "夫人", "大娘", "大爷", "大妈"}
    | {"主席", "总理", "外长", "市长", "省长", "局长", "县长", "厂长", "校长", "院长"}
)
# Tags of the words of grammar: conjunctions, prepositions, pronouns, adverbs, particles
_GRAMMAR_TAGS = frozenset({"c", "p", "r", "d", "u", "uj", "ul", "uz", "m"})
# Characters that spell foreign names and almost never a Chinese given name.
_TRANSLITERATION = frozenset("斯尔夫普托纳娃蒂科诺耶契巴布")


def surname_len(s: Sentence, w: str) -> int:
    if len(w) >= 3 and w[:2] in s.lex.compound_surnames:
        return 2
    return 1 if w[:1] in s.lex.surnames else 0


def plausible_given(s: Sentence, given: str) -> bool:
    lex = s.lex
    # not a listed place (谈|武汉: a verb that is also a surname, and a city)
    return (
        0 < len(given) <= 2
        and given[-1] not in lex.not_given
        and given not in lex.titles
        and given not in lex.places
    )


def glued_words(s: Sentence, w: str, n: int) -> bool:
    """幸福感, 安全性: a surname-led word that is really a common word plus a character."""
    return len(w) - n == 2 and (s.common_word(w[: n + 1], 100) or s.common_word(w[n:], 200))


def people(s: Sentence, i: int) -> None:
    words, lex = s.words, s.lex
    w, tag = words[i], s.tags[i]
    if w in lex.people:
        s.add(i, i, PER)
        return
    if w in lex.not_names or w in lex.places or w in lex.organisations:
        return
    if len(w) >= 3 and w[0] in lex.surnames and w[1:] in _HONORIFICS:
        if w[0] not in lex.function_chars:
            s.add(i, i, PER, end_skip=len(w) - 1)  # 李先生 as one word: 李
        return
    if len(w) >= 3 and s.transliterated(w) and tag in ("nr", "nrt", "nrfg", "x"):
        # foreign places are spelt with the same characters: ask for a title or a verb
        if s.strict_context(i, i):
            s.add(i, i, PER)
        return
    if s.unknown(i):
        n = surname_len(s, w)
        if not n or not plausible_given(s, w[n:]):
            return
        if w[0] in lex.function_chars and not s.is_title(s.prev(i)):
            return
        last = i
        # HMM often leaves the last character of a three-character name alone (薄述/来)
        j = i + 1
        if len(w) == n + 1 and s.han(j) and len(words[j]) == 1:
            after = s.word(j + 1)
            if (
                plausible_given(s, w[n:] + words[j])
                and words[j] not in lex.followers
                and (after in lex.followers or not s.han(j + 1))
            ):
                last = j
        context = s.name_context(i, last)
        if len(w) - n == 1 and last == i and not context and not bare_name(s, i):
            return
        if last == i and glued_words(s, w, n) and not context:
            return
        if len(w) == 3 and n == 1 and w[0] not in lex.common_surnames and not context:
            return  # 师德师(风): a rare surname alone does not make a name of a phrase
        s.add(i, last, PER)
        return
    if tag in _PERSON_TAGS and 2 <= len(w) <= 4:
        n = surname_len(s, w)
        if not n or not plausible_given(s, w[n:]):
            return
        if s.name_context(i, i) or (len(w) - n == 2 and not glued_words(s, w, n)):
            s.add(i, i, PER)
        return
    if tag == "nrt" and len(w) >= 2 and w[-1] not in lex.not_given:
        if s.strict_context(i, i):
            s.add(i, i, PER)
        return
    if len(w) >= 4 and w.endswith(("主义", "理论", "思想")):
        head = w[:-2]
        tag_of_head = segmenter.word_tags().get(head)
        if tag_of_head in ("nr", "nrt", "nrfg") or s.transliterated(head):
            s.add(i, i, PER, end_skip=2)
        return
    if len(w) <= 2 and surname_len(s, w) == len(w) and s.han(i + 1):
        surname_and_given(s, i)


def bare_name(s: Sentence, i: int) -> bool:
    """李伟在, 张敏说: a surname and a name character, then a verb or a stop; no title."""
    w, lex = s.words[i], s.lex
    if len(w) != 2 or w[0] not in lex.common_surnames or w[0] in lex.function_chars:
        return False
    if w[1] not in lex.given:
        return False
    j = s.next(i)
    if j >= len(s.words):
        return True
    after = s.words[j]
    if after in _DOTS or after in lex.place_suffixes or after in lex.org_suffixes:
        return False
    if not s.han(j):
        return not after[0].isalnum()
    return s.tags[j] not in _NOT_AFTER_NAME or s.is_title(j)


def surname_and_given(s: Sentence, i: int) -> None:
    """A surname standing alone followed by a given name jieba cut off (刘/高扬, 赵/秦岭)."""
    words, lex = s.words, s.lex
    titled = s.is_title(s.prev(i))
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
            and s.tags[i] not in _GRAMMAR_TAGS
        ):
            s.add(i, i, PER)
        return
    last = j
    if len(given) == 1 and s.han(j + 1) and len(words[j + 1]) == 1:
        two = given + words[j + 1]
        if plausible_given(s, two) and s.tags[j + 1] in ("x", "ng", "zg", "n", "nr"):
            given, last = two, j + 1
    if not plausible_given(s, given) or given in lex.followers:
        return
    tag = s.tags[j]
    if last == j and tag not in _GIVEN_TAGS:
        return
    if last == j and tag not in NAMEISH and s.freq(j) >= 300:
        return
    if len(given) == 1 and tag not in ("x", "ng", "zg", "nr", "n", "a"):
        return
    if titled or s.name_context(i, last):
        s.add(i, last, PER)


def foreign_names(s: Sentence) -> None:
    """约翰·史密斯: words joined by a middle dot are one name."""
    words, lex = s.words, s.lex
    i = 0
    while i < len(words):
        if words[i] in _DOTS and foreign_part(s, i - 1) and foreign_part(s, i + 1):
            first, last = i - 1, i + 1
            while s.word(last + 1) in _DOTS and foreign_part(s, last + 2):
                last += 2
            # the HMM leaves the ends of a long name in pieces (卡/莱维·海/米莱)
            while foreign_piece(s, last + 1) and s.starts[last + 2] - s.starts[i] < 8:
                last += 1
            while foreign_piece(s, first - 1) and s.starts[i] - s.starts[first - 1] < 6:
                first -= 1
            end_skip = 1 if words[last][-1] in lex.function_chars else 0
            s.add(first, last, PER, end_skip=end_skip)
            i = last + 1
        else:
            i += 1


def foreign_piece(s: Sentence, i: int) -> bool:
    w = s.word(i)
    return (
        0 < len(w) <= 2
        and s.han(i)
        and w not in s.lex.followers
        and all(c in s.lex.transliteration and c not in s.lex.function_chars for c in w)
    )


def foreign_part(s: Sentence, i: int) -> bool:
    if not s.han(i):
        return False
    w, tag = s.words[i], s.tags[i]
    return tag in ("nr", "nrt", "nrfg", "x", "nz", "ns") or all(
        c in s.lex.transliteration for c in w
    )


def names_run_together(s: Sentence, start: int, end: int) -> list[tuple[int, int]]:
    """Names printed without a pause between them (a deck's 江泽民李鹏乔石): the words
    that tile the span when each is a two- or three-character Chinese name, else [].

    A transliterated name (tagged nrt, or with characters foreign names are spelt with:
    尤尔|科夫, 贝尔|巴托夫) is never taken apart."""
    first = bisect_right(s.starts, start) - 1
    if s.starts[first] != start or any(c in _TRANSLITERATION for c in s.text[start:end]):
        return []
    lex, pieces, i = s.lex, [], first
    while s.starts[i] < end:
        a, tags = s.starts[i], [s.tags[i]]
        word = s.words[i]
        if word in lex.surnames and s.starts[i + 1] < end and len(s.words[i + 1]) <= 2:
            i += 1  # 李|红梅: a surname cut from its given name
            word += s.words[i]
            tags.append(s.tags[i])
        b = s.starts[i + 1]
        if b > end or not 2 <= len(word) <= 3 or not HAN.fullmatch(word) or "nrt" in tags:
            return []
        surname = word[:2] if word[:2] in lex.compound_surnames else word[0]
        named = tags[0] == "nr" or surname in lex.common_surnames
        if len(word) == len(surname) or not (named or surname in lex.compound_surnames):
            return []
        pieces.append((a, b))
        i += 1
    return pieces if len(pieces) >= 2 else []


def foreign_end(s: Sentence, span: tuple[int, int, str]) -> tuple[int, int, str]:
    """A foreign name cut short (巴蒂斯|图塔, 戈麦尔斯|基): it runs on to the end of the word
    it ends in, or over one more character of a single-character word, while those
    characters spell foreign names too."""
    start, end, kind = span
    text, chars = s.text, s.lex.transliteration
    name = text[start:end].replace("·", "")
    if kind == PER and len(name) >= 4 and name[0] in "小老" and all(c in chars for c in name[1:]):
        start, name = start + 1, name[1:]  # 小|克麦尔斯基: the younger one, not part of the name
        span = (start, end, kind)
    if kind != PER or len(name) < 2 or not all(c in chars for c in name):
        return span
    at = bisect_right(s.starts, end) - 1
    stop = s.starts[at + 1] if s.starts[at] < end else end
    if stop == end and at < len(s.words) and len(s.words[at]) == 1:
        stop = end + 1
        if stop < len(text) and text[stop] in chars:
            return span  # more than one character more: another word
    if stop > end and all(c in chars for c in text[end:stop]):
        return (start, stop, kind)
    return span


def doubtful_person(s: Sentence, span: tuple[int, int, str]) -> bool:
    """A person only the model reads, ending in a character no given name ends in (楼组长|
    包楼), or cut off by the end of the text (医疗互助、金秋助|学 across a broken line)."""
    start, end, kind = span
    if kind != PER or end - start > 3:
        return False
    text = s.text
    name = text[start:end]
    if end - start == 2 and name[-1] in s.lex.not_given and name not in segmenter.word_tags():
        return True
    if s.is_title(s.prev(bisect_right(s.starts, start) - 1)):
        return False
    return end == len(text) and start > 0 and text[start - 1] in "、，,"
