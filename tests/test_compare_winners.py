"""Compare's winners kept at write time (``articles.compare_winners``): the
``CompareWinner`` rows always equal the winners ranked from scratch from the metrics,
after every kind of write, on both databases; and the default compare view read from them
equals the view ranked at read time."""

import importlib
import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from articles import compare_reads, compare_winner_reads, compare_winners
from articles.corpus import delete_corpus, generate_corpus
from articles.models import (
    Article,
    CompareWinner,
    Indicator,
    Metric,
    Publication,
    Region,
    SourcePage,
)
from articles.review import decide, decide_all
from tests.factories import StaffUserFactory, json_of, region, volunteer_metric

pytestmark = pytest.mark.django_db

FIELDS = [f.attname for f in CompareWinner._meta.concrete_fields if f.name != "id"]
WANGCANG, QINGCHUAN = "510821", "510822"


def _from_scratch() -> dict:
    """``{(indicator id, region id): row values}`` ranked from the metrics, each with its
    article's page's publication read through the ORM."""
    ids = set(
        Metric.objects.filter(indicator__isnull=False, region__isnull=False)
        .observed()
        .values_list("indicator_id", flat=True)
    )
    publications = dict(Article.objects.values_list("pk", "page__publication_id"))
    # each region's names through the ORM's joins, not the copy's SQL
    names = {
        r.pk: {
            "adcode": r.adcode,
            "level": r.level,
            "region_name": r.name,
            "region_name_en": r.name_en,
            "parent_name": r.parent and r.parent.name,
            "parent_name_en": r.parent and r.parent.name_en,
            "grandparent_name": r.parent and r.parent.parent and r.parent.parent.name,
            "grandparent_name_en": r.parent and r.parent.parent and r.parent.parent.name_en,
        }
        for r in Region.objects.select_related("parent__parent")
    }
    assert set(FIELDS) == {*compare_winners.COLUMNS, *compare_winners.REGION_COLUMNS}
    rows = {}
    for indicator_id in ids:
        for w in compare_winners.computed(indicator_id):
            values = compare_winners._values(indicator_id, w, publications[w["article_id"]])
            fields = dict(zip(compare_winners.COLUMNS, values, strict=True))
            row = CompareWinner(**fields, **names[w["region_id"]])
            rows[indicator_id, w["region_id"]] = tuple(getattr(row, f) for f in FIELDS)
    return rows


def same() -> dict:
    """Assert the kept rows equal the ranking from scratch, and the default compare read
    of every indicator equals the read-time ranking (names and publication included);
    returns the kept rows."""
    kept = {
        (w.indicator_id, w.region_id): tuple(getattr(w, f) for f in FIELDS)
        for w in CompareWinner.objects.all()
    }
    assert kept == _from_scratch()
    for indicator_id in {i for i, _r in kept}:
        read = sorted(compare_reads.kept_winners(indicator_id), key=lambda m: m["region_id"])
        ranked = compare_reads._ranked_winners(
            Indicator.objects.get(pk=indicator_id), None, None, None, None, False
        )
        compare_reads._add_names(ranked)
        assert [{k: (v, type(v)) for k, v in m.items()} for m in read] == [
            {k: (v, type(v)) for k, v in m.items()} for m in ranked
        ]
    return kept


def winner(adcode: str, slug: str = "registered-volunteers") -> CompareWinner | None:
    return CompareWinner.objects.filter(indicator__slug=slug, region__adcode=adcode).first()


def test_an_ingest_keeps_the_winners_of_its_pairs(seed_text):
    from articles.services import ingest_page

    assert same() == {}
    ingest_page(text=seed_text)
    rows = same()
    assert rows
    ingest_page(text=seed_text)  # unchanged: same answer
    assert same() == rows


def test_a_newer_article_wins_and_the_older_value_is_its_earlier_one():
    old = volunteer_metric(WANGCANG, 40000, date(2023, 3, 5))
    assert winner(WANGCANG).metric_id == old.pk
    new = volunteer_metric(WANGCANG, 51104, date(2024, 3, 5))
    kept = winner(WANGCANG)
    assert (kept.metric_id, kept.value, kept.published) == (new.pk, 51104, date(2024, 3, 5))
    assert (kept.earlier_value, kept.earlier_published) == (40000, date(2023, 3, 5))
    same()
    new.delete()
    assert winner(WANGCANG).metric_id == old.pk
    same()


def test_a_new_article_date_changes_the_winner():
    old = volunteer_metric(WANGCANG, 40000, date(2023, 3, 5))
    volunteer_metric(WANGCANG, 51104, date(2024, 3, 5))
    article = Article.objects.get(pk=old.article_id)
    article.published = date(2025, 1, 1)
    article.save()
    assert winner(WANGCANG).metric_id == old.pk
    same()


def test_saves_corrections_moves_and_deletes_keep_the_winners():
    one = volunteer_metric(WANGCANG, 51104, None)
    volunteer_metric(QINGCHUAN, 3, None)
    other = Indicator.objects.exclude(slug="registered-volunteers").first()
    metric = Metric.objects.get(pk=one.pk)  # loaded: knows its old indicator and region
    decide(metric, StaffUserFactory(), "correct", corrections={"indicator": other})
    assert winner(WANGCANG) is None
    assert winner(WANGCANG, other.slug).metric_id == one.pk
    same()
    metric.region = region(QINGCHUAN)
    metric.save()
    assert winner(WANGCANG, other.slug) is None
    assert winner(QINGCHUAN, other.slug).metric_id == one.pk
    same()
    metric.target = True  # a target is never compared
    metric.save()
    assert winner(QINGCHUAN, other.slug) is None
    same()
    Article.objects.filter(metrics__indicator__slug="registered-volunteers").delete()
    assert same() == {}


def test_review_decisions_and_the_corpus_keep_the_winners():
    generate_corpus(articles=40, seed=3)
    rows = same()
    assert len(rows) >= 100
    chosen = [CompareWinner.objects.order_by("pk").first().metric_id]
    decide_all(Metric.objects.filter(pk__in=chosen), None, "reject")
    assert not CompareWinner.objects.filter(metric_id__in=chosen).exists()
    same()
    delete_corpus()
    assert same() == {}


def test_admin_deletes_keep_the_winners(admin_client):
    first = volunteer_metric(WANGCANG, 1, None)
    second = volunteer_metric(QINGCHUAN, 2, None)
    url = reverse("admin:articles_article_delete", args=[first.article_id])
    assert admin_client.post(url, {"post": "yes"}).status_code == 302
    assert winner(WANGCANG) is None
    changelist = reverse("admin:articles_metric_changelist")
    data = {"action": "delete_selected", "_selected_action": [second.pk], "post": "yes"}
    assert admin_client.post(changelist, data).status_code == 302
    assert same() == {}


def test_a_batch_recomputes_once_at_its_end():
    metric = volunteer_metric(WANGCANG, 1, None)
    with compare_winners.batch():
        Metric.objects.filter(pk=metric.pk).update(status="rejected")
        compare_winners.touch([(metric.indicator_id, metric.region_id)])
        assert winner(WANGCANG) is not None  # not yet
    assert winner(WANGCANG) is None
    same()


def test_rebuild_repairs_a_stale_table():
    metric = volunteer_metric(WANGCANG, 7, None)
    CompareWinner.objects.all().delete()
    call_command("rebuild_aggregates", stdout=io.StringIO())
    assert winner(WANGCANG).metric_id == metric.pk
    assert winner(WANGCANG).value == Decimal("7")
    same()


def test_a_page_or_an_article_that_moves_moves_its_winners_publication(client):
    """The kept ``publication_id`` follows the article's page (triggers of migration
    0030), however the page or the article is written: a ``QuerySet.update`` sends no
    signal. The sources panel, which counts it, names the new publication."""
    metric = volunteer_metric(WANGCANG, 51104, date(2024, 3, 5), article__page__publication=None)
    volunteer_metric(QINGCHUAN, 3, date(2024, 3, 5))
    assert winner(WANGCANG).publication_id is None  # set with the row by the refresh
    assert winner(QINGCHUAN).publication_id == Publication.objects.get(name="测试报").pk
    paper = Publication.objects.create(name="广元日报")
    SourcePage.objects.filter(articles__metrics=metric).update(publication=paper)
    assert winner(WANGCANG).publication_id == paper.pk
    same()
    page = SourcePage.objects.create(sha256="f" * 64, raw_text="另一版", publication=None)
    Article.objects.filter(pk=metric.article_id).update(page=page)
    assert winner(WANGCANG).publication_id is None
    same()
    page.publication = Publication.objects.get(name="测试报")
    page.save()
    assert winner(WANGCANG).publication_id == page.publication_id
    same()
    params = {"indicator": "registered-volunteers", "level": "county"}
    response = client.get(reverse("articles:compare"), params)
    assert response.context["sources"]["publications"] == [{"name": "测试报", "articles": 2}]


def test_the_page_reads_the_kept_winners(client):
    """The default view reads the kept rows, not the metrics: a row changed by hand
    (no writer would) shows on the page."""
    volunteer_metric(WANGCANG, 51104, date(2024, 3, 5))
    CompareWinner.objects.update(value=Decimal("12345"))
    params = {"indicator": "registered-volunteers", "level": "county", "format": "json"}
    rows = json_of(client.get(reverse("articles:compare"), params))["rows"]
    assert [r["value"] for r in rows] == ["12345"]
    assert rows[0]["region_path"].endswith(Region.objects.get(adcode=WANGCANG).name)
    params["published_after"] = "2024-01-01"  # a filtered view ranks the metrics themselves
    rows = json_of(client.get(reverse("articles:compare"), params))["rows"]
    assert [r["value"] for r in rows] == ["51104"]


def test_a_refresh_of_some_pairs_leaves_the_other_pairs_of_their_regions_alone():
    """One ranked read serves every pair of a refresh: it reads each indicator in each of
    their regions, and must store only the pairs asked for (a pair beside them, here
    volunteers in 510822 and vaccinations in 510821, is neither stored twice nor lost)."""
    volunteer_metric("510821", 100, date(2024, 1, 1))
    volunteer_metric("510822", 200, date(2024, 1, 1))
    volunteer_metric("510821", 300, date(2024, 1, 1), indicator_slug="vaccinations")
    volunteer_metric("510822", 400, date(2024, 1, 1), indicator_slug="vaccinations")
    compare_winners.rebuild()
    volunteers, vaccinations = (
        Indicator.objects.get(slug=s).pk for s in ("registered-volunteers", "vaccinations")
    )
    compare_winners.refresh(
        [(volunteers, region("510821").pk), (vaccinations, region("510822").pk)]
    )
    assert CompareWinner.objects.count() == len(same()) == 4


def test_the_pruned_read_of_a_refresh_equals_the_ranking_of_every_row(monkeypatch):
    """``computed_pairs`` has the database return only the rows a winner can use (its
    rank, its article's rows, the first row of each unit and part role dated before it);
    on long random histories (undated articles, several units, parts and totals, reviewed
    and rejected values, plans, equal dates) it gives what ranking every row gives."""
    import random

    from tests.factories import ArticleFactory, MetricFactory, indicator

    rng = random.Random(20261202)
    indicators = [indicator(s) for s in ("registered-volunteers", "vaccinations")]
    regions = [region(a) for a in ("510821", "510822", "510823")]
    dates = [None, date(2022, 5, 1), date(2023, 1, 1), date(2023, 1, 1), date(2024, 6, 30)]
    for _ in range(60):
        where = rng.choice(regions)
        article = ArticleFactory(region=where, published=rng.choice(dates))
        for group in range(rng.randint(1, 3)):
            role = rng.choice(["", "", "part", "total"])
            for _ in range(rng.randint(1, 3) if role == "part" else 1):
                MetricFactory(
                    article=article,
                    region=rng.choice([where, where, rng.choice(regions)]),
                    indicator=rng.choice(indicators),
                    value=Decimal(rng.randint(1, 9) * 100),
                    unit=rng.choice(["人", "人", "元", "%"]),
                    part_role=role,
                    part_group=group if role else None,
                    status=rng.choice(["extracted", "extracted", "approved", "rejected"]),
                    target=rng.random() < 0.1,
                )
    pairs = sorted((i.pk, r.pk) for i in indicators for r in regions)
    whole = sorted(
        ((i.pk, w) for i in indicators for w in compare_winners.computed(i.pk)),
        key=lambda p: (p[0], p[1]["region_id"]),
    )
    assert sum(1 for _i, w in whole if w["earlier"]) >= 3  # the histories exercise earlier
    assert sum(1 for _i, w in whole if w["parts_count"]) >= 1  # and parts
    seen = []
    rank = compare_winners.ranked_region
    monkeypatch.setattr(compare_winners, "ranked_region", lambda g: rank(seen.append(g) or g))
    assert compare_winners.computed_pairs(pairs) == whole
    # pruned: far fewer rows reach Python than the pairs' observed metrics
    observed = Metric.objects.observed().filter(region__in=regions).count()
    assert sum(map(len, seen)) < observed / 2
    assert compare_winners.computed_pairs(pairs[:2]) == whole[:2]


def test_the_migration_fills_the_columns_the_writers_fill():
    """Migration 0042 carries its own copy of the statement that names a row's region
    (it fills existing rows and is the body of the trigger on ``articles_region``); the
    writers use ``compare_winners.FILL_REGIONS``. Changing the live one without a
    migration that remakes the trigger would leave the trigger filling other columns."""
    migration = importlib.import_module("articles.migrations.0042_winner_regions")
    assert migration.FILL_REGIONS == compare_winners.FILL_REGIONS
    assert "grandparent_name_en = (SELECT g.name_en" in migration.FILL_REGIONS


def test_a_region_renamed_or_moved_is_named_so_on_its_kept_rows_and_those_below(client):
    """The region columns copied onto each row (triggers of migration 0042) follow the
    gazetteer however it is written (a save, ``QuerySet.update``): a county's own name,
    its prefecture's (the county's parent) and its province's (grandparent), a new
    adcode or level, a move to another parent; the page shows the new names."""
    volunteer_metric(WANGCANG, 51104, date(2024, 3, 5))
    volunteer_metric("510800", 9, date(2024, 3, 5))  # the prefecture has a row of its own
    county, prefecture = Region.objects.get(adcode=WANGCANG), Region.objects.get(adcode="510800")
    province = prefecture.parent
    assert (winner(WANGCANG).region_name, winner(WANGCANG).parent_name) == ("旺苍县", "广元市")
    assert winner(WANGCANG).grandparent_name == province.name == "四川省"
    assert winner("510800").grandparent_name is None
    county.name, county.name_en = "旺苍区", "Wangcang District"
    county.save()
    Region.objects.filter(pk=prefecture.pk).update(name="新广元市", name_en="New Guangyuan")
    Region.objects.filter(pk=province.pk).update(name="新四川省")
    row = winner(WANGCANG)
    assert (row.region_name, row.region_name_en) == ("旺苍区", "Wangcang District")
    assert (row.parent_name, row.parent_name_en) == ("新广元市", "New Guangyuan")
    assert (row.grandparent_name, winner("510800").parent_name) == ("新四川省", "新四川省")
    same()
    Region.objects.filter(pk=county.pk).update(adcode="510899", level="prefecture")
    assert (winner("510899").adcode, winner("510899").level) == ("510899", "prefecture")
    other = Region.objects.get(adcode="510700")
    Region.objects.filter(pk=county.pk).update(parent=other)
    assert (winner("510899").parent_name, winner("510899").grandparent_name) == (
        other.name,
        "新四川省",
    )
    same()
    params = {"indicator": "registered-volunteers", "level": "prefecture", "format": "json"}
    rows = json_of(client.get(reverse("articles:compare"), params))["rows"]
    assert {r["region_path"] for r in rows} == {
        f"新四川省 › {other.name} › 旺苍区",
        "新四川省 › 新广元市",
    }


def test_the_kept_read_is_in_the_order_it_names():
    """``kept_tuples`` reads in the order ``kept_order`` names for the database (compare
    skips its own sort by adcode when the read is in it): written in falling adcode order
    with values that do not follow it, the rows come back by adcode (SQLite), by value
    with ties by adcode, or in no promised order (PostgreSQL; compare sorts them)."""
    counties = ["510824", "510823", "510822", "510821"]  # written last adcode first
    for adcode, value in zip(counties, [5, 9, 5, 7], strict=True):
        volunteer_metric(adcode, value, date(2024, 3, 5))
    indicator = Indicator.objects.get(slug="registered-volunteers")
    vendor = connection.vendor
    rows = compare_winner_reads.kept_tuples(indicator.pk, by_value=False)
    adcodes = [row[1] for row in rows]
    expected = "adcode" if vendor == "sqlite" else None
    assert compare_winner_reads.kept_order(vendor, False) == expected
    if vendor == "sqlite":
        assert adcodes == sorted(counties)
    assert sorted(adcodes) == sorted(counties)
    rows = compare_winner_reads.kept_tuples(indicator.pk, by_value=True)
    assert compare_winner_reads.kept_order(vendor, True) == "value"
    assert [row[1] for row in rows] == ["510823", "510821", "510822", "510824"]
