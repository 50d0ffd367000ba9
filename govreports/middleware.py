"""Project middleware."""

import re

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest

# C0 control characters and DEL: no cookie of ours (session id, CSRF token, language code)
# ever holds one.
CONTROL_CHARS = re.compile(r"[\x00-\x1f\x7f]")


class RejectNulBytesMiddleware:
    """Keep NUL characters away from the views and so from the database.

    PostgreSQL cannot store or compare text with NUL in it (psycopg raises ``DataError``,
    a 500 in views we do not own, such as the admin's login and autocomplete), and NUL is
    a common probe. One rule for all views, run before the session middleware:

    - a NUL in the path, in a query-string key or value, or in any HTTP header value is
      answered with 400 (no page of ours has a use for one);
    - a cookie whose name or value holds a NUL or another control character is dropped
      (the request goes on as if the browser had not sent it: a broken session cookie
      means "not logged in", not an error page).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        problem = self.nul_problem(request)
        if problem:
            return HttpResponseBadRequest(f"NUL character in the {problem}")
        if CONTROL_CHARS.search(request.META.get("HTTP_COOKIE", "")):
            request.COOKIES = {
                name: value
                for name, value in request.COOKIES.items()
                if not CONTROL_CHARS.search(name) and not CONTROL_CHARS.search(value)
            }
        return self.get_response(request)

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
