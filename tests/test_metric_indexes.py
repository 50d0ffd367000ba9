"""The metric table's indexes (migration 0031): every index costs every metric insert (an
ingest writes ~90 a page), so none may be a prefix of another; and the reads that used the
dropped ones are answered from the longer index that replaces them."""

import pytest
from django.db import connection

from articles import aggregates
from articles.models import Metric

pytestmark = pytest.mark.django_db

TABLE = Metric._meta.db_table


def _indexes() -> dict[str, tuple[tuple[str, ...], str]]:
    """``{name: (columns, condition)}`` of the metric table's indexes other than the
    primary key; the condition is the partial index's WHERE ('' for a full index)."""
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, TABLE)
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s", [TABLE]
            )
        else:
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s",
                [TABLE],
            )
        definitions = dict(cursor.fetchall())
    out = {}
    for name, c in found.items():
        if not c["index"] or c["primary_key"]:
            continue
        sql = definitions.get(name) or ""
        condition = sql.partition(" WHERE ")[2]
        # PostgreSQL's text_pattern_ops twin of an index is a different index
        opclass = "pattern" if "pattern_ops" in sql else ""
        out[name] = (tuple(c["columns"]), condition + opclass)
    return out


def test_no_metric_index_is_a_prefix_of_another():
    """An index whose columns start another index with the same condition only costs
    inserts: the longer one answers every read it did (the foreign keys' own indexes on
    ``region_id`` and ``indicator_id``, ``metric_observed_coverage``)."""
    indexes = _indexes()
    assert {"metric_region_status", "metric_indicator_region", "metric_observed_ranked"} <= set(
        indexes
    )
    redundant = [
        (short, long)
        for short, (columns, condition) in indexes.items()
        for long, (longer, other) in indexes.items()
        if short != long and condition == other and longer[: len(columns)] == columns
    ]
    assert redundant == []
    # the foreign keys with an index of their own: the article's, and nothing else
    alone = sorted(columns for columns, _c in indexes.values() if len(columns) == 1)
    assert alone == [("article_id",), ("status",)] + (
        [("status",)] if connection.vendor == "postgresql" else []
    )


def _plan(sql: str, params) -> str:
    """SQLite's plan of ``sql``. PostgreSQL's planner picks any index of a test's nearly
    empty table (its choice follows the table's statistics): its plans were compared at
    100,000 articles when the indexes were dropped (migration 0031), not here."""
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL's plans depend on the table's size")
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        return "\n".join(row[-1] for row in cursor.fetchall())


@pytest.mark.parametrize(
    "queryset, index",
    [
        # a region page's metrics, a region's delete (PROTECT): by region
        (lambda: Metric.objects.shown().filter(region_id=7), "metric_region_status"),
        (lambda: Metric.objects.filter(region_id__in=[7]), "metric_region_status"),
        # the admin's and review queue's indicator filter, an indicator's delete (SET_NULL)
        (lambda: Metric.objects.filter(indicator_id__in=[3]), "metric_indicator_region"),
    ],
)
def test_reads_by_region_or_indicator_seek_the_longer_index(queryset, index):
    """Each read that used a dropped index seeks the index that starts with its column."""
    sql, params = queryset().query.sql_with_params()
    assert index in _plan(sql, params)


def test_the_coverage_counts_read_the_ranked_index_alone():
    """What ``metric_observed_coverage`` was made for: the per-pair count of new metrics
    at ingest (``aggregates._PAIR``) reads ``metric_observed_ranked`` (same columns first,
    same condition) without the table."""
    plan = _plan(aggregates._PAIR.format(n=0), [3, 7, 2])
    assert "COVERING INDEX metric_observed_ranked" in plan
