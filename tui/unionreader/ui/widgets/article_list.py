"""The article list: a row per article or search hit, drawn line by line from Text, never markup.

Rows have a fixed height, so only the rows on screen are ever built: a list of thousands of
articles costs no more to show than a list of ten.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ...model import Article

KIND_LABELS = {"news": "消息", "feature": "通讯", "photo": "图片"}
FIELD_LABELS = {
    "title": "标题",
    "deck": "引题",
    "subtitle": "副题",
    "entity": "名称",
    "body": "正文",
}
ENTITY_LABELS = {"person": "人物", "org": "机构", "place": "地点"}
BOOKMARK_MARK = "★"
UNREAD_MARK = "•"
SNIPPET_CONTEXT = 8  # characters of context shown around a body match


def byline(article: Article) -> str:
    """Reporters and correspondents, then photographers (named once) with 摄."""
    shooters = list(dict.fromkeys(article.photographers))
    writers = list(dict.fromkeys([*article.reporters, *article.correspondents]))
    writers = [n for n in writers if n not in shooters]
    parts = ["、".join(writers)] if writers else []
    if shooters:
        parts.append("、".join(shooters) + " 摄")
    return " ".join(parts)


def _highlighted(text: str, spans: Iterable[tuple[int, int]], style: Style) -> Text:
    result = Text(text)
    for start, end in spans:
        start, end = max(0, start), min(len(text), end)
        if start < end:
            result.stylize(style, start, end)
    return result


def snippet(text: str, spans: Sequence[tuple[int, int]]) -> tuple[str, list[tuple[int, int]]]:
    """A short window of text around the first span, with the spans moved into it."""
    if not spans:
        return text[: SNIPPET_CONTEXT * 3], []
    first = min(start for start, _ in spans)
    last = max(end for _, end in spans)
    begin = max(0, first - SNIPPET_CONTEXT)
    stop = min(len(text), max(last, first) + SNIPPET_CONTEXT)
    prefix = "…" if begin else ""
    suffix = "…" if stop < len(text) else ""
    moved = [
        (s - begin + len(prefix), e - begin + len(prefix)) for s, e in spans if begin <= s < stop
    ]
    window = text[begin:stop].replace("\n", " ")
    return prefix + window + suffix, moved


class ArticleList(ScrollView, can_focus=True):
    """Articles (or search hits) in order; enter opens the highlighted one."""

    DEFAULT_CSS = """
    ArticleList {
        overflow-x: hidden;
        overflow-y: auto;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "cursor_down", "下一篇", show=False),
        Binding("k,up", "cursor_up", "上一篇", show=False),
        Binding("enter", "select", "在阅读区打开", show=False),
        Binding("g,home", "first", "第一篇", show=False),
        Binding("G,end", "last", "最后一篇", show=False),
        Binding("space,pagedown", "page_down", "下一页", show=False),
        Binding("pageup", "page_up", "上一页", show=False),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "article-list--cursor",
        "article-list--bookmark",
        "article-list--kind",
        "article-list--meta",
        "article-list--match",
        "article-list--field",
        "article-list--read",
        "article-list--unread",
    }

    highlighted: reactive[int | None] = reactive(None, always_update=True)

    class Opened(Message):
        """The person chose an article (enter or click)."""

        def __init__(self, article: Article, hit: Any | None) -> None:
            super().__init__()
            self.article = article
            self.hit = hit

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._articles: list[Article] = []
        self._by_id: dict[str, Article] = {}
        self._hits: list[Any] | None = None  # search hits when searching, else None
        self._rows: list[tuple[Article, Any | None]] = []  # what is shown, in order
        self._row_of: dict[str, int] = {}
        self._strips: dict[tuple[int, int], Strip] = {}  # (row, line) -> strip, this width
        self._strips_width = 0
        self.bookmarks: set[str] = set()
        self.notes: dict[str, str] = {}  # bookmark notes, shown at the end of the meta line
        self.read: set[str] = set()
        self.bookmarks_only = False

    def on_mount(self) -> None:
        self.watch(self.app, "theme", lambda _: self._redraw(), init=False)

    # what is shown

    @property
    def articles(self) -> list[Article]:
        return self._articles

    @property
    def searching(self) -> bool:
        return self._hits is not None

    @property
    def option_count(self) -> int:
        """How many rows are shown."""
        return len(self._rows)

    @property
    def row_height(self) -> int:
        return 3 if self._hits is not None else 2  # title, meta (and what matched)

    def add_articles(self, articles: Iterable[Article]) -> None:
        new = [a for a in articles if a.id not in self._by_id]
        self._articles.extend(new)
        self._by_id.update((a.id, a) for a in new)
        if self._hits is None:
            for article in new:
                if self._visible(article):
                    self._row_of[article.id] = len(self._rows)
                    self._rows.append((article, None))
            self._resize()
            if self.highlighted is None and self._rows:
                self.highlighted = 0

    def set_articles(self, articles: Iterable[Article]) -> None:
        self._by_id = {}
        self._articles = [a for a in articles if self._by_id.setdefault(a.id, a) is a]
        if self._hits is None:
            self.refresh_rows()

    def show_hits(self, hits: Sequence[Any] | None) -> None:
        """Show search hits in rank order, or the whole list again for None."""
        if hits is None:
            self._hits = None
        else:  # one row per article: the best hit, which the index lists first
            best: dict[str, Any] = {}
            for hit in hits:
                best.setdefault(hit.article.id, hit)
            self._hits = list(best.values())
        self.refresh_rows()

    def set_bookmarks_only(self, value: bool) -> None:
        self.bookmarks_only = value
        self.refresh_rows()

    def refresh_rows(self) -> None:
        """Rebuild the rows, keeping the highlighted article where it is still shown."""
        current = self.highlighted_article
        if self._hits is None:
            self._rows = [(a, None) for a in self._articles if self._visible(a)]
        else:
            self._rows = [(h.article, h) for h in self._hits if self._visible(h.article)]
        self._row_of = {article.id: i for i, (article, _) in enumerate(self._rows)}
        self._resize()
        keep = current is not None and current.id in self._row_of and self._hits is None
        if not self._rows:
            self.highlighted = None
        else:
            self.highlighted = self._row_of[current.id] if keep else 0  # type: ignore[union-attr]
        if not keep:
            self.scroll_to(y=0, animate=False)

    def update_article(self, article_id: str) -> None:
        """Redraw one article's row (after a bookmark change)."""
        if self.bookmarks_only and (article_id in self.bookmarks) != (article_id in self._row_of):
            self.refresh_rows()
            return
        row = self._row_of.get(article_id)
        if row is not None:
            self._forget(row)

    @property
    def unread_count(self) -> int:
        """Articles in the list (not the results) not yet read."""
        read = self.read
        return sum(1 for article in self._articles if article.id not in read)

    def row_of(self, article_id: str) -> int | None:
        """The row showing an article, if it is shown."""
        return self._row_of.get(article_id)

    def select_article(self, article_id: str) -> bool:
        row = self._row_of.get(article_id)
        if row is None:
            return False
        self.highlighted = row
        return True

    @property
    def highlighted_article(self) -> Article | None:
        row = self.highlighted
        return self._rows[row][0] if row is not None and row < len(self._rows) else None

    @property
    def highlighted_hit(self) -> Any | None:
        row = self.highlighted
        return self._rows[row][1] if row is not None and row < len(self._rows) else None

    def top_hit(self) -> Any | None:
        return self._rows[0][1] if self._hits is not None and self._rows else None

    def row_text(self, row: int) -> Text:
        """The lines of one row as plain styled text (what the row shows, untruncated)."""
        article, hit = self._rows[row]
        return Text("\n").join(self._row_lines(article, hit))

    # moving

    def validate_highlighted(self, row: int | None) -> int | None:
        if row is None or not self._rows:
            return None
        return max(0, min(row, len(self._rows) - 1))

    def watch_highlighted(self, old: int | None, new: int | None) -> None:
        for row in (old, new):
            if row is not None:
                self._forget(row)
        self._scroll_to_highlighted()

    def _scroll_to_highlighted(self) -> None:
        row = self.highlighted
        if row is None or not self.scrollable_content_region.height:
            return  # hidden (a narrow terminal while reading): done when shown again
        height = self.row_height
        self.scroll_to_region(
            Region(0, row * height, 1, height), animate=False, immediate=True, force=True
        )

    def _page(self) -> int:
        return max(1, self.scrollable_content_region.height // self.row_height)

    def _move(self, step: int) -> None:
        if self._rows:
            self.highlighted = 0 if self.highlighted is None else self.highlighted + step

    def action_cursor_down(self) -> None:
        self._move(1)

    def action_cursor_up(self) -> None:
        self._move(-1)

    def action_first(self) -> None:
        self._move(-len(self._rows))

    def action_last(self) -> None:
        self._move(len(self._rows))

    def action_page_down(self) -> None:
        self._move(self._page())

    def action_page_up(self) -> None:
        self._move(-self._page())

    def action_select(self) -> None:
        row = self.highlighted
        if row is not None and row < len(self._rows):
            self.post_message(self.Opened(*self._rows[row]))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        row = (offset.y + round(self.scroll_y)) // self.row_height
        if 0 <= row < len(self._rows):
            self.highlighted = row
            self.action_select()

    # drawing

    def _resize(self) -> None:
        self._strips.clear()
        self.virtual_size = Size(
            self.scrollable_content_region.width, self.option_count * self.row_height
        )
        self.refresh()

    def _redraw(self) -> None:
        self._strips.clear()
        self.refresh()

    def _forget(self, row: int) -> None:
        for line in range(self.row_height):
            self._strips.pop((row, line), None)
        self.refresh()

    def on_focus(self) -> None:
        self._redraw()  # the cursor row looks different with focus
        # shown again after being hidden: the cursor's row comes into view with the list
        self.call_after_refresh(self._scroll_to_highlighted)

    def on_resize(self) -> None:
        self.call_after_refresh(self._scroll_to_highlighted)

    def on_blur(self) -> None:
        self._redraw()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if width != self._strips_width:
            self._strips.clear()
            self._strips_width = width
        line = y + round(self.scroll_y)
        row, part = divmod(line, self.row_height)
        if row >= len(self._rows):
            return Strip.blank(width, self.rich_style)
        strip = self._strips.get((row, part))
        if strip is None:
            strip = self._draw(row, part, width)
            self._strips[(row, part)] = strip
        return strip

    def _draw(self, row: int, part: int, width: int) -> Strip:
        article, hit = self._rows[row]
        lines = self._row_lines(article, hit)
        text = lines[part] if part < len(lines) else Text()
        text.truncate(width, overflow="ellipsis", pad=True)
        base = self.rich_style
        over = Style()
        if row == self.highlighted:
            cursor = self._style("cursor")
            base += cursor
            if cursor.color is not None:  # the cursor's colour wins: it is chosen for its ground
                over = Style(color=cursor.color)
        segments = [
            Segment(s.text, base + s.style + over if s.style else base)
            for s in text.render(self.app.console)
        ]
        return Strip(segments, width)

    # rows

    def _visible(self, article: Article) -> bool:
        return not self.bookmarks_only or article.id in self.bookmarks

    def _style(self, name: str) -> Style:
        try:
            return self.get_component_rich_style(f"article-list--{name}", partial=True)
        except Exception:  # not yet attached to an app (rows built before mount)
            return Style()

    def _row_lines(self, article: Article, hit: Any | None) -> list[Text]:
        mark = BOOKMARK_MARK if article.id in self.bookmarks else " "
        title_line = Text(end="")
        title_line.append(mark, style=self._style("bookmark"))
        unread = article.id not in self.read
        title_line.append(UNREAD_MARK if unread else " ", style=self._style("unread"))
        title_spans = hit.spans if hit is not None and hit.field == "title" else ()
        title = _highlighted(article.title, title_spans, self._style("match"))
        if article.id in self.read and hit is None:
            title.stylize(self._style("read"))
        title_line.append_text(title)
        meta = Text("  ", end="")
        meta.append(KIND_LABELS.get(article.kind, article.kind), style=self._style("kind"))
        count = len(article.figures)
        details = [f"{count}个数字"]
        names = byline(article)
        if names:  # last: on a narrow list the names are cut, never the count
            details.append(names)
        meta.append(" · " + " · ".join(details), style=self._style("meta"))
        note = self.notes.get(article.id)
        if note:
            meta.append(f" · ✎ {' '.join(note.split())}", style=self._style("meta"))
        lines = [title_line, meta]
        if hit is not None:
            matched = Text("  ", end="")
            if hit.field != "title":
                kind = getattr(hit, "entity_type", None) if hit.field == "entity" else None
                label = ENTITY_LABELS.get(kind or "", FIELD_LABELS.get(hit.field, hit.field))
                matched.append(f"{label}：", style=self._style("field"))
                text, spans = snippet(hit.text or "", hit.spans or ())
                matched.append_text(_highlighted(text, spans, self._style("match")))
            lines.append(matched)
        return lines
