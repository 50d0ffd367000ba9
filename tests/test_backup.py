"""Backup and restore (issue 12): ``dumpdata --natural-foreign --natural-primary`` of a
populated database loads into a freshly migrated one and the exports come out byte for
byte the same. Runs on whichever database the suite runs on (SQLite and PostgreSQL in CI).
"""

import io
from datetime import date
from pathlib import Path

import pytest
from django.core.management import call_command

from articles.models import Article, Indicator, Metric, MetricStatus, Population, Region, Topic
from articles.reference import sync_reference_data
from articles.services import ingest_page
from tests.factories import ArticleFactory, StaffUserFactory, region, topic

SEED = Path(__file__).parent / "data" / "seed_page.txt"
# What ``migrate`` recreates by itself; the README's backup command leaves them out too.
EXCLUDED = [
    "contenttypes",
    "auth.permission",
    "sessions",
    "admin.logentry",
    # derived counts, keyed by database ids: rebuilt after the restore (README)
    "articles.indicatorcoverage",
    "articles.articlecount",
    "articles.publicationcount",
    "articles.comparewinner",
    "articles.regionmetriccount",
]


def run(*args, **options) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, **options)
    return out.getvalue()


def derived_counts() -> tuple[dict, object]:
    """The counts kept at write time, by natural identity: coverage per indicator slug and
    the unfiltered list's facet counts."""
    from articles.models import IndicatorCoverage
    from articles.selectors import unfiltered_counts

    coverage = {
        c.indicator.slug: (c.regions, c.metrics)
        for c in IndicatorCoverage.objects.select_related("indicator").filter(metrics__gt=0)
    }
    return coverage, unfiltered_counts()


def exports() -> tuple[str, str]:
    return run("export_articles", format="json"), run("export_articles", format="csv")


def test_reference_models_are_found_by_natural_key(db):
    assert Region.objects.get_by_natural_key("510821").name == "旺苍县"
    assert Topic.objects.get_by_natural_key("volunteering").slug == "volunteering"
    assert Indicator.objects.get_by_natural_key("registered-volunteers").unit == "人"
    assert Region.objects.descendants_of("510800").filter(adcode="510821").exists()
    census = Population.objects.get_by_natural_key("510821", 2020)
    assert census.natural_key() == ("510821", 2020) and census.residents > 0


@pytest.mark.django_db(transaction=True)
def test_a_natural_key_dump_loads_into_a_fresh_database_with_identical_exports(tmp_path):
    sync_reference_data()  # transactional tests start from a flushed database
    # one indicator loaded again: its id is no longer the one a fresh database gives it,
    # so anything dumped under its id (the coverage row) would not load there
    Indicator.objects.filter(slug="registered-volunteers").delete()
    sync_reference_data()
    ingest_page(text=SEED.read_text("utf-8"), publication="样例报", issue_date=date(2024, 1, 16))
    ArticleFactory(title="无日期", region=region("110101"), topic=topic("education"))
    reviewed = Metric.objects.order_by("pk").first()
    reviewed.status = MetricStatus.APPROVED
    reviewed.save()
    StaffUserFactory()
    # one census row loaded again (an admin edit, a reload): its primary key is no longer
    # the one a fresh database's migration gives it, and the restore must still match it
    Population.objects.filter(region__adcode="510821").delete()
    sync_reference_data()
    moved = Population.objects.get_by_natural_key("510821", 2020)
    before = exports()
    kept = derived_counts()
    assert kept[0] and kept[1].total == 9
    assert before[0].count('"id":') == Article.objects.count() == 9

    dump = tmp_path / "backup.json.gz"  # compressed by the extension, as the README says
    run(
        "dumpdata",
        "--natural-foreign",
        "--natural-primary",
        *[f"--exclude={name}" for name in EXCLUDED],
        output=str(dump),
    )
    run("flush", interactive=False)  # an empty database ...
    sync_reference_data()  # ... migrated: the data migration loads the reference data
    assert Article.objects.count() == 0
    run("loaddata", str(dump))
    run("rebuild_aggregates")
    assert derived_counts() == kept

    assert exports() == before
    restored = Population.objects.filter(region__adcode="510821", year=2020)
    assert [p.residents for p in restored] == [moved.residents]
    assert Metric.objects.get(pk=reviewed.pk).status == MetricStatus.APPROVED
    # the sequences moved past the restored ids: the next ingest does not collide
    assert ArticleFactory().pk > max(
        Article.objects.exclude(title__startswith="测试").values_list("pk", flat=True)
    )
