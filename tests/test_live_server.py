"""The module-scoped ``read_only_live_server`` (tests/conftest.py) shares the in-memory
SQLite connection with its request threads, and no request thread may fail on it."""

import http.client
import threading

import pytest

from tests.live_server import read_only_server


@pytest.fixture
def thread_errors():
    """Exceptions raised in other threads while the test runs (``threading.excepthook``)."""
    errors = []
    previous = threading.excepthook
    threading.excepthook = lambda args: errors.append(args.exc_value)
    yield errors
    threading.excepthook = previous


def request_threads() -> list[threading.Thread]:
    """The live server's threads that serve one HTTP connection each."""
    return [
        t
        for t in threading.enumerate()
        if getattr(getattr(t, "_target", None), "__name__", "") == "process_request_thread"
    ]


def test_a_keep_alive_request_thread_ending_after_the_server_stopped_raises_nothing(
    live_server_database, thread_errors
):
    # A browser keeps its HTTP/1.1 connection open after its last page: the server's
    # request thread ends only when the browser closes it, which can be after the module
    # stopped the server. That thread then closed the SQLite connection the server thread
    # had stopped sharing, and raised in the thread (PytestUnhandledThreadExceptionWarning
    # in tests/test_browser_many.py).
    with read_only_server(live_server_database) as server:
        client = http.client.HTTPConnection(server.thread.host, server.thread.port, timeout=10)
        client.request("GET", "/")
        response = client.getresponse()
        response.read()
        assert response.status == 200
        (serving,) = request_threads()
    client.close()
    serving.join(10)
    assert not serving.is_alive()
    assert thread_errors == []
