"""factory_boy factories for rows a test invents. Reference data (regions, topics,
indicators) comes from the migrations: look it up by natural key, don't invent it."""

from decimal import Decimal

import factory

from articles import compare_winners
from articles.aggregates import refresh_coverage
from articles.article_counts import articles_added
from articles.models import Article, Indicator, Metric, Publication, Region, SourcePage, Topic


def region(adcode: str) -> Region:
    return Region.objects.get(adcode=adcode)


def topic(slug: str) -> Topic:
    return Topic.objects.get(slug=slug)


def indicator(slug: str) -> Indicator:
    return Indicator.objects.get(slug=slug)


class PublicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Publication
        django_get_or_create = ("name",)

    name = "测试报"


class SourcePageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SourcePage

    publication = factory.SubFactory(PublicationFactory)
    sha256 = factory.Sequence(lambda n: f"{n:064x}")
    raw_text = "测试版面"


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    page = factory.SubFactory(SourcePageFactory)
    position = factory.Sequence(lambda n: n)
    kind = "news"
    title = factory.Sequence(lambda n: f"测试文章{n}")
    body = "截至目前，实名注册志愿者总数51104人，占常住人口的15%。"


class MetricFactory(factory.django.DjangoModelFactory):
    """A metric whose evidence is the whole article body unless told otherwise."""

    class Meta:
        model = Metric

    article = factory.SubFactory(ArticleFactory)
    region = factory.LazyAttribute(lambda m: m.article.region)
    value = Decimal("51104")
    unit = "人"
    label = "实名注册志愿者总数"
    evidence_start = 0
    evidence_end = factory.LazyAttribute(lambda m: len(m.article.body))


class StaffUserFactory(factory.django.DjangoModelFactory):
    """A staff superuser who may use the admin (password ``pw``)."""

    class Meta:
        model = "auth.User"
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"staff{n}")
    is_staff = True
    is_superuser = True
    password = factory.django.Password("pw")


def volunteer_metric(adcode: str, value, published, *, unit: str = "人", **kwargs) -> Metric:
    """A registered-volunteers metric for the region ``adcode`` from an article published on
    ``published`` (a date or None); extra keyword arguments go to the Metric."""
    area = region(adcode)
    article_kwargs = {
        key[len("article__") :]: kwargs.pop(key)
        for key in list(kwargs)
        if key.startswith("article__")
    }
    article = ArticleFactory(region=area, published=published, **article_kwargs)
    return MetricFactory(
        article=article,
        indicator=indicator(kwargs.pop("indicator_slug", "registered-volunteers")),
        value=Decimal(str(value)),
        unit=unit,
        **kwargs,
    )


def body_of(response) -> bytes:
    """The bytes of a response, streamed (exports) or not."""
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def picker_options(client, html: str) -> list[list[str]]:
    """The compare page's region picker options, as ``static/js/region-picker.js`` reads
    them: a GET of the page's ``data-options-url``; ``[[adcode, name, path], ...]``. Fails
    unless the URL is on the page once per picker input and answers 200."""
    import html as markup
    import re

    urls = set(re.findall(r'data-options-url="([^"]+)"', html))
    assert len(urls) == 1, urls
    response = client.get(markup.unescape(urls.pop()))
    assert response.status_code == 200, response.content
    return json_of(response)["regions"]


def forget_language(client) -> None:
    """Drop the test client's language cookie: a ``?lang=`` link keeps its language there
    for the pages opened after it (``govreports.middleware``), and a test whose next
    request means the default reader starts again from none."""
    from django.conf import settings

    client.cookies.pop(settings.LANGUAGE_COOKIE_NAME, None)


def json_of(response):
    """The JSON document of a response, streamed (exports) or not."""
    import json

    return json.loads(body_of(response))


def county_metrics(n: int, *, slug: str = "registered-volunteers", published=None) -> list[str]:
    """One metric of ``slug`` for each of the first ``n`` counties (by adcode) of the
    gazetteer, from one article per county, value ``1000 + 7 * i`` persons (all distinct),
    made with ``bulk_create`` (3,000 in about a second). Returns the adcodes, in the order
    of their values, largest first."""
    from datetime import date as _date

    counties = list(Region.objects.filter(level="county").order_by("adcode")[:n])
    assert len(counties) == n, f"the gazetteer has {len(counties)} counties, {n} asked"
    page = SourcePageFactory()
    body = "全县实名注册志愿者达51104人。"
    articles = Article.objects.bulk_create(
        Article(
            page=page,
            position=i,
            kind="news",
            title=f"{r.name}志愿服务",
            body=body,
            region=r,
            published=published or _date(2024, 1, 16),
        )
        for i, r in enumerate(counties)
    )
    Metric.objects.bulk_create(
        Metric(
            article=a,
            published=a.published,
            region=a.region,
            indicator=indicator(slug),
            value=Decimal(1000 + 7 * i),
            unit="人",
            label="实名注册志愿者",
            evidence_start=2,
            evidence_end=len(body) - 1,
            sentence_start=0,
            sentence_end=len(body),
        )
        for i, a in enumerate(articles)
    )
    # bulk_create sends no signals: keep the indicator coverage in step as ingest does
    refresh_coverage([indicator(slug).pk])
    compare_winners.refresh((indicator(slug).pk, a.region_id) for a in articles)
    articles_added([(a.region_id, a.topic_id) for a in articles], [page.pk])
    return [r.adcode for r in reversed(counties)]
