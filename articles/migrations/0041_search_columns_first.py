"""PostgreSQL: ``articles_search`` rebuilt with the columns a search page groups its
matches by (``adcode``, ``cell``: migration 0038) and the other fixed-width keys before
the two ``tsvector`` columns, both vectors kept out of the row, and an index in the
list's order (newest first).

A search counts its facets from ``adcode`` and ``cell`` of every match
(``search_listing.statement``): 42,000 rows for 苍 at 100,000 articles. Added last by
``ALTER TABLE``, they sat after ``title`` and ``body``, so reading them meant stepping
over both documents in each row. With them first, the scan that counts 苍's matches
took 22-29 ms instead of 31-42 (the same statement alternated on copies of the table,
2026-12-03); the bitmap index scan itself is unchanged.

The newest headline matches (``search_listing.statement``'s ``heads``: the page's first
rows) were read by fetching every headline match from the title's GIN index and sorting
them: 12,600 rows and 15 ms for 低保. With ``articles_search_newest`` (``published DESC
NULLS LAST, article_id DESC``, the list's order) the planner walks the index from the
newest and tests each title until the page is full (160 rows, 0.3 ms) when the term is
common, and keeps the GIN read when it is rare (苍's 132 headline matches). The whole
statement: 52 -> 33 ms for 低保, 31-38 -> 15-20 ms for 社会保险.

The title's vector (about 200 bytes) is kept out of the row as the body's is, with the
table's ``toast_tuple_target`` at 128 bytes: the rows the facet scan visits shrink from
about ten to about ninety a page (the table 34 -> 13 MB at 100,000 articles), and the
scan for 苍 took 13-19 ms instead of 22-30. What reads a title's vector now fetches it
from TOAST: a page's headline matches (the GIN index of titles finds them without
reading any; the walk of the first pages tests a few hundred), never every match: the
other matches and the headline flag test membership in the headline matches' ids
(``search.MatchSource.head_ids``), not each title (300 ms for 苍's 42,000 so).

PostgreSQL cannot reorder columns: a new table is filled from the old one in article
order, the old one dropped (its indexes and its fill trigger with it), the new one
renamed, its primary key and the ``articles_search_fill`` trigger of migration 0038
made again; then ``CLUSTER``, the two GIN indexes and ``ANALYZE``, as migration 0033's
``REBUILD``. The functions that write the table name it, so they find the new one.
Not atomic for the same reason as 0033 (the index builds are repeatable). Backward:
nothing to undo (the columns are the same, only their order differs). SQLite: nothing
(its index is an FTS5 table and ``articles_search_cells``).
"""

from importlib import import_module

from django.db import migrations, transaction

#: Every column, in the new order: fixed-width keys first, then the kind, then the
#: documents (types, nullability and default as migrations 0010-0038 left them).
COLUMNS = (
    ("article_id", "bigint NOT NULL"),
    ("adcode", "integer NULL"),
    ("cell", "integer NULL"),
    ("published", "date NULL"),
    ("region_id", "bigint NULL"),
    ("topic_id", "bigint NULL"),
    ("page_id", "bigint NULL"),
    ("year", "smallint NULL"),
    ("publication_id", "bigint NULL"),
    ("kind", "varchar(10) NOT NULL DEFAULT ''"),
    ("title", "tsvector NOT NULL"),
    ("body", "tsvector NOT NULL"),
)
_NAMES = ", ".join(name for name, _type in COLUMNS)
#: Bytes a row is shrunk to once it is toasted (rows with a long body): the title's
#: vector moves out of the row too (``STORAGE EXTERNAL``: out of line, uncompressed).
TOAST_TUPLE_TARGET = 128
#: In one transaction: the new table filled, swapped in, its key and trigger made.
SWAP = [
    "DROP TABLE IF EXISTS articles_search_new",
    "CREATE TABLE articles_search_new ("
    + ", ".join(f"{name} {kind}" for name, kind in COLUMNS)
    + f") WITH (toast_tuple_target = {TOAST_TUPLE_TARGET})",
    "ALTER TABLE articles_search_new ALTER COLUMN title SET STORAGE EXTERNAL",
    # the fill trigger is not on the new table: the rows are copied as they are
    f"INSERT INTO articles_search_new ({_NAMES}) "
    f"SELECT {_NAMES} FROM articles_search ORDER BY article_id",
    "DROP TABLE articles_search",
    "ALTER TABLE articles_search_new RENAME TO articles_search",
    "ALTER TABLE articles_search ADD CONSTRAINT articles_search_pkey PRIMARY KEY (article_id)",
    "CREATE TRIGGER articles_search_fill BEFORE INSERT OR UPDATE ON articles_search "
    "FOR EACH ROW EXECUTE FUNCTION articles_search_fill()",
]

#: The list's order (``search_listing._NEWEST``) as an index.
NEWEST = (
    "CREATE INDEX IF NOT EXISTS articles_search_newest ON articles_search "
    "(published DESC NULLS LAST, article_id DESC)"
)


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with transaction.atomic(using=schema_editor.connection.alias):
        for sql in SWAP:
            schema_editor.execute(sql)
    # CLUSTER, both GIN indexes, ANALYZE: as migration 0033 after its update
    for sql in import_module("articles.migrations.0033_search_year_publication").REBUILD:
        schema_editor.execute(sql)
    schema_editor.execute(NEWEST)


class Migration(migrations.Migration):
    atomic = False
    dependencies = [("articles", "0040_search_cell_codes")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop, elidable=False)]
