import django.db.models.deletion
from django.db import migrations, models


def fill(apps, schema_editor):
    from articles.aggregates import rebuild_coverage

    rebuild_coverage(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("articles", "0018_metric_region_status")]

    operations = [
        migrations.CreateModel(
            name="IndicatorCoverage",
            fields=[
                (
                    "indicator",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="coverage",
                        serialize=False,
                        to="articles.indicator",
                    ),
                ),
                ("regions", models.PositiveIntegerField(default=0)),
                ("metrics", models.PositiveIntegerField(default=0)),
            ],
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
