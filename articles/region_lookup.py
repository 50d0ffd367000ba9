"""A region by its adcode with its parent and grandparent, as
``Region.objects.select_related("parent__parent").filter(adcode=...)`` gives it, from one
statement compiled once per thread and database (``article_page.CompiledRead``).

Every region page and every list filtered by region looks its region up this way; the
ORM compiled the three-table join anew each time (0.4 ms of CPU a request at 100,000
articles, PostgreSQL). The instances are built as the ORM's ``select_related`` builds
them: ``Region.from_db`` of every column, the parent (or None) cached on the child.
"""

from __future__ import annotations

from django.db import router

from .article_page import CompiledRead
from .gazetteer_build import FORMER_ADCODES
from .models import Region

#: ``Region``'s columns in model order (what ``from_db`` takes).
_FIELDS = tuple(f.attname for f in Region._meta.concrete_fields)
_WIDTH = len(_FIELDS)
_PARENT = Region._meta.get_field("parent")

_BY_ADCODE = CompiledRead(
    lambda adcode: (
        Region.objects.filter(adcode=adcode)
        .order_by()
        .values_list(
            *_FIELDS,
            *(f"parent__{f}" for f in _FIELDS),
            *(f"parent__parent__{f}" for f in _FIELDS),
        )
    ),
    marker="\ue000adcode\ue000",  # no adcode is this
)


def region_by_adcode(adcode: str) -> Region | None:
    """The region whose adcode is ``adcode`` (any string; a former code,
    ``gazetteer_build.FORMER_ADCODES``, as today's), with ``parent`` and ``parent.parent``
    read (None where there is none), or None. One query."""
    rows = _BY_ADCODE.rows(FORMER_ADCODES.get(adcode, adcode))
    if not rows:
        return None
    db = router.db_for_read(Region)
    values = rows[0]
    chain = []
    for level in range(3):
        part = values[level * _WIDTH : (level + 1) * _WIDTH]
        chain.append(Region.from_db(db, _FIELDS, part) if part[0] is not None else None)
    region, parent, grandparent = chain
    if parent is not None:
        _PARENT.set_cached_value(parent, grandparent)
    _PARENT.set_cached_value(region, parent)
    return region
