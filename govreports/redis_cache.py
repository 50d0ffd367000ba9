"""Django's Redis cache backend with one ``redis.Redis`` client per connection pool.

Django 5.2's ``RedisCacheClient.get_client`` makes a new ``redis.Redis`` for every cache
operation, and redis-py's ``Redis.__init__`` fills a table of about 170 response callbacks
each time: 0.16 ms of CPU per operation, about 1 ms of a cold page that reads and writes
six keys (data version, page cache lock and page). A ``redis.Redis`` is safe to share
between threads (it takes a connection from its pool per command) and its pool checks
the process id, so one client per pool is kept here for the process's lifetime.

It also answers the page cache's two steps in one round trip each
(``versioned_get_or_lock``, ``set_and_delete``): redis-py spends about 0.3 ms of CPU on
every command here, and a cold page took six (read the data version, store it, read the
page, take the lock, store the page, release the lock).

Use: ``"BACKEND": "govreports.redis_cache.RedisCache"`` (settings, with ``REDIS_URL``).
"""

from __future__ import annotations

from django.core.cache.backends import redis as django_redis

#: KEYS[1]: the data version's key. ARGV[1], ARGV[2]: a value's key before and after
#: its version; ARGV[3]: the lock's suffix; ARGV[4]: the lock's seconds; ARGV[5]: the
#: largest value returned here; ARGV[6]: where a missing version starts (``SET NX``, as
#: ``articles.cache.data_version`` adds ``first_version()``). Returns ``{version, 1, value}`` when the
#: value is there and no larger than ARGV[5] bytes, ``{version, 2, ''}`` when it is
#: larger (a script copies a value twice: for a 230 KB page that cost more than a second
#: round trip), else ``{version, 0, 1 if this call took the lock else 0}``.
_VERSIONED_GET_OR_LOCK = """
local version = redis.call('GET', KEYS[1])
if not version then
  redis.call('SET', KEYS[1], ARGV[6], 'NX')
  version = redis.call('GET', KEYS[1])
end
local key = ARGV[1] .. version .. ARGV[2]
local size = redis.call('STRLEN', key)
if size > tonumber(ARGV[5]) then
  return {version, 2, ''}
end
if size > 0 then
  return {version, 1, redis.call('GET', key)}
end
local locked = redis.call('SET', key .. ARGV[3], 1, 'NX', 'EX', tonumber(ARGV[4]))
return {version, 0, locked and 1 or 0}
"""
#: Values up to this many bytes come back from the script itself (``versioned_get_or_lock``).
INLINE_BYTES = 65536
#: Stands for the version in the key passed to ``versioned_get_or_lock``.
VERSION = "{version}"


class RedisCacheClient(django_redis.RedisCacheClient):
    """``django_redis.RedisCacheClient`` keeping its ``redis.Redis`` per pool index."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients: dict[int, object] = {}

    def get_client(self, key=None, *, write=False):
        """The shared client of the pool Django would pick (``write``: the first server)."""
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            if index not in self._pools:  # as Django's _get_connection_pool, for this index
                self._pools[index] = self._pool_class.from_url(
                    self._servers[index], **self._pool_options
                )
            pool = self._pools[index]
            client = self._clients.setdefault(index, self._client(connection_pool=pool))
        return client


class RedisCache(django_redis.RedisCache):
    """Django's ``RedisCache`` with ``RedisCacheClient`` above."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
        self._script = None

    def versioned_get_or_lock(
        self, version_key: str, key: str, lock_suffix: str, lock_seconds: int, first: int = 1
    ) -> tuple[int, object, bool]:
        """In one round trip: the version under ``version_key`` (an int; ``first``,
        stored, when there is none), then the value under ``key`` with ``VERSION`` replaced by it (a
        second round trip for a value over ``INLINE_BYTES``), and when there is no such
        value, ``add`` of 1 under that key + ``lock_suffix`` for ``lock_seconds``.
        Returns ``(version, value or None, took the lock)``.

        Keys, values and the version are the ones ``get``, ``add`` and ``incr`` of this
        cache read and write (Django's key function and serializer); ``key`` must hold
        ``VERSION`` once, and the key function must keep it whole (the default one does).
        Raises ``ValueError`` when ``key`` does not hold ``VERSION`` once.
        """
        made = self.make_and_validate_key(key)
        if made.count(VERSION) != 1:
            raise ValueError(f"key must hold {VERSION!r} once: {key!r}")
        head, tail = made.split(VERSION)
        client = self._cache.get_client(write=True)
        if self._script is None:  # registered once: later calls send its SHA only
            self._script = client.register_script(_VERSIONED_GET_OR_LOCK)
        version, found, value = self._script(
            keys=[self.make_and_validate_key(version_key)],
            args=[head, tail, lock_suffix, int(lock_seconds), INLINE_BYTES, int(first)],
            client=client,
        )
        version = int(version)
        if found == 1:
            return version, self._cache._serializer.loads(value), False
        if found == 2:  # too large to pass through the script: read it as ``get`` does
            made = f"{head}{version}{tail}"
            value = self._cache.get(made, None)
            if value is not None:
                return version, value, False
            # expired since: as a miss (``add`` of the lock, as the script would have)
            return version, None, self._cache.add(made + lock_suffix, 1, int(lock_seconds))
        return version, None, bool(value)

    def set_and_delete(self, key: str, value, timeout: int, delete: str) -> None:
        """``set(key, value, timeout)`` and ``delete(delete)`` in one round trip."""
        client = self._cache.get_client(write=True)
        pipe = client.pipeline(transaction=False)
        pipe.set(
            self.make_and_validate_key(key),
            self._cache._serializer.dumps(value),
            ex=self.get_backend_timeout(timeout),
        )
        pipe.delete(self.make_and_validate_key(delete))
        pipe.execute()
