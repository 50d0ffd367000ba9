"""Links of a list page that each change one parameter of the page's query.

``url_maker(params)`` gives ``link(name, value)``, equal to
``filters.url_with(params, **{name: value})``: the query without the page number and the
export format, ``name`` set to ``value`` in its place (appended when absent) or removed
for None. The other parameters are encoded once per page, not once per link: a list page
builds a link for each of its 30 to 100 facet values, and ``url_with`` copied and encoded
the whole query each time (0.5 ms of a page at 100,000 articles).
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.http import QueryDict

#: Parameters that are state of the page but not filters: dropped from facet links etc.
#: (a new filter starts again at page 1; an export's format is its own link).
NON_FILTER_PARAMS = ("page", "format")


def _pair(key: str, value) -> str:
    """One ``key=value`` of ``QueryDict.urlencode`` (UTF-8, ``quote_plus``)."""
    return urlencode({key.encode("utf-8"): str(value).encode("utf-8")})


def url_maker(params: QueryDict) -> Callable[[str, str | int | None], str]:
    """``link(name, value)`` equal to ``url_with(params, **{name: value})``, with every
    other parameter encoded once, not once per link: a list page builds a link for each
    of its 30 to 100 facet values (``url_with`` copied and encoded the whole query each
    time, 0.5 ms a page)."""
    kept = [
        (key, [_pair(key, v) for v in values])
        for key, values in params.lists()
        if key not in NON_FILTER_PARAMS
    ]

    def link(name: str, value: str | int | None) -> str:
        parts, found = [], False
        for key, pairs in kept:
            if key != name:
                parts += pairs
                continue
            found = True
            if value is not None:
                parts.append(_pair(name, value))  # in the key's place, as ``url_with``
        if not found and value is not None:
            parts.append(_pair(name, value))
        return "?" + "&".join(parts)

    return link


def url_with(params: QueryDict, **changes: str | int | None) -> str:
    """``?query`` with ``changes`` applied to ``params`` (``None`` removes a key) and the
    page number dropped, since a new filter starts again at page 1."""
    query = QueryDict(mutable=True)  # not ``params.copy()``: a deepcopy per facet link
    for key, values in params.lists():
        if key not in NON_FILTER_PARAMS:
            query.setlist(key, list(values))
    for key, value in changes.items():
        if value is None:
            query.pop(key, None)
        else:
            query[key] = str(value)  # keeps the key's place, so links stay stable
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else "?"


def joined_values(params: QueryDict, name: str) -> QueryDict:
    """``params`` with the non-empty values of ``name`` joined by commas into one, in its
    first place: ``regions=&regions=510821`` -> ``regions=510821``, ``regions=旺苍县&
    regions=苍溪县`` -> ``regions=旺苍县,苍溪县``. The compare form has two controls named
    ``regions`` (the list typed by hand and the picker that adds one), and a browser
    without JavaScript submits both; a ``QueryDict`` reads only the last. ``params``
    itself (no copy) when ``name`` has at most one value."""
    values = params.getlist(name)
    if len(values) < 2:
        return params
    joined = params.copy()
    joined.setlist(name, [",".join(v.strip() for v in values if v.strip())])
    return joined


def without_empty(params: QueryDict) -> QueryDict:
    """``params`` without its empty (or blank) values, the others in their order:
    ``?indicator=x&level=&regions=&per=total`` -> ``?indicator=x&per=total``. A GET form
    sends every field, so each link a page builds from a submitted query (tabs, levels,
    sorting, the table's search) carried a run of empty parameters (a new-user pass);
    every parameter the compare page reads means the same empty as absent. ``params``
    itself (no copy) when nothing is empty."""
    if all(v.strip() for _key, values in params.lists() for v in values):
        return params
    kept = params.copy()
    for key, values in params.lists():
        filled = [v for v in values if v.strip()]
        if filled:
            kept.setlist(key, filled)
        else:
            del kept[key]
    return kept
