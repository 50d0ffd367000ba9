"""The export schema (articles/exports/): JSON dicts and CSV rows with exact values."""

import csv
import io
import json
from datetime import date
from decimal import Decimal

import pytest

from articles.exports import CSV_COLUMNS, serialize_articles, write_csv
from articles.formatting import plain_decimal as decimal_str
from articles.models import Article, MetricStatus
from tests.factories import ArticleFactory, MetricFactory, indicator, region, topic

BODY = "全县发放养老金931000000元，惠及居民近3万人。"


@pytest.fixture
def article():
    a = ArticleFactory(
        title="旺苍县养老金发放",
        subtitle="惠及近3万人",
        byline="◎ 记者 张三",
        body=BODY,
        region=region("510821"),
        topic=topic("social-security"),
        published=date(2024, 3, 5),
    )
    MetricFactory(
        article=a,
        position=0,
        indicator=indicator("pension-benefits-paid"),
        label="发放养老金",
        value=Decimal("931000000"),
        unit="元",
        evidence_start=BODY.index("发放"),
        evidence_end=BODY.index("元") + 1,
    )
    MetricFactory(
        article=a,
        position=1,
        indicator=None,
        label="惠及居民",
        value=Decimal("30000"),
        unit="人",
        approx=True,
        bound="upper",
        evidence_start=BODY.index("惠及"),
        evidence_end=BODY.index("人。") + 1,
    )
    MetricFactory(article=a, position=2, status=MetricStatus.REJECTED, label="驳回的")
    return a


@pytest.mark.parametrize(
    "value, expected",
    [
        (Decimal("931000000.0000"), "931000000"),
        (Decimal("15.5000"), "15.5"),
        (Decimal("0.0000"), "0"),
        (Decimal("1E+3"), "1000"),
        (None, None),
    ],
)
def test_decimal_str_writes_plain_normalized_numbers(value, expected):
    assert decimal_str(value) == expected


@pytest.mark.django_db
def test_serialize_articles_gives_the_schema_with_exact_values(article):
    [item] = serialize_articles(Article.objects.filter(pk=article.pk))
    assert item["id"] == article.pk
    assert item["title"] == "旺苍县养老金发放"
    assert item["subtitle"] == "惠及近3万人"
    assert item["byline"] == "◎ 记者 张三"
    assert item["kind"] == "news"
    assert item["published"] == "2024-03-05"
    assert item["region"] == {"adcode": "510821", "name": "旺苍县", "level": "county"}
    assert item["topic"] == "social-security"
    assert item["body"] == BODY
    assert item["url"] == f"/articles/{article.pk}/"
    assert item["source_url"] is None
    assert item["source"] == "测试报"
    ids = list(article.metrics.order_by("position", "pk").values_list("pk", flat=True))
    own_region = {
        "metric_region_adcode": "510821",
        "metric_region_name": "旺苍县",
        "metric_region_level": "county",
    }
    review = {"part_group": None, "part_role": None, "status": "extracted", "edited": False}
    assert item["metrics"] == [
        {
            "metric_id": ids[0],
            **own_region,
            **review,
            "indicator": "pension-benefits-paid",
            "label": "发放养老金",
            "value": "931000000",
            "value_max": None,
            "unit": "元",
            "approx": False,
            "bound": None,
            "previous_value": None,
            "period": None,
            "evidence": "发放养老金931000000元",
            "sentence": BODY,  # one sentence: the whole body
            "target": False,
        },
        {
            "metric_id": ids[1],
            **own_region,
            **review,
            "indicator": None,
            "label": "惠及居民",
            "value": "30000",
            "value_max": None,
            "unit": "人",
            "approx": True,
            "bound": "upper",
            "previous_value": None,
            "period": None,
            "evidence": "惠及居民近3万人",
            "sentence": BODY,
            "target": False,
        },
    ]


@pytest.mark.django_db
def test_serialize_articles_handles_an_article_without_region_topic_or_date():
    a = ArticleFactory(url="https://example.org/a.html")
    [item] = serialize_articles(Article.objects.filter(pk=a.pk))
    assert item["region"] is None
    assert item["topic"] is None
    assert item["published"] is None
    assert item["metrics"] == []
    assert item["source_url"] == "https://example.org/a.html"


@pytest.mark.django_db
def test_serialize_articles_runs_two_queries_however_many_articles(
    article, django_assert_num_queries
):
    for _ in range(5):
        MetricFactory(article=ArticleFactory(region=region("510800"), topic=topic("health")))
    with django_assert_num_queries(2):
        items = serialize_articles(Article.objects.all())
    assert len(items) == 6


@pytest.mark.django_db
def test_serialize_articles_keeps_the_queryset_order():
    first = ArticleFactory(title="b 乙")
    second = ArticleFactory(title="a 甲")
    ids = [i["id"] for i in serialize_articles(Article.objects.order_by("-title"))]
    assert ids == [first.pk, second.pk]


@pytest.mark.django_db
def test_write_csv_writes_a_bom_a_header_and_one_row_per_shown_metric(article):
    bare = ArticleFactory(title="没有指标的文章", body="无数字。")
    out = io.StringIO()
    count = write_csv(Article.objects.all(), out)
    text = out.getvalue()
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:])))
    assert rows[0] == CSV_COLUMNS
    assert count == 3
    assert len(rows) == 4
    by_title = {r[1]: dict(zip(CSV_COLUMNS, r, strict=True)) for r in rows[1:]}
    empty = by_title["没有指标的文章"]  # an article without metrics is still listed
    assert empty["article_id"] == str(bare.pk) and empty["value"] == "" and empty["unit"] == ""
    assert empty["article_url"] == bare.get_absolute_url()
    records = [dict(zip(CSV_COLUMNS, r, strict=True)) for r in rows[1:]]
    mine = [r for r in records if r["article_id"] == str(article.pk)]  # in metric order
    record = mine[0]
    assert record["article_id"] == str(article.pk)
    assert record["article_title"] == "旺苍县养老金发放"
    assert record["region_adcode"] == "510821"
    assert record["region_name"] == "旺苍县"
    assert record["topic"] == "social-security"
    assert record["indicator"] == "pension-benefits-paid"
    assert record["value"] == "931000000"
    assert record["unit"] == "元"
    assert record["approx"] == "false"
    assert record["evidence"] == "发放养老金931000000元"
    second = mine[1]
    assert (second["approx"], second["bound"], second["value"]) == ("true", "upper", "30000")


@pytest.mark.django_db
def test_write_csv_defuses_text_a_spreadsheet_would_run_as_a_formula():
    a = ArticleFactory(title='=HYPERLINK("http://x")', body="=1+1 共10人")
    MetricFactory(article=a, value=Decimal("-5"), evidence_start=0, evidence_end=4)
    out = io.StringIO()
    write_csv(Article.objects.all(), out)
    row = dict(zip(CSV_COLUMNS, list(csv.reader(io.StringIO(out.getvalue()[1:])))[1], strict=True))
    assert row["article_title"] == '\'=HYPERLINK("http://x")'
    assert row["evidence"] == "'=1+1"
    assert row["value"] == "-5"


@pytest.mark.django_db
def test_a_countys_figure_in_a_city_article_is_exported_with_the_countys_region(client):
    from articles.services import ingest_page
    from tests.factories import body_of, json_of

    text = "广元市实名注册志愿者人数持续增长，其中苍溪县8.6万人，昭化区4.1万人。"
    ingest_page(text=text, filename="guangyuan.txt")
    [doc] = json_of(client.get("/articles/", {"format": "json"}))
    assert doc["region"]["adcode"] == "510800"
    assert [
        (m["value"], m["metric_region_adcode"], m["metric_region_name"]) for m in doc["metrics"]
    ] == [
        ("86000", "510824", "苍溪县"),
        ("41000", "510811", "昭化区"),
    ]
    lines = body_of(client.get("/articles/", {"format": "csv"})).decode("utf-8-sig").splitlines()
    header = lines[0].split(",")
    rows = [dict(zip(header, line.split(","), strict=True)) for line in lines[1:]]
    assert [
        (r["region_adcode"], r["metric_region_adcode"], r["metric_region_level"]) for r in rows
    ] == [
        ("510800", "510824", "county"),
        ("510800", "510811", "county"),
    ]


@pytest.mark.django_db
def test_region_and_article_pages_export_through_the_same_writer(client, article):
    from tests.factories import body_of

    elsewhere = ArticleFactory(region=region("110101"))
    MetricFactory(article=elsewhere)
    response = client.get("/regions/510000/?format=csv&part=articles")
    assert response["Content-Disposition"] == 'attachment; filename="sichuan-510000-articles.csv"'
    text = body_of(response).decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(text[1:])))
    assert text.startswith("\ufeff") and list(rows[0]) == CSV_COLUMNS
    assert {r["article_id"] for r in rows} == {str(article.pk)}  # Sichuan's subtree only
    assert [r["value"] for r in rows] == ["931000000", "30000"]  # the rejected one left out
    one = client.get(f"/articles/{article.pk}/?format=json")
    [item] = json.loads(body_of(one))
    assert item["id"] == article.pk and len(item["metrics"]) == 2
    assert client.get(f"/articles/{article.pk}/?format=xml").status_code == 400


def _streamed(response) -> str:
    return b"".join(response.streaming_content).decode("utf-8-sig")


@pytest.mark.django_db
def test_the_site_exports_link_each_article_absolutely_on_the_requests_host(client, article):
    """A downloaded file's links must work outside the site: the list's, the article's
    and the region's article exports carry ``http://host/articles/<id>/``; the
    management command (no request) keeps site-relative links."""
    expected = f"http://testserver/articles/{article.pk}/"
    listed = csv.DictReader(io.StringIO(_streamed(client.get("/articles/?format=csv"))))
    assert {row["article_url"] for row in listed} == {expected}
    [document] = json.loads(_streamed(client.get("/articles/?format=json")))
    assert document["url"] == expected
    one = json.loads(_streamed(client.get(f"/articles/{article.pk}/?format=json")))
    assert one[0]["url"] == expected
    region_csv = _streamed(client.get("/regions/510821/?format=csv&part=articles"))
    assert {row["article_url"] for row in csv.DictReader(io.StringIO(region_csv))} == {expected}
    assert serialize_articles(Article.objects.filter(pk=article.pk))[0]["url"] == (
        f"/articles/{article.pk}/"
    )
