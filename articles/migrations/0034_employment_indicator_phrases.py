"""The registered urban unemployment rate (城镇登记失业率) as an indicator of its own, and
the common phrasings of two employment indicators, for databases migrated before
``fixtures/indicators.json`` listed them. Real county reports write 新增城镇就业2949人 (the
catalogue knew only 新增就业 and 城镇新增就业), 转移农村劳动力2935人 and 输转城乡劳动力
9.28万人 (it knew 转移就业 and 劳动力转移), and 登记失业率3.5%, which no indicator took;
and 人口出生率8.56‰ was filed as the natural growth rate (its phrase 出生率 is taken off).

The new row is the fixture's (``manage.py load_reference_data`` writes the same;
tests/test_real_text_cases.py checks they agree). A slug already in the database is left as
it is; phrases missing from an existing row are appended to it (and 出生率 taken off), unless an editor changed the
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
        "phrases": ["城镇登记失业率", "登记失业率", "失业登记率"],
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
    # 全年造林面积19800亩 was filed as farmland (面积 and 造林 tied)
    "afforestation-area": ["造林面积"],
    # 城镇最低生活保障2190人: the people covered
    "subsistence-allowance-recipients": ["最低生活保障"],
    # 为劳动者追回欠薪2230余万元 was filed as overpaid benefits recovered (欠薪 and 追回 tied)
    "wage-arrears-recovered": ["追回欠薪"],
}
#: {slug: phrases taken off an existing row}: 出生率 (the birth rate) is no natural growth
#: rate; a real county bulletin's 人口出生率8.56‰ was filed as one.
REMOVED_PHRASES = {"natural-population-growth-rate": ["出生率"]}


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
    slugs = {*ADDED_PHRASES, *REMOVED_PHRASES}
    for indicator in Indicator.objects.using(db).filter(slug__in=slugs, edited_by_hand=False):
        old = list(indicator.phrases or [])
        removed = REMOVED_PHRASES.get(indicator.slug, [])
        phrases = [p for p in old if p not in removed]
        phrases += [p for p in ADDED_PHRASES.get(indicator.slug, []) if p not in phrases]
        if phrases != old:
            indicator.phrases = phrases
            indicator.save(using=db, update_fields=["phrases"])


class Migration(migrations.Migration):
    dependencies = [("articles", "0033_search_year_publication")]

    operations = [migrations.RunPython(add_indicators, migrations.RunPython.noop)]
