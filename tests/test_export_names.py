"""The article list's exports are named after their filter (they were all
'articles.csv'), with ``filename*`` for a name with Chinese in it; and a photo without a
headline is exported under the title the list shows (its caption's start), not ''."""

import csv
import io
from datetime import date
from urllib.parse import unquote

import pytest
from django.urls import reverse

from articles.export_names import content_disposition
from tests.factories import (
    ArticleFactory,
    MetricFactory,
    body_of,
    json_of,
    region,
    topic,
)

pytestmark = pytest.mark.django_db

LIST = reverse("articles:list")


@pytest.fixture
def articles():
    security = topic("social-security")
    ArticleFactory(region=region("510821"), topic=security, published=date(2024, 1, 16),
                   title="养老金调整", body="城乡居民基础养老金调整至每人每月285元。")  # fmt: skip


@pytest.mark.parametrize(
    "params, name",
    [
        ({}, "articles.csv"),
        ({"region": "510000", "topic": "social-security"}, "articles-510000-social-security.csv"),
        ({"region": "旺苍县", "kind": "news", "year": "2024"}, "articles-510821-news-2024.csv"),
        (
            {"published_after": "2024-01-01", "published_before": "2024-12-31", "verified": "1"},
            "articles-from-2024-01-01-to-2024-12-31-reviewed.csv",
        ),
        ({"o": "title", "page": "1"}, "articles.csv"),  # an order or a page is no filter
    ],
)
def test_a_list_export_is_named_after_its_filter(client, articles, params, name):
    response = client.get(LIST, {**params, "format": "csv"})
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="{name}"'
    json_name = name.removesuffix(".csv") + ".json"
    response = client.get(LIST, {**params, "format": "json"})
    assert response["Content-Disposition"] == f'attachment; filename="{json_name}"'


def test_a_chinese_search_or_source_names_the_file_in_filename_star(client, articles):
    response = client.get(LIST, {"q": "养老金 调整", "source": "样例报", "format": "csv"})
    header = response["Content-Disposition"]
    ascii_part, star = header.split("; filename*=UTF-8''")
    assert ascii_part == 'attachment; filename="articles-source-_-search-_-_.csv"'
    assert unquote(star) == "articles-source-样例报-search-养老金-调整.csv"
    assert header.isascii()


def test_content_disposition_keeps_an_ascii_name_as_it_was():
    assert content_disposition("a-1.csv") == 'attachment; filename="a-1.csv"'
    assert content_disposition('x"/y.csv').startswith('attachment; filename="x_/y.csv"')


def test_a_photo_without_a_headline_is_exported_under_the_title_the_list_shows(client):
    caption = "近年来，江西省吉安市永丰县同步落实河长制、林长制，对恩江流域湿地进行生态综合治理。"
    photo = ArticleFactory(kind="photo", title="", body=caption, region=region("360825"))
    MetricFactory(article=photo)
    shown = caption[:30] + "…"
    assert shown in client.get(LIST).content.decode()
    rows = list(
        csv.DictReader(
            io.StringIO(body_of(client.get(LIST, {"format": "csv"})).decode("utf-8-sig"))
        )
    )
    assert [r["article_title"] for r in rows] == [shown]
    assert [a["title"] for a in json_of(client.get(LIST, {"format": "json"}))] == [shown]
    one = json_of(client.get(f"/articles/{photo.pk}/", {"format": "json"}))
    assert one[0]["title"] == shown
