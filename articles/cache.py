"""Caching of the dashboard's whole-table aggregates, with Django's cache framework.

The overview's counts and the compare page's indicator picker aggregate every article or
metric (0.3 s on 200,000 metrics with SQLite); their inputs change only when a page is
ingested or someone edits data in the admin. ``cached(name, compute)`` keeps a result
under a key that includes a data version; ``bump_data_version()`` (called after every
ingest and on every save or delete of the models the aggregates read) moves all keys on.

The cache is shared by every worker (settings: Redis with ``REDIS_URL``, else a table of
the database), so a bump in one process is seen by all at once; ``CACHE_SECONDS`` only
bounds how long unused entries stay.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache

T = TypeVar("T")

DATA_VERSION_KEY = "govreports:data-version"
#: Upper bound, in seconds, on how long a cached aggregate may outlive a change that
#: another process made (see the module docstring).
CACHE_SECONDS = 300


def data_version() -> int:
    """The current data version (an integer, starting at 1)."""
    return cache.get_or_set(DATA_VERSION_KEY, 1, timeout=None)


def bump_data_version(**_signal_kwargs) -> None:
    """Invalidate every cached aggregate (usable directly as a signal receiver)."""
    try:
        cache.incr(DATA_VERSION_KEY)
    except ValueError:  # the key was evicted or never set
        cache.set(DATA_VERSION_KEY, 2, timeout=None)


def cached(name: str, compute: Callable[[], T]) -> T:
    """``compute()``'s result, cached under ``name`` for the current data version.

    ``compute`` must return a picklable, language-independent value (rows of plain
    values; translate names after reading from the cache).
    """
    return cache.get_or_set(f"govreports:{name}:v{data_version()}", compute, CACHE_SECONDS)
