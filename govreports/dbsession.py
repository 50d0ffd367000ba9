"""Per-session database settings applied when Django opens a connection."""

from django.conf import settings
from django.db.backends.base.base import NO_DB_ALIAS
from django.db.backends.signals import connection_created


def set_statement_timeout(sender, connection, **kwargs) -> None:
    """``connection_created`` receiver: give a PostgreSQL session the
    ``STATEMENT_TIMEOUT_MS`` statement_timeout (0 = none), so no statement of a web request
    runs longer. The maintenance connection Django uses to create and drop databases
    (``NO_DB_ALIAS``) is left alone: ``DROP DATABASE`` may wait on a checkpoint longer than
    a page should take. No-op on other databases."""
    if connection.vendor != "postgresql" or connection.alias == NO_DB_ALIAS:
        return
    with connection.connection.cursor() as cursor:
        cursor.execute(
            "SELECT set_config('statement_timeout', %s, false)",
            [str(int(settings.STATEMENT_TIMEOUT_MS))],
        )


def install() -> None:
    """Connect the receivers (called once from ``ArticlesConfig.ready``)."""
    connection_created.connect(set_statement_timeout, dispatch_uid="pg-statement-timeout")
