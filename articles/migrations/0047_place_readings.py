"""Region.name_en: re-derive the English names of places holding a character that
``articles.names`` now reads as place names read it (``PLACE_READINGS``: 策勒县 -> Cele
County, not Celei; 丰都县 -> Fengdu County, not Fengdou; 浚县 -> Xun County, not Jun) or
named in ``PLACE_OVERRIDES``/``EXONYMS`` since migration 0044 (荥经, 中牟, 六合, 洪洞,
库车 -> Kuqa), so databases migrated before match ``reference.sync_reference_data``. The
region triggers (migration 0042) copy each new name onto the compare winners and the
search columns."""

from django.db import migrations

#: The names added to ``PLACE_OVERRIDES`` and ``EXONYMS`` with this migration.
NEW_NAMES = ("荥经", "中牟", "六合", "洪洞", "库车")


def rename(apps, schema_editor):
    from articles.names import PLACE_READINGS, english_region_name

    Region = apps.get_model("articles", "Region")
    db = schema_editor.connection.alias
    marks = set(PLACE_READINGS) - {"长"}  # 长's reading came with migration 0036
    changed = []
    for region in Region.objects.using(db).only("pk", "name", "short_name", "level", "name_en"):
        if not (marks & set(region.name) or any(n in region.name for n in NEW_NAMES)):
            continue
        name_en = english_region_name(region.name, region.short_name, region.level)
        if name_en != region.name_en:
            region.name_en = name_en
            changed.append(region)
    Region.objects.using(db).bulk_update(changed, ["name_en"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("articles", "0046_oxford_spelling")]

    operations = [migrations.RunPython(rename, migrations.RunPython.noop)]
