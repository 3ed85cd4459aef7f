"""What each unit of a page dump is by itself: body, short line, dateline, byline, credit..."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from .bylines import AGENCY, Byline, byline_line, is_dateline_paragraph, parse_names, split_names
from .units import Unit

SUBTITLE = re.compile(r"^(?:——|──|--|—|－－)\s*")
_NUM = r"[0-9０-９一二三四五六七八九十百]"
FURNITURE = re.compile(
    rf"^(?:第\s*{_NUM}+\s*[页版](?:\s*[/／共].{{0,16}}|\s+\S{{2,8}})?"
    r"|\S{2,12}[报報]\s+.{0,20}\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日.{0,12}"
    r"|[-—–]\s*\d{1,3}\s*[-—–]|\d{1,3}"
    r"|(?:本版)?(?:责任?编辑?|责编|主编|美编|编辑|校对|版式|排版|制图|视觉)\s*[:：].*"
    r"|本版(?:责编|编辑|主编|美编|校对|设计|统筹).*"
    r"|\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:星期|周)[一二三四五六日天]"
    # a table of contents: "要闻……1", "国际新闻 ...... 3版", "第2版 要闻"
    rf"|.{{2,40}}?(?:…{{2,}}|\.{{4,}}|·{{4,}}|－{{3,}})\s*(?:第\s*)?{_NUM}{{1,3}}\s*[版页]?"
    rf"|(?:第\s*)?{_NUM}{{1,3}}\s*版\s*[:：]?\s*\S{{2,8}}"
    r"|(?:本版|本期|今日|本刊)?(?:导读|要目|目录)\s*[:：]?)$"
)
# Photo credits on a line of their own: "（新华社记者兰红光摄）", "（亚宣摄）（传真照片）", "X/摄".
_CREDIT_LINE = re.compile(
    r"^(?:[（(][^（）()]{1,30}(?:摄|攝|供稿|发|發)[）)]|[（(](?:传真照片|资料照片|图片)[）)])+$"
    r"|^[\u4e00-\u9fff·]{2,5}\s*[/／]\s*(?:摄|攝)$"
    r"|^(?:图表|图片|表格|数据|资料)?由[^，。；,;]{2,30}(?:制作|制图|提供|供稿)$"
)
# Bylines with the names run together, as dumps without spaces print them:
# "本报驻埃及记者朱梦魁", "新华社记者刘云峰", "本报评论员", "本报记者曹照琴谢国明王尧".
_RUN_BYLINE = re.compile(
    r"^[□■◎●◆◇○]?\s*(?:(?:本报|本刊|新华社|中新社|人民网|人民日报|经济日报|光明日报)"
    r"(?:驻[\u4e00-\u9fff]{1,8})?(?:特约|首席|见习|实习)?"
    r"(?:记者|评论员|通讯员|撰稿人|摄影记者)|特约(?:评论员|记者|撰稿人)|(?:本报|本刊)?评论员)"
    r"(?P<names>[\u4e00-\u9fff·、，\s]{0,24})$"
)
# Notes that set a picture, a work of art or a poem apart: （图片）, （附图片2张）, （外一首）.
NOTE = re.compile(
    r"[（(](?:附?图片\s*[0-9０-９一二三四五六七八九十]*\s*张?|书法|篆刻|中国画|国画|油画|版画|年画"
    r"|剪纸|木刻|漫画|照片|摄影|外[一二三四五六七八九十]首|组诗|散文诗)[）)]"
)
# A bracket alone on a line: the sign-off of a letter or brief, "（王剑）", "（河南开封市牛建海）".
_SIGNOFF_LINE = re.compile(r"^[（(](?![^()（）]*[年月])[\u4e00-\u9fff·、]{2,30}[)）]$")
_ENUM = re.compile(
    r"^(?:[一二三四五六七八九十]+[、，．.]|[（(][一二三四五六七八九十0-9０-９]+[)）]"
    r"|[0-9０-９]+[、．.·]|[①-⑳]|第[一二三四五六七八九十]+[、，：:]?|[之其][一二三四五六七八九十][：:、]?)"
)
_EDITOR = re.compile(r"^[—－-]{1,4}\s*编\s*者$")  # "——编者": the sign-off of an editor's note
_HAN_NAME = re.compile(r"^[\u4e00-\u9fff]{2,4}$")
MAX_SHORT = 48


class Role(Enum):
    BODY = "body"
    SHORT = "short"  # title, deck, subhead, caption or label: decided by position
    NAME = "name"  # two to four characters alone: an author's name, or a short title
    DATELINE = "dateline"  # a body paragraph that opens a news item
    CREDIT = "credit"  # "本报记者 余翠平 摄影报道" after a photo item
    BYLINE = "byline"  # "□本报记者 王路曼" in a feature's title block
    SUBTITLE = "subtitle"  # "——密云区总工会…纪实"
    SIGNOFF = "signoff"  # "（王剑）" alone on a line: closes the item above
    FURNITURE = "furniture"


@dataclass(slots=True)
class Piece:
    """A unit with its role and, for bylines, the names it holds."""

    unit: Unit
    role: Role
    byline: Byline | None = None

    @property
    def text(self) -> str:
        return self.unit.text


def classify(unit: Unit) -> Piece:
    """The role a unit has by its own shape, before its neighbours are looked at."""
    text = unit.text
    if FURNITURE.match(text):
        return Piece(unit, Role.FURNITURE)
    if _EDITOR.match(text):
        return Piece(unit, Role.SIGNOFF)
    if SUBTITLE.match(text) and len(text) <= 60 and not is_sentence(text[2:]):
        return Piece(unit, Role.SUBTITLE)
    if _CREDIT_LINE.match(text):
        return Piece(unit, Role.CREDIT, parse_names(_credit_names(text), photo=True))
    if len(text) <= 40 and (found := byline_line(text)) is not None:
        names, word = found
        if (word and word[0] in "摄攝") or "影报道" in word or "影報道" in word:
            return Piece(unit, Role.CREDIT, names)
        return Piece(unit, Role.BYLINE, names)
    if _SIGNOFF_LINE.match(text) and not NOTE.match(text):
        return Piece(unit, Role.SIGNOFF)
    if (match := _RUN_BYLINE.match(text)) is not None:
        return Piece(unit, Role.BYLINE, _run_names(text, match.group("names")))
    if is_dateline_paragraph(text) and len(text) > 12:
        return Piece(unit, Role.DATELINE)
    if _HAN_NAME.match(text) and not unit.heading:
        return Piece(unit, Role.NAME, Byline(reporters=[text]))  # its author, if under a title
    authors = split_names(text) if 5 <= len(text) <= 16 and not unit.heading else None
    if authors and len(authors) > 1:
        return Piece(unit, Role.NAME, Byline(reporters=authors))  # authors run together
    if unit.heading or is_short(text):
        return Piece(unit, Role.SHORT)
    return Piece(unit, Role.BODY)


_CREDIT_END = re.compile(
    r"[（(]([^（）()]{2,30}?)(?:摄|攝)[）)]\s*(?:[（(](?:传真照片|资料照片)[）)])?$"
)


def photo_credit(text: str) -> Byline | None:
    """The photographers of a caption that ends with its credit: "…（新华社记者刘冰摄）"."""
    found = _CREDIT_END.search(text)
    if found is None:
        return None
    names = parse_names(_credit_names(found.group(0)), photo=True)
    return names if names.photographers else None


def _credit_names(text: str) -> str:
    """ "（新华社记者兰红光摄）" -> "新华社记者 兰红光 摄": the role word apart from the name."""
    inner = re.sub(r"[（()）/／]|传真照片|资料照片", " ", text)
    inner = re.sub(r"(记者|通讯员)", r"\1 ", inner)
    if not re.search(r"记者|通讯员|摄影", inner):
        alone = re.sub(r"(摄|攝)", "", inner).strip()
        if AGENCY.search(alone):
            return inner  # "（新华社摄）": an agency, no one named
        inner = "记者 " + inner  # "（亚宣摄）": the name alone
    return re.sub(r"(摄|攝)", r" \1", inner).strip()


def _run_names(text: str, names: str) -> Byline:
    """Names run together after the role, told apart by their surnames where they can be."""
    role = text[: len(text) - len(names)] if names else text
    parts = [p for p in re.split(r"[、，\s]+", names) if p]
    if len(parts) == 1 and len(parts[0]) >= 4:
        parts = split_names(parts[0]) or parts
    byline = Byline()
    target = byline.correspondents if "通讯员" in role else byline.reporters
    target.extend(parts)
    return byline


def is_sentence(text: str) -> bool:
    return any(ch in text for ch in "。！？!?")


def is_short(text: str) -> bool:
    """Short enough, and not ending like a sentence or a clause, to head or label something.

    A colon may end one: an 引题 often leads into its title that way (…强调：).
    """
    if len(text) > MAX_SHORT and (len(text) > 64 or re.search(r"[。，,；;！？!?：:]", text)):
        return False  # long, or long and punctuated: a paragraph
    if text[-1] in "。，,、；;" or "。" in text:
        return False
    if text.endswith("…") and re.search(r"[，,；;]", text):
        return False  # a sentence trailing off: "…今冬的太阳是这样温暖……"
    if re.search(r"[！？!?…][）)]$|[！？!?][”’]?[（(][^()（）]{2,30}[)）]$", text):
        return False  # a sentence with its sign-off
    return text[-1] not in "：:" or not any(ch in text for ch in "，,；;")


def enumerated(text: str) -> bool:
    """Does the line open with a list number ("一、", "（二）", "３·")?"""
    return bool(_ENUM.match(text))


def merge_letter_lines(units: list[Unit]) -> list[Unit]:
    """A name set one character per line ("王\\n剑") becomes one line again."""
    out: list[Unit] = []
    i = 0
    while i < len(units):
        j = i
        while j < len(units) and len(units[j].text) == 1 and "\u4e00" <= units[j].text <= "\u9fff":
            if j > i and units[j].gap > 1:
                break
            j += 1
        if j - i >= 2:
            first = units[i]
            merged = Unit("".join(u.text for u in units[i:j]), first.gap, first.heading,
                          line=first.line, page=first.page)  # fmt: skip
            out.append(merged)
            i = j
        else:
            out.append(units[i])
            i += 1
    return out
