"""Serialising concurrent writers of the same page or article.

SQLite: every write transaction starts ``BEGIN IMMEDIATE`` (``transaction_mode`` in
settings), so it holds the database's write lock from its first statement and a second
writer waits (up to the ``timeout``) instead of failing with "database is locked" at
commit. Nothing more is needed there.

PostgreSQL: transactions run side by side, so two ingests of the same page (or of two
pages printing the same article) could both find nothing stored and both insert. Each
ingest transaction first takes ``pg_advisory_xact_lock`` on every key it is about to
check (the page hash, the article body hashes and near-duplicate band keys), in sorted
order so two transactions can never wait on each other in a cycle; the locks are
released at commit or rollback.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from django.db import connection


def lock_key(name: str) -> int:
    """A signed 64-bit advisory-lock key for a string (first 8 bytes of BLAKE2b)."""
    return int.from_bytes(
        hashlib.blake2b(name.encode("utf-8"), digest_size=8).digest(), "big", signed=True
    )


def lock_for_ingest(names: Iterable[str] = (), keys: Iterable[int] = ()) -> None:
    """Take the transaction-scoped advisory locks for ``names`` (strings, hashed with
    ``lock_key``) and ``keys`` (ints) on PostgreSQL; a no-op elsewhere. Must be called
    inside ``transaction.atomic()``."""
    if connection.vendor != "postgresql":
        return
    ordered = sorted({lock_key(n) for n in names} | set(keys))
    if not ordered:
        return
    with connection.cursor() as cursor:
        # one statement; the locks are taken in array order, which is sorted
        cursor.execute(
            "SELECT count(pg_advisory_xact_lock(k)) FROM unnest(%s::bigint[]) WITH ORDINALITY AS t(k, n)",
            [ordered],
        )
