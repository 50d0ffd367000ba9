"""The search index holds a decimal point between digits and a percent sign after one as
part of its number's run (``search.DECIMAL``, ``search.PERCENT``), full-width digits and
letters as ASCII (``search.FULL_WIDTH``), and drops the spaces PDF extraction puts
between a number and the Chinese beside it: ``q=5.1万`` found articles with 15万, or
with a 5 and a 1万 apart, since the point split the number into two runs, never
``５．１万`` nor ``5.1 万``; ``q=15%`` found 150 and 15人. Every article is indexed again
by the current code (``search.index_articles``, both databases).

PostgreSQL: the index is emptied and written again without its GIN indexes, which are
then built; the emptied table needs no ``CLUSTER`` (no dead copy of any row). At the
100,000 articles of ``generate_corpus``: 5 min 0 s, 2 min of it cutting the windows in
Python (rewritten in place without the GIN indexes, then ``CLUSTER`` and the indexes
built, as migration 0033: 6 min 5 s). All
in the migration's one transaction but the indexes; a run stopped after it leaves a
correct index without its GIN indexes until the migration runs again (every statement
is repeatable). Backwards: nothing (``manage.py reindex_search`` rebuilds the index for
the older code).
"""

from importlib import import_module

from django.db import migrations, transaction

EMPTY = [
    "DROP INDEX IF EXISTS articles_search_doc",
    "DROP INDEX IF EXISTS articles_search_title",
    "TRUNCATE articles_search",
]


def forward(apps, schema_editor):
    from articles.search import index_articles

    connection = schema_editor.connection
    with transaction.atomic(using=connection.alias):
        for sql in EMPTY if connection.vendor == "postgresql" else ["DELETE FROM articles_search"]:
            schema_editor.execute(sql)
        index_articles()
    if connection.vendor == "postgresql":
        # both GIN indexes, ANALYZE: the statements of migration 0033 after its CLUSTER
        rebuild = import_module("articles.migrations.0033_search_year_publication").REBUILD
        for sql in rebuild[1:]:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    atomic = False
    dependencies = [("articles", "0036_region_zone_english_names")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop, elidable=True)]
