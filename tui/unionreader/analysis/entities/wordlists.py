"""The shipped word lists the rules read, and which rules each distinct word is worth."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from unionreader.analysis import segmenter

_COMMON_SURNAMES = 150
# 访华, 驻京, 在京: a verb of travel or stay before a one-character place
VISIT_CHARS = "访驻赴抵离旅援侵返进晋在对"
_PERSON_GATE = frozenset({"nr", "nrfg", "nrt", "x"})
_PLACE_GATE = frozenset({"ns", "nt", "x", "j"})
_DOCTRINES = frozenset({"主义", "理论", "思想"})
# The titles of the head of a ministry, bureau or department, which jieba may glue to its name
HEAD_OF_BODY = frozenset({"部长", "局长", "厅长"})
FOR_PEOPLE, FOR_PLACES, FOR_ORGS = 1, 2, 4
# word -> (tag, rules that may use it); most words are none of our business, and deciding that
# once per distinct word keeps the pass close to the cost of the cut itself
WORD_INFO: dict[str, tuple[str, int]] = {}
_WORD_INFO_LIMIT = 300_000


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The shipped word lists, with what the rules derive from them."""

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
    not_places: frozenset[str]  # common nouns the dictionary tags as places
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
def lexicon() -> Lexicon:
    words = segmenter.lexicon_words
    surnames = words("surnames")
    org_suffixes = frozenset(words("org_suffixes"))
    place_suffixes = frozenset(words("place_suffixes"))
    place_heads = frozenset(words("place_heads"))
    abbreviations = frozenset(words("place_abbreviations"))
    return Lexicon(
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
        not_places=frozenset(words("not_places")),
        not_given=frozenset(words("not_given_chars")),
        given=frozenset(words("given_chars")),
        people=frozenset(words("people")),
        transliteration=frozenset(words("transliteration_chars")),
        person_first=frozenset(s[0] for s in surnames),
        place_first=abbreviations | frozenset(VISIT_CHARS),
        place_last=frozenset(s[-1] for s in place_suffixes | place_heads),
        head_last=frozenset(s[-1] for s in place_heads),
        org_last=frozenset(s[-1] for s in org_suffixes) | frozenset("记委长大办"),
    )


def ends_with(word: str, suffixes: frozenset[str], lengths: tuple[int, ...]) -> int:
    """Length of the longest suffix of word found in suffixes (0 if none)."""
    for n in lengths:
        if n <= len(word) and word[-n:] in suffixes:
            return n
    return 0


def learn_word(w: str) -> tuple[str, int]:
    """A word's tag and the rules that may use it, decided once per distinct word."""
    # the dictionary's tag; x: a Chinese word it does not hold (an HMM guess); w: anything else
    # unknown (punctuation, digits, Latin, blanks)
    tag = segmenter.word_tags().get(w) or ("x" if "\u4e00" <= w[0] <= "\u9fff" else "w")
    rules = 0
    if tag != "w":
        lex = lexicon()
        first, last = w[0], w[-1]
        if (
            tag in _PERSON_GATE
            or (first in lex.person_first and len(w) <= 2)
            or w[-2:] in _DOCTRINES
        ):
            rules |= FOR_PEOPLE
        if (
            tag in _PLACE_GATE
            or first in lex.place_first
            or last in lex.place_last
            or w in lex.places
        ):
            rules |= FOR_PLACES
        if (
            tag == "nt"
            or last in lex.org_last
            or w in lex.organisations
            or (len(w) >= 4 and w[-2:] in HEAD_OF_BODY and w[0] not in "副正代")
        ):
            rules |= FOR_ORGS
    if len(WORD_INFO) >= _WORD_INFO_LIMIT:
        WORD_INFO.clear()
    info = WORD_INFO[w] = (tag, rules)
    return info
