"""An index in the list's default order (newest first, undated last, then newest id), so
a page of 25 is read from the index instead of sorting every article (540 ms on 100,000
articles with PostgreSQL). SQLite has no NULLS LAST in an index, but its DESC already
puts NULLs last and its planner uses the index for ``DESC NULLS LAST``."""

from django.db import migrations

SQL = {
    "postgresql": 'CREATE INDEX article_default_order ON articles_article '
    '(published DESC NULLS LAST, id DESC)',
    "sqlite": "CREATE INDEX article_default_order ON articles_article (published DESC, id DESC)",
}


def create(apps, schema_editor):
    schema_editor.execute(SQL[schema_editor.connection.vendor])


def drop(apps, schema_editor):
    schema_editor.execute("DROP INDEX IF EXISTS article_default_order")


class Migration(migrations.Migration):
    dependencies = [("articles", "0012_metric_observed_coverage")]
    operations = [migrations.RunPython(create, drop)]
