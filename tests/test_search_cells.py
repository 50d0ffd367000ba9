"""SQLite's ``articles_search_cells`` (migration 0025, read by ``articles.search_cells``)
follows every write, compared after each with the rows computed from scratch from the
articles, their regions and pages; ``rebuild_cells`` restores a damaged table."""

from datetime import date

import pytest
from django.db import connection

from articles.models import Article, SourcePage, Topic
from articles.search_cells import rebuild_cells
from tests.factories import ArticleFactory, PublicationFactory, SourcePageFactory, region, topic

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
