"""Project middleware."""

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest


class RejectNulBytesMiddleware:
    """Answer 400 to a query string containing a NUL character (``%00``).

    No page of ours has a use for one, PostgreSQL cannot store or compare text with NUL in
    it (psycopg raises ``DataError``, a 500 in views we do not own, such as the admin's
    autocomplete), and it is a common probe. Rejecting it here is one rule for all views.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if any(
            "\x00" in key or any("\x00" in v for v in values) for key, values in request.GET.lists()
        ):
            return HttpResponseBadRequest("NUL character in the query string")
        return self.get_response(request)
