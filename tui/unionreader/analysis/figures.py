"""Key figures: the numbers that carry news (counts, money, dates, quantities, percentages).

A figure is a numeral with its measure word or unit and its approximator (1000余人次, 近4000万元,
百余名, 2023年11月, 98.5%). Numbers inside names, slogans, short quoted terms and document
titles, ordinals, hotline and room numbers and words built on one Chinese digit (一线, 一位,
五周年) are not figures.

Values are JSON-serialisable:
- people, money, quantity, duration, percent: int or float (money in the stated currency,
  percent as a number of per cent); a range (10至20人) has the string "10-20" and approx None
  (the JSON contract keeps approx to over | about | under | null);
- date: an ISO 8601-like string: "2023", "2023-11", "2023-11-05", "--04" (April),
  "--04-26", "---26" (day 26); a range of years "2015/2018"; a decade (80年代) has None;
- time: "HH:MM".
approx is "over" (余 多 逾 超过 以上 ...), "under" (近 不到 快 以下 ...), "about" (约 左右 来)
or None.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from unionreader.analysis.figure_dates import (
    CN_DIGITS,
    LATIN_OR_CODE,
    REJECT,
    Found,
    after_ok,
    read_day_date,
    read_iso_date,
    read_month_date,
    read_time,
    read_year_date,
)
from unionreader.analysis.figure_words import (
    ARABIC_ONLY_UNITS,
    COUNTED_ALONE,
    NOT_AFTER_UNIT,
    PEOPLE_NOUNS,
    POINT_NOUNS,
    POST_APPROX,
    PREFIX_BLOCKERS,
    PREFIX_ENDS,
    PREFIXES,
    RECENT_UNITS,
    TAIL_APPROX,
    UNIT_KINDS,
)
from unionreader.analysis.numerals import (
    BIG_UNITS,
    DIGITS,
    FULL_WIDTH,
    SMALL_UNITS,
    VAGUE,
    NumeralError,
    parse_numeral,
    parse_spread,
)
from unionreader.model import FIGURE_KINDS, Article, FieldName, Figure

# Bump FIGURES_VERSION (in unionreader.versions) whenever what find_figures returns changes.
from unionreader.versions import FIGURES_VERSION  # noqa: F401

KINDS: tuple[str, ...] = FIGURE_KINDS


# --- patterns ----------------------------------------------------------------------------

CN = "".join(DIGITS) + "".join(SMALL_UNITS) + "".join(BIG_UNITS) + VAGUE
BIG = "万亿萬億兆"
# 1.3万, 5万4千6百, 1,234; People's Daily writes the decimal point as · (1·5万, 70·8%).
NUM_A = (
    rf"[0-9]+(?:,[0-9]{{3}}(?![0-9]))*(?:[.·][0-9]+)?"
    rf"(?:[十百千{BIG}]+(?:[0-9]+(?:\.[0-9]+)?[十百千{BIG}]+)*)?"
)
NUM_C = rf"[{CN}]+(?:[点點][{CN_DIGITS}]+[{BIG}]*)?"
NUM = rf"(?:{NUM_A}|{NUM_C})"
UNITS = "|".join(re.escape(u) for u in sorted(UNIT_KINDS, key=len, reverse=True))
RANGE_SEP = "至到~～\\-－—–"

# A plain character class keeps the scan in C; where a run starts is checked in Python.
_START = re.compile(rf"[0-9{CN}]")
_RUN_CHARS = frozenset("0123456789" + CN)
# After a lone Chinese digit only these can still make a figure (三至五天, 八成, 三个月).
_AFTER_LONE_DIGIT = frozenset("月至到~～-－—–成个小天名位" + CN)
_ARABIC_NUMBER = re.compile(NUM_A)
_PERCENT_WORD = re.compile(rf"(?P<kilo>[百千])分之(?P<num>{NUM})")
# 7年多 ends there: 多 closes a span of time only before a pause (not 3天多次, 3年多种)
_AFTER_MORE = "[，。、；：！？,.;:!?)）”来的了前后时里间]|$"
_GENERAL = re.compile(
    rf"(?P<num>{NUM})(?:(?P<mid>[余多])(?P<scale>[{BIG}]+))?(?P<post>余|多|来)?"
    rf"(?:(?P<sep>[{RANGE_SEP}])(?P<num2>{NUM})(?:(?P<mid2>[余多])(?P<scale2>[{BIG}]+))?)?"
    rf"(?P<unit>{UNITS})?(?P<half>半(?![岛导径价数]))?(?P<tail>以上|以下|左右|有余|多(?={_AFTER_MORE}))?"
)
# Short quoted terms (“四个一”, “两个确立”) and document titles are names, never figures.
_NAME_ZONES = re.compile(
    r"“[^“”，。！？；!?;\n]{1,20}”|‘[^‘’，。！？；!?;\n]{1,20}’|「[^「」，。！？；\n]{1,20}」"
    r"|『[^『』，。！？；\n]{1,20}』|\"[^\"，。！？；!?;\n]{1,20}\"|《[^《》\n]{1,80}》"
)
_NEEDS_TRANSLATION = re.compile("[０-９]{1,3}(?:，[０-９]{3})+(?![０-９])|[０-９．％：]+")


def _half_width(match: re.Match[str]) -> str:
    return match.group().translate(FULL_WIDTH)


CURRENCY_SIGNS = {"¥": "money", "￥": "money", "$": "money", "€": "money", "£": "money"}


# --- the scanner -------------------------------------------------------------------------


def find_figures(text: str, field: FieldName = "block", block: int | None = None) -> list[Figure]:
    """Every key figure in text, sorted and non-overlapping, as found in that field of an article.

    Standing alone (no field given), a text reads as the body block it usually is.
    """
    if not text:
        return []
    # Full-width digits are sparse: replacing them one by one beats str.translate on CJK text.
    norm = _NEEDS_TRANSLATION.sub(_half_width, text)
    zones: list[tuple[int, int]] | None = None  # found when the first figure needs them
    zone = 0  # zones and figures both come in text order: one pointer walks the zones
    found: list[Figure] = []
    last_end = 0
    for start_match in _START.finditer(norm):
        i = start_match.start()
        if i < last_end:
            continue
        ch = norm[i]
        before = norm[i - 1] if i else ""
        if before and (before in "0123456789.·" if ch.isdigit() else before in _RUN_CHARS):
            continue  # never start inside a run of digits or of numeral characters
        if ch in DIGITS and (i + 1 >= len(norm) or norm[i + 1] not in _AFTER_LONE_DIGIT):
            continue  # 一线, 一位, 两区: a lone Chinese digit is a word, not a figure
        hit = _figure_at(norm, i, last_end)
        if hit is None:
            # a refused numeral is refused whole: its tail is never a fresh start (1万1万1万...)
            run = (_ARABIC_NUMBER if ch.isdigit() else _CHINESE_RUN).match(norm, i)
            last_end = max(last_end, run.end() if run else i + 1)
            continue
        last_end = max(hit.end, i + 1)
        if zones is None:
            zones = [(m.start(), m.end()) for m in _NAME_ZONES.finditer(norm)]
        while zone < len(zones) and zones[zone][1] <= hit.start:
            zone += 1
        if zone < len(zones) and zones[zone][0] < hit.end:
            continue
        found.append(
            Figure(
                text=text[hit.start : hit.end],
                kind=hit.kind,
                field=field,
                block=block,
                start=hit.start,
                end=hit.end,
                value=hit.value,
                approx=hit.approx,
            )
        )
    return found


def _figure_at(norm: str, i: int, floor: int) -> Found | None:
    """The figure whose numeral starts at i, or None. floor: where the previous figure ended."""
    before = norm[i - 1] if i > 0 else ""
    if before == "第" or (before and LATIN_OR_CODE.match(before)):
        return None  # ordinals (第五个) and codes (1+10, G20, COVID-19)
    if before == "-" and i > 1 and norm[i - 2].isascii() and norm[i - 2].isalnum():
        return None
    if before in ".．" and i > 1 and norm[i - 2].isdigit():
        return None
    for reader in _readers_for(norm, i):
        hit = reader(norm, i, floor)
        if hit is REJECT:
            return None
        if hit is not None:
            return hit
    return None


# --- counts, money, quantities, percentages ----------------------------------------------


def _prefix(norm: str, i: int, floor: int, numeral: str) -> tuple[int, str | None]:
    """The approximator written before the numeral at i: (start, approx)."""
    if i == 0 or norm[i - 1] not in PREFIX_ENDS:
        return i, None
    for word, approx in PREFIXES:
        start = i - len(word)
        if start < floor or not norm.startswith(word, start):
            continue
        if len(word) == 1:
            blockers = PREFIX_BLOCKERS.get(word, "")
            if start > 0 and norm[start - 1] in blockers:
                return i, None
            if word == "上" and numeral[:1] not in "百千万亿萬億":
                return i, None  # 上 means over only in 上百, 上千, 上万
        return start, approx
    return i, None


def _value(num: str, scale: str | None) -> tuple[int | float, bool]:
    """20余万: the numeral before the approximator times the scale after it."""
    return parse_numeral(num + (scale or ""))


def _read_percent_word(norm: str, i: int, floor: int) -> Found | None:
    m = _PERCENT_WORD.match(norm, i)
    if not m:
        return None
    try:
        value, vague = parse_numeral(m["num"])
    except NumeralError:
        return None
    if m["kilo"] == "千":
        value = value / 10
    start, approx = _prefix(norm, i, floor, m["num"])
    return Found(start, m.end(), "percent", value, approx or ("over" if vague else None))


def _is_chinese(num: str) -> bool:
    return not num[0].isdigit()


def _chinese_allowed(num: str, unit: str | None, approximated: bool, ranged: bool) -> bool:
    """Which Chinese numerals count: 两万, 百余, 十件 yes; 一位, 三八, 五一, 千万家 no."""
    body = num.split("点")[0].split("點")[0]
    has_small = any(ch in SMALL_UNITS for ch in body)
    has_big = any(ch in BIG_UNITS for ch in body)
    if not (has_small or has_big):
        if len(body) == 1 and body in VAGUE:
            return False
        if len(body) == 1:
            # 为期三个月, 三名成员 count; 一天, 一年来, 五周年, 四周, 四人一组 do not
            counted = unit in COUNTED_ALONE and body not in "一壹幺零〇○"
            return ranged or unit == "成" or counted
        return False  # digit strings such as 三八, 五一, 二〇二三 outside a date
    if unit in ARABIC_ONLY_UNITS and unit != "成":
        return False
    if body[0] in "百千万亿佰仟萬億兆":
        if len(body) == 1:
            return approximated or unit in ("人", "名", "位", "人次") or unit is None
        return approximated or UNIT_KINDS.get(unit or "") == "money"
    return True


def _read_general(norm: str, i: int, floor: int) -> Found | None:
    m = _GENERAL.match(norm, i)
    if not m:
        return None
    num, unit = m["num"], m["unit"]
    end = m.end()
    chinese = _is_chinese(num)
    if chinese and (norm[max(0, i - 2) : i] in ("星期", "礼拜") or norm[i - 1 : i] in ("周", "初")):
        return REJECT  # 星期一, 周三, 初一
    if chinese and norm[max(0, i - 3) : i] in ("成千上", "成百上"):
        return REJECT  # 成千上万: an idiom, not a count
    ranged = m["num2"] is not None
    start, approx = _prefix(norm, i, floor, num)
    post = m["mid"] or m["post"]
    tail = m["tail"]
    approximated = bool(approx or post or tail)
    try:
        value, vague = _value(num, m["scale"])
        high = None
        if ranged:
            if _is_chinese(m["num2"]) != chinese:
                raise NumeralError(m["num2"])
            high, vague2 = _value(m["num2"], m["scale2"])
            vague = vague or vague2
    except NumeralError:
        spread = parse_spread(num + (m["scale"] or "")) if chinese and not ranged else None
        if spread is None:
            return REJECT
        (value, high), vague = spread  # 五六十人: fifty or sixty
        ranged = True
    approximated = approximated or vague
    if unit is None:
        noun = next((p for p in PEOPLE_NOUNS if norm.startswith(p, end)), None)
        has_scale = any(ch in BIG_UNITS or ch in "百千" for ch in num) or bool(m["scale"])
        if noun is None or not (has_scale or approximated) or ranged or tail:
            return REJECT
        kind = "people"
    else:
        kind = UNIT_KINDS[unit]
        if tail == "多" and kind != "duration":
            end, tail = end - 1, None  # 多 after a count is the next word (3个多功能厅)
        nxt = norm[end - len(tail or "") : end - len(tail or "") + 1]
        if not tail and nxt and nxt in NOT_AFTER_UNIT.get(unit, ""):
            return REJECT
    if chinese and not _chinese_allowed(num, unit, approximated, ranged):
        return REJECT
    if unit == "成" and chinese and not _percent_tenths_ok(norm, end, tail):
        return REJECT
    if unit == "点" and not POINT_NOUNS.match(norm, end):
        return REJECT  # a bare 9点 is an hour without its context: left alone
    after = norm[end : end + 1]
    if unit and unit.isascii() and unit.isalpha() and after.isascii() and after.isalpha():
        return REJECT  # 5mb, 3ms: not one of our units
    if m["half"]:
        if kind not in ("duration", "quantity") or ranged or unit == "个":
            return REJECT
        value += 0.5  # 1年半, 十五斤半
    elif unit and unit.startswith("个半"):
        value += 0.5  # 3个半小时
    if not after_ok(norm, end):
        return REJECT
    if kind == "date":  # 80年代, 21世纪
        return Found(start, end, "date", None, approx)
    if unit == "成":
        kind, value = "percent", value * 10
        high = high * 10 if high is not None else None
    elif unit == "‰":
        value = value / 10
        high = high / 10 if high is not None else None
    if unit in RECENT_UNITS and approx == "under" and norm.startswith(("来", "以来"), end):
        start, approx = i, None  # 近3年来: the recent three years
    if norm.startswith("快", start) and kind not in ("duration", "people"):
        start, approx = i, None  # 处警快3个环节: quick, not almost
    if unit and "多" in unit:
        post = post or "多"
    if ranged:
        assert high is not None
        if unit == "年" and all(1000 <= v <= 2199 for v in (value, high)) and not vague:
            return Found(start, end, "date", f"{value}/{high}", None)
        return Found(start, end, kind, f"{_plain(value)}-{_plain(high)}", None)
    sign = _negative_sign(norm, start, floor)
    if sign is not None:
        start, value = sign, -value
    approx = approx or (POST_APPROX[post[0]] if post else None)
    approx = approx or (TAIL_APPROX[tail] if tail else None)
    approx = approx or ("over" if vague else None)
    return Found(start, end, kind, value, approx)


def _negative_sign(norm: str, start: int, floor: int) -> int | None:
    """Where a minus sign before start begins (-22.2%, 负3.9%, 零下5℃), or None."""
    for sign in ("零下", "负", "-", "－"):
        at = start - len(sign)
        if at < floor or not norm.startswith(sign, at):
            continue
        before = norm[at - 1 : at]
        if before.isalnum() and not ("一" <= before <= "鿿"):
            return None  # COVID-19, 3-5: a code or a range, not a sign
        if sign == "负" and before and before in "胜平正":
            return None  # 2胜1负, 正负
        return at
    return None


def _percent_tenths_ok(norm: str, end: int, tail: str | None) -> bool:
    """八成 is a percentage before 以上/的/punctuation; 一成不变 is not."""
    if tail:
        return True
    nxt = norm[end : end + 1]
    return not nxt or nxt in "的多，。、；,.;!?！？）)”" or not ("一" <= nxt <= "鿿")


def _plain(value: int | float) -> str:
    return str(value)


def _read_currency(norm: str, i: int, floor: int) -> Found | None:
    if i == 0 or norm[i - 1] not in CURRENCY_SIGNS or i - 1 < floor:
        return None
    m = _ARABIC_NUMBER.match(norm, i)
    if not m or _is_chinese(m.group()):
        return None
    try:
        value, _ = parse_numeral(m.group())
    except NumeralError:
        return None
    end = m.end()
    for unit in ("元", "美元", "万元", "亿元"):
        if norm.startswith(unit, end):
            end += len(unit)
            break
    return Found(i - 1, end, "money", value, None)


Reader = Callable[[str, int, int], "Found | None"]
# The character after the digits tells which readers can apply: one regex call, not seven.
_ARABIC_BY_NEXT: dict[str, tuple[Reader, ...]] = {
    "年": (read_year_date,),
    "月": (read_month_date,),
    "日": (read_day_date,),
    "点": (read_time,),
    "时": (read_time,),
    ":": (read_time,),
    "-": (read_iso_date,),
    "/": (read_iso_date,),
    ".": (read_iso_date,),
}
_CHINESE_BY_NEXT: dict[str, tuple[Reader, ...]] = {
    "年": (read_year_date,),
    "月": (read_month_date,),
}
_DIGIT_RUN = re.compile("[0-9]+")
_CHINESE_RUN = re.compile(f"[{CN}]+")


def _readers_for(norm: str, i: int) -> tuple[Reader, ...]:
    if norm[i].isdigit():
        end = _DIGIT_RUN.match(norm, i).end()  # type: ignore[union-attr]
        readers = _ARABIC_BY_NEXT.get(norm[end : end + 1], ())
        if i and norm[i - 1] in CURRENCY_SIGNS:
            readers = (_read_currency, *readers)
        return (*readers, _read_general)
    end = _CHINESE_RUN.match(norm, i).end()  # type: ignore[union-attr]
    readers = _CHINESE_BY_NEXT.get(norm[end : end + 1], ())
    if norm.startswith("分之", i + 1):
        readers = (_read_percent_word, *readers)
    return (*readers, _read_general)


# --- articles ----------------------------------------------------------------------------


def figures_for_article(article: Article) -> tuple[Figure, ...]:
    """The figures of an article's title, deck, subtitle and blocks, in that order."""
    return tuple(
        figure
        for field_name, block, text in article.fields()
        for figure in find_figures(text, field_name, block)
    )
