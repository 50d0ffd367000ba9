"""Region.name_en: re-derive the English names of regions whose place has a conventional
exonym (``articles.names.EXONYMS``: 格尔木市 -> Golmud City, not Ge'ermu City), so databases
filled by migration 0014 match what ``reference.sync_reference_data`` now writes."""

from django.db import migrations

from ._english_names import rederive


def apply_exonyms(apps, schema_editor):
    from articles.names import EXONYMS

    rederive(apps, schema_editor, lambda r: any(place in r.name for place in EXONYMS))


class Migration(migrations.Migration):
    dependencies = [("articles", "0019_indicator_coverage")]

    operations = [migrations.RunPython(apply_exonyms, migrations.RunPython.noop)]
