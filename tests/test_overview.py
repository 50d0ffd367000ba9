"""The / overview page: article counts by province and topic, latest articles, coverage."""

import json
import re
from datetime import date

import pytest
from django.urls import reverse

from articles.selectors import overview
from tests.factories import ArticleFactory, region, topic, volunteer_metric

pytestmark = pytest.mark.django_db


@pytest.fixture
def articles():
    volunteering, security = topic("volunteering"), topic("social-security")
    # Sichuan: 3 articles at county, prefecture and province level; Inner Mongolia: 1.
    volunteer_metric("510821", 51104, date(2024, 3, 5), article__topic=volunteering)
    volunteer_metric("510824", 114500, date(2024, 3, 6), article__topic=volunteering)
    ArticleFactory(region=region("510800"), topic=security, published=date(2024, 3, 7))
    ArticleFactory(region=region("150302"), topic=security, published=date(2024, 3, 8))
    ArticleFactory(region=None, topic=None, published=date(2024, 3, 9), title="无地区的文章")


def table(html: str, table_id: str) -> list[tuple[str, str]]:
    body = html.split(f'id="{table_id}"')[1].split("</table>")[0]
    rows = re.findall(r"<tr data-key=\"[^\"]*\">(.*?)</tr>", body, re.S)
    cells = [re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S) for row in rows]
    return [tuple(re.sub(r"<[^>]+>", "", c).strip() for c in row[:2]) for row in cells]


def test_overview_counts_articles_by_province_and_topic(client, articles):
    response = client.get(reverse("articles:overview"))
    html = response.content.decode()
    assert response.status_code == 200
    assert table(html, "province-table") == [
        ("四川省", "3"),
        ("内蒙古自治区", "1"),
        ("未定位", "1"),
    ]
    assert table(html, "topic-table") == [("社会保障", "2"), ("志愿服务", "2"), ("未分类", "1")]
    assert 'href="/regions/510000/"' in html


def test_each_topic_row_links_to_the_list_of_its_articles(client, articles):
    """As each province row links to its page (they were plain text: a new-user pass);
    '未分类' has no filter to link to."""
    html = client.get(reverse("articles:overview")).content.decode()
    body = html.split('id="topic-table"')[1].split("</table>")[0]
    links = re.findall(r'<a href="([^"]+)">([^<]+)</a>', body)
    assert links == [
        ("/articles/?topic=social-security", "社会保障"),
        ("/articles/?topic=volunteering", "志愿服务"),
    ]
    listed = client.get(links[0][0])
    assert listed.status_code == 200 and len(listed.context["articles"]) == 2


def test_overview_lists_latest_articles_and_indicator_coverage(client, articles):
    html = client.get(reverse("articles:overview")).content.decode()
    latest = html.split('id="latest-heading"')[1].split("</ol>")[0]
    assert latest.index("无地区的文章") < latest.index("测试文章")
    assert table(html, "coverage-table") == [("实名注册志愿者", "人")]
    assert "/compare/?indicator=registered-volunteers" in html


def test_overview_chart_data_matches_its_table(client, articles):
    html = client.get(reverse("articles:overview")).content.decode()
    text = html.split('<script id="province-chart-data" type="application/json">')[1]
    chart = json.loads(text.split("</script>")[0], parse_constant=lambda c: 1 / 0)
    assert chart["labels"] == ["四川省", "内蒙古自治区", "未定位"]
    assert chart["values"] == [3, 1, 1]
    assert chart["points"][0]["url"] == "/regions/510000/"


def test_overview_totals_every_article():
    ArticleFactory.create_batch(3, region=region("510821"))
    assert overview().total == 3


def test_overview_query_count_is_pinned(client, articles, django_assert_num_queries):
    # articles counted per province and topic (one GROUP BY), province names, latest
    # articles, the coverage rows kept at write time (articles.aggregates)
    with django_assert_num_queries(4):
        client.get(reverse("articles:overview"))


def test_overview_of_an_empty_database_says_so(client):
    response = client.get(reverse("articles:overview"))
    assert response.status_code == 200
    assert "还没有文章。" in response.content.decode()


@pytest.mark.django_db
def test_indicators_with_as_many_regions_are_listed_by_their_name_in_the_readers_language():
    """Coverage ties (one region each) were in slug order, which English readers saw as
    random ('Residential renovation projects' before 'Court hearings attended', its slug
    community-renovation-projects): most regions first, then by the shown name."""
    from django.utils import translation

    from articles.selectors import indicator_coverage
    from tests.factories import MetricFactory, indicator

    article = ArticleFactory(region=region("510821"), published=date(2024, 1, 16))
    for slug, unit in (("community-renovation-projects", "个"), ("court-hearings-attended", "次")):
        MetricFactory(article=article, indicator=indicator(slug), unit=unit)
    volunteer_metric("510821", 10, date(2024, 1, 16))
    volunteer_metric("510822", 12, date(2024, 1, 16))
    with translation.override("en"):
        names = [r.name for r in indicator_coverage(fresh=True)]
    assert names == [
        "Registered volunteers",
        "Court hearings attended",
        "Residential renovation projects",
    ]
    with translation.override("zh-hans"):
        names = [r.name for r in indicator_coverage(fresh=True)]
    assert names == ["实名注册志愿者", "旁听庭审", "小区改造项目"]  # pang, xiao: pinyin order


def test_each_count_row_is_keyed_by_its_adcode_or_slug(client, articles):
    html = client.get(reverse("articles:overview")).content.decode()
    provinces = html.split('id="province-table"')[1].split("</table>")[0]
    assert re.findall(r'<tr data-key="([^"]*)">', provinces) == ["510000", "150000", ""]
    topics = html.split('id="topic-table"')[1].split("</table>")[0]
    assert re.findall(r'<tr data-key="([^"]*)">', topics) == [
        "social-security",
        "volunteering",
        "",
    ]


def test_the_latest_articles_link_their_pages_with_date_place_and_topic(client, articles):
    untitled = ArticleFactory(
        region=region("510821"),
        topic=topic("volunteering"),
        published=date(2024, 3, 10),
        title="",
        body="<b>正文</b>开头" + "字" * 40,
    )
    html = client.get(reverse("articles:overview")).content.decode()
    latest = html.split('id="latest-heading"')[1].split("</ol>")[0]
    items = re.findall(r'<a href="([^"]+)">(.*?)</a>\s*<span class="meta">(.*?)</span>', latest)
    assert items[0] == (
        f"/articles/{untitled.pk}/",
        "&lt;b&gt;正文&lt;/b&gt;开头" + "字" * 19 + "…",  # the body's head, escaped
        "2024-03-10 · 旺苍县 · 志愿服务",
    )
    assert items[1][1:] == ("无地区的文章", "2024-03-09")
    assert len(items) == 6
    english = client.get(reverse("articles:overview"), {"lang": "en"}).content.decode()
    assert "2024-03-10 · Wangcang County · Volunteering" in english


def test_the_latest_articles_are_read_by_the_ids_of_the_newest_alone(articles):
    """Their ids come from a subquery on the article table's order alone, and only
    those rows are joined: ``values_list(...)[:10]`` over the joins made SQLite join and
    sort every article (100 ms at 100,000 articles)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        overview()
    [sql] = [q["sql"] for q in captured if "title_prefix" in q["sql"]]
    assert re.search(r"IN \(SELECT .+ LIMIT 10\)", sql)
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN QUERY PLAN " + sql)
            plan = [row[3] for row in cursor.fetchall()]
        assert not any(step.startswith("SCAN articles_article") for step in plan), plan


def test_counts_are_grouped_in_thousands_in_both_languages(client):
    """3,008 articles, not 3008 (a new-user pass, English): the overview's total and
    tables, the list's total and facets and the region page's heading."""
    from articles import article_counts
    from articles.models import Article
    from tests.factories import SourcePageFactory

    page = SourcePageFactory()
    wangcang = region("510821")
    Article.objects.bulk_create(
        Article(page=page, position=i, title=f"文章{i}", body="正文", region=wangcang)
        for i in range(1001)
    )
    article_counts.rebuild()
    for lang, total, heading in (
        ("en", "1,001 articles collected.", "1,001 articles"),
        ("zh-hans", "共收录1,001篇文章。", "共 1,001 篇文章"),
    ):
        html = client.get(reverse("articles:overview"), {"lang": lang}).content.decode()
        assert total in html
        assert table(html, "province-table")[0][1] == "1,001"
        listed = client.get(reverse("articles:list"), {"lang": lang}).content.decode()
        assert heading in listed
        assert '<span class="count">1,001</span>' in listed
    county = client.get("/regions/510821/", {"lang": "en"}).content.decode()
    assert "Articles (1,001)" in county
