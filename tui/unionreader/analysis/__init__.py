"""Text analysis: key figures and named entities, attached to parsed articles."""

from __future__ import annotations

from ..model import Article


def analyse(article: Article) -> Article:
    """The article with its key figures and named entities filled in."""
    from .entities import entities_for_article
    from .figures import figures_for_article

    return article.with_analysis(figures_for_article(article), entities_for_article(article))
