"""Region.name_en: the English name (pinyin plus the type of division, ``articles.names``),
filled here for every region once, so no page calls pypinyin (issue 10.8)."""

from django.db import migrations, models


def fill_english_names(apps, schema_editor):
    from articles.names import english_region_name

    Region = apps.get_model("articles", "Region")
    db = schema_editor.connection.alias
    regions = list(Region.objects.using(db).only("pk", "name", "short_name", "level"))
    for region in regions:
        region.name_en = english_region_name(region.name, region.short_name, region.level)
    Region.objects.using(db).bulk_update(regions, ["name_en"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("articles", "0013_article_default_order")]

    operations = [
        migrations.AddField(
            model_name="region",
            name="name_en",
            field=models.CharField(
                blank=True,
                help_text="拼音加区划类型，如 Wangcang County（articles.names）。",
                max_length=128,
                verbose_name="英文名",
            ),
        ),
        migrations.RunPython(fill_english_names, migrations.RunPython.noop),
    ]
