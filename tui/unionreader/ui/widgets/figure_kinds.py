"""Figure kinds as the UI shows them: their component class and a short Chinese label."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.style import Style
    from textual.widget import Widget

from ...model import FIGURE_KINDS as _ANALYSED_KINDS

_LABELS = {
    "people": "人数",
    "money": "金额",
    "date": "日期",
    "time": "时间",
    "duration": "时长",
    "quantity": "数量",
    "percent": "比例",
    "other": "其他",
}


# Every kind the analysis gives, and "other" for a kind this version of the UI does not know.
FIGURE_KINDS: tuple[str, ...] = (*_ANALYSED_KINDS, "other")

OTHER_CLASS = "reader--figure-other"


def kind_class(kind: str) -> str:
    """The component class that colours a figure of this kind."""
    return f"reader--figure-{kind}" if kind in FIGURE_KINDS else OTHER_CLASS


def kind_label(kind: str) -> str:
    """The name of a kind in the legend and the figures panel."""
    return _LABELS.get(kind, kind)


FIGURE_CLASSES: frozenset[str] = frozenset(kind_class(kind) for kind in FIGURE_KINDS)


def kind_style(widget: Widget, kind: str) -> Style:
    """A kind's colour from the stylesheet; kinds without a rule of their own look like "other"."""
    style = widget.get_component_rich_style(kind_class(kind), partial=True)
    if style.color is None and style.bgcolor is None:
        style = widget.get_component_rich_style(OTHER_CLASS, partial=True)
    return style
