"""Caching of the dashboard's whole-table aggregates, with Django's cache framework.

The overview's counts and the compare page's indicator picker aggregate every article or
metric (0.3 s on 200,000 metrics with SQLite); their inputs change only when a page is
ingested or someone edits data in the admin. ``cached(name, compute)`` keeps a result
under a key that includes a data version; ``bump_data_version()`` (called after every
ingest and on every save or delete of the models the aggregates read) moves all keys on.

The cache is shared by every worker (settings: Redis with ``REDIS_URL``, else a table of
the database), so a bump in one process is seen by all at once; ``CACHE_SECONDS`` only
bounds how long unused entries stay.

``derived(name, inputs, compute)`` keeps, in each process, a value computed from rows a
request has just read (compare's pickers), for as long as those rows are the same.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache, caches
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from django.db import transaction

T = TypeVar("T")

DATA_VERSION_KEY = "govreports:data-version"
#: Upper bound, in seconds, on how long a cached aggregate may outlive a change that
#: another process made (see the module docstring).
CACHE_SECONDS = 300
_MISSING = object()
#: Cache backends whose ``incr`` is atomic and keeps the key's expiry (``bump_data_version``;
#: ``govreports.redis_cache.RedisCache`` is a ``RedisCache``).
ATOMIC_INCR = (RedisCache, LocMemCache)


def first_version() -> int:
    """Where a new run of data versions starts: the milliseconds since the epoch.

    The version key can go missing (a Redis restart, an eviction, a cleared cache); a
    run that started at 1 again would give versions the last run gave already, and with
    them its cached aggregates and pages and its ETags (a browser's 304 for a list
    read before the writes: a new-user pass saw the compare picker keep an old one).
    A run started from the clock starts above every version an earlier run reached, as
    long as it moved on fewer times than milliseconds have passed since it began."""
    return time.time_ns() // 1_000_000


def data_version() -> int:
    """The current data version (an integer; a run starts at ``first_version()``).

    One read when the key is there; when it is not, an ``add`` of ``first_version()``
    (which leaves a version another process stored meanwhile alone, then read again).
    ``get_or_set`` read the key once more after storing it: with the database cache every
    call is a query.
    """
    version = cache.get(DATA_VERSION_KEY)
    if version is None:
        version = first_version()
        if not cache.add(DATA_VERSION_KEY, version, timeout=None):
            version = cache.get(DATA_VERSION_KEY, version)  # another process stored one
    return version


def bump_data_version(**_signal_kwargs) -> None:
    """Invalidate every cached aggregate and page: move the data version on.

    Call it after a write has committed (``transaction.on_commit(bump_data_version)``, as
    the ingest does); inside a transaction use :func:`data_changed`.

    Where the cache increments atomically (``ATOMIC_INCR``: Redis's INCR, the local
    memory cache under its lock) the version moves on by one. Elsewhere (the database
    cache of ``make run``: Django's ``incr`` reads, then writes) two processes that bump
    at once both wrote the same next version: 300 bumps from three processes moved it
    259 (a new-user pass), so one write's change could sit under a version cached before
    it. There the version becomes the clock in nanoseconds (at least the version plus
    one), a value no other bump takes; versions are then told apart, not ordered, which
    is all the cache's keys and the ETags need. Either way the key is kept for good.
    """
    backend = caches["default"]
    if isinstance(backend, ATOMIC_INCR):
        try:
            cache.incr(DATA_VERSION_KEY)
            return
        except ValueError:  # the key was evicted or never set: a new run
            cache.set(DATA_VERSION_KEY, first_version(), timeout=None)
            return
    current = cache.get(DATA_VERSION_KEY) or 0
    cache.set(DATA_VERSION_KEY, max(current + 1, time.time_ns()), timeout=None)


def data_changed(**_signal_kwargs) -> None:
    """A write happened: move the data version on now and, inside a transaction, once more
    when it commits (the receiver of every model's save and delete signals).

    A reader that took the new version before the commit still saw the old rows and may
    have cached them under it; the move at commit leaves that entry behind. One move at
    commit per transaction, however many rows it writes.
    """
    bump_data_version()
    if transaction.get_connection().in_atomic_block:
        bump_at_commit()


def bump_at_commit() -> None:
    """Move the data version on when the current transaction commits: once per
    transaction, however many writes in it call this (an ingest of several pages in one
    transaction, ``services.ingest.store_pages``, moves it once). Outside a transaction
    it moves at once."""
    connection = transaction.get_connection()
    if not any(func is bump_data_version for _sids, func, _robust in connection.run_on_commit):
        transaction.on_commit(bump_data_version)


def cached(name: str, compute: Callable[[], T]) -> T:
    """``compute()``'s result, cached under ``name`` for the current data version.

    ``compute`` must return a picklable, language-independent value (rows of plain
    values; translate names after reading from the cache).

    One read when the value is cached; else ``compute()`` and one write, the computed
    value returned as it is (``get_or_set`` read it back from the cache: one more query
    per miss with the database cache).
    """
    key = f"govreports:{name}:v{data_version()}"
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = compute()
        cache.set(key, value, CACHE_SECONDS)
    return value


_DERIVED: dict[str, tuple] = {}


def derived(name: str, inputs, compute: Callable[[], T]) -> T:
    """``compute()``, kept in this process for as long as ``inputs`` stay equal to what it
        was computed from: the last value per ``name`` (one slot each: put the language in the
    name of a translated value, so pages in two languages do not take turns), recomputed
    when ``inputs`` change.

        For work derived from rows a request reads anyway (compare's pickers: labels,
        translations and sorting of 150 indicators and 370 regions, rebuilt for every
        request): ``inputs`` must hold everything ``compute`` reads (the rows themselves,
        the active language), so a kept value can never differ from what ``compute()`` would
        return now; it is not the data version (reading that is a query with the database
        cache) and nothing to invalidate. ``inputs`` is compared with ``==``: rows as tuples.
        The value is shared by every request of the process: callers must not change it.
        Thread-safe without a lock (one tuple stored per name; two threads may both compute).
    """
    kept = _DERIVED.get(name)
    if kept is not None and kept[0] == inputs:
        return kept[1]
    value = compute()
    _DERIVED[name] = (inputs, value)
    return value
