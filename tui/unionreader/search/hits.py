"""SearchHit: one article found by a query, where it matched and the chars that matched."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..model import Article, Entity, EntityType, Location

HitField = Literal["title", "deck", "subtitle", "entity", "body"]
HowMatched = Literal["exact", "fuzzy", "pinyin", "homophone"]


@dataclass(frozen=True, slots=True)
class SearchHit:
    """An article, its score (0..100, best first), and why it matched.

    `field` says what matched (a head, a name, the body); `text` is that field's text and
    `spans` the (start, end) char ranges of it to highlight. `location` is where in the article
    to go: the matched span of a head or block, or the first mention of a matched name (None
    for a byline name, which is not in the text). `entity` is the name matched, if one was.
    """

    article: Article
    score: float
    field: HitField
    text: str
    spans: tuple[tuple[int, int], ...] = ()
    location: Location | None = None
    entity: Entity | None = None
    entity_type: EntityType | None = None  # set for a name hit, bylines (no Entity) included
    how: HowMatched = "exact"

    @property
    def block(self) -> int | None:
        """The body block that matched, for a body hit."""
        return self.location.block if self.field == "body" and self.location else None

    def to_json(self) -> dict[str, object]:
        """The `search --json` object."""
        return {
            "id": self.article.id,
            "title": self.article.title,
            "score": round(self.score, 1),
            "field": self.field,
        }
