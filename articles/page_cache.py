"""Whole public pages for anonymous readers, kept in the shared cache under the data version.

A public page (overview, article list and search, article, region, compare) is the same
for every anonymous reader of one language at one address, except for the language
switch's CSRF token. ``PageCacheMiddleware`` keeps the rendered HTML of such a page in
Django's cache (Redis in production: shared by every worker and machine) under a key made
of the data version (``articles.cache.data_version``, moved on by every ingest, admin edit
and review), the page's language and its absolute address; the CSRF token is stored as a
placeholder and a fresh one is put in on every answer, so each reader gets a token that
matches their own CSRF cookie. A write therefore never leaves a stale page behind: the
next request looks under the new version, and old entries expire after
``PAGE_CACHE_SECONDS``.

One request renders a missing page; the others wait for it (no stampede). When a page is
missing, the first request takes a lock in the cache (``cache.add``, atomic in Redis
and in every Django cache backend) and renders; requests for the same page that arrive
meanwhile poll the cache every ``WAIT_POLL_SECONDS`` for the page and answer from it as
soon as it is there (``X-Page-Cache: wait``), or render it themselves when the lock is
gone without a page (the answer was not cacheable, or the renderer failed) or after
``PAGE_CACHE_WAIT_SECONDS``. Without this, the first second after a write (or a cold
start) under 32 concurrent readers of a 100 ms page had every worker render the same
page at once: compare's p99 under ``benchmarks/load_wrk.py`` was 1.1 s. This is what
nginx's ``proxy_cache_lock`` and Varnish's request coalescing do in front of a site.

Settings: ``PAGE_CACHE_SECONDS`` (seconds an entry is kept; 0 turns the cache off). The
default is on (300) only when ``REDIS_URL`` is set: with the database cache every miss
would be a write to the database, which on SQLite waits behind an ingest's write lock.
``PAGE_CACHE_WAIT_SECONDS`` (default 5): the longest a request waits for another's
rendering of the same page before it renders the page itself.

Not cached: signed-in users (the admin's staff), anything but GET, any page other than
the five above, answers other than 200, streamed answers (CSV/JSON exports), anything not
HTML, and requests that carry messages.
"""

from __future__ import annotations

import hashlib
import re
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token

from govreports.redis_cache import VERSION

from .cache import DATA_VERSION_KEY, data_version, first_version

#: The URL names of the pages kept (``app:name`` as ``request.resolver_match`` gives it).
CACHED_VIEWS = frozenset(
    {
        "articles:overview",
        "articles:list",
        "articles:detail",
        "articles:region",
        "articles:compare",
    }
)
#: Stands in for the CSRF token in a stored page (never a valid token: it has a space).
TOKEN_PLACEHOLDER = b"{csrf token}"
_TOKEN = re.compile(rb'(name="csrfmiddlewaretoken" value=")([^"]*)(")')
_KEPT_HEADERS = ("Content-Type", "Content-Language")
#: How often a request waiting for another's rendering of its page looks for it.
WAIT_POLL_SECONDS = 0.01
#: The lock outlives any rendering (gunicorn's timeout is 30 s); a crashed renderer's
#: lock therefore expires by itself.
LOCK_SECONDS = 30


def page_key(request: HttpRequest, version: int | str | None = None) -> str:
    """The cache key of ``request``'s page: data version, language and absolute address.

    The address includes scheme and host because pages carry absolute links (compare's
    citation line); the language is the one the locale middleware chose for this request
    (``?lang=``, the language cookie or Accept-Language). ``version``: the data version
    to put in (``VERSION``, a placeholder, for ``versioned_get_or_lock``); by default
    the current one (``articles.cache.data_version``, a read of the cache).
    """
    address = hashlib.sha1(request.build_absolute_uri().encode("utf-8")).hexdigest()
    version = data_version() if version is None else version
    return f"govreports:page:v{version}:{request.LANGUAGE_CODE}:{address}"


def lookup(request: HttpRequest) -> tuple[str, object, bool]:
    """``(key, stored page or None, took the lock)`` for ``request``'s page: read the
    data version, then the page under it, and take the page's lock (``cache.add`` of
    ``key + ":lock"`` for ``LOCK_SECONDS``) when it is not there.

    One round trip with the Redis backend (``govreports.redis_cache.RedisCache``:
    a script does the three steps in the server); three or four calls with any other.
    """
    combined = getattr(cache, "versioned_get_or_lock", None)
    if combined is not None:
        template = page_key(request, VERSION)  # the address hashed once
        version, stored, locked = combined(
            DATA_VERSION_KEY, template, ":lock", LOCK_SECONDS, first_version()
        )
        return template.replace(VERSION, str(version), 1), stored, locked
    key = page_key(request)
    stored = cache.get(key)
    return key, stored, stored is None and cache.add(f"{key}:lock", 1, LOCK_SECONDS)


def _cacheable_request(request: HttpRequest) -> bool:
    match = request.resolver_match
    return (
        request.method == "GET"
        and match is not None
        and match.view_name in CACHED_VIEWS
        and "messages" not in request.COOKIES
        and not request.user.is_authenticated
    )


def _cacheable_response(response: HttpResponse) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and response.get("Content-Type", "").startswith("text/html")
        and not response.cookies
    )


class PageCacheMiddleware:
    """Answer repeated anonymous GETs of public pages from the shared cache.

    Sits after the session, locale, CSRF, authentication and message middleware (it needs
    the user, the language and the CSRF machinery) and works in ``process_view`` (it needs
    the resolved URL name). With Redis a hit costs one round trip (``lookup``), a miss two
    (``lookup``, then ``store``).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        released = False
        try:
            response = self.get_response(request)
            key = getattr(request, "_page_cache_key", None)
            if key and _cacheable_response(response):
                # stored and unlocked in one round trip with Redis
                self.store(key, response, unlock=getattr(request, "_page_cache_lock", None))
                released = True
            return response
        finally:
            lock = getattr(request, "_page_cache_lock", None)
            if lock and not released:  # nothing stored (or the store failed)
                cache.delete(lock)

    def process_view(self, request, view_func, view_args, view_kwargs):
        seconds = settings.PAGE_CACHE_SECONDS
        if not seconds or not _cacheable_request(request):
            return None
        key, stored, locked = lookup(request)
        if stored is not None:
            return self.answer(request, stored, "hit")
        lock = f"{key}:lock"
        if locked:
            request._page_cache_lock = lock  # this request renders; __call__ unlocks
        else:
            stored = self.wait(key, lock)
            if stored is not None:
                return self.answer(request, stored, "wait")
        request._page_cache_key = key
        return None

    @staticmethod
    def wait(key: str, lock: str):
        """The page stored under ``key`` by the request holding ``lock``, or None when
        the lock is released without one or ``PAGE_CACHE_WAIT_SECONDS`` pass first."""
        deadline = time.monotonic() + settings.PAGE_CACHE_WAIT_SECONDS
        while time.monotonic() < deadline:
            time.sleep(WAIT_POLL_SECONDS)
            found = cache.get_many([key, lock])
            if key in found:
                return found[key]
            if lock not in found:
                return None
        return None

    @staticmethod
    def answer(request: HttpRequest, stored, how: str) -> HttpResponse:
        """The stored page with this reader's CSRF token; ``X-Page-Cache: how``."""
        headers, content = stored
        token = get_token(request).encode("ascii")  # also sets this reader's CSRF cookie
        response = HttpResponse(content.replace(TOKEN_PLACEHOLDER, token), headers=headers)
        response["X-Page-Cache"] = how
        return response

    @staticmethod
    def store(key: str, response: HttpResponse, unlock: str | None = None) -> None:
        """Keep ``response``'s HTML under ``key``, its CSRF tokens as placeholders, and
        release the lock ``unlock`` (one round trip with the Redis backend)."""
        content = _TOKEN.sub(rb"\1" + TOKEN_PLACEHOLDER + rb"\3", response.content)
        headers = {name: response[name] for name in _KEPT_HEADERS if name in response}
        value, seconds = (headers, content), settings.PAGE_CACHE_SECONDS
        combined = getattr(cache, "set_and_delete", None)
        if unlock and combined is not None:
            combined(key, value, seconds, unlock)
            return
        cache.set(key, value, seconds)
        if unlock:
            cache.delete(unlock)
