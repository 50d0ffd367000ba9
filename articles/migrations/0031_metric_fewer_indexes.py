"""Three indexes of ``articles_metric`` that a longer index starts with are dropped: the
foreign keys' own indexes on ``region_id`` (``metric_region_status`` starts with it) and
on ``indicator_id`` (``metric_indicator_region``), and the partial index
``metric_observed_coverage`` (indicator, region of observed metrics:
``metric_observed_ranked`` starts with the same columns under the same condition).

Every index is written by every metric insert: an ingest wrote 8 per metric row, about
90 rows a page (issue 8.5). Every read that used them (region pages and their exports,
the admin's indicator filter and a region's or indicator's delete, the review queue's
indicator filter) has the same plan on the longer index, on SQLite and PostgreSQL at
100,000 articles; no read chose ``metric_observed_coverage`` on either.

Done by dropping the indexes by name (looked up by column, as Django's own
``AlterField`` does) while the migration state records ``db_index=False``: on SQLite an
``AlterField`` remakes the table, copying every metric and dropping the region-count
triggers of migration 0026 with the old table.
"""

from django.db import migrations, models


def _single_column_indexes(schema_editor, model, column: str) -> list[str]:
    """Names of the plain indexes on ``column`` alone (not unique, not a key)."""
    return schema_editor._constraint_names(
        model, [column], index=True, unique=False, primary_key=False, type_=models.Index.suffix
    )


def drop_fk_indexes(apps, schema_editor):
    """Drop the indexes of ``region_id`` and ``indicator_id`` alone."""
    metric = apps.get_model("articles", "Metric")
    for column in ("region_id", "indicator_id"):
        for name in _single_column_indexes(schema_editor, metric, column):
            schema_editor.execute(schema_editor._delete_index_sql(metric, name))


def create_fk_indexes(apps, schema_editor):
    """The way back: the indexes ``db_index=True`` gives both foreign keys."""
    metric = apps.get_model("articles", "Metric")
    for name in ("region", "indicator"):
        field = metric._meta.get_field(name)
        schema_editor.execute(schema_editor._create_index_sql(metric, fields=[field]))


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0030_comparewinner_publication"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="metric",
            name="metric_observed_coverage",
        ),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="metric",
                    name="indicator",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=models.deletion.SET_NULL,
                        related_name="metrics",
                        to="articles.indicator",
                        verbose_name="指标",
                    ),
                ),
                migrations.AlterField(
                    model_name="metric",
                    name="region",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=models.deletion.PROTECT,
                        related_name="metrics",
                        to="articles.region",
                        verbose_name="地区",
                    ),
                ),
            ],
            database_operations=[
                migrations.RunPython(drop_fk_indexes, create_fk_indexes, elidable=False),
            ],
        ),
    ]
