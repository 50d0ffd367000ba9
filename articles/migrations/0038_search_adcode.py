"""PostgreSQL: the search index holds each article's adcode as an integer, so a search
page groups its matches by adcode prefix (``adcode / 10^(6-digits)``) in the one scan
that counts the other facets (``search_listing.statement``), and filters a region's
subtree as a range of it, instead of grouping by region id and joining 3,000 groups to
their adcodes, and a subquery of region ids.

``articles_search.adcode`` is filled by the ``BEFORE INSERT OR UPDATE`` trigger of
migration 0033 (replaced here) from the row's ``region_id``, so every writer keeps it
(``search.index_rows``, the COPY of ``search.index_new_rows``, the trigger of migration
0023 that follows an article's region). Adcodes are reference data (GB/T 2260), never
edited. The existing rows are filled as migration 0033 filled its columns: GIN indexes
dropped, one ``UPDATE``, then ``CLUSTER``, the indexes built and ``ANALYZE``; not atomic
for the same reason (every statement is repeatable). SQLite: nothing (its
``articles_search_cells`` holds the adcode already).
"""

from importlib import import_module

from django.db import migrations, transaction

FILL = """CREATE OR REPLACE FUNCTION articles_search_fill() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.year := CAST(date_part('year', NEW.published) AS smallint);
    NEW.publication_id := (SELECT sp.publication_id FROM articles_sourcepage sp
                           WHERE sp.id = NEW.page_id);
    NEW.adcode := (SELECT CAST(r.adcode AS integer) FROM articles_region r
                   WHERE r.id = NEW.region_id);
    RETURN NEW;
END $$"""
#: In one transaction: the column, its trigger, the existing rows filled.
FILL_ROWS = [
    "DROP INDEX IF EXISTS articles_search_doc",
    "DROP INDEX IF EXISTS articles_search_title",
    "ALTER TABLE articles_search ADD COLUMN IF NOT EXISTS adcode integer NULL",
    FILL,
    "UPDATE articles_search SET region_id = region_id",
]
BACKWARD = [
    import_module("articles.migrations.0033_search_year_publication").FILL.replace(
        "CREATE FUNCTION", "CREATE OR REPLACE FUNCTION", 1
    ),
    "ALTER TABLE articles_search DROP COLUMN IF EXISTS adcode",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with transaction.atomic(using=schema_editor.connection.alias):
        for sql in FILL_ROWS:
            schema_editor.execute(sql)
    # CLUSTER, both GIN indexes, ANALYZE: as migration 0033 after its update
    for sql in import_module("articles.migrations.0033_search_year_publication").REBUILD:
        schema_editor.execute(sql)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for sql in BACKWARD:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    atomic = False
    dependencies = [("articles", "0037_search_decimal_points")]

    operations = [migrations.RunPython(forward, backward, elidable=True)]
