"""The search index reads a search page in one statement (``articles.search_listing``).

- SQLite: an index ``article_search_keys`` on the article's id and the columns the list's
  facets and order read, so a statement joining the FTS5 matches to the articles reads
  those columns from this narrow index, not from rows that carry the bodies (4x slower).
- PostgreSQL: ``articles_search`` holds windows (``search.windows``) instead of bigrams,
  so a run of up to four characters is found on the GIN index with no recheck, and
  copies of those columns (``search.PG_KEYS``), so facets and order are read from it
  alone; a trigger copies every later change of them (``QuerySet.update``, a deleted
  topic's ``SET NULL``). Every row is rewritten from the articles.
"""

from importlib import import_module

from django.db import migrations

SQLITE = [
    "CREATE INDEX article_search_keys ON articles_article "
    "(id, region_id, topic_id, kind, published, page_id)",
]
POSTGRESQL_BEFORE = [
    "DROP INDEX IF EXISTS articles_search_title",
    "DROP INDEX IF EXISTS articles_search_body",
    "TRUNCATE articles_search",
    "ALTER TABLE articles_search ADD COLUMN region_id bigint NULL, "
    "ADD COLUMN topic_id bigint NULL, ADD COLUMN kind varchar(10) NOT NULL DEFAULT '', "
    "ADD COLUMN published date NULL, ADD COLUMN page_id bigint NULL",
    """CREATE FUNCTION articles_search_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE articles_search SET region_id = NEW.region_id, topic_id = NEW.topic_id,
        kind = NEW.kind, published = NEW.published, page_id = NEW.page_id
    WHERE article_id = NEW.id;
    RETURN NULL;
END $$""",
    "CREATE TRIGGER articles_search_follow AFTER UPDATE OF region_id, topic_id, kind, "
    "published, page_id ON articles_article FOR EACH ROW WHEN ((OLD.region_id, "
    "OLD.topic_id, OLD.kind, OLD.published, OLD.page_id) IS DISTINCT FROM (NEW.region_id, "
    "NEW.topic_id, NEW.kind, NEW.published, NEW.page_id)) "
    "EXECUTE FUNCTION articles_search_follow()",
]
POSTGRESQL_AFTER = [
    "CREATE INDEX articles_search_title ON articles_search USING gin (title)",
    "CREATE INDEX articles_search_body ON articles_search USING gin (body)",
    "ANALYZE articles_search",
]


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for sql in SQLITE:
            schema_editor.execute(sql)
        return
    if vendor != "postgresql":
        raise RuntimeError(f"no search index for the {vendor} database")
    for sql in POSTGRESQL_BEFORE:
        schema_editor.execute(sql)
    from articles.search import index_rows

    rows = apps.get_model("articles", "Article").objects.values_list(
        "pk", "title_prefix", "title", "subtitle", "body"
    )
    batch = []
    for row in rows.iterator(chunk_size=2000):
        batch.append(row)
        if len(batch) == 2000:
            index_rows(batch)
            batch = []
    index_rows(batch)
    for sql in POSTGRESQL_AFTER:
        schema_editor.execute(sql)


def backward(apps, schema_editor):
    """Back to migration 0010's index: no copied columns, no trigger, bigram vectors."""
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute("DROP INDEX IF EXISTS article_search_keys")
        return
    for sql in (
        "DROP TRIGGER IF EXISTS articles_search_follow ON articles_article",
        "DROP FUNCTION IF EXISTS articles_search_follow()",
        "DROP INDEX IF EXISTS articles_search_title",
        "DROP INDEX IF EXISTS articles_search_body",
        "TRUNCATE articles_search",
        "ALTER TABLE articles_search DROP COLUMN region_id, DROP COLUMN topic_id, "
        "DROP COLUMN kind, DROP COLUMN published, DROP COLUMN page_id",
    ):
        schema_editor.execute(sql)
    rows = apps.get_model("articles", "Article").objects.values_list(
        "pk", "title_prefix", "title", "subtitle", "body"
    )
    search_index = import_module("articles.migrations.0010_search_index")
    search_index.fill_bigrams(schema_editor.connection, rows.iterator(chunk_size=2000))
    for sql in POSTGRESQL_AFTER:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("articles", "0022_article_counts")]
    operations = [migrations.RunPython(forward, backward)]
