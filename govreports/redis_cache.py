"""Django's Redis cache backend with one ``redis.Redis`` client per connection pool.

Django 5.2's ``RedisCacheClient.get_client`` makes a new ``redis.Redis`` for every cache
operation, and redis-py's ``Redis.__init__`` fills a table of about 170 response callbacks
each time: 0.16 ms of CPU per operation, about 1 ms of a cold page that reads and writes
six keys (data version, page cache lock and page). A ``redis.Redis`` is safe to share
between threads (it takes a connection from its pool per command) and its pool checks
the process id, so one client per pool is kept here for the process's lifetime.

Use: ``"BACKEND": "govreports.redis_cache.RedisCache"`` (settings, with ``REDIS_URL``).
"""

from __future__ import annotations

from django.core.cache.backends import redis as django_redis


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
