"""The list's page is read through its ids (``views.lists.IdPaginator``) and its total
comes from the facet statement: both must give what plain slicing and COUNT give."""

from datetime import date

import pytest

from articles.models import Article
from tests.factories import ArticleFactory, forget_language, region, topic

pytestmark = pytest.mark.django_db

LIST = "/articles/"


@pytest.fixture
def thirty():
    for i in range(30):
        ArticleFactory(
            title=f"标题{(i * 7) % 30:02d}" + ("低保" if i % 3 == 0 else ""),
            body="正文" + ("低保" if i % 2 == 0 else ""),
            region=region("510821" if i % 2 else "630000"),
            topic=topic("health") if i % 4 else None,
            published=None if i % 5 == 0 else date(2020 + i % 4, 1 + i % 12, 1),
        )


@pytest.mark.parametrize(
    "params, order",
    [
        ({}, None),
        ({"o": "title"}, "title"),
        ({"o": "-region"}, "-region__adcode"),
        ({"region": "510000"}, None),
    ],
)
def test_a_later_page_holds_the_rows_plain_slicing_gives(client, thirty, params, order):
    queryset = Article.objects.all()
    if "region" in params:
        queryset = queryset.in_region(params["region"])
    if order:
        queryset = queryset.order_by(order, "-pk")
    expected = list(queryset.values_list("pk", flat=True))
    page = 2 if len(expected) > 25 else 1
    response = client.get(LIST, {**params, "page": page})
    assert response.context["page_obj"].paginator.count == len(expected)
    assert [a.pk for a in response.context["articles"]] == expected[(page - 1) * 25 : page * 25]


def test_a_search_page_keeps_headline_hits_first_and_counts_from_the_facets(client, thirty):
    response = client.get(LIST, {"q": "低保"})
    rows = response.context["articles"]
    matching = Article.objects.filter(body__contains="低保") | Article.objects.filter(
        title__contains="低保"
    )
    assert response.context["page_obj"].paginator.count == matching.count()
    hits = ["低保" in a.title for a in rows]
    assert hits == sorted(hits, reverse=True) and any(hits) and not all(hits)


def test_the_total_is_the_sum_of_the_kind_facet(client, thirty):
    response = client.get(LIST, {"region": "510000"})
    kinds = next(f for f in response.context["facets"] if f.name == "kind")
    assert sum(item.count for item in kinds.items) == response.context["page_obj"].paginator.count
    assert response.context["page_obj"].paginator.count == 15


def _order_options(client, params) -> list[str]:
    import re

    html = client.get(LIST, params).content.decode()
    forget_language(client)  # each request stands alone
    select = re.search(r'<select[^>]*name="o"[^>]*>(.*?)</select>', html, re.S).group(1)
    return re.findall(r"<option[^>]*>([^<]*)</option>", select)


def test_a_search_names_its_default_order(client, thirty):
    """A search lists headline matches first: its default order says so (a new user read
    "newest first" over six pages of headline matches and then dates starting again). The
    label is this request's: the list without a search keeps its own."""
    plain = _order_options(client, {})
    searched = _order_options(client, {"q": "低保"})
    assert searched[0] == "标题命中在前，再按最新"
    assert plain[0] == "默认（最新）" and searched[1:] == plain[1:]
    assert _order_options(client, {"q": "低保", "lang": "en"})[0] == (
        "Headline matches, then newest"
    )
    assert _order_options(client, {"q": " "})[0] == "默认（最新）"
    assert _order_options(client, {})[0] == "默认（最新）"
