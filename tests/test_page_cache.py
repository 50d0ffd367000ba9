"""Whole public pages kept for anonymous readers under the data version (articles.page_cache).

Every test turns the page cache on, once over an in-memory cache (Django's generic
calls) and once over Redis (``govreports.redis_cache.RedisCache``: one script and one
pipeline; skipped without Redis, except in CI). The suite's default is the database
cache with the page cache off, as on a machine without Redis.
"""

import os
import re

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse

from articles.cache import data_changed, data_version
from tests.factories import ArticleFactory, StaffUserFactory, region, volunteer_metric
from tests.services import REDIS_URL, count_redis_commands, redis_or_skip

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _redis_backend() -> dict:
    redis_or_skip()
    # a prefix of this process's own: CI runs the suites side by side on one Redis
    prefix = f"test-page-cache-{os.getpid()}"
    return {
        "BACKEND": "govreports.redis_cache.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": prefix,
    }


@pytest.fixture(autouse=True, params=["locmem", "redis"])
def page_cache(request, settings):
    if request.param == "redis":
        settings.CACHES = {"default": _redis_backend()}
    else:
        settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    settings.PAGE_CACHE_SECONDS = 300
    from django.core.cache import cache

    _clear(cache)
    yield request.param
    _clear(cache)


def _keys(cache) -> list[str]:
    """Every key this test's cache holds (without Django's prefix and version)."""
    if hasattr(cache._cache, "get_client"):  # Redis: this process's prefix only
        prefix = f"{cache.key_prefix}:1:"
        found = cache._cache.get_client().scan_iter(match=f"{prefix}*")
        return [key.decode()[len(prefix) :] for key in found]
    return [key.split(":", 2)[2] for key in cache._cache]


def _clear(cache) -> None:
    cache.delete_many(_keys(cache))  # Redis: not FLUSHDB, which the other suite shares


def test_a_second_anonymous_request_is_answered_without_the_database(
    client, django_assert_num_queries
):
    volunteer_metric("510821", 51104, None)
    url = reverse("articles:list")
    first = client.get(url)
    assert first.status_code == 200 and "X-Page-Cache" not in first
    with django_assert_num_queries(0):
        second = Client().get(url)
    assert second["X-Page-Cache"] == "hit"
    # the same page, but for the language switch's CSRF token
    assert TOKEN.sub("", second.content.decode()) == TOKEN.sub("", first.content.decode())
    assert "测试文章" in second.content.decode()


@pytest.mark.parametrize(
    "name, args",
    [
        ("articles:overview", []),
        ("articles:detail", None),
        ("articles:region", ["510821"]),
        ("articles:compare", []),
    ],
)
def test_every_public_page_is_kept(client, name, args):
    metric = volunteer_metric("510821", 51104, None)
    url = reverse(name, args=[metric.article_id] if args is None else args)
    assert client.get(url).status_code == 200
    assert Client().get(url)["X-Page-Cache"] == "hit"


def test_each_reader_gets_a_token_of_their_own_that_works():
    url = reverse("articles:overview")
    first = Client(enforce_csrf_checks=True)
    first_token = TOKEN.search(first.get(url).content.decode()).group(1)
    reader = Client(enforce_csrf_checks=True)
    page = reader.get(url)
    assert page["X-Page-Cache"] == "hit"
    token = TOKEN.search(page.content.decode()).group(1)
    assert token != first_token and "{" not in token
    assert "csrftoken" in page.cookies  # the token matches the cookie this answer sets
    answer = reader.post(reverse("set_language"), {"language": "en", "next": url})
    assert answer.status_code == 403  # checks are on: without the token, refused
    answer = reader.post(
        reverse("set_language"), {"language": "en", "next": url, "csrfmiddlewaretoken": token}
    )
    assert answer.status_code == 302


def test_a_write_shows_at_once(client):
    volunteer_metric("510821", 51104, None)
    url = reverse("articles:list")
    assert "新文章标题" not in client.get(url).content.decode()
    assert Client().get(url)["X-Page-Cache"] == "hit"
    ArticleFactory(region=region("510821"), title="新文章标题")
    fresh = Client().get(url)
    assert "X-Page-Cache" not in fresh and "新文章标题" in fresh.content.decode()


def test_a_publication_renamed_in_the_admin_shows_at_once(client):
    metric = volunteer_metric("510821", 51104, None)
    url = reverse("articles:detail", args=[metric.article_id])
    assert "改名后的报纸" not in client.get(url).content.decode()
    publication = metric.article.page.publication
    publication.name = "改名后的报纸"
    publication.save()
    assert "改名后的报纸" in Client().get(url).content.decode()


def test_an_ingest_shows_at_once(client, seed_text, django_capture_on_commit_callbacks):
    from articles.services import ingest_page

    url = reverse("articles:overview")
    assert "青海省" not in client.get(url).content.decode()
    assert Client().get(url)["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        ingest_page(text=seed_text)
    assert "青海省" in Client().get(url).content.decode()


def test_languages_are_kept_apart():
    url = reverse("articles:overview")
    chinese = Client().get(url, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    english = Client().get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert "X-Page-Cache" not in english  # not the Chinese page
    assert english.content.decode() != chinese
    assert 'lang="en"' in english.content.decode()
    assert Client().get(url, HTTP_ACCEPT_LANGUAGE="en")["X-Page-Cache"] == "hit"


def test_hosts_are_kept_apart():
    """Pages carry absolute links (compare's citation line): one host's page is never
    served on another."""
    url = reverse("articles:overview")
    assert Client().get(url, HTTP_HOST="localhost").status_code == 200
    other = Client().get(url, HTTP_HOST="127.0.0.1")
    assert other.status_code == 200 and "X-Page-Cache" not in other
    assert Client().get(url, HTTP_HOST="localhost")["X-Page-Cache"] == "hit"


def test_staff_are_never_served_a_kept_page_nor_leave_one(client):
    volunteer_metric("510821", 51104, None)
    url = reverse("articles:list")
    staff = Client()
    staff.force_login(StaffUserFactory())
    assert "X-Page-Cache" not in staff.get(url)
    assert "X-Page-Cache" not in client.get(url)  # the staff view was not kept
    assert "X-Page-Cache" not in staff.get(url)  # nor the anonymous one served to staff


def test_exports_errors_and_other_methods_are_not_kept(client):
    metric = volunteer_metric("510821", 51104, None)
    csv = reverse("articles:list") + "?format=csv"
    client.get(csv)
    assert "X-Page-Cache" not in Client().get(csv)
    missing = reverse("articles:detail", args=[metric.article_id + 1000])
    assert client.get(missing).status_code == 404
    assert "X-Page-Cache" not in Client().get(missing)
    url = reverse("articles:list")
    client.head(url)
    assert "X-Page-Cache" not in Client().get(url)


def test_a_write_inside_a_transaction_moves_the_version_again_at_commit(
    django_capture_on_commit_callbacks,
):
    """A reader that took the new version before the commit saw the old rows and may have
    kept a page under it: the move at commit leaves that page behind, once per
    transaction however many rows it writes."""
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            before = data_version()
            data_changed()
            data_changed()
            during = data_version()
    assert during == before + 2
    assert data_version() == during + 1


# --------------------------------------------------------------------------- no stampede


class _SlowPage:
    """A view that renders only when ``release`` is set, counting its calls."""

    def __init__(self, status=200, fail=False):
        import threading

        self.release, self.started, self.calls = threading.Event(), threading.Event(), 0
        self.status, self.fail = status, fail

    def __call__(self, request):
        from django.http import HttpResponse

        self.calls += 1
        self.started.set()
        self.release.wait(5)
        if self.fail:
            raise RuntimeError("renderer failed")
        return HttpResponse("<p>page</p>", status=self.status, content_type="text/html")


def _request(url):
    from django.contrib.auth.models import AnonymousUser
    from django.test import RequestFactory
    from django.urls import resolve

    request = RequestFactory().get(url)
    request.resolver_match = resolve(url)
    request.user = AnonymousUser()
    request.LANGUAGE_CODE = "zh-hans"
    return request


def _serve_in_thread(middleware, url, view, results):
    """Run one request through ``middleware`` as Django's handler does (``process_view``
    inside ``get_response``), in a thread; its response is appended to ``results``."""
    import threading

    def run():
        from django.db import connections

        try:
            results.append(middleware(_request(url)))
        except RuntimeError as error:
            results.append(error)
        finally:
            # the thread's own connection (the database cache's), closed as Django's
            # handler closes it: left open, PostgreSQL could not drop the test database
            # at the end of CI's run ("being accessed by other users")
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def _middleware(view):
    from articles.page_cache import PageCacheMiddleware

    holder = {}

    def get_response(request):
        return holder["mw"].process_view(request, view, (), {}) or view(request)

    holder["mw"] = PageCacheMiddleware(get_response)
    return holder["mw"]


@pytest.mark.parametrize("name", ["articles:list", "articles:overview"])
def test_requests_for_a_page_being_rendered_wait_for_it_instead_of_rendering_it_again(
    settings, name
):
    settings.PAGE_CACHE_WAIT_SECONDS = 5
    view = _SlowPage()
    middleware, url, results = _middleware(view), reverse(name), []
    import threading

    first = _serve_in_thread(middleware, url, view, results)
    assert view.started.wait(5)  # the first request holds the lock and is rendering
    entered, wait = threading.Semaphore(0), middleware.wait
    middleware.wait = lambda key, lock: entered.release() or wait(key, lock)
    waiting = [_serve_in_thread(middleware, url, view, results) for _ in range(3)]
    for _ in waiting:  # all three found the lock taken before the page is there
        assert entered.acquire(timeout=5)
    view.release.set()
    for thread in [first, *waiting]:
        thread.join(5)
        assert not thread.is_alive()
    assert view.calls == 1
    assert sorted(r.get("X-Page-Cache", "rendered") for r in results) == [
        "rendered",
        "wait",
        "wait",
        "wait",
    ]
    assert all(r.content == b"<p>page</p>" for r in results)


@pytest.mark.parametrize("status, fail", [(404, False), (200, True)])
def test_when_the_renderer_stores_nothing_the_waiting_requests_render_it_themselves(
    settings, status, fail
):
    """A 404 (not cached) or a failed rendering releases the lock: a waiting request
    renders the page itself at once, not after ``PAGE_CACHE_WAIT_SECONDS`` (60 here)."""
    from django.core.cache import cache

    settings.PAGE_CACHE_WAIT_SECONDS = 60
    view = _SlowPage(status=status, fail=fail)
    middleware, url, results = _middleware(view), reverse("articles:list"), []
    first = _serve_in_thread(middleware, url, view, results)
    assert view.started.wait(5)
    view.started.clear()
    second = _serve_in_thread(middleware, url, view, results)
    view.release.set()
    first.join(5)
    second.join(5)  # far below the 60 s it would wait for a page that never comes
    assert not first.is_alive() and not second.is_alive()
    assert view.calls == 2
    assert not [key for key in _keys(cache) if key.endswith(":lock")]  # nothing left locked


def test_with_redis_a_miss_costs_two_round_trips_and_a_hit_one(page_cache, monkeypatch, client):
    """The data version, the page and its lock are read and taken by one script; the
    page is stored and its lock released by one pipeline (six calls before: 0.3 ms of
    redis-py's CPU each)."""
    if page_cache != "redis":
        pytest.skip("round trips are the Redis backend's")

    volunteer_metric("510821", 51104, None)
    sent = count_redis_commands(monkeypatch)
    url = reverse("articles:list")
    client.get(url)  # registers the script: a cold cache costs one more (SCRIPT LOAD) once
    from django.core.cache import cache

    _clear(cache)
    sent.clear()
    assert "X-Page-Cache" not in client.get(url)
    assert len(sent) == 2
    sent.clear()
    assert Client().get(url)["X-Page-Cache"] == "hit"
    assert len(sent) == 1
