"""Region.name_en: re-derive the English names that ``articles.names`` now writes
differently, so databases migrated before match ``reference.sync_reference_data``:
functional zones by their type (``ZONE_TYPES``: 石家庄高新技术产业开发区 -> Shijiazhuang
High-tech Industrial Development Zone, not Shijiazhuanggaoxinjishuchanyekaifa District),
长 read as chang in place names (长治市 -> Changzhi City, not Zhangzhi City), 漯河市 ->
Luohe City (not Tahe), 清新区 -> Qingxin District (not Qing New Area) and 碑林区 -> Beilin
District (not Bei Forestry District)."""

from django.db import migrations

from ._english_names import rederive


def rename(apps, schema_editor):
    from articles.names import NAMES_ENDING_LIKE_TYPES, ZONE_TYPES

    endings = (*(word for word, _ in ZONE_TYPES), *NAMES_ENDING_LIKE_TYPES)
    rederive(
        apps,
        schema_editor,
        lambda r: "长" in r.name or "漯" in r.name or r.name.endswith(endings),
    )


class Migration(migrations.Migration):
    dependencies = [("articles", "0035_census_matched_to_gazetteer")]

    operations = [migrations.RunPython(rename, migrations.RunPython.noop)]
