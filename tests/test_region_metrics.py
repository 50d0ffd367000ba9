"""``region_metrics.read`` (the region page's two statements) gives what
``regions.summaries``, ``chart_points`` and ``metric_page`` give, on data that makes each
rule matter: several values of one indicator, unit and date (newer article, reviewed,
larger value), targets, rejected metrics, undated articles, unmapped metrics, two units
of one indicator, and pages cut inside a block."""

import json
from datetime import date
from decimal import Decimal

import pytest

from articles import charts, region_metrics, regions
from articles.models import Article, Metric, MetricStatus
from tests.factories import ArticleFactory, MetricFactory, indicator, region, volunteer_metric

WANGCANG = "510821"
pytestmark = pytest.mark.django_db


@pytest.fixture
def mixed():
    """23 metrics of 旺苍县 whose blocks, points and order each rule decides."""
    day = date(2024, 3, 1)
    volunteer_metric(WANGCANG, 10, day, status=MetricStatus.APPROVED)
    newer = volunteer_metric(WANGCANG, 20, day)
    # one article, several values of that date: the reviewed one wins, though smaller
    MetricFactory(article=newer.article, indicator=newer.indicator, value=Decimal("5"))
    MetricFactory(
        article=newer.article,
        indicator=newer.indicator,
        value=Decimal("4"),
        status=MetricStatus.CORRECTED,
    )
    # the larger of two unreviewed values of one article
    pair = volunteer_metric(WANGCANG, 7, date(2023, 5, 1))
    MetricFactory(article=pair.article, indicator=pair.indicator, value=Decimal("9"))
    volunteer_metric(WANGCANG, 99, date(2024, 2, 1), status=MetricStatus.REJECTED)
    volunteer_metric(WANGCANG, 30, date(2024, 1, 1), target=True)  # listed, never charted
    volunteer_metric(WANGCANG, 31, None)  # undated: listed, never charted
    volunteer_metric(WANGCANG, 6000, date(2023, 3, 5), unit="人次")
    teams = indicator("volunteer-teams")
    for i in range(8):
        article = ArticleFactory(region=region(WANGCANG), published=date(2022, 1 + i, 3))
        MetricFactory(article=article, indicator=teams, value=Decimal(100 + i), unit="支")
    unmapped = ArticleFactory(region=region(WANGCANG), published=date(2024, 4, 1))
    for unit in ("个", "处", "个"):
        MetricFactory(article=unmapped, indicator=None, unit=unit, value=Decimal(3))
    approved = volunteer_metric(WANGCANG, 12, date(2021, 6, 1), status=MetricStatus.APPROVED)
    volunteer_metric(WANGCANG, 13, date(2021, 6, 1), status=MetricStatus.MANUAL)
    MetricFactory(article=approved.article, indicator=approved.indicator, value=Decimal(50))


def point_fields(points, full: bool):
    return [
        (p.date, p.value, p.article_url, p.period, p.unit, p.bound, p.approx, p.value_max)
        + ((p.article_title, p.evidence) if full else ())
        for p in points
    ]


@pytest.mark.parametrize("verified", [False, True])
@pytest.mark.parametrize("per_page", [50, 4, 3])
def test_read_gives_the_blocks_points_and_rows_of_the_three_statements(
    mixed, monkeypatch, verified, per_page
):
    monkeypatch.setattr(regions.metric_list, "METRICS_PER_PAGE", per_page)
    place = region(WANGCANG)
    expected = regions.summaries(place, verified)
    points = regions.chart_points(place, verified)
    assert expected and any(len(p) > 1 for p in points.values())
    pages = -(-sum(b.count for b in expected) // per_page)
    for number in range(1, pages + 1):
        expected = regions.summaries(place, verified)
        expected_page = regions.metric_page(place, expected, number, verified)
        blocks, page = region_metrics.read(place, number, verified)
        assert page == expected_page
        assert [(b.slug, b.name, b.unit, b.kind, b.count, b.page) for b in blocks] == [
            (b.slug, b.name, b.unit, b.kind, b.count, b.page) for b in expected
        ]
        for got, want in zip(blocks, expected, strict=True):
            assert [m.pk for m in got.rows] == [m.pk for m in want.rows]
            assert [m.snippet for m in got.rows] == [m.snippet for m in want.rows]
            assert [m.article_url for m in got.rows] == [m.article_url for m in want.rows]
            # every point; title and evidence where the page draws the block's chart
            want_points = points.get((want.slug, want.unit), [])
            full = bool(want.rows)
            # the latest read first: a block not charted makes it alone (defer_points)
            latest = got.latest
            assert point_fields(got.points, full) == point_fields(want_points, full)
            if want_points:
                assert point_fields([latest], full) == point_fields(want_points[-1:], full)
                assert got.points[-1] is latest  # made once, then one of the points
            else:
                assert latest == got.undated
            assert got.latest is latest


def test_a_page_of_a_region_without_metrics_of_its_own_reads_once(django_assert_num_queries):
    volunteer_metric(WANGCANG, 10, date(2024, 3, 1))
    prefecture, county = region("510800"), region(WANGCANG)
    with django_assert_num_queries(1):
        blocks, page = region_metrics.read(prefecture, 1)
    assert blocks == [] and page.total == 0 and page.number == 1
    with django_assert_num_queries(2):
        blocks, page = region_metrics.read(county, 1)
    assert [p.value for p in blocks[0].points] == [Decimal(10)] and page.total == 1


def test_a_province_with_metrics_of_its_own_shows_them(client, django_assert_num_queries):
    """A province's own metrics (a clause about the whole province) are read when the
    counts kept at write time say it has some, and only then; reviewed ones with
    ``verified=1``."""
    volunteer_metric(WANGCANG, 10, date(2024, 3, 1))
    page = client.get("/regions/510000/").context["data"]
    assert page.blocks == [] and page.metric_page.total == 0
    assert [c.metrics for c in page.children] == [1]
    own = volunteer_metric("510000", 70, date(2024, 5, 1))
    with django_assert_num_queries(9):  # + the narrow rows and the page's metrics
        page = client.get("/regions/510000/").context["data"]
    assert [m.pk for b in page.blocks for m in b.rows] == [own.pk]
    assert page.metric_page.total == 1 and [c.metrics for c in page.children] == [1]
    assert client.get("/regions/510000/?verified=1").context["data"].blocks == []
    Metric.objects.filter(pk=own.pk).update(status=MetricStatus.APPROVED)
    page = client.get("/regions/510000/?verified=1").context["data"]
    assert [m.pk for b in page.blocks for m in b.rows] == [own.pk]


@pytest.mark.parametrize(
    "body",
    [
        "截至目前，实名注册志愿者总数51104人，占常住人口的15%。另有志愿服务队伍三百余支。",
        "志愿者总数51104人，另有服务队三百余支，全年开展活动千场",  # 30 characters
        "志愿者总数51104人，另有服务队三百余支，全年开展活动千场。",  # 31
        "志愿者总数51104人。",
    ],
)
def test_detail_rows_are_what_the_orm_reads(body):
    """``region_metrics.details`` (one compiled statement, plain rows) gives each metric's
    columns, sentence, evidence and its article's ``display_title`` as the ORM's
    ``Metric``/``Article`` give them; an untitled article's title is its body's first 30
    characters, then … only when the body is longer."""
    untitled = volunteer_metric(
        WANGCANG,
        51104,
        date(2024, 3, 1),
        article__title="",
        article__body=body,
        evidence_start=5,
        evidence_end=13,
        sentence_start=0,
        sentence_end=14,
    )
    titled = volunteer_metric(WANGCANG, 12, None, bound="lower", approx=True)
    ranged = volunteer_metric(WANGCANG, 5, date(2023, 1, 1), value_max=Decimal(8), target=True)
    metrics = [untitled, titled, ranged]
    got = region_metrics.details(m.pk for m in metrics)
    assert sorted(got) == sorted(m.pk for m in metrics)
    for want in Metric.objects.filter(pk__in=[m.pk for m in metrics]).with_evidence():
        row = got[want.pk]
        for name in region_metrics.DETAIL_FIELDS[:12]:
            assert getattr(row, name) == getattr(want, name), name
        assert row.sentence_text == want.sentence_text
        assert row.evidence_text == want.evidence_text
        assert row.article.title == want.article.title
        assert row.article.published == want.article.published
        assert row.article.display_title == want.article.display_title
    assert got[untitled.pk].article.display_title == (body[:30] + "…" if len(body) > 30 else body)
    assert len(region_metrics.details([titled.pk])) == 1  # one value: ``IN (%s)`` as compiled


def test_the_narrow_rows_of_each_verified_choice_are_their_own_statement():
    """``narrow_rows`` is compiled once per ``verified``: the reviewed metrics only with
    it, every shown one without, whichever was read first."""
    approved = volunteer_metric(WANGCANG, 10, date(2024, 3, 1), status=MetricStatus.APPROVED)
    pending = volunteer_metric(WANGCANG, 20, date(2024, 3, 2))
    place = region(WANGCANG)
    for _ in range(2):
        assert [r[0] for r in region_metrics.narrow_rows(place, True)] == [approved.pk]
        assert {r[0] for r in region_metrics.narrow_rows(place)} == {approved.pk, pending.pk}


def test_the_region_pages_compiled_rows_are_the_orm_statements_rows():
    """``list_rows.region_articles`` (compiled once per adcode level, the region's range
    and the page's bounds put in) gives the rows ``plain_rows`` reads through the ORM
    (``RegionArticles.queryset``), for a province, a prefecture and a county, each page
    (undated articles last), whichever level was compiled first; and their count (none
    in a region without articles)."""
    from articles.list_rows import RegionArticles, plain_rows, region_articles

    for i, adcode in enumerate(["510821", "510821", "510802", "510100", "510000", "110101"]):
        published = date(2024, 1 + i % 12, 1 + i) if i != 1 else None
        for _ in range(3):
            ArticleFactory(region=region(adcode), published=published)
    for adcode, total in [("510821", 6), ("510000", 15), ("510800", 9), ("110101", 3)]:
        for bottom, top in [(0, 4), (4, 8), (0, total), (total - 1, total)]:
            want = plain_rows(RegionArticles.queryset(adcode, bottom, top))
            got = region_articles.rows(adcode, bottom, top)
            assert got == want, (adcode, bottom, top)
            assert len(got) == max(0, min(top, total) - bottom)
    assert [r.published for r in region_articles.rows("510821", 3, 6)] == [None] * 3
    for adcode, total in [("510821", 6), ("510000", 15), ("510800", 9), ("110000", 3)]:
        assert region_articles.count(adcode) == total
        assert Article.objects.in_region(adcode).count() == total
    assert region_articles.count("510822") == region_articles.count("120000") == 0


def test_a_point_that_is_one_of_several_parts_stands_for_their_sum():
    """旺苍县's five kinds of volunteer teams (the sample page): the page's latest value is
    the parts' sum, a lower bound when a part is approximate, as compare shows it; a
    group of one part, and parts of another article or group, are not summed in."""
    teams = indicator("volunteer-teams")
    article = ArticleFactory(region=region(WANGCANG), published=date(2024, 1, 16))
    for value, approx in ((1728, False), (200, True), (175, False)):
        MetricFactory(
            article=article,
            indicator=teams,
            unit="支",
            value=Decimal(value),
            approx=approx,
            part_role="part",
            part_group=1,
        )
    # another group of the same article: one part, on its own
    MetricFactory(
        article=article,
        indicator=teams,
        unit="支",
        value=Decimal(9),
        part_role="part",
        part_group=2,
    )
    older = ArticleFactory(region=region(WANGCANG), published=date(2023, 6, 1))
    for value in (40, 2):
        MetricFactory(
            article=older,
            indicator=teams,
            unit="支",
            value=Decimal(value),
            part_role="part",
            part_group=1,
        )
    MetricFactory(  # a target part is not observed: not summed
        article=older,
        indicator=teams,
        unit="支",
        value=Decimal(500),
        target=True,
        part_role="part",
        part_group=1,
    )
    blocks, _page = region_metrics.read(region(WANGCANG), 1)
    points = blocks[0].points
    assert [(p.date, p.value, p.bound, p.parts) for p in points] == [
        (date(2023, 6, 1), Decimal(42), "", 2),
        (date(2024, 1, 16), Decimal(2103), "lower", 3),
    ]
    assert points[-1].display == "≥2,103支（3个分项之和）"


def test_a_block_with_only_undated_values_shows_the_value_compare_takes(client):
    """Compare ranks undated values last but shows one when a region has nothing newer;
    the region page's index left such a block's latest value blank (a new-user check):
    now it shows the same value, with no date, and charts nothing."""
    points = indicator("volunteer-service-points")
    undated = ArticleFactory(region=region(WANGCANG), published=None)
    for value, status in ((12, MetricStatus.EXTRACTED), (9, MetricStatus.APPROVED)):
        MetricFactory(
            article=undated, indicator=points, unit="个", value=Decimal(value), status=status
        )
    MetricFactory(  # a target is never a latest value, reviewed and larger as it is
        article=undated,
        indicator=points,
        unit="个",
        value=Decimal(40),
        target=True,
        status=MetricStatus.APPROVED,
    )
    volunteer_metric(WANGCANG, 10, date(2024, 3, 1))  # dated: its own block, a point
    blocks, _page = region_metrics.read(region(WANGCANG), 1)
    by_slug = {b.slug: b for b in blocks}
    block = by_slug["volunteer-service-points"]
    assert block.points == [] and block.mode == ""
    assert (block.latest.date, block.latest.value, block.latest.display) == (None, 9, "9个")
    dated = by_slug["registered-volunteers"]
    assert dated.undated is None and dated.latest.date == date(2024, 3, 1)
    html = client.get(f"/regions/{WANGCANG}/").content.decode()
    assert '<td class="num">9个</td><td class="date"></td>' in html
    doc = client.get(f"/regions/{WANGCANG}/", {"format": "json"})
    latest = {
        i["indicator"]: i["latest"]
        for i in json.loads(b"".join(doc.streaming_content))["indicators"]
    }
    assert latest["volunteer-service-points"]["published"] is None
    assert latest["volunteer-service-points"]["value"] == "9"


def test_a_charted_sum_of_parts_cites_the_sentence_of_every_part(seed_text, client):
    """旺苍县's 2,103 volunteer teams (five parts in two sentences) on its region page:
    the point is the sum, and its evidence quotes both sentences, as compare's does."""
    from articles.services import ingest_page

    ingest_page(text=seed_text, issue_date=date(2024, 1, 16))
    earlier = ArticleFactory(region=region(WANGCANG), published=date(2023, 1, 5))
    teams = indicator("volunteer-teams")
    MetricFactory(article=earlier, indicator=teams, value=Decimal(1900), unit="支")
    blocks, _page = region_metrics.read(region(WANGCANG), 1)
    [block] = [b for b in blocks if b.slug == "volunteer-teams"]
    before, point = block.points  # charted: two dates
    assert (before.value, point.value) == (Decimal(1900), Decimal(2103))
    first, _, second = point.evidence.partition(" … ")
    assert "配置15支常备特色志愿服务队伍" in first and "组建23支志愿服务大队" in second
    html = client.get(f"/regions/{WANGCANG}/").content.decode()
    tooltip = charts.cut(point.evidence)  # the chart's tooltip, cut as every tooltip
    assert "配置15支" in tooltip and json.dumps(tooltip)[1:-1] in html  # json_script
