"""Reads on a PostgreSQL read replica, writes on the primary (``DATABASE_REPLICA_URL``).

Installed by ``settings.py`` only when ``DATABASE_REPLICA_URL`` is set; then
``DATABASES`` has a second alias, ``replica``. Rules (Django's multiple-database router
protocol, https://docs.djangoproject.com/en/5.2/topics/db/multi-db/):

- a read goes to ``replica``, unless the ``default`` connection is inside a transaction
  (``transaction.atomic``: an ingest, an admin save, a review): every read of a write
  transaction sees that transaction's own rows, so it runs on ``default``;
- reads of tables whose staleness would be visible go to ``default`` too
  (``PRIMARY_ONLY_APPS``): sessions and users (a login followed by a redirect must find
  its session; replication lag is typically milliseconds, not zero) and the database
  cache table holding the data version (issue 9.6: counts never older than the last
  completed write);
- every write goes to ``default``; migrations run only on ``default`` (the replica
  receives them through replication);
- relations between objects of the two aliases are allowed: they are the same data.
"""

from __future__ import annotations

from django.db import connections

REPLICA = "replica"
#: App labels always read from the primary (``django_cache`` is the label Django gives the
#: model behind ``DatabaseCache``).
PRIMARY_ONLY_APPS = frozenset({"sessions", "auth", "django_cache"})


class ReplicaRouter:
    """Send reads to the ``replica`` alias and everything else to ``default``."""

    def db_for_read(self, model, **hints) -> str:
        """``replica`` for a read outside any transaction on ``default``, else ``default``."""
        if model._meta.app_label in PRIMARY_ONLY_APPS:
            return "default"
        if REPLICA not in connections.settings or connections["default"].in_atomic_block:
            return "default"
        return REPLICA

    def db_for_write(self, model, **hints) -> str:
        """Always ``default`` (the replica is read-only)."""
        return "default"

    def allow_relation(self, obj1, obj2, **hints) -> bool:
        """Objects read from either alias are rows of the same database."""
        return True

    def allow_migrate(self, db: str, app_label: str, model_name=None, **hints) -> bool:
        """Migrations only on ``default``."""
        return db == "default"
