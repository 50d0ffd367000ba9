"""Indicator.pinyin_key: each indicator's Chinese name in pinyin with tones
(``names.pinyin_key``), which SQL orders Chinese names by (a region page's indicators and
its exports) as Python orders them everywhere else; filled here for every existing row,
kept from now on by ``Indicator.save`` and ``reference.sync_reference_data``."""

from django.db import migrations, models


def fill(apps, schema_editor):
    from articles.names import pinyin_key

    Indicator = apps.get_model("articles", "Indicator")
    db = schema_editor.connection.alias
    rows = list(Indicator.objects.using(db).only("pk", "name_zh"))
    for row in rows:
        row.pinyin_key = pinyin_key(row.name_zh)
    Indicator.objects.using(db).bulk_update(rows, ["pinyin_key"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("articles", "0044_conventional_names")]

    operations = [
        migrations.AddField(
            model_name="indicator",
            name="pinyin_key",
            field=models.CharField(
                blank=True, editable=False, max_length=255, verbose_name="拼音排序键"
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
