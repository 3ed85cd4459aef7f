"""The article list: one row per article (or per search hit), built as Text, never markup."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, ClassVar

from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual import on
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...corpus.model import Article

KIND_LABELS = {"news": "news", "feature": "feature", "photo": "photo"}
FIELD_LABELS = {
    "title": "title",
    "deck": "deck",
    "subtitle": "subtitle",
    "entity": "name",
    "body": "text",
}
BOOKMARK_MARK = "★"
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


class ArticleList(OptionList):
    """Articles (or search hits) in order; enter opens the highlighted one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "cursor_down", "Next article", show=False),
        Binding("k,up", "cursor_up", "Previous article", show=False),
        Binding("enter", "select", "Open in the reader", show=False),
        Binding("g,home", "first", "First article", show=False),
        Binding("G,end", "last", "Last article", show=False),
        Binding("space,pagedown", "page_down", "Page down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "article-list--bookmark",
        "article-list--kind",
        "article-list--meta",
        "article-list--match",
        "article-list--field",
        "article-list--read",
    }

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
        self.bookmarks: set[str] = set()
        self.read: set[str] = set()
        self.bookmarks_only = False

    def on_mount(self) -> None:
        self.watch(self.app, "theme", lambda _: self.refresh_rows(), init=False)

    # what is shown

    @property
    def articles(self) -> list[Article]:
        return self._articles

    @property
    def searching(self) -> bool:
        return self._hits is not None

    def add_articles(self, articles: Iterable[Article]) -> None:
        new = [a for a in articles if a.id not in self._by_id]
        self._articles.extend(new)
        self._by_id.update((a.id, a) for a in new)
        if self._hits is None:
            self.add_options(self._article_option(a) for a in new if self._visible(a))

    def set_articles(self, articles: Iterable[Article]) -> None:
        self._articles = []
        self._by_id = {}
        self._articles = [a for a in articles if self._by_id.setdefault(a.id, a) is a]
        if self._hits is None:
            self.refresh_rows()

    def show_hits(self, hits: Sequence[Any] | None) -> None:
        """Show search hits in rank order, or the whole list again for None."""
        if hits is None:
            self._hits = None
        else:  # one row per article: the best hit, which the index lists first
            seen: set[str] = set()
            self._hits = [h for h in hits if not (h.article.id in seen or seen.add(h.article.id))]
        self.refresh_rows()

    def set_bookmarks_only(self, value: bool) -> None:
        self.bookmarks_only = value
        self.refresh_rows()

    def refresh_rows(self) -> None:
        """Rebuild every row, keeping the highlighted article where it is still shown."""
        current = self.highlighted_option.id if self.highlighted_option else None
        if self._hits is None:
            options = [self._article_option(a) for a in self._articles if self._visible(a)]
        else:
            options = [self._hit_option(h) for h in self._hits if self._visible(h.article)]
        self.set_options(options)
        if not options:
            return
        ids = [o.id for o in options]
        keep = current in ids and self._hits is None
        self.highlighted = ids.index(current) if keep else 0

    def update_article(self, article_id: str) -> None:
        """Redraw one article's row (after a bookmark change)."""
        if self.bookmarks_only and article_id not in self.bookmarks:
            self.refresh_rows()
            return
        index = self._option_index(article_id)
        if index is None:
            if self.bookmarks_only:
                self.refresh_rows()
            return
        hit = self._hit_for(article_id)
        article = self._find(article_id)
        if article is not None:
            self.replace_option_prompt_at_index(index, self._row(article, hit))

    def select_article(self, article_id: str) -> bool:
        index = self._option_index(article_id)
        if index is None:
            return False
        self.highlighted = index
        return True

    @property
    def highlighted_article(self) -> Article | None:
        option = self.highlighted_option
        return self._find(option.id) if option is not None and option.id else None

    @property
    def highlighted_hit(self) -> Any | None:
        option = self.highlighted_option
        return self._hit_for(option.id) if option is not None and option.id else None

    def top_hit(self) -> Any | None:
        if not self._hits:
            return None
        return next((h for h in self._hits if self._visible(h.article)), None)

    # rows

    def _visible(self, article: Article) -> bool:
        return not self.bookmarks_only or article.id in self.bookmarks

    def _article_option(self, article: Article) -> Option:
        return Option(self._row(article, None), id=article.id)

    def _hit_option(self, hit: Any) -> Option:
        return Option(self._row(hit.article, hit), id=hit.article.id)

    def _style(self, name: str) -> Style:
        try:
            return self.get_component_rich_style(f"article-list--{name}", partial=True)
        except Exception:  # not yet attached to an app (rows built before mount)
            return Style()

    def _row(self, article: Article, hit: Any | None) -> Table:
        """A two-column grid so wrapped titles stay indented past the bookmark marker."""
        mark = BOOKMARK_MARK if article.id in self.bookmarks else " "
        grid = Table.grid(padding=0)
        grid.add_column(width=2, no_wrap=True)
        grid.add_column(ratio=1, overflow="fold")  # a CJK run is one long "word": fold it
        grid.add_row(Text(mark, style=self._style("bookmark")), self._row_text(article, hit))
        return grid

    def _row_text(self, article: Article, hit: Any | None) -> Text:
        row = Text(end="")
        title_spans = hit.spans if hit is not None and hit.field == "title" else ()
        title = _highlighted(article.title, title_spans, self._style("match"))
        if article.id in self.read and hit is None:
            title.stylize(self._style("read"))
        row.append_text(title)
        row.append("\n")
        row.append(KIND_LABELS.get(article.kind, article.kind), style=self._style("kind"))
        meta = []
        names = byline(article)
        if names:
            meta.append(names)
        count = len(article.figures)
        meta.append(f"{count} figure" + ("" if count == 1 else "s"))
        row.append(" · " + " · ".join(meta), style=self._style("meta"))
        if hit is not None and hit.field != "title":
            label = FIELD_LABELS.get(hit.field, hit.field)
            row.append("\n")
            row.append(f"{label}：", style=self._style("field"))
            text, spans = snippet(hit.text or "", hit.spans or ())
            row.append_text(_highlighted(text, spans, self._style("match")))
        return row

    # lookups

    def _option_index(self, article_id: str) -> int | None:
        try:
            return self.get_option_index(article_id)
        except Exception:  # OptionDoesNotExist: not shown in the current view
            return None

    def _find(self, article_id: str) -> Article | None:
        hit = self._hit_for(article_id)
        if hit is not None:
            return hit.article
        return self._by_id.get(article_id)

    def _hit_for(self, article_id: str) -> Any | None:
        if not self._hits:
            return None
        return next((h for h in self._hits if h.article.id == article_id), None)

    @on(OptionList.OptionSelected)
    def _open(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        article = self._find(event.option.id or "")
        if article is not None:
            self.post_message(self.Opened(article, self._hit_for(article.id)))
