"""The model to and from flat rows: each record's columns named by its dataclass fields."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields
from typing import Any

from .model import Article, Block, Entity, Figure, Location

Row = tuple[Any, ...]

# Column names, in row order, read off the dataclasses: a field added, removed or renamed in the
# model changes SCHEMA, which is part of every cache key, so rows of another layout are never
# decoded as this one.
BLOCK_COLUMNS = tuple(f.name for f in fields(Block))
FIGURE_COLUMNS = tuple(f.name for f in fields(Figure))
LOCATION_COLUMNS = tuple(f.name for f in fields(Location))
ARTICLE_COLUMNS = tuple(f.name for f in fields(Article) if f.name not in ("id", "source"))
SCHEMA = "|".join(
    ",".join(cols) for cols in (ARTICLE_COLUMNS, BLOCK_COLUMNS, FIGURE_COLUMNS, LOCATION_COLUMNS)
)


def block_row(block: Block) -> Row:
    return tuple(getattr(block, c) for c in BLOCK_COLUMNS)


def block_from_row(row: Row) -> Block:
    return Block(**dict(zip(BLOCK_COLUMNS, row, strict=True)))


def figure_row(figure: Figure) -> Row:
    return tuple(getattr(figure, c) for c in FIGURE_COLUMNS)


def figure_from_row(row: Row) -> Figure:
    return Figure(**dict(zip(FIGURE_COLUMNS, row, strict=True)))


def location_row(where: Location) -> Row:
    return tuple(getattr(where, c) for c in LOCATION_COLUMNS)


def location_from_row(row: Row) -> Location:
    return Location(**dict(zip(LOCATION_COLUMNS, row, strict=True)))


def entity_row(entity: Entity) -> Row:
    return (entity.text, entity.type, tuple(location_row(m) for m in entity.mentions))


def entity_from_row(row: Row) -> Entity:
    text, kind, mentions = row
    return Entity(text=text, type=kind, mentions=tuple(location_from_row(m) for m in mentions))


_NESTED: dict[str, tuple[Callable[[Any], Row], Callable[[Row], Any]]] = {
    "blocks": (block_row, block_from_row),
    "figures": (figure_row, figure_from_row),
    "entities": (entity_row, entity_from_row),
}


def article_row(article: Article) -> Row:
    """An article without its id and source (which its file gives) as one row of columns."""
    row = []
    for column in ARTICLE_COLUMNS:
        value = getattr(article, column)
        if column in _NESTED:
            encode = _NESTED[column][0]
            value = tuple(encode(item) for item in value)
        row.append(value)
    return tuple(row)


def article_from_row(row: Row, *, id: str = "", source: str = "") -> Article:
    """The article a row holds; id and source come from the file it was read from."""
    values: dict[str, Any] = {}
    for column, value in zip(ARTICLE_COLUMNS, row, strict=True):
        if column in _NESTED:
            decode = _NESTED[column][1]
            value = tuple(decode(item) for item in value)
        elif isinstance(value, list):
            value = tuple(value)
        values[column] = value
    return Article(id=id, source=source, **values)
