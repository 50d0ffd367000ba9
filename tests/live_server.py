"""The live server behind ``read_only_live_server`` (tests/conftest.py)."""

import os
from contextlib import contextmanager

from django.core.management import call_command
from django.core.servers.basehttp import ThreadedWSGIServer
from django.db import connection, connections


class SharedConnectionServer(ThreadedWSGIServer):
    """Django's live server, whose request threads leave the shared connections alone.

    ``LiveServerThread`` hands each request thread the in-memory SQLite connection it
    shares with the test (``connections_override``), and ``close_request`` closes every
    connection of the thread. Closing an in-memory database is a no-op, but first it checks
    the connection may be used from this thread: a request thread that ends after the
    server stopped sharing it (a browser's keep-alive connection, closed after the module's
    last test) raised DatabaseError in that thread. Only the thread's own connections are
    closed here; the shared ones are the server thread's to close.
    """

    def _close_connections(self):
        shared = self.connections_override or {}
        for conn in connections.all(initialized_only=True):
            if conn.alias not in shared:
                conn.close()


@contextmanager
def read_only_server(django_db_blocker):
    """Start pytest-django's ``LiveServer`` on the test database, yield it, and at the end
    stop it and flush the database as a transactional test leaves it.

    Database access stays unblocked while the server runs (the server's thread and the
    test share the database); request threads do not close the shared connection
    (``SharedConnectionServer``). Raises AssertionError when the default database is no test
    database."""
    from pytest_django.live_server_helper import LiveServer

    with django_db_blocker.unblock():
        name = str(connection.settings_dict["NAME"])
        assert "test" in name or "memory" in name, f"not a test database: {name}"
        server = LiveServer(
            os.environ.get("DJANGO_LIVE_TEST_SERVER_ADDRESS") or "localhost", start=False
        )
        server.thread.server_class = SharedConnectionServer
        server._live_server_modified_settings.enable()
        server.start()
        try:
            yield server
        finally:
            server.stop()
            server._live_server_modified_settings.disable()
            call_command("flush", interactive=False, verbosity=0)
            with connection.cursor() as cursor:
                cursor.execute("DELETE FROM articles_search")
