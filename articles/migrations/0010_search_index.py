"""The search index (``articles/search.py``): FTS5 over bigrams on SQLite, bigram tsvectors
with GIN on PostgreSQL; filled from the articles already stored."""

from django.db import migrations

SQLITE = [
    "CREATE VIRTUAL TABLE articles_search USING fts5(title, body, tokenize='ascii')",
]
POSTGRESQL = [
    "CREATE TABLE articles_search (article_id bigint PRIMARY KEY, title tsvector NOT NULL, "
    "body tsvector NOT NULL)",
    "CREATE INDEX articles_search_title ON articles_search USING gin (title)",
    "CREATE INDEX articles_search_body ON articles_search USING gin (body)",
]


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = {"sqlite": SQLITE, "postgresql": POSTGRESQL}.get(vendor)
    if statements is None:
        raise RuntimeError(f"no search index for the {vendor} database")
    for sql in statements:
        schema_editor.execute(sql)
    from articles.search import index_rows

    rows = apps.get_model("articles", "Article").objects.values_list(
        "pk", "title_prefix", "title", "subtitle", "body"
    )
    index_rows(rows.iterator())


def drop(apps, schema_editor):
    schema_editor.execute("DROP TABLE IF EXISTS articles_search")


class Migration(migrations.Migration):
    dependencies = [("articles", "0009_article_ordering_nulls_last")]
    operations = [migrations.RunPython(create, drop)]
