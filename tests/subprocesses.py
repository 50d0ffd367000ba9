"""Run ``manage.py`` and Celery workers as separate processes against the test run's
database (for the concurrency and queue tests).

PostgreSQL: the processes connect to the test database itself (``test_<name>``); the
test must be transactional so that they see its rows and it sees theirs, with
``django_db(transaction=True)`` and the ``reference_data`` fixture, which loads the
regions, topics and indicators again after an earlier transactional test flushed them. SQLite: the test database lives in memory, which another process
cannot open, so ``database_url`` copies it (migrated, reference data loaded) into a file
with SQLite's backup API and the processes share that file; ``query`` reads either.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

from django.db import connection

ROOT = Path(__file__).resolve().parent.parent


def database_url(tmp_path: Path) -> str:
    """A DATABASE_URL for subprocesses that reaches this test run's database."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        target = tmp_path / "shared.sqlite3"
        out = sqlite3.connect(target)
        connection.connection.backup(out)
        out.close()
        return f"sqlite:///{target}"
    user = quote(db["USER"] or "")
    password = f":{quote(db['PASSWORD'])}" if db.get("PASSWORD") else ""
    return (
        f"postgres://{user}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    )


def query(url: str, sql: str, params=()) -> list[tuple]:
    """Rows of ``sql`` run on the database at ``url`` (a file copy for SQLite)."""
    if url.startswith("sqlite:///"):
        with sqlite3.connect(url[len("sqlite:///") :]) as db:
            return db.execute(sql, params).fetchall()
    with connection.cursor() as cursor:
        cursor.execute(sql.replace("?", "%s"), params)
        return cursor.fetchall()


def env(url: str, **extra: str) -> dict[str, str]:
    """The environment of a subprocess: the test settings and the database at ``url``."""
    environ = dict(os.environ)
    environ.update(
        DJANGO_SETTINGS_MODULE="govreports.test_settings",
        DATABASE_URL=url,
        DJANGO_DEBUG="0",
        PYTHONPATH=str(ROOT),
        **extra,
    )
    return environ


def manage(url: str, *args: str, **extra: str) -> subprocess.Popen:
    """Start ``python manage.py ARGS`` (not waited for) with stdout/stderr captured."""
    return subprocess.Popen(
        [sys.executable, str(ROOT / "manage.py"), *args],
        env=env(url, **extra),
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
