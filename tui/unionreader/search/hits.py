"""SearchHit: one article found by a query, with the field and the chars that matched."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Article


@dataclass(frozen=True, slots=True)
class SearchHit:
    """An article, its score (0..100, best first), and why it matched.

    `text` is the matched field's text (the title, an entity's name, a body block) and `spans`
    the (start, end) char ranges of it to highlight; `block` indexes Article.blocks for a body
    hit; `entity_type` is person | org | place for an entity hit.
    """

    article: Article
    score: float
    field: str  # title | deck | subtitle | entity | body
    text: str
    spans: tuple[tuple[int, int], ...] = ()
    block: int | None = None
    entity_type: str | None = None
    how: str = "exact"  # exact | fuzzy | pinyin | homophone

    def to_json(self) -> dict[str, object]:
        """The `search --json` object."""
        return {
            "id": self.article.id,
            "title": self.article.title,
            "score": round(self.score, 1),
            "field": self.field,
        }
