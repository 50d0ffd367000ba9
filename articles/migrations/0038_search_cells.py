"""PostgreSQL: each row of the search index carries two integers a search page groups its
matches by, in one scan (``search_listing.statement``): ``adcode`` (the article's
region's adcode; the region facet is ``adcode / 10^(6-digits)``, a region filter a range
of it) and ``cell``, a row of the new table ``articles_search_cell`` that holds the
article's topic, kind, year, first publication and the other publications that reprinted
it. Grouping by region id (3,000 groups, each joined to its adcode), by four columns
and by a join of every match to its appearances cost 45 ms for 苍 at 100,000 articles;
two integers group at the cost of one.

Every writer keeps both: the ``BEFORE INSERT OR UPDATE`` trigger of migration 0033
(replaced here) fills ``adcode`` from ``region_id`` and ``cell`` from the row's columns
and the article's ``Appearance`` rows, adding the cell when it is new (concurrent
writers of one new cell: ``ON CONFLICT``, then read again). An appearance in another
publication than the first one (a reprint) written, moved or deleted rewrites its
article's row; a page moved to another publication rewrites the rows of the articles
printed or reprinted on it (the trigger of 0033, replaced). Cells are never deleted (a
cell no row names counts nothing); adcodes are reference data (GB/T 2260), never edited.

The existing rows are filled as migration 0033 filled its columns: GIN indexes dropped,
one ``UPDATE``, then ``CLUSTER``, the indexes built and ``ANALYZE``; not atomic for the
same reason (every statement is repeatable). SQLite: nothing (``articles_search_cells``
holds the same per article).
"""

from importlib import import_module

from django.db import migrations, transaction

#: A cell's "none": 0 for no topic, no year, no first publication (ids and years are
#: never 0), so every column is NOT NULL and the unique index finds a cell by equality.
CELL = """CREATE TABLE IF NOT EXISTS articles_search_cell (
    id serial PRIMARY KEY,
    topic_id bigint NOT NULL,
    kind varchar(10) NOT NULL,
    year smallint NOT NULL,
    publication_id bigint NOT NULL,
    reprints bigint[] NOT NULL,
    UNIQUE (topic_id, kind, year, publication_id, reprints)
)"""
FILL = """CREATE OR REPLACE FUNCTION articles_search_fill() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    pubs bigint[];
    cell_id integer;
BEGIN
    NEW.year := CAST(date_part('year', NEW.published) AS smallint);
    NEW.publication_id := (SELECT sp.publication_id FROM articles_sourcepage sp
                           WHERE sp.id = NEW.page_id);
    NEW.adcode := (SELECT CAST(r.adcode AS integer) FROM articles_region r
                   WHERE r.id = NEW.region_id);
    pubs := COALESCE((
        SELECT ARRAY_AGG(DISTINCT sp.publication_id ORDER BY sp.publication_id)
        FROM articles_appearance ap JOIN articles_sourcepage sp ON sp.id = ap.page_id
        WHERE ap.article_id = NEW.article_id AND sp.publication_id IS NOT NULL
          AND sp.publication_id IS DISTINCT FROM NEW.publication_id), '{}');
    FOR attempt IN 1..2 LOOP
        SELECT c.id INTO cell_id FROM articles_search_cell c
        WHERE c.topic_id = COALESCE(NEW.topic_id, 0) AND c.kind = NEW.kind
          AND c.year = COALESCE(NEW.year, 0)
          AND c.publication_id = COALESCE(NEW.publication_id, 0) AND c.reprints = pubs;
        EXIT WHEN cell_id IS NOT NULL;
        INSERT INTO articles_search_cell (topic_id, kind, year, publication_id, reprints)
        VALUES (COALESCE(NEW.topic_id, 0), NEW.kind, COALESCE(NEW.year, 0),
                COALESCE(NEW.publication_id, 0), pubs)
        ON CONFLICT DO NOTHING RETURNING id INTO cell_id;
        EXIT WHEN cell_id IS NOT NULL;
    END LOOP;
    IF cell_id IS NULL THEN  -- only outside READ COMMITTED: the other writer's cell unseen
        RAISE EXCEPTION USING
            MESSAGE = 'articles_search_fill: no search cell for article ' || NEW.article_id;
    END IF;
    NEW.cell := cell_id;
    RETURN NEW;
END $$"""
#: A reprint (an appearance in another publication than the article's first) written,
#: moved or deleted: its article's row is rewritten, so the fill trigger reads it again.
APPEARANCE = """CREATE OR REPLACE FUNCTION articles_search_appearance() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE articles_search s SET page_id = s.page_id
        WHERE s.article_id = OLD.article_id AND s.publication_id IS DISTINCT FROM
            (SELECT sp.publication_id FROM articles_sourcepage sp WHERE sp.id = OLD.page_id);
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        UPDATE articles_search s SET page_id = s.page_id
        WHERE s.article_id = NEW.article_id AND s.publication_id IS DISTINCT FROM
            (SELECT sp.publication_id FROM articles_sourcepage sp WHERE sp.id = NEW.page_id);
    END IF;
    RETURN NULL;
END $$"""
#: A page moved to another publication: the rows of the articles printed or reprinted
#: on it (the trigger ``articles_search_page`` of migration 0033 calls it).
PAGE = """CREATE OR REPLACE FUNCTION articles_search_page() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE articles_search SET page_id = page_id
    WHERE article_id IN (SELECT a.id FROM articles_article a WHERE a.page_id = NEW.id
                         UNION SELECT ap.article_id FROM articles_appearance ap
                         WHERE ap.page_id = NEW.id);
    RETURN NULL;
END $$"""
#: In one transaction: the columns, the cells, the triggers, the existing rows filled.
FILL_ROWS = [
    "DROP INDEX IF EXISTS articles_search_doc",
    "DROP INDEX IF EXISTS articles_search_title",
    "ALTER TABLE articles_search ADD COLUMN IF NOT EXISTS adcode integer NULL, "
    "ADD COLUMN IF NOT EXISTS cell integer NULL",
    CELL,
    FILL,
    APPEARANCE,
    "DROP TRIGGER IF EXISTS articles_search_appearance ON articles_appearance",
    "CREATE TRIGGER articles_search_appearance AFTER INSERT OR UPDATE OR DELETE "
    "ON articles_appearance FOR EACH ROW EXECUTE FUNCTION articles_search_appearance()",
    PAGE,
    "UPDATE articles_search SET region_id = region_id",
]


def _migration_0033():
    return import_module("articles.migrations.0033_search_year_publication")


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with transaction.atomic(using=schema_editor.connection.alias):
        for sql in FILL_ROWS:
            schema_editor.execute(sql)
    # CLUSTER, both GIN indexes, ANALYZE: as migration 0033 after its update
    for sql in _migration_0033().REBUILD:
        schema_editor.execute(sql)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    earlier = _migration_0033()
    with transaction.atomic(using=schema_editor.connection.alias):
        for sql in [
            "DROP TRIGGER IF EXISTS articles_search_appearance ON articles_appearance",
            "DROP FUNCTION IF EXISTS articles_search_appearance()",
            "CREATE OR REPLACE " + earlier.FILL.removeprefix("CREATE "),
            "CREATE OR REPLACE " + earlier.PAGE.removeprefix("CREATE "),
            "ALTER TABLE articles_search DROP COLUMN IF EXISTS adcode, "
            "DROP COLUMN IF EXISTS cell",
            "DROP TABLE IF EXISTS articles_search_cell",
        ]:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    atomic = False
    dependencies = [("articles", "0037_search_decimal_points")]

    operations = [migrations.RunPython(forward, backward, elidable=True)]
