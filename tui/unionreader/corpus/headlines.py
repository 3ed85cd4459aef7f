"""Where articles start: each run of short lines scored as a headline from its shape and neighbours.

The score is a sum of named weights (WEIGHTS); a run whose score reaches THRESHOLD heads a new
article. A paragraph that opens an item with no headline above it (a dateline after a finished
item, or any paragraph after an item's closing mark) starts an untitled brief. Every decision
keeps its reasons, which `unionreader export --why` prints.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .bylines import CLOSING_DATELINE, opens_with_dateline
from .roles import NOTE, Piece, Role, enumerated

WEIGHTS: dict[str, float] = {
    "page start": 3.0,  # the first line of a file or after a form feed
    "after an item's closing mark": 2.5,  # (本报巴黎1月1日电), (王剑), (作者为…), a photo credit
    "after a finished paragraph": 1.0,  # the line above ends like a sentence
    "after a cut paragraph": -3.0,  # the line above stops mid-sentence: a column break
    "after a verse or list line": -0.5,  # the tail of a long run of short lines
    "byline follows": 3.0,
    "author's name follows": 2.5,
    "subtitle follows": 2.5,
    "dateline follows": 3.0,
    "paragraph follows": 1.0,
    "photo credit follows": 1.0,
    "nothing follows": -2.0,
    "a table follows": 2.0,  # rows of figures under the line
    "after a table": 0.5,
    "picture or verse note": 3.0,  # （图片）, （附图片2张）, （外一首）, 图片新闻
    "another headline follows": 0.0,
    "markdown heading": 2.0,
    "numbered like a list item": -3.0,
    "caption set apart by blank lines": -2.0,
    "two phrases set apart by a space": -1.5,  # how subheads and decks are set
    "subhead of a feature page": -2.5,  # a page with a boxed byline (□本报记者…) over a feature
    "clause inside": -1.0,  # a comma or semicolon: more often a sentence than a title
    "section label of a roundup": -4.0,  # 泰国 / 日本 under a title that opened with one
    "ends with a colon": -2.5,  # a label or a salutation: 图片：, 编辑同志：
    "a row of figures": -3.0,
    "a quoted term": -2.5,  # “前收盘”: a term a legend explains
    "no words": -4.0,  # ………… or ＊＊＊
    "a note in brackets": -3.0,  # （Ａ、Ｂ） alone on a line
    "inside a signed feature": -1.5,  # the item above has a byline and no closing mark yet
}
THRESHOLD = 2.0
_HEADABLE = (Role.SHORT, Role.NAME)
_SIGNED = (Role.BYLINE, Role.NAME)
_SENTENCE_END = "。！？!?…"
_CLOSERS = "”’」』）)】》\"'"
_SIGNOFF = re.compile(
    r"(?:^|[。！？!?…”』])[(（](?:[\u4e00-\u9fff·、]{2,30}|作者[^()（）]{1,40})[)）]\s*$"
    r"|[。！？!?…”』]\s*[—－]{2,}\s*(?:编者|编\s*者)\s*$"  # an editor's note: "…。———编者"
)
_PHOTO_END = re.compile(r"[(（][^()（）]{1,30}(?:摄|攝|供稿|照片|发|發)[)）]\s*$")
# Brackets at a paragraph's end that do not close the item: a date, a pointer to the full text.
# The last char of every closing mark (a bracket, or the 者 of an editor's note); re's \s and
# str.isspace agree, so the patterns' trailing blanks are what rstrip takes
_CLOSING_ENDS = frozenset(")）者")
_NOT_SIGNOFF = re.compile(r"[年月]|全文|转|续|接|见|另发|待续|未完")
_PHRASES = re.compile(r"\S[ \u3000]+\S")
_DATE = re.compile(r"\d+\s*[年月]\s*\d+\s*[月日时]|\d+\s*年\s*$")
_QUOTED_TERM = re.compile(r"^[“\"「『][^”\"」』]{1,8}[”\"」』]$")


@dataclass(slots=True)
class TitleBlock:
    """The lines that head an article: deck, title, subtitle and byline lines."""

    start: int  # index of the first piece
    end: int  # index after the last piece
    feature: bool = False
    lines: list[int] = field(default_factory=list)  # SHORT pieces, in order
    subtitles: list[int] = field(default_factory=list)
    bylines: list[int] = field(default_factory=list)
    brief: bool = False  # an item printed without a headline


@dataclass(slots=True)
class Decision:
    """Why a line was, or was not, taken as the start of an article."""

    verdict: str  # "headline", "brief", "not a headline", ...
    score: float | None = None
    reasons: list[str] = field(default_factory=list)

    def describe(self) -> str:
        parts = [f"{r} ({WEIGHTS[r]:+g})" if r in WEIGHTS else r for r in self.reasons]
        score = f" {self.score:+g}" if self.score is not None else ""
        return f"{self.verdict}{score}: " + ", ".join(parts) if parts else self.verdict


def complete(text: str) -> bool:
    """Does a paragraph end where a sentence ends (not cut by a column break)?"""
    tail = text.rstrip()
    if not tail:
        return True
    if tail[-1] in _SENTENCE_END:
        return True
    if tail[-1] in _CLOSERS and len(tail) > 1 and tail[-2] in _SENTENCE_END:
        return True
    return bool(closing_mark(tail)) or tail.endswith(("（完）", "(完)"))


def closing_mark(text: str) -> str:
    """The mark that closes an item at the paragraph's end: 'dateline', 'signoff', 'photo' or ''."""
    end = text.rstrip()[-1:]
    if end not in _CLOSING_ENDS:
        return ""  # every mark ends so (the patterns, tried at every char, cost more)
    if CLOSING_DATELINE.search(text):
        return "dateline"
    if _PHOTO_END.search(text):
        return "photo"
    found = _SIGNOFF.search(text)
    if found and not _NOT_SIGNOFF.search(found.group(0)):
        return "signoff"
    return ""


def decode(
    pieces: list[Piece], taken: set[int], feature_page: bool
) -> tuple[list[TitleBlock], dict[int, Decision]]:
    """New title blocks and briefs among the pieces that no marked title block has taken."""
    blocks: list[TitleBlock] = []
    why: dict[int, Decision] = {}
    heads: set[int] = set(taken)  # pieces that head an article (title, deck, byline lines)
    roundup = signed = False
    i = 0
    while i < len(pieces):
        if i in taken:
            run = _taken_run(taken, i)
            signed = any(pieces[j].role in _SIGNED for j in run[1:])
            roundup = _opens_roundup(pieces, [j for j in run if pieces[j].role in _HEADABLE])
            i = run[-1] + 1
            continue
        if pieces[i].role is Role.BYLINE:
            signed = True
        elif pieces[i].role in (Role.SIGNOFF, Role.CREDIT) or closing_mark(pieces[i].text):
            signed = False
        if pieces[i].role not in _HEADABLE:
            brief = _brief_start(pieces, i, heads)
            if brief:
                blocks.append(TitleBlock(i, i, brief=True))
                why[i] = Decision("brief", reasons=[brief])
                roundup = False
            i += 1
            continue
        end = i + 1
        while end < len(pieces) and pieces[end].role in _HEADABLE and end not in taken:
            if NOTE.search(pieces[end].text) and (
                end - i >= 3
                or NOTE.search(pieces[end - 1].text)
                or pieces[end - 1].text[-1] in _SENTENCE_END
            ):
                break  # one more picture or poem: that line heads an item of its own
            if table_row(pieces[end - 1].text) and not table_row(pieces[end].text):
                break  # a table ends: the line after it may title the next one
            end += 1
        if end in taken and end - i <= 3:  # a banner, label or deck over a marked title block
            for j in range(i, end):
                why[j] = Decision("not a headline", reasons=["above a marked title block"])
            i = end
            continue
        block, decision = _score_run(pieces, i, end, feature_page, roundup, signed)
        for j in range(i, end):
            why.setdefault(j, Decision("not a headline", decision.score, decision.reasons))
        if block is not None:
            for j in block.lines:
                why[j] = decision
            blocks.append(block)
            heads.update(range(block.start, block.end))
            signed = any(pieces[j].role in _SIGNED for j in block.bylines)
            roundup = _opens_roundup(pieces, block.lines)
            i = block.end
            continue
        i = end
    return blocks, why


def _opens_roundup(pieces: list[Piece], lines: list[int]) -> bool:
    """A title over a place label over a dateline: 东亚货币继续贬值 / 泰国 / 本报曼谷…电."""
    if len(lines) < 2 or pieces[lines[-1]].role is not Role.NAME:
        return False
    after = lines[-1] + 1
    return after < len(pieces) and pieces[after].role is Role.DATELINE


def table_row(text: str) -> bool:
    """A row of figures: mostly digits (a stock table, a results list)."""
    if _DATE.search(text):
        return False  # a date under a letter, or a forecast's hours
    figures = sum(1 for ch in text if ch.isdigit() or ch in "．.·%％")
    return len(text) >= 3 and figures / len(text) >= 0.45


def _taken_run(taken: set[int], i: int) -> list[int]:
    run = []
    while i in taken:
        run.append(i)
        i += 1
    return run


def _score_run(
    pieces: list[Piece], start: int, end: int, feature_page: bool, roundup: bool, signed: bool
) -> tuple[TitleBlock | None, Decision]:
    reasons: list[str] = []
    lines = list(range(start, end))
    while len(lines) > 1 and re.fullmatch(r"[（(][^()（）]*[)）]", pieces[lines[0]].text):
        lines.pop(0)  # a credit or note in brackets closes what is above: not a head line
    start = lines[0]
    bylines: list[int] = []
    if len(lines) >= 3 and pieces[lines[1]].role is Role.NAME:
        bylines.append(lines[1])  # title, author, then verse: the verse is the item's body
        end = lines[1] + 1
        lines = lines[:1]
    nxt = pieces[end] if end < len(pieces) else None
    if (
        len(lines) >= 2
        and pieces[lines[-1]].role is Role.NAME
        and nxt is not None
        and nxt.role in (Role.BODY,)
    ):
        bylines.append(lines.pop())  # a bare name under a title: its author
    table = (
        len(lines) >= 2
        and not table_row(pieces[lines[0]].text)
        and any(table_row(pieces[j].text) for j in lines[1:3])
    )
    if table:
        lines = lines[:1]  # a table's caption; its rows are the item's body
        reasons.append("a table follows")
    if len(lines) >= 2 and re.fullmatch(r"\S{1,6}[：:]", pieces[lines[-1]].text):
        lines.pop()  # "编者：" opens an editor's note under the title: not a head line
    if len(lines) > 3:
        lines = lines[-1:]  # verse or a list: only its last line may head what follows
        reasons.append("after a verse or list line")
    first = pieces[lines[0]]
    prev = pieces[lines[0] - 1] if lines[0] > 0 else None
    if prev is not None and prev.role in _HEADABLE and table_row(prev.text):
        reasons.append("after a table")
    elif "after a verse or list line" not in reasons:
        reasons += _before(pieces, lines[0], prev)
    if bylines:
        reasons.append("author's name follows")
    elif table:
        pass
    elif nxt is None:
        reasons.append("nothing follows")
    elif nxt.role is Role.BYLINE:
        reasons.append("byline follows")
    elif nxt.role is Role.SUBTITLE:
        reasons.append("subtitle follows")
    elif nxt.role is Role.DATELINE:
        reasons.append("dateline follows")
    elif nxt.role is Role.BODY:
        reasons.append("paragraph follows")
    elif nxt.role is Role.CREDIT:
        reasons.append("photo credit follows")
    elif nxt.role in _HEADABLE:
        reasons.append("another headline follows")
    texts = [pieces[j].text for j in lines]
    if any(NOTE.search(t) for t in texts) or any(t.startswith("图片新闻") for t in texts):
        reasons.append("picture or verse note")
    if first.unit.heading >= 2:
        reasons.append("markdown heading")
    if enumerated(first.text):
        reasons.append("numbered like a list item")
    if first.unit.gap >= 2 and prev is not None and not first.unit.page and not first.unit.heading:
        reasons.append("caption set apart by blank lines")
    if any(_PHRASES.search(t) for t in texts):
        reasons.append("two phrases set apart by a space")
    if feature_page:
        reasons.append("subhead of a feature page")
    if any(ch in t for t in texts for ch in "，,；;"):
        reasons.append("clause inside")
    if roundup and len(lines) == 1 and first.role is Role.NAME:
        reasons.append("section label of a roundup")
    if texts[-1].endswith(("：", ":")) and len(lines) == 1:
        reasons.append("ends with a colon")
    if len(re.findall(r"[\w]", "".join(texts))) < 2:
        reasons.append("no words")
    if table_row(first.text):
        reasons.append("a row of figures")
    if re.fullmatch(r"[（(][^()（）]*[)）]", first.text):
        reasons.append("a note in brackets")
    if _QUOTED_TERM.match(first.text):
        reasons.append("a quoted term")
    if signed and "paragraph follows" in reasons and "after an item's closing mark" not in reasons:
        reasons.append("inside a signed feature")
    score = sum(WEIGHTS[r] for r in reasons)
    if score < THRESHOLD:
        return None, Decision("not a headline", score, reasons)
    block_end = lines[-1] + 1 + len(bylines)
    subtitles: list[int] = []
    while block_end < len(pieces) and pieces[block_end].role in (Role.BYLINE, Role.SUBTITLE):
        (bylines if pieces[block_end].role is Role.BYLINE else subtitles).append(block_end)
        block_end += 1
    if (
        block_end < len(pieces)
        and pieces[block_end].role is Role.NAME
        and bylines
        and not pieces[bylines[-1]].byline
    ):
        bylines.append(block_end)  # the role on one line ("本报记者"), the name on the next
        block_end += 1
    block = TitleBlock(lines[0], block_end, lines=lines, subtitles=subtitles, bylines=bylines)
    return block, Decision("headline", score, reasons)


def _before(pieces: list[Piece], i: int, prev: Piece | None) -> list[str]:
    if prev is None or pieces[i].unit.page:
        return ["page start"]
    if prev.role in (Role.CREDIT, Role.SIGNOFF):
        return ["after an item's closing mark"]
    if prev.role in (Role.BODY, Role.DATELINE):
        if closing_mark(prev.text) in ("dateline", "signoff"):
            return ["after an item's closing mark"]
        if (
            closing_mark(prev.text) == "photo"
            and i >= 2
            and (
                pieces[i - 2].role in (Role.BODY, Role.DATELINE, Role.CREDIT)
                or NOTE.search(pieces[i - 2].text)  # a picture item's caption: all there is of it
            )
        ):
            return ["after an item's closing mark"]
        return ["after a finished paragraph"] if complete(prev.text) else ["after a cut paragraph"]
    return []


def _brief_start(pieces: list[Piece], i: int, heads: set[int]) -> str:
    """Does this paragraph open an untitled item? The reason if so, else ''."""
    piece = pieces[i]
    if piece.role not in (Role.BODY, Role.DATELINE) or i - 1 in heads:
        return ""
    if i == 0:
        return ""  # text above the first title: the page's own rules place it
    if piece.unit.page:
        return "a page opens with a paragraph"
    if enumerated(piece.text):
        return ""
    prev = pieces[i - 1]
    if prev.role not in (Role.BODY, Role.DATELINE, Role.CREDIT, Role.SIGNOFF):
        return ""
    mark = {Role.CREDIT: "photo", Role.SIGNOFF: "signoff"}.get(prev.role) or closing_mark(prev.text)
    # a picture's caption (its credit inline or on a line of its own) under a title: the story
    # goes on below it
    if mark == "photo":
        under_title = i - 2 in heads
        if prev.role is Role.CREDIT and i >= 3 and pieces[i - 2].role is Role.BODY:
            under_title = under_title or i - 3 in heads
        if i < 2 or under_title:
            return ""
    if mark:
        return f"after an item's closing mark ({mark})"
    if i >= 2 and i - 2 in heads and mark == "":
        return ""  # the first paragraph under a title block (a picture caption) does not end it
    if piece.role is Role.DATELINE and opens_with_dateline(piece.text) and complete(prev.text):
        return "dateline opens an item after a finished one"
    return ""
