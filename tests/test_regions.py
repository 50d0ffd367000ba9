"""Region pages (issue 10.7): population with its census, a small chart per indicator
(a line only where values may be joined), the region's own metrics grouped by indicator
and paginated, its children with data, and exports of exactly what the page shows; on the
sample page (旺苍县 510821, 35 metrics) and invented articles."""

import csv
import io
import json
from datetime import date
from decimal import Decimal

import pytest

from articles import regions
from articles.compare import joinable, period_length
from articles.models import Metric, MetricStatus
from tests.factories import ArticleFactory, MetricFactory, body_of, region, volunteer_metric

WANGCANG, GUANGYUAN, SICHUAN, JINMEN = "510821", "510800", "510000", "350527"
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def sample(db, seed_text):
    """The sample page, dated as printed (2024-01-16)."""
    from articles.services import ingest_page

    ingest_page(text=seed_text, publication="广元日报", issue_date=date(2024, 1, 16))


def page_ids(response) -> list[int]:
    return [m.pk for b in response.context["data"].shown_blocks for m in b.rows]


# --------------------------------------------------------------------------- joining


@pytest.mark.parametrize(
    ("period", "length"),
    [
        ("2023年", "year"),
        ("全年", "year"),
        ("2023年第一季度", "quarter"),
        ("上半年", "half"),
        ("3月", "month"),
        ("1-5月", None),
        ("1至5月", None),
        ("", None),
    ],
)
def test_period_length_names_one_length_of_time(period, length):
    assert period_length(period) == length


def test_stocks_rates_and_levels_join_flows_only_with_one_period_length():
    def periods(*texts):
        return [{"period": text} for text in texts]

    assert joinable("stock", periods("", "")) and joinable("rate", periods("", ""))
    assert joinable("level", periods("", ""))
    assert joinable("flow", periods("2022年", "2023年"))
    assert joinable("flow", periods("全年", "2023年"))
    assert not joinable("flow", periods("", ""))  # a flow with no stated period is never joined
    assert not joinable("flow", periods("2023年", "2024年上半年"))
    assert not joinable("flow", periods("2023年", ""))


@pytest.mark.django_db
def test_a_stock_over_two_dates_is_a_line_a_flow_without_periods_dots_one_value_single():
    volunteer_metric(WANGCANG, 40000, date(2023, 3, 5))
    volunteer_metric(WANGCANG, 51104, date(2024, 3, 5))
    for published, value in ((date(2023, 3, 5), 800), (date(2024, 3, 5), 1000)):
        volunteer_metric(
            WANGCANG, value, published, indicator_slug="volunteer-activities", unit="场次"
        )
    volunteer_metric(WANGCANG, 12, date(2024, 3, 5), indicator_slug="volunteer-teams", unit="支")
    volunteer_metric(WANGCANG, 45000, None)  # undated: counted, never charted

    data = regions.region_page(region=region(WANGCANG))

    modes = {b.slug: (b.mode, b.count) for b in data.blocks}
    assert modes == {
        "registered-volunteers": ("line", 3),
        "volunteer-activities": ("dots", 2),
        "volunteer-teams": ("single", 1),
    }
    line = next(b for b in data.blocks if b.slug == "registered-volunteers")
    assert line.chart["joined"] is True
    assert line.chart["labels"] == ["2023-03-05", "2024-03-05"]
    assert line.chart["values"] == [40000.0, 51104.0]
    assert line.latest.display == "51,104人"
    dots = next(b for b in data.blocks if b.slug == "volunteer-activities")
    assert dots.chart["joined"] is False


@pytest.mark.django_db
def test_flows_of_one_stated_period_length_are_joined():
    for published, value, period in (
        (date(2023, 1, 5), 800, "2022年"),
        (date(2024, 1, 5), 900, "2023年"),
    ):
        volunteer_metric(
            WANGCANG,
            value,
            published,
            indicator_slug="volunteer-activities",
            unit="场次",
            period=period,
        )
    (block,) = regions.region_page(region=region(WANGCANG)).blocks
    assert (block.mode, block.chart["joined"]) == ("line", True)


# --------------------------------------------------------------------------- the page


@pytest.mark.django_db
def test_the_sample_county_page_shows_population_blocks_and_every_metric_once(client, sample):
    response = client.get("/regions/510821/")
    html = response.content.decode()
    data = response.context["data"]

    assert "常住人口 330,108 人（2020年第七次全国人口普查）" in html
    assert data.metric_page.total == 35 == Metric.objects.filter(region__adcode=WANGCANG).count()
    assert sorted(page_ids(response)) == sorted(
        Metric.objects.filter(region__adcode=WANGCANG).values_list("pk", flat=True)
    )
    teams = next(b for b in data.blocks if b.slug == "volunteer-teams")
    assert (teams.name, teams.unit, teams.kind, teams.count) == ("志愿服务队伍", "支", "stock", 5)
    assert sorted(m.value for m in teams.rows) == [15, 23, 80, 257, 1728]
    # five kinds of teams, parts of one total: the page says their sum, as compare does
    assert teams.latest.display == "≥2,103支（5个分项之和）"
    # unmapped metrics form one block, last (3个社区 of 完成…3个社区9个小区改造 among them: a
    # count of communities reached, no count of renovation projects; and 其中1人获评…道德模范:
    # one person honoured, no count of candidates)
    assert data.blocks[-1].slug is None and data.blocks[-1].count == 8
    # the region is not repeated on every row: its name appears in the path, heading and title
    table = html[html.index('id="metrics-heading"') : html.index('id="articles-heading"')]
    assert "/regions/510821/" not in table and ">地区</th>" not in table
    assert "<mark>51104人</mark>" in table
    assert "19.41万平方米" in table  # 万 form (exact, nothing lost)


@pytest.mark.django_db
def test_a_province_page_counts_children_and_never_mixes_their_metrics_in(client, sample):
    response = client.get("/regions/510000/")
    data = response.context["data"]
    assert data.blocks == [] and data.metric_page.total == 0
    children = {c.adcode: (c.articles, c.metrics) for c in data.children}
    from articles.models import Article

    assert children[GUANGYUAN] == (
        Article.objects.in_region(GUANGYUAN).count(),
        Metric.objects.filter(region__adcode__startswith="5108").count(),
    )
    assert all(n or m for n, m in children.values())
    html = response.content.decode()
    assert "本地区自身没有提取到指标值。" in html
    assert '<a href="/regions/510800/">广元市</a>' in html


@pytest.mark.django_db
def test_a_province_page_says_where_its_childrens_metrics_are_and_that_export_holds_them(
    client, sample
):
    """The metric export is the region's own metrics (what the page lists, none for
    Sichuan); the page says so and points at the article export, which holds every metric
    of the subtree's articles (a new-user pass expected the province's data there)."""
    below = set(
        Metric.objects.filter(region__adcode__startswith="51")
        .exclude(region__adcode=SICHUAN)
        .values_list("pk", flat=True)
    )
    html = client.get("/regions/510000/").content.decode()
    assert "下载本地区自身的指标值：" in html
    assert f"下级地区另有 {len(below)} 个指标值" in html
    english = client.get("/regions/510000/", **EN).content.decode()
    assert "Download this region’s own metrics:" in english
    assert f"The divisions below hold {len(below)} more metrics" in english
    own = b"".join(client.get("/regions/510000/?format=csv").streaming_content)
    own = own.decode("utf-8-sig")
    assert list(csv.DictReader(io.StringIO(own))) == []
    response = client.get("/regions/510000/?format=csv&part=articles")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    exported = {int(r["metric_id"]) for r in csv.DictReader(io.StringIO(text)) if r["metric_id"]}
    assert below and below <= exported


@pytest.mark.django_db
def test_a_county_page_has_no_note_on_metrics_below(client, sample):
    html = client.get(f"/regions/{WANGCANG}/").content.decode()
    assert "下级地区另有" not in html and "下载本地区自身的指标值：" in html


@pytest.mark.django_db
def test_a_region_page_lists_its_subtrees_articles_newest_first_page_by_page(client):
    """The page's ids are read first and their rows by primary key (``Article.among``):
    the same articles in the same order as the subtree's ordered list, on every page."""
    from articles.models import Article

    for i in range(40):
        county = (WANGCANG, "510822", "510104", "110101")[i % 4]  # 110101: not in Sichuan
        day = date(2024, 1 + i % 12, 1 + i % 5) if i % 7 else None  # some undated
        ArticleFactory(region=region(county), published=day, title=f"文章{i}")
    expected = list(Article.objects.in_region(SICHUAN).values_list("pk", flat=True))
    assert len(expected) == 30
    response = client.get(f"/regions/{SICHUAN}/")
    first = response.context["articles"]
    second = client.get(f"/regions/{SICHUAN}/?page=2").context["articles"]
    assert [a.pk for a in first + second] == expected
    # the count of the subtree's articles heads the list and makes two pages
    assert response.context["page_obj"].paginator.count == 30
    assert "文章（30）" in response.content.decode()
    assert client.get(f"/regions/{SICHUAN}/?page=3").status_code == 400
    # each row carries the name its line shows, read with it (plain rows, no query a row)
    assert [(a.region.adcode, a.region.name) for a in first[:4]] == [
        (r.adcode, r.name) for r in (Article.objects.get(pk=a.pk).region for a in first[:4])
    ]
    beijing = client.get("/regions/110000/").context["articles"]
    assert [a.pk for a in beijing] == list(
        Article.objects.in_region("110000").values_list("pk", flat=True)
    )
    assert len(beijing) == 10
    assert client.get(f"/regions/{JINMEN}/").context["articles"] == []  # none: no error


@pytest.mark.django_db
def test_population_of_a_prefecture_sums_its_counties_and_a_missing_one_says_so(client):
    guangyuan = regions.population(region(GUANGYUAN))
    assert (guangyuan.residents, guangyuan.year, guangyuan.counties) == (2305657, 2020, 7)
    assert regions.population(region(JINMEN)) is None
    # a county: its own 2020 figure (another year's row left out), no counties summed
    from articles.models import Population

    county = region("510821")
    census = Population.objects.get(region=county, year=2020).residents
    Population.objects.create(region=county, year=2010, residents=1)
    assert regions.population(county) == (census, 2020, 0) and census > 0
    html = client.get(f"/regions/{JINMEN}/").content.decode()
    assert "没有该地区的人口数据（2020年第七次全国人口普查）。" in html
    html = client.get(f"/regions/{GUANGYUAN}/").content.decode()
    assert "常住人口 2,305,657 人（7 个县级单位合计，2020年第七次全国人口普查）" in html


@pytest.mark.django_db
def test_the_metric_list_pages_in_block_order(client, sample, monkeypatch):
    monkeypatch.setattr(regions.metric_list, "METRICS_PER_PAGE", 10)
    seen = []
    for number in (1, 2, 3, 4):
        response = client.get("/regions/510821/", {"mpage": number})
        assert response.context["data"].metric_page.number == number
        seen += page_ids(response)
    assert len(seen) == len(set(seen)) == 35
    last = client.get("/regions/510821/", {"mpage": "4"}).context["data"].metric_page
    assert (last.number, last.start, last.end) == (4, 31, 35)
    # a metric page that does not exist is a 400 naming mpage, as the article pages' (views.paginate)
    for missing in ("5", "99", "0", "x"):
        assert client.get("/regions/510821/", {"mpage": missing}).status_code == 400
    exported = list(
        csv.DictReader(
            io.StringIO(body_of(client.get("/regions/510821/?format=csv")).decode("utf-8-sig"))
        )
    )
    assert [int(r["metric_id"]) for r in exported] == seen  # the page's order


@pytest.mark.django_db
def test_verified_shows_reviewed_metrics_only(client, sample):
    metric = Metric.objects.get(region__adcode=WANGCANG, value=51104)
    metric.status = MetricStatus.APPROVED
    metric.save()
    data = client.get("/regions/510821/?verified=1").context["data"]
    assert [(b.slug, b.count) for b in data.blocks] == [("registered-volunteers", 1)]


# --------------------------------------------------------------------------- exports


@pytest.mark.django_db
def test_exports_are_named_after_the_region_and_hold_what_the_page_shows(client, sample):
    page = client.get("/regions/510821/")
    html = page.content.decode()
    assert 'href="?format=csv"' in html and 'href="?format=json"' in html
    assert 'href="?format=csv&amp;part=articles"' in html

    response = client.get("/regions/510821/?format=csv")
    assert response["Content-Disposition"] == 'attachment; filename="wangcang-510821-metrics.csv"'
    rows = list(csv.DictReader(io.StringIO(body_of(response).decode("utf-8-sig"))))
    assert sorted(int(r["metric_id"]) for r in rows) == sorted(page_ids(page))
    volunteers = next(r for r in rows if r["indicator"] == "registered-volunteers")
    assert (volunteers["value"], volunteers["display"], volunteers["published"]) == (
        "51104",
        "51,104人",
        "2024-01-16",
    )
    assert {r["metric_region_adcode"] for r in rows} == {WANGCANG}
    assert volunteers["article_url"].startswith("http://testserver/articles/")

    response = client.get("/regions/510821/?format=json")
    assert response["Content-Disposition"] == 'attachment; filename="wangcang-510821-metrics.json"'
    doc = json.loads(body_of(response))
    assert doc["population"] == {"residents": 330108, "census_year": 2020, "counties_summed": 0}
    assert len(doc["rows"]) == 35
    teams = next(i for i in doc["indicators"] if i["indicator"] == "volunteer-teams")
    assert teams == {
        "indicator": "volunteer-teams",
        "name": "志愿服务队伍",
        "unit": "支",
        "kind": "stock",
        "metrics": 5,
        "chart": "single",
        "latest": {
            "published": "2024-01-16",
            "value": "2103",
            "bound": "lower",
            "parts": 5,
            "display": "≥2,103支（5个分项之和）",
        },
    }

    articles = client.get("/regions/510000/?format=csv&part=articles")
    assert articles["Content-Disposition"] == 'attachment; filename="sichuan-510000-articles.csv"'
    assert client.get("/regions/510821/?format=csv&part=x").status_code == 400


# --------------------------------------------------------------------------- English


@pytest.mark.django_db
def test_english_region_page_names_places_units_and_census_in_english(client, sample):
    html = client.get("/regions/510821/?lang=en").content.decode()
    assert "<h1>Wangcang County <small" in html
    assert '<a href="/regions/510800/">Guangyuan City</a>' in html
    assert "Resident population 330,108 (2020 census)" in html
    assert 'Registered volunteers <span class="muted">(persons)</span>' in html
    assert '<td class="num">51,104 persons</td><td class="date">2024-01-16</td>' in html
    # the index links each indicator to its block, keeping the language
    assert '<a href="?lang=en&amp;mpage=1#indicator-1">Back alleys renovated</a>' in html
    html = client.get("/regions/510000/?lang=en").content.decode()
    assert '<a href="/regions/510800/">Guangyuan City</a></td>' in html


@pytest.mark.django_db
@pytest.mark.parametrize(("adcode", "queries"), [(WANGCANG, 6), (GUANGYUAN, 7), (SICHUAN, 7)])
def test_a_region_page_runs_the_same_queries_with_more_metrics(
    client, sample, django_assert_num_queries, adcode, queries
):
    """County: region, its metrics' narrow rows, the page's metrics (with the charted
    points' articles), population, article count and page; prefecture and province: the
    subtree's metric counts say they have no metrics of their own (none read), then the
    divisions below and their articles per division."""
    with django_assert_num_queries(queries):
        client.get(f"/regions/{adcode}/")
    for county in (WANGCANG, "510822", "510104"):
        article = ArticleFactory(region=region(county), published=date(2024, 6, 1))
        for value in range(80):
            MetricFactory(article=article, value=Decimal(value), unit="人")
    # the county's second metric page (it has three now); the others have one (?mpage=2
    # would be a 400)
    later = "?mpage=2" if adcode == WANGCANG else "?mpage=1"
    with django_assert_num_queries(queries):
        assert client.get(f"/regions/{adcode}/{later}").status_code == 200


@pytest.mark.django_db
def test_a_metric_page_lists_newer_articles_first_whatever_the_ids(client, monkeypatch):
    """The page's ids are chosen in block order inside the statement; the rows read for
    them keep that order (not their ids' or the model's, which differs for undated
    articles on PostgreSQL), the order of the export."""
    older = volunteer_metric("510821", 1, date(2023, 1, 1))
    newer = volunteer_metric("510821", 2, date(2024, 1, 1))
    volunteer_metric("510821", 3, None)
    shown = page_ids(client.get("/regions/510821/"))
    assert shown.index(newer.pk) < shown.index(older.pk)
    exported = csv.DictReader(
        io.StringIO(body_of(client.get("/regions/510821/?format=csv")).decode("utf-8-sig"))
    )
    assert [int(r["metric_id"]) for r in exported] == shown
    monkeypatch.setattr(regions.metric_list, "METRICS_PER_PAGE", 1)
    pages = [page_ids(client.get("/regions/510821/", {"mpage": n})) for n in (1, 2, 3)]
    assert pages == [[pk] for pk in shown]


@pytest.mark.django_db
def test_a_chart_keeps_one_point_per_date_the_one_compare_would_take():
    """Of metrics of one indicator, unit and date, a chart point is ``latest_first``'s
    first: the newer article's, then within one article the reviewed one, then the larger
    value; its text, article and evidence are that metric's own."""
    day = date(2024, 3, 1)
    older = volunteer_metric(WANGCANG, 10, day, status=MetricStatus.APPROVED)
    newer = volunteer_metric(WANGCANG, 20, day)
    assert newer.article_id > older.article_id
    volunteer_metric(WANGCANG, 99, date(2024, 2, 1), status=MetricStatus.REJECTED)
    volunteer_metric(WANGCANG, 30, date(2024, 1, 1))
    points = regions.chart_points(region(WANGCANG))[("registered-volunteers", "人")]
    assert [(p.date, p.value) for p in points] == [(date(2024, 1, 1), 30), (day, 20)]
    assert points[1].article_url.endswith(f"/articles/{newer.article_id}/")
    assert points[1].display == "20人" and points[1].evidence == newer.article.body
    # one article, two values of that date: the reviewed one, though smaller
    MetricFactory(
        article=newer.article,
        indicator=newer.indicator,
        value=Decimal("5"),
        status=MetricStatus.CORRECTED,
    )
    points = regions.chart_points(region(WANGCANG))[("registered-volunteers", "人")]
    assert [p.value for p in points] == [30, 5]
    assert regions.chart_points(region(WANGCANG), verified=True)[
        ("registered-volunteers", "人")
    ] == [points[1]]


@pytest.mark.django_db
@pytest.mark.parametrize("adcode", ["510000", "510800", "510821", "110101", "810000"])
def test_a_region_by_adcode_is_what_select_related_gives(adcode, django_assert_num_queries):
    """``region_lookup.region_by_adcode`` (one compiled statement): every column of the
    region and of each ancestor, the path read with no further query; None for an
    unknown adcode."""
    from articles.models import Region
    from articles.region_lookup import region_by_adcode

    want = Region.objects.select_related("parent__parent").get(adcode=adcode)
    with django_assert_num_queries(1):
        got = region_by_adcode(adcode)
        chain = got.path()
    assert [r.adcode for r in chain] == [r.adcode for r in want.path()]
    for mine, theirs in zip(chain, want.path(), strict=True):
        assert {f.attname: getattr(mine, f.attname) for f in Region._meta.concrete_fields} == {
            f.attname: getattr(theirs, f.attname) for f in Region._meta.concrete_fields
        }
        assert mine._state.adding is False and mine._state.db == theirs._state.db
    assert region_by_adcode("987654") is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lang", "said"),
    [("zh-hans", "还没有关于本地区的文章。"), ("en", "No articles about this region yet.")],
)
def test_a_region_without_articles_says_so_not_that_no_article_matches_filters(client, lang, said):
    """青川县 has no article: its page says so (it said 'No articles match these
    filters.' with no filter set, a new-user pass); the list page keeps its wording."""
    ArticleFactory(region=region(WANGCANG))
    html = client.get("/regions/510822/", {"lang": lang}).content.decode()
    assert f'<li class="empty">{said}</li>' in html
    listed = client.get("/articles/", {"region": "510822", "lang": lang}).content.decode()
    assert said not in listed and '<li class="empty">' in listed
    assert "No articles match these filters." in listed or "没有符合条件的文章。" in listed


@pytest.mark.django_db
def test_the_note_on_joined_lines_stands_only_above_drawn_charts(client, sample):
    """The note "values are joined by a line only where…" stood on pages that draw no
    chart (旺苍县 of the sample: one value per indicator; a new-user pass)."""
    note = "只有同类、可衔接的数值（存量、比率、标准，或统计期相同的流量）才连成折线；其余只画点。"
    assert note not in client.get(f"/regions/{WANGCANG}/").content.decode()
    volunteer_metric(WANGCANG, 40000, date(2023, 1, 5))  # a second date: a chart
    html = client.get(f"/regions/{WANGCANG}/").content.decode()
    assert note in html and "chart-data" in html


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_the_blocks_come_in_the_order_of_their_names_as_the_reader_sees_them(
    client, sample, monkeypatch, lang
):
    """By slug the blocks read as unsorted (a new-user pass: "Air-quality composite index,
    Change of the air quality composite index, Assistance funds ..."): English names
    alphabetically, Chinese in pinyin order as the compare picker lists them (by code
    point, the radical-and-stroke order, 养老 came before 低保); the metric list's pages
    and the CSV follow the same order."""
    from articles.names import pinyin_sort_key

    monkeypatch.setattr(regions.metric_list, "METRICS_PER_PAGE", 10)
    first = client.get("/regions/510821/", {"lang": lang})
    blocks = first.context["data"].blocks
    names = [b.name for b in blocks if b.slug]
    assert len(names) >= 5
    assert names == sorted(names, key=str.casefold if lang == "en" else pinyin_sort_key)
    if lang != "en":
        assert names != sorted(names)  # not the code points' order
    assert names != sorted(names, key=lambda n: [b.slug for b in blocks if b.name == n][0])
    seen = []
    for number in range(1, first.context["data"].metric_page.pages + 1):
        seen += page_ids(client.get("/regions/510821/", {"lang": lang, "mpage": number}))
    exported = client.get("/regions/510821/", {"lang": lang, "format": "csv"})
    rows = csv.DictReader(io.StringIO(body_of(exported).decode("utf-8-sig")))
    assert [int(r["metric_id"]) for r in rows] == seen


@pytest.mark.django_db
def test_an_export_asked_for_in_english_is_written_in_english(client, sample):
    """A streamed export builds its rows while they are sent, after the view returned
    and ``?lang=en`` had ended: a region's CSV named its indicators and wrote its values
    in Chinese (健身器材, 25套) under an English page."""
    from articles.models import Indicator

    english = {i.slug: i.name_en for i in Indicator.objects.all()}
    response = client.get("/regions/510821/", {"lang": "en", "format": "csv"})
    rows = list(csv.DictReader(io.StringIO(body_of(response).decode("utf-8-sig"))))
    named = [r for r in rows if r["indicator"]]
    assert named and all(r["indicator_name"] == english[r["indicator"]] for r in named)
    assert "51,104 persons" in {r["display"] for r in rows}
