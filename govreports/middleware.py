"""Project middleware."""

import re

from django.conf import settings
from django.core.exceptions import TooManyFieldsSent
from django.db import OperationalError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.utils.translation import gettext as _
from django.views.defaults import page_not_found

# C0 control characters and DEL: no cookie of ours (session id, CSRF token, language code)
# ever holds one.
CONTROL_CHARS = re.compile(r"[\x00-\x1f\x7f]")


def answers_nul_in_query(view):
    """Mark a view whose query-string parameters all go through a form that refuses a NUL
    (``articles.forms.RefusesNul``) before any query: ``RejectNulBytesMiddleware`` lets a
    NUL in its query string through, so the page shows the translated form error of any
    other bad parameter instead of a bare 400. Returns the view."""
    view.answers_nul_in_query = True
    return view


class RejectNulBytesMiddleware:
    """Keep NUL characters away from the views and so from the database.

    PostgreSQL cannot store or compare text with NUL in it (psycopg raises ``DataError``,
    a 500 in views we do not own, such as the admin's login and autocomplete), and NUL is
    a common probe. One rule for all views, run before the session middleware:

    - a NUL in the path, in a query-string key or value, or in any HTTP header value is
      answered with 400 (no page of ours has a use for one), a short page in the
      request's language; except a NUL in the query string of a view marked
      ``answers_nul_in_query`` (the article list, compare), whose form says what is wrong
      with the parameter, as for any other bad value;
    - a cookie whose name or value holds a NUL or another control character is dropped
      (the request goes on as if the browser had not sent it: a broken session cookie
      means "not logged in", not an error page).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            request.GET  # noqa: B018  parsed now: too many parameters raise here
        except TooManyFieldsSent:
            return self.too_many(request)
        problem = self.nul_problem(request)
        if problem and not (problem == "query string" and self.form_answers(request)):
            return self.refused(request, problem)
        if CONTROL_CHARS.search(request.META.get("HTTP_COOKIE", "")):
            request.COOKIES = {
                name: value
                for name, value in request.COOKIES.items()
                if not CONTROL_CHARS.search(name) and not CONTROL_CHARS.search(value)
            }
        return self.get_response(request)

    @staticmethod
    def form_answers(request: HttpRequest) -> bool:
        """Is the request's view marked ``answers_nul_in_query``? (A URL resolution, only
        for a request that holds a NUL.)"""
        from django.urls import Resolver404, resolve

        try:
            match = resolve(request.path_info)
        except Resolver404:
            return False
        return getattr(match.func, "answers_nul_in_query", False)

    @staticmethod
    def refused(request: HttpRequest, problem: str = "") -> HttpResponse:
        """400, saying in the request's language (``?lang=``, the language cookie or
        Accept-Language: the locale middleware has not run yet) that a NUL was refused;
        for a NUL in the query string, naming the parameters that hold one (NULs
        dropped from their names), as the forms' own error does (a new-user pass read
        the general message for ``/regions/510821/?page=%00``)."""
        from django.utils import translation
        from django.utils.translation import pgettext

        code = supported_language(request.GET.get("lang"))
        if code is None:
            code = translation.get_language_from_request(request)
        names = [
            key.replace("\x00", "")
            for key, values in request.GET.lists()
            if "\x00" in key or any("\x00" in v for v in values)
        ]
        with translation.override(code):
            if problem == "query string" and names:
                text = _("地址中的参数“%(names)s”含有空字符（NUL），无法处理：请删去它。") % {
                    "names": pgettext("list separator", "、").join(names)
                }
            else:
                text = _("请求中含有空字符（NUL），无法处理：请检查地址。")
        return HttpResponseBadRequest(text, content_type="text/plain; charset=utf-8")

    @staticmethod
    def too_many(request: HttpRequest) -> HttpResponse:
        """400, in the request's language (the language cookie or Accept-Language: the
        query cannot be read for ``?lang=``), for a query string with more parameters
        than ``DATA_UPLOAD_MAX_NUMBER_FIELDS``. Django's own answer was its 400 page
        with DEBUG off, and with DEBUG on (``make run``) a bare 500: its debug page read
        the query again (a new-user pass sent 1,001 parameters)."""
        from django.utils import translation

        with translation.override(translation.get_language_from_request(request)):
            text = _("地址中的参数太多（最多%(limit)s个），无法处理：请检查地址。") % {
                "limit": settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
            }
        return HttpResponseBadRequest(text, content_type="text/plain; charset=utf-8")

    @staticmethod
    def nul_problem(request: HttpRequest) -> str | None:
        """Where the request holds a NUL, other than in its cookies: ``"path"``,
        ``"query string"`` or ``"header X-Name"``; None when nowhere."""
        if "\x00" in request.path_info:
            return "path"
        if any(
            "\x00" in key or any("\x00" in v for v in values) for key, values in request.GET.lists()
        ):
            return "query string"
        for key, value in request.META.items():
            if key.startswith("HTTP_") and key != "HTTP_COOKIE" and "\x00" in str(value):
                return "header " + key[5:].replace("_", "-").title()
        return None


# PostgreSQL's SQLSTATE for a statement cancelled by statement_timeout.
QUERY_CANCELED = "57014"


class StatementTimeoutMiddleware:
    """Answer 503 (with ``Retry-After``), not 500, when PostgreSQL cancels a request's
    statement at ``statement_timeout`` (``DJANGO_DB_STATEMENT_TIMEOUT_MS``): the request
    was too costly for now, the site is not broken. Other database errors pass on."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception):
        if not isinstance(exception, OperationalError):
            return None
        if getattr(exception.__cause__, "sqlstate", None) != QUERY_CANCELED:
            return None
        response = HttpResponse(
            _("这个请求用时过长，已被中止。请缩小筛选范围后重试。"),
            status=503,
            content_type="text/plain; charset=utf-8",
        )
        response["Retry-After"] = "30"
        return response


class LanguageParameterMiddleware:
    """``?lang=en`` or ``?lang=zh-hans`` opens the page in that language, whatever the
    cookie says, so a shared link opens in the language it was made in (issue 10.8). Put
    after ``LocaleMiddleware``. Other spellings of those codes are read as them
    (``supported_language``: ``zh``, ``zh-CN``, ``en-US``). An unknown ``lang`` is
    ignored (the cookie or the browser decides, as without it).
    ``request.url_without_lang`` is the page's URL without the parameter: the language
    switch returns there, so its choice is not overridden. It
    also leaves out empty parameters (``regions=&date_after=`` of a form submitted
    without JavaScript), which filter nothing, so the address the reader returns to is
    the one a submitted form with JavaScript has.

    The language of a ``lang`` is also kept in the language cookie (as the language
    switch, Django's ``set_language``, keeps it) when the cookie says otherwise: the
    pages a reader opens from there are in it too. The parameter held for one page only,
    so a shared English link turned Chinese at the first click for a reader whose
    browser asks for Chinese (a new-user pass). Outside ``PageCacheMiddleware``: the
    cookie is never part of a stored page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from django.utils import translation

        query = request.GET.copy()
        code = supported_language(query.pop("lang", [""])[-1])
        for key, values in list(query.lists()):  # a form sent without JavaScript: empty
            query.setlist(key, [v for v in values if v])  # fields say nothing; drop them
        encoded = query.urlencode()
        request.url_without_lang = request.path + (f"?{encoded}" if encoded else "")
        if code is None:
            return self.get_response(request)
        request.LANGUAGE_CODE = code
        with translation.override(code):  # the thread's language is restored afterwards
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", code)
        if request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) != code:
            _keep_language(response, code)
        if response.streaming and not response.is_async:  # rows made as they are sent
            response.streaming_content = _in_language(code, response.streaming_content)
        return response


def supported_language(code: str | None) -> str | None:
    """The code of ``settings.LANGUAGES`` a ``?lang=`` value names, in any letter case and
    with ``_`` or ``-``: ``zh``, ``zh-cn``, ``zh_CN``, ``zh-Hans`` and ``zh-tw`` give
    ``zh-hans``, ``en-us`` and ``EN`` ``en`` (Django's ``get_supported_language_variant``,
    whose fallbacks are ``django.conf.locale.LANG_INFO``'s); None for an empty or unknown
    code. Only ``zh-hans`` and ``en`` were read: ``?lang=zh`` was ignored (a new-user
    pass)."""
    from django.utils.translation import get_supported_language_variant

    text = (code or "").strip().lower().replace("_", "-")
    if not text or len(text) > 20:
        return None
    try:
        found = get_supported_language_variant(text)
    except LookupError:
        return None
    return found if found in dict(settings.LANGUAGES) else None


def _keep_language(response: HttpResponse, code: str) -> None:
    """Set the language cookie to ``code`` with the attributes ``set_language`` gives it."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )


def _in_language(code: str, chunks):
    """``chunks`` made with ``code`` the active language. A streamed export (CSV, JSON)
    builds its rows while the server sends them, after the view returned and
    ``translation.override`` ended: a region's CSV with ``?lang=en`` named its indicators
    and wrote its values in Chinese (健身器材, 25套). The language is set around each chunk
    only, so the thread's own is back between two (a gthread worker serves others)."""
    from django.utils import translation

    iterator, end = iter(chunks), object()
    while True:
        with translation.override(code):
            chunk = next(iterator, end)
        if chunk is end:
            return
        yield chunk


class BadPageMiddleware:
    """Answer ``articles.filters.BadPage`` (``?page=abc``, ``0``, beyond the last page, on
    the list, a search, a region's articles and metrics, compare's table, and their
    exports) as every other bad parameter is answered: a 400 page naming the parameter and
    saying what is wrong (``articles/bad_param.html``), or for an export
    (``?format=csv|json``) the JSON errors every export refuses with. One place, so every
    paged page answers alike (it was Django's 404, a yellow page with DEBUG on). The
    admin's review queue answers its own, in the admin's layout."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception):
        from articles.filters import BadPage
        from articles.views.lists import EXPORT_FORMATS, bad_param

        if not isinstance(exception, BadPage):
            return None
        fmt = request.GET.get("format")
        fmt = fmt if fmt in EXPORT_FORMATS else None
        return bad_param(request, exception.param, exception, fmt, keep_others=True)


class NotFoundPageMiddleware:
    """With ``DEBUG`` on (``make run``, the README's first command), answer a page that
    does not exist (``/articles/999999/``, ``/regions/abc/``, an address no URL pattern
    matches) with the site's own 404 page (``templates/404.html``: the header, the
    language switch, a way back, in the reader's language), as production does, instead
    of Django's technical page listing the URL patterns, in English, 16 px wider than a
    phone (a new-user pass). The admin keeps Django's page, exports their JSON, and with
    ``DEBUG`` off Django renders the same template itself (``handler404``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            settings.DEBUG
            and response.status_code == 404
            and not response.streaming
            and response.get("Content-Type", "").startswith("text/html")
            and not request.path.startswith("/admin/")
        ):
            return page_not_found(request, Http404())
        return response
