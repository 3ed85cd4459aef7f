"""Chinese and Arabic numerals to numbers: 两万, 1.3万, 十余万, 两百点两, 一千二百三十四, 1,234."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from functools import lru_cache

# Full-width digits and marks map one to one onto ASCII, so offsets survive the translation.
FULL_WIDTH = str.maketrans("０１２３４５６７８９．，％：", "0123456789.,%:")

DIGITS = {
    "零": 0, "〇": 0, "○": 0,
    "一": 1, "壹": 1, "幺": 1,
    "二": 2, "两": 2, "兩": 2, "贰": 2, "貳": 2,
    "三": 3, "叁": 3, "參": 3,
    "四": 4, "肆": 4,
    "五": 5, "伍": 5,
    "六": 6, "陆": 6, "陸": 6,
    "七": 7, "柒": 7,
    "八": 8, "捌": 8,
    "九": 9, "玖": 9,
}  # fmt: skip
SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG_UNITS = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8, "兆": 10**12}
VAGUE = "几数幾數"  # 十几, 几十, 数万: a digit nobody counted
POINT = "点點."

MAX_NUMERAL = 40  # no amount is written with more characters; it also bounds the recursion
CHINESE_NUMERAL_CHARS = "".join(DIGITS) + "".join(SMALL_UNITS) + "".join(BIG_UNITS) + VAGUE


class NumeralError(ValueError):
    """The text is not a well-formed numeral."""


def to_number(value: Decimal) -> int | float:
    """A Decimal as the plainest JSON number: int when whole, else float."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)


@lru_cache(maxsize=8192)  # an archive repeats the same few thousand numerals
def parse_numeral(text: str) -> tuple[int | float, bool]:
    """Parse a numeral; returns (value, vague). Raises NumeralError when it is not one.

    vague is True when a 几/数 stood for an uncounted digit (十几 -> 10, 数万 -> 10000).
    """
    text = text.translate(FULL_WIDTH).replace(",", "").replace(" ", "").replace("·", ".")
    if not text:
        raise NumeralError("empty")
    if len(text) > MAX_NUMERAL:
        raise NumeralError("too long")  # serial numbers and runaway runs, not amounts
    vague = any(ch in VAGUE for ch in text)
    value = _parse(text)
    return to_number(value), vague


def parse_digit_string(text: str) -> int:
    """A numeral read digit by digit, as years are (二〇二三 -> 2023, 2023 -> 2023)."""
    text = text.translate(FULL_WIDTH)
    if text.isascii() and text.isdigit():
        return int(text)
    if text and all(ch in DIGITS for ch in text):
        return int("".join(str(DIGITS[ch]) for ch in text))
    raise NumeralError(text)


def _parse(text: str) -> Decimal:
    for point in POINT[:2]:
        if point in text:
            return _parse_decimal(text, point)
    return _parse_integer(text)


def _parse_decimal(text: str, point: str) -> Decimal:
    # 两百点两 = 200.2; 三点五万 = 3.5 * 10^4: the fraction is read digit by digit.
    left, _, right = text.partition(point)
    frac_digits = ""
    i = 0
    while i < len(right) and (right[i] in DIGITS or right[i].isdigit()):
        ch = right[i]
        frac_digits += str(DIGITS[ch]) if ch in DIGITS else ch
        i += 1
    scale = Decimal(1)
    for ch in right[i:]:
        if ch not in BIG_UNITS:
            raise NumeralError(text)
        scale *= BIG_UNITS[ch]
    if not frac_digits or not left:
        raise NumeralError(text)
    whole = _parse_integer(left)
    return (whole + Decimal("0." + frac_digits)) * scale


def _tokens(text: str) -> list[Decimal | str]:
    """Arabic numbers become Decimals; Chinese characters stay as they are."""
    out: list[Decimal | str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch.isascii() and ch.isdigit():
            j = i
            while j < len(text) and (text[j].isascii() and (text[j].isdigit() or text[j] == ".")):
                j += 1
            try:
                out.append(Decimal(text[i:j]))
            except InvalidOperation as exc:
                raise NumeralError(text) from exc
            i = j
            continue
        if ch not in CHINESE_NUMERAL_CHARS:
            raise NumeralError(text)
        out.append(ch)
        i += 1
    return out


def _parse_integer(text: str) -> Decimal:
    tokens = _tokens(text)
    if not tokens:
        raise NumeralError(text)
    return _value(tokens, text)


def _value(tokens: list[Decimal | str], text: str) -> Decimal:
    """Split at the largest big unit (亿 over 万), last occurrence: 四万万 = (四万) * 万."""
    best = -1
    best_unit = 0
    for i, tok in enumerate(tokens):
        if isinstance(tok, str) and tok in BIG_UNITS and BIG_UNITS[tok] >= best_unit:
            best, best_unit = i, BIG_UNITS[tok]
    if best < 0:
        return _section(tokens, text)
    left, right = tokens[:best], tokens[best + 1 :]
    high = _value(left, text) if left else Decimal(1)
    if not right:
        return high * best_unit
    low = _low_part(right, best_unit, text)
    return high * best_unit + low


def _low_part(right: list[Decimal | str], unit: int, text: str) -> Decimal:
    # 九万四 = 94000: a lone digit after a big unit counts in the next unit down.
    if len(right) == 1 and isinstance(right[0], str) and right[0] in DIGITS:
        return Decimal(DIGITS[right[0]]) * (unit // 10)
    while right and right[0] in ("零", "〇", "○"):
        right = right[1:]
    return _value(right, text) if right else Decimal(0)


def _section(tokens: list[Decimal | str], text: str) -> Decimal:
    """A numeral below the big units: 一千二百三十四, 两千四百五, 一千零一, 十几, 4千6百."""
    total = Decimal(0)
    digit: Decimal | None = None
    last_unit = 0
    zero_after_unit = False
    for tok in tokens:
        if isinstance(tok, Decimal):
            if digit is not None:
                raise NumeralError(text)
            digit = tok
        elif tok in DIGITS:
            if DIGITS[tok] == 0:
                if digit is not None:
                    # Digit-by-digit strings such as 二〇 are years, not amounts.
                    raise NumeralError(text)
                zero_after_unit = True
                continue
            if digit is not None:
                raise NumeralError(text)  # 十二五, 两三: two digits in a row
            digit = Decimal(DIGITS[tok])
        elif tok in VAGUE:
            if digit is not None:
                raise NumeralError(text)
            # 几十 and 数万 count one; 十几 adds nothing: the floor of what was meant.
            digit = Decimal(0) if last_unit else Decimal(1)
        elif tok in SMALL_UNITS:
            unit = SMALL_UNITS[tok]
            if last_unit and unit >= last_unit:
                raise NumeralError(text)
            total += (digit if digit is not None else Decimal(1)) * unit
            digit = None
            last_unit = unit
            zero_after_unit = False
        else:
            raise NumeralError(text)
    if digit is not None:
        if last_unit >= 100 and not zero_after_unit and isinstance(tokens[-1], str):
            total += digit * (last_unit // 10)  # 两千四百五 = 2450
        else:
            total += digit
    elif zero_after_unit and not last_unit:
        return Decimal(0)  # 零
    return total


def parse_spread(text: str) -> tuple[tuple[int | float, int | float], bool] | None:
    """Two neighbouring digits give a spread: 五六十 -> (50, 60), 十六七 -> (16, 17).

    Returns ((low, high), vague) or None when text is no such numeral.
    """
    for i in range(len(text) - 1):
        a, b = DIGITS.get(text[i]), DIGITS.get(text[i + 1])
        if a is None or b is None or b != a + 1 or a == 0:
            continue
        rest = text[i + 2 :]
        if rest and rest[0] not in SMALL_UNITS and rest[0] not in BIG_UNITS:
            continue
        if not rest and not any(ch in SMALL_UNITS or ch in BIG_UNITS for ch in text[:i]):
            continue  # 五六 alone: five or six of something, not a figure
        try:
            low, vague = parse_numeral(text[:i] + text[i] + rest)
            high, _ = parse_numeral(text[:i] + text[i + 1] + rest)
        except NumeralError:
            return None
        return (low, high), vague
    return None
