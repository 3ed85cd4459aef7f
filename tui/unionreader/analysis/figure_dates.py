"""Dates and times among the figures: 2023年11月5日, 4月26日, 26日, 2023-11-05, 9:30, 晚上8点.

Each reader looks at the numeral at a position and returns what it makes of it (`Found`),
None when it is not its kind, or `REJECT` when the numeral is no figure at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from unionreader.analysis.figure_words import POINT_NOUNS, TIME_OF_DAY, YEAR_CONTEXT, YEAR_LOOKAHEAD
from unionreader.analysis.numerals import DIGITS, NumeralError, parse_digit_string, parse_numeral

CN_DIGITS = "".join(DIGITS)
Value = int | float | str | None
LATIN_OR_CODE = re.compile(r"[A-Za-z+＋·•/\\_#@&*^=]")
_ISO_DATE = re.compile(
    r"(?P<y>(?:19|20)[0-9]{2})(?P<s>[-/.])(?P<m>1[0-2]|0?[1-9])(?P=s)(?P<d>3[01]|[12][0-9]|0?[1-9])"
    r"(?![0-9])"
)
CN_MONTH = "十[一二]?|[一二三四五六七八九]"
CN_DAY = "三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九]"
_YEAR_DATE = re.compile(
    rf"(?P<y>[0-9]{{4}}|[{CN_DIGITS}]{{4}})年"
    rf"(?:(?P<suf>度|初|底|末|上半年|下半年)|(?P<m>1[0-2]|0?[1-9]|{CN_MONTH})月份?"
    rf"(?:(?P<d>3[01]|[12][0-9]|0?[1-9]|{CN_DAY})[日号])?)?"
)
_MONTH_DATE = re.compile(
    r"(?P<m>1[0-2]|0?[1-9])月(?P<fen>份)?(?:(?P<d>3[01]|[12][0-9]|0?[1-9])[日号])?"
    rf"|(?P<cm>{CN_MONTH})月(?P<cd>{CN_DAY})[日号]"
)
_MERIDIEM = re.compile(r" ?(?:(?P<pm>[pP][mM])|[aA][mM])(?![A-Za-z])")
_DAY_DATE = re.compile(r"(?P<d>3[01]|[12][0-9]|0?[1-9])日")
_TIME = re.compile(
    r"(?P<h>2[0-4]|[01]?[0-9])(?:[:](?P<mi>[0-5][0-9])(?![0-9])"
    r"|(?P<mark>[点时])(?:(?P<mi2>[0-5]?[0-9])分|(?P<half>半)|(?P<sharp>钟|整|许|左右))?)"
)


@dataclass(slots=True)
class Found:
    """What a reader makes of the numeral at a position, before it is placed in an article."""

    start: int
    end: int
    kind: str
    value: Value
    approx: str | None


REJECT = Found(-1, -1, "", None, None)


def after_ok(norm: str, end: int) -> bool:
    """A figure ending in a digit must not run on into a code or more digits (5X, 3·15)."""
    if end >= len(norm) or not norm[end - 1].isdigit():
        return True
    nxt = norm[end]
    return not (nxt.isdigit() or LATIN_OR_CODE.match(nxt) or nxt in "·•")


def read_iso_date(norm: str, i: int, floor: int) -> Found | None:
    m = _ISO_DATE.match(norm, i)
    if not m or not after_ok(norm, m.end()):
        return None
    value = f"{m['y']}-{int(m['m']):02d}-{int(m['d']):02d}"
    return Found(i, m.end(), "date", value, None)


def _cn_or_int(text: str) -> int:
    if text.isascii():
        return int(text)
    value, _ = parse_numeral(text)
    return int(value)


def read_year_date(norm: str, i: int, floor: int) -> Found | None:
    m = _YEAR_DATE.match(norm, i)
    if not m:
        return None
    try:
        year = parse_digit_string(m["y"])
    except NumeralError:
        return None
    if not 1800 <= year <= 2199:
        return None  # 1000年 is a duration
    if m["m"]:
        month = _cn_or_int(m["m"])
        value = f"{year:04d}-{month:02d}"
        if m["d"]:
            value += f"-{_cn_or_int(m['d']):02d}"
        end = m.end()
        return Found(i, end, "date", value, None)
    end = m.end()
    if norm.startswith("代", end):
        return None  # 1980年代: a decade, read by the general reader
    if m["suf"] is None and _year_heads_a_name(norm, end):
        return REJECT
    return Found(i, end, "date", f"{year:04d}", None)


def _year_heads_a_name(norm: str, end: int) -> bool:
    """2023年“最美站点”, 2023年全国工人先锋号: the year is part of a name, not a date."""
    window = norm[end : end + YEAR_LOOKAHEAD]
    m = YEAR_CONTEXT.search(window)
    return bool(m and m.lastgroup == "name")


def read_month_date(norm: str, i: int, floor: int) -> Found | None:
    m = _MONTH_DATE.match(norm, i)
    if not m:
        return None
    if m["cm"]:
        month, day = _cn_or_int(m["cm"]), _cn_or_int(m["cd"])
        return Found(i, m.end(), "date", f"--{month:02d}-{day:02d}", None)
    value = f"--{int(m['m']):02d}"
    if m["d"]:
        value += f"-{int(m['d']):02d}"
    return Found(i, m.end(), "date", value, None)


def read_day_date(norm: str, i: int, floor: int) -> Found | None:
    m = _DAY_DATE.match(norm, i)
    if not m or norm.startswith(("元", "本"), m.end()):
        return None  # 10日元 is money, 5日本 a country
    return Found(i, m.end(), "date", f"---{int(m['d']):02d}", None)


def read_time(norm: str, i: int, floor: int) -> Found | None:
    m = _TIME.match(norm, i)
    if not m or not after_ok(norm, m.end()):
        return None
    hour = int(m["h"])
    start = i
    shift = None
    for word, offset in TIME_OF_DAY.items():
        if norm.startswith(word, i - len(word)) and i - len(word) >= floor:
            start, shift = i - len(word), offset
            break
    minute = m["mi"] or m["mi2"]
    plain_point = m["mark"] == "点" and not (shift is not None or minute or m["half"] or m["sharp"])
    if plain_point and (POINT_NOUNS.match(norm, m.end()) or not _hour_context(norm, i)):
        return None  # 3点建议: points, read by the general reader as a quantity
    if m["mark"] == "时" and norm.startswith(
        ("间", "代", "期", "候", "刻", "光", "段", "尚"), m.end()
    ):
        return None
    if shift and hour < 12:
        hour += shift
    end = m.end()
    meridiem = _MERIDIEM.match(norm, end) if m["mi"] else None
    if meridiem:
        end = meridiem.end()
        hour = hour % 12 + (12 if meridiem["pm"] else 0)
    if hour > 24 or (hour == 24 and minute and int(minute)):
        return None
    mins = 30 if m["half"] else int(minute or 0)
    return Found(start, end, "time", f"{hour:02d}:{mins:02d}", None)


def _hour_context(norm: str, i: int) -> bool:
    """A bare 9点 is a time after a date or a time-of-day word (26日9点, 当晚9点)."""
    return i > 0 and norm[i - 1] in "日号晚早午天"
