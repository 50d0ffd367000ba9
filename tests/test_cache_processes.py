"""The shared cache across processes (the production settings' cache, database table or
Redis): what one process ingests, a long-lived reader process counts at once.

The processes share a SQLite file of their own, not the test run's database, so the
test needs no database of the suite: CI runs it once, in its SQLite run (in the
PostgreSQL run it ran the same SQLite file a second time)."""

import pytest

from tests.services import REDIS_URL

READER = """
import sys
from articles.models import Article
from articles.selectors import _counts, overview, unfiltered_counts
for line in sys.stdin:
    kept = unfiltered_counts()  # the unfiltered list's facets, kept at write time
    fresh = kept == _counts(Article.objects.all(), 2)
    print(overview().total, kept.total, fresh, flush=True)
"""


def _shared_cache_env(tmp_path, redis: bool) -> dict:
    import os
    import uuid

    env = dict(os.environ)
    env.pop("DJANGO_SETTINGS_MODULE", None)  # production settings: the shared cache
    env.update(
        DJANGO_DEBUG="1",
        DATABASE_URL=f"sqlite:///{tmp_path / 'shared.sqlite3'}",
        CACHE_KEY_PREFIX=f"test-{uuid.uuid4().hex}",
    )
    if redis:
        env["REDIS_URL"] = REDIS_URL
    else:
        env.pop("REDIS_URL", None)
    return env


def _redis_up() -> bool:
    import socket

    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
        return True
    except OSError:
        return False


@pytest.mark.parametrize("redis", [False, True], ids=["database-cache", "redis"])
def test_an_ingest_in_one_process_shows_at_once_in_another(tmp_path, redis):
    """A long-lived reader process caches the overview, another process ingests the seed
    page, and the reader's next request counts the new articles (with a per-process
    cache it would show the old count for up to five minutes)."""
    import subprocess
    import sys
    from pathlib import Path

    if redis and not _redis_up():
        pytest.skip("no Redis on 127.0.0.1:6379")
    root = Path(__file__).resolve().parent.parent
    env = _shared_cache_env(tmp_path, redis)
    manage = [sys.executable, str(root / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], env=env, check=True, cwd=root, timeout=300)
    reader = subprocess.Popen(
        [*manage, "shell", "--no-imports", "-c", READER],
        env=env,
        cwd=root,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        reader.stdin.write("read\n")
        reader.stdin.flush()
        before = reader.stdout.readline().split()
        seed = root / "tests" / "data" / "seed_page.txt"
        subprocess.run(
            [*manage, "ingest", str(seed)],
            env=env,
            check=True,
            cwd=root,
            timeout=300,
            capture_output=True,
        )
        reader.stdin.write("read\n")
        reader.stdin.flush()
        after = reader.stdout.readline().split()
    finally:
        reader.stdin.close()
        reader.wait(timeout=60)
    assert before == ["0", "0", "True"]
    # the seed page's articles, counted by the process that read 0, from scratch as kept
    assert int(after[0]) >= 3 and after[1] == after[0] and after[2] == "True"
