"""Shared fixtures: the real seed page and its hand-checked reading, copied from
shared/seeds and shared/acceptance into tests/data; and the one way to drive headless
Chromium (``browser`` per session, ``new_browser_page`` per test)."""

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def seed_text() -> str:
    return (DATA / "seed_page.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_gold() -> dict:
    return json.loads((DATA / "seed_gold.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def parsed_seed(seed_text):
    from articles.ingest.pipeline import parse_page

    return parse_page(seed_text)


# --- Headless Chromium (Playwright) -------------------------------------------------------
def pytest_ignore_collect(collection_path, config):
    """``GOVREPORTS_BROWSER_FILES=skip`` leaves out the browser suites (``test_browser*.py``),
    ``only`` runs nothing else (CI runs them in a process of their own, beside the rest on
    SQLite and on PostgreSQL). CI skips them in its PostgreSQL run: those pages were already driven in Chromium on
    SQLite in the same CI run, the database behaviour under them is tested on both databases
    by the rest of the suite, and running them twice kept CI over its 20 minutes."""
    files = os.environ.get("GOVREPORTS_BROWSER_FILES")
    if files == "skip":
        return collection_path.name.startswith("test_browser") or None
    if files == "only" and collection_path.suffix == ".py":
        return not collection_path.name.startswith(("test_browser", "conftest")) or None
    return None


# One way to start the browser: the session-wide `browser` and a fresh context per test from
# `new_browser_page`. Debian's Chromium is used; downloading a browser is not allowed here.

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


def _no_browser(reason: str) -> None:
    """Skip, or fail when CI demands the browser tests (GOVREPORTS_REQUIRE_BROWSER=1)."""
    if os.environ.get("GOVREPORTS_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason}, and GOVREPORTS_REQUIRE_BROWSER=1 requires it", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium (Playwright ``Browser``) for the whole session.

    Skipped when /usr/bin/chromium or Playwright is missing, unless
    ``GOVREPORTS_REQUIRE_BROWSER=1`` (CI), which makes that an error. Playwright's sync API
    keeps an asyncio loop running in this thread while the browser is open, so Django would
    refuse ORM calls as "async unsafe" in this and every later test of the session;
    ``DJANGO_ALLOW_ASYNC_UNSAFE`` is set for as long as the browser lives (the ORM calls
    are still made from one thread, between browser steps, so this is safe).
    """
    if not CHROMIUM.is_file():
        _no_browser(f"{CHROMIUM} is not installed")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _no_browser("Playwright for Python is not installed")
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@dataclass
class BrowserPage:
    """A Playwright ``page`` in its own context, with what went wrong on it so far.

    ``problems`` collects console errors, uncaught page errors and dialogs (alert, confirm,
    prompt: dismissed at once, so a test never hangs on one). ``visit`` opens a path and
    saves a full-page screenshot to ``test-artifacts/<test>-<n>-<label>.png``.
    """

    page: object
    name: str
    problems: list[str] = field(default_factory=list)
    shots: int = 0

    def visit(self, path: str, label: str = "page"):
        response = self.page.goto(path)
        self.screenshot(label)
        return response

    def screenshot(self, label: str) -> Path:
        self.shots += 1
        ARTIFACTS.mkdir(exist_ok=True)
        target = ARTIFACTS / f"{self.name}-{self.shots}-{label}.png"
        self.page.screenshot(path=str(target), full_page=True)
        return target

    def assert_clean(self) -> None:
        assert self.problems == []


@pytest.fixture
def new_browser_page(browser, request):
    """Factory: ``new_browser_page(base_url=..., width=1280, height=900, scale=1,
    java_script=True)`` (scale: the device pixel ratio) returns a
    ``BrowserPage`` in a fresh context (no cookies from other tests; zh-CN locale; downloads
    allowed). Each page's final state is saved as ``test-artifacts/<test>-final.png`` and its
    context closed when the test ends, passed or failed."""
    name = re.sub(r"[^\w.-]+", "_", request.node.name)
    opened: list[tuple[object, BrowserPage]] = []

    def make(
        base_url: str | None = None,
        width: int = 1280,
        height: int = 900,
        scale: float = 1,
        java_script: bool = True,
    ) -> BrowserPage:
        context = browser.new_context(
            java_script_enabled=java_script,
            base_url=base_url,
            viewport={"width": width, "height": height},
            device_scale_factor=scale,
            locale="zh-CN",
            accept_downloads=True,
        )
        # 30 s, not 10: on a machine 2.6x slower than usual, with CI's three suites on two
        # cores, a review-queue page once took over 10 s to go network-idle
        context.set_default_timeout(30_000)
        page = context.new_page()
        wrapped = BrowserPage(page=page, name=name if not opened else f"{name}-{len(opened)}")
        problems = wrapped.problems

        def on_console(message):
            if message.type == "error":
                problems.append(f"console error on {page.url}: {message.text}")

        def on_dialog(dialog):
            problems.append(f"{dialog.type} dialog on {page.url}: {dialog.message}")
            dialog.dismiss()

        page.on("console", on_console)
        page.on("pageerror", lambda error: problems.append(f"page error on {page.url}: {error}"))
        page.on("dialog", on_dialog)
        opened.append((context, wrapped))
        return wrapped

    yield make
    for context, wrapped in opened:
        try:
            ARTIFACTS.mkdir(exist_ok=True)
            wrapped.page.screenshot(
                path=str(ARTIFACTS / f"{wrapped.name}-final.png"), full_page=True
            )
        finally:
            context.close()


def _databases_for_test(test):
    """pytest-django sets up only the databases that the selected tests mark or request
    (``db``, ``transactional_db``, ``live_server``); a test on ``read_only_live_server``
    requests none of them, so alone (``-k``) it would meet the development database."""
    if {"read_only_live_server", "live_server_database"} & set(getattr(test, "fixturenames", ())):
        from django.db import DEFAULT_DB_ALIAS

        return (DEFAULT_DB_ALIAS,), False
    return _pytest_django_databases_for_test(test)


import pytest_django.fixtures as _pytest_django_fixtures  # noqa: E402

_pytest_django_databases_for_test = _pytest_django_fixtures._get_databases_for_test
_pytest_django_fixtures._get_databases_for_test = _databases_for_test  # pinned 4.14


@pytest.fixture(scope="session", autouse=True)
def _no_session_left_on_the_test_database(request):
    """On PostgreSQL, at the end of the run (before pytest-django drops the test database):
    waits up to 5 s for other sessions on it to end, then names any left in a warning and
    ends them. The drop failed in CI with "database … is being accessed by other users".
    Two causes were seen: a live-server request thread closes its connection as it ends,
    but the server's backend process leaves a moment later (the idle session of the last
    request, gone within the wait); and in CI a session idle after a
    ``DELETE FROM articles_search`` (a flush's, ``_search_index_follows_flush`` or
    ``tests.live_server``) still open after 5 s, whose owner is not found yet: the
    warning names it, and ending it lets the drop succeed."""
    from django.db import connection

    if connection.vendor != "postgresql":
        yield
        return
    request.getfixturevalue("django_db_setup")  # torn down after this fixture
    blocker = request.getfixturevalue("django_db_blocker")
    yield
    import time
    import warnings

    with blocker.unblock(), connection.cursor() as cursor:
        deadline = time.monotonic() + 5
        while True:
            cursor.execute(
                "SELECT pid, application_name, state, left(query, 160) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
            left = cursor.fetchall()
            if not left or time.monotonic() > deadline:
                break
            time.sleep(0.05)
        for pid, *_rest in left:
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    if left:
        warnings.warn(f"sessions left on the test database, ended: {left}", stacklevel=1)


@pytest.fixture(scope="module")
def read_only_live_server(django_db_setup, django_db_blocker):
    """A live server (pytest-django's ``LiveServer``) for one module's tests that only READ
    the data a module-scoped fixture stores once through it: ``live_server`` makes every
    test transactional, so its data is flushed and stored again per test (the seed page and
    the reference data, ~0.5 s of CPU; 3,000 counties, ~4 s). Database access stays open
    for the module (the server's thread and the test share the database); data written
    here is committed, so PostgreSQL's server connection sees it too. At the module's end
    the database is flushed as a transactional test leaves it.

    Tests using it request no ``db``, so pytest-django runs them after every database
    test, when no test's transaction is open. A test that writes must use ``live_server``.
    """
    from tests.live_server import read_only_server

    with read_only_server(django_db_blocker) as server:
        yield server


@pytest.fixture
def live_server_database(django_db_setup, django_db_blocker):
    """The test database's blocker, for a test that runs ``tests.live_server.read_only_server``
    itself (to look at what happens when it stops); like ``read_only_live_server`` it sets
    up the test database without a test transaction."""
    return django_db_blocker


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache, so cached aggregates never leak between
    tests (and query-count pins measure the uncached path)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the site's default language. A request activates the language
    its cookie names (``LocaleMiddleware``) and leaves it active in the thread, as the next
    request activates its own; a test whose client kept English in its cookie (a ``?lang=``
    link keeps its language) left English active for code the next test calls directly."""
    from django.conf import settings
    from django.utils import translation

    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _search_index_follows_flush(request):
    """A transactional test ends with a flush of the model tables, which the search
    index (a table no model owns) does not get: empty it too, so ids reused by the next
    test never meet stale entries."""
    yield
    if "transactional_db" in request.fixturenames or "live_server" in request.fixturenames:
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM articles_search")


@pytest.fixture
def reference_data(transactional_db):
    """The regions, topics and indicator catalogue for a transactional test.

    An earlier transactional test ends with a flush that empties them (the migrations
    loaded them once). Loading them again here, rather than with
    ``serialized_rollback=True``, keeps these tests independent of order: a flush that
    emits ``post_migrate`` recreates the content types, and a serialized restore after it
    stopped on their unique constraint."""
    from articles.reference import sync_reference_data

    sync_reference_data()


# --- One database's run can leave out what does not touch a database ----------------------
_DB_FIXTURES = {
    "db",
    "transactional_db",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
    "live_server",
    "reference_data",
    "read_only_live_server",
    "live_server_database",
}


def _uses_database(item) -> bool:
    return item.get_closest_marker("django_db") is not None or bool(
        _DB_FIXTURES & set(getattr(item, "fixturenames", ()))
    )


def pytest_collection_modifyitems(config, items):
    """``GOVREPORTS_DB_TESTS_ONLY=1`` deselects the tests that use no database (the parser,
    formatting, the number rules...). CI sets it for its PostgreSQL run: those tests give
    the same result whatever the database, and they already ran on SQLite in the same CI
    run; running them twice took CI over its 20 minutes on a slow day."""
    if os.environ.get("GOVREPORTS_DB_TESTS_ONLY") != "1":
        return
    kept = [item for item in items if _uses_database(item)]
    if len(kept) != len(items):
        config.hook.pytest_deselected(items=[item for item in items if not _uses_database(item)])
        items[:] = kept
