"""Load the grown indicator catalogue (kinds, 153 indicators) and the 莱芜市 former name
into databases migrated before them; rows edited in the admin are left alone."""

from django.db import migrations


def sync(apps, schema_editor):
    from articles.reference import sync_reference_data

    sync_reference_data(apps, using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [("articles", "0006_indicator_kind_parts_edited_by_hand")]

    operations = [migrations.RunPython(sync, migrations.RunPython.noop)]
