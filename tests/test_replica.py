"""A read replica through the database router (``DATABASE_REPLICA_URL``, issue 9.8).

On PostgreSQL the ``replica`` alias is pointed at the same test database (a second
connection, as a streaming replica would be), the router installed, and each statement
is seen on the connection it ran on: a list page reads on ``replica``, an ingest reads
and writes on ``default``. On SQLite, without the variable, there is one database and no
router.
"""

import re

import pytest
from django.conf import settings
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse

from govreports.db_router import REPLICA, ReplicaRouter
from tests.factories import ArticleFactory, region, topic
from tests.test_settings import manage

ROUTER = "govreports.db_router.ReplicaRouter"


@pytest.fixture
def replica_alias():
    """The ``replica`` alias on the default (test) database, and the router installed."""
    connections.settings[REPLICA] = dict(connections["default"].settings_dict)
    replica = connections[REPLICA]
    # the test case refuses to open aliases it was not told of (a patched
    # ensure_connection); this one is added on purpose, so open it directly
    replica.connect()
    try:
        with override_settings(DATABASE_ROUTERS=[ROUTER]):
            yield replica
    finally:
        connections[REPLICA].close()
        del connections[REPLICA]
        del connections.settings[REPLICA]


def _statements(captured: CaptureQueriesContext, table: str) -> list[str]:
    return [q["sql"] for q in captured.captured_queries if table in q["sql"]]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="replicas are PostgreSQL's")
@pytest.mark.django_db(transaction=True)
def test_a_list_page_reads_on_the_replica_and_an_ingest_writes_on_default(
    client, replica_alias, seed_text
):
    from articles.reference import sync_reference_data
    from articles.services import ingest_page

    sync_reference_data()  # transactional tests start from a flushed database
    ArticleFactory(title="旺苍县志愿服务", region=region("510821"), topic=topic("volunteering"))
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(replica_alias) as replica,
    ):
        response = client.get(reverse("articles:list"))
    assert response.status_code == 200
    assert "旺苍县志愿服务" in response.content.decode()
    assert _statements(replica, '"articles_article"'), "the list was not read on the replica"
    assert not _statements(primary, '"articles_article"')

    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(replica_alias) as replica,
    ):
        ingest_page(text=seed_text, publication="旺苍报")
    # executemany is logged as "N times INSERT ..." (django.db.backends.utils)
    inserts = [s for s in _statements(primary, "articles_") if "INSERT INTO" in s]
    # ingest writes metric rows with executemany and an unquoted table name (services/rows.py)
    assert any(re.search(r'INTO "?articles_article"? ', s) for s in inserts)
    assert any(re.search(r'INTO "?articles_metric"? ', s) for s in inserts)
    # lookups before the ingest's transaction opens (the publication) may read the
    # replica; nothing is written there, and the transaction's own reads stay on default
    assert all(q["sql"].startswith("SELECT") for q in replica.captured_queries)
    assert not any('"articles_article"' in q["sql"] for q in replica.captured_queries)


@pytest.mark.django_db(transaction=True)
def test_the_router_sends_reads_in_a_write_transaction_and_all_writes_to_default():
    from django.db import transaction

    from articles.models import Article

    router = ReplicaRouter()
    connections.settings[REPLICA] = dict(connections["default"].settings_dict)
    try:
        assert router.db_for_read(Article) == REPLICA
        with transaction.atomic():
            assert router.db_for_read(Article) == "default"
        assert router.db_for_write(Article) == "default"
        from django.contrib.sessions.models import Session

        assert router.db_for_read(Session) == "default"  # a new login is found at once
        assert router.allow_migrate("default", "articles") is True
        assert router.allow_migrate(REPLICA, "articles") is False
    finally:
        del connections.settings[REPLICA]
    assert router.db_for_read(Article) == "default"  # no alias, no replica


def test_without_a_replica_url_there_is_only_default():
    assert list(settings.DATABASES) == ["default"]
    assert not getattr(settings, "DATABASE_ROUTERS", [])


def test_a_replica_url_adds_the_alias_and_the_router():
    result = manage(
        "shell",
        "-c",
        "from django.conf import settings; r = settings.DATABASES['replica'];"
        "print(list(settings.DATABASES), r['HOST'], r['NAME'], settings.DATABASE_ROUTERS)",
        DJANGO_DEBUG="1",
        DATABASE_URL="postgres://someone@primary.example.org:5432/reports",
        DATABASE_REPLICA_URL="postgres://reader@replica.example.org:5432/reports",
    )
    assert result.stdout.split("\n")[-2] == (
        "['default', 'replica'] replica.example.org reports ['govreports.db_router.ReplicaRouter']"
    ), result.stderr
