"""The figures panel: every key figure of an article with the sentence it sits in."""

from __future__ import annotations

from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...layout.textlayout import display_text
from ...model import Article, Figure
from .article_options import ArticleOptionList
from .figure_kinds import FIGURE_CLASSES, kind_label, kind_style

SENTENCE_ENDS = "。！？!?\n"
_CLOSERS = "”’」』）)"
MAX_SENTENCE = 80  # characters of context either side are trimmed beyond this


def figure_sentence(article: Article, figure: Figure) -> tuple[str, int, int]:
    """The sentence around a figure (cut at 。！？) and the figure's span inside it."""
    text = article.field_text(figure.field, figure.block)
    start = max(0, min(figure.start, len(text)))
    end = max(start, min(figure.end, len(text)))
    left = max((text.rfind(mark, 0, start) for mark in SENTENCE_ENDS), default=-1) + 1
    while left < start and text[left] in _CLOSERS + " \u3000":
        left += 1  # a closing quote after the full stop belongs to the sentence before
    ends = [i for i in (text.find(mark, end) for mark in SENTENCE_ENDS) if i != -1]
    right = min(ends) + 1 if ends else len(text)
    while right < len(text) and text[right] in _CLOSERS:
        right += 1
    sentence = text[left:right].rstrip("\n")
    first, last = start - left, end - left
    if len(sentence) > MAX_SENTENCE:
        half = (MAX_SENTENCE - (last - first)) // 2
        cut_left = max(0, first - half)
        cut_right = min(len(sentence), last + half)
        prefix = "…" if cut_left else ""
        suffix = "…" if cut_right < len(sentence) else ""
        sentence = prefix + sentence[cut_left:cut_right] + suffix
        first, last = first - cut_left + len(prefix), last - cut_left + len(prefix)
    return sentence, first, last


class FiguresPanel(ArticleOptionList):
    """A list of the article's figures; choosing one asks the reader to scroll to it."""

    COMPONENT_CLASSES = OptionList.COMPONENT_CLASSES | FIGURE_CLASSES

    class FigureChosen(Message):
        """The user chose a figure: `index` into the article's figures."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def _rebuild(self, keep_highlight: bool = False) -> None:
        highlighted = self.highlighted
        self.clear_options()
        article = self._article
        if article is None:
            return
        if not article.figures:
            self.add_option(Option(Text("（本文没有标出关键数字）", end=""), disabled=True))
            return
        # option i is figure i, so a figure index from the reader highlights its row
        self.add_options(
            Option(self._prompt(article, figure), id=f"figure-{index}")
            for index, figure in enumerate(article.figures)
        )
        self.highlighted = highlighted if keep_highlight and highlighted is not None else 0

    def highlight_figure(self, index: int) -> None:
        """Move the highlight to a figure (an index into the article's figures)."""
        if self._article is not None and 0 <= index < len(self._article.figures):
            self.highlighted = index

    def _prompt(self, article: Article, figure: Figure) -> Text:
        style = kind_style(self, figure.kind)
        sentence, start, end = figure_sentence(article, figure)
        shown = display_text(sentence)[0]
        prompt = Text(end="")
        prompt.append(f"{kind_label(figure.kind)}  ", style)
        prompt.append(figure.text, style)
        prompt.append("\n")
        body = Text(shown, end="")
        body.stylize(style, start, end)
        prompt.append_text(body)
        return prompt

    @property
    def highlighted_figure(self) -> int | None:
        """The figure (index into the article's figures) under the panel's cursor."""
        if self.highlighted is None:
            return None
        option_id = self.get_option_at_index(self.highlighted).id or ""
        return int(option_id.removeprefix("figure-")) if option_id.startswith("figure-") else None

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        option_id = event.option.id or ""
        if option_id.startswith("figure-"):
            self.post_message(self.FigureChosen(int(option_id.removeprefix("figure-"))))
