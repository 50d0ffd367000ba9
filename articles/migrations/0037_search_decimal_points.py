"""The search index holds a decimal point between digits as part of its number's run
(``search.DECIMAL``) and full-width digits and letters as ASCII (``search.FULL_WIDTH``):
``q=5.1万`` found articles with 15万, or with a 5 and a 1万 apart, since the point split
the number into two runs, and never ``５．１万``. Every article is indexed again by the
current code (``search.index_articles``, both databases; about the time of
``manage.py reindex_search``). Backwards: nothing (``reindex_search`` rebuilds the
index for the older code).
"""

from django.db import migrations


def forward(apps, schema_editor):
    from articles.search import index_articles

    index_articles()


class Migration(migrations.Migration):
    dependencies = [("articles", "0036_region_zone_english_names")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop, elidable=True)]
