"""The compare table of thousands of regions: searched, sorted and paginated from the query
string, in Python over the rows ``selectors.compare_rows`` already read (no query).

=========== =================================================== =====================
parameter   meaning                                             example
=========== =================================================== =====================
``find``    region name, path or adcode contains (case-blind)   ``广元`` / ``5108``
``o``       sort: ``-value`` (default, largest first),          ``name``
            ``value``, ``name``, ``-name``, ``adcode``,
            ``-adcode``, ``-published``, ``published``,
            ``-change``, ``change`` (rows without one last)
``page``    page of ``TABLE_PAGE_SIZE`` rows (404 if none such)    ``3``
=========== =================================================== =====================

An unknown ``o`` falls back to the default and says so (``CompareTable.sort_error``),
never a 500. The chart and the exports are not paginated: the exports hold every row
the table's ``find`` keeps, in its sort (``table_rows``; an unknown ``o`` is a 400 there).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from django.core.paginator import Page
from django.http import HttpRequest
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .formatting import active_lang
from .names import reader_sort_key
from .selectors import CompareRow

#: Rows per page of the compare table.
TABLE_PAGE_SIZE = 100
#: The longest ``find`` kept (longer text is cut, never an error).
FIND_MAX_CHARS = 100

DEFAULT_SORT = "-value"
_LATIN = re.compile(r"[A-Za-z]")
_HAN = re.compile(r"[\u4e00-\u9fff]")


def _measure(row: CompareRow):
    """The compared number: the ratio when the row has a per-resident ratio column."""
    return row.ratio if row.ratio_unit else row.value


def _by_name():
    """The key of the table's sort by region: the path in the active language in the
    reader's order (``names.reader_sort_key``: pinyin for Chinese, so 安徽省 comes
    before 北京市 and 上海市 after 山西省), then the adcode."""
    lang = active_lang()
    return lambda r: (reader_sort_key(r.region_path, lang), r.region_adcode)


#: sort key -> (key function, reverse); rows without a number or date sort last.
SORTS = {
    "value": lambda rows: sorted(rows, key=lambda r: (_measure(r) is None, _measure(r) or 0)),
    "-value": lambda rows: sorted(rows, key=lambda r: (_measure(r) is None, -(_measure(r) or 0))),
    "name": lambda rows: sorted(rows, key=_by_name()),
    "-name": lambda rows: sorted(rows, key=_by_name(), reverse=True),
    "adcode": lambda rows: sorted(rows, key=lambda r: r.region_adcode),
    "-adcode": lambda rows: sorted(rows, key=lambda r: r.region_adcode, reverse=True),
    "change": lambda rows: sorted(rows, key=lambda r: (r.change is None, r.change or 0)),
    "-change": lambda rows: sorted(rows, key=lambda r: (r.change is None, -(r.change or 0))),
    "published": lambda rows: sorted(
        rows, key=lambda r: (r.published is None, r.published or date.min)
    ),
    "-published": lambda rows: sorted(
        rows, key=lambda r: (r.published is None, -(r.published or date.min).toordinal())
    ),
}


@dataclass
class CompareTable:
    """One page of the compare table: ``page`` (a Django ``Page`` of ``CompareRow``),
    the ``find`` text and ``sort`` key in force, ``matched`` rows of ``total``, and
    ``sort_error`` (a message) when the ``o`` asked for was not a known sort."""

    page: Page
    find: str
    sort: str
    matched: int
    total: int
    sort_error: str = ""


def matches(row: CompareRow, needle: str, within: tuple[str, ...] = ()) -> bool:
    """True when ``needle`` (already case-folded) is in the row's name (either language),
    path or adcode, or the row's adcode starts with one of ``within``
    (``other_language_prefixes``: the row is, or is inside, a region so named)."""
    texts = (row.region_path, row.region_name_zh, row.region_adcode)
    return row.region_adcode.startswith(within) or any(needle in text.casefold() for text in texts)


def other_language_prefixes(find: str) -> tuple[str, ...]:
    """The adcode prefixes (``models.adcode_prefix``) of the regions whose name in the
    other language contains ``find``: English names for Latin letters on a Chinese page,
    Chinese names for Han characters on an English page. A page's rows carry its own
    language's path (and the Chinese name), so "Wangcang" or "Guangyuan" found nothing on
    the Chinese page, and 广元 nothing on the English one, though each page found its
    own language's (new-user passes). One query, only then."""
    from .models import Region, adcode_prefix

    english = get_language().startswith("en")
    if english and _HAN.search(find):
        named = Region.objects.filter(name__contains=find)
    elif not english and _LATIN.search(find):
        named = Region.objects.filter(name_en__icontains=find)
    else:
        return ()
    return tuple(adcode_prefix(a) for a in named.values_list("adcode", flat=True))


def compare_table(
    request: HttpRequest, rows: list[CompareRow], paginate, default: str = DEFAULT_SORT
) -> CompareTable:
    """The page of ``rows`` the query string asks for (see the module docstring);
    ``paginate(request, rows, per_page)`` is the list views' paginator (``Http404`` for
    a page that does not exist). ``default``: the sort ``rows`` come in (``"-change"``
    in the change view: its header said 数值 ↓ over rows in change order, and a sort
    asked for by value was not made, a new-user pass)."""
    found = table_rows(request, rows, default)
    page = paginate(request, found.rows, TABLE_PAGE_SIZE)
    return CompareTable(page, found.find, found.sort, len(found.rows), len(rows), found.error)


@dataclass
class TableRows:
    """Every row of the compare table, all pages: ``rows`` those ``find`` keeps, in the
    ``sort`` in force (the rows given, unbuilt, when neither changes them); ``error`` a
    message when the ``o`` asked for is no known sort (the default is then in force)."""

    rows: list[CompareRow]
    find: str
    sort: str
    error: str = ""


def table_rows(
    request: HttpRequest, rows: list[CompareRow], default: str = DEFAULT_SORT
) -> TableRows:
    """The rows the table's ``find`` keeps, in its sort ``o`` (see the module docstring),
    every page of them: what ``compare_table`` pages and what the table's exports hold.
    ``rows`` come in the sort ``default``."""
    find = request.GET.get("find", "").strip()[:FIND_MAX_CHARS]
    sort = request.GET.get("o", default) or default
    error = ""
    if sort not in SORTS:
        error = (
            _("未知的排序方式“%(sort)s”，已按变化从大到小排列。")
            if default == "-change"
            else _("未知的排序方式“%(sort)s”，已按数值从大到小排列。")
        ) % {"sort": sort}
        sort = default
    if find:
        needle, within = find.casefold(), other_language_prefixes(find)
        kept = [r for r in rows if matches(r, needle, within)]
    else:
        kept = rows  # a ``LazyRows`` stays one: the page builds the rows it shows
    return TableRows(kept if sort == default else SORTS[sort](kept), find, sort, error)
