"""Links that keep the page's state: ``{% export_url "csv" %}`` on every page with a download.

Export links are built only here (from the request's query string through
``filters.url_with``), so every page's CSV and JSON carry exactly its filters.
"""

from __future__ import annotations

from django import template

from ..filters import url_with

register = template.Library()


@register.simple_tag(takes_context=True)
def export_url(context, fmt: str) -> str:
    """``?<the page's filters>&format=<fmt>`` (page number dropped): the page's rows as
    ``fmt`` (csv or json). Needs ``request`` in the context.

    A parameter the page set aside as invalid (the list's unknown ``o``: it lists in
    its default order, the field marked) is left out, so the link exports the rows shown;
    with it the export answered 400, as it does to an address that asks for it (a new-user
    pass). So are the names in ``export_ignored`` (compare's table: an unknown ``o``)."""
    filterset = context.get("filter")
    ignored = dict.fromkeys(context.get("export_ignored", ()))  # compare's unknown ``o``
    if filterset is not None and filterset.is_bound:
        ignored.update(dict.fromkeys(filterset.form.errors))
    return url_with(context["request"].GET, format=fmt, **ignored)
