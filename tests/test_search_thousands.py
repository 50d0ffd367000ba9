"""A thousands separator between digits is no word break (a new-user pass: ``?q=51,104``
searched ``51`` and ``104`` apart, as the index split at the comma). ``search.normalize``
drops it on the query and the index side alike (both databases: run this file with
``DATABASE_URL`` set for PostgreSQL), migration 0029 rewrites the rows of the articles
that write one, and the hit is marked as written."""

from importlib import import_module

import pytest
from django.apps import apps
from django.urls import reverse

from articles import search
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db
LIST = reverse("articles:list")


@pytest.fixture
def written():
    """Three articles: the number with separators, without, and its parts apart."""
    return [
        ArticleFactory(title="旺苍县志愿服务", body="全县实名注册志愿者达51,104人。").pk,
        ArticleFactory(title="Volunteer Week", body="Registered volunteers: 51104 in Wangcang.").pk,
        ArticleFactory(title="分开的数", body="新增51个站点，培训104名骨干，2023,2024两年。").pk,
    ]


def test_the_query_and_the_index_drop_a_thousands_separator():
    assert search.query_runs("51,104") == ["51104"]
    assert search.query_runs("1,234,567人") == ["1234567人"]
    assert search.query_runs("2023,2024") == ["2023", "2024"]  # not three digits after
    assert search.query_runs("1,2 12,3456") == ["1", "2", "12", "3456"]


def test_a_number_with_separators_finds_it_written_either_way_and_not_its_parts(written):
    assert sorted(search.matches("51,104").ids) == written[:2]
    assert sorted(search.matches("51104").ids) == written[:2]  # not 51个…104名 apart
    assert search.matches("2023,2024").ids == [written[2]]


def test_the_list_marks_the_number_as_the_article_writes_it(client, written):
    html = client.get(LIST, {"q": "51,104"}).content.decode()
    assert '<mark class="hit">51,104</mark>' in html
    assert '<mark class="hit">51104</mark>' in html
    assert search.highlight_spans("达51,104人，5,1104", "51104") == [(1, 7)]


def test_migration_0029_reindexes_the_articles_written_with_separators(written, monkeypatch):
    never = search.re.compile(r"(?!)")
    with monkeypatch.context() as patch:  # the index as the code before 0029 wrote it
        patch.setattr(search, "THOUSANDS_COMMA", never)
        search.index_articles()
        assert search.matches("51104").ids == [written[1]]
    assert search.matches("51,104").ids == [written[1]]  # the query side alone: not found
    migration = import_module("articles.migrations.0029_search_thousands_separator")
    migration.forward(apps, None)
    assert sorted(search.matches("51,104").ids) == written[:2]
