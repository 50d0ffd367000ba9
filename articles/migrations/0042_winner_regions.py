"""``CompareWinner``'s region columns (``adcode`` … ``grandparent_name_en``): the
region's gazetteer columns and its parent's and grandparent's names, copied onto each row
so compare's default read joins no region (issue 9.3: the three joins of the gazetteer
were 14 of PostgreSQL's 24 ms for a county compare of 2,700 rows, 9 of SQLite's 17).

Filled here in one statement (``FILL_REGIONS``, a copy of ``compare_winners.FILL_REGIONS``
as it stood when this migration was written: a migration must not change when the live
code does), then kept in step:
``articles.compare_winners`` fills each row it writes, and a trigger on
``articles_region`` copies a change of a region's adcode, name, English name, level or
parent onto the rows of the region, its children and their children (whose parent's or
grandparent's name it is), whoever writes (the admin, ``load_reference_data``,
``QuerySet.update``, raw SQL). It fires only on a real change (``WHEN``).

The index ``comparewinner_adcode`` (indicator, adcode) reads one indicator's rows in
adcode order (compare per resident and the change view sort them so) and inside a
region (``adcode BETWEEN``) without reading the other regions' rows.
"""

from importlib import import_module

from django.db import migrations, models


#: Each region column of a row and where it comes from: the row's region ``r``, its
#: parent ``p``, its grandparent ``g``.
_FROM = {
    "r": "articles_region r",
    "p": "articles_region r JOIN articles_region p ON p.id = r.parent_id",
    "g": (
        "articles_region r JOIN articles_region p ON p.id = r.parent_id "
        "JOIN articles_region g ON g.id = p.parent_id"
    ),
}
_SOURCES = {
    "adcode": ("r", "adcode"),
    "level": ("r", "level"),
    "region_name": ("r", "name"),
    "region_name_en": ("r", "name_en"),
    "parent_name": ("p", "name"),
    "parent_name_en": ("p", "name_en"),
    "grandparent_name": ("g", "name"),
    "grandparent_name_en": ("g", "name_en"),
}
#: ``UPDATE`` of the region columns of the rows ``{where}`` selects.
FILL_REGIONS = (
    "UPDATE articles_comparewinner SET "
    + ", ".join(
        f"{column} = (SELECT {alias}.{source} FROM {_FROM[alias]} "
        "WHERE r.id = articles_comparewinner.region_id)"
        for column, (alias, source) in _SOURCES.items()
    )
    + " WHERE {where}"
)
#: The region, its children and its children's children: the rows that name it.
BELOW = (
    "region_id IN (SELECT id FROM articles_region WHERE id = NEW.id OR parent_id = NEW.id "
    "OR parent_id IN (SELECT id FROM articles_region WHERE parent_id = NEW.id))"
)
ON_REGION = FILL_REGIONS.format(where=BELOW)
COLUMNS = ("adcode", "name", "name_en", "level", "parent_id")
SQLITE = [
    f"""CREATE TRIGGER articles_comparewinner_region AFTER UPDATE OF {", ".join(COLUMNS)}
    ON articles_region WHEN {" OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in COLUMNS)}
    BEGIN {ON_REGION}; END""",
]
POSTGRESQL = [
    f"""CREATE FUNCTION articles_comparewinner_region() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    {ON_REGION};
    RETURN NULL;
END $$""",
    f"CREATE TRIGGER articles_comparewinner_region AFTER UPDATE OF {', '.join(COLUMNS)} "
    "ON articles_region FOR EACH ROW WHEN ("
    + " OR ".join(f"OLD.{c} IS DISTINCT FROM NEW.{c}" for c in COLUMNS)
    + ") EXECUTE FUNCTION articles_comparewinner_region()",
]
BACKWARD = {
    "sqlite": ["DROP TRIGGER IF EXISTS articles_comparewinner_region"],
    "postgresql": [
        "DROP TRIGGER IF EXISTS articles_comparewinner_region ON articles_region",
        "DROP FUNCTION IF EXISTS articles_comparewinner_region()",
    ],
}


#: Migration 0030's triggers, whose bodies name ``articles_comparewinner``: SQLite adds a
#: column that is not NULL by copying the table to a new one, and refuses to rename it
#: while a trigger names the old one, so they are dropped before and made again after.
PUBLICATION_TRIGGERS = import_module("articles.migrations.0030_comparewinner_publication")


def drop_publication_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for sql in PUBLICATION_TRIGGERS.BACKWARD["sqlite"]:
            schema_editor.execute(sql)


def make_publication_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for sql in PUBLICATION_TRIGGERS.SQLITE:
            schema_editor.execute(sql)


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor not in BACKWARD:
        raise RuntimeError(f"no compare winners' region names for the {vendor} database")
    make_publication_triggers(apps, schema_editor)
    schema_editor.execute(FILL_REGIONS.format(where="1 = 1"))
    for sql in SQLITE if vendor == "sqlite" else POSTGRESQL:
        schema_editor.execute(sql)


def backward(apps, schema_editor):
    for sql in BACKWARD.get(schema_editor.connection.vendor, []):
        schema_editor.execute(sql)
    drop_publication_triggers(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0041_search_columns_first"),
    ]

    operations = [
        migrations.RunPython(drop_publication_triggers, make_publication_triggers),
        migrations.AddField(
            model_name="comparewinner",
            name="adcode",
            field=models.CharField(blank=True, db_default="", max_length=6),
        ),
        migrations.AddField(
            model_name="comparewinner",
            name="grandparent_name",
            field=models.CharField(blank=True, max_length=64, null=True),
        ),
        migrations.AddField(
            model_name="comparewinner",
            name="grandparent_name_en",
            field=models.CharField(blank=True, max_length=128, null=True),
        ),
        migrations.AddField(
            model_name="comparewinner",
            name="level",
            field=models.CharField(blank=True, db_default="", max_length=10),
        ),
        migrations.AddField(
            model_name="comparewinner",
            name="parent_name",
            field=models.CharField(blank=True, max_length=64, null=True),
        ),
        migrations.AddField(
            model_name="comparewinner",
            name="parent_name_en",
            field=models.CharField(blank=True, max_length=128, null=True),
        ),
        migrations.AddField(
            model_name="comparewinner",
            name="region_name",
            field=models.CharField(blank=True, db_default="", max_length=64),
        ),
        migrations.AddField(
            model_name="comparewinner",
            name="region_name_en",
            field=models.CharField(blank=True, db_default="", max_length=128),
        ),
        migrations.AddIndex(
            model_name="comparewinner",
            index=models.Index(fields=["indicator", "adcode"], name="comparewinner_adcode"),
        ),
        migrations.RunPython(forward, backward),
    ]
