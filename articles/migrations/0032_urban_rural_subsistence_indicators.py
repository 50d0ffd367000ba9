"""The urban and rural minimum living allowance standards (城市低保标准, 农村低保标准 per
month and per year) and the extreme-poverty support standard (特困人员基本生活标准) as
indicators of their own, for databases migrated before ``fixtures/indicators.json`` listed
them: a report's 城市低保标准…780元，农村低保标准…6000元 was filed under the one 城乡低保标准
and compare mixed urban, rural, monthly and yearly values. The rows are those of the
fixture (``manage.py load_reference_data`` writes the same; tests/test_subsistence_standards.py
checks they agree). A slug already in the database is left as it is."""

from django.db import migrations

ROWS = [
    {
        "slug": "urban-subsistence-allowance-monthly",
        "name_zh": "城市低保标准",
        "name_en": "Urban minimum living allowance (monthly)",
        "unit": "元/人/月",
        "kind": "level",
        "topic": ["social-security"],
        "phrases": [
            "城市低保标准",
            "城镇低保标准",
            "城市居民低保标准",
            "城镇居民低保标准",
            "城市居民最低生活保障标准",
            "城镇居民最低生活保障标准",
            "城市最低生活保障标准",
            "城镇最低生活保障标准",
            "城市居民最低生活保障",
            "城镇居民最低生活保障",
            "城市低保",
            "城镇低保",
        ],
        "description": "",
    },
    {
        "slug": "rural-subsistence-allowance-monthly",
        "name_zh": "农村低保标准",
        "name_en": "Rural minimum living allowance (monthly)",
        "unit": "元/人/月",
        "kind": "level",
        "topic": ["social-security"],
        "phrases": [
            "农村低保标准",
            "农村居民低保标准",
            "农村居民最低生活保障标准",
            "农村最低生活保障标准",
            "农村居民最低生活保障",
            "农村低保",
        ],
        "description": "",
    },
    {
        "slug": "rural-subsistence-allowance-yearly",
        "name_zh": "农村低保年标准",
        "name_en": "Rural minimum living allowance (yearly)",
        "unit": "元/人/年",
        "kind": "level",
        "topic": ["social-security"],
        "phrases": [
            "农村低保年标准",
            "农村低保年保障标准",
            "农村低保标准",
            "农村居民低保标准",
            "农村居民最低生活保障标准",
            "农村最低生活保障标准",
            "农村居民最低生活保障",
            "农村低保",
        ],
        "description": "",
    },
    {
        "slug": "extreme-poverty-support-monthly",
        "name_zh": "特困人员基本生活标准",
        "name_en": "Basic living allowance for persons in extreme poverty (monthly)",
        "unit": "元/人/月",
        "kind": "level",
        "topic": ["social-security"],
        "phrases": [
            "特困人员基本生活标准",
            "特困人员救助供养标准",
            "特困人员供养标准",
            "特困供养标准",
            "特困人员",
        ],
        "description": "",
    },
]


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


class Migration(migrations.Migration):
    dependencies = [("articles", "0031_metric_fewer_indexes")]

    operations = [migrations.RunPython(add_indicators, migrations.RunPython.noop)]
