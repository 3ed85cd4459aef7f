"""The model's row codecs: every article comes back as it went in, by field name."""

from __future__ import annotations

from dataclasses import replace

from unionreader.codecs import ARTICLE_COLUMNS, SCHEMA, article_from_row, article_row
from unionreader.library import Library
from unionreader.model import Article, Block, Entity, Figure, Location


def test_every_seed_article_round_trips(warm_cache) -> None:
    for article in Library.open().articles:
        row = article_row(article)
        assert article_from_row(row, id=article.id, source=article.source) == article


def test_rows_are_named_by_the_model_fields() -> None:
    article = Article(
        id="x",
        source="page.txt",
        title="职工之家",
        deck="引题",
        blocks=(Block("lead", "顺义区总工会慰问职工600余人。"),),
        figures=(Figure("600余人", "people", "block", 0, 12, 17, 600, "over"),),
        entities=(Entity("顺义区总工会", "org", (Location("block", 0, 0, 6),)),),
    )
    row = dict(zip(ARTICLE_COLUMNS, article_row(article), strict=True))
    assert row["title"] == "职工之家" and row["deck"] == "引题"
    assert "id" not in row and "source" not in row  # the file gives those
    back = article_from_row(article_row(article), id="x", source="page.txt")
    assert back == article and back.figures[0].location == Location("block", 0, 12, 17)
    assert replace(back, id="y") != article


def test_the_schema_names_each_column() -> None:
    assert "title" in SCHEMA and "approx" in SCHEMA and "start" in SCHEMA
