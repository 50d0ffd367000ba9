"""The Redis cache backend (govreports/redis_cache.py): one ``redis.Redis`` client per
connection pool, shared by every operation, and the cache still answers as Django's."""

import pytest

from govreports.redis_cache import RedisCache
from tests.services import REDIS_URL, count_redis_commands, redis_or_skip

URL = REDIS_URL


@pytest.fixture
def cache():
    redis_or_skip()
    backend = RedisCache(URL, {"KEY_PREFIX": "test-redis-cache"})
    yield backend
    backend.delete_many(["a", "b", "lock"])


def test_every_operation_uses_one_client_per_pool(cache):
    cache.set("a", {"n": 1}, 30)
    assert cache.get("a") == {"n": 1}
    assert cache.add("lock", 1, 30) and not cache.add("lock", 1, 30)
    assert cache.get_many(["a", "lock", "b"]) == {"a": {"n": 1}, "lock": 1}
    assert cache.incr("lock") == 2
    client = cache._cache
    assert client.get_client() is client.get_client(write=True) is client.get_client("a")
    assert len(client._clients) == len(client._pools) == 1
    # Django's own client made a new redis.Redis for every call
    from django.core.cache.backends.redis import RedisCacheClient

    plain = RedisCacheClient([URL])
    assert plain.get_client() is not plain.get_client()


def test_versioned_get_or_lock_reads_and_writes_what_get_add_and_incr_do(cache):
    """One script: the version (stored as 1 when missing, as ``data_version`` adds it),
    the value under it, and the lock when the value is missing; ``set_and_delete``
    stores the value and releases the lock. Keys and values are Django's own."""
    cache.delete_many(["version", "page:v1", "page:v2", "page:v1:lock", "page:v2:lock"])
    assert cache.versioned_get_or_lock("version", "page:v{version}", ":lock", 30) == (
        1,
        None,
        True,
    )
    assert cache.get("version") == 1 and cache.get("page:v1:lock") == 1
    # a second reader finds the lock taken
    assert cache.versioned_get_or_lock("version", "page:v{version}", ":lock", 30) == (
        1,
        None,
        False,
    )
    cache.set_and_delete("page:v1", ({"Content-Type": "text/html"}, b"<p>"), 30, "page:v1:lock")
    assert cache.get("page:v1:lock") is None
    assert cache.get("page:v1") == ({"Content-Type": "text/html"}, b"<p>")
    assert cache.versioned_get_or_lock("version", "page:v{version}", ":lock", 30) == (
        1,
        ({"Content-Type": "text/html"}, b"<p>"),
        False,
    )
    cache.incr("version")  # a write: the next read looks under version 2
    assert cache.versioned_get_or_lock("version", "page:v{version}", ":lock", 30) == (
        2,
        None,
        True,
    )
    ttl = cache._cache.get_client().ttl(cache.make_key("page:v2:lock"))
    assert 0 < ttl <= 30
    with pytest.raises(ValueError, match="once"):
        cache.versioned_get_or_lock("version", "page", ":lock", 30)
    cache.delete_many(["version", "page:v1", "page:v2", "page:v1:lock", "page:v2:lock"])


def test_a_value_too_large_for_the_script_is_read_in_a_second_round_trip(cache, monkeypatch):
    """A script copies what it returns twice: a value over ``INLINE_BYTES`` (a 230 KB
    compare page) is read with a plain GET after it, and one that expired in between
    is a miss that takes the lock."""

    from govreports.redis_cache import INLINE_BYTES

    keys = ["version", "page:v1", "page:v1:lock", "small:v1"]
    cache.delete_many(keys)
    big = ({"Content-Type": "text/html"}, b"x" * (INLINE_BYTES + 1))
    cache.set("page:v1", big, 30)
    cache.set("small:v1", ({}, b"x" * 100), 30)
    cache.versioned_get_or_lock("version", "small:v{version}", ":lock", 30)  # loads the script
    sent = count_redis_commands(monkeypatch)
    assert cache.versioned_get_or_lock("version", "small:v{version}", ":lock", 30) == (
        1,
        ({}, b"x" * 100),
        False,
    )
    assert len(sent) == 1
    sent.clear()
    assert cache.versioned_get_or_lock("version", "page:v{version}", ":lock", 30) == (1, big, False)
    assert len(sent) == 2
    # gone between the script and the GET: a miss, and this reader renders
    monkeypatch.setattr(cache._cache, "get", lambda key, default: default)
    assert cache.versioned_get_or_lock("version", "page:v{version}", ":lock", 30) == (1, None, True)
    monkeypatch.undo()
    assert cache.get("page:v1:lock") == 1
    cache.delete_many(keys)


def test_a_missing_version_is_stored_as_the_first_given(cache):
    """As ``articles.cache.data_version`` adds ``first_version()`` (a new run of versions
    starts from the clock, above the versions of a run Redis lost): the script stores
    the ``first`` it is given, and a later caller's ``first`` leaves it alone."""
    cache.delete_many(["version", "page:v1700000000000:lock"])
    first = 1_700_000_000_000
    assert cache.versioned_get_or_lock("version", "page:v{version}", ":lock", 30, first) == (
        first,
        None,
        True,
    )
    assert cache.get("version") == first
    later = cache.versioned_get_or_lock("version", "page:v{version}", ":lock", 30, first + 9)
    assert later == (first, None, False)
    cache.incr("version")
    assert cache.get("version") == first + 1
    cache.delete_many(["version", "page:v1700000000000:lock"])
