"""Store the sentence around each metric's evidence (context for tables and tooltips)."""

from django.db import migrations, models


def backfill(apps, schema_editor):
    from articles.text import sentence_span

    Metric = apps.get_model("articles", "Metric")
    rows = list(Metric.objects.select_related("article"))
    for metric in rows:
        metric.sentence_start, metric.sentence_end = sentence_span(
            metric.article.body, metric.evidence_start, metric.evidence_end
        )
    Metric.objects.bulk_update(rows, ["sentence_start", "sentence_end"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("articles", "0002_reference_data")]

    operations = [
        migrations.AddField(
            model_name="metric",
            name="sentence_start",
            field=models.PositiveIntegerField(default=0, verbose_name="所在句起点"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="metric",
            name="sentence_end",
            field=models.PositiveIntegerField(default=0, verbose_name="所在句终点"),
            preserve_default=False,
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="metric",
            constraint=models.CheckConstraint(
                condition=models.Q(sentence_start__lte=models.F("evidence_start"))
                & models.Q(sentence_end__gte=models.F("evidence_end")),
                name="metric_sentence_contains_evidence",
            ),
        ),
    ]
