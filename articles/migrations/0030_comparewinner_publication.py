"""``CompareWinner.publication_id``: the winning article's publication, kept with the row
so compare's default read joins no article or page (issue 9.3: the join through 2,700
articles to their pages was half the read's time on PostgreSQL, a third on SQLite).

Filled here by ranking every pair again (``compare_winners.rebuild``, which sets the
column; seconds at 1,000,000 metrics; migration 0025 leaves the table to this one), then
kept in step: ``articles.compare_winners``
sets it with each row it writes; triggers move it when a page's publication changes
(``articles_sourcepage.publication_id``) or an article moves to another page
(``articles_article.page_id``), whoever writes (ORM saves, ``QuerySet.update``, raw SQL).
Both triggers fire only on a real change (``WHEN``), so a save that rewrites every
column costs nothing more.
"""

from django.db import migrations, models

#: A page's new publication, onto the rows of the articles on that page.
ON_PAGE = (
    "UPDATE articles_comparewinner SET publication_id = NEW.publication_id "
    "WHERE article_id IN (SELECT a.id FROM articles_article a WHERE a.page_id = NEW.id)"
)
#: An article's new page: its rows take that page's publication.
ON_ARTICLE = (
    "UPDATE articles_comparewinner SET publication_id = (SELECT sp.publication_id "
    "FROM articles_sourcepage sp WHERE sp.id = NEW.page_id) WHERE article_id = NEW.id"
)
SQLITE = [
    f"""CREATE TRIGGER articles_comparewinner_page AFTER UPDATE OF publication_id
    ON articles_sourcepage WHEN OLD.publication_id IS NOT NEW.publication_id
    BEGIN {ON_PAGE}; END""",
    f"""CREATE TRIGGER articles_comparewinner_article AFTER UPDATE OF page_id
    ON articles_article WHEN OLD.page_id IS NOT NEW.page_id
    BEGIN {ON_ARTICLE}; END""",
]
POSTGRESQL = [
    f"""CREATE FUNCTION articles_comparewinner_page() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    {ON_PAGE};
    RETURN NULL;
END $$""",
    "CREATE TRIGGER articles_comparewinner_page AFTER UPDATE OF publication_id "
    "ON articles_sourcepage FOR EACH ROW "
    "WHEN (OLD.publication_id IS DISTINCT FROM NEW.publication_id) "
    "EXECUTE FUNCTION articles_comparewinner_page()",
    f"""CREATE FUNCTION articles_comparewinner_article() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    {ON_ARTICLE};
    RETURN NULL;
END $$""",
    "CREATE TRIGGER articles_comparewinner_article AFTER UPDATE OF page_id "
    "ON articles_article FOR EACH ROW WHEN (OLD.page_id IS DISTINCT FROM NEW.page_id) "
    "EXECUTE FUNCTION articles_comparewinner_article()",
]
BACKWARD = {
    "sqlite": [
        "DROP TRIGGER IF EXISTS articles_comparewinner_page",
        "DROP TRIGGER IF EXISTS articles_comparewinner_article",
    ],
    "postgresql": [
        "DROP TRIGGER IF EXISTS articles_comparewinner_page ON articles_sourcepage",
        "DROP FUNCTION IF EXISTS articles_comparewinner_page()",
        "DROP TRIGGER IF EXISTS articles_comparewinner_article ON articles_article",
        "DROP FUNCTION IF EXISTS articles_comparewinner_article()",
    ],
}


def forward(apps, schema_editor):
    from articles.compare_winners import rebuild

    vendor = schema_editor.connection.vendor
    if vendor not in BACKWARD:
        raise RuntimeError(f"no compare winners' publication for the {vendor} database")
    # the region columns come with migration 0042, which fills them
    rebuild(using=schema_editor.connection.alias, regions=False)
    for sql in SQLITE if vendor == "sqlite" else POSTGRESQL:
        schema_editor.execute(sql)


def backward(apps, schema_editor):
    for sql in BACKWARD.get(schema_editor.connection.vendor, []):
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("articles", "0029_search_thousands_separator")]

    operations = [
        migrations.AddField(
            model_name="comparewinner",
            name="publication_id",
            field=models.BigIntegerField(blank=True, null=True),
        ),
        migrations.RunPython(forward, backward),
    ]
