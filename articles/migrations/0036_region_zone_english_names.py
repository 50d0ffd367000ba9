"""Region.name_en: re-derive the English names that ``articles.names`` now writes
differently, so databases migrated before match ``reference.sync_reference_data``:
functional zones by their type (``ZONE_TYPES``: 石家庄高新技术产业开发区 -> Shijiazhuang
High-tech Industrial Development Zone, not Shijiazhuanggaoxinjishuchanyekaifa District),
长 read as chang in place names (长治市 -> Changzhi City, not Zhangzhi City), 漯河市 ->
Luohe City (not Tahe), 清新区 -> Qingxin District (not Qing New Area) and 碑林区 -> Beilin
District (not Bei Forestry District)."""

from django.db import migrations


def rename(apps, schema_editor):
    from articles.names import NAMES_ENDING_LIKE_TYPES, ZONE_TYPES, english_region_name

    Region = apps.get_model("articles", "Region")
    db = schema_editor.connection.alias
    endings = (*(word for word, _ in ZONE_TYPES), *NAMES_ENDING_LIKE_TYPES)
    changed = []
    for region in Region.objects.using(db).only("pk", "name", "short_name", "level", "name_en"):
        if not ("长" in region.name or "漯" in region.name or region.name.endswith(endings)):
            continue
        name_en = english_region_name(region.name, region.short_name, region.level)
        if name_en != region.name_en:
            region.name_en = name_en
            changed.append(region)
    Region.objects.using(db).bulk_update(changed, ["name_en"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("articles", "0035_census_matched_to_gazetteer")]

    operations = [migrations.RunPython(rename, migrations.RunPython.noop)]
