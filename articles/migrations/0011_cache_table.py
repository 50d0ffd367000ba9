"""The database cache table (``govreports_cache``) used when REDIS_URL is not set, so a
fresh database needs no separate ``createcachetable``."""

from django.core.management import call_command
from django.db import migrations


def create(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("articles", "0010_search_index")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
