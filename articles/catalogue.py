"""The topic and indicator catalogues as the database holds them now.

The parser (``articles.ingest``) is pure and takes its catalogues as arguments; this is
where the write path gets them, so that a topic or indicator edited in the admin is what
the next ingest and every re-extraction use. Two queries; building the catalogues from
a few hundred rows takes well under a millisecond.
"""

from __future__ import annotations

from .ingest.classify import TopicCatalog
from .ingest.indicators import IndicatorCatalog
from .models import Indicator, Topic


def topic_catalogue() -> TopicCatalog:
    """Every Topic row as a ``TopicCatalog`` (slug, names, keywords), in slug order."""
    return TopicCatalog.from_rows(Topic.objects.values("slug", "name_zh", "name_en", "keywords"))


def indicator_catalogue() -> IndicatorCatalog:
    """Every Indicator row as an ``IndicatorCatalog`` (slug, unit, phrases, topic), in
    the catalogue's order (primary key, i.e. the fixture's order, then admin additions)."""
    return IndicatorCatalog.from_rows(
        Indicator.objects.order_by("pk").values(
            "slug", "unit", "phrases", "topic__slug", "name_zh", "name_en"
        )
    )
