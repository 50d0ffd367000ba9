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
    rows = apps.get_model("articles", "Article").objects.values_list(
        "pk", "title_prefix", "title", "subtitle", "body"
    )
    if vendor == "postgresql":
        # this migration's own vectors: today's ``index_rows`` writes the columns of 0021
        fill_bigrams(schema_editor.connection, rows.iterator(chunk_size=2000))
        return
    from articles.search import index_rows

    index_rows(rows.iterator())


def bigram_vector(text: str) -> str:
    """PostgreSQL's vector as this migration wrote it: bigram tokens with positions."""
    from articles.search import PG_MAX_POSITION, tokens

    positions: dict[str, list[int]] = {}
    for n, token in enumerate(tokens(text), 1):
        positions.setdefault(token, []).append(min(n, PG_MAX_POSITION))
    return " ".join(f"'{t}':{','.join(map(str, p[:256]))}" for t, p in positions.items())


def fill_bigrams(connection, rows) -> None:
    """Write this migration's PostgreSQL rows for ``(id, title_prefix, title, subtitle,
    body)`` rows (also used by migration 0021 to go back)."""
    with connection.cursor() as cursor:
        for pk, prefix, title, subtitle, body in rows:
            head = "\n".join(part for part in (prefix, title, subtitle) if part)
            cursor.execute(
                "INSERT INTO articles_search (article_id, title, body) "
                "VALUES (%s, %s::tsvector, %s::tsvector)",
                [pk, bigram_vector(head), bigram_vector(body)],
            )


def drop(apps, schema_editor):
    schema_editor.execute("DROP TABLE IF EXISTS articles_search")


class Migration(migrations.Migration):
    dependencies = [("articles", "0009_article_ordering_nulls_last")]
    operations = [migrations.RunPython(create, drop)]
