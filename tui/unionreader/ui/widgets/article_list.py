"""The article list: a row per article or search hit, drawn line by line from Text, never markup.

Rows have a fixed height, so only the rows on screen are ever built, and they are asked of a
row source (the archive's listing, sorted and filtered in SQL) a window at a time: a list of
100,000 articles costs no more to show than a list of ten.

Over 400 lines: the row sources, the sort/view/bookmark filters and the drawing share one row
cache and one highlighted article, kept in step as rows come and go.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from typing import Any, ClassVar, Protocol

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ...model import Article
from ...store.listing import (
    ONLY_FIELDS,
    ORDERS,
    ArticleSummary,
    ListQuery,
    OnlyField,
    Order,
    article_date,
)

Listed = Article | ArticleSummary  # a full article (in memory) or the archive's list row
ORDER_LABELS = {
    "reading": "阅读顺序",
    "date": "最新在前",
    "source": "按文件",
    "title": "按标题",
}
ONLY_LABELS = {"source": "文件", "section": "版面", "kind": "类别"}

KIND_LABELS = {"news": "消息", "feature": "通讯", "photo": "图片", "brief": "简讯"}
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


class RowSource(Protocol):
    """The rows of the list when not searching: counted, windowed, and found by id."""

    def __len__(self) -> int: ...

    def rows(self, start: int, stop: int) -> Sequence[Listed]: ...

    def position(self, article_id: str) -> int | None: ...

    def count_among(self, ids: Collection[str]) -> int: ...


class MemoryRows:
    """Articles held in memory (while a library is first read), sorted and filtered as the
    archive's listing does it."""

    def __init__(self, articles: Sequence[Article], query: ListQuery) -> None:
        items = [a for a in articles if _matches(a, query)]
        if query.order == "date":  # newest first, undated last; ties in reading order
            items.sort(key=lambda a: article_date(a) or "", reverse=True)
        elif query.order == "source":
            items.sort(key=lambda a: a.source)
        elif query.order == "title":
            items.sort(key=lambda a: a.title)
        self._items = items
        self._position = {a.id: i for i, a in enumerate(items)}

    def __len__(self) -> int:
        return len(self._items)

    def rows(self, start: int, stop: int) -> Sequence[Listed]:
        return self._items[start:stop]

    def position(self, article_id: str) -> int | None:
        return self._position.get(article_id)

    def count_among(self, ids: Collection[str]) -> int:
        return sum(1 for article_id in ids if article_id in self._position)


def _matches(article: Article, query: ListQuery) -> bool:
    if query.ids is not None and article.id not in query.ids:
        return False
    if query.only is not None:
        field, value = query.only
        return getattr(article, field) == value
    return True


def figure_count(article: Listed) -> int:
    return article.figure_count if isinstance(article, ArticleSummary) else len(article.figures)


def byline(article: Listed) -> str:
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
        Binding("o", "cycle_order", "排序：阅读顺序、最新、文件、标题", show=False),
        Binding("v", "cycle_only", "只看：同一文件、同一版、同一类文章", show=False),
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

        def __init__(self, article: Listed, hit: Any | None) -> None:
            super().__init__()
            self.article = article
            self.hit = hit

    class ViewChanged(Message):
        """The order or the filter of the list changed."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._articles: list[Article] = []  # held in memory while a library is first read
        self._by_id: dict[str, Article] = {}
        self._listing: Callable[[ListQuery], RowSource] | None = None  # the archive's list
        self._base: RowSource = MemoryRows([], ListQuery())
        self._hits: list[Any] | None = None  # search hits when searching, else None
        self._hit_rows: list[tuple[Listed, Any]] = []
        self._strips: dict[tuple[int, int], Strip] = {}  # (row, line) -> strip, this width
        self._strips_width = 0
        self.bookmarks: set[str] = set()
        self.notes: dict[str, str] = {}  # bookmark notes, shown at the end of the meta line
        self.read: set[str] = set()
        self.bookmarks_only = False
        self.order: Order = "reading"
        self.only: tuple[OnlyField, str] | None = None

    def on_mount(self) -> None:
        self.watch(self.app, "theme", lambda _: self._redraw(), init=False)

    # what is shown

    @property
    def articles(self) -> list[Article]:
        """The articles held in memory (those read so far on a first open)."""
        return self._articles

    @property
    def searching(self) -> bool:
        return self._hits is not None

    @property
    def option_count(self) -> int:
        """How many rows are shown."""
        return len(self._hit_rows) if self._hits is not None else len(self._base)

    @property
    def row_height(self) -> int:
        return 3 if self._hits is not None else 2  # title, meta (and what matched)

    @property
    def list_query(self) -> ListQuery:
        ids = frozenset(self.bookmarks) if self.bookmarks_only else None
        return ListQuery(self.order, self.only, ids)

    def _row(self, row: int) -> tuple[Listed, Any | None] | None:
        if self._hits is not None:
            return self._hit_rows[row] if 0 <= row < len(self._hit_rows) else None
        found = self._base.rows(row, row + 1) if row >= 0 else ()
        return (found[0], None) if found else None

    def _position(self, article_id: str) -> int | None:
        if self._hits is None:
            return self._base.position(article_id)
        for row, (article, _hit) in enumerate(self._hit_rows):
            if article.id == article_id:
                return row
        return None

    def add_articles(self, articles: Iterable[Article]) -> None:
        """More articles read (a first open): listed in memory until the archive has them all."""
        new = [a for a in articles if a.id not in self._by_id]
        self._articles.extend(new)
        self._by_id.update((a.id, a) for a in new)
        if self._hits is None and self._listing is None:
            self._base = MemoryRows(self._articles, self.list_query)
            self._resize()
            if self.highlighted is None and self.option_count:
                self.highlighted = 0

    def set_listing(self, listing: Callable[[ListQuery], RowSource]) -> None:
        """List what the archive holds, asked for a window at a time."""
        self._listing = listing
        self._articles, self._by_id = [], {}
        if self._hits is None:
            self.refresh_rows()

    def show_hits(self, hits: Sequence[Any] | None) -> None:
        """Show search hits in rank order, or the whole list again for None."""
        if hits is None:
            self._hits = None
        else:  # one row per article: the best hit, which the index lists first
            best: dict[str, Any] = {}
            for hit in hits:
                best.setdefault(hit.id, hit)
            self._hits = list(best.values())
        self.refresh_rows()

    def set_bookmarks_only(self, value: bool) -> None:
        self.bookmarks_only = value
        self.refresh_rows()

    def refresh_rows(self) -> None:
        """Rebuild the rows, keeping the highlighted article where it is still shown."""
        current = self.highlighted_article
        if self._hits is None:
            query = self.list_query
            self._base = (
                self._listing(query) if self._listing else MemoryRows(self._articles, query)
            )
            self._hit_rows = []
        else:
            self._hit_rows = [
                (h.row, h) for h in self._hits if not self.bookmarks_only or h.id in self.bookmarks
            ]
        self._resize()
        keep = None
        if current is not None and self._hits is None:
            keep = self._position(current.id)
        if not self.option_count:
            self.highlighted = None
        else:
            self.highlighted = keep if keep is not None else 0
        if keep is None:
            self.scroll_to(y=0, animate=False)

    def update_article(self, article_id: str) -> None:
        """Redraw one article's row (after a bookmark change)."""
        row = self._position(article_id)
        if self.bookmarks_only and (article_id in self.bookmarks) != (row is not None):
            self.refresh_rows()
            return
        if row is not None:
            self._forget(row)

    @property
    def unread_count(self) -> int:
        """Articles in the list (as sorted and filtered, not the results) not yet read."""
        return len(self._base) - self._base.count_among(self.read)

    def row_of(self, article_id: str) -> int | None:
        """The row showing an article, if it is shown."""
        return self._position(article_id)

    def select_article(self, article_id: str) -> bool:
        row = self._position(article_id)
        if row is None:
            return False
        self.highlighted = row
        return True

    # order and filter

    def action_cycle_order(self) -> None:
        self.order = ORDERS[(ORDERS.index(self.order) + 1) % len(ORDERS)]
        self.refresh_rows()
        self.post_message(self.ViewChanged())

    def action_cycle_only(self) -> None:
        """Off, then only the highlighted article's file, page label, kind; then off again."""
        current = self.highlighted_article
        fields = ONLY_FIELDS
        start = fields.index(self.only[0]) + 1 if self.only is not None else 0
        self.only = None
        if current is not None:
            for field in fields[start:]:
                value = getattr(current, field, None)
                if value:
                    self.only = (field, value)
                    break
        self.refresh_rows()
        self.post_message(self.ViewChanged())

    def view_label(self) -> str:
        """How the list is sorted and filtered, for its title ('' for the plain list)."""
        parts = [ORDER_LABELS[self.order]] if self.order != "reading" else []
        if self.only is not None:
            parts.append(f"只看{ONLY_LABELS[self.only[0]]}：{self.only[1]}")
        return " · ".join(parts)

    @property
    def highlighted_article(self) -> Listed | None:
        found = self._row(self.highlighted) if self.highlighted is not None else None
        return found[0] if found else None

    @property
    def highlighted_hit(self) -> Any | None:
        found = self._row(self.highlighted) if self.highlighted is not None else None
        return found[1] if found else None

    def top_hit(self) -> Any | None:
        return self._hit_rows[0][1] if self._hits is not None and self._hit_rows else None

    def row_text(self, row: int) -> Text:
        """The lines of one row as plain styled text (what the row shows, untruncated)."""
        found = self._row(row)
        if found is None:
            return Text()
        return Text("\n").join(self._row_lines(*found))

    # moving

    def validate_highlighted(self, row: int | None) -> int | None:
        count = self.option_count
        if row is None or not count:
            return None
        return max(0, min(row, count - 1))

    def watch_highlighted(self, old: int | None, new: int | None) -> None:
        for row in (old, new):
            if row is not None:
                self._forget(row)
        self._scroll_to_highlighted()

    def _scroll_to_highlighted(self) -> None:
        row = self.highlighted
        if row is None or not self.scrollable_content_region.height:
            return  # hidden (a narrow terminal while reading): done when shown again
        # scrolled by whole rows, so the top row is never cut in half when the pane's height
        # is not a multiple of a row's (a cut row, if any, is at the bottom)
        height = self.row_height
        view = self.scrollable_content_region.height
        top = round(self.scroll_y)
        if row * height < top:
            top = row * height
        elif (row + 1) * height > top + view:
            top = -(-((row + 1) * height - view) // height) * height
        elif top % height:
            top += height - top % height
        self.scroll_to(y=top, animate=False, immediate=True, force=True)

    def _page(self) -> int:
        return max(1, self.scrollable_content_region.height // self.row_height)

    def _move(self, step: int) -> None:
        if self.option_count:
            self.highlighted = 0 if self.highlighted is None else self.highlighted + step

    def action_cursor_down(self) -> None:
        self._move(1)

    def action_cursor_up(self) -> None:
        self._move(-1)

    def action_first(self) -> None:
        self._move(-self.option_count)

    def action_last(self) -> None:
        self._move(self.option_count)

    def action_page_down(self) -> None:
        self._move(self._page())

    def action_page_up(self) -> None:
        self._move(-self._page())

    def action_select(self) -> None:
        found = self._row(self.highlighted) if self.highlighted is not None else None
        if found is not None:
            self.post_message(self.Opened(*found))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        row = (offset.y + round(self.scroll_y)) // self.row_height
        if 0 <= row < self.option_count:
            self.highlighted = row
            self.action_select()

    # drawing

    def _resize(self) -> None:
        self._strips.clear()
        region = self.scrollable_content_region
        # padded to whole rows past the end, so scrolled to the last row the top is not cut
        lines = self.option_count * self.row_height
        pad = region.height % self.row_height if lines > region.height else 0
        self.virtual_size = Size(region.width, lines + pad)
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
        self._resize()
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
        if row >= self.option_count:
            return Strip.blank(width, self.rich_style)
        strip = self._strips.get((row, part))
        if strip is None:
            strip = self._draw(row, part, width)
            self._strips[(row, part)] = strip
        return strip

    def _draw(self, row: int, part: int, width: int) -> Strip:
        found = self._row(row)
        lines = self._row_lines(*found) if found is not None else []
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

    def _style(self, name: str) -> Style:
        try:
            return self.get_component_rich_style(f"article-list--{name}", partial=True)
        except Exception:  # not yet attached to an app (rows built before mount)
            return Style()

    def _row_lines(self, article: Listed, hit: Any | None) -> list[Text]:
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
        count = figure_count(article)
        details = [f"{count}个数字"] if count else []  # none: nothing to say
        names = byline(article)
        if names:  # last: on a narrow list the names are cut, never the count
            details.append(names)
        if details:
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
