"""What a page of a long ingest run costs in queries (issue 8, point 5): reference data
is read once per run, and a stored page moves the data version once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.cache import data_version
from articles.models import Article, Publication
from articles.services import ingest_page
from articles.services.runs import IngestOptions, PageInput, run_pages

pytestmark = pytest.mark.django_db

#: Other figures, so that the second page's articles are not near duplicates of the first's.
OTHER_FIGURES = str.maketrans("3456789", "4567893")


def test_a_run_reads_the_regions_its_pages_name_once(seed_text):
    pages = [
        PageInput(name="one", text=seed_text),
        PageInput(name="two", text=seed_text.replace("旺苍县", "苍溪县").translate(OTHER_FIGURES)),
    ]
    with CaptureQueriesContext(connection) as captured:
        summary = run_pages(pages, IngestOptions(publication="样例报"))
    assert (summary.stored, len(summary.refused)) == (2, 0)
    regions = [q["sql"] for q in captured if 'FROM "articles_region"' in q["sql"]]
    # the first page reads its divisions, the second only the one the first lacked
    assert len(regions) == 2 and "'510824'" in regions[1] and "'510821'" not in regions[1]
    # and the second page's articles, regions from the run's cache, have them all the same
    second = Article.objects.filter(page__filename="two")
    assert second.filter(region__adcode="510824").exists()
    assert second.filter(regions_mentioned__adcode="510821").exists()


@pytest.mark.django_db(transaction=True)
def test_a_stored_page_moves_the_data_version_once(seed_text, reference_data):
    """Once per page, not per row, at its commit. (A publication's first page moves it
    more: creating the publication is a model save, whose signal moves the version as any
    admin edit does.) Committed for real: inside a test's transaction the move at commit
    is one per test, whatever it writes."""
    Publication.objects.create(name="样例报")
    before = data_version()
    ingest_page(text=seed_text, publication="样例报")
    assert data_version() == before + 1
    two = [seed_text.replace("旺苍县", "苍溪县").translate(OTHER_FIGURES), seed_text + "\n（二）"]
    run_pages([PageInput(str(n), text=t) for n, t in enumerate(two)], IngestOptions("样例报"))
    assert data_version() == before + 2  # two pages, one batch: one move


def test_a_run_reads_its_publication_and_home_region_once(seed_text):
    """The run's caches (``Catalogues``): the publication found by the first page and
    the home region are not read again by the next pages (the write transaction still
    checks, by one prepared statement, that the publication is stored under its name)."""
    Publication.objects.create(name="样例报")
    pages = [PageInput(name=str(n), text=seed_text + f"\n（第{n}版）") for n in range(3)]
    with CaptureQueriesContext(connection) as captured:
        summary = run_pages(pages, IngestOptions(publication="样例报", home_region="510821"))
    assert summary.stored == 3
    full = [q["sql"] for q in captured if q["sql"].startswith('SELECT "articles_publication"')]
    assert len(full) == 1
    homes = [q["sql"] for q in captured if "'510821'" in q["sql"] and "articles_region" in q["sql"]]
    assert len(homes) == 1
