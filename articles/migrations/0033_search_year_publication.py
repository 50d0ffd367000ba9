"""PostgreSQL: the search index also holds each article's year and first publication,
so a search page counts topic, kind, year and first printings in one GROUP BY over its
matches (``search_listing.statement``) instead of four (the year from the date of
each group, the publication through a join of every match to its page).

``articles_search`` gets ``year`` (of ``published``) and ``publication_id`` (of the
article's page), both filled by a ``BEFORE INSERT OR UPDATE`` trigger from the row's
``published`` and ``page_id``, so every writer keeps them: ``search.index_rows``
(unchanged), the trigger of migration 0023 that follows the article's columns, and a new
trigger that follows a page's new publication (``QuerySet.update``, the admin).

The existing rows are filled by an ``UPDATE`` with the GIN indexes dropped (rewriting
them for every row cost more than building them again), then the table is rewritten
(``CLUSTER``: the update left a dead copy of each row, and a search page reads the
table's pages) and the indexes are built. The migration is not atomic: ``CLUSTER`` in
the transaction of the ``UPDATE`` keeps the dead copies (their deleting transaction is
still in progress). The columns, triggers and filled rows commit together first; a run
stopped after that leaves a correct but larger table, and the indexes missing until the
migration is run again (every statement is repeatable). SQLite: nothing (its
``articles_search_cells``, migration 0027, already holds both).
"""

from django.db import migrations, transaction

FILL = """CREATE FUNCTION articles_search_fill() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.year := CAST(date_part('year', NEW.published) AS smallint);
    NEW.publication_id := (SELECT sp.publication_id FROM articles_sourcepage sp
                           WHERE sp.id = NEW.page_id);
    RETURN NEW;
END $$"""
PAGE = """CREATE FUNCTION articles_search_page() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE articles_search SET publication_id = NEW.publication_id
    WHERE article_id IN (SELECT a.id FROM articles_article a WHERE a.page_id = NEW.id);
    RETURN NULL;
END $$"""
#: In one transaction: the columns, their triggers, the existing rows filled.
FILL_ROWS = [
    "DROP INDEX IF EXISTS articles_search_doc",
    "DROP INDEX IF EXISTS articles_search_title",
    "ALTER TABLE articles_search ADD COLUMN IF NOT EXISTS year smallint NULL, "
    "ADD COLUMN IF NOT EXISTS publication_id bigint NULL",
    "CREATE OR REPLACE " + FILL.removeprefix("CREATE "),
    "DROP TRIGGER IF EXISTS articles_search_fill ON articles_search",
    "CREATE TRIGGER articles_search_fill BEFORE INSERT OR UPDATE ON articles_search "
    "FOR EACH ROW EXECUTE FUNCTION articles_search_fill()",
    "CREATE OR REPLACE " + PAGE.removeprefix("CREATE "),
    "DROP TRIGGER IF EXISTS articles_search_page ON articles_sourcepage",
    "CREATE TRIGGER articles_search_page AFTER UPDATE OF publication_id ON articles_sourcepage "
    "FOR EACH ROW WHEN (OLD.publication_id IS DISTINCT FROM NEW.publication_id) "
    "EXECUTE FUNCTION articles_search_page()",
    "UPDATE articles_search SET page_id = page_id",
]
#: Each in its own transaction, after those committed.
REBUILD = [
    "CLUSTER articles_search USING articles_search_pkey",
    "CREATE INDEX IF NOT EXISTS articles_search_doc ON articles_search "
    "USING gin ((title || body))",
    "CREATE INDEX IF NOT EXISTS articles_search_title ON articles_search USING gin (title)",
    "ANALYZE articles_search",
]
BACKWARD = [
    "DROP TRIGGER IF EXISTS articles_search_page ON articles_sourcepage",
    "DROP FUNCTION IF EXISTS articles_search_page()",
    "DROP TRIGGER IF EXISTS articles_search_fill ON articles_search",
    "DROP FUNCTION IF EXISTS articles_search_fill()",
    "ALTER TABLE articles_search DROP COLUMN year, DROP COLUMN publication_id",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with transaction.atomic(using=schema_editor.connection.alias):
        for sql in FILL_ROWS:
            schema_editor.execute(sql)
    for sql in REBUILD:
        schema_editor.execute(sql)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        with transaction.atomic(using=schema_editor.connection.alias):
            for sql in BACKWARD:
                schema_editor.execute(sql)


class Migration(migrations.Migration):
    atomic = False
    dependencies = [("articles", "0032_urban_rural_subsistence_indicators")]
    operations = [migrations.RunPython(forward, backward)]
