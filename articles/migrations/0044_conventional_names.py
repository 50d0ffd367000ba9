"""Region.name_en: re-derive the English names ``articles.names`` now writes differently,
so databases migrated before match ``reference.sync_reference_data``: the conventional
names of ``EXONYMS`` added (哈尔滨市 -> Harbin City, not Ha'erbin City; 齐齐哈尔市 ->
Qiqihar City; the leagues and cities of Inner Mongolia, Xinjiang and Tibet) and ü where
pypinyin writes v (吕梁市 -> Lüliang City). The region triggers (migration 0042) copy each
new name onto the compare winners and the search columns."""

from django.db import migrations

from ._english_names import rederive


def rename(apps, schema_editor):
    from articles.names import EXONYMS

    rederive(
        apps,
        schema_editor,
        lambda r: "v" in r.name_en or any(stem in r.name for stem in EXONYMS),
    )


class Migration(migrations.Migration):
    dependencies = [("articles", "0043_region_code_corrections")]

    operations = [migrations.RunPython(rename, migrations.RunPython.noop)]
