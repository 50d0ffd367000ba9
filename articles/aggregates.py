"""Whole-table aggregates kept in step at write time (issue 9, points 3 and 6).

``IndicatorCoverage`` holds, per indicator, what ``Metric.objects.indicator_coverage``
used to count over every metric at each cold read (15–19 s on SQLite at 1,000,000
metrics): the distinct regions and the number of observed metrics (not rejected, not
targets, with a region). A write recomputes only the indicators it touched, one indexed
aggregate per write:

* ``touch(ids)`` says "these indicators' metrics changed": recomputed at once, or at the
  end of the enclosing ``batch()`` (an ingest of a page collects its indicators and
  recomputes them in one statement before its transaction commits);
* ``added(rows)`` says "these metrics were just inserted, nothing else changed" (an
  ingest's new articles): their indicators' rows are moved on by the new metrics alone
  (``_add_coverage``), which costs the same at any table size, where a recompute counts
  every metric of the indicator again (at 90,000 metrics, 150 ms a page: most of an
  ingest's time). An indicator also ``touch``ed in the batch is recomputed instead;
* saving or deleting a ``Metric`` touches its indicator (and the one it was loaded
  with) through signals (``apps.py``), so admin edits, corrections and cascades from a
  deleted article are covered;
* ``update()``/``bulk_create``/raw SQL writers call ``touch`` themselves (ingest,
  ``sync_metrics``, ``review.decide_all``) or ``rebuild_coverage()`` when they rewrite
  most of the table (``generate_corpus``, ``delete_corpus``; ``manage.py
  rebuild_aggregates`` as the fallback).

Concurrency: the recompute runs inside the writer's transaction. On SQLite every write
transaction is ``BEGIN IMMEDIATE``, so writers are serialised already. On PostgreSQL it
first takes a transaction-scoped advisory lock per indicator (``services.locking``), so a
second writer's recompute waits for the first to commit and then counts its rows too
(READ COMMITTED: each statement sees what was committed before it started); that lock
is taken shared with an exclusive one that ``rebuild_coverage`` holds, so a rebuild and a
recompute never count from snapshots that miss each other's writers.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterable, Mapping
from contextlib import contextmanager

from django.db import connections, transaction

from . import article_counts, compare_winners
from .services.locking import lock_key

COVERAGE_TABLE = "articles_indicatorcoverage"

# What ``MetricQuerySet.observed()`` keeps, with a region and an indicator.
_COUNT = (
    "SELECT i.id, COUNT(DISTINCT m.region_id), COUNT(m.id) "
    "FROM articles_indicator i LEFT JOIN articles_metric m ON m.indicator_id = i.id "
    "AND m.status <> 'rejected' AND m.target = %s AND m.region_id IS NOT NULL "
    "WHERE {where} GROUP BY i.id"
)
_UPSERT = (
    f"INSERT INTO {COVERAGE_TABLE} (indicator_id, regions, metrics) {{select}} "
    "ON CONFLICT (indicator_id) DO UPDATE SET regions = excluded.regions, "
    "metrics = excluded.metrics"
)

_state = threading.local()


#: Taken shared by every recompute and exclusive by ``rebuild_coverage``.
_ALL = lock_key("coverage:all")


def _lock(connection, ids: list[int]) -> None:
    """PostgreSQL: transaction-scoped advisory locks: ``_ALL`` shared (a rebuild waits for
    running recomputes and they for it), then the indicators' own keys in sorted order;
    one statement. No-op elsewhere."""
    if connection.vendor != "postgresql" or not ids:
        return
    keys = sorted({lock_key(f"coverage:{pk}") for pk in ids})
    with connection.cursor() as cursor:
        cursor.execute(
            "WITH shared AS MATERIALIZED (SELECT pg_advisory_xact_lock_shared(%s)) "
            "SELECT count(pg_advisory_xact_lock(k)) FROM shared, unnest(%s::bigint[]) AS t(k)",
            [_ALL, keys],
        )


def refresh_coverage(indicator_ids: Iterable[int | None], using: str = "default") -> None:
    """Recompute the ``IndicatorCoverage`` rows of ``indicator_ids`` (None ignored).

    Two statements on PostgreSQL (lock, upsert), one on SQLite; an indicator left with
    no observed metric keeps a row with zeros (the reader skips it). Must run inside the
    transaction that changed the metrics (it opens one if there is none).
    """
    ids = sorted({pk for pk in indicator_ids if pk is not None})
    if not ids:
        return
    connection = connections[using]
    marks = ", ".join(["%s"] * len(ids))
    select = _COUNT.format(where=f"i.id IN ({marks})")
    with transaction.atomic(using=using):
        _lock(connection, ids)
        with connection.cursor() as cursor:
            cursor.execute(_UPSERT.format(select=select), [False, *ids])


# One (indicator, region) pair: how many observed metrics it has, at most ``%s`` (the
# pair is read back from the rows: UNION ALL promises no order).
_PAIR = (
    "SELECT MIN(indicator_id), MIN(region_id), COUNT(*) FROM (SELECT indicator_id, region_id "
    "FROM articles_metric WHERE indicator_id = %s AND region_id = %s "
    "AND NOT (status = 'rejected') AND NOT target LIMIT %s) AS t{n}"
)
#: SQLite allows 500 terms in a compound SELECT.
_PAIRS_PER_STATEMENT = 200
_ADD = (
    f"INSERT INTO {COVERAGE_TABLE} (indicator_id, regions, metrics) VALUES (%s, %s, %s) "
    f"ON CONFLICT (indicator_id) DO UPDATE SET regions = {COVERAGE_TABLE}.regions + "
    f"excluded.regions, metrics = {COVERAGE_TABLE}.metrics + excluded.metrics"
)


def _add_coverage(new: dict[int, Counter], using: str = "default") -> None:
    """Move the coverage rows on by metrics just inserted in this transaction (``new``:
    ``{indicator_id: Counter({region_id: how many})}``, observed metrics only), without
    counting the older ones: ``metrics`` grows by the new metrics, ``regions`` by the
    pairs that have no observed metric but the new ones (one statement of per-pair index
    range scans, each reading at most the new metrics and one more). Exact as long as
    the row was (the table is kept exact by every writer; a missing row means no
    observed metric yet). Takes the same locks as ``refresh_coverage`` first, so on
    PostgreSQL a concurrent writer's new metrics of a pair are committed and seen.
    """
    ids = sorted(new)
    if not ids:
        return
    connection = connections[using]
    pairs = [(i, r, n) for i in ids for r, n in sorted(new[i].items())]
    # no savepoint: a failure here fails the writer's transaction anyway
    with transaction.atomic(using=using, savepoint=False):
        _lock(connection, ids)
        with connection.cursor() as cursor:
            found = {}
            for at in range(0, len(pairs), _PAIRS_PER_STATEMENT):
                chunk = pairs[at : at + _PAIRS_PER_STATEMENT]
                sql = " UNION ALL ".join(_PAIR.format(n=k) for k in range(len(chunk)))
                cursor.execute(sql, [v for i, r, n in chunk for v in (i, r, n + 1)])
                found.update({(i, r): count for i, r, count in cursor.fetchall()})
            fresh = Counter()
            for i, r, n in pairs:
                fresh[i] += found[i, r] == n  # only the new metrics: a region new to it
            cursor.executemany(_ADD, [(i, fresh[i], sum(new[i].values())) for i in ids])


def rebuild_coverage(connection=None) -> None:
    """Recompute every indicator's coverage row (one whole-table aggregate: seconds at
    1,000,000 metrics). ``connection`` defaults to ``default`` (a migration passes its
    schema editor's)."""
    connection = connection or connections["default"]
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_ALL])
        cursor.execute(f"DELETE FROM {COVERAGE_TABLE}")
        # "WHERE 1 = 1": SQLite needs a WHERE before ON CONFLICT after a SELECT
        cursor.execute(_UPSERT.format(select=_COUNT.format(where="1 = 1")), [False])


@contextmanager
def batch():
    """Collect the indicators ``touch``ed and the metrics ``added`` inside the block and
    bring their rows up to date once at its end (still inside the caller's transaction):
    touched indicators recomputed, the others moved on by their added metrics. Nested
    blocks join the outermost. The block is also an ``article_counts.batch()`` and a
    ``compare_winners.batch()``: the article counts and compare winners it touches are
    recomputed once at its end too."""
    if getattr(_state, "pending", None) is not None:
        yield
        return
    _state.pending, _state.added = set(), {}
    try:
        with article_counts.batch(), compare_winners.batch():
            yield
        pending, added = _state.pending, _state.added
    finally:
        _state.pending = _state.added = None
    refresh_coverage(pending)
    _add_coverage({i: regions for i, regions in added.items() if i not in pending})


def touch(indicator_ids: Iterable[int | None]) -> None:
    """Mark the indicators whose metrics changed: recomputed at the end of the enclosing
    ``batch()``, or at once outside one."""
    pending = getattr(_state, "pending", None)
    if pending is None:
        refresh_coverage(indicator_ids)
    else:
        pending.update(pk for pk in indicator_ids if pk is not None)


def added(rows: Iterable[Mapping]) -> None:
    """Metrics just inserted (``{attname: value}`` rows, as ``services.rows.insert_values``
    takes them) and nothing else changed for their indicators: their coverage rows are
    moved on by them at the end of the enclosing ``batch()``, or at once outside one.
    Only observed metrics count (an indicator and a region, not a target, not rejected);
    an absent ``status`` is the default, extracted. Their (indicator, region) pairs'
    compare winners are recomputed (``compare_winners.touch``) in the same batch."""
    new: dict[int, Counter] = {}
    for row in rows:
        if row["indicator_id"] is None or row["region_id"] is None or row["target"]:
            continue
        if row.get("status", "") == "rejected":
            continue
        new.setdefault(row["indicator_id"], Counter())[row["region_id"]] += 1
    # a new metric may win its region, or change its winner's parts or earlier value
    compare_winners.touch((i, r) for i, regions in new.items() for r in regions)
    pending = getattr(_state, "added", None)
    if pending is None:
        _add_coverage(new)
        return
    for indicator_id, regions in new.items():
        pending.setdefault(indicator_id, Counter()).update(regions)


def metric_changed(sender, instance, raw=False, **kwargs) -> None:
    """Signal receiver (post_save/post_delete of ``Metric``): touch the metric's
    indicator and, if it changed, the one it was loaded with; and the compare winners of
    its (indicator, region) pair and of the pair it was loaded with."""
    if raw:
        return
    loaded = getattr(instance, "_loaded_indicator_id", None)
    # winners first, as at the end of a batch: every writer takes the PostgreSQL advisory
    # locks of the two tables in one order, so two writers never wait on each other
    compare_winners.touch(
        [
            (instance.indicator_id, instance.region_id),
            (loaded, getattr(instance, "_loaded_region_id", None)),
        ]
    )
    touch([instance.indicator_id, loaded])
    # saved: the stored row is now this one (a second save moves it from here)
    instance._loaded_indicator_id = instance.indicator_id
    instance._loaded_region_id = instance.region_id


def rebuild_metric_dates(connection=None) -> int:
    """Copy every article's ``published`` onto those of its metrics whose copy differs
    (``Metric.published``; kept in step by every writer, so normally none: a restore of
    a backup made before the copy existed, or a raw SQL edit of a date). One statement;
    returns how many metrics changed."""
    connection = connection or connections["default"]
    if connection.vendor == "postgresql":
        sql = (
            "UPDATE articles_metric m SET published = a.published FROM articles_article a "
            "WHERE a.id = m.article_id AND m.published IS DISTINCT FROM a.published"
        )
    else:
        date = (
            "(SELECT a.published FROM articles_article a WHERE a.id = articles_metric.article_id)"
        )
        sql = f"UPDATE articles_metric SET published = {date} WHERE published IS NOT {date}"
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.rowcount
