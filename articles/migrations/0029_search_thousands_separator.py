"""Reindex the articles whose text writes a number with thousands separators.

``search.normalize`` now drops a comma between a digit and exactly three digits
(``51,104`` -> ``51104``) on both the index and the query side, so ``?q=51,104`` and
``?q=51104`` find the article that writes ``51,104``; before, the index held the runs
``51`` and ``104``. Only the articles with such a comma in their headline or body have
other index rows now: those are rewritten (``search.index_rows``, SQLite's FTS5 table or
PostgreSQL's tsvectors), the others are left as they are.

Backward does nothing: the index follows the deployed code's ``search.normalize``
(``manage.py reindex_search`` rebuilds all of it).
"""

from django.db import migrations
from django.db.models import Q

BATCH = 2000


def forward(apps, schema_editor):
    from articles.search import THOUSANDS_COMMA, index_rows

    with_comma = Q(body__contains=",")
    for field in ("title_prefix", "title", "subtitle"):
        with_comma |= Q(**{f"{field}__contains": ","})
    rows = (
        apps.get_model("articles", "Article")
        .objects.filter(with_comma)
        .order_by("pk")
        .values_list("pk", "title_prefix", "title", "subtitle", "body")
    )
    batch = []
    for row in rows.iterator(chunk_size=BATCH):
        if any(THOUSANDS_COMMA.search(text or "") for text in row[1:]):
            batch.append(row)
        if len(batch) == BATCH:
            index_rows(batch)
            batch = []
    index_rows(batch)


class Migration(migrations.Migration):
    dependencies = [("articles", "0028_search_one_index")]
    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
