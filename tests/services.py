"""The Redis the suites use (``GOVREPORTS_TEST_REDIS_URL``, database 14 by default):
its address, and a check that skips a test without it, except in CI, where ``.ci/run``
starts Redis first and an unreachable one fails the test."""

import os

import pytest

REDIS_URL = os.environ.get("GOVREPORTS_TEST_REDIS_URL", "redis://127.0.0.1:6379/14")


def redis_or_skip() -> None:
    """Return when Redis answers at ``REDIS_URL``; else skip the test (fail it in CI)."""
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError as exc:
        reason = f"Redis at {REDIS_URL} is unreachable ({exc})"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}, and CI requires it", pytrace=False)
        pytest.skip(reason)


def count_redis_commands(monkeypatch) -> list:
    """A list that grows by one for every command (or pipeline, or script) redis-py
    sends from now on in this test: a test reads ``len`` of it, and ``clear``s it
    between the steps it counts."""
    from redis.connection import Connection

    sent = []
    real = Connection.send_packed_command
    monkeypatch.setattr(
        Connection,
        "send_packed_command",
        lambda self, *a, **k: sent.append(1) or real(self, *a, **k),
    )
    return sent
