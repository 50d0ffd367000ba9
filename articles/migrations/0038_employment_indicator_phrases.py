"""The registered urban unemployment rate (城镇登记失业率) as an indicator of its own, and
the common phrasings of two employment indicators, for databases migrated before
``fixtures/indicators.json`` listed them. Real county reports write 新增城镇就业2949人 (the
catalogue knew only 新增就业 and 城镇新增就业), 转移农村劳动力2935人 and 输转城乡劳动力
9.28万人 (it knew 转移就业 and 劳动力转移), and 登记失业率3.5%, which no indicator took.

The new row is the fixture's (``manage.py load_reference_data`` writes the same;
tests/test_real_text_cases.py checks they agree). A slug already in the database is left as
it is; phrases missing from an existing row are appended to it, unless an editor changed the
row by hand (``edited_by_hand``: the editor's phrases stand, as ``load_reference_data``
leaves them). Reversing removes nothing (the rows may hold metrics by then)."""

from django.db import migrations

ROWS = [
    {
        "slug": "registered-unemployment-rate",
        "name_zh": "城镇登记失业率",
        "name_en": "Registered urban unemployment rate",
        "unit": "%",
        "kind": "rate",
        "topic": ["employment"],
        "phrases": ["城镇登记失业率", "登记失业率"],
        "description": "",
    },
]

#: {slug: phrases appended to an existing row when it lacks them}
ADDED_PHRASES = {
    "new-urban-jobs": ["新增城镇就业"],
    "labor-transfer": [
        "转移农村劳动力",
        "转移城乡劳动力",
        "输转&劳动力",
        "转移&劳动力",
        "劳务输出",
    ],
}


def add_indicators(apps, schema_editor):
    Indicator = apps.get_model("articles", "Indicator")
    Topic = apps.get_model("articles", "Topic")
    db = schema_editor.connection.alias
    existing = set(Indicator.objects.using(db).values_list("slug", flat=True))
    topics = dict(Topic.objects.using(db).values_list("slug", "pk"))
    Indicator.objects.using(db).bulk_create(
        [
            Indicator(
                **{k: v for k, v in row.items() if k != "topic"},
                topic_id=topics.get(row["topic"][0]) if row["topic"] else None,
            )
            for row in ROWS
            if row["slug"] not in existing
        ]
    )
    rows = Indicator.objects.using(db).filter(slug__in=ADDED_PHRASES, edited_by_hand=False)
    for indicator in rows:
        phrases = list(indicator.phrases or [])
        missing = [p for p in ADDED_PHRASES[indicator.slug] if p not in phrases]
        if missing:
            indicator.phrases = phrases + missing
            indicator.save(using=db, update_fields=["phrases"])


class Migration(migrations.Migration):
    dependencies = [("articles", "0033_search_year_publication")]

    operations = [migrations.RunPython(add_indicators, migrations.RunPython.noop)]
