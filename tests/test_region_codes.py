"""Former region codes (``gazetteer_build.FORMER_ADCODES``): migration 0043 moves the two
cities to today's codes with every copy of them, and links made with an old code still
lead to the region."""

from datetime import date

import pytest
from django.urls import reverse

from articles.region_lookup import region_by_adcode
from tests.factories import json_of, volunteer_metric

pytestmark = pytest.mark.django_db


def _gazetteer() -> None:
    """The regions, loaded again when a transactional test before (a live server's)
    flushed them."""
    from articles.models import Region
    from articles.reference import sync_reference_data

    if not Region.objects.filter(adcode="220184").exists():
        sync_reference_data()


def _codes(cursor) -> tuple:
    cursor.execute("SELECT adcode FROM articles_region WHERE name = %s", ["公主岭市"])
    region = cursor.fetchone()[0]
    cursor.execute(
        "SELECT w.adcode FROM articles_comparewinner w JOIN articles_region r "
        "ON r.id = w.region_id WHERE r.name = %s",
        ["公主岭市"],
    )
    return region, [row[0] for row in cursor.fetchall()]


@pytest.mark.django_db(transaction=True)
def test_the_migration_moves_a_city_to_its_code_with_the_compare_copies():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    _gazetteer()
    volunteer_metric("220184", 5000, date(2024, 1, 1))
    with connection.cursor() as cursor:
        assert _codes(cursor) == ("220184", ["220184"])
    executor = MigrationExecutor(connection)
    try:
        executor.migrate([("articles", "0042_winner_regions")])  # back: the old code
        with connection.cursor() as cursor:
            assert _codes(cursor) == ("220381", ["220381"])
        executor = MigrationExecutor(connection)
        executor.migrate([("articles", "0043_region_code_corrections")])
        with connection.cursor() as cursor:
            assert _codes(cursor) == ("220184", ["220184"])
    finally:  # later tests need the current schema whatever happened above
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())


def test_a_former_code_finds_the_region_and_its_page_moves(client):
    _gazetteer()
    volunteer_metric("220184", 5000, date(2024, 1, 1))  # compare's indicator needs a value
    assert region_by_adcode("220381").name == "公主岭市"
    assert region_by_adcode("650929").adcode == "659011"
    response = client.get("/regions/220381/", {"format": "csv"})
    assert response.status_code == 301
    assert response["Location"] == reverse("articles:region", args=["220184"]) + "?format=csv"
    assert client.get("/regions/650929/")["Location"] == reverse("articles:region", args=["659011"])
    assert client.get("/regions/220184/").status_code == 200
    # compare's regions read it too (it was refused: a new-user pass)
    compare = client.get(
        "/compare/", {"indicator": "registered-volunteers", "regions": "220381", "format": "json"}
    )
    assert compare.status_code == 200, compare.content.decode()
    assert [row["region_adcode"] for row in json_of(compare)["rows"]] == ["220184"]
