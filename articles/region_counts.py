"""Metrics per region kept in step at write time (issue 9, point 3).

A province's page lists its prefectures with how many shown metrics each has below it
(``regions.children_with_data``). Counted at read time that is an index scan of every
metric of the province (62,000 index entries for Sichuan at 1,000,000 metrics: 19-39 ms
on PostgreSQL, most of the page). ``RegionMetricCount`` holds, per region, the metrics
whose own region it is: ``shown`` (not rejected, ``MetricQuerySet.shown()``) and
``reviewed`` (approved, corrected or added by hand, ``shown(verified=True)``); the page
reads the rows of the province's few hundred divisions and sums them per child.

Kept by database triggers on ``articles_metric`` rather than by each writer: every
write of a metric moves the counts of the regions it leaves and enters, in the writer's
own statement and so in its transaction, whoever writes (ingest's plain inserts, admin
edits and deletes and their cascades, review's ``update()``, ``generate_corpus``'s
COPY, ``delete_corpus``'s raw ``DELETE``, ``loaddata``). The triggers add or subtract
exactly the rows the statement changed (the database hands them over), so unlike an
increment guessed by the writer they cannot drift:

* SQLite: three row triggers (insert, delete, update of ``region_id`` or ``status``),
  each one upsert or update of one row;
* PostgreSQL: three statement triggers with transition tables, one grouped upsert per
  statement (a COPY of 1,000,000 metrics is one ``GROUP BY``), rows taken in region
  order so that concurrent writers wait for each other instead of deadlocking; the
  counts commute, so two writers of one region both land.

A region whose metrics all went keeps a row of zeros (readers skip them). ``rebuild``
recounts from scratch (``manage.py rebuild_aggregates``, the migration); a ``TRUNCATE``
of the metrics (test flushes on PostgreSQL) fires no trigger and empties this table too.
"""

from __future__ import annotations

from django.db import connections, transaction

TABLE = "articles_regionmetriccount"
#: ``REVIEWED_STATUSES`` (``models``), spelled out for SQL.
_REVIEWED = "('approved', 'corrected', 'manual')"

_SQLITE_ADD = (
    f"INSERT INTO {TABLE} (region_id, shown, reviewed) "
    "SELECT NEW.region_id, NEW.status <> 'rejected', NEW.status IN {reviewed} "
    "WHERE NEW.region_id IS NOT NULL "
    "ON CONFLICT (region_id) DO UPDATE SET shown = shown + excluded.shown, "
    "reviewed = reviewed + excluded.reviewed;"
).replace("{reviewed}", _REVIEWED)
_SQLITE_SUBTRACT = (
    f"UPDATE {TABLE} SET shown = shown - (OLD.status <> 'rejected'), "
    f"reviewed = reviewed - (OLD.status IN {_REVIEWED}) WHERE region_id = OLD.region_id;"
)
SQLITE_INSTALL = [
    "CREATE TRIGGER articles_region_counts_insert AFTER INSERT ON articles_metric "
    f"BEGIN {_SQLITE_ADD} END",
    "CREATE TRIGGER articles_region_counts_delete AFTER DELETE ON articles_metric "
    f"BEGIN {_SQLITE_SUBTRACT} END",
    "CREATE TRIGGER articles_region_counts_update AFTER UPDATE OF region_id, status "
    "ON articles_metric WHEN OLD.region_id IS NOT NEW.region_id "
    f"OR OLD.status IS NOT NEW.status BEGIN {_SQLITE_SUBTRACT} {_SQLITE_ADD} END",
]
SQLITE_UNINSTALL = [
    f"DROP TRIGGER IF EXISTS articles_region_counts_{event}"
    for event in ("insert", "delete", "update")
]

# One function for the three statement triggers: the rows a statement added (``added``,
# +1 each) and removed (``removed``, -1 each); for an update only the rows whose region
# or status changed, each removed from its old region and added to its new one.
_PG_FUNCTION = f"""
CREATE FUNCTION articles_region_counts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO {TABLE} (region_id, shown, reviewed)
        SELECT region_id, count(*) FILTER (WHERE status <> 'rejected'),
            count(*) FILTER (WHERE status IN {_REVIEWED})
        FROM added WHERE region_id IS NOT NULL GROUP BY region_id ORDER BY region_id
        ON CONFLICT (region_id) DO UPDATE SET shown = {TABLE}.shown + excluded.shown,
            reviewed = {TABLE}.reviewed + excluded.reviewed;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO {TABLE} (region_id, shown, reviewed)
        SELECT region_id, -count(*) FILTER (WHERE status <> 'rejected'),
            -count(*) FILTER (WHERE status IN {_REVIEWED})
        FROM removed WHERE region_id IS NOT NULL GROUP BY region_id ORDER BY region_id
        ON CONFLICT (region_id) DO UPDATE SET shown = {TABLE}.shown + excluded.shown,
            reviewed = {TABLE}.reviewed + excluded.reviewed;
    ELSE
        INSERT INTO {TABLE} (region_id, shown, reviewed)
        SELECT region_id, sum(shown), sum(reviewed) FROM (
            SELECT o.region_id, -(o.status <> 'rejected')::int AS shown,
                -(o.status IN {_REVIEWED})::int AS reviewed
            FROM removed o JOIN added n ON n.id = o.id
            WHERE (o.region_id IS DISTINCT FROM n.region_id
                OR o.status IS DISTINCT FROM n.status) AND o.region_id IS NOT NULL
            UNION ALL
            SELECT n.region_id, (n.status <> 'rejected')::int,
                (n.status IN {_REVIEWED})::int
            FROM removed o JOIN added n ON n.id = o.id
            WHERE (o.region_id IS DISTINCT FROM n.region_id
                OR o.status IS DISTINCT FROM n.status) AND n.region_id IS NOT NULL
        ) AS moved GROUP BY region_id ORDER BY region_id
        ON CONFLICT (region_id) DO UPDATE SET shown = {TABLE}.shown + excluded.shown,
            reviewed = {TABLE}.reviewed + excluded.reviewed;
    END IF;
    RETURN NULL;
END $$"""
POSTGRESQL_INSTALL = [
    _PG_FUNCTION,
    "CREATE TRIGGER articles_region_counts_insert AFTER INSERT ON articles_metric "
    "REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION articles_region_counts()",
    "CREATE TRIGGER articles_region_counts_delete AFTER DELETE ON articles_metric "
    "REFERENCING OLD TABLE AS removed FOR EACH STATEMENT "
    "EXECUTE FUNCTION articles_region_counts()",
    "CREATE TRIGGER articles_region_counts_update AFTER UPDATE ON articles_metric "
    "REFERENCING OLD TABLE AS removed NEW TABLE AS added FOR EACH STATEMENT "
    "EXECUTE FUNCTION articles_region_counts()",
]
POSTGRESQL_UNINSTALL = [
    *(
        f"DROP TRIGGER IF EXISTS articles_region_counts_{event} ON articles_metric"
        for event in ("insert", "delete", "update")
    ),
    "DROP FUNCTION IF EXISTS articles_region_counts()",
]

_REBUILD = {
    "postgresql": (
        f"INSERT INTO {TABLE} (region_id, shown, reviewed) "
        "SELECT region_id, count(*) FILTER (WHERE status <> 'rejected'), "
        f"count(*) FILTER (WHERE status IN {_REVIEWED}) "
        "FROM articles_metric WHERE region_id IS NOT NULL GROUP BY region_id"
    ),
    "sqlite": (
        f"INSERT INTO {TABLE} (region_id, shown, reviewed) "
        "SELECT region_id, SUM(status <> 'rejected'), "
        f"SUM(status IN {_REVIEWED}) "
        "FROM articles_metric WHERE region_id IS NOT NULL GROUP BY region_id"
    ),
}


def _statements(vendor: str, *, install: bool) -> list[str]:
    if vendor == "sqlite":
        return SQLITE_INSTALL if install else SQLITE_UNINSTALL
    if vendor == "postgresql":
        return POSTGRESQL_INSTALL if install else POSTGRESQL_UNINSTALL
    raise RuntimeError(f"no region metric counts for the {vendor} database")


def install(connection) -> None:
    """Create the triggers (a migration passes its schema editor's connection)."""
    with connection.cursor() as cursor:
        for sql in _statements(connection.vendor, install=True):
            cursor.execute(sql)


def uninstall(connection) -> None:
    """Drop the triggers (the migration's way back)."""
    with connection.cursor() as cursor:
        for sql in _statements(connection.vendor, install=False):
            cursor.execute(sql)


def rebuild(connection=None) -> None:
    """Recount every region's metrics from scratch (one ``GROUP BY`` over the metric
    table: a second or two at 1,000,000 metrics). On PostgreSQL the table is locked
    first, so a writer's trigger waits and then adds to the rebuilt rows."""
    connection = connection or connections["default"]
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # writers' triggers need ROW EXCLUSIVE; SHARE blocks them, not readers
            cursor.execute(f"LOCK TABLE articles_metric, {TABLE} IN SHARE MODE")
        cursor.execute(f"DELETE FROM {TABLE}")
        cursor.execute(_REBUILD[connection.vendor])
