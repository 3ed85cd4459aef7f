"""SearchHit: one article found by a query, where it matched and the chars that matched."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field as attribute
from typing import Literal

from ..model import Article, Entity, EntityType, Location
from ..store.listing import ArticleSummary

HitField = Literal["title", "deck", "subtitle", "entity", "body"]
HowMatched = Literal["exact", "fuzzy", "pinyin", "homophone"]


@dataclass(frozen=True, slots=True)
class SearchHit:
    """An article, its score (0..100, best first), and why it matched.

    `row` is what a list row shows of the article: the archive's listing row (the whole
    article is read only when asked for, by `article`), or the article itself when the index
    holds articles in memory. `field` says what matched (a head, a name, the body); `text` is
    that field's text and `spans` the (start, end) char ranges of it to highlight. `location`
    is where in the article to go: the matched span of a head or block, or the first mention
    of a matched name (None for a byline name, which is not in the text). `entity` is the name
    matched, if one was.
    """

    row: Article | ArticleSummary
    score: float
    field: HitField
    text: str
    spans: tuple[tuple[int, int], ...] = ()
    location: Location | None = None
    entity: Entity | None = None
    entity_type: EntityType | None = None  # set for a name hit, bylines (no Entity) included
    how: HowMatched = "exact"
    load: Callable[[], Article | None] | None = attribute(default=None, repr=False, compare=False)

    @property
    def id(self) -> str:
        return self.row.id

    @property
    def title(self) -> str:
        return self.row.title

    @property
    def article(self) -> Article:
        """The whole article (read from the archive now, for a listing row)."""
        if isinstance(self.row, Article):
            return self.row
        article = self.load() if self.load is not None else None
        if article is None:
            raise LookupError(f"article {self.row.id} is no longer in the archive")
        return article

    @property
    def block(self) -> int | None:
        """The body block that matched, for a body hit."""
        return self.location.block if self.field == "body" and self.location else None

    def to_json(self) -> dict[str, object]:
        """The `search --json` object."""
        return {
            "id": self.row.id,
            "title": self.row.title,
            "score": round(self.score, 1),
            "field": self.field,
        }
