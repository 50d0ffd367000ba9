"""A decimal point between digits, or a percent sign after one, is no word break (``?q=5.1万`` searched ``5`` and
``1万`` apart, finding 15万 and a 5 beside a 1万). ``search.normalize`` keeps it as a
letter of its number's run (``search.DECIMAL``) on the query and the index side alike
(both databases: run this file with ``DATABASE_URL`` set for PostgreSQL), migration 0037
indexes every article again, and the hit is marked as written. Full-width digits read as
ASCII ones (``５．１万`` is ``5.1万``)."""

from importlib import import_module

import pytest
from django.apps import apps
from django.urls import reverse

from articles import search
from tests.factories import ArticleFactory
from tests.schema import SchemaEditor

pytestmark = pytest.mark.django_db
LIST = reverse("articles:list")


@pytest.fixture
def written():
    """Four articles: the number with an ASCII point, with a full-width one, its digits
    without the point, and its parts apart."""
    return [
        ArticleFactory(title="旺苍县志愿服务", body="全县实名注册志愿者达5.1万人。").pk,
        ArticleFactory(title="全县志愿者５．１万人", body="注册人数再创新高。").pk,
        ArticleFactory(title="养老保险", body="参保人数达15万人，比上年增加0.3个百分点。").pk,
        ArticleFactory(title="分开的数", body="新增5个站点，培训1万名骨干。").pk,
    ]


def test_the_query_keeps_a_decimal_point_between_digits_in_its_run():
    assert search.query_runs("15.3%") == ["15ð3ƿ"]
    assert search.query_runs("5.1万") == ["5ð1万"]
    assert search.query_runs("５．１万") == ["5ð1万"]
    assert search.query_runs("ＧＤＰ增长") == ["gdp增长"]
    assert search.query_runs("51,104.5元") == ["51104ð5元"]
    assert search.query_runs("2024. 5.") == ["2024", "5"]  # a full stop, not a point
    assert search.query_runs("v1.0 a.b") == ["v1ð0", "a", "b"]
    assert search.normalize("Ð") == "d"  # text's own ð is never read as a point


def test_a_decimal_finds_it_written_with_either_point_and_not_its_digits_apart(written):
    assert sorted(search.matches("5.1万").ids) == written[:2]
    assert sorted(search.matches("5．1万").ids) == written[:2]
    assert search.matches("51万").ids == []  # 5.1万 is not 51万
    assert search.matches("0.3").ids == [written[2]]
    assert sorted(search.matches("1万").ids) == [written[0], written[1], written[3]]


def test_a_percentage_finds_itself_not_the_longer_numbers_starting_alike():
    share = ArticleFactory(title="志愿者比例", body="注册志愿者占常住人口的15%，达1.15％。").pk
    longer = ArticleFactory(title="宣讲", body="开展宣讲150余期，候选人15人。").pk
    assert search.query_runs("15%") == ["15ƿ"]
    assert search.matches("15%").ids == [share]
    assert search.matches("15％").ids == [share]
    assert sorted(search.matches("15").ids) == [share, longer]  # a number finds it anywhere
    assert search.highlight_spans("占15%，达1.15％", "15%") == [(1, 4), (8, 11)]


def test_spaces_pdf_extraction_put_beside_a_number_do_not_hide_it():
    spaced = ArticleFactory(title="参保", body="全市参保人数达 11.45 万人，共有 51104 人领取。").pk
    assert search.matches("11.45万").ids == [spaced]
    assert search.matches("51104人").ids == [spaced]
    assert search.matches("达11.45万人").ids == [spaced]
    assert search.highlight_spans("达 11.45 万人", "11.45万") == [(2, 9)]


def test_the_list_marks_the_decimal_as_the_article_writes_it(client, written):
    html = client.get(LIST, {"q": "5.1万"}).content.decode()
    assert '<mark class="hit">5.1万</mark>' in html
    assert '<mark class="hit">５．１万</mark>' in html
    assert search.highlight_spans("达15万，5.1万", "5.1万") == [(5, 9)]


def test_migration_0037_reindexes_the_articles(written, monkeypatch):
    never = search.re.compile(r"(?!)")
    with monkeypatch.context() as patch:  # the index as the code before 0037 wrote it
        patch.setattr(search, "DECIMAL_POINT", never)
        search.index_articles()
        assert sorted(search.matches("1万").ids) == [written[0], written[1], written[3]]
    assert search.matches("5.1万").ids == []  # the query side alone: not found
    migration = import_module("articles.migrations.0037_search_decimal_points")
    migration.forward(apps, SchemaEditor())
    assert sorted(search.matches("5.1万").ids) == written[:2]
