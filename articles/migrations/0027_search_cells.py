"""SQLite: a narrow table of each article's list cell, so a search page counts its
facets without a GROUP BY per facet (``articles.search_listing``).

``articles_search_cells`` holds one row per article, rowid = article id: ``published``
(the list's order), ``adcode`` of its region (region facet, any prefix length),
``publication_id`` of its page (reprints) and ``cell``, the text
``topic_id|kind|year|publication_id`` ('' for a NULL part) that the topic, kind, year and
first-printing facets are counted from in Python (``group_concat`` of the matches:
about 400 instructions a match instead of a sort per facet). A rowid table: a seek by
article id costs about half the seek in the covering index ``article_search_keys`` it
replaces.

Kept in step by triggers, so every writer keeps it (ORM saves, ``QuerySet.update``, raw
SQL of ``generate_corpus``/``delete_corpus``, cascades): an article's insert, update of
a copied column and delete; a region's new adcode; a page's new publication.
``search_listing.rebuild_cells`` refills it from scratch. PostgreSQL keeps these columns
in ``articles_search`` (migration 0023): nothing to do there.
"""

from django.db import migrations

CELL = (
    "COALESCE(CAST(topic_id AS TEXT), '') || '|' || kind || '|' || "
    "COALESCE(SUBSTR(published, 1, 4), '') || '|' || COALESCE(CAST(publication_id AS TEXT), '')"
)
#: The row of article ``{a}`` (an alias or NEW) as ``SELECT`` columns.
ROW = (
    "SELECT {a}.id, {a}.published, (SELECT r.adcode FROM articles_region r "
    "WHERE r.id = {a}.region_id), {a}.topic_id, {a}.kind, (SELECT sp.publication_id "
    "FROM articles_sourcepage sp WHERE sp.id = {a}.page_id)"
)
COLUMNS = "id, published, adcode, topic_id, kind, publication_id"
FORWARD = [
    f"""CREATE TABLE articles_search_cells (
        id INTEGER PRIMARY KEY, published TEXT NULL, adcode TEXT NULL, topic_id INTEGER NULL,
        kind TEXT NOT NULL, publication_id INTEGER NULL,
        cell TEXT GENERATED ALWAYS AS ({CELL}) STORED)""",
    f"INSERT INTO articles_search_cells ({COLUMNS}) {ROW.format(a='a')} "
    "FROM articles_article a ORDER BY a.id",
    f"""CREATE TRIGGER articles_search_cells_insert AFTER INSERT ON articles_article
    BEGIN INSERT OR REPLACE INTO articles_search_cells ({COLUMNS}) {ROW.format(a="NEW")}; END""",
    f"""CREATE TRIGGER articles_search_cells_update AFTER UPDATE OF id, published, region_id,
    topic_id, kind, page_id ON articles_article
    BEGIN DELETE FROM articles_search_cells WHERE id = OLD.id;
    INSERT OR REPLACE INTO articles_search_cells ({COLUMNS}) {ROW.format(a="NEW")}; END""",
    """CREATE TRIGGER articles_search_cells_delete AFTER DELETE ON articles_article
    BEGIN DELETE FROM articles_search_cells WHERE id = OLD.id; END""",
    """CREATE TRIGGER articles_search_cells_region AFTER UPDATE OF adcode ON articles_region
    BEGIN UPDATE articles_search_cells SET adcode = NEW.adcode
    WHERE id IN (SELECT a.id FROM articles_article a WHERE a.region_id = NEW.id); END""",
    """CREATE TRIGGER articles_search_cells_page AFTER UPDATE OF publication_id
    ON articles_sourcepage
    BEGIN UPDATE articles_search_cells SET publication_id = NEW.publication_id
    WHERE id IN (SELECT a.id FROM articles_article a WHERE a.page_id = NEW.id); END""",
    "DROP INDEX IF EXISTS article_search_keys",
]
BACKWARD = [
    "DROP TRIGGER IF EXISTS articles_search_cells_insert",
    "DROP TRIGGER IF EXISTS articles_search_cells_update",
    "DROP TRIGGER IF EXISTS articles_search_cells_delete",
    "DROP TRIGGER IF EXISTS articles_search_cells_region",
    "DROP TRIGGER IF EXISTS articles_search_cells_page",
    "DROP TABLE IF EXISTS articles_search_cells",
    "CREATE INDEX article_search_keys ON articles_article "
    "(id, region_id, topic_id, kind, published, page_id)",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for sql in FORWARD:
            schema_editor.execute(sql)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for sql in BACKWARD:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("articles", "0026_region_metric_counts")]
    operations = [migrations.RunPython(forward, backward)]
