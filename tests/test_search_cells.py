"""SQLite's ``articles_search_cells`` (migration 0025, read by ``articles.search_cells``)
follows every write, compared after each with the rows computed from scratch from the
articles, their regions and pages; ``rebuild_cells`` restores a damaged table."""

from datetime import date

import pytest
from django.db import connection

from articles.models import Article, SourcePage, Topic
from articles.search_cells import rebuild_cells
from tests.factories import ArticleFactory, PublicationFactory, SourcePageFactory, region, topic
from tests.schema import SchemaEditor

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "sqlite", reason="PostgreSQL keeps these columns in its index"
    ),
]


def stored() -> dict[int, tuple]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id, published, adcode, topic_id, kind, publication_id, cell "
            "FROM articles_search_cells"
        )
        return {row[0]: row[1:] for row in cursor.fetchall()}


def from_scratch() -> dict[int, tuple]:
    rows = {}
    for a in Article.objects.select_related("region", "page"):
        year = str(a.published.year) if a.published else ""
        publication = a.page.publication_id
        cell = "|".join(
            ["" if a.topic_id is None else str(a.topic_id), a.kind, year]
            + ["" if publication is None else str(publication)]
        )
        rows[a.pk] = (
            a.published.isoformat() if a.published else None,
            a.region.adcode if a.region else None,
            a.topic_id,
            a.kind,
            publication,
            cell,
        )
    return rows


@pytest.fixture
def articles():
    first = SourcePageFactory(publication=PublicationFactory(name="广元日报"))
    other = SourcePageFactory(publication=PublicationFactory(name="四川日报"))
    made = [
        ArticleFactory(
            page=first if i % 2 else other,
            region=region(["510821", "510104", "110101"][i % 3]),
            topic=topic(["volunteering", "education"][i % 2]),
            kind=["news", "feature", "photo"][i % 3],
            published=None if i == 0 else date(2021 + i % 3, 1 + i, 1),
        )
        for i in range(8)
    ]
    assert len(stored()) == 8
    assert stored() == from_scratch()
    return made


def test_saves_updates_and_deletes_of_articles_are_followed(articles):
    article = articles[1]
    article.topic, article.kind, article.published = None, "photo", date(2019, 5, 4)
    article.region = None
    article.save()
    assert stored() == from_scratch()
    Article.objects.filter(pk__in=[a.pk for a in articles[2:5]]).update(
        region=region("510104"), page=articles[0].page, published=None
    )
    assert stored() == from_scratch()
    Topic.objects.filter(slug="education").delete()  # the articles' topic set NULL
    assert stored() == from_scratch()
    articles[6].delete()
    Article.objects.filter(pk=articles[7].pk)._raw_delete(Article.objects.db)
    assert stored() == from_scratch()
    assert len(stored()) == 6


def test_bulk_inserts_and_raw_sql_are_followed(articles):
    page = SourcePageFactory(publication=None)
    Article.objects.bulk_create(
        [
            Article(page=page, position=50 + i, kind="news", title=f"t{i}", body="b")
            for i in range(3)
        ]
    )
    with connection.cursor() as cursor:
        cursor.execute("UPDATE articles_article SET kind = 'feature' WHERE page_id = %s", [page.pk])
    assert stored() == from_scratch()
    assert len(stored()) == 11


def test_a_region_adcode_and_a_page_publication_are_followed(articles):
    moved = region("510821")
    moved.adcode = "520821"
    moved.save()
    assert stored() == from_scratch()
    page = articles[0].page
    page.publication = PublicationFactory(name="贵州日报")
    page.save()
    assert stored() == from_scratch()
    SourcePage.objects.filter(pk=page.pk).update(publication=None)
    assert stored() == from_scratch()
    articles[1].page.delete()  # its articles with it
    assert stored() == from_scratch()
    assert len(stored()) == 4


def test_rebuild_restores_a_damaged_table(articles):
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM articles_search_cells WHERE id = %s", [articles[3].pk])
        cursor.execute("UPDATE articles_search_cells SET adcode = '990000'")
    assert stored() != from_scratch()
    rebuild_cells()
    assert stored() == from_scratch()


# ----------------------------------------------------------- counting the matches' codes


def _search(q: str, region_digits: int, *, texts: bool = False, monkeypatch=None):
    """``search_listing.read`` and its statements; ``texts``: as counted from the texts
    (``_decode`` made to refuse every code, as for a part beyond its bits)."""
    from django.test.utils import CaptureQueriesContext

    from articles import search_cells, search_listing

    if texts:
        monkeypatch.setattr(search_cells, "_decode", lambda codes: None)
    with CaptureQueriesContext(connection) as captured:
        listing = search_listing.read(q, region_digits=region_digits)
    if texts:
        monkeypatch.undo()
    return listing, len(captured)


@pytest.mark.parametrize("region_digits", [2, 4, 6])
def test_the_codes_count_what_the_texts_count(articles, monkeypatch, region_digits):
    """Regions (and none), topics (and none), kinds, years (and undated) and
    publications (and none) counted from the packed codes in one statement: the same
    facets as from the texts, at every prefix length."""
    ArticleFactory(page=SourcePageFactory(publication=None), region=None, topic=None)
    listing, statements = _search("志愿", region_digits)
    assert statements == 1
    by_texts, _ = _search("志愿", region_digits, texts=True, monkeypatch=monkeypatch)
    assert listing == by_texts
    counts = listing.counts
    assert counts.total == 9
    assert counts.region == (
        {"51": 6, "11": 2}
        if region_digits == 2
        else {"5108": 3, "5101": 3, "1101": 2}
        if region_digits == 4
        else {"510821": 3, "510104": 3, "110101": 2}
    )
    assert sum(row.n for row in counts.kind) == 9
    assert sorted((row.value, row.n) for row in counts.year) == [
        (2021, 2),
        (2022, 3),
        (2023, 2),
    ]
    assert sorted((row.label_zh, row.n) for row in counts.source) == [
        ("四川日报", 4),
        ("广元日报", 4),
    ]


@pytest.mark.parametrize("beyond", ["topic", "kind", "year", "publication"])
def test_a_part_beyond_its_bits_is_counted_from_the_texts(articles, beyond):
    """A topic id of 4,095 or more, a kind the code does not know, a year after 2153 or a
    publication id beyond 19 bits: one more statement, the texts counted, the same
    facets as for any other value."""
    from articles.models import Publication

    article = articles[1]
    if beyond == "topic":
        big = Topic.objects.create(pk=5000, slug="big-topic", name_zh="大主题", name_en="Big")
        Article.objects.filter(pk=article.pk).update(topic=big)
    elif beyond == "kind":
        Article.objects.filter(pk=article.pk).update(kind="notice")
    elif beyond == "year":
        Article.objects.filter(pk=article.pk).update(published=date(2200, 1, 1))
    else:
        big = Publication.objects.create(pk=600000, name="远方日报")
        SourcePage.objects.filter(pk=article.page_id).update(publication=big)
    listing, statements = _search("志愿", 2)
    assert statements == 2
    counts = listing.counts
    assert counts.total == 8
    if beyond == "topic":
        assert [row.n for row in counts.topic if row.label_zh == "大主题"] == [1]
    elif beyond == "kind":
        assert [row.n for row in counts.kind if row.value == "notice"] == [1]
    elif beyond == "year":
        assert [row.n for row in counts.year if row.value == 2200] == [1]
    else:
        # the page of every other article (four) now printed there
        assert [row.n for row in counts.source if row.label_zh == "远方日报"] == [4]


def test_the_codes_know_every_kind_an_article_can_have():
    """A kind the codes do not number is counted from the texts (one more statement a
    search): a new ``ArticleKind`` needs a migration that numbers it."""
    from importlib import import_module

    from articles.models import ArticleKind
    from articles.search_cells import KINDS

    assert KINDS == tuple(ArticleKind.values)
    assert import_module("articles.migrations.0040_search_cell_codes").KINDS == KINDS


def test_migration_0040_adds_the_codes_and_back_keeping_rows_and_triggers(articles):
    """Backward: the table as migration 0027 made it (no codes), rows and triggers kept;
    forward again: every code as the articles give it, and the triggers still follow."""
    from importlib import import_module

    migration = import_module("articles.migrations.0040_search_cell_codes")

    def columns():
        with connection.cursor() as cursor:
            cursor.execute("SELECT name FROM pragma_table_xinfo('articles_search_cells')")
            return [name for (name,) in cursor.fetchall()]

    migration.backward(None, SchemaEditor())
    assert "code" not in columns() and stored() == from_scratch()
    migration.forward(None, SchemaEditor())
    assert columns()[-2:] == ["adcode_number", "code"]
    ArticleFactory(region=region("510821"), kind="photo")  # the insert trigger is back
    assert stored() == from_scratch()
    by_code, _ = _search("志愿", 2)
    assert by_code.counts.total == 9 and by_code.counts.region == {"51": 7, "11": 2}
