"""One page dump -> the articles a reader sees: title blocks, bylines, leads, subheads, captions.

Over 400 lines: the title-block passes, the article builders and the column-break mending share
the piece list and its roles; split apart they would pass it all around.
"""

from __future__ import annotations

import re

from ..model import Article, Block
from ..versions import PARSER_VERSION  # noqa: F401 - bumped there
from .bylines import Byline, take_dateline
from .headlines import Decision, TitleBlock, complete, decode
from .roles import SUBTITLE as _SUBTITLE
from .roles import Piece, Role, classify, merge_letter_lines, photo_credit
from .units import Unit, split_units

__all__ = ["analyse_units", "complete", "parse_page"]

_BOX = "□■◎●◆◇○"
_SHORT = (Role.SHORT, Role.NAME)  # lines that may title, label or caption something
_BRACKETED = re.compile(r"[（(][^（()）]+[)）]")  # a whole line in brackets

# Sentence openers: a paragraph that starts with one is never the tail of a broken paragraph.
_OPENER = re.compile(
    r"^(?:此外|另外|同时|与此同时|据悉|据了解|据介绍|据统计|近年来|近日|日前|目前|今年|去年|"
    r"其中|然而|但是|因此|所以|下一步|今后|如今|随后|最后|首先|其次|再次|一方面|另一方面|"
    r"\d{4}年(?:\d{1,2}月)?(?:\d{1,2}日)?|\d{1,2}月(?:\d{1,2}日)?)[，,]"
    r"|^(?:[一二三四五六七八九十]+是|[（(][一二三四五六七八九十\d]+[)）]|\d+[、.．]|第[一二三四五六七八九十]+[，,、])"
    r"|^本报讯|^本报\S{1,14}讯"
)


def parse_page(text: str) -> list[Article]:
    """Split one normalised page dump into its articles, in reading order.

    The articles have no id or source yet (the library gives those) and no analysis.
    """
    pieces, blocks, _why = analyse_units(merge_letter_lines(split_units(text)))
    if not pieces:
        return []
    kicker, section, first = _page_top(pieces, blocks)
    articles: list[Article] = []
    feature = next((b for b in blocks if b.feature), None)
    if feature is not None:
        owned = _feature_ranges(pieces, blocks, feature, first)
        others = [b for b in blocks if b is not feature]
    else:
        owned, others = [], blocks
    ordered: list[tuple[int, Article]] = []
    for i, block in enumerate(others):
        end = others[i + 1].start if i + 1 < len(others) else len(pieces)
        if feature is not None and block.start < feature.start < end:
            end = feature.start
        members = [j for j in range(block.end, end) if j not in owned]
        ordered.append((block.start, _news_article(pieces, block, members)))
    if feature is not None:
        ordered.append(
            (min(owned, default=feature.start), _feature_article(pieces, feature, owned))
        )
    feature_owns_top = feature is not None and feature is blocks[0]
    if not feature_owns_top and first > 0 and any(p.role not in _SHORT for p in pieces[:first]):
        orphan = _orphan_article(pieces, range(0, first))  # text before any title: keep it
        if orphan:
            ordered.append((0, orphan))
    if not blocks:
        orphan = _orphan_article(pieces, range(len(pieces)))
        if orphan:
            ordered.append((0, orphan))
    ordered.sort(key=lambda pair: pair[0])
    for _, article in ordered:
        articles.append(_with_page(article, kicker, section))
    return articles


def analyse_units(units: list[Unit]) -> tuple[list[Piece], list[TitleBlock], dict[int, Decision]]:
    pieces: list[Piece] = []
    new_page = False
    for piece in map(classify, units):
        if piece.role is Role.FURNITURE:
            new_page = new_page or piece.unit.page  # a page header: the page starts below it
            continue
        if new_page:
            piece.unit.page, new_page = True, False
        pieces.append(piece)
    if not pieces:
        return [], [], {}
    _mark_short_fragments(pieces)
    blocks = _find_title_blocks(pieces)
    taken = {j for b in blocks for j in range(b.start, b.end)}
    boxed = any(b.feature and any(pieces[j].text[:1] in _BOX for j in b.bylines) for b in blocks)
    found, why = decode(pieces, taken, boxed)
    if found:
        blocks = sorted(blocks + found, key=lambda b: b.start)
    elif not blocks:
        blocks = _plain_title_blocks(pieces)
    return pieces, blocks, why


# -- roles ---------------------------------------------------------------------------------


def _mark_short_fragments(pieces: list[Piece]) -> None:
    """A short line with a comma that runs into a paragraph is a paragraph's cut-off start.

    Titles, subheads and captions seldom hold a comma; when one does, it stands apart (wide
    gaps) or heads a dated paragraph. One that runs straight into a paragraph, or into the
    captions that sit in a column break, is the first half of a broken paragraph.
    """
    for i, piece in enumerate(pieces):
        if piece.role not in _SHORT or piece.unit.heading or piece.unit.gap >= 2:
            continue
        if not any(ch in piece.text for ch in "，,、；;"):
            continue
        nxt = pieces[i + 1] if i + 1 < len(pieces) else None
        if nxt is None:
            continue
        runs_on = nxt.role is Role.BODY and not _OPENER.match(nxt.text)
        if len(piece.text) >= 10 and (runs_on or (nxt.role in _SHORT and nxt.unit.gap >= 2)):
            piece.role = Role.BODY


# -- title blocks ------------------------------------------------------------------------


def _find_title_blocks(pieces: list[Piece]) -> list[TitleBlock]:
    blocks: list[TitleBlock] = []
    taken: set[int] = set()

    def titles_before(i: int, limit: int = 4) -> list[int]:
        found: list[int] = []
        j = i - 1
        while j >= 0 and len(found) < limit and j not in taken:
            piece = pieces[j]
            if piece.role not in _SHORT:
                break
            if found and pieces[found[0]].unit.gap >= 2 and not piece.unit.heading:
                break  # a wide gap separates a caption from the title under it
            found.insert(0, j)
            j -= 1
        return found

    def add(block: TitleBlock) -> None:
        members = set(range(block.start, block.end))
        taken.update(members)
        blocks.append(block)

    # Features: a subtitle line (——…) or a byline line of its own marks the title block.
    for i, piece in enumerate(pieces):
        if i in taken or piece.role not in (Role.SUBTITLE, Role.BYLINE):
            continue
        start = i
        while start > 0 and pieces[start - 1].role in (Role.SUBTITLE,) and start - 1 not in taken:
            start -= 1
        lines = titles_before(start, limit=2)
        if not lines and piece.role is Role.BYLINE:
            continue  # a lone byline with no title above it is not a title block
        end = i + 1
        while end < len(pieces) and pieces[end].role in (Role.SUBTITLE, Role.BYLINE):
            end += 1
        role_alone = pieces[end - 1].role is Role.BYLINE and not pieces[end - 1].byline
        if role_alone and end < len(pieces) and pieces[end].role is Role.NAME:
            end += 1  # "本报记者" on one line, the name on the next
        first = lines[0] if lines else start
        subs = [j for j in range(start, end) if pieces[j].role is Role.SUBTITLE]
        bys = [j for j in range(start, end) if pieces[j].role in (Role.BYLINE, Role.NAME)]
        marked = any(pieces[j].text[:1] in "□■◎●◆◇○" for j in bys)
        add(
            TitleBlock(
                first, end, feature=bool(subs) or marked, lines=lines, subtitles=subs, bylines=bys
            )
        )
    # News items: the short lines above a dateline paragraph ("本报讯 …").
    for i, piece in enumerate(pieces):
        if piece.role is Role.DATELINE and i not in taken:
            lines = titles_before(i, limit=6)
            if len(lines) > 4:
                continue  # verse or a list above the dateline: the decoder finds its title
            if lines and not (len(lines) == 1 and pieces[lines[0]].role is Role.NAME):
                add(TitleBlock(lines[0], i, lines=lines))  # a lone word: the decoder decides
    # Photo items: title, a paragraph or two, then the photo credit.
    for i, piece in enumerate(pieces):
        if piece.role is not Role.CREDIT or i in taken:
            continue
        j = i - 1
        while j >= 0 and j not in taken and pieces[j].role is Role.BODY and i - j <= 3:
            j -= 1
        lines = titles_before(j + 1)
        if lines and not re.fullmatch(r"\S{1,4}[：:]", pieces[lines[-1]].text):  # not "图片："
            add(TitleBlock(lines[0], j + 1, lines=lines))
    # Markdown headings that head a body of their own.
    for i, piece in enumerate(pieces):
        if i in taken or piece.role not in _SHORT or piece.unit.heading < 2:
            continue
        nxt = pieces[i + 1] if i + 1 < len(pieces) else None
        if nxt is not None and nxt.role in (Role.BODY, Role.DATELINE, *_SHORT):
            if nxt.role is Role.NAME and not nxt.unit.heading and i + 2 < len(pieces):
                add(TitleBlock(i, i + 2, lines=[i], bylines=[i + 1]))  # the author's name
            else:
                add(TitleBlock(i, i + 1, lines=[i]))
    blocks.sort(key=lambda b: b.start)
    return blocks


def _plain_title_blocks(pieces: list[Piece]) -> list[TitleBlock]:
    """No datelines, credits or headings: short lines after a wide gap head the articles."""
    blocks: list[TitleBlock] = []
    for i, piece in enumerate(pieces):
        prev_done = i == 0 or pieces[i - 1].role not in _SHORT
        nxt = pieces[i + 1] if i + 1 < len(pieces) else None
        if (
            piece.role in _SHORT
            and prev_done
            and (i == 0 or piece.unit.gap >= 2)
            and nxt is not None
            and nxt.role in (Role.BODY, Role.DATELINE)
        ):
            blocks.append(TitleBlock(i, i + 1, lines=[i]))
    return blocks


def _page_top(pieces: list[Piece], blocks: list[TitleBlock]) -> tuple[str | None, str | None, int]:
    """Banner (kicker) and section label above the first article; they head every article."""
    if not blocks:
        return None, None, 0
    first = blocks[0]
    kicker = section = None
    top = [j for j in range(0, first.start) if pieces[j].role in _SHORT]
    if all(pieces[j].role in _SHORT for j in range(0, first.start)):
        # Extra lines in the first title block beyond deck + title + subtitle are page furniture.
        # A banner is set as a slogan, phrases apart ("深入学习… 奋力开拓…").
        if (
            not first.feature
            and len(first.lines) >= 3
            and not top
            and re.search(r"\S[ \u3000]+\S", pieces[first.lines[0]].text)
        ):
            top, first.lines = first.lines[:1], first.lines[1:]
            first.start = first.lines[0]
        heading_title = [j for j in first.lines if pieces[j].unit.heading >= 2]
        if heading_title:
            keep = heading_title[-1]
            top += [j for j in first.lines if j < keep]
            first.lines = [j for j in first.lines if j >= keep]
            first.start = keep
        for j in top:
            text = pieces[j].text
            if pieces[j].unit.heading == 1 or (kicker is None and len(text) > 8):
                kicker = text if kicker is None else f"{kicker} {text}"
            else:
                section = text if section is None else f"{section} {text}"
        return kicker, section, first.start
    return None, None, first.start


def _feature_ranges(
    pieces: list[Piece], blocks: list[TitleBlock], feature: TitleBlock, first: int
) -> list[int]:
    """Everything on the page that no news item claims belongs to the feature."""
    claimed: set[int] = set(range(feature.start, feature.end))
    for i, block in enumerate(blocks):
        if block is feature:
            continue
        nxt = next((b.start for b in blocks[i + 1 :] if b is not feature), len(pieces))
        end = feature.start if block.start < feature.start < nxt else nxt
        claimed.update(range(block.start, end))
    top = first if feature is not blocks[0] else 0
    return [
        j
        for j in range(top, len(pieces))
        if j not in claimed or j in range(feature.start, feature.end)
    ]


# -- articles ------------------------------------------------------------------------------


def _title_fields(pieces: list[Piece], block: TitleBlock) -> dict[str, str | None]:
    lines = [pieces[j] for j in block.lines]
    texts = [p.text for p in lines]
    deck = subtitle = None
    # a line wholly in brackets under the title ("（一九九七年十二月三十一日）") dates or notes it
    notes: list[str] = []
    while len(texts) >= 2 and _BRACKETED.fullmatch(texts[-1]):
        notes.insert(0, texts.pop())
        lines.pop()
    if len(texts) >= 2 and _wrapped_title(texts[0], texts[1]):
        texts = [texts[0] + texts[1], *texts[2:]]
    if not texts:
        title = ""
    elif len(texts) == 1:
        title = texts[0]
    elif len(texts) == 2:
        a, b = texts
        heading = [p.unit.heading for p in lines]
        if (heading[1] and not heading[0]) or _deck_like(a):
            deck, title = a, b
        else:
            title, subtitle = a, b
    else:
        deck, title, subtitle = texts[-3], texts[-2], texts[-1]
        if len(texts) > 3:
            deck = " ".join(texts[:-2])
    subs = notes + [_SUBTITLE.sub("", pieces[j].text) for j in block.subtitles]
    if subs:
        subtitle = " ".join(([subtitle] if subtitle else []) + subs)
    return {"deck": deck, "title": title, "subtitle": subtitle}


def _deck_like(text: str) -> bool:
    # 引题 are phrases set apart by spaces, or end in a colon that leads into the title.
    return bool(re.search(r"\S[ \u3000]+\S.*\S[ \u3000]+\S", text)) or text.endswith(("：", ":"))


def _wrapped_title(first: str, second: str) -> bool:
    """Is `second` the rest of a title that the dump wrapped over two lines?"""
    opened = sum(first.count(c) for c in "“《（(「") - sum(first.count(c) for c in "”》）)」")
    if opened > 0 or first[-1] in "的和与及、，,《“（(在对为向把将从":
        return True
    # a lone word or two under a long line is the end of that line, not a subtitle
    return len(second) <= 3 and len(first) >= 12


def _news_article(pieces: list[Piece], block: TitleBlock, members: list[int]) -> Article:
    fields = _title_fields(pieces, block)
    byline = Byline()
    for j in block.bylines:
        byline.merge(pieces[j].byline or Byline())
    body: list[tuple[str, str, Unit]] = []
    photo = story_below = False
    for j in members:
        piece = pieces[j]
        if piece.role in (Role.CREDIT, Role.BYLINE):
            byline.merge(piece.byline or Byline())
            photo = photo or piece.role is Role.CREDIT
            continue
        if piece.role is Role.SUBTITLE and not body:
            extra = _SUBTITLE.sub("", piece.text)
            fields["subtitle"] = f"{fields['subtitle']} {extra}" if fields["subtitle"] else extra
            continue
        text = piece.text
        # a dated story below a picture (title, caption, credit, then 本报…讯): news, not a photo
        opens_story = (
            piece.role is Role.DATELINE
            and photo
            and bool(body)
            and not (story_below or byline.dateline)
        )
        story_below = story_below or opens_story
        if piece.role is Role.DATELINE and (
            opens_story or not any(kind != "caption" for kind, _, _ in body)
        ):
            found, text = take_dateline(text)
            byline.merge(found)
        if piece.role is Role.BODY and (credit := photo_credit(text)) is not None:
            byline.merge(credit)  # "…（新华社记者刘冰摄）": the credit stays in the caption's text
            photo = True
        body.append((_body_kind(piece), text, piece.unit))
    paragraphs = [i for i, (kind, _, _) in enumerate(body) if kind == "paragraph"]
    kind = "photo" if photo and len(paragraphs) <= 2 and not story_below else "news"
    if block.brief:
        fields["title"] = first_words(body[0][1]) if body else ""
        return _article(fields, byline, "brief", mend(body))
    if kind == "news" and paragraphs:
        first = paragraphs[0]
        body[first] = ("lead", body[first][1], body[first][2])
    return _article(fields, byline, kind, mend(body))


def _feature_article(pieces: list[Piece], block: TitleBlock, owned: list[int]) -> Article:
    fields = _title_fields(pieces, block)
    byline = Byline()
    for j in block.bylines:
        byline.merge(pieces[j].byline or Byline())
    inside = set(range(block.start, block.end))
    body: list[tuple[str, str, Unit]] = []
    before_title = 0
    lead_at: int | None = None
    for j in owned:
        if j in inside:
            if j == block.start:
                before_title = len(body)
            continue
        piece = pieces[j]
        if piece.role in (Role.CREDIT, Role.BYLINE):
            byline.merge(piece.byline or Byline())
            continue
        text = piece.text
        if piece.role is Role.DATELINE and lead_at is None:
            found, text = take_dateline(text)
            byline.merge(found)
        body.append((_body_kind(piece), text, piece.unit))
    lead_at = _feature_lead(body, before_title)
    if lead_at is not None:
        _kind, text, unit = body[lead_at]
        body[lead_at] = ("lead", text, unit)
    mended = mend(body)
    leads = [b for b in mended if b.type == "lead"]
    rest = [b for b in mended if b.type != "lead"]
    return _article(fields, byline, "feature", leads + rest)


def _feature_lead(body: list[tuple[str, str, Unit]], before_title: int) -> int | None:
    """Where a feature's lead is: above everything, just above the title, or just below it."""
    for i, (kind, text, _) in enumerate(body[:before_title]):
        if kind == "subhead":
            break
        if kind == "paragraph":
            return i if complete(text) else None
    if before_title and body[before_title - 1][0] == "paragraph":
        text = body[before_title - 1][1]
        if complete(text):
            return before_title - 1
    for i in range(before_title, len(body)):
        kind, text, _ = body[i]
        if kind == "subhead":
            break
        if kind == "paragraph":
            return i
    return None


def _orphan_article(pieces: list[Piece], members: range) -> Article | None:
    """Text with no title above it (a page that starts mid-article): kept, titled by itself."""
    body: list[tuple[str, str, Unit]] = []
    byline = Byline()
    first = pieces[members[0]]
    title_piece = first if first.role in _SHORT else None
    for j in members:
        piece = pieces[j]
        if piece.role in (Role.CREDIT, Role.BYLINE):
            byline.merge(piece.byline or Byline())
        elif piece is not title_piece:
            body.append((_body_kind(piece), piece.text, piece.unit))
    kind = "news"
    if title_piece is not None:
        title = title_piece.text
    elif body:
        title, kind = first_words(body[0][1]), "brief"  # untitled: listed by its first words
    elif byline:
        title = first.text  # only a byline: it is all there is to show
    else:
        return None
    return _article({"deck": None, "title": title, "subtitle": None}, byline, kind, mend(body))


def first_words(text: str) -> str:
    """What lists an untitled brief: its opening words, up to the first pause."""
    head = re.split(r"[。！？!?，,；;：:]", text, maxsplit=1)[0]
    return head if len(head) <= 24 else head[:24] + "…"


def _body_kind(piece: Piece) -> str:
    if piece.role in _SHORT:
        return "caption" if piece.unit.gap >= 2 else "subhead"
    return "paragraph"


def _article(
    fields: dict[str, str | None], byline: Byline, kind: str, blocks: list[Block]
) -> Article:
    return Article(
        id="",  # the library gives ids and sources
        source="",
        title=fields["title"] or "",
        deck=fields["deck"],
        subtitle=fields["subtitle"],
        kind=kind,  # type: ignore[arg-type]
        reporters=tuple(byline.reporters),
        correspondents=tuple(byline.correspondents),
        photographers=tuple(byline.photographers),
        dateline=byline.dateline,
        blocks=tuple(blocks),
    )


def _with_page(article: Article, kicker: str | None, section: str | None) -> Article:
    from dataclasses import replace

    return replace(article, kicker=kicker, section=section)


# -- column breaks -------------------------------------------------------------------------


def mend(body: list[tuple[str, str, Unit]]) -> list[Block]:
    """Join paragraphs cut by a column break to their continuation.

    The continuation is the next paragraph, passing over captions (and the title block, which
    is no longer in `body`). A paragraph that opens like a new one ("此外，…", "本报讯…") is not
    a continuation: the fragment then stays as it is, since text was lost at the break.
    """
    items = [[kind, text] for kind, text, _ in body]
    i = 0
    while i < len(items):
        kind, text = items[i]
        if kind in ("paragraph", "lead") and not complete(text):
            j = i + 1
            while j < len(items) and items[j][0] in ("caption", "lead") and j != i:
                j += 1
            if j < len(items) and items[j][0] == "paragraph" and _continues(text, items[j][1]):
                items[i][1] = text + items[j][1]
                del items[j]
                continue  # the joined paragraph may itself run on
        i += 1
    return [Block(kind, text) for kind, text in items]  # type: ignore[arg-type]


def _continues(fragment: str, candidate: str) -> bool:
    if _OPENER.match(candidate):
        return False
    return not (fragment.rstrip().endswith(("：", ":")) and candidate.startswith(("“", '"')))
