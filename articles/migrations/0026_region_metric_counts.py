"""Metrics per region kept by triggers on the metric table (``articles.region_counts``):
the table, the triggers, then every region counted once."""

import django.db.models.deletion
from django.db import migrations, models


def forward(apps, schema_editor):
    from articles import region_counts

    region_counts.install(schema_editor.connection)
    region_counts.rebuild(schema_editor.connection)


def backward(apps, schema_editor):
    from articles import region_counts

    region_counts.uninstall(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("articles", "0025_compare_winner")]

    operations = [
        migrations.CreateModel(
            name="RegionMetricCount",
            fields=[
                (
                    "region",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to="articles.region",
                    ),
                ),
                ("shown", models.IntegerField(default=0)),
                ("reviewed", models.IntegerField(default=0)),
            ],
            options={"ordering": ["region"]},
        ),
        migrations.RunPython(forward, backward),
    ]
