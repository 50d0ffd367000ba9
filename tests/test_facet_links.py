"""The list page's facets built in Python render what ``includes/facets.html``'s loop
rendered (kept here as the reference), and ``query_links.url_maker`` makes the links
``filters.url_with`` made."""

import pytest
from django.http import QueryDict
from django.template import engines
from django.utils import translation

from articles.filters import Facet, FacetItem, url_with
from articles.query_links import url_maker
from articles.templatetags.rows import facet_sections

#: The loop of ``includes/facets.html`` before it called ``facet_sections``, as it was.
REFERENCE = (
    "{% load i18n numbers %}"
    "{% for facet in facets %}\n"
    '    <section class="facet" aria-labelledby="facet-{{ facet.name }}">\n'
    '      <h3 id="facet-{{ facet.name }}">{{ facet.title }}</h3>\n'
    "      <ul>\n"
    "        {% for item in facet.items %}\n"
    '          <li{% if item.selected %} class="selected"{% endif %}>\n'
    '            <a href="{{ item.href }}"{% if item.selected %} aria-current="true" '
    "title=\"{% translate '取消此筛选' %}\"{% endif %}>{{ item.label }}</a>\n"
    '            <span class="count">{{ item.count|grouped }}</span>{% if item.selected %} '
    '<span aria-hidden="true">×</span>{% endif %}\n'
    "          </li>\n"
    "        {% endfor %}\n"
    "      </ul>\n"
    "    </section>\n"
    "  {% empty %}\n"
    '    <p>{% translate "没有可细分的结果。" %}</p>\n'
    "  {% endfor %}"
)

QUERIES = [
    "",
    "region=510000&topic=volunteering",
    "q=志愿+服务&page=3&format=csv&o=-published",
    "kind=news&kind=photo&year=2024&q=%3Cb%3E%26%22",
    "topic=&region=510821&verified=1&lang=en",
]


@pytest.mark.parametrize("query", QUERIES)
def test_the_link_maker_makes_the_links_url_with_made(query):
    params = QueryDict(query)
    link = url_maker(params)
    for name in ("region", "topic", "kind", "year", "q", "page", "new"):
        for value in (None, "510821", "志愿&<服务>", 2024, ""):
            assert link(name, value) == url_with(params, **{name: value}), (name, value)


@pytest.mark.django_db
@pytest.mark.parametrize("grouping", [False, True])
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_facet_sections_render_what_the_template_did(language, grouping, client, settings):
    """With ``USE_THOUSAND_SEPARATOR`` on or off: counts are grouped either way
    (``rows.count_text``: 12,345)."""
    from django.urls import reverse

    settings.USE_THOUSAND_SEPARATOR = grouping

    from tests.factories import ArticleFactory, region, topic

    ArticleFactory(region=region("510821"), topic=topic("volunteering"), kind="news")
    ArticleFactory(region=region("510822"), topic=topic("volunteering"), kind="photo")
    reference = engines["django"].from_string(REFERENCE)
    odd = Facet("a<b", "名&<称>", [FacetItem('x"<y>', 12345, "?a=1&b=<2>", True)])
    for query in ("", "topic=volunteering", "region=510000&kind=news"):
        response = client.get(reverse("articles:list") + "?" + query + f"&lang={language}")
        facets = response.context["facets"]
        assert facets and any(i.selected for f in facets for i in f.items) == bool(query)
        # after the request: its locale middleware left its own language active
        with translation.override(language):
            for shown in (facets, [*facets, odd], []):
                assert facet_sections(shown) == reference.render({"facets": shown})
