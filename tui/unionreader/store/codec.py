"""Rows of the archive database <-> the model: columns named after the model's own fields."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import fields
from typing import Any

from ..model import Article, Block, Entity, Figure, Location

# Fields held in their own tables (blocks, figures, entities) or given by the archive (id,
# source): everything else of an Article is a column of the articles table.
_OWN_TABLES = ("id", "source", "blocks", "figures", "entities")
ARTICLE_COLUMNS: tuple[str, ...] = tuple(
    f.name for f in fields(Article) if f.name not in _OWN_TABLES
)
NAME_LISTS = frozenset({"reporters", "correspondents", "photographers"})  # tuples of names
BLOCK_COLUMNS: tuple[str, ...] = tuple(f.name for f in fields(Block))
FIGURE_COLUMNS: tuple[str, ...] = tuple(f.name for f in fields(Figure))
ENTITY_COLUMNS: tuple[str, ...] = ("text", "type")  # mentions have their own table
MENTION_COLUMNS: tuple[str, ...] = tuple(f.name for f in fields(Location))
NAME_SEP = "\x1f"  # between the names of a name list (never in a name)


def quoted(columns: Iterable[str]) -> str:
    """Column names for SQL, quoted (`end` is a keyword)."""
    return ", ".join(f'"{c}"' for c in columns)


def article_row(article: Article) -> tuple[Any, ...]:
    return tuple(
        NAME_SEP.join(getattr(article, c)) if c in NAME_LISTS else getattr(article, c)
        for c in ARTICLE_COLUMNS
    )


def block_rows(article: Article) -> list[tuple[Any, ...]]:
    return [(n, b.type, b.text) for n, b in enumerate(article.blocks)]


def figure_rows(article: Article) -> list[tuple[Any, ...]]:
    return [(n, *(getattr(f, c) for c in FIGURE_COLUMNS)) for n, f in enumerate(article.figures)]


def entity_rows(article: Article) -> list[tuple[Any, ...]]:
    return [(n, e.text, e.type) for n, e in enumerate(article.entities)]


def mention_rows(article: Article) -> list[tuple[Any, ...]]:
    return [
        (n, k, m.field, m.block, m.start, m.end)
        for n, e in enumerate(article.entities)
        for k, m in enumerate(e.mentions)
    ]


def article_from_rows(
    article_id: str,
    source: str,
    row: Sequence[Any],
    blocks: Sequence[Sequence[Any]] = (),
    figures: Sequence[Sequence[Any]] = (),
    entities: Sequence[tuple[str, str, Sequence[Sequence[Any]]]] = (),
) -> Article:
    """An Article from its articles row (ARTICLE_COLUMNS), its block, figure and entity rows.

    Blocks are (type, text); figures FIGURE_COLUMNS; entities (text, type, mention rows).
    """
    values: dict[str, Any] = {}
    for column, value in zip(ARTICLE_COLUMNS, row, strict=True):
        if column in NAME_LISTS:
            value = tuple(value.split(NAME_SEP)) if value else ()
        values[column] = value
    return Article(
        id=article_id,
        source=source,
        blocks=tuple(Block(t, x) for t, x in blocks),
        figures=tuple(Figure(*f) for f in figures),
        entities=tuple(
            Entity(text, etype, tuple(Location(*m) for m in mentions))  # type: ignore[arg-type]
            for text, etype, mentions in entities
        ),
        **values,
    )
