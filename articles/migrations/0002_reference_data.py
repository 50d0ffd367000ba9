"""Load regions (GB/T 2260), topics and indicators so a migrated database is ready to ingest.

Later fixture changes are applied with ``manage.py load_reference_data`` (same upsert).
"""

from django.db import migrations


def load(apps, schema_editor):
    from articles.reference import sync_reference_data

    sync_reference_data(apps, using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [("articles", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
