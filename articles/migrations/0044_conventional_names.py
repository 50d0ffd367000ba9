"""Region.name_en: re-derive the English names ``articles.names`` now writes differently,
so databases migrated before match ``reference.sync_reference_data``: the conventional
names of ``EXONYMS`` added (哈尔滨市 -> Harbin City, not Ha'erbin City; 齐齐哈尔市 ->
Qiqihar City; the leagues and cities of Inner Mongolia, Xinjiang and Tibet) and ü where
pypinyin writes v (吕梁市 -> Lüliang City). The region triggers (migration 0042) copy each
new name onto the compare winners and the search columns."""

from django.db import migrations


def rename(apps, schema_editor):
    from articles.names import EXONYMS, english_region_name

    Region = apps.get_model("articles", "Region")
    db = schema_editor.connection.alias
    changed = []
    for region in Region.objects.using(db).only("pk", "name", "short_name", "level", "name_en"):
        if not ("v" in region.name_en or any(stem in region.name for stem in EXONYMS)):
            continue
        name_en = english_region_name(region.name, region.short_name, region.level)
        if name_en != region.name_en:
            region.name_en = name_en
            changed.append(region)
    Region.objects.using(db).bulk_update(changed, ["name_en"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("articles", "0043_region_code_corrections")]

    operations = [migrations.RunPython(rename, migrations.RunPython.noop)]
