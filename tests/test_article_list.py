"""The article list's text pieces: bylines and the snippet shown for a match."""

from __future__ import annotations

from unionreader.model import Article
from unionreader.ui.widgets.article_list import byline, snippet


def test_byline_names_a_photographer_who_also_reports_once():
    article = Article("x", "s", "t", reporters=("余翠平",), photographers=("余翠平",))
    assert byline(article) == "余翠平 摄"


def test_byline_lists_reporters_correspondents_then_photographers():
    article = Article(
        "x", "s", "t", reporters=("王路曼",), correspondents=("赵宇",), photographers=("盛丽",)
    )
    assert byline(article) == "王路曼、赵宇 盛丽 摄"


def test_snippet_keeps_the_match_inside_the_window():
    text = "甲" * 40 + "一线" + "乙" * 40
    shown, spans = snippet(text, [(40, 42)])
    start, end = spans[0]
    assert shown[start:end] == "一线"
    assert shown.startswith("…") and shown.endswith("…")
    assert len(shown) < len(text)
