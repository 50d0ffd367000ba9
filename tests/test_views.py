"""The article list, article detail and region pages."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from tests.factories import (
    ArticleFactory,
    MetricFactory,
    SourcePageFactory,
    body_of,
    forget_language,
    indicator,
    json_of,
    region,
    topic,
    volunteer_metric,
)

LIST = reverse("articles:list")


@pytest.fixture
def places():
    """Articles in 旺苍县 (county), 广元市 (prefecture), 成都市 and 北京 东城区."""
    return {
        "wangcang": ArticleFactory(
            title="旺苍县志愿服务",
            region=region("510821"),
            topic=topic("volunteering"),
            published=date(2024, 5, 1),
        ),
        "guangyuan": ArticleFactory(
            title="广元市社保",
            region=region("510800"),
            topic=topic("social-security"),
            published=date(2023, 2, 1),
            kind="feature",
        ),
        "chengdu": ArticleFactory(
            title="成都市教育",
            region=region("510100"),
            topic=topic("education"),
            published=date(2024, 7, 1),
        ),
        "beijing": ArticleFactory(
            title="东城区垃圾分类",
            region=region("110101"),
            topic=topic("environment"),
            published=date(2022, 1, 1),
            body="东城区开展垃圾分类宣传。",
        ),
    }


def titles(response):
    return [a.title for a in response.context["articles"]]


# -- list: filters ---------------------------------------------------------------------


@pytest.mark.django_db
def test_filtering_by_a_province_finds_its_counties_and_prefectures_articles(client, places):
    response = client.get(LIST, {"region": "510000"})
    assert response.status_code == 200
    assert set(titles(response)) == {"旺苍县志愿服务", "广元市社保", "成都市教育"}


@pytest.mark.django_db
def test_filtering_by_a_prefecture_finds_its_counties_articles(client, places):
    response = client.get(LIST, {"region": "510800"})
    assert set(titles(response)) == {"旺苍县志愿服务", "广元市社保"}


@pytest.mark.django_db
def test_filtering_by_a_county_finds_only_that_county(client, places):
    assert titles(client.get(LIST, {"region": "510821"})) == ["旺苍县志愿服务"]


@pytest.mark.django_db
def test_a_region_can_be_typed_by_its_unique_name(client, places):
    assert titles(client.get(LIST, {"region": "旺苍县"})) == ["旺苍县志愿服务"]


@pytest.mark.django_db
def test_an_ambiguous_region_name_is_a_form_error_listing_the_adcodes(client, places):
    response = client.get(LIST, {"region": "朝阳区"})
    assert response.status_code == 400
    error = response.context["filter"].errors["region"][0]
    assert "110105" in error and "220104" in error


@pytest.mark.django_db
def test_filters_by_topic_kind_dates_year_text_and_source(client, places):
    other = ArticleFactory(title="别的报纸", page=SourcePageFactory(publication__name="广元日报"))
    assert titles(client.get(LIST, {"topic": "education"})) == ["成都市教育"]
    assert titles(client.get(LIST, {"kind": "feature"})) == ["广元市社保"]
    assert set(titles(client.get(LIST, {"published_after": "2024-01-01"}))) == {
        "旺苍县志愿服务",
        "成都市教育",
    }
    assert titles(client.get(LIST, {"published_before": "2022-12-31"})) == ["东城区垃圾分类"]
    assert titles(client.get(LIST, {"year": "2023"})) == ["广元市社保"]
    assert titles(client.get(LIST, {"q": "垃圾 宣传"})) == ["东城区垃圾分类"]
    assert titles(client.get(LIST, {"q": "志愿服务"})) == ["旺苍县志愿服务"]
    assert titles(client.get(LIST, {"source": "广元日报"})) == [other.title]


@pytest.mark.django_db
def test_ordering_by_title_and_region(client, places):
    assert titles(client.get(LIST, {"o": "region"}))[0] == "东城区垃圾分类"
    assert titles(client.get(LIST, {"o": "-region"}))[0] == "旺苍县志愿服务"
    assert titles(client.get(LIST, {"o": "published"}))[0] == "东城区垃圾分类"
    assert titles(client.get(LIST))[0] == "成都市教育"  # newest first by default


@pytest.mark.django_db
def test_the_result_count_is_shown(client, places):
    response = client.get(LIST, {"region": "510000"})
    assert "共 3 篇文章" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query, status",
    [
        ({"published_after": "2024-13-45"}, 400),
        ({"published_before": "yesterday"}, 400),
        ({"region": "999999"}, 400),
        ({"region": "51"}, 400),
        ({"region": "<script>"}, 400),
        ({"topic": "no-such-topic"}, 400),
        ({"kind": "poem"}, 400),
        ({"year": "abc"}, 400),
        ({"o": "password"}, 200),
        ({"page": "abc"}, 400),
        ({"page": "999"}, 400),
        ({"page": "0"}, 400),
        ({"page": "-3"}, 400),
        ({"published_after": "2024-05-01", "published_before": "2024-01-01"}, 400),
        ({"q": "%_\\'\""}, 200),
        ({"q": "\x00"}, 400),
        ({"region": "51\x000000"}, 400),
        ({"source": "\x00"}, 400),
        ({"page": "\x00"}, 400),
        ({"year": "99999999999999999999"}, 400),
        ({"o": "-published,title,region,bogus"}, 200),
    ],
)
def test_a_malformed_query_string_never_gives_a_500(client, places, query, status):
    response = client.get(LIST, query)
    # a page that does not exist is a 404 (Django's ListView); a bad filter, a NUL
    # included, a 400 with the form and its error (as region pages, compare and exports);
    # a bad order the list in its default order with the error
    assert response.status_code == status


@pytest.mark.django_db
def test_a_bad_filter_value_is_shown_as_a_form_error_and_no_list_passes_for_the_result(
    client, places
):
    # listing the articles the other filters keep would pass them off as the result
    response = client.get(LIST, {"published_after": "2024-13-45", "topic": "education"})
    assert "published_after" in response.context["filter"].errors
    assert titles(response) == []
    html = response.content.decode()
    assert 'id="id_published_after-errors"' in html and 'id="filters-refused"' in html


@pytest.mark.django_db
def test_an_unknown_region_is_a_form_error(client, places):
    response = client.get(LIST, {"region": "999999"})
    assert "999999" in response.context["filter"].errors["region"][0]


# -- list: pagination --------------------------------------------------------------------


@pytest.mark.django_db
def test_pagination_links_keep_every_filter(client):
    ArticleFactory.create_batch(30, region=region("510821"), topic=topic("health"))
    response = client.get(LIST, {"region": "510800", "topic": "health", "o": "title"})
    page = response.context["page_obj"]
    assert (page.number, page.paginator.num_pages, len(page.object_list)) == (1, 2, 25)
    html = response.content.decode()
    assert 'href="?region=510800&amp;topic=health&amp;o=title&amp;page=2"' in html
    second = client.get(LIST, {"region": "510800", "topic": "health", "o": "title", "page": 2})
    assert len(second.context["articles"]) == 5


@pytest.mark.django_db
def test_a_page_beyond_the_last_or_not_a_page_is_a_400_naming_it(client):
    # as any bad parameter (tests/test_bad_params.py covers search, region, compare)
    ArticleFactory.create_batch(30)
    assert client.get(LIST, {"page": "2"}).context["page_obj"].number == 2
    for page in ("999", "3", "abc", "0"):
        assert client.get(LIST, {"page": page}).status_code == 400


@pytest.mark.django_db
def test_the_filter_form_does_not_carry_the_page(client):
    ArticleFactory.create_batch(30)
    html = client.get(LIST, {"page": 2}).content.decode()
    form = html[
        html.index('<form class="filter-form"') : html.index(
            "</form>", html.index('<form class="filter-form"')
        )
    ]
    assert 'name="page"' not in form
    assert 'method="get"' in form


# -- list: facets -----------------------------------------------------------------------


def facet(response, name):
    for f in response.context["facets"]:
        if f.name == name:
            return {item.label: (item.count, item.href) for item in f.items}
    return {}


@pytest.mark.django_db
def test_province_facet_counts_every_level_and_links_add_the_filter(client, places):
    provinces = facet(client.get(LIST, {"topic": ""}), "region")
    assert provinces["四川省"][0] == 3
    assert provinces["北京市"][0] == 1
    assert provinces["四川省"][1] == "?topic=&region=510000"


@pytest.mark.django_db
def test_selecting_a_province_facets_its_prefectures_then_its_counties(client, places):
    prefectures = facet(client.get(LIST, {"region": "510000", "kind": "news"}), "region")
    assert prefectures == {
        "广元市": (1, "?region=510800&kind=news"),
        "成都市": (1, "?region=510100&kind=news"),
    }
    counties = facet(client.get(LIST, {"region": "510800"}), "region")
    assert counties == {"旺苍县": (1, "?region=510821")}
    assert facet(client.get(LIST, {"region": "510821"}), "region") == {}


@pytest.mark.django_db
def test_a_selected_region_shows_a_trail_that_widens_the_filter(client, places):
    response = client.get(LIST, {"region": "510821", "kind": "news"})
    trail = [(item.label, item.href) for item in response.context["region_trail"]]
    assert trail == [
        ("", "?kind=news"),
        ("四川省", "?region=510000&kind=news"),
        ("广元市", "?region=510800&kind=news"),
        ("旺苍县", "?region=510821&kind=news"),
    ]
    assert '<a href="?region=510800&amp;kind=news">广元市</a>' in response.content.decode()


@pytest.mark.django_db
def test_topic_kind_and_year_facets_count_the_current_results(client, places):
    response = client.get(LIST, {"region": "510000", "page": "1"})
    assert facet(response, "topic") == {
        "志愿服务": (1, "?region=510000&topic=volunteering"),
        "社会保障": (1, "?region=510000&topic=social-security"),
        "教育": (1, "?region=510000&topic=education"),
    }
    assert facet(response, "kind")["消息"] == (2, "?region=510000&kind=news")
    assert facet(response, "year") == {
        "2024": (2, "?region=510000&year=2024"),
        "2023": (1, "?region=510000&year=2023"),
    }


# -- list: export -----------------------------------------------------------------------


@pytest.mark.django_db
def test_json_export_gives_exactly_the_filtered_rows_of_all_pages_in_order(client):
    wangcang = region("510821")
    for i in range(30):
        ArticleFactory(title=f"t{i:02d}", region=wangcang)
    ArticleFactory(title="elsewhere", region=region("110101"))
    response = client.get(LIST, {"region": "510800", "o": "-title", "format": "json"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="articles-510800.json"'
    data = json_of(response)
    assert [a["title"] for a in data] == [f"t{i:02d}" for i in reversed(range(30))]
    assert data[0]["region"] == {"adcode": "510821", "name": "旺苍县", "level": "county"}


@pytest.mark.django_db
def test_csv_export_gives_the_filtered_metrics_with_plain_values(client):
    inside = ArticleFactory(region=region("510821"), topic=topic("social-security"))
    MetricFactory(
        article=inside,
        value=Decimal("931000000"),
        unit="元",
        indicator=indicator("pension-benefits-paid"),
    )
    MetricFactory(article=ArticleFactory(region=region("110101")))
    response = client.get(LIST, {"region": "510000", "format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="articles-510000.csv"'
    text = body_of(response).decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text[1:])))
    assert len(rows) == 1
    assert rows[0]["article_id"] == str(inside.pk)
    assert rows[0]["value"] == "931000000"
    assert rows[0]["region_adcode"] == "510821"
    assert rows[0]["indicator"] == "pension-benefits-paid"


@pytest.mark.django_db
def test_json_export_query_count_does_not_grow_with_rows(client, django_assert_num_queries):
    def export():
        with django_assert_num_queries(3):  # region lookup, articles, their metrics
            return json_of(client.get(LIST, {"region": "510800", "format": "json"}))

    MetricFactory(article=ArticleFactory(region=region("510821")))
    assert len(export()) == 1
    for _ in range(10):
        MetricFactory(article=ArticleFactory(region=region("510821"), topic=topic("health")))
    assert len(export()) == 11


@pytest.mark.django_db
def test_a_bad_filter_is_shown_on_the_page_and_refused_by_the_export(client, places):
    params = {"region": "510000", "published_after": "nope"}
    page = client.get(LIST, params)
    assert "published_after" in page.context["filter"].form.errors
    assert page.context["articles"] == []  # no list passes for the result of a bad filter
    exported = client.get(LIST, {**params, "format": "json"})
    assert exported.status_code == 400
    assert list(exported.json()["errors"]) == ["published_after"]
    assert client.get(LIST, {**params, "format": "csv"}).status_code == 400
    reversed_range = {"published_after": "2024-03-01", "published_before": "2024-01-01"}
    page = client.get(LIST, reversed_range)
    assert page.context["filter"].form.non_field_errors()
    assert page.context["articles"] == [] and client.get(LIST).context["articles"]
    refused = client.get(LIST, {**reversed_range, "format": "csv"})
    assert refused.status_code == 400
    assert refused.json()["errors"]["__all__"][0]["code"] == "reversed_dates"
    assert client.get(LIST, {"format": "xml"}).status_code == 400


@pytest.mark.django_db
def test_export_links_carry_the_filters_but_not_the_page(client, places):
    html = client.get(LIST, {"region": "510000", "page": "1"}).content.decode()
    assert 'href="?region=510000&amp;format=csv"' in html


# -- detail -----------------------------------------------------------------------------

BODY = "旺苍县新增志愿者1200余名。\n全县注册志愿者超5万人，占常住人口的15%。"


@pytest.fixture
def article():
    a = ArticleFactory(
        title="志愿旺苍",
        title_prefix="践行新时代文明",
        subtitle="志愿者超5万人",
        byline="◎ 记者 李四",
        body=BODY,
        region=region("510821"),
        topic=topic("volunteering"),
        published=date(2024, 5, 1),
    )
    start = BODY.index("注册志愿者")
    MetricFactory(
        article=a,
        position=0,
        indicator=indicator("registered-volunteers"),
        label="注册志愿者",
        value=Decimal("50000"),
        unit="人",
        approx=True,
        bound="lower",
        evidence_start=start,
        evidence_end=BODY.index("万人") + 2,
    )
    MetricFactory(
        article=a,
        position=1,
        indicator=indicator("registered-volunteers-share"),
        label="占常住人口",
        value=Decimal("15"),
        unit="%",
        evidence_start=start,  # overlaps the first one
        evidence_end=BODY.index("%") + 1,
    )
    return a


@pytest.mark.django_db
def test_detail_shows_the_headline_byline_region_path_and_date(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    assert "践行新时代文明" in html and '<h1 lang="zh-Hans">志愿旺苍</h1>' in html
    assert "志愿者超5万人" in html and "◎ 记者 李四" in html
    assert '<a href="/regions/510000/">四川省</a>' in html
    assert '<a href="/regions/510800/">广元市</a>' in html
    assert '<a href="/regions/510821/">旺苍县</a>' in html
    assert '<time datetime="2024-05-01">' in html


@pytest.mark.django_db
def test_detail_highlights_each_metrics_evidence_with_an_anchor_and_title(client, article):
    m1, m2 = article.metrics.order_by("position")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<p>旺苍县新增志愿者1200余名。</p>" in html
    assert (
        f'<span id="m-{m2.pk}" class="anchor"></span><mark id="m-{m1.pk}" class="evidence overlap"'
        in html
    )
    assert "注册志愿者超5万人</mark>" in html
    assert (
        f'data-metrics="m-{m1.pk} m-{m2.pk}" '
        'title="实名注册志愿者: ≥5万人；注册志愿者占常住人口比例: 15%">注册志愿者超5万人</mark>'
    ) in html
    assert (
        f'<mark class="evidence" data-metrics="m-{m2.pk}" '
        'title="注册志愿者占常住人口比例: 15%">，占常住人口的15%</mark>'
    ) in html
    assert (
        '<abbr title="下限（余/多/超）">≥</abbr><data value="50000" title="50,000">5万人</data>'
        in html
    )
    assert f'href="#m-{m1.pk}"' in html and f'href="#m-{m2.pk}"' in html


@pytest.mark.django_db
def test_article_text_is_escaped_everywhere(client):
    evil = "<img src=x onerror=alert(1)>"
    a = ArticleFactory(
        title=evil, subtitle=evil, byline=evil, body=f"{evil} 共10人", region=region("510821")
    )
    MetricFactory(article=a, label=evil, evidence_start=0, evidence_end=len(evil))
    for url in (a.get_absolute_url(), LIST, reverse("articles:region", args=["510821"])):
        html = client.get(url).content.decode()
        assert evil not in html, url
        assert "&lt;img src=x onerror=alert(1)&gt;" in html, url


@pytest.mark.django_db
def test_an_unknown_article_is_a_404(client):
    assert client.get(reverse("articles:detail", args=[987654])).status_code == 404


# -- region -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_region_page_shows_path_children_with_counts_articles_and_metrics(client, places):
    own = MetricFactory(article=places["wangcang"], label="旺苍指标")
    response = client.get(reverse("articles:region", args=["510800"]))
    assert response.status_code == 200
    children = response.context["data"].children
    assert [(c.name, c.articles, c.metrics) for c in children] == [("旺苍县", 1, 1)]
    assert set(titles(response)) == {"旺苍县志愿服务", "广元市社保"}
    # the county's metric is counted under the county, not listed as the city's
    assert response.context["data"].blocks == []
    county = client.get(reverse("articles:region", args=["510821"])).context["data"]
    # (the rows carry what the page shows of a metric, not its label: ``DetailRow``)
    assert [m.pk for b in county.blocks for m in b.rows] == [own.pk]
    html = response.content.decode()
    assert '<a href="/regions/510000/">四川省</a>' in html
    assert '<a href="/regions/510800/" aria-current="page">广元市</a>' in html


@pytest.mark.django_db
def test_province_region_page_lists_prefectures_with_articles(client, places):
    response = client.get(reverse("articles:region", args=["510000"]))
    assert [(c.adcode, c.articles) for c in response.context["data"].children] == [
        ("510800", 2),
        ("510100", 1),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("adcode", ["999999", "51", "abcdef", "5108000", "51080a"])
def test_an_unknown_or_malformed_adcode_is_a_404(client, adcode):
    assert client.get(f"/regions/{adcode}/").status_code == 404


# -- query counts -----------------------------------------------------------------------


@pytest.mark.django_db
def test_list_page_query_count_does_not_grow_with_rows(client, django_assert_num_queries):
    ArticleFactory(region=region("510821"), topic=topic("health"), published=date(2024, 1, 1))
    params = {"region": "510000", "topic": "health"}
    # region, topics (the chosen one and the picker: filters.ListedChoiceField), child
    # regions, facets (grouped, per publication), page
    with django_assert_num_queries(6):
        client.get(LIST, params)
    for i in range(20):
        ArticleFactory(
            region=region("510821" if i % 2 else "510802"),
            topic=topic("health"),
            published=date(2020 + i % 4, 1, 1),
            page=SourcePageFactory(publication__name=f"报{i % 3}"),
        )
    with django_assert_num_queries(6):
        client.get(LIST, params)


@pytest.mark.django_db
def test_detail_page_query_count_does_not_grow_with_metrics(
    client, article, django_assert_num_queries
):
    with django_assert_num_queries(2):
        client.get(article.get_absolute_url())
    for _ in range(10):
        MetricFactory(article=article, indicator=indicator("registered-volunteers"))
    with django_assert_num_queries(2):
        client.get(article.get_absolute_url())


@pytest.mark.django_db
def test_region_page_query_count_does_not_grow_with_rows(client, places, django_assert_num_queries):
    # region, the subtree's metric counts (no metrics of its own: none read), population,
    # the divisions below, their article counts, the article count and page
    # (articles.regions)
    url = reverse("articles:region", args=["510000"])
    with django_assert_num_queries(7):
        client.get(url)
    for _ in range(10):
        MetricFactory(article=ArticleFactory(region=region("510821"), topic=topic("health")))
    with django_assert_num_queries(7):
        client.get(url)


@pytest.mark.django_db
def test_section_headings_inside_a_feature_body_are_headings(client, seed_text):
    from articles.models import Article
    from articles.services import ingest_page

    ingest_page(text=seed_text)
    article = Article.objects.get(title="推动志愿服务走深走实")
    html = client.get(article.get_absolute_url()).content.decode()
    assert '<h2 class="body-subhead">弘扬主旋律志愿服务有“温度”</h2>' in html
    assert '<h2 class="body-subhead">乌海，是一座' not in html
    assert "<p>乌海，是一座充满爱的城市。" in html


def test_only_short_unpunctuated_lines_are_subheadings():
    from articles.templatetags.highlight import is_subheading

    assert is_subheading("思想为先文明培育有温度")
    assert not is_subheading("乌海，是一座充满爱的城市。")
    assert not is_subheading("（完）")
    assert not is_subheading("")


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/compare/?indicator=a%00b", "/?x%00=1", "/regions/510821/?x=%00"])
def test_a_nul_character_in_the_query_string_is_a_400(client, url):
    # the article list answers it with a form error (tests/test_bad_params.py); compare
    # with its form error's 400
    assert client.get(url).status_code == 400


@pytest.mark.django_db
def test_a_nul_character_in_the_admin_autocomplete_is_a_400_not_a_500(admin_client):
    url = "/admin/autocomplete/?app_label=articles&model_name=article&field_name=region&term=%00"
    assert admin_client.get(url).status_code == 400


@pytest.mark.django_db
def test_an_empty_reviewed_only_list_says_whether_anything_was_reviewed(client):
    """``?verified=1`` with no reviewed value anywhere listed "no article matches" (a
    new-user pass): it says nothing was reviewed yet; once something is, an empty list
    says what the box keeps."""
    from articles.models import MetricStatus

    metric = volunteer_metric("510821", 51104, date(2024, 1, 16))
    html = client.get(LIST, {"verified": "1"}).content.decode()
    assert "还没有经人工审核的指标值" in html
    english = client.get(LIST, {"verified": "1", "lang": "en"}).content.decode()
    assert "No value has been reviewed yet" in english
    forget_language(client)
    metric.status = MetricStatus.APPROVED
    metric.save()
    found = client.get(LIST, {"verified": "1"}).content.decode()
    assert "还没有" not in found and "共 1 篇文章" in found
    empty = client.get(LIST, {"verified": "1", "year": "2023"}).content.decode()
    assert "只列出至少有一个经人工审核" in empty and "还没有" not in empty
    assert "没有符合条件的文章：这里" not in client.get(LIST, {"year": "2023"}).content.decode()
