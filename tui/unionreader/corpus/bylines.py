"""Bylines and datelines: who wrote or photographed an item, taken out of its text."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Traditional forms of the fixed words, so Big5 and Hong Kong pages parse too.
_TRADITIONAL = {"报": "報", "讯": "訊", "记": "記", "员": "員", "摄": "攝", "华": "華", "电": "電",
                "实": "實", "习": "習", "见": "見", "驻": "駐", "图": "圖", "闻": "聞", "网": "網",
                "视": "視", "国": "國"}  # fmt: skip


def _tc(pattern: str) -> str:
    return "".join(f"[{ch}{_TRADITIONAL[ch]}]" if ch in _TRADITIONAL else ch for ch in pattern)


_NAME = r"[\u4e00-\u9fff·•]{2,6}"
# The newsroom a reporter writes for, before the role: "新华社记者", "中央人民广播电台记者".
_NEWSROOM = r"(?:新华社|中新社|[\u4e00-\u9fff]{1,10}?(?:通讯社|电台|电视台|日报|晚报|报社))"
_ROLE = _tc(
    rf"{_NEWSROOM}?(?:本报|特约|见习|实习|首席|驻\S{{1,4}})?(?:摄影记者|记者|通讯员|实习生|摄影)"
)
_NOT_A_NAME = re.compile(_tc(rf"^{_NEWSROOM}$"))
# A credit with no role word names a person or an agency: "（亚宣摄）", "（新华社摄）".
AGENCY = re.compile(_tc(rf"^{_NEWSROOM}$|[社台]$"))
_ROLE_RE = re.compile(_ROLE)
_CREDIT_TAIL = re.compile(
    _tc(r"\s*(?:摄影报道|文\s*[/／]\s*摄|文\s*[/／]\s*图|图\s*[/／]\s*文|摄影|摄|报道)$")
)
_BOX = "□■◎●◆◇○"
# Common surnames: names printed run together ("曹照琴谢国明王尧") are told apart by them.
_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶"
    "程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾"
    "毛郝龚邵万钱严覃武戴莫孔向汤常温康施牛樊葛邢齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦"
    "俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房"
    "滕屈饶解牟艾尤穆卓古吉缪简车项连芦麦褚娄窦戚岑景宫费卜冷晏席卫米柏宗瞿桂佟臧闵苟邬边卞"
    "姬仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩佘池查麻苑迟邝赖洪"
)
_COMPOUND_SURNAMES = ("欧阳", "司马", "诸葛", "上官", "司徒", "东方", "皇甫", "尉迟", "公孙",
                      "慕容", "长孙", "宇文", "夏侯", "令狐")  # fmt: skip

# A line that is only a byline: "□本报记者 王路曼", "本报记者 盛丽 通讯员 赵宇 摄影报道".
_BYLINE_LINE = re.compile(
    rf"^[{_BOX}]?\s*"
    + _tc(r"(?:(?:文|图|文图|图文)\s*[/／|｜]\s*)?")
    + rf"(?P<body>(?:{_ROLE}\s*{_NAME}(?:[\s、，,]+{_NAME})*\s*)+)"
    + _tc(r"(?P<tail>摄影报道|文\s*[/／]\s*摄|文\s*[/／]\s*图|图\s*[/／]\s*文|摄影|摄|报道)?\s*$")
)

# Datelines that open a news item, with the byline that may follow them.
_PAREN_BYLINE = r"[(（]\s*(?P<by>[^()（）]{0,40}?)\s*[)）]"
_SPOKEN_BYLINE = rf"(?P<by2>(?:{_ROLE}\s*{_NAME}(?:[\s、，,]+{_NAME})*\s*)+?)\s*" + _tc(
    r"报道\s*[：:]"
)
_DATELINES: tuple[re.Pattern[str], ...] = (
    re.compile(_tc(r"^本报讯") + rf"\s*(?:{_PAREN_BYLINE}|{_SPOKEN_BYLINE})?\s*"),
    re.compile(
        _tc("^本报")
        + r"(?P<dl>[^\s，,。讯訊()（）]{1,14}?)"
        + _tc("讯")
        + rf"\s*(?:{_PAREN_BYLINE}|{_SPOKEN_BYLINE})?\s*"
    ),
    re.compile(
        _tc(
            r"^(?P<agency>据?(?:新华社|中新社|中新网|人民网|央视网|央视新闻|中国日报|法新社|路透社|美联社|共同社|塔斯社))"
        )
        + r"(?P<dl>[^\s，,。()（）]{0,14}?)"
        + _tc("电")
        + rf"\s*(?:{_PAREN_BYLINE})?\s*"
    ),
    # "本报曼谷1月5日电记者成元生报道：", "本报北京1月1日讯中央电台记者…报道："
    re.compile(
        _tc("^本报")
        + r"(?P<dl>[^\s，,。讯訊电電()（）]{0,12}?日)"
        + _tc("(?:电|讯)")
        + rf"\s*(?:{_PAREN_BYLINE}|{_SPOKEN_BYLINE})?\s*"
    ),
)
_DATELINES += (re.compile(rf"^{_SPOKEN_BYLINE}\s*"),)  # "本报记者王五报道：" opening a paragraph
# Other openings that date or source an item: "据《纽约时报》报道，", "本报记者王五报道：".
_SOURCED = re.compile(
    _tc(r"^(?:据《[^》]{1,16}》\S{0,8}报道|本报(?:驻\S{1,8})?记者\S{2,12}?报道[：:])")
)
_TRAILING_DATELINE = re.compile(
    r"\s*[(（]" + _tc("本报") + r"(?P<dl>[^\s()（）]{1,16}?)" + _tc("电") + r"[)）]\s*"
)
# A dateline that closes an item in any form: "（本报巴黎1月1日电）", "（据新华社新德里1月1日电）".
CLOSING_DATELINE = re.compile(
    r"[(（](?:据|本报|新华社|中新社)[^()（）]{1,24}?" + _tc("(?:电|讯)") + r"[)）]\s*$"
)


@dataclass(slots=True)
class Byline:
    """Names by role, and the dateline (place and date) if the item had one."""

    reporters: list[str] = field(default_factory=list)
    correspondents: list[str] = field(default_factory=list)
    photographers: list[str] = field(default_factory=list)
    dateline: str | None = None

    def merge(self, other: Byline) -> None:
        for role in ("reporters", "correspondents", "photographers"):
            mine = getattr(self, role)
            mine.extend(n for n in getattr(other, role) if n not in mine)
        self.dateline = self.dateline or other.dateline

    def __bool__(self) -> bool:
        return bool(self.reporters or self.correspondents or self.photographers or self.dateline)


def parse_names(text: str, photo: bool = False) -> Byline:
    """Parse "记者 陈曦 通讯员 刘换利" (roles followed by names) into a Byline."""
    byline = Byline()
    tail = _CREDIT_TAIL.search(text)
    tail_word = tail.group(0).strip() if tail else ""
    if tail:
        text = text[: tail.start()]
    photo = photo or "摄" in tail_word or "攝" in tail_word
    marks = list(_ROLE_RE.finditer(text))
    for i, mark in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        pieces = re.split(r"[\s、，,]+", text[mark.end() : end])
        names = [n for n in pieces if n and not _NOT_A_NAME.search(n)]  # not "新华社"
        if len(names) == 1 and len(names[0]) >= 4:
            names = split_names(names[0]) or names  # "周明李华": two names run together
        role = mark.group(0)
        if "摄影" in role or "攝影" in role:
            target = [byline.photographers]
        elif any(word in role for word in ("通讯员", "通訊員", "实习生", "實習生")):
            target = [byline.correspondents]
        else:
            target = [byline.reporters]
        if photo and "摄影" not in role:
            target.append(byline.photographers)
        for names_list in target:
            names_list.extend(n for n in names if n not in names_list)
    return byline


def split_names(text: str) -> list[str] | None:
    """ "曹照琴谢国明王尧" -> three names, when every piece is a surname and one or two more
    characters; None when the run cannot be read that way."""
    if not 2 <= len(text) <= 24 or not all("\u4e00" <= ch <= "\u9fff" for ch in text):
        return None
    best: dict[int, list[str]] = {0: []}
    for i in range(len(text)):
        if i not in best:
            continue
        heads = [2] if text[i : i + 2] in _COMPOUND_SURNAMES else []
        heads += [1] if text[i] in _SURNAMES else []
        for head in heads:
            for given in (1, 2):
                j = i + head + given
                if j <= len(text) and j not in best:
                    best[j] = [*best[i], text[i:j]]
    return best.get(len(text))


def byline_line(text: str) -> tuple[Byline, str] | None:
    """If the whole line is a byline, its names and its closing word ('摄影报道', '文/摄'...)."""
    match = _BYLINE_LINE.match(text)
    if not match:
        return None
    tail = _CREDIT_TAIL.search(text.rstrip())
    word = re.sub(r"\s", "", tail.group(0)) if tail else ""
    return parse_names(text.lstrip(_BOX + " \u3000")), word


def take_dateline(text: str) -> tuple[Byline, str]:
    """Take a leading dateline/byline ("本报讯 (记者 王路曼)") off a paragraph."""
    for pattern in _DATELINES:
        match = pattern.match(text)
        if not match:
            continue
        groups = match.groupdict()
        byline = parse_names(groups.get("by") or groups.get("by2") or "")
        place = groups.get("dl")
        if groups.get("agency"):
            byline.dateline = f"{groups['agency']}{place or ''}电"
        elif place:
            byline.dateline = place
        by = groups.get("by")
        if by and not (byline.reporters or byline.correspondents or byline.photographers):
            # parentheses that hold no byline stay in the text: "(以下简称...)" and the like
            return byline, text[: match.start("by") - 1].rstrip() + text[match.start("by") - 1 :]
        return byline, text[match.end() :]
    trailing = _TRAILING_DATELINE.search(text)
    if trailing and (trailing.start() == 0 or trailing.end() == len(text.rstrip())):
        rest = text[: trailing.start()] + text[trailing.end() :]
        return Byline(dateline=trailing.group("dl")), rest
    return Byline(), text


def opens_with_dateline(text: str) -> bool:
    """Does the paragraph start with a dateline or a source ("本报讯", "据新华社…电")?"""
    return any(p.match(text) for p in _DATELINES) or bool(_SOURCED.match(text))


def is_dateline_paragraph(text: str) -> bool:
    """Does the paragraph open a dated news item (a dateline at its start or its end)?"""
    if any(p.match(text) for p in _DATELINES) or _SOURCED.match(text):
        return True
    if "本" not in text:
        return False  # no 本报 (the pattern, starting with blanks, is tried at every char)
    match = _TRAILING_DATELINE.search(text)
    return match is not None and (match.start() == 0 or match.end() == len(text.rstrip()))
