"""Region.name_en: re-derive the English names of regions whose place has a conventional
exonym (``articles.names.EXONYMS``: 格尔木市 -> Golmud City, not Ge'ermu City), so databases
filled by migration 0014 match what ``reference.sync_reference_data`` now writes."""

from django.db import migrations


def apply_exonyms(apps, schema_editor):
    from articles.names import EXONYMS, english_region_name

    Region = apps.get_model("articles", "Region")
    db = schema_editor.connection.alias
    changed = []
    for region in Region.objects.using(db).only("pk", "name", "short_name", "level", "name_en"):
        if not any(place in region.name for place in EXONYMS):
            continue
        name_en = english_region_name(region.name, region.short_name, region.level)
        if name_en != region.name_en:
            region.name_en = name_en
            changed.append(region)
    Region.objects.using(db).bulk_update(changed, ["name_en"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("articles", "0019_indicator_coverage")]

    operations = [migrations.RunPython(apply_exonyms, migrations.RunPython.noop)]
