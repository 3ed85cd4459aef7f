"""The reader: one article laid out line by line with Chinese line breaking.

Longer than most modules: one ScrollView whose layout cache, line rendering and line-addressed
moves (figure steps, find, search hits, saved positions) share the same line index; the layout
itself (`layout.article_layout`) and the panels live elsewhere.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import ClassVar, get_args

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.selection import Selection
from textual.strip import Strip
from textual.timer import Timer

from ...layout.article_layout import ArticleLayout, DisplayRole, layout_article
from ...layout.textlayout import display_text
from ...model import Article, FieldName, Figure, Location
from .entities_panel import EntitiesPanel
from .figure_kinds import FIGURE_CLASSES, kind_style
from .figures_panel import FiguresPanel
from .legend import FigureLegend

# The panels and the legend live in modules of their own; they are importable from here too.
__all__ = ["ArticleReader", "EntitiesPanel", "FigureLegend", "FiguresPanel"]

ROLE_CLASSES = frozenset(f"reader--{role}" for role in get_args(DisplayRole))
ENTITY_CLASSES = frozenset(f"reader--entity-{kind}" for kind in ("person", "org", "place"))

# A span to highlight in a field of the article: (field, block, start, end).
FieldSpan = tuple[FieldName, "int | None", int, int]


@dataclass(frozen=True, slots=True)
class _Decoration:
    """A styled span of one piece: a figure, an entity mention or a search match."""

    start: int
    end: int
    component: str  # component class that styles it
    figure: int | None = None  # index into Article.figures
    kind: str | None = None


class ArticleReader(ScrollView, can_focus=True):
    """Shows one article; figures coloured by kind, entities underlined on demand."""

    DEFAULT_CSS = """
    ArticleReader {
        overflow-x: hidden;
        overflow-y: auto;
        scrollbar-gutter: stable;
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = set(
        ROLE_CLASSES
        | FIGURE_CLASSES
        | ENTITY_CLASSES
        | {"reader--figure-current", "reader--search-match", "reader--find-match"}
        | {"reader--find-current"}
    )

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "n",
            "next_figure",
            "下一个数字",
            tooltip="下一个关键数字；查找时为下一处匹配",
            id="reader.next_figure",
        ),
        Binding(
            "N",
            "previous_figure",
            "上一个数字",
            tooltip="上一个关键数字；查找时为上一处匹配",
            id="reader.previous_figure",
        ),
        Binding("slash", "find", "查找", tooltip="在本文中查找（esc 结束）", id="reader.find"),
        Binding("j,down", "scroll_down", "向下", show=False),
        Binding("k,up", "scroll_up", "向上", show=False),
        Binding("g,home", "scroll_home", "顶部", show=False),
        Binding("G,end", "scroll_end", "底部", show=False),
        Binding("space,pagedown", "page_down", "下一页", show=False),
        Binding("pageup", "page_up", "上一页", show=False),
    ]

    show_entities: reactive[bool] = reactive(False)
    """Underline people, organisations and places, each type in its own style."""

    current_figure: reactive[int | None] = reactive(None)
    """Index into the article's figures of the one marked as current (n / N)."""

    class ScrollChanged(Message):
        """The reading position settled; `offset` is a text position, valid at any width."""

        def __init__(self, article_id: str, offset: int) -> None:
            super().__init__()
            self.article_id = article_id
            self.offset = offset

    class FigureSelected(Message):
        """A figure became the current one (by n / N or `scroll_to_figure`).

        `position` counts from 1 in reading order, out of `total`; `wrapped` is +1 when n went
        past the last figure back to the first, -1 when N went from the first to the last.
        """

        def __init__(self, index: int, position: int, total: int, wrapped: int = 0) -> None:
            super().__init__()
            self.index = index
            self.position = position
            self.total = total
            self.wrapped = wrapped

    class FindRequested(Message):
        """The person asked to find text in the article (/ with the reader focused)."""

    class FindMoved(Message):
        """The current find match changed: `position` of `total` (from 1), `wrapped` as above."""

        def __init__(self, position: int, total: int, wrapped: int = 0) -> None:
            super().__init__()
            self.position = position
            self.total = total
            self.wrapped = wrapped

    SCROLL_SETTLE = 0.4  # seconds of stillness before a ScrollChanged is posted

    def __init__(
        self,
        article: Article | None = None,
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._article: Article | None = None
        self._layouts: LRUCache[int, ArticleLayout] = LRUCache(4)
        self._decorations: LRUCache[tuple[int, int], dict[int, list[_Decoration]]] = LRUCache(4)
        self._strips: LRUCache[tuple[int, int, int], Strip] = LRUCache(2048)
        self._generation = 0  # bumped whenever what a line looks like may change
        self._style_memo: dict[tuple[str | None, bool], Style] = {}
        self._decoration_version = 0  # bumped when entity display or search matches change
        self._anchor = 0  # text position at the top of the view; survives re-flow
        self._laid_out_width = 0
        self._matches: tuple[FieldSpan, ...] = ()
        self._found: list[FieldSpan] = []  # find-in-article matches, in reading order
        self._found_current: int | None = None
        self._figure_order: list[int] = []
        self._settle_timer: Timer | None = None
        if article is not None:
            self.show_article(article)

    # --- public API -----------------------------------------------------------------------

    @property
    def article(self) -> Article | None:
        """The article on show."""
        return self._article

    @property
    def reading_offset(self) -> int:
        """Text position at the top of the view (what ScrollChanged reports)."""
        return self._anchor

    def show_article(self, article: Article | None, scroll_to: int = 0) -> None:
        """Show an article, starting at a text position from an earlier ScrollChanged."""
        self._article = article
        self._layouts.clear()
        self._decorations.clear()
        self._decoration_version += 1
        self._matches = ()
        self._found, self._found_current = [], None
        self._figure_order = _reading_order(article) if article is not None else []
        self._anchor = max(0, scroll_to)
        self._laid_out_width = 0
        self.set_reactive(ArticleReader.current_figure, None)
        self._restyle()
        self._relayout(force=True)

    def next_figure(self) -> None:
        """Mark the next figure in reading order as current and scroll it into view."""
        self._step_figure(+1)

    def previous_figure(self) -> None:
        """Mark the previous figure in reading order as current and scroll it into view."""
        self._step_figure(-1)

    def scroll_to_figure(self, index: int, *, wrapped: int = 0) -> None:
        """Mark a figure (index into article.figures) as current and scroll it into view."""
        article = self._article
        if article is None or not 0 <= index < len(article.figures):
            return
        figure = article.figures[index]
        self.current_figure = index
        self._scroll_into_view(figure.field, figure.block, figure.start)
        order = self._figure_order
        position = order.index(index) + 1 if index in order else 0
        self.post_message(self.FigureSelected(index, position, len(order), wrapped))

    def go_to(self, where: Location, *, mark: bool = True) -> None:
        """Scroll a place in the article into view; a non-empty span is also marked as a match."""
        if mark and where.end > where.start:
            self.set_search_matches([(where.field, where.block, where.start, where.end)])
        self._scroll_into_view(where.field, where.block, where.start)

    def mark_query(self, query: str, where: Location | None = None) -> None:
        """Mark every occurrence of a search query (and the hit's own span, which a fuzzy or
        pinyin match may not spell out), then scroll the hit into view."""
        spans = _find_all(self._article, query)
        if where is not None and where.end > where.start:
            spans.append((where.field, where.block, where.start, where.end))
        self.set_search_matches(dict.fromkeys(spans))
        if where is not None:
            self._scroll_into_view(where.field, where.block, where.start)

    @property
    def search_matches(self) -> tuple[FieldSpan, ...]:
        """The spans marked for the search that opened the article."""
        return self._matches

    def set_search_matches(self, matches: Iterable[FieldSpan]) -> None:
        """Highlight spans found by a search (replacing earlier ones)."""
        self._matches = tuple(matches)
        self._decoration_version += 1
        self._restyle()

    @property
    def finding(self) -> bool:
        """A find in the article is active (n / N step through its matches)."""
        return bool(self._found)

    def find(self, query: str) -> int:
        """Highlight every occurrence of `query` and go to the first one from the top of view.

        Returns how many were found; case is ignored, and half-width punctuation matches the
        full-width form the reader shows.
        """
        self._found, self._found_current = _find_all(self._article, query), None
        self._decoration_version += 1
        self._restyle()
        if self._found:
            top = self._layout_anchor_field()
            after = [i for i, span in enumerate(self._found) if _order_key(span) >= top]
            self._go_to_found(after[0] if after else 0, 0)
        return len(self._found)

    def clear_find(self) -> None:
        """End the find: matches unmarked, n / N step through figures again."""
        if self._found:
            self._found, self._found_current = [], None
            self._decoration_version += 1
            self._restyle()

    def step_find(self, step: int) -> None:
        """Go to the next (+1) or previous (-1) match of the active find."""
        if not self._found:
            return
        current = self._found_current
        if current is None:
            self._go_to_found(0 if step > 0 else len(self._found) - 1, 0)
            return
        at = current + step
        wrapped = step if not 0 <= at < len(self._found) else 0
        self._go_to_found(at % len(self._found), wrapped)

    def _go_to_found(self, index: int, wrapped: int) -> None:
        self._found_current = index
        field, block, start, _ = self._found[index]
        self._decoration_version += 1
        self._restyle()
        self._scroll_into_view(field, block, start)
        self.post_message(self.FindMoved(index + 1, len(self._found), wrapped))

    def _layout_anchor_field(self) -> tuple[int, int, int]:
        """The reading-order key of the text at the top of the view."""
        layout = self._layout()
        if layout is None:
            return (0, -1, 0)
        line = layout.lines[layout.line_of_anchor(self._anchor)] if layout.lines else None
        if line is None or line.piece is None:
            return (0, -1, 0)
        piece = layout.pieces[line.piece]
        if piece.field is None:
            return (0, -1, 0)
        return _order_key((piece.field, piece.block, max(0, line.start - piece.offset), 0))

    def line_texts(self) -> list[str]:
        """The laid-out lines as plain text, margins included (what a screen reader would read)."""
        layout = self._layout()
        if layout is None:
            return []
        return [self._line_text(layout, y).plain for y in range(len(layout.lines))]

    # --- reactive watchers ----------------------------------------------------------------

    def watch_show_entities(self) -> None:
        self._decoration_version += 1
        self._restyle()

    def watch_current_figure(self) -> None:
        self._restyle()

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        layout = self._layout()
        if layout is None or self._laid_out_width != layout.width:
            return
        self._anchor = layout.anchor_of(round(new_value))
        if self._settle_timer is None:
            self._settle_timer = self.set_timer(self.SCROLL_SETTLE, self._post_scroll_changed)
        else:
            self._settle_timer.reset()  # still moving: report once the scrolling stops

    def _post_scroll_changed(self) -> None:
        self._settle_timer = None
        if self._article is not None:
            self.post_message(self.ScrollChanged(self._article.id, self._anchor))

    # --- actions --------------------------------------------------------------------------

    def action_next_figure(self) -> None:
        if self._found:
            self.step_find(+1)
        else:
            self.next_figure()

    def action_previous_figure(self) -> None:
        if self._found:
            self.step_find(-1)
        else:
            self.previous_figure()

    def action_find(self) -> None:
        self.post_message(self.FindRequested())

    # --- layout ---------------------------------------------------------------------------

    def on_resize(self) -> None:
        self._relayout()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._restyle()

    def _text_width(self) -> int:
        return self.scrollable_content_region.width

    def _layout(self) -> ArticleLayout | None:
        """The layout for the current width, built on first use and cached per width."""
        if self._article is None:
            return None
        width = self._text_width()
        if width <= 0:
            return None
        layout = self._layouts.get(width)
        if layout is None:
            layout = layout_article(self._article, width)
            self._layouts[width] = layout
        return layout

    def _relayout(self, force: bool = False) -> None:
        """Re-flow for the current width, keeping the same text at the top of the view."""
        layout = self._layout()
        if layout is None:
            self.virtual_size = Size(0, 0)
            return
        if not force and layout.width == self._laid_out_width:
            return
        anchor = self._anchor
        keep_figure = self._current_figure_in_view()
        self._laid_out_width = layout.width
        self.virtual_size = Size(layout.width, len(layout.lines))
        self._restyle()
        self.scroll_to(y=layout.line_of_anchor(anchor), animate=False, immediate=True, force=True)
        self._anchor = anchor
        if keep_figure is not None:
            figure = keep_figure
            self._scroll_into_view(figure.field, figure.block, figure.start)

    def _current_figure_in_view(self) -> Figure | None:
        """The current figure, if the previous layout showed it on screen."""
        old = self._layouts.get(self._laid_out_width) if self._laid_out_width else None
        index = self.current_figure
        if old is None or index is None or self._article is None:
            return None
        figure = self._article.figures[index]
        y = old.line_at(figure.field, figure.block, figure.start)
        top = round(self.scroll_y)
        if y is None or not top <= y < top + self.scrollable_content_region.height:
            return None
        return figure

    def _restyle(self) -> None:
        self._generation += 1
        self._strips.clear()
        self._style_memo.clear()
        self.refresh()

    def _style(self, component: str | None = None, partial: bool = False) -> Style:
        """A component's Rich style (None: the widget's own), remembered until the next restyle."""
        key = (component, partial)
        style = self._style_memo.get(key)
        if style is None:
            if component is None:
                style = self.rich_style
            elif component.startswith("kind:"):
                style = kind_style(self, component.removeprefix("kind:"))
            else:
                style = self.get_component_rich_style(component, partial=partial)
            self._style_memo[key] = style
        return style

    # --- figures --------------------------------------------------------------------------

    def _figure_line(self, layout: ArticleLayout, index: int) -> int | None:
        assert self._article is not None
        figure = self._article.figures[index]
        return layout.line_at(figure.field, figure.block, figure.start)

    def _step_figure(self, step: int) -> None:
        layout = self._layout()
        order = self._figure_order
        if layout is None or not order:
            self.app.bell()
            return
        current = self.current_figure
        wrapped = 0
        if current in order:
            at = order.index(current) + step
            if not 0 <= at < len(order):
                wrapped = step
            target = order[at % len(order)]
        else:
            top = round(self.scroll_y)
            bottom = top + self.scrollable_content_region.height
            lines = [(index, self._figure_line(layout, index)) for index in order]
            if step > 0:
                below = [i for i, y in lines if y is not None and y >= top]
                target = below[0] if below else order[0]
            else:
                above = [i for i, y in lines if y is not None and y < bottom]
                target = above[-1] if above else order[-1]
        self.scroll_to_figure(target, wrapped=wrapped)

    def _scroll_into_view(self, field: FieldName, block: int | None, start: int) -> None:
        self._relayout()
        layout = self._layout()
        if layout is None:
            return
        y = layout.line_at(field, block, start)
        if y is None:
            return
        top = round(self.scroll_y)
        height = self.scrollable_content_region.height
        if not top <= y < top + height:
            # put the line a third of the way down: the sentence before it stays in view
            self.scroll_to(y=max(0, y - height // 3), animate=False, immediate=True, force=True)

    # --- rendering ------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self.size.width
        base = self._style()
        layout = self._layout()
        if layout is not None and layout.width != self._laid_out_width:
            self._relayout()
            scroll_x, scroll_y = self.scroll_offset
        index = scroll_y + y
        if layout is None or index >= len(layout.lines):
            return Strip.blank(width, base)
        selection = self.text_selection
        span = selection.get_span(index) if selection is not None else None
        key = (layout.width, index, self._generation)
        strip = self._strips.get(key) if span is None else None
        if strip is None:
            text = self._line_text(layout, index)
            if span is not None:  # a mouse selection: drawn, never kept
                start, end = span
                text.stylize(self.selection_style, start, len(text) if end == -1 else end)
            # every segment carries a style: colour filters (NO_COLOR's monochrome) read it
            segments = [
                Segment(s.text, base + s.style if s.style else base)
                for s in text.render(self.app.console)
            ]
            strip = Strip(segments, text.cell_len)
            if span is None:
                self._strips[key] = strip
        # offsets say which character of which line the mouse is over (text selection)
        return strip.crop_extend(scroll_x, scroll_x + width, base).apply_offsets(0, index)

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        """The selected text without margins; lines that wrap one paragraph are joined again."""
        layout = self._layout()
        if layout is None or not layout.lines:
            return None
        last = len(layout.lines) - 1
        first_line = 0 if selection.start is None else min(selection.start.y, last)
        last_line = last if selection.end is None else min(selection.end.y, last)
        parts: list[str] = []
        previous_piece: int | None = None
        for index in range(first_line, last_line + 1):
            span = selection.get_span(index)
            if span is None:
                continue
            line = layout.lines[index]
            text = self._line_text(layout, index).plain
            start, end = span
            pad = layout.margin + line.indent
            chosen = text[max(start, pad) : len(text) if end == -1 else end]
            if line.piece is None:
                previous_piece = None
                continue
            if parts and line.piece != previous_piece:
                parts.append("\n")
            parts.append(chosen)
            previous_piece = line.piece
        return "".join(parts).strip(), "\n"

    def selection_updated(self, selection: Selection | None) -> None:
        self.refresh()

    def _line_text(self, layout: ArticleLayout, index: int) -> Text:
        """One screen line as styled plain text (never parsed as markup)."""
        line = layout.lines[index]
        pad = " " * (layout.margin + line.indent)
        if line.piece is None:
            return _styled(pad, self._style())
        piece = layout.pieces[line.piece]
        if piece.role == "rule":
            rule = self._style("reader--rule")
            return _styled(pad, self._style()) + _styled("─" * layout.measure, rule)
        # the role's full style: colours like $text-muted resolve against the background
        role = self._style(f"reader--{piece.role}")
        text = _styled(piece.text[line.start : line.end], role)
        for decoration in self._piece_decorations(layout).get(line.piece, ()):
            start = max(decoration.start, line.start) - line.start
            end = min(decoration.end, line.end) - line.start
            if start < end:
                text.stylize(self._decoration_style(decoration), start, end)
        if pad:
            text = _styled(pad, self._style()) + text
        return text

    def _decoration_style(self, decoration: _Decoration) -> Style:
        if decoration.kind is not None:
            style = self._style(f"kind:{decoration.kind}")
            if decoration.figure == self.current_figure:
                style += self._style("reader--figure-current", partial=True)
            return style
        return self._style(decoration.component, partial=True)

    def _piece_decorations(self, layout: ArticleLayout) -> dict[int, list[_Decoration]]:
        """Figures, then entity mentions (if shown), then search matches, per piece."""
        key = (layout.width, self._decoration_version)
        cached = self._decorations.get(key)
        if cached is not None:
            return cached
        article = self._article
        found: dict[int, list[_Decoration]] = {}
        if article is None:
            return found

        def add(field: str, block: int | None, start: int, end: int, decoration: dict) -> None:
            piece = layout.piece_for(field, block)
            if piece is None:
                return
            offset = layout.pieces[piece].offset
            found.setdefault(piece, []).append(
                _Decoration(start + offset, end + offset, **decoration)
            )

        for index, figure in enumerate(article.figures):
            add(
                figure.field,
                figure.block,
                figure.start,
                figure.end,
                {"component": "", "figure": index, "kind": figure.kind},
            )
        if self.show_entities:
            for entity in article.entities:
                component = f"reader--entity-{entity.type}"
                if component not in ENTITY_CLASSES:
                    continue
                for mention in entity.mentions:
                    add(
                        mention.field,
                        mention.block,
                        mention.start,
                        mention.end,
                        {"component": component},
                    )
        for field, block, start, end in self._matches:
            add(field, block, start, end, {"component": "reader--search-match"})
        for index, (field, block, start, end) in enumerate(self._found):
            current = index == self._found_current
            component = "reader--find-current" if current else "reader--find-match"
            add(field, block, start, end, {"component": component})
        self._decorations[key] = found
        return found


def _styled(plain: str, style: Style) -> Text:
    """Plain text with a style over all of it (as a span: Text.render ignores the base style)."""
    text = Text(plain, end="", no_wrap=True)
    text.stylize(style)
    return text


_FIELD_RANK = {"deck": 0, "title": 1, "subtitle": 2, "block": 3}


def _order_key(span: FieldSpan) -> tuple[int, int, int]:
    field, block, start, _ = span
    return (_FIELD_RANK.get(field, 4), block if block is not None else -1, start)


def _find_all(article: Article | None, query: str) -> list[FieldSpan]:
    """Every occurrence of a query in an article, in reading order (case ignored)."""
    needle = display_text(query.strip())[0].casefold()
    if article is None or not needle:
        return []
    found: list[FieldSpan] = []
    for field, block, text in article.fields():
        # display text: 1 character for 1, so positions hold; casefold can lengthen (ß), so
        # only same-length foldings are searched folded
        shown = display_text(text)[0]
        folded = shown.casefold()
        haystack = folded if len(folded) == len(shown) else shown
        start = haystack.find(needle)
        while start >= 0:
            found.append((field, block, start, start + len(needle)))
            start = haystack.find(needle, start + max(1, len(needle)))
    return sorted(found, key=_order_key)


def _reading_order(article: Article) -> list[int]:
    """Figure indices in the order a reader meets them: header fields, then blocks."""
    rank = {"deck": 0, "title": 1, "subtitle": 2, "block": 3}

    def position(index: int) -> tuple[int, int, int]:
        figure = article.figures[index]
        block = figure.block if figure.field == "block" and figure.block is not None else -1
        return (rank.get(figure.field, 4), block, figure.start)

    return sorted(range(len(article.figures)), key=position)
