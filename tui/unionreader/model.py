"""The reader's data model: Article, Block, Figure, Entity, Mention (frozen dataclasses)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any, Literal

# The kinds of key figure, each with its own colour in the reader.
FIGURE_KINDS: tuple[str, ...] = (
    "people",
    "money",
    "date",
    "time",
    "duration",
    "percent",
    "quantity",
)

BlockType = Literal["lead", "subhead", "paragraph", "caption"]
ArticleKind = Literal["news", "feature", "photo", "brief"]
EntityType = Literal["person", "org", "place"]
FieldName = Literal["title", "deck", "subtitle", "block"]
_HEAD_FIELDS: tuple[FieldName, ...] = ("title", "deck", "subtitle")

ProblemKind = Literal[
    "not-a-file",  # a broken link, a device
    "unreadable-folder",
    "unreadable",
    "permission",
    "is-folder",
    "damaged-text",  # detail: the encoding its byte-order mark announced
    "binary",
    "control-bytes",
    "unknown-encoding",
    "cache-damaged",  # path: where the damaged cache was set aside
]
# How each problem reads in English (the command line's language); other front ends keep their
# own wording keyed by kind.
_PROBLEM_TEXT: dict[str, str] = {
    "not-a-file": "{path}: not a regular file or folder (broken link?), skipped",
    "unreadable-folder": "{path}: cannot read folder ({detail}), skipped",
    "unreadable": "{path}: cannot read ({detail}), skipped",
    "permission": "{path}: permission denied, skipped",
    "is-folder": "{path}: is a folder, skipped",
    "damaged-text": "{path}: damaged {detail} text, skipped",
    "binary": "{path}: binary file (contains NUL bytes), skipped",
    "control-bytes": "{path}: binary file (too many control bytes), skipped",
    "unknown-encoding": "{path}: not text in UTF-8, UTF-16, GB18030 or Big5, skipped",
    "cache-damaged": "the archive cache was damaged: moved to {path} and rebuilt from the files",
}


@dataclass(frozen=True, slots=True)
class Problem:
    """A file skipped or a cache repaired while opening: what happened, to which path.

    str() says it in English; a front end in another language words it from `kind`."""

    kind: ProblemKind
    path: str
    detail: str = ""

    def __str__(self) -> str:
        return _PROBLEM_TEXT[self.kind].format(path=self.path, detail=self.detail)


@dataclass(frozen=True, slots=True)
class Block:
    """One unit of an article body, in reading order."""

    type: BlockType
    text: str


@dataclass(frozen=True, slots=True)
class Figure:
    """A key figure: a span of text in one field of an article, with its kind and value."""

    text: str
    kind: str  # people | money | date | quantity | percent | ...
    field: FieldName
    block: int | None  # index into Article.blocks when field == "block"
    start: int
    end: int
    value: float | int | str | None = None  # dates: ISO-like strings; ranges: "10-20"
    approx: str | None = None  # over | about | under | range | None

    @property
    def location(self) -> Location:
        return Location(self.field, self.block, self.start, self.end)

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "kind": self.kind,
            "field": self.field,
            "block": self.block,
            "start": self.start,
            "end": self.end,
            "value": self.value,
            "approx": self.approx,
        }


@dataclass(frozen=True, slots=True)
class Location:
    """Where in an article: a char span of one field (a block's text when field is "block").

    Figures, entity mentions, search hits and the reader's highlights all say "where" with it.
    """

    field: FieldName
    block: int | None  # index into Article.blocks when field == "block", else None
    start: int
    end: int


# An entity's mention is nothing more than where it is named.
Mention = Location


@dataclass(frozen=True, slots=True)
class Entity:
    """A person, organisation or place named in an article, with all its mentions."""

    text: str
    type: EntityType
    mentions: tuple[Mention, ...] = ()

    @property
    def count(self) -> int:
        return len(self.mentions)

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "type": self.type, "count": self.count}


@dataclass(frozen=True, slots=True)
class Article:
    """One article as a reader sees it on the page."""

    id: str
    source: str
    title: str
    kind: ArticleKind = "news"
    kicker: str | None = None
    section: str | None = None
    deck: str | None = None
    subtitle: str | None = None
    reporters: tuple[str, ...] = ()
    correspondents: tuple[str, ...] = ()
    photographers: tuple[str, ...] = ()
    dateline: str | None = None  # place and date of a dated item: "北京12月31日"
    blocks: tuple[Block, ...] = ()
    figures: tuple[Figure, ...] = ()
    entities: tuple[Entity, ...] = ()

    def fields(self) -> Iterator[tuple[FieldName, int | None, str]]:
        """Every text of the article as (field, block, text): title, deck, subtitle, then blocks.

        Empty heads are skipped; the one walk that figures, names and the index all share.
        """
        for name in _HEAD_FIELDS:
            text = getattr(self, name)
            if text:
                yield name, None, text
        for index, block in enumerate(self.blocks):
            yield "block", index, block.text

    def text_at(self, where: Location) -> str:
        """The characters a Location points at."""
        return self.field_text(where.field, where.block)[where.start : where.end]

    def field_text(self, name: FieldName, block: int | None = None) -> str:
        """The text a span (figure, mention, search hit) refers to."""
        if name == "block":
            return self.blocks[block].text if block is not None else ""
        return getattr(self, name) or ""

    @property
    def body(self) -> str:
        return "\n".join(b.text for b in self.blocks)

    def with_analysis(self, figures: tuple[Figure, ...], entities: tuple[Entity, ...]) -> Article:
        return replace(self, figures=figures, entities=entities)

    def summary_json(self) -> dict[str, Any]:
        """The `list --json` object: everything but blocks, figures and entities."""
        return {
            "id": self.id,
            "source": self.source,
            "kicker": self.kicker,
            "section": self.section,
            "deck": self.deck,
            "title": self.title,
            "subtitle": self.subtitle,
            "kind": self.kind,
            "reporters": list(self.reporters),
            "correspondents": list(self.correspondents),
            "photographers": list(self.photographers),
            "dateline": self.dateline,
        }

    def to_json(self) -> dict[str, Any]:
        """The full `export` object of the JSON contract."""
        data = self.summary_json()
        data["blocks"] = [{"type": b.type, "text": b.text} for b in self.blocks]
        data["figures"] = [f.to_json() for f in self.figures]
        data["entities"] = [e.to_json() for e in self.entities]
        return data
